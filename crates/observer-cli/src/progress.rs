//! The ingest progress display: a bar over input files with an ETA when their number is known up
//! front, a spinner otherwise; both show articles per second. Only drawn on a terminal.

use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use observer_ingest::Origin;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub struct Progress {
    bar: Option<ProgressBar>,
    articles: Arc<AtomicU64>,
    current_file: Option<String>,
}

impl Progress {
    /// A display for reading `inputs`; hidden when `quiet` or when stderr is not a terminal.
    pub fn new(inputs: &[PathBuf], quiet: bool) -> Progress {
        let articles = Arc::new(AtomicU64::new(0));
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| draw(inputs, &articles));
        Progress {
            bar,
            articles,
            current_file: None,
        }
    }

    /// Counts one record (read or skipped) from `origin`.
    pub fn record(&mut self, origin: &Origin) {
        let Some(bar) = &self.bar else { return };
        self.articles.fetch_add(1, Ordering::Relaxed);
        if self.current_file.as_deref() != Some(origin.file.as_str()) {
            if self.current_file.is_some() {
                bar.inc(1);
            }
            self.current_file = Some(origin.file.clone());
        }
        bar.tick();
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn draw(inputs: &[PathBuf], articles: &Arc<AtomicU64>) -> ProgressBar {
    let rate_source = Arc::clone(articles);
    let articles_source = Arc::clone(articles);
    let with_keys = |style: ProgressStyle| {
        style
            .with_key(
                "articles",
                move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{}", articles_source.load(Ordering::Relaxed));
                },
            )
            .with_key(
                "rate",
                move |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let seconds = state.elapsed().as_secs_f64();
                    let count = rate_source.load(Ordering::Relaxed) as f64;
                    let rate = if seconds > 0.0 { count / seconds } else { 0.0 };
                    let _ = write!(w, "{rate:.0}/s");
                },
            )
    };
    let bar = match countable_files(inputs) {
        Some(files) if files > 1 => {
            let style = ProgressStyle::with_template(
                "{bar:30} {pos}/{len} files · {articles} articles · {rate} · ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            ProgressBar::new(files).with_style(with_keys(style))
        }
        _ => {
            let style =
                ProgressStyle::with_template("{spinner} {articles} articles · {rate} · {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner());
            ProgressBar::new_spinner().with_style(with_keys(style))
        }
    };
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// How many files the inputs hold, or `None` when one of them is a stream.
fn countable_files(inputs: &[PathBuf]) -> Option<u64> {
    let mut total = 0;
    for input in inputs {
        if input == Path::new("-") {
            return None;
        }
        total += walkdir::WalkDir::new(input)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_file())
            .count() as u64;
    }
    Some(total)
}
