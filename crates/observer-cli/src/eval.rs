//! `observer eval GOLD_DIR`: scores the engine against hand-annotated gold articles.

use crate::Status;
use crate::cli::{EvalArgs, EvalFormat};
use crate::setup::{Globals, stdout};
use anyhow::{Context, Result};
use std::io::Write;

pub fn run(globals: &Globals, args: EvalArgs) -> Result<Status> {
    let extractor = globals.extractor()?;
    let mut out = stdout();
    // A JSON Lines file is a sentence-level development set (shared/dev/petr2_gsr.jsonl).
    if args.gold_dir.is_file() {
        let report = observer_eval::evaluate_dev(&extractor, &args.gold_dir)?;
        match args.format {
            EvalFormat::Table => {
                write!(out, "{}", observer_eval::render_dev(&report, args.misses))?
            }
            EvalFormat::Json => serde_json::to_writer_pretty(&mut out, &report)?,
        }
        return Ok(Status::Success);
    }
    let corpus = observer_eval::load_corpus(&args.gold_dir).context("reading the gold corpus")?;
    let report = observer_eval::evaluate(&extractor, &corpus);
    match args.format {
        EvalFormat::Table => write!(out, "{}", observer_eval::render(&report, args.misses))?,
        EvalFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
    }
    Ok(Status::Success)
}
