### Demography monitoring: population, projections, assumption sets, childcare and school planning

card-demography = Demography monitoring
card-demography-empty = No population data yet. First import the population of your municipalities.

card-demography-hint = Regions with population, projections and the places needed in crèche, kindergarten and primary school.
validation-unknown-facility = Unknown kind of facility.
validation-invalid-year = Please give a year between 1900 and 2200.
validation-invalid-places = Please give a whole number of places (0 or more).
validation-invalid-share = Please give a share between 1 and 100 percent.
validation-unknown-measure = Unknown measure.
conflict-demography-no-data = No population data have been imported yet.
dm-title = Demography
dm-intro = Population by age and sex down to the village, projections with their uncertainty, and the places needed in crèche, kindergarten and primary school.
dm-no-run = No projection has been computed yet.
dm-run-line = Projection from base year { $base } to { $last }
dm-regions-empty = No regions yet. Import the region hierarchy first.
dm-regions-caption = Region hierarchy with the latest recorded population
dm-region = Region
dm-key = Key
dm-level = Level
dm-population = Population
dm-year = Year
dm-note = Note
dm-download = Download
dm-back = Back to the overview
dm-breadcrumbs = Region hierarchy
dm-children = Areas within
dm-method = Projection method
dm-level-land = State
dm-level-kreis = District
dm-level-gemeinde = Municipality
dm-level-ortsteil = Village or locality
dm-method-cohort-component = Cohort-component method with the area's own rates (shrunk toward the parent area)
dm-method-hamilton-perry = Hamilton–Perry (cohort-change ratios from two observations), fitted to the parent area
dm-method-parent-rates = Rates of the parent area, fitted to it
dm-method-standard-schedule = Standard rates (no flow data available)
dm-method-no-base-data = No population in the base year – no projection
dm-compare-title = Compare localities
dm-compare-choose = Choose localities
dm-compare-submit = Compare
dm-compare-empty = Please choose at least one locality.
dm-compare-chart = { $measure } compared
dm-compare-desc = One line per locality: observed years and the medium projection. The values are in the table below the chart.
dm-compare-table = Values per year (projected years with the 80 % range in brackets)
dm-compare-children = Compare with the areas within
dm-measure = Measure
dm-measure-total = Total population
dm-measure-band = Age { $band }
dm-measure-median-age = Median age
dm-measure-youth-dependency = Youth dependency ratio
dm-measure-old-age-dependency = Old-age dependency ratio
dm-measure-births = Births
dm-measure-deaths = Deaths
dm-measure-natural-balance = Natural balance
dm-measure-migration-balance = Migration balance
dm-measure-foreign = Foreign nationals
dm-measure-foreign-share = Foreign nationals (% of population)
dm-project-title = Compute the projection
dm-project-hint = Recomputes every region (medium, low and high variants and the 80 % and 95 % ranges) and replaces the previous results.
dm-project-submit = Compute the projection now
dm-projection-done = The projection has been computed.
dm-backtest-title = Back-test
dm-backtest-intro = The same method, run from { $from } with only the data known then, compared with what was observed up to { $to }.
dm-backtest-caption = Error of the projection against the observed population by method, size class and horizon
dm-backtest-method = Method
dm-backtest-size = Size class (people per age band)
dm-backtest-horizon = Years ahead
dm-backtest-units = Comparisons
dm-backtest-all = all
dm-backtest-hint = MAPE: mean absolute percentage error (accuracy). MALPE: mean signed percentage error (positive = projected too high). Each region’s age bands and total are compared.
dm-import-title = Import data
dm-import-hint = Upload one file per table (CSV with comma or semicolon, or the first sheet of an XLSX workbook) or paste CSV text; a chosen file takes precedence over pasted text. Columns as shown; the help (the "Help" link at the top) describes the format. Either everything is taken or nothing.
dm-import-file-label = File (CSV or XLSX)
dm-import-paste-label = or paste CSV text
dm-import-submit = Import
dm-import-refused = The import was refused and nothing was saved. Please correct these lines:
dm-import-issues = Problems found
dm-import-more = … and { $count ->
        [one] one more problem
       *[other] { $count } more problems
    }.
dm-import-done = Imported: { $regions ->
    [one] { $regions } region
   *[other] { $regions } regions
}, { $cells ->
    [one] { $cells } population cell
   *[other] { $cells } population cells
}, { $flows ->
    [one] { $flows } flow cell
   *[other] { $flows } flow cells
}.
dm-file = File
dm-line = Line
dm-problem = Problem
dm-file-regions = Region hierarchy
dm-file-population = Population
dm-file-flows = Flows (births, deaths, moves in and out)
dm-gaps-title = Places and demand
dm-gaps-empty = No capacities have been entered for this locality yet.
dm-gap-shortfall = { $places ->
    [one] From { $year } on, about { $places } place is expected to be missing.
   *[other] From { $year } on, about { $places } places are expected to be missing.
}
dm-gap-none = The places suffice throughout the projection (medium variant).
dm-gap-title = { $facility } in { $region }: free places (+) or missing places (−) per year
dm-gap-desc = Bars: places minus expected demand; thick whiskers: 80 % range, thin whiskers: 95 % range. The values are in the table.
dm-gap-legend-short = missing places
dm-gap-legend-free = free places
dm-gap-legend-interval = uncertainty range
dm-gap-table = { $facility }: places, demand and gap per year
dm-gap = Gap
dm-places = Places
dm-demand = Demand
dm-interval-80 = 80 % range
dm-interval-95 = 95 % range
dm-table-of-chart = Values as a table
dm-facility = Facility
dm-facility-creche = Crèche (ages 0–2)
dm-facility-kindergarten = Kindergarten (ages 3–5)
dm-facility-primary = Primary school (ages 6–9)
dm-pyramid-heading = Population pyramid
dm-pyramid-choose = Projection year
dm-pyramid-title = Population by age and sex: { $base } and { $year }
dm-pyramid-desc = Horizontal bars per age group, men on the left, women on the right; filled: the base year, outlined in orange: the chosen projection year. The values are in the table.
dm-pyramid-base = { $year } (base year)
dm-pyramid-projected = { $year } (projection)
dm-male = Men
dm-female = Women
dm-pyramid-foreign = { $year }: of whom foreign nationals (hatched)
dm-pyramid-desc-foreign = Horizontal bars per age group, men on the left, women on the right; filled: the base year, the hatched outer part of each bar being the foreign nationals; outlined in orange: the chosen projection year. The values of both groups are in the table.
dm-male-foreign = Men, foreign nationals
dm-female-foreign = Women, foreign nationals
dm-age = Age
dm-show = Show
dm-series-heading = Development
dm-series-title = { $measure } in { $region }
dm-series-desc = Observed values as a solid line, the medium projection dashed with its 80 % and 95 % ranges, the low and high variants dotted. The values are in the table.
dm-series-observed = Observed
dm-series-medium = Medium variant
dm-series-low = Low variant
dm-series-high = High variant
dm-indicators-heading = Indicators
dm-indicators-hint = Planning age groups; youth dependency ratio = people under 20 per 100 aged 20 to 64, old-age dependency ratio = people aged 65 and over per 100 aged 20 to 64. Projected years: medium variant.
dm-year-projected = { $year } (projected)
dm-population-cells = Population by single year of age
dm-capacities-heading = Capacities
dm-capacities-empty = No places entered yet.
dm-year-from = From year
dm-take-up = Take-up
dm-take-up-hint = Share of the children of the age group who need a place, in percent (empty: crèche 55, kindergarten 95, primary school 100).
dm-capacity-save = Save capacity
dm-capacity-saved = The capacity has been saved.
dm-capacity-deleted = The entry has been deleted.
dm-delete = Delete
dm-actions = Actions

# Demography assumption sets and base years
dm-method-assumption-set = Rates of the assumption set (the parent's where it gives none)
dm-file-assumptions = Assumption set (explicit rates)
dm-kind-fertility = fertility
dm-kind-mortality = mortality
dm-kind-emigration = emigration
dm-kind-immigration = immigration
dm-kind-acquisition = naturalisation
dm-kind-german_births = German children of foreign mothers (share)
dm-rates-used = Rates of this projection
dm-rates-base-years-all = Rates derived from the observed flows of every year with flows ({ $from }–{ $to })
dm-rates-base-years-chosen = Rates derived from the observed flows of the chosen base years { $from }–{ $to }
dm-rates-no-flows = No flows observed: parents' rates and the standard schedule
dm-rates-set = Explicit rates of the assumption set “{ $name }” for: { $regions }
dm-rates-no-set = No assumption set: every rate derived from the observed history
dm-base-years = Base years of the derived rates
dm-base-years-hint = Regions without explicit rates derive them from their flows of these years, small numbers shrunk toward the parent region's rates.
dm-base-from = From
dm-base-to = To
dm-base-first = first observed year
dm-base-last = last observed year
dm-assumption-set = Assumption set
dm-assumption-derived = none: derived from the observed history
dm-assumptions-title = Assumption sets
dm-assumptions-hint = Explicit rates as statistical offices publish them: fertility (births per woman by mother's age), mortality and emigration (probabilities by sex and age), immigration (persons per year by sex and age), each optionally valid from a year and optionally for German or foreign nationals only; for areas whose population has nationality also acquisition of citizenship (probability by sex and age) and the share of German children of foreign mothers (german_births, one value). One file per set (CSV or the first sheet of an XLSX workbook); the same name again replaces the set. the help (the "Help" link at the top) describes the format.
dm-assumptions-empty = No assumption set has been imported yet.
dm-assumptions-caption = Stored assumption sets
dm-assumptions-name = Name of the set
dm-assumptions-regions = Regions
dm-assumptions-kinds = Kinds
dm-assumptions-rows = Values
dm-assumptions-imported = Imported
dm-assumptions-delete = Delete
dm-assumptions-delete-named = Delete assumption set { $name }
dm-assumptions-submit = Import assumption set
dm-assumptions-done = Assumption set imported: { $regions ->
    [one] { $regions } region
   *[other] { $regions } regions
}, { $rows ->
    [one] { $rows } value
   *[other] { $rows } values
}.
dm-assumptions-replaced = Assumption set replaced: { $regions ->
    [one] { $regions } region
   *[other] { $regions } regions
}, { $rows ->
    [one] { $rows } value
   *[other] { $rows } values
}.
dm-assumptions-deleted = The assumption set has been deleted.
validation-invalid-base-years = Please choose base years from an earlier to a later year.
validation-no-flows-in-base-years = No flows were observed in the chosen base years.
validation-unknown-assumption-set = There is no assumption set of this name.

## Help (`/help`): one paragraph per line
help-demography-title = Population and projections
help-demography-text =
    This area shows the population down to the village, projections with their uncertainty, and the places needed in crèche (ages 0–2), kindergarten (3–5) and primary school (6–9) against the capacities entered.
    Planners import data, enter capacities and recompute; agency staff read along. Every projection names its assumptions; the backtest shows how well the method would have hit earlier years.
help-demography-files-title = Files for import
help-demography-files-text =
    Every file is a table with a header row: CSV (UTF-8, comma or semicolon) or the first sheet of an XLSX workbook. Column names are case-insensitive; the German names in brackets are accepted too.
    Regions: key (ags), name, level (ebene: land, kreis, gemeinde, ortsteil), parent_key (parent), optional note.
    Population: region_key, year (jahr), age (alter) 0 to 100 (100 means 100 and older), sex (geschlecht: m or f), optional nationality, population (einwohner) – the stock on 31 December.
    Flows: region_key, year, kind (births, deaths, immigration, emigration, acquisition), age, sex, optional nationality, count – the events of the calendar year; for births, age is the mother's age.
    All errors are reported at once, with file and line (the header is line 1, as a spreadsheet shows it). If any file has an error, nothing is taken.
