//! Event output formats behind one trait, one type per format: table, JSON, JSON Lines, CSV.
//! `extract`, `events` and `demo` all write through these.

use crate::cli::OutputFormat;
use anyhow::Result;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};
use observer_extract::explain::{
    ArticleHeader, actor_text, casualties_text, date_text, place_text,
};
use observer_model::{Actor, Article, Casualty, CasualtyKind, Event};
use std::io::Write;

/// Writes events, optionally grouped by the article they came from.
pub trait EventWriter {
    /// The events of one article; formats that group by article (JSON) keep them together.
    fn article(&mut self, article: &Article, events: &[Event]) -> Result<()>;
    /// Events without their article (`observer events`).
    fn events(&mut self, events: &[Event]) -> Result<()>;
    /// Writes what is buffered and flushes.
    fn finish(&mut self) -> Result<()>;
}

/// A writer for `format` over `out`.
pub fn writer(format: OutputFormat, out: Box<dyn Write>) -> Result<Box<dyn EventWriter>> {
    Ok(match format {
        OutputFormat::Table => Box::new(TableWriter::new(out)),
        OutputFormat::Json => Box::new(JsonWriter::new(out)),
        OutputFormat::Jsonl => Box::new(JsonLinesWriter { out }),
        OutputFormat::Csv => Box::new(CsvWriter::new(out)?),
    })
}

/// A pretty JSON array: of `{article, events}` objects, or of events when written ungrouped.
/// Buffered, since the array is printed whole.
pub struct JsonWriter {
    out: Box<dyn Write>,
    items: Vec<serde_json::Value>,
}

impl JsonWriter {
    fn new(out: Box<dyn Write>) -> JsonWriter {
        JsonWriter {
            out,
            items: Vec::new(),
        }
    }
}

impl EventWriter for JsonWriter {
    fn article(&mut self, article: &Article, events: &[Event]) -> Result<()> {
        self.items.push(serde_json::json!({
            "article": ArticleHeader::from(article),
            "events": events,
        }));
        Ok(())
    }

    fn events(&mut self, events: &[Event]) -> Result<()> {
        for event in events {
            self.items.push(serde_json::to_value(event)?);
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        serde_json::to_writer_pretty(&mut self.out, &self.items)?;
        writeln!(self.out)?;
        self.out.flush()?;
        Ok(())
    }
}

/// One event per line, streamed.
pub struct JsonLinesWriter {
    out: Box<dyn Write>,
}

impl EventWriter for JsonLinesWriter {
    fn article(&mut self, _article: &Article, events: &[Event]) -> Result<()> {
        self.events(events)
    }

    fn events(&mut self, events: &[Event]) -> Result<()> {
        for event in events {
            serde_json::to_writer(&mut self.out, event)?;
            writeln!(self.out)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 29] = [
    "id",
    "article_id",
    "type",
    "mode",
    "cameo",
    "date_start",
    "date_end",
    "date_precision",
    "source_name",
    "source_country",
    "source_role",
    "target_name",
    "target_country",
    "target_role",
    "place_name",
    "place_country",
    "place_admin1",
    "lat",
    "lon",
    "place_precision",
    "killed_min",
    "killed_max",
    "injured_min",
    "injured_max",
    "claimant",
    "stance",
    "negated",
    "hypothetical",
    "evidence",
];

/// One event per row under a header line (written even when there are no events), streamed.
pub struct CsvWriter {
    csv: csv::Writer<Box<dyn Write>>,
}

impl CsvWriter {
    fn new(out: Box<dyn Write>) -> Result<CsvWriter> {
        let mut csv = csv::Writer::from_writer(out);
        csv.write_record(CSV_COLUMNS)?;
        Ok(CsvWriter { csv })
    }
}

impl EventWriter for CsvWriter {
    fn article(&mut self, _article: &Article, events: &[Event]) -> Result<()> {
        self.events(events)
    }

    fn events(&mut self, events: &[Event]) -> Result<()> {
        for event in events {
            self.csv.write_record(csv_row(event))?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.csv.flush()?;
        Ok(())
    }
}

fn csv_row(event: &Event) -> [String; 29] {
    let date = event.date.as_ref();
    let place = event.place.as_ref();
    let (killed_min, killed_max) = casualty_bounds(&event.casualties, CasualtyKind::Killed);
    let (injured_min, injured_max) = casualty_bounds(&event.casualties, CasualtyKind::Injured);
    let [source_name, source_country, source_role] = actor_columns(event.source.as_ref());
    let [target_name, target_country, target_role] = actor_columns(event.target.as_ref());
    [
        event.id.clone(),
        event.article_id.clone(),
        event.event_type.as_str().to_string(),
        event.mode.clone().unwrap_or_default(),
        event.cameo.clone(),
        text_of(date.and_then(|d| d.start)),
        text_of(date.and_then(|d| d.end)),
        text_of(date.map(|d| d.precision.as_str())),
        source_name,
        source_country,
        source_role,
        target_name,
        target_country,
        target_role,
        text_of(place.map(|p| &p.name)),
        text_of(place.and_then(|p| p.country.as_ref())),
        text_of(place.and_then(|p| p.admin1.as_ref())),
        text_of(place.and_then(|p| p.lat)),
        text_of(place.and_then(|p| p.lon)),
        text_of(place.map(|p| p.precision.as_str())),
        text_of(killed_min),
        text_of(killed_max),
        text_of(injured_min),
        text_of(injured_max),
        text_of(event.claimant.as_ref().map(|c| &c.name)),
        event.stance.as_str().to_string(),
        event.negated.to_string(),
        event.hypothetical.to_string(),
        event.evidence.text.clone(),
    ]
}

fn actor_columns(actor: Option<&Actor>) -> [String; 3] {
    match actor {
        Some(actor) => [
            actor.name.clone(),
            text_of(actor.country.as_ref()),
            text_of(actor.role.as_ref()),
        ],
        None => Default::default(),
    }
}

/// Sum of the lower and of the upper bounds over the counts of one kind, leaving out counts that
/// are part of another ("including dozens of civilians"). The upper bound is unknown (`None`) as
/// soon as one count has none; the lower bound counts a missing one as 0.
fn casualty_bounds(casualties: &[Casualty], kind: CasualtyKind) -> (Option<u64>, Option<u64>) {
    let matching: Vec<&Casualty> = casualties
        .iter()
        .filter(|c| c.kind == kind && !c.included)
        .collect();
    if matching.is_empty() {
        return (None, None);
    }
    let min = matching.iter().map(|c| c.min.unwrap_or(0)).sum();
    let max = matching
        .iter()
        .try_fold(0u64, |sum, c| c.max.map(|max| sum.saturating_add(max)));
    (Some(min), max)
}

fn text_of(value: Option<impl ToString>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Table cells are cut to this many characters so that a row fits a terminal line.
const MAX_CELL_CHARS: usize = 28;

const TABLE_HEADER: [&str; 10] = [
    "id",
    "date",
    "type",
    "mode",
    "source",
    "target",
    "place",
    "casualties",
    "claimant",
    "stance",
];

/// An aligned table for terminals; buffered, since column widths depend on every row.
pub struct TableWriter {
    out: Box<dyn Write>,
    rows: Vec<[String; 10]>,
}

impl TableWriter {
    fn new(out: Box<dyn Write>) -> TableWriter {
        TableWriter {
            out,
            rows: Vec::new(),
        }
    }
}

impl EventWriter for TableWriter {
    fn article(&mut self, _article: &Article, events: &[Event]) -> Result<()> {
        self.events(events)
    }

    fn events(&mut self, events: &[Event]) -> Result<()> {
        self.rows.extend(events.iter().map(table_row));
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        if self.rows.is_empty() {
            writeln!(self.out, "no events")?;
        } else {
            let mut table = new_table(TABLE_HEADER);
            for row in &self.rows {
                table.add_row(row.iter().map(|cell| truncate(cell, MAX_CELL_CHARS)));
            }
            // Ids stay on one line, to be copied; the rest wraps to fit.
            if let Some(ids) = table.column_mut(0) {
                ids.set_constraint(ColumnConstraint::ContentWidth);
            }
            writeln!(self.out, "{table}")?;
        }
        self.out.flush()?;
        Ok(())
    }
}

/// A table with `header`, fitted to the terminal's width when standard output is one.
pub fn new_table(header: impl Into<comfy_table::Row>) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_BORDERS_ONLY)
        .set_header(header);
    match terminal_size::terminal_size_of(std::io::stdout()) {
        Some((terminal_size::Width(width), _)) => {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    table
}

fn table_row(event: &Event) -> [String; 10] {
    let mut stance = event.stance.as_str().to_string();
    for (flag, set) in [
        ("negated", event.negated),
        ("hypothetical", event.hypothetical),
        ("background", event.background),
    ] {
        if set {
            stance.push_str(", ");
            stance.push_str(flag);
        }
    }
    [
        event.id.clone(),
        event.date.as_ref().map(date_text).unwrap_or_default(),
        event.event_type.as_str().to_string(),
        event.mode.clone().unwrap_or_default(),
        event.source.as_ref().map(actor_text).unwrap_or_default(),
        event.target.as_ref().map(actor_text).unwrap_or_default(),
        event.place.as_ref().map(place_text).unwrap_or_default(),
        casualties_text(&event.casualties),
        event.claimant.as_ref().map(actor_text).unwrap_or_default(),
        stance,
    ]
}

/// Cuts `text` to `max` characters, marking the cut with "…".
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use observer_model::CasualtyGroup;

    fn casualty(kind: CasualtyKind, min: Option<u64>, max: Option<u64>) -> Casualty {
        Casualty {
            kind,
            group: CasualtyGroup::Civilian,
            min,
            max,
            text: String::new(),
            cumulative: false,
            included: false,
        }
    }

    #[test]
    fn casualty_bounds_add_up_and_an_open_bound_stays_open() {
        let counts = [
            casualty(CasualtyKind::Killed, Some(4), Some(4)),
            casualty(CasualtyKind::Killed, Some(772), None),
            casualty(CasualtyKind::Injured, Some(11), Some(11)),
        ];
        assert_eq!(
            casualty_bounds(&counts, CasualtyKind::Killed),
            (Some(776), None)
        );
        assert_eq!(
            casualty_bounds(&counts, CasualtyKind::Injured),
            (Some(11), Some(11))
        );
        assert_eq!(
            casualty_bounds(&counts, CasualtyKind::Missing),
            (None, None)
        );
        let subset = Casualty {
            included: true,
            ..casualty(CasualtyKind::Injured, Some(5), Some(5))
        };
        assert_eq!(
            casualty_bounds(&[counts[2].clone(), subset], CasualtyKind::Injured),
            (Some(11), Some(11))
        );
        assert_eq!(
            casualties_text(&counts),
            "4 civilian killed; 772+ civilian killed; 11 civilian injured"
        );
    }

    #[test]
    fn truncation_counts_characters_not_bytes() {
        assert_eq!(truncate("Saltivka", 28), "Saltivka");
        assert_eq!(truncate("Ukraine’s army said", 10), "Ukraine’s…");
    }
}
