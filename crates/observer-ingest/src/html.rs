//! HTML pages: the article's main text (navigation, ads, captions and "read more" blocks dropped)
//! with its title, byline, publication date, canonical URL and outlet name.
//!
//! The main text comes from `dom_smoothie`, a port of Mozilla's Readability; its metadata (from
//! `<meta>` tags such as `article:published_time` and `og:site_name`, and from JSON-LD) is
//! completed here with the canonical link and a `<time datetime>` element, and the text is
//! trimmed of the promotional lines Readability keeps.

use crate::fields::{Fields, Precedence};
use crate::text::{check_not_binary, decode, normalise_body};
use crate::{Metadata, Origin, Record, Skip};
use chrono::NaiveDate;
use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;

/// Pages with more elements than this are refused rather than parsed (a guard against
/// pathological documents; real article pages have a few thousand).
const MAX_ELEMENTS: usize = 200_000;

/// Main text shorter than this many words is page furniture (an index page, a login wall, a
/// photo gallery), not an article.
const MIN_WORDS: usize = 15;

/// Elements holding photo captions and credits.
const CAPTIONS: &str = "figcaption, [class*='caption'], [class*='photo-credit']";

/// What a page says about its article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// The publication date as the page writes it.
    pub published: Option<String>,
    /// The canonical URL (`<link rel="canonical">`, else `og:url` or JSON-LD `url`).
    pub url: Option<String>,
    /// The outlet (`og:site_name`, else the JSON-LD publisher).
    pub site_name: Option<String>,
    /// The language the page declares (`<html lang>`), not checked against the text.
    pub declared_lang: Option<String>,
    /// The main text, paragraphs separated by blank lines.
    pub text: String,
}

/// Extracts the article from an HTML document. `page_url`, when known, is the address the page
/// was fetched from (it resolves relative links and is the URL when the page names none).
pub fn extract_page(html: &str, page_url: Option<&str>) -> Result<Page, String> {
    let document = Document::from(html);
    let canonical = attribute(&document, "link[rel~='canonical'][href]", "href")
        .or_else(|| attribute(&document, "meta[property='og:url'][content]", "content"));
    let time = attribute(&document, "time[datetime]", "datetime");
    let declared_lang = attribute(&document, "html[lang]", "lang");
    // Photo captions describe pictures, not the news; Readability keeps those not marked up as
    // <figcaption> (AMP and many CMS templates use a classed paragraph).
    document.select(CAPTIONS).remove();
    let config = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let page_url = page_url.filter(|url| url.starts_with("http://") || url.starts_with("https://"));
    let mut readability = Readability::with_document(document, page_url, Some(config))
        .map_err(|error| format!("cannot read the page: {error}"))?;
    let article = readability
        .parse()
        .map_err(|error| format!("no article text found in the page ({error})"))?;
    let text = main_text(&article.text_content);
    let words = text.split_whitespace().count();
    if words < MIN_WORDS {
        return Err(format!(
            "no article text found in the page (only {words} words of main text)"
        ));
    }
    Ok(Page {
        title: non_empty(Some(article.title)),
        byline: non_empty(article.byline),
        published: non_empty(article.published_time).or(time),
        url: canonical
            .or_else(|| non_empty(article.url))
            .or_else(|| page_url.map(str::to_string)),
        site_name: non_empty(article.site_name),
        declared_lang,
        text,
    })
}

/// Reads one HTML page from bytes into a record, the page's metadata filling what `meta` does not
/// give. `fetched_from` is the URL it was fetched from, when known (a WARC record, `watch`).
pub(crate) fn parse_html_on(
    origin: Origin,
    bytes: &[u8],
    fetched_from: Option<&str>,
    meta: &Metadata,
    today: NaiveDate,
) -> Result<Record, Skip> {
    let skip = |reason: String| Skip::new(origin.clone(), reason);
    let mut warnings = Vec::new();
    let html = match decode(bytes) {
        Ok(html) => html,
        Err(_) if let Some(encoding) = declared_encoding(bytes) => {
            let (html, _, replaced) = encoding.decode(bytes);
            if replaced {
                warnings.push(format!("bytes not valid in {}: replaced", encoding.name()));
            }
            html.into_owned()
        }
        Err(problem) if !bytes.contains(&0) => {
            warnings.push(format!("{problem}: undecodable bytes replaced"));
            String::from_utf8_lossy(bytes).into_owned()
        }
        Err(problem) => return Err(skip(problem)),
    };
    check_not_binary(&html).map_err(|reason| skip(reason.to_string()))?;
    let page = extract_page(&html, fetched_from).map_err(skip)?;
    let mut record = page_fields(page).into_record(origin, meta, Precedence::MetadataWins, today);
    record.warnings.splice(0..0, warnings);
    Ok(record)
}

/// How far into a page its `<meta charset>` is looked for (the HTML standard says 1024 bytes).
const CHARSET_WINDOW: usize = 1024;

/// The character encoding a page that is not UTF-8 declares in its first bytes (`<meta
/// charset="windows-1251">` or `<meta http-equiv="Content-Type" content="text/html;
/// charset=...">`), if `encoding_rs` knows the label.
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head =
        String::from_utf8_lossy(&bytes[..bytes.len().min(CHARSET_WINDOW)]).to_ascii_lowercase();
    let after = &head[head.find("charset=")? + "charset=".len()..];
    let label: String = after
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// The article fields of an extracted page; the byline is kept as the extra field `byline`.
pub(crate) fn page_fields(page: Page) -> Fields {
    let mut fields = Fields {
        url: page.url,
        source: page.site_name,
        published: page.published,
        title: page.title,
        text: page.text,
        lang_hint: page.declared_lang,
        ..Fields::default()
    };
    if let Some(byline) = page.byline {
        fields
            .extra
            .insert("byline".to_string(), Value::String(byline));
    }
    fields
}

/// The first value of `attribute` on an element matching `selector`, trimmed, if not empty.
fn attribute(document: &Document, selector: &str, attribute: &str) -> Option<String> {
    let selection = document.select(selector);
    let value = selection
        .nodes()
        .iter()
        .find_map(|node| node.attr(attribute))?;
    non_empty(Some(value.to_string()))
}

fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|value| value.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|value| !value.is_empty())
}

/// Readability's text as Observer keeps it: one paragraph per block, separated by blank lines,
/// without the promotional lines ("Read more: ...", "Advertisement") that survive extraction.
fn main_text(formatted: &str) -> String {
    let paragraphs: Vec<String> = formatted
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty() && !is_boilerplate(line))
        .collect();
    normalise_body(&paragraphs.join("\n\n")).0
}

/// Short lines that are page furniture rather than reporting.
fn is_boilerplate(line: &str) -> bool {
    const PREFIXES: [&str; 8] = [
        "read more",
        "read also",
        "related:",
        "see also",
        "advertisement",
        "sign up for",
        "subscribe to",
        "share this",
    ];
    let lower = line.to_lowercase();
    line.len() < 200 && PREFIXES.iter().any(|prefix| lower.starts_with(prefix))
}
