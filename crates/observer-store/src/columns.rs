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

/// What an event column holds, which decides its SQL type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnKind {
    Text,
    Real,
    Date,
    Flag,
}

/// The columns both backends copy out of an event, in the order of [`EventColumns::values`]
/// (each backend's statement adds its own columns after them: the JSON, PostgreSQL's search
/// arrays).
pub(crate) const EVENT_COLUMNS: [(&str, ColumnKind); 33] = {
    use ColumnKind::{Date, Flag, Real, Text};
    [
        ("id", Text),
        ("article_id", Text),
        ("type", Text),
        ("mode", Text),
        ("cameo", Text),
        ("source_name", Text),
        ("source_text", Text),
        ("source_code", Text),
        ("source_country", Text),
        ("source_role", Text),
        ("target_name", Text),
        ("target_text", Text),
        ("target_code", Text),
        ("target_country", Text),
        ("target_role", Text),
        ("place_name", Text),
        ("place_country", Text),
        ("place_admin1", Text),
        ("place_lat", Real),
        ("place_lon", Real),
        ("place_precision", Text),
        ("date_start", Date),
        ("date_end", Date),
        ("date_precision", Text),
        ("stance", Text),
        ("claimant_name", Text),
        ("claimant_text", Text),
        ("claimant_code", Text),
        ("claimant_country", Text),
        ("claimant_role", Text),
        ("negated", Flag),
        ("hypothetical", Flag),
        ("background", Flag),
    ]
};

/// The names of [`EVENT_COLUMNS`] and then of `more`, comma-separated, for a column list.
pub(crate) fn event_column_list(more: &[&str]) -> String {
    let names: Vec<&str> = EVENT_COLUMNS.iter().map(|&(name, _)| name).collect();
    [names.as_slice(), more].concat().join(", ")
}

/// One value of an event's columns, as each backend binds it (SQLite writes dates as ISO text,
/// PostgreSQL as `date`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ColumnValue<'a> {
    Text(Option<&'a str>),
    Real(Option<f64>),
    Date(Option<NaiveDate>),
    Flag(bool),
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

    /// The values of [`EVENT_COLUMNS`], in order.
    pub fn values(&self) -> [ColumnValue<'a>; 33] {
        use ColumnValue::{Date, Flag, Real, Text};
        let (source, target, claimant) = (&self.source, &self.target, &self.claimant);
        [
            Text(Some(self.id)),
            Text(Some(self.article_id)),
            Text(Some(self.event_type)),
            Text(self.mode),
            Text(Some(self.cameo)),
            Text(source.name),
            Text(source.text),
            Text(source.code),
            Text(source.country),
            Text(source.role),
            Text(target.name),
            Text(target.text),
            Text(target.code),
            Text(target.country),
            Text(target.role),
            Text(self.place_name),
            Text(self.place_country),
            Text(self.place_admin1),
            Real(self.place_lat),
            Real(self.place_lon),
            Text(self.place_precision),
            Date(self.date_start),
            Date(self.date_end),
            Text(self.date_precision),
            Text(Some(self.stance)),
            Text(claimant.name),
            Text(claimant.text),
            Text(claimant.code),
            Text(claimant.country),
            Text(claimant.role),
            Flag(self.negated),
            Flag(self.hypothetical),
            Flag(self.background),
        ]
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

#[cfg(test)]
mod tests {
    use super::*;
    use observer_model::{
        DatePrecision, EventDate, EventType, Evidence, Place, PlacePrecision, Stance,
    };

    /// Each value is of its column's kind and holds the field the column is named after.
    #[test]
    fn values_follow_the_event_columns() {
        let actor = |name: &str, country: &str, code: &str| Actor {
            name: name.into(),
            text: format!("the {name}"),
            code: code.into(),
            country: Some(country.into()),
            role: Some("GOV".into()),
            title: None,
        };
        let event = Event {
            id: "a1-0-0".into(),
            article_id: "a1".into(),
            event_type: EventType::Accuse,
            mode: Some("statement".into()),
            cameo: "112".into(),
            source: Some(actor("Foreign Ministry", "PER", "PERGOV")),
            target: Some(actor("Interior Ministry", "BOL", "BOLGOV")),
            place: Some(Place {
                name: "La Paz".into(),
                country: Some("BOL".into()),
                admin1: Some("La Paz".into()),
                lat: Some(-16.5),
                lon: Some(-68.15),
                precision: PlacePrecision::City,
                gazetteer_id: None,
            }),
            date: Some(EventDate {
                start: NaiveDate::from_ymd_opt(2024, 5, 2),
                end: NaiveDate::from_ymd_opt(2024, 5, 3),
                precision: DatePrecision::Day,
                unresolved: false,
            }),
            casualties: vec![],
            claimant: Some(actor("spokeswoman", "PER", "PERGOV")),
            stance: Stance::Alleged,
            negated: true,
            hypothetical: false,
            background: true,
            evidence: Evidence {
                sentence: 0,
                start: 0,
                end: 1,
                text: "L".into(),
            },
            rules: vec![],
            provenance: vec![],
        };
        let row = EventColumns::of(&event);
        let values = row.values();
        for (&(name, kind), value) in EVENT_COLUMNS.iter().zip(values) {
            let value_kind = match value {
                ColumnValue::Text(_) => ColumnKind::Text,
                ColumnValue::Real(_) => ColumnKind::Real,
                ColumnValue::Date(_) => ColumnKind::Date,
                ColumnValue::Flag(_) => ColumnKind::Flag,
            };
            assert_eq!(value_kind, kind, "{name}");
        }
        let value = |name: &str| values[EVENT_COLUMNS.iter().position(|c| c.0 == name).unwrap()];
        assert_eq!(value("target_country"), ColumnValue::Text(Some("BOL")));
        assert_eq!(
            value("claimant_name"),
            ColumnValue::Text(Some("spokeswoman"))
        );
        assert_eq!(value("place_lon"), ColumnValue::Real(Some(-68.15)));
        assert_eq!(
            value("date_end"),
            ColumnValue::Date(NaiveDate::from_ymd_opt(2024, 5, 3))
        );
        assert_eq!(value("stance"), ColumnValue::Text(Some("alleged")));
        assert_eq!(value("negated"), ColumnValue::Flag(true));
        assert_eq!(value("background"), ColumnValue::Flag(true));
        assert_eq!(value("mode"), ColumnValue::Text(Some("statement")));
    }
}
