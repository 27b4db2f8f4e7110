//! The SQLite spelling of the events query ([`crate::events_query`]): substrings with `instr` on
//! text folded by the [`FOLD_FUNCTION`] registered on every connection.

use rusqlite::types::Value;

use crate::events_query::Dialect;

/// Name of the SQL function that case-folds text; registered on every connection.
pub(crate) const FOLD_FUNCTION: &str = "observer_fold";

const ACTOR_COLUMNS: &[&str] = &[
    "e.source_name",
    "e.source_text",
    "e.source_code",
    "e.target_name",
    "e.target_text",
    "e.target_code",
    "e.claimant_name",
    "e.claimant_text",
    "e.claimant_code",
];
const COUNTRY_COLUMNS: &[&str] = &["e.source_country", "e.target_country", "e.place_country"];
const PLACE_COLUMNS: &[&str] = &["e.place_name", "e.place_admin1"];

pub(crate) struct Sqlite;

/// A clause true when `condition` holds for any of `columns`.
fn any_of(columns: &[&str], condition: impl Fn(&str) -> String) -> String {
    let alternatives: Vec<String> = columns.iter().map(|column| condition(column)).collect();
    format!("({})", alternatives.join(" OR "))
}

fn contains(column: &str, needle: &str) -> String {
    format!("instr({FOLD_FUNCTION}({column}), {needle}) > 0")
}

impl Dialect for Sqlite {
    type Param = Value;
    const SELECT: &'static str = "SELECT e.json FROM events e";

    fn placeholder(n: usize) -> String {
        format!("?{n}")
    }
    fn date(day: chrono::NaiveDate) -> Value {
        Value::Text(day.to_string())
    }
    fn text(value: String) -> Value {
        Value::Text(value)
    }
    fn integer(value: i64) -> Value {
        Value::Integer(value)
    }
    fn real(value: f64) -> Value {
        Value::Real(value)
    }
    fn actor_contains(needle: &str) -> String {
        any_of(ACTOR_COLUMNS, |column| contains(column, needle))
    }
    fn country_is(code: &str) -> String {
        // The country columns are COLLATE NOCASE, so `=` ignores case and can use their indexes.
        // One index lookup per column, joined: for an OR of the three, SQLite's planner scans
        // another index and reads every row it names instead (ten times slower on 100,000 events).
        let lookups: Vec<String> = COUNTRY_COLUMNS
            .iter()
            .map(|column| {
                let column = column.trim_start_matches("e.");
                format!("SELECT rowid FROM events WHERE {column} = {code}")
            })
            .collect();
        format!("e.rowid IN ({})", lookups.join(" UNION ALL "))
    }
    fn place_contains(needle: &str) -> String {
        any_of(PLACE_COLUMNS, |column| contains(column, needle))
    }
    fn outlet_contains(needle: &str) -> String {
        format!(
            "e.article_id IN (SELECT id FROM articles WHERE {})",
            contains("source", needle)
        )
    }
    fn search_value(words: &[&str]) -> String {
        // Each word an FTS5 string (a `"` inside doubled), so none is an operator; all must match.
        let quoted: Vec<String> = words
            .iter()
            .map(|word| format!("\"{}\"", word.replace('"', "\"\"")))
            .collect();
        quoted.join(" ")
    }
    fn article_matches(search: &str) -> String {
        format!("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH {search})")
    }
    fn article_outlet_contains(needle: &str) -> String {
        contains("a.source", needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events_query::tests as dialect;

    #[test]
    fn user_input_is_bound_never_spliced() {
        dialect::user_input_is_bound_never_spliced::<Sqlite>("LIMIT ?6)");
    }

    #[test]
    fn an_empty_filter_selects_everything_in_order() {
        dialect::an_empty_filter_selects_everything_in_order::<Sqlite>(
            "SELECT e.json FROM events e",
        );
    }
}
