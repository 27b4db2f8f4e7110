//! Building the ledger from a store: every stored event matching a filter, grouped by the
//! article it came from. The CLI's ledger commands and the HTTP server both start here.

use std::collections::BTreeMap;

use observer_model::Event;
use observer_store::{EventFilter, Store, StoreError};

use crate::{ArticleInfo, Ledger};

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("reading events: {0}")]
    Events(#[source] Box<StoreError>),
    #[error("reading article {article_id}: {source}")]
    Article {
        article_id: String,
        #[source]
        source: Box<StoreError>,
    },
    #[error("events name article {0}, which the database does not hold")]
    MissingArticle(String),
}

impl Ledger {
    /// The ledger over the stored events that `filter` keeps (its paging fields are ignored).
    pub fn from_store(store: &dyn Store, filter: &EventFilter) -> Result<Ledger, LoadError> {
        let filter = EventFilter {
            after: None,
            limit: None,
            ..filter.clone()
        };
        let events = store
            .events(&filter)
            .map_err(|e| LoadError::Events(Box::new(e)))?;
        let mut by_article: BTreeMap<String, Vec<Event>> = BTreeMap::new();
        for event in events {
            by_article
                .entry(event.article_id.clone())
                .or_default()
                .push(event);
        }
        let mut ledger = Ledger::new();
        for (article_id, events) in by_article {
            let article = match store.article(&article_id) {
                Ok(Some(article)) => article,
                Ok(None) => return Err(LoadError::MissingArticle(article_id)),
                Err(source) => {
                    return Err(LoadError::Article {
                        article_id,
                        source: Box::new(source),
                    });
                }
            };
            ledger.add(&ArticleInfo::from(&article), &events);
        }
        Ok(ledger)
    }
}
