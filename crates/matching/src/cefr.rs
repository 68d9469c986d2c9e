//! German language level on the CEFR scale and its timing against a start date.

use serde::{Deserialize, Serialize};
use time::Date;

/// A CEFR level, A1 (lowest) to C2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Cefr {
    A1,
    A2,
    B1,
    B2,
    C1,
    C2,
}

impl Cefr {
    pub const ALL: [Cefr; 6] = [Cefr::A1, Cefr::A2, Cefr::B1, Cefr::B2, Cefr::C1, Cefr::C2];

    /// 0 for A1 … 5 for C2.
    pub fn rank(self) -> u8 {
        self as u8
    }

    /// The next level up, `None` for C2.
    pub fn next(self) -> Option<Cefr> {
        Cefr::ALL.get(self.rank() as usize + 1).copied()
    }
}

/// A candidate's German: the level held (certified or assessed; `None` = no German yet) and,
/// while a course runs, the date the next level is expected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GermanProgress {
    pub level: Option<Cefr>,
    /// Expected date of reaching the level after `level` (A1 when `level` is `None`).
    pub next_level_expected: Option<Date>,
}

/// How a candidate's German stands against a requirement at the start date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GermanOutcome {
    /// The position names no level.
    NotRequired,
    /// The level held already meets the requirement.
    Meets,
    /// One level short, and the next level is expected on or before the start date.
    ReachedByStart,
    /// One level short, the next level is expected only after the start date.
    NextLevelAfterStart,
    /// Short by `gap` levels (1…6) and no expected date closes the gap by the start date.
    Gap { gap: u8 },
}

impl GermanProgress {
    /// Levels between what is held and `required` (0 when met). No German counts as one level
    /// below A1.
    pub fn gap(&self, required: Cefr) -> u8 {
        let held = self.level.map_or(0, |l| l.rank() + 1);
        (required.rank() + 1).saturating_sub(held)
    }

    /// Judges the German requirement for a position starting on `start`.
    pub fn outcome(&self, required: Option<Cefr>, start: Date) -> GermanOutcome {
        let Some(required) = required else {
            return GermanOutcome::NotRequired;
        };
        match self.gap(required) {
            0 => GermanOutcome::Meets,
            1 => match self.next_level_expected {
                Some(d) if d <= start => GermanOutcome::ReachedByStart,
                Some(_) => GermanOutcome::NextLevelAfterStart,
                None => GermanOutcome::Gap { gap: 1 },
            },
            gap => GermanOutcome::Gap { gap },
        }
    }
}
