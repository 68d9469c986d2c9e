//! A region's tables (indicators, series, gap, pyramid, population) and the region list, as
//! data for the JSON API and as CSV/XLSX downloads.

use std::collections::HashMap;

use standort_store::demography as store;

use super::Table;
use super::export::{Download, Format, Value};
use super::regions::RegionView;
use crate::{Actor, App, AppError};
use standort_store::demography::Pyramid;

/// Exportable tables of a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionTable {
    Indicators,
    Series,
    Gap,
    Pyramid,
    Population,
}

impl RegionTable {
    pub fn parse(s: &str) -> Option<RegionTable> {
        match s {
            "indicators" => Some(RegionTable::Indicators),
            "series" => Some(RegionTable::Series),
            "gap" => Some(RegionTable::Gap),
            "pyramid" => Some(RegionTable::Pyramid),
            "population" => Some(RegionTable::Population),
            _ => None,
        }
    }
}

impl RegionView {
    /// Indicator table: one row per year.
    pub fn indicator_table(&self) -> Table {
        let mut columns = vec!["year", "kind"];
        let measures = self.measures();
        columns.extend(&measures);
        let rows = self
            .years()
            .into_iter()
            .map(|(year, projected)| {
                let mut row: Vec<Value> = vec![
                    year.into(),
                    if projected { "projected" } else { "observed" }.into(),
                ];
                for m in &measures {
                    row.push(self.row(m, year).map(|r| r.value).into());
                }
                row
            })
            .collect();
        Table {
            name: format!("indicators-{}", self.region.key),
            columns,
            rows,
        }
    }

    /// Every stored value with its scenario and interval.
    pub fn series_table(&self) -> Table {
        Table {
            name: format!("series-{}", self.region.key),
            columns: vec![
                "measure", "scenario", "year", "value", "p2_5", "p10", "p90", "p97_5",
            ],
            rows: self
                .results
                .iter()
                .map(|r| {
                    vec![
                        r.measure.as_str().into(),
                        r.scenario.as_str().into(),
                        r.year.into(),
                        r.value.into(),
                        r.p2_5.into(),
                        r.p10.into(),
                        r.p90.into(),
                        r.p97_5.into(),
                    ]
                })
                .collect(),
        }
    }

    pub fn gap_table(&self) -> Table {
        Table {
            name: format!("capacity-gap-{}", self.region.key),
            columns: vec![
                "facility",
                "year",
                "places",
                "demand",
                "gap",
                "gap_low80",
                "gap_high80",
                "gap_low95",
                "gap_high95",
            ],
            rows: self
                .gaps
                .iter()
                .flat_map(|g| {
                    g.rows.iter().map(|r| {
                        vec![
                            g.facility.into(),
                            r.year.into(),
                            r.places.into(),
                            r.demand.into(),
                            r.gap.into(),
                            r.gap_low80.into(),
                            r.gap_high80.into(),
                            r.gap_low95.into(),
                            r.gap_high95.into(),
                        ]
                    })
                })
                .collect(),
        }
    }

    /// Population by age and sex of the base and the chosen year; for regions with
    /// nationality also split into German and foreign nationals (`male` and `female` stay
    /// the totals).
    pub fn pyramid_table(&self) -> Table {
        let pyramids: Vec<&Pyramid> = [&self.pyramid_base, &self.pyramid_year]
            .into_iter()
            .flatten()
            .collect();
        let split = pyramids.iter().any(|p| p.foreign.is_some());
        let mut rows = Vec::new();
        for p in pyramids {
            for age in 0..p.male.len() {
                let mut row: Vec<Value> = vec![
                    p.year.into(),
                    (age as i64).into(),
                    p.male[age].into(),
                    p.female[age].into(),
                ];
                if split {
                    let (fm, ff) = match &p.foreign {
                        Some((m, f)) => (Some(m[age]), Some(f[age])),
                        None => (None, None),
                    };
                    row.push(fm.map(|x| p.male[age] - x).into());
                    row.push(fm.into());
                    row.push(ff.map(|x| p.female[age] - x).into());
                    row.push(ff.into());
                }
                rows.push(row);
            }
        }
        let mut columns = vec!["year", "age", "male", "female"];
        if split {
            columns.extend([
                "male_german",
                "male_foreign",
                "female_german",
                "female_foreign",
            ]);
        }
        Table {
            name: format!("pyramid-{}", self.region.key),
            columns,
            rows,
        }
    }
}

impl App {
    /// The region list as a download.
    pub async fn demography_export_regions(
        &self,
        actor: &Actor,
        format: Format,
    ) -> Result<Download, AppError> {
        let tree = self.demography_tree(actor).await?;
        let keys: HashMap<i64, String> = tree
            .iter()
            .map(|n| (n.region.id, n.region.key.clone()))
            .collect();
        Table {
            name: "regions".into(),
            columns: vec![
                "key",
                "name",
                "level",
                "parent_key",
                "note",
                "population",
                "population_year",
            ],
            rows: tree
                .iter()
                .map(|n| {
                    vec![
                        n.region.key.as_str().into(),
                        n.region.name.as_str().into(),
                        n.region.level.as_str().into(),
                        n.region
                            .parent_id
                            .and_then(|p| keys.get(&p).cloned())
                            .map_or(Value::Empty, Value::from),
                        n.region.note.clone().map_or(Value::Empty, Value::from),
                        n.population.map_or(Value::Empty, Value::from),
                        n.population_year.map_or(Value::Empty, Value::from),
                    ]
                })
                .collect(),
        }
        .render(format)
    }

    /// A table of a region as a download.
    pub async fn demography_export_region(
        &self,
        actor: &Actor,
        id: i64,
        table: RegionTable,
        year: Option<i64>,
        format: Format,
    ) -> Result<Download, AppError> {
        self.demography_region_table(actor, id, table, year)
            .await?
            .render(format)
    }

    /// One of a region's tables as data: what the CSV/XLSX downloads and the JSON API carry.
    pub async fn demography_region_table(
        &self,
        actor: &Actor,
        id: i64,
        table: RegionTable,
        year: Option<i64>,
    ) -> Result<Table, AppError> {
        let view = self.demography_region(actor, id, year).await?;
        Ok(match table {
            RegionTable::Indicators => view.indicator_table(),
            RegionTable::Series => view.series_table(),
            RegionTable::Gap => view.gap_table(),
            RegionTable::Pyramid => view.pyramid_table(),
            RegionTable::Population => {
                let mut conn = self.db.conn().await?;
                let cells = store::population(&mut conn, id, None).await?;
                Table {
                    name: format!("population-{}", view.region.key),
                    columns: vec![
                        "region_key",
                        "year",
                        "age",
                        "sex",
                        "nationality",
                        "population",
                    ],
                    rows: cells
                        .iter()
                        .map(|c| {
                            vec![
                                view.region.key.as_str().into(),
                                c.year.into(),
                                c.age.into(),
                                c.sex.as_str().into(),
                                c.nationality.as_str().into(),
                                c.count.into(),
                            ]
                        })
                        .collect(),
                }
            }
        })
    }
}
