//! Turns an [`EventFilter`] into one parameterised SQL query over the events table, the same for
//! every backend; a [`Dialect`] supplies what differs between SQL dialects.
//!
//! User input only ever travels as bound parameters; the SQL text holds column names and
//! placeholder numbers. Substring filters compare text case-folded by Observer
//! ([`crate::columns::fold`]) with a substring function rather than `LIKE`, so `%` and `_` in user
//! input are ordinary characters and case folding is the same whatever the database.

use crate::EventFilter;
use crate::columns::{country_key, fold};
use chrono::NaiveDate;

/// How one backend spells the parts of the events query that differ between SQL dialects. Each
/// clause function gets the placeholder of its bound, already folded value.
pub(crate) trait Dialect {
    /// A value bound to a placeholder.
    type Param;
    /// `SELECT <the event JSON as text> FROM events e`.
    const SELECT: &'static str;
    /// The placeholder of the `n`th bound value (1-based).
    fn placeholder(n: usize) -> String;
    fn date(day: NaiveDate) -> Self::Param;
    fn text(value: String) -> Self::Param;
    fn integer(value: i64) -> Self::Param;
    /// True when the source, target or claimant's name, text or code contains `needle`.
    fn actor_contains(needle: &str) -> String;
    /// True when the source, target or place country is `code`.
    fn country_is(code: &str) -> String;
    /// True when the place name or admin1 contains `needle`.
    fn place_contains(needle: &str) -> String;
    /// True when the article's outlet contains `needle`.
    fn outlet_contains(needle: &str) -> String;
}

/// The SQL selecting the JSON of the events `filter` matches, in the documented order, and the
/// values for its placeholders.
pub(crate) fn events_query<D: Dialect>(filter: &EventFilter) -> (String, Vec<D::Param>) {
    let mut params: Vec<D::Param> = Vec::new();
    let mut bind = |value: D::Param| {
        params.push(value);
        D::placeholder(params.len())
    };
    let mut clauses = Vec::new();
    if let Some(since) = filter.since {
        clauses.push(format!(
            "coalesce(e.date_end, e.date_start) >= {}",
            bind(D::date(since))
        ));
    }
    if let Some(until) = filter.until {
        clauses.push(format!(
            "coalesce(e.date_start, e.date_end) <= {}",
            bind(D::date(until))
        ));
    }
    if let Some(actor) = &filter.actor {
        clauses.push(D::actor_contains(&bind(D::text(fold(actor)))));
    }
    if let Some(country) = &filter.country {
        clauses.push(D::country_is(&bind(D::text(country_key(country)))));
    }
    if let Some(event_type) = filter.event_type {
        clauses.push(format!(
            "e.type = {}",
            bind(D::text(event_type.as_str().to_string()))
        ));
    }
    if let Some(place) = &filter.place {
        clauses.push(D::place_contains(&bind(D::text(fold(place)))));
    }
    if let Some(outlet) = &filter.source {
        clauses.push(D::outlet_contains(&bind(D::text(fold(outlet)))));
    }
    if let Some(article_id) = &filter.article_id {
        clauses.push(format!(
            "e.article_id = {}",
            bind(D::text(article_id.clone()))
        ));
    }
    let mut sql = String::from(D::SELECT);
    if !clauses.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&clauses.join(" AND "));
    }
    sql.push_str(" ORDER BY e.date_start IS NULL, e.date_start, e.article_id, e.id");
    if let Some(limit) = filter.limit {
        let limit = bind(D::integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        sql.push_str(&format!(" LIMIT {limit}"));
    }
    (sql, params)
}
