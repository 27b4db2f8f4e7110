//! Text articles: decoding the bytes (UTF-8, or UTF-16 with a byte-order mark), refusing binary
//! data, the optional `---` front matter, and the body that becomes `Article::text`.

use crate::date::today;
use crate::fields::{Fields, Precedence};
use crate::{Metadata, Origin, Record, Skip};
use chrono::NaiveDate;
use serde_json::Value;

const BINARY: &str = "binary data, not text";
const HOLDS_NUL: &str = "binary data, not text (it holds NUL characters)";
pub(crate) const EMPTY: &str = "empty article";

/// Text with more control characters than this share (in percent) is taken for binary data:
/// binary that happens to be valid UTF-8 is full of them, text has at most a stray few.
const MAX_CONTROL_PERCENT: usize = 10;

/// Parses one text article (optional front matter) from bytes; used for single files and stdin.
/// `name` is the file name the [`Origin`] reports.
pub fn parse_text(name: &str, bytes: &[u8], meta: &Metadata) -> Result<Record, Skip> {
    parse_text_on(name, bytes, meta, today())
}

pub(crate) fn parse_text_on(
    name: &str,
    bytes: &[u8],
    meta: &Metadata,
    today: NaiveDate,
) -> Result<Record, Skip> {
    let origin = Origin::file(name);
    let skip = |reason: String| Skip::new(origin.clone(), reason);
    let decoded = decode(bytes).map_err(skip)?;
    check_not_binary(&decoded).map_err(skip)?;
    let (front_matter, body) = split_front_matter(&decoded).map_err(skip)?;
    let mut fields = fields_from_front_matter(&front_matter);
    let (text, blanked) = normalise_body(body);
    fields.text = text;
    fields.warnings.extend(blanked_warning(blanked));
    if fields.text.is_empty() {
        return Err(skip(EMPTY.to_string()));
    }
    Ok(fields.into_record(origin, meta, Precedence::MetadataWins, today))
}

/// Bytes to text: a UTF-8 byte-order mark is dropped, UTF-16 with a byte-order mark is decoded,
/// anything else must be UTF-8. Errors name the offending byte offset in `bytes`.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest, 3);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    decode_utf8(bytes, 0)
}

/// `offset` is where `bytes` starts in the input, for the error message.
fn decode_utf8(bytes: &[u8], offset: usize) -> Result<String, String> {
    if bytes.contains(&0) {
        return Err(HOLDS_NUL.to_string());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(error) => Err(format!(
            "not valid UTF-8 (byte {})",
            offset + error.valid_up_to()
        )),
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err("not valid UTF-16 (odd number of bytes)".to_string());
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut offset = 2; // after the byte-order mark
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => {
                text.push(c);
                offset += 2 * c.len_utf16();
            }
            Err(_) => return Err(format!("not valid UTF-16 (byte {offset})")),
        }
    }
    Ok(text)
}

/// Refuses text with NUL bytes or more than a few percent of other control characters.
pub(crate) fn check_not_binary(text: &str) -> Result<(), String> {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        if c == '\0' {
            return Err(HOLDS_NUL.to_string());
        }
        chars += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            controls += 1;
        }
    }
    if controls * 100 > chars * MAX_CONTROL_PERCENT {
        let percent = controls * 100 / chars;
        return Err(format!("{BINARY} ({percent}% control characters)"));
    }
    Ok(())
}

/// The article text as Observer keeps it: CRLF, lone CR and form feed made LF, other control characters
/// (escape sequences, bells, backspaces: stray bytes that would split words) made spaces, then
/// leading blank lines and trailing white space removed; everything else byte for byte. Returns
/// the text and the number of control characters made spaces.
pub(crate) fn normalise_body(body: &str) -> (String, usize) {
    let stray = |c: char| c.is_control() && !matches!(c, '\n' | '\t');
    let mut blanked = 0;
    let text: String = body
        .replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' | '\u{c}' => '\n',
            c if stray(c) => {
                blanked += 1;
                ' '
            }
            c => c,
        })
        .collect();
    let text = text.trim_end();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            break;
        }
        start += line.len();
    }
    (text[start..].to_string(), blanked)
}

/// The warning for an article whose control characters were made spaces.
pub(crate) fn blanked_warning(blanked: usize) -> Option<String> {
    (blanked > 0).then(|| match blanked {
        1 => "1 control character replaced by a space".to_string(),
        n => format!("{n} control characters replaced by spaces"),
    })
}

/// One `key: value` line of front matter.
#[derive(Debug, PartialEq, Eq)]
struct Entry<'a> {
    key: &'a str,
    value: &'a str,
}

/// Splits `text` into its front matter entries and the body after them. Text that does not start
/// with a `---` line has no front matter.
fn split_front_matter(text: &str) -> Result<(Vec<Entry<'_>>, &str), String> {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next().filter(|first| first.trim_end() == "---") else {
        return Ok((Vec::new(), text));
    };
    let mut consumed = first.len();
    let mut header = Vec::new();
    let closed = lines.any(|line| {
        consumed += line.len();
        let closing = line.trim() == "---";
        if !closing {
            header.push(line.trim());
        }
        closing
    });
    if !closed {
        return Err("malformed front matter: the `---` on line 1 is never closed".to_string());
    }
    let mut entries = Vec::new();
    for (index, content) in header.into_iter().enumerate() {
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let entry = parse_entry(content).ok_or_else(|| {
            // Line 1 is the opening `---`.
            format!(
                "malformed front matter: line {} is not `key: value`",
                index + 2
            )
        })?;
        entries.push(entry);
    }
    Ok((entries, &text[consumed..]))
}

fn parse_entry(line: &str) -> Option<Entry<'_>> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    let valid_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    valid_key.then(|| Entry {
        key,
        value: unquote(value.trim()),
    })
}

/// Removes one pair of matching surrounding quotes, as YAML-style front matter writes them.
fn unquote(value: &str) -> &str {
    ['"', '\'']
        .into_iter()
        .find_map(|quote| value.strip_prefix(quote)?.strip_suffix(quote))
        .unwrap_or(value)
}

fn fields_from_front_matter(entries: &[Entry<'_>]) -> Fields {
    let mut fields = Fields::default();
    let mut date = None;
    for entry in entries {
        if entry.value.is_empty() {
            continue;
        }
        let value = Some(entry.value.to_string());
        match entry.key.to_ascii_lowercase().as_str() {
            "title" => fields.title = value,
            "source" => fields.source = value,
            "published" => fields.published = value,
            "date" => date = value,
            "url" => fields.url = value,
            "id" => fields.id = value,
            "lang" => fields.lang = value,
            _ => {
                let value = Value::String(entry.value.to_string());
                fields.extra.insert(entry.key.to_string(), value);
            }
        }
    }
    // `date` stands in for `published`; when both are given it is kept as an extra field.
    match (&fields.published, date) {
        (None, date) => fields.published = date,
        (Some(_), Some(date)) => {
            fields.extra.insert("date".to_string(), Value::String(date));
        }
        (Some(_), None) => {}
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn parse(bytes: &[u8]) -> Result<Record, Skip> {
        parse_text_on("a.txt", bytes, &Metadata::default(), ymd(2024, 1, 1))
    }

    fn reason(bytes: &[u8]) -> String {
        parse(bytes).unwrap_err().reason
    }

    #[test]
    fn reads_front_matter_into_fields_and_extra() {
        let input = "---\ntitle: Border talks resume\nsource: \"Example Wire\"\n\
                     date: 2021-06-01\nurl: https://news.example/talks\nlang: en\n\
                     desk: Foreign\n\n---\n\nDelegations met on Monday.\n\nThey met again.\n\n";
        let record = parse(input.as_bytes()).unwrap();
        let article = &record.article;
        assert_eq!(article.title.as_deref(), Some("Border talks resume"));
        assert_eq!(article.source.as_deref(), Some("Example Wire"));
        assert_eq!(article.published, Some(ymd(2021, 6, 1)));
        assert_eq!(article.url.as_deref(), Some("https://news.example/talks"));
        assert_eq!(article.lang.as_deref(), Some("en"));
        assert_eq!(article.extra["desk"], "Foreign");
        assert_eq!(
            article.text,
            "Delegations met on Monday.\n\nThey met again."
        );
        assert!(record.warnings.is_empty());
        assert_eq!(
            article.id,
            observer_model::Article::derive_id(
                Some("Example Wire"),
                Some("https://news.example/talks"),
                &article.text
            )
        );
    }

    #[test]
    fn published_wins_over_date_which_is_then_kept_as_extra() {
        let record = parse(b"---\ndate: 2021-01-01\npublished: 2021-02-02\n---\nText.").unwrap();
        assert_eq!(record.article.published, Some(ymd(2021, 2, 2)));
        assert_eq!(record.article.extra["date"], "2021-01-01");
    }

    #[test]
    fn text_without_front_matter_is_all_body() {
        let record = parse(b"\n\n  \nFirst line.\r\n  Indented second.\r\n\r\n").unwrap();
        assert_eq!(record.article.text, "First line.\n  Indented second.");
        assert_eq!(record.article.id, {
            observer_model::Article::derive_id(None, None, "First line.\n  Indented second.")
        });
    }

    #[test]
    fn malformed_front_matter_is_refused() {
        assert_eq!(
            reason(b"---\ntitle: Never closed\nText."),
            "malformed front matter: the `---` on line 1 is never closed"
        );
        assert_eq!(
            reason(b"---\ntitle: ok\nthis line has no colon\n---\nText."),
            "malformed front matter: line 3 is not `key: value`"
        );
        assert_eq!(
            reason(b"---"),
            "malformed front matter: the `---` on line 1 is never closed"
        );
    }

    #[test]
    fn empty_and_whitespace_articles_are_refused() {
        assert_eq!(reason(b""), EMPTY);
        assert_eq!(reason(b" \n\t\r\n "), EMPTY);
        assert_eq!(reason(b"---\ntitle: Only a title\n---\n\n\n"), EMPTY);
        assert_eq!(reason(b"\xEF\xBB\xBF"), EMPTY);
    }

    #[test]
    fn decodes_boms_and_refuses_bad_encodings() {
        let record = parse(b"\xEF\xBB\xBFCaf\xC3\xA9 opened.").unwrap();
        assert_eq!(record.article.text, "Café opened.");

        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Talks end.\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(parse(&utf16le).unwrap().article.text, "Talks end.");
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Talks 🕊 end.".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(parse(&utf16be).unwrap().article.text, "Talks 🕊 end.");

        assert_eq!(reason(b"Good start \xFF bad"), "not valid UTF-8 (byte 11)");
        assert_eq!(reason(b"\xEF\xBB\xBFab\xC3"), "not valid UTF-8 (byte 5)");
        assert_eq!(
            reason(b"\xFF\xFEa"),
            "not valid UTF-16 (odd number of bytes)"
        );
        // A lone high surrogate (0xD800) after "a".
        assert_eq!(
            reason(b"\xFF\xFEa\x00\x00\xD8"),
            "not valid UTF-16 (byte 4)"
        );
    }

    #[test]
    fn binary_data_is_refused() {
        assert_eq!(
            reason(b"text\0with a NUL"),
            "binary data, not text (it holds NUL characters)"
        );
        assert_eq!(
            reason(b"\x7fELF\x02\x01\x01\x03\x04\x05 some words"),
            "binary data, not text (33% control characters)"
        );
    }

    #[test]
    fn stray_control_characters_become_spaces_with_a_warning() {
        let record =
            parse(b"Rebels\x1b[31m shelled\x07 the\x08town.\r\nTalks\tresumed.\x0c").unwrap();
        assert_eq!(
            record.article.text,
            "Rebels [31m shelled  the town.\nTalks\tresumed."
        );
        assert_eq!(record.warnings, ["3 control characters replaced by spaces"]);
        assert!(parse(b"Plain text.").unwrap().warnings.is_empty());
        // Found by the fuzzer: a control character at the end becomes white space, then trimmed.
        let record = parse(b"re\x0c\x0c\x0c\x0cndm\n\x02").unwrap();
        assert_eq!(record.article.text, "re\n\n\n\nndm");
        assert_eq!(record.warnings, ["1 control character replaced by a space"]);
        // Old Mac line ends and page breaks.
        let record = parse(b"First line.\rSecond line.\x0cThird.\r").unwrap();
        assert_eq!(record.article.text, "First line.\nSecond line.\nThird.");
        assert!(record.warnings.is_empty());
    }
}
