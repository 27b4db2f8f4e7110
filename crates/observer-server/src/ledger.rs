//! The cross-article ledger over HTTP: event clusters, truces with their violations, claims and
//! contradictions, the casualty ledger, and the exports (GDELT, ACLED, PLOVER, JSON Lines, CSV).
//!
//! Each request builds the ledger from the stored events that its event filters keep, the way
//! `observer truces` and the other ledger commands do ([`Ledger::from_store`]). The items are the
//! ledger's own serde types, the same JSON the CLI prints with `--format json`; the OpenAPI
//! document describes them as objects (their fields are documented in `observer-ledger`).

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use observer_ledger::Ledger;
use observer_ledger::export::{self, Reference};
use observer_store::EventFilter;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::{ApiQuery, EventParams, PageParams, next_page};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// Builds the ledger over the events `filter` keeps, on a blocking thread.
async fn ledger(state: &AppState, filter: EventFilter) -> Result<Ledger, ApiError> {
    state
        .with_store(move |store| {
            Ledger::from_store(store, &filter)
                .map_err(|e| ApiError::internal(format!("building the ledger: {e}")))
        })
        .await
}

/// Ceasefires with their parties, brokers, kind, agreed and effective dates, status over time
/// and the violations each side alleges.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TrucesResponse {
    /// `observer_ledger::Truce` objects, in order of agreed date.
    #[schema(value_type = Vec<Object>)]
    pub truces: Vec<observer_ledger::Truce>,
}

/// The truces found in the events that match the filters, with the violations alleged in them.
#[utoipa::path(get, path = "/api/truces", tag = "ledger",
    params(EventParams),
    responses(
        (status = 200, description = "Truces with violations", body = TrucesResponse),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
    ))]
pub async fn truces(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<EventParams>,
) -> Result<Json<TrucesResponse>, ApiError> {
    let ledger = ledger(&state, params.filter()?).await?;
    Ok(Json(TrucesResponse {
        truces: ledger.truces(),
    }))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClaimsParams {
    /// `true`: the pairs of claims that contradict each other, instead of every claim.
    pub contradicting: Option<bool>,
}

/// Either every claim or, with `contradicting=true`, the contradicting pairs.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ClaimsResponse {
    /// `observer_ledger::Claim` objects, in order of date.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<Object>>)]
    pub claims: Option<Vec<observer_ledger::Claim>>,
    /// `observer_ledger::Contradiction` objects: `kind`, `subject`, and the `first` and
    /// `second` claims side by side.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<Object>>)]
    pub contradictions: Option<Vec<observer_ledger::Contradiction>>,
}

/// Attributed claims (who claims what, with stance and evidence) in the events that match the
/// filters, or the claims that contradict each other.
#[utoipa::path(get, path = "/api/claims", tag = "ledger",
    params(ClaimsParams, EventParams),
    responses(
        (status = 200, description = "Claims or contradictions", body = ClaimsResponse),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
    ))]
pub async fn claims(
    State(state): State<AppState>,
    ApiQuery(which): ApiQuery<ClaimsParams>,
    ApiQuery(params): ApiQuery<EventParams>,
) -> Result<Json<ClaimsResponse>, ApiError> {
    let ledger = ledger(&state, params.filter()?).await?;
    Ok(Json(if which.contradicting.unwrap_or(false) {
        ClaimsResponse {
            claims: None,
            contradictions: Some(ledger.contradictions()),
        }
    } else {
        ClaimsResponse {
            claims: Some(ledger.claims()),
            contradictions: None,
        }
    }))
}

/// One page of event clusters.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ClusterPage {
    /// `observer_ledger::Cluster` objects, in order of date (undated last), then id.
    #[schema(value_type = Vec<Object>)]
    pub clusters: Vec<observer_ledger::Cluster>,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// Mentions of the same real-world event across articles, grouped, with counts of mentions,
/// articles, outlets and claimants, and the fields reconciled with provenance.
#[utoipa::path(get, path = "/api/clusters", tag = "ledger",
    params(EventParams, PageParams),
    responses(
        (status = 200, description = "A page of event clusters", body = ClusterPage),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
    ))]
pub async fn clusters(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<EventParams>,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<ClusterPage>, ApiError> {
    let limit = page.limit()?;
    let after = page.cursor::<String>()?;
    let mut clusters = ledger(&state, params.filter()?).await?.clusters();
    if let Some(after) = after {
        let last_sent = clusters.iter().position(|c| c.id == after).ok_or_else(|| {
            ApiError::bad_request(format!(
                "cursor names cluster {after:?}, which the filtered ledger no longer holds: \
                 start again without a cursor"
            ))
        })?;
        clusters.drain(..=last_sent);
    }
    let next_cursor = next_page(&mut clusters, limit, |last| last.id.clone());
    Ok(Json(ClusterPage {
        clusters,
        next_cursor,
    }))
}

/// Casualty tolls per conflict and party, by claimant, with low / best / high.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CasualtiesResponse {
    /// The `observer_ledger::CasualtyLedger`.
    #[schema(value_type = Object)]
    pub casualties: observer_ledger::CasualtyLedger,
}

/// The casualty ledger of the events that match the filters.
#[utoipa::path(get, path = "/api/casualties", tag = "ledger",
    params(EventParams),
    responses(
        (status = 200, description = "The casualty ledger", body = CasualtiesResponse),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
    ))]
pub async fn casualties(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<EventParams>,
) -> Result<Json<CasualtiesResponse>, ApiError> {
    let ledger = ledger(&state, params.filter()?).await?;
    Ok(Json(CasualtiesResponse {
        casualties: ledger.casualties(),
    }))
}

/// The Content-Type and the file name of the download of an export.
fn download(format: export::Format) -> (&'static str, &'static str) {
    match format {
        export::Format::Gdelt => (
            "text/tab-separated-values; charset=utf-8",
            "observer-gdelt.tsv",
        ),
        export::Format::Acled => ("text/csv; charset=utf-8", "observer-acled.csv"),
        export::Format::Plover => ("application/x-ndjson", "observer-plover.jsonl"),
        export::Format::Jsonl => ("application/x-ndjson", "observer-clusters.jsonl"),
        export::Format::Csv => ("text/csv; charset=utf-8", "observer-clusters.csv"),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// gdelt (GDELT 2.0 event rows, tab-separated), acled (ACLED rows, CSV), plover (one
    /// PLOVER JSON record per line), jsonl (one cluster per line) or csv.
    pub format: export::Format,
}

/// The event clusters of the events that match the filters, as a file to download.
#[utoipa::path(get, path = "/api/export", tag = "ledger",
    params(ExportParams, EventParams),
    responses(
        (status = 200, description = "The export, as an attachment", content(
            (String = "text/tab-separated-values"),
            (String = "text/csv"),
            (String = "application/x-ndjson"),
        )),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
    ))]
pub async fn export(
    State(state): State<AppState>,
    ApiQuery(which): ApiQuery<ExportParams>,
    ApiQuery(params): ApiQuery<EventParams>,
) -> Result<Response, ApiError> {
    let format = which.format;
    let (content_type, file_name) = download(format);
    let clusters = ledger(&state, params.filter()?).await?.clusters();
    let body = tokio::task::spawn_blocking(move || {
        let reference = Reference::embedded()
            .map_err(|e| ApiError::internal(format!("loading the export tables: {e}")))?;
        let mut body = Vec::new();
        export::write(format, &clusters, &reference, &mut body)
            .map_err(|e| ApiError::internal(format!("writing the export: {e}")))?;
        Ok::<_, ApiError>(body)
    })
    .await
    .map_err(|e| ApiError::internal(format!("export task failed: {e}")))??;
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response())
}
