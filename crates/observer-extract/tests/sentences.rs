//! Behaviour of the engine on single news sentences written for these tests: one rule each,
//! checked on sentences from several conflicts so that no rule is tuned to one text.

use observer_extract::Extractor;
use observer_model::{Article, Event, EventType};
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::embedded().unwrap())
}

fn events(text: &str) -> Vec<Event> {
    let article = Article {
        id: "t".into(),
        source: None,
        url: None,
        published: Some("2023-08-16".parse().unwrap()),
        title: None,
        text: text.into(),
        lang: None,
        extra: Default::default(),
    };
    extractor().extract(&article).events
}

fn assault(text: &str) -> Event {
    let found = events(text);
    found
        .iter()
        .find(|e| e.event_type == EventType::Assault)
        .cloned()
        .unwrap_or_else(|| panic!("no ASSAULT in {text:?}: {found:#?}"))
}

#[test]
fn the_town_an_attack_verb_takes_is_where_it_happened() {
    for (text, place) in [
        ("Russian forces shelled Kherson on Tuesday.", "Kherson"),
        ("Government aircraft bombed Idlib overnight.", "Idlib"),
        ("Rebel fighters attacked Goma at dawn on Monday.", "Goma"),
    ] {
        let e = assault(text);
        assert_eq!(
            e.place.as_ref().map(|p| p.name.as_str()),
            Some(place),
            "{text}"
        );
    }
}

#[test]
fn civilians_harmed_by_an_attack_aimed_at_no_one_named_are_its_target() {
    let e = assault(
        "Drones struck the port of Odesa overnight, wounding two dock workers, the regional \
         governor said.",
    );
    let target = e.target.expect("a target");
    assert_eq!(target.role.as_deref(), Some("CVL"));
    assert_eq!(target.country.as_deref(), Some("UKR"));

    // Soldiers killed are no civilian target.
    let e = assault("Shelling killed three soldiers near Bakhmut on Sunday, the army said.");
    assert!(
        e.target
            .as_ref()
            .is_none_or(|t| t.role.as_deref() != Some("CVL")),
        "{e:#?}"
    );
}

#[test]
fn the_head_of_an_office_that_speaks_is_the_claimant_not_the_target() {
    let e = assault(
        "Militants shelled Kherson on Tuesday, killing a man near the central market, the head \
         of the regional military administration said.",
    );
    let claimant = e.claimant.expect("a claimant");
    assert_eq!(claimant.role.as_deref(), Some("GOV"));
    assert!(
        e.target
            .as_ref()
            .is_none_or(|t| t.role.as_deref() != Some("GOV")),
        "{:?}",
        e.target
    );
}
