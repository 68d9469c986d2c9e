//! The region hierarchy and everything a region's page shows.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use standort_demography::service;
use standort_store::demography::{
    self as store, Capacity, Pyramid, Region, ResultFilter, ResultRow, Run,
};
use standort_store::{PageRequest, Paged};

use super::gaps::{Gap, gaps};
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

/// A region in the hierarchy list.
#[derive(Debug, Clone, Serialize)]
pub struct RegionNode {
    pub region: Region,
    pub depth: usize,
    /// Population in the latest observed year.
    pub population: Option<i64>,
    pub population_year: Option<i64>,
}

/// Everything the region page shows.
#[derive(Debug, Clone, Serialize)]
pub struct RegionView {
    pub region: Region,
    /// From the top down to the parent.
    pub ancestors: Vec<Region>,
    pub children: Vec<Region>,
    pub run: Option<Run>,
    /// Projection method of this region in the latest run.
    pub method: Option<String>,
    pub results: Vec<ResultRow>,
    pub capacities: Vec<Capacity>,
    pub gaps: Vec<Gap>,
    /// Base-year pyramid and the chosen year's.
    pub pyramid_base: Option<Pyramid>,
    pub pyramid_year: Option<Pyramid>,
    pub pyramid_years: Vec<i64>,
}

impl RegionView {
    /// Values of a measure and scenario ordered by year.
    pub fn series(&self, measure: &str, scenario: &str) -> Vec<&ResultRow> {
        self.results
            .iter()
            .filter(|r| r.measure == measure && r.scenario == scenario)
            .collect()
    }

    pub fn value(&self, measure: &str, scenario: &str, year: i64) -> Option<&ResultRow> {
        self.results
            .iter()
            .find(|r| r.measure == measure && r.scenario == scenario && r.year == year)
    }

    /// Observed years and projected years (observed wins where both exist).
    pub fn years(&self) -> Vec<(i64, bool)> {
        let mut years: BTreeMap<i64, bool> = BTreeMap::new();
        for r in &self.results {
            match r.scenario.as_str() {
                "observed" if r.measure == "total" => {
                    years.insert(r.year, false);
                }
                "medium" => {
                    years.entry(r.year).or_insert(true);
                }
                _ => {}
            }
        }
        years.into_iter().collect()
    }

    /// The row of a measure in a year: observed if there is one, else the medium projection.
    pub fn row(&self, measure: &str, year: i64) -> Option<&ResultRow> {
        self.value(measure, "observed", year)
            .or_else(|| self.value(measure, "medium", year))
    }

    /// Whether the region is projected by nationality (it has the foreign-population rows).
    pub fn has_nationality(&self) -> bool {
        self.results
            .iter()
            .any(|r| r.measure == service::NATIONALITY_MEASURES[0])
    }

    /// The measures of [`RegionView::indicator_table`] in order: bands, structure, components,
    /// and for regions with nationality the foreign population and share.
    pub fn measures(&self) -> Vec<&'static str> {
        let mut m: Vec<&'static str> = service::BAND_MEASURES
            .iter()
            .chain(&service::STRUCTURE_MEASURES)
            .chain(&service::COMPONENT_MEASURES)
            .copied()
            .collect();
        if self.has_nationality() {
            m.extend(service::NATIONALITY_MEASURES);
        }
        m
    }
}

impl App {
    /// The region hierarchy, depth-first, with the latest observed population.
    pub async fn demography_tree(&self, actor: &Actor) -> Result<Vec<RegionNode>, AppError> {
        policy::require(actor, Permission::ReadDemography)?;
        let mut conn = self.db.conn().await?;
        let regions = store::all_regions(&mut conn).await?;
        let mut latest: HashMap<i64, (i64, i64)> = HashMap::new();
        for (region, year, total) in store::population_totals(&mut conn).await? {
            latest.insert(region, (year, total));
        }
        let mut children: BTreeMap<Option<i64>, Vec<&Region>> = BTreeMap::new();
        let known: std::collections::HashSet<i64> = regions.iter().map(|r| r.id).collect();
        for r in &regions {
            let parent = r.parent_id.filter(|p| known.contains(p));
            children.entry(parent).or_default().push(r);
        }
        let mut out = Vec::new();
        let mut stack: Vec<(&Region, usize)> = children
            .get(&None)
            .map(|v| v.iter().rev().map(|r| (*r, 0)).collect())
            .unwrap_or_default();
        while let Some((r, depth)) = stack.pop() {
            let l = latest.get(&r.id);
            out.push(RegionNode {
                region: r.clone(),
                depth,
                population: l.map(|x| x.1),
                population_year: l.map(|x| x.0),
            });
            if let Some(kids) = children.get(&Some(r.id)) {
                stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
            }
        }
        Ok(out)
    }

    /// One page of regions (optionally the children of one region).
    pub async fn demography_regions(
        &self,
        actor: &Actor,
        parent: Option<i64>,
        page: PageRequest,
    ) -> Result<Paged<Region>, AppError> {
        policy::require(actor, Permission::ReadDemography)?;
        let mut conn = self.db.conn().await?;
        Ok(store::list_regions(&mut conn, parent, page).await?)
    }

    /// How many regions there are (for the dashboard).
    pub async fn demography_region_count(&self) -> Result<i64, AppError> {
        let mut conn = self.db.conn().await?;
        Ok(store::count_regions(&mut conn).await?)
    }

    /// The region page's data; `year` chooses the projection year of the pyramid (default:
    /// the last year of the run).
    pub async fn demography_region(
        &self,
        actor: &Actor,
        id: i64,
        year: Option<i64>,
    ) -> Result<RegionView, AppError> {
        policy::require(actor, Permission::ReadDemography)?;
        let mut conn = self.db.conn().await?;
        let region = store::get_region(&mut conn, id).await?;
        let mut ancestors = Vec::new();
        let mut up = region.parent_id;
        while let Some(p) = up {
            if ancestors.len() > 16 {
                break;
            }
            let r = store::get_region(&mut conn, p).await?;
            up = r.parent_id;
            ancestors.insert(0, r);
        }
        let children = store::list_regions(
            &mut conn,
            Some(id),
            PageRequest::new(Some(PageRequest::MAX_LIMIT), None),
        )
        .await?
        .items;
        let run = store::latest_run(&mut conn).await?;
        let method = run.as_ref().and_then(|r| {
            r.summary["methods"][region.id.to_string()]
                .as_str()
                .map(str::to_owned)
        });
        let results = store::results(&mut conn, id, &ResultFilter::default()).await?;
        let capacities = store::capacities(&mut conn, id).await?;
        let gaps = gaps(&capacities, &results);
        let pyramid_years = store::pyramid_years(&mut conn, id).await?;
        let (pyramid_base, pyramid_year) = match &run {
            Some(run) => {
                let chosen = year
                    .filter(|y| pyramid_years.contains(y))
                    .unwrap_or(run.last_year);
                (
                    store::pyramid(&mut conn, id, run.base_year).await?,
                    store::pyramid(&mut conn, id, chosen).await?,
                )
            }
            None => (None, None),
        };
        Ok(RegionView {
            region,
            ancestors,
            children,
            run,
            method,
            results,
            capacities,
            gaps,
            pyramid_base,
            pyramid_year,
            pyramid_years,
        })
    }

    /// Stored results of a region, paged (API).
    pub async fn demography_results(
        &self,
        actor: &Actor,
        id: i64,
        filter: &ResultFilter,
        page: PageRequest,
    ) -> Result<Paged<ResultRow>, AppError> {
        policy::require(actor, Permission::ReadDemography)?;
        let mut conn = self.db.conn().await?;
        store::get_region(&mut conn, id).await?;
        Ok(store::results_page(&mut conn, id, filter, page).await?)
    }
}

/// The demography module's dashboard card, for planners: how many regions there are.
pub(crate) async fn dashboard(
    conn: &mut standort_store::AnyConnection,
    actor: &Actor,
    board: &mut crate::dashboard::Board,
) -> Result<(), AppError> {
    if actor.role() == standort_domain::Role::Planner {
        let n = standort_store::demography::count_regions(conn).await?;
        let hint = if n == 0 {
            "card-demography-empty"
        } else {
            "card-demography-hint"
        };
        board.card("card-demography", Some(n), hint, Some("/demography"));
    }
    Ok(())
}
