//! Recruitment tracks: a placement (a candidate for a position, optionally in a programme
//! cohort) carries six parallel tracks — language, recognition, visa, contract and housing,
//! arrival and onboarding, employment — each a small state machine with dates.
//!
//! Pure computation: no IO, no clock. Dates are whole days since 1970-01-01 (UTC), "today" is
//! passed in. A [`Placement`] is the fold of its accepted [`Event`]s; [`Placement::check`]
//! refuses a transition the law or the process forbids with a [`Refusal`] (a stable reason
//! code plus an English sentence; the web layer translates the code). Due dates and "overdue
//! as of day D" are computed by [`Placement::due_items`] and [`overdue`]; the programme board
//! figures (funnel, time in stage) by [`board`].
//!
//! Legal rules encoded here, with their sources, are listed in `docs/recruitment.md`
//! ("Tracks").

pub mod board;
mod due;
mod event;
mod state;

pub use due::{ChecklistItem, DEFAULT_CHECKLIST, DueItem, overdue};
pub use event::{ContractKind, Event, Level, Measure, Route, Track};
pub use state::{
    ArrivalState, Context, ContractState, EmploymentState, LanguageState, Placement,
    RecognitionStage, RecognitionState, Refusal, VisaStage, VisaState,
};

/// Whole days since 1970-01-01 (UTC).
pub type Day = i64;

/// `day` plus `months` calendar months (the day of month clamped to the target month's end).
pub fn add_months(day: Day, months: i64) -> Day {
    let Some(date) = to_date(day) else {
        return day + months * 30;
    };
    let total = date.year() as i64 * 12 + (u8::from(date.month()) as i64 - 1) + months;
    let (year, month0) = (total.div_euclid(12), total.rem_euclid(12));
    let Ok(month) = time::Month::try_from(month0 as u8 + 1) else {
        return day + months * 30;
    };
    let last = month.length(year as i32);
    time::Date::from_calendar_date(year as i32, month, date.day().min(last))
        .map(from_date)
        .unwrap_or(day + months * 30)
}

const EPOCH_JULIAN: i64 = 2_440_588;

fn to_date(day: Day) -> Option<time::Date> {
    i32::try_from(day + EPOCH_JULIAN)
        .ok()
        .and_then(|j| time::Date::from_julian_day(j).ok())
}

fn from_date(d: time::Date) -> Day {
    d.to_julian_day() as i64 - EPOCH_JULIAN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_calendar_months() {
        // 2026-01-31 + 1 month = 2026-02-28; 2026-03-15 + 6 = 2026-09-15.
        let jan31 = from_date(time::macros::date!(2026 - 01 - 31));
        assert_eq!(
            to_date(add_months(jan31, 1)).unwrap(),
            time::macros::date!(2026 - 02 - 28)
        );
        let mar15 = from_date(time::macros::date!(2026 - 03 - 15));
        assert_eq!(
            to_date(add_months(mar15, 6)).unwrap(),
            time::macros::date!(2026 - 09 - 15)
        );
        assert_eq!(
            to_date(add_months(mar15, 12)).unwrap(),
            time::macros::date!(2027 - 03 - 15)
        );
        assert_eq!(from_date(time::macros::date!(1970 - 01 - 01)), 0);
    }
}
