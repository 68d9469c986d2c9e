//! The recruitment-tracks demo: two programmes with Vietnamese candidates in every stage.

use standort_domain::date::parse_date;
use standort_placement::{ContractKind, DEFAULT_CHECKLIST, Day, Event, Level, Placement, Route};
use standort_store::placements::{self as store, NewCost, NewEvent, PlacementData, ProgrammeData};
use standort_store::{PageRequest, recruitment as rec, users};

use super::{context_of, store_due, unix_of};
use crate::{App, AppError};

struct DemoPerson {
    family: &'static str,
    given: &'static str,
    province: &'static str,
    /// In the bus-driver cohort (else the care-trainee cohort).
    bus: bool,
}

/// Additional Vietnamese candidates of the programmes (the recruitment demo's own are used
/// first).
const DEMO_PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        family: "Phan",
        given: "Thị Lan Anh",
        province: "Nghệ An",
        bus: false,
    },
    DemoPerson {
        family: "Đỗ",
        given: "Văn Hùng",
        province: "Thanh Hóa",
        bus: true,
    },
    DemoPerson {
        family: "Ngô",
        given: "Thị Thảo",
        province: "Hà Tĩnh",
        bus: false,
    },
    DemoPerson {
        family: "Dương",
        given: "Văn Tuấn",
        province: "Bắc Giang",
        bus: true,
    },
    DemoPerson {
        family: "Lý",
        given: "Thị Hoa",
        province: "Lạng Sơn",
        bus: false,
    },
    DemoPerson {
        family: "Trịnh",
        given: "Văn Nam",
        province: "Ninh Bình",
        bus: true,
    },
    DemoPerson {
        family: "Mai",
        given: "Thị Yến",
        province: "Quảng Bình",
        bus: false,
    },
    DemoPerson {
        family: "Võ",
        given: "Minh Khoa",
        province: "Bình Định",
        bus: true,
    },
    DemoPerson {
        family: "Hồ",
        given: "Thị Phương",
        province: "Quảng Trị",
        bus: false,
    },
    DemoPerson {
        family: "Tạ",
        given: "Quang Vinh",
        province: "Phú Thọ",
        bus: true,
    },
];

/// Steps as (event, days before today).
type Script = &'static [(Event, i64)];

use Event::*;

const B1_SCRIPT: [(Event, i64); 4] = [
    (LanguageCourseStarted { level: Level::A1 }, 400),
    (
        LanguageExamTaken {
            level: Level::B1,
            passed: true,
        },
        200,
    ),
    (LanguageCertified { level: Level::B1 }, 190),
    (RecognitionNotNeeded, 380),
];

/// The care-trainee cohort (§ 16a), one person per stage.
const CARE_SCRIPTS: &[Script] = &[
    &[(LanguageCourseStarted { level: Level::A1 }, 30)],
    &[
        (LanguageCourseStarted { level: Level::A1 }, 200),
        (
            LanguageExamTaken {
                level: Level::A2,
                passed: true,
            },
            40,
        ),
        (LanguageCertified { level: Level::A2 }, 35),
        (LanguageCourseStarted { level: Level::B1 }, 30),
    ],
    &[
        B1_SCRIPT[0],
        B1_SCRIPT[1],
        B1_SCRIPT[2],
        B1_SCRIPT[3],
        (ContractOffered, 20),
    ],
    // § 81a pre-approval 30 days ago, no embassy appointment: overdue (3 weeks).
    &[
        B1_SCRIPT[0],
        B1_SCRIPT[1],
        B1_SCRIPT[2],
        B1_SCRIPT[3],
        (ContractOffered, 120),
        (
            ContractSigned {
                contract: ContractKind::Training,
            },
            100,
        ),
        (VisaRouteChosen { route: Route::S16a }, 95),
        (FastTrackApplied, 90),
        (FastTrackPreApproved, 30),
    ],
    // § 81a visa application 25 days ago, no decision: overdue (3 weeks).
    &[
        B1_SCRIPT[0],
        B1_SCRIPT[1],
        B1_SCRIPT[2],
        B1_SCRIPT[3],
        (ContractOffered, 150),
        (
            ContractSigned {
                contract: ContractKind::Training,
            },
            140,
        ),
        (VisaRouteChosen { route: Route::S16a }, 135),
        (FastTrackApplied, 130),
        (FastTrackPreApproved, 60),
        (EmbassyAppointmentBooked { on: 0 }, 50),
        (VisaApplied, 25),
    ],
    &[
        B1_SCRIPT[0],
        B1_SCRIPT[1],
        B1_SCRIPT[2],
        B1_SCRIPT[3],
        (ContractOffered, 160),
        (
            ContractSigned {
                contract: ContractKind::Training,
            },
            150,
        ),
        (VisaRouteChosen { route: Route::S16a }, 140),
        (VisaApplied, 60),
        (VisaGranted, 10),
        (HousingArranged, 5),
    ],
    // Arrived 20 days ago, not registered: overdue (two weeks, § 17 BMG).
    &[
        B1_SCRIPT[0],
        B1_SCRIPT[1],
        B1_SCRIPT[2],
        B1_SCRIPT[3],
        (ContractOffered, 200),
        (
            ContractSigned {
                contract: ContractKind::Training,
            },
            190,
        ),
        (VisaRouteChosen { route: Route::S16a }, 180),
        (VisaApplied, 100),
        (VisaGranted, 40),
        (HousingArranged, 30),
        (Arrived, 20),
        (HealthInsurance, 20),
        (MentorAssigned, 18),
    ],
    &[
        B1_SCRIPT[0],
        B1_SCRIPT[1],
        B1_SCRIPT[2],
        B1_SCRIPT[3],
        (ContractOffered, 300),
        (
            ContractSigned {
                contract: ContractKind::Training,
            },
            290,
        ),
        (VisaRouteChosen { route: Route::S16a }, 280),
        (VisaApplied, 230),
        (VisaGranted, 200),
        (HousingArranged, 195),
        (Arrived, 150),
        (HealthInsurance, 150),
        (Registered, 145),
        (MentorAssigned, 144),
        (BankAccount, 140),
        (EmploymentStarted, 120),
    ],
];

/// The bus-driver cohort (§ 18a, recognition not required).
const BUS_SCRIPTS: &[Script] = &[
    &[
        (RecognitionNotNeeded, 60),
        (LanguageCourseStarted { level: Level::A2 }, 50),
    ],
    &[
        B1_SCRIPT[0],
        B1_SCRIPT[1],
        B1_SCRIPT[2],
        B1_SCRIPT[3],
        (ContractOffered, 80),
        (
            ContractSigned {
                contract: ContractKind::Employment,
            },
            70,
        ),
        (VisaRouteChosen { route: Route::S18a }, 65),
        (VisaApplied, 40),
    ],
    // Employed for more than six months without the 6-month check: overdue.
    &[
        B1_SCRIPT[0],
        B1_SCRIPT[1],
        B1_SCRIPT[2],
        B1_SCRIPT[3],
        (ContractOffered, 330),
        (
            ContractSigned {
                contract: ContractKind::Employment,
            },
            320,
        ),
        (VisaRouteChosen { route: Route::S18a }, 310),
        (VisaApplied, 290),
        (VisaGranted, 270),
        (HousingArranged, 265),
        (Arrived, 260),
        (HealthInsurance, 260),
        (Registered, 255),
        (MentorAssigned, 254),
        (BankAccount, 250),
        (ResidencePermit, 240),
        (EmploymentStarted, 230),
    ],
    &[
        (LanguageCourseStarted { level: Level::A1 }, 700),
        (
            LanguageExamTaken {
                level: Level::B1,
                passed: true,
            },
            600,
        ),
        (LanguageCertified { level: Level::B1 }, 590),
        (RecognitionNotNeeded, 690),
        (ContractOffered, 580),
        (
            ContractSigned {
                contract: ContractKind::Employment,
            },
            575,
        ),
        (VisaRouteChosen { route: Route::S18a }, 570),
        (VisaApplied, 560),
        (VisaGranted, 540),
        (HousingArranged, 530),
        (Arrived, 520),
        (HealthInsurance, 520),
        (Registered, 515),
        (MentorAssigned, 515),
        (BankAccount, 510),
        (ResidencePermit, 480),
        (EmploymentStarted, 500),
        (RetentionCheck6, 310),
        (RetentionCheck12, 130),
    ],
];

/// Loads the recruitment-tracks demo: the programmes "Pflege-Azubis Vietnam 2026" and
/// "Busfahrer Vietnam 2026" with Vietnamese candidates in every stage (some overdue, one with
/// a candidate-borne fee flagged), and the demo candidate's own placement. Dates are relative
/// to today so that the overdue items stay overdue. Every step passes the engine's checks.
pub async fn load_placements_demo(app: &App) -> Result<(), AppError> {
    let now = app.now();
    let today = app.today();
    let mut tx = app.db.begin_write().await?;
    let staff = users::find_for_login(&mut tx, "staff@demo.standort.example")
        .await?
        .map(|(u, _)| u)
        .ok_or_else(|| AppError::Internal("demo staff login missing".into()))?;
    let positions = rec::list_positions(&mut tx, None, false, PageRequest::new(Some(200), None))
        .await?
        .items;
    let position = |title: &str| {
        positions
            .iter()
            .find(|p| p.data.title == title)
            .cloned()
            .ok_or_else(|| AppError::Internal(format!("demo position {title} missing")))
    };
    let care = position("Ausbildung Pflegefachfrau/Pflegefachmann")?;
    let bus = position("Busfahrer/in im Linienverkehr")?;
    let mut candidates: Vec<rec::CandidateRecord> = rec::all_candidates(&mut tx)
        .await?
        .into_iter()
        .filter(|c| c.data.country == "VN")
        .collect();
    // The demo candidate login first (their own placement), then the others.
    candidates.sort_by_key(|c| (c.data.user_id.is_none(), c.id));
    let mut added = Vec::new();
    for p in DEMO_PEOPLE {
        let data = rec::CandidateData {
            org_id: staff.org_id,
            user_id: None,
            counsellor_id: None,
            family_name: p.family.into(),
            given_names: p.given.into(),
            country: "VN".into(),
            province: p.province.into(),
            email: None,
            phone: None,
            german_level: None,
            german_certificate: None,
            german_exam_date: None,
            german_next_expected: None,
            licences: Vec::new(),
            wished_regions: vec!["Leipzig".into()],
            available_from: None,
            consent_share_employers: true,
            consent_talent_pool: false,
        };
        let folded = standort_esco::fold_for_search(&format!("{} {}", p.family, p.given));
        let c = rec::insert_candidate(&mut tx, &data, &folded, now).await?;
        added.push((c.id, p.bus));
        candidates.push(c);
    }
    rec::bump_revision(&mut tx).await?;
    let care_programme = store::insert_programme(
        &mut tx,
        &ProgrammeData {
            org_id: staff.org_id,
            name: "Pflege-Azubis Vietnam 2026".into(),
            description: "Ausbildung Pflegefachfrau/-mann am Klinikum Borna, 40 Personen aus Nghệ An, Hà Tĩnh und Thanh Hóa".into(),
            target_size: 40,
            start_date: parse_date("start", &Some("2026-09-01".into()))?,
        },
        now,
    )
    .await?;
    let bus_programme = store::insert_programme(
        &mut tx,
        &ProgrammeData {
            org_id: staff.org_id,
            name: "Busfahrer Vietnam 2026".into(),
            description: "Busfahrer/innen für die Leipziger Verkehrsbetriebe, § 18a AufenthG"
                .into(),
            target_size: 15,
            start_date: parse_date("start", &Some("2026-11-01".into()))?,
        },
        now,
    )
    .await?;
    // Care trainees: the recruitment demo's Vietnamese candidates first, then the new ones.
    let (bus_people, care_people): (Vec<_>, Vec<_>) = candidates
        .into_iter()
        .partition(|c| added.iter().any(|(id, bus)| *id == c.id && *bus));
    let plan = CARE_SCRIPTS
        .iter()
        .zip(care_people)
        .map(|(s, c)| (&care, care_programme.id, *s, c))
        .chain(
            BUS_SCRIPTS
                .iter()
                .zip(bus_people)
                .map(|(s, c)| (&bus, bus_programme.id, *s, c)),
        );
    let mut flagged = false;
    for (position, programme, script, candidate) in plan {
        let data = PlacementData {
            candidate_id: candidate.id,
            position_id: position.id,
            programme_id: Some(programme),
            recognition_required: position.data.recognition_required,
            partnership_accepted: position.data.recognition_partnership,
            apprenticeship: position.data.kind == "apprenticeship",
        };
        let id = store::insert_placement(&mut tx, &data, Some(staff.id), now).await?;
        for (track, item) in DEFAULT_CHECKLIST {
            store::insert_checklist_item(&mut tx, id, track.as_str(), item, None).await?;
        }
        let mut steps: Vec<(Event, Day)> = script
            .iter()
            .map(|(e, ago)| {
                let e = match e {
                    EmbassyAppointmentBooked { .. } => EmbassyAppointmentBooked {
                        on: today - ago + 14,
                    },
                    e => *e,
                };
                (e, today - ago)
            })
            .collect();
        steps.sort_by_key(|(_, d)| *d);
        let mut state = Placement::new(context_of(&data));
        for (e, d) in &steps {
            state
                .apply(*e, *d, today)
                .map_err(|r| AppError::Internal(format!("demo step {} refused: {r}", e.key())))?;
            store::append_event(
                &mut tx,
                &NewEvent {
                    placement_id: id,
                    track: e.track().as_str(),
                    kind: e.key(),
                    data: &e.to_json(),
                    happened_on: unix_of(*d),
                    note: None,
                    actor: Some(staff.id),
                    actor_label: &staff.email,
                },
                now,
            )
            .await?;
        }
        store_due(&mut tx, id, &state).await?;
        // Documents: the visa checklist of people who applied is due (passport overdue for
        // the first one without it).
        if state.visa.route.is_some() {
            for row in store::checklist(&mut tx, id).await? {
                if row.track == "visa" {
                    let done = (row.item != "passport" || state.visa.applied_on.is_some())
                        .then(|| unix_of(today - 10));
                    store::update_checklist_item(
                        &mut tx,
                        id,
                        row.id,
                        Some(unix_of(today - 3)),
                        done,
                    )
                    .await?;
                }
            }
        }
        let cost = |purpose: &'static str, cents: i64, borne_by: &'static str| NewCost {
            placement_id: id,
            incurred_on: unix_of(today - 15),
            purpose,
            amount_cents: cents,
            currency: "EUR",
            borne_by,
            actor: Some(staff.id),
        };
        if state.visa.fast_track_applied_on.is_some() {
            store::add_cost(
                &mut tx,
                &cost(
                    "Gebühr beschleunigtes Fachkräfteverfahren (§ 81a)",
                    41_100,
                    "employer",
                ),
                now,
            )
            .await?;
        }
        if state.arrival.arrived_on.is_some() && !flagged {
            // A placement fee the agency in Hanoi charged the candidate: flagged.
            store::add_cost(
                &mut tx,
                &cost(
                    "Vermittlungsgebühr Partneragentur Hanoi",
                    150_000,
                    "candidate",
                ),
                now,
            )
            .await?;
            flagged = true;
        }
        if state.language.course.is_some() {
            store::add_cost(
                &mut tx,
                &cost("Deutschkurs A1–B1 Sprachschule Hanoi", 180_000, "programme"),
                now,
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use standort_placement::Context;

    #[test]
    fn demo_scripts_are_allowed_by_the_engine() {
        let today = 20_000;
        for (apprenticeship, scripts) in [(true, CARE_SCRIPTS), (false, BUS_SCRIPTS)] {
            for script in scripts {
                let mut steps: Vec<(Event, Day)> = script
                    .iter()
                    .map(|(e, ago)| (*e, today - ago))
                    .map(|(e, d)| match e {
                        EmbassyAppointmentBooked { .. } => {
                            (EmbassyAppointmentBooked { on: d + 14 }, d)
                        }
                        e => (e, d),
                    })
                    .collect();
                steps.sort_by_key(|(_, d)| *d);
                let mut p = Placement::new(Context {
                    recognition_required: false,
                    partnership_accepted: false,
                    apprenticeship,
                });
                for (e, d) in steps {
                    p.apply(e, d, today)
                        .unwrap_or_else(|r| panic!("{e:?}: {r}"));
                }
            }
        }
    }
}
