//! The API's wire types. Kept apart from store types so the storage layer does not depend on
//! the OpenAPI generator and the wire format stays stable when tables change.

use serde::{Deserialize, Serialize};
use standort_app::{PageRequest, Paged};
use standort_store::audit::AuditEntry;
use standort_store::orgs::Organisation;
use standort_store::users::User;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Serialize, ToSchema)]
pub struct HealthDto {
    pub status: String,
    pub version: String,
    /// `sqlite` or `postgres`.
    pub database: String,
    pub migrations_applied: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i64>,
}

impl ListParams {
    pub fn page(&self) -> Result<PageRequest, crate::error::ApiError> {
        super::page(self.limit, self.offset)
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserListParams {
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i64>,
    /// Only accounts of this organisation.
    pub org_id: Option<i64>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Only entries by this user id.
    pub actor: Option<i64>,
    /// e.g. create, update, read, login, login_failed.
    pub action: Option<String>,
    /// e.g. user, organisation, api_token.
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    /// Unix seconds, inclusive.
    pub from: Option<i64>,
    /// Unix seconds, inclusive.
    pub to: Option<i64>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserDto {
    pub id: i64,
    pub org_id: i64,
    pub email: String,
    pub display_name: String,
    /// administrator, agency_staff, employer, job_counsellor, clinic_buyer, planner, candidate
    pub role: String,
    /// de, en or vi
    pub language: String,
    pub disabled: bool,
    pub created_at: i64,
}

impl From<&User> for UserDto {
    fn from(u: &User) -> Self {
        UserDto {
            id: u.id.0,
            org_id: u.org_id.0,
            email: u.email.clone(),
            display_name: u.display_name.clone(),
            role: u.role.as_str().into(),
            language: u.language.code().into(),
            disabled: u.disabled,
            created_at: u.created_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewUserDto {
    #[schema(schema_with = crate::api::schema::email)]
    pub email: String,
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub display_name: String,
    #[schema(schema_with = crate::api::schema::role)]
    pub role: String,
    pub org_id: i64,
    #[schema(schema_with = crate::api::schema::optional_ui_language)]
    pub language: Option<String>,
    /// At least 10 characters.
    #[schema(min_length = 10, max_length = 256)]
    pub password: String,
}

impl From<NewUserDto> for standort_app::accounts::NewUserInput {
    fn from(d: NewUserDto) -> Self {
        standort_app::accounts::NewUserInput {
            email: d.email,
            display_name: d.display_name,
            role: d.role,
            org_id: d.org_id,
            language: d.language,
            password: d.password,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationDto {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub country: String,
    pub created_at: i64,
    /// NACE Rev. 2 / WZ 2008 code.
    pub sector: Option<String>,
    /// `biotech_health`, `digital_economy`, `greentech`.
    pub clusters: Vec<String>,
    pub employees: Option<i64>,
    pub website: Option<String>,
    pub address: Option<String>,
}

impl From<&Organisation> for OrganisationDto {
    fn from(o: &Organisation) -> Self {
        OrganisationDto {
            id: o.id.0,
            name: o.name.clone(),
            kind: o.kind.as_str().into(),
            country: o.country.clone(),
            created_at: o.created_at,
            sector: o.profile.sector.clone(),
            clusters: o.profile.clusters.clone(),
            employees: o.profile.employees,
            website: o.profile.website.clone(),
            address: o.profile.address.clone(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewOrganisationDto {
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub name: String,
    /// agency, investment_agency, clinic, transport_company, employer, language_school,
    /// recruiting_partner, supplier, municipality, company, investor, public_body, chamber,
    /// university, other
    #[schema(schema_with = crate::api::schema::org_kind)]
    pub kind: String,
    /// ISO 3166-1 alpha-2, default DE.
    #[schema(schema_with = crate::api::schema::org_country)]
    pub country: Option<String>,
}

impl From<NewOrganisationDto> for standort_app::organisations::NewOrganisationInput {
    fn from(d: NewOrganisationDto) -> Self {
        standort_app::organisations::NewOrganisationInput {
            name: d.name,
            kind: d.kind,
            country: d.country,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryDto {
    pub id: i64,
    pub at: i64,
    pub actor_user_id: Option<i64>,
    pub actor_label: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub org_id: Option<i64>,
    /// The changed fields before the change (their names only for free text).
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    /// The changed fields after the change.
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
    pub client_ip: Option<String>,
}

impl From<AuditEntry> for AuditEntryDto {
    fn from(e: AuditEntry) -> Self {
        AuditEntryDto {
            id: e.id,
            at: e.at,
            actor_user_id: e.actor_user_id,
            actor_label: e.actor_label,
            action: e.action,
            entity: e.entity,
            entity_id: e.entity_id,
            org_id: e.org_id,
            before: e.before,
            after: e.after,
            client_ip: e.client_ip,
        }
    }
}

/// Declares a concrete page type for the OpenAPI document.
macro_rules! page_type {
    ($name:ident, $item:ty, $source:ty, $convert:expr) => {
        #[derive(Debug, Serialize, ToSchema)]
        pub struct $name {
            pub items: Vec<$item>,
            /// Rows matching in total.
            pub total: i64,
            pub limit: i64,
            pub offset: i64,
        }

        impl From<Paged<$source>> for $name {
            fn from(p: Paged<$source>) -> Self {
                $name {
                    items: p.items.into_iter().map($convert).collect(),
                    total: p.total,
                    limit: p.limit,
                    offset: p.offset,
                }
            }
        }
    };
}

page_type!(UserPage, UserDto, User, |u: User| UserDto::from(&u));
page_type!(
    OrganisationPage,
    OrganisationDto,
    Organisation,
    |o: Organisation| OrganisationDto::from(&o)
);
/// A page of the audit log.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditEntryDto>,
    /// Entries matching, counted only up to 10,000 or to the end of the requested page,
    /// whichever is more (the log grows with every audited read; a count of every entry costs
    /// work per entry): a total one above that bound means "more than the bound".
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

impl From<Paged<AuditEntry>> for AuditPage {
    fn from(p: Paged<AuditEntry>) -> Self {
        AuditPage {
            items: p.items.into_iter().map(AuditEntryDto::from).collect(),
            total: p.total,
            limit: p.limit,
            offset: p.offset,
        }
    }
}
