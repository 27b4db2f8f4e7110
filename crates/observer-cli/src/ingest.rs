//! `observer ingest`: read articles, code them (or, with `--enqueue`, queue them for
//! `observer worker`), store them, and summarise the run on stderr.

use crate::Status;
use crate::cli::{IngestArgs, InputArgs};
use crate::pipeline::{Counts, Pipeline};
use crate::progress::Progress;
use crate::report::{Diagnostics, counted, thousands, to_stderr};
use crate::setup::Globals;
use anyhow::{Context, Result, bail};
use observer_ingest::Metadata;
use std::io::{self, Write};

pub fn run(globals: &Globals, args: IngestArgs) -> Result<Status> {
    let extractor = globals.extractor()?;
    let (db, mut store) = globals.open_store()?;
    if args.enqueue && store.as_queue().is_none() {
        bail!(
            "--enqueue needs a database with a work queue, i.e. PostgreSQL (--db postgres://...); \
             {db} has none"
        );
    }
    let mut diagnostics = Diagnostics::default();
    let mut progress = Progress::new(&args.input.paths, globals.quiet);

    let mut pipeline = Pipeline::new(
        store.as_mut(),
        &extractor,
        args.recode,
        args.batch_size as usize,
    )
    .queue_only(args.enqueue);
    let passed_over =
        observer_ingest::read_inputs(&args.input.paths, &metadata(&args.input), args.format)
            .read_ahead(args.batch_size as usize, |item| {
                match item {
                    Ok(record) => {
                        progress.record(&record.origin);
                        for warning in &record.warnings {
                            diagnostics.warn(warning, Some(&record.origin));
                        }
                        pipeline.add(record, &mut diagnostics)?;
                    }
                    Err(skip) => {
                        progress.record(&skip.origin);
                        diagnostics.skip(skip);
                    }
                }
                anyhow::Ok(())
            })?;
    let counts = pipeline.finish(&mut diagnostics)?;
    progress.finish();
    let stats = store
        .stats()
        .with_context(|| format!("counting what database {db} holds"))?;
    let queue = match store.as_queue() {
        Some(queue) if args.enqueue => Some(
            queue
                .queue_stats()
                .with_context(|| format!("reading the work queue of database {db}"))?,
        ),
        _ => None,
    };

    to_stderr(|err| {
        if !globals.quiet {
            diagnostics.write_warnings(err)?;
            if passed_over.total() > 0 {
                writeln!(
                    err,
                    "passed over {} of WARC files: {} not HTML, {} not status 200, {} not a response",
                    counted(passed_over.total(), "record"),
                    thousands(passed_over.not_html),
                    thousands(passed_over.not_ok),
                    thousands(passed_over.not_response)
                )?;
            }
            write_summary(err, &counts, &diagnostics)?;
        } else if !diagnostics.skips().is_empty() {
            writeln!(
                err,
                "skipped {}:",
                thousands(diagnostics.skips().len() as u64)
            )?;
        }
        diagnostics.write_skips(err)?;
        if !globals.quiet {
            writeln!(
                err,
                "database {db} holds {}, {}",
                counted(stats.articles, "article"),
                counted(stats.events, "event")
            )?;
            if let Some(queue) = queue {
                writeln!(
                    err,
                    "{} waiting for `observer worker` ({} coded, {} failed)",
                    counted(queue.queued, "article"),
                    thousands(queue.coded),
                    thousands(queue.failed)
                )?;
            }
        }
        Ok(())
    });

    Ok(
        if counts.articles() == 0 && !diagnostics.skips().is_empty() {
            Status::NothingRead
        } else if args.strict && !diagnostics.skips().is_empty() {
            Status::StrictSkips
        } else {
            Status::Success
        },
    )
}

/// The command-line metadata for the ingest reader.
pub fn metadata(input: &InputArgs) -> Metadata {
    Metadata {
        published: input.published,
        source: input.source.clone(),
        url: input.url.clone(),
        title: input.title.clone(),
    }
}

/// `ingested 9,998 articles (12 new, 3 updated, 9,983 unchanged), 41,022 events; skipped 2:`
pub fn write_summary(
    out: &mut dyn Write,
    counts: &Counts,
    diagnostics: &Diagnostics,
) -> io::Result<()> {
    let not_coded = if counts.not_coded > 0 {
        format!(
            ", {} not in English stored un-coded",
            thousands(counts.not_coded)
        )
    } else {
        String::new()
    };
    writeln!(
        out,
        "ingested {} ({} new, {} updated, {} unchanged{not_coded}), {}{}",
        counted(counts.articles(), "article"),
        thousands(counts.new),
        thousands(counts.updated),
        thousands(counts.unchanged),
        counted(counts.events, "event"),
        diagnostics.skipped_suffix()
    )
}
