//! The ledger commands: `observer clusters`, `truces`, `claims`, `timeline` and `export`. Each
//! builds the cross-article ledger from the stored events and prints one of its views as a
//! table, JSON, JSON Lines or CSV.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};

use anyhow::{Context, Result};
use observer_ledger::claims::{Claim, Contradiction};
use observer_ledger::export::{self, Reference};
use observer_ledger::resolve::date_label;
use observer_ledger::truces::{Truce, ViolationKind, effective_label};
use observer_ledger::{Cluster, Ledger, TimelineEntry, TimelineFilter};
use observer_store::EventFilter;
use serde::Serialize;

use crate::Status;
use crate::cli::{ClaimsArgs, ClustersArgs, ExportArgs, OutputFormat, TimelineArgs, TrucesArgs};
use crate::output::{new_table, truncate};
use crate::setup::{Globals, stdout};
use observer_extract::explain::{actor_text, casualties_text, place_text};

/// Evidence in tables is cut to this many characters.
const EVIDENCE_CHARS: usize = 90;

/// Builds the ledger from every event in the database.
fn load(globals: &Globals) -> Result<Ledger> {
    let (db, store) = globals.open_existing_store()?;
    ledger_of(&db, store.as_ref())
}

fn ledger_of(db: &str, store: &dyn observer_store::Store) -> Result<Ledger> {
    Ledger::from_store(store, &EventFilter::default())
        .with_context(|| format!("building the ledger from database {db}"))
}

/// The format asked for, else a table on a terminal and JSON Lines otherwise.
fn format_or_default(format: Option<OutputFormat>) -> OutputFormat {
    format.unwrap_or_else(|| {
        if std::io::stdout().is_terminal() {
            OutputFormat::Table
        } else {
            OutputFormat::Jsonl
        }
    })
}

/// How one kind of item is shown as a table and as CSV.
struct View<'a, T> {
    empty: &'a str,
    table_header: &'a [&'a str],
    table_row: &'a dyn Fn(&T) -> Vec<String>,
    csv_header: &'a [&'a str],
    csv_row: &'a dyn Fn(&T) -> Vec<String>,
}

fn print<T: Serialize>(format: OutputFormat, items: &[T], view: View<'_, T>) -> Result<()> {
    let mut out = stdout();
    match format {
        OutputFormat::Table if items.is_empty() => writeln!(out, "{}", view.empty)?,
        OutputFormat::Table => {
            let mut table = new_table(view.table_header.to_vec());
            for item in items {
                table.add_row((view.table_row)(item));
            }
            writeln!(out, "{table}")?;
        }
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, items)?;
            writeln!(out)?;
        }
        OutputFormat::Jsonl => {
            for item in items {
                serde_json::to_writer(&mut out, item)?;
                writeln!(out)?;
            }
        }
        OutputFormat::Csv => {
            let mut csv = csv::Writer::from_writer(&mut out);
            csv.write_record(view.csv_header)?;
            for item in items {
                csv.write_record((view.csv_row)(item))?;
            }
            csv.flush()?;
        }
    }
    out.flush()?;
    Ok(())
}

fn text<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

pub fn clusters(globals: &Globals, args: ClustersArgs) -> Result<Status> {
    let (db, mut store) = globals.open_existing_store()?;
    let ledger = ledger_of(&db, store.as_ref())?;
    // Kept in the database, for SQL and other programs to read.
    store
        .save_cluster_membership(&ledger.memberships())
        .with_context(|| format!("saving event clusters to database {db}"))?;
    let clusters: Vec<Cluster> = ledger
        .clusters()
        .into_iter()
        .filter(|c| c.counts.articles >= args.min_articles)
        .filter(|c| args.event_type.is_none_or(|t| c.event_type == t.0))
        .collect();
    let row = |c: &Cluster| -> Vec<String> {
        vec![
            c.id.clone(),
            text(c.date.as_ref().map(date_label)),
            match &c.mode {
                Some(mode) => format!("{} ({mode})", c.event_type),
                None => c.event_type.to_string(),
            },
            text(c.source.as_ref().map(actor_text)),
            text(c.target.as_ref().map(actor_text)),
            text(c.place.as_ref().map(place_text)),
            format!(
                "{} / {} / {}",
                c.counts.mentions, c.counts.articles, c.counts.outlets
            ),
            c.claimants.join("; "),
            c.stances
                .iter()
                .map(|(stance, n)| format!("{stance} {n}"))
                .collect::<Vec<_>>()
                .join(", "),
        ]
    };
    let csv_row = |c: &Cluster| -> Vec<String> {
        let date = c.date.as_ref();
        vec![
            c.id.clone(),
            text(date.and_then(|d| d.start)),
            text(date.and_then(|d| d.end)),
            c.event_type.to_string(),
            text(c.mode.as_ref()),
            text(c.source.as_ref().map(|a| &a.name)),
            text(c.target.as_ref().map(|a| &a.name)),
            text(c.place.as_ref().map(|p| &p.name)),
            c.counts.mentions.to_string(),
            c.counts.articles.to_string(),
            c.counts.outlets.to_string(),
            c.counts.claimants.to_string(),
            c.outlets.join("; "),
            c.claimants.join("; "),
            text(c.killed.map(|k| k.low)),
            text(c.killed.and_then(|k| k.high)),
        ]
    };
    print(
        format_or_default(args.format),
        &clusters,
        View {
            empty: "no clusters",
            table_header: &[
                "cluster",
                "date",
                "event",
                "source",
                "target",
                "place",
                "mentions / articles / outlets",
                "claimants",
                "stances",
            ],
            table_row: &row,
            csv_header: &[
                "cluster_id",
                "date_start",
                "date_end",
                "type",
                "mode",
                "source",
                "target",
                "place",
                "mentions",
                "articles",
                "outlets",
                "claimants",
                "outlet_names",
                "claimant_names",
                "killed_low",
                "killed_high",
            ],
            csv_row: &csv_row,
        },
    )?;
    Ok(Status::Success)
}

/// "ARM accuses AZE ×2; Wire (own report) reports attacks by AZE ×1": alleged breaches by who
/// alleges them and who is said to have broken the truce.
fn breaches_by_side(truce: &Truce) -> String {
    let mut counts: BTreeMap<(bool, String, String), usize> = BTreeMap::new();
    for v in &truce.violations {
        let accusation = v.kind == ViolationKind::Accusation;
        *counts
            .entry((!accusation, v.accuser.clone(), v.accused.clone()))
            .or_default() += 1;
    }
    counts
        .into_iter()
        .map(|((attack, accuser, accused), n)| {
            let verb = if attack {
                "reports attacks by"
            } else {
                "accuses"
            };
            format!("{accuser} {verb} {accused} ×{n}")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn truces(globals: &Globals, args: TrucesArgs) -> Result<Status> {
    let ledger = load(globals)?;
    let truces = ledger.truces();
    let row = |t: &Truce| -> Vec<String> {
        vec![
            t.id.clone(),
            t.conflict.clone(),
            serde_plain(&t.kind),
            t.brokers.join(", "),
            text(t.agreed.as_ref().map(date_label)),
            text(t.effective.as_ref().map(effective_label)),
            t.history
                .iter()
                .map(|c| format!("{} {}", text(c.date), c.status.as_str()))
                .collect::<Vec<_>>()
                .join(" → "),
            breaches_by_side(t),
            text(t.first_alleged_breach.as_ref().map(|d| d.label())),
        ]
    };
    let csv_row = |t: &Truce| -> Vec<String> {
        let effective = t.effective.as_ref();
        let breach = t.first_alleged_breach.as_ref();
        vec![
            t.id.clone(),
            t.conflict.clone(),
            t.brokers.join("; "),
            serde_plain(&t.kind),
            text(t.agreed.as_ref().and_then(|d| d.start)),
            text(t.agreed.as_ref().and_then(|d| d.end)),
            text(effective.and_then(|e| e.date.start)),
            text(effective.and_then(|e| e.date.end)),
            text(effective.and_then(|e| e.time)),
            text(effective.and_then(|e| e.zone.as_ref())),
            text(effective.and_then(|e| e.utc_time)),
            text(effective.map(|e| e.stated)),
            t.status.as_str().to_string(),
            t.violations.len().to_string(),
            breaches_by_side(t),
            text(breach.map(|b| b.min_hours)),
            text(breach.and_then(|b| b.max_hours)),
            text(breach.map(|b| &b.basis)),
        ]
    };
    print(
        format_or_default(args.format),
        &truces,
        View {
            empty: "no truces",
            table_header: &[
                "truce",
                "conflict",
                "kind",
                "broker",
                "agreed",
                "effective",
                "status over time",
                "alleged breaches",
                "first alleged breach",
            ],
            table_row: &row,
            csv_header: &[
                "truce_id",
                "conflict",
                "brokers",
                "kind",
                "agreed_start",
                "agreed_end",
                "effective_start",
                "effective_end",
                "effective_time",
                "effective_zone",
                "effective_utc_time",
                "effective_stated",
                "status",
                "violations",
                "alleged_breaches",
                "first_breach_min_hours",
                "first_breach_max_hours",
                "first_breach_basis",
            ],
            csv_row: &csv_row,
        },
    )?;
    Ok(Status::Success)
}

fn claim_cells(claim: &Claim) -> [String; 6] {
    let mut asserts = serde_plain(&claim.assertion);
    if !claim.casualties.is_empty() {
        asserts.push_str(&format!(", {}", casualties_text(&claim.casualties)));
    }
    [
        claim.claimant.clone(),
        asserts,
        match &claim.mode {
            Some(mode) => format!("{} ({mode}) {}", claim.event_type, claim.about),
            None => format!("{} {}", claim.event_type, claim.about),
        },
        text(claim.date.as_ref().map(date_label)),
        text(claim.outlet.as_ref()),
        claim.evidence.clone(),
    ]
}

const CLAIM_CSV: [&str; 6] = [
    "claimant",
    "assertion",
    "event",
    "date",
    "outlet",
    "evidence",
];

pub fn claims(globals: &Globals, args: ClaimsArgs) -> Result<Status> {
    let ledger = load(globals)?;
    let format = format_or_default(args.format);
    if args.contradicting {
        let found = ledger.contradictions();
        let row = |c: &Contradiction| -> Vec<String> {
            let [a_who, a_what, _, a_date, a_outlet, a_evidence] = claim_cells(&c.first);
            let [b_who, b_what, _, b_date, b_outlet, b_evidence] = claim_cells(&c.second);
            vec![
                c.kind.as_str().to_string(),
                c.subject.clone(),
                format!(
                    "{a_who}: {a_what} ({a_date}, {a_outlet})\n“{}”",
                    truncate(&a_evidence, EVIDENCE_CHARS)
                ),
                format!(
                    "{b_who}: {b_what} ({b_date}, {b_outlet})\n“{}”",
                    truncate(&b_evidence, EVIDENCE_CHARS)
                ),
            ]
        };
        let csv_row = |c: &Contradiction| -> Vec<String> {
            let mut row = vec![
                c.kind.as_str().to_string(),
                text(c.conflict.as_ref()),
                c.subject.clone(),
            ];
            row.extend(claim_cells(&c.first));
            row.extend(claim_cells(&c.second));
            row
        };
        let mut header = vec!["kind", "conflict", "subject"];
        let first: Vec<String> = CLAIM_CSV.iter().map(|c| format!("first_{c}")).collect();
        let second: Vec<String> = CLAIM_CSV.iter().map(|c| format!("second_{c}")).collect();
        header.extend(first.iter().map(String::as_str));
        header.extend(second.iter().map(String::as_str));
        print(
            format,
            &found,
            View {
                empty: "no contradicting claims",
                table_header: &["contradiction", "about", "one claim", "the other"],
                table_row: &row,
                csv_header: &header,
                csv_row: &csv_row,
            },
        )?;
    } else {
        let claims = ledger.claims();
        let row = |c: &Claim| -> Vec<String> {
            let [who, what, event, date, outlet, evidence] = claim_cells(c);
            vec![
                date,
                who,
                what,
                event,
                c.stance.as_str().to_string(),
                outlet,
                truncate(&evidence, EVIDENCE_CHARS),
            ]
        };
        let csv_row = |c: &Claim| -> Vec<String> {
            let mut row = vec![
                c.event_id.clone(),
                c.cluster_id.clone(),
                c.stance.as_str().to_string(),
            ];
            row.extend(claim_cells(c));
            row
        };
        let mut header = vec!["event_id", "cluster_id", "stance"];
        header.extend(CLAIM_CSV);
        print(
            format,
            &claims,
            View {
                empty: "no claims",
                table_header: &[
                    "date", "claimant", "asserts", "event", "stance", "outlet", "evidence",
                ],
                table_row: &row,
                csv_header: &header,
                csv_row: &csv_row,
            },
        )?;
    }
    Ok(Status::Success)
}

pub fn timeline(globals: &Globals, args: TimelineArgs) -> Result<Status> {
    let ledger = load(globals)?;
    let filter = TimelineFilter {
        parties: args.party,
        since: args.since,
        until: args.until,
        news_only: !args.all,
    };
    let entries = ledger.timeline(&filter);
    let row = |e: &TimelineEntry| -> Vec<String> {
        vec![
            text(e.date),
            serde_plain(&e.kind),
            e.summary.clone(),
            e.articles.to_string(),
            e.id.clone(),
        ]
    };
    let csv_row = |e: &TimelineEntry| -> Vec<String> {
        vec![
            text(e.date),
            serde_plain(&e.kind),
            e.parties.join("; "),
            e.summary.clone(),
            e.articles.to_string(),
            e.id.clone(),
        ]
    };
    print(
        format_or_default(args.format),
        &entries,
        View {
            empty: "nothing on the time line",
            table_header: &["date", "kind", "what", "articles", "id"],
            table_row: &row,
            csv_header: &["date", "kind", "parties", "what", "articles", "id"],
            csv_row: &csv_row,
        },
    )?;
    Ok(Status::Success)
}

pub fn export(globals: &Globals, args: ExportArgs) -> Result<Status> {
    let ledger = load(globals)?;
    let reference = Reference::load(globals.data_dir.as_deref())
        .context("loading the CAMEO and country tables")?;
    let format = args.format;
    let clusters = ledger.clusters();
    match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("creating {}", path.display()))?;
            let mut out = std::io::BufWriter::new(file);
            export::write(format, &clusters, &reference, &mut out)
                .with_context(|| format!("writing {}", path.display()))?;
        }
        None => export::write(format, &clusters, &reference, &mut stdout())?,
    }
    Ok(Status::Success)
}

/// The serde name of a unit enum value ("humanitarian").
fn serde_plain(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}
