//! Clusters in the formats other tools read: GDELT 2.0 event table rows, ACLED rows, PLOVER
//! JSON records, JSON Lines of clusters, and a CSV summary of clusters.
//!
//! One cluster (one real-world event) is one record, as in GDELT and ACLED, whose counts of
//! mentions, sources and articles come from the cluster. Column names and order follow the
//! published lists: [`GDELT_COLUMNS`] (GDELT 2.0 Event Database codebook, 61 columns),
//! [`ACLED_COLUMNS`] (ACLED codebook, 31 columns) and the PLOVER JSON fields (PLOVER manual,
//! "JSON Data Fields"). Each file starts with a header line so that spreadsheets and pandas
//! read it as it is (GDELT's own files have none: skip the first line to append to them).
//!
//! Goldstein scores, quad classes and FIPS country codes come from `data/cameo/` (see
//! data/README.md for their provenance and licence), embedded and replaceable by a data
//! directory.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use observer_model::{Actor, CasualtyKind, DatePrecision, EventType, PlacePrecision};
use serde_json::{Value, json};

use crate::resolve::Cluster;

/// GDELT 2.0 event table columns, in order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// ACLED export columns, in order.
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// The PLOVER JSON fields this export fills (all from the manual's table; `dead` and
/// `injured` from its size object).
pub const PLOVER_FIELDS: [&str; 16] = [
    "id",
    "date",
    "enddate",
    "source",
    "recipient",
    "event",
    "mode",
    "event_loc",
    "event_text",
    "quad_code",
    "event_scale",
    "link",
    "cite_info",
    "coder",
    "dead",
    "injured",
];

/// The columns of `observer export --format csv`: one cluster per row.
pub const CLUSTER_CSV_COLUMNS: [&str; 20] = [
    "cluster_id",
    "date_start",
    "date_end",
    "date_precision",
    "type",
    "mode",
    "cameo",
    "source",
    "source_country",
    "target",
    "target_country",
    "place",
    "place_country",
    "lat",
    "lon",
    "killed_low",
    "killed_high",
    "mentions",
    "articles",
    "outlets",
];

/// The export formats. Their names ("gdelt", "acled", "plover", "jsonl", "csv") are the values
/// of `observer export --format` (feature `clap`) and of `GET /api/export?format=` (serde, and
/// feature `openapi` for its schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = ExportFormat))]
pub enum Format {
    Gdelt,
    Acled,
    Plover,
    Jsonl,
    Csv,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: {problem}")]
    Data { path: String, problem: String },
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Csv(#[from] csv::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

/// The look-up tables exports need: CAMEO code → Goldstein and quad class; ISO3 → FIPS 10-4
/// and country name.
#[derive(Debug, Clone)]
pub struct Reference {
    cameo: HashMap<String, (f64, u8)>,
    fips: HashMap<String, String>,
    country_names: HashMap<String, String>,
}

const EVENT_CODES: &str = "cameo/event_codes.tsv";
const FIPS_COUNTRIES: &str = "cameo/fips_countries.tsv";
const COUNTRIES: &str = "countries/countries.tsv";
const EMBEDDED: [(&str, &str); 3] = [
    (
        EVENT_CODES,
        include_str!("../../../data/cameo/event_codes.tsv"),
    ),
    (
        FIPS_COUNTRIES,
        include_str!("../../../data/cameo/fips_countries.tsv"),
    ),
    (
        COUNTRIES,
        include_str!("../../../data/countries/countries.tsv"),
    ),
];

impl Reference {
    /// The embedded tables.
    pub fn embedded() -> Result<Reference, ExportError> {
        Reference::load(None)
    }

    /// The tables, each taken from `data_dir` (same relative path as under data/) when there.
    pub fn load(data_dir: Option<&Path>) -> Result<Reference, ExportError> {
        let read = |name: &str| -> Result<(String, String), ExportError> {
            if let Some(path) = data_dir.map(|d| d.join(name)).filter(|p| p.exists()) {
                let text = std::fs::read_to_string(&path).map_err(|e| ExportError::Data {
                    path: path.display().to_string(),
                    problem: e.to_string(),
                })?;
                return Ok((path.display().to_string(), text));
            }
            let text = EMBEDDED
                .iter()
                .find(|(file, _)| *file == name)
                .map(|(_, text)| text.to_string())
                .unwrap_or_default();
            Ok((format!("data/{name} (embedded)"), text))
        };
        let (origin, text) = read(EVENT_CODES)?;
        let mut cameo = HashMap::new();
        for (line, row) in rows(&text, &origin, &["code", "goldstein", "quad_class"])? {
            let bad = |what: &str| ExportError::Data {
                path: format!("{origin}:{line}"),
                problem: format!("{what} is not a number"),
            };
            let goldstein: f64 = row[1].parse().map_err(|_| bad("goldstein"))?;
            let quad: u8 = row[2].parse().map_err(|_| bad("quad_class"))?;
            cameo.insert(row[0].clone(), (goldstein, quad));
        }
        let (origin, text) = read(FIPS_COUNTRIES)?;
        let mut fips = HashMap::new();
        for (_, row) in rows(&text, &origin, &["fips", "iso3"])? {
            if !row[1].is_empty() {
                fips.entry(row[1].clone()).or_insert_with(|| row[0].clone());
            }
        }
        let (origin, text) = read(COUNTRIES)?;
        let country_names = rows(&text, &origin, &["iso3", "name"])?
            .into_iter()
            .map(|(_, row)| (row[0].clone(), row[1].clone()))
            .collect();
        Ok(Reference {
            cameo,
            fips,
            country_names,
        })
    }

    /// Goldstein score and quad class of a CAMEO code, falling back to its base and root code.
    pub fn cameo(&self, code: &str) -> Option<(f64, u8)> {
        [code.len(), 3, 2]
            .into_iter()
            .filter(|&n| n <= code.len())
            .find_map(|n| self.cameo.get(&code[..n]).copied())
    }

    pub fn fips(&self, iso3: &str) -> Option<&str> {
        self.fips.get(iso3).map(String::as_str)
    }

    pub fn country_name(&self, iso3: &str) -> Option<&str> {
        self.country_names.get(iso3).map(String::as_str)
    }
}

/// The named columns of a tab-separated table with a header, with line numbers.
fn rows(
    text: &str,
    origin: &str,
    wanted: &[&str],
) -> Result<Vec<(usize, Vec<String>)>, ExportError> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    let Some((_, header)) = lines.next() else {
        return Err(ExportError::Data {
            path: origin.to_string(),
            problem: "empty table".into(),
        });
    };
    let header: Vec<&str> = header.split('\t').collect();
    let columns: Vec<usize> = wanted
        .iter()
        .map(|name| {
            header
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| ExportError::Data {
                    path: origin.to_string(),
                    problem: format!("no column {name:?}"),
                })
        })
        .collect::<Result<_, _>>()?;
    Ok(lines
        .map(|(i, line)| {
            let cells: Vec<&str> = line.split('\t').collect();
            let row = columns
                .iter()
                .map(|&c| cells.get(c).copied().unwrap_or("").to_string())
                .collect();
            (i + 1, row)
        })
        .collect())
}

/// Writes `clusters` in `format` to `out`.
pub fn write(
    format: Format,
    clusters: &[Cluster],
    reference: &Reference,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    match format {
        Format::Gdelt => {
            let mut tsv = csv::WriterBuilder::new()
                .delimiter(b'\t')
                .quote_style(csv::QuoteStyle::Never)
                .from_writer(out);
            tsv.write_record(GDELT_COLUMNS)?;
            for cluster in clusters.iter().filter(|c| exportable(c)) {
                tsv.write_record(gdelt_row(cluster, reference).map(|cell| no_tabs(&cell)))?;
            }
            tsv.flush()?;
        }
        Format::Acled => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(ACLED_COLUMNS)?;
            for cluster in clusters.iter().filter(|c| exportable(c)) {
                if let Some(row) = acled_row(cluster, reference) {
                    csv.write_record(row)?;
                }
            }
            csv.flush()?;
        }
        Format::Plover => {
            for cluster in clusters.iter().filter(|c| exportable(c)) {
                serde_json::to_writer(&mut *out, &plover_record(cluster, reference))?;
                writeln!(out)?;
            }
            out.flush()?;
        }
        Format::Jsonl => {
            for cluster in clusters {
                serde_json::to_writer(&mut *out, cluster)?;
                writeln!(out)?;
            }
            out.flush()?;
        }
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(CLUSTER_CSV_COLUMNS)?;
            for cluster in clusters {
                csv.write_record(cluster_csv_row(cluster))?;
            }
            csv.flush()?;
        }
    }
    Ok(())
}

/// Event datasets hold what happened: not the hypothetical, the merely denied, or the
/// background recalled, and only what is dated.
fn exportable(cluster: &Cluster) -> bool {
    !cluster.hypothetical
        && !cluster.negated
        && !cluster.background
        && cluster.date.as_ref().and_then(|d| d.start).is_some()
}

/// GDELT cells are tab-separated and unquoted: tabs and line breaks inside become spaces.
fn no_tabs(cell: &str) -> String {
    cell.replace(['\t', '\n', '\r'], " ")
}

fn start_day(cluster: &Cluster) -> Option<NaiveDate> {
    cluster.date.as_ref().and_then(|d| d.start)
}

/// A numeric event id from the cluster id (GDELT and ACLED ids are numbers).
fn numeric_id(cluster: &Cluster) -> u64 {
    u64::from_str_radix(cluster.id.trim_start_matches('k'), 16).unwrap_or(0) % 1_000_000_000_000
}

fn text<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn gdelt_row(cluster: &Cluster, reference: &Reference) -> [String; 61] {
    let day = start_day(cluster);
    let code = cluster.cameo.as_str();
    let (goldstein, quad) = reference.cameo(code).unzip();
    let actor = |a: Option<&Actor>| -> [String; 10] {
        match a {
            Some(a) => [
                a.code.clone(),
                a.name.to_uppercase(),
                text(a.country.as_ref()),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                text(a.role.as_ref()),
                String::new(),
                String::new(),
            ],
            None => Default::default(),
        }
    };
    let place = cluster.place.as_ref();
    let fips = place
        .and_then(|p| p.country.as_deref())
        .and_then(|iso3| reference.fips(iso3));
    let geo_type = place.map(|p| match p.precision {
        PlacePrecision::Country => 1,
        PlacePrecision::Admin1 | PlacePrecision::Region => 5,
        PlacePrecision::City => 4,
    });
    let full_name = place.map(|p| {
        [
            Some(p.name.as_str()),
            p.admin1.as_deref(),
            p.country.as_deref().and_then(|c| reference.country_name(c)),
        ]
        .into_iter()
        .flatten()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    });
    let root = cluster.mentions.iter().any(|m| is_lead(&m.event_id));
    let url = cluster
        .mentions
        .iter()
        .find_map(|m| m.url.clone())
        .unwrap_or_else(|| cluster.mentions[0].article_id.clone());
    let mut row: Vec<String> = vec![
        numeric_id(cluster).to_string(),
        text(day.map(|d| d.format("%Y%m%d"))),
        text(day.map(|d| d.format("%Y%m"))),
        text(day.map(|d| d.year())),
        text(day.map(|d| format!("{:.4}", d.year() as f64 + d.ordinal0() as f64 / 365.0))),
    ];
    row.extend(actor(cluster.source.as_ref()));
    row.extend(actor(cluster.target.as_ref()));
    row.extend([
        (root as u8).to_string(),
        code.to_string(),
        code.chars().take(3).collect(),
        code.chars().take(2).collect(),
        text(quad),
        text(goldstein),
        cluster.counts.mentions.to_string(),
        cluster.counts.outlets.max(1).to_string(),
        cluster.counts.articles.to_string(),
        String::new(),
    ]);
    // Actor geography is not coded: only where the action took place.
    row.extend(std::iter::repeat_n(String::new(), 16));
    row.extend([
        text(geo_type),
        text(full_name),
        text(fips),
        text(fips),
        String::new(),
        text(place.and_then(|p| p.lat)),
        text(place.and_then(|p| p.lon)),
        text(place.and_then(|p| p.gazetteer_id.as_ref())),
        text(
            cluster
                .first_reported()
                .map(|d| format!("{}000000", d.format("%Y%m%d"))),
        ),
        url,
    ]);
    row.try_into()
        .unwrap_or_else(|row: Vec<String>| unreachable!("GDELT row has {} cells", row.len()))
}

/// Whether an event id (`{article}-{sentence}-{n}`) comes from the lead: the title or first
/// sentences, which GDELT marks as root events.
fn is_lead(event_id: &str) -> bool {
    event_id
        .rsplit('-')
        .nth(1)
        .and_then(|s| s.parse::<usize>().ok())
        .is_some_and(|sentence| sentence <= 2)
}

/// ACLED's event type and sub-event type for a cluster; `None` for what ACLED does not code
/// (statements, talks, aid).
fn acled_types(cluster: &Cluster) -> Option<(&'static str, &'static str, &'static str)> {
    const VIOLENCE: &str = "Political violence";
    const STRATEGIC: &str = "Strategic developments";
    let on_civilians = cluster.target.as_ref().and_then(|t| t.role.as_deref()) == Some("CVL");
    let mode = cluster.mode.as_deref();
    Some(match cluster.event_type {
        EventType::Assault => match mode {
            Some("aerial" | "drone") => {
                (VIOLENCE, "Explosions/Remote violence", "Air/drone strike")
            }
            Some("shelling" | "missile") => (
                VIOLENCE,
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
            ),
            Some("explosives") => (
                VIOLENCE,
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            ),
            Some("abduction") => (
                VIOLENCE,
                "Violence against civilians",
                "Abduction/forced disappearance",
            ),
            Some("occupation") => (VIOLENCE, "Battles", "Government regains territory"),
            _ if on_civilians => (VIOLENCE, "Violence against civilians", "Attack"),
            _ => (VIOLENCE, "Battles", "Armed clash"),
        },
        EventType::Protest if mode == Some("riot") => {
            ("Demonstrations", "Riots", "Violent demonstration")
        }
        EventType::Protest => ("Demonstrations", "Protests", "Peaceful protest"),
        EventType::Coerce if mode == Some("arrest") => {
            (STRATEGIC, "Strategic developments", "Arrests")
        }
        EventType::Agree | EventType::Concede | EventType::Retreat if mode == Some("ceasefire") => {
            (STRATEGIC, "Strategic developments", "Agreement")
        }
        _ => return None,
    })
}

/// ACLED's actor type code: 1 state forces, 2 rebel groups, 6 protesters, 7 civilians,
/// 8 external/other forces (a state acting outside its own country).
fn acled_inter(actor: Option<&Actor>, country: Option<&str>) -> Option<u8> {
    let actor = actor?;
    Some(match actor.role.as_deref() {
        Some("REB" | "INS" | "SEP") => 2,
        Some("OPP") => 6,
        Some("CVL") => 7,
        Some("IGO" | "NGO") => 8,
        _ if country.is_some() && actor.country.as_deref() != country => 8,
        _ => 1,
    })
}

fn acled_row(cluster: &Cluster, reference: &Reference) -> Option<[String; 31]> {
    let (disorder, event_type, sub_event_type) = acled_types(cluster)?;
    let day = start_day(cluster)?;
    let place = cluster.place.as_ref();
    let country = place
        .and_then(|p| p.country.clone())
        .or_else(|| cluster.target.as_ref().and_then(|a| a.country.clone()))
        .or_else(|| cluster.source.as_ref().and_then(|a| a.country.clone()));
    let inter1 = acled_inter(cluster.source.as_ref(), country.as_deref());
    let inter2 = acled_inter(cluster.target.as_ref(), country.as_deref());
    let interaction = match (inter1, inter2) {
        (Some(a), Some(b)) => Some(a.min(b) * 10 + a.max(b)),
        (Some(a), None) | (None, Some(a)) => Some(a * 10),
        (None, None) => None,
    };
    let precision = cluster.date.as_ref().map(|d| match d.precision {
        DatePrecision::Day => 1,
        DatePrecision::Week => 2,
        DatePrecision::Month | DatePrecision::Year => 3,
    });
    let geo_precision = place.map(|p| match p.precision {
        PlacePrecision::City => 1,
        PlacePrecision::Region => 2,
        PlacePrecision::Admin1 | PlacePrecision::Country => 3,
    });
    let civilian_targeting = cluster.target.as_ref().and_then(|t| t.role.as_deref()) == Some("CVL");
    let notes = format!(
        "{} Reported {} times in {} articles by {} outlets; claimants: {}.",
        cluster.mentions[0].evidence.trim(),
        cluster.counts.mentions,
        cluster.counts.articles,
        cluster.counts.outlets,
        if cluster.claimants.is_empty() {
            "none named".to_string()
        } else {
            cluster.claimants.join(", ")
        }
    );
    let timestamp = cluster
        .first_reported()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp());
    Some([
        format!(
            "{}{}",
            country.clone().unwrap_or_else(|| "XXX".into()),
            numeric_id(cluster) % 1_000_000
        ),
        day.format("%Y-%m-%d").to_string(),
        day.year().to_string(),
        text(precision),
        disorder.to_string(),
        event_type.to_string(),
        sub_event_type.to_string(),
        text(cluster.source.as_ref().map(|a| a.name.clone())),
        String::new(),
        text(inter1),
        text(cluster.target.as_ref().map(|a| a.name.clone())),
        String::new(),
        text(inter2),
        text(interaction),
        if civilian_targeting {
            "Civilian targeting".into()
        } else {
            String::new()
        },
        String::new(),
        String::new(),
        text(country.as_deref().and_then(|c| reference.country_name(c))),
        text(place.and_then(|p| p.admin1.clone()).or_else(|| {
            place
                .filter(|p| p.precision == PlacePrecision::Admin1)
                .map(|p| p.name.clone())
        })),
        String::new(),
        String::new(),
        text(place.map(|p| p.name.clone())),
        text(place.and_then(|p| p.lat)),
        text(place.and_then(|p| p.lon)),
        text(geo_precision),
        cluster.outlets.join("; "),
        String::new(),
        notes,
        cluster.killed.map_or(0, |k| k.best).to_string(),
        String::new(),
        text(timestamp),
    ])
}

/// PLOVER's quad category of its event types (PLOVER manual, "PLOVER quad categories").
fn plover_quad(event_type: EventType) -> u8 {
    match event_type {
        EventType::Agree | EventType::Consult | EventType::Support | EventType::Concede => 1,
        EventType::Cooperate | EventType::Aid | EventType::Retreat => 2,
        EventType::Request
        | EventType::Accuse
        | EventType::Reject
        | EventType::Sanction
        | EventType::Threaten => 3,
        EventType::Protest | EventType::Mobilize | EventType::Coerce | EventType::Assault => 4,
    }
}

fn plover_actor(actor: &Actor) -> Value {
    let mut object = json!({ "actor_text": actor.text, "identifier_text": actor.name });
    if let Some(country) = &actor.country {
        object["code"] = json!(country);
    }
    if let Some(role) = &actor.role {
        object["sector"] = json!(role);
    }
    object
}

fn plover_record(cluster: &Cluster, reference: &Reference) -> Value {
    let date = cluster.date.as_ref();
    let place = cluster.place.as_ref();
    let count = |kind: CasualtyKind| -> Option<u64> {
        (kind == CasualtyKind::Killed)
            .then_some(cluster.killed.map(|k| k.best))
            .flatten()
    };
    let first = &cluster.mentions[0];
    let mut record = json!({
        "id": cluster.id,
        "date": date.and_then(|d| d.start).map(|d| d.to_string()),
        "source": cluster.source.iter().map(plover_actor).collect::<Vec<_>>(),
        "recipient": cluster.target.iter().map(plover_actor).collect::<Vec<_>>(),
        "event": [cluster.event_type.as_str()],
        "mode": cluster.mode.iter().collect::<Vec<_>>(),
        "event_text": cluster.mentions.iter().map(|m| m.evidence.as_str()).collect::<Vec<_>>(),
        "quad_code": plover_quad(cluster.event_type),
        "event_scale": reference.cameo(&cluster.cameo).map(|(g, _)| g),
        "link": cluster.id,
        "cite_info": {
            "publication": first.outlet,
            "url": first.url,
            "citation": first.article_id,
        },
        "coder": concat!("observer ", env!("CARGO_PKG_VERSION")),
    });
    if let Some(end) = date
        .and_then(|d| d.end)
        .filter(|end| Some(*end) != date.and_then(|d| d.start))
    {
        record["enddate"] = json!(end.to_string());
    }
    if let Some(place) = place {
        record["event_loc"] = json!({
            "name": place.name,
            "geonameid": place.gazetteer_id,
            "latitude": place.lat,
            "longitude": place.lon,
            "cc3": place.country,
            "admin1": place.admin1,
        });
    }
    if let Some(dead) = count(CasualtyKind::Killed) {
        record["dead"] = json!(dead);
    }
    record
}

fn cluster_csv_row(cluster: &Cluster) -> [String; 20] {
    let date = cluster.date.as_ref();
    let place = cluster.place.as_ref();
    [
        cluster.id.clone(),
        text(date.and_then(|d| d.start)),
        text(date.and_then(|d| d.end)),
        text(date.map(|d| d.precision.as_str())),
        cluster.event_type.as_str().to_string(),
        text(cluster.mode.as_ref()),
        cluster.cameo.clone(),
        text(cluster.source.as_ref().map(|a| &a.name)),
        text(cluster.source.as_ref().and_then(|a| a.country.as_ref())),
        text(cluster.target.as_ref().map(|a| &a.name)),
        text(cluster.target.as_ref().and_then(|a| a.country.as_ref())),
        text(place.map(|p| &p.name)),
        text(place.and_then(|p| p.country.as_ref())),
        text(place.and_then(|p| p.lat)),
        text(place.and_then(|p| p.lon)),
        text(cluster.killed.map(|k| k.low)),
        text(cluster.killed.and_then(|k| k.high)),
        cluster.counts.mentions.to_string(),
        cluster.counts.articles.to_string(),
        cluster.counts.outlets.to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_load_and_fall_back_to_base_codes() {
        let reference = Reference::embedded().unwrap();
        assert_eq!(reference.cameo("190"), Some((-10.0, 4)));
        let (goldstein, quad) = reference.cameo("0871").unwrap();
        assert!(goldstein > 0.0 && quad == 2, "{goldstein} {quad}");
        assert_eq!(reference.fips("AZE"), Some("AJ"));
        assert_eq!(reference.country_name("ARM"), Some("Armenia"));
        assert!(is_lead("840ef5eee5e3f3fa-0-0"));
        assert!(!is_lead("840ef5eee5e3f3fa-12-1"));
    }
}
