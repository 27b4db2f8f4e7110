//! `observer events`: list stored events matching the filters.

use crate::Status;
use crate::cli::{EventsArgs, OutputFormat};
use crate::output;
use crate::setup::{Globals, stdout};
use anyhow::{Context, Result};
use observer_store::EventFilter;
use std::io::IsTerminal;

pub fn run(globals: &Globals, args: EventsArgs) -> Result<Status> {
    let (db, store) = globals.open_existing_store()?;
    let format = args.format.unwrap_or_else(|| {
        if std::io::stdout().is_terminal() {
            OutputFormat::Table
        } else {
            OutputFormat::Jsonl
        }
    });
    let filter = EventFilter {
        since: args.since,
        until: args.until,
        actor: args.actor,
        country: args.country,
        event_type: args.event_type.map(|t| t.0),
        place: args.place,
        source: args.source,
        article_id: args.article,
        limit: args.limit,
        ..EventFilter::default()
    };
    let events = store
        .events(&filter)
        .with_context(|| format!("reading events from database {db}"))?;
    let mut writer = output::writer(format, stdout())?;
    writer.events(&events)?;
    writer.finish()?;
    Ok(Status::Success)
}
