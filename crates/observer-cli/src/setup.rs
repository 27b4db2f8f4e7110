//! What every subcommand needs from the global options: the database, the extractor, stdout.

use anyhow::{Context, Result, anyhow, bail};
use observer_extract::Extractor;
use observer_store::Store;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The global options, resolved.
pub struct Globals {
    /// `--db` or OBSERVER_DB as given; `None` for the default database.
    pub db: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub quiet: bool,
}

impl Globals {
    /// The database named by `--db`/OBSERVER_DB, else the one in the user's data directory
    /// (whose directory is created on first use).
    pub fn db_spec(&self) -> Result<String> {
        if let Some(db) = &self.db {
            return Ok(db.clone());
        }
        let dirs = directories::ProjectDirs::from("", "", "observer").ok_or_else(|| {
            anyhow!(
                "cannot tell where the user's data directory is (no home directory); pass --db PATH"
            )
        })?;
        let dir = dirs.data_dir();
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating the data directory {}", dir.display()))?;
        Ok(dir.join("observer.db").to_string_lossy().into_owned())
    }

    /// Opens the database; returns it with its name for messages.
    pub fn open_store(&self) -> Result<(String, Box<dyn Store>)> {
        let spec = self.db_spec()?;
        let store = open_store(&spec)?;
        Ok((redacted(&spec), store))
    }

    /// Like [`Globals::open_store`], for commands that only read: a database file that does not
    /// exist yet is an error rather than created empty.
    pub fn open_existing_store(&self) -> Result<(String, Box<dyn Store>)> {
        let spec = self.db_spec()?;
        if let Some(path) = local_path(&spec)
            && !path.exists()
        {
            bail!(
                "database {} does not exist (ingest articles first, or pass --db PATH)",
                path.display()
            );
        }
        let store = open_store(&spec)?;
        Ok((redacted(&spec), store))
    }

    pub fn extractor(&self) -> Result<Extractor> {
        match &self.data_dir {
            Some(dir) => Extractor::with_data_dir(dir)
                .with_context(|| format!("loading extraction data from {}", dir.display())),
            None => Extractor::embedded().context("loading the embedded extraction data"),
        }
    }
}

pub fn open_store(spec: &str) -> Result<Box<dyn Store>> {
    observer_store::open(spec).with_context(|| format!("opening database {}", redacted(spec)))
}

/// The spec as it may be shown: a server URL's user and password become `***`.
pub fn redacted(spec: &str) -> String {
    match (spec.find("://"), spec.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}***{}", &spec[..scheme_end + 3], &spec[at..])
        }
        _ => spec.to_string(),
    }
}

/// The file a database spec names (`PATH`, `sqlite:PATH`, `sqlite://PATH`); `None` for
/// in-memory and server databases.
pub fn local_path(spec: &str) -> Option<&Path> {
    let spec = spec.trim();
    let path = match spec.get(..7) {
        Some(scheme) if scheme.eq_ignore_ascii_case("sqlite:") => {
            let rest = &spec[7..];
            rest.strip_prefix("//").unwrap_or(rest)
        }
        _ => spec,
    };
    (!path.contains("://") && path != ":memory:").then(|| Path::new(path))
}

/// Buffered standard output for the writers.
pub fn stdout() -> Box<dyn Write> {
    Box::new(BufWriter::new(std::io::stdout()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_credentials_are_never_shown() {
        assert_eq!(
            redacted("postgres://me:secret@db:5432/obs"),
            "postgres://***@db:5432/obs"
        );
        assert_eq!(redacted("postgres://db/obs"), "postgres://db/obs");
        assert_eq!(redacted("data/me@home.db"), "data/me@home.db");
    }

    #[test]
    fn local_paths_are_told_from_servers() {
        assert_eq!(local_path("x.db"), Some(Path::new("x.db")));
        assert_eq!(local_path("sqlite:x.db"), Some(Path::new("x.db")));
        assert_eq!(
            local_path("SQLITE:///tmp/x.db"),
            Some(Path::new("/tmp/x.db"))
        );
        assert_eq!(local_path(":memory:"), None);
        assert_eq!(local_path("postgres://h/db"), None);
    }
}
