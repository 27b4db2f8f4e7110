//! `observer extract`: code articles and print their events, storing nothing.

use crate::Status;
use crate::cli::ExtractArgs;
use crate::ingest::metadata;
use crate::output;
use crate::report::{Diagnostics, counted, thousands, to_stderr};
use crate::setup::{Globals, stdout};
use anyhow::Result;
use observer_coder::code_all;
use observer_ingest::Record;

/// Articles coded at a time; keeps memory flat on large inputs while using every core.
const CHUNK: usize = 256;

pub fn run(globals: &Globals, args: ExtractArgs) -> Result<Status> {
    let extractor = globals.extractor()?;
    let mut diagnostics = Diagnostics::default();
    let mut writer = output::writer(args.format, stdout())?;
    let mut articles_read = 0u64;

    let mut records =
        observer_ingest::read_inputs(&args.input.paths, &metadata(&args.input), args.input_format);
    loop {
        let chunk = next_chunk(&mut records, &mut diagnostics);
        if chunk.is_empty() {
            break;
        }
        for result in code_all(&extractor, chunk) {
            match result {
                Ok((record, extraction)) => {
                    articles_read += 1;
                    for note in &extraction.notes {
                        diagnostics.warn(note, Some(&record.origin));
                    }
                    writer.article(&record.article, &extraction.events)?;
                }
                Err(skip) => diagnostics.skip(skip),
            }
        }
    }
    writer.finish()?;
    // The process ends next: freeing a hundred megabytes of lexicons one allocation at a time
    // would only delay the exit (about a fifth of a one-article run).
    std::mem::forget(extractor);

    to_stderr(|err| {
        if !globals.quiet {
            diagnostics.write_warnings(err)?;
        }
        if !diagnostics.skips().is_empty() {
            writeln!(
                err,
                "extracted from {}; skipped {}:",
                counted(articles_read, "article"),
                thousands(diagnostics.skips().len() as u64)
            )?;
            diagnostics.write_skips(err)?;
        }
        if articles_read == 0 {
            writeln!(err, "error: no article could be read")?;
        }
        Ok(())
    });
    Ok(if articles_read == 0 {
        Status::NothingRead
    } else {
        Status::Success
    })
}

/// Up to [`CHUNK`] articles from `records`, recording skips and warnings on the way.
fn next_chunk(
    records: &mut impl Iterator<Item = Result<Record, observer_ingest::Skip>>,
    diagnostics: &mut Diagnostics,
) -> Vec<Record> {
    let mut chunk = Vec::new();
    for item in records.by_ref() {
        match item {
            Ok(record) => {
                for warning in &record.warnings {
                    diagnostics.warn(warning, Some(&record.origin));
                }
                chunk.push(record);
                if chunk.len() == CHUNK {
                    break;
                }
            }
            Err(skip) => diagnostics.skip(skip),
        }
    }
    chunk
}
