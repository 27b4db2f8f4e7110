//! What both backends copy out of an event into the columns of their events table, and the
//! checks and case folding they share, so that SQLite and PostgreSQL filter the same way.
//!
//! The event JSON stays the source of truth; these columns only exist so filters can use SQL
//! (and indexes) instead of parsing every event.

use chrono::NaiveDate;
use observer_model::{Actor, Event};

use crate::Coded;

/// The case folding of the substring filters, applied to stored values and to the user's needle
/// alike (SQLite calls it through a SQL function, PostgreSQL stores folded copies).
pub(crate) fn fold(text: &str) -> String {
    text.to_lowercase()
}

/// The form in which country codes are compared: trimmed, ASCII upper case (ISO codes are ASCII;
/// this is what SQLite's `COLLATE NOCASE` equality does).
pub(crate) fn country_key(code: &str) -> String {
    code.trim().to_ascii_uppercase()
}

/// The first event of `coded` that names another article, which no backend may store.
pub(crate) fn stray_event(coded: &Coded) -> Option<&Event> {
    coded
        .events
        .iter()
        .find(|event| event.article_id != coded.article.id)
}

/// The filterable columns of one actor of an event.
pub(crate) struct ActorColumns<'a> {
    pub name: Option<&'a str>,
    pub text: Option<&'a str>,
    pub code: Option<&'a str>,
    pub country: Option<&'a str>,
    pub role: Option<&'a str>,
}

impl<'a> ActorColumns<'a> {
    fn of(actor: Option<&'a Actor>) -> Self {
        ActorColumns {
            name: actor.map(|a| a.name.as_str()),
            text: actor.map(|a| a.text.as_str()),
            code: actor.map(|a| a.code.as_str()),
            country: actor.and_then(|a| a.country.as_deref()),
            role: actor.and_then(|a| a.role.as_deref()),
        }
    }

    /// What the actor filter searches in this actor: its name, surface text and CAMEO code.
    fn searched(&self) -> [Option<&'a str>; 3] {
        [self.name, self.text, self.code]
    }
}

/// The filterable columns of an event, borrowed from it.
pub(crate) struct EventColumns<'a> {
    pub id: &'a str,
    pub article_id: &'a str,
    pub event_type: &'static str,
    pub mode: Option<&'a str>,
    pub cameo: &'a str,
    pub source: ActorColumns<'a>,
    pub target: ActorColumns<'a>,
    pub claimant: ActorColumns<'a>,
    pub place_name: Option<&'a str>,
    pub place_country: Option<&'a str>,
    pub place_admin1: Option<&'a str>,
    pub place_lat: Option<f64>,
    pub place_lon: Option<f64>,
    pub place_precision: Option<&'static str>,
    /// First and last day, inclusive.
    pub date_start: Option<NaiveDate>,
    pub date_end: Option<NaiveDate>,
    pub date_precision: Option<&'static str>,
    pub stance: &'static str,
    pub negated: bool,
    pub hypothetical: bool,
    pub background: bool,
}

impl<'a> EventColumns<'a> {
    pub fn of(event: &'a Event) -> Self {
        let place = event.place.as_ref();
        let date = event.date.as_ref();
        EventColumns {
            id: &event.id,
            article_id: &event.article_id,
            event_type: event.event_type.as_str(),
            mode: event.mode.as_deref(),
            cameo: &event.cameo,
            source: ActorColumns::of(event.source.as_ref()),
            target: ActorColumns::of(event.target.as_ref()),
            claimant: ActorColumns::of(event.claimant.as_ref()),
            place_name: place.map(|p| p.name.as_str()),
            place_country: place.and_then(|p| p.country.as_deref()),
            place_admin1: place.and_then(|p| p.admin1.as_deref()),
            place_lat: place.and_then(|p| p.lat),
            place_lon: place.and_then(|p| p.lon),
            place_precision: place.map(|p| p.precision.as_str()),
            date_start: date.and_then(|d| d.start),
            date_end: date.and_then(|d| d.end),
            date_precision: date.map(|d| d.precision.as_str()),
            stance: event.stance.as_str(),
            negated: event.negated,
            hypothetical: event.hypothetical,
            background: event.background,
        }
    }

    /// The values the actor filter searches: name, text and code of source, target and
    /// claimant (SQLite's `ACTOR_COLUMNS`), folded.
    pub fn actor_search(&self) -> Vec<String> {
        [&self.source, &self.target, &self.claimant]
            .into_iter()
            .flat_map(ActorColumns::searched)
            .flatten()
            .map(fold)
            .collect()
    }

    /// The values the place filter searches: the place name and admin1 (SQLite's
    /// `PLACE_COLUMNS`), folded.
    pub fn place_search(&self) -> Vec<String> {
        [self.place_name, self.place_admin1]
            .into_iter()
            .flatten()
            .map(fold)
            .collect()
    }

    /// The countries the country filter compares with a [`country_key`]: source, target and
    /// place (SQLite's `COUNTRY_COLUMNS`), in ASCII upper case.
    pub fn countries(&self) -> Vec<String> {
        [self.source.country, self.target.country, self.place_country]
            .into_iter()
            .flatten()
            .map(str::to_ascii_uppercase)
            .collect()
    }
}
