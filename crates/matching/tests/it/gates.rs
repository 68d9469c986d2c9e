//! One test per gate outcome and per CEFR timing case.

use standort_matching::{
    Cefr, GateKind, GermanOutcome, GermanProgress, LicenceClass, LicenceSet, MatchConfig, Reason,
    Recognition, score,
};
use time::macros::date;

use crate::common::{START, candidate, fixture, position};

fn gate(b: &standort_matching::Breakdown, kind: GateKind) -> (bool, Reason) {
    let g = b
        .gates
        .iter()
        .find(|g| g.kind == kind)
        .expect("gate present");
    (g.passed, g.reason.clone())
}

fn set(classes: &[LicenceClass]) -> LicenceSet {
    classes.iter().copied().collect()
}

#[test]
fn unregulated_occupation_needs_no_recognition() {
    let f = fixture();
    let mut c = candidate(1, f.skills(&["patient care"]));
    c.recognition = Recognition::None;
    let b = score(
        &f.taxonomy,
        &position(&f, 1, f.care_assistant),
        &c,
        &MatchConfig::default(),
    );
    assert_eq!(
        gate(&b, GateKind::Recognition),
        (true, Reason::NotRegulated)
    );
    assert!(b.eligible);
}

#[test]
fn regulated_occupation_with_recognition_passes() {
    let f = fixture();
    let c = candidate(1, f.skills(&["patient care"]));
    let b = score(
        &f.taxonomy,
        &position(&f, 1, f.nurse),
        &c,
        &MatchConfig::default(),
    );
    assert_eq!(gate(&b, GateKind::Recognition), (true, Reason::Recognised));
}

#[test]
fn regulated_occupation_without_recognition_is_ineligible() {
    let f = fixture();
    for r in [
        Recognition::None,
        Recognition::InProgress,
        Recognition::Partial,
    ] {
        let mut c = candidate(1, f.skills(&["patient care", "wound care"]));
        c.recognition = r;
        let b = score(
            &f.taxonomy,
            &position(&f, 1, f.nurse),
            &c,
            &MatchConfig::default(),
        );
        assert_eq!(
            gate(&b, GateKind::Recognition),
            (false, Reason::RecognitionMissing)
        );
        assert!(!b.eligible);
        assert_eq!(b.score, 0.0);
        // The factors are still there for the counsellor.
        assert!(b.factors[0].value > 0.0);
    }
}

#[test]
fn recognition_partnership_opens_a_regulated_position() {
    let f = fixture();
    let mut c = candidate(1, f.skills(&["patient care"]));
    c.recognition = Recognition::Partial;
    let mut p = position(&f, 1, f.nurse);
    p.accepts_recognition_partnership = true;
    let b = score(&f.taxonomy, &p, &c, &MatchConfig::default());
    assert_eq!(
        gate(&b, GateKind::Recognition),
        (true, Reason::RecognitionPartnership)
    );
    assert!(b.eligible);
}

#[test]
fn licence_gate_uses_implications() {
    let f = fixture();
    let mut p = position(&f, 1, f.bus_driver);
    p.licences = set(&[LicenceClass::D, LicenceClass::B]);
    let mut c = candidate(1, f.skills(&["drive bus"]));
    c.licences = set(&[LicenceClass::D]);
    let b = score(&f.taxonomy, &p, &c, &MatchConfig::default());
    assert_eq!(gate(&b, GateKind::Licences), (true, Reason::LicencesHeld));

    c.licences = set(&[LicenceClass::B]);
    let b = score(&f.taxonomy, &p, &c, &MatchConfig::default());
    assert_eq!(
        gate(&b, GateKind::Licences),
        (
            false,
            Reason::LicencesMissing {
                missing: vec![LicenceClass::D]
            }
        )
    );
    assert_eq!(b.score, 0.0);
    assert!(!b.eligible);
}

#[test]
fn no_licence_required_passes() {
    let f = fixture();
    let c = candidate(1, vec![]);
    let b = score(
        &f.taxonomy,
        &position(&f, 1, f.bus_driver),
        &c,
        &MatchConfig::default(),
    );
    assert_eq!(
        gate(&b, GateKind::Licences),
        (true, Reason::NoLicenceRequired)
    );
}

#[test]
fn licence_closure() {
    use LicenceClass::*;
    let closure = |c: &[LicenceClass]| set(c).closure();
    assert_eq!(closure(&[D]), set(&[D, D1, B, AM]));
    assert_eq!(closure(&[A]), set(&[A, A2, A1, AM]));
    assert_eq!(closure(&[CE]), set(&[CE, C, C1, C1E, BE, B, AM]));
    assert_eq!(
        closure(&[CE, D]),
        set(&[CE, C, C1, C1E, BE, B, AM, D, D1, DE, D1E])
    );
    assert_eq!(closure(&[C1E, D1]), set(&[C1E, C1, BE, B, AM, D1, D1E]));
    assert_eq!(closure(&[DE]), set(&[DE, D, D1, D1E, BE, B, AM]));
    // B does not give C1, D1 or BE.
    assert_eq!(closure(&[B]), set(&[B, AM]));
    assert_eq!(closure(&[]), LicenceSet::EMPTY);
}

#[test]
fn availability_on_the_start_day_passes_one_day_later_fails() {
    let f = fixture();
    let p = position(&f, 1, f.care_assistant);
    let mut c = candidate(1, f.skills(&["patient care"]));
    c.available_from = START;
    let b = score(&f.taxonomy, &p, &c, &MatchConfig::default());
    assert_eq!(
        gate(&b, GateKind::Availability),
        (true, Reason::AvailableByStart)
    );
    c.available_from = date!(2027 - 04 - 02);
    let b = score(&f.taxonomy, &p, &c, &MatchConfig::default());
    assert_eq!(
        gate(&b, GateKind::Availability),
        (false, Reason::AvailableAfterStart { days_late: 1 })
    );
    assert_eq!(b.score, 0.0);
}

fn progress(level: Option<Cefr>, next: Option<time::Date>) -> GermanProgress {
    GermanProgress {
        level,
        next_level_expected: next,
    }
}

#[test]
fn cefr_timing() {
    let start = START;
    let b1 = Some(Cefr::B1);
    // Not required.
    assert_eq!(
        progress(None, None).outcome(None, start),
        GermanOutcome::NotRequired
    );
    // Meets (and above).
    assert_eq!(
        progress(Some(Cefr::B2), None).outcome(Some(Cefr::B2), start),
        GermanOutcome::Meets
    );
    assert_eq!(
        progress(Some(Cefr::C1), None).outcome(Some(Cefr::B2), start),
        GermanOutcome::Meets
    );
    // One short, next level expected on the start day: reached.
    assert_eq!(
        progress(b1, Some(start)).outcome(Some(Cefr::B2), start),
        GermanOutcome::ReachedByStart
    );
    assert_eq!(
        progress(b1, Some(date!(2027 - 01 - 15))).outcome(Some(Cefr::B2), start),
        GermanOutcome::ReachedByStart
    );
    // One day after the start: not reached.
    assert_eq!(
        progress(b1, Some(date!(2027 - 04 - 02))).outcome(Some(Cefr::B2), start),
        GermanOutcome::NextLevelAfterStart
    );
    // One short, no date.
    assert_eq!(
        progress(b1, None).outcome(Some(Cefr::B2), start),
        GermanOutcome::Gap { gap: 1 }
    );
    // Two short: a date for the next level does not close the gap.
    assert_eq!(
        progress(Some(Cefr::A2), Some(date!(2027 - 01 - 01))).outcome(Some(Cefr::B2), start),
        GermanOutcome::Gap { gap: 2 }
    );
    // No German at all, A1 required, A1 expected in time.
    assert_eq!(
        progress(None, Some(date!(2027 - 01 - 01))).outcome(Some(Cefr::A1), start),
        GermanOutcome::ReachedByStart
    );
    assert_eq!(
        progress(None, None).outcome(Some(Cefr::C2), start),
        GermanOutcome::Gap { gap: 6 }
    );
}

#[test]
fn german_factor_values_follow_the_outcome() {
    let f = fixture();
    let mut p = position(&f, 1, f.care_assistant);
    p.german = Some(Cefr::B2);
    let cfg = MatchConfig::default();
    let value = |g: GermanProgress| {
        let mut c = candidate(1, f.skills(&["patient care"]));
        c.german = g;
        let b = score(&f.taxonomy, &p, &c, &cfg);
        let factor = b
            .factors
            .iter()
            .find(|x| x.kind == standort_matching::FactorKind::German);
        let factor = factor.expect("german factor");
        (factor.value, factor.reason.clone())
    };
    assert_eq!(
        value(progress(Some(Cefr::B2), None)),
        (1.0, Reason::GermanMeets)
    );
    assert_eq!(
        value(progress(Some(Cefr::B1), Some(START))),
        (cfg.german.reached_by_start, Reason::GermanReachedByStart)
    );
    assert_eq!(
        value(progress(Some(Cefr::B1), Some(date!(2027 - 05 - 01)))),
        (
            cfg.german.next_level_after_start,
            Reason::GermanNextLevelAfterStart
        )
    );
    assert_eq!(
        value(progress(Some(Cefr::A2), None)),
        (cfg.german.gap_2, Reason::GermanGap { levels: 2 })
    );
    assert_eq!(
        value(progress(None, None)),
        (0.0, Reason::GermanGap { levels: 4 })
    );
}

#[test]
fn place_factor() {
    use standort_matching::RegionId;
    let f = fixture();
    let p = position(&f, 1, f.care_assistant); // region 1
    let cfg = MatchConfig::default();
    let value = |regions: Vec<RegionId>| {
        let mut c = candidate(1, f.skills(&["patient care"]));
        c.regions = regions;
        let b = score(&f.taxonomy, &p, &c, &cfg);
        let factor = b
            .factors
            .iter()
            .find(|x| x.kind == standort_matching::FactorKind::Place);
        let factor = factor.expect("place factor");
        (factor.value, factor.reason.clone())
    };
    assert_eq!(
        value(vec![RegionId(1), RegionId(2)]),
        (1.0, Reason::PlaceFirstChoice)
    );
    assert_eq!(
        value(vec![RegionId(2), RegionId(1)]),
        (cfg.place.preferred, Reason::PlacePreferred)
    );
    assert_eq!(
        value(vec![]),
        (cfg.place.no_preference, Reason::PlaceNoPreference)
    );
    assert_eq!(value(vec![RegionId(3)]), (0.0, Reason::PlaceNotPreferred));
}

#[test]
fn partial_credit_through_hierarchy_and_relations() {
    use standort_matching::Link;
    let f = fixture();
    let p = position(&f, 1, f.nurse);
    // Holds "driving"? no. Holds "first aid" (optional relation to patient care) and
    // "hygiene" (essential relation to wound care, and itself essential).
    let c = candidate(1, f.skills(&["first aid", "hygiene"]));
    let b = score(&f.taxonomy, &p, &c, &MatchConfig::default());
    let partial: Vec<_> = b
        .partial_essential
        .iter()
        .map(|x| (x.skill, x.via, x.link))
        .collect();
    assert_eq!(
        partial,
        vec![
            (
                f.skill("patient care"),
                f.skill("first aid"),
                Link::RelatedOptional
            ),
            (
                f.skill("wound care"),
                f.skill("hygiene"),
                Link::RelatedEssential
            ),
        ]
    );
    assert_eq!(
        b.missing_essential,
        f.skills(&["medication", "documentation"])
    );
    // Narrower beats broader: holding "wound care" gives patient care 0.75.
    let c = candidate(2, f.skills(&["wound care"]));
    let b = score(&f.taxonomy, &p, &c, &MatchConfig::default());
    let pc = b
        .partial_essential
        .iter()
        .find(|x| x.skill == f.skill("patient care"));
    assert_eq!(pc.map(|x| (x.link, x.credit)), Some((Link::Narrower, 0.75)));
    // Holding the broader "patient care" gives wound care and medication 0.5 each.
    let c = candidate(3, f.skills(&["patient care"]));
    let b = score(&f.taxonomy, &p, &c, &MatchConfig::default());
    let broader: Vec<_> = b
        .partial_essential
        .iter()
        .map(|x| (x.link, x.credit))
        .collect();
    assert_eq!(broader, vec![(Link::Broader, 0.5), (Link::Broader, 0.5)]);
}

#[test]
fn invalid_config_is_rejected() {
    let mut cfg = MatchConfig::default();
    assert!(cfg.validate().is_ok());
    cfg.weights.german = -1.0;
    assert!(cfg.validate().is_err());
    let mut cfg = MatchConfig::default();
    cfg.credits.narrower = 1.5;
    assert!(cfg.validate().is_err());
    // Unvalidated zero weights fall back to the defaults instead of giving NaN.
    let f = fixture();
    let cfg = MatchConfig {
        weights: standort_matching::Weights {
            essential: 0.0,
            optional: 0.0,
            german: 0.0,
            place: 0.0,
        },
        ..MatchConfig::default()
    };
    let c = candidate(1, f.skills(&["patient care"]));
    let p = position(&f, 1, f.care_assistant);
    let b = score(&f.taxonomy, &p, &c, &cfg);
    assert_eq!(
        b.score,
        score(&f.taxonomy, &p, &c, &MatchConfig::default()).score
    );
}
