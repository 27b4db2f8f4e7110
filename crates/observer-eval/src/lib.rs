//! Scores the extraction engine against a gold corpus: articles (`NAME.txt`) with hand-annotated
//! events (`NAME.gold.json`, format in `tests/gold/README.md`).
//!
//! Gold and system events are paired within a sentence by event type, greedily by how many fields
//! agree. Event detection is scored by precision, recall and F1 over the pairs; each field by F1
//! over its non-empty values (a value on an unpaired event counts against it) and by accuracy on
//! the paired events where the gold value is known.

use observer_extract::Extractor;
use observer_model::{Actor, Event};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

fn invalid(path: &Path, message: impl Into<String>) -> EvalError {
    EvalError::Invalid {
        path: path.display().to_string(),
        message: message.into(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct GoldActor {
    pub country: Option<String>,
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct GoldCasualty {
    pub kind: String,
    pub group: String,
    pub min: Option<u64>,
    pub max: Option<u64>,
}

/// One hand-annotated event.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GoldEvent {
    pub sentence: String,
    #[serde(rename = "type")]
    pub event_type: String,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub source: Option<GoldActor>,
    #[serde(default)]
    pub target: Option<GoldActor>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub date: Option<(String, String)>,
    #[serde(default)]
    pub casualties: Vec<GoldCasualty>,
    #[serde(default)]
    pub claimant: Option<GoldActor>,
    #[serde(default)]
    pub stance: Option<String>,
    #[serde(default)]
    pub negated: bool,
    #[serde(default)]
    pub hypothetical: bool,
    #[serde(default)]
    pub background: bool,
}

#[derive(Debug, Deserialize)]
struct GoldFile {
    events: Vec<GoldEvent>,
}

/// A gold article: the text as Observer reads it and the events annotated for it.
#[derive(Debug)]
pub struct GoldArticle {
    pub path: PathBuf,
    pub article: observer_model::Article,
    pub events: Vec<GoldEvent>,
    /// Sentence index of each gold event.
    pub sentences: Vec<usize>,
}

/// Reads every `*.txt` with a `*.gold.json` beside it under `dir`, sorted by name.
pub fn load_corpus(dir: &Path) -> Result<Vec<GoldArticle>, EvalError> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| invalid(dir, e.to_string()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let gold_path = path.with_extension("gold.json");
        if !gold_path.exists() {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| invalid(&path, e.to_string()))?;
        let record =
            observer_ingest::parse_text(&path.display().to_string(), &bytes, &Default::default())
                .map_err(|skip| invalid(&path, skip.reason))?;
        let gold: GoldFile = serde_json::from_str(
            &std::fs::read_to_string(&gold_path).map_err(|e| invalid(&gold_path, e.to_string()))?,
        )
        .map_err(|e| invalid(&gold_path, e.to_string()))?;
        let text = &record.article.text;
        let sentences = observer_text::sentences(text);
        let mut indexes = Vec::new();
        for g in &gold.events {
            let hits: Vec<usize> = text
                .match_indices(g.sentence.as_str())
                .map(|(i, _)| i)
                .collect();
            let [at] = hits.as_slice() else {
                return Err(invalid(
                    &gold_path,
                    format!(
                        "sentence {:?} occurs {} times in the article",
                        g.sentence,
                        hits.len()
                    ),
                ));
            };
            let index = sentences
                .iter()
                .find(|s| s.start <= *at && *at < s.end)
                .map(|s| s.index)
                .ok_or_else(|| {
                    invalid(
                        &gold_path,
                        format!("sentence {:?} is outside every sentence", g.sentence),
                    )
                })?;
            indexes.push(index);
        }
        out.push(GoldArticle {
            path,
            article: record.article,
            events: gold.events,
            sentences: indexes,
        });
    }
    if out.is_empty() {
        return Err(invalid(dir, "no NAME.txt with a NAME.gold.json beside it"));
    }
    Ok(out)
}

/// Counts for one field: values the system got right, values it gave that are wrong or on
/// spurious events, and gold values it missed.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    /// On paired events with a known gold value: how many the system got right, of how many.
    pub correct: usize,
    pub compared: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn accuracy(&self) -> f64 {
        ratio(self.correct, self.compared)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// A disagreement to show the user.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub article: String,
    pub sentence: String,
    /// "missed", "spurious", or the field that differs.
    pub what: String,
    pub gold: String,
    pub system: String,
}

#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub articles: usize,
    pub gold_events: usize,
    pub system_events: usize,
    /// Field name to its score; "event" is detection (type within the sentence).
    pub fields: BTreeMap<String, Score>,
    pub misses: Vec<Miss>,
}

impl Report {
    /// Spurious system events per true (gold) event.
    pub fn spurious_per_true(&self) -> f64 {
        let event = self.fields.get("event").copied().unwrap_or_default();
        ratio(event.fp, self.gold_events)
    }
}

/// The field names, in the order reports print them.
pub const FIELDS: &[&str] = &[
    "event",
    "mode",
    "source",
    "source_country",
    "target",
    "target_country",
    "place",
    "date",
    "casualties",
    "claimant",
    "stance",
    "flags",
];

fn actor_key(a: &Option<Actor>) -> Option<String> {
    a.as_ref().map(|a| {
        format!(
            "{}/{}",
            a.country.as_deref().unwrap_or("-"),
            a.role.as_deref().unwrap_or("-")
        )
    })
}

fn gold_actor_key(a: &Option<GoldActor>) -> Option<String> {
    a.as_ref().map(|a| {
        format!(
            "{}/{}",
            a.country.as_deref().unwrap_or("-"),
            a.role.as_deref().unwrap_or("-")
        )
    })
}

fn country(a: &Option<Actor>) -> Option<String> {
    a.as_ref().and_then(|a| a.country.clone())
}

/// The value of each field of a system event, as comparable strings (None = no value).
fn system_fields(e: &Event) -> BTreeMap<&'static str, Option<String>> {
    let mut casualties: Vec<String> = e
        .casualties
        .iter()
        .map(|c| {
            let v = serde_json::to_value(c).unwrap_or_default();
            format!(
                "{} {} {:?}-{:?}",
                v["kind"].as_str().unwrap_or(""),
                v["group"].as_str().unwrap_or(""),
                c.min,
                c.max
            )
        })
        .collect();
    casualties.sort();
    BTreeMap::from([
        ("event", Some(e.event_type.to_string())),
        ("mode", e.mode.clone()),
        ("source", actor_key(&e.source)),
        ("source_country", country(&e.source)),
        ("target", actor_key(&e.target)),
        ("target_country", country(&e.target)),
        ("place", e.place.as_ref().map(|p| p.name.to_lowercase())),
        (
            "date",
            e.date
                .as_ref()
                .and_then(|d| Some(format!("{}..{}", d.start?, d.end?))),
        ),
        (
            "casualties",
            (!casualties.is_empty()).then(|| casualties.join("; ")),
        ),
        ("claimant", actor_key(&e.claimant)),
        ("stance", Some(e.stance.as_str().to_string())),
        (
            "flags",
            Some(flags(e.negated, e.hypothetical, e.background)),
        ),
    ])
}

fn flags(negated: bool, hypothetical: bool, background: bool) -> String {
    format!("negated={negated} hypothetical={hypothetical} background={background}")
}

fn gold_fields(g: &GoldEvent) -> BTreeMap<&'static str, Option<String>> {
    let mut casualties: Vec<String> = g
        .casualties
        .iter()
        .map(|c| format!("{} {} {:?}-{:?}", c.kind, c.group, c.min, c.max))
        .collect();
    casualties.sort();
    BTreeMap::from([
        ("event", Some(g.event_type.to_uppercase())),
        ("mode", g.mode.clone()),
        ("source", gold_actor_key(&g.source)),
        (
            "source_country",
            g.source.as_ref().and_then(|a| a.country.clone()),
        ),
        ("target", gold_actor_key(&g.target)),
        (
            "target_country",
            g.target.as_ref().and_then(|a| a.country.clone()),
        ),
        ("place", g.place.as_ref().map(|p| p.to_lowercase())),
        ("date", g.date.as_ref().map(|(s, e)| format!("{s}..{e}"))),
        (
            "casualties",
            (!casualties.is_empty()).then(|| casualties.join("; ")),
        ),
        ("claimant", gold_actor_key(&g.claimant)),
        ("stance", g.stance.clone()),
        (
            "flags",
            Some(flags(g.negated, g.hypothetical, g.background)),
        ),
    ])
}

/// A system place name matches the gold one by name, or by one naming the other ("Kharkiv" for
/// "Kharkiv Oblast" is not enough: the comparison is exact after lower-casing).
fn same(field: &str, gold: &str, system: &str) -> bool {
    match field {
        "place" => gold == system || system.split(',').next() == Some(gold),
        _ => gold == system,
    }
}

/// Codes every gold article and scores the events.
pub fn evaluate(extractor: &Extractor, corpus: &[GoldArticle]) -> Report {
    let mut report = Report {
        articles: corpus.len(),
        ..Report::default()
    };
    for field in FIELDS {
        report.fields.insert(field.to_string(), Score::default());
    }
    for gold in corpus {
        let extraction = extractor.extract(&gold.article);
        let system = extraction.events;
        report.gold_events += gold.events.len();
        report.system_events += system.len();
        let name = gold
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let gfields: Vec<_> = gold.events.iter().map(gold_fields).collect();
        let sfields: Vec<_> = system.iter().map(system_fields).collect();
        // Pair greedily: the candidate pairs (same sentence, same type) with most fields agreeing first.
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        for (gi, g) in gfields.iter().enumerate() {
            for (si, s) in sfields.iter().enumerate() {
                if system[si].evidence.sentence == gold.sentences[gi] && g["event"] == s["event"] {
                    let agree = FIELDS
                        .iter()
                        .filter(|f| g[*f].is_some() && g[*f] == s[*f])
                        .count();
                    candidates.push((agree, gi, si));
                }
            }
        }
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut gold_pair = vec![None; gfields.len()];
        let mut sys_paired = vec![false; sfields.len()];
        for (_, gi, si) in candidates {
            if gold_pair[gi].is_none() && !sys_paired[si] {
                gold_pair[gi] = Some(si);
                sys_paired[si] = true;
            }
        }
        let sentence_of = |i: usize| -> String {
            extraction
                .sentences
                .get(i)
                .map(|s| gold.article.text[s.start..s.end].to_string())
                .unwrap_or_default()
        };
        for (gi, g) in gfields.iter().enumerate() {
            match gold_pair[gi] {
                Some(si) => {
                    let mut s = sfields[si].clone();
                    // The same place under another spelling counts: compare gazetteer identities.
                    let system_place_id = system[si]
                        .place
                        .as_ref()
                        .and_then(|p| p.gazetteer_id.clone());
                    if let (Some(gold_place), Some(id)) = (&gold.events[gi].place, system_place_id)
                        && extractor.place_ids(gold_place).contains(&id)
                    {
                        s.insert("place", g["place"].clone());
                    }
                    let s = &s;
                    for field in FIELDS {
                        let score = report.fields.get_mut(*field).expect("field registered");
                        match (&g[*field], &s[*field]) {
                            (Some(gv), Some(sv)) if same(field, gv, sv) => {
                                score.tp += 1;
                                score.correct += 1;
                                score.compared += 1;
                            }
                            (gv, sv) => {
                                if gv.is_some() {
                                    score.fn_ += 1;
                                    score.compared += 1;
                                }
                                if sv.is_some() {
                                    score.fp += 1;
                                }
                                if *field != "event" && (gv.is_some() || sv.is_some()) {
                                    report.misses.push(Miss {
                                        article: name.clone(),
                                        sentence: sentence_of(gold.sentences[gi]),
                                        what: field.to_string(),
                                        gold: gv.clone().unwrap_or_else(|| "-".into()),
                                        system: sv.clone().unwrap_or_else(|| "-".into()),
                                    });
                                }
                            }
                        }
                    }
                }
                None => {
                    for field in FIELDS {
                        if g[*field].is_some() {
                            report.fields.get_mut(*field).expect("field registered").fn_ += 1;
                        }
                    }
                    report.misses.push(Miss {
                        article: name.clone(),
                        sentence: sentence_of(gold.sentences[gi]),
                        what: "missed".into(),
                        gold: describe(g),
                        system: "-".into(),
                    });
                }
            }
        }
        for (si, s) in sfields.iter().enumerate() {
            if sys_paired[si] {
                continue;
            }
            for field in FIELDS {
                if s[*field].is_some() {
                    report.fields.get_mut(*field).expect("field registered").fp += 1;
                }
            }
            report.misses.push(Miss {
                article: name.clone(),
                sentence: sentence_of(system[si].evidence.sentence),
                what: "spurious".into(),
                gold: "-".into(),
                system: describe(s),
            });
        }
    }
    report
}

fn describe(fields: &BTreeMap<&'static str, Option<String>>) -> String {
    ["event", "mode", "source", "target", "date", "claimant"]
        .iter()
        .filter_map(|f| fields[f].as_ref().map(|v| format!("{f}={v}")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The report as a plain-text table, followed by at most `max_misses` misses.
pub fn render(report: &Report, max_misses: usize) -> String {
    let mut out = format!(
        "{} articles, {} gold events, {} system events; {:.2} spurious events per true event\n\n",
        report.articles,
        report.gold_events,
        report.system_events,
        report.spurious_per_true()
    );
    out.push_str(&format!(
        "{:<16}{:>10}{:>10}{:>10}{:>12}{:>12}\n",
        "field", "precision", "recall", "F1", "accuracy", "(paired)"
    ));
    for field in FIELDS {
        let s = report.fields[*field];
        out.push_str(&format!(
            "{:<16}{:>10.3}{:>10.3}{:>10.3}{:>12.3}{:>12}\n",
            field,
            s.precision(),
            s.recall(),
            s.f1(),
            s.accuracy(),
            format!("{}/{}", s.correct, s.compared)
        ));
    }
    if max_misses > 0 && !report.misses.is_empty() {
        out.push_str(&format!(
            "\nMisses ({} in all, first {}):\n",
            report.misses.len(),
            max_misses.min(report.misses.len())
        ));
        for m in report.misses.iter().take(max_misses) {
            out.push_str(&format!(
                "- {} [{}] gold: {} | system: {}\n    {}\n",
                m.article, m.what, m.gold, m.system, m.sentence
            ));
        }
    }
    out
}

/// Scores against a sentence-level development set in the shape of `shared/dev/petr2_gsr.jsonl`:
/// one sentence per line with its human CAMEO codings mapped to PLOVER types. Only the PLOVER
/// type and the source and target countries can be compared (the set has no places, dates or
/// claimants).
pub fn evaluate_dev(extractor: &Extractor, path: &Path) -> Result<DevReport, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|e| invalid(path, e.to_string()))?;
    let mut report = DevReport::default();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| invalid(path, format!("line {}: {e}", n + 1)))?;
        let sentence = v["text"].as_str().unwrap_or_default();
        let article = observer_model::Article {
            id: v["id"].as_str().unwrap_or("dev").to_string(),
            url: None,
            source: None,
            published: v["date"].as_str().and_then(|d| d.parse().ok()),
            title: None,
            text: sentence.to_string(),
            lang: None,
            extra: Default::default(),
        };
        let system = extractor.extract(&article).events;
        let gold: Vec<(String, String, String)> = v["codings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| {
                let ty = c["plover"]["event"].as_str()?.to_string();
                let country = |k: &str| c[k]["country"].as_str().unwrap_or("-").to_string();
                Some((ty, country("source_parts"), country("target_parts")))
            })
            .collect();
        let sys: Vec<(String, String, String)> = system
            .iter()
            .map(|e| {
                let c = |a: &Option<Actor>| {
                    a.as_ref()
                        .and_then(|a| a.country.clone())
                        .unwrap_or("-".into())
                };
                (e.event_type.to_string(), c(&e.source), c(&e.target))
            })
            .collect();
        report.sentences += 1;
        let types =
            |v: &[(String, String, String)]| v.iter().map(|t| t.0.clone()).collect::<Vec<_>>();
        count_overlap(&mut report.types, &types(&gold), &types(&sys));
        count_overlap(&mut report.dyads, &gold, &sys);
        // Type misses first, then sentences whose types agree but whose dyads do not.
        let what = if types(&gold) != types(&sys) {
            Some("types")
        } else {
            let sorted = |v: &[(String, String, String)]| {
                let mut v = v.to_vec();
                v.sort();
                v
            };
            (sorted(&gold) != sorted(&sys)).then_some("dyads")
        };
        if let Some(what) = what {
            report.misses.push(Miss {
                article: article.id,
                sentence: sentence.to_string(),
                what: what.into(),
                gold: format!("{gold:?}"),
                system: format!("{sys:?}"),
            });
        }
    }
    Ok(report)
}

/// Multiset overlap: each gold item can be matched by one system item.
fn count_overlap<T: PartialEq + Clone>(score: &mut Score, gold: &[T], system: &[T]) {
    let mut left: Vec<T> = gold.to_vec();
    for s in system {
        match left.iter().position(|g| g == s) {
            Some(i) => {
                left.remove(i);
                score.tp += 1;
            }
            None => score.fp += 1,
        }
    }
    score.fn_ += left.len();
}

#[derive(Debug, Default, Serialize)]
pub struct DevReport {
    pub sentences: usize,
    /// PLOVER types per sentence.
    pub types: Score,
    /// (type, source country, target country) per sentence.
    pub dyads: Score,
    pub misses: Vec<Miss>,
}

pub fn render_dev(report: &DevReport, max_misses: usize) -> String {
    let mut out = format!(
        "{} sentences\n{:<34}{:>10}{:>10}{:>10}\n",
        report.sentences, "", "precision", "recall", "F1"
    );
    for (name, s) in [
        ("event type", report.types),
        ("type + source/target country", report.dyads),
    ] {
        out.push_str(&format!(
            "{name:<34}{:>10.3}{:>10.3}{:>10.3}\n",
            s.precision(),
            s.recall(),
            s.f1()
        ));
    }
    for m in report.misses.iter().take(max_misses) {
        out.push_str(&format!(
            "- [{}] gold {} | system {}\n    {}\n",
            m.what, m.gold, m.system, m.sentence
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str, gold: &str) {
        std::fs::write(dir.join(format!("{name}.txt")), text).unwrap();
        std::fs::write(dir.join(format!("{name}.gold.json")), gold).unwrap();
    }

    #[test]
    fn pairs_events_by_sentence_and_type_and_counts_misses() {
        let dir = std::env::temp_dir().join(format!("observer-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        write(
            &dir,
            "one",
            "---\npublished: 2024-02-14\n---\nRebels shelled the town of Goma on Tuesday, the army said.\n\nThe weather was mild.\n",
            r#"{"events": [
                {"sentence": "Rebels shelled", "type": "ASSAULT", "mode": "shelling", "date": ["2024-02-13", "2024-02-13"]},
                {"sentence": "weather", "type": "PROTEST"}
            ]}"#,
        );
        let corpus = load_corpus(&dir).unwrap();
        let report = evaluate(&Extractor::embedded().unwrap(), &corpus);
        std::fs::remove_dir_all(&dir).unwrap();
        let event = report.fields["event"];
        assert_eq!((event.tp, event.fn_), (1, 1), "{report:?}");
        assert_eq!(report.fields["date"].correct, 1);
        assert_eq!(report.fields["mode"].correct, 1);
        assert!(
            report
                .misses
                .iter()
                .any(|m| m.what == "missed" && m.gold.contains("PROTEST"))
        );
    }

    #[test]
    fn a_sentence_that_is_not_in_the_article_is_an_error() {
        let dir = std::env::temp_dir().join(format!("observer-eval-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        write(
            &dir,
            "bad",
            "Some text.",
            r#"{"events": [{"sentence": "nowhere", "type": "ASSAULT"}]}"#,
        );
        let err = load_corpus(&dir).unwrap_err().to_string();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(
            err.contains("bad.gold.json") && err.contains("nowhere"),
            "{err}"
        );
    }
}
