//! What a run tells the user on stderr: warnings (each distinct one once, with a count),
//! skipped inputs, and the closing summary lines.

use observer_ingest::{Origin, Skip};
use std::collections::HashMap;
use std::io::{self, Write};

/// How many skipped inputs are listed one per line before "and N more".
const MAX_LISTED_SKIPS: usize = 20;

/// Warnings and skips collected over one run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    /// Distinct warnings in the order first seen.
    warnings: Vec<Warning>,
    warning_index: HashMap<String, usize>,
    skips: Vec<Skip>,
}

#[derive(Debug)]
struct Warning {
    message: String,
    count: u64,
    /// Where it first came up, when it is about one input.
    first_seen: Option<String>,
}

impl Diagnostics {
    /// Records a warning, with the input it is about (the first such place is reported).
    pub fn warn(&mut self, message: &str, origin: Option<&Origin>) {
        match self.warning_index.get(message) {
            Some(&i) => self.warnings[i].count += 1,
            None => {
                self.warning_index
                    .insert(message.to_string(), self.warnings.len());
                self.warnings.push(Warning {
                    message: message.to_string(),
                    count: 1,
                    first_seen: origin.map(ToString::to_string),
                });
            }
        }
    }

    pub fn skip(&mut self, skip: Skip) {
        self.skips.push(skip);
    }

    pub fn skips(&self) -> &[Skip] {
        &self.skips
    }

    /// Writes each distinct warning once, with where and how often it came up.
    pub fn write_warnings(&self, out: &mut dyn Write) -> io::Result<()> {
        for warning in &self.warnings {
            let mut details = Vec::new();
            if warning.count > 1 {
                details.push(format!("{} times", thousands(warning.count)));
            }
            if let Some(origin) = &warning.first_seen {
                let at = if warning.count > 1 { "first at" } else { "at" };
                details.push(format!("{at} {origin}"));
            }
            if details.is_empty() {
                writeln!(out, "warning: {}", warning.message)?;
            } else {
                writeln!(out, "warning: {} ({})", warning.message, details.join("; "))?;
            }
        }
        Ok(())
    }

    /// Writes the skipped inputs, one `  file:line reason` line each, capped.
    pub fn write_skips(&self, out: &mut dyn Write) -> io::Result<()> {
        for skip in self.skips.iter().take(MAX_LISTED_SKIPS) {
            writeln!(out, "  {skip}")?;
        }
        if self.skips.len() > MAX_LISTED_SKIPS {
            let more = (self.skips.len() - MAX_LISTED_SKIPS) as u64;
            writeln!(out, "  and {} more", thousands(more))?;
        }
        Ok(())
    }

    /// `; skipped N:` to end a summary line, or nothing when nothing was skipped.
    pub fn skipped_suffix(&self) -> String {
        if self.skips.is_empty() {
            String::new()
        } else {
            format!("; skipped {}:", thousands(self.skips.len() as u64))
        }
    }
}

/// Writes to stderr, ignoring failure: there is nowhere left to report it.
pub fn to_stderr(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) {
    let stderr = io::stderr();
    let mut lock = stderr.lock();
    let _ = write(&mut lock);
}

/// `count` with its noun: "1 article", "9,998 articles".
pub fn counted(count: u64, noun: &str) -> String {
    let plural = if count == 1 { "" } else { "s" };
    format!("{} {noun}{plural}", thousands(count))
}

/// 9998 → "9,998".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(9_998), "9,998");
        assert_eq!(thousands(41_022), "41,022");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(counted(1, "article"), "1 article");
        assert_eq!(counted(41_022, "event"), "41,022 events");
    }

    #[test]
    fn repeated_warnings_are_written_once_with_a_count() {
        let mut diagnostics = Diagnostics::default();
        diagnostics.warn("no publication date", None);
        diagnostics.warn("bad date dropped", Some(&Origin::line("a.jsonl", 3)));
        diagnostics.warn("no publication date", None);
        diagnostics.warn("bad date dropped", Some(&Origin::line("a.jsonl", 9)));
        diagnostics.warn("odd title", Some(&Origin::file("b.txt")));
        let mut out = Vec::new();
        diagnostics.write_warnings(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "warning: no publication date (2 times)\n\
             warning: bad date dropped (2 times; first at a.jsonl:3)\n\
             warning: odd title (at b.txt)\n"
        );
    }

    #[test]
    fn long_skip_lists_are_capped() {
        let mut diagnostics = Diagnostics::default();
        for line in 1..=25 {
            diagnostics.skip(Skip::new(Origin::line("a.jsonl", line), "invalid JSON"));
        }
        let mut out = Vec::new();
        diagnostics.write_skips(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("  a.jsonl:1 invalid JSON\n"));
        assert_eq!(text.lines().count(), MAX_LISTED_SKIPS + 1);
        assert!(text.ends_with("  and 5 more\n"));
        assert_eq!(diagnostics.skipped_suffix(), "; skipped 25:");
    }
}
