//! Coding and storing articles, shared by `ingest` and `demo`: skip what is already stored and
//! unchanged, code the rest in parallel batches, save each batch in one transaction while the
//! next one is coded. With `ingest --enqueue` the batches are stored un-coded in the work queue
//! instead, for `observer worker`.

use crate::report::Diagnostics;
use anyhow::{Context, Result};
use observer_extract::{Extraction, Extractor};
use observer_ingest::{ArticleIndex, Batch, Merge, Record, Skip};
use observer_model::Article;
use observer_store::{Coded, Store};
use rayon::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

/// Codes the records' articles on all cores, keeping their order. An article on which the
/// extractor fails (panics) comes back as a [`Skip`], so one bad article cannot end a long run.
/// An article not in English is not coded: it comes back with no events and a note saying so.
pub fn code_all(
    extractor: &Extractor,
    records: Vec<Record>,
) -> Vec<Result<(Record, Extraction), Skip>> {
    records
        .into_par_iter()
        .map(|record| {
            if let Some(reason) = not_coded_reason(&record.article) {
                let extraction = Extraction {
                    events: Vec::new(),
                    sentences: Vec::new(),
                    notes: vec![reason],
                };
                return Ok((record, extraction));
            }
            match caught(|| extractor.extract(&record.article)) {
                Ok(extraction) => Ok((record, extraction)),
                Err(panic) => Err(Skip::new(
                    record.origin,
                    format!("extraction failed (a bug in Observer): {panic}"),
                )),
            }
        })
        .collect()
}

/// Why an article is stored but not coded: the engine's lexicons and patterns are English, and
/// coding another language would only produce garbage.
pub fn not_coded_reason(article: &Article) -> Option<String> {
    let lang = article.lang.as_deref();
    (!observer_ingest::is_english(lang)).then(|| {
        let lang = lang.unwrap_or_default();
        format!(
            "not coded yet: the article is in {} ({lang}) and Observer codes English only",
            observer_ingest::language_name(lang)
        )
    })
}

/// Runs `f`, turning a panic into its message and place, without printing it.
fn caught<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    capture_extraction_panics();
    EXTRACTING.set(true);
    let result = catch_unwind(AssertUnwindSafe(f));
    EXTRACTING.set(false);
    result.map_err(|_| {
        CAUGHT_PANIC
            .take()
            .unwrap_or_else(|| "unknown error".to_string())
    })
}

thread_local! {
    /// Set while this thread runs [`caught`], whose panics become errors.
    static EXTRACTING: Cell<bool> = const { Cell::new(false) };
    /// The message and place of the extractor's last panic on this thread.
    static CAUGHT_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Routes panics inside [`caught`] to [`CAUGHT_PANIC`] instead of stderr (where they would
/// tear through the progress bar, once per bad article); every other panic prints as usual.
fn capture_extraction_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if EXTRACTING.get() {
                let message = info.payload_as_str().unwrap_or("panic");
                let place = info
                    .location()
                    .map(|at| format!(" at {}:{}", at.file(), at.line()))
                    .unwrap_or_default();
                CAUGHT_PANIC.set(Some(format!("{message}{place}")));
            } else {
                default_hook(info);
            }
        }));
    });
}

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
                let current = stored.extractor_version == observer_extract::VERSION
                    || (uncoded && (self.queue_only || not_coded_reason(article).is_some()));
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
            // An article left un-coded is stored with no extractor version, as queued ones are.
            let extractor_version = if not_coded_reason(&record.article).is_some() {
                self.counts.not_coded += 1;
                String::new()
            } else {
                observer_extract::VERSION.to_string()
            };
            self.pending_index
                .insert(&record.article, hash, self.pending.len());
            self.pending.push(Coded {
                article: record.article,
                events: extraction.events,
                extractor_version,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_messages_with_their_place() {
        let message = caught(|| -> u32 { panic!("boom {}", 42) }).unwrap_err();
        assert!(message.starts_with("boom 42 at "), "{message}");
        assert!(message.contains("pipeline.rs:"), "{message}");
        assert_eq!(caught(|| 7), Ok(7));
    }
}
