//! The API end to end, through the whole router (security layers included) on a SQLite store
//! filled by `POST /api/articles`: the token, limits, errors, paging, hostile filter strings,
//! and every response checked against the OpenAPI document the server publishes.

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

const TOKEN: &str = "correct horse battery staple";

/// Three articles in news style: fighting with a toll, a protest, and talks.
fn articles() -> Value {
    json!([
        {
            "id": "kaya-attack",
            "title": "Gunmen kill nine in attack near Kaya",
            "source": "Sahel Wire",
            "published": "2023-09-12",
            "text": "Gunmen attacked a village near Kaya in northern Burkina Faso on Monday, killing nine civilians, the regional governor said. The army said it had sent reinforcements to the area."
        },
        {
            "id": "lyon-protest",
            "title": "Thousands march in Lyon against pension reform",
            "source": "Rhone Daily",
            "published": "2023-03-07",
            "text": "Thousands of workers marched through Lyon on Tuesday to protest against the pension reform, union leaders said. Police said the march was peaceful."
        },
        {
            "id": "doha-talks",
            "title": "Negotiators meet in Doha",
            "source": "Gulf Herald",
            "published": "2024-06-11",
            "text": "Negotiators from Sudan's army and the Rapid Support Forces met in Doha on Monday for talks on a ceasefire, Qatari officials said. No agreement was announced."
        },
    ])
}

struct TestApp {
    router: Router,
    _dir: tempfile::TempDir,
}

fn options() -> observer_server::Options {
    observer_server::Options {
        max_body: 64 * 1024,
        timeout: Duration::from_secs(10),
        cors_origins: vec![],
    }
}

fn app_with(token: Option<&str>, options: &observer_server::Options) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("observer.db");
    let extractor = observer_extract::Extractor::embedded().unwrap();
    let state = observer_server::AppState::new(db.to_str().unwrap(), 4, extractor, token).unwrap();
    TestApp {
        router: observer_server::router(state, options).unwrap(),
        _dir: dir,
    }
}

/// An app whose store holds `articles()`.
async fn loaded_app() -> TestApp {
    let app = app_with(Some(TOKEN), &options());
    let (status, _, body) = post(&app, Some(TOKEN), articles().to_string()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    app
}

async fn send(app: &TestApp, request: Request<Body>) -> (StatusCode, HeaderMap, Value) {
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, headers, body)
}

async fn get(app: &TestApp, uri: &str) -> (StatusCode, HeaderMap, Value) {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post(app: &TestApp, token: Option<&str>, body: String) -> (StatusCode, HeaderMap, Value) {
    let mut request =
        Request::post("/api/articles").header(header::CONTENT_TYPE, "application/json");
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    send(app, request.body(Body::from(body)).unwrap()).await
}

fn error_message(body: &Value) -> &str {
    body["error"]["message"].as_str().unwrap_or_default()
}

fn query(value: &str) -> String {
    // Percent-encodes every byte but the unreserved ones.
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn writes_need_the_token_and_code_articles_at_once() {
    let app = app_with(Some(TOKEN), &options());
    let body = articles().to_string();

    let (status, headers, error) = post(&app, None, body.clone()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        headers[header::WWW_AUTHENTICATE]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    assert!(
        error_message(&error).contains("Authorization: Bearer"),
        "{error}"
    );
    let (status, _, error) = post(&app, Some("correct horse"), body.clone()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(error_message(&error), "the token is not valid");
    assert_eq!(get(&app, "/api/stats").await.2["articles"], 0);

    // JSON Lines with one record that has no text: reported with its line, the rest stored.
    let lines = articles()
        .as_array()
        .unwrap()
        .iter()
        .map(Value::to_string)
        .chain(["{\"title\": \"no text here\"}".to_string()])
        .collect::<Vec<_>>()
        .join("\n");
    let (status, _, report) = post(&app, Some(TOKEN), lines).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(
        report["new"],
        json!(["kaya-attack", "lyon-protest", "doha-talks"])
    );
    assert!(report["events"].as_u64().unwrap() >= 3, "{report}");
    assert_eq!(report["skipped"][0]["record"], "request body:4");
    let (_, _, kaya) = get(&app, "/api/events?article=kaya-attack").await;
    assert!(
        kaya["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["type"] == "ASSAULT"),
        "{kaya}"
    );

    // The same again: nothing new. One object alone is accepted too.
    let (_, _, again) = post(&app, Some(TOKEN), body).await;
    assert_eq!(again["unchanged"].as_array().unwrap().len(), 3, "{again}");
    let revised = json!({"id": "lyon-protest", "title": "Lyon march", "source": "Rhone Daily",
        "published": "2023-03-07", "text": "Police fired tear gas at protesters in Lyon on Tuesday, union leaders said."});
    let (_, _, report) = post(&app, Some(TOKEN), revised.to_string()).await;
    assert_eq!(report["updated"], json!(["lyon-protest"]), "{report}");

    let (status, _, error) = post(&app, Some(TOKEN), "[{\"text\": 5}]".into()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error_message(&error).contains("request body:1"), "{error}");
    let (status, _, error) = post(&app, Some(TOKEN), "[{\"text\": ".into()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        error_message(&error).contains("not a valid JSON array"),
        "{error}"
    );
}

#[tokio::test]
async fn an_article_sent_twice_in_one_body_keeps_the_later_text_as_the_cli_does() {
    let app = app_with(Some(TOKEN), &options());
    let first = json!({"id": "harbour-strike", "source": "Coast Ledger",
        "url": "https://ledger.example/strike", "published": "2022-05-03",
        "text": "Dock workers went on strike at the northern harbour on Tuesday, the union said."});
    // The same outlet and url under another id: a revision, sent later in the same body.
    let revised = json!({"id": "harbour-strike-update", "source": "Coast Ledger",
        "url": "https://ledger.example/strike", "published": "2022-05-03",
        "text": "Police arrested twelve striking dock workers at the northern harbour on \
            Tuesday, the union said."});
    // The revised text again under a third id: the same article, nothing more to store.
    let copy = json!({"id": "wire-copy", "text": revised["text"]});
    let (status, _, report) =
        post(&app, Some(TOKEN), json!([first, revised, copy]).to_string()).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["new"], json!(["harbour-strike"]), "{report}");
    assert_eq!(report["updated"], json!(["harbour-strike"]), "{report}");
    assert_eq!(report["unchanged"], json!(["harbour-strike"]), "{report}");
    assert_eq!(get(&app, "/api/stats").await.2["articles"], 1);

    let (status, _, article) = get(&app, "/api/articles/harbour-strike").await;
    assert_eq!(status, StatusCode::OK, "{article}");
    assert_eq!(article["article"]["text"], revised["text"], "{article}");
    let (_, _, events) = get(&app, "/api/events?article=harbour-strike").await;
    let events = events["events"].as_array().unwrap();
    assert!(
        events.iter().any(|e| e["mode"] == "arrest"),
        "the arrest of the later text is coded: {events:?}"
    );
    let later = revised["text"].as_str().unwrap();
    assert!(
        events
            .iter()
            .all(|e| later.contains(e["evidence"]["text"].as_str().unwrap())),
        "every event comes from the later text: {events:?}"
    );
    assert_eq!(report["events"], events.len(), "{report}");
}

#[tokio::test]
async fn an_article_not_in_english_is_stored_uncoded_and_re_sending_it_changes_nothing() {
    let app = app_with(Some(TOKEN), &options());
    let spanish = json!({"id": "cauca-paro", "lang": "es", "published": "2023-09-12",
        "text": "Miles de campesinos bloquearon la carretera Panamericana en el Cauca el \
            martes para exigir tierras, según la gobernación."});
    let english = json!({"id": "cauca-road", "published": "2023-09-12",
        "text": "Police fired tear gas at farmers blocking the Pan-American Highway in Cauca on \
            Tuesday, the governor's office said."});
    let body = json!([spanish, english]).to_string();
    let (status, _, report) = post(&app, Some(TOKEN), body.clone()).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(
        report["new"],
        json!(["cauca-paro", "cauca-road"]),
        "{report}"
    );
    assert_eq!(report["not_coded"], json!(["cauca-paro"]), "{report}");
    let (_, _, events) = get(&app, "/api/events?article=cauca-paro").await;
    assert_eq!(events["events"], json!([]), "{events}");
    let (_, _, events) = get(&app, "/api/events?article=cauca-road").await;
    assert!(!events["events"].as_array().unwrap().is_empty(), "{events}");

    let (status, _, again) = post(&app, Some(TOKEN), body).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(
        again["unchanged"],
        json!(["cauca-paro", "cauca-road"]),
        "{again}"
    );
    assert_eq!(again["new"], json!([]), "{again}");
    assert_eq!(again["updated"], json!([]), "{again}");
}

#[tokio::test]
async fn without_a_token_writes_are_disabled() {
    let app = app_with(None, &options());
    let (status, _, error) = post(&app, Some(TOKEN), articles().to_string()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(error_message(&error).contains("--token"), "{error}");
    assert_eq!(get(&app, "/api/stats").await.2["writable"], false);
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_a_json_error() {
    let app = app_with(Some(TOKEN), &options());
    let text = "Troops shelled the town. ".repeat(4000);
    let (status, _, error) = post(&app, Some(TOKEN), json!({"text": text}).to_string()).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(error_message(&error).contains("length limit"), "{error}");
    assert_eq!(error["error"]["status"], 413);
}

#[tokio::test]
async fn errors_are_json_with_their_status() {
    let app = loaded_app().await;
    for (uri, status, needle) in [
        (
            "/api/nothing-here",
            StatusCode::NOT_FOUND,
            "nothing at /api/nothing-here",
        ),
        (
            "/api/events/no-such-event",
            StatusCode::NOT_FOUND,
            "no event with id",
        ),
        (
            "/api/events/no-such-event/explain",
            StatusCode::NOT_FOUND,
            "no event with id",
        ),
        (
            "/api/articles/nope",
            StatusCode::NOT_FOUND,
            "no article with id",
        ),
        (
            "/api/events?limit=5000",
            StatusCode::BAD_REQUEST,
            "limit 5000 is out of range",
        ),
        (
            "/api/events?type=bombard",
            StatusCode::BAD_REQUEST,
            "unknown event type",
        ),
        (
            "/api/events?since=yesterday",
            StatusCode::BAD_REQUEST,
            "since",
        ),
        (
            "/api/events?cursor=abc",
            StatusCode::BAD_REQUEST,
            "cursor is not one this server gave",
        ),
        (
            "/api/map?bbox=1,2,3",
            StatusCode::BAD_REQUEST,
            "west,south,east,north",
        ),
        ("/assets/../Cargo.toml", StatusCode::NOT_FOUND, ""),
    ] {
        let (got, headers, body) = get(&app, uri).await;
        assert_eq!(got, status, "{uri}: {body}");
        assert_eq!(headers[header::CONTENT_TYPE], "application/json", "{uri}");
        assert_eq!(body["error"]["status"], status.as_u16(), "{uri}");
        assert!(error_message(&body).contains(needle), "{uri}: {body}");
    }
}

#[tokio::test]
async fn a_wrong_method_is_a_json_error_too() {
    let app = loaded_app().await;
    let request = Request::delete("/api/events").body(Body::empty()).unwrap();
    let (status, headers, body) = send(&app, request).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(error_message(&body), "method not allowed");
    assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY));
}

#[tokio::test]
async fn pages_follow_the_cursor_through_every_event_once() {
    let app = loaded_app().await;
    let (_, _, all) = get(&app, "/api/events?limit=1000").await;
    let all: Vec<&str> = all["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert!(all.len() >= 4, "{all:?}");
    let mut seen = Vec::new();
    let mut uri = "/api/events?limit=2".to_string();
    loop {
        let (status, _, page) = get(&app, &uri).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        seen.extend(
            page["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].as_str().unwrap().to_string()),
        );
        match page["next_cursor"].as_str() {
            Some(cursor) => uri = format!("/api/events?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen, all);

    let (_, _, found) = get(&app, "/api/articles?q=pension%20reform").await;
    assert_eq!(found["articles"][0]["id"], "lyon-protest", "{found}");
    assert_eq!(found["articles"].as_array().unwrap().len(), 1);
    let (_, _, with_events) = get(&app, "/api/articles?country=BFA").await;
    assert_eq!(
        with_events["articles"][0]["id"], "kaya-attack",
        "{with_events}"
    );
}

#[tokio::test]
async fn hostile_strings_in_every_filter_are_matched_literally() {
    let app = loaded_app().await;
    let (_, _, before) = get(&app, "/api/stats").await;
    let hostile = [
        "'; DROP TABLE events; --",
        "\" OR 1=1 --",
        "%",
        "_",
        "*",
        "NEAR(a b)",
        "<script>alert(1)</script>",
        "Şuşa ⚠ 𝔘",
        "\\",
        "\u{202e}rtl",
    ];
    let filters = ["actor", "country", "place", "outlet", "article", "q"];
    for value in hostile {
        for filter in filters {
            for path in ["/api/events", "/api/map", "/api/timeline", "/api/articles"] {
                let uri = format!("{path}?{filter}={}", query(value));
                let (status, _, body) = get(&app, &uri).await;
                if filter == "q" && path != "/api/articles" {
                    // Events ignore the article search.
                    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
                    continue;
                }
                assert_eq!(status, StatusCode::OK, "{uri}: {body}");
                let items = ["events", "points", "days", "articles"]
                    .iter()
                    .find_map(|key| body[key].as_array())
                    .unwrap();
                assert!(items.is_empty(), "{uri} matched {body}");
            }
        }
        for (filter, status) in [
            ("type", StatusCode::BAD_REQUEST),
            ("bbox", StatusCode::BAD_REQUEST),
            ("cursor", StatusCode::BAD_REQUEST),
            ("since", StatusCode::BAD_REQUEST),
        ] {
            let uri = format!("/api/events?{filter}={}", query(value));
            let (got, _, body) = get(&app, &uri).await;
            assert_eq!(got, status, "{uri}: {body}");
        }
        for path in ["/api/events/", "/api/articles/"] {
            let uri = format!("{path}{}", query(value));
            assert_eq!(get(&app, &uri).await.0, StatusCode::NOT_FOUND, "{uri}");
        }
    }
    // Nothing was dropped or changed.
    assert_eq!(get(&app, "/api/stats").await.2, before);
    // And an ordinary value still finds what it should.
    let (_, _, found) = get(&app, "/api/events?place=kaya").await;
    assert!(!found["events"].as_array().unwrap().is_empty(), "{found}");
}

#[tokio::test]
async fn responses_carry_a_strict_policy_and_no_cors_unless_configured() {
    let app = loaded_app().await;
    let request = || {
        Request::get("/api/events")
            .header(header::ORIGIN, "https://news.example")
            .body(Body::empty())
            .unwrap()
    };
    let (_, headers, _) = send(&app, request()).await;
    assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
    assert_eq!(
        headers[header::CONTENT_SECURITY_POLICY],
        observer_server::CONTENT_SECURITY_POLICY
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let (status, headers, page) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        page.as_str()
            .unwrap()
            .contains("<script type=\"module\" src=\"/assets/app.js\">")
    );
    let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        policy.contains("script-src 'self'") && !policy.contains("unsafe"),
        "{policy}"
    );
    let (status, headers, _) = get(&app, "/assets/vendor/countries-110m.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");

    let cors = observer_server::Options {
        cors_origins: vec!["https://news.example".into()],
        ..options()
    };
    let app = app_with(None, &cors);
    let (_, headers, _) = send(&app, request()).await;
    assert_eq!(
        headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://news.example"
    );
    let other = Request::get("/api/events")
        .header(header::ORIGIN, "https://elsewhere.example")
        .body(Body::empty())
        .unwrap();
    let (_, headers, _) = send(&app, other).await;
    assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
}

/// The schema the OpenAPI document gives for one response, as a validator.
fn response_validator(doc: &Value, path: &str, method: &str, status: u16) -> jsonschema::Validator {
    let schema = &doc["paths"][path][method]["responses"][status.to_string()]["content"]["application/json"]
        ["schema"];
    assert!(schema.is_object(), "no schema for {method} {path} {status}");
    let mut root = schema.clone();
    root["components"] = doc["components"].clone();
    jsonschema::validator_for(&root).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every `$ref` under `value`, as the JSON pointer it names (`#/components/...`).
fn refs(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                found.push(target.clone());
            }
            map.values().for_each(|v| refs(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
        _ => {}
    }
}

#[tokio::test]
async fn every_reference_in_the_openapi_document_resolves() {
    let app = loaded_app().await;
    let (_, _, doc) = get(&app, "/api/openapi.json").await;
    let mut found = Vec::new();
    refs(&doc, &mut found);
    assert!(!found.is_empty());
    for target in found {
        let pointer = target.strip_prefix('#').expect("a local reference");
        assert!(
            doc.pointer(pointer).is_some(),
            "{target} is not in the document"
        );
    }
}

#[tokio::test]
async fn every_response_matches_the_published_openapi_document() {
    let app = loaded_app().await;
    let (status, _, doc) = get(&app, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));

    let (_, _, events) = get(&app, "/api/events?limit=1").await;
    let event_id = events["events"][0]["id"].as_str().unwrap().to_string();
    let cases = [
        ("/api/events", "/api/events?limit=1".to_string(), "get", 200),
        (
            "/api/events",
            "/api/events?type=ASSAULT&country=bfa".to_string(),
            "get",
            200,
        ),
        ("/api/events", "/api/events?limit=0".to_string(), "get", 400),
        (
            "/api/events/{id}",
            format!("/api/events/{event_id}"),
            "get",
            200,
        ),
        (
            "/api/events/{id}",
            "/api/events/none".to_string(),
            "get",
            404,
        ),
        (
            "/api/events/{id}/explain",
            format!("/api/events/{event_id}/explain"),
            "get",
            200,
        ),
        (
            "/api/events/{id}/explain",
            "/api/events/none/explain".to_string(),
            "get",
            404,
        ),
        ("/api/map", "/api/map".to_string(), "get", 200),
        (
            "/api/map",
            "/api/map?bbox=-10,30,60,60".to_string(),
            "get",
            200,
        ),
        ("/api/timeline", "/api/timeline".to_string(), "get", 200),
        (
            "/api/articles",
            "/api/articles?limit=2".to_string(),
            "get",
            200,
        ),
        (
            "/api/articles",
            "/api/articles?q=doha".to_string(),
            "get",
            200,
        ),
        (
            "/api/articles/{id}",
            "/api/articles/kaya-attack".to_string(),
            "get",
            200,
        ),
        (
            "/api/articles/{id}",
            "/api/articles/none".to_string(),
            "get",
            404,
        ),
        ("/api/stats", "/api/stats".to_string(), "get", 200),
        ("/api/truces", "/api/truces".to_string(), "get", 200),
        ("/api/claims", "/api/claims".to_string(), "get", 200),
        (
            "/api/claims",
            "/api/claims?contradicting=true".to_string(),
            "get",
            200,
        ),
        (
            "/api/clusters",
            "/api/clusters?limit=1".to_string(),
            "get",
            200,
        ),
        ("/api/casualties", "/api/casualties".to_string(), "get", 200),
        (
            "/api/export",
            "/api/export?format=xml".to_string(),
            "get",
            400,
        ),
    ];
    for (path, uri, method, status) in cases {
        let (got, _, body) = get(&app, &uri).await;
        assert_eq!(got.as_u16(), status, "{uri}: {body}");
        let validator = response_validator(&doc, path, method, status);
        let errors: Vec<String> = validator
            .iter_errors(&body)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{uri}: {errors:?}\n{body}");
    }
    // The schemas do reject what the API must not send.
    let events_schema = response_validator(&doc, "/api/events", "get", 200);
    assert!(!events_schema.is_valid(&json!({"events": [{"id": 5}]})));
    assert!(!events_schema.is_valid(&json!({"next_cursor": "x"})));
    // Non-empty answers, so the checks above looked at real items.
    assert!(
        !get(&app, "/api/map").await.2["points"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(
        !get(&app, "/api/timeline").await.2["days"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    let (status, _, report) = post(&app, Some(TOKEN), articles().to_string()).await;
    assert_eq!(status, StatusCode::OK);
    let validator = response_validator(&doc, "/api/articles", "post", 200);
    assert!(validator.is_valid(&report), "{report}");
    let (status, _, error) = post(&app, None, "{}".into()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(response_validator(&doc, "/api/articles", "post", 401).is_valid(&error));

    // Every documented path is served (none documented that does not exist, or the reverse).
    let mut documented: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    documented.sort_unstable();
    assert_eq!(
        documented,
        [
            "/api/articles",
            "/api/articles/{id}",
            "/api/casualties",
            "/api/claims",
            "/api/clusters",
            "/api/events",
            "/api/events/{id}",
            "/api/events/{id}/explain",
            "/api/export",
            "/api/map",
            "/api/stats",
            "/api/timeline",
            "/api/truces",
        ]
    );
}

#[tokio::test]
async fn oversized_request_heads_are_refused() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = app_with(None, &options());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = tokio::spawn(observer_server::serve(listener, app.router.clone()));

    let mut request = String::from("GET /api/stats HTTP/1.1\r\nHost: localhost\r\n");
    for n in 0..200 {
        request.push_str(&format!("X-Padding-{n}: {}\r\n", "x".repeat(40)));
    }
    request.push_str("Connection: close\r\n\r\n");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");

    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream
        .write_all(b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200"));
    server.abort();
}

/// A truce, its breach alleged by one side, and a gains-versus-repulsed contradiction.
fn truce_article() -> Value {
    json!({
        "id": "el-fasher-truce",
        "title": "Truce in Sudan's El Fasher collapses within a day",
        "source": "Nile Courier",
        "published": "2024-06-20",
        "text": "A humanitarian ceasefire brokered by Saudi Arabia between Sudan's army and the \
            Rapid Support Forces took effect at 6am local time on Tuesday in El Fasher.\n\n\
            On Wednesday the army accused the Rapid Support Forces of violating the truce, saying \
            its positions in El Fasher had been shelled.\n\n\
            The Rapid Support Forces said it had captured two army bases north of the city.\n\n\
            The army said it had repulsed the attack on its bases and that the situation was \
            under control."
    })
}

#[tokio::test]
async fn the_ledger_routes_serve_truces_contradictions_clusters_tolls_and_exports() {
    let app = loaded_app().await;
    let (status, _, body) = post(&app, Some(TOKEN), truce_article().to_string()).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let (status, _, body) = get(&app, "/api/truces").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let truces = body["truces"].as_array().unwrap();
    assert_eq!(truces.len(), 1, "{body}");
    assert_eq!(truces[0]["scope"], "El Fasher");
    assert_eq!(truces[0]["effective"]["time"], "06:00:00");
    let accusation = truces[0]["violations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["kind"] == "accusation")
        .unwrap_or_else(|| panic!("no accusation in {body}"));
    assert_eq!(accusation["accuser"], "SDN");
    assert_eq!(accusation["accused"], "Rapid Support Forces");
    // The event filters narrow the events the ledger is built from.
    let (_, _, elsewhere) = get(&app, "/api/truces?country=BFA").await;
    assert_eq!(elsewhere["truces"], json!([]), "{elsewhere}");

    let (_, _, body) = get(&app, "/api/claims?contradicting=true").await;
    assert!(body.get("claims").is_none(), "{body}");
    let gains = body["contradictions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "gains_versus_repulsed")
        .unwrap_or_else(|| panic!("no gains-versus-repulsed pair in {body}"));
    assert_eq!(gains["first"]["assertion"], "gains");
    assert_eq!(gains["second"]["assertion"], "repulsed");
    assert_eq!(gains["second"]["claimant"], "SDN");
    let (_, _, body) = get(&app, "/api/claims").await;
    assert!(body.get("contradictions").is_none(), "{body}");
    assert!(
        body["claims"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["claimant"] == "Rapid Support Forces"),
        "{body}"
    );

    // Clusters page through every cluster once.
    let (_, _, all) = get(&app, "/api/clusters?limit=1000").await;
    let all: Vec<Value> = all["clusters"].as_array().unwrap().clone();
    assert!(all.len() > 2, "{all:?}");
    let mut seen = Vec::new();
    let mut uri = "/api/clusters?limit=2".to_string();
    loop {
        let (status, _, page) = get(&app, &uri).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        seen.extend(page["clusters"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(cursor) => uri = format!("/api/clusters?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen, all);

    let (status, _, body) = get(&app, "/api/casualties").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["casualties"].is_object(), "{body}");

    // The filled answers match the published document too.
    let (_, _, doc) = get(&app, "/api/openapi.json").await;
    for (path, uri) in [
        ("/api/truces", "/api/truces"),
        ("/api/claims", "/api/claims"),
        ("/api/claims", "/api/claims?contradicting=true"),
        ("/api/clusters", "/api/clusters?limit=3"),
        ("/api/casualties", "/api/casualties"),
    ] {
        let (_, _, body) = get(&app, uri).await;
        let validator = response_validator(&doc, path, "get", 200);
        assert!(validator.is_valid(&body), "{uri}: {body}");
    }

    for (format, content_type, file) in [
        ("gdelt", "text/tab-separated-values", "observer-gdelt.tsv"),
        ("acled", "text/csv", "observer-acled.csv"),
        ("plover", "application/x-ndjson", "observer-plover.jsonl"),
        ("jsonl", "application/x-ndjson", "observer-clusters.jsonl"),
        ("csv", "text/csv", "observer-clusters.csv"),
    ] {
        let uri = format!("/api/export?format={format}");
        let (status, headers, body) = get(&app, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        let got = headers[header::CONTENT_TYPE].to_str().unwrap();
        assert!(got.starts_with(content_type), "{uri}: {got}");
        assert_eq!(
            headers[header::CONTENT_DISPOSITION],
            format!("attachment; filename=\"{file}\""),
            "{uri}"
        );
        assert!(body.to_string().contains("El Fasher"), "{uri}: {body}");
    }
    let (status, _, body) = get(&app, "/api/export").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(error_message(&body).contains("format"), "{body}");
}

#[tokio::test]
async fn hostile_filter_strings_on_the_ledger_routes_do_not_fail() {
    let app = loaded_app().await;
    for value in ["'; DROP TABLE events; --", "%", "<script>", "Şuşa ⚠", "\\"] {
        for filter in ["actor", "country", "place", "outlet", "article"] {
            for path in [
                "/api/truces",
                "/api/claims",
                "/api/claims?contradicting=true&x=1",
                "/api/clusters",
                "/api/casualties",
                "/api/export?format=jsonl",
            ] {
                let join = if path.contains('?') { '&' } else { '?' };
                let uri = format!("{path}{join}{filter}={}", query(value));
                let (status, _, body) = get(&app, &uri).await;
                assert_eq!(status, StatusCode::OK, "{uri}: {body}");
            }
        }
        for (path, status) in [
            ("/api/clusters?cursor=", StatusCode::BAD_REQUEST),
            ("/api/claims?contradicting=", StatusCode::BAD_REQUEST),
            ("/api/export?format=", StatusCode::BAD_REQUEST),
            ("/api/truces?type=", StatusCode::BAD_REQUEST),
        ] {
            let uri = format!("{path}{}", query(value));
            let (got, _, body) = get(&app, &uri).await;
            assert_eq!(got, status, "{uri}: {body}");
        }
    }
}
