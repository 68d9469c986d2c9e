//! The states of an employer's request for an introduction to a candidate (issue 11, point 14).

use serde::{Deserialize, Serialize};

/// Where an introduction request stands: open until agency staff answer it, then accepted
/// (the agency introduces) or declined (with a reason). An answer is final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntroductionState {
    Open,
    Accepted,
    Declined,
}

impl IntroductionState {
    pub const ALL: [IntroductionState; 3] = [
        IntroductionState::Open,
        IntroductionState::Accepted,
        IntroductionState::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IntroductionState::Open => "open",
            IntroductionState::Accepted => "accepted",
            IntroductionState::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<IntroductionState> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The state class pages show it with (`docs/design.md`, "States"): waiting, good, bad.
    pub fn tone(self) -> &'static str {
        match self {
            IntroductionState::Open => "state-warn",
            IntroductionState::Accepted => "state-good",
            IntroductionState::Declined => "state-bad",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_round_trip_through_their_names() {
        for st in IntroductionState::ALL {
            assert_eq!(IntroductionState::parse(st.as_str()), Some(st));
        }
        assert_eq!(IntroductionState::parse("answered"), None);
    }
}
