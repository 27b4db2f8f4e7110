//! The `observer` command: parses the command line, runs the subcommand, maps the outcome to an
//! exit status (documented in `observer --help`).

mod bench;
mod cli;
mod demo;
mod eval;
mod events;
mod explain;
mod extract;
mod fetch;
mod gen_corpus;
mod ingest;
mod ledger;
mod output;
mod pipeline;
mod progress;
mod report;
mod serve;
mod setup;
mod watch;
mod worker;

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches};
use cli::{Cli, Command};
use setup::Globals;
use std::fmt;
use std::process::ExitCode;

/// How a subcommand that ran to its end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Success,
    /// Nothing could be read (everything was skipped).
    NothingRead,
    /// `ingest --strict` skipped some input.
    StrictSkips,
}

/// The thing asked for is not in the database (exit status 3).
#[derive(Debug)]
pub struct NotFound(pub String);

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotFound {}

// Extraction makes many small, short-lived allocations: mimalloc serves them in about half the
// instructions of the system allocator (see README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_FAILURE: u8 = 1;
const EXIT_NOT_FOUND: u8 = 3;
const EXIT_STRICT_SKIPS: u8 = 4;

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    match run(cli, &matches) {
        Ok(Status::Success) => ExitCode::SUCCESS,
        Ok(Status::NothingRead) => ExitCode::from(EXIT_FAILURE),
        Ok(Status::StrictSkips) => ExitCode::from(EXIT_STRICT_SKIPS),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            report::to_stderr(|out| writeln!(out, "error: {err:#}"));
            if err.downcast_ref::<NotFound>().is_some() {
                ExitCode::from(EXIT_NOT_FOUND)
            } else {
                ExitCode::from(EXIT_FAILURE)
            }
        }
    }
}

fn run(cli: Cli, matches: &ArgMatches) -> anyhow::Result<Status> {
    let globals = Globals {
        db: cli.db,
        data_dir: cli.data_dir,
        quiet: cli.quiet,
    };
    match cli.command {
        Command::Ingest(args) => ingest::run(&globals, args),
        Command::Watch(args) => watch::run(&globals, args),
        Command::Worker(args) => worker::run(&globals, args),
        Command::Extract(args) => extract::run(&globals, args),
        Command::Events(args) => events::run(&globals, args),
        Command::Explain(args) => explain::run(&globals, args),
        Command::Eval(args) => eval::run(&globals, args),
        Command::GenCorpus(args) => gen_corpus::run(args),
        Command::Bench(args) => bench::run(&globals, args),
        Command::Clusters(args) => ledger::clusters(&globals, args),
        Command::Truces(args) => ledger::truces(&globals, args),
        Command::Claims(args) => ledger::claims(&globals, args),
        Command::Timeline(args) => ledger::timeline(&globals, args),
        Command::Export(args) => ledger::export(&globals, args),
        Command::Serve(args) => serve::run(&globals, args),
        Command::Demo => {
            // The demo only honours a --db typed on its command line, never OBSERVER_DB, so that
            // it cannot write into the user's own database.
            let typed = db_source(matches) == Some(ValueSource::CommandLine);
            demo::run(&globals, globals.db.as_deref().filter(|_| typed))
        }
    }
}

/// Where the value of the global `--db` came from, looking into the subcommand too.
fn db_source(matches: &ArgMatches) -> Option<ValueSource> {
    matches
        .subcommand()
        .and_then(|(_, sub)| sub.value_source("db"))
        .or_else(|| matches.value_source("db"))
}

/// Output cut short by a closed pipe (`observer events | head`) is not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<csv::Error>()
                .is_some_and(|csv| matches!(csv.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe))
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|json| json.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}
