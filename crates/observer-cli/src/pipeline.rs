//! Coding and storing articles, shared by `ingest` and `demo`: skip what is already stored and
//! unchanged, code the rest in parallel batches, save each batch in one transaction while the
//! next one is coded. With `ingest --enqueue` the batches are stored un-coded in the work queue
//! instead, for `observer worker`. Coding itself (English only, a failing article skipped) is
//! observer-coder's.

use crate::report::Diagnostics;
use anyhow::{Context, Result};
use observer_coder::{code_all, stored_version, up_to_date};
use observer_extract::Extractor;
use observer_ingest::{ArticleIndex, Batch, Merge, Record};
use observer_model::Article;
use observer_store::{Coded, Store};
use std::collections::HashSet;

/// Whether a queued article is new to the database or replaces a stored one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    New,
    Updated,
}

/// What happened to the articles of a run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// New or updated articles stored without coding, as they are not in English (also counted
    /// in `new` or `updated`).
    pub not_coded: u64,
    /// Events coded in this run (unchanged articles keep theirs and are not counted).
    pub events: u64,
}

impl Counts {
    pub fn articles(&self) -> u64 {
        self.new + self.updated + self.unchanged
    }
}

/// Collects articles into batches and codes each full batch; a coded batch is saved while the
/// next one is coded, so the cores code while the database writes.
pub struct Pipeline<'a> {
    store: &'a mut dyn Store,
    extractor: &'a Extractor,
    recode: bool,
    batch_size: usize,
    /// Queue the articles for workers instead of coding them.
    queue_only: bool,
    /// Articles waiting to be coded; a revision in the same batch replaces the earlier text.
    batch: Batch<Kind>,
    /// The last coded batch, not saved yet, and its lookups.
    pending: Vec<Coded>,
    pending_index: ArticleIndex,
    /// Ids coded by this run, so that `--recode` codes an article repeated in the input only once.
    recoded: HashSet<String>,
    /// The store was told a bulk load began ([`Store::begin_bulk_load`]).
    bulk_load: bool,
    counts: Counts,
}

impl<'a> Pipeline<'a> {
    pub fn new(
        store: &'a mut dyn Store,
        extractor: &'a Extractor,
        recode: bool,
        batch_size: usize,
    ) -> Pipeline<'a> {
        Pipeline {
            store,
            extractor,
            recode,
            batch_size: batch_size.max(1),
            queue_only: false,
            batch: Batch::default(),
            pending: Vec::new(),
            pending_index: ArticleIndex::default(),
            recoded: HashSet::new(),
            bulk_load: false,
            counts: Counts::default(),
        }
    }

    /// Stores the articles un-coded in the store's work queue instead of coding them (the store
    /// must have one). An article already waiting there with the same text is unchanged.
    pub fn queue_only(mut self, queue_only: bool) -> Pipeline<'a> {
        self.queue_only = queue_only;
        self
    }

    /// Takes one article: counts it as unchanged, or queues it to be coded as new or updated.
    /// New and updated articles are counted once coded.
    pub fn add(&mut self, record: Record, diagnostics: &mut Diagnostics) -> Result<()> {
        let hash = record.article.text_hash();
        let (mut record, hash) = match self.batch.merge(record, hash) {
            Merge::Same(_) => {
                self.counts.unchanged += 1;
                return Ok(());
            }
            Merge::Revised(_) => {
                self.counts.updated += 1;
                return Ok(());
            }
            Merge::Unseen(record, hash) => (*record, hash),
        };
        let article = &mut record.article;
        if let Some(i) = self.pending_index.find(article, &hash) {
            // Coded in the previous batch, saved before this one: a revision replaces it then.
            let coded = &self.pending[i].article;
            if coded.text_hash() == hash {
                self.counts.unchanged += 1;
                return Ok(());
            }
            article.id = coded.id.clone();
            return self.queue(record, Kind::Updated, hash, diagnostics);
        }

        let existing = self
            .store
            .find_existing(article)
            .with_context(|| format!("looking up article {} in the database", article.id))?;
        let kind = match existing {
            // Found by its text alone, but that article is revised by this run to another text
            // (queued or pending): this is another article with the old text.
            Some(stored)
                if self.batch.holds(&stored.id) || self.pending_index.holds(&stored.id) =>
            {
                Kind::New
            }
            Some(stored) => {
                let same_text = stored.text_hash == hash;
                // An empty version: waiting un-coded in the work queue (or failed there), or
                // stored un-coded as not in English.
                let uncoded = stored.extractor_version.is_empty();
                let current =
                    up_to_date(&stored.extractor_version, article) || (uncoded && self.queue_only);
                let recoded_already = self.recoded.contains(&stored.id);
                if same_text && (recoded_already || (current && !self.recode)) {
                    self.counts.unchanged += 1;
                    return Ok(());
                }
                article.id = stored.id;
                Kind::Updated
            }
            None => Kind::New,
        };
        self.queue(record, kind, hash, diagnostics)
    }

    /// Codes and saves what is still queued; returns the run's counts.
    pub fn finish(mut self, diagnostics: &mut Diagnostics) -> Result<Counts> {
        self.flush(diagnostics)?;
        save(self.store, &std::mem::take(&mut self.pending))?;
        if self.bulk_load {
            self.store
                .end_bulk_load()
                .context("building the indexes of the database")?;
        }
        Ok(self.counts)
    }

    fn queue(
        &mut self,
        record: Record,
        kind: Kind,
        hash: String,
        diagnostics: &mut Diagnostics,
    ) -> Result<()> {
        if self.recode {
            self.recoded.insert(record.article.id.clone());
        }
        self.batch.push(record, kind, hash);
        if self.batch.len() >= self.batch_size {
            self.flush(diagnostics)?;
        }
        Ok(())
    }

    /// Codes the queued batch while the previous one is saved; the new batch is then pending.
    fn flush(&mut self, diagnostics: &mut Diagnostics) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let (records, kinds): (Vec<Record>, Vec<(Kind, String)>) = self
            .batch
            .take()
            .into_iter()
            .map(|queued| (queued.record, (queued.kind, queued.hash)))
            .unzip();
        if self.queue_only {
            return self.enqueue(records, kinds);
        }
        if !self.bulk_load {
            self.store
                .begin_bulk_load()
                .context("preparing the database for a bulk load")?;
            self.bulk_load = true;
        }
        let pending = std::mem::take(&mut self.pending);
        let (store, extractor) = (&mut *self.store, self.extractor);
        let (saved, results) =
            rayon::join(|| save(store, &pending), || code_all(extractor, records));
        saved?;
        self.pending_index = ArticleIndex::default();
        for (result, (kind, hash)) in results.into_iter().zip(kinds) {
            let (record, extraction) = match result {
                Ok(done) => done,
                Err(skip) => {
                    diagnostics.skip(skip);
                    continue;
                }
            };
            for note in &extraction.notes {
                diagnostics.warn(note, Some(&record.origin));
            }
            self.count(kind);
            self.counts.events += extraction.events.len() as u64;
            let extractor_version = stored_version(&record.article);
            if extractor_version.is_empty() {
                self.counts.not_coded += 1;
            }
            self.pending_index
                .insert(&record.article, hash, self.pending.len());
            self.pending.push(Coded {
                article: record.article,
                events: extraction.events,
                extractor_version: extractor_version.to_string(),
            });
        }
        Ok(())
    }

    fn enqueue(&mut self, records: Vec<Record>, kinds: Vec<(Kind, String)>) -> Result<()> {
        let articles: Vec<Article> = records.into_iter().map(|record| record.article).collect();
        self.store
            .as_queue()
            .context("this database has no work queue (it needs PostgreSQL)")?
            .enqueue(&articles)
            .with_context(|| format!("queueing {} articles", articles.len()))?;
        kinds.into_iter().for_each(|(kind, _)| self.count(kind));
        Ok(())
    }

    fn count(&mut self, kind: Kind) {
        match kind {
            Kind::New => self.counts.new += 1,
            Kind::Updated => self.counts.updated += 1,
        }
    }
}

/// Saves a coded batch in one transaction.
fn save(store: &mut dyn Store, coded: &[Coded]) -> Result<()> {
    if coded.is_empty() {
        return Ok(());
    }
    store
        .save_batch(coded)
        .with_context(|| format!("saving {} coded articles", coded.len()))
}
