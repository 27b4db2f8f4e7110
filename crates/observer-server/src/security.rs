//! What keeps a visitor to read-only use: the bearer token of writes (compared in constant
//! time), the headers that lock the dashboard down (a strict Content-Security-Policy, no
//! sniffing, no framing, no referrer), and cross-origin access only for origins named at start.

use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use subtle::ConstantTimeEq;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::error::ApiError;
use crate::state::{AppState, token_hash};

/// The dashboard's policy: its own scripts, styles, data and images only; no inline script, no
/// `eval`, no plug-ins, no framing, no form posting elsewhere. The map and fonts are bundled, so
/// nothing is ever fetched from another origin.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
     base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The headers every response carries.
pub fn security_headers() -> [(HeaderName, HeaderValue); 5] {
    [
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
    ]
}

/// Refuses the request unless it carries `Authorization: Bearer <token>` with the server's token.
pub fn require_token(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = state.token_hash else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "writes are disabled: start `observer serve` with --token or OBSERVER_TOKEN to allow them",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| {
            let (scheme, token) = value.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        })
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "this request needs the header Authorization: Bearer <token>",
            )
        })?;
    // Both sides hashed to 32 bytes, so the comparison takes the same time whatever was sent.
    if bool::from(token_hash(given).ct_eq(&expected)) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "the token is not valid",
        ))
    }
}

/// Cross-origin reads for the origins given (`--cors-origin`); `None` when there are none, so no
/// CORS header is ever sent.
pub fn cors(origins: &[String]) -> Result<Option<CorsLayer>, String> {
    if origins.is_empty() {
        return Ok(None);
    }
    let origins = origins
        .iter()
        .map(|origin| {
            HeaderValue::from_str(origin.trim_end_matches('/'))
                .map_err(|_| format!("{origin:?} is not a valid origin"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([Method::GET])
            .allow_headers([header::CONTENT_TYPE]),
    ))
}
