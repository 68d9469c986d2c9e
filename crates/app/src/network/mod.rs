//! The partner network: contacts (people at organisations, personal data), approaches (the
//! visit log, with a warning when a company was approached recently), delegation trips,
//! agreements with obligations, trade fairs with leads, investment projects and the yearly
//! figures. Organisations are the one registry's (`crate::organisations`).
//!
//! One file per entity or use case, each adding its methods to `App`. Agency staff edit;
//! administrators read; planners read the figures; clinics and employers see the agreements
//! their own organisation is a party to (others answer 404); partner agencies see and log the
//! approaches within the scope agreed with their organisation (`partners`), and nothing else
//! of the network (404). Every write and its audit entry
//! share one transaction; reads of a contact are audited. Audit entries about contacts carry
//! ids only, never names or contact details (an erasure must leave nothing behind).

mod agreements;
mod approaches;
mod cards;
mod contacts;
pub mod demo;
mod duplicates;
mod fairs;
mod import;
mod partners;
mod projects;
pub(crate) mod reminders;
mod report;
mod trips;
pub mod vcard;

pub use agreements::{AgreementInput, AgreementView, ObligationInput};
pub use approaches::{ApproachInput, ApproachQuery, RECENT_DAYS};
pub use cards::{CardImport, CardImportError, MAX_CARDS};
pub use contacts::{AffiliationInput, ContactExport, ContactInput, ContactQuery, ContactView};
pub use duplicates::{DuplicateKind, DuplicatePair, Duplicates, MergeOutcome};
pub use fairs::{FairInput, FairView, LeadInput};
pub use import::{
    ImportError, ImportIssue, ImportKind, ImportLine, ImportOutcome, MAX_ROWS, parse_kind, sample,
};
pub use partners::{PartnerScopeInput, PartnerScopeView};
pub use projects::{ProjectInput, StageInput};
pub use reminders::{OBLIGATION_DAYS, TERM_DAYS};
pub use report::YearReport;
pub use trips::{ItemInput, ParticipantInput, TripInput, TripView};

use standort_domain::date::parse_date;
use standort_domain::{OrgId, Role, ValidationError};
use standort_store::{AnyConnection, orgs};

use crate::policy::{self, Permission};
use crate::{Actor, AppError};

const DAY: i64 = 86_400;

/// The day (Unix seconds at 00:00 UTC) of a moment.
pub fn day_start(unix: i64) -> i64 {
    unix - unix.rem_euclid(DAY)
}

fn required(field: &'static str, s: &Option<String>, max: usize) -> Result<String, AppError> {
    standort_domain::optional_line(field, s.as_deref(), max)?
        .ok_or_else(|| ValidationError::new(field, "required").into())
}

fn line(field: &'static str, s: &Option<String>, max: usize) -> Result<String, AppError> {
    Ok(standort_domain::optional_line(field, s.as_deref(), max)?.unwrap_or_default())
}

/// Free text of several lines (a text area), blank for none.
fn text(field: &'static str, s: &Option<String>, max: usize) -> Result<String, AppError> {
    Ok(standort_domain::optional_text(field, s.as_deref(), max)?.unwrap_or_default())
}

fn required_day(field: &'static str, s: &Option<String>) -> Result<i64, AppError> {
    parse_date(field, s)?.ok_or_else(|| ValidationError::new(field, "required").into())
}

fn number(field: &'static str, s: &Option<String>, max: i64) -> Result<i64, AppError> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(0),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| (0..=max).contains(n))
            .ok_or_else(|| ValidationError::new(field, "invalid-number").into()),
    }
}

/// An organisation named in a form: must exist, else the field is invalid (422, not 404).
async fn org_field(
    conn: &mut AnyConnection,
    field: &'static str,
    s: &Option<String>,
) -> Result<OrgId, AppError> {
    let id = s
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or(ValidationError::new(field, "required"))?
        .parse::<i64>()
        .map_err(|_| ValidationError::new(field, "unknown-organisation"))?;
    match orgs::get(conn, OrgId(id)).await {
        Ok(o) => Ok(o.id),
        Err(standort_store::StoreError::NotFound) => {
            Err(ValidationError::new(field, "unknown-organisation").into())
        }
        Err(e) => Err(e.into()),
    }
}

/// Whether the actor works with the whole network (agency staff, administrators).
fn network_reader(actor: &Actor) -> Result<(), AppError> {
    policy::require(actor, Permission::ReadNetwork).map(|_| ())
}

/// The network's dashboard card for agency staff: obligations of agreements due within the
/// next two weeks (and overdue ones); for a partner agency: the shared visit log, with the
/// number of approaches in its scope.
pub(crate) async fn dashboard(
    conn: &mut AnyConnection,
    actor: &Actor,
    now: i64,
    board: &mut crate::dashboard::Board,
) -> Result<(), AppError> {
    if actor.role() == Role::PartnerAgency {
        let view = partners::LogView::of(conn, actor).await?;
        let shared = standort_store::network::list_approaches(
            conn,
            &standort_store::network::ApproachFilter {
                scope: view.scope,
                ..Default::default()
            },
            standort_store::PageRequest::new(Some(1), None),
        )
        .await?;
        board.card(
            "card-network-shared-log",
            Some(shared.total),
            "card-network-shared-log-hint",
            Some("/network/approaches"),
        );
        return Ok(());
    }
    if actor.role() != Role::AgencyStaff {
        return Ok(());
    }
    let until = day_start(now) + 15 * DAY;
    let (_, total) = standort_store::network::obligations_due(conn, until, 1).await?;
    board.card(
        "card-network-obligations",
        Some(total),
        "card-network-obligations-hint",
        Some("/network/agreements"),
    );
    Ok(())
}
