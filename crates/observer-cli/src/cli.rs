//! Command-line syntax: the subcommands, their options, and their help texts with examples.

use chrono::NaiveDate;
use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};
use observer_model::EventType;
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit status:
  0  success (for ingest: at least one article was read, even if all were unchanged)
  1  failure: nothing could be read, or a database, file or data error
  2  usage error: an unknown option or an invalid value
  3  not found: `explain` was given an event id that the database does not hold
  4  `ingest --strict`: some inputs were skipped (the readable ones were stored)";

const MAIN_EXAMPLES: &str = "\
Examples:
  observer demo                                   # code the bundled sample articles
  observer ingest --source 'Example Wire' --published 2020-10-20 report.txt
  observer ingest articles/ feed.jsonl.gz         # directories and JSON Lines too
  observer ingest page.html world.rss crawl.warc.gz   # web pages, feeds, web archives
  observer watch https://news.example/rss         # code new articles as they appear
  observer events --since 2020-10-01 --type assault --country ARM
  observer explain <EVENT_ID>
  observer extract --format csv report.txt > events.csv

Database: --db or OBSERVER_DB; by default observer.db in the user's data directory
(~/.local/share/observer/ on Linux).";

/// The help section of the options every subcommand takes.
const GLOBAL: &str = "Global options";

/// Reads news reports about armed conflict and turns them into source-attributed event data.
#[derive(Debug, Parser)]
#[command(name = "observer", version, after_help = format!("{MAIN_EXAMPLES}\n\n{EXIT_CODES}"))]
pub struct Cli {
    /// Database: a file path, sqlite:PATH, or a postgres:// URL [default: observer.db in the
    /// user's data directory, ~/.local/share/observer/ on Linux]
    #[arg(long, global = true, env = "OBSERVER_DB", value_name = "PATH", help_heading = GLOBAL)]
    pub db: Option<String>,

    /// Directory of lexicon and gazetteer files that replace the embedded ones where present
    #[arg(long, global = true, value_name = "DIR", help_heading = GLOBAL)]
    pub data_dir: Option<PathBuf>,

    /// Print only errors and skipped inputs: no progress bar, warnings or summary
    #[arg(long, short, global = true, help_heading = GLOBAL)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles, code them into events, and store both
    #[command(after_help = format!("{INGEST_HELP}\n\n{EXIT_CODES}"))]
    Ingest(IngestArgs),

    /// Poll news feeds over HTTP(S) and code each new article once
    #[command(after_help = format!("{WATCH_HELP}\n\n{EXIT_CODES}"))]
    Watch(WatchArgs),

    /// Code the articles queued in a PostgreSQL database, until stopped or the queue is empty
    #[command(after_help = format!("{WORKER_HELP}\n\n{EXIT_CODES}"))]
    Worker(WorkerArgs),

    /// Code articles and print their events without storing anything
    #[command(after_help = format!("{EXTRACT_HELP}\n\n{EXIT_CODES}"))]
    Extract(ExtractArgs),

    /// List stored events, filtered
    #[command(after_help = format!("{EVENTS_HELP}\n\n{EXIT_CODES}"))]
    Events(EventsArgs),

    /// Show how one stored event was coded: every field with its evidence span and rule
    #[command(after_help = format!("{EXPLAIN_HELP}\n\n{EXIT_CODES}"))]
    Explain(ExplainArgs),

    /// Code the bundled sample articles into a fresh database and show what was found
    #[command(after_help = format!("{DEMO_HELP}\n\n{EXIT_CODES}"))]
    Demo,

    /// List real-world events, each grouped from its mentions across articles
    #[command(after_help = format!("{CLUSTERS_HELP}\n\n{EXIT_CODES}"))]
    Clusters(ClustersArgs),

    /// List truces with their parties, broker, effective time, status and alleged violations
    #[command(after_help = format!("{TRUCES_HELP}\n\n{EXIT_CODES}"))]
    Truces(TrucesArgs),

    /// List attributed claims, or with --contradicting the claims that contradict each other
    #[command(after_help = format!("{CLAIMS_HELP}\n\n{EXIT_CODES}"))]
    Claims(ClaimsArgs),

    /// Show events, truce milestones and contradictions of a conflict or pair of parties by date
    #[command(after_help = format!("{TIMELINE_HELP}\n\n{EXIT_CODES}"))]
    Timeline(TimelineArgs),

    /// Export the event clusters as GDELT 2.0 events, ACLED rows, PLOVER JSON, JSONL or CSV
    #[command(after_help = format!("{EXPORT_HELP}\n\n{EXIT_CODES}"))]
    Export(ExportArgs),
    /// Serve the HTTP API and the web dashboard over the database
    #[command(after_help = format!("{SERVE_HELP}\n\n{EXIT_CODES}"))]
    Serve(ServeArgs),

    /// Score the engine against hand-annotated gold articles: precision, recall, F1 per field
    #[command(after_help = format!("{EVAL_HELP}\n\n{EXIT_CODES}"))]
    Eval(EvalArgs),

    /// Write a deterministic synthetic news corpus as JSON Lines, for benchmarks
    #[command(after_help = format!("{GEN_CORPUS_HELP}\n\n{EXIT_CODES}"))]
    GenCorpus(GenCorpusArgs),

    /// Measure throughput per stage, start-up time and peak memory on a corpus
    #[command(after_help = format!("{BENCH_HELP}\n\n{EXIT_CODES}"))]
    Bench(BenchArgs),
}

const INGEST_HELP: &str = "\
Each PATH is a file, a directory (read recursively) or `-` for standard input. Text files may
start with front matter (title:, source:, published:, url: between `---` lines); JSON Lines files
hold one article object per line; an HTML page (.html .htm) gives its main text, title, byline,
date, canonical URL and outlet; each item of an RSS/Atom feed (.rss .atom .xml) is an article (a
summary-only item is coded from its summary, marked text_from); each HTML response of a WARC
archive (.warc) is an article with its URL and fetch date. Any of them may be .gz. Articles not in
English are stored but not coded. An article already stored with the same text
and extractor version is left alone (\"unchanged\"); a revised text, a newer extractor or --recode
codes it again (\"updated\"). Unreadable records are skipped and listed at the end as file:line.

Examples:
  observer ingest --source 'Example Wire' --published 2020-10-20 report.txt
  observer ingest --db news.db archive/ 2024-05.jsonl.gz
  curl -s https://example.org/feed.jsonl | observer ingest --format jsonl -
  observer ingest saved-page.html news.rss crawl-2024-05.warc.gz
  curl -s https://example.org/story | observer ingest --format html -
  observer ingest --strict --recode corpus/    # fail on any skip; re-code everything";

const SERVE_HELP: &str = "\
Open http://127.0.0.1:8080/ for the dashboard: a map and a timeline of the events, the articles
with their evidence highlighted. The API is under /api (described at /api/openapi.json). Reads are
open to anyone who can reach the address, which is the loopback unless --bind says otherwise;
POST /api/articles stores and codes articles and needs `Authorization: Bearer <token>` with the
token given by --token or OBSERVER_TOKEN (without one, writes are disabled).

Examples:
  observer serve --db news.db
  OBSERVER_TOKEN=$(openssl rand -hex 32) observer serve --bind 0.0.0.0:8080
  curl -H \"Authorization: Bearer $OBSERVER_TOKEN\" --data-binary @articles.jsonl \\
       http://127.0.0.1:8080/api/articles";

const EXTRACT_HELP: &str = "\
Reads like `ingest` (the input format is --input-format here, as --format picks the output).

Output formats:
  json   (default) a pretty JSON array of {article: {id, source, published, title, url}, events}
  jsonl  one event per line
  table  a table for reading in a terminal
  csv    one event per row, with a header

Examples:
  observer extract --published 2020-10-20 --source 'Example Wire' report.txt
  echo 'Rebels shelled the town on Tuesday, the army said.' | observer extract --format table -
  observer extract --format csv --input-format jsonl articles.jsonl > events.csv";

const EVENTS_HELP: &str = "\
Text filters (--actor, --place, --source) match case-insensitively anywhere in the name.
The output is a table when standard output is a terminal, JSON Lines otherwise.

Examples:
  observer events --since 2020-10-01 --until 2020-10-31 --type assault
  observer events --actor azerbaijan --format csv > azerbaijan.csv
  observer events --country ARM --limit 20
  observer events --article 3f2a9c1e0b7d4a55 --format json";

const EXPLAIN_HELP: &str = "\
Prints the event's fields, its article, the sentence(s) it came from with each field's span
marked, then every field with its evidence text and the rule or lexicon entry that produced it.

Examples:
  observer explain 3f2a9c1e0b7d4a55-0-0
  observer explain --format json 3f2a9c1e0b7d4a55-0-0 | jq .provenance";

const DEMO_HELP: &str = "\
The sample articles are built into the program. Without --db the database goes into a new
temporary directory that is kept afterwards (its path is printed); with --db the path must not
exist yet or be empty. OBSERVER_DB is ignored here, so the demo never touches your database.

Examples:
  observer demo
  observer demo --db /tmp/observer-demo.db";

const CLUSTERS_HELP: &str = "\
Mentions of one real-world event in many articles become one cluster: same type and compatible
mode, parties that do not conflict, places in the same admin1 area or within 50 km, dates that
overlap (a day-precise date may be one day off). Counts are mentions / articles / outlets;
claimants are counted by who they speak for (ten outlets quoting one ministry are one claimant).

Examples:
  observer clusters
  observer clusters --min-articles 2 --type assault
  observer clusters --format json | jq '.[0].provenance'";

const TRUCES_HELP: &str = "\
Truces come from ceasefire agreements (AGREE/CONCEDE), reports that they take effect, and
references to them. Violations are accusations of breaking them (ACCUSE in a sentence about the
truce) and attacks between the parties after they took effect. The first alleged breach is given
in hours after the effective time: stated (\"within hours\") or bounded from the dates.

Examples:
  observer truces
  observer truces --format json | jq '.[].violations'
  observer truces --format csv > truces.csv";

const CLAIMS_HELP: &str = "\
A claim is an event as its claimant tells it. Claims contradict when one claimant reports an
attack another denies, when one side claims gains and the other says it repulsed that side's
attacks, or when tolls of the same group and event (or, for running totals, the same day) do not
overlap.

Examples:
  observer claims
  observer claims --contradicting
  observer claims --contradicting --format csv > contradictions.csv";

const TIMELINE_HELP: &str = "\
Examples:
  observer timeline --party ARM --party AZE
  observer timeline --party 'Rapid Support Forces' --since 2023-07-01
  observer timeline --all --format csv > timeline.csv";

const EXPORT_HELP: &str = "\
One row or record per event cluster. gdelt: tab-separated GDELT 2.0 event table (61 columns,
with a header line); acled: ACLED CSV columns (31); plover: PLOVER JSON records, one per line;
jsonl: the clusters as Observer's JSON; csv: a cluster summary. Hypothetical, denied-only,
background and undated clusters are left out of gdelt, acled and plover.

Examples:
  observer export --format gdelt > events.tsv
  observer export --format acled --output acled.csv
  observer export --format plover | jq .event";

/// Where articles come from and the metadata to give them: shared by `ingest` and `extract`.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files, directories, or `-` for standard input
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Publication date; relative dates in the text ("on Tuesday") are anchored to it
    #[arg(long, value_name = "DATE", value_parser = parse_published_arg)]
    pub published: Option<NaiveDate>,

    /// Outlet that published the articles
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,

    /// URL of the article
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// Title of the article
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// How to read the inputs: by extension and content, or as text articles, JSON Lines, HTML
    /// pages, RSS/Atom feeds or WARC archives
    #[arg(long, alias = "input-format", value_enum, default_value_t = observer_ingest::Format::Auto)]
    pub format: observer_ingest::Format,

    /// Exit non-zero (4) when any input is skipped; the readable ones are still stored
    #[arg(long)]
    pub strict: bool,

    /// Code articles again even when their text and the extractor are unchanged
    #[arg(long)]
    pub recode: bool,

    /// Only store the articles, queued for `observer worker` to code (PostgreSQL only)
    #[arg(long)]
    pub enqueue: bool,

    /// Articles coded and saved per transaction
    #[arg(long, value_name = "N", default_value_t = 500,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub batch_size: u32,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// How to read the inputs (see `ingest --format`)
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = observer_ingest::Format::Auto)]
    pub input_format: observer_ingest::Format,

    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    pub format: OutputFormat,
}

#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Only events on or after this date
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub since: Option<NaiveDate>,

    /// Only events on or before this date
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub until: Option<NaiveDate>,

    /// Only events whose source, target or claimant name contains this text
    #[arg(long, value_name = "TEXT")]
    pub actor: Option<String>,

    /// Only events involving this country (ISO 3166-1 alpha-3, e.g. UKR)
    #[arg(long, value_name = "ISO3", value_parser = parse_country)]
    pub country: Option<String>,

    /// Only events of this PLOVER type
    #[arg(long = "type", value_name = "PLOVER", ignore_case = true)]
    pub event_type: Option<PloverType>,

    /// Only events whose place name contains this text
    #[arg(long, value_name = "TEXT")]
    pub place: Option<String>,

    /// Only events from articles of this outlet (contains, case-insensitive)
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,

    /// Only events of this article id
    #[arg(long, value_name = "ID")]
    pub article: Option<String>,

    /// At most this many events
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// Output format [default: table on a terminal, else jsonl]
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub bind: std::net::SocketAddr,

    /// Bearer token that writes (POST /api/articles) need; without one writes are disabled
    #[arg(
        long,
        env = "OBSERVER_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,

    /// Largest request body accepted, in bytes
    #[arg(long, value_name = "BYTES", default_value_t = observer_server::DEFAULT_MAX_BODY)]
    pub max_body: usize,

    /// Seconds a request may take before it is answered 408
    #[arg(long, value_name = "SECONDS", default_value_t = observer_server::DEFAULT_TIMEOUT.as_secs())]
    pub timeout: u64,

    /// Origin allowed to read the API from its own pages (CORS); repeatable. None by default
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origins: Vec<String>,

    /// Database connections kept for concurrent requests
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub connections: u32,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The event's id, as printed by `events` or `demo`
    #[arg(value_name = "EVENT_ID")]
    pub event_id: String,

    /// Output format
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
}

#[derive(Debug, Args)]
pub struct ClustersArgs {
    /// Only clusters reported by at least this many articles
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_articles: usize,

    /// Only clusters of this PLOVER type
    #[arg(long = "type", value_name = "PLOVER", ignore_case = true)]
    pub event_type: Option<PloverType>,

    /// Output format [default: table on a terminal, else jsonl]
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
}

#[derive(Debug, Args)]
pub struct TrucesArgs {
    /// Output format [default: table on a terminal, else jsonl]
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Only pairs of claims that contradict each other, side by side
    #[arg(long)]
    pub contradicting: bool,

    /// Output format [default: table on a terminal, else jsonl]
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// A party that must be involved (ISO3 code of a state, or a group's name); repeat for a pair
    #[arg(long, value_name = "PARTY")]
    pub party: Vec<String>,

    /// Only entries on or after this date
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub since: Option<NaiveDate>,

    /// Only entries on or before this date
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub until: Option<NaiveDate>,

    /// Also show hypothetical and background events
    #[arg(long)]
    pub all: bool,

    /// Output format [default: table on a terminal, else jsonl]
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Export format
    #[arg(long, value_enum)]
    pub format: observer_ledger::export::Format,

    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
    Jsonl,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    Text,
    Json,
}

/// A PLOVER event type as a command-line value, so that clap lists the 16 types on a bad value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PloverType(pub EventType);

impl ValueEnum for PloverType {
    fn value_variants<'a>() -> &'a [Self] {
        const VARIANTS: [PloverType; 16] = {
            let mut variants = [PloverType(EventType::Accuse); 16];
            let mut i = 0;
            while i < 16 {
                variants[i] = PloverType(EventType::ALL[i]);
                i += 1;
            }
            variants
        };
        &VARIANTS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.as_str()))
    }
}

fn parse_date_arg(value: &str) -> Result<NaiveDate, String> {
    observer_ingest::parse_date(value).ok_or_else(|| {
        "not a date; use e.g. 2020-10-20, 2020-10-20T08:30:00Z or \"October 20, 2020\"".to_string()
    })
}

/// A publication date: a date, and not in the future.
fn parse_published_arg(value: &str) -> Result<NaiveDate, String> {
    let date = parse_date_arg(value)?;
    if date > observer_ingest::latest_publication_date() {
        return Err(format!("{date} is in the future"));
    }
    Ok(date)
}

fn parse_country(value: &str) -> Result<String, String> {
    let code = value.trim();
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(code.to_ascii_uppercase())
    } else {
        Err("not an ISO 3166-1 alpha-3 country code (three letters, e.g. UKR)".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn plover_values_cover_every_event_type() {
        let names: Vec<_> = PloverType::value_variants()
            .iter()
            .map(|t| t.0.as_str())
            .collect();
        let all: Vec<_> = EventType::ALL.iter().map(|t| t.as_str()).collect();
        assert_eq!(names, all);
        assert_eq!(
            PloverType::from_str("assault", true),
            Ok(PloverType(EventType::Assault))
        );
    }
}

const EVAL_HELP: &str = "\
GOLD_DIR holds articles NAME.txt (with front matter) and their annotations NAME.gold.json (format
in tests/gold/README.md). Gold and coded events are paired within a sentence by event type; the
report gives precision, recall and F1 per field, accuracy on the paired events, the spurious
events per true event, and the misses with their sentences.

Examples:
  observer eval tests/gold
  observer eval tests/gold --misses 0          # the table only
  observer eval tests/gold --format json > scores.json
  observer eval ../shared/dev/petr2_gsr.jsonl  # a sentence-level dev set (types and dyads only)";

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Directory of NAME.txt articles with NAME.gold.json annotations, or a dev-set .jsonl file
    pub gold_dir: PathBuf,

    /// How many misses to list after the table
    #[arg(long, default_value_t = 40)]
    pub misses: usize,

    /// Output format
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    Table,
    Json,
}

const GEN_CORPUS_HELP: &str = "\
Articles read like wire copy about wars and the news around them: fighting, tolls with bounds,
claims and denials, quotes, diplomacy, background and everyday filler, about 4 kB each. The same
--seed gives the same bytes; article N is the same whatever --articles says.

Examples:
  observer gen-corpus --articles 20000 --seed 1 > corpus.jsonl
  observer gen-corpus --articles 100 | observer extract --format table -";

#[derive(Debug, Args)]
pub struct GenCorpusArgs {
    /// How many articles to write
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub articles: u64,

    /// Seed of the random generator
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
}

const BENCH_HELP: &str = "\
Prints, on 1 thread and on --threads: seconds, MB of article text per second and articles per
second for segmentation and tokens, extraction, storage into a new SQLite database, and end to end
(reading the input, coding, storing, as `ingest` does); the time of each annotation layer; the
start-up time (building the extractor) and the peak resident memory. Temporary databases are
deleted afterwards. Figures vary with the machine and its load: they are measured, not asserted.

Examples:
  observer bench                                  # on 2,000 generated articles
  observer bench --generate 20000 --threads 2
  observer bench corpus.jsonl                     # any input ingest reads, e.g. examples/";

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Files or directories to measure on [default: a generated corpus]
    #[arg(value_name = "PATH", conflicts_with = "generate")]
    pub paths: Vec<PathBuf>,

    /// Measure on N generated articles (2,000 when no PATH is given)
    #[arg(long, value_name = "N")]
    pub generate: Option<u64>,

    /// Seed of the generated corpus
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,

    /// Threads for the parallel figures [default: the number of cores]
    #[arg(long, value_name = "T", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// Articles coded and saved per transaction, as for ingest
    #[arg(long, value_name = "N", default_value_t = 500,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub batch_size: u32,
}

const WATCH_HELP: &str = "\
Each poll asks every feed (RSS 2.0, RSS 1.0 or Atom) conditionally, with the ETag and
Last-Modified of the previous answer. Each item not handled before becomes one article: the
feed's full text when it carries one, else the linked page (its main text, as `ingest` reads
HTML), else, when the page cannot be fetched, the item's summary, marked text_from: feed summary.
Requests name Observer in their User-Agent, wait --host-delay between two requests to one host,
give up after --timeout and retry failures (network, 429, 5xx) with doubling backoff. What was
handled is kept in the database, so a restarted watch codes nothing twice.

Examples:
  observer watch https://news.example/world/rss.xml https://wire.example/atom
  observer watch --every 30m --db news.db https://news.example/rss
  observer watch --once https://news.example/rss     # one poll, e.g. from cron";

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Feed URLs (http:// or https://)
    #[arg(value_name = "FEED_URL", required = true)]
    pub feeds: Vec<String>,

    /// Time between the starts of two polls (e.g. 90s, 10m, 1h)
    #[arg(long, value_name = "DURATION", default_value = "10m")]
    pub every: humantime::Duration,

    /// Poll once and exit
    #[arg(long)]
    pub once: bool,

    /// Longest wait for one whole response
    #[arg(long, value_name = "DURATION", default_value = "30s")]
    pub timeout: humantime::Duration,

    /// Least time between two requests to the same host
    #[arg(long, value_name = "DURATION", default_value = "2s")]
    pub host_delay: humantime::Duration,

    /// Further attempts after a failed request
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub retries: u32,

    /// Wait before the first retry, doubled before each further one
    #[arg(long, value_name = "DURATION", default_value = "5s")]
    pub backoff: humantime::Duration,
}

const WORKER_HELP: &str = "\
Claims a batch of queued articles (`ingest --enqueue`), codes it on all cores and commits the
events, in one transaction per batch. Start any number of workers, on any number of machines, on
the same database: each article is coded once; the batch of a worker that dies returns to the
queue. The first SIGINT or SIGTERM lets the batch in hand finish; a second one exits at once.

Examples:
  observer ingest --db postgres://observer@db/news --enqueue 2024-05.jsonl.gz
  observer worker --db postgres://observer@db/news --drain
  OBSERVER_DB=postgres://observer@db/news observer worker --batch-size 200";

#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// Articles claimed, coded and committed per transaction
    #[arg(long, value_name = "N", default_value_t = 100,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub batch_size: u32,

    /// Exit once no article is queued, instead of waiting for more
    #[arg(long)]
    pub drain: bool,
}
