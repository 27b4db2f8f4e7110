//! `observer explain`: how one stored event was coded — its fields, its article, the sentences
//! with each field's evidence span marked, and the rule behind every field.

use crate::cli::{ExplainArgs, ExplainFormat};
use crate::output::{new_table, truncate};
use crate::setup::{Globals, stdout};
use crate::{NotFound, Status};
use anstyle::{AnsiColor, Style};
use anyhow::{Context, Result};
use observer_extract::explain::{
    Explanation, MarkedSentence, actor_text, casualties_text, date_text, place_text,
};
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
            out.write_all(render(&explanation, colour).as_bytes())?;
        }
    }
    out.flush()?;
    Ok(Status::Success)
}

/// The explanation as text for a terminal, in colour when `colour` says so.
fn render(explanation: &Explanation, colour: bool) -> String {
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
    let event = &explanation.event;
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
    match &explanation.article {
        Some(article) => {
            out += &heading(&format!("Article {}", article.id));
            let text = |value: Option<&str>| value.map_or_else(none, str::to_string);
            write_rows(
                &mut out,
                &[
                    ("title", text(article.title.as_deref())),
                    ("source", text(article.source.as_deref())),
                    (
                        "published",
                        article.published.map_or_else(none, |d| d.to_string()),
                    ),
                    ("url", text(article.url.as_deref())),
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

    if explanation.sentences.is_empty() {
        out += "\n";
        out += &heading("Evidence");
        let _ = writeln!(out, "  {}", one_line(&event.evidence.text));
    }
    for sentence in &explanation.sentences {
        out += "\n";
        out += &heading(&format!("Sentence {}", sentence.index));
        render_marked(&mut out, sentence, WRAP, marker);
    }

    out += "\n";
    out += &heading("Fields");
    if explanation.fields.is_empty() {
        out += "  (no field evidence recorded)\n";
    } else {
        let mut table = new_table(["field", "value", "evidence", "rule"]);
        for row in &explanation.fields {
            table.add_row([
                row.field.to_string(),
                truncate(&row.value, MAX_CELL_CHARS),
                truncate(
                    &one_line(row.evidence.as_deref().unwrap_or("(inferred)")),
                    MAX_CELL_CHARS,
                ),
                row.rule.to_string(),
            ]);
        }
        let _ = writeln!(out, "{table}");
    }

    out += "\n";
    out += &heading("Rules");
    if explanation.rules.is_empty() {
        out += "  (none recorded)\n";
    }
    for (n, rule) in explanation.rules.iter().enumerate() {
        let _ = writeln!(out, "  {:>2}. {rule}", n + 1);
    }
    out
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
    use observer_extract::explain::Mark;

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
}
