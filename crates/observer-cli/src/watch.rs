//! `observer watch`: polls news feeds over HTTP(S) and codes each new item once.
//!
//! Every poll asks each feed conditionally (ETag / Last-Modified from the previous poll); for each
//! item not handled before, the article is the feed's full text when it carries one, else the
//! linked page (fetched and extracted as `ingest` reads HTML), else, when the page cannot be had,
//! the item's summary, marked as such. The feeds' validators and the items handled live in the
//! store, so a restarted watch neither re-fetches nor re-codes what it already did.

use crate::Status;
use crate::cli::WatchArgs;
use crate::fetch::{Fetched, Fetcher, Politeness};
use crate::ingest::write_summary;
use crate::pipeline::Pipeline;
use crate::report::{Diagnostics, counted, to_stderr};
use crate::setup::Globals;
use anyhow::{Context, Result};
use observer_extract::Extractor;
use observer_ingest::{FeedItem, Metadata, Origin, Record, Skip, parse_feed};
use observer_store::Store;
use std::time::{Duration, Instant};

pub fn run(globals: &Globals, args: WatchArgs) -> Result<Status> {
    let extractor = globals.extractor()?;
    let (db, mut store) = globals.open_store()?;
    let mut fetcher = Fetcher::new(Politeness {
        timeout: args.timeout.into(),
        host_delay: args.host_delay.into(),
        retries: args.retries,
        backoff: args.backoff.into(),
    });
    let every: Duration = args.every.into();
    loop {
        let started = Instant::now();
        let reached = poll(
            globals,
            &args.feeds,
            store.as_mut(),
            &extractor,
            &mut fetcher,
        )
        .with_context(|| format!("storing into database {db}"))?;
        if args.once {
            return Ok(if reached == 0 {
                Status::NothingRead
            } else {
                Status::Success
            });
        }
        std::thread::sleep(every.saturating_sub(started.elapsed()));
    }
}

/// What one poll made of one feed.
#[derive(Debug, Default)]
struct FeedPoll {
    new_items: usize,
    pages: usize,
    from_summary: usize,
}

/// Polls every feed once, codes and stores what is new; returns how many feeds answered.
fn poll(
    globals: &Globals,
    feeds: &[String],
    store: &mut dyn Store,
    extractor: &Extractor,
    fetcher: &mut Fetcher,
) -> Result<usize> {
    let mut diagnostics = Diagnostics::default();
    let mut records = Vec::new();
    let mut seen: Vec<(String, String, Option<String>)> = Vec::new();
    let mut validators_to_save = Vec::new();
    let mut reached = 0;
    let mut lines = Vec::new();
    for feed in feeds {
        let validators = store.feed_validators(feed)?;
        let (bytes, validators) = match fetcher.get(feed, validators.as_ref()) {
            Err(reason) => {
                diagnostics.skip(Skip::new(
                    Origin::file(feed.as_str()),
                    format!("feed not fetched: {reason}"),
                ));
                continue;
            }
            Ok(Fetched::NotModified) => {
                reached += 1;
                lines.push(format!("{feed}: not modified"));
                continue;
            }
            Ok(Fetched::Body {
                bytes, validators, ..
            }) => (bytes, validators),
        };
        reached += 1;
        let items = match parse_feed(feed, &bytes) {
            Ok(items) => items,
            Err(skip) => {
                diagnostics.skip(skip);
                continue;
            }
        };
        let mut done = FeedPoll::default();
        for item in items {
            if item.key.is_empty() || store.item_seen(feed, &item.key)? {
                continue;
            }
            done.new_items += 1;
            let key = item.key.clone();
            match article_of(item, fetcher, &mut diagnostics, &mut done) {
                Ok(record) => {
                    seen.push((feed.clone(), key, Some(record.article.id.clone())));
                    records.push(record);
                }
                Err(skip) => {
                    diagnostics.skip(skip);
                    seen.push((feed.clone(), key, None));
                }
            }
        }
        lines.push(format!(
            "{feed}: {} ({} from the linked page, {} from the feed summary)",
            counted(done.new_items as u64, "new item"),
            done.pages,
            done.from_summary
        ));
        validators_to_save.push((feed.clone(), validators));
    }

    let mut pipeline = Pipeline::new(store, extractor, false, records.len().max(1));
    for record in records {
        for warning in &record.warnings {
            diagnostics.warn(warning, Some(&record.origin));
        }
        pipeline.add(record, &mut diagnostics)?;
    }
    let counts = pipeline.finish(&mut diagnostics)?;
    for (feed, key, article_id) in &seen {
        store.mark_item_seen(feed, key, article_id.as_deref())?;
    }
    for (feed, validators) in &validators_to_save {
        store.save_feed_validators(feed, validators)?;
    }

    to_stderr(|err| {
        if !globals.quiet {
            let now = chrono::Utc::now().format("%Y-%m-%d %H:%M:%S UTC");
            writeln!(err, "poll at {now}")?;
            for line in &lines {
                writeln!(err, "  {line}")?;
            }
            diagnostics.write_warnings(err)?;
            write_summary(err, &counts, &diagnostics)?;
        }
        diagnostics.write_skips(err)
    });
    Ok(reached)
}

/// The article of a new item: the feed's full text; else the linked page; else, when there is no
/// page to be had, the summary (marked `text_from`, with a warning saying why).
fn article_of(
    item: FeedItem,
    fetcher: &mut Fetcher,
    diagnostics: &mut Diagnostics,
    done: &mut FeedPoll,
) -> Result<Record, Skip> {
    let meta = Metadata::default();
    if item.has_full_text() {
        return item.into_record(&meta);
    }
    let page = match item.link.as_deref() {
        None => Err("the item has no link".to_string()),
        Some(link) => match fetcher.get(link, None) {
            Ok(Fetched::Body {
                bytes,
                content_type,
                ..
            }) if is_html(content_type.as_deref()) => {
                item.with_page(&bytes, &meta).map_err(|skip| skip.reason)
            }
            Ok(Fetched::Body { content_type, .. }) => Err(format!(
                "the linked page is not HTML ({})",
                content_type.as_deref().unwrap_or("no content type")
            )),
            Ok(Fetched::NotModified) => {
                Err("the server answered 304 to a plain request".to_string())
            }
            Err(reason) => Err(format!("the linked page could not be fetched: {reason}")),
        },
    };
    match page {
        Ok(record) => {
            done.pages += 1;
            Ok(record)
        }
        Err(reason) => {
            let record = item.into_record(&meta)?;
            diagnostics.warn(
                &format!("{reason}; coded from the feed summary"),
                Some(&record.origin),
            );
            done.from_summary += 1;
            Ok(record)
        }
    }
}

fn is_html(content_type: Option<&str>) -> bool {
    content_type.is_none_or(|value| {
        let media_type = value
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        media_type == "text/html" || media_type == "application/xhtml+xml"
    })
}
