use serde::{Deserialize, Serialize};

/// What a user does in Standort. Permissions follow from the role and the user's organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Administrator,
    AgencyStaff,
    Employer,
    JobCounsellor,
    ClinicBuyer,
    Planner,
    Candidate,
    /// Someone at a regional producer (farm shop, bakery, potter …) who keeps their own
    /// organisation's entries of the regional showcase.
    Producer,
    /// Someone at a partner agency (the city's or the district's business office, the
    /// chamber) who sees and logs approaches of the network's visit log within the scope the
    /// agency agreed with their organisation.
    PartnerAgency,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Administrator,
        Role::AgencyStaff,
        Role::Employer,
        Role::JobCounsellor,
        Role::ClinicBuyer,
        Role::Planner,
        Role::Candidate,
        Role::Producer,
        Role::PartnerAgency,
    ];

    /// The stable name stored in the database and used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::AgencyStaff => "agency_staff",
            Role::Employer => "employer",
            Role::JobCounsellor => "job_counsellor",
            Role::ClinicBuyer => "clinic_buyer",
            Role::Planner => "planner",
            Role::Candidate => "candidate",
            Role::Producer => "producer",
            Role::PartnerAgency => "partner_agency",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Roles whose view is limited to their own organisation's records (and what was shared
    /// with it). Agency roles work across organisations.
    pub fn is_org_scoped(self) -> bool {
        matches!(
            self,
            Role::Employer
                | Role::ClinicBuyer
                | Role::Candidate
                | Role::Producer
                | Role::PartnerAgency
        )
    }
}

/// The kind of an organisation; decides which modules it takes part in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// The economic-development agency that runs the installation.
    Agency,
    InvestmentAgency,
    Clinic,
    TransportCompany,
    Employer,
    LanguageSchool,
    RecruitingPartner,
    Supplier,
    Municipality,
    /// A company of the partner network (approached, visited, met at a fair).
    Company,
    Investor,
    PublicBody,
    Chamber,
    University,
    /// A regional producer of food or craft shown in the regional showcase.
    Producer,
    Other,
}

impl OrgKind {
    pub const ALL: [OrgKind; 16] = [
        OrgKind::Agency,
        OrgKind::InvestmentAgency,
        OrgKind::Clinic,
        OrgKind::TransportCompany,
        OrgKind::Employer,
        OrgKind::LanguageSchool,
        OrgKind::RecruitingPartner,
        OrgKind::Supplier,
        OrgKind::Municipality,
        OrgKind::Company,
        OrgKind::Investor,
        OrgKind::PublicBody,
        OrgKind::Chamber,
        OrgKind::University,
        OrgKind::Producer,
        OrgKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Agency => "agency",
            OrgKind::InvestmentAgency => "investment_agency",
            OrgKind::Clinic => "clinic",
            OrgKind::TransportCompany => "transport_company",
            OrgKind::Employer => "employer",
            OrgKind::LanguageSchool => "language_school",
            OrgKind::RecruitingPartner => "recruiting_partner",
            OrgKind::Supplier => "supplier",
            OrgKind::Municipality => "municipality",
            OrgKind::Company => "company",
            OrgKind::Investor => "investor",
            OrgKind::PublicBody => "public_body",
            OrgKind::Chamber => "chamber",
            OrgKind::University => "university",
            OrgKind::Producer => "producer",
            OrgKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<OrgKind> {
        OrgKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn org_kind_names_round_trip() {
        for k in OrgKind::ALL {
            assert_eq!(OrgKind::parse(k.as_str()), Some(k));
        }
    }
}
