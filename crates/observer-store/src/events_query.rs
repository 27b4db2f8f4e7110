//! Turns an [`EventFilter`] or an [`ArticleFilter`] into parameterised SQL, the same for every
//! backend; a [`Dialect`] supplies what differs between SQL dialects.
//!
//! User input only ever travels as bound parameters; the SQL text holds column names and
//! placeholder numbers. Substring filters compare text case-folded by Observer
//! ([`crate::columns::fold`]) with a substring function rather than `LIKE`, so `%` and `_` in user
//! input are ordinary characters and case folding is the same whatever the database.

use crate::columns::{country_key, fold};
use crate::{ArticleFilter, BoundingBox, EventFilter};
use chrono::NaiveDate;

/// How one backend spells the parts of the queries that differ between SQL dialects. Each
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
    fn real(value: f64) -> Self::Param;
    /// True when the source, target or claimant's name, text or code contains `needle`.
    fn actor_contains(needle: &str) -> String;
    /// True when the source, target or place country is `code`.
    fn country_is(code: &str) -> String;
    /// True when the place name or admin1 contains `needle`.
    fn place_contains(needle: &str) -> String;
    /// True when the article's outlet contains `needle`.
    fn outlet_contains(needle: &str) -> String;
    /// The value bound for a full-text search of `words` (each a run of letters and digits).
    fn search_value(words: &[&str]) -> String;
    /// True when the title or text of article `a` holds every word of the bound search value.
    fn article_matches(search: &str) -> String;
    /// True when the outlet of article `a` contains `needle`.
    fn article_outlet_contains(needle: &str) -> String;
}

/// The SQL text and the values of its placeholders, built clause by clause.
struct Query<D: Dialect> {
    params: Vec<D::Param>,
    clauses: Vec<String>,
}

impl<D: Dialect> Query<D> {
    fn new() -> Self {
        Query {
            params: Vec::new(),
            clauses: Vec::new(),
        }
    }

    /// Binds `value` and returns its placeholder.
    fn bind(&mut self, value: D::Param) -> String {
        self.params.push(value);
        D::placeholder(self.params.len())
    }

    /// ` WHERE a AND b`, or nothing when there is no clause.
    fn where_sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    /// Adds the clauses of `filter` that select events (everything but the cursor and limit).
    fn event_clauses(&mut self, filter: &EventFilter) {
        if let Some(since) = filter.since {
            let since = self.bind(D::date(since));
            self.clauses
                .push(format!("coalesce(e.date_end, e.date_start) >= {since}"));
        }
        if let Some(until) = filter.until {
            let until = self.bind(D::date(until));
            self.clauses
                .push(format!("coalesce(e.date_start, e.date_end) <= {until}"));
        }
        if let Some(actor) = &filter.actor {
            let needle = self.bind(D::text(fold(actor)));
            self.clauses.push(D::actor_contains(&needle));
        }
        if let Some(country) = &filter.country {
            let code = self.bind(D::text(country_key(country)));
            self.clauses.push(D::country_is(&code));
        }
        if let Some(event_type) = filter.event_type {
            let name = self.bind(D::text(event_type.as_str().to_string()));
            self.clauses.push(format!("e.type = {name}"));
        }
        if let Some(place) = &filter.place {
            let needle = self.bind(D::text(fold(place)));
            self.clauses.push(D::place_contains(&needle));
        }
        if let Some(outlet) = &filter.source {
            let needle = self.bind(D::text(fold(outlet)));
            self.clauses.push(D::outlet_contains(&needle));
        }
        if let Some(article_id) = &filter.article_id {
            let id = self.bind(D::text(article_id.clone()));
            self.clauses.push(format!("e.article_id = {id}"));
        }
        if let Some(bbox) = filter.bbox {
            self.bbox_clause(bbox);
        }
    }

    fn bbox_clause(&mut self, bbox: BoundingBox) {
        let south = self.bind(D::real(bbox.south));
        let north = self.bind(D::real(bbox.north));
        let west = self.bind(D::real(bbox.west));
        let east = self.bind(D::real(bbox.east));
        let lat = format!("e.place_lat BETWEEN {south} AND {north}");
        // A box whose west edge lies east of its east edge crosses the antimeridian.
        let lon = if bbox.west <= bbox.east {
            format!("e.place_lon BETWEEN {west} AND {east}")
        } else {
            format!("(e.place_lon >= {west} OR e.place_lon <= {east})")
        };
        self.clauses.push(format!("{lat} AND {lon}"));
    }

    /// The clause keeping the events after `after` in the events order
    /// (date start with nulls last, article id, event id).
    fn event_cursor_clause(&mut self, after: &crate::EventCursor) {
        let article_id = self.bind(D::text(after.article_id.clone()));
        let id = self.bind(D::text(after.id.clone()));
        let same_day_later = format!(
            "(e.article_id > {article_id} OR (e.article_id = {article_id} AND e.id > {id}))"
        );
        let clause = match after.date_start {
            Some(day) => {
                let day = self.bind(D::date(day));
                format!(
                    "(e.date_start IS NULL OR e.date_start > {day} OR \
                     (e.date_start = {day} AND {same_day_later}))"
                )
            }
            None => format!("(e.date_start IS NULL AND {same_day_later})"),
        };
        self.clauses.push(clause);
    }

    fn limit_sql(&mut self, limit: Option<usize>) -> String {
        match limit {
            Some(limit) => {
                let limit = self.bind(D::integer(i64::try_from(limit).unwrap_or(i64::MAX)));
                format!(" LIMIT {limit}")
            }
            None => String::new(),
        }
    }
}

/// The SQL selecting the JSON of the events `filter` matches, in the documented order, and the
/// values for its placeholders.
pub(crate) fn events_query<D: Dialect>(filter: &EventFilter) -> (String, Vec<D::Param>) {
    let mut query = Query::<D>::new();
    query.event_clauses(filter);
    if let Some(after) = &filter.after {
        query.event_cursor_clause(after);
    }
    const ORDER: &str = " ORDER BY e.date_start IS NULL, e.date_start, e.article_id, e.id";
    let sql = match filter.limit {
        // A page: the ids are chosen and ordered first, so the sort never carries the event JSON
        // (about 2 kB each) of every matching event, only that of the page.
        Some(limit) => {
            let inner = format!(
                "SELECT e.id FROM events e{}{ORDER}{}",
                query.where_sql(),
                query.limit_sql(Some(limit))
            );
            format!("{} WHERE e.id IN ({inner}){ORDER}", D::SELECT)
        }
        None => format!("{}{}{ORDER}", D::SELECT, query.where_sql()),
    };
    (sql, query.params)
}

/// The SQL grouping the located events `filter` matches by type and place: type, place name,
/// latitude, longitude, precision, number of events, and the smallest event id. The cursor and
/// limit of the filter do not apply.
pub(crate) fn map_query<D: Dialect>(filter: &EventFilter) -> (String, Vec<D::Param>) {
    let mut query = Query::<D>::new();
    query.event_clauses(filter);
    query
        .clauses
        .push("e.place_lat IS NOT NULL AND e.place_lon IS NOT NULL".to_string());
    let sql = format!(
        "SELECT e.type, e.place_name, e.place_lat, e.place_lon, e.place_precision, count(*), \
         min(e.id) FROM events e{} \
         GROUP BY e.type, e.place_name, e.place_lat, e.place_lon, e.place_precision \
         ORDER BY count(*) DESC, min(e.id)",
        query.where_sql()
    );
    (sql, query.params)
}

/// The SQL counting the events `filter` matches that are dated to the day or week, per first day
/// and type, in day order (an event known only to the month or year would stand on a day it did
/// not happen). The cursor and limit of the filter do not apply.
pub(crate) fn timeline_query<D: Dialect>(filter: &EventFilter) -> (String, Vec<D::Param>) {
    let mut query = Query::<D>::new();
    query.event_clauses(filter);
    query
        .clauses
        .push("e.date_start IS NOT NULL AND e.date_precision IN ('day', 'week')".to_string());
    let sql = format!(
        "SELECT e.date_start, e.type, count(*) FROM events e{} \
         GROUP BY e.date_start, e.type ORDER BY e.date_start, e.type",
        query.where_sql()
    );
    (sql, query.params)
}

/// The words of a full-text search: runs of letters and digits, everything else a separator (so
/// no character of the user's query is search syntax).
pub(crate) fn search_words(query: &str) -> Vec<&str> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect()
}

/// The SQL selecting the summaries of the articles `filter` matches: id, source, url, published,
/// title and number of events; newest first (undated last), then by id.
pub(crate) fn articles_query<D: Dialect>(filter: &ArticleFilter) -> (String, Vec<D::Param>) {
    let mut query = Query::<D>::new();
    if let Some(since) = filter.since {
        let since = query.bind(D::date(since));
        query.clauses.push(format!("a.published >= {since}"));
    }
    if let Some(until) = filter.until {
        let until = query.bind(D::date(until));
        query.clauses.push(format!("a.published <= {until}"));
    }
    if let Some(outlet) = &filter.source {
        let needle = query.bind(D::text(fold(outlet)));
        query.clauses.push(D::article_outlet_contains(&needle));
    }
    if let Some(text) = &filter.text {
        let words = search_words(text);
        if words.is_empty() {
            // Nothing to look for: nothing matches.
            query.clauses.push("1 = 0".to_string());
        } else {
            let search = query.bind(D::text(D::search_value(&words)));
            query.clauses.push(D::article_matches(&search));
        }
    }
    if let Some(events) = &filter.events {
        let mut inner = Query::<D> {
            params: std::mem::take(&mut query.params),
            clauses: Vec::new(),
        };
        inner.event_clauses(events);
        if !inner.clauses.is_empty() {
            query.clauses.push(format!(
                "a.id IN (SELECT e.article_id FROM events e{})",
                inner.where_sql()
            ));
        }
        query.params = inner.params;
    }
    if let Some(after) = &filter.after {
        let id = query.bind(D::text(after.id.clone()));
        let clause = match after.published {
            Some(day) => {
                let day = query.bind(D::date(day));
                format!(
                    "(a.published IS NULL OR a.published < {day} OR \
                     (a.published = {day} AND a.id > {id}))"
                )
            }
            None => format!("(a.published IS NULL AND a.id > {id})"),
        };
        query.clauses.push(clause);
    }
    let mut sql = format!(
        "SELECT a.id, a.source, a.url, a.published, a.title, \
         (SELECT count(*) FROM events e WHERE e.article_id = a.id) FROM articles a{} \
         ORDER BY a.published IS NULL, a.published DESC, a.id",
        query.where_sql()
    );
    sql.push_str(&query.limit_sql(filter.limit));
    (sql, query.params)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Filter strings become bound parameters, never SQL: `limit` is how the dialect spells
    /// the LIMIT clause of the sixth parameter.
    pub(crate) fn user_input_is_bound_never_spliced<D: Dialect>(limit: &str) {
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
        let (sql, params) = events_query::<D>(&filter);
        assert!(!sql.contains("DROP"), "{sql}");
        assert_eq!(params.len(), 6);
        assert!(sql.contains(limit), "{sql}");
    }

    /// No filter: every event, ordered, from the dialect's `select`.
    pub(crate) fn an_empty_filter_selects_everything_in_order<D: Dialect>(select: &str) {
        let (sql, params) = events_query::<D>(&EventFilter::default());
        assert_eq!(
            sql,
            format!("{select} ORDER BY e.date_start IS NULL, e.date_start, e.article_id, e.id")
        );
        assert!(params.is_empty());
    }

    #[test]
    fn search_words_drop_every_non_word_character() {
        assert_eq!(
            search_words("\"Stepanakert\" OR shelling* NEAR('; DROP"),
            ["Stepanakert", "OR", "shelling", "NEAR", "DROP"]
        );
        assert!(search_words("%_\"*").is_empty());
        assert_eq!(search_words("Şuşa, Карабах"), ["Şuşa", "Карабах"]);
    }
}
