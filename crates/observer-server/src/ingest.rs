//! `POST /api/articles`: articles sent as one JSON object, a JSON array of objects, or JSON
//! Lines, read with the same field rules as `observer ingest` (observer-ingest's JSON Lines
//! reader), coded at once, and saved in one transaction.
//!
//! As in `observer ingest`, an article already stored with the same text and coded by this
//! engine is left alone, a revised one (same id, same outlet and url, or same text) replaces the
//! stored one and its events, an article sent twice in the body is coded once with the later
//! text (observer-ingest's [`Batch`]), and a record that cannot be read or coded is reported and
//! skipped while the rest are saved. Coding is observer-coder's, as for the CLI: an article not
//! in English is stored un-coded (and listed under `not_coded`).

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::HeaderMap;
use observer_ingest::{Batch, Format, Merge, Metadata, Skip};
use observer_store::{Coded, Store};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{ApiError, ErrorBody};
use crate::security::require_token;
use crate::state::AppState;

/// The name the records of a request body are reported under.
const BODY_NAME: &str = "request body";

/// What a `POST /api/articles` did with each record.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct IngestReport {
    /// Ids of the articles stored for the first time.
    pub new: Vec<String>,
    /// Ids of stored articles replaced by a revision (or re-coded by a newer engine).
    pub updated: Vec<String>,
    /// Ids of articles already stored as sent.
    pub unchanged: Vec<String>,
    /// Ids of new or updated articles stored without coding, as they are not in English (also
    /// listed under `new` or `updated`).
    pub not_coded: Vec<String>,
    /// Events coded from the new and updated articles.
    pub events: usize,
    /// Records that could not be read or coded, each with its place in the body and the reason.
    pub skipped: Vec<SkippedRecord>,
}

impl IngestReport {
    fn skip(&mut self, skip: Skip) {
        self.skipped.push(SkippedRecord {
            record: skip.origin.to_string(),
            reason: skip.reason,
        });
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SkippedRecord {
    /// `request body:N`, N the record's line (JSON Lines) or position (array), from 1.
    pub record: String,
    pub reason: String,
}

/// Stores and codes articles. Needs `Authorization: Bearer <token>` with the token the server
/// was started with; without one, writes are disabled.
#[utoipa::path(post, path = "/api/articles", tag = "articles",
    request_body(content = String, description = "One article object, a JSON array of them, or \
        JSON Lines. Fields: id, url, source, published, title, text (required), lang; others are \
        kept.", content_type = "application/json"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "What was stored", body = IngestReport),
        (status = 400, description = "No record could be read", body = ErrorBody),
        (status = 401, description = "Missing or wrong token", body = ErrorBody),
        (status = 403, description = "Writes are disabled", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
    ))]
pub async fn post_articles(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<IngestReport>, ApiError> {
    require_token(&state, &headers)?;
    let body =
        body.map_err(|rejection| ApiError::new(rejection.status(), rejection.body_text()))?;
    let lines = as_json_lines(&body)?;
    let extractor = state.extractor.clone();
    let report = state
        .with_store(move |store| ingest(store, &extractor, lines))
        .await?;
    if report.new.is_empty() && report.updated.is_empty() && report.unchanged.is_empty() {
        let reasons: Vec<String> = report
            .skipped
            .iter()
            .map(|skip| format!("{}: {}", skip.record, skip.reason))
            .collect();
        return Err(ApiError::bad_request(if reasons.is_empty() {
            "the body holds no article".to_string()
        } else {
            format!("no article could be read: {}", reasons.join("; "))
        }));
    }
    Ok(Json(report))
}

/// The body as JSON Lines: a JSON array becomes one line per element, one object one line, and
/// anything else is taken to be JSON Lines already.
fn as_json_lines(body: &[u8]) -> Result<Vec<u8>, ApiError> {
    let text = body.trim_ascii_start();
    if text.is_empty() {
        return Err(ApiError::bad_request(
            "the body is empty: send articles as JSON",
        ));
    }
    if text.starts_with(b"[") {
        let items: Vec<serde_json::Value> = serde_json::from_slice(text).map_err(|e| {
            ApiError::bad_request(format!("the body is not a valid JSON array: {e}"))
        })?;
        let mut lines = Vec::new();
        for item in items {
            serde_json::to_writer(&mut lines, &item)
                .map_err(|e| ApiError::internal(format!("re-encoding an article: {e}")))?;
            lines.push(b'\n');
        }
        return Ok(lines);
    }
    if let Ok(object @ serde_json::Value::Object(_)) = serde_json::from_slice(text) {
        return serde_json::to_vec(&object)
            .map_err(|e| ApiError::internal(format!("re-encoding an article: {e}")));
    }
    Ok(text.to_vec())
}

/// Reads, codes and saves the articles of `lines` (JSON Lines). An article sent twice in the
/// body is coded once, with the later text, as `observer ingest` does.
fn ingest(
    store: &mut dyn Store,
    extractor: &observer_extract::Extractor,
    lines: Vec<u8>,
) -> Result<IngestReport, ApiError> {
    let mut report = IngestReport::default();
    // Each queued article is marked with whether it revises a stored one.
    let mut batch: Batch<bool> = Batch::default();
    let reader = observer_ingest::read_stream(
        BODY_NAME,
        std::io::Cursor::new(lines),
        &Metadata::default(),
        Format::Jsonl,
    );
    for item in reader {
        let record = match item {
            Ok(record) => record,
            Err(skip) => {
                report.skip(skip);
                continue;
            }
        };
        let hash = record.article.text_hash();
        let (mut record, hash) = match batch.merge(record, hash) {
            Merge::Same(id) => {
                report.unchanged.push(id);
                continue;
            }
            Merge::Revised(id) => {
                report.updated.push(id);
                continue;
            }
            Merge::Unseen(record, hash) => (*record, hash),
        };
        let revision = match store.find_existing(&record.article)? {
            // Found by its text alone, but that article is revised by this body to another
            // text: this is another article with the old text.
            Some(stored) if batch.holds(&stored.id) => false,
            Some(stored)
                if stored.text_hash == hash
                    && observer_coder::up_to_date(&stored.extractor_version, &record.article) =>
            {
                report.unchanged.push(stored.id);
                continue;
            }
            Some(stored) => {
                record.article.id = stored.id;
                true
            }
            None => false,
        };
        batch.push(record, revision, hash);
    }
    let queued = batch.take();
    let revisions: Vec<bool> = queued.iter().map(|queued| queued.kind).collect();
    let records = queued.into_iter().map(|queued| queued.record).collect();
    let mut coded = Vec::new();
    for (result, revision) in observer_coder::code_all(extractor, records)
        .into_iter()
        .zip(revisions)
    {
        let (record, extraction) = match result {
            Ok(done) => done,
            Err(skip) => {
                report.skip(skip);
                continue;
            }
        };
        let article = record.article;
        if revision {
            report.updated.push(article.id.clone());
        } else {
            report.new.push(article.id.clone());
        }
        let extractor_version = observer_coder::stored_version(&article);
        if extractor_version.is_empty() {
            report.not_coded.push(article.id.clone());
        }
        report.events += extraction.events.len();
        coded.push(Coded {
            article,
            events: extraction.events,
            extractor_version: extractor_version.to_string(),
        });
    }
    store.save_batch(&coded)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_objects_and_lines_all_become_json_lines() {
        let lines =
            |body: &str| String::from_utf8(as_json_lines(body.as_bytes()).unwrap()).unwrap();
        assert_eq!(
            lines(r#" [{"text": "a"}, {"text": "b"}]"#),
            "{\"text\":\"a\"}\n{\"text\":\"b\"}\n"
        );
        assert_eq!(lines("{\n  \"text\": \"a\"\n}"), "{\"text\":\"a\"}");
        assert_eq!(
            lines("{\"text\": \"a\"}\n{\"text\": \"b\"}\n"),
            "{\"text\": \"a\"}\n{\"text\": \"b\"}\n"
        );
        assert!(as_json_lines(b"  ").is_err());
        let error = as_json_lines(b"[{\"text\": ").unwrap_err();
        assert!(
            error.message.contains("not a valid JSON array"),
            "{}",
            error.message
        );
    }
}
