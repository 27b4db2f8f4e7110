//! Event resolution across articles: five outlets reporting one air strike, and resolving
//! incrementally giving the same clusters as resolving everything at once.

mod common;

use chrono::NaiveDate;
use observer_ledger::{ArticleInfo, Cluster, Ledger};
use observer_model::EventType;

/// The cluster with the most articles.
fn biggest(clusters: &[Cluster]) -> &Cluster {
    clusters
        .iter()
        .max_by_key(|c| (c.counts.articles, c.counts.mentions))
        .unwrap()
}

#[test]
fn five_outlets_reporting_one_air_strike_are_one_event_with_two_claimants() {
    let ledger = common::ledger_of(&common::coded_corpus("air-strike"));
    let clusters = ledger.clusters();
    let strike = biggest(&clusters);
    assert_eq!(strike.event_type, EventType::Assault);
    assert_eq!(strike.mode.as_deref(), Some("aerial"));
    assert_eq!(strike.counts.articles, 5);
    assert_eq!(strike.counts.outlets, 5);
    assert_eq!(
        strike.outlets,
        [
            "Eastern Courier",
            "Global Desk",
            "Horizon News",
            "Kyiv Wire",
            "Northern Times"
        ]
    );
    // Ukrainian officials (the governor, the emergency service) and Russia's defence ministry.
    assert_eq!(strike.counts.claimants, 2);
    assert_eq!(strike.claimants, ["RUS", "UKR"]);
    assert!(strike.counts.mentions >= 5);
    assert_eq!(
        strike.date.as_ref().unwrap().start,
        NaiveDate::from_ymd_opt(2025, 2, 4)
    );
    let place = strike.place.as_ref().unwrap();
    assert_eq!(place.country.as_deref(), Some("UKR"));
    assert_eq!(place.admin1.as_deref(), Some("Zaporizka oblast"));
    assert_eq!(
        strike.source.as_ref().unwrap().country.as_deref(),
        Some("RUS")
    );
    assert_eq!(strike.killed.map(|k| k.low), Some(7));

    // Provenance: the city wins over the region for the place, and the disagreement is kept.
    let place_choice = strike
        .provenance
        .iter()
        .find(|p| p.field == "place")
        .unwrap();
    assert_eq!(place_choice.rule, "most precise, then most reported");
    assert!(
        place_choice
            .disagreeing
            .iter()
            .any(|alt| alt.value == "Zaporizhzhia region")
    );
    // The target is disputed: civilians (Ukraine) or a military depot (Russia).
    let target_choice = strike
        .provenance
        .iter()
        .find(|p| p.field == "target")
        .unwrap();
    assert!(!target_choice.disagreeing.is_empty());

    // Nothing else in the corpus is an air strike of its own.
    let other_strikes = clusters
        .iter()
        .filter(|c| c.id != strike.id && c.mode.as_deref() == Some("aerial"))
        .count();
    assert_eq!(other_strikes, 0);
}

/// Every corpus, coded once.
fn everything() -> Vec<(observer_model::Article, Vec<observer_model::Event>)> {
    let mut all = vec![common::nagorno_karabakh()];
    for corpus in ["air-strike", "truce", "tolls", "denial"] {
        all.extend(common::coded_corpus(corpus));
    }
    all
}

#[test]
fn resolving_incrementally_gives_the_same_clusters_as_from_scratch() {
    let all = everything();
    let scratch = common::ledger_of(&all);

    // Reversed and interleaved orders, one article at a time, as they would arrive.
    let mut reversed = Ledger::new();
    for (article, events) in all.iter().rev() {
        reversed.add(&ArticleInfo::from(article), events);
    }
    let mut interleaved = Ledger::new();
    let (even, odd): (Vec<_>, Vec<_>) = all.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    for (_, (article, events)) in odd.into_iter().chain(even) {
        interleaved.add(&ArticleInfo::from(article), events);
    }

    assert_eq!(scratch.memberships(), reversed.memberships());
    assert_eq!(scratch.memberships(), interleaved.memberships());
    assert_eq!(scratch.clusters(), reversed.clusters());
    assert_eq!(scratch.truces(), interleaved.truces());
    assert_eq!(scratch.contradictions(), reversed.contradictions());
}

#[test]
fn adding_an_article_again_replaces_its_mentions() {
    let all = common::coded_corpus("air-strike");
    let once = common::ledger_of(&all);
    let mut twice = common::ledger_of(&all);
    let (article, events) = &all[2];
    twice.add(&ArticleInfo::from(article), events);
    assert_eq!(once.mentions().len(), twice.mentions().len());
    assert_eq!(once.memberships(), twice.memberships());
}
