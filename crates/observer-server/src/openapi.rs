//! The OpenAPI 3.1 description of the API, generated from the handlers' annotations and the
//! response types (utoipa), served at `/api/openapi.json`.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::{api, error, ingest, ledger};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Observer API",
        description = "Coded conflict events with the evidence behind every field, the articles \
            they come from, the cross-article ledger (truces, contradictions, tolls, exports), and ingest. Reads are open; POST /api/articles needs the bearer token \
            the server was started with."
    ),
    paths(
        api::list_events,
        api::get_event,
        api::explain_event,
        api::event_map,
        api::timeline,
        api::list_articles,
        api::get_article,
        ingest::post_articles,
        api::stats,
        ledger::truces,
        ledger::claims,
        ledger::clusters,
        ledger::casualties,
        ledger::export,
    ),
    components(schemas(error::ErrorBody, error::ErrorDetail, observer_ledger::export::Format)),
    modifiers(&BearerToken),
    tags(
        (name = "events", description = "Coded events, the map and the timeline"),
        (name = "articles", description = "Articles, full-text search and ingest"),
        (name = "ledger", description = "Across articles: event clusters, truces and their \
            violations, claims and contradictions, casualty tolls, exports"),
        (name = "store", description = "The store"),
    )
)]
pub struct ApiDoc;

/// Declares the `bearer` scheme that `POST /api/articles` names.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
