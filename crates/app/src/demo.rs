//! The demo data set: a Leipzig-like region with its agency, clinics, transport company and
//! partners abroad, and one login per role. Deterministic: the same records every time.
//! Modules append their own demo records through [`App::load_demo`].

use standort_domain::{Language, NewPassword, OrgId, OrgKind, Role};
use standort_store::orgs::NewOrganisation;
use standort_store::users::NewUser;
use standort_store::{orgs, users};

use crate::{App, AppError, auth};

/// A login printed on start so that someone trying Standort can get in.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub role: Role,
    pub email: &'static str,
    pub password: &'static str,
    pub organisation: &'static str,
}

const ORGANISATIONS: &[(&str, OrgKind, &str)] = &[
    (
        "Amt für Wirtschaftsförderung Leipzig (Demo)",
        OrgKind::Agency,
        "DE",
    ),
    (
        "Invest Region Leipzig (Demo)",
        OrgKind::InvestmentAgency,
        "DE",
    ),
    (
        "Städtisches Klinikum St. Georg (Demo)",
        OrgKind::Clinic,
        "DE",
    ),
    ("Universitätsklinikum Leipzig (Demo)", OrgKind::Clinic, "DE"),
    ("Klinikum Borna (Demo)", OrgKind::Clinic, "DE"),
    (
        "Leipziger Verkehrsbetriebe (Demo)",
        OrgKind::TransportCompany,
        "DE",
    ),
    (
        "Sprachschule Hanoi–Leipzig (Demo)",
        OrgKind::LanguageSchool,
        "VN",
    ),
    (
        "Vietnam Skilled Workers Partner (Demo)",
        OrgKind::RecruitingPartner,
        "VN",
    ),
    ("Mekong Medical Supplies (Demo)", OrgKind::Supplier, "VN"),
];

/// The demo password shared by all demo logins; printed on start, never for real data.
pub const DEMO_PASSWORD: &str = "standort-demo";

pub const DEMO_LOGINS: &[DemoLogin] = &[
    DemoLogin {
        role: Role::Administrator,
        email: "admin@demo.standort.example",
        password: DEMO_PASSWORD,
        organisation: ORGANISATIONS[0].0,
    },
    DemoLogin {
        role: Role::AgencyStaff,
        email: "staff@demo.standort.example",
        password: DEMO_PASSWORD,
        organisation: ORGANISATIONS[0].0,
    },
    DemoLogin {
        role: Role::JobCounsellor,
        email: "counsellor@demo.standort.example",
        password: DEMO_PASSWORD,
        organisation: ORGANISATIONS[0].0,
    },
    DemoLogin {
        role: Role::Planner,
        email: "planner@demo.standort.example",
        password: DEMO_PASSWORD,
        organisation: ORGANISATIONS[0].0,
    },
    DemoLogin {
        role: Role::Employer,
        email: "employer@demo.standort.example",
        password: DEMO_PASSWORD,
        organisation: ORGANISATIONS[5].0,
    },
    DemoLogin {
        role: Role::ClinicBuyer,
        email: "buyer@demo.standort.example",
        password: DEMO_PASSWORD,
        organisation: ORGANISATIONS[2].0,
    },
    DemoLogin {
        role: Role::Candidate,
        email: "candidate@demo.standort.example",
        password: DEMO_PASSWORD,
        organisation: ORGANISATIONS[7].0,
    },
    // Created by the showcase demo with its producer (a display name of its own there), so it
    // has no entry in `DISPLAY_NAMES` and the loop over both leaves it out.
    DemoLogin {
        role: Role::Producer,
        email: crate::showcase::demo::PRODUCER_LOGIN,
        password: DEMO_PASSWORD,
        organisation: "Hofladen Nerchau (Demo)",
    },
    // Created by the network demo with its partner organisations (the chamber, the city's
    // business office), likewise without an entry in `DISPLAY_NAMES`.
    DemoLogin {
        role: Role::PartnerAgency,
        email: crate::network::demo::CHAMBER_LOGIN,
        password: DEMO_PASSWORD,
        organisation: "Industrie- und Handelskammer zu Leipzig (Demo)",
    },
    DemoLogin {
        role: Role::PartnerAgency,
        email: crate::network::demo::CITY_LOGIN,
        password: DEMO_PASSWORD,
        organisation: crate::network::demo::CITY_OFFICE,
    },
];

const DISPLAY_NAMES: &[&str] = &[
    "Katrin Vogel",
    "Jens Hartmann",
    "Aylin Demir",
    "Thomas Richter",
    "Sabine Krüger",
    "Dr. Martin Schulze",
    "Nguyễn Thị Hương",
];

/// Whether the database holds no organisation yet (the demo loads only then).
pub async fn database_is_empty(app: &App) -> Result<bool, AppError> {
    let mut conn = app.db.conn().await?;
    Ok(orgs::count(&mut conn).await? == 0)
}

impl App {
    /// Loads the demo data set into an empty database and returns the logins; on a database
    /// that already holds data it changes nothing and returns `None`.
    pub async fn load_demo(&self) -> Result<Option<&'static [DemoLogin]>, AppError> {
        if !database_is_empty(self).await? {
            return Ok(None);
        }
        // One hash for all demo users: hashing is deliberately slow.
        let hash = auth::hash_password(&NewPassword::parse(DEMO_PASSWORD)?).await?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let mut ids: Vec<(&str, OrgId)> = Vec::new();
        for (name, kind, country) in ORGANISATIONS {
            let org = orgs::insert(
                &mut tx,
                &NewOrganisation {
                    name,
                    kind: *kind,
                    country,
                },
                now,
            )
            .await?;
            ids.push((name, org.id));
        }
        for (login, display_name) in DEMO_LOGINS.iter().zip(DISPLAY_NAMES) {
            let org_id = ids
                .iter()
                .find(|(n, _)| *n == login.organisation)
                .map(|(_, id)| *id)
                .expect("demo organisation");
            let language = if login.role == Role::Candidate {
                Language::Vi
            } else {
                Language::De
            };
            users::insert(
                &mut tx,
                &NewUser {
                    org_id,
                    email: login.email,
                    display_name,
                    role: login.role,
                    password_hash: &hash,
                    language,
                },
                now,
            )
            .await?;
        }
        tx.commit().await?;
        crate::recruitment::load_recruitment_demo(self).await?;
        crate::recruitment::load_introductions_demo(self).await?;
        crate::placements::load_placements_demo(self).await?;
        crate::portal::load_portal_demo(self).await?;
        crate::demography::demo::load_demography_demo(self).await?;
        crate::procurement::load_procurement_demo(self).await?;
        crate::network::demo::load_network_demo(self).await?;
        crate::showcase::demo::load_showcase_demo(self).await?;
        Ok(Some(DEMO_LOGINS))
    }
}

/// What one unit of [`App::load_scaled_demo`] adds; `--scale 100` gives 20,000 candidates,
/// 2,000 positions and 5,000 placements with their histories.
pub const SCALE_UNIT: ScaleUnit = ScaleUnit {
    organisations: 9,
    users: 7,
    candidates: 200,
    positions: 20,
    programmes: 2,
    placements: 50,
};

/// Record counts of one unit of the scaled demo.
#[derive(Debug, Clone, Copy)]
pub struct ScaleUnit {
    pub organisations: usize,
    pub users: usize,
    pub candidates: usize,
    pub positions: usize,
    pub programmes: usize,
    pub placements: usize,
}

impl App {
    /// Adds `units` × [`SCALE_UNIT`] records modelled on the demo data set (which must be
    /// loaded): organisations, users (with the demo password), candidates, positions,
    /// programmes, and placements that repeat the demo placements' histories, checklists and
    /// costs — with the due items stored as a recorded step stores them — plus an audit entry
    /// per created candidate and placement. For load benchmarks (`standort bench load
    /// --scale N`): deterministic for a given `seed`, one transaction per unit.
    /// Not included: skills, languages and qualifications of the copied candidates,
    /// demography regions.
    pub async fn load_scaled_demo(&self, units: usize, seed: u64) -> Result<(), AppError> {
        use rand::{Rng, SeedableRng};
        use standort_store::placements as pstore;
        use standort_store::recruitment as rec;
        use standort_store::{PageRequest, audit};

        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let (staff, hash) = users::find_for_login(&mut tx, "staff@demo.standort.example")
            .await?
            .ok_or_else(|| AppError::Internal("load the demo first".into()))?;
        let demo_orgs = orgs::list(&mut tx, None, PageRequest::new(Some(200), None))
            .await?
            .items;
        let candidates = rec::all_candidates(&mut tx).await?;
        let positions =
            rec::list_positions(&mut tx, None, false, PageRequest::new(Some(200), None))
                .await?
                .items;
        let programmes = pstore::list_programmes(&mut tx, PageRequest::new(Some(200), None))
            .await?
            .items;
        let placements = pstore::all_placements(&mut tx, &Default::default()).await?;
        let events = pstore::events_of_programme(&mut tx, None).await?;
        let checklist = pstore::checklist_of_programme(&mut tx, None).await?;
        let costs = pstore::costs_of_programme(&mut tx, None).await?;
        tx.commit().await?;
        if candidates.is_empty() || positions.is_empty() || placements.is_empty() {
            return Err(AppError::Internal("load the demo first".into()));
        }
        // The organisations a unit copies: those that hold the demo's positions or a demo
        // login first (so each unit has its own employers and clinics), then the others.
        let mut demo_orgs = demo_orgs;
        demo_orgs.sort_by_key(|o| {
            let used = positions.iter().any(|p| p.data.org_id == o.id)
                || DEMO_LOGINS.iter().any(|l| l.organisation == o.name);
            (!used, o.id)
        });
        let family: Vec<&str> = candidates
            .iter()
            .map(|c| c.data.family_name.as_str())
            .collect();
        let given: Vec<&str> = candidates
            .iter()
            .map(|c| c.data.given_names.as_str())
            .collect();
        let system = |action: &str, entity: &str, id: i64| standort_store::audit::NewAuditEntry {
            actor: Some(staff.id),
            actor_label: staff.email.clone(),
            action: action.into(),
            entity: entity.into(),
            entity_id: id.to_string(),
            org_id: Some(staff.org_id),
            ..Default::default()
        };
        for unit in 1..=units {
            let mut tx = self.db.begin_write().await?;
            // The unit's copies of the demo organisations, by the demo organisation they copy.
            // The unit's positions and its employers' and buyers' users belong to these copies
            // (the agency's own people stay in the agency): a region 100 times the
            // demo has a hundred times the employers, not one transport company with a hundred
            // times the positions (which made the demo employer's list and dashboard at ×100
            // show 600 positions and 1,700 placements, far beyond one employer of a region).
            let mut unit_orgs = std::collections::HashMap::new();
            for o in demo_orgs.iter().cycle().take(SCALE_UNIT.organisations) {
                let copy = orgs::insert(
                    &mut tx,
                    &NewOrganisation {
                        name: &format!("{} {unit}", o.name),
                        kind: o.kind,
                        country: &o.country,
                    },
                    now,
                )
                .await?;
                // The agency stays one: its staff, counsellors and candidates remain its own.
                if o.id != staff.org_id {
                    unit_orgs.entry(o.id).or_insert(copy.id);
                }
            }
            let unit_org = |org| *unit_orgs.get(&org).unwrap_or(&org);
            // The unit's own counsellor takes the unit's copies of the demo caseload, so a
            // caseload stays the size it has in the demo instead of one counsellor collecting
            // every unit's (3,000 people at ×100, which no counsellor has).
            let mut unit_counsellor = None;
            for (i, login) in DEMO_LOGINS
                .iter()
                .cycle()
                .take(SCALE_UNIT.users)
                .enumerate()
            {
                let org_id = unit_org(
                    demo_orgs
                        .iter()
                        .find(|o| o.name == login.organisation)
                        .map_or(staff.org_id, |o| o.id),
                );
                let user = users::insert(
                    &mut tx,
                    &NewUser {
                        org_id,
                        email: &format!("user{unit}-{i}@scale.standort.example"),
                        display_name: &format!("{} {unit}", DISPLAY_NAMES[i % DISPLAY_NAMES.len()]),
                        role: login.role,
                        password_hash: &hash,
                        language: Language::De,
                    },
                    now,
                )
                .await?;
                if login.role == Role::JobCounsellor {
                    unit_counsellor.get_or_insert(user.id);
                }
            }
            let mut new_candidates = Vec::with_capacity(SCALE_UNIT.candidates);
            for template in candidates.iter().cycle().take(SCALE_UNIT.candidates) {
                let mut data = template.data.clone();
                data.user_id = None;
                data.email = None;
                if data.counsellor_id.is_some() {
                    data.counsellor_id = unit_counsellor;
                }
                data.family_name = family[rng.gen_range(0..family.len())].to_owned();
                data.given_names = format!("{} {unit}", given[rng.gen_range(0..given.len())]);
                let folded = standort_esco::fold_for_search(&format!(
                    "{} {}",
                    data.family_name, data.given_names
                ));
                let c = rec::insert_candidate(&mut tx, &data, &folded, now).await?;
                audit::append(&mut tx, &system("create", "candidate", c.id), now).await?;
                new_candidates.push(c.id);
            }
            let mut new_positions = std::collections::HashMap::new();
            for template in positions.iter().cycle().take(SCALE_UNIT.positions) {
                let mut data = template.data.clone();
                data.title = format!("{} {unit}", data.title);
                data.org_id = unit_org(data.org_id);
                let p = rec::insert_position(&mut tx, &data, now).await?;
                new_positions.entry(template.id).or_insert(p.id);
            }
            let mut new_programmes = std::collections::HashMap::new();
            for template in programmes.iter().cycle().take(SCALE_UNIT.programmes) {
                let mut data = template.data.clone();
                data.name = format!("{} {unit}", data.name);
                let p = pstore::insert_programme(&mut tx, &data, now).await?;
                new_programmes.entry(template.id).or_insert(p.id);
            }
            for (n, template) in placements
                .iter()
                .cycle()
                .take(SCALE_UNIT.placements)
                .enumerate()
            {
                let data = pstore::PlacementData {
                    candidate_id: new_candidates[n % new_candidates.len()],
                    position_id: *new_positions
                        .get(&template.data.position_id)
                        .unwrap_or(&template.data.position_id),
                    programme_id: template
                        .data
                        .programme_id
                        .map(|p| *new_programmes.get(&p).unwrap_or(&p)),
                    ..template.data.clone()
                };
                let id = pstore::insert_placement(&mut tx, &data, Some(staff.id), now).await?;
                let history: Vec<_> = events
                    .iter()
                    .filter(|e| e.placement_id == template.id)
                    .collect();
                for e in &history {
                    pstore::append_event(
                        &mut tx,
                        &pstore::NewEvent {
                            placement_id: id,
                            track: &e.track,
                            kind: &e.kind,
                            data: &e.data,
                            happened_on: e.happened_on,
                            note: e.note.as_deref(),
                            actor: Some(staff.id),
                            actor_label: &staff.email,
                        },
                        now,
                    )
                    .await?;
                }
                let replayed: Vec<_> = history.into_iter().cloned().collect();
                let state = standort_placement::Placement::replay(
                    crate::placements::context_of(&data),
                    crate::placements::history(&replayed)?.iter(),
                );
                crate::placements::store_due(&mut tx, id, &state).await?;
                for k in checklist.iter().filter(|k| k.placement_id == template.id) {
                    let item =
                        pstore::insert_checklist_item(&mut tx, id, &k.track, &k.item, k.due_on)
                            .await?;
                    if k.done_on.is_some() {
                        pstore::update_checklist_item(&mut tx, id, item, k.due_on, k.done_on)
                            .await?;
                    }
                }
                for c in costs.iter().filter(|c| c.placement_id == template.id) {
                    pstore::add_cost(
                        &mut tx,
                        &pstore::NewCost {
                            placement_id: id,
                            incurred_on: c.incurred_on,
                            purpose: &c.purpose,
                            amount_cents: c.amount_cents,
                            currency: &c.currency,
                            borne_by: &c.borne_by,
                            actor: Some(staff.id),
                        },
                        now,
                    )
                    .await?;
                }
                audit::append(&mut tx, &system("create", "placement", id), now).await?;
            }
            standort_store::recruitment::bump_revision(&mut tx).await?;
            tx.commit().await?;
        }
        Ok(())
    }
}
