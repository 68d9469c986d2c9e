//! Who may do what — the one place permissions are decided.
//!
//! Agency roles (administrator, agency staff, job counsellor, planner) work across
//! organisations; employers, clinic buyers and candidates see only their own organisation's
//! records (and, once modules add sharing, what was shared with it). Records outside the
//! actor's scope are reported as "not found", so their existence does not leak.

use standort_domain::{OrgId, Role, UserId};
use standort_store::audit::NewAuditEntry;
use standort_store::users::User;

use crate::AppError;

/// The person acting, as established by a session or an API token.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: User,
    /// The client address, recorded in the audit log.
    pub client_ip: Option<String>,
}

impl Actor {
    pub fn id(&self) -> UserId {
        self.user.id
    }
    pub fn role(&self) -> Role {
        self.user.role
    }

    /// An audit entry for something this actor did to a record.
    pub fn audit(
        &self,
        action: &str,
        entity: &str,
        id: impl ToString,
        org: Option<OrgId>,
    ) -> NewAuditEntry {
        NewAuditEntry {
            actor: Some(self.id()),
            actor_label: self.user.email.clone(),
            action: action.into(),
            entity: entity.into(),
            entity_id: id.to_string(),
            org_id: org,
            client_ip: self.client_ip.clone(),
            ..Default::default()
        }
    }
}

/// Everything a use case can ask permission for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Create, disable and reset user accounts; create organisations.
    ManageAccounts,
    /// Browse the audit log.
    ReadAuditLog,
    /// List and open organisations (within scope).
    ReadOrganisations,
    /// List and open user accounts (within scope).
    ReadUsers,
    /// Manage one's own API tokens and preferences.
    ManageOwnAccount,
    /// See regions, population projections, indicators and capacity gaps.
    ReadDemography,
    /// Import demography data, enter capacities, run projections.
    ManageDemography,
}

/// Which organisations' records an actor may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    Org(OrgId),
}

impl Scope {
    /// The organisation filter to pass to list queries.
    pub fn only(self) -> Option<OrgId> {
        match self {
            Scope::All => None,
            Scope::Org(o) => Some(o),
        }
    }

    pub fn includes(self, org: OrgId) -> bool {
        match self {
            Scope::All => true,
            Scope::Org(o) => o == org,
        }
    }
}

/// Whether the role holds the permission at all.
pub fn allows(role: Role, permission: Permission) -> bool {
    use Permission::*;
    use Role::*;
    match permission {
        ManageAccounts | ReadAuditLog => role == Administrator,
        ReadOrganisations => role != Candidate,
        ReadUsers => matches!(role, Administrator | AgencyStaff | Employer | ClinicBuyer),
        ManageOwnAccount => true,
        ReadDemography => matches!(role, Administrator | AgencyStaff | Planner),
        ManageDemography => matches!(role, Administrator | Planner),
    }
}

/// Refuses with `Forbidden` unless the actor's role holds the permission.
pub fn require(actor: &Actor, permission: Permission) -> Result<Scope, AppError> {
    if !allows(actor.role(), permission) {
        return Err(AppError::Forbidden);
    }
    Ok(scope(actor))
}

pub fn scope(actor: &Actor) -> Scope {
    if actor.role().is_org_scoped() {
        Scope::Org(actor.user.org_id)
    } else {
        Scope::All
    }
}

/// Refuses with `NotFound` when a record of `org` lies outside the scope.
pub fn require_in_scope(scope: Scope, org: OrgId) -> Result<(), AppError> {
    if scope.includes(org) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_administrators_manage_accounts_and_read_the_log() {
        for role in Role::ALL {
            assert_eq!(
                allows(role, Permission::ManageAccounts),
                role == Role::Administrator
            );
            assert_eq!(
                allows(role, Permission::ReadAuditLog),
                role == Role::Administrator
            );
            assert!(allows(role, Permission::ManageOwnAccount));
        }
        assert!(!allows(Role::Candidate, Permission::ReadOrganisations));
    }

    #[test]
    fn planners_and_administrators_manage_demography_staff_read_it() {
        for role in Role::ALL {
            let manage = matches!(role, Role::Planner | Role::Administrator);
            assert_eq!(allows(role, Permission::ManageDemography), manage, "{role:?}");
            assert_eq!(
                allows(role, Permission::ReadDemography),
                manage || role == Role::AgencyStaff,
                "{role:?}"
            );
        }
    }

    #[test]
    fn scope_hides_other_organisations() {
        assert!(require_in_scope(Scope::Org(OrgId(1)), OrgId(2)).is_err());
        assert!(require_in_scope(Scope::Org(OrgId(1)), OrgId(1)).is_ok());
        assert!(require_in_scope(Scope::All, OrgId(2)).is_ok());
    }
}
