//! A deterministic synthetic corpus of news-like articles for Observer's benchmarks.
//!
//! Throughput is only meaningful on work like the real one, so the articles read like wire copy:
//! sentences of realistic length about fighting, tolls, claims and denials, quotes, diplomacy and
//! background, mixed with the everyday news (economy, sport, weather) that surrounds them; many
//! actors (states, demonyms, forces, titled officials, armed groups, international bodies), places
//! (known towns and unknown villages), numbers with bounds, and relative dates. The same seed gives
//! the same bytes, and article `i` does not depend on how many articles are generated.
//!
//! ```
//! let mut out = Vec::new();
//! observer_bench::write_jsonl(&mut out, 3, 42).unwrap();
//! assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 3);
//! ```

mod generator;
mod templates;
mod vocab;

pub use generator::{GeneratedArticle, Generator};

use std::io::{self, Write};

/// Writes `articles` generated articles as JSON Lines (id, url, source, published, title, text).
pub fn write_jsonl(out: &mut impl Write, articles: u64, seed: u64) -> io::Result<()> {
    for article in Generator::new(seed).articles(articles) {
        serde_json::to_writer(&mut *out, &article)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
