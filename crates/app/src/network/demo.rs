//! The network's demo records, in the one demo world: an inbound delegation of Vietnamese
//! entrepreneurs visiting Leipzig's clinics, in which "Städtisches Klinikum St. Georg (Demo)"
//! met "Mekong Medical Supplies (Demo)" and which led to a procurement cooperation with
//! obligations (one due next week); an outbound trip to Japan; approaches (one with a next step
//! due in three days); a memorandum whose term ends within three months; EXPO REAL and MEDICA
//! with leads; investment projects, one from the Ho Chi Minh City office; names in Vietnamese
//! and Japanese script. Written through the use cases as the demo staff and administrator, so
//! every record is validated and audited like any other.

use standort_domain::date::format_date;
use standort_domain::{OrgId, OrgKind};
use standort_store::{PageRequest, orgs, users};

use super::{
    AgreementInput, ApproachInput, ContactInput, FairInput, ItemInput, LeadInput, ObligationInput,
    ParticipantInput, ProjectInput, StageInput, TripInput, day_start,
};
use crate::organisations::{NewOrganisationInput, OrgProfileInput};
use crate::{Actor, App, AppError};

const DAY: i64 = 86_400;

/// An organisation the network adds: name, kind, country, sector, clusters, further names
/// (name, BCP 47 tag).
type DemoOrg = (
    &'static str,
    OrgKind,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const NETWORK_ORGS: &[DemoOrg] = &[
    (
        "Saigon Biotech JSC (Demo)",
        OrgKind::Investor,
        "VN",
        "21.20",
        "biotech_health",
        &[("Công ty Cổ phần Công nghệ Sinh học Sài Gòn", "vi")],
    ),
    (
        "Sakura Seimitsu K.K. (Demo)",
        OrgKind::Investor,
        "JP",
        "26.51",
        "digital_economy,greentech",
        &[
            ("桜精密株式会社", "ja"),
            ("Sakura Seimitsu Kabushiki-gaisha", "ja-Latn"),
        ],
    ),
    (
        "Invest Region Leipzig – Büro Ho-Chi-Minh-Stadt (Demo)",
        OrgKind::InvestmentAgency,
        "VN",
        "84.13",
        "",
        &[(
            "Văn phòng Xúc tiến Đầu tư Leipzig tại Thành phố Hồ Chí Minh",
            "vi",
        )],
    ),
    (
        "Leipziger Solartechnik GmbH (Demo)",
        OrgKind::Company,
        "DE",
        "27.11",
        "greentech",
        &[],
    ),
    (
        "Datenwerk Leipzig GmbH (Demo)",
        OrgKind::Company,
        "DE",
        "62.01",
        "digital_economy",
        &[],
    ),
    (
        "Industrie- und Handelskammer zu Leipzig (Demo)",
        OrgKind::Chamber,
        "DE",
        "94.11",
        "",
        &[],
    ),
    (CITY_OFFICE, OrgKind::Municipality, "DE", "84.11", "", &[]),
];

/// The city's business office, a partner agency of the shared visit log (the chamber is the
/// other).
pub const CITY_OFFICE: &str = "Wirtschaftsförderung der Stadt Markkleeberg (Demo)";
/// The chamber's partner-agency login (the browser tests' `partner`).
pub const CHAMBER_LOGIN: &str = "partner@demo.standort.example";
/// The city office's partner-agency login.
pub const CITY_LOGIN: &str = "partner-city@demo.standort.example";

/// The partner agencies of the shared visit log: the chamber and the city's business office,
/// one login each (the demo password), the scopes the agency agreed with them, and a few of
/// their approaches mixed with the agency's — so "approached recently" shows another agency.
async fn load_partner_demo(
    app: &App,
    staff: &Actor,
    (chamber, city): (OrgId, OrgId),
    (solar, datenwerk, sakura): (OrgId, OrgId, OrgId),
    now: i64,
) -> Result<(), AppError> {
    use standort_domain::Role;
    use standort_store::users::NewUser;

    {
        let mut tx = app.db.begin_write().await?;
        let (_, hash) = users::find_for_login(&mut tx, "staff@demo.standort.example")
            .await?
            .ok_or_else(|| AppError::Internal("demo staff missing".into()))?;
        for (org, email, display_name) in [
            (chamber, CHAMBER_LOGIN, "Frank Neumann"),
            (city, CITY_LOGIN, "Heike Schubert"),
        ] {
            users::insert(
                &mut tx,
                &NewUser {
                    org_id: org,
                    email,
                    display_name,
                    role: Role::PartnerAgency,
                    password_hash: &hash,
                    language: standort_domain::Language::De,
                },
                now,
            )
            .await?;
        }
        tx.commit().await?;
    }
    // The chamber: the greentech cluster and manufacturing (NACE section C); the city office:
    // the digital economy and, named, the solar manufacturer planning a site in the city.
    for (partner, clusters, sections) in
        [(chamber, "greentech", "C"), (city, "digital_economy", "")]
    {
        app.set_partner_scope(
            staff,
            partner,
            &super::PartnerScopeInput {
                clusters: s(clusters),
                sections: s(sections),
            },
        )
        .await?;
    }
    app.add_partner_company(staff, city, &Some(solar.0.to_string()))
        .await?;
    // Their approaches, next to the agency's: the chamber visited the solar manufacturer after
    // the agency did (it confirms, as anyone must within 90 days); the city office called the
    // software company and met the Japanese investor's people.
    let chamber_user = actor(app, CHAMBER_LOGIN).await?;
    let city_user = actor(app, CITY_LOGIN).await?;
    for (who, org, channel, d, topic) in [
        (
            &chamber_user,
            solar,
            "visit",
            -8,
            "Ausbildungsbedarf Mechatronik, Prüfungsausschuss",
        ),
        (
            &city_user,
            datenwerk,
            "call",
            -3,
            "Gewerbeflächen am Cospudener See",
        ),
        (
            &city_user,
            sakura,
            "meeting",
            -2,
            "Standortbesichtigung, Gewerbegebiet Markkleeberg-Ost",
        ),
    ] {
        app.record_approach(
            who,
            &ApproachInput {
                org_id: Some(org.0.to_string()),
                channel: s(channel),
                on: day(now, d),
                topic: s(topic),
                outcome: None,
                next_step: None,
                next_due: None,
                confirm: s("1"),
            },
        )
        .await?;
    }
    Ok(())
}

fn day(now: i64, offset: i64) -> Option<String> {
    Some(format_date(day_start(now) + offset * DAY))
}

fn s(v: &str) -> Option<String> {
    Some(v.to_owned())
}

async fn actor(app: &App, email: &str) -> Result<Actor, AppError> {
    let mut conn = app.db.conn().await?;
    let (user, _) = users::find_for_login(&mut conn, email)
        .await?
        .ok_or_else(|| AppError::Internal(format!("demo user {email} missing")))?;
    Ok(Actor {
        user,
        client_ip: None,
    })
}

/// Loads the network demo; the base demo (organisations, users) must be loaded.
pub async fn load_network_demo(app: &App) -> Result<(), AppError> {
    let admin = actor(app, "admin@demo.standort.example").await?;
    let staff = actor(app, "staff@demo.standort.example").await?;
    let now = app.now();

    // The registry: the network's organisations and the facts of the existing ones.
    for (name, kind, country, _, _, _) in NETWORK_ORGS {
        app.create_organisation(
            &admin,
            &NewOrganisationInput {
                name: (*name).into(),
                kind: kind.as_str().into(),
                country: Some((*country).into()),
            },
        )
        .await?;
    }
    let all = {
        let mut conn = app.db.conn().await?;
        orgs::list(&mut conn, None, PageRequest::new(Some(200), None))
            .await?
            .items
    };
    let id = |name: &str| -> Result<OrgId, AppError> {
        all.iter()
            .find(|o| o.name == name)
            .map(|o| o.id)
            .ok_or_else(|| AppError::Internal(format!("demo organisation {name} missing")))
    };
    let profile = |sector: &str, clusters: &str, website: Option<&str>| OrgProfileInput {
        sector: s(sector),
        clusters: s(clusters),
        employees: None,
        website: website.map(str::to_owned),
        address: None,
    };
    for (name, _, _, sector, clusters, names) in NETWORK_ORGS {
        let org = id(name)?;
        app.update_organisation_profile(&staff, org, &profile(sector, clusters, None))
            .await?;
        for (n, lang) in *names {
            app.add_organisation_name(&staff, org, n, lang).await?;
        }
    }
    let clinic = id("Städtisches Klinikum St. Georg (Demo)")?;
    let mekong = id("Mekong Medical Supplies (Demo)")?;
    let agency = id("Amt für Wirtschaftsförderung Leipzig (Demo)")?;
    let irl = id("Invest Region Leipzig (Demo)")?;
    let hcmc = id("Invest Region Leipzig – Büro Ho-Chi-Minh-Stadt (Demo)")?;
    let saigon = id("Saigon Biotech JSC (Demo)")?;
    let sakura = id("Sakura Seimitsu K.K. (Demo)")?;
    let solar = id("Leipziger Solartechnik GmbH (Demo)")?;
    let datenwerk = id("Datenwerk Leipzig GmbH (Demo)")?;
    let ihk = id("Industrie- und Handelskammer zu Leipzig (Demo)")?;
    app.update_organisation_profile(
        &staff,
        clinic,
        &profile(
            "86.10",
            "biotech_health",
            Some("https://klinikum-st-georg.example"),
        ),
    )
    .await?;
    app.update_organisation_profile(&staff, mekong, &profile("46.46", "biotech_health", None))
        .await?;
    app.add_organisation_name(&staff, mekong, "Công ty TNHH Vật tư Y tế Mê Kông", "vi")
        .await?;
    app.link_organisations(&staff, hcmc, irl, "subsidiary_of")
        .await?;
    app.link_organisations(&staff, mekong, saigon, "partner_of")
        .await?;

    // People.
    let contact = |family: &str, given: &str, langs: &str, org: OrgId, role: &str| ContactInput {
        family_name: s(family),
        given_names: s(given),
        email: None,
        phone: None,
        languages: s(langs),
        legal_basis: s("legitimate_interest"),
        org_id: Some(org.0.to_string()),
        role_title: s(role),
    };
    let minh = app
        .create_contact(
            &staff,
            &contact("Trần", "Văn Minh", "vi,en", mekong, "Tổng giám đốc / CEO"),
        )
        .await?;
    let ha = app
        .create_contact(
            &staff,
            &contact("Lê", "Thị Thu Hà", "vi,en", saigon, "Giám đốc phát triển"),
        )
        .await?;
    let lan = app
        .create_contact(
            &staff,
            &contact("Phạm", "Thị Lan", "vi,de", agency, "Dolmetscherin"),
        )
        .await?;
    let berger = app
        .create_contact(
            &staff,
            &contact("Berger", "Dr. Claudia", "de,en", clinic, "Leiterin Einkauf"),
        )
        .await?;
    let vogel = app
        .create_contact(
            &staff,
            &contact(
                "Vogel",
                "Katrin",
                "de,en",
                agency,
                "Referentin Internationales",
            ),
        )
        .await?;
    let sato = app
        .create_contact(
            &staff,
            &contact("佐藤", "春樹", "ja,en", sakura, "海外事業部長"),
        )
        .await?;

    // The inbound delegation from Vietnam and what came out of it.
    let trip = app
        .create_trip(
            &staff,
            &TripInput {
                title: s("Delegation vietnamesischer Unternehmer: Kliniken in Leipzig (Demo)"),
                direction: s("inbound"),
                country: s("VN"),
                start: day(now, -60),
                end: day(now, -57),
                notes: s("Organisiert mit dem Büro Ho-Chi-Minh-Stadt."),
            },
        )
        .await?;
    let item = |d: i64, time: &str, place: &str, title: &str, org: Option<OrgId>, outcome: &str| {
        ItemInput {
            day: day(now, d),
            time: s(time),
            place: s(place),
            title: s(title),
            org_id: org.map(|o| o.0.to_string()),
            outcome: s(outcome),
        }
    };
    for i in [
        item(
            -60,
            "10:00",
            "Delitzscher Straße 141, Leipzig",
            "Besuch Städtisches Klinikum St. Georg",
            Some(clinic),
            "Führung durch Zentralsterilisation und Einkauf.",
        ),
        item(
            -60,
            "14:00",
            "Klinikum St. Georg, Konferenzraum 2",
            "Treffen Klinikum St. Georg – Mekong Medical Supplies",
            Some(mekong),
            "Beschaffungskooperation für Verbrauchsmaterial vereinbart; Musterlieferung folgt.",
        ),
        item(
            -59,
            "09:30",
            "Liebigstraße 20, Leipzig",
            "Besuch Universitätsklinikum Leipzig",
            Some(id("Universitätsklinikum Leipzig (Demo)")?),
            "",
        ),
        item(
            -58,
            "11:00",
            "Goerdelerring 5, Leipzig",
            "Unternehmerfrühstück in der IHK",
            Some(ihk),
            "",
        ),
    ] {
        app.add_trip_item(&staff, trip.id, &i).await?;
    }
    for (c, org, role, lang) in [
        (minh.id, mekong, "company", "vi"),
        (ha.id, saigon, "company", "vi"),
        (lan.id, agency, "interpreter", "vi"),
        (vogel.id, agency, "staff", "de"),
        (berger.id, clinic, "company", "de"),
    ] {
        app.add_trip_participant(
            &staff,
            trip.id,
            &ParticipantInput {
                contact_id: Some(c.to_string()),
                org_id: Some(org.0.to_string()),
                role: s(role),
                language: s(lang),
            },
        )
        .await?;
    }
    let agreement = app
        .create_agreement(
            &staff,
            &AgreementInput {
                title: s(
                    "Beschaffungskooperation Klinikum St. Georg – Mekong Medical Supplies (Demo)",
                ),
                kind: s("cooperation"),
                status: None,
                signed_on: day(now, -30),
                ends_on: day(now, 700),
                trip_id: Some(trip.id.to_string()),
                parties: Some(format!("{},{}", clinic.0, mekong.0)),
            },
        )
        .await?;
    for (text, due) in [
        ("Musterlieferung Schutzausrüstung prüfen und freigeben", 5),
        ("Quartalsbericht an die Wirtschaftsförderung", 40),
    ] {
        app.add_obligation(
            &staff,
            agreement.id,
            &ObligationInput {
                description: s(text),
                due: day(now, due),
                owner: None,
            },
        )
        .await?;
    }
    app.create_agreement(
        &staff,
        &AgreementInput {
            title: s("Memorandum of Understanding Leipzig – Thành phố Hồ Chí Minh (Demo)"),
            kind: s("memorandum"),
            status: None,
            signed_on: day(now, -400),
            // Its term ends within three months: the staff are reminded.
            ends_on: day(now, 75),
            trip_id: None,
            parties: Some(format!("{},{}", agency.0, hcmc.0)),
        },
    )
    .await?;

    // The outbound trip to Japan.
    let japan = app
        .create_trip(
            &staff,
            &TripInput {
                title: s("Delegationsreise nach Japan: Greentech und Sensorik (Demo)"),
                direction: s("outbound"),
                country: s("JP"),
                start: day(now, 45),
                end: day(now, 50),
                notes: s(""),
            },
        )
        .await?;
    app.add_trip_item(
        &staff,
        japan.id,
        &item(
            46,
            "10:00",
            "大阪市北区",
            "Treffen Sakura Seimitsu (桜精密)",
            Some(sakura),
            "",
        ),
    )
    .await?;
    app.add_trip_participant(
        &staff,
        japan.id,
        &ParticipantInput {
            contact_id: Some(sato.id.to_string()),
            org_id: Some(sakura.0.to_string()),
            role: s("company"),
            language: s("en"),
        },
    )
    .await?;

    // Approaches (the visit log).
    for (org, channel, d, topic) in [
        (
            solar,
            "visit",
            -20,
            "Erweiterung der Modulfertigung, Flächenbedarf",
        ),
        (
            datenwerk,
            "call",
            -100,
            "Fachkräftebedarf Softwareentwicklung",
        ),
        (
            saigon,
            "meeting",
            -10,
            "Standortsuche Vertriebszentrum Medizintechnik",
        ),
        (sakura, "email", -5, "Einladung zur Delegationsreise"),
    ] {
        // The invitation to Japan has a next step due in three days (a reminder for staff).
        let follow_up = org == sakura;
        app.record_approach(
            &staff,
            &ApproachInput {
                org_id: Some(org.0.to_string()),
                channel: s(channel),
                on: day(now, d),
                topic: s(topic),
                outcome: None,
                next_step: follow_up.then(|| "Teilnahme an der Delegationsreise bestätigen".into()),
                next_due: if follow_up { day(now, 3) } else { None },
                confirm: None,
            },
        )
        .await?;
    }
    load_partner_demo(
        app,
        &staff,
        (ihk, id(CITY_OFFICE)?),
        (solar, datenwerk, sakura),
        now,
    )
    .await?;

    // Trade fairs with leads.
    let expo = app
        .create_fair(
            &staff,
            &FairInput {
                name: s("EXPO REAL (Demo)"),
                city: s("München"),
                country: s("DE"),
                start: day(now, -59),
                end: day(now, -57),
                cost_eur: s("48000"),
            },
        )
        .await?;
    for (org, note) in [
        (solar, "Sucht 4 ha Gewerbefläche mit Gleisanschluss"),
        (sakura, "Europa-Standort für Sensorik, Entscheidung 2027"),
        (datenwerk, "Büroflächen Innenstadt"),
    ] {
        app.add_lead(
            &staff,
            expo.id,
            &LeadInput {
                org_id: Some(org.0.to_string()),
                note: s(note),
                follow_up: day(now, 7),
            },
        )
        .await?;
    }
    let medica = app
        .create_fair(
            &staff,
            &FairInput {
                name: s("MEDICA (Demo)"),
                city: s("Düsseldorf"),
                country: s("DE"),
                start: day(now, -17),
                end: day(now, -14),
                cost_eur: s("31000"),
            },
        )
        .await?;
    app.add_lead(
        &staff,
        medica.id,
        &LeadInput {
            org_id: Some(mekong.0.to_string()),
            note: s("Lager in Mitteldeutschland für EU-Vertrieb"),
            follow_up: day(now, 10),
        },
    )
    .await?;

    // Investment projects, one from the Ho Chi Minh City office.
    let project = |title: &str,
                   investor: OrgId,
                   cluster: &str,
                   kind: &str,
                   stage: &str,
                   jobs: &str,
                   eur: &str,
                   office: &str| ProjectInput {
        title: s(title),
        investor_org_id: Some(investor.0.to_string()),
        cluster: s(cluster),
        kind: s(kind),
        stage: s(stage),
        planned_jobs: s(jobs),
        planned_investment_eur: s(eur),
        office: s(office),
    };
    for p in [
        project(
            "Vertriebs- und Servicezentrum Medizintechnik (Demo)",
            saigon,
            "biotech_health",
            "new_site",
            "qualified",
            "40",
            "6000000",
            "hcmc",
        ),
        project(
            "Werk für Sensorik (Demo)",
            sakura,
            "digital_economy",
            "new_site",
            "site_search",
            "120",
            "25000000",
            "leipzig",
        ),
        project(
            "Erweiterung Solarmodulfertigung (Demo)",
            solar,
            "greentech",
            "expansion",
            "won",
            "60",
            "12000000",
            "leipzig",
        ),
        project(
            "EU-Lager Medizinbedarf (Demo)",
            mekong,
            "biotech_health",
            "supply_channel",
            "lead",
            "15",
            "2000000",
            "hcmc",
        ),
        project(
            "Rechenzentrum (Demo)",
            datenwerk,
            "digital_economy",
            "expansion",
            "decision",
            "25",
            "9000000",
            "leipzig",
        ),
    ] {
        app.create_project(&staff, &p).await?;
    }
    let lost = app
        .create_project(
            &staff,
            &project(
                "Batterierecycling (Demo)",
                sakura,
                "greentech",
                "new_site",
                "qualified",
                "80",
                "30000000",
                "leipzig",
            ),
        )
        .await?;
    app.set_project_stage(
        &staff,
        lost.id,
        &StageInput {
            stage: s("lost"),
            reason: s("Standortentscheidung für Polen (Förderquote)"),
        },
    )
    .await?;
    Ok(())
}
