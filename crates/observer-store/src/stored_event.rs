//! The event JSON as both backends store it: the [`Event`] without what its article already
//! holds, made whole again on reading.
//!
//! An event quotes its article: the evidence sentence and each field's span. Stored in full, these
//! quotes, the `null`s of spanless fields and the rule list (mostly the rules of the provenance
//! again) were more than half of every event row, and writing them was most of what a save cost.
//! So the stored JSON leaves out
//!
//! - `evidence.text` and `provenance[].text` when they are exactly the article text at their
//!   span (a quote that is not is kept; a span without a quote is written `"text":null`);
//! - `provenance[].start` and `end` when they are `null`;
//! - `mode`, `source`, `target`, `place`, `date` and `claimant` when `null`, `casualties` when
//!   empty, `negated`, `hypothetical` and `background` when false;
//! - `rules` when it is the list of the provenance's rules, in order; otherwise each rule that
//!   is the rule of a provenance entry is written as that entry's index.
//!
//! Reading puts all of it back ([`read_events`]), so every reader sees the same [`Event`] as
//! before. JSON written in full (by Observer before schema version 8 of SQLite, 6 of
//! PostgreSQL) reads as it always did: every field it has is taken as written.

use std::collections::HashMap;

use observer_model::{Actor, Casualty, Event, EventDate, EventType, Evidence, FieldEvidence};
use observer_model::{Place, Stance};
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `event`, coded from `article_text`, in its stored form.
#[derive(Debug)]
pub(crate) struct StoredEvent<'a> {
    pub event: &'a Event,
    pub article_text: &'a str,
}

impl StoredEvent<'_> {
    /// Whether `quoted` is what the article says at `start..end`, so it need not be stored.
    fn quotes_article(&self, start: usize, end: usize, quoted: &str) -> bool {
        self.article_text.get(start..end) == Some(quoted)
    }
}

impl Serialize for StoredEvent<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let event = self.event;
        let mut out = serializer.serialize_struct("Event", 20)?;
        out.serialize_field("id", &event.id)?;
        out.serialize_field("article_id", &event.article_id)?;
        out.serialize_field("type", &event.event_type)?;
        if let Some(mode) = &event.mode {
            out.serialize_field("mode", mode)?;
        }
        out.serialize_field("cameo", &event.cameo)?;
        if let Some(source) = &event.source {
            out.serialize_field("source", source)?;
        }
        if let Some(target) = &event.target {
            out.serialize_field("target", target)?;
        }
        if let Some(place) = &event.place {
            out.serialize_field("place", place)?;
        }
        if let Some(date) = &event.date {
            out.serialize_field("date", date)?;
        }
        if !event.casualties.is_empty() {
            out.serialize_field("casualties", &event.casualties)?;
        }
        if let Some(claimant) = &event.claimant {
            out.serialize_field("claimant", claimant)?;
        }
        out.serialize_field("stance", &event.stance)?;
        for (name, set) in [
            ("negated", event.negated),
            ("hypothetical", event.hypothetical),
            ("background", event.background),
        ] {
            if set {
                out.serialize_field(name, &true)?;
            }
        }
        let evidence = &event.evidence;
        out.serialize_field(
            "evidence",
            &EvidenceOut {
                evidence,
                quote: (!self.quotes_article(evidence.start, evidence.end, &evidence.text))
                    .then_some(evidence.text.as_str()),
            },
        )?;
        let provenance_rules = event.provenance.iter().map(|field| &field.rule);
        if !event.rules.iter().eq(provenance_rules) {
            out.serialize_field("rules", &RulesOut(event))?;
        }
        if !event.provenance.is_empty() {
            out.serialize_field("provenance", &ProvenanceOut(self))?;
        }
        out.end()
    }
}

/// The stored evidence: its span, and its text only when `quote` is set.
struct EvidenceOut<'a> {
    evidence: &'a Evidence,
    quote: Option<&'a str>,
}

impl Serialize for EvidenceOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Evidence", 4)?;
        out.serialize_field("sentence", &self.evidence.sentence)?;
        out.serialize_field("start", &self.evidence.start)?;
        out.serialize_field("end", &self.evidence.end)?;
        if let Some(quote) = self.quote {
            out.serialize_field("text", quote)?;
        }
        out.end()
    }
}

/// The stored rules: the index of the first provenance entry with the same rule, else the rule.
struct RulesOut<'a>(&'a Event);

impl Serialize for RulesOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let event = self.0;
        let mut out = serializer.serialize_seq(Some(event.rules.len()))?;
        for rule in &event.rules {
            match event
                .provenance
                .iter()
                .position(|field| &field.rule == rule)
            {
                Some(index) => out.serialize_element(&index)?,
                None => out.serialize_element(rule)?,
            }
        }
        out.end()
    }
}

/// The stored provenance entries of an event.
struct ProvenanceOut<'a>(&'a StoredEvent<'a>);

impl Serialize for ProvenanceOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let provenance = &self.0.event.provenance;
        let mut out = serializer.serialize_seq(Some(provenance.len()))?;
        for field in provenance {
            out.serialize_element(&FieldOut {
                field,
                stored: self.0,
            })?;
        }
        out.end()
    }
}

/// One stored provenance entry.
struct FieldOut<'a> {
    field: &'a FieldEvidence,
    stored: &'a StoredEvent<'a>,
}

impl Serialize for FieldOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let field = self.field;
        let mut out = serializer.serialize_struct("FieldEvidence", 5)?;
        out.serialize_field("field", &field.field)?;
        if let Some(start) = field.start {
            out.serialize_field("start", &start)?;
        }
        if let Some(end) = field.end {
            out.serialize_field("end", &end)?;
        }
        let quoted = match (field.start, field.end, &field.text) {
            (Some(start), Some(end), Some(text)) => self.stored.quotes_article(start, end, text),
            _ => false,
        };
        // Left out, a text is read from the span; so a span without a text says so.
        let spanned = field.start.is_some() && field.end.is_some();
        if !quoted && (field.text.is_some() || spanned) {
            out.serialize_field("text", &field.text)?;
        }
        out.serialize_field("rule", &field.rule)?;
        out.end()
    }
}

/// An event as stored, in the compact form or in full.
#[derive(Deserialize)]
struct StoredEventIn {
    id: String,
    article_id: String,
    #[serde(rename = "type")]
    event_type: EventType,
    #[serde(default)]
    mode: Option<String>,
    cameo: String,
    #[serde(default)]
    source: Option<Actor>,
    #[serde(default)]
    target: Option<Actor>,
    #[serde(default)]
    place: Option<Place>,
    #[serde(default)]
    date: Option<EventDate>,
    #[serde(default)]
    casualties: Vec<Casualty>,
    #[serde(default)]
    claimant: Option<Actor>,
    stance: Stance,
    #[serde(default)]
    negated: bool,
    #[serde(default)]
    hypothetical: bool,
    #[serde(default)]
    background: bool,
    evidence: EvidenceIn,
    #[serde(default)]
    rules: Option<Vec<RuleIn>>,
    #[serde(default)]
    provenance: Vec<FieldIn>,
}

#[derive(Deserialize)]
struct EvidenceIn {
    sentence: usize,
    start: usize,
    end: usize,
    #[serde(default)]
    text: Option<String>,
}

/// A stored rule: the index of a provenance entry whose rule it is, or the rule itself.
#[derive(Deserialize)]
#[serde(untagged)]
enum RuleIn {
    Provenance(usize),
    Rule(String),
}

#[derive(Deserialize)]
struct FieldIn {
    field: String,
    #[serde(default)]
    start: Option<usize>,
    #[serde(default)]
    end: Option<usize>,
    /// `None` when left out (to be read from the span), `Some(None)` when stored as `null`.
    #[serde(default, deserialize_with = "present")]
    text: Option<Option<String>>,
    rule: String,
}

/// Reads a field that is present (perhaps `null`), so that a left-out one stays `None`.
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<String>>, D::Error> {
    Option::deserialize(deserializer).map(Some)
}

impl StoredEventIn {
    /// Whether some text was left out, to be read from the article.
    fn quotes_left_out(&self) -> bool {
        self.evidence.text.is_none()
            || self
                .provenance
                .iter()
                .any(|field| field.text.is_none() && field.start.is_some() && field.end.is_some())
    }

    /// The whole event; `article_text` is its article's text when [`Self::quotes_left_out`].
    fn complete(self, article_text: Option<&str>) -> Result<Event, String> {
        let quote = |start: usize, end: usize| {
            let text = article_text.ok_or_else(|| {
                format!(
                    "event {}: its article {} is not stored, so its quotes cannot be read",
                    self.id, self.article_id
                )
            })?;
            text.get(start..end).map(str::to_string).ok_or_else(|| {
                format!(
                    "event {}: span {start}..{end} is not in the text of article {}",
                    self.id, self.article_id
                )
            })
        };
        let evidence = Evidence {
            sentence: self.evidence.sentence,
            start: self.evidence.start,
            end: self.evidence.end,
            text: match self.evidence.text {
                Some(text) => text,
                None => quote(self.evidence.start, self.evidence.end)?,
            },
        };
        let provenance = self
            .provenance
            .into_iter()
            .map(|field| {
                let text = match (field.text, field.start, field.end) {
                    (Some(text), _, _) => text,
                    (None, Some(start), Some(end)) => Some(quote(start, end)?),
                    (None, _, _) => None,
                };
                Ok(FieldEvidence {
                    field: field.field,
                    start: field.start,
                    end: field.end,
                    text,
                    rule: field.rule,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let rules = match self.rules {
            None => provenance.iter().map(|field| field.rule.clone()).collect(),
            Some(rules) => rules
                .into_iter()
                .map(|rule| match rule {
                    RuleIn::Rule(rule) => Ok(rule),
                    RuleIn::Provenance(index) => provenance
                        .get(index)
                        .map(|field| field.rule.clone())
                        .ok_or_else(|| {
                            format!("event {}: rule {index} names no provenance entry", self.id)
                        }),
                })
                .collect::<Result<_, String>>()?,
        };
        Ok(Event {
            id: self.id,
            article_id: self.article_id,
            event_type: self.event_type,
            mode: self.mode,
            cameo: self.cameo,
            source: self.source,
            target: self.target,
            place: self.place,
            date: self.date,
            casualties: self.casualties,
            claimant: self.claimant,
            stance: self.stance,
            negated: self.negated,
            hypothetical: self.hypothetical,
            background: self.background,
            evidence,
            rules,
            provenance,
        })
    }
}

/// Reads stored event JSON (in either form) back into whole events, in order. `article_texts`
/// is asked once, with every article whose text some event needs (each once), for those texts by
/// id. The error names the event and its problem.
pub(crate) fn read_events<E>(
    jsons: impl IntoIterator<Item = impl AsRef<str>>,
    article_texts: impl FnOnce(&[&str]) -> Result<HashMap<String, String>, E>,
    problem: impl Fn(String) -> E,
) -> Result<Vec<Event>, E> {
    let stored = jsons
        .into_iter()
        .map(|json| {
            serde_json::from_str::<StoredEventIn>(json.as_ref())
                .map_err(|e| problem(format!("event JSON: {e}")))
        })
        .collect::<Result<Vec<_>, E>>()?;
    let mut needed: Vec<&str> = stored
        .iter()
        .filter(|event| event.quotes_left_out())
        .map(|event| event.article_id.as_str())
        .collect();
    needed.sort_unstable();
    needed.dedup();
    let texts = if needed.is_empty() {
        HashMap::new()
    } else {
        article_texts(&needed)?
    };
    stored
        .into_iter()
        .map(|event| {
            let text = texts.get(&event.article_id).map(String::as_str);
            event.complete(text).map_err(&problem)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use observer_model::{CasualtyGroup, CasualtyKind, DatePrecision, PlacePrecision};

    const TEXT: &str = "Protesters marched on the parliament in Tbilisi on Sunday, police said. \
                        Officers detained 14 people near Rustaveli Avenue, a ministry spokesman \
                        said, but denied using tear gas.";

    fn span(field: &str, quoted: &str, rule: &str) -> FieldEvidence {
        let start = TEXT.find(quoted).unwrap();
        FieldEvidence {
            field: field.into(),
            start: Some(start),
            end: Some(start + quoted.len()),
            text: Some(quoted.into()),
            rule: rule.into(),
        }
    }

    fn event() -> Event {
        let sentence = "Officers detained 14 people near Rustaveli Avenue, a ministry spokesman \
                        said, but denied using tear gas.";
        let start = TEXT.find(sentence).unwrap();
        Event {
            id: "tbilisi-1-0".into(),
            article_id: "tbilisi".into(),
            event_type: EventType::Coerce,
            mode: Some("arrest".into()),
            cameo: "173".into(),
            source: Some(Actor {
                text: "Officers".into(),
                name: "police".into(),
                country: Some("GEO".into()),
                role: Some("COP".into()),
                code: "GEOCOP".into(),
                title: None,
            }),
            target: None,
            place: Some(Place {
                name: "Tbilisi".into(),
                country: Some("GEO".into()),
                admin1: None,
                lat: Some(41.6941),
                lon: Some(44.8337),
                precision: PlacePrecision::City,
                gazetteer_id: Some("geonames:611717".into()),
            }),
            date: Some(EventDate {
                start: None,
                end: None,
                precision: DatePrecision::Week,
                unresolved: true,
            }),
            casualties: vec![Casualty {
                kind: CasualtyKind::Captured,
                group: CasualtyGroup::Civilian,
                min: Some(14),
                max: Some(14),
                text: "14 people".into(),
                cumulative: false,
                included: false,
            }],
            claimant: None,
            stance: Stance::Alleged,
            negated: false,
            hypothetical: false,
            background: true,
            evidence: Evidence {
                sentence: 1,
                start,
                end: start + sentence.len(),
                text: sentence.into(),
            },
            rules: vec![
                "trigger:coerce.detain".into(),
                "cue:spokesman".into(),
                "place:article-focus".into(),
                "trigger:coerce.detain".into(),
            ],
            provenance: vec![
                span("type", "detained", "trigger:coerce.detain"),
                span("source", "Officers", "actors:agent"),
                FieldEvidence::inferred("place", "place:article-focus"),
            ],
        }
    }

    fn stored(event: &Event) -> String {
        let json = sonic_rs::to_string(&StoredEvent {
            event,
            article_text: TEXT,
        })
        .unwrap();
        assert_eq!(
            serde_json::to_string(&StoredEvent {
                event,
                article_text: TEXT
            })
            .unwrap(),
            json,
            "sonic-rs and serde_json write the same JSON"
        );
        json
    }

    fn read(jsons: &[String]) -> Result<Vec<Event>, String> {
        read_events(
            jsons,
            |ids| {
                assert_eq!(ids, ["tbilisi"], "each article asked for once");
                Ok(HashMap::from([("tbilisi".to_string(), TEXT.to_string())]))
            },
            |problem| problem,
        )
    }

    #[test]
    fn an_event_reads_back_whole_from_its_compact_form() {
        let event = event();
        let json = stored(&event);
        for left_out in [
            "\"text\":\"Officers detained",
            "\"text\":\"detained\"",
            "\"target\"",
            "\"claimant\"",
            "\"negated\"",
            r#"{"field":"place","start""#,
        ] {
            assert!(!json.contains(left_out), "{left_out} in {json}");
        }
        // The rules that are provenance rules are indexes; the others are written out.
        assert!(
            json.contains(r#""rules":[0,"cue:spokesman",2,0]"#),
            "{json}"
        );
        assert!(json.contains(r#""background":true"#), "{json}");
        assert_eq!(read(&[json.clone(), json]).unwrap(), [event.clone(), event]);
    }

    /// sonic-rs writes the stored form as serde_json would, byte for byte: escapes, non-ASCII
    /// text and floats included.
    #[test]
    fn sonic_rs_writes_what_serde_json_writes() {
        let mut event = event();
        event.mode = Some("sit-in \"peaceful\"\\ne\\tw\ttab\nline\u{1}\u{1f}\u{7f}".into());
        event.evidence.text = "Protesters in Zürich chanted «Nein!» — 抗议 🚩 \r\n".into();
        event.rules = vec!["place:geonames:2657896".into(), "</script>\u{2028}".into()];
        let place = event.place.as_mut().unwrap();
        (place.lat, place.lon) = (Some(0.1 + 0.2), Some(-1e-7));
        let json = stored(&event);
        assert!(json.contains("«Nein!» — 抗议 🚩"), "{json}");
        assert_eq!(read(&[json]).unwrap(), [event]);
    }

    #[test]
    fn quotes_unlike_the_article_and_spans_without_quotes_are_kept() {
        let mut event = event();
        event.evidence.text = "Officers detained 14 people".into();
        event.provenance[0].text = None;
        event.provenance[1].text = Some("officers".into());
        event.provenance.push(FieldEvidence {
            text: Some("spokesman".into()),
            ..FieldEvidence::inferred("claimant", "cue:spokesman")
        });
        event.rules = event.provenance.iter().map(|f| f.rule.clone()).collect();
        let json = stored(&event);
        assert!(!json.contains("\"rules\""), "{json}");
        assert!(json.contains(r#""text":null"#), "{json}");
        assert_eq!(read(&[json]).unwrap(), [event]);
    }

    #[test]
    fn events_stored_in_full_read_as_written_without_their_article() {
        let mut event = event();
        event.rules.clear();
        let full = serde_json::to_string(&event).unwrap();
        let read = read_events(
            [full],
            |_| Err("no article needed".to_string()),
            |problem| problem,
        );
        assert_eq!(read.unwrap(), [event]);
    }

    #[test]
    fn a_quote_outside_its_article_is_an_error_naming_the_event() {
        let json = stored(&event());
        let short = |_: &[&str]| Ok(HashMap::from([("tbilisi".into(), "Protesters".into())]));
        let error = read_events([&json], short, |problem| problem).unwrap_err();
        assert!(error.contains("event tbilisi-1-0: span"), "{error}");
        let missing = |_: &[&str]| Ok(HashMap::new());
        let error = read_events([&json], missing, |problem| problem).unwrap_err();
        assert!(error.contains("article tbilisi is not stored"), "{error}");
    }
}
