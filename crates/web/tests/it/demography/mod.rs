//! Demography over HTTP, one file per area: [`pages`] (the planner opens a village of the demo
//! district and reads its crèche gap, enters a capacity and recomputes; imports; downloads; staff
//! read only; employers are refused), [`api`] (projections, tables and the comparison as JSON),
//! [`assumptions`] (assumption sets on the page and over the API), [`nationality`] (projections
//! by nationality). The helpers they share are here.

mod api;
mod assumptions;
mod nationality;
mod pages;

use crate::helpers::{EMPLOYER, STAFF, TestApp, client};
use crate::on_both;

const PLANNER: &str = "planner@demo.standort.example";

/// The id of a region from the region list (its link).
fn region_id(list: &str, name: &str) -> i64 {
    let at = list.find(name).expect("region listed");
    let before = &list[..at];
    let start = before.rfind("/demography/regions/").expect("link") + "/demography/regions/".len();
    before[start..].split('"').next().unwrap().parse().unwrap()
}
