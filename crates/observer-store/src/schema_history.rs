//! Test fixture for the migration tests of both backends: an article and its event as schema
//! version 1 stored them. Each backend writes it with version 1's own SQL (which never changes,
//! the migration lists being append only), migrates, and checks that the current code reads
//! exactly this back, whatever later versions changed.

use crate::{Article, Event, Store};

pub(crate) const ARTICLE_ID: &str = "v1-article";
pub(crate) const EVENT_ID: &str = "v1-article-0-0";
pub(crate) const TEXT: &str =
    "Rebels shelled the town of Goma on Tuesday, killing 12 civilians, the army said.";
pub(crate) const TEXT_HASH: &str = "hash-of-the-text";
pub(crate) const PUBLISHED: &str = "2024-03-06";
pub(crate) const EXTRA: &str = r#"{"desk":"Africa"}"#;

/// The event JSON as version 1 wrote it.
pub(crate) const EVENT_JSON: &str = r#"{"id":"v1-article-0-0","article_id":"v1-article","type":"ASSAULT","mode":"shelling","cameo":"194","source":{"text":"Rebels","name":"rebels","country":"COD","role":"REB","code":"CODREB"},"target":{"text":"civilians","name":"civilians","country":"COD","role":"CVL","code":"CODCVL"},"place":{"name":"Goma","country":"COD","admin1":"Nord-Kivu","lat":-1.6741,"lon":29.2284,"precision":"city","gazetteer_id":"geonames:216281"},"date":{"start":"2024-03-05","end":"2024-03-05","precision":"day","unresolved":false},"casualties":[{"kind":"killed","group":"civilian","min":12,"max":12,"text":"12 civilians","cumulative":false,"included":false}],"claimant":{"text":"army","name":"military","country":"COD","role":"MIL","code":"CODMIL"},"stance":"alleged","negated":false,"hypothetical":false,"background":false,"evidence":{"sentence":0,"start":0,"end":80,"text":"Rebels shelled the town of Goma on Tuesday, killing 12 civilians, the army said."},"rules":["trigger:assault.shelling","place:geonames:216281"],"provenance":[{"field":"type","start":7,"end":14,"text":"shelled","rule":"trigger:assault.shelling"}]}"#;

/// Checks that `store` reads the version 1 article and event as they were written.
pub(crate) fn assert_version_1_data_reads_back(store: &dyn Store) {
    let article: Article = store.article(ARTICLE_ID).unwrap().expect("the article");
    assert_eq!(article.text, TEXT);
    assert_eq!(article.source.as_deref(), Some("Test Wire"));
    assert_eq!(article.published, PUBLISHED.parse().ok());
    assert_eq!(article.extra["desk"], "Africa");
    let expected: Event = serde_json::from_str(EVENT_JSON).unwrap();
    assert_eq!(store.event(EVENT_ID).unwrap(), Some(expected.clone()));
    let filter = crate::EventFilter {
        country: Some("cod".into()),
        ..Default::default()
    };
    assert_eq!(store.events(&filter).unwrap(), [expected]);
}
