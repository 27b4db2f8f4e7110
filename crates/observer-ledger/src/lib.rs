//! The cross-article ledger: what many reports about one war add up to.
//!
//! Extraction codes one article at a time; analysts read hundreds. The [`Ledger`] takes coded
//! articles (in any order, a few at a time or all at once) and keeps:
//!
//! - [`resolve`]: mentions of the same real-world event grouped into [`Cluster`]s, with counts of
//!   mentions, articles, outlets and distinct claimants, and fields reconciled with provenance;
//! - [`truces`]: ceasefires with parties, broker, kind, agreed and effective dates, status over
//!   time and the violations each side alleges;
//! - [`claims`]: every attributed claim, and the pairs of claims that contradict each other;
//! - [`casualties`]: tolls per conflict and party by claimant, with low / best / high;
//! - [`load`]: the ledger built from the events in a store;
//! - [`export`]: the clusters as GDELT 2.0 event rows, ACLED rows, PLOVER JSON, JSON Lines or CSV.
//!
//! Every type here is serde-serialisable: it is the public interface the CLI and an HTTP server
//! print or send as they are.

pub mod casualties;
pub mod claims;
pub mod export;
pub mod load;
pub mod parties;
pub mod resolve;
pub mod timeline;
pub mod truces;

use chrono::NaiveDate;
use observer_model::{Article, Event};
use serde::{Deserialize, Serialize};

pub use casualties::{CasualtyLedger, TollEntry, TollSummary};
pub use claims::{Assertion, Claim, Contradiction, ContradictionKind};
pub use load::LoadError;
pub use resolve::{Cluster, ClusterCounts, FieldChoice, MentionRef, Resolver};
pub use timeline::{TimelineEntry, TimelineFilter};
pub use truces::{Truce, TruceKind, TruceStatus, Violation};

/// What the ledger needs to know about the article an event came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleInfo {
    pub id: String,
    /// The outlet that published it.
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
    pub title: Option<String>,
}

impl From<&Article> for ArticleInfo {
    fn from(article: &Article) -> Self {
        ArticleInfo {
            id: article.id.clone(),
            outlet: article.source.clone(),
            published: article.published,
            url: article.url.clone(),
            title: article.title.clone(),
        }
    }
}

/// One event as one article reported it, with that article's identity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub event: Event,
    pub article: ArticleInfo,
}

/// The ledger over every article added so far.
#[derive(Debug, Default, Clone)]
pub struct Ledger {
    resolver: Resolver,
}

impl Ledger {
    pub fn new() -> Ledger {
        Ledger::default()
    }

    /// Adds one coded article: its events join existing clusters or start new ones, without
    /// re-resolving what is already there. Adding an article again replaces its events.
    pub fn add(&mut self, article: &ArticleInfo, events: &[Event]) {
        self.resolver.add(article, events);
    }

    /// The mentions added so far, in the order the ledger keeps them.
    pub fn mentions(&self) -> &[Mention] {
        self.resolver.mentions()
    }

    /// Which cluster each event belongs to: `(event id, cluster id)`, sorted by event id.
    pub fn memberships(&self) -> Vec<(String, String)> {
        self.resolver.memberships()
    }

    /// Every cluster, in order of date (undated last), then id.
    pub fn clusters(&self) -> Vec<Cluster> {
        self.resolver.clusters()
    }

    /// Every truce found, in order of agreed date.
    pub fn truces(&self) -> Vec<Truce> {
        truces::truces(self.mentions())
    }

    /// Every attributed claim, in order of date.
    pub fn claims(&self) -> Vec<Claim> {
        claims::claims(self.mentions(), &self.resolver.cluster_of_each())
    }

    /// Pairs of claims that assert incompatible things.
    pub fn contradictions(&self) -> Vec<Contradiction> {
        let cluster_of = self.resolver.cluster_of_each();
        let tolls = casualties::ledger(self.mentions(), &cluster_of).entries;
        claims::contradictions(self.mentions(), &cluster_of, &tolls)
    }

    /// Casualty tolls by conflict and party.
    pub fn casualties(&self) -> CasualtyLedger {
        casualties::ledger(self.mentions(), &self.resolver.cluster_of_each())
    }

    /// Clusters, truce milestones and contradictions on one time line.
    pub fn timeline(&self, filter: &TimelineFilter) -> Vec<TimelineEntry> {
        timeline::timeline(
            &self.clusters(),
            &self.truces(),
            &self.contradictions(),
            filter,
        )
    }
}
