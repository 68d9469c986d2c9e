//! Recruitment tracks: programmes, placements (candidate × position), the append-only history
//! of track events, track owners, document checklists and costs (migration 0004).
//!
//! Days are Unix seconds at 00:00 UTC. Event data is the event's JSON object (the pure engine
//! `standort_placement` gives it meaning); this module only stores and reads rows. There is no
//! function that changes or deletes an event: the history is append-only (the database refuses
//! UPDATE; rows go only together with their placement).
//!
//! One file per table group; everything is re-exported here, so callers keep using
//! `store::placements::…`.

mod checklist;
mod costs;
mod due;
mod events;
mod owners;
mod placement;
mod programmes;

pub use checklist::*;
pub use costs::*;
pub use due::*;
pub use events::*;
pub use owners::*;
pub use placement::*;
pub use programmes::*;
