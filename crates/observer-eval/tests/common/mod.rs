//! What the corpus score tests share: where a corpus of the repository lies, and the check that
//! each score of the engine on it stays at or above its floor.

use observer_eval::{GoldArticle, evaluate, load_corpus};
use observer_extract::Extractor;
use std::path::{Path, PathBuf};

/// `tests/NAME` at the repository's root.
pub fn corpus_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests")
        .join(name)
}

/// Corpus `name`, failing unless it has at least `articles` articles and `events` events.
pub fn load_at_least(name: &str, articles: usize, events: usize) -> Vec<GoldArticle> {
    let corpus = load_corpus(&corpus_dir(name)).unwrap();
    assert!(
        corpus.len() >= articles,
        "{name}: {} articles",
        corpus.len()
    );
    let found: usize = corpus.iter().map(|a| a.events.len()).sum();
    assert!(found >= events, "{name}: {found} events");
    corpus
}

/// How a field is scored: F1 over its values, or accuracy on the paired events.
pub enum Measure {
    F1,
    Accuracy,
}

/// Codes corpus `name` and fails, with the whole table, if any field scores under its floor or
/// there are `spurious_below` or more spurious events per true event.
pub fn assert_floors(name: &str, floors: &[(&str, Measure, f64)], spurious_below: f64) {
    let corpus = load_corpus(&corpus_dir(name)).unwrap();
    let report = evaluate(&Extractor::embedded().unwrap(), &corpus);
    let below: Vec<String> = floors
        .iter()
        .filter_map(|(field, score, floor)| {
            let (got, kind) = match score {
                Measure::F1 => (report.fields[*field].f1(), "F1"),
                Measure::Accuracy => (report.fields[*field].accuracy(), "accuracy"),
            };
            (got < *floor).then(|| format!("{field} {kind} {got:.3} < {floor}"))
        })
        .collect();
    assert!(
        below.is_empty(),
        "{}\n{}",
        below.join("\n"),
        observer_eval::render(&report, 0)
    );
    assert!(
        report.spurious_per_true() < spurious_below,
        "{:.3} spurious per true event",
        report.spurious_per_true()
    );
}
