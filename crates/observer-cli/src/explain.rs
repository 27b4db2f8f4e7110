//! `observer explain`: how one stored event was coded — its fields, its article, the sentences
//! with each field's evidence span marked, and the rule behind every field.

use crate::cli::{ExplainArgs, ExplainFormat};
use crate::output::{
    ArticleHeader, actor_text, casualties_text, date_text, new_table, place_text, truncate,
};
use crate::setup::{Globals, stdout};
use crate::{NotFound, Status};
use anstyle::{AnsiColor, Style};
use anyhow::{Context, Result};
use observer_model::{Article, Event, FieldEvidence};
use serde::Serialize;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};

/// Sentences are wrapped to this many characters so that the marker lines stay aligned.
const WRAP: usize = 88;
/// Cells of the field table are cut to this many characters.
const MAX_CELL_CHARS: usize = 48;

pub fn run(globals: &Globals, args: ExplainArgs) -> Result<Status> {
    let (db, store) = globals.open_existing_store()?;
    let event = store
        .event(&args.event_id)
        .with_context(|| format!("reading event {} from database {db}", args.event_id))?
        .ok_or_else(|| {
            NotFound(format!(
                "no event with id '{}' in database {db} (`observer events` lists them)",
                args.event_id
            ))
        })?;
    let article = store
        .article(&event.article_id)
        .with_context(|| format!("reading article {} from database {db}", event.article_id))?;
    let explanation = Explanation::new(&event, article.as_ref());

    let mut out = stdout();
    match args.format {
        ExplainFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &explanation)?;
            writeln!(out)?;
        }
        ExplainFormat::Text => {
            let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            out.write_all(explanation.render(colour).as_bytes())?;
        }
    }
    out.flush()?;
    Ok(Status::Success)
}

/// Everything `explain` shows, in the shape of its JSON output.
#[derive(Debug, Serialize)]
struct Explanation<'a> {
    event: &'a Event,
    article: Option<ArticleHeader<'a>>,
    /// The sentences holding the event and its fields' evidence, in text order.
    sentences: Vec<MarkedSentence>,
    /// One row per `event.provenance` entry.
    fields: Vec<FieldRow<'a>>,
    rules: &'a [String],
}

#[derive(Debug, Serialize)]
struct MarkedSentence {
    index: usize,
    start: usize,
    end: usize,
    text: String,
    marks: Vec<Mark>,
}

/// A field's evidence span, in bytes from the start of the article like the event's spans.
#[derive(Debug, Clone, Serialize)]
struct Mark {
    field: String,
    start: usize,
    end: usize,
}

#[derive(Debug, Serialize)]
struct FieldRow<'a> {
    field: &'a str,
    value: String,
    evidence: Option<&'a str>,
    start: Option<usize>,
    end: Option<usize>,
    rule: &'a str,
}

impl<'a> Explanation<'a> {
    fn new(event: &'a Event, article: Option<&'a Article>) -> Explanation<'a> {
        let fields = event
            .provenance
            .iter()
            .map(|evidence| FieldRow {
                field: &evidence.field,
                value: field_value(event, &evidence.field),
                evidence: evidence.text.as_deref(),
                start: evidence.start,
                end: evidence.end,
                rule: &evidence.rule,
            })
            .collect();
        Explanation {
            event,
            article: article.map(ArticleHeader::from),
            sentences: article
                .map(|article| marked_sentences(event, &article.text))
                .unwrap_or_default(),
            fields,
            rules: &event.rules,
        }
    }

    fn render(&self, colour: bool) -> String {
        let bold = if colour {
            Style::new().bold()
        } else {
            Style::new()
        };
        let marker = if colour {
            AnsiColor::Cyan.on_default()
        } else {
            Style::new()
        };
        let heading = |title: &str| format!("{}{title}{}\n", bold.render(), bold.render_reset());
        let event = self.event;
        let mut out = String::new();

        out += &heading(&format!("Event {}", event.id));
        let mut what = event.event_type.as_str().to_string();
        if let Some(mode) = &event.mode {
            what += &format!(" / {mode}");
        }
        what += &format!(" (CAMEO {})", event.cameo);
        let mut flags: Vec<&str> = Vec::new();
        for (flag, set) in [
            ("negated", event.negated),
            ("hypothetical", event.hypothetical),
            ("background", event.background),
        ] {
            if set {
                flags.push(flag);
            }
        }
        let none = || "-".to_string();
        let rows = [
            ("type", what),
            (
                "date",
                event.date.as_ref().map(date_detail).unwrap_or_else(none),
            ),
            (
                "place",
                event.place.as_ref().map(place_detail).unwrap_or_else(none),
            ),
            (
                "source",
                event.source.as_ref().map(actor_text).unwrap_or_else(none),
            ),
            (
                "target",
                event.target.as_ref().map(actor_text).unwrap_or_else(none),
            ),
            ("casualties", non_empty(casualties_text(&event.casualties))),
            (
                "claimant",
                event.claimant.as_ref().map(actor_text).unwrap_or_else(none),
            ),
            ("stance", event.stance.as_str().to_string()),
            ("flags", non_empty(flags.join(", "))),
        ];
        write_rows(&mut out, &rows);

        out += "\n";
        match &self.article {
            Some(article) => {
                out += &heading(&format!("Article {}", article.id));
                let text = |value: Option<&str>| value.map_or_else(none, str::to_string);
                write_rows(
                    &mut out,
                    &[
                        ("title", text(article.title)),
                        ("source", text(article.source)),
                        (
                            "published",
                            article.published.map_or_else(none, |d| d.to_string()),
                        ),
                        ("url", text(article.url)),
                    ],
                );
            }
            None => {
                out += &heading(&format!(
                    "Article {} (not in the database)",
                    event.article_id
                ));
            }
        }

        if self.sentences.is_empty() {
            out += "\n";
            out += &heading("Evidence");
            let _ = writeln!(out, "  {}", one_line(&event.evidence.text));
        }
        for sentence in &self.sentences {
            out += "\n";
            out += &heading(&format!("Sentence {}", sentence.index));
            render_marked(&mut out, sentence, WRAP, marker);
        }

        out += "\n";
        out += &heading("Fields");
        if self.fields.is_empty() {
            out += "  (no field evidence recorded)\n";
        } else {
            let mut table = new_table(["field", "value", "evidence", "rule"]);
            for row in &self.fields {
                table.add_row([
                    row.field.to_string(),
                    truncate(&row.value, MAX_CELL_CHARS),
                    truncate(
                        &one_line(row.evidence.unwrap_or("(inferred)")),
                        MAX_CELL_CHARS,
                    ),
                    row.rule.to_string(),
                ]);
            }
            let _ = writeln!(out, "{table}");
        }

        out += "\n";
        out += &heading("Rules");
        if self.rules.is_empty() {
            out += "  (none recorded)\n";
        }
        for (n, rule) in self.rules.iter().enumerate() {
            let _ = writeln!(out, "  {:>2}. {rule}", n + 1);
        }
        out
    }
}

fn write_rows(out: &mut String, rows: &[(&str, String)]) {
    for (name, value) in rows {
        let _ = writeln!(out, "  {name:<11} {value}");
    }
}

fn non_empty(text: String) -> String {
    if text.is_empty() {
        "-".to_string()
    } else {
        text
    }
}

fn date_detail(date: &observer_model::EventDate) -> String {
    let mut text = format!("{} ({})", date_text(date), date.precision.as_str());
    if date.unresolved {
        text += ", relative and unanchored: the article has no publication date";
    }
    text
}

fn place_detail(place: &observer_model::Place) -> String {
    let mut text = place_text(place);
    if let Some(admin1) = &place.admin1 {
        text += &format!(" ({admin1})");
    }
    text += &format!(", {}", place.precision.as_str());
    if let (Some(lat), Some(lon)) = (place.lat, place.lon) {
        text += &format!(", {lat:.4} {lon:.4}");
    }
    text
}

/// The event's value for a provenance field name ("casualties.1" names one casualty count).
fn field_value(event: &Event, field: &str) -> String {
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

/// Writes the sentence wrapped to `width` characters, each line followed by one marker line per
/// span in it: `^~~~ field` where the span starts, `~~~~` where it goes on from the line before.
fn render_marked(out: &mut String, sentence: &MarkedSentence, width: usize, style: Style) {
    let text = one_line(&sentence.text);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // Byte offset in the article → character column in the sentence.
    let column = |offset: usize| {
        let relative = offset.saturating_sub(sentence.start);
        chars.partition_point(|(byte, _)| *byte < relative)
    };
    let marks: Vec<(usize, usize, &str)> = sentence
        .marks
        .iter()
        .map(|m| (column(m.start), column(m.end), m.field.as_str()))
        .collect();

    for (line_start, line_end) in wrap(&chars, width) {
        let line: String = chars[line_start..line_end].iter().map(|(_, c)| c).collect();
        let _ = writeln!(out, "  {}", line.trim_end());
        for &(start, end, field) in &marks {
            if end <= line_start || start >= line_end {
                continue;
            }
            let from = start.max(line_start) - line_start;
            let to = end.min(line_end) - line_start;
            let mut markers = String::new();
            markers.push(if start >= line_start { '^' } else { '~' });
            markers.extend(std::iter::repeat_n('~', to.saturating_sub(from + 1)));
            let _ = writeln!(
                out,
                "  {:from$}{}{markers} {field}{}",
                "",
                style.render(),
                style.render_reset()
            );
        }
    }
}

/// Line breaks for `chars`: character ranges of at most `width`, broken after spaces when possible.
fn wrap(chars: &[(usize, char)], width: usize) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let mut end = (start + width).min(chars.len());
        if end < chars.len()
            && let Some(space) = chars[start..end].iter().rposition(|(_, c)| *c == ' ')
            && space > 0
        {
            end = start + space + 1;
        }
        lines.push((start, end));
        start = end;
    }
    lines
}

/// `text` with line breaks and tabs as spaces, so that columns stay aligned (same length in chars).
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str, marks: &[(&str, usize, usize)]) -> MarkedSentence {
        MarkedSentence {
            index: 0,
            start: 100,
            end: 100 + text.len(),
            text: text.to_string(),
            marks: marks
                .iter()
                .map(|(field, start, end)| Mark {
                    field: field.to_string(),
                    start: 100 + start,
                    end: 100 + end,
                })
                .collect(),
        }
    }

    #[test]
    fn marker_lines_sit_under_their_spans() {
        let s = sentence(
            "Rebels shelled the town, the army said.",
            &[("source", 0, 6), ("type", 7, 14), ("claimant", 25, 33)],
        );
        let mut out = String::new();
        render_marked(&mut out, &s, 80, Style::new());
        assert_eq!(
            out,
            "  Rebels shelled the town, the army said.\n\
             \x20 ^~~~~~ source\n\
             \x20        ^~~~~~~ type\n\
             \x20                          ^~~~~~~~ claimant\n"
        );
    }

    #[test]
    fn wrapped_spans_continue_on_the_next_line() {
        let s = sentence("aaaa bbbb cccc", &[("place", 2, 12)]);
        let mut out = String::new();
        render_marked(&mut out, &s, 10, Style::new());
        assert_eq!(
            out,
            "  aaaa bbbb\n\
             \x20   ^~~~~~~~ place\n\
             \x20 cccc\n\
             \x20 ~~ place\n"
        );
    }

    #[test]
    fn multibyte_text_keeps_columns_in_characters() {
        let text = "Ukraine’s army said";
        let start = text.find("army").unwrap();
        let s = sentence(text, &[("claimant", start, start + 4)]);
        let mut out = String::new();
        render_marked(&mut out, &s, 80, Style::new());
        assert_eq!(out.lines().nth(1), Some("            ^~~~ claimant"));
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
}
