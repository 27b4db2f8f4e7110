//! `observer gen-corpus`: writes a deterministic synthetic news corpus as JSON Lines on standard
//! output, the input `observer bench` measures throughput on (see observer-bench).

use crate::Status;
use crate::cli::GenCorpusArgs;
use crate::setup::stdout;
use anyhow::Result;
use std::io::Write;

pub fn run(args: GenCorpusArgs) -> Result<Status> {
    let mut out = stdout();
    observer_bench::write_jsonl(&mut out, args.articles, args.seed)?;
    out.flush()?;
    Ok(Status::Success)
}
