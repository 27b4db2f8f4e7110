//! The PostgreSQL spelling of the events query ([`crate::events_query`]): substrings with `strpos`
//! on values Observer folded when it stored them ([`crate::columns`]), so the filters mean the
//! same as SQLite's whatever the database's locale.

use postgres::types::ToSql;

use crate::events_query::Dialect;

/// A value bound to a placeholder.
pub(crate) type Param = Box<dyn ToSql + Sync + Send>;

pub(crate) struct Postgres;

/// A clause true when any folded value of the array `column` contains `needle`.
fn any_contains(column: &str, needle: &str) -> String {
    format!("EXISTS (SELECT 1 FROM unnest({column}) AS value WHERE strpos(value, {needle}) > 0)")
}

impl Dialect for Postgres {
    type Param = Param;
    const SELECT: &'static str = "SELECT e.json::text FROM events e";

    fn placeholder(n: usize) -> String {
        format!("${n}")
    }
    fn date(day: chrono::NaiveDate) -> Param {
        Box::new(day)
    }
    fn text(value: String) -> Param {
        Box::new(value)
    }
    fn integer(value: i64) -> Param {
        Box::new(value)
    }
    fn real(value: f64) -> Param {
        Box::new(value)
    }
    fn actor_contains(needle: &str) -> String {
        any_contains("e.actor_search", needle)
    }
    fn country_is(code: &str) -> String {
        format!("e.countries @> ARRAY[{code}::text]")
    }
    fn place_contains(needle: &str) -> String {
        any_contains("e.place_search", needle)
    }
    fn outlet_contains(needle: &str) -> String {
        format!(
            "e.article_id IN (SELECT id FROM articles WHERE strpos(source_folded, {needle}) > 0)"
        )
    }
    fn search_value(words: &[&str]) -> String {
        words.join(" ")
    }
    fn article_matches(search: &str) -> String {
        // plainto_tsquery reads its input as plain words, all required: no search syntax.
        format!("a.search @@ plainto_tsquery('simple', {search})")
    }
    fn article_outlet_contains(needle: &str) -> String {
        format!("strpos(a.source_folded, {needle}) > 0")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events_query::tests as dialect;

    #[test]
    fn user_input_is_bound_never_spliced() {
        dialect::user_input_is_bound_never_spliced::<Postgres>("LIMIT $6)");
    }

    #[test]
    fn an_empty_filter_selects_everything_in_order() {
        dialect::an_empty_filter_selects_everything_in_order::<Postgres>(
            "SELECT e.json::text FROM events e",
        );
    }
}
