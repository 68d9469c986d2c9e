//! Due dates: the legal and process deadlines the engine derives from a placement's state,
//! plus the document checklist's own due dates; "overdue as of day D".

use serde::Serialize;

use crate::event::Track;
use crate::state::{Placement, RecognitionStage, VisaStage};
use crate::{Day, add_months};

/// One document or step on a track's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    pub track: Track,
    /// A key such as `passport` (translated as `checklist-<key>`).
    pub item: String,
    pub due: Option<Day>,
    pub done: Option<Day>,
}

/// Something due by a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueItem {
    pub track: Track,
    /// `due-<code>` for derived deadlines, `checklist-<code>` for checklist items.
    pub code: String,
    pub due: Day,
    /// From a checklist item (not derived from the state).
    pub checklist: bool,
    /// A deadline set by law (as opposed to the agency's process target).
    pub legal: bool,
}

impl DueItem {
    /// Overdue as of `as_of`: the due day has passed (items are only listed while open).
    pub fn overdue(&self, as_of: Day) -> bool {
        self.due < as_of
    }
}

/// The default document checklist of a new placement: (track, item).
pub const DEFAULT_CHECKLIST: &[(Track, &str)] = &[
    (Track::Language, "language_certificate"),
    (Track::Recognition, "diploma"),
    (Track::Recognition, "transcript"),
    (Track::Recognition, "certified_translation"),
    (Track::Recognition, "proof_of_experience"),
    (Track::Visa, "passport"),
    (Track::Visa, "biometric_photos"),
    (Track::Visa, "contract_copy"),
    (Track::Contract, "housing_contract"),
    (Track::Arrival, "registration_certificate"),
    (Track::Arrival, "tax_id"),
];

impl Placement {
    /// Open items with a due day: deadlines derived from the state (the sources are in
    /// `docs/recruitment.md`) and checklist items not yet done.
    pub fn due_items(&self, checklist: &[ChecklistItem]) -> Vec<DueItem> {
        let mut out = Vec::new();
        let mut add = |track, code: &str, due, legal| {
            out.push(DueItem {
                track,
                code: code.into(),
                due,
                checklist: false,
                legal,
            })
        };
        let fast = self.visa.fast_track_applied_on.is_some();
        // Recognition authority: 3 months after the complete application (§ 6 (3) BQFG),
        // 2 months in the accelerated procedure (§ 14a (3) BQFG with § 81a AufenthG).
        if self.recognition.stage == RecognitionStage::Applied
            && let Some(applied) = self.recognition.applied_on
        {
            add(
                Track::Recognition,
                "recognition_decision",
                add_months(applied, if fast { 2 } else { 3 }),
                true,
            );
        }
        // § 31a (1) AufenthV: embassy appointment within 3 weeks of the pre-approval.
        if let Some(pre) = self.visa.pre_approved_on
            && self.visa.appointment.is_none()
            && self.visa.stage == VisaStage::NotStarted
        {
            add(Track::Visa, "embassy_appointment", pre + 21, true);
        }
        // § 31a (2) AufenthV: decision as a rule within 3 weeks of the complete application.
        if fast
            && self.visa.stage == VisaStage::Applied
            && let Some(applied) = self.visa.applied_on
        {
            add(Track::Visa, "visa_decision", applied + 21, true);
        }
        if let Some(arrived) = self.arrival.arrived_on {
            let a = &self.arrival;
            // § 17 (1) BMG: register within two weeks of moving in.
            if a.registered_on.is_none() {
                add(Track::Arrival, "registration", arrived + 14, true);
            }
            // Health insurance from the first day (§ 5 SGB V / residence law).
            if a.insurance_on.is_none() {
                add(Track::Arrival, "health_insurance", arrived, true);
            }
            // Process targets of the agency.
            if a.mentor_on.is_none() {
                add(Track::Arrival, "mentor", arrived + 7, false);
            }
            if a.bank_on.is_none() {
                add(Track::Arrival, "bank_account", arrived + 30, false);
            }
            if a.permit_on.is_none() {
                add(Track::Arrival, "residence_permit", arrived + 90, false);
            }
        }
        if let Some(start) = self.employment.started_on
            && self.employment.ended_on.is_none()
        {
            if self.employment.check6_on.is_none() {
                add(
                    Track::Employment,
                    "retention_check_6",
                    add_months(start, 6),
                    false,
                );
            }
            if self.employment.check12_on.is_none() {
                add(
                    Track::Employment,
                    "retention_check_12",
                    add_months(start, 12),
                    false,
                );
            }
        }
        for c in checklist {
            if let (Some(due), None) = (c.due, c.done) {
                out.push(DueItem {
                    track: c.track,
                    code: c.item.clone(),
                    due,
                    checklist: true,
                    legal: false,
                });
            }
        }
        out.sort_by(|a, b| (a.due, a.track, &a.code).cmp(&(b.due, b.track, &b.code)));
        out
    }
}

/// The items overdue as of `as_of` (due day passed, still open).
pub fn overdue(items: &[DueItem], as_of: Day) -> Vec<&DueItem> {
    items.iter().filter(|i| i.overdue(as_of)).collect()
}
