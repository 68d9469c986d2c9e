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
        let mut tx = self.db.begin().await?;
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
        crate::placements::load_placements_demo(self).await?;
        crate::portal::load_portal_demo(self).await?;
        crate::demography::demo::load_demography_demo(self).await?;
        Ok(Some(DEMO_LOGINS))
    }
}
