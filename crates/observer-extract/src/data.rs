//! The data files the engine runs on: embedded in the binary, each replaceable by a file of the
//! same relative name under a `--data-dir`, so analysts can extend lexicons without recompiling.
//!
//! Files are tab-separated with a header line; lines starting with `#` and blank lines are skipped.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// A data file that cannot be read or does not say what the engine needs.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../data/", $name)))),*]
    };
}

/// Every data file the engine reads, by its path relative to `data/`.
pub const FILES: &[(&str, &str)] = embedded![
    "lexicon/triggers.tsv",
    "lexicon/speech.tsv",
    "lexicon/cues.tsv",
    "lexicon/roles.tsv",
    "lexicon/titles.tsv",
    "lexicon/organizations.tsv",
    "lexicon/people.tsv",
    "lexicon/quantities.tsv",
    "lexicon/casualties.tsv",
    "lexicon/event_nouns.tsv",
    "lexicon/words.tsv",
    "countries/countries.tsv",
    "countries/aliases.tsv",
    "gazetteer/cities.tsv",
    "gazetteer/admin1.tsv",
    "gazetteer/aliases.tsv",
];

/// Where data files are read from: an override directory first, the embedded copy otherwise
/// (`DataSource::default()` reads only the embedded copy).
#[derive(Debug, Clone, Default)]
pub struct DataSource {
    dir: Option<PathBuf>,
}

impl DataSource {
    pub fn with_dir(dir: &Path) -> Result<Self, DataError> {
        if !dir.is_dir() {
            return Err(DataError::Invalid {
                path: dir.display().to_string(),
                message: "not a directory".into(),
            });
        }
        Ok(DataSource {
            dir: Some(dir.to_path_buf()),
        })
    }

    /// Whether a file of the override directory replaces one of the embedded files.
    pub fn replaces_any(&self) -> bool {
        self.dir
            .as_ref()
            .is_some_and(|dir| FILES.iter().any(|(name, _)| dir.join(name).exists()))
    }

    /// Reads the named file and parses it as a table.
    pub fn table(&self, name: &str) -> Result<Table, DataError> {
        let (origin, text) = self.read(name)?;
        Table::parse(&origin, text)
    }

    /// Reads the named file and hands it to `each` in parts of at most `rows` rows, in order (see
    /// [`Table::parse_in_parts`]), so that a large file can be used while the rest of it is still
    /// being parsed. Stops early when `each` returns false.
    pub fn table_in_parts(
        &self,
        name: &str,
        rows: usize,
        each: impl FnMut(Table) -> bool,
    ) -> Result<(), DataError> {
        let (origin, text) = self.read(name)?;
        Table::parse_in_parts(&origin, text, rows, each)
    }

    fn read(&self, name: &str) -> Result<(String, Cow<'static, str>), DataError> {
        if let Some(dir) = &self.dir {
            let path = dir.join(name);
            if path.exists() {
                let origin = path.display().to_string();
                return std::fs::read_to_string(&path)
                    .map(|text| (origin.clone(), Cow::Owned(text)))
                    .map_err(|source| DataError::Io {
                        path: origin,
                        source,
                    });
            }
        }
        FILES
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(file, text)| (format!("data/{file} (embedded)"), Cow::Borrowed(*text)))
            .ok_or_else(|| DataError::Invalid {
                path: name.into(),
                message: "unknown data file".into(),
            })
    }
}

/// A parsed data file: its header and rows, each row with its line number for error messages.
#[derive(Debug)]
pub struct Table {
    pub origin: String,
    header: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug)]
pub struct Row {
    pub line: usize,
    /// Borrowed from the embedded data, owned when read from a file.
    cells: Vec<Cow<'static, str>>,
}

impl Table {
    pub fn parse(origin: &str, text: Cow<'static, str>) -> Result<Table, DataError> {
        let mut whole = None;
        Table::parse_in_parts(origin, text, usize::MAX, |table| {
            whole = Some(table);
            false
        })?;
        Ok(whole.expect("a table has at least one part"))
    }

    /// Parses `text` into tables of at most `rows` rows each, handed to `each` in order until it
    /// returns false: at least one table, every one with the file's header and each row with its
    /// line in the file.
    pub fn parse_in_parts(
        origin: &str,
        text: Cow<'static, str>,
        rows: usize,
        each: impl FnMut(Table) -> bool,
    ) -> Result<(), DataError> {
        match text {
            Cow::Borrowed(text) => Table::parse_with(origin, text, rows, Cow::Borrowed, each),
            Cow::Owned(text) => {
                Table::parse_with(origin, &text, rows, |cell| Cow::Owned(cell.into()), each)
            }
        }
    }

    fn parse_with<'t>(
        origin: &str,
        text: &'t str,
        rows_per_part: usize,
        cell: impl Fn(&'t str) -> Cow<'static, str>,
        mut each: impl FnMut(Table) -> bool,
    ) -> Result<(), DataError> {
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
        let header: Vec<String> = match lines.next() {
            Some((_, l)) => l.split('\t').map(|c| c.trim().to_string()).collect(),
            None => {
                return Err(DataError::Invalid {
                    path: origin.into(),
                    message: "no header line".into(),
                });
            }
        };
        let part = |rows| Table {
            origin: origin.to_string(),
            header: header.clone(),
            rows,
        };
        let mut rows = Vec::new();
        for (i, l) in lines {
            rows.push(Row {
                line: i + 1,
                cells: l.split('\t').map(|c| cell(c.trim())).collect(),
            });
            if rows.len() == rows_per_part && !each(part(std::mem::take(&mut rows))) {
                return Ok(());
            }
        }
        each(part(rows));
        Ok(())
    }

    /// The index of a column, or an error naming the file and the missing column.
    pub fn column(&self, name: &str) -> Result<usize, DataError> {
        self.header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| DataError::Invalid {
                path: self.origin.clone(),
                message: format!(
                    "missing column `{name}` (header: {})",
                    self.header.join(", ")
                ),
            })
    }

    pub fn error(&self, row: &Row, message: impl Into<String>) -> DataError {
        DataError::Invalid {
            path: format!("{}:{}", self.origin, row.line),
            message: message.into(),
        }
    }
}

impl Row {
    /// The cell at `col`, empty when the row is short.
    pub fn get(&self, col: usize) -> &str {
        self.cells.get(col).map(|cell| &**cell).unwrap_or("")
    }

    /// The `|`-separated items of the cell at `col`.
    pub fn list(&self, col: usize) -> impl Iterator<Item = &str> {
        self.get(col)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_parses_with_a_header() {
        for (name, _) in FILES {
            let table = DataSource::default().table(name).unwrap();
            assert!(!table.rows.is_empty(), "{name} has no rows");
        }
    }

    #[test]
    fn a_data_dir_overrides_single_files() {
        let dir = std::env::temp_dir().join(format!("observer-data-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("lexicon")).unwrap();
        std::fs::write(
            dir.join("lexicon/speech.tsv"),
            "kind\tphrases\nsay\tmuttered\n",
        )
        .unwrap();
        let source = DataSource::with_dir(&dir).unwrap();
        assert!(source.replaces_any());
        assert!(
            !DataSource::with_dir(&dir.join("lexicon"))
                .unwrap()
                .replaces_any()
        );
        let speech = source.table("lexicon/speech.tsv").unwrap();
        assert_eq!(speech.rows.len(), 1);
        assert!(speech.origin.ends_with("speech.tsv"));
        let roles = source.table("lexicon/roles.tsv").unwrap();
        assert!(roles.origin.contains("embedded"));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_table_in_parts_is_the_whole_table_with_its_lines() {
        let text = "# places\nname\tpop\n\nAbeche\t1\nBol\t2\n# more\nMao\t3\nAti\t4\nFaya\t5\n";
        let whole = Table::parse("t.tsv", text.into()).unwrap();
        let mut parts = Vec::new();
        Table::parse_in_parts("t.tsv", text.into(), 2, |part| {
            parts.push(part);
            true
        })
        .unwrap();
        let rows = |table: &Table| -> Vec<(usize, String)> {
            let pop = table.column("pop").unwrap();
            (table.rows.iter())
                .map(|row| (row.line, format!("{}={}", row.get(0), row.get(pop))))
                .collect()
        };
        assert_eq!(
            rows(&whole),
            [
                (4, "Abeche=1"),
                (5, "Bol=2"),
                (7, "Mao=3"),
                (8, "Ati=4"),
                (9, "Faya=5")
            ]
            .map(|(line, cells)| (line, cells.to_string()))
        );
        assert_eq!(parts.len(), 3);
        assert_eq!(
            parts.iter().flat_map(&rows).collect::<Vec<_>>(),
            rows(&whole)
        );

        // Asked to stop, it stops.
        let mut seen = 0;
        Table::parse_in_parts("t.tsv", text.into(), 2, |_| {
            seen += 1;
            false
        })
        .unwrap();
        assert_eq!(seen, 1);
    }

    #[test]
    fn missing_columns_are_named() {
        let table = Table::parse("x.tsv", "a\tb\n1\t2\n".into()).unwrap();
        let err = table.column("c").unwrap_err().to_string();
        assert!(err.contains("x.tsv") && err.contains("`c`"), "{err}");
    }
}
