//! What every backend must do, written once against the `Store` trait and run by each backend's
//! test file on a fresh, empty store: round trips, duplicates and the filters' meaning.

#![allow(dead_code)] // Each test binary uses its own part.

use chrono::NaiveDate;
use observer_model::{
    Actor, Casualty, CasualtyGroup, CasualtyKind, DatePrecision, EventDate, Evidence,
    FieldEvidence, Place, PlacePrecision, Stance,
};
use observer_store::{
    Article, Coded, Event, EventFilter, EventType, FeedValidators, Stats, Store, StoreError,
    StoredArticle,
};

/// A test per case of the backend contract, each on a new, empty store made by `$store()`: each
/// backend's test file runs this one list (`backend_contract!(store);`), so none misses a case.
macro_rules! backend_contract {
    ($store:ident) => {
        backend_contract!(
            $store:
            an_article_with_extra_fields_and_full_events_round_trips_exactly,
            re_saving_an_article_replaces_its_events,
            find_existing_matches_by_id_source_and_url_or_text,
            duplicate_urls_and_texts_under_new_ids_are_still_saved,
            events_come_ordered_by_date_with_undated_last,
            date_filters_compare_the_event_date_range,
            actor_filter_searches_names_texts_and_codes_of_all_parties,
            country_type_place_outlet_and_article_filters,
            hostile_and_unicode_filter_strings_match_literally,
            watched_feeds_keep_validators_and_seen_items,
            cluster_membership_is_replaced_and_goes_with_its_events,
            paging_with_a_cursor_walks_every_event_once_in_order,
            the_map_groups_located_events_by_type_and_place,
            the_timeline_counts_events_per_first_day_and_type,
            articles_are_listed_newest_first_searched_and_paged,
        );
    };
    ($store:ident: $($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                common::$case(&mut $store());
            }
        )*
    };
}

// ---- helpers: hand-built model values ----

pub fn day(iso: &str) -> NaiveDate {
    iso.parse().unwrap()
}

pub fn article(id: &str, source: Option<&str>, url: Option<&str>, text: &str) -> Article {
    Article {
        id: id.into(),
        url: url.map(Into::into),
        source: source.map(Into::into),
        published: Some(day("2020-10-20")),
        title: Some(format!("Title of {id}")),
        text: text.into(),
        lang: Some("en".into()),
        extra: Default::default(),
    }
}

pub fn actor(name: &str, country: Option<&str>, code: &str) -> Actor {
    Actor {
        text: format!("the {name}"),
        name: name.into(),
        country: country.map(Into::into),
        role: Some("MIL".into()),
        code: code.into(),
        title: None,
    }
}

pub fn place(name: &str, country: Option<&str>, admin1: Option<&str>) -> Place {
    Place {
        name: name.into(),
        country: country.map(Into::into),
        admin1: admin1.map(Into::into),
        lat: None,
        lon: None,
        precision: PlacePrecision::City,
        gazetteer_id: None,
    }
}

pub fn dates(start: &str, end: &str) -> Option<EventDate> {
    Some(EventDate {
        start: Some(day(start)),
        end: Some(day(end)),
        precision: DatePrecision::Day,
        unresolved: false,
    })
}

/// A bare event `{article_id}-0-{n}`: no actors, place or date.
pub fn event(article_id: &str, n: usize, event_type: EventType) -> Event {
    Event {
        id: format!("{article_id}-0-{n}"),
        article_id: article_id.into(),
        event_type,
        mode: None,
        cameo: "190".into(),
        source: None,
        target: None,
        place: None,
        date: None,
        casualties: vec![],
        claimant: None,
        stance: Stance::Asserted,
        negated: false,
        hypothetical: false,
        background: false,
        evidence: Evidence {
            sentence: 0,
            start: 0,
            end: 4,
            text: "Text".into(),
        },
        rules: vec![],
        provenance: vec![],
    }
}

pub fn coded(article: Article, events: Vec<Event>) -> Coded {
    Coded {
        article,
        events,
        extractor_version: "test-1".into(),
    }
}

pub fn ids(events: &[Event]) -> Vec<&str> {
    events.iter().map(|e| e.id.as_str()).collect()
}

// ---- round trips ----

pub fn an_article_with_extra_fields_and_full_events_round_trips_exactly(store: &mut dyn Store) {
    // The event quotes its article (the store keeps such quotes once, in the article).
    let text = "Troops kept shelling Somewhere overnight; at least 772 troops have died since \
                September, the Ministry of Defence said.";
    let mut stored = article("a1", Some("Outlet"), Some("https://x.example/1"), text);
    let shelling = text.find("shelling").unwrap();
    stored.extra = serde_json::from_str(
        r#"{"section": "World", "tags": ["a", "b"], "score": 0.30000000000000004,
            "nested": {"deep": [1, null, true]}}"#,
    )
    .unwrap();
    let full = Event {
        mode: Some("shelling".into()),
        source: Some(actor("Azerbaijani military", Some("AZE"), "AZEMIL")),
        target: Some(Actor {
            title: Some("President".into()),
            ..actor("Ilham Aliyev", Some("AZE"), "AZEGOV")
        }),
        place: Some(Place {
            lat: Some(39.817_7),
            lon: Some(0.1 + 0.2),
            gazetteer_id: Some("587084".into()),
            precision: PlacePrecision::Region,
            ..place("Somewhere", Some("AZE"), Some("Region One"))
        }),
        date: Some(EventDate {
            start: Some(day("2020-10-17")),
            end: Some(day("2020-10-18")),
            precision: DatePrecision::Week,
            unresolved: true,
        }),
        casualties: vec![Casualty {
            kind: CasualtyKind::Killed,
            group: CasualtyGroup::Military,
            min: Some(772),
            max: None,
            text: "at least 772 troops".into(),
            cumulative: true,
            included: false,
        }],
        claimant: Some(actor("Ministry of Defence", Some("AZE"), "AZEGOV")),
        stance: Stance::Unverified,
        negated: true,
        hypothetical: true,
        background: true,
        evidence: Evidence {
            sentence: 0,
            start: 0,
            end: text.len(),
            text: text.into(),
        },
        rules: vec!["trigger:shelling".into(), "frame:svo".into()],
        provenance: vec![
            FieldEvidence {
                field: "type".into(),
                start: Some(shelling),
                end: Some(shelling + "shelling".len()),
                text: Some("shelling".into()),
                rule: "trigger:shelling".into(),
            },
            FieldEvidence {
                field: "stance".into(),
                start: None,
                end: None,
                text: None,
                rule: "default".into(),
            },
        ],
        ..event("a1", 0, EventType::Assault)
    };
    let events = vec![full.clone(), event("a1", 1, EventType::Accuse)];
    store
        .save_batch(&[coded(stored.clone(), events.clone())])
        .unwrap();

    assert_eq!(store.article("a1").unwrap(), Some(stored));
    assert_eq!(store.event(&full.id).unwrap(), Some(full));
    let filter = EventFilter {
        article_id: Some("a1".into()),
        ..EventFilter::default()
    };
    assert_eq!(store.events(&filter).unwrap(), events);
    assert_eq!(store.article("missing").unwrap(), None);
    assert_eq!(store.event("missing").unwrap(), None);
}

pub fn re_saving_an_article_replaces_its_events(store: &mut dyn Store) {
    let first = article("a1", Some("Outlet"), None, "First version.");
    let keep = article("a2", Some("Outlet"), None, "Another article.");
    store
        .save_batch(&[
            coded(
                first,
                vec![
                    event("a1", 0, EventType::Assault),
                    event("a1", 1, EventType::Accuse),
                ],
            ),
            coded(keep, vec![event("a2", 0, EventType::Agree)]),
        ])
        .unwrap();

    let revised = article("a1", Some("Outlet"), None, "Second version.");
    let replacement = event("a1", 2, EventType::Consult);
    store
        .save_batch(&[Coded {
            extractor_version: "test-2".into(),
            ..coded(revised.clone(), vec![replacement.clone()])
        }])
        .unwrap();

    let of_a1 = EventFilter {
        article_id: Some("a1".into()),
        ..EventFilter::default()
    };
    assert_eq!(store.events(&of_a1).unwrap(), vec![replacement]);
    assert_eq!(store.event("a1-0-0").unwrap(), None);
    assert_eq!(store.event("a1-0-1").unwrap(), None);
    assert!(store.event("a2-0-0").unwrap().is_some());
    assert_eq!(store.article("a1").unwrap(), Some(revised.clone()));
    assert_eq!(
        store.find_existing(&revised).unwrap(),
        Some(StoredArticle {
            id: "a1".into(),
            text_hash: revised.text_hash(),
            extractor_version: "test-2".into(),
        })
    );
    assert_eq!(
        store.stats().unwrap(),
        Stats {
            articles: 2,
            events: 2
        }
    );
}

/// Returns the error of the database-level failure, whose form depends on the backend.
pub fn a_bad_article_fails_the_whole_batch(store: &mut dyn Store) -> StoreError {
    let good = coded(
        article("a1", None, None, "Good."),
        vec![event("a1", 0, EventType::Aid)],
    );
    let stray = coded(
        article("a2", None, None, "Stray."),
        vec![event("a1", 5, EventType::Aid)],
    );
    let error = store.save_batch(&[good.clone(), stray]).unwrap_err();
    assert!(matches!(error, StoreError::Invalid { .. }), "{error}");
    assert!(error.to_string().contains("a2"), "{error}");
    assert_eq!(store.stats().unwrap(), Stats::default());

    // A database-level failure (an event id already taken by another article) rolls back too.
    let clash = coded(
        article("a3", None, None, "Clash."),
        vec![Event {
            id: "a1-0-0".into(),
            ..event("a3", 0, EventType::Aid)
        }],
    );
    let error = store.save_batch(&[good, clash]).unwrap_err();
    assert_eq!(store.stats().unwrap(), Stats::default());
    error
}

// ---- duplicates ----

pub fn find_existing_matches_by_id_source_and_url_or_text(store: &mut dyn Store) {
    let stored = article(
        "a1",
        Some("Outlet"),
        Some("https://x.example/1"),
        "The stored text.",
    );
    store.save_batch(&[coded(stored.clone(), vec![])]).unwrap();
    let expected = Some(StoredArticle {
        id: "a1".into(),
        text_hash: stored.text_hash(),
        extractor_version: "test-1".into(),
    });

    let same_id = article("a1", Some("Other"), None, "Edited text.");
    assert_eq!(store.find_existing(&same_id).unwrap(), expected);
    let same_url = article(
        "b1",
        Some("Outlet"),
        Some("https://x.example/1"),
        "Edited text.",
    );
    assert_eq!(store.find_existing(&same_url).unwrap(), expected);
    let same_text = article("c1", Some("Elsewhere"), None, "The stored text.");
    assert_eq!(store.find_existing(&same_text).unwrap(), expected);

    let url_of_another_outlet = article(
        "d1",
        Some("Other"),
        Some("https://x.example/1"),
        "New text.",
    );
    assert_eq!(store.find_existing(&url_of_another_outlet).unwrap(), None);
    let new = article("e1", Some("Outlet"), Some("https://x.example/2"), "New.");
    assert_eq!(store.find_existing(&new).unwrap(), None);
}

pub fn duplicate_urls_and_texts_under_new_ids_are_still_saved(store: &mut dyn Store) {
    let text = "Same text.";
    let url = Some("https://x.example/1");
    store
        .save_batch(&[
            coded(article("a1", Some("Outlet"), url, text), vec![]),
            coded(article("a2", Some("Outlet"), url, text), vec![]),
        ])
        .unwrap();
    assert_eq!(store.stats().unwrap().articles, 2);
}

// ---- filters ----

/// Three articles from two outlets with events spread over actors, places and dates.
pub fn filter_fixture(store: &mut dyn Store) {
    let undated_aze = Event {
        source: Some(actor("Azerbaijani military", Some("AZE"), "AZEMIL")),
        ..event("a1", 0, EventType::Assault)
    };
    let shelling = Event {
        source: Some(actor("Armenian forces", Some("ARM"), "ARMMIL")),
        target: Some(actor("Azerbaijani military", Some("AZE"), "AZEMIL")),
        place: Some(place("Stepanakert", Some("AZE"), Some("Karabakh"))),
        date: dates("2020-10-20", "2020-10-20"),
        ..event("a1", 1, EventType::Assault)
    };
    let accusation = Event {
        source: Some(actor("Foreign Ministry", Some("ARM"), "ARMGOV")),
        target: Some(actor("Turkey", Some("TUR"), "TUR")),
        claimant: Some(actor("Ministry spokesperson", Some("ARM"), "ARMGOV")),
        date: dates("2020-10-19", "2020-10-19"),
        ..event("a1", 2, EventType::Accuse)
    };
    let talks_week = Event {
        source: Some(actor("United Nations Security Council", None, "IGOUNO")),
        place: Some(place("New York", Some("USA"), Some("New York"))),
        date: dates("2020-10-12", "2020-10-18"),
        ..event("b1", 0, EventType::Consult)
    };
    let truce = Event {
        source: Some(actor("Azerbaijan", Some("AZE"), "AZE")),
        target: Some(actor("Armenia", Some("ARM"), "ARM")),
        date: dates("2020-10-17", "2020-10-17"),
        ..event("c1", 0, EventType::Agree)
    };
    store
        .save_batch(&[
            coded(
                article("a1", Some("Al Jazeera"), Some("https://x.example/a1"), "A."),
                vec![undated_aze, shelling, accusation],
            ),
            coded(
                article("b1", Some("Wire Service"), None, "B."),
                vec![talks_week],
            ),
            coded(article("c1", Some("Al Jazeera"), None, "C."), vec![truce]),
        ])
        .unwrap();
}

pub fn matching(store: &dyn Store, filter: EventFilter) -> Vec<String> {
    ids(&store.events(&filter).unwrap())
        .into_iter()
        .map(String::from)
        .collect()
}

pub fn events_come_ordered_by_date_with_undated_last(store: &mut dyn Store) {
    filter_fixture(store);
    assert_eq!(
        matching(store, EventFilter::default()),
        ["b1-0-0", "c1-0-0", "a1-0-2", "a1-0-1", "a1-0-0"]
    );
    let first_two = EventFilter {
        limit: Some(2),
        ..EventFilter::default()
    };
    assert_eq!(matching(store, first_two), ["b1-0-0", "c1-0-0"]);
    let none = EventFilter {
        limit: Some(0),
        ..EventFilter::default()
    };
    assert!(matching(store, none).is_empty());
}

pub fn date_filters_compare_the_event_date_range(store: &mut dyn Store) {
    filter_fixture(store);
    let since = |d: &str| EventFilter {
        since: Some(day(d)),
        ..EventFilter::default()
    };
    let until = |d: &str| EventFilter {
        until: Some(day(d)),
        ..EventFilter::default()
    };
    // The week of talks (12th to 18th) ends after the 18th's start, so it overlaps it.
    assert_eq!(
        matching(store, since("2020-10-18")),
        ["b1-0-0", "a1-0-2", "a1-0-1"]
    );
    assert_eq!(matching(store, since("2020-10-20")), ["a1-0-1"]);
    assert_eq!(matching(store, until("2020-10-12")), ["b1-0-0"]);
    assert_eq!(matching(store, until("2020-10-11")), Vec::<String>::new());
    let window = EventFilter {
        since: Some(day("2020-10-17")),
        until: Some(day("2020-10-19")),
        ..EventFilter::default()
    };
    assert_eq!(matching(store, window), ["b1-0-0", "c1-0-0", "a1-0-2"]);
}

pub fn actor_filter_searches_names_texts_and_codes_of_all_parties(store: &mut dyn Store) {
    filter_fixture(store);
    let actor = |needle: &str| EventFilter {
        actor: Some(needle.into()),
        ..EventFilter::default()
    };
    // Source or target, any case.
    assert_eq!(matching(store, actor("AZERBAIJANI")), ["a1-0-1", "a1-0-0"]);
    // CAMEO code.
    assert_eq!(matching(store, actor("igouno")), ["b1-0-0"]);
    // Claimant.
    assert_eq!(matching(store, actor("spokesperson")), ["a1-0-2"]);
    // Surface text ("the Turkey") as opposed to the name.
    assert_eq!(matching(store, actor("the turkey")), ["a1-0-2"]);
    assert_eq!(matching(store, actor("nobody")), Vec::<String>::new());
}

pub fn country_type_place_outlet_and_article_filters(store: &mut dyn Store) {
    filter_fixture(store);
    let country = EventFilter {
        country: Some("tur".into()),
        ..EventFilter::default()
    };
    assert_eq!(matching(store, country), ["a1-0-2"]);
    // The place's country counts too: no actor of b1-0-0 is American.
    let usa = EventFilter {
        country: Some("USA".into()),
        ..EventFilter::default()
    };
    assert_eq!(matching(store, usa), ["b1-0-0"]);
    // Exact, not substring.
    let partial = EventFilter {
        country: Some("AZ".into()),
        ..EventFilter::default()
    };
    assert!(matching(store, partial).is_empty());

    let assaults = EventFilter {
        event_type: Some(EventType::Assault),
        ..EventFilter::default()
    };
    assert_eq!(matching(store, assaults), ["a1-0-1", "a1-0-0"]);

    let by_admin1 = EventFilter {
        place: Some("karabakh".into()),
        ..EventFilter::default()
    };
    assert_eq!(matching(store, by_admin1), ["a1-0-1"]);
    let by_name = EventFilter {
        place: Some("YORK".into()),
        ..EventFilter::default()
    };
    assert_eq!(matching(store, by_name), ["b1-0-0"]);

    let outlet = EventFilter {
        source: Some("jazeera".into()),
        ..EventFilter::default()
    };
    assert_eq!(
        matching(store, outlet),
        ["c1-0-0", "a1-0-2", "a1-0-1", "a1-0-0"]
    );

    let combined = EventFilter {
        source: Some("al jazeera".into()),
        country: Some("arm".into()),
        since: Some(day("2020-10-18")),
        ..EventFilter::default()
    };
    assert_eq!(matching(store, combined), ["a1-0-2", "a1-0-1"]);

    let article = EventFilter {
        article_id: Some("c1".into()),
        ..EventFilter::default()
    };
    assert_eq!(matching(store, article), ["c1-0-0"]);
    let article_prefix = EventFilter {
        article_id: Some("c".into()),
        ..EventFilter::default()
    };
    assert!(matching(store, article_prefix).is_empty());
}

pub fn hostile_and_unicode_filter_strings_match_literally(store: &mut dyn Store) {
    let injection = "'; DROP TABLE events; --";
    let with_actor = |n: usize, name: &str| Event {
        source: Some(actor(name, Some("XXX"), "XXX")),
        ..event("h1", n, EventType::Protest)
    };
    let with_place = |n: usize, name: &str| Event {
        place: Some(place(name, None, None)),
        ..event("h1", n, EventType::Protest)
    };
    store
        .save_batch(&[
            coded(
                article("h1", Some("100% News_Wire"), None, "H."),
                vec![
                    with_actor(0, injection),
                    with_actor(1, "100% sure"),
                    with_actor(2, "snake_case"),
                    with_actor(3, "Азербайджанская армия"),
                    with_actor(4, "plain"),
                    with_place(5, "Şuşa"),
                    with_place(6, "Shusha"),
                ],
            ),
            coded(article("h2", Some("Plain"), None, "H2."), vec![]),
        ])
        .unwrap();
    let by_actor = |needle: &str| EventFilter {
        actor: Some(needle.into()),
        ..EventFilter::default()
    };

    assert_eq!(matching(store, by_actor(injection)), ["h1-0-0"]);
    assert_eq!(matching(store, by_actor("%")), ["h1-0-1"]);
    assert_eq!(matching(store, by_actor("_")), ["h1-0-2"]);
    assert_eq!(matching(store, by_actor("0%")), ["h1-0-1"]);
    assert_eq!(matching(store, by_actor("e_c")), ["h1-0-2"]);
    assert_eq!(matching(store, by_actor("азербайджанская")), ["h1-0-3"]);
    assert_eq!(matching(store, by_actor("АРМИЯ")), ["h1-0-3"]);

    let by_place = |needle: &str| EventFilter {
        place: Some(needle.into()),
        ..EventFilter::default()
    };
    assert_eq!(matching(store, by_place("şUŞA")), ["h1-0-5"]);
    assert_eq!(matching(store, by_place("_")), Vec::<String>::new());

    for hostile in [injection, "%", "_"] {
        let everywhere = EventFilter {
            country: Some(hostile.into()),
            place: Some(hostile.into()),
            article_id: Some(hostile.into()),
            ..EventFilter::default()
        };
        assert!(matching(store, everywhere).is_empty());
    }
    let outlet = |needle: &str| EventFilter {
        source: Some(needle.into()),
        ..EventFilter::default()
    };
    assert_eq!(matching(store, outlet("100%")).len(), 7);
    assert_eq!(matching(store, outlet("s_w")).len(), 7);
    assert_eq!(matching(store, outlet("%")).len(), 7);
    assert!(matching(store, outlet(injection)).is_empty());

    // The tables survived.
    assert_eq!(
        store.stats().unwrap(),
        Stats {
            articles: 2,
            events: 7
        }
    );
}

/// `observer watch` state: feed validators replace each other; items are seen once marked.
pub fn watched_feeds_keep_validators_and_seen_items(store: &mut dyn Store) {
    let feed = "https://news.example/rss";
    assert_eq!(store.feed_validators(feed).unwrap(), None);
    let first = FeedValidators {
        etag: Some("\"v1\"".into()),
        last_modified: Some("Tue, 12 Mar 2024 08:00:00 GMT".into()),
    };
    store.save_feed_validators(feed, &first).unwrap();
    assert_eq!(store.feed_validators(feed).unwrap(), Some(first));
    let second = FeedValidators {
        etag: None,
        last_modified: Some("Wed, 13 Mar 2024 08:00:00 GMT".into()),
    };
    store.save_feed_validators(feed, &second).unwrap();
    assert_eq!(store.feed_validators(feed).unwrap(), Some(second));
    assert_eq!(
        store.feed_validators("https://other.example/rss").unwrap(),
        None
    );

    assert!(!store.item_seen(feed, "guid-1").unwrap());
    store.mark_item_seen(feed, "guid-1", Some("a1")).unwrap();
    store.mark_item_seen(feed, "guid-2", None).unwrap();
    store.mark_item_seen(feed, "guid-1", Some("a1")).unwrap();
    assert!(store.item_seen(feed, "guid-1").unwrap());
    assert!(store.item_seen(feed, "guid-2").unwrap());
    assert!(
        !store
            .item_seen("https://other.example/rss", "guid-1")
            .unwrap()
    );
}

pub fn cluster_membership_is_replaced_and_goes_with_its_events(store: &mut dyn Store) {
    let a = article("a", Some("Wire"), None, "First text.");
    let b = article("b", Some("Post"), None, "Second text.");
    let a_events = vec![
        event("a", 0, EventType::Assault),
        event("a", 1, EventType::Accuse),
    ];
    let b_events = vec![event("b", 0, EventType::Assault)];
    store
        .save_batch(&[
            coded(a.clone(), a_events.clone()),
            coded(b, b_events.clone()),
        ])
        .unwrap();
    assert!(store.cluster_membership().unwrap().is_empty());
    let pair = |event: &Event, cluster: &str| (event.id.clone(), cluster.to_string());
    // The two assaults are one event; given out of order, read back sorted by event id.
    let first = vec![
        pair(&b_events[0], "k1"),
        pair(&a_events[0], "k1"),
        pair(&a_events[1], "k2"),
    ];
    store.save_cluster_membership(&first).unwrap();
    let mut sorted = first.clone();
    sorted.sort();
    assert_eq!(store.cluster_membership().unwrap(), sorted);

    // Saving again replaces the whole membership.
    let second = vec![pair(&a_events[0], "k3"), pair(&b_events[0], "k4")];
    store.save_cluster_membership(&second).unwrap();
    assert_eq!(store.cluster_membership().unwrap(), second);

    // An unknown event is refused and nothing changes.
    let error = store
        .save_cluster_membership(&[pair(&a_events[0], "k5"), ("nope-0-0".into(), "k5".into())])
        .unwrap_err();
    assert!(error.to_string().contains("nope-0-0"), "{error}");
    assert_eq!(store.cluster_membership().unwrap(), second);

    // Re-coding an article drops the membership of its old events.
    store.save_batch(&[coded(a, Vec::new())]).unwrap();
    assert_eq!(
        store.cluster_membership().unwrap(),
        [pair(&b_events[0], "k4")]
    );
}

// ---- paging, map, timeline, article listing and full-text search ----

pub fn paging_with_a_cursor_walks_every_event_once_in_order(store: &mut dyn Store) {
    filter_fixture(store);
    let all = matching(store, EventFilter::default());
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .events(&EventFilter {
                after: after.clone(),
                limit: Some(2),
                ..EventFilter::default()
            })
            .unwrap();
        let Some(last) = page.last() else { break };
        after = Some(observer_store::EventCursor::after(last));
        seen.extend(page.iter().map(|e| e.id.clone()));
    }
    assert_eq!(seen, all);
    assert_eq!(seen.len(), 5);
}

/// `filter_fixture` with coordinates on the Stepanakert shelling and the New York talks, and a
/// second shelling at the same place on another day.
fn located_fixture(store: &mut dyn Store) {
    filter_fixture(store);
    let locate = |mut event: Event, lat: f64, lon: f64| {
        if let Some(place) = &mut event.place {
            place.lat = Some(lat);
            place.lon = Some(lon);
        }
        event
    };
    let mut a1 = store.events(&EventFilter {
        article_id: Some("a1".into()),
        ..EventFilter::default()
    });
    let mut a1 = a1.as_mut().unwrap().drain(..).collect::<Vec<_>>();
    a1 = a1
        .into_iter()
        .map(|e| locate(e, 39.8153, 46.7519))
        .collect();
    let mut second = a1.iter().find(|e| e.id == "a1-0-1").unwrap().clone();
    second.id = "a1-0-9".into();
    second.date = dates("2020-10-21", "2020-10-21");
    a1.push(second);
    let talks = locate(store.event("b1-0-0").unwrap().unwrap(), 40.7128, -74.006);
    store
        .save_batch(&[
            coded(
                article("a1", Some("Al Jazeera"), Some("https://x.example/a1"), "A."),
                a1,
            ),
            coded(article("b1", Some("Wire Service"), None, "B."), vec![talks]),
        ])
        .unwrap();
}

pub fn the_map_groups_located_events_by_type_and_place(store: &mut dyn Store) {
    located_fixture(store);
    let points = store.event_map(&EventFilter::default()).unwrap();
    let summary: Vec<(EventType, Option<&str>, u64, &str)> = points
        .iter()
        .map(|p| {
            (
                p.event_type,
                p.place_name.as_deref(),
                p.events,
                p.first_event_id.as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (EventType::Assault, Some("Stepanakert"), 2, "a1-0-1"),
            (EventType::Consult, Some("New York"), 1, "b1-0-0"),
        ]
    );
    assert_eq!(points[0].lat, 39.8153);
    assert_eq!(
        points[0].precision,
        Some(observer_model::PlacePrecision::City)
    );

    // A box around the Caucasus holds Stepanakert only, one across the antimeridian (170°E to
    // 70°W) New York only; the bounding box filters the event list too.
    let caucasus = observer_store::BoundingBox {
        west: 40.0,
        south: 35.0,
        east: 50.0,
        north: 45.0,
    };
    let in_box = EventFilter {
        bbox: Some(caucasus),
        ..EventFilter::default()
    };
    assert_eq!(store.event_map(&in_box).unwrap().len(), 1);
    assert_eq!(matching(store, in_box), ["a1-0-1", "a1-0-9"]);
    let pacific = EventFilter {
        bbox: Some(observer_store::BoundingBox {
            west: 170.0,
            south: -90.0,
            east: -70.0,
            north: 90.0,
        }),
        ..EventFilter::default()
    };
    assert_eq!(matching(store, pacific), ["b1-0-0"]);
    let since = EventFilter {
        since: Some(day("2020-10-21")),
        ..EventFilter::default()
    };
    assert_eq!(store.event_map(&since).unwrap()[0].events, 1);
}

pub fn the_timeline_counts_events_per_first_day_and_type(store: &mut dyn Store) {
    filter_fixture(store);
    // Recalled from 1994, known only to the year: not a day on the timeline.
    let ceasefire_of_1994 = Event {
        date: Some(EventDate {
            precision: DatePrecision::Year,
            ..dates("1994-01-01", "1994-12-31").unwrap()
        }),
        background: true,
        ..event("y1", 0, EventType::Agree)
    };
    store
        .save_batch(&[coded(
            article("y1", Some("Wire Service"), None, "Y."),
            vec![ceasefire_of_1994],
        )])
        .unwrap();
    let days: Vec<(String, EventType, u64)> = store
        .timeline(&EventFilter::default())
        .unwrap()
        .into_iter()
        .map(|d| (d.day.to_string(), d.event_type, d.events))
        .collect();
    assert_eq!(
        days,
        [
            ("2020-10-12".to_string(), EventType::Consult, 1),
            ("2020-10-17".to_string(), EventType::Agree, 1),
            ("2020-10-19".to_string(), EventType::Accuse, 1),
            ("2020-10-20".to_string(), EventType::Assault, 1),
        ]
    );
    let aze = EventFilter {
        country: Some("aze".into()),
        ..EventFilter::default()
    };
    // The undated event of Azerbaijan's is not on the timeline.
    assert_eq!(store.timeline(&aze).unwrap().len(), 2);
}

fn dated_article(
    id: &str,
    published: Option<&str>,
    source: &str,
    title: &str,
    text: &str,
) -> Article {
    Article {
        published: published.map(day),
        title: Some(title.into()),
        ..article(id, Some(source), None, text)
    }
}

fn listed(store: &dyn Store, filter: observer_store::ArticleFilter) -> Vec<String> {
    store
        .articles(&filter)
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect()
}

pub fn articles_are_listed_newest_first_searched_and_paged(store: &mut dyn Store) {
    use observer_store::{ArticleCursor, ArticleFilter};
    let protest = dated_article(
        "p1",
        Some("2023-03-02"),
        "Andes Daily",
        "Teachers march in La Paz",
        "Thousands of teachers marched through La Paz on Wednesday demanding higher pay.",
    );
    let shelling = dated_article(
        "s1",
        Some("2024-06-11"),
        "Wire Service",
        "Shelling hits Kharkiv suburbs",
        "Artillery shelling struck the suburbs of Kharkiv overnight, officials said.",
    );
    let talks = dated_article(
        "t1",
        Some("2024-06-11"),
        "Gulf Herald",
        "Talks resume in Doha",
        "Negotiators resumed talks in Doha; no shelling was reported during the session.",
    );
    let undated = dated_article("u1", None, "Wire Service", "Undated note", "A short note.");
    let shelling_event = Event {
        source: Some(actor("Russian forces", Some("RUS"), "RUSMIL")),
        ..event("s1", 0, EventType::Assault)
    };
    store
        .save_batch(&[
            coded(protest, vec![]),
            coded(shelling, vec![shelling_event]),
            coded(talks, vec![]),
            coded(undated, vec![]),
        ])
        .unwrap();

    assert_eq!(
        listed(store, ArticleFilter::default()),
        ["s1", "t1", "p1", "u1"]
    );
    let summaries = store.articles(&ArticleFilter::default()).unwrap();
    assert_eq!(summaries[0].events, 1);
    assert_eq!(
        summaries[0].title.as_deref(),
        Some("Shelling hits Kharkiv suburbs")
    );

    let search = |text: &str| ArticleFilter {
        text: Some(text.into()),
        ..ArticleFilter::default()
    };
    // Case-insensitive words, all required, in the title or the text.
    assert_eq!(listed(store, search("SHELLING")), ["s1", "t1"]);
    assert_eq!(listed(store, search("shelling doha")), ["t1"]);
    assert_eq!(listed(store, search("teachers")), ["p1"]);
    assert_eq!(listed(store, search("kharkiv")), ["s1"]);
    // Search syntax and SQL in the query are plain characters.
    for hostile in [
        "\"shelling\" OR",
        "shelling*",
        "'; DROP TABLE articles; --",
        "NEAR(shelling",
        "%",
    ] {
        let found = listed(store, search(hostile));
        assert!(found.len() <= 2, "{hostile}: {found:?}");
    }
    assert!(listed(store, search("%_\"")).is_empty());
    assert_eq!(store.stats().unwrap().articles, 4);

    // A re-saved article is searched by its new text only.
    let revised = dated_article(
        "p1",
        Some("2023-03-02"),
        "Andes Daily",
        "Teachers end strike",
        "The union called off the strike after a pay deal.",
    );
    store.save_batch(&[coded(revised, vec![])]).unwrap();
    assert!(listed(store, search("marched")).is_empty());
    assert_eq!(listed(store, search("union")), ["p1"]);

    let outlet = ArticleFilter {
        source: Some("wire".into()),
        ..ArticleFilter::default()
    };
    assert_eq!(listed(store, outlet), ["s1", "u1"]);
    let dated = ArticleFilter {
        since: Some(day("2024-01-01")),
        until: Some(day("2024-12-31")),
        ..ArticleFilter::default()
    };
    assert_eq!(listed(store, dated), ["s1", "t1"]);
    let with_russian_events = ArticleFilter {
        events: Some(EventFilter {
            country: Some("RUS".into()),
            ..EventFilter::default()
        }),
        text: Some("suburbs".into()),
        ..ArticleFilter::default()
    };
    assert_eq!(listed(store, with_russian_events), ["s1"]);

    let mut seen = Vec::new();
    let mut after: Option<ArticleCursor> = None;
    loop {
        let page = store
            .articles(&ArticleFilter {
                after: after.clone(),
                limit: Some(3),
                ..ArticleFilter::default()
            })
            .unwrap();
        let Some(last) = page.last() else { break };
        after = Some(ArticleCursor {
            published: last.published,
            id: last.id.clone(),
        });
        seen.extend(page.into_iter().map(|a| a.id));
    }
    assert_eq!(seen, ["s1", "t1", "p1", "u1"]);
}
