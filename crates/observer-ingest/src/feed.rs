//! RSS 2.0, RSS 1.0 and Atom feeds, parsed by `feed-rs`: each item becomes an article. An item
//! whose feed carries only a summary is coded from the summary, marked so in the article's extra
//! field `text_from`, unless the caller (`observer watch`) fetches the linked page instead.
//!
//! A feed is read whole (feeds are small, and bounded like a text article by the reader's byte
//! limit); its items are then handed out one at a time.

use crate::date::today;
use crate::fields::{Fields, Precedence};
use crate::html::parse_html_on;
use crate::text::normalise_body;
use crate::{Metadata, Origin, Record, Skip};
use chrono::NaiveDate;
use dom_query::Document;
use feed_rs::model::{Entry, Feed, Text};
use serde_json::Value;

/// Where an item's text came from, as the extra field `text_from` records it.
pub const TEXT_FROM_SUMMARY: &str = "feed summary";

/// One item of a feed, before it becomes an article.
#[derive(Debug, Clone)]
pub struct FeedItem {
    pub origin: Origin,
    /// What identifies the item across polls: its guid or id, else its link.
    pub key: String,
    /// The item's link to the full article, if any.
    pub link: Option<String>,
    pub title: Option<String>,
    /// The publication (else update) date, RFC 3339.
    pub published: Option<String>,
    pub byline: Option<String>,
    /// The feed's title, which names the outlet.
    pub source: Option<String>,
    /// The language the feed or item declares.
    pub lang_hint: Option<String>,
    /// The full text (`content:encoded`, Atom `content`), if the feed carries it.
    pub content: Option<String>,
    /// The summary (RSS `description`, Atom `summary`), if any.
    pub summary: Option<String>,
}

/// Parses a feed into its items; a feed that is not well-formed XML, or not RSS or Atom, is one
/// [`Skip`] naming the file.
pub fn parse_feed(name: &str, bytes: &[u8]) -> Result<Vec<FeedItem>, Skip> {
    let feed = feed_rs::parser::parse(bytes).map_err(|error| {
        Skip::new(
            Origin::file(name),
            format!("not a valid RSS or Atom feed: {error}"),
        )
    })?;
    let Feed {
        title,
        language,
        entries,
        ..
    } = feed;
    let source = title.map(|title| plain(&title));
    Ok(entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| {
            let origin = Origin::part(name, "item", index + 1);
            item(origin, entry, source.clone(), language.clone())
        })
        .collect())
}

fn item(
    origin: Origin,
    entry: Entry,
    source: Option<String>,
    feed_lang: Option<String>,
) -> FeedItem {
    let link = entry
        .links
        .iter()
        .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or(entry.links.first())
        .map(|link| link.href.trim().to_string())
        .filter(|href| !href.is_empty());
    let key = if entry.id.trim().is_empty() {
        link.clone().unwrap_or_default()
    } else {
        entry.id.trim().to_string()
    };
    let byline = entry
        .authors
        .iter()
        .filter_map(|person| person.name.as_deref())
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let content = entry
        .content
        .and_then(|content| content.body)
        .map(|body| html_text(&body))
        .filter(|text| !text.is_empty());
    FeedItem {
        origin,
        key,
        link,
        title: entry
            .title
            .map(|title| plain(&title))
            .filter(|title| !title.is_empty()),
        published: entry
            .published
            .or(entry.updated)
            .map(|date| date.to_rfc3339()),
        byline: (!byline.is_empty()).then_some(byline),
        source: source.filter(|source| !source.is_empty()),
        lang_hint: entry.language.or(feed_lang),
        content,
        summary: entry
            .summary
            .map(|summary| plain(&summary))
            .filter(|text| !text.is_empty()),
    }
}

impl FeedItem {
    /// Whether the feed carries the item's full text, not just a summary.
    pub fn has_full_text(&self) -> bool {
        self.content.is_some()
    }

    /// The article of the item from the feed alone: its full text, else its summary (marked
    /// with `text_from`); an item with neither is skipped.
    pub fn into_record(self, meta: &Metadata) -> Result<Record, Skip> {
        self.into_record_on(meta, today())
    }

    pub(crate) fn into_record_on(self, meta: &Metadata, today: NaiveDate) -> Result<Record, Skip> {
        let mut fields = self.fields();
        let summary_only = self.content.is_none();
        let Some(text) = self.content.or(self.summary) else {
            return Err(Skip::new(
                self.origin,
                "item has neither content nor summary",
            ));
        };
        fields.text = text;
        if summary_only {
            let from = Value::String(TEXT_FROM_SUMMARY.to_string());
            fields.extra.insert("text_from".to_string(), from);
        }
        Ok(fields.into_record(self.origin, meta, Precedence::InputWins, today))
    }

    /// The article of the item from its linked page, fetched by the caller: the page's text,
    /// with the feed's metadata where the page lacks it.
    pub fn with_page(&self, html: &[u8], meta: &Metadata) -> Result<Record, Skip> {
        let mut record = parse_html_on(
            self.origin.clone(),
            html,
            self.link.as_deref(),
            meta,
            today(),
        )?;
        let from_feed =
            self.fields()
                .into_record(self.origin.clone(), meta, Precedence::InputWins, today());
        let article = &mut record.article;
        let feed_article = from_feed.article;
        article.title = article.title.take().or(feed_article.title);
        article.source = article.source.take().or(feed_article.source);
        article.published = article.published.or(feed_article.published);
        for (key, value) in feed_article.extra {
            article.extra.entry(key).or_insert(value);
        }
        article.id = observer_model::Article::derive_id(
            article.source.as_deref(),
            article.url.as_deref(),
            &article.text,
        );
        Ok(record)
    }

    /// The fields of the article, without its text.
    fn fields(&self) -> Fields {
        let mut fields = Fields {
            url: self.link.clone(),
            source: self.source.clone(),
            published: self.published.clone(),
            title: self.title.clone(),
            lang_hint: self.lang_hint.clone(),
            ..Fields::default()
        };
        if let Some(byline) = &self.byline {
            fields
                .extra
                .insert("byline".to_string(), Value::String(byline.clone()));
        }
        fields
    }
}

/// A feed text (title, summary) as plain text: HTML markup is removed when the text is HTML.
fn plain(text: &Text) -> String {
    if text.content_type.subty() == "html" || text.content_type.subty() == "xhtml" {
        html_text(&text.content)
    } else {
        collapse(&text.content)
    }
}

/// The text of an HTML fragment, one paragraph per block, separated by blank lines.
fn html_text(html: &str) -> String {
    let fragment = Document::fragment(html);
    let formatted = fragment.formatted_text();
    let paragraphs: Vec<String> = formatted
        .lines()
        .map(collapse)
        .filter(|line| !line.is_empty())
        .collect();
    normalise_body(&paragraphs.join("\n\n")).0
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
