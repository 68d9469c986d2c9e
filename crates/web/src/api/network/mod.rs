//! Partner-network API under `/api/v1/network`: the same use cases and permissions as the
//! pages (records outside the caller's view are 404). Records are returned as the use cases
//! give them (`item` / `items`: ids, stable names of vocabularies, days as Unix seconds at
//! 00:00 UTC); bodies are typed (`bodies`: dates as `YYYY-MM-DD`, ids and amounts as numbers)
//! and read into the same form inputs the pages use. Recording an approach of a company approached within 90
//! days answers 409 `approached-recently` unless the body has `"confirm": true`.
//!
//! One file per entity, each registering its routes; [`NetworkDoc`] lists them.

mod agreements;
mod approaches;
mod bodies;
mod contacts;
mod fairs;
mod figures;
mod import;
mod partners;
mod projects;
mod trips;

use axum::Router;
use serde::Serialize;
use serde_json::Value;
use standort_app::Paged;
use utoipa::{OpenApi, ToSchema};

use crate::AppState;

use agreements::*;
use approaches::*;
use contacts::*;
use fairs::*;
use figures::*;
use import::*;
use partners::*;
use projects::*;
use trips::*;

/// Every endpoint of the module: each file registers its own.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(contacts::routes())
        .merge(approaches::routes())
        .merge(trips::routes())
        .merge(agreements::routes())
        .merge(fairs::routes())
        .merge(projects::routes())
        .merge(figures::routes())
        .merge(partners::routes())
        .merge(import::routes())
}

/// This module's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    NetworkDoc::openapi()
}

#[derive(OpenApi)]
#[openapi(
    paths(
        list_contacts,
        create_contact,
        get_contact,
        export_contact,
        contact_vcard,
        contacts_vcards,
        import_vcards,
        erase_contact,
        add_affiliation,
        record_consent,
        list_approaches,
        record_approach,
        get_approach,
        list_partners,
        get_partner_scope,
        set_partner_scope,
        add_partner_company,
        remove_partner_company,
        list_trips,
        create_trip,
        get_trip,
        add_trip_item,
        add_trip_participant,
        record_item_outcome,
        list_agreements,
        create_agreement,
        get_agreement,
        add_obligation,
        complete_obligation,
        obligations_due,
        list_fairs,
        create_fair,
        get_fair,
        add_lead,
        list_projects,
        create_project,
        set_project_stage,
        get_figures,
        import_records,
        find_duplicates,
        merge_records
    ),
    components(schemas(
        NetworkItem,
        NetworkList,
        NetworkCreated,
        VCardImportResult,
        VCardCreated,
        VCardDuplicate,
        VCardUnknownOrg,
        bodies::ContactBody,
        bodies::ApproachBody,
        bodies::TripBody,
        bodies::TripItemBody,
        bodies::ParticipantBody,
        bodies::AgreementBody,
        bodies::ObligationBody,
        bodies::FairBody,
        bodies::LeadBody,
        bodies::ProjectBody,
        bodies::StageBody,
        bodies::AffiliationBody,
        bodies::ContactConsentBody,
        bodies::OutcomeBody,
        bodies::PartnerScopeBody,
        bodies::PartnerCompanyBody,
        PartnerList,
        ImportKindParam,
        DuplicateKindParam,
        ImportResult,
        ImportedLine,
        DuplicateList,
        DuplicatePairDto,
        MergeBody,
        MergeResult
    )),
    tags((name = "network", description = "The partner network: contacts (people at organisations, personal data, every read audited), the visit log of direct approaches (a company approached recently is refused unless confirmed), delegation trips, agreements with obligations, trade fairs with leads, investment projects and the yearly figures. Agency staff edit; clinics and employers read the agreements they are a party to; partner agencies see and log the approaches within the scope agreed with them (`/network/partners`), and everything else answers 404 to them."))
)]
struct NetworkDoc;

/// One record of the network.
#[derive(Debug, Serialize, ToSchema)]
pub struct NetworkItem {
    #[schema(value_type = Object)]
    pub item: Value,
}

/// One page of records.
#[derive(Debug, Serialize, ToSchema)]
pub struct NetworkList {
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<Value>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

/// The id of what was created.
#[derive(Debug, Serialize, ToSchema)]
pub struct NetworkCreated {
    pub id: i64,
}

fn item(v: impl Serialize) -> NetworkItem {
    NetworkItem {
        item: serde_json::to_value(v).unwrap_or_default(),
    }
}

fn list<T: Serialize>(p: Paged<T>) -> NetworkList {
    NetworkList {
        items: p
            .items
            .iter()
            .map(|i| serde_json::to_value(i).unwrap_or_default())
            .collect(),
        total: p.total,
        limit: p.limit,
        offset: p.offset,
    }
}
