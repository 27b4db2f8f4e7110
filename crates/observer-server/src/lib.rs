//! `observer serve`: the HTTP API and the web dashboard over an Observer store.
//!
//! An axum application on Tokio. Reads are open to whoever can reach the address (loopback by
//! default); writes (`POST /api/articles`) need the bearer token given at start. Every response
//! is JSON or an embedded dashboard file, carries a strict Content-Security-Policy, and errors
//! are `{"error": {"status", "message"}}` with a fitting status code. Request bodies are capped
//! (`max_body`), handling is capped in time (`timeout`), and hyper caps request heads (at most
//! 100 headers, about 400 KiB; beyond that the request is refused with 431).

mod api;
mod assets;
mod error;
mod ingest;
mod ledger;
mod openapi;
mod security;
mod state;

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;
use utoipa::OpenApi;

pub use error::ApiError;
pub use openapi::ApiDoc;
pub use security::CONTENT_SECURITY_POLICY;
pub use state::AppState;

/// How the server runs, from the command line.
#[derive(Debug, Clone)]
pub struct Options {
    /// The largest request body accepted, in bytes.
    pub max_body: usize,
    /// The longest a request may take before it is answered 408.
    pub timeout: Duration,
    /// Origins allowed to read the API from their pages (CORS); none by default.
    pub cors_origins: Vec<String>,
}

/// The default body cap: room for a few hundred articles in one request.
pub const DEFAULT_MAX_BODY: usize = 10 * 1024 * 1024;
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The whole application: API, OpenAPI document and dashboard, with the security layers.
pub fn router(state: AppState, options: &Options) -> Result<Router, String> {
    let openapi_json = ApiDoc::openapi()
        .to_json()
        .map_err(|e| format!("cannot write the OpenAPI document: {e}"))?;
    let mut app = Router::new()
        .route("/api/events", get(api::list_events))
        .route("/api/events/{id}", get(api::get_event))
        .route("/api/events/{id}/explain", get(api::explain_event))
        .route("/api/map", get(api::event_map))
        .route("/api/timeline", get(api::timeline))
        .route(
            "/api/articles",
            get(api::list_articles)
                .post(ingest::post_articles)
                .layer(DefaultBodyLimit::max(options.max_body)),
        )
        .route("/api/articles/{id}", get(api::get_article))
        .route("/api/stats", get(api::stats))
        .route("/api/truces", get(ledger::truces))
        .route("/api/claims", get(ledger::claims))
        .route("/api/clusters", get(ledger::clusters))
        .route("/api/casualties", get(ledger::casualties))
        .route("/api/export", get(ledger::export))
        .route(
            "/api/openapi.json",
            get(move || async move {
                (
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    openapi_json,
                )
            }),
        )
        .route("/", get(assets::index))
        .route("/assets/{*path}", get(assets::file))
        .fallback(not_found)
        .with_state(state)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            options.timeout,
        ))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(axum::middleware::map_response(finish_response));
    if let Some(cors) = security::cors(&options.cors_origins)? {
        app = app.layer(cors);
    }
    Ok(app)
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!("nothing at {}", uri.path()))
}

/// A handler that panicked answers 500 with a JSON error; the panic message is logged, not sent.
fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown");
    ApiError::internal(format!("a request handler failed: {message}")).into_response()
}

/// Adds the security headers to every response, and gives the bare error responses of the
/// layers (405 from the router, 408 from the timeout) a JSON body like every other error.
async fn finish_response(response: Response) -> Response {
    let status = response.status();
    let bare = !response
        .headers()
        .contains_key(axum::http::header::CONTENT_TYPE);
    let mut response = if bare && (status.is_client_error() || status.is_server_error()) {
        let reason = status.canonical_reason().unwrap_or("request failed");
        ApiError::new(status, reason.to_lowercase()).into_response()
    } else {
        response
    };
    response.headers_mut().extend(security::security_headers());
    response
}

/// Serves `app` on `listener` until Ctrl-C or SIGTERM.
pub async fn serve(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
