//! Browsing the audit log (administrators only). There is deliberately no use case that
//! changes or deletes entries.

use standort_domain::{Role, UserId};
use standort_store::audit::{AuditEntry, AuditFilter, NewAuditEntry};
use standort_store::users::{self, User, UserFilter};
use standort_store::{PageRequest, Paged, StoreError, audit};

use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

impl App {
    /// Appends the audit entry of a read (an audited read of personal data) in a write
    /// transaction of its own, after the read: a SQLite transaction that read first could not
    /// wait for the write lock. Callers return what was read only after this succeeded, so no
    /// unaudited read leaves. They must not hold a pooled connection while calling it (see
    /// `Db::begin_write`).
    pub(crate) async fn audit_read(&self, entry: NewAuditEntry, now: i64) -> Result<(), AppError> {
        Ok(self.db.append_audit(entry, now).await?)
    }

    pub async fn browse_audit_log(
        &self,
        actor: &Actor,
        filter: &AuditFilter,
        page: PageRequest,
    ) -> Result<Paged<AuditEntry>, AppError> {
        policy::require(actor, Permission::ReadAuditLog)?;
        let mut conn = self.db.conn().await?;
        Ok(audit::list(&mut conn, filter, page).await?)
    }

    /// The people the audit log's person filter offers: without `search` the staff
    /// (administrators, agency staff, job counsellors: those who do most of what the log
    /// records), with it the accounts whose name or e-mail address holds its words — a bounded
    /// list either way, however many accounts there are. `selected` is always among them while
    /// its account exists, so the filter shows whom it filters by.
    pub async fn audit_people(
        &self,
        actor: &Actor,
        search: Option<&str>,
        selected: Option<UserId>,
    ) -> Result<Vec<User>, AppError> {
        policy::require(actor, Permission::ReadAuditLog)?;
        let mut conn = self.db.conn().await?;
        let page = PageRequest::new(Some(AUDIT_PEOPLE), None);
        let mut people = Vec::new();
        match search.map(str::trim).filter(|s| !s.is_empty()) {
            Some(text) => {
                let filter = UserFilter {
                    text: Some(text.to_owned()),
                    ..Default::default()
                };
                people = users::list_filtered(&mut conn, &filter, page).await?.items;
            }
            None => {
                for role in [Role::Administrator, Role::AgencyStaff, Role::JobCounsellor] {
                    let filter = UserFilter {
                        role: Some(role),
                        ..Default::default()
                    };
                    people.extend(users::list_filtered(&mut conn, &filter, page).await?.items);
                }
            }
        }
        if let Some(id) = selected
            && !people.iter().any(|u| u.id == id)
        {
            match users::get(&mut conn, id).await {
                Ok(user) => people.insert(0, user),
                // An account that is gone (an erased candidate's) is filtered by its id alone.
                Err(StoreError::NotFound) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(people)
    }
}

/// At most this many people per group in the audit log's person filter (others are found by
/// its search). Each person is a row read on every view of the log: 300 (100 per role, the
/// ×100 data) made the page four times slower (BENCHMARKS.md, twelfth session).
pub const AUDIT_PEOPLE: i64 = 25;

/// The audit log's dashboard card, for those who may read it.
pub(crate) fn dashboard(actor: &Actor, board: &mut crate::dashboard::Board) {
    if actor.role() == standort_domain::Role::Administrator {
        board.card("card-audit", None, "card-audit-hint", Some("/admin/audit"));
    }
}
