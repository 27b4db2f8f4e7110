//! Turns an [`EventFilter`] into one parameterised SQL query over the events table.
//!
//! User input only ever travels as bound parameters; the SQL text holds column names and
//! placeholder numbers. Substring filters use `instr` on case-folded text rather than `LIKE`, so
//! `%` and `_` in user input are ordinary characters and case folding covers all of Unicode,
//! not just ASCII.

use rusqlite::types::Value;

use crate::EventFilter;
use crate::columns::{country_key, fold};

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

/// The SQL selecting the JSON of the events `filter` matches, in the documented order, and the
/// values for its placeholders.
pub(crate) fn events_query(filter: &EventFilter) -> (String, Vec<Value>) {
    let mut query = Conditions::default();
    if let Some(since) = filter.since {
        let day = query.bind(since.to_string());
        query.push(format!("coalesce(e.date_end, e.date_start) >= {day}"));
    }
    if let Some(until) = filter.until {
        let day = query.bind(until.to_string());
        query.push(format!("coalesce(e.date_start, e.date_end) <= {day}"));
    }
    if let Some(actor) = &filter.actor {
        query.contains_any(ACTOR_COLUMNS, actor);
    }
    if let Some(country) = &filter.country {
        // The country columns are COLLATE NOCASE, so `=` ignores case and can use their indexes.
        let code = query.bind(country_key(country));
        query.any_of(COUNTRY_COLUMNS, |column| format!("{column} = {code}"));
    }
    if let Some(event_type) = filter.event_type {
        let name = query.bind(event_type.as_str().to_string());
        query.push(format!("e.type = {name}"));
    }
    if let Some(place) = &filter.place {
        query.contains_any(PLACE_COLUMNS, place);
    }
    if let Some(outlet) = &filter.source {
        let needle = query.bind(fold(outlet));
        query.push(format!(
            "e.article_id IN (SELECT id FROM articles WHERE instr({FOLD_FUNCTION}(source), {needle}) > 0)"
        ));
    }
    if let Some(article_id) = &filter.article_id {
        let id = query.bind(article_id.clone());
        query.push(format!("e.article_id = {id}"));
    }

    let mut sql = String::from("SELECT e.json FROM events e");
    if !query.clauses.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&query.clauses.join(" AND "));
    }
    sql.push_str(" ORDER BY e.date_start IS NULL, e.date_start, e.article_id, e.id");
    if let Some(limit) = filter.limit {
        let limit = query.bind(i64::try_from(limit).unwrap_or(i64::MAX));
        sql.push_str(&format!(" LIMIT {limit}"));
    }
    (sql, query.params)
}

/// WHERE clauses joined by AND, and the values bound to their numbered placeholders.
#[derive(Default)]
struct Conditions {
    clauses: Vec<String>,
    params: Vec<Value>,
}

impl Conditions {
    /// Binds a value and returns the placeholder that refers to it.
    fn bind(&mut self, value: impl Into<Value>) -> String {
        self.params.push(value.into());
        format!("?{}", self.params.len())
    }

    fn push(&mut self, clause: String) {
        self.clauses.push(clause);
    }

    /// A clause true when `condition` holds for any of `columns`.
    fn any_of(&mut self, columns: &[&str], condition: impl Fn(&str) -> String) {
        let alternatives: Vec<String> = columns.iter().map(|column| condition(column)).collect();
        self.push(format!("({})", alternatives.join(" OR ")));
    }

    /// A clause true when any of `columns` contains `needle`, ignoring case.
    fn contains_any(&mut self, columns: &[&str], needle: &str) {
        let needle = self.bind(fold(needle));
        self.any_of(columns, |column| {
            format!("instr({FOLD_FUNCTION}({column}), {needle}) > 0")
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_input_is_bound_never_spliced() {
        let hostile = "'; DROP TABLE events; --";
        let filter = EventFilter {
            actor: Some(hostile.into()),
            country: Some(hostile.into()),
            place: Some(hostile.into()),
            source: Some(hostile.into()),
            article_id: Some(hostile.into()),
            limit: Some(3),
            ..EventFilter::default()
        };
        let (sql, params) = events_query(&filter);
        assert!(!sql.contains("DROP"), "{sql}");
        assert_eq!(params.len(), 6);
        assert!(sql.ends_with("LIMIT ?6"), "{sql}");
    }

    #[test]
    fn an_empty_filter_selects_everything_in_order() {
        let (sql, params) = events_query(&EventFilter::default());
        assert_eq!(
            sql,
            "SELECT e.json FROM events e \
             ORDER BY e.date_start IS NULL, e.date_start, e.article_id, e.id"
        );
        assert!(params.is_empty());
    }
}
