//! JSON Lines: one article object per line, read a line at a time with a bound on line length, so
//! neither a huge file nor one runaway line is ever held in memory whole.

use crate::fields::{Fields, Precedence};
use crate::reader::read_error_reason;
use crate::text::{blanked_warning, check_not_binary, normalise_body};
use crate::{Metadata, Origin, Record, Skip};
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::io::{self, BufRead};

/// A JSON Lines stream being read.
pub(crate) struct JsonlStream {
    name: String,
    input: Box<dyn BufRead + Send>,
    /// Whether `input` is decompressed gzip, to name the likely cause of a read error.
    gzip: bool,
    max_line_bytes: usize,
    /// Number of the line last read (1-based).
    line_number: usize,
    line: Vec<u8>,
    finished: bool,
}

/// What [`read_line`] found.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    /// A line is in the buffer, without its line end.
    Complete,
    /// The line was longer than the limit: it was read past, not kept.
    TooLong,
    EndOfInput,
}

impl JsonlStream {
    pub fn new(
        name: String,
        input: Box<dyn BufRead + Send>,
        gzip: bool,
        max_line_bytes: usize,
    ) -> JsonlStream {
        JsonlStream {
            name,
            input,
            gzip,
            max_line_bytes,
            line_number: 0,
            line: Vec::new(),
            finished: false,
        }
    }

    /// The next record or skip; `None` at the end of the stream or after a read error.
    pub fn next_record(
        &mut self,
        meta: &Metadata,
        today: NaiveDate,
    ) -> Option<Result<Record, Skip>> {
        while !self.finished {
            let read = read_line(self.input.as_mut(), &mut self.line, self.max_line_bytes);
            let found = match read {
                Ok(found) => found,
                Err(error) => {
                    self.finished = true;
                    return Some(Err(self.read_error(&error)));
                }
            };
            if found == Line::EndOfInput {
                self.finished = true;
                return None;
            }
            self.line_number += 1;
            let origin = Origin::line(self.name.clone(), self.line_number);
            if found == Line::TooLong {
                let reason = format!(
                    "line longer than {} bytes, the limit for one record",
                    self.max_line_bytes
                );
                return Some(Err(Skip::new(origin, reason)));
            }
            let mut bytes = self.line.as_slice();
            if self.line_number == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let parsed = parse_line(bytes)
                .map(|fields| {
                    fields.into_record(origin.clone(), meta, Precedence::InputWins, today)
                })
                .map_err(|reason| Skip::new(origin, reason));
            return Some(parsed);
        }
        None
    }

    fn read_error(&self, error: &io::Error) -> Skip {
        let when = match self.line_number {
            0 => " at the start".to_string(),
            n => format!(" after line {n}"),
        };
        let reason = read_error_reason(self.gzip, error, &when);
        Skip::new(Origin::file(self.name.clone()), reason)
    }
}

/// Reads one line (up to `\n`, or the end of input) into `line`, without the line end. A line
/// longer than `max_bytes` is consumed but not stored.
fn read_line(input: &mut dyn BufRead, line: &mut Vec<u8>, max_bytes: usize) -> io::Result<Line> {
    line.clear();
    let mut too_long = false;
    let mut read_any = false;
    loop {
        let available = match input.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            return Ok(match (read_any, too_long) {
                (false, _) => Line::EndOfInput,
                (true, true) => Line::TooLong,
                (true, false) => Line::Complete,
            });
        }
        read_any = true;
        let newline = available.iter().position(|&b| b == b'\n');
        let chunk = &available[..newline.unwrap_or(available.len())];
        if !too_long {
            if line.len() + chunk.len() > max_bytes {
                too_long = true;
                line.clear();
                line.shrink_to(max_bytes.min(1 << 16));
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let used = chunk.len() + usize::from(newline.is_some());
        input.consume(used);
        if newline.is_some() {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(if too_long {
                Line::TooLong
            } else {
                Line::Complete
            });
        }
    }
}

/// One line's JSON object to article fields; errors are the reason to give for skipping it.
fn parse_line(bytes: &[u8]) -> Result<Fields, String> {
    let line = std::str::from_utf8(bytes)
        .map_err(|error| format!("not valid UTF-8 (byte {} of the line)", error.valid_up_to()))?;
    let value: Value = serde_json::from_str(line).map_err(|error| invalid_json(&error))?;
    let Value::Object(mut object) = value else {
        return Err(format!("not a JSON object (found {})", kind(&value)));
    };
    let (text, blanked) = match object.remove("text") {
        None | Some(Value::Null) => return Err("missing field `text`".to_string()),
        Some(Value::String(text)) => {
            check_not_binary(&text).map_err(|reason| format!("field `text`: {reason}"))?;
            normalise_body(&text)
        }
        Some(_) => return Err(must_be("text", "a string")),
    };
    if text.is_empty() {
        return Err("field `text` is empty".to_string());
    }
    let id = match object.remove("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => Some(id.trim().to_string()).filter(|id| !id.is_empty()),
        Some(Value::Number(number)) => Some(number.to_string()),
        Some(_) => return Err(must_be("id", "a string or a number")),
    };
    // `date` stands in for a missing `published`; when both are given, `date` stays an extra field.
    let published = match take_string(&mut object, "published")? {
        Some(published) => Some(published),
        None => take_string(&mut object, "date")?,
    };
    Ok(Fields {
        id,
        url: take_string(&mut object, "url")?,
        source: take_string(&mut object, "source")?,
        published,
        title: take_string(&mut object, "title")?,
        text,
        lang: take_string(&mut object, "lang")?,
        lang_hint: None,
        extra: object,
        warnings: blanked_warning(blanked).into_iter().collect(),
    })
}

/// Removes `key` from `object`: a trimmed, non-empty string, or `None` when absent, null or blank.
fn take_string(object: &mut Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match object.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(value)) => {
            Ok(Some(value.trim().to_string()).filter(|value| !value.is_empty()))
        }
        Some(_) => Err(must_be(key, "a string")),
    }
}

fn must_be(key: &str, what: &str) -> String {
    format!("field `{key}` must be {what}")
}

/// serde_json's message, with the column alone: every record is on line 1 of its own text.
fn invalid_json(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&position) {
        Some(what) => format!("invalid JSON: {what} at column {}", error.column()),
        None => format!("invalid JSON: {message}"),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn read_all(input: &str, max_line_bytes: usize) -> Vec<Result<Record, Skip>> {
        let input = Box::new(Cursor::new(input.as_bytes().to_vec()));
        let mut stream = JsonlStream::new("t.jsonl".into(), input, false, max_line_bytes);
        std::iter::from_fn(|| stream.next_record(&Metadata::default(), ymd(2024, 1, 1))).collect()
    }

    fn reason(line: &str) -> String {
        parse_line(line.as_bytes()).unwrap_err()
    }

    #[test]
    fn reads_lines_with_limits_and_line_ends() {
        let mut input = Cursor::new(b"ab\r\ncdefgh\n\nij".to_vec());
        let mut line = Vec::new();
        let mut next = || {
            let found = read_line(&mut input, &mut line, 4).unwrap();
            (found, String::from_utf8(line.clone()).unwrap())
        };
        assert_eq!(next(), (Line::Complete, "ab".into()));
        assert_eq!(next(), (Line::TooLong, "".into()));
        assert_eq!(next(), (Line::Complete, "".into()));
        assert_eq!(next(), (Line::Complete, "ij".into()));
        assert_eq!(next(), (Line::EndOfInput, "".into()));
    }

    #[test]
    fn a_too_long_line_spanning_many_buffers_is_skipped_alone() {
        let long = format!("{{\"text\": \"{}\"}}", "word ".repeat(5000));
        let input = format!("{{\"text\":\"One.\"}}\n{long}\n{{\"text\":\"Two.\"}}\n");
        let items = read_all(&input, 1000);
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].as_ref().unwrap().article.text, "One.");
        let skip = items[1].as_ref().unwrap_err();
        assert_eq!(
            skip.to_string(),
            "t.jsonl:2 line longer than 1000 bytes, the limit for one record"
        );
        let second = items[2].as_ref().unwrap();
        assert_eq!(
            (second.article.text.as_str(), second.origin.line),
            ("Two.", Some(3))
        );
    }

    #[test]
    fn maps_known_fields_and_keeps_the_rest() {
        let line = r#"{"id": 42, "url": " https://news.example/x ", "source": "Wire",
            "date": "20 October 2020", "title": "Shelling reported", "text": "Shells fell.\r\nMore.",
            "lang": "en", "tags": ["a", "b"], "score": 0.5, "author": null}"#
            .replace('\n', " ");
        let fields = parse_line(line.as_bytes()).unwrap();
        assert_eq!(fields.id.as_deref(), Some("42"));
        assert_eq!(fields.url.as_deref(), Some("https://news.example/x"));
        assert_eq!(fields.published.as_deref(), Some("20 October 2020"));
        assert_eq!(fields.text, "Shells fell.\nMore.");
        assert_eq!(fields.lang.as_deref(), Some("en"));
        assert_eq!(fields.extra.len(), 3);
        assert_eq!(fields.extra["tags"], serde_json::json!(["a", "b"]));
        assert_eq!(fields.extra["author"], Value::Null);
    }

    #[test]
    fn published_wins_over_date_and_blank_ids_are_derived() {
        let fields =
            parse_line(br#"{"published": "2020-10-20", "date": "x", "id": " ", "text": "T."}"#)
                .unwrap();
        assert_eq!(fields.published.as_deref(), Some("2020-10-20"));
        assert_eq!(fields.extra["date"], "x");
        assert_eq!(fields.id, None);
    }

    #[test]
    fn explains_every_bad_line() {
        assert_eq!(reason("oops"), "invalid JSON: expected value at column 1");
        assert_eq!(
            reason("{\"text\": \"a\""),
            "invalid JSON: EOF while parsing an object at column 12"
        );
        assert_eq!(reason("[1, 2]"), "not a JSON object (found an array)");
        assert_eq!(reason("\"text\""), "not a JSON object (found a string)");
        assert_eq!(reason("{\"title\": \"x\"}"), "missing field `text`");
        assert_eq!(reason("{\"text\": null}"), "missing field `text`");
        assert_eq!(reason("{\"text\": \"  \\n \"}"), "field `text` is empty");
        assert_eq!(reason("{\"text\": 5}"), "field `text` must be a string");
        assert_eq!(
            reason("{\"text\": \"a\\u0000b\"}"),
            "field `text`: binary data, not text (it holds NUL characters)"
        );
        assert_eq!(
            reason("{\"text\": \"a\", \"published\": 20201020}"),
            "field `published` must be a string"
        );
        assert_eq!(
            reason("{\"text\": \"a\", \"id\": [1]}"),
            "field `id` must be a string or a number"
        );
        assert_eq!(
            parse_line(b"{\"text\": \"caf\xC3\"}").unwrap_err(),
            "not valid UTF-8 (byte 13 of the line)"
        );
    }

    #[test]
    fn blank_lines_are_ignored_but_counted_and_a_bom_is_dropped() {
        let items = read_all(
            "\u{feff}{\"text\":\"A.\"}\n\n   \r\n{\"text\":\"B.\"}",
            1000,
        );
        let lines: Vec<_> = items
            .iter()
            .map(|r| r.as_ref().unwrap().origin.line)
            .collect();
        assert_eq!(lines, [Some(1), Some(4)]);
    }

    /// A reader that fails after yielding some bytes, as a truncated gzip stream does.
    struct Failing(Cursor<Vec<u8>>);
    impl io::Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match self.0.read(buf)? {
                0 => Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "unexpected end of file",
                )),
                n => Ok(n),
            }
        }
    }

    #[test]
    fn a_read_error_ends_the_stream_after_the_lines_before_it() {
        let failing = Failing(Cursor::new(b"{\"text\":\"A.\"}\n{\"text\":\"B".to_vec()));
        let input = Box::new(io::BufReader::new(failing));
        let mut stream = JsonlStream::new("t.jsonl.gz".into(), input, true, 1000);
        let meta = Metadata::default();
        let first = stream.next_record(&meta, ymd(2024, 1, 1)).unwrap().unwrap();
        assert_eq!(first.article.text, "A.");
        let skip = stream
            .next_record(&meta, ymd(2024, 1, 1))
            .unwrap()
            .unwrap_err();
        assert_eq!(
            skip.to_string(),
            "t.jsonl.gz gzip data truncated or corrupt after line 1: unexpected end of file"
        );
        assert!(stream.next_record(&meta, ymd(2024, 1, 1)).is_none());
    }
}
