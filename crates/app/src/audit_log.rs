//! Browsing the audit log (administrators only). There is deliberately no use case that
//! changes or deletes entries.

use standort_store::audit::{AuditEntry, AuditFilter};
use standort_store::{PageRequest, Paged, audit};

use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

impl App {
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
