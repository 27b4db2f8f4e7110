//! End-to-end tests of the `observer` binary that do not depend on the extraction engine:
//! they check what the CLI itself does (counts, formats, messages, exit codes). Events for
//! `events` and `explain` are hand-made and stored through observer-store.

#[path = "../common/mod.rs"]
mod common;

mod demo;
mod events;
mod explain;
mod extract;
mod help;
mod ingest;
mod serve;
