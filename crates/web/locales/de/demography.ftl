### Demography monitoring: population, projections, assumption sets, childcare and school planning

card-demography = Demografie-Monitoring
card-demography-empty = Noch keine Bevölkerungsdaten. Importieren Sie zuerst den Bevölkerungsstand Ihrer Gemeinden.

card-demography-hint = Regionen mit Bevölkerung, Prognosen und Platzbedarf für Krippe, Kindergarten und Grundschule.
validation-unknown-facility = Unbekannte Einrichtungsart.
validation-invalid-year = Bitte ein Jahr zwischen 1900 und 2200 angeben.
validation-invalid-places = Bitte eine ganze Zahl von Plätzen (0 oder mehr) angeben.
validation-invalid-share = Bitte einen Anteil zwischen 1 und 100 Prozent angeben.
validation-unknown-measure = Unbekannte Kennzahl.
conflict-demography-no-data = Es sind noch keine Bevölkerungsdaten importiert.
dm-title = Demografie
dm-intro = Bevölkerung nach Alter und Geschlecht bis ins Dorf, Prognosen mit Unsicherheitsbereich und der Platzbedarf in Krippe, Kindergarten und Grundschule.
dm-no-run = Noch keine Prognose berechnet.
dm-run-line = Prognose vom Basisjahr { $base } bis { $last }
dm-regions-empty = Noch keine Regionen. Importieren Sie zuerst die Gebietsgliederung.
dm-regions-caption = Gebietsgliederung mit der zuletzt erfassten Einwohnerzahl
dm-region = Region
dm-key = Schlüssel
dm-level = Ebene
dm-population = Einwohner
dm-year = Jahr
dm-note = Hinweis
dm-download = Herunterladen
dm-back = Zurück zur Übersicht
dm-breadcrumbs = Gebietsgliederung
dm-children = Untergeordnete Gebiete
dm-method = Prognoseverfahren
dm-level-land = Land
dm-level-kreis = Kreis
dm-level-gemeinde = Gemeinde
dm-level-ortsteil = Ortsteil
dm-method-cohort-component = Kohorten-Komponenten-Methode mit eigenen Raten (zum übergeordneten Gebiet hin geglättet)
dm-method-hamilton-perry = Hamilton-Perry (Kohortenveränderungsraten aus zwei Erhebungen), an das übergeordnete Gebiet angepasst
dm-method-parent-rates = Raten des übergeordneten Gebiets, an dieses angepasst
dm-method-standard-schedule = Standardraten (keine Bewegungsdaten vorhanden)
dm-method-no-base-data = Keine Bevölkerung im Basisjahr – keine Prognose
dm-compare-title = Orte vergleichen
dm-compare-choose = Orte auswählen
dm-compare-submit = Vergleichen
dm-compare-empty = Bitte mindestens einen Ort auswählen.
dm-compare-chart = { $measure } im Vergleich
dm-compare-desc = Linien je Ort: beobachtete Jahre und mittlere Prognose. Die Werte stehen in der Tabelle unter dem Diagramm.
dm-compare-table = Werte je Jahr (Prognosejahre mit 80-%-Bereich in Klammern)
dm-compare-children = Mit den untergeordneten Gebieten vergleichen
dm-measure = Kennzahl
dm-measure-total = Einwohner insgesamt
dm-measure-band = Alter { $band }
dm-measure-median-age = Medianalter
dm-measure-youth-dependency = Jugendquotient
dm-measure-old-age-dependency = Altenquotient
dm-measure-births = Geburten
dm-measure-deaths = Sterbefälle
dm-measure-natural-balance = Natürlicher Saldo
dm-measure-migration-balance = Wanderungssaldo
dm-measure-foreign = Ausländische Staatsangehörige
dm-measure-foreign-share = Ausländeranteil (%)
dm-project-title = Prognose berechnen
dm-project-hint = Berechnet alle Regionen neu (mittlere, untere und obere Variante sowie 80-%- und 95-%-Bereiche) und ersetzt die bisherigen Ergebnisse.
dm-project-submit = Prognose jetzt berechnen
dm-projection-done = Die Prognose wurde berechnet.
dm-backtest-title = Rückrechnung (Back-Test)
dm-backtest-intro = Dasselbe Verfahren, gerechnet ab { $from } nur mit den damals bekannten Daten und verglichen mit dem bis { $to } Beobachteten.
dm-backtest-caption = Abweichung der Vorausberechnung vom beobachteten Bestand nach Verfahren, Größenklasse und Vorausschau
dm-backtest-method = Verfahren
dm-backtest-size = Größenklasse (Personen je Altersgruppe)
dm-backtest-horizon = Jahre voraus
dm-backtest-units = Vergleiche
dm-backtest-all = alle
dm-backtest-hint = MAPE: mittlere absolute Abweichung in Prozent (Genauigkeit). MALPE: mittlere Abweichung mit Vorzeichen (positiv = zu hoch vorausberechnet). Verglichen werden je Gebiet die Altersgruppen und die Gesamtzahl.
dm-import-title = Daten importieren
dm-import-hint = Laden Sie je Tabelle eine Datei hoch (CSV mit Komma oder Semikolon, oder die erste Tabelle einer XLSX-Arbeitsmappe) oder fügen Sie CSV-Text ein; eine gewählte Datei hat Vorrang vor eingefügtem Text. Spalten wie angegeben; das Format beschreibt die Hilfe (Link „Hilfe“ oben). Entweder wird alles übernommen oder nichts.
dm-import-file-label = Datei (CSV oder XLSX)
dm-import-paste-label = oder CSV-Text einfügen
dm-import-submit = Importieren
dm-import-refused = Der Import wurde abgelehnt, es wurde nichts gespeichert. Bitte korrigieren Sie diese Zeilen:
dm-import-issues = Gefundene Probleme
dm-import-more = … und { $count ->
        [one] ein weiteres Problem
       *[other] { $count } weitere Probleme
    }.
dm-import-done = Importiert: { $regions ->
    [one] { $regions } Region
   *[other] { $regions } Regionen
}, { $cells ->
    [one] { $cells } Bevölkerungszelle
   *[other] { $cells } Bevölkerungszellen
}, { $flows ->
    [one] { $flows } Bewegungszelle
   *[other] { $flows } Bewegungszellen
}.
dm-file = Datei
dm-line = Zeile
dm-problem = Problem
dm-file-regions = Gebietsgliederung
dm-file-population = Bevölkerung
dm-file-flows = Bewegungen (Geburten, Sterbefälle, Zu- und Fortzüge)
dm-gaps-title = Plätze und Bedarf
dm-gaps-empty = Für diesen Ort sind noch keine Kapazitäten erfasst.
dm-gap-shortfall = { $places ->
    [one] Ab { $year } fehlt voraussichtlich { $places } Platz.
   *[other] Ab { $year } fehlen voraussichtlich { $places } Plätze.
}
dm-gap-none = Die Plätze reichen im ganzen Prognosezeitraum (mittlere Variante).
dm-gap-title = { $facility } in { $region }: freie Plätze (+) oder fehlende Plätze (−) je Jahr
dm-gap-desc = Balken: Plätze minus erwarteter Bedarf; dicke Striche: 80-%-Bereich, dünne Striche: 95-%-Bereich. Die Werte stehen in der Tabelle.
dm-gap-legend-short = fehlende Plätze
dm-gap-legend-free = freie Plätze
dm-gap-legend-interval = Unsicherheitsbereich
dm-gap-table = { $facility }: Plätze, Bedarf und Lücke je Jahr
dm-gap = Lücke
dm-places = Plätze
dm-demand = Bedarf
dm-interval-80 = 80-%-Bereich
dm-interval-95 = 95-%-Bereich
dm-table-of-chart = Werte als Tabelle
dm-facility = Einrichtung
dm-facility-creche = Krippe (0–2 Jahre)
dm-facility-kindergarten = Kindergarten (3–5 Jahre)
dm-facility-primary = Grundschule (6–9 Jahre)
dm-pyramid-heading = Bevölkerungspyramide
dm-pyramid-choose = Prognosejahr
dm-pyramid-title = Bevölkerung nach Alter und Geschlecht: { $base } und { $year }
dm-pyramid-desc = Waagerechte Balken je Altersgruppe, Männer links, Frauen rechts; gefüllt das Basisjahr, orange umrandet das gewählte Prognosejahr. Die Werte stehen in der Tabelle.
dm-pyramid-base = { $year } (Basisjahr)
dm-pyramid-projected = { $year } (Prognose)
dm-male = Männer
dm-female = Frauen
dm-pyramid-foreign = { $year }: davon ausländische Staatsangehörige (schraffiert)
dm-pyramid-desc-foreign = Waagerechte Balken je Altersgruppe, Männer links, Frauen rechts; gefüllt das Basisjahr, der schraffierte äußere Teil jedes Balkens sind die ausländischen Staatsangehörigen; orange umrandet das gewählte Prognosejahr. Die Werte beider Gruppen stehen in der Tabelle.
dm-male-foreign = Männer, ausländisch
dm-female-foreign = Frauen, ausländisch
dm-age = Alter
dm-show = Anzeigen
dm-series-heading = Entwicklung
dm-series-title = { $measure } in { $region }
dm-series-desc = Beobachtete Werte als durchgezogene Linie, mittlere Prognose gestrichelt mit 80-%- und 95-%-Bereich, untere und obere Variante gepunktet. Die Werte stehen in der Tabelle.
dm-series-observed = Beobachtet
dm-series-medium = Mittlere Variante
dm-series-low = Untere Variante
dm-series-high = Obere Variante
dm-indicators-heading = Kennzahlen
dm-indicators-hint = Altersgruppen für die Planung; Jugendquotient = unter 20-Jährige je 100 Personen von 20 bis 64, Altenquotient = ab 65-Jährige je 100 Personen von 20 bis 64. Prognosejahre: mittlere Variante.
dm-year-projected = { $year } (Prognose)
dm-population-cells = Bevölkerung nach Einzelalter
dm-capacities-heading = Kapazitäten
dm-capacities-empty = Noch keine Plätze erfasst.
dm-year-from = Ab Jahr
dm-take-up = Inanspruchnahme
dm-take-up-hint = Anteil der Kinder der Altersgruppe, die einen Platz brauchen, in Prozent (leer: Krippe 55, Kindergarten 95, Grundschule 100).
dm-capacity-save = Kapazität speichern
dm-capacity-saved = Die Kapazität wurde gespeichert.
dm-capacity-deleted = Der Eintrag wurde gelöscht.
dm-delete = Löschen
dm-actions = Aktionen

# Demography assumption sets and base years
dm-method-assumption-set = Raten des Annahmensatzes (wo er keine angibt, die des übergeordneten Gebiets)
dm-file-assumptions = Annahmensatz (explizite Raten)
dm-kind-fertility = Fertilität
dm-kind-mortality = Sterblichkeit
dm-kind-emigration = Fortzüge
dm-kind-immigration = Zuzüge
dm-kind-acquisition = Einbürgerung
dm-kind-german_births = Deutsche Kinder ausländischer Mütter (Anteil)
dm-rates-used = Raten dieser Prognose
dm-rates-base-years-all = Raten aus den beobachteten Bewegungen aller Jahre mit Bewegungen abgeleitet ({ $from }–{ $to })
dm-rates-base-years-chosen = Raten aus den beobachteten Bewegungen der gewählten Basisjahre { $from }–{ $to } abgeleitet
dm-rates-no-flows = Keine Bewegungen beobachtet: Raten der übergeordneten Gebiete und Standardtafel
dm-rates-set = Explizite Raten des Annahmensatzes „{ $name }“ für: { $regions }
dm-rates-no-set = Kein Annahmensatz: alle Raten aus der beobachteten Entwicklung abgeleitet
dm-base-years = Basisjahre der abgeleiteten Raten
dm-base-years-hint = Gebiete ohne explizite Raten leiten sie aus ihren Bewegungen dieser Jahre ab; kleine Zahlen werden zu den Raten des übergeordneten Gebiets hin gestaucht.
dm-base-from = Von
dm-base-to = Bis
dm-base-first = erstes beobachtetes Jahr
dm-base-last = letztes beobachtetes Jahr
dm-assumption-set = Annahmensatz
dm-assumption-derived = keiner: aus der beobachteten Entwicklung abgeleitet
dm-assumptions-title = Annahmensätze
dm-assumptions-hint = Explizite Raten, wie statistische Ämter sie veröffentlichen: Fertilität (Geburten je Frau nach Alter der Mutter), Sterblichkeit und Fortzüge (Wahrscheinlichkeiten nach Geschlecht und Alter), Zuzüge (Personen je Jahr nach Geschlecht und Alter), jeweils wahlweise ab einem Jahr gültig und wahlweise nur für deutsche oder ausländische Staatsangehörige; für Gebiete mit Bevölkerung nach Staatsangehörigkeit auch Einbürgerung (Wahrscheinlichkeit nach Geschlecht und Alter) und der Anteil deutscher Kinder ausländischer Mütter (german_births, ein Wert). Eine Datei je Satz (CSV oder erstes Blatt einer XLSX-Arbeitsmappe); derselbe Name ersetzt den Satz. Das Format beschreibt die Hilfe (Link „Hilfe“ oben).
dm-assumptions-empty = Noch kein Annahmensatz importiert.
dm-assumptions-caption = Gespeicherte Annahmensätze
dm-assumptions-name = Name des Satzes
dm-assumptions-regions = Gebiete
dm-assumptions-kinds = Arten
dm-assumptions-rows = Werte
dm-assumptions-imported = Importiert
dm-assumptions-delete = Löschen
dm-assumptions-delete-named = Annahmensatz { $name } löschen
dm-assumptions-submit = Annahmensatz importieren
dm-assumptions-done = Annahmensatz importiert: { $regions ->
    [one] { $regions } Gebiet
   *[other] { $regions } Gebiete
}, { $rows ->
    [one] { $rows } Wert
   *[other] { $rows } Werte
}.
dm-assumptions-replaced = Annahmensatz ersetzt: { $regions ->
    [one] { $regions } Gebiet
   *[other] { $regions } Gebiete
}, { $rows ->
    [one] { $rows } Wert
   *[other] { $rows } Werte
}.
dm-assumptions-deleted = Der Annahmensatz wurde gelöscht.
validation-invalid-base-years = Bitte Basisjahre von einem früheren bis zu einem späteren Jahr wählen.
validation-no-flows-in-base-years = In den gewählten Basisjahren wurden keine Bewegungen beobachtet.
validation-unknown-assumption-set = Einen Annahmensatz dieses Namens gibt es nicht.

## Help (`/help`): one paragraph per line
help-demography-title = Bevölkerung und Prognosen
help-demography-text =
    Der Bereich zeigt die Bevölkerung bis hinunter zum Ortsteil, Prognosen mit ihrer Unsicherheit und die benötigten Plätze in Krippe (0–2 Jahre), Kindergarten (3–5) und Grundschule (6–9) im Vergleich zu den eingetragenen Kapazitäten.
    Planerinnen und Planer importieren Daten, tragen Kapazitäten ein und rechnen neu; die Wirtschaftsförderung liest mit. Jede Prognose nennt ihre Annahmen; der Rückblick (Backtest) zeigt, wie genau das Verfahren frühere Jahre getroffen hätte.
help-demography-files-title = Dateien für den Import
help-demography-files-text =
    Jede Datei ist eine Tabelle mit Kopfzeile: CSV (UTF-8, Komma oder Semikolon) oder das erste Blatt einer XLSX-Arbeitsmappe. Spaltennamen dürfen groß oder klein geschrieben sein; deutsche Namen in Klammern werden auch erkannt.
    Gebiete: key (ags), name, level (ebene: land, kreis, gemeinde, ortsteil), parent_key (parent), optional note.
    Bevölkerung: region_key, year (jahr), age (alter) 0 bis 100 (100 heißt 100 und älter), sex (geschlecht: m oder w), optional nationality, population (einwohner) – der Stand am 31. Dezember.
    Bewegungen: region_key, year, kind (births, deaths, immigration, emigration, acquisition), age, sex, optional nationality, count – die Ereignisse des Kalenderjahrs; bei Geburten ist age das Alter der Mutter.
    Fehler werden alle auf einmal gemeldet, mit Datei und Zeile (die Kopfzeile ist Zeile 1, wie im Tabellenprogramm). Enthält eine Datei einen Fehler, wird nichts übernommen.
