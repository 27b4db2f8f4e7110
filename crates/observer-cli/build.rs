//! Embeds the sample corpus (`examples/*.txt` at the workspace root) for `observer demo`.
//!
//! The file list is generated here rather than written by hand so that adding an example needs
//! no code change: Cargo re-runs this script whenever the directory changes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs, io};

fn main() -> io::Result<()> {
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let examples_dir = manifest_dir.join("../../examples");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", examples_dir.display());

    let mut files = example_files(&examples_dir)?;
    files.sort();

    let mut code = String::from(
        "/// The sample corpus: (file name, contents), sorted by name.\n\
         pub static EXAMPLES: &[(&str, &[u8])] = &[\n",
    );
    for path in &files {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let absolute = fs::canonicalize(path)?;
        // `{:?}` writes both strings as Rust string literals, escapes included.
        let _ = writeln!(
            code,
            "    ({:?}, include_bytes!({:?})),",
            name,
            absolute.to_string_lossy()
        );
    }
    code.push_str("];\n");

    let out_dir = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default());
    fs::write(out_dir.join("examples.rs"), code)
}

/// The `*.txt` files of `dir`; none when the directory does not exist.
fn example_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|ext| ext == "txt") {
            files.push(path);
        }
    }
    Ok(files)
}
