//! The partner network's reminders, raised through the one notification mechanism
//! ([`crate::notifications`]): an approach's next step for whoever recorded it
//! (`network_follow_up_due`, from [`HORIZON_DAYS`] before its day, again once overdue), an
//! agreement's obligation for its owner (`agreement_obligation_due`, from [`OBLIGATION_DAYS`]
//! before its deadline, again once overdue), and an agreement's end of term for agency staff
//! (`agreement_term_ending`, [`TERM_DAYS`] before). Raised by the notifications job and in the
//! transaction that records an approach or adds an obligation.
//!
//! Only people who may open the record hear of it: a next step goes to its owner while they may
//! read the network, an obligation to its owner while they may read its agreement (staff and
//! administrators every one, an employer or clinic buyer those their organisation is a party
//! to); otherwise, and when nobody owns it, to the agency's staff.

use serde_json::json;
use standort_domain::{OrgId, Role, UserId};
use standort_store::network as store;
use standort_store::{AnyConnection, users};

use super::DAY;
use crate::AppError;
use crate::notifications::{HORIZON_DAYS, NotificationKind, Raise, Recipient};
use crate::policy::{Permission, allows};

/// An obligation is announced this many days before its deadline (as the dashboard's card).
pub const OBLIGATION_DAYS: i64 = 14;
/// The end of an agreement's term is announced this many days before.
pub const TERM_DAYS: i64 = 90;

const STAFF: Recipient = Recipient::Role {
    role: Role::AgencyStaff,
    org: None,
};

/// `due` or `overdue` as of `today`: a record key's last part, so the overdue reminder is a
/// new occasion after the due one, and a moved day a new one too.
fn stage(due: i64, today: i64) -> &'static str {
    if due < today { "overdue" } else { "due" }
}

/// The owner, if they may read the record (`may`), else the agency's staff.
async fn owner_or_staff(
    conn: &mut AnyConnection,
    owner: Option<UserId>,
    may: impl Fn(Role, OrgId) -> bool,
) -> Result<Recipient, AppError> {
    if let Some(owner) = owner {
        let user = users::get(conn, owner).await?;
        if !user.disabled && may(user.role, user.org_id) {
            return Ok(Recipient::Person(owner));
        }
    }
    Ok(STAFF)
}

/// The next steps due within [`HORIZON_DAYS`] (inclusive) or overdue, of every approach or of
/// one, as of `today` (Unix seconds at 00:00 UTC).
pub(crate) async fn follow_up_raises(
    conn: &mut AnyConnection,
    today: i64,
    approach: Option<i64>,
) -> Result<Vec<Raise>, AppError> {
    let due = store::follow_ups_due(conn, today + (HORIZON_DAYS + 1) * DAY, approach).await?;
    let mut out = Vec::with_capacity(due.len());
    for f in due {
        let recipient = owner_or_staff(conn, f.owner, |role, _| {
            allows(role, Permission::ReadNetwork)
        })
        .await?;
        let stage = stage(f.next_due, today);
        out.push(Raise {
            kind: NotificationKind::NetworkFollowUpDue,
            recipient,
            record_key: format!("approach:{}:{}:{stage}", f.approach_id, f.next_due),
            link: format!("/network/approaches?org={}", f.org_id.0),
            params: json!({ "org": f.org_name, "overdue": stage == "overdue" }),
            due_on: Some(f.next_due),
        });
    }
    Ok(out)
}

/// Whether a person of `role` in `org` may read an agreement whose parties are `parties`.
pub(crate) fn may_read_agreement(role: Role, org: OrgId, parties: &[OrgId]) -> bool {
    allows(role, Permission::ReadNetwork)
        || (allows(role, Permission::ReadOwnAgreements) && parties.contains(&org))
}

/// The open obligations due within [`OBLIGATION_DAYS`] (inclusive) or overdue, of every
/// agreement or of one.
pub(crate) async fn obligation_raises(
    conn: &mut AnyConnection,
    today: i64,
    agreement: Option<i64>,
) -> Result<Vec<Raise>, AppError> {
    let due = store::open_obligations_before(conn, today + (OBLIGATION_DAYS + 1) * DAY, agreement)
        .await?;
    let mut out = Vec::with_capacity(due.len());
    for b in due {
        let parties = store::party_orgs(conn, b.agreement_id).await?;
        let recipient = owner_or_staff(conn, b.owner_user_id, |role, org| {
            may_read_agreement(role, org, &parties)
        })
        .await?;
        let stage = stage(b.due_day, today);
        out.push(Raise {
            kind: NotificationKind::AgreementObligationDue,
            recipient,
            record_key: format!("obligation:{}:{}:{stage}", b.id, b.due_day),
            link: format!("/network/agreements/{}", b.agreement_id),
            params: json!({ "agreement": b.agreement_title, "overdue": stage == "overdue" }),
            due_on: Some(b.due_day),
        });
    }
    Ok(out)
}

/// Agreements whose term ends within [`TERM_DAYS`] (inclusive), for the agency's staff.
pub(crate) async fn term_raises(
    conn: &mut AnyConnection,
    today: i64,
) -> Result<Vec<Raise>, AppError> {
    Ok(
        store::terms_ending(conn, today, today + (TERM_DAYS + 1) * DAY)
            .await?
            .into_iter()
            .filter_map(|a| {
                let ends = a.data.ends_on?;
                Some(Raise {
                    kind: NotificationKind::AgreementTermEnding,
                    recipient: STAFF,
                    record_key: format!("agreement:{}:end:{ends}", a.id),
                    link: format!("/network/agreements/{}", a.id),
                    params: json!({ "agreement": a.data.title }),
                    due_on: Some(ends),
                })
            })
            .collect(),
    )
}

/// Everything the network raises as of `today` (the notifications job).
pub(crate) async fn raises(conn: &mut AnyConnection, today: i64) -> Result<Vec<Raise>, AppError> {
    let mut out = follow_up_raises(conn, today, None).await?;
    out.extend(obligation_raises(conn, today, None).await?);
    out.extend(term_raises(conn, today).await?);
    Ok(out)
}
