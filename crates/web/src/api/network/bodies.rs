//! The request bodies of `/api/v1/network`: typed, with every rule JSON Schema can state
//! declared (lengths, choices, dates, ranges), read into the use cases' form inputs — the
//! pages and the API share one parser. What the schema cannot state (a referenced record that
//! exists, an end after its start) the use case answers with 422.

use serde::Deserialize;
use standort_app::network::{
    AffiliationInput, AgreementInput, ApproachInput, ContactInput, FairInput, ItemInput, LeadInput,
    ObligationInput, ParticipantInput, ProjectInput, StageInput, TripInput,
};
use utoipa::ToSchema;

fn text(n: Option<i64>) -> Option<String> {
    n.map(|n| n.to_string())
}

/// A person at an organisation (personal data).
#[derive(Debug, Deserialize, ToSchema)]
pub struct ContactBody {
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub family_name: String,
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub given_names: String,
    #[schema(schema_with = crate::api::schema::optional_email)]
    pub email: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_phone)]
    pub phone: Option<String>,
    /// Languages the person speaks (ISO 639, `vi`, `de`).
    #[schema(schema_with = crate::api::schema::optional_language_codes)]
    pub languages: Option<Vec<String>>,
    /// Why the data may be kept: `legitimate_interest` (default) or `consent`.
    #[schema(schema_with = crate::api::schema::optional_legal_basis)]
    pub legal_basis: Option<String>,
    /// The organisation the person works at (must exist).
    pub org_id: Option<i64>,
    #[schema(schema_with = crate::api::schema::optional_line::<200>)]
    pub role_title: Option<String>,
}

impl From<ContactBody> for ContactInput {
    fn from(b: ContactBody) -> Self {
        ContactInput {
            family_name: Some(b.family_name),
            given_names: Some(b.given_names),
            email: b.email,
            phone: b.phone,
            languages: b.languages.map(|l| l.join(",")),
            legal_basis: b.legal_basis,
            org_id: text(b.org_id),
            role_title: b.role_title,
        }
    }
}

/// A direct approach of a company (the visit log).
#[derive(Debug, Deserialize, ToSchema)]
pub struct ApproachBody {
    /// The company approached (must exist).
    pub org_id: i64,
    #[schema(schema_with = crate::api::schema::channel)]
    pub channel: String,
    /// The day of the approach, `YYYY-MM-DD`.
    #[schema(schema_with = crate::api::schema::date)]
    pub on: String,
    #[schema(schema_with = crate::api::schema::required_line::<300>)]
    pub topic: String,
    #[schema(schema_with = crate::api::schema::optional_text::<2000>)]
    pub outcome: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_line::<300>)]
    pub next_step: Option<String>,
    /// When the next step is due: not before the approach.
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub next_due: Option<String>,
    /// Record it although the company was approached within the last 90 days (otherwise 409
    /// `approached-recently`).
    pub confirm: Option<bool>,
}

impl From<ApproachBody> for ApproachInput {
    fn from(b: ApproachBody) -> Self {
        ApproachInput {
            org_id: Some(b.org_id.to_string()),
            channel: Some(b.channel),
            on: Some(b.on),
            topic: Some(b.topic),
            outcome: b.outcome,
            next_step: b.next_step,
            next_due: b.next_due,
            confirm: b.confirm.map(|c| c.to_string()),
        }
    }
}

/// A delegation trip.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TripBody {
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub title: String,
    /// `inbound` (a delegation visits the region) or `outbound`.
    #[schema(schema_with = crate::api::schema::direction)]
    pub direction: String,
    /// The partner country, ISO 3166-1 alpha-2.
    #[schema(schema_with = crate::api::schema::country)]
    pub country: String,
    #[schema(schema_with = crate::api::schema::date)]
    pub start: String,
    /// Not before `start`.
    #[schema(schema_with = crate::api::schema::date)]
    pub end: String,
    #[schema(schema_with = crate::api::schema::optional_text::<2000>)]
    pub notes: Option<String>,
}

impl From<TripBody> for TripInput {
    fn from(b: TripBody) -> Self {
        TripInput {
            title: Some(b.title),
            direction: Some(b.direction),
            country: Some(b.country),
            start: Some(b.start),
            end: Some(b.end),
            notes: b.notes,
        }
    }
}

/// A visit or meeting of a trip's itinerary.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TripItemBody {
    /// A day within the trip.
    #[schema(schema_with = crate::api::schema::date)]
    pub day: String,
    #[schema(schema_with = crate::api::schema::optional_time)]
    pub time: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_line::<200>)]
    pub place: Option<String>,
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub title: String,
    /// The organisation visited (must exist).
    pub org_id: Option<i64>,
    #[schema(schema_with = crate::api::schema::optional_text::<2000>)]
    pub outcome: Option<String>,
}

impl From<TripItemBody> for ItemInput {
    fn from(b: TripItemBody) -> Self {
        ItemInput {
            day: Some(b.day),
            time: b.time,
            place: b.place,
            title: Some(b.title),
            org_id: text(b.org_id),
            outcome: b.outcome,
        }
    }
}

/// A person taking part in a trip.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ParticipantBody {
    /// A contact of the network (must exist).
    pub contact_id: i64,
    /// The organisation the person travels for (must exist).
    pub org_id: i64,
    #[schema(schema_with = crate::api::schema::participant_role)]
    pub role: String,
    /// The language of the person's itinerary (default `de`).
    #[schema(schema_with = crate::api::schema::optional_ui_language)]
    pub language: Option<String>,
}

impl From<ParticipantBody> for ParticipantInput {
    fn from(b: ParticipantBody) -> Self {
        ParticipantInput {
            contact_id: Some(b.contact_id.to_string()),
            org_id: Some(b.org_id.to_string()),
            role: Some(b.role),
            language: b.language,
        }
    }
}

/// A memorandum of understanding or cooperation agreement.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AgreementBody {
    #[schema(schema_with = crate::api::schema::required_line::<300>)]
    pub title: String,
    #[schema(schema_with = crate::api::schema::agreement_kind)]
    pub kind: String,
    #[schema(schema_with = crate::api::schema::optional_agreement_status)]
    pub status: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub signed_on: Option<String>,
    /// Not before `signed_on`.
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub ends_on: Option<String>,
    /// The trip it was signed on (must exist).
    pub trip_id: Option<i64>,
    /// The organisations that are party to it (each must exist).
    #[schema(schema_with = crate::api::schema::parties)]
    pub parties: Vec<i64>,
}

impl From<AgreementBody> for AgreementInput {
    fn from(b: AgreementBody) -> Self {
        AgreementInput {
            title: Some(b.title),
            kind: Some(b.kind),
            status: b.status,
            signed_on: b.signed_on,
            ends_on: b.ends_on,
            trip_id: text(b.trip_id),
            parties: Some(
                b.parties
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
            ),
        }
    }
}

/// What a party has promised, and by when.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ObligationBody {
    #[schema(schema_with = crate::api::schema::required_line::<500>)]
    pub description: String,
    #[schema(schema_with = crate::api::schema::date)]
    pub due: String,
    /// The user responsible (must exist; default: the caller).
    pub owner: Option<i64>,
}

impl From<ObligationBody> for ObligationInput {
    fn from(b: ObligationBody) -> Self {
        ObligationInput {
            description: Some(b.description),
            due: Some(b.due),
            owner: text(b.owner),
        }
    }
}

/// A trade fair the agency attends.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FairBody {
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub name: String,
    #[schema(schema_with = crate::api::schema::optional_line::<100>)]
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2 (default `DE`).
    #[schema(schema_with = crate::api::schema::org_country)]
    pub country: Option<String>,
    #[schema(schema_with = crate::api::schema::date)]
    pub start: String,
    /// Not before `start`.
    #[schema(schema_with = crate::api::schema::date)]
    pub end: String,
    /// Stand and travel costs in whole euros.
    #[schema(schema_with = crate::api::schema::optional_amount::<100_000_000>)]
    pub cost_eur: Option<i64>,
}

impl From<FairBody> for FairInput {
    fn from(b: FairBody) -> Self {
        FairInput {
            name: Some(b.name),
            city: b.city,
            country: b.country,
            start: Some(b.start),
            end: Some(b.end),
            cost_eur: text(b.cost_eur),
        }
    }
}

/// A company met at a fair.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LeadBody {
    /// The company (must exist).
    pub org_id: i64,
    #[schema(schema_with = crate::api::schema::optional_text::<2000>)]
    pub note: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub follow_up: Option<String>,
}

impl From<LeadBody> for LeadInput {
    fn from(b: LeadBody) -> Self {
        LeadInput {
            org_id: Some(b.org_id.to_string()),
            note: b.note,
            follow_up: b.follow_up,
        }
    }
}

/// An investment project.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ProjectBody {
    #[schema(schema_with = crate::api::schema::required_line::<300>)]
    pub title: String,
    /// The investor (must exist).
    pub investor_org_id: i64,
    #[schema(schema_with = crate::api::schema::optional_cluster)]
    pub cluster: Option<String>,
    #[schema(schema_with = crate::api::schema::project_kind)]
    pub kind: String,
    /// Default `lead`.
    #[schema(schema_with = crate::api::schema::optional_project_stage)]
    pub stage: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_amount::<1_000_000>)]
    pub planned_jobs: Option<i64>,
    #[schema(schema_with = crate::api::schema::optional_amount::<1_000_000_000_000>)]
    pub planned_investment_eur: Option<i64>,
    /// The office that won it (`HCMC`).
    #[schema(schema_with = crate::api::schema::optional_line::<50>)]
    pub office: Option<String>,
}

impl From<ProjectBody> for ProjectInput {
    fn from(b: ProjectBody) -> Self {
        ProjectInput {
            title: Some(b.title),
            investor_org_id: Some(b.investor_org_id.to_string()),
            cluster: b.cluster,
            kind: Some(b.kind),
            stage: b.stage,
            planned_jobs: text(b.planned_jobs),
            planned_investment_eur: text(b.planned_investment_eur),
            office: b.office,
        }
    }
}

/// A project's next stage.
#[derive(Debug, Deserialize, ToSchema)]
pub struct StageBody {
    #[schema(schema_with = crate::api::schema::project_stage)]
    pub stage: String,
    /// Required for `lost` and `on_hold`.
    #[schema(schema_with = crate::api::schema::optional_line::<500>)]
    pub reason: Option<String>,
}

impl From<StageBody> for StageInput {
    fn from(b: StageBody) -> Self {
        StageInput {
            stage: Some(b.stage),
            reason: b.reason,
        }
    }
}

/// A person's position at an organisation over a period.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AffiliationBody {
    /// The organisation (must exist).
    pub org_id: i64,
    #[schema(schema_with = crate::api::schema::optional_line::<200>)]
    pub role_title: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub from: Option<String>,
    /// Not before `from`.
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub until: Option<String>,
}

impl From<AffiliationBody> for AffiliationInput {
    fn from(b: AffiliationBody) -> Self {
        AffiliationInput {
            org_id: Some(b.org_id.to_string()),
            role_title: b.role_title,
            from: b.from,
            until: b.until,
        }
    }
}

/// A contact's consent given or withdrawn (each recorded; the latest counts).
#[derive(Debug, Deserialize, ToSchema)]
pub struct ContactConsentBody {
    /// `newsletter` or `contact`.
    #[schema(schema_with = crate::api::schema::contact_consent_purpose)]
    pub purpose: String,
    pub granted: bool,
}

/// What came of an itinerary item.
#[derive(Debug, Deserialize, ToSchema)]
pub struct OutcomeBody {
    #[schema(schema_with = crate::api::schema::required_text::<2000>)]
    pub outcome: String,
}

/// The clusters and NACE sections of the visit log shared with a partner agency (they add up,
/// with the named companies: a company with one of the clusters, or in one of the sections, or
/// named, is in scope). Both lists replace the stored ones; empty lists share nothing by rule.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PartnerScopeBody {
    #[schema(schema_with = crate::api::schema::clusters)]
    pub clusters: Vec<String>,
    #[schema(schema_with = crate::api::schema::nace_sections)]
    pub sections: Vec<String>,
}

impl From<PartnerScopeBody> for standort_app::network::PartnerScopeInput {
    fn from(b: PartnerScopeBody) -> Self {
        standort_app::network::PartnerScopeInput {
            clusters: Some(b.clusters.join(",")),
            sections: Some(b.sections.join(",")),
        }
    }
}

/// A company named in a partner agency's scope.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PartnerCompanyBody {
    /// The company (must exist).
    pub org_id: i64,
}
