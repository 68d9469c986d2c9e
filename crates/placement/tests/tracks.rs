//! One test per forbidden transition (each reason code), and properties: no sequence of
//! allowed events reaches an inconsistent state; "overdue" is monotone in the date.

use proptest::prelude::*;
use standort_placement::Event::*;
use standort_placement::{
    Context, ContractKind, Event, Level, Measure, Placement, Refusal, Route, Track, add_months,
    overdue,
};

const TODAY: i64 = 20_000;

fn skilled() -> Context {
    Context {
        recognition_required: true,
        partnership_accepted: true,
        apprenticeship: false,
    }
}
fn training() -> Context {
    Context {
        recognition_required: false,
        partnership_accepted: false,
        apprenticeship: true,
    }
}

/// A placement after `steps`, each applied on consecutive days from day 10,000 (all must be
/// accepted).
fn after(ctx: Context, steps: &[Event]) -> Placement {
    let mut p = Placement::new(ctx);
    for (i, e) in steps.iter().enumerate() {
        p.apply(*e, 10_000 + i as i64, TODAY)
            .unwrap_or_else(|r| panic!("step {i} {e:?} refused: {r}"));
    }
    p
}

/// Asserts that `e` is refused with `code` and the state stays as it was.
fn refused(p: &Placement, e: Event, code: &str) {
    refused_on(p, e, TODAY, code)
}
fn refused_on(p: &Placement, e: Event, day: i64, code: &str) {
    let mut q = p.clone();
    let r = q.apply(e, day, TODAY).expect_err("must be refused");
    assert_eq!(r.code, code, "{e:?}: {}", r.reason());
    assert_eq!(r.track, e.track());
    assert!(Refusal::CODES.contains(&r.code));
    assert!(!r.reason().is_empty());
    assert_eq!(&q, p, "a refusal changes nothing");
}

fn signed_training() -> Vec<Event> {
    vec![
        ContractOffered,
        ContractSigned {
            contract: ContractKind::Training,
        },
    ]
}

fn granted_16a() -> Vec<Event> {
    let mut v = signed_training();
    v.extend([
        VisaRouteChosen { route: Route::S16a },
        VisaApplied,
        VisaGranted,
    ]);
    v
}

#[test]
fn future_dates_are_refused() {
    refused_on(
        &Placement::new(training()),
        ContractOffered,
        TODAY + 1,
        "date-in-future",
    );
}

#[test]
fn dates_before_the_previous_step_are_refused() {
    let p = after(training(), &[ContractOffered]);
    refused_on(
        &p,
        ContractSigned {
            contract: ContractKind::Training,
        },
        9_000,
        "date-before-previous-event",
    );
}

#[test]
fn repeating_a_step_is_refused() {
    let p = after(training(), &signed_training());
    refused(
        &p,
        ContractSigned {
            contract: ContractKind::Training,
        },
        "already-done",
    );
}

#[test]
fn language_levels_do_not_go_backwards() {
    let p = after(
        training(),
        &[
            LanguageExamTaken {
                level: Level::B1,
                passed: true,
            },
            LanguageCertified { level: Level::B1 },
        ],
    );
    refused(
        &p,
        LanguageCourseStarted { level: Level::A2 },
        "language-level-backwards",
    );
    refused(
        &p,
        LanguageCertified { level: Level::A2 },
        "language-level-backwards",
    );
    refused(
        &p,
        LanguageExamTaken {
            level: Level::B1,
            passed: true,
        },
        "language-level-backwards",
    );
    // Forward is fine, skipping included.
    let mut q = p.clone();
    q.apply(LanguageCourseStarted { level: Level::B2 }, TODAY, TODAY)
        .unwrap();
}

#[test]
fn a_certificate_needs_a_passed_exam() {
    let p = after(
        training(),
        &[LanguageExamTaken {
            level: Level::A2,
            passed: false,
        }],
    );
    refused(
        &p,
        LanguageCertified { level: Level::A2 },
        "language-no-passed-exam",
    );
}

#[test]
fn recognition_cannot_be_skipped_when_required() {
    refused(
        &Placement::new(skilled()),
        RecognitionNotNeeded,
        "recognition-required",
    );
}

#[test]
fn a_closed_recognition_track_stays_closed() {
    let p = after(training(), &[RecognitionNotNeeded]);
    refused(&p, RecognitionApplied, "recognition-closed");
}

#[test]
fn not_needed_is_refused_while_an_application_runs() {
    let ctx = Context {
        recognition_required: false,
        ..skilled()
    };
    let p = after(ctx, &[RecognitionDocumentsComplete, RecognitionApplied]);
    refused(&p, RecognitionNotNeeded, "recognition-in-progress");
}

#[test]
fn applying_needs_complete_documents() {
    refused(
        &Placement::new(skilled()),
        RecognitionApplied,
        "recognition-documents-incomplete",
    );
}

#[test]
fn decisions_need_an_application() {
    let p = after(skilled(), &[RecognitionDocumentsComplete]);
    refused(&p, Recognised, "recognition-not-applied");
    refused(&p, RecognitionRefused, "recognition-not-applied");
    refused(
        &p,
        RecognitionDeficitNotice {
            measure: Measure::KnowledgeExam,
        },
        "recognition-not-applied",
    );
}

#[test]
fn recognised_after_refused_needs_a_new_application() {
    let p = after(
        skilled(),
        &[
            RecognitionDocumentsComplete,
            RecognitionApplied,
            RecognitionRefused,
        ],
    );
    refused(&p, Recognised, "recognition-refused-needs-new-application");
    refused(
        &p,
        RecognitionDeficitNotice {
            measure: Measure::AdaptationCourse,
        },
        "recognition-refused-needs-new-application",
    );
    let mut q = p.clone();
    q.apply(RecognitionApplied, TODAY, TODAY).unwrap();
    q.apply(Recognised, TODAY, TODAY).unwrap();
}

#[test]
fn a_measure_needs_a_deficit_notice() {
    let p = after(
        skilled(),
        &[RecognitionDocumentsComplete, RecognitionApplied],
    );
    refused(
        &p,
        RecognitionMeasureCompleted,
        "recognition-no-deficit-notice",
    );
}

#[test]
fn recognised_after_a_deficit_notice_needs_the_measure() {
    let p = after(
        skilled(),
        &[
            RecognitionDocumentsComplete,
            RecognitionApplied,
            RecognitionDeficitNotice {
                measure: Measure::AdaptationCourse,
            },
        ],
    );
    refused(&p, Recognised, "recognition-measure-not-completed");
}

#[test]
fn partnership_needs_an_employer_who_offers_it() {
    refused(
        &Placement::new(Context {
            partnership_accepted: false,
            ..skilled()
        }),
        RecognitionPartnership,
        "partnership-not-offered",
    );
}

#[test]
fn visa_steps_need_a_route() {
    let p = after(training(), &signed_training());
    refused(&p, VisaApplied, "visa-no-route");
    refused(&p, FastTrackApplied, "visa-no-route");
    refused(
        &p,
        EmbassyAppointmentBooked { on: TODAY + 5 },
        "visa-no-route",
    );
}

#[test]
fn the_route_must_fit_the_position() {
    refused(
        &Placement::new(training()),
        VisaRouteChosen { route: Route::S18a },
        "visa-route-mismatch",
    );
    refused(
        &Placement::new(skilled()),
        VisaRouteChosen { route: Route::S16a },
        "visa-route-mismatch",
    );
}

#[test]
fn the_route_is_locked_during_an_application() {
    let mut steps = signed_training();
    steps.extend([VisaRouteChosen { route: Route::S16a }, VisaApplied]);
    let p = after(training(), &steps);
    refused(
        &p,
        VisaRouteChosen { route: Route::S16a },
        "visa-route-locked",
    );
}

#[test]
fn fast_track_needs_a_contract() {
    let p = after(training(), &[VisaRouteChosen { route: Route::S16a }]);
    refused(&p, FastTrackApplied, "visa-fast-track-needs-contract");
}

#[test]
fn pre_approval_needs_a_fast_track_application() {
    let p = after(training(), &[VisaRouteChosen { route: Route::S16a }]);
    refused(&p, FastTrackPreApproved, "visa-fast-track-not-applied");
}

#[test]
fn fast_track_embassy_steps_need_the_pre_approval() {
    let mut steps = signed_training();
    steps.extend([VisaRouteChosen { route: Route::S16a }, FastTrackApplied]);
    let p = after(training(), &steps);
    refused(&p, VisaApplied, "visa-fast-track-not-pre-approved");
    refused(
        &p,
        EmbassyAppointmentBooked { on: TODAY + 7 },
        "visa-fast-track-not-pre-approved",
    );
}

#[test]
fn an_appointment_cannot_precede_its_booking() {
    let p = after(training(), &[VisaRouteChosen { route: Route::S16a }]);
    refused(
        &p,
        EmbassyAppointmentBooked { on: TODAY - 1 },
        "visa-appointment-before-booking",
    );
}

#[test]
fn s16a_needs_a_training_contract() {
    let p = after(training(), &[VisaRouteChosen { route: Route::S16a }]);
    refused(&p, VisaApplied, "visa-16a-needs-training-contract");
}

#[test]
fn s16d_needs_a_deficit_notice_or_a_partnership() {
    let p = after(
        skilled(),
        &[
            ContractSigned {
                contract: ContractKind::Employment,
            },
            VisaRouteChosen { route: Route::S16d },
            RecognitionDocumentsComplete,
            RecognitionApplied,
        ],
    );
    refused(
        &p,
        VisaApplied,
        "visa-16d-needs-deficit-notice-or-partnership",
    );
    let mut q = p.clone();
    q.apply(
        RecognitionDeficitNotice {
            measure: Measure::AdaptationCourse,
        },
        TODAY,
        TODAY,
    )
    .unwrap();
    q.apply(VisaApplied, TODAY, TODAY).unwrap();
}

#[test]
fn s18_needs_recognition_where_required() {
    let p = after(
        skilled(),
        &[
            ContractSigned {
                contract: ContractKind::Employment,
            },
            VisaRouteChosen { route: Route::S18a },
        ],
    );
    refused(&p, VisaApplied, "visa-18-needs-recognition");
    // Not required (e.g. bus drivers): the contract suffices.
    let ctx = Context {
        recognition_required: false,
        ..skilled()
    };
    let mut q = after(
        ctx,
        &[
            ContractSigned {
                contract: ContractKind::Employment,
            },
            VisaRouteChosen { route: Route::S18a },
        ],
    );
    q.apply(VisaApplied, TODAY, TODAY).unwrap();
}

#[test]
fn s18_needs_an_employment_contract() {
    let ctx = Context {
        recognition_required: false,
        ..skilled()
    };
    let p = after(ctx, &[VisaRouteChosen { route: Route::S18b }]);
    refused(&p, VisaApplied, "visa-18-needs-employment-contract");
}

#[test]
fn decisions_need_a_visa_application() {
    let p = after(training(), &[VisaRouteChosen { route: Route::S16a }]);
    refused(&p, VisaGranted, "visa-not-applied");
    refused(&p, VisaRefused, "visa-not-applied");
}

#[test]
fn a_granted_visa_is_not_applied_for_again() {
    let p = after(training(), &granted_16a());
    refused(&p, VisaApplied, "visa-already-granted");
}

#[test]
fn the_contract_must_fit_the_position() {
    refused(
        &Placement::new(training()),
        ContractSigned {
            contract: ContractKind::Employment,
        },
        "contract-kind-mismatch",
    );
}

#[test]
fn arrival_needs_a_positive_visa_decision() {
    let mut steps = signed_training();
    steps.extend([VisaRouteChosen { route: Route::S16a }, VisaApplied]);
    let p = after(training(), &steps);
    refused(&p, Arrived, "arrival-needs-visa");
    let mut q = p.clone();
    q.apply(VisaRefused, TODAY, TODAY).unwrap();
    refused(&q, Arrived, "arrival-needs-visa");
}

#[test]
fn onboarding_comes_after_arrival() {
    let p = after(training(), &granted_16a());
    for e in [
        Registered,
        ResidencePermit,
        HealthInsurance,
        BankAccount,
        MentorAssigned,
    ] {
        refused(&p, e, "onboarding-before-arrival");
    }
}

#[test]
fn employment_cannot_start_before_arrival() {
    let p = after(training(), &granted_16a());
    refused(&p, EmploymentStarted, "employment-before-arrival");
}

#[test]
fn employment_needs_a_signed_contract() {
    // Arrival without a contract is possible only in constructed histories; replay one.
    let ctx = Context {
        recognition_required: false,
        ..skilled()
    };
    let history = [
        (VisaRouteChosen { route: Route::S18a }, 1),
        (VisaApplied, 2),
        (VisaGranted, 3),
        (Arrived, 4),
    ];
    let p = Placement::replay(ctx, history.iter());
    refused(&p, EmploymentStarted, "employment-needs-contract");
}

#[test]
fn retention_checks_need_employment() {
    let p = after(training(), &granted_16a());
    refused(&p, RetentionCheck6, "employment-not-started");
    refused(&p, EmploymentEnded, "employment-not-started");
}

#[test]
fn retention_checks_wait_for_their_month() {
    let mut steps = granted_16a();
    steps.extend([Arrived, EmploymentStarted]);
    let p = after(training(), &steps);
    let start = p.employment.started_on.unwrap();
    refused_on(
        &p,
        RetentionCheck6,
        add_months(start, 6) - 1,
        "retention-too-early",
    );
    refused_on(
        &p,
        RetentionCheck12,
        add_months(start, 12) - 1,
        "retention-too-early",
    );
    let mut q = p.clone();
    q.apply(RetentionCheck6, add_months(start, 6), TODAY)
        .unwrap();
}

#[test]
fn nothing_follows_the_end_of_employment() {
    let mut steps = granted_16a();
    steps.extend([Arrived, EmploymentStarted, EmploymentEnded]);
    let p = after(training(), &steps);
    refused(&p, RetentionCheck6, "employment-ended");
}

#[test]
fn a_placement_closes_with_the_twelve_month_check_or_the_end_of_employment() {
    let mut steps = granted_16a();
    steps.extend([Arrived, EmploymentStarted]);
    let p = after(training(), &steps);
    assert_eq!(p.closed_on(), None, "employed: the process runs");
    let start = p.employment.started_on.unwrap();
    let mut checked = p.clone();
    checked
        .apply(RetentionCheck6, add_months(start, 6), TODAY)
        .unwrap();
    assert_eq!(
        checked.closed_on(),
        None,
        "the 6-month check is not the end"
    );
    let twelve = add_months(start, 12);
    checked.apply(RetentionCheck12, twelve, TODAY).unwrap();
    assert_eq!(checked.closed_on(), Some(twelve));
    let mut ended = p.clone();
    ended.apply(EmploymentEnded, start + 30, TODAY).unwrap();
    assert_eq!(ended.closed_on(), Some(start + 30));
}

#[test]
fn every_reason_code_is_tested_above() {
    let source = include_str!("tracks.rs");
    for code in Refusal::CODES {
        assert!(
            source.matches(&format!("\"{code}\"")).count() >= 1,
            "no test for {code}"
        );
    }
}

#[test]
fn next_steps_show_allowed_steps_and_explain_blocked_ones() {
    let p = after(training(), &[VisaRouteChosen { route: Route::S16a }]);
    let (allowed, refused) = p.next_steps(Track::Visa, TODAY);
    assert!(!allowed.contains(&FastTrackApplied));
    assert!(
        refused
            .iter()
            .any(|(e, r)| *e == VisaApplied && r.code == "visa-16a-needs-training-contract")
    );
    assert!(
        allowed
            .iter()
            .any(|e| matches!(e, EmbassyAppointmentBooked { .. }))
    );
}

#[test]
fn legal_deadlines_of_the_accelerated_procedure() {
    let mut steps = signed_training();
    steps.extend([
        VisaRouteChosen { route: Route::S16a },
        FastTrackApplied,
        FastTrackPreApproved,
    ]);
    let p = after(training(), &steps);
    let pre = p.visa.pre_approved_on.unwrap();
    let items = p.due_items(&[]);
    let appt = items
        .iter()
        .find(|i| i.code == "embassy_appointment")
        .unwrap();
    assert_eq!(appt.due, pre + 21);
    assert!(appt.legal);
    assert!(overdue(&items, pre + 21).is_empty());
    assert_eq!(overdue(&items, pre + 22).len(), 1);
}

// ------------------------------------------------------------------ properties

fn any_event() -> impl Strategy<Value = Event> {
    let level = prop_oneof![
        Just(Level::A1),
        Just(Level::A2),
        Just(Level::B1),
        Just(Level::B2)
    ];
    (0usize..64, level, any::<bool>(), 0i64..30).prop_map(|(i, level, passed, offset)| {
        let all: Vec<Event> = Track::ALL
            .into_iter()
            .flat_map(|t| Event::menu(t, 10_000 + offset * 10))
            .collect();
        match all[i % all.len()] {
            LanguageCourseStarted { .. } => LanguageCourseStarted { level },
            LanguageExamTaken { .. } => LanguageExamTaken { level, passed },
            LanguageCertified { .. } => LanguageCertified { level },
            e => e,
        }
    })
}

fn any_context() -> impl Strategy<Value = Context> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(r, p, a)| Context {
        recognition_required: r,
        partnership_accepted: p,
        apprenticeship: a,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Whatever is attempted in whatever order, the accepted steps never produce an
    /// inconsistent state, and refusals change nothing.
    #[test]
    fn allowed_sequences_stay_consistent(
        ctx in any_context(),
        steps in prop::collection::vec((any_event(), 0i64..400), 0..120),
    ) {
        let mut p = Placement::new(ctx);
        let mut day = 10_000;
        for (e, gap) in steps {
            day += gap % 40;
            let before = p.clone();
            match p.apply(e, day, TODAY) {
                Ok(()) => {
                    let bad = p.inconsistencies();
                    prop_assert!(bad.is_empty(), "after {:?}: {:?}", e, bad);
                }
                Err(_) => prop_assert_eq!(&p, &before),
            }
        }
    }

    /// Replaying the accepted history gives the same state.
    #[test]
    fn replay_equals_the_live_state(
        ctx in any_context(),
        steps in prop::collection::vec((any_event(), 0i64..40), 0..80),
    ) {
        let mut p = Placement::new(ctx);
        let mut history = Vec::new();
        let mut day = 10_000;
        for (e, gap) in steps {
            day += gap;
            if p.apply(e, day, TODAY).is_ok() {
                history.push((e, day));
            }
        }
        prop_assert_eq!(Placement::replay(ctx, history.iter()), p);
    }

    /// An item overdue on day D is overdue on every later day (for the same state).
    #[test]
    fn overdue_is_monotone_in_the_date(
        ctx in any_context(),
        steps in prop::collection::vec((any_event(), 0i64..40), 0..80),
        d1 in 9_000i64..12_000,
        extra in 0i64..2_000,
        checklist_due in prop::collection::vec(prop::option::of(9_000i64..12_000), 0..5),
    ) {
        let mut p = Placement::new(ctx);
        let mut day = 10_000;
        for (e, gap) in steps {
            day += gap;
            let _ = p.apply(e, day, TODAY);
        }
        let checklist: Vec<_> = checklist_due
            .iter()
            .enumerate()
            .map(|(i, due)| standort_placement::ChecklistItem {
                track: Track::Visa,
                item: format!("item{i}"),
                due: *due,
                done: None,
            })
            .collect();
        let items = p.due_items(&checklist);
        let early = overdue(&items, d1);
        let late = overdue(&items, d1 + extra);
        for i in early {
            prop_assert!(late.contains(&i));
        }
    }
}
