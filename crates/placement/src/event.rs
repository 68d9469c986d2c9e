//! The events that move a track, and the vocabulary they use.

use serde::{Deserialize, Serialize};

use crate::Day;

/// The six parallel tracks of a placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    Language,
    Recognition,
    Visa,
    /// Contract and housing.
    Contract,
    /// Arrival and onboarding.
    Arrival,
    /// Employment and the retention checks.
    Employment,
}

impl Track {
    pub const ALL: [Track; 6] = [
        Track::Language,
        Track::Recognition,
        Track::Visa,
        Track::Contract,
        Track::Arrival,
        Track::Employment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Track::Language => "language",
            Track::Recognition => "recognition",
            Track::Visa => "visa",
            Track::Contract => "contract",
            Track::Arrival => "arrival",
            Track::Employment => "employment",
        }
    }

    pub fn parse(s: &str) -> Option<Track> {
        Track::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// German level of the language track (the recruitment path ends at B2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    A1,
    A2,
    B1,
    B2,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::A1, Level::A2, Level::B1, Level::B2];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::A1 => "A1",
            Level::A2 => "A2",
            Level::B1 => "B1",
            Level::B2 => "B2",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// The next level, if any.
    pub fn next(self) -> Option<Level> {
        Level::ALL.into_iter().find(|l| *l > self)
    }
}

/// The compensation measure a deficit notice (Defizitbescheid) asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Anpassungslehrgang.
    AdaptationCourse,
    /// Kenntnisprüfung.
    KnowledgeExam,
}

/// The residence title a visa is applied for (AufenthG).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Route {
    /// § 16a: vocational training.
    #[serde(rename = "16a")]
    S16a,
    /// § 16d: measures for the recognition of a foreign qualification, or a recognition
    /// partnership (§ 16d (3)).
    #[serde(rename = "16d")]
    S16d,
    /// § 18a: skilled worker with vocational training.
    #[serde(rename = "18a")]
    S18a,
    /// § 18b: skilled worker with an academic degree.
    #[serde(rename = "18b")]
    S18b,
}

impl Route {
    pub const ALL: [Route; 4] = [Route::S16a, Route::S16d, Route::S18a, Route::S18b];

    pub fn as_str(self) -> &'static str {
        match self {
            Route::S16a => "16a",
            Route::S16d => "16d",
            Route::S18a => "18a",
            Route::S18b => "18b",
        }
    }

    pub fn parse(s: &str) -> Option<Route> {
        let s = s.trim().trim_start_matches('§').trim();
        Route::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// What kind of contract was signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractKind {
    /// Ausbildungsvertrag.
    Training,
    /// Arbeitsvertrag.
    Employment,
}

/// Something that happened on one track. Serialised with a `kind` tag, e.g.
/// `{"kind":"visa_route_chosen","route":"16a"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    // language
    LanguageCourseStarted {
        level: Level,
    },
    LanguageExamTaken {
        level: Level,
        passed: bool,
    },
    LanguageCertified {
        level: Level,
    },
    // recognition
    RecognitionNotNeeded,
    RecognitionDocumentsComplete,
    RecognitionApplied,
    RecognitionDeficitNotice {
        measure: Measure,
    },
    RecognitionMeasureCompleted,
    RecognitionPartnership,
    Recognised,
    RecognitionRefused,
    // visa
    VisaRouteChosen {
        route: Route,
    },
    /// § 81a: the employer applied for the accelerated procedure at the Ausländerbehörde.
    FastTrackApplied,
    /// § 81a: the Ausländerbehörde gave its pre-approval (Vorabzustimmung).
    FastTrackPreApproved,
    /// An appointment at the embassy on day `on`.
    EmbassyAppointmentBooked {
        on: Day,
    },
    VisaApplied,
    VisaGranted,
    VisaRefused,
    // contract and housing
    ContractOffered,
    ContractSigned {
        contract: ContractKind,
    },
    HousingArranged,
    // arrival and onboarding
    Arrived,
    Registered,
    ResidencePermit,
    HealthInsurance,
    BankAccount,
    MentorAssigned,
    // employment
    EmploymentStarted,
    #[serde(rename = "retention_check_6")]
    RetentionCheck6,
    #[serde(rename = "retention_check_12")]
    RetentionCheck12,
    EmploymentEnded,
}

impl Event {
    pub fn track(&self) -> Track {
        use Event::*;
        match self {
            LanguageCourseStarted { .. } | LanguageExamTaken { .. } | LanguageCertified { .. } => {
                Track::Language
            }
            RecognitionNotNeeded
            | RecognitionDocumentsComplete
            | RecognitionApplied
            | RecognitionDeficitNotice { .. }
            | RecognitionMeasureCompleted
            | RecognitionPartnership
            | Recognised
            | RecognitionRefused => Track::Recognition,
            VisaRouteChosen { .. }
            | FastTrackApplied
            | FastTrackPreApproved
            | EmbassyAppointmentBooked { .. }
            | VisaApplied
            | VisaGranted
            | VisaRefused => Track::Visa,
            ContractOffered | ContractSigned { .. } | HousingArranged => Track::Contract,
            Arrived | Registered | ResidencePermit | HealthInsurance | BankAccount
            | MentorAssigned => Track::Arrival,
            EmploymentStarted | RetentionCheck6 | RetentionCheck12 | EmploymentEnded => {
                Track::Employment
            }
        }
    }

    /// The `kind` tag, e.g. `visa_applied` (also the translation key suffix).
    pub fn key(&self) -> &'static str {
        use Event::*;
        match self {
            LanguageCourseStarted { .. } => "language_course_started",
            LanguageExamTaken { .. } => "language_exam_taken",
            LanguageCertified { .. } => "language_certified",
            RecognitionNotNeeded => "recognition_not_needed",
            RecognitionDocumentsComplete => "recognition_documents_complete",
            RecognitionApplied => "recognition_applied",
            RecognitionDeficitNotice { .. } => "recognition_deficit_notice",
            RecognitionMeasureCompleted => "recognition_measure_completed",
            RecognitionPartnership => "recognition_partnership",
            Recognised => "recognised",
            RecognitionRefused => "recognition_refused",
            VisaRouteChosen { .. } => "visa_route_chosen",
            FastTrackApplied => "fast_track_applied",
            FastTrackPreApproved => "fast_track_pre_approved",
            EmbassyAppointmentBooked { .. } => "embassy_appointment_booked",
            VisaApplied => "visa_applied",
            VisaGranted => "visa_granted",
            VisaRefused => "visa_refused",
            ContractOffered => "contract_offered",
            ContractSigned { .. } => "contract_signed",
            HousingArranged => "housing_arranged",
            Arrived => "arrived",
            Registered => "registered",
            ResidencePermit => "residence_permit",
            HealthInsurance => "health_insurance",
            BankAccount => "bank_account",
            MentorAssigned => "mentor_assigned",
            EmploymentStarted => "employment_started",
            RetentionCheck6 => "retention_check_6",
            RetentionCheck12 => "retention_check_12",
            EmploymentEnded => "employment_ended",
        }
    }

    /// The event's detail as text for display (`B1`, `§ 16a`, a date …), if it has one.
    pub fn detail(&self) -> Option<String> {
        use Event::*;
        match self {
            LanguageCourseStarted { level } | LanguageCertified { level } => {
                Some(level.as_str().into())
            }
            LanguageExamTaken { level, passed } => Some(format!(
                "{} {}",
                level.as_str(),
                if *passed { "✓" } else { "✗" }
            )),
            RecognitionDeficitNotice { measure } => Some(
                match measure {
                    Measure::AdaptationCourse => "adaptation_course",
                    Measure::KnowledgeExam => "knowledge_exam",
                }
                .into(),
            ),
            VisaRouteChosen { route } => Some(format!("§ {}", route.as_str())),
            ContractSigned { contract } => Some(
                match contract {
                    ContractKind::Training => "training",
                    ContractKind::Employment => "employment",
                }
                .into(),
            ),
            _ => None,
        }
    }

    /// The event as its JSON object.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// Parses the JSON object form (`{"kind": …, …}`).
    pub fn from_json(v: &serde_json::Value) -> Option<Event> {
        serde_json::from_value(v.clone()).ok()
    }

    /// Every event that could be a next step on `track` (one per variant; levels, routes,
    /// measures and contract kinds enumerated). `appointment` is the day used for an embassy
    /// appointment.
    pub fn menu(track: Track, appointment: Day) -> Vec<Event> {
        use Event::*;
        match track {
            Track::Language => Level::ALL
                .into_iter()
                .flat_map(|level| {
                    [
                        LanguageCourseStarted { level },
                        LanguageExamTaken {
                            level,
                            passed: true,
                        },
                        LanguageExamTaken {
                            level,
                            passed: false,
                        },
                        LanguageCertified { level },
                    ]
                })
                .collect(),
            Track::Recognition => vec![
                RecognitionNotNeeded,
                RecognitionDocumentsComplete,
                RecognitionPartnership,
                RecognitionApplied,
                RecognitionDeficitNotice {
                    measure: Measure::AdaptationCourse,
                },
                RecognitionDeficitNotice {
                    measure: Measure::KnowledgeExam,
                },
                RecognitionMeasureCompleted,
                Recognised,
                RecognitionRefused,
            ],
            Track::Visa => Route::ALL
                .into_iter()
                .map(|route| VisaRouteChosen { route })
                .chain([
                    FastTrackApplied,
                    FastTrackPreApproved,
                    EmbassyAppointmentBooked { on: appointment },
                    VisaApplied,
                    VisaGranted,
                    VisaRefused,
                ])
                .collect(),
            Track::Contract => vec![
                ContractOffered,
                ContractSigned {
                    contract: ContractKind::Training,
                },
                ContractSigned {
                    contract: ContractKind::Employment,
                },
                HousingArranged,
            ],
            Track::Arrival => vec![
                Arrived,
                Registered,
                ResidencePermit,
                HealthInsurance,
                BankAccount,
                MentorAssigned,
            ],
            Track::Employment => vec![
                EmploymentStarted,
                RetentionCheck6,
                RetentionCheck12,
                EmploymentEnded,
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_round_trip_through_json_with_their_key_as_kind() {
        for track in Track::ALL {
            for e in Event::menu(track, 100) {
                let v = e.to_json();
                assert_eq!(v["kind"], e.key());
                assert_eq!(Event::from_json(&v), Some(e));
                assert_eq!(e.track(), track);
            }
        }
        let v = serde_json::json!({"kind": "visa_route_chosen", "route": "16a"});
        assert_eq!(
            Event::from_json(&v),
            Some(Event::VisaRouteChosen { route: Route::S16a })
        );
    }
}
