//! Articles repeated in one input: a batch of records waiting to be coded and saved together
//! spots a record it already holds (same id, same outlet and url, or same text, the rules of
//! `Store::find_existing`) before the database knows of the first copy. A repeat with the same
//! text changes nothing; a repeat with another text is a revision, and the later text wins.
//! `observer ingest` and `POST /api/articles` both dedupe through [`Batch`].

use std::collections::HashMap;

use observer_model::Article;

use crate::Record;

/// Lookups of articles by id, by outlet and url, and by text hash, each to its place in a list.
#[derive(Debug, Default)]
pub struct ArticleIndex {
    by_id: HashMap<String, usize>,
    by_url: HashMap<(String, String), usize>,
    by_hash: HashMap<String, usize>,
}

impl ArticleIndex {
    /// Records `article`, whose text hash is `hash`, at place `i`.
    pub fn insert(&mut self, article: &Article, hash: String, i: usize) {
        self.by_id.insert(article.id.clone(), i);
        if let Some(url) = &article.url {
            let key = (article.source.clone().unwrap_or_default(), url.clone());
            self.by_url.insert(key, i);
        }
        self.by_hash.insert(hash, i);
    }

    /// A revision of entry `i` from `old` to `new` text: a later copy of the old text is no
    /// longer this article.
    fn revise(&mut self, i: usize, old: &str, new: String) {
        if self.by_hash.get(old) == Some(&i) {
            self.by_hash.remove(old);
        }
        self.by_hash.insert(new, i);
    }

    /// Whether an article with this id is held.
    pub fn holds(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// The place of the article that `article` (text hash `hash`) repeats: same id, else same
    /// outlet and url, else same text.
    pub fn find(&self, article: &Article, hash: &str) -> Option<usize> {
        self.by_id
            .get(&article.id)
            .or_else(|| {
                let url = article.url.as_ref()?;
                let key = (article.source.clone().unwrap_or_default(), url.clone());
                self.by_url.get(&key)
            })
            .or_else(|| self.by_hash.get(hash))
            .copied()
    }
}

/// What [`Batch::merge`] did with a record.
#[derive(Debug)]
pub enum Merge {
    /// The batch holds the article with the same text (its id here): nothing changed.
    Same(String),
    /// The batch held an earlier text of the article (its id here): the record took its place,
    /// under the earlier one's id and kind.
    Revised(String),
    /// The batch does not hold the article: the record and its text hash, handed back (boxed,
    /// as a record is much larger than the other answers).
    Unseen(Box<Record>, String),
}

/// One queued record: the record, what the caller made of it (`kind`: new or a revision of a
/// stored article, say) and its text hash.
#[derive(Debug)]
pub struct Queued<K> {
    pub record: Record,
    pub kind: K,
    pub hash: String,
}

/// Records queued to be coded and saved together, in the order they came, without repeats.
#[derive(Debug)]
pub struct Batch<K> {
    queued: Vec<Queued<K>>,
    index: ArticleIndex,
}

impl<K> Default for Batch<K> {
    fn default() -> Self {
        Batch {
            queued: Vec::new(),
            index: ArticleIndex::default(),
        }
    }
}

impl<K> Batch<K> {
    /// Takes `record` (text hash `hash`) if the batch holds its article: the later text wins.
    /// Otherwise hands it back, to be looked up in the store and [`push`](Self::push)ed.
    pub fn merge(&mut self, mut record: Record, hash: String) -> Merge {
        let Some(i) = self.index.find(&record.article, &hash) else {
            return Merge::Unseen(Box::new(record), hash);
        };
        let queued = &mut self.queued[i];
        let id = queued.record.article.id.clone();
        if queued.hash == hash {
            return Merge::Same(id);
        }
        record.article.id = id.clone();
        queued.record = record;
        let old = std::mem::replace(&mut queued.hash, hash.clone());
        self.index.revise(i, &old, hash);
        Merge::Revised(id)
    }

    /// Queues a record that [`merge`](Self::merge) handed back.
    pub fn push(&mut self, record: Record, kind: K, hash: String) {
        self.index
            .insert(&record.article, hash.clone(), self.queued.len());
        self.queued.push(Queued { record, kind, hash });
    }

    /// Whether an article with this id is queued.
    pub fn holds(&self, id: &str) -> bool {
        self.index.holds(id)
    }

    pub fn len(&self) -> usize {
        self.queued.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queued.is_empty()
    }

    /// The queued records, in order; the batch is left empty.
    pub fn take(&mut self) -> Vec<Queued<K>> {
        self.index = ArticleIndex::default();
        std::mem::take(&mut self.queued)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Origin;

    fn record(id: &str, url: Option<&str>, text: &str) -> Record {
        Record {
            article: Article {
                id: id.to_string(),
                url: url.map(str::to_string),
                source: Some("Harbour Courier".to_string()),
                published: None,
                title: None,
                text: text.to_string(),
                lang: None,
                extra: serde_json::Map::new(),
            },
            origin: Origin::line("wire.jsonl", 1),
            warnings: Vec::new(),
        }
    }

    /// Merges `record`, queueing it as `kind` when the batch does not hold it (then `None`).
    fn add(batch: &mut Batch<&'static str>, record: Record, kind: &'static str) -> Option<Merge> {
        let hash = record.article.text_hash();
        match batch.merge(record, hash) {
            Merge::Unseen(record, hash) => {
                batch.push(*record, kind, hash);
                None
            }
            merged => Some(merged),
        }
    }

    const CURFEW: &str = "Police imposed a night curfew in the port city after two days of \
        protests over fuel prices.";
    const CURFEW_LIFTED: &str = "Police lifted the night curfew in the port city on Sunday, \
        three days after protests over fuel prices.";

    #[test]
    fn a_revision_in_the_same_batch_keeps_the_first_id_and_the_later_text() {
        let mut batch = Batch::default();
        let url = Some("https://courier.example/curfew");
        assert!(add(&mut batch, record("a1", url, CURFEW), "new").is_none());
        // Same outlet and url, another id and a revised text.
        let merged = add(&mut batch, record("a2", url, CURFEW_LIFTED), "updated");
        assert!(
            matches!(&merged, Some(Merge::Revised(id)) if id == "a1"),
            "{merged:?}"
        );
        let queued = batch.take();
        assert_eq!(queued.len(), 1);
        assert_eq!(queued[0].record.article.id, "a1");
        assert_eq!(queued[0].record.article.text, CURFEW_LIFTED);
        assert_eq!(queued[0].kind, "new");
        assert!(batch.is_empty() && !batch.holds("a1"));
    }

    #[test]
    fn the_same_text_is_the_same_article_until_a_revision_frees_it() {
        let mut batch = Batch::default();
        add(&mut batch, record("a1", None, CURFEW), "new");
        let same = add(&mut batch, record("b7", None, CURFEW), "new");
        assert!(
            matches!(&same, Some(Merge::Same(id)) if id == "a1"),
            "{same:?}"
        );
        add(&mut batch, record("a1", None, CURFEW_LIFTED), "new");
        // The first text, under another id, is now another article.
        assert!(add(&mut batch, record("b7", None, CURFEW), "updated").is_none());
        let ids: Vec<_> = batch
            .take()
            .into_iter()
            .map(|queued| {
                (
                    queued.record.article.id,
                    queued.record.article.text,
                    queued.kind,
                )
            })
            .collect();
        assert_eq!(
            ids,
            [
                ("a1".to_string(), CURFEW_LIFTED.to_string(), "new"),
                ("b7".to_string(), CURFEW.to_string(), "updated")
            ]
        );
    }
}
