//! Programme board figures: milestones and the funnel, time in stage.

use serde::Serialize;

use crate::Day;
use crate::event::{Event, Level, Track};
use crate::state::{Placement, RecognitionStage, VisaStage};

/// The milestones of the path from placement to the 12-month check, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    Placed,
    /// German certified at B1 or above.
    LanguageB1,
    /// Recognised, not needed, a deficit notice or a recognition partnership (a route exists).
    RecognitionSettled,
    ContractSigned,
    VisaGranted,
    Arrived,
    Employed,
    Retained6,
    Retained12,
}

impl Milestone {
    pub const ALL: [Milestone; 9] = [
        Milestone::Placed,
        Milestone::LanguageB1,
        Milestone::RecognitionSettled,
        Milestone::ContractSigned,
        Milestone::VisaGranted,
        Milestone::Arrived,
        Milestone::Employed,
        Milestone::Retained6,
        Milestone::Retained12,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Milestone::Placed => "placed",
            Milestone::LanguageB1 => "language_b1",
            Milestone::RecognitionSettled => "recognition_settled",
            Milestone::ContractSigned => "contract_signed",
            Milestone::VisaGranted => "visa_granted",
            Milestone::Arrived => "arrived",
            Milestone::Employed => "employed",
            Milestone::Retained6 => "retained_6",
            Milestone::Retained12 => "retained_12",
        }
    }

    /// Whether the placement has reached this milestone.
    pub fn reached(self, p: &Placement) -> bool {
        match self {
            Milestone::Placed => true,
            Milestone::LanguageB1 => p.language.certified.is_some_and(|l| l >= Level::B1),
            Milestone::RecognitionSettled => {
                p.recognition.partnership
                    || matches!(
                        p.recognition.stage,
                        RecognitionStage::NotNeeded
                            | RecognitionStage::Recognised
                            | RecognitionStage::DeficitNotice
                    )
            }
            Milestone::ContractSigned => p.contract.signed.is_some(),
            Milestone::VisaGranted => p.visa.stage == VisaStage::Granted,
            Milestone::Arrived => p.arrival.arrived_on.is_some(),
            Milestone::Employed => p.employment.started_on.is_some(),
            Milestone::Retained6 => p.employment.check6_on.is_some(),
            Milestone::Retained12 => p.employment.check12_on.is_some(),
        }
    }
}

/// The furthest milestone reached (where the person stands).
pub fn furthest(p: &Placement) -> Milestone {
    Milestone::ALL
        .into_iter()
        .rev()
        .find(|m| m.reached(p))
        .unwrap_or(Milestone::Placed)
}

/// How many placements reached each milestone.
pub fn funnel<'a>(
    placements: impl IntoIterator<Item = &'a Placement> + Clone,
) -> Vec<(Milestone, usize)> {
    Milestone::ALL
        .into_iter()
        .map(|m| {
            (
                m,
                placements
                    .clone()
                    .into_iter()
                    .filter(|p| m.reached(p))
                    .count(),
            )
        })
        .collect()
}

/// Days spent in one stage of one track: from the event that entered the stage to the next
/// event on the same track.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageSpan {
    pub track: Track,
    /// The key of the event that entered the stage.
    pub stage: &'static str,
    pub days: Day,
}

/// The completed stages of one placement's history (events in recorded order).
pub fn stage_spans(history: &[(Event, Day)]) -> Vec<StageSpan> {
    let mut out = Vec::new();
    for track in Track::ALL {
        let on_track: Vec<&(Event, Day)> =
            history.iter().filter(|(e, _)| e.track() == track).collect();
        for pair in on_track.windows(2) {
            out.push(StageSpan {
                track,
                stage: pair[0].0.key(),
                days: pair[1].1 - pair[0].1,
            });
        }
    }
    out
}

/// Time-in-stage figures over many placements.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageStats {
    pub track: Track,
    pub stage: &'static str,
    /// Completed stays counted.
    pub n: usize,
    pub mean_days: f64,
    pub median_days: f64,
}

/// Mean and median days per (track, stage), in track order and the order of the stages on
/// each track's menu.
pub fn stage_stats(spans: &[StageSpan]) -> Vec<StageStats> {
    let mut keys: Vec<(Track, &'static str)> = spans.iter().map(|s| (s.track, s.stage)).collect();
    keys.sort_by_key(|(t, s)| (*t, rank(*t, s)));
    keys.dedup();
    keys.into_iter()
        .map(|(track, stage)| {
            let mut days: Vec<Day> = spans
                .iter()
                .filter(|s| s.track == track && s.stage == stage)
                .map(|s| s.days)
                .collect();
            days.sort_unstable();
            let n = days.len();
            let mean_days = days.iter().sum::<Day>() as f64 / n as f64;
            let median_days = if n % 2 == 1 {
                days[n / 2] as f64
            } else {
                (days[n / 2 - 1] + days[n / 2]) as f64 / 2.0
            };
            StageStats {
                track,
                stage,
                n,
                mean_days,
                median_days,
            }
        })
        .collect()
}

fn rank(track: Track, key: &str) -> usize {
    Event::menu(track, 0)
        .iter()
        .position(|e| e.key() == key)
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Event::*;

    #[test]
    fn spans_and_stats_follow_the_history() {
        let a = vec![
            (ContractOffered, 0),
            (
                VisaRouteChosen {
                    route: crate::Route::S16a,
                },
                1,
            ),
            (
                ContractSigned {
                    contract: crate::ContractKind::Training,
                },
                10,
            ),
            (HousingArranged, 40),
        ];
        let b = vec![
            (ContractOffered, 5),
            (
                ContractSigned {
                    contract: crate::ContractKind::Training,
                },
                25,
            ),
        ];
        let spans: Vec<StageSpan> = [a, b].iter().flat_map(|h| stage_spans(h)).collect();
        assert_eq!(spans.len(), 3);
        let stats = stage_stats(&spans);
        assert_eq!(stats.len(), 2);
        assert_eq!(stats[0].stage, "contract_offered");
        assert_eq!(stats[0].n, 2);
        assert_eq!(stats[0].mean_days, 15.0);
        assert_eq!(stats[0].median_days, 15.0);
        assert_eq!(stats[1].stage, "contract_signed");
        assert_eq!(stats[1].median_days, 30.0);
    }
}
