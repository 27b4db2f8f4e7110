//! WARC web archives (the format of public news crawls), plain or gzipped: every HTML response
//! record with status 200 becomes an article, with its URL and fetch date; other records are
//! passed over and counted. Records are streamed one at a time: only the HTML page in hand is
//! held in memory (bounded by the reader's byte limit), so a multi-gigabyte archive never is.
//!
//! Record headers are parsed by the `warc` crate, the archived HTTP response by `httparse`. A
//! malformed record is reported and the reader resumes at the next `WARC/` header line.

use crate::html::parse_html_on;
use crate::reader::read_error_reason;
use crate::{Metadata, Origin, Record, Skip};
use chrono::{NaiveDate, SecondsFormat};
use flate2::read::MultiGzDecoder;
use serde_json::Value;
use std::io::{self, BufRead, Read};
use warc::{RecordType, WarcHeader, WarcReader};

/// The longest HTTP status line and headers read from a response record.
const MAX_HTTP_HEAD: usize = 64 << 10;

/// How many HTTP headers a response may have.
const MAX_HTTP_HEADERS: usize = 128;

/// The longest line skipped while looking for the next record after a malformed one.
const MAX_RESYNC_LINE: u64 = 1 << 20;

/// Records of WARC files that were passed over, not read as articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PassedOver {
    /// Responses whose content is not HTML (images, scripts, PDFs, ...).
    pub not_html: u64,
    /// Responses whose HTTP status is not 200 (redirects, errors).
    pub not_ok: u64,
    /// Records other than responses (warcinfo, request, metadata, revisit, ...).
    pub not_response: u64,
}

impl PassedOver {
    pub fn total(&self) -> u64 {
        self.not_html + self.not_ok + self.not_response
    }
}

/// A WARC stream being read.
pub(crate) struct WarcStream {
    name: String,
    input: Box<dyn BufRead + Send>,
    gzip: bool,
    max_bytes: usize,
    /// Number of the record last read (1-based).
    number: usize,
    finished: bool,
}

/// What one record turned out to be.
enum Outcome {
    Page(Box<Result<Record, Skip>>),
    PassedOver(fn(&mut PassedOver) -> &mut u64),
}

impl WarcStream {
    pub fn new(
        name: String,
        input: Box<dyn BufRead + Send>,
        gzip: bool,
        max_bytes: usize,
    ) -> WarcStream {
        WarcStream {
            name,
            input,
            gzip,
            max_bytes,
            number: 0,
            finished: false,
        }
    }

    /// The next article or skip; `None` at the end of the stream. Records passed over are
    /// counted in `passed_over`.
    pub fn next_record(
        &mut self,
        meta: &Metadata,
        today: NaiveDate,
        passed_over: &mut PassedOver,
    ) -> Option<Result<Record, Skip>> {
        while !self.finished {
            let outcome = match self.read_record(meta, today) {
                Ok(Some(outcome)) => outcome,
                Ok(None) => {
                    self.finished = true;
                    return None;
                }
                Err(reason) => {
                    let skip = Skip::new(
                        Origin::part(self.name.clone(), "record", self.number),
                        reason,
                    );
                    self.resynchronise();
                    return Some(Err(skip));
                }
            };
            match outcome {
                Outcome::Page(item) => return Some(*item),
                Outcome::PassedOver(counter) => *counter(passed_over) += 1,
            }
        }
        None
    }

    /// Reads one record whole (its body drained to the end), or says why it is malformed.
    fn read_record(
        &mut self,
        meta: &Metadata,
        today: NaiveDate,
    ) -> Result<Option<Outcome>, String> {
        let mut reader = WarcReader::new(&mut self.input);
        let mut records = reader.stream_records();
        let outcome = match records.next_item() {
            None => return Ok(None),
            Some(Err(error)) => {
                self.number += 1;
                return Err(describe(&error, self.gzip));
            }
            Some(Ok(mut record)) => {
                self.number += 1;
                let origin = Origin::part(self.name.clone(), "record", self.number);
                let outcome = if *record.warc_type() == RecordType::Response {
                    let url = record
                        .header(WarcHeader::TargetURI)
                        .map(|uri| uri.trim().to_string());
                    let fetched = record.date().to_rfc3339_opts(SecondsFormat::Secs, true);
                    let page = read_http_response(&mut record, self.max_bytes);
                    match page {
                        Ok(Response::Html(body)) => {
                            let item = parse_html_on(origin, &body, url.as_deref(), meta, today)
                                .map(|mut page| {
                                    page.article
                                        .extra
                                        .insert("fetched".to_string(), Value::String(fetched));
                                    page
                                });
                            Outcome::Page(Box::new(item))
                        }
                        Ok(Response::NotHtml) => Outcome::PassedOver(|counts| &mut counts.not_html),
                        Ok(Response::NotOk) => Outcome::PassedOver(|counts| &mut counts.not_ok),
                        Err(reason) => Outcome::Page(Box::new(Err(Skip::new(origin, reason)))),
                    }
                } else {
                    Outcome::PassedOver(|counts| &mut counts.not_response)
                };
                io::copy(&mut record, &mut io::sink())
                    .map_err(|error| read_error(&error, self.gzip))?;
                outcome
            }
        };
        let mut trailer = [0u8; 4];
        self.input
            .read_exact(&mut trailer)
            .map_err(|error| read_error(&error, self.gzip))?;
        if &trailer != b"\r\n\r\n" {
            return Err("malformed WARC record: its block is not followed by two CRLF".to_string());
        }
        Ok(Some(outcome))
    }

    /// Skips to the next line that starts a record (`WARC/1.`), or to the end of the stream.
    fn resynchronise(&mut self) {
        let mut line = Vec::new();
        loop {
            match self.input.fill_buf() {
                Ok([]) => break,
                Ok(buffer) if buffer.starts_with(b"WARC/1.") => return,
                Ok(_) => {}
                Err(_) => break,
            }
            line.clear();
            let read = (&mut self.input)
                .take(MAX_RESYNC_LINE)
                .read_until(b'\n', &mut line);
            if !matches!(read, Ok(n) if n > 0) {
                break;
            }
        }
        self.finished = true;
    }
}

fn describe(error: &warc::Error, gzip: bool) -> String {
    match error {
        warc::Error::ReadData(io) => read_error(io, gzip),
        warc::Error::UnexpectedEOB => "WARC file ends inside a record".to_string(),
        other => format!("malformed WARC record: {other}"),
    }
}

fn read_error(error: &io::Error, gzip: bool) -> String {
    if error.kind() == io::ErrorKind::UnexpectedEof && !gzip {
        return "WARC file ends inside a record".to_string();
    }
    read_error_reason(gzip, error, "")
}

/// What an archived HTTP response holds.
enum Response {
    Html(Vec<u8>),
    NotHtml,
    NotOk,
}

/// Reads the HTTP response in a record's block: its status and content type, and for a 200 HTML
/// response its body (de-chunked and un-gzipped), at most `max_bytes`.
fn read_http_response(block: &mut impl Read, max_bytes: usize) -> Result<Response, String> {
    let mut head = Vec::new();
    let mut chunk = [0u8; 4096];
    let (status, content_type, chunked, encoding, body_start) = loop {
        let read = block
            .read(&mut chunk)
            .map_err(|error| format!("cannot read the HTTP response: {error}"))?;
        head.extend_from_slice(&chunk[..read]);
        let mut headers = [httparse::EMPTY_HEADER; MAX_HTTP_HEADERS];
        let mut response = httparse::Response::new(&mut headers);
        match response.parse(&head) {
            Ok(httparse::Status::Complete(length)) => {
                let header = |name: &str| {
                    response
                        .headers
                        .iter()
                        .find(|header| header.name.eq_ignore_ascii_case(name))
                        .map(|header| {
                            String::from_utf8_lossy(header.value)
                                .trim()
                                .to_ascii_lowercase()
                        })
                };
                let chunked =
                    header("transfer-encoding").is_some_and(|value| value.contains("chunked"));
                break (
                    response.code.unwrap_or_default(),
                    header("content-type"),
                    chunked,
                    header("content-encoding"),
                    length,
                );
            }
            Ok(httparse::Status::Partial) if read == 0 => {
                return Err("the HTTP response ends inside its headers".to_string());
            }
            Ok(httparse::Status::Partial) if head.len() > MAX_HTTP_HEAD => {
                return Err(format!(
                    "HTTP response headers longer than {MAX_HTTP_HEAD} bytes"
                ));
            }
            Ok(httparse::Status::Partial) => {}
            Err(error) => return Err(format!("not an HTTP response: {error}")),
        }
    };
    if status != 200 {
        return Ok(Response::NotOk);
    }
    if !content_type.as_deref().is_some_and(is_html_type) {
        return Ok(Response::NotHtml);
    }
    let limit = u64::try_from(max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut body = head.split_off(body_start);
    block
        .take(limit.saturating_sub(body.len() as u64))
        .read_to_end(&mut body)
        .map_err(|error| format!("cannot read the HTTP response: {error}"))?;
    if body.len() > max_bytes {
        return Err(format!("page larger than {max_bytes} bytes"));
    }
    if chunked {
        body = dechunk(&body)?;
    }
    match encoding.as_deref() {
        None | Some("identity" | "") => Ok(Response::Html(body)),
        Some("gzip" | "x-gzip") => {
            let mut page = Vec::new();
            MultiGzDecoder::new(body.as_slice())
                .take(limit)
                .read_to_end(&mut page)
                .map_err(|error| format!("gzip-encoded page is corrupt: {error}"))?;
            if page.len() > max_bytes {
                return Err(format!("page larger than {max_bytes} bytes"));
            }
            Ok(Response::Html(page))
        }
        Some(other) => Err(format!("unsupported content encoding {other:?}")),
    }
}

fn is_html_type(content_type: &str) -> bool {
    let media_type = content_type.split(';').next().unwrap_or_default().trim();
    media_type == "text/html" || media_type == "application/xhtml+xml"
}

/// Decodes an HTTP body sent with `Transfer-Encoding: chunked`.
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let mut decoded = Vec::with_capacity(body.len());
    loop {
        let (start, size) = match httparse::parse_chunk_size(body) {
            Ok(httparse::Status::Complete(found)) => found,
            _ => return Err("malformed chunked HTTP body".to_string()),
        };
        if size == 0 {
            return Ok(decoded);
        }
        let end = usize::try_from(size)
            .ok()
            .and_then(|size| start.checked_add(size))
            .filter(|end| *end <= body.len())
            .ok_or("chunked HTTP body ends inside a chunk")?;
        decoded.extend_from_slice(&body[start..end]);
        body = body[end..]
            .strip_prefix(b"\r\n")
            .ok_or("malformed chunked HTTP body")?;
    }
}
