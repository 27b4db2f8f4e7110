//! Observer's data model: the types every stage passes to the next.
//!
//! Articles come in from `observer-ingest`, events come out of `observer-extract`,
//! and `observer-store` keeps both. The JSON form of [`Event`] is a stable, public
//! interface: later versions add keys, never rename them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One news article, normalised from whatever format it arrived in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Article {
    /// Stable identifier: the one the input gave, else a hash of source+url, else of the text.
    pub id: String,
    pub url: Option<String>,
    /// The outlet that published it ("Al Jazeera").
    pub source: Option<String>,
    /// Publication date; relative dates in the text are anchored to it.
    pub published: Option<NaiveDate>,
    pub title: Option<String>,
    pub text: String,
    pub lang: Option<String>,
    /// Input fields Observer does not model, kept as they came.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Article {
    /// Hex BLAKE3 hash of the text, used to recognise the same article re-ingested under another id.
    pub fn text_hash(&self) -> String {
        text_hash(&self.text)
    }

    /// The id an article gets when its input names none: source+url when there is a url,
    /// else the text itself.
    pub fn derive_id(source: Option<&str>, url: Option<&str>, text: &str) -> String {
        let digest = match url {
            Some(url) => blake3::hash(format!("{}\u{1f}{}", source.unwrap_or(""), url).as_bytes()),
            None => blake3::hash(text.as_bytes()),
        };
        digest.to_hex()[..16].to_string()
    }
}

pub fn text_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex().to_string()
}

/// PLOVER event types (openeventdata/PLOVER).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "UPPERCASE")]
pub enum EventType {
    Accuse,
    Agree,
    Aid,
    Assault,
    Coerce,
    Concede,
    Consult,
    Cooperate,
    Mobilize,
    Protest,
    Reject,
    Request,
    Retreat,
    Sanction,
    Support,
    Threaten,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        EventType::Accuse,
        EventType::Agree,
        EventType::Aid,
        EventType::Assault,
        EventType::Coerce,
        EventType::Concede,
        EventType::Consult,
        EventType::Cooperate,
        EventType::Mobilize,
        EventType::Protest,
        EventType::Reject,
        EventType::Request,
        EventType::Retreat,
        EventType::Sanction,
        EventType::Support,
        EventType::Threaten,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Accuse => "ACCUSE",
            EventType::Agree => "AGREE",
            EventType::Aid => "AID",
            EventType::Assault => "ASSAULT",
            EventType::Coerce => "COERCE",
            EventType::Concede => "CONCEDE",
            EventType::Consult => "CONSULT",
            EventType::Cooperate => "COOPERATE",
            EventType::Mobilize => "MOBILIZE",
            EventType::Protest => "PROTEST",
            EventType::Reject => "REJECT",
            EventType::Request => "REQUEST",
            EventType::Retreat => "RETREAT",
            EventType::Sanction => "SANCTION",
            EventType::Support => "SUPPORT",
            EventType::Threaten => "THREATEN",
        }
    }

    /// Parses a PLOVER type name, case-insensitively.
    pub fn parse(name: &str) -> Option<EventType> {
        EventType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A party to an event, or the one who claims it happened.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Actor {
    /// The words of the article that name the actor.
    pub text: String,
    /// Canonical name ("Ilham Aliyev", "Azerbaijani military", "United Nations Security Council").
    pub name: String,
    /// ISO 3166-1 alpha-3 country code, when the actor belongs to one.
    pub country: Option<String>,
    /// Role code: GOV, MIL, REB, CVL, POL, IGO, NGO, MED, JUD, COP, OPP, BUS, ...
    pub role: Option<String>,
    /// CAMEO actor code for GDELT-compatible export ("AZEMIL", "ARMGOV", "IGOUNO").
    pub code: String,
    /// Title of a named official ("President", "Foreign Minister").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// How exactly a place is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum PlacePrecision {
    /// A city, town or village.
    City,
    /// Part of a region ("southern areas of X", "near the line of contact").
    Region,
    /// A first-level administrative division or a named region.
    Admin1,
    /// Only the country is known.
    Country,
}

impl PlacePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            PlacePrecision::City => "city",
            PlacePrecision::Region => "region",
            PlacePrecision::Admin1 => "admin1",
            PlacePrecision::Country => "country",
        }
    }

    /// Parses the name [`PlacePrecision::as_str`] gives.
    pub fn parse(name: &str) -> Option<PlacePrecision> {
        [
            PlacePrecision::City,
            PlacePrecision::Region,
            PlacePrecision::Admin1,
            PlacePrecision::Country,
        ]
        .into_iter()
        .find(|precision| precision.as_str() == name)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Place {
    pub name: String,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub precision: PlacePrecision,
    /// GeoNames id, or the alias-table key, of the gazetteer entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gazetteer_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Year,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Week => "week",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }
}

/// When an event happened: a day, or a span of days when the text is vaguer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventDate {
    /// First day, inclusive; `None` when the expression could not be anchored.
    pub start: Option<NaiveDate>,
    /// Last day, inclusive.
    pub end: Option<NaiveDate>,
    pub precision: DatePrecision,
    /// True when the expression is relative ("on Tuesday") and the article has no
    /// publication date to anchor it to.
    #[serde(default)]
    pub unresolved: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum CasualtyKind {
    Killed,
    Injured,
    Missing,
    Captured,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum CasualtyGroup {
    Military,
    Civilian,
    Unknown,
}

/// A casualty count with its bounds: "at least 772" is `min: 772, max: None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Casualty {
    pub kind: CasualtyKind,
    pub group: CasualtyGroup,
    pub min: Option<u64>,
    pub max: Option<u64>,
    /// The words the count came from ("at least 772 troops").
    pub text: String,
    /// A running total ("since fighting began") rather than a new toll.
    #[serde(default)]
    pub cumulative: bool,
    /// Part of the count before it ("..., including dozens of civilians"): not to be added to it.
    #[serde(default)]
    pub included: bool,
}

/// Who stands behind the report of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// The outlet reports it in its own voice.
    Asserted,
    /// A party to the story says it happened.
    Alleged,
    /// Someone says it did not happen.
    Denied,
    /// The outlet says it could not verify the claim.
    Unverified,
    /// The outlet or a neutral body says it independently confirmed it.
    Confirmed,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Asserted => "asserted",
            Stance::Alleged => "alleged",
            Stance::Denied => "denied",
            Stance::Unverified => "unverified",
            Stance::Confirmed => "confirmed",
        }
    }
}

/// A stretch of the article text: byte offsets into `Article::text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evidence {
    /// Index of the sentence in the article (0-based).
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Where one field of an event came from: the span and the rule or lexicon entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldEvidence {
    /// The event field ("type", "source", "target", "place", "date", "casualties", "claimant", "stance", ...).
    pub field: String,
    /// Byte span in the article text; `None` for values inferred from context or defaults.
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub text: Option<String>,
    /// The rule or lexicon entry that produced the value ("trigger:shelling", "gazetteer:587084").
    pub rule: String,
}

impl FieldEvidence {
    /// Evidence for a value inferred from context or a default rather than read from a span.
    pub fn inferred(field: &str, rule: impl Into<String>) -> FieldEvidence {
        FieldEvidence {
            field: field.into(),
            start: None,
            end: None,
            text: None,
            rule: rule.into(),
        }
    }
}

/// One event as reported in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Event {
    /// Stable within an article: `{article_id}-{sentence}-{n}`.
    pub id: String,
    pub article_id: String,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub mode: Option<String>,
    /// CAMEO event code, e.g. "190" (use conventional military force).
    pub cameo: String,
    pub source: Option<Actor>,
    pub target: Option<Actor>,
    pub place: Option<Place>,
    pub date: Option<EventDate>,
    pub casualties: Vec<Casualty>,
    /// Who says it happened; `None` when the outlet itself asserts it.
    pub claimant: Option<Actor>,
    pub stance: Stance,
    pub negated: bool,
    pub hypothetical: bool,
    /// Background fact recalled by the article (when a war began), not news of the day.
    #[serde(default)]
    pub background: bool,
    pub evidence: Evidence,
    /// Ids of the rules and lexicon entries used, in the order they applied.
    pub rules: Vec<String>,
    /// Per-field evidence, for `observer explain`.
    #[serde(default)]
    pub provenance: Vec<FieldEvidence>,
}

impl Event {
    /// Checks that every span of the event (its evidence and each field's) lies inside `text`
    /// (the article it was coded from), on character boundaries, and quotes exactly that text.
    /// The error names the first field that does not.
    pub fn check_spans(&self, text: &str) -> Result<(), String> {
        let span_ok = |start: usize, end: usize, quoted: Option<&str>| {
            start <= end
                && text.is_char_boundary(start)
                && text.is_char_boundary(end)
                && quoted.is_none_or(|quoted| text.get(start..end) == Some(quoted))
        };
        let evidence = &self.evidence;
        if !span_ok(evidence.start, evidence.end, Some(&evidence.text)) {
            return Err(format!(
                "event {}: evidence {}..{} is not a span of the text",
                self.id, evidence.start, evidence.end
            ));
        }
        for field in &self.provenance {
            let fine = match (field.start, field.end) {
                (Some(start), Some(end)) => span_ok(start, end, field.text.as_deref()),
                (None, None) => true,
                _ => false,
            };
            if !fine {
                return Err(format!(
                    "event {}: field {} has span {:?}..{:?}, not a span of the text",
                    self.id, field.field, field.start, field.end
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_type_round_trips_through_json_and_names() {
        for t in EventType::ALL {
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.as_str()));
            assert_eq!(EventType::parse(&t.as_str().to_lowercase()), Some(t));
        }
        assert_eq!(EventType::parse("bombard"), None);
    }

    #[test]
    fn derived_ids_prefer_url_and_differ_by_source() {
        let a = Article::derive_id(Some("A"), Some("http://x/1"), "text one");
        let b = Article::derive_id(Some("A"), Some("http://x/1"), "other text");
        let c = Article::derive_id(Some("B"), Some("http://x/1"), "text one");
        let d = Article::derive_id(None, None, "text one");
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
        assert_eq!(a.len(), 16);
    }
}
