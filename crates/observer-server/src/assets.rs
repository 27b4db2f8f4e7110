//! The dashboard's files, embedded in the binary at build time from `dashboard/` (its own code
//! and the libraries vendored from npm), so the server needs nothing else and no network.

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// One embedded file.
struct Asset {
    path: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

macro_rules! asset {
    ($path:literal, $content_type:expr) => {
        Asset {
            path: $path,
            content_type: $content_type,
            bytes: include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/dashboard/", $path)),
        }
    };
}

const JS: &str = "text/javascript; charset=utf-8";

static ASSETS: &[Asset] = &[
    asset!("index.html", "text/html; charset=utf-8"),
    asset!("style.css", "text/css; charset=utf-8"),
    asset!("app.js", JS),
    asset!("api.js", JS),
    asset!("dom.js", JS),
    asset!("map.js", JS),
    asset!("timeline.js", JS),
    asset!("article.js", JS),
    asset!("panels.js", JS),
    asset!("vendor/d3.min.js", JS),
    asset!("vendor/topojson-client.min.js", JS),
    asset!("vendor/countries-110m.json", "application/json"),
];

fn respond(asset: &Asset) -> Response {
    let mut response = asset.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    // Revalidated on every load: a new binary may bring new files under the same names.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

fn find(path: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|asset| asset.path == path)
}

/// `GET /`: the dashboard page.
pub async fn index() -> Response {
    find("index.html").map_or_else(
        || ApiError::not_found("the dashboard is not built into this binary").into_response(),
        respond,
    )
}

/// `GET /assets/{path}`: a script, style sheet or data file of the dashboard.
pub async fn file(Path(path): Path<String>) -> Response {
    match find(&path).filter(|asset| asset.path != "index.html") {
        Some(asset) => respond(asset),
        None => ApiError::not_found(format!("no dashboard file {path:?}")).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `/assets/...` paths that `text` (HTML or JavaScript) refers to.
    fn referenced(text: &str) -> Vec<String> {
        text.split("/assets/")
            .skip(1)
            .filter_map(|rest| rest.split(['"', '\'', ')']).next())
            .map(String::from)
            .collect()
    }

    #[test]
    fn every_file_the_dashboard_loads_is_embedded() {
        let mut checked = 0;
        for asset in ASSETS {
            assert!(!asset.bytes.is_empty(), "{}", asset.path);
            if asset.path.ends_with(".js") && !asset.path.starts_with("vendor/") {
                assert_eq!(asset.content_type, JS, "{}", asset.path);
            }
            if asset.path.starts_with("vendor/") {
                continue;
            }
            let text = std::str::from_utf8(asset.bytes).unwrap();
            for path in referenced(text) {
                assert!(find(&path).is_some(), "{} loads /assets/{path}", asset.path);
                checked += 1;
            }
            // Relative module imports ('./map.js') must be embedded too.
            for import in text.split("from './").skip(1) {
                let path = import.split('\'').next().unwrap();
                assert!(find(path).is_some(), "{} imports {path}", asset.path);
                checked += 1;
            }
        }
        assert!(checked >= 10, "only {checked} references found");
    }
}
