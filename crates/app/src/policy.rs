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
            actor_label: audit_label(&self.user),
            action: action.into(),
            entity: entity.into(),
            entity_id: id.to_string(),
            org_id: org,
            client_ip: audit_ip(&self.user, self.client_ip.as_deref()),
            ..Default::default()
        }
    }
}

/// How a user is named in the audit log. Candidates are personal-data subjects whose records
/// can be erased while the log is append-only, so they are named by account id, never by
/// e-mail; staff and partners by e-mail (accountability).
pub fn audit_label(user: &User) -> String {
    if user.role == Role::Candidate {
        format!("candidate-account:{}", user.id.0)
    } else {
        user.email.clone()
    }
}

/// The client address for an audit entry: kept for staff and partners (security), never for
/// candidates (an address is personal data the append-only log could not erase).
pub fn audit_ip(user: &User, ip: Option<&str>) -> Option<String> {
    (user.role != Role::Candidate)
        .then(|| ip.map(str::to_owned))
        .flatten()
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
    /// Search ESCO occupations and skills.
    SearchEsco,
    /// Add and remove local labels of ESCO concepts (everyday names such as "Pflegefachkraft"):
    /// the roles that already manage recruitment (agency staff, job counsellors).
    ManageEscoLabels,
    /// Create, read and change every candidate profile (agency staff, job counsellors).
    ManageCandidates,
    /// Read the profiles of candidates who consented to be shown to employers.
    ReadSharedCandidates,
    /// Act on the candidates one may see (employers): keep them on the organisation's
    /// shortlist, ask the agency for an introduction (per record: [`candidate_access`]).
    ActOnSharedCandidates,
    /// See employers' introduction requests and answer them (agency staff).
    AnswerIntroductions,
    /// Read and change one's own candidate profile.
    ManageOwnProfile,
    /// Create and change positions (employers: their organisation's only).
    ManagePositions,
    /// List and open positions (employers: their organisation's only).
    ReadPositions,
    /// Create placements and record steps on their tracks (counsellors: their caseload's).
    ManagePlacements,
    /// Open placements (per record: see [`placement_access`]).
    ReadPlacements,
    /// Create programmes (cohorts).
    ManageProgrammes,
    /// See programme boards.
    ReadProgrammes,
    /// Carry out erasure (GDPR Art. 17) of candidate records and decide erasure requests.
    EraseCandidates,
    /// See pooled procurement: stock, days of supply, pooled orders, allocations (clinic
    /// buyers: their own clinic's; per record see [`clinic_access`]).
    ReadProcurement,
    /// Record a clinic's stock movements, counts and census, and its lines of a pooled order
    /// (clinic buyers, for their own clinic only).
    ManageClinicStock,
    /// Coordinate the pooled channel: catalogue, pooled orders, allocations of short
    /// shipments and donations (agency staff).
    CoordinateProcurement,
    /// Change the network facts of organisations in the registry (sector, clusters, further
    /// names, links).
    ManageOrganisations,
    /// Open the partner network: visit log, trips, agreements, fairs, projects.
    ReadNetwork,
    /// Record approaches, plan trips, register agreements, fairs, leads and projects.
    ManageNetwork,
    /// Contacts (people at organisations): personal data, every read audited.
    ManageNetworkContacts,
    /// The agreements one's own organisation is a party to (clinics, employers); others are 404.
    ReadOwnAgreements,
    /// The yearly figures of the network.
    ReadNetworkFigures,
    /// The visit log within the scope agreed with one's own organisation: see and log
    /// approaches of the companies in it (partner agencies; per record see
    /// [`visit_log_access`] and [`require_in_partner_scope`]).
    ReadSharedVisitLog,
    /// Decide what the visit log shares with each partner agency (agency staff).
    ManagePartnerScopes,
    /// Keep one's own organisation's entry of the regional showcase (producers): texts, hours,
    /// products — as drafts, published after review unless the producer is trusted.
    EditOwnShowcaseEntry,
    /// Review and publish producers' drafts, create entries, trust producers (agency staff).
    ReviewShowcase,
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
        SearchEsco => true,
        ManageEscoLabels => matches!(role, AgencyStaff | JobCounsellor),
        ManageCandidates => matches!(role, AgencyStaff | JobCounsellor),
        ReadSharedCandidates => role == Employer,
        ActOnSharedCandidates => role == Employer,
        AnswerIntroductions => role == AgencyStaff,
        ManageOwnProfile => role == Candidate,
        ManagePositions => matches!(role, AgencyStaff | Employer),
        ReadPositions => matches!(role, AgencyStaff | JobCounsellor | Employer),
        ManagePlacements => matches!(role, AgencyStaff | JobCounsellor),
        ReadPlacements => matches!(role, AgencyStaff | JobCounsellor | Employer | Candidate),
        ManageProgrammes => role == AgencyStaff,
        ReadProgrammes => matches!(role, AgencyStaff | JobCounsellor),
        EraseCandidates => role == AgencyStaff,
        ReadProcurement => matches!(role, AgencyStaff | ClinicBuyer),
        ManageClinicStock => role == ClinicBuyer,
        CoordinateProcurement => role == AgencyStaff,
        ManageOrganisations => matches!(role, Administrator | AgencyStaff),
        ReadNetwork => matches!(role, Administrator | AgencyStaff),
        ManageNetwork | ManageNetworkContacts => role == AgencyStaff,
        ReadOwnAgreements => matches!(role, Employer | ClinicBuyer),
        ReadNetworkFigures => matches!(role, Administrator | AgencyStaff | Planner),
        ReadSharedVisitLog => role == PartnerAgency,
        ManagePartnerScopes => role == AgencyStaff,
        EditOwnShowcaseEntry => role == Producer,
        ReviewShowcase => role == AgencyStaff,
    }
}

/// How much of a candidate profile an actor may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateAccess {
    /// Agency staff and counsellors: everything, and they may change it.
    Manage,
    /// The candidate themself.
    Own,
    /// An employer, for a candidate who consented to be shown: no contact details.
    Shared,
}

/// Decides access to one candidate record (`owner`: the candidate's login; `shared`: consent
/// to be shown to employers). Anything else is `NotFound`, so the record's existence does not
/// leak.
pub fn candidate_access(
    actor: &Actor,
    owner: Option<UserId>,
    shared: bool,
) -> Result<CandidateAccess, AppError> {
    let role = actor.role();
    if allows(role, Permission::ManageCandidates) {
        Ok(CandidateAccess::Manage)
    } else if allows(role, Permission::ManageOwnProfile) && owner == Some(actor.id()) {
        Ok(CandidateAccess::Own)
    } else if allows(role, Permission::ReadSharedCandidates) && shared {
        Ok(CandidateAccess::Shared)
    } else {
        Err(AppError::NotFound)
    }
}

/// How much of a placement (recruitment tracks) an actor may see and do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacementAccess {
    /// Agency staff; a counsellor for their caseload: read and record steps.
    Manage,
    /// A counsellor, for a candidate outside their caseload: read only.
    Read,
    /// An employer, for a placement at its own position of a candidate who consented to be
    /// shown to employers: read only, no costs.
    Employer,
    /// The candidate themself: read only.
    Own,
}

/// Facts about one placement that decide access.
#[derive(Debug, Clone, Copy)]
pub struct PlacementFacts {
    pub candidate_user: Option<UserId>,
    pub counsellor: Option<UserId>,
    pub position_org: OrgId,
    pub shared: bool,
}

/// Decides access to one placement; anything else is `NotFound`.
pub fn placement_access(actor: &Actor, f: PlacementFacts) -> Result<PlacementAccess, AppError> {
    match actor.role() {
        Role::AgencyStaff => Ok(PlacementAccess::Manage),
        Role::JobCounsellor if f.counsellor == Some(actor.id()) => Ok(PlacementAccess::Manage),
        Role::JobCounsellor => Ok(PlacementAccess::Read),
        Role::Employer if f.position_org == actor.user.org_id && f.shared => {
            Ok(PlacementAccess::Employer)
        }
        Role::Candidate if f.candidate_user == Some(actor.id()) => Ok(PlacementAccess::Own),
        _ => Err(AppError::NotFound),
    }
}

/// How much of one clinic's procurement records (stock, consumption, its order lines, its
/// shares) an actor may see and do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClinicAccess {
    /// The clinic's own buyer: read and record.
    Manage,
    /// Agency staff: read every clinic's, record none.
    Read,
}

/// Decides access to one clinic's procurement records; anything else is `NotFound`.
pub fn clinic_access(actor: &Actor, clinic: OrgId) -> Result<ClinicAccess, AppError> {
    match actor.role() {
        Role::ClinicBuyer if actor.user.org_id == clinic => Ok(ClinicAccess::Manage),
        Role::AgencyStaff => Ok(ClinicAccess::Read),
        _ => Err(AppError::NotFound),
    }
}

/// How much of one showcase entry an actor may see and change. The published catalogue is
/// public (no actor at all); this decides the editing side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowcaseAccess {
    /// The producer's own people: propose versions of their own entry.
    Own,
    /// Agency staff: every entry; review, publish, trust.
    Review,
}

/// Decides access to the editing side of one producer's entry; anything else is `NotFound`.
pub fn showcase_access(actor: &Actor, producer_org: OrgId) -> Result<ShowcaseAccess, AppError> {
    match actor.role() {
        Role::Producer if actor.user.org_id == producer_org => Ok(ShowcaseAccess::Own),
        Role::AgencyStaff => Ok(ShowcaseAccess::Review),
        _ => Err(AppError::NotFound),
    }
}

/// How much of the network's visit log an actor sees and records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitLogAccess {
    /// Agency staff: every approach; they record.
    Record,
    /// Administrators: every approach, read only.
    Read,
    /// A partner agency's people: the approaches of the companies in the scope agreed with
    /// their organisation (this one), all agencies' approaches of those; they record within it,
    /// as their organisation. Every other company and approach answers 404.
    Partner(OrgId),
}

/// Decides access to the visit log; other roles are refused as by [`require`].
pub fn visit_log_access(actor: &Actor) -> Result<VisitLogAccess, AppError> {
    let role = actor.role();
    if allows(role, Permission::ManageNetwork) {
        Ok(VisitLogAccess::Record)
    } else if allows(role, Permission::ReadNetwork) {
        Ok(VisitLogAccess::Read)
    } else if allows(role, Permission::ReadSharedVisitLog) {
        Ok(VisitLogAccess::Partner(actor.user.org_id))
    } else {
        require(actor, Permission::ReadNetwork).map(|_| VisitLogAccess::Read)
    }
}

/// Refuses with `NotFound` a company outside a partner's scope (its id, sector code and
/// clusters), so its existence and its approaches do not leak.
pub fn require_in_partner_scope<S: AsRef<str>>(
    scope: &standort_domain::network::PartnerScope,
    org: OrgId,
    sector: Option<&str>,
    clusters: impl IntoIterator<Item = S>,
) -> Result<(), AppError> {
    if scope.covers(org, sector, clusters) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Refuses with `NotFound` unless the actor's role holds the permission. A role without a
/// feature learns nothing about it, not even that a record of that id exists: the answer is
/// the same as for an id nobody has (404, not 403). `Forbidden` is kept for a record the
/// actor may see but not change (a shared candidate, another clinic's stock read by staff).
pub fn require(actor: &Actor, permission: Permission) -> Result<Scope, AppError> {
    if !allows(actor.role(), permission) {
        return Err(AppError::NotFound);
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
            assert_eq!(
                allows(role, Permission::ManageDemography),
                manage,
                "{role:?}"
            );
            assert_eq!(
                allows(role, Permission::ReadDemography),
                manage || role == Role::AgencyStaff,
                "{role:?}"
            );
        }
    }

    fn actor(role: Role, id: i64) -> Actor {
        Actor {
            user: User {
                id: UserId(id),
                org_id: OrgId(1),
                email: "x@example.org".into(),
                display_name: "X".into(),
                role,
                language: standort_domain::Language::De,
                disabled: false,
                created_at: 0,
            },
            client_ip: None,
        }
    }

    #[test]
    fn recruitment_permissions_follow_roles() {
        use Permission::*;
        for role in Role::ALL {
            assert!(allows(role, SearchEsco));
            assert_eq!(
                allows(role, ManageCandidates),
                matches!(role, Role::AgencyStaff | Role::JobCounsellor)
            );
            assert_eq!(allows(role, ReadSharedCandidates), role == Role::Employer);
            assert_eq!(allows(role, ActOnSharedCandidates), role == Role::Employer);
            assert_eq!(allows(role, AnswerIntroductions), role == Role::AgencyStaff);
            assert_eq!(allows(role, ManageOwnProfile), role == Role::Candidate);
            assert_eq!(
                allows(role, ManagePositions),
                matches!(role, Role::AgencyStaff | Role::Employer)
            );
        }
        assert!(!allows(Role::Candidate, ReadPositions));
        assert!(!allows(Role::Planner, ReadPositions));
    }

    #[test]
    fn candidate_records_are_seen_by_staff_owner_and_consented_employers_only() {
        let owner = Some(UserId(7));
        for role in [Role::AgencyStaff, Role::JobCounsellor] {
            assert_eq!(
                candidate_access(&actor(role, 1), None, false).unwrap(),
                CandidateAccess::Manage
            );
        }
        assert_eq!(
            candidate_access(&actor(Role::Candidate, 7), owner, false).unwrap(),
            CandidateAccess::Own
        );
        assert!(matches!(
            candidate_access(&actor(Role::Candidate, 8), owner, true),
            Err(AppError::NotFound)
        ));
        assert_eq!(
            candidate_access(&actor(Role::Employer, 2), owner, true).unwrap(),
            CandidateAccess::Shared
        );
        assert!(matches!(
            candidate_access(&actor(Role::Employer, 2), owner, false),
            Err(AppError::NotFound)
        ));
        for role in [Role::Administrator, Role::Planner, Role::ClinicBuyer] {
            assert!(matches!(
                candidate_access(&actor(role, 3), owner, true),
                Err(AppError::NotFound)
            ));
        }
    }

    #[test]
    fn placements_are_seen_by_staff_caseload_own_employer_and_candidate_only() {
        let facts = |org: i64, shared: bool| PlacementFacts {
            candidate_user: Some(UserId(7)),
            counsellor: Some(UserId(5)),
            position_org: OrgId(org),
            shared,
        };
        let a = |role, id| placement_access(&actor(role, id), facts(1, true));
        assert_eq!(a(Role::AgencyStaff, 1).unwrap(), PlacementAccess::Manage);
        assert_eq!(a(Role::JobCounsellor, 5).unwrap(), PlacementAccess::Manage);
        assert_eq!(a(Role::JobCounsellor, 6).unwrap(), PlacementAccess::Read);
        assert_eq!(a(Role::Employer, 2).unwrap(), PlacementAccess::Employer);
        assert_eq!(a(Role::Candidate, 7).unwrap(), PlacementAccess::Own);
        assert!(a(Role::Candidate, 8).is_err());
        // Employers: own organisation's positions and consenting candidates only.
        assert!(placement_access(&actor(Role::Employer, 2), facts(2, true)).is_err());
        assert!(placement_access(&actor(Role::Employer, 2), facts(1, false)).is_err());
        for role in [Role::Administrator, Role::Planner, Role::ClinicBuyer] {
            assert!(matches!(a(role, 3), Err(AppError::NotFound)));
        }
    }

    #[test]
    fn clinic_buyers_see_their_own_clinic_staff_see_all_and_coordinate() {
        let buyer = actor(Role::ClinicBuyer, 3);
        assert_eq!(
            clinic_access(&buyer, OrgId(1)).unwrap(),
            ClinicAccess::Manage
        );
        assert!(matches!(
            clinic_access(&buyer, OrgId(2)),
            Err(AppError::NotFound)
        ));
        assert_eq!(
            clinic_access(&actor(Role::AgencyStaff, 1), OrgId(2)).unwrap(),
            ClinicAccess::Read
        );
        for role in Role::ALL {
            let staff_or_buyer = matches!(role, Role::AgencyStaff | Role::ClinicBuyer);
            if !staff_or_buyer {
                assert!(
                    clinic_access(&actor(role, 4), OrgId(1)).is_err(),
                    "{role:?}"
                );
            }
            assert_eq!(allows(role, Permission::ReadProcurement), staff_or_buyer);
            assert_eq!(
                allows(role, Permission::CoordinateProcurement),
                role == Role::AgencyStaff
            );
            assert_eq!(
                allows(role, Permission::ManageClinicStock),
                role == Role::ClinicBuyer
            );
        }
    }

    #[test]
    fn network_is_edited_by_staff_and_seen_in_part_by_others() {
        use Permission::*;
        for role in Role::ALL {
            assert_eq!(allows(role, ManageNetwork), role == Role::AgencyStaff);
            assert_eq!(
                allows(role, ManageNetworkContacts),
                role == Role::AgencyStaff
            );
            assert_eq!(
                allows(role, ReadOwnAgreements),
                matches!(role, Role::Employer | Role::ClinicBuyer)
            );
            assert!(!allows(role, ReadNetwork) || !role.is_org_scoped());
        }
        assert!(allows(Role::Planner, ReadNetworkFigures));
        assert!(!allows(Role::Candidate, ReadNetworkFigures));
    }

    #[test]
    fn partner_agencies_see_the_shared_visit_log_only_and_everything_else_is_not_found() {
        use standort_domain::network::{Cluster, PartnerScope};
        let partner = actor(Role::PartnerAgency, 9);
        assert_eq!(
            visit_log_access(&partner).unwrap(),
            VisitLogAccess::Partner(OrgId(1))
        );
        assert_eq!(
            visit_log_access(&actor(Role::AgencyStaff, 1)).unwrap(),
            VisitLogAccess::Record
        );
        assert_eq!(
            visit_log_access(&actor(Role::Administrator, 1)).unwrap(),
            VisitLogAccess::Read
        );
        assert!(matches!(
            visit_log_access(&actor(Role::Planner, 2)),
            Err(AppError::NotFound)
        ));
        for p in [
            Permission::ReadNetwork,
            Permission::ManageNetwork,
            Permission::ManageNetworkContacts,
            Permission::ReadOwnAgreements,
            Permission::ReadNetworkFigures,
            Permission::ManagePartnerScopes,
        ] {
            assert!(
                matches!(require(&partner, p), Err(AppError::NotFound)),
                "{p:?}"
            );
        }
        for role in Role::ALL {
            assert_eq!(
                allows(role, Permission::ReadSharedVisitLog),
                role == Role::PartnerAgency
            );
            assert_eq!(
                allows(role, Permission::ManagePartnerScopes),
                role == Role::AgencyStaff
            );
        }
        let scope = PartnerScope {
            clusters: vec![Cluster::Greentech],
            ..PartnerScope::default()
        };
        assert!(require_in_partner_scope(&scope, OrgId(3), None, ["greentech"]).is_ok());
        assert!(matches!(
            require_in_partner_scope(&scope, OrgId(3), Some("62.01"), ["digital_economy"]),
            Err(AppError::NotFound)
        ));
    }

    #[test]
    fn scope_hides_other_organisations() {
        assert!(require_in_scope(Scope::Org(OrgId(1)), OrgId(2)).is_err());
        assert!(require_in_scope(Scope::Org(OrgId(1)), OrgId(1)).is_ok());
        assert!(require_in_scope(Scope::All, OrgId(2)).is_ok());
    }
}
