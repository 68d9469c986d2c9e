//! Demography use cases on a real database (both backends), one file per use case:
//! [`imports`] (every kind of bad import input is refused with its line and nothing is written;
//! XLSX imports), [`permissions`], [`demo`] (the demo district projects and shows the crèche gap
//! of a village; audit entries summarise writes), [`assumptions`] (assumption sets and published
//! paths), [`projections`] (base years, progress). The helpers they share are here.

mod assumptions;
mod demo;
mod imports;
mod permissions;
mod projections;

use standort_app::demography::export::{Format, Table};
use standort_app::demography::{CapacityInput, ImportError, ImportFiles};
use standort_app::{Actor, App, AppError, Settings};
use standort_demography::service;
use standort_domain::{Language, OrgKind, Role};
use standort_store::audit::{self, AuditFilter};
use standort_store::demography as store;
use standort_store::orgs::NewOrganisation;
use standort_store::users::NewUser;
use standort_store::{Db, PageRequest, both_backends, orgs, users};

async fn actor(db: &Db, role: Role) -> Actor {
    let mut c = db.conn().await.unwrap();
    let org = match orgs::list(&mut c, None, PageRequest::default())
        .await
        .unwrap()
        .items
        .first()
    {
        Some(o) => o.id,
        None => {
            orgs::insert(
                &mut c,
                &NewOrganisation {
                    name: "Landratsamt (Test)",
                    kind: OrgKind::Agency,
                    country: "DE",
                },
                1,
            )
            .await
            .unwrap()
            .id
        }
    };
    let user = users::insert(
        &mut c,
        &NewUser {
            org_id: org,
            email: &format!("{}@example.org", role.as_str()),
            display_name: "Test",
            role,
            password_hash: "x",
            language: Language::De,
        },
        1,
    )
    .await
    .unwrap();
    Actor {
        user,
        client_ip: None,
    }
}

/// The audit entries about `entity` (first page).
async fn audit_of(
    c: &mut sqlx::AnyConnection,
    entity: &str,
) -> standort_store::Paged<audit::AuditEntry> {
    audit::list(
        c,
        &AuditFilter {
            entity: Some(entity.into()),
            ..Default::default()
        },
        PageRequest::default(),
    )
    .await
    .unwrap()
}

fn app(db: &Db) -> App {
    App::new(db.clone(), Settings::default()).with_clock(std::sync::Arc::new(|| 1_700_000_000))
}

const REGIONS: &str = "key,name,level,parent_key\n\
    14729,Landkreis (synthetisch),kreis,\n\
    14729160,Grimma (synthetisch),gemeinde,14729\n\
    14729160001,Nerchau (synthetisch),ortsteil,14729160\n";

fn population(rows: &[(&str, i64, i64, &str, i64)]) -> Vec<u8> {
    let mut s = String::from("region_key,year,age,sex,population\n");
    for (k, y, a, sex, n) in rows {
        s.push_str(&format!("{k},{y},{a},{sex},{n}\n"));
    }
    s.into_bytes()
}

fn files(regions: &str, population: Vec<u8>) -> ImportFiles {
    ImportFiles {
        regions: Some(regions.as_bytes().to_vec()),
        population: Some(population),
        flows: None,
    }
}

/// Imports and expects a refusal naming `(file, line, fragment)`; checks nothing was written.
async fn refused(db: &Db, files: &ImportFiles, expect: &[(&str, usize, &str)]) {
    let planner = actor_once(db, Role::Planner).await;
    let err = app(db)
        .demography_import(Some(&planner), files)
        .await
        .unwrap_err();
    let ImportError::Invalid { issues, .. } = err else {
        panic!("expected a refusal, got {err:?}");
    };
    for (file, line, fragment) in expect {
        assert!(
            issues
                .iter()
                .any(|i| i.file == *file && i.line == *line && i.message.contains(fragment)),
            "no issue {file}:{line} {fragment:?} in {issues:#?}"
        );
    }
    let mut c = db.conn().await.unwrap();
    assert_eq!(store::count_regions(&mut c).await.unwrap(), 0);
    assert!(store::all_population(&mut c).await.unwrap().is_empty());
    let log = audit_of(&mut c, "demography").await;
    assert_eq!(log.total, 0, "a refused import leaves no audit entry");
}

async fn actor_once(db: &Db, role: Role) -> Actor {
    let mut c = db.conn().await.unwrap();
    let email = format!("{}@example.org", role.as_str());
    if let Some((user, _)) = users::find_for_login(&mut c, &email).await.unwrap() {
        return Actor {
            user,
            client_ip: None,
        };
    }
    drop(c);
    actor(db, role).await
}

/// Population of 2022 and 2023 (`n` per cell) for the three regions, flows 2022 and 2023 for
/// the district and the town: deaths `d22`/`d23` per cell of the district (5,000 people per
/// cell, so its own history outweighs the prior), births at 20–39.
fn history(d22: i64, d23: i64) -> ImportFiles {
    let mut pop = String::from("region_key,year,age,sex,population\n");
    let mut flows = String::from("region_key,year,kind,age,sex,count\n");
    for year in [2022, 2023] {
        for age in 0..=100 {
            for sex in ["m", "f"] {
                for (key, n) in [("14729", 5000), ("14729160", 60), ("14729160001", 20)] {
                    pop.push_str(&format!("{key},{year},{age},{sex},{n}\n"));
                }
                let d = if year == 2022 { d22 } else { d23 };
                flows.push_str(&format!("14729,{year},deaths,{age},{sex},{d}\n"));
                flows.push_str(&format!("14729,{year},immigration,{age},{sex},2\n"));
                flows.push_str(&format!("14729,{year},emigration,{age},{sex},1\n"));
                flows.push_str(&format!("14729160,{year},deaths,{age},{sex},1\n"));
                flows.push_str(&format!("14729160,{year},immigration,{age},{sex},1\n"));
            }
        }
        for age in 20..40 {
            flows.push_str(&format!(
                "14729,{year},births,{age},m,200\n14729,{year},births,{age},f,200\n"
            ));
            flows.push_str(&format!(
                "14729160,{year},births,{age},m,3\n14729160,{year},births,{age},f,3\n"
            ));
        }
    }
    ImportFiles {
        regions: Some(REGIONS.as_bytes().to_vec()),
        population: Some(pop.into_bytes()),
        flows: Some(flows.into_bytes()),
    }
}

const NO_TRAJECTORIES: service::Options = service::Options {
    horizon: 5,
    trajectories: 0,
    seed: 1,
    base_years: None,
};

async fn medium(app: &App, actor: &Actor, key: &str, measure: &str, year: i64) -> f64 {
    let tree = app.demography_tree(actor).await.unwrap();
    let id = tree.iter().find(|n| n.region.key == key).unwrap().region.id;
    let view = app.demography_region(actor, id, None).await.unwrap();
    view.value(measure, "medium", year)
        .unwrap_or_else(|| panic!("{key} {measure} {year}"))
        .value
}
