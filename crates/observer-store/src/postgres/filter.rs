//! Turns an [`EventFilter`] into one parameterised SQL query over the PostgreSQL events table,
//! with the same meaning as SQLite's (`sqlite/filter.rs`).
//!
//! User input only ever travels as bound parameters. Substring filters use `strpos` on values
//! folded by Observer ([`crate::columns`]), so `%` and `_` are ordinary characters and case
//! folding is Rust's, whatever the database's locale.

use postgres::types::ToSql;

use crate::EventFilter;
use crate::columns::{country_key, fold};

/// A value bound to a placeholder.
pub(crate) type Param = Box<dyn ToSql + Sync + Send>;

/// The SQL selecting the JSON of the events `filter` matches, in the documented order, and the
/// values for its placeholders.
pub(crate) fn events_query(filter: &EventFilter) -> (String, Vec<Param>) {
    let mut query = Conditions::default();
    if let Some(since) = filter.since {
        let day = query.bind(since);
        query.push(format!("coalesce(e.date_end, e.date_start) >= {day}"));
    }
    if let Some(until) = filter.until {
        let day = query.bind(until);
        query.push(format!("coalesce(e.date_start, e.date_end) <= {day}"));
    }
    if let Some(actor) = &filter.actor {
        query.any_contains("e.actor_search", actor);
    }
    if let Some(country) = &filter.country {
        let code = query.bind(country_key(country));
        query.push(format!("e.countries @> ARRAY[{code}::text]"));
    }
    if let Some(event_type) = filter.event_type {
        let name = query.bind(event_type.as_str().to_string());
        query.push(format!("e.type = {name}"));
    }
    if let Some(place) = &filter.place {
        query.any_contains("e.place_search", place);
    }
    if let Some(outlet) = &filter.source {
        let needle = query.bind(fold(outlet));
        query.push(format!(
            "e.article_id IN (SELECT id FROM articles WHERE strpos(source_folded, {needle}) > 0)"
        ));
    }
    if let Some(article_id) = &filter.article_id {
        let id = query.bind(article_id.clone());
        query.push(format!("e.article_id = {id}"));
    }

    let mut sql = String::from("SELECT e.json::text FROM events e");
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
    params: Vec<Param>,
}

impl Conditions {
    /// Binds a value and returns the placeholder that refers to it.
    fn bind(&mut self, value: impl ToSql + Sync + Send + 'static) -> String {
        self.params.push(Box::new(value));
        format!("${}", self.params.len())
    }

    fn push(&mut self, clause: String) {
        self.clauses.push(clause);
    }

    /// A clause true when any folded value of the array `column` contains `needle`, ignoring case.
    fn any_contains(&mut self, column: &str, needle: &str) {
        let needle = self.bind(fold(needle));
        self.push(format!(
            "EXISTS (SELECT 1 FROM unnest({column}) AS value WHERE strpos(value, {needle}) > 0)"
        ));
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
        assert!(sql.ends_with("LIMIT $6"), "{sql}");
    }

    #[test]
    fn an_empty_filter_selects_everything_in_order() {
        let (sql, params) = events_query(&EventFilter::default());
        assert_eq!(
            sql,
            "SELECT e.json::text FROM events e \
             ORDER BY e.date_start IS NULL, e.date_start, e.article_id, e.id"
        );
        assert!(params.is_empty());
    }
}
