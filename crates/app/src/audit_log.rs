//! Browsing the audit log (administrators only). There is deliberately no use case that
//! changes or deletes entries.

use standort_store::audit::{AuditEntry, AuditFilter, NewAuditEntry};
use standort_store::{PageRequest, Paged, audit};

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
}

/// The audit log's dashboard card, for those who may read it.
pub(crate) fn dashboard(actor: &Actor, board: &mut crate::dashboard::Board) {
    if actor.role() == standort_domain::Role::Administrator {
        board.card("card-audit", None, "card-audit-hint", Some("/admin/audit"));
    }
}
