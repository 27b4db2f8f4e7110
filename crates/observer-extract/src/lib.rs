//! Observer's extraction engine: turns an article into coded events.
//!
//! The pipeline follows `shared/DESIGN.md`: the text is split into sentences and tokens
//! (`observer-text`); independent layers each add spans (actors, places, time, quantities and
//! casualties, attribution, triggers with negation and modality); the frame builder turns the
//! spans of a sentence into events and fills what a sentence leaves implicit from the article.
//! Every field keeps the span and the rule or lexicon entry behind it.

mod actors;
mod attribution;
mod data;
pub mod explain;
mod frame;
mod lexicon;
mod lexicons;
mod places;
mod quantity;
mod time;
mod timing;
mod triggers;

pub use data::{DataError, FILES as DATA_FILES};
pub use timing::{Layer, LayerTimes};

use frame::{Analysed, ArticleContext};
use lexicons::{Cue, Lexicons};
use observer_model::{Article, Event, FieldEvidence};
use places::PlaceSource;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use timing::Clock;

/// Version of the extraction rules and data; stored with each coded article so that
/// a newer engine re-codes what an older one coded.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "+rules.2");

/// What extraction found in one article.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub events: Vec<Event>,
    pub sentences: Vec<observer_text::Sentence>,
    /// Things a user should know ("no publication date: relative dates left unresolved").
    pub notes: Vec<String>,
}

/// The loaded lexicons and gazetteer; build once, share across threads.
#[derive(Debug)]
pub struct Extractor {
    lex: Lexicons,
}

/// The lexicons of the embedded data, built from it at compile time by `build.rs`.
static BUILT_LEXICONS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicons.postcard"));

fn built_lexicons() -> Lexicons {
    postcard::from_bytes(BUILT_LEXICONS).expect("build.rs writes the lexicons of this very code")
}

/// The note given for an article without a publication date.
pub const NOTE_NO_DATE: &str = "no publication date: relative dates left unresolved";

impl Extractor {
    /// Uses the data files embedded in the binary.
    pub fn embedded() -> Result<Extractor, DataError> {
        Ok(Extractor {
            lex: built_lexicons(),
        })
    }

    /// Uses the files of `dir` where present, the embedded ones for the rest. Lexicons are built
    /// from the files then (the embedded ones come built), unless `dir` replaces none of them.
    pub fn with_data_dir(dir: &Path) -> Result<Extractor, DataError> {
        let source = data::DataSource::with_dir(dir)?;
        let lex = if source.replaces_any() {
            Lexicons::load(&source)?
        } else {
            built_lexicons()
        };
        Ok(Extractor { lex })
    }

    /// The gazetteer ids a place name (or one of its alternate names) stands for, for comparing
    /// places by identity rather than spelling ("Izium" and "Izyum").
    pub fn place_ids(&self, name: &str) -> Vec<String> {
        let toks = self.lex.vocab.tokens(name, 0, name.len());
        let mut ids: Vec<String> = match self.lex.places.longest_at(name, &toks, 0) {
            Some(found) if found.end == toks.len() => found
                .values
                .iter()
                .map(|&i| self.lex.place_entries[i].id.to_string())
                .collect(),
            _ => Vec::new(),
        };
        if let Some(found) = self
            .lex
            .countries
            .longest_at(name, &toks, 0)
            .filter(|f| f.end == toks.len())
        {
            ids.push(format!(
                "country:{}",
                self.lex.country_entries[found.values[0].0].iso3
            ));
        }
        ids
    }

    pub fn extract(&self, article: &Article) -> Extraction {
        self.extract_with(article, &mut timing::NoClock)
    }

    /// Like [`Extractor::extract`], adding the time each layer took to `times` (for benchmarks).
    pub fn extract_timed(&self, article: &Article, times: &mut LayerTimes) -> Extraction {
        self.extract_with(article, times)
    }

    fn extract_with(&self, article: &Article, clock: &mut impl Clock) -> Extraction {
        let lex = &self.lex;
        let text = article.text.as_str();
        let sentences = clock.time(Layer::Segmentation, || observer_text::sentences(text));
        let mut memory = actors::ActorMemory::default();
        let mut speakers = attribution::SpeakerMemory::default();
        let mut time_ctx = time::TimeContext::new(article.published);
        let mut analysed: Vec<Analysed> = sentences
            .iter()
            .map(|s| {
                let toks = clock.time(Layer::Tokens, || lex.vocab.tokens(text, s.start, s.end));
                let mut actors = clock.time(Layer::Actors, || {
                    actors::find_actors(lex, text, &toks, &mut memory)
                });
                let dates =
                    clock.time(Layer::Time, || time::find_dates(text, &toks, &mut time_ctx));
                let places = clock.time(Layer::Places, || {
                    places::find_places(lex, text, &toks)
                        .into_iter()
                        .filter(|p| {
                            frame::located_there(&toks, p)
                                || !frame::overlaps_named_actor(&actors, p.start, p.end)
                        })
                        .collect()
                });
                let casualties = clock.time(Layer::Quantities, || {
                    let quantities = quantity::find_quantities(lex, text, &toks);
                    quantity::find_casualties(lex, text, &toks, &quantities)
                });
                let (cues, breaks) = clock.time(Layer::Triggers, || {
                    let cues = triggers::find_cues(lex, text, &toks);
                    let breaks = triggers::clause_breaks(&cues, &toks);
                    (cues, breaks)
                });
                let speech = clock.time(Layer::Attribution, || {
                    attribution::find_speech(lex, text, &toks, &mut actors, &breaks, &mut speakers)
                });
                let triggers = clock.time(Layer::Triggers, || {
                    triggers::find_triggers(lex, text, &toks, &cues, &actors)
                });
                Analysed {
                    index: s.index,
                    start: s.start,
                    end: s.end,
                    toks,
                    actors,
                    places,
                    dates,
                    casualties,
                    cues,
                    breaks,
                    speech,
                    triggers,
                }
            })
            .collect();
        let events = clock.time(Layer::Frame, || {
            let ctx = self.article_context(article, &mut analysed);
            let mut events: Vec<Event> = analysed
                .iter()
                .flat_map(|s| frame::build_events(lex, text, s, &ctx))
                .collect();
            frame::drop_back_references(lex, text, &mut events);
            frame::carry_places(&mut events);
            frame::infer_countries(lex, &mut events, &ctx);
            frame::fill_from_dyad(&mut events);
            frame::default_roles(&mut events);
            frame::scale_focus_places(lex, text, &mut events);
            frame::carry_attack_modes(lex, text, &mut events);
            events = frame::drop_duplicate_pairs(events);
            frame::aim_reactions(lex, text, &mut events);
            let mut per_sentence: HashMap<usize, usize> = HashMap::new();
            for e in &mut events {
                let n = per_sentence.entry(e.evidence.sentence).or_default();
                // Sized up front: `format!` starts an id that opens with an argument empty and
                // grows it several times.
                let mut id = String::with_capacity(article.id.len() + 12);
                id.push_str(&article.id);
                let _ = write!(id, "-{}-{n}", e.evidence.sentence);
                e.id = id;
                *n += 1;
            }
            events
        });
        let mut notes = Vec::new();
        if article.published.is_none() {
            notes.push(NOTE_NO_DATE.to_string());
        }
        Extraction {
            events,
            sentences,
            notes,
        }
    }

    /// Article-wide facts: the countries it is about, its main place, its verification disclaimer.
    fn article_context(&self, article: &Article, analysed: &mut [Analysed]) -> ArticleContext {
        let lex = &self.lex;
        let mut countries: HashMap<String, usize> = HashMap::new();
        for s in analysed.iter() {
            for a in &s.actors {
                if let Some(c) = &a.actor.country {
                    *countries.entry(c.clone()).or_default() += 1;
                }
            }
            for p in &s.places {
                match &p.source {
                    PlaceSource::Country(c) => {
                        *countries
                            .entry(lex.country_entries[*c].iso3.clone())
                            .or_default() += 1
                    }
                    PlaceSource::Gazetteer(c) if c.len() == 1 => {
                        if let Some(k) = &lex.place_entries[c[0]].country {
                            *countries.entry(k.to_string()).or_default() += 1;
                        }
                    }
                    PlaceSource::Gazetteer(_) | PlaceSource::Unknown(_) => {}
                }
            }
        }
        // The focus: the named place (not a country) mentioned most, else the country most named as a place.
        let mut counts: HashMap<usize, (usize, usize)> = HashMap::new();
        let mut country_counts: HashMap<usize, (usize, usize)> = HashMap::new();
        let mut unknown_counts: HashMap<&str, (usize, usize)> = HashMap::new();
        let mut order = 0;
        for s in analysed.iter() {
            for p in &s.places {
                order += 1;
                match &p.source {
                    PlaceSource::Gazetteer(c) => {
                        if let Some(e) = places::resolve(lex, c, &countries) {
                            counts.entry(e).or_insert((0, order)).0 += 1;
                        }
                    }
                    PlaceSource::Country(c) => {
                        country_counts.entry(*c).or_insert((0, order)).0 += 1
                    }
                    PlaceSource::Unknown(name) => {
                        unknown_counts.entry(name.as_str()).or_insert((0, order)).0 += 1
                    }
                }
            }
        }
        let pick = |m: &HashMap<usize, (usize, usize)>| {
            m.iter()
                .max_by_key(|(_, (n, first))| (*n, std::cmp::Reverse(*first)))
                .map(|(k, _)| *k)
        };
        let best_known = counts.values().map(|(n, _)| *n).max().unwrap_or(0);
        // A town the gazetteer lacks is the focus when the article names it more than any other.
        let unknown_focus = unknown_counts
            .iter()
            .filter(|(_, (n, _))| *n >= 2 && *n > best_known)
            .max_by_key(|(_, (n, first))| (*n, std::cmp::Reverse(*first)))
            .map(|(name, _)| {
                let country = countries
                    .iter()
                    .max_by_key(|(c, n)| (**n, std::cmp::Reverse((*c).clone())))
                    .map(|(c, _)| c.clone());
                let place = observer_model::Place {
                    name: name.to_string(),
                    country,
                    admin1: None,
                    lat: None,
                    lon: None,
                    precision: observer_model::PlacePrecision::City,
                    gazetteer_id: None,
                };
                (place, format!("unknown-place:{name}"))
            });
        let focus_entry = pick(&counts).filter(|_| unknown_focus.is_none());
        let focus = unknown_focus.or_else(|| {
            focus_entry
                .map(|e| {
                    (
                        places::place_of_entry(&lex.place_entries[e], false),
                        lex.place_entries[e].id.to_string(),
                    )
                })
                .or_else(|| {
                    pick(&country_counts).map(|c| {
                        (
                            places::place_of_country(lex, c, false),
                            format!("country:{}", lex.country_entries[c].iso3),
                        )
                    })
                })
        });
        let focus_is_large_city = focus_entry
            .is_some_and(|e| lex.place_entries[e].population >= places::LARGE_CITY)
            && focus
                .as_ref()
                .is_some_and(|(place, _)| place.precision == observer_model::PlacePrecision::City);
        let disclaimer = analysed.iter().find_map(|s| {
            let article_wide = frame::claim_disclaimer(&article.text, s).is_none();
            s.cues
                .iter()
                .find(|c| article_wide && c.cue == Cue::Disclaimer)
                .map(|c| {
                    let (a, b) = (s.toks[c.start].start, s.toks[c.end - 1].end);
                    let evidence = FieldEvidence {
                        field: "stance".into(),
                        start: Some(a),
                        end: Some(b),
                        text: Some(article.text[a..b].to_string()),
                        rule: "cue:disclaimer".into(),
                    };
                    (s.index, evidence)
                })
        });
        let recent = |d: &time::DateSpan| {
            let (Some(start), Some(published)) = (d.date.start, article.published) else {
                return false;
            };
            (1..=7).contains(&(published - start).num_days())
        };
        let follows_dated = std::iter::once(false)
            .chain(analysed.iter().map(|s| s.dates.iter().any(recent)))
            .take(analysed.len())
            .collect();
        let mut last = None;
        let date_before = analysed
            .iter()
            .map(|s| {
                let before = last.clone();
                // A plan ("talks next week") is not what a later sentence refers back to.
                let past = |d: &&time::DateSpan| {
                    d.date
                        .start
                        .is_some_and(|s| article.published.is_none_or(|p| s <= p))
                };
                if let Some(d) = s.dates.iter().rev().find(past) {
                    last = Some(d.date.clone());
                }
                before
            })
            .collect();
        ArticleContext {
            article_id: article.id.clone(),
            published: article.published,
            countries,
            focus,
            focus_is_large_city,
            disclaimer,
            date_before,
            follows_dated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_lexicons_are_those_the_embedded_data_builds() {
        let loaded = Lexicons::load(&data::DataSource::default()).unwrap();
        let encoded = postcard::to_allocvec(&loaded).unwrap();
        assert!(
            encoded == BUILT_LEXICONS,
            "the lexicons built at compile time differ from the embedded data's"
        );
    }

    #[test]
    fn a_data_dir_replacing_a_file_builds_the_lexicons_from_it() {
        let dir = std::env::temp_dir().join(format!("observer-aliases-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("gazetteer")).unwrap();
        std::fs::write(
            dir.join("gazetteer/aliases.tsv"),
            "key\tname\talt_names\tkind\tcountry\tadmin1\tlat\tlon\n\
             zorvakh\tZorvakh\tZorvakh Pass\tarea\tARM\t\t39.9\t45.1\n",
        )
        .unwrap();
        let replaced = Extractor::with_data_dir(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let embedded = Extractor::embedded().unwrap();
        assert_eq!(replaced.place_ids("Zorvakh Pass"), ["alias:zorvakh"]);
        assert!(embedded.place_ids("Zorvakh Pass").is_empty());
        // The other files stay the embedded ones.
        assert_eq!(replaced.place_ids("Kharkiv"), embedded.place_ids("Kharkiv"));
        assert!(!embedded.place_ids("Kharkiv").is_empty());
    }

    #[test]
    fn word_classes_come_from_the_data_and_an_unknown_class_is_named() {
        use lexicons::WordClass;
        let dir = std::env::temp_dir().join(format!("observer-words-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("lexicon")).unwrap();
        let words = dir.join("lexicon/words.tsv");
        std::fs::write(&words, "class\twords\nbuilding\tMarket|bazaar\n").unwrap();
        let replaced = Extractor::with_data_dir(&dir).unwrap();
        assert!(replaced.lex.word_is("market", WordClass::Building));
        assert!(replaced.lex.word_is("bazaar", WordClass::Building));
        assert!(!replaced.lex.word_is("bazaar", WordClass::Landform));
        // The file replaces the embedded one whole.
        assert!(!replaced.lex.word_is("hospital", WordClass::Building));
        let embedded = Extractor::embedded().unwrap();
        assert!(embedded.lex.word_is("hospital", WordClass::Building));
        assert!(embedded.lex.word_is("region", WordClass::Division));
        assert!(embedded.lex.word_is("region", WordClass::PlaceHead));

        std::fs::write(&words, "class\twords\nbuilding\tmarket\nmountain\tridge\n").unwrap();
        let error = Extractor::with_data_dir(&dir).err().unwrap().to_string();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(
            error.contains("words.tsv") && error.contains("3") && error.contains("`mountain`"),
            "{error}"
        );
    }
}
