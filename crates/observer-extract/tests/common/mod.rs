//! What the sentence-level test files share: one embedded extractor, the events it codes from a
//! text published on a given day, and the views of those events the tests compare. Each test
//! file uses some of them.
#![allow(dead_code)]

use observer_extract::Extractor;
use observer_model::{Actor, Article, Event, EventType};
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::embedded().unwrap())
}

/// The events of `text` as an article published on `published` (YYYY-MM-DD).
pub fn events_published(text: &str, published: &str) -> Vec<Event> {
    let article = Article {
        id: "t".into(),
        source: None,
        url: None,
        published: Some(published.parse().unwrap()),
        title: None,
        text: text.into(),
        lang: None,
        extra: Default::default(),
    };
    extractor().extract(&article).events
}

/// A publication day (YYYY-MM-DD): what is coded from texts published on it.
pub struct Day<'a>(pub &'a str);

impl Day<'_> {
    pub fn events(&self, text: &str) -> Vec<Event> {
        events_published(text, self.0)
    }

    /// The type of every event, in order.
    pub fn types(&self, text: &str) -> Vec<EventType> {
        self.events(text).iter().map(|e| e.event_type).collect()
    }

    /// The first event of type `ty`; fails the test when there is none.
    pub fn first(&self, ty: EventType, text: &str) -> Event {
        let found = self.events(text);
        found
            .iter()
            .find(|e| e.event_type == ty)
            .cloned()
            .unwrap_or_else(|| panic!("no {ty} in {text:?}: {found:#?}"))
    }

    /// The one event of type `ty`; fails the test when there is none or more than one.
    pub fn the_one(&self, ty: EventType, text: &str) -> Event {
        let found = self.events(text);
        let mut of_type = found.iter().filter(|e| e.event_type == ty);
        let event = of_type
            .next()
            .unwrap_or_else(|| panic!("no {ty} in {text:?}: {found:#?}"))
            .clone();
        assert!(of_type.next().is_none(), "two {ty} in {text:?}: {found:#?}");
        event
    }

    /// (source, target) of every event of type `ty`, each told by `side` (e.g. [`code`]).
    pub fn dyads(
        &self,
        ty: EventType,
        text: &str,
        side: fn(&Option<Actor>) -> String,
    ) -> Vec<(String, String)> {
        self.events(text)
            .iter()
            .filter(|e| e.event_type == ty)
            .map(|e| (side(&e.source), side(&e.target)))
            .collect()
    }
}

/// An actor's code, "-" for none.
pub fn code(actor: &Option<Actor>) -> String {
    actor.as_ref().map_or("-".into(), |a| a.code.clone())
}

/// An actor's country, "-" for none or none known.
pub fn country(actor: &Option<Actor>) -> String {
    actor
        .as_ref()
        .and_then(|a| a.country.clone())
        .unwrap_or_else(|| "-".into())
}

/// "COUNTRY/ROLE" of an actor, "-" for a part not known.
pub fn country_role(actor: Option<&Actor>) -> Option<String> {
    actor.map(|a| {
        format!(
            "{}/{}",
            a.country.as_deref().unwrap_or("-"),
            a.role.as_deref().unwrap_or("-")
        )
    })
}

pub fn pair(source: &str, target: &str) -> (String, String) {
    (source.into(), target.into())
}

/// The events of `ty` coded from the sentence containing `marker`; fails the test when there are
/// none.
pub fn in_sentence<'a>(found: &'a [Event], ty: EventType, marker: &str) -> Vec<&'a Event> {
    let picked: Vec<&Event> = found
        .iter()
        .filter(|e| e.event_type == ty && e.evidence.text.contains(marker))
        .collect();
    assert!(!picked.is_empty(), "no {ty} in {marker:?}: {found:#?}");
    picked
}
