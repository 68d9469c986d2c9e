//! Shared vocabulary of Standort: identifiers, roles, languages and validated values.
//!
//! Nothing here performs IO. Every type that carries user input has a private field and a
//! `parse` constructor, so an invalid value cannot exist past the edge of the system.

pub mod date;
pub mod dedup;
pub mod fold;
mod ids;
pub mod introduction;
pub mod iso;
pub mod nace;
#[macro_use]
pub mod network;
mod role;
pub mod showcase;
mod text;

pub use ids::{IntroductionId, OrgId, UserId};
pub use role::{OrgKind, Role};
pub use text::{
    Email, Language, NewPassword, OrgName, PersonName, ValidationError, is_bidi_control,
    optional_line, optional_text,
};
