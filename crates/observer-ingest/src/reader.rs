//! The reader over every input given: files, directories (walked in path order), and standard input
//! or any other stream. It decides how each one is read (by format, extension or content), unwraps
//! gzip, and yields records and skips one at a time.

use crate::archive::{PassedOver, WarcStream};
use crate::date::today;
use crate::feed::{FeedItem, parse_feed};
use crate::html::parse_html_on;
use crate::jsonl::JsonlStream;
use crate::text::parse_text_on;
use crate::{Format, Metadata, Origin, Record, STDIN_NAME, Skip};
use chrono::NaiveDate;
use flate2::read::MultiGzDecoder;
use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::iter::FusedIterator;
use std::path::{Path, PathBuf};
use walkdir::{DirEntry, FilterEntry, WalkDir};

/// The default bound on one JSON line and on one text article, in bytes: 8 MiB. The longest news
/// reports run to a few hundred kilobytes; coding holds about 80 bytes of analysis per byte of
/// text, so a bigger "article" (a dump, a log, hostile input) would cost gigabytes.
pub const DEFAULT_MAX_BYTES: usize = 8 << 20;

/// How far into a stream to look for its first non-blank byte before calling it text.
const SNIFF_LIMIT: usize = 1 << 20;

/// How much of a stream, from its first non-blank byte, is looked at to tell HTML from a feed.
const SNIFF_WINDOW: usize = 2048;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// What a file or stream holds, once decompressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content {
    Text,
    Jsonl,
    Html,
    Feed,
    Warc,
}

enum Input {
    Path(PathBuf),
    Stream {
        name: String,
        input: Box<dyn Read + Send>,
    },
}

/// Reads every input in order: files, directories (recursively, in path order, only files with
/// the extensions .txt .text .md .jsonl .ndjson .html .htm .xhtml .rss .atom .warc, each optionally
/// followed by .gz; hidden entries are left out) and "-" for standard input.
///
/// A file named explicitly, and standard input, is read as `format` says; with [`Format::Auto`] by
/// its extension, else by its content: a first non-blank byte `{` means JSON Lines, `WARC/` a WARC
/// file, an `<rss>`, `<feed>` or `<rdf:RDF>` root a feed, other markup an HTML page, anything else
/// one text article. Files in a directory are always read by their extension. Gzip is recognised
/// by the `.gz` extension or by its magic bytes.
pub fn read_inputs(inputs: &[PathBuf], meta: &Metadata, format: Format) -> Reader {
    Reader::new(
        inputs.iter().cloned().map(Input::Path).collect(),
        meta,
        format,
    )
}

/// Reads one stream (standard input, or anything else) as [`read_inputs`] reads "-": by `format`,
/// or sniffed with [`Format::Auto`]. `name` is the file name every [`Origin`] reports.
pub fn read_stream(
    name: &str,
    input: impl Read + Send + 'static,
    meta: &Metadata,
    format: Format,
) -> Reader {
    let input = Input::Stream {
        name: name.to_string(),
        input: Box::new(input),
    };
    Reader::new(VecDeque::from([input]), meta, format)
}

/// An iterator over the records and skips of a list of inputs. Inputs are opened lazily, one at a
/// time, as the iteration reaches them.
pub struct Reader {
    meta: Metadata,
    format: Format,
    max_bytes: usize,
    today: NaiveDate,
    pending: VecDeque<Input>,
    directory: Option<DirectoryWalk>,
    lines: Option<JsonlStream>,
    archive: Option<WarcStream>,
    feed_items: VecDeque<FeedItem>,
    passed_over: PassedOver,
}

impl Reader {
    fn new(pending: VecDeque<Input>, meta: &Metadata, format: Format) -> Reader {
        Reader {
            meta: meta.clone(),
            format,
            max_bytes: DEFAULT_MAX_BYTES,
            today: today(),
            pending,
            directory: None,
            lines: None,
            archive: None,
            feed_items: VecDeque::new(),
            passed_over: PassedOver::default(),
        }
    }

    /// The WARC records read so far that were passed over (not HTML, not status 200, not a
    /// response), by kind.
    pub fn passed_over(&self) -> PassedOver {
        self.passed_over
    }

    /// Reads on a thread of its own, up to `capacity` items ahead, and hands each item to `each`
    /// on the calling thread in input order, so parsing overlaps the caller's coding and saving.
    /// Stops at the first error of `each` (the reader stops too) and returns it; otherwise
    /// returns what [`Reader::passed_over`] counted once every input is read.
    pub fn read_ahead<E>(
        mut self,
        capacity: usize,
        mut each: impl FnMut(Result<Record, Skip>) -> Result<(), E>,
    ) -> Result<PassedOver, E> {
        std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel(capacity);
            let reading = scope.spawn(move || {
                // The caller stopped taking items when sending fails: stop reading too.
                for item in self.by_ref() {
                    if send.send(item).is_err() {
                        break;
                    }
                }
                self.passed_over
            });
            for item in receive {
                each(item)?;
            }
            Ok(reading
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        })
    }

    /// Sets the longest JSON line, and the largest text article, HTML page or feed, that is read
    /// (in bytes; the default is [`DEFAULT_MAX_BYTES`]). Anything longer is skipped.
    pub fn with_max_bytes(mut self, max_bytes: usize) -> Reader {
        self.max_bytes = max_bytes;
        self
    }

    /// Opens the next input given; `None` when it is a directory, JSON Lines, a feed or a WARC
    /// file, whose records follow from `self.directory`, `self.lines`, `self.feed_items` or
    /// `self.archive`.
    fn open_input(&mut self, input: Input) -> Option<Result<Record, Skip>> {
        let content = match self.format {
            Format::Auto => None,
            Format::Text => Some(Content::Text),
            Format::Jsonl => Some(Content::Jsonl),
            Format::Html => Some(Content::Html),
            Format::Feed => Some(Content::Feed),
            Format::Warc => Some(Content::Warc),
        };
        match input {
            Input::Path(path) if path.as_os_str() == "-" => self.open_stream(
                STDIN_NAME.to_string(),
                Box::new(io::stdin()),
                content,
                false,
            ),
            Input::Path(path) => match std::fs::metadata(&path) {
                Err(error) => Some(Err(cannot("read", &path, &error))),
                Ok(info) if info.is_dir() => {
                    self.directory = Some(DirectoryWalk::new(path));
                    None
                }
                Ok(_) => {
                    let content = content.or_else(|| content_by_name(&path));
                    self.open_file(&path, content)
                }
            },
            Input::Stream { name, input } => self.open_stream(name, input, content, false),
        }
    }

    fn open_file(&mut self, path: &Path, content: Option<Content>) -> Option<Result<Record, Skip>> {
        let file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(error) => return Some(Err(cannot("open", path, &error))),
        };
        let gzip_named = name_of(path).ends_with(".gz");
        let name = path.display().to_string();
        self.open_stream(name, Box::new(file), content, gzip_named)
    }

    /// Reads a text article, HTML page or feed whole, or starts reading JSON Lines or WARC
    /// records; `content` is sniffed when `None`.
    fn open_stream(
        &mut self,
        name: String,
        input: Box<dyn Read + Send>,
        content: Option<Content>,
        gzip_named: bool,
    ) -> Option<Result<Record, Skip>> {
        let mut input = BufReader::new(input);
        let gzip = match fill_buf(&mut input) {
            Ok(start) => gzip_named || start.starts_with(&GZIP_MAGIC),
            Err(error) => return Some(Err(read_failure(name, false, &error))),
        };
        let input: Box<dyn BufRead + Send> = if gzip {
            Box::new(BufReader::new(MultiGzDecoder::new(input)))
        } else {
            Box::new(input)
        };
        let (content, input) = match content {
            Some(content) => (content, input),
            None => match sniff(input) {
                Ok(sniffed) => sniffed,
                Err(error) => return Some(Err(read_failure(name, gzip, &error))),
            },
        };
        match content {
            Content::Jsonl => {
                self.lines = Some(JsonlStream::new(name, input, gzip, self.max_bytes));
                None
            }
            Content::Warc => {
                self.archive = Some(WarcStream::new(name, input, gzip, self.max_bytes));
                None
            }
            Content::Text => Some(
                self.read_whole(&name, input, gzip, "article")
                    .and_then(|bytes| parse_text_on(&name, &bytes, &self.meta, self.today)),
            ),
            Content::Html => Some(
                self.read_whole(&name, input, gzip, "page")
                    .and_then(|bytes| {
                        parse_html_on(Origin::file(name), &bytes, None, &self.meta, self.today)
                    }),
            ),
            Content::Feed => match self
                .read_whole(&name, input, gzip, "feed")
                .and_then(|bytes| parse_feed(&name, &bytes))
            {
                Ok(items) if items.is_empty() => {
                    Some(Err(Skip::new(Origin::file(name), "feed has no items")))
                }
                Ok(items) => {
                    self.feed_items = items.into();
                    None
                }
                Err(skip) => Some(Err(skip)),
            },
        }
    }

    /// Reads an input whole, refusing one larger than the byte limit; `what` names it so.
    fn read_whole(
        &self,
        name: &str,
        input: impl Read,
        gzip: bool,
        what: &str,
    ) -> Result<Vec<u8>, Skip> {
        let mut bytes = Vec::new();
        let limit = u64::try_from(self.max_bytes)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        if let Err(error) = input.take(limit).read_to_end(&mut bytes) {
            return Err(read_failure(name.to_string(), gzip, &error));
        }
        if bytes.len() > self.max_bytes {
            let reason = format!(
                "{what} larger than {} bytes, the limit for one {what}",
                self.max_bytes
            );
            return Err(Skip::new(Origin::file(name), reason));
        }
        Ok(bytes)
    }
}

impl Iterator for Reader {
    type Item = Result<Record, Skip>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.feed_items.pop_front() {
                return Some(item.into_record_on(&self.meta, self.today));
            } else if let Some(archive) = &mut self.archive {
                match archive.next_record(&self.meta, self.today, &mut self.passed_over) {
                    Some(item) => return Some(item),
                    None => self.archive = None,
                }
            } else if let Some(lines) = &mut self.lines {
                match lines.next_record(&self.meta, self.today) {
                    Some(item) => return Some(item),
                    None => self.lines = None,
                }
            } else if let Some(directory) = &mut self.directory {
                match directory.next() {
                    Some(Ok((path, content))) => {
                        if let Some(item) = self.open_file(&path, Some(content)) {
                            return Some(item);
                        }
                    }
                    Some(Err(skip)) => return Some(Err(skip)),
                    None => self.directory = None,
                }
            } else {
                let input = self.pending.pop_front()?;
                if let Some(item) = self.open_input(input) {
                    return Some(item);
                }
            }
        }
    }
}

impl FusedIterator for Reader {}

type Entries = FilterEntry<walkdir::IntoIter, fn(&DirEntry) -> bool>;

/// A directory being walked for article files.
struct DirectoryWalk {
    root: PathBuf,
    entries: Entries,
    found: usize,
    finished: bool,
}

impl DirectoryWalk {
    fn new(root: PathBuf) -> DirectoryWalk {
        let entries = WalkDir::new(&root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(is_visible as fn(&DirEntry) -> bool);
        DirectoryWalk {
            root,
            entries,
            found: 0,
            finished: false,
        }
    }
}

impl Iterator for DirectoryWalk {
    /// An article file and how to read it, or why part of the directory could not be read. A
    /// directory holding no article file at all gives one skip saying so.
    type Item = Result<(PathBuf, Content), Skip>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.finished {
            match self.entries.next() {
                None => {
                    self.finished = true;
                    if self.found == 0 {
                        let reason = "no article files (.txt .text .md .jsonl .ndjson .html .htm \
                                      .xhtml .rss .atom .warc, optionally .gz) in this directory";
                        return Some(Err(Skip::new(origin_of(&self.root), reason)));
                    }
                }
                Some(Err(error)) => {
                    let path = error.path().unwrap_or(&self.root);
                    let skip = match error.io_error() {
                        Some(io_error) => cannot("read", path, io_error),
                        None => Skip::new(origin_of(path), error.to_string()),
                    };
                    return Some(Err(skip));
                }
                Some(Ok(entry))
                    if entry.file_type().is_file() && !is_documentation(entry.path()) =>
                {
                    if let Some(content) = content_by_name(entry.path()) {
                        self.found += 1;
                        return Some(Ok((entry.into_path(), content)));
                    }
                }
                Some(Ok(_)) => {}
            }
        }
        None
    }
}

/// Hidden files and directories (".git", ".cache") are not walked into; the root always is.
fn is_visible(entry: &DirEntry) -> bool {
    entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
}

/// A corpus directory's own documentation (README, LICENSE, ...), which is not an article; a file
/// named on the command line is read whatever its name.
fn is_documentation(path: &Path) -> bool {
    let name = name_of(path);
    ["readme", "license", "licence", "changelog", "notice"]
        .iter()
        .any(|doc| name.starts_with(doc))
}

/// The lower-case file name of `path`.
fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// What a file holds by its extension (before any `.gz`); `None` for other extensions.
fn content_by_name(path: &Path) -> Option<Content> {
    let name = name_of(path);
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match name.rsplit_once('.')?.1 {
        "txt" | "text" | "md" => Some(Content::Text),
        "jsonl" | "ndjson" => Some(Content::Jsonl),
        "html" | "htm" | "xhtml" => Some(Content::Html),
        "rss" | "atom" => Some(Content::Feed),
        "warc" => Some(Content::Warc),
        _ => None,
    }
}

/// Reads just far enough into `input` to see its first non-blank byte (after a UTF-8 byte-order
/// mark) and a little beyond: `{` means JSON Lines, `WARC/` a WARC file, markup a feed or an HTML
/// page (see [`markup_content`]), anything else text. The reader returned still yields every byte.
fn sniff(mut input: Box<dyn BufRead + Send>) -> io::Result<(Content, Box<dyn BufRead + Send>)> {
    let mut prefix = Vec::new();
    let mut start = None;
    let content = loop {
        let available = fill_buf(&mut input)?;
        let ended = available.is_empty();
        let scanned = prefix.len();
        prefix.extend_from_slice(available);
        let used = available.len();
        input.consume(used);
        let bom = if prefix.starts_with(UTF8_BOM) {
            UTF8_BOM.len()
        } else {
            0
        };
        if start.is_none() {
            start = prefix[scanned.max(bom)..]
                .iter()
                .position(|byte| !byte.is_ascii_whitespace())
                .map(|offset| scanned.max(bom) + offset);
        }
        match start {
            Some(first) if ended || prefix.len() - first >= SNIFF_WINDOW => {
                break classify(&prefix[first..]);
            }
            None if ended || prefix.len() > SNIFF_LIMIT => break Content::Text,
            _ if ended => break Content::Text,
            _ => {}
        }
    };
    Ok((content, Box::new(Cursor::new(prefix).chain(input))))
}

/// What a stream holds, from its start (after blanks).
fn classify(start: &[u8]) -> Content {
    match start.first() {
        Some(b'{') => Content::Jsonl,
        Some(b'<') => markup_content(start),
        _ if start.starts_with(b"WARC/") => Content::Warc,
        _ => Content::Text,
    }
}

/// Markup is a feed when its root element is `<rss>`, `<feed>` or `<rdf:RDF>`, or it is XML
/// without an `<html>` element; otherwise an HTML page.
fn markup_content(start: &[u8]) -> Content {
    let window = String::from_utf8_lossy(&start[..start.len().min(SNIFF_WINDOW)]).to_lowercase();
    let first = |tag: &str| window.find(tag).unwrap_or(usize::MAX);
    let feed = first("<rss").min(first("<feed")).min(first("<rdf:rdf"));
    let html = first("<html").min(first("<!doctype html"));
    if feed < html || (html == usize::MAX && window.starts_with("<?xml")) {
        Content::Feed
    } else {
        Content::Html
    }
}

/// `BufRead::fill_buf`, retried when interrupted by a signal.
fn fill_buf(input: &mut impl BufRead) -> io::Result<&[u8]> {
    loop {
        match input.fill_buf() {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            // Returning the first slice from inside the loop is refused by today's borrow
            // checker; the second call returns the buffer just filled, without reading.
            Ok(_) => return input.fill_buf(),
            Err(error) => return Err(error),
        }
    }
}

fn origin_of(path: &Path) -> Origin {
    Origin::file(path.display().to_string())
}

fn cannot(action: &str, path: &Path, error: &io::Error) -> Skip {
    Skip::new(origin_of(path), format!("cannot {action}: {error}"))
}

/// The reason for a stream that failed part-way; in gzip, most likely a truncated file.
pub(crate) fn read_error_reason(gzip: bool, error: &io::Error, when: &str) -> String {
    let what = if gzip {
        "gzip data truncated or corrupt"
    } else {
        "read error"
    };
    format!("{what}{when}: {error}")
}

fn read_failure(name: String, gzip: bool, error: &io::Error) -> Skip {
    Skip::new(Origin::file(name), read_error_reason(gzip, error, ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_article_extensions() {
        let by_name = |name: &str| content_by_name(Path::new(name));
        assert_eq!(by_name("a/b.txt"), Some(Content::Text));
        assert_eq!(by_name("B.TEXT"), Some(Content::Text));
        assert_eq!(by_name("notes.md.gz"), Some(Content::Text));
        assert_eq!(by_name("x.jsonl"), Some(Content::Jsonl));
        assert_eq!(by_name("x.NDJSON.gz"), Some(Content::Jsonl));
        assert_eq!(by_name("page.HTM"), Some(Content::Html));
        assert_eq!(by_name("news.rss"), Some(Content::Feed));
        assert_eq!(by_name("crawl.warc.gz"), Some(Content::Warc));
        assert_eq!(by_name("x.xml"), None);
        assert_eq!(by_name("x.json"), None);
        assert_eq!(by_name("x.gz"), None);
        assert_eq!(by_name("txt"), None);
        assert_eq!(by_name("archive.tar.gz"), None);
    }

    #[test]
    fn sniffing_keeps_every_byte() {
        let sniffed = |bytes: &'static [u8]| {
            let (content, mut rest) = sniff(Box::new(bytes)).unwrap();
            let mut all = Vec::new();
            rest.read_to_end(&mut all).unwrap();
            assert_eq!(all, bytes);
            content
        };
        assert_eq!(sniffed(b"\n \r\n\t{\"text\": \"x\"}\n"), Content::Jsonl);
        assert_eq!(sniffed(b"\xEF\xBB\xBF{}"), Content::Jsonl);
        assert_eq!(sniffed(b"\n---\ntitle: x\n---\n{not json}"), Content::Text);
        assert_eq!(sniffed(b"   "), Content::Text);
        assert_eq!(
            sniffed(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"),
            Content::Warc
        );
        assert_eq!(
            sniffed(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"),
            Content::Feed
        );
        assert_eq!(
            sniffed(b"\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Content::Feed
        );
        assert_eq!(sniffed(b"<!DOCTYPE html>\n<html lang=en>"), Content::Html);
        assert_eq!(
            sniffed(b"<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"),
            Content::Html
        );
        assert_eq!(
            sniffed(b"<div>Rebels shelled the port.</div>"),
            Content::Html
        );
        assert_eq!(sniffed(b""), Content::Text);
    }

    #[test]
    fn never_panics_on_arbitrary_streams() {
        let mut seed = 0x9e37_79b9_u32;
        // Bytes that steer into every branch: front matter, JSON, gzip magic, BOMs, bad UTF-8.
        let alphabet = b"---\n\r: ab{}\"text0\x1f\x8b\x08\xEF\xBB\xBF\xFF\xFE\x00\xC3<>/WARC/1.0";
        let mut byte = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            alphabet[seed as usize % alphabet.len()]
        };
        for length in 0..300 {
            let bytes: Vec<u8> = (0..length).map(|_| byte()).collect();
            for format in [
                Format::Auto,
                Format::Text,
                Format::Jsonl,
                Format::Html,
                Format::Feed,
                Format::Warc,
            ] {
                let reader = read_stream(
                    "fuzz",
                    Cursor::new(bytes.clone()),
                    &Metadata::default(),
                    format,
                );
                for item in reader.with_max_bytes(64) {
                    if let Err(skip) = item {
                        assert!(!skip.reason.is_empty());
                    }
                }
            }
        }
    }

    #[test]
    fn the_reader_can_move_between_threads() {
        fn assert_send<T: Send>() {}
        assert_send::<Reader>();
    }
}
