//! Place layer: gazetteer names (GeoNames cities and admin1 regions, our alias table for conflict
//! regions) and countries used as places, disambiguated by the countries the article is about.

use crate::actors::is_locative;
use crate::lexicons::{Cue, Lexicons, PlaceEntry, PlaceKind, WordClass};
use observer_model::{Place, PlacePrecision};
use observer_text::Token;
use std::collections::HashMap;

/// Where a place mention came from.
#[derive(Debug, Clone)]
pub enum PlaceSource {
    /// Gazetteer or alias entries with this name; resolved once the article's countries are known.
    Gazetteer(Vec<usize>),
    /// A country named after a locative preposition ("in Armenia").
    Country(usize),
    /// A name the gazetteer lacks, in a place-shaped phrase ("in the village of Kanbalu", "the
    /// Kupwara district"): kept by name, without coordinates.
    Unknown(String),
}

/// A place named in a sentence: tokens `[start, end)`.
#[derive(Debug, Clone)]
pub struct PlaceSpan {
    pub start: usize,
    pub end: usize,
    pub source: PlaceSource,
    /// After "in", "near", "at"...: the sentence says something happened there.
    pub locative: bool,
    /// After "to", "visit", "from"...: somewhere people go or come from, not where things happen.
    pub motion: bool,
    /// After "into", "towards" ("rockets fired towards Ashkelon"): where a strike landed.
    pub destination: bool,
    /// Narrowed to part of it ("southern areas of", "near").
    pub partial: bool,
}

/// Common words that are also the names of towns somewhere; they count as places only after a
/// locative preposition.
fn needs_preposition(entry: &PlaceEntry, len: usize) -> bool {
    !entry.curated && len == 1
}

/// Whether token `i` directly follows an attack verb ("shelled Kherson", "struck Odesa"): the
/// object of an attack is a place, so a single-word town name needs no preposition there.
fn attack_object(lex: &Lexicons, text: &str, toks: &[Token], i: usize) -> bool {
    let Some(verb) = i.checked_sub(1) else {
        return false;
    };
    !toks[verb].capitalized
        && lex
            .triggers
            .longest_at(text, toks, verb)
            .is_some_and(|found| {
                found.end == i
                    && found.values.iter().any(|&entry| {
                        lex.trigger_entries[entry].event_type == observer_model::EventType::Assault
                    })
            })
}

pub fn find_places(lex: &Lexicons, text: &str, toks: &[Token]) -> Vec<PlaceSpan> {
    let mut out = Vec::new();
    // "in Afghanistan's Khost province": the possessive country just passed (its end, and the
    // first token of its phrase), whose preposition governs the place it owns.
    let mut owner: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < toks.len() {
        if let Some(region) = directional_region(lex, text, toks, i) {
            i = region.end;
            out.push(region);
            continue;
        }
        // Only capitalised words start place names; the look-backs are paid for those alone.
        if !toks[i].capitalized {
            i += 1;
            continue;
        }
        // "in southern Lebanon", "across northern Syria": the preposition governs the name.
        let direction = i > 0 && lex.token_is(&toks[i - 1], WordClass::Direction);
        let head = if direction { i - 1 } else { i };
        let head = match owner {
            Some((end, owner_head)) if end == head => owner_head,
            _ => head,
        };
        let prev = if head > 0 {
            toks[head - 1].norm.as_str()
        } else {
            ""
        };
        // "drones launched from Russia's Kursk region": where a strike came from.
        let motion = lex.word_is(prev, WordClass::Motion) || from_possessor(lex, text, toks, i);
        let destination = matches!(prev, "into" | "towards" | "toward" | "onto");
        let named_as_place = place_shaped(lex, toks, i);
        // "in the Kupwara district", "in the capital, Sanaa": the preposition before the phrase.
        let governed = named_as_place && phrase_is_locative(toks, head);
        let locative = !motion && (is_locative(toks, head) || prev == "of");
        let partial = direction || region_cue_before(lex, text, toks, i);
        // "In March", "the month of Ramadan": a time, whatever town bears the name.
        if crate::time::is_calendar_word(lex, crate::lexicon::match_key(&toks[i].norm)) {
            i += 1;
            continue;
        }
        // "the town of Adan Yabaal": after "the town of", the whole run of capitalised words is
        // the name, and a gazetteer name that is only its start ("Adan", Aden in Yemen) is
        // another place.
        let found = lex.places.longest_at(text, toks, i).filter(|found| {
            !(named_as_place && unknown_name_end(lex, text, toks, found.end).is_some())
        });
        if let Some(found) = found {
            let len = found.end - found.start;
            // "the Dnipro river", "the Black Sea", "Nasser Hospital": a landform or a building,
            // not the town of that name.
            let not_the_town = toks.get(found.end).is_some_and(|t| {
                lex.token_is(t, WordClass::Landform) || lex.token_is(t, WordClass::Building)
            });
            if not_the_town {
                i = found.end;
                continue;
            }
            let place_noun_after = toks
                .get(found.end)
                .is_some_and(|t| lex.token_is(t, WordClass::PlaceHead));
            let attacked = attack_object(lex, text, toks, i);
            let candidates: Vec<usize> = found
                .values
                .iter()
                .copied()
                .filter(|&c| {
                    locative
                        || motion
                        || named_as_place
                        || place_noun_after
                        || attacked
                        || !needs_preposition(&lex.place_entries[c], len)
                })
                .collect();
            // "the Krasnodar region", "Khost province": the division, not its capital city.
            let division_after = toks
                .get(found.end)
                .is_some_and(|t| lex.token_is(t, WordClass::Division));
            let is_division = |&c: &usize| lex.place_entries[c].kind != PlaceKind::City;
            let candidates = if division_after && candidates.iter().any(is_division) {
                candidates.into_iter().filter(is_division).collect()
            } else {
                candidates
            };
            // A name that is also a country ("Georgia", "Lebanon") is taken as the country unless the
            // gazetteer offers a curated region of that name.
            let country = lex
                .countries
                .longest_at(text, toks, i)
                .filter(|c| c.end >= found.end);
            if !candidates.is_empty() && country.is_none() {
                out.push(PlaceSpan {
                    start: i,
                    end: found.end,
                    source: PlaceSource::Gazetteer(candidates),
                    locative: locative || governed,
                    motion,
                    destination,
                    partial,
                });
                i = found.end;
                continue;
            }
        }
        if let Some(found) = lex.countries.longest_at(text, toks, i) {
            let possessive = toks[found.end - 1].norm.ends_with("'s");
            let owns_a_place = toks
                .get(found.end)
                .is_some_and(|t| t.capitalized || lex.token_is(t, WordClass::Direction));
            if possessive && owns_a_place {
                owner = Some((found.end, head));
                i = found.end;
                continue;
            }
            // "the presidents of Colombia" is no place; "the north of Syria" is.
            let of_a_part = prev != "of"
                || (head >= 2 && lex.token_is(&toks[head - 2], WordClass::CountryPart));
            // "in Israeli tank shelling": a demonym names a people, not a place.
            if (locative || destination) && of_a_part && !found.values[0].1 {
                out.push(PlaceSpan {
                    start: i,
                    end: found.end,
                    source: PlaceSource::Country(found.values[0].0),
                    locative,
                    motion,
                    destination,
                    partial,
                });
            }
            i = found.end;
            continue;
        }
        if let Some(end) = unknown_name_end(lex, text, toks, i)
            .filter(|_| named_as_place || (locative && prev != "of"))
        {
            out.push(PlaceSpan {
                start: i,
                end,
                source: PlaceSource::Unknown(text[toks[i].start..toks[end - 1].end].to_string()),
                locative: locative || named_as_place,
                motion,
                destination,
                partial,
            });
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// A region of our alias table named by a direction and a country: "in southern Lebanon" is
/// the region South Lebanon.
fn directional_region(lex: &Lexicons, text: &str, toks: &[Token], i: usize) -> Option<PlaceSpan> {
    if !lex.token_is(&toks[i], WordClass::Direction) || !toks.get(i + 1)?.capitalized {
        return None;
    }
    let found = lex.places.longest_at(text, toks, i)?;
    let curated: Vec<usize> = found
        .values
        .iter()
        .copied()
        .filter(|&c| lex.place_entries[c].curated)
        .collect();
    let prev = if i > 0 { toks[i - 1].norm.as_str() } else { "" };
    (found.end > i + 1 && !curated.is_empty()).then(|| PlaceSpan {
        start: i,
        end: found.end,
        source: PlaceSource::Gazetteer(curated),
        locative: is_locative(toks, i) || prev == "of",
        motion: lex.word_is(prev, WordClass::Motion),
        destination: matches!(prev, "into" | "towards" | "toward" | "onto"),
        partial: false,
    })
}

/// "from Russia's Krasnodar region": a place owned by a country named right after "from".
fn from_possessor(lex: &Lexicons, text: &str, toks: &[Token], i: usize) -> bool {
    let possessive = i > 0 && crate::actors::is_possessive(&toks[i - 1].norm);
    possessive
        && (1..=3).any(|back| {
            i > back
                && toks[i - back - 1].norm == "from"
                && lex
                    .countries
                    .longest_at(text, toks, i - back)
                    .is_some_and(|c| c.end == i)
        })
}

/// Whether the words between a place ending at `small_end` and one starting at `wide_start`
/// make the first part of the second: "the Lakki Marwat district of Pakistan's Khyber
/// Pakhtunkhwa province", "Abu Salim, a district of Tripoli".
pub fn part_of(lex: &Lexicons, toks: &[Token], small_end: usize, wide_start: usize) -> bool {
    let Some(between) = toks.get(small_end..wide_start) else {
        return false;
    };
    between.len() <= 5
        && between.iter().any(|t| t.norm == "of")
        && between
            .iter()
            .any(|t| lex.token_is(t, WordClass::PlaceHead))
}

/// "the town of X", "the village of X", "the X district", "the regional capital, X", "the
/// Libyan capital Tripoli".
fn place_shaped(lex: &Lexicons, toks: &[Token], i: usize) -> bool {
    let norm = |k: usize| crate::time::norm_at(toks, k);
    let after_of = i >= 2 && norm(i - 1) == "of" && lex.word_is(norm(i - 2), WordClass::PlaceHead);
    // "the Kupwara district", "the Lakki Marwat district": a head noun after the name's words.
    let before_head = i >= 1
        && norm(i - 1) == "the"
        && (i + 1..i + 4)
            .take_while(|&k| k == i + 1 || toks.get(k - 1).is_some_and(|t| t.capitalized))
            .any(|k| lex.word_is(norm(k), WordClass::PlaceHead));
    let apposed = i >= 2
        && norm(i - 1) == ","
        && (lex.word_is(norm(i - 2), WordClass::PlaceHead) || norm(i - 2) == "capital");
    // "in the Libyan capital Tripoli", "the provincial capital Goma".
    let capital = i >= 2 && norm(i - 1) == "capital" && toks[i - 2].norm != "'s";
    after_of || before_head || apposed || capital
}

/// Whether the noun phrase holding a place-shaped name at `i` follows a locative preposition:
/// "in the Kupwara district", "at the regional capital, Makhachkala".
fn phrase_is_locative(toks: &[Token], i: usize) -> bool {
    // Back over the phrase's own words ("the", a head noun, an adjective, the comma).
    (i.saturating_sub(5)..i)
        .rev()
        .take_while(|&k| !toks[k].capitalized)
        .any(|k| is_locative(toks, k + 1) && toks[k + 1].norm == "the")
}

/// The end of a run of one to three capitalised words at `i` that no lexicon knows.
fn unknown_name_end(lex: &Lexicons, text: &str, toks: &[Token], i: usize) -> Option<usize> {
    let is_name = |t: &Token| {
        t.capitalized
            && t.kind == observer_text::TokenKind::Word
            && !lex.token_is(t, WordClass::NotPlace)
            && !crate::time::is_calendar_word(lex, crate::lexicon::match_key(&t.norm))
            && text[t.start..t.end].chars().any(char::is_lowercase)
    };
    let mut end = i;
    while end < toks.len() && end < i + 3 && is_name(&toks[end]) {
        end += 1;
    }
    (end > i).then_some(end)
}

fn region_cue_before(lex: &Lexicons, text: &str, toks: &[Token], i: usize) -> bool {
    (i.saturating_sub(4)..i).any(|k| {
        lex.cues
            .longest_at(text, toks, k)
            .is_some_and(|f| f.end == i && f.values.contains(&Cue::PlaceRegion))
    })
}

/// Picks one gazetteer entry per name: curated regions first, then entries in the countries the
/// article mentions (weighted by how often), then the most populous.
pub fn resolve(
    lex: &Lexicons,
    candidates: &[usize],
    context: &HashMap<String, usize>,
) -> Option<usize> {
    candidates.iter().copied().max_by_key(|&c| {
        let e = &lex.place_entries[c];
        let in_context = e
            .country
            .as_deref()
            .and_then(|k| context.get(k))
            .copied()
            .unwrap_or(0);
        let kind_rank = match e.kind {
            PlaceKind::Region => 3,
            PlaceKind::Admin1 => 2,
            PlaceKind::City => 1,
        };
        (e.curated, in_context.min(50), e.population, kind_rank)
    })
}

/// Cities this large are known by name the world over: no need for the article to name their
/// country ("talks in Muscat" in an article about Yemen).
pub const LARGE_CITY: u64 = 500_000;

/// Whether a resolved entry fits the article: ours (the alias table), in a country the article
/// names, or in an article that names no country at all.
pub fn in_context(lex: &Lexicons, entry: usize, context: &HashMap<String, usize>) -> bool {
    let e = &lex.place_entries[entry];
    e.curated
        || context.is_empty()
        || e.country
            .as_deref()
            .is_some_and(|k| context.contains_key(k))
}

pub fn place_of_entry(entry: &PlaceEntry, partial: bool) -> Place {
    let precision = match (entry.kind, partial) {
        (_, true) => PlacePrecision::Region,
        (PlaceKind::City, false) => PlacePrecision::City,
        (PlaceKind::Admin1, false) => PlacePrecision::Admin1,
        (PlaceKind::Region, false) => PlacePrecision::Admin1,
    };
    Place {
        name: entry.name.to_string(),
        country: entry.country.as_deref().map(str::to_string),
        admin1: entry.admin1.as_deref().map(str::to_string),
        lat: entry.lat,
        lon: entry.lon,
        precision,
        gazetteer_id: Some(entry.id.to_string()),
    }
}

pub fn place_of_country(lex: &Lexicons, index: usize, partial: bool) -> Place {
    let c = &lex.country_entries[index];
    Place {
        name: c.name.clone(),
        country: Some(c.iso3.clone()),
        admin1: None,
        lat: c.lat,
        lon: c.lon,
        precision: if partial {
            PlacePrecision::Region
        } else {
            PlacePrecision::Country
        },
        gazetteer_id: Some(format!("country:{}", c.iso3)),
    }
}
