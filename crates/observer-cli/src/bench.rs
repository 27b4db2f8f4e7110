//! `observer bench`: measures throughput (MB of article text per second, articles per second) for
//! each stage — segmentation and tokens, extraction, each annotation layer, storage, and the whole
//! road from JSON Lines to a stored SQLite database — on 1 thread and on several, with start-up
//! time and peak resident memory. Figures are printed, never asserted.

use crate::Status;
use crate::cli::BenchArgs;
use crate::pipeline::Pipeline;
use crate::report::{Diagnostics, thousands};
use crate::setup::{Globals, open_store, stdout};
use anyhow::{Context, Result, bail};
use observer_coder::code_all;
use observer_extract::{Extractor, Layer, LayerTimes};
use observer_ingest::{Format, Metadata, Record};
use observer_store::Coded;
use rayon::prelude::*;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Articles generated when no input is given.
const DEFAULT_GENERATED: u64 = 2_000;

/// The least CPU time a per-CPU rate is given for.
const MIN_CPU_FOR_RATE: Duration = Duration::from_millis(100);

pub fn run(globals: &Globals, args: BenchArgs) -> Result<Status> {
    let started = Instant::now();
    let extractor = globals.extractor()?;
    let startup = started.elapsed();
    let rss_after_startup = process::current_kib();

    let workdir = tempfile::Builder::new()
        .prefix("observer-bench-")
        .tempdir()
        .context("creating a temporary directory for the benchmark databases")?;
    let input = Input::load(&args, workdir.path())?;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let threads = args.threads.map_or(cores, usize::from);

    let mut out = stdout();
    writeln!(
        out,
        "input      {}: {} articles, {:.1} MB of article text",
        input.label,
        thousands(input.articles()),
        megabytes(input.bytes)
    )?;
    writeln!(out, "machine    {cores} cores, {}", cpu_model())?;
    writeln!(
        out,
        "start-up   {:.3} s to build the extractor (lexicons, gazetteer, automata); {} resident after it",
        startup.as_secs_f64(),
        process::describe(rss_after_startup)
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<30} {:>7} {:>9} {:>9} {:>9} {:>11} {:>9}",
        "stage", "threads", "seconds", "cpu s", "MB/s", "articles/s", "MB/cpu-s"
    )?;
    out.flush()?;

    let mut layers = None;
    let mut peaks = Vec::new();
    let mut runs = vec![1];
    if threads > 1 {
        runs.push(threads);
    }
    for threads in runs {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .context("starting the thread pool")?;
        let row = |out: &mut Box<dyn Write>, stage: &str, took: Took| {
            write_row(out, stage, threads, took, &input)
        };

        let clock = Clock::start();
        pool.install(|| std::hint::black_box(segment(&input.records)));
        row(&mut out, "segmentation + tokens", clock.stop())?;

        let db = workdir.path().join(format!("stored-{threads}.db"));
        let coded = pool.install(|| extract_and_store(&extractor, &input.records, &db, &args))?;
        row(&mut out, "extraction", coded.extraction)?;
        row(&mut out, "storage (SQLite)", coded.storage)?;

        if threads == 1 {
            layers = Some(time_layers(&extractor, &input.records));
        }

        process::reset_peak();
        let before = process::current_kib();
        let db = workdir.path().join(format!("end-to-end-{threads}.db"));
        let clock = Clock::start();
        pool.install(|| end_to_end(&extractor, &input.paths, &db, &args))?;
        row(&mut out, "end to end (input -> SQLite)", clock.stop())?;
        peaks.push((threads, before, process::peak_kib(), coded.events));
        out.flush()?;
    }

    if let Some((times, untimed)) = layers {
        write_layers(&mut out, &times, untimed, &input)?;
    }
    writeln!(out)?;
    for (threads, before, peak, events) in peaks {
        writeln!(
            out,
            "end to end, {threads} thread{}: peak resident {} ({} before it: the extractor and the input \
             held for the other stages); {} events",
            if threads == 1 { "" } else { "s" },
            process::describe(peak),
            process::describe(before),
            thousands(events)
        )?;
    }
    out.flush()?;
    Ok(Status::Success)
}

/// The articles measured on, in memory, and the files they came from (read again end to end).
struct Input {
    records: Vec<Record>,
    paths: Vec<PathBuf>,
    /// Bytes of article text.
    bytes: u64,
    label: String,
}

impl Input {
    fn load(args: &BenchArgs, workdir: &Path) -> Result<Input> {
        let (paths, label) = if args.paths.is_empty() {
            let articles = args.generate.unwrap_or(DEFAULT_GENERATED);
            let path = workdir.join("generated.jsonl");
            let file = std::fs::File::create(&path)
                .with_context(|| format!("creating {}", path.display()))?;
            let mut writer = BufWriter::new(file);
            observer_bench::write_jsonl(&mut writer, articles, args.seed)
                .and_then(|()| writer.flush())
                .with_context(|| format!("writing the generated corpus to {}", path.display()))?;
            (vec![path], format!("generated corpus (seed {})", args.seed))
        } else {
            if args.paths.iter().any(|p| p.as_os_str() == "-") {
                bail!("bench reads its input more than once: give files or directories, not -");
            }
            let label = args
                .paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" ");
            (args.paths.clone(), label)
        };
        let mut records = Vec::new();
        let mut skipped = 0u64;
        for item in observer_ingest::read_inputs(&paths, &Metadata::default(), Format::Auto) {
            match item {
                Ok(record) => records.push(record),
                Err(_) => skipped += 1,
            }
        }
        if records.is_empty() {
            bail!("no article could be read from {label}");
        }
        let label = if skipped > 0 {
            format!("{label} ({} records skipped)", thousands(skipped))
        } else {
            label
        };
        let bytes = records.iter().map(|r| r.article.text.len() as u64).sum();
        Ok(Input {
            records,
            paths,
            bytes,
            label,
        })
    }

    fn articles(&self) -> u64 {
        self.records.len() as u64
    }
}

/// Wall-clock and CPU time (of every thread of the process) of a stage. CPU time shows whether
/// the threads had the cores to themselves: on a busy machine wall time grows, CPU time less so.
#[derive(Debug, Clone, Copy, Default)]
struct Took {
    wall: Duration,
    cpu: Option<Duration>,
}

impl Took {
    fn add(&mut self, other: Took) {
        self.wall += other.wall;
        self.cpu = self.cpu.zip(other.cpu).map(|(a, b)| a + b);
    }
}

/// A running measurement of a [`Took`].
struct Clock {
    wall: Instant,
    cpu: Option<Duration>,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: process::cpu_time(),
        }
    }

    fn stop(&self) -> Took {
        Took {
            wall: self.wall.elapsed(),
            cpu: process::cpu_time()
                .zip(self.cpu)
                .map(|(end, start)| end.saturating_sub(start)),
        }
    }
}

/// Splits every article into sentences and tokens; returns the number of tokens.
fn segment(records: &[Record]) -> usize {
    records
        .par_iter()
        .map(|record| {
            let text = record.article.text.as_str();
            observer_text::sentences(text)
                .iter()
                .map(|s| observer_text::tokens(text, s.start, s.end).len())
                .sum::<usize>()
        })
        .sum()
}

/// Time spent coding and storing, measured apart.
struct CodedRun {
    extraction: Took,
    storage: Took,
    events: u64,
}

/// Codes the articles in batches on the current thread pool, as `ingest` does, and saves each
/// batch into a new database at `db`, timing the two apart.
fn extract_and_store(
    extractor: &Extractor,
    records: &[Record],
    db: &Path,
    args: &BenchArgs,
) -> Result<CodedRun> {
    let mut store = open_store(&db.to_string_lossy())?;
    let mut run = CodedRun {
        extraction: Took {
            cpu: Some(Duration::ZERO),
            ..Took::default()
        },
        storage: Took {
            cpu: Some(Duration::ZERO),
            ..Took::default()
        },
        events: 0,
    };
    // As `ingest` does: a new database builds its read-only indexes once, at the end.
    let clock = Clock::start();
    store.begin_bulk_load()?;
    run.storage.add(clock.stop());
    for chunk in records.chunks(args.batch_size as usize) {
        let batch = chunk.to_vec();
        let clock = Clock::start();
        let results = code_all(extractor, batch);
        run.extraction.add(clock.stop());
        let coded: Vec<Coded> = results
            .into_iter()
            .filter_map(Result::ok)
            .map(|(record, extraction)| Coded {
                article: record.article,
                events: extraction.events,
                extractor_version: observer_extract::VERSION.to_string(),
            })
            .collect();
        run.events += coded.iter().map(|c| c.events.len() as u64).sum::<u64>();
        let clock = Clock::start();
        store
            .save_batch(&coded)
            .with_context(|| format!("saving {} coded articles", coded.len()))?;
        run.storage.add(clock.stop());
    }
    let clock = Clock::start();
    store.end_bulk_load()?;
    run.storage.add(clock.stop());
    Ok(run)
}

/// The time of each layer over every article on one thread, and the untimed total for comparison.
fn time_layers(extractor: &Extractor, records: &[Record]) -> (LayerTimes, Duration) {
    let mut times = LayerTimes::default();
    let start = Instant::now();
    for record in records {
        std::hint::black_box(extractor.extract_timed(&record.article, &mut times));
    }
    (times, start.elapsed())
}

/// What `observer ingest` does: read the inputs, code them, store them in a new database.
fn end_to_end(extractor: &Extractor, paths: &[PathBuf], db: &Path, args: &BenchArgs) -> Result<()> {
    let mut store = open_store(&db.to_string_lossy())?;
    let mut diagnostics = Diagnostics::default();
    let mut pipeline = Pipeline::new(store.as_mut(), extractor, false, args.batch_size as usize);
    observer_ingest::read_inputs(paths, &Metadata::default(), Format::Auto).read_ahead(
        args.batch_size as usize,
        |item| match item {
            Ok(record) => pipeline.add(record, &mut diagnostics),
            Err(_) => Ok(()),
        },
    )?;
    pipeline.finish(&mut diagnostics)?;
    Ok(())
}

fn write_row(
    out: &mut dyn Write,
    stage: &str,
    threads: usize,
    took: Took,
    input: &Input,
) -> std::io::Result<()> {
    let seconds = took.wall.as_secs_f64().max(1e-9);
    // /proc counts CPU time in hundredths of a second: too coarse for a rate below a tenth.
    let (cpu, per_cpu) = match took.cpu.filter(|cpu| *cpu >= MIN_CPU_FOR_RATE) {
        Some(cpu) => (
            format!("{:.3}", cpu.as_secs_f64()),
            format!(
                "{:.1}",
                megabytes(input.bytes) / cpu.as_secs_f64().max(1e-9)
            ),
        ),
        None => ("-".to_string(), "-".to_string()),
    };
    writeln!(
        out,
        "{stage:<30} {threads:>7} {seconds:>9.3} {cpu:>9} {:>9.1} {:>11} {per_cpu:>9}",
        megabytes(input.bytes) / seconds,
        thousands((input.articles() as f64 / seconds).round() as u64)
    )
}

fn write_layers(
    out: &mut dyn Write,
    times: &LayerTimes,
    untimed: Duration,
    input: &Input,
) -> std::io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "extraction by layer, 1 thread ({:.3} s in the layers, {:.3} s for the timed pass in all):",
        times.total().as_secs_f64(),
        untimed.as_secs_f64()
    )?;
    writeln!(
        out,
        "{:<30} {:>7} {:>9} {:>9}",
        "layer", "share", "seconds", "MB/s"
    )?;
    let total = times.total().as_secs_f64().max(1e-9);
    for layer in Layer::ALL {
        let seconds = times.get(layer).as_secs_f64();
        writeln!(
            out,
            "{:<30} {:>6.1}% {seconds:>9.3} {:>9.1}",
            layer.name(),
            100.0 * seconds / total,
            megabytes(input.bytes) / seconds.max(1e-9)
        )?;
    }
    Ok(())
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

/// The processor's model name, from /proc/cpuinfo.
fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, model)| model.trim().to_string())
        })
        .unwrap_or_else(|| "unknown processor".to_string())
}

mod process {
    //! Resident memory and CPU time of this process, from /proc/self (Linux; elsewhere unknown).

    use std::time::Duration;

    /// Clock ticks per second of /proc/self/stat: USER_HZ, 100 on every Linux platform.
    const TICKS_PER_SECOND: u64 = 100;

    /// User and system CPU time of every thread of the process so far.
    pub fn cpu_time() -> Option<Duration> {
        let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
        parse_stat_ticks(&stat).map(|ticks| Duration::from_millis(ticks * 1000 / TICKS_PER_SECOND))
    }

    /// utime + stime from /proc/PID/stat text: fields 14 and 15, counted after the command name
    /// in parentheses (which may hold spaces).
    pub(super) fn parse_stat_ticks(stat: &str) -> Option<u64> {
        let (_, after_name) = stat.rsplit_once(')')?;
        let mut fields = after_name.split_whitespace().skip(11);
        let user: u64 = fields.next()?.parse().ok()?;
        let system: u64 = fields.next()?.parse().ok()?;
        Some(user + system)
    }

    /// VmRSS, in KiB.
    pub fn current_kib() -> Option<u64> {
        status_kib("VmRSS")
    }

    /// VmHWM, the peak resident set since start or since [`reset_peak`], in KiB.
    pub fn peak_kib() -> Option<u64> {
        status_kib("VmHWM")
    }

    /// Starts a new peak (Linux 4.0 and later); without it the peak is the process's.
    pub fn reset_peak() {
        // Best effort: where this fails the peak reported is the process's.
        let _ = std::fs::write("/proc/self/clear_refs", "5");
    }

    pub fn describe(kib: Option<u64>) -> String {
        kib.map_or_else(
            || "unknown".to_string(),
            |kib| format!("{:.0} MB", kib as f64 * 1024.0 / 1_000_000.0),
        )
    }

    fn status_kib(field: &str) -> Option<u64> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        parse_status(&status, field)
    }

    /// The value of `field` in /proc/PID/status text ("VmHWM:\t  123456 kB").
    pub(super) fn parse_status(status: &str, field: &str) -> Option<u64> {
        status
            .lines()
            .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_memory_fields_of_proc_status() {
        let status = "Name:\tobserver\nVmHWM:\t  123456 kB\nVmRSS:\t   98765 kB\n";
        assert_eq!(process::parse_status(status, "VmHWM"), Some(123_456));
        assert_eq!(process::parse_status(status, "VmRSS"), Some(98_765));
        assert_eq!(process::parse_status(status, "VmSwap"), None);
        assert_eq!(process::describe(Some(1_000_000)), "1024 MB");
        assert_eq!(process::describe(None), "unknown");
    }

    #[test]
    fn reads_cpu_ticks_of_proc_stat() {
        let stat = "4242 (observer (x)) R 1 4242 4242 0 -1 4194304 2000 0 0 0 731 42 0 0 20 0 3 0";
        assert_eq!(process::parse_stat_ticks(stat), Some(773));
        assert_eq!(process::parse_stat_ticks("garbage"), None);
        assert!(process::cpu_time().is_some());
    }

    #[test]
    fn rows_give_rates_per_second() {
        let input = Input {
            records: Vec::new(),
            paths: Vec::new(),
            bytes: 10_000_000,
            label: String::new(),
        };
        let mut out = Vec::new();
        let took = Took {
            wall: Duration::from_secs(2),
            cpu: Some(Duration::from_secs(4)),
        };
        write_row(&mut out, "extraction", 2, took, &input).unwrap();
        let line = String::from_utf8(out).unwrap();
        let columns: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            columns,
            ["extraction", "2", "2.000", "4.000", "5.0", "0", "2.5"]
        );
        let too_short = Took {
            wall: Duration::from_millis(30),
            cpu: Some(Duration::from_millis(20)),
        };
        let mut out = Vec::new();
        write_row(&mut out, "storage", 1, too_short, &input).unwrap();
        let line = String::from_utf8(out).unwrap();
        let columns: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(columns[3], "-", "{line}");
        assert_eq!(columns[6], "-", "{line}");
    }
}
