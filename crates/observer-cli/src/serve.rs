//! `observer serve`: runs the HTTP API and dashboard of `observer-server` over the database
//! until interrupted.

use crate::Status;
use crate::cli::ServeArgs;
use crate::setup::{Globals, redacted};
use anyhow::{Context, Result, anyhow};
use std::time::Duration;

pub fn run(globals: &Globals, args: ServeArgs) -> Result<Status> {
    let spec = globals.db_spec()?;
    let bind = args.bind;
    let shown = redacted(&spec);
    let token = args
        .token
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let extractor = globals.extractor()?;
    let state = observer_server::AppState::new(&spec, args.connections, extractor, token)
        .with_context(|| format!("opening database {shown}"))?;
    let options = observer_server::Options {
        max_body: args.max_body,
        timeout: Duration::from_secs(args.timeout.max(1)),
        cors_origins: args.cors_origins,
    };
    let app = observer_server::router(state, &options).map_err(|e| anyhow!(e))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server's runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(bind)
            .await
            .with_context(|| format!("listening on {}", bind))?;
        let address = listener.local_addr().unwrap_or(bind);
        if !globals.quiet {
            eprintln!("Serving {shown} at http://{address}/ (API under /api, Ctrl-C to stop)");
            if !address.ip().is_loopback() {
                eprintln!(
                    "note: {} is reachable from other machines; anyone who reaches it can read \
                     the database",
                    address.ip()
                );
            }
            if token.is_none() {
                eprintln!("note: writes are disabled (no --token or OBSERVER_TOKEN)");
            }
        }
        observer_server::serve(listener, app)
            .await
            .with_context(|| format!("serving on {address}"))
    })?;
    Ok(Status::Success)
}
