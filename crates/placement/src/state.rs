//! The state of a placement's tracks and the rules for moving them.

use serde::{Deserialize, Serialize};

use crate::event::{ContractKind, Event, Level, Measure, Route, Track};
use crate::{Day, add_months};

/// What a placement knows about its position, fixed when the placement is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Context {
    /// The occupation is regulated or the employer requires the foreign qualification to be
    /// recognised (nursing: yes).
    pub recognition_required: bool,
    /// The employer accepts a recognition partnership (§ 16d (3) AufenthG).
    pub partnership_accepted: bool,
    /// The position is vocational training (§ 16a) rather than skilled work.
    pub apprenticeship: bool,
}

/// Why a transition was refused: a stable code (translated by the web layer as
/// `conflict-<code>`) and the track it concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub code: &'static str,
    pub track: Track,
}

impl Refusal {
    /// Every reason code, for catalogue completeness tests and documentation.
    pub const CODES: &'static [&'static str] = &[
        "date-in-future",
        "date-before-previous-event",
        "already-done",
        "language-level-backwards",
        "language-no-passed-exam",
        "recognition-required",
        "recognition-closed",
        "recognition-in-progress",
        "recognition-documents-incomplete",
        "recognition-not-applied",
        "recognition-refused-needs-new-application",
        "recognition-no-deficit-notice",
        "recognition-measure-not-completed",
        "partnership-not-offered",
        "visa-no-route",
        "visa-route-mismatch",
        "visa-route-locked",
        "visa-fast-track-needs-contract",
        "visa-fast-track-not-applied",
        "visa-fast-track-not-pre-approved",
        "visa-appointment-before-booking",
        "visa-16a-needs-training-contract",
        "visa-16d-needs-deficit-notice-or-partnership",
        "visa-18-needs-recognition",
        "visa-18-needs-employment-contract",
        "visa-not-applied",
        "visa-already-granted",
        "contract-kind-mismatch",
        "arrival-needs-visa",
        "onboarding-before-arrival",
        "employment-before-arrival",
        "employment-needs-contract",
        "employment-not-started",
        "retention-too-early",
        "employment-ended",
    ];

    /// A readable English sentence (the API's problem detail; pages use the catalogue).
    pub fn reason(&self) -> &'static str {
        match self.code {
            "date-in-future" => "The date lies in the future; record steps once they happened.",
            "date-before-previous-event" => "The date lies before the previous step on this track.",
            "already-done" => "This step has already been recorded.",
            "language-level-backwards" => {
                "Language levels only go forward: this level is not above the certified one."
            }
            "language-no-passed-exam" => "A certificate needs a passed exam at that level first.",
            "recognition-required" => {
                "The position requires recognition of the foreign qualification."
            }
            "recognition-closed" => "The recognition track is already closed.",
            "recognition-in-progress" => {
                "Not possible while a recognition application is under way."
            }
            "recognition-documents-incomplete" => {
                "The application to the recognition authority needs complete documents first."
            }
            "recognition-not-applied" => "No application to the recognition authority is pending.",
            "recognition-refused-needs-new-application" => {
                "Recognition was refused: a new application is needed first."
            }
            "recognition-no-deficit-notice" => {
                "There is no deficit notice whose measure could be completed."
            }
            "recognition-measure-not-completed" => {
                "The adaptation course or knowledge exam of the deficit notice is not completed."
            }
            "partnership-not-offered" => {
                "The employer does not accept a recognition partnership (§ 16d (3) AufenthG)."
            }
            "visa-no-route" => "Choose the residence route (§ 16a, 16d, 18a or 18b) first.",
            "visa-route-mismatch" => {
                "Vocational training needs § 16a; skilled work needs § 16d, 18a or 18b."
            }
            "visa-route-locked" => {
                "The route cannot change while an application is under way or granted."
            }
            "visa-fast-track-needs-contract" => {
                "The accelerated procedure (§ 81a AufenthG) needs a signed contract."
            }
            "visa-fast-track-not-applied" => {
                "No accelerated procedure (§ 81a AufenthG) was applied for."
            }
            "visa-fast-track-not-pre-approved" => {
                "The embassy step needs the pre-approval of the Ausländerbehörde (§ 81a AufenthG) first."
            }
            "visa-appointment-before-booking" => "The appointment lies before the booking.",
            "visa-16a-needs-training-contract" => {
                "A § 16a visa (vocational training) needs a signed training contract."
            }
            "visa-16d-needs-deficit-notice-or-partnership" => {
                "A § 16d visa needs a deficit notice or a recognition partnership."
            }
            "visa-18-needs-recognition" => {
                "A § 18a/18b visa needs the recognised qualification for this position."
            }
            "visa-18-needs-employment-contract" => {
                "A § 18a/18b visa needs a signed employment contract."
            }
            "visa-not-applied" => "No visa application is pending.",
            "visa-already-granted" => "The visa has already been granted.",
            "contract-kind-mismatch" => {
                "Training positions take a training contract, skilled jobs an employment contract."
            }
            "arrival-needs-visa" => "Arrival needs a positive visa decision first.",
            "onboarding-before-arrival" => "Onboarding steps come after arrival.",
            "employment-before-arrival" => "Employment cannot start before arrival.",
            "employment-needs-contract" => "Employment needs a signed contract.",
            "employment-not-started" => "Employment has not started.",
            "retention-too-early" => "The retention check is not due yet (6 or 12 months).",
            "employment-ended" => "Employment has ended.",
            _ => "This step is not allowed now.",
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.reason(), self.code)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LanguageState {
    pub course: Option<Level>,
    pub course_on: Option<Day>,
    pub exam: Option<(Level, bool)>,
    pub exam_on: Option<Day>,
    pub certified: Option<Level>,
    pub certified_on: Option<Day>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecognitionStage {
    #[default]
    Open,
    NotNeeded,
    DocumentsComplete,
    Applied,
    DeficitNotice,
    Recognised,
    Refused,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RecognitionState {
    pub stage: RecognitionStage,
    pub since: Option<Day>,
    pub partnership: bool,
    pub applied_on: Option<Day>,
    pub measure: Option<Measure>,
    pub measure_done_on: Option<Day>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VisaStage {
    #[default]
    NotStarted,
    Applied,
    Granted,
    Refused,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VisaState {
    pub route: Option<Route>,
    /// § 81a: the day the employer applied for the accelerated procedure.
    pub fast_track_applied_on: Option<Day>,
    /// § 81a: the day of the Ausländerbehörde's pre-approval.
    pub pre_approved_on: Option<Day>,
    /// The embassy appointment (day of the appointment).
    pub appointment: Option<Day>,
    pub stage: VisaStage,
    pub applied_on: Option<Day>,
    pub decided_on: Option<Day>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ContractState {
    pub offered_on: Option<Day>,
    pub signed: Option<ContractKind>,
    pub signed_on: Option<Day>,
    pub housing_on: Option<Day>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ArrivalState {
    pub arrived_on: Option<Day>,
    pub registered_on: Option<Day>,
    pub permit_on: Option<Day>,
    pub insurance_on: Option<Day>,
    pub bank_on: Option<Day>,
    pub mentor_on: Option<Day>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EmploymentState {
    pub started_on: Option<Day>,
    pub check6_on: Option<Day>,
    pub check12_on: Option<Day>,
    pub ended_on: Option<Day>,
}

/// A placement's six tracks: the fold of its accepted events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Placement {
    pub context: Context,
    pub language: LanguageState,
    pub recognition: RecognitionState,
    pub visa: VisaState,
    pub contract: ContractState,
    pub arrival: ArrivalState,
    pub employment: EmploymentState,
    /// The last accepted event and its day, per track (in [`Track::ALL`] order).
    pub last: [Option<(Event, Day)>; 6],
}

fn idx(t: Track) -> usize {
    Track::ALL.iter().position(|x| *x == t).unwrap_or(0)
}

impl Placement {
    pub fn new(context: Context) -> Placement {
        Placement {
            context,
            ..Default::default()
        }
    }

    /// The day the agency's accompaniment of this placement ended: employment ended, or the
    /// 12-month retention check — the last step of the process — was recorded. `None` while it
    /// runs. Input of the candidate's "process ended" date (and so of the retention rule).
    pub fn closed_on(&self) -> Option<Day> {
        match (self.employment.ended_on, self.employment.check12_on) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Rebuilds the state from a stored history (events in the order they were accepted).
    pub fn replay<'a>(
        context: Context,
        history: impl IntoIterator<Item = &'a (Event, Day)>,
    ) -> Placement {
        let mut p = Placement::new(context);
        for (e, d) in history {
            p.mutate(e, *d);
        }
        p
    }

    /// The last event on a track, with its day.
    pub fn last_on(&self, track: Track) -> Option<(Event, Day)> {
        self.last[idx(track)]
    }

    /// Checks, then records `event` on `day`. A refusal leaves the state unchanged.
    pub fn apply(&mut self, event: Event, day: Day, today: Day) -> Result<(), Refusal> {
        self.check(&event, day, today)?;
        self.mutate(&event, day);
        Ok(())
    }

    /// Whether `event` on `day` is allowed now; the reason when not.
    pub fn check(&self, event: &Event, day: Day, today: Day) -> Result<(), Refusal> {
        use Event::*;
        let track = event.track();
        let no = |code: &'static str| Err(Refusal { code, track });
        if day > today {
            return no("date-in-future");
        }
        if let Some((_, last)) = self.last_on(track)
            && day < last
        {
            return no("date-before-previous-event");
        }
        let ctx = self.context;
        let lang = &self.language;
        let rec = &self.recognition;
        let visa = &self.visa;
        let con = &self.contract;
        let arr = &self.arrival;
        let emp = &self.employment;
        match *event {
            LanguageCourseStarted { level } => {
                if lang.certified.is_some_and(|c| c >= level)
                    || lang.course.is_some_and(|c| c > level)
                {
                    return no("language-level-backwards");
                }
                if lang.course == Some(level) {
                    return no("already-done");
                }
            }
            LanguageExamTaken { level, .. } => {
                if lang.certified.is_some_and(|c| c >= level) {
                    return no("language-level-backwards");
                }
            }
            LanguageCertified { level } => {
                if lang.certified.is_some_and(|c| c >= level) {
                    return no("language-level-backwards");
                }
                if lang.exam != Some((level, true)) {
                    return no("language-no-passed-exam");
                }
            }
            RecognitionNotNeeded
            | RecognitionDocumentsComplete
            | RecognitionApplied
            | RecognitionDeficitNotice { .. }
            | RecognitionMeasureCompleted
            | RecognitionPartnership
            | Recognised
            | RecognitionRefused
                if matches!(
                    rec.stage,
                    RecognitionStage::NotNeeded | RecognitionStage::Recognised
                ) =>
            {
                return no("recognition-closed");
            }
            RecognitionNotNeeded => {
                if ctx.recognition_required {
                    return no("recognition-required");
                }
                if !matches!(
                    rec.stage,
                    RecognitionStage::Open | RecognitionStage::DocumentsComplete
                ) {
                    return no("recognition-in-progress");
                }
            }
            RecognitionDocumentsComplete => match rec.stage {
                RecognitionStage::Open | RecognitionStage::Refused => {}
                RecognitionStage::DocumentsComplete => return no("already-done"),
                _ => return no("recognition-in-progress"),
            },
            RecognitionPartnership => {
                if !ctx.partnership_accepted {
                    return no("partnership-not-offered");
                }
                if rec.partnership {
                    return no("already-done");
                }
                if !matches!(
                    rec.stage,
                    RecognitionStage::Open | RecognitionStage::DocumentsComplete
                ) {
                    return no("recognition-in-progress");
                }
            }
            RecognitionApplied => match rec.stage {
                RecognitionStage::DocumentsComplete | RecognitionStage::Refused => {}
                RecognitionStage::Open => return no("recognition-documents-incomplete"),
                _ => return no("recognition-in-progress"),
            },
            RecognitionDeficitNotice { .. } => match rec.stage {
                RecognitionStage::Applied => {}
                RecognitionStage::Refused => {
                    return no("recognition-refused-needs-new-application");
                }
                _ => return no("recognition-not-applied"),
            },
            RecognitionMeasureCompleted => {
                if rec.stage != RecognitionStage::DeficitNotice {
                    return no("recognition-no-deficit-notice");
                }
                if rec.measure_done_on.is_some() {
                    return no("already-done");
                }
            }
            Recognised => match rec.stage {
                RecognitionStage::Applied => {}
                RecognitionStage::DeficitNotice if rec.measure_done_on.is_some() => {}
                RecognitionStage::DeficitNotice => {
                    return no("recognition-measure-not-completed");
                }
                RecognitionStage::Refused => {
                    return no("recognition-refused-needs-new-application");
                }
                _ => return no("recognition-not-applied"),
            },
            RecognitionRefused => match rec.stage {
                RecognitionStage::Applied | RecognitionStage::DeficitNotice => {}
                RecognitionStage::Refused => return no("already-done"),
                _ => return no("recognition-not-applied"),
            },
            VisaRouteChosen { route } => {
                if matches!(visa.stage, VisaStage::Applied | VisaStage::Granted)
                    || (visa.fast_track_applied_on.is_some() && visa.stage != VisaStage::Refused)
                {
                    return no("visa-route-locked");
                }
                if ctx.apprenticeship != (route == Route::S16a) {
                    return no("visa-route-mismatch");
                }
                if visa.route == Some(route) {
                    return no("already-done");
                }
            }
            FastTrackApplied => {
                if visa.route.is_none() {
                    return no("visa-no-route");
                }
                if matches!(visa.stage, VisaStage::Applied | VisaStage::Granted) {
                    return no("visa-route-locked");
                }
                if visa.fast_track_applied_on.is_some() && visa.stage != VisaStage::Refused {
                    return no("already-done");
                }
                if con.signed.is_none() {
                    return no("visa-fast-track-needs-contract");
                }
            }
            FastTrackPreApproved => {
                if visa.fast_track_applied_on.is_none() {
                    return no("visa-fast-track-not-applied");
                }
                if visa.pre_approved_on.is_some() {
                    return no("already-done");
                }
            }
            EmbassyAppointmentBooked { on } => {
                if visa.route.is_none() {
                    return no("visa-no-route");
                }
                if visa.fast_track_applied_on.is_some() && visa.pre_approved_on.is_none() {
                    return no("visa-fast-track-not-pre-approved");
                }
                match visa.stage {
                    VisaStage::Applied => return no("already-done"),
                    VisaStage::Granted => return no("visa-already-granted"),
                    _ => {}
                }
                if on < day {
                    return no("visa-appointment-before-booking");
                }
            }
            VisaApplied => {
                let Some(route) = visa.route else {
                    return no("visa-no-route");
                };
                match visa.stage {
                    VisaStage::Applied => return no("already-done"),
                    VisaStage::Granted => return no("visa-already-granted"),
                    _ => {}
                }
                if visa.fast_track_applied_on.is_some() && visa.pre_approved_on.is_none() {
                    return no("visa-fast-track-not-pre-approved");
                }
                match route {
                    Route::S16a => {
                        if con.signed != Some(ContractKind::Training) {
                            return no("visa-16a-needs-training-contract");
                        }
                    }
                    Route::S16d => {
                        if rec.stage != RecognitionStage::DeficitNotice && !rec.partnership {
                            return no("visa-16d-needs-deficit-notice-or-partnership");
                        }
                    }
                    Route::S18a | Route::S18b => {
                        if ctx.recognition_required && rec.stage != RecognitionStage::Recognised {
                            return no("visa-18-needs-recognition");
                        }
                        if con.signed != Some(ContractKind::Employment) {
                            return no("visa-18-needs-employment-contract");
                        }
                    }
                }
            }
            VisaGranted | VisaRefused => {
                if visa.stage != VisaStage::Applied {
                    return no("visa-not-applied");
                }
            }
            ContractOffered => {
                if con.offered_on.is_some() || con.signed.is_some() {
                    return no("already-done");
                }
            }
            ContractSigned { contract } => {
                if con.signed.is_some() {
                    return no("already-done");
                }
                if ctx.apprenticeship != (contract == ContractKind::Training) {
                    return no("contract-kind-mismatch");
                }
            }
            HousingArranged => {
                if con.housing_on.is_some() {
                    return no("already-done");
                }
            }
            Arrived => {
                if arr.arrived_on.is_some() {
                    return no("already-done");
                }
                if visa.stage != VisaStage::Granted || visa.decided_on.is_some_and(|d| d > day) {
                    return no("arrival-needs-visa");
                }
            }
            Registered | ResidencePermit | HealthInsurance | BankAccount | MentorAssigned => {
                if arr.arrived_on.is_none() {
                    return no("onboarding-before-arrival");
                }
                let done = match event {
                    Registered => arr.registered_on,
                    ResidencePermit => arr.permit_on,
                    HealthInsurance => arr.insurance_on,
                    BankAccount => arr.bank_on,
                    _ => arr.mentor_on,
                };
                if done.is_some() {
                    return no("already-done");
                }
            }
            EmploymentStarted => {
                if emp.started_on.is_some() {
                    return no("already-done");
                }
                if arr.arrived_on.is_none_or(|a| a > day) {
                    return no("employment-before-arrival");
                }
                if con.signed_on.is_none_or(|s| s > day) {
                    return no("employment-needs-contract");
                }
            }
            RetentionCheck6 | RetentionCheck12 | EmploymentEnded => {
                let Some(start) = emp.started_on else {
                    return no("employment-not-started");
                };
                if emp.ended_on.is_some() {
                    return no("employment-ended");
                }
                let (done, months) = match event {
                    RetentionCheck6 => (emp.check6_on, 6),
                    RetentionCheck12 => (emp.check12_on, 12),
                    _ => (None, 0),
                };
                if done.is_some() {
                    return no("already-done");
                }
                if months > 0 && day < add_months(start, months) {
                    return no("retention-too-early");
                }
            }
        }
        Ok(())
    }

    /// Records an event without checking (used for stored, once-accepted history).
    fn mutate(&mut self, event: &Event, day: Day) {
        use Event::*;
        match *event {
            LanguageCourseStarted { level } => {
                self.language.course = Some(level);
                self.language.course_on = Some(day);
            }
            LanguageExamTaken { level, passed } => {
                self.language.exam = Some((level, passed));
                self.language.exam_on = Some(day);
            }
            LanguageCertified { level } => {
                self.language.certified = Some(level);
                self.language.certified_on = Some(day);
            }
            RecognitionNotNeeded => self.rec_stage(RecognitionStage::NotNeeded, day),
            RecognitionDocumentsComplete => {
                self.rec_stage(RecognitionStage::DocumentsComplete, day)
            }
            RecognitionApplied => {
                self.rec_stage(RecognitionStage::Applied, day);
                self.recognition.applied_on = Some(day);
                self.recognition.measure = None;
                self.recognition.measure_done_on = None;
            }
            RecognitionDeficitNotice { measure } => {
                self.rec_stage(RecognitionStage::DeficitNotice, day);
                self.recognition.measure = Some(measure);
            }
            RecognitionMeasureCompleted => self.recognition.measure_done_on = Some(day),
            RecognitionPartnership => self.recognition.partnership = true,
            Recognised => self.rec_stage(RecognitionStage::Recognised, day),
            RecognitionRefused => self.rec_stage(RecognitionStage::Refused, day),
            VisaRouteChosen { route } => {
                self.visa.route = Some(route);
                if self.visa.stage == VisaStage::Refused {
                    // A new route starts a new procedure.
                    self.visa = VisaState {
                        route: Some(route),
                        ..Default::default()
                    };
                }
            }
            FastTrackApplied => {
                self.visa.fast_track_applied_on = Some(day);
                self.visa.pre_approved_on = None;
            }
            FastTrackPreApproved => self.visa.pre_approved_on = Some(day),
            EmbassyAppointmentBooked { on } => self.visa.appointment = Some(on),
            VisaApplied => {
                self.visa.stage = VisaStage::Applied;
                self.visa.applied_on = Some(day);
                self.visa.decided_on = None;
            }
            VisaGranted => {
                self.visa.stage = VisaStage::Granted;
                self.visa.decided_on = Some(day);
            }
            VisaRefused => {
                self.visa.stage = VisaStage::Refused;
                self.visa.decided_on = Some(day);
            }
            ContractOffered => self.contract.offered_on = Some(day),
            ContractSigned { contract } => {
                self.contract.signed = Some(contract);
                self.contract.signed_on = Some(day);
            }
            HousingArranged => self.contract.housing_on = Some(day),
            Arrived => self.arrival.arrived_on = Some(day),
            Registered => self.arrival.registered_on = Some(day),
            ResidencePermit => self.arrival.permit_on = Some(day),
            HealthInsurance => self.arrival.insurance_on = Some(day),
            BankAccount => self.arrival.bank_on = Some(day),
            MentorAssigned => self.arrival.mentor_on = Some(day),
            EmploymentStarted => self.employment.started_on = Some(day),
            RetentionCheck6 => self.employment.check6_on = Some(day),
            RetentionCheck12 => self.employment.check12_on = Some(day),
            EmploymentEnded => self.employment.ended_on = Some(day),
        }
        self.last[idx(event.track())] = Some((*event, day));
    }

    fn rec_stage(&mut self, stage: RecognitionStage, day: Day) {
        self.recognition.stage = stage;
        self.recognition.since = Some(day);
    }

    /// The next steps on a track that are allowed on `day`, and the natural next steps that
    /// are refused, with their reasons. Steps already done (or closed tracks) are left out.
    pub fn next_steps(&self, track: Track, day: Day) -> (Vec<Event>, Vec<(Event, Refusal)>) {
        let mut allowed = Vec::new();
        let mut refused = Vec::new();
        for e in Event::menu(track, day) {
            match self.check(&e, day, day) {
                Ok(()) => allowed.push(e),
                Err(r) if Self::worth_showing(&e, r.code) => refused.push((e, r)),
                Err(_) => {}
            }
        }
        (allowed, refused)
    }

    /// Refusals that explain a real obstacle (not "done already", not a backwards level,
    /// not a variant that cannot apply to this position).
    fn worth_showing(e: &Event, code: &str) -> bool {
        let noise = matches!(
            code,
            "already-done"
                | "language-level-backwards"
                | "recognition-closed"
                | "visa-route-mismatch"
                | "contract-kind-mismatch"
                | "date-before-previous-event"
                | "visa-route-locked"
                | "employment-ended"
                | "recognition-in-progress"
        );
        let variant_noise = matches!(e, Event::LanguageExamTaken { passed: false, .. });
        !noise && !variant_noise
    }

    /// Consistency rules every reachable state satisfies (empty when consistent). The
    /// property tests drive random event sequences through [`Placement::apply`] and check
    /// this after every accepted step.
    pub fn inconsistencies(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let (v, a, e, c, r) = (
            &self.visa,
            &self.arrival,
            &self.employment,
            &self.contract,
            &self.recognition,
        );
        if let Some(arrived) = a.arrived_on
            && (v.stage != VisaStage::Granted || v.decided_on.is_none_or(|d| d > arrived))
        {
            out.push("arrived without a granted visa");
        }
        for d in [
            a.registered_on,
            a.permit_on,
            a.insurance_on,
            a.bank_on,
            a.mentor_on,
        ]
        .into_iter()
        .flatten()
        {
            if a.arrived_on.is_none_or(|x| x > d) {
                out.push("onboarding before arrival");
            }
        }
        if let Some(s) = e.started_on {
            if a.arrived_on.is_none_or(|x| x > s) {
                out.push("employed before arrival");
            }
            if c.signed_on.is_none_or(|x| x > s) {
                out.push("employed without a contract");
            }
            if e.check6_on.is_some_and(|d| d < add_months(s, 6)) {
                out.push("6-month check too early");
            }
            if e.check12_on.is_some_and(|d| d < add_months(s, 12)) {
                out.push("12-month check too early");
            }
        } else if e.check6_on.is_some() || e.check12_on.is_some() || e.ended_on.is_some() {
            out.push("retention without employment");
        }
        if r.stage == RecognitionStage::NotNeeded && self.context.recognition_required {
            out.push("recognition skipped although required");
        }
        if matches!(
            r.stage,
            RecognitionStage::Recognised
                | RecognitionStage::DeficitNotice
                | RecognitionStage::Refused
        ) && r.applied_on.is_none()
        {
            out.push("recognition decision without application");
        }
        if r.stage == RecognitionStage::DeficitNotice && r.measure.is_none() {
            out.push("deficit notice without measure");
        }
        if r.partnership && !self.context.partnership_accepted {
            out.push("partnership not offered");
        }
        if v.pre_approved_on.is_some() && v.fast_track_applied_on.is_none() {
            out.push("pre-approval without § 81a application");
        }
        if v.stage != VisaStage::NotStarted {
            match v.route {
                None => out.push("visa without route"),
                Some(Route::S16a) => {
                    if c.signed != Some(ContractKind::Training) {
                        out.push("§ 16a without training contract");
                    }
                }
                Some(Route::S16d) => {
                    // At application there was a deficit notice (so an application) or a
                    // partnership; later decisions may move the recognition stage on.
                    if !r.partnership && r.applied_on.is_none() {
                        out.push("§ 16d without deficit notice or partnership");
                    }
                }
                Some(Route::S18a | Route::S18b) => {
                    if self.context.recognition_required && r.stage != RecognitionStage::Recognised
                    {
                        out.push("§ 18a/b without recognition");
                    }
                    if c.signed != Some(ContractKind::Employment) {
                        out.push("§ 18a/b without employment contract");
                    }
                }
            }
        }
        if let Some(route) = v.route
            && self.context.apprenticeship != (route == Route::S16a)
        {
            out.push("route does not fit the position");
        }
        if let Some(k) = c.signed
            && self.context.apprenticeship != (k == ContractKind::Training)
        {
            out.push("contract does not fit the position");
        }
        if let (Some(cert), Some((level, passed))) = (self.language.certified, self.language.exam)
            && cert > level
            && passed
        {
            // A later passed exam below the certificate would be a step backwards.
            out.push("exam below certified level");
        }
        out
    }
}
