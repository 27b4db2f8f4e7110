//! What `observer explain` and the server's `/api/events/{id}/explain` show about one coded
//! event: its fields in words, the sentences holding its evidence with each field's span marked,
//! and the rule behind every field. Rendering (terminal text, JSON, HTML) is the caller's.

use observer_model::{
    Actor, Article, Casualty, DatePrecision, Event, EventDate, FieldEvidence, Place,
};
use serde::Serialize;

/// Everything an explanation shows, in the shape of its JSON.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Explanation {
    pub event: Event,
    /// The article the event was coded from; `None` when it is not in the store.
    pub article: Option<ArticleHeader>,
    /// The sentences holding the event and its fields' evidence, in text order.
    pub sentences: Vec<MarkedSentence>,
    /// One row per `event.provenance` entry.
    pub fields: Vec<FieldRow>,
    /// The rules and lexicon entries used, in the order they applied.
    pub rules: Vec<String>,
}

/// The article fields shown next to its events.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleHeader {
    pub id: String,
    pub source: Option<String>,
    pub published: Option<chrono::NaiveDate>,
    pub title: Option<String>,
    pub url: Option<String>,
}

impl From<&Article> for ArticleHeader {
    fn from(article: &Article) -> Self {
        ArticleHeader {
            id: article.id.clone(),
            source: article.source.clone(),
            published: article.published,
            title: article.title.clone(),
            url: article.url.clone(),
        }
    }
}

/// A sentence of the article with the evidence spans that start in it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkedSentence {
    /// Index of the sentence in the article (0-based).
    pub index: usize,
    /// Byte offsets of the sentence in the article text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub marks: Vec<Mark>,
}

/// A field's evidence span, in bytes from the start of the article like the event's spans.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mark {
    pub field: String,
    pub start: usize,
    pub end: usize,
}

/// One field of the event: its value in words, its evidence and the rule that set it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldRow {
    pub field: String,
    pub value: String,
    /// The words of the article behind the value; `None` when it was inferred.
    pub evidence: Option<String>,
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub rule: String,
}

impl Explanation {
    /// Explains `event`, coded from `article` (when the store still has it).
    pub fn new(event: &Event, article: Option<&Article>) -> Explanation {
        let fields = event
            .provenance
            .iter()
            .map(|evidence| FieldRow {
                field: evidence.field.clone(),
                value: field_value(event, &evidence.field),
                evidence: evidence.text.clone(),
                start: evidence.start,
                end: evidence.end,
                rule: evidence.rule.clone(),
            })
            .collect();
        Explanation {
            event: event.clone(),
            article: article.map(ArticleHeader::from),
            sentences: article
                .map(|article| marked_sentences(event, &article.text))
                .unwrap_or_default(),
            fields,
            rules: event.rules.clone(),
        }
    }
}

/// The event's value for a provenance field name ("casualties.1" names one casualty count).
pub fn field_value(event: &Event, field: &str) -> String {
    let mut parts = field.splitn(2, ['.', '[', ':']);
    let base = parts.next().unwrap_or(field);
    let index = parts
        .next()
        .and_then(|rest| rest.trim_end_matches(']').parse::<usize>().ok());
    match base {
        "type" => event.event_type.as_str().to_string(),
        "mode" => event.mode.clone().unwrap_or_default(),
        "cameo" => event.cameo.clone(),
        "source" => event.source.as_ref().map(actor_text).unwrap_or_default(),
        "target" => event.target.as_ref().map(actor_text).unwrap_or_default(),
        "place" => event.place.as_ref().map(place_text).unwrap_or_default(),
        "date" | "time" => event.date.as_ref().map(date_text).unwrap_or_default(),
        "casualties" | "casualty" => match index {
            Some(i) => casualties_text(event.casualties.get(i..=i).unwrap_or_default()),
            None => casualties_text(&event.casualties),
        },
        "claimant" => event.claimant.as_ref().map(actor_text).unwrap_or_default(),
        "stance" => event.stance.as_str().to_string(),
        "negated" => event.negated.to_string(),
        "hypothetical" => event.hypothetical.to_string(),
        "background" => event.background.to_string(),
        _ => String::new(),
    }
}

/// The sentences of `text` that hold the event's evidence or a field's evidence, each with the
/// spans that start in it (clipped to its end). Spans that do not fit the text are left out.
fn marked_sentences(event: &Event, text: &str) -> Vec<MarkedSentence> {
    let sentences = observer_text::sentences(text);
    let containing = |offset: usize| {
        sentences
            .iter()
            .find(|s| s.start <= offset && offset < s.end.max(s.start + 1))
    };
    let mut chosen: Vec<MarkedSentence> = Vec::new();
    // The position of the sentence in `chosen`, adding it on first use.
    let add = |chosen: &mut Vec<MarkedSentence>, sentence: &observer_text::Sentence| {
        if let Some(i) = chosen.iter().position(|s| s.index == sentence.index) {
            return Some(i);
        }
        let sentence_text = text.get(sentence.start..sentence.end)?;
        chosen.push(MarkedSentence {
            index: sentence.index,
            start: sentence.start,
            end: sentence.end,
            text: sentence_text.to_string(),
            marks: Vec::new(),
        });
        Some(chosen.len() - 1)
    };
    if let Some(sentence) = containing(event.evidence.start) {
        add(&mut chosen, sentence);
    }
    for FieldEvidence {
        field, start, end, ..
    } in &event.provenance
    {
        let (Some(start), Some(end)) = (*start, *end) else {
            continue;
        };
        if start >= end || text.get(start..end).is_none() {
            continue;
        }
        let Some(sentence) = containing(start) else {
            continue;
        };
        if let Some(i) = add(&mut chosen, sentence) {
            chosen[i].marks.push(Mark {
                field: field.clone(),
                start,
                end: end.min(sentence.end),
            });
        }
    }
    chosen.sort_by_key(|s| s.index);
    for sentence in &mut chosen {
        sentence.marks.sort_by_key(|m| (m.start, m.end));
    }
    chosen
}

/// "Russian military (RUS MIL)".
pub fn actor_text(actor: &Actor) -> String {
    let tags: Vec<&str> = [actor.country.as_deref(), actor.role.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if tags.is_empty() {
        actor.name.clone()
    } else {
        format!("{} ({})", actor.name, tags.join(" "))
    }
}

/// "Kharkiv, UKR".
pub fn place_text(place: &Place) -> String {
    match &place.country {
        Some(country) => format!("{}, {country}", place.name),
        None => place.name.clone(),
    }
}

/// The date as precisely as it is known: "2020-10-20", "2020-10", "1947", a range
/// "2020-10-19..2020-10-25" or "1990..1999", or "unresolved".
pub fn date_text(date: &EventDate) -> String {
    let show = |day: chrono::NaiveDate| match date.precision {
        DatePrecision::Day | DatePrecision::Week => day.format("%Y-%m-%d").to_string(),
        DatePrecision::Month => day.format("%Y-%m").to_string(),
        DatePrecision::Year => day.format("%Y").to_string(),
    };
    let (start, end) = match (date.start, date.end) {
        (Some(start), Some(end)) => (show(start), show(end)),
        (Some(day), None) | (None, Some(day)) => (show(day), show(day)),
        (None, None) => return "unresolved".to_string(),
    };
    if start == end {
        start
    } else {
        format!("{start}..{end}")
    }
}

/// "4+ civilian killed; 11 unknown injured".
pub fn casualties_text(casualties: &[Casualty]) -> String {
    let parts: Vec<String> = casualties
        .iter()
        .map(|c| {
            let count = match (c.min, c.max) {
                (Some(min), Some(max)) if min == max => min.to_string(),
                (Some(min), Some(max)) => format!("{min}-{max}"),
                (Some(min), None) => format!("{min}+"),
                (None, Some(max)) => format!("<={max}"),
                (None, None) => "?".to_string(),
            };
            let kind = serde_plain(&c.kind);
            let group = serde_plain(&c.group);
            format!("{count} {group} {kind}")
        })
        .collect();
    parts.join("; ")
}

/// The serde name of a unit enum value ("killed").
fn serde_plain(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_show_only_what_is_known() {
        let date = |start: &str, end: &str, precision| EventDate {
            start: start.parse().ok(),
            end: end.parse().ok(),
            precision,
            unresolved: false,
        };
        assert_eq!(
            date_text(&date("2020-10-20", "2020-10-20", DatePrecision::Day)),
            "2020-10-20"
        );
        assert_eq!(
            date_text(&date("2020-10-19", "2020-10-25", DatePrecision::Week)),
            "2020-10-19..2020-10-25"
        );
        assert_eq!(
            date_text(&date("2020-10-01", "2020-10-31", DatePrecision::Month)),
            "2020-10"
        );
        assert_eq!(
            date_text(&date("1947-01-01", "1947-12-31", DatePrecision::Year)),
            "1947"
        );
        assert_eq!(
            date_text(&date("1990-01-01", "1999-12-31", DatePrecision::Year)),
            "1990..1999"
        );
        assert_eq!(date_text(&date("", "", DatePrecision::Day)), "unresolved");
    }

    #[test]
    fn field_values_follow_the_provenance_names() {
        let event: Event = serde_json::from_value(serde_json::json!({
            "id": "a-0-0", "article_id": "a", "type": "ASSAULT", "mode": "shelling",
            "cameo": "195", "source": null, "target": null, "place": null, "date": null,
            "casualties": [
                {"kind": "killed", "group": "civilian", "min": 12, "max": 12, "text": "12 civilians"},
                {"kind": "injured", "group": "unknown", "min": 3, "max": null, "text": "at least 3"}
            ],
            "claimant": null, "stance": "alleged", "negated": false, "hypothetical": false,
            "evidence": {"sentence": 0, "start": 0, "end": 5, "text": "Rebel"},
            "rules": []
        }))
        .unwrap();
        assert_eq!(field_value(&event, "type"), "ASSAULT");
        assert_eq!(field_value(&event, "mode"), "shelling");
        assert_eq!(field_value(&event, "casualties.1"), "3+ unknown injured");
        assert_eq!(field_value(&event, "casualties[9]"), "");
        assert_eq!(field_value(&event, "stance"), "alleged");
        assert_eq!(field_value(&event, "unknown-field"), "");
    }

    #[test]
    fn sentences_carry_the_spans_of_the_fields_found_in_them() {
        let text = "Talks began in Geneva on Monday. Rebels shelled the town, the army said.";
        let article = Article {
            id: "a".into(),
            url: None,
            source: Some("Wire".into()),
            published: None,
            title: None,
            text: text.into(),
            lang: None,
            extra: Default::default(),
        };
        let span = |word: &str| {
            let start = text.find(word).unwrap();
            (start, start + word.len())
        };
        let evidence = |field: &str, word: &str| {
            let (start, end) = span(word);
            FieldEvidence {
                field: field.into(),
                start: Some(start),
                end: Some(end),
                text: Some(word.into()),
                rule: format!("rule:{field}"),
            }
        };
        let (start, end) = span("shelled");
        let event: Event = serde_json::from_value(serde_json::json!({
            "id": "a-1-0", "article_id": "a", "type": "ASSAULT", "mode": null,
            "cameo": "195", "source": null, "target": null, "place": null, "date": null,
            "casualties": [], "claimant": null, "stance": "alleged", "negated": false,
            "hypothetical": false,
            "evidence": {"sentence": 1, "start": start, "end": end, "text": "shelled"},
            "rules": ["trigger:shelling"]
        }))
        .unwrap();
        let event = Event {
            provenance: vec![
                evidence("type", "shelled"),
                evidence("claimant", "the army"),
                FieldEvidence::inferred("date", "date:article"),
            ],
            ..event
        };
        let explanation = Explanation::new(&event, Some(&article));
        assert_eq!(explanation.sentences.len(), 1);
        let sentence = &explanation.sentences[0];
        assert_eq!(sentence.index, 1);
        assert_eq!(sentence.text, "Rebels shelled the town, the army said.");
        let marked: Vec<&str> = sentence
            .marks
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(marked, ["shelled", "the army"]);
        assert_eq!(explanation.fields.len(), 3);
        assert_eq!(explanation.fields[2].evidence, None);
        assert_eq!(explanation.fields[1].value, "");
        assert_eq!(explanation.article.unwrap().source.as_deref(), Some("Wire"));

        let orphan = Explanation::new(&event, None);
        assert!(orphan.sentences.is_empty() && orphan.article.is_none());
    }
}
