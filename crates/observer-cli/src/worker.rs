//! `observer worker`: codes the articles waiting in a database's work queue (filled by
//! `observer ingest --enqueue`), one claimed batch per transaction, until stopped by SIGINT or
//! SIGTERM or, with `--drain`, until nothing is queued any more.
//!
//! Any number of workers on any number of machines may share one PostgreSQL database:
//! `observer_store::postgres` explains why none codes an article twice and none is lost when a
//! worker dies mid-batch.

use crate::Status;
use crate::cli::WorkerArgs;
use crate::report::{counted, thousands, to_stderr};
use crate::setup::Globals;
use anyhow::{Context, Result, anyhow};
use observer_coder::{code_all, not_coded_reason};
use observer_extract::Extractor;
use observer_ingest::{Origin, Record};
use observer_model::Article;
use observer_store::{Coded, CodedBatch, Failure};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long an idle worker waits before looking for queued articles again.
const IDLE_POLL: Duration = Duration::from_millis(250);

/// Set by the first SIGINT or SIGTERM: finish the batch in hand, then exit.
static STOP: AtomicBool = AtomicBool::new(false);

/// What a worker did, for its summary.
#[derive(Debug, Default)]
struct Totals {
    articles: u64,
    failed: u64,
    events: u64,
}

pub fn run(globals: &Globals, args: WorkerArgs) -> Result<Status> {
    stop_on_signals()?;
    let extractor = globals.extractor()?;
    let (db, mut store) = globals.open_store()?;
    let queue = store.as_queue().ok_or_else(|| {
        anyhow!(
            "database {db} has no work queue: `observer worker` needs a PostgreSQL database \
             (--db postgres://...)"
        )
    })?;
    let started = Instant::now();
    let mut totals = Totals::default();
    while !STOP.load(Ordering::SeqCst) {
        let mut failures = Vec::new();
        let mut events = 0;
        let claimed = queue
            .code_batch(args.batch_size as usize, &mut |articles| {
                let coded = code(&extractor, articles);
                for result in &coded {
                    match result {
                        Ok(done) => events += done.events.len() as u64,
                        Err(failure) => failures.push(failure.clone()),
                    }
                }
                coded
            })
            .with_context(|| format!("coding queued articles of database {db}"))?;
        if claimed > 0 {
            // Committed: count it and report what could not be coded.
            totals.articles += claimed as u64;
            totals.failed += failures.len() as u64;
            totals.events += events;
            to_stderr(|err| {
                failures.iter().try_for_each(|failure| {
                    writeln!(
                        err,
                        "article {} not coded: {}",
                        failure.article_id, failure.reason
                    )
                })
            });
            continue;
        }
        // Nothing free. Articles may still be queued under another worker's claim: a draining
        // worker exits only once none is, so a batch that a dead worker releases is not left.
        if args.drain {
            let stats = queue
                .queue_stats()
                .with_context(|| format!("reading the work queue of database {db}"))?;
            if stats.queued == 0 {
                break;
            }
        }
        idle(IDLE_POLL);
    }
    if !globals.quiet {
        let seconds = started.elapsed().as_secs_f64();
        to_stderr(|err| {
            writeln!(
                err,
                "worker coded {} ({} failed), {} in {seconds:.1} s ({:.0} articles/s)",
                counted(totals.articles, "article"),
                thousands(totals.failed),
                counted(totals.events, "event"),
                totals.articles as f64 / seconds.max(1e-9),
            )
        });
    }
    Ok(Status::Success)
}

/// Codes a claimed batch on all cores; an article the extractor fails on, or one not in English
/// (which is not coded), becomes a [`Failure`] saying why.
fn code(extractor: &Extractor, articles: Vec<Article>) -> CodedBatch {
    let ids: Vec<String> = articles.iter().map(|article| article.id.clone()).collect();
    let records = articles
        .into_iter()
        .map(|article| Record {
            origin: Origin::file(format!("article {}", article.id)),
            article,
            warnings: Vec::new(),
        })
        .collect();
    code_all(extractor, records)
        .into_iter()
        .zip(ids)
        .map(|(result, article_id)| match result {
            Ok((record, _)) if let Some(reason) = not_coded_reason(&record.article) => {
                Err(Failure { article_id, reason })
            }
            Ok((record, extraction)) => Ok(Coded {
                article: record.article,
                events: extraction.events,
                extractor_version: observer_extract::VERSION.to_string(),
            }),
            Err(skip) => Err(Failure {
                article_id,
                reason: skip.reason,
            }),
        })
        .collect()
}

/// The first SIGINT or SIGTERM sets [`STOP`]; a second one ends the process at once (status 1),
/// and the batch in hand returns to the queue.
fn stop_on_signals() -> Result<()> {
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // The shutdown goes first, so that it only fires once STOP is already set.
        signal_hook::flag::register_conditional_shutdown(signal, 1, &STOP)
            .and_then(|_| signal_hook::flag::register(signal, &STOP))
            .context("installing the signal handlers")?;
    }
    Ok(())
}

/// Sleeps for `duration`, waking early when a stop is requested.
fn idle(duration: Duration) {
    let until = Instant::now() + duration;
    while !STOP.load(Ordering::SeqCst) {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        std::thread::sleep(left.min(Duration::from_millis(20)));
    }
}
