//! Attribution layer: reported speech ("X said", "said X", "according to X", "X told TASS",
//! "X denied"), the claimant behind each, and the hearsay and verification cues that set stance.
//! A speaker referred back to ("he said", "the ministry added") is the one the article last quoted.

use crate::actors::{ActorKind, ActorSpan};
use crate::lexicon::Found;
use crate::lexicons::{Lexicons, SpeechKind, WordClass};
use observer_model::Actor;
use observer_text::{Token, TokenKind};

/// A reported-speech cue: tokens `[start, end)`, its kind and the actors making the claim.
#[derive(Debug, Clone)]
pub struct Speech {
    pub start: usize,
    pub end: usize,
    pub kind: SpeechKind,
    /// Indexes into the sentence's actor spans.
    pub claimants: Vec<usize>,
    /// Actors who speak without being the claimant: the claimant named again in apposition ("the
    /// junta's spokesman, Major General Zaw Min Tun,") or who passed the claim on to it ("a
    /// soldier had told him"). They are no party to what is said either.
    pub other_speakers: Vec<usize>,
    pub rule: String,
}

fn is_quote(norm: &str) -> bool {
    matches!(norm, "\"" | "'")
}

/// A word opening a relative clause that can hold speech ("what the army said were depots",
/// "the exchanges, which it said risked ...").
pub fn opens_relative_clause(norm: &str) -> bool {
    matches!(norm, "what" | "which" | "who" | "whom")
}

/// The last clause break at or before token `i` (0 in the sentence's first clause).
pub fn break_before(breaks: &[usize], i: usize) -> usize {
    breaks
        .iter()
        .copied()
        .filter(|&b| b <= i)
        .max()
        .unwrap_or(0)
}

/// The first token of the clause that a word at `i` belongs to, for finding its subject.
pub fn clause_start(toks: &[Token], i: usize, breaks: &[usize]) -> usize {
    let mut start = break_before(breaks, i);
    // After a closing quote: "“...,” a UN diplomat told AFP." (Not after a quoted phrase inside
    // the clause: 'called the decision "regrettable" and said'.)
    if let Some(q) = (start..i).rev().find(|&k| is_quote(&toks[k].norm))
        && toks[..q].iter().any(|t| is_quote(&t.norm))
        && q > 0
        && matches!(toks[q - 1].norm.as_str(), "," | "." | "?" | "!")
    {
        start = start.max(q + 1);
    }
    start
}

/// Actors joined to `first` by "and" or commas ("Armenia and Azerbaijan", "Pashinyan and Aliyev").
pub fn coordinated(actors: &[ActorSpan], toks: &[Token], first: usize) -> Vec<usize> {
    let mut out: Vec<usize> = (first..actors.len())
        .take_while(|&k| actors[k].group == actors[first].group)
        .collect();
    let mut last = *out.last().unwrap_or(&first);
    while let Some(next) = actors.get(last + 1) {
        // "Sudan's army and the paramilitary RSF": a conjunction, then articles or adjectives.
        let gap_toks = &toks[actors[last].end..next.start];
        let loose = gap_toks
            .first()
            .is_some_and(|t| matches!(t.norm.as_str(), "and" | ","))
            && gap_toks.len() <= 3
            && gap_toks[1..].iter().all(|t| {
                !t.capitalized
                    && t.kind == observer_text::TokenKind::Word
                    && !t.norm.ends_with("ed")
                    && !SPEECH_WORDS.contains(&t.norm.as_str())
                    // "Turkey, which has bases in both countries,": a relative clause, no list.
                    && !matches!(t.norm.as_str(), "which" | "who" | "whose" | "where")
            });
        if in_apposition(toks, &actors[last], next) {
            break;
        }
        let gap: Vec<&str> = toks[actors[last].end..next.start]
            .iter()
            .map(|t| t.norm.as_str())
            .collect();
        if !loose
            && !matches!(
                gap.as_slice(),
                ["and"] | [","] | [",", "and"] | ["-"] | ["-", "\""] | [",", "\""] | ["and", "\""]
            )
        {
            break;
        }
        let members: Vec<usize> = (last + 1..actors.len())
            .take_while(|&k| actors[k].group == next.group)
            .collect();
        last = *members.last().unwrap_or(&(last + 1));
        out.extend(members);
    }
    out
}

/// "the junta's spokesman, Major General Zaw Min Tun,", "Vasily Nebenzya, Russia's envoy,": a
/// title and the name of the one holding it, set off by a comma, are one actor, not two.
fn in_apposition(toks: &[Token], a: &ActorSpan, b: &ActorSpan) -> bool {
    let titled_only = |x: &ActorSpan| x.actor.title.is_some() && x.kind != ActorKind::Person;
    toks.get(a.end..b.start)
        .is_some_and(|gap| gap.len() <= 2 && gap.first().is_some_and(|t| t.norm == ","))
        && ((titled_only(a) && b.kind == ActorKind::Person)
            || (a.kind == ActorKind::Person && titled_only(b)))
}

/// Words of attribution that may follow a comma: never part of a list of actors ("..., said
/// troops", "four civilians, according to local officials").
const SPEECH_WORDS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "claimed",
    "according",
    "citing",
    "quoting",
];

/// A speaker the article has quoted.
#[derive(Debug, Clone)]
struct Speaker {
    actor: Actor,
    /// The words it was named with, lower-case ("armenia's defence ministry").
    words: String,
    /// A person ("the regional governor", "a police spokesman"), not an institution.
    personal: bool,
}

/// The speakers an article has quoted so far, latest last: who "he said", "the ministry added"
/// or "the spokesman said" in a later sentence refer to.
#[derive(Debug, Default)]
pub struct SpeakerMemory {
    speakers: Vec<Speaker>,
    /// The last international body or NGO named, quoted or not: who "the agency said" is when
    /// no such speaker was quoted.
    last_body: Option<Actor>,
}

/// An international body or NGO, which speaks of itself as "the agency", "the organisation".
fn is_body(a: &Actor) -> bool {
    matches!(a.role.as_deref(), Some("IGO" | "NGO"))
}

impl SpeakerMemory {
    fn remember(&mut self, text: &str, toks: &[Token], a: &ActorSpan) {
        // Referred back to ("he", "the ministry"): the speaker it stands for is quoted again.
        if a.rule.starts_with("coref:") {
            if let Some(k) = self
                .speakers
                .iter()
                .rposition(|s| s.actor.name == a.actor.name && s.actor.code == a.actor.code)
            {
                let again = self.speakers.remove(k);
                self.speakers.push(again);
            }
            return;
        }
        let words = text[toks[a.start].start..toks[a.end - 1].end].to_lowercase();
        let personal = matches!(a.kind, ActorKind::Person)
            || a.actor.title.is_some()
            || (a.kind == ActorKind::Pronoun && matches!(words.as_str(), "he" | "she"));
        self.speakers.retain(|s| s.words != words);
        self.speakers.push(Speaker {
            actor: a.actor.clone(),
            words,
            personal,
        });
    }

    /// The speaker an anaphor (`he`, `it`, `the spokesman`, `the ministry`) refers back to.
    fn resolve(&self, lex: &Lexicons, anaphor: &[&str]) -> Option<&Actor> {
        let latest = |f: &dyn Fn(&Speaker) -> bool| self.speakers.iter().rev().find(|s| f(s));
        let found = match anaphor {
            ["he" | "she"] => latest(&|s| s.personal).or_else(|| latest(&|_| true)),
            ["it" | "they"] => latest(&|s| !s.personal).or_else(|| latest(&|_| true)),
            [.., head] if lex.word_is(head, WordClass::BodyNoun) => latest(&|s| {
                s.words.contains(head)
                    || matches!(s.actor.role.as_deref(), Some("IGO" | "NGO" | "MED"))
            }),
            [] => None,
            // "the spokesman" for "a police spokesman"; "the district official" is someone new
            // after "a security official".
            words => latest(&|s| {
                words
                    .iter()
                    .all(|word| s.words.split([' ', '\'']).any(|w| w == *word))
            }),
        };
        found.map(|s| &s.actor)
    }
}

/// After a speech verb, media outlets are who a claim was made to ("told TASS"), not who made
/// it; before it ("state media said", "the agency SPA reported") they are claimants like any
/// other speaker.
fn eligible(a: &ActorSpan) -> bool {
    a.actor.role.as_deref() != Some("MED")
}

/// The words of a definite or pronoun speaker touching a speech verb at `[start, end)`: "he"
/// in "..., he said", "the spokesman" in "the spokesman added" or "..., added the spokesman".
/// Returns their token span.
fn anaphor_at(toks: &[Token], start: usize, end: usize) -> Option<(usize, usize)> {
    let plain = |k: usize| {
        toks.get(k)
            .is_some_and(|t| (t.kind == TokenKind::Word && !t.capitalized) || k == 0)
    };
    let pronoun = |k: usize| {
        toks.get(k)
            .is_some_and(|t| matches!(t.norm.as_str(), "he" | "she" | "it" | "they"))
    };
    // Before the verb: "he said", "the regional governor said".
    if start > 0 && pronoun(start - 1) {
        return Some((start - 1, start));
    }
    if let Some(the) = (start.saturating_sub(3)..start).find(|&k| toks[k].norm == "the")
        && (the + 1..start).all(plain)
        && the < start - 1
    {
        return Some((the, start));
    }
    // After it, in "..., said he", "..., added the spokesman".
    let inverted = start > 0 && matches!(toks[start - 1].norm.as_str(), "," | "\"" | "'");
    let closes = |k: usize| {
        toks.get(k).is_none_or(|t| {
            matches!(
                t.norm.as_str(),
                "." | "," | "on" | "in" | "late" | "earlier" | "later"
            )
        })
    };
    if inverted && pronoun(end) && closes(end + 1) {
        return Some((end, end + 1));
    }
    if inverted && toks.get(end).is_some_and(|t| t.norm == "the") {
        let last = (end + 1..(end + 4).min(toks.len()))
            .take_while(|&k| plain(k))
            .last()?;
        return closes(last + 1).then_some((end, last + 1));
    }
    None
}

/// The definite speaker after "according to" that names no one new: "according to the agency",
/// "according to the ministry". Returns its token span.
fn according_anaphor(toks: &[Token], end: usize) -> Option<(usize, usize)> {
    if toks.get(end).is_none_or(|t| t.norm != "the") {
        return None;
    }
    let last = (end + 1..(end + 4).min(toks.len()))
        .take_while(|&k| toks[k].kind == TokenKind::Word && !toks[k].capitalized)
        .last()?;
    toks.get(last + 1)
        .is_none_or(|t| matches!(t.norm.as_str(), "." | "," | ";" | "\""))
        .then_some((end, last + 1))
}

/// An actor at a speaker anaphor that the last-quoted speaker names better: one recalled by role
/// or pronoun by the actor layer, or a bare "the ministry", "the spokesman" of no country.
fn recallable(a: &ActorSpan) -> bool {
    let bare =
        (a.rule.starts_with("role:") || a.rule.starts_with("title:")) && a.actor.country.is_none();
    bare || a.rule.starts_with("coref:role")
        || matches!(a.rule.as_str(), "coref:pronoun" | "coref:it-said")
}

/// Puts the speaker an anaphor refers back to into `actors`, where no actor stands there yet, and
/// takes the last-quoted speaker for a generic "the ministry" the actor layer recalled by role.
fn recall_speakers(
    lex: &Lexicons,
    cues: &[Found<SpeechKind>],
    text: &str,
    toks: &[Token],
    actors: &mut Vec<ActorSpan>,
    memory: &SpeakerMemory,
) {
    for found in cues {
        let anaphor = match found.values[0] {
            SpeechKind::Report => None,
            SpeechKind::According => according_anaphor(toks, found.end),
            _ => anaphor_at(toks, found.start, found.end),
        };
        let Some((a, b)) = anaphor else {
            continue;
        };
        let words: Vec<&str> = toks[a..b]
            .iter()
            .map(|t| t.norm.as_str())
            .filter(|w| *w != "the")
            .collect();
        // "A World Food Programme convoy reached Tigray, the agency said": a body named before
        // in the sentence, else in the article.
        let body = || {
            actors
                .iter()
                .rev()
                .find(|x| x.end <= a && is_body(&x.actor))
                .map(|x| &x.actor)
                .or(memory.last_body.as_ref())
                .filter(|_| {
                    words
                        .last()
                        .is_some_and(|w| lex.word_is(w, WordClass::BodyNoun))
                })
        };
        // "Turkey's foreign minister spoke with his Russian counterpart, the ministry said": the
        // ministry of the minister the sentence names.
        let ministers = || {
            actors
                .iter()
                .find(|x| {
                    x.end <= a
                        && x.actor.country.is_some()
                        && x.actor
                            .title
                            .as_deref()
                            .is_some_and(|t| t.contains("Minister"))
                })
                .filter(|_| words.as_slice() == ["ministry"])
                .map(|x| &x.actor)
        };
        let Some((speaker, rule)) = ministers()
            .map(|m| (m, "coref:ministry-of-minister"))
            .or_else(|| {
                memory
                    .resolve(lex, &words)
                    .or_else(body)
                    .map(|m| (m, "coref:speaker"))
            })
            .map(|(m, rule)| (m.clone(), rule))
        else {
            continue;
        };
        let surface = text[toks[a].start..toks[b - 1].end].to_string();
        let existing = actors.iter().position(|x| x.start < b && a < x.end);
        match existing {
            // Recalled by its role alone ("the ministry" as the last government body named).
            Some(k) if recallable(&actors[k]) => {
                actors[k].actor = Actor {
                    text: actors[k].actor.text.clone(),
                    ..speaker.clone()
                };
                actors[k].rule = rule.into();
            }
            Some(_) => {}
            None => {
                let at = actors.partition_point(|x| x.start < a);
                actors.insert(
                    at,
                    ActorSpan {
                        start: a,
                        end: b,
                        actor: Actor {
                            text: surface,
                            ..speaker.clone()
                        },
                        kind: ActorKind::Pronoun,
                        rule: rule.into(),
                        group: usize::MAX - a,
                        adjectival: false,
                    },
                );
            }
        }
    }
}

/// Words a speaker's noun phrase never holds: prepositions, verbs' helpers, pronouns, clause
/// words. A phrase with one of them is a clause ("Shells landed near the plant"), not a name.
const NOT_IN_SPEAKER: &[&str] = &[
    "in", "on", "at", "near", "from", "to", "with", "by", "after", "before", "since", "during",
    "that", "which", "who", "is", "was", "were", "are", "be", "been", "has", "have", "had", "will",
    "would", "could", "can", "may", "also", "and", "or", "but", "not", "it", "they", "he", "she",
    "we", "i", "you", "its", "their", "his", "her", "this", "these", "those", "there", "here",
    "when", "where", "while", "as", "than", "then", "if", "about", "over", "into", "what",
];

/// Compound words that tie a speaker to its owner: "Houthi-run television", "the
/// opposition-led National Assembly", "a Hamas-affiliated outlet", "Russian-installed officials".
/// ("Iranian-backed" names a patron, not the owner.)
const OWNED_BY: &[&str] = &[
    "-run",
    "-led",
    "-owned",
    "-controlled",
    "-affiliated",
    "-aligned",
    "-installed",
    "-appointed",
];

/// The country and role a speaker's noun phrase `[a, b)` gives through the words the lexicons
/// know in it: a country word ("Ukraine's state nuclear company Energoatom"), an organisation's
/// country, a role noun (its head: "Al-Masirah television"), or the owner in a compound
/// ("Houthi-run", "opposition-led"). Returns them with the rule naming what gave each.
fn speaker_phrase_codes(
    lex: &Lexicons,
    text: &str,
    toks: &[Token],
    a: usize,
    b: usize,
) -> (Option<String>, Option<String>, String) {
    let (mut country, mut role, mut owner_role) = (None, None, None);
    let mut rule = String::from("speaker-phrase");
    let mut i = a;
    while i < b {
        if let Some(f) = lex
            .countries
            .longest_at(text, toks, i)
            .filter(|f| f.end <= b)
        {
            let iso3 = &lex.country_entries[f.values[0].0].iso3;
            if country.is_none() {
                rule.push_str(&format!("+country:{iso3}"));
                country = Some(iso3.clone());
            }
            i = f.end;
            continue;
        }
        if let Some(f) = lex.roles.longest_at(text, toks, i).filter(|f| f.end <= b) {
            // The last role noun is the head: "the security service's press office".
            role = Some(lex.role_entries[f.values[0]].role.clone());
            i = f.end;
            continue;
        }
        let tok = &toks[i];
        if let Some(owner) = OWNED_BY
            .iter()
            .find_map(|suffix| tok.norm.strip_suffix(suffix))
        {
            let inner = lex.vocab.tokens(text, tok.start, tok.start + owner.len());
            let whole = |end: usize| end == inner.len();
            if let Some(f) = lex
                .countries
                .longest_at(text, &inner, 0)
                .filter(|f| whole(f.end))
            {
                let iso3 = &lex.country_entries[f.values[0].0].iso3;
                rule.push_str(&format!("+owned-by:{iso3}"));
                country = country.or_else(|| Some(iso3.clone()));
            } else if let Some(f) = lex
                .orgs
                .longest_at(text, &inner, 0)
                .filter(|f| whole(f.end))
            {
                let org = &lex.org_entries[f.values[0]];
                rule.push_str(&format!("+owned-by:{}", org.code));
                country = country.or_else(|| org.country.clone());
            } else if let Some(f) = lex
                .roles
                .longest_at(text, &inner, 0)
                .filter(|f| whole(f.end))
            {
                let entry = &lex.role_entries[f.values[0]];
                rule.push_str(&format!("+owned-by:{}", entry.role));
                owner_role = Some(entry.role.clone());
            }
        } else if let Some(f) = lex.orgs.longest_at(text, toks, i).filter(|f| f.end <= b) {
            let org = &lex.org_entries[f.values[0]];
            rule.push_str(&format!("+organization:{}", org.code));
            country = country.or_else(|| org.country.clone());
            i = f.end;
            continue;
        }
        i += 1;
    }
    let role = role.or(owner_role);
    if let Some(r) = &role {
        rule.push_str(&format!("+role:{r}"));
    }
    (country, role, rule)
}

/// Whether tokens `[a, b)` can be a speaker's noun phrase: short, opening with an article, a
/// name or a possessive, and holding no word that would make it a clause.
fn speaker_phrase(toks: &[Token], a: usize, b: usize) -> bool {
    let words = &toks[a..b];
    let opens = words.first().is_some_and(|t| {
        t.capitalized || matches!(t.norm.as_str(), "the" | "a" | "an") || t.norm.ends_with("'s")
    });
    opens
        && (1..=8).contains(&words.len())
        && words.iter().all(|t| {
            let w = t.norm.as_str();
            t.kind == TokenKind::Word
                && !NOT_IN_SPEAKER.contains(&w)
                && (t.capitalized
                    || w.contains('-')
                    || !(w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ly")))
        })
}

/// "..., Ukraine's state nuclear company Energoatom said", "The Houthi-run Al-Masirah television
/// said", "according to the Philippine Coast Guard": a speaker the actor layer does not know is
/// still named by its noun phrase. Where a speech verb has no speaker among the actors but such
/// a phrase stands in the speaker's place and its words give a country or a role, the phrase
/// becomes an actor (rule `speaker-phrase`, with what gave each code).
fn name_unknown_speakers(
    lex: &Lexicons,
    cues: &[Found<SpeechKind>],
    text: &str,
    toks: &[Token],
    actors: &mut Vec<ActorSpan>,
    breaks: &[usize],
) {
    for found in cues {
        let (start, end) = (found.start, found.end);
        let kind = found.values[0];
        if kind == SpeechKind::Report
            || attributive(toks, start, end)
            || joined_verb(toks, start).is_some()
        {
            continue;
        }
        let known = match kind {
            SpeechKind::According => according_to(toks, actors, end),
            _ => subject_of(toks, actors, start, end, breaks),
        };
        if !known.is_empty() {
            continue;
        }
        let stop = |from: usize| {
            (from..toks.len())
                .find(|&k| {
                    matches!(
                        toks[k].norm.as_str(),
                        "," | "." | ";" | "\"" | "'" | "?" | "!"
                    )
                })
                .unwrap_or(toks.len())
        };
        let inverted = start > 0 && matches!(toks[start - 1].norm.as_str(), "," | "\"" | "'");
        let phrase =
            if kind == SpeechKind::According || (inverted && !toks[start].norm.ends_with("ing")) {
                // "according to the city's security secretariat", "..., said the coast guard."
                let skip_to = usize::from(toks.get(end).is_some_and(|t| t.norm == "to"));
                (end + skip_to, stop(end + skip_to))
            } else {
                // "..., the Philippine Coast Guard said", "The opposition-led assembly said ...".
                let from = toks[..start]
                    .iter()
                    .rposition(|t| matches!(t.norm.as_str(), "," | "\"" | "'"))
                    .map_or(0, |k| k + 1)
                    .max(clause_start(toks, start, breaks));
                (from, start)
            };
        let (a, b) = phrase;
        if a >= b || !speaker_phrase(toks, a, b) || actors.iter().any(|x| x.start < b && a < x.end)
        {
            continue;
        }
        let (country, role, rule) = speaker_phrase_codes(lex, text, toks, a, b);
        if country.is_none() && role.is_none() {
            continue;
        }
        let named_from = if matches!(toks[a].norm.as_str(), "the" | "a" | "an") {
            a + 1
        } else {
            a
        };
        let surface = text[toks[a].start..toks[b - 1].end].to_string();
        let name = text[toks[named_from.min(b - 1)].start..toks[b - 1].end].to_string();
        let at = actors.partition_point(|x| x.start < a);
        actors.insert(
            at,
            ActorSpan {
                start: a,
                end: b,
                actor: Actor {
                    text: surface,
                    name,
                    code: crate::actors::actor_code(country.as_deref(), role.as_deref()),
                    country,
                    role,
                    title: None,
                },
                kind: ActorKind::Org,
                rule,
                group: usize::MAX - a,
                adjectival: false,
            },
        );
    }
}

/// The reported-speech cues of a sentence and who makes each claim. Speakers referred back to
/// are added to `actors`; the sentence's speakers are remembered for later sentences.
pub fn find_speech(
    lex: &Lexicons,
    text: &str,
    toks: &[Token],
    actors: &mut Vec<ActorSpan>,
    breaks: &[usize],
    memory: &mut SpeakerMemory,
) -> Vec<Speech> {
    let cues = lex.speech.find_all(text, toks);
    recall_speakers(lex, &cues, text, toks, actors, memory);
    name_unknown_speakers(lex, &cues, text, toks, actors, breaks);
    let mut out: Vec<Speech> = Vec::new();
    for found in &cues {
        let mut kind = found.values[0];
        if attributive(toks, found.start, found.end)
            || (kind == SpeechKind::Confirm && denied_confirmation(toks, found.start))
        {
            continue;
        }
        let mut rule = [
            "speech:",
            &format!("{kind:?}").to_lowercase(),
            ":",
            &toks[found.start].norm,
        ]
        .concat();
        let mut other_speakers = Vec::new();
        // "the ministry said ..., and added that", "Hezbollah announced ... but did not say":
        // a speech verb joined to the one before shares its speaker.
        let shared = joined_verb(toks, found.start)
            .and_then(|_| out.last())
            .filter(|before| !before.claimants.is_empty())
            .map(|before| before.claimants.clone());
        let claimants = if let Some(claimants) = shared {
            rule.push_str("+joined-verb");
            claimants
        } else if let Some(k) = state_outlet(text, toks, actors, kind, found.start) {
            kind = SpeechKind::Say;
            rule = format!("speech:say:{}+state-outlet", toks[found.start].norm);
            memory.remember(text, toks, &actors[k]);
            vec![k]
        } else {
            let claimants = match kind {
                SpeechKind::Report => Vec::new(),
                SpeechKind::According => according_to(toks, actors, found.end),
                _ => subject_of(toks, actors, found.start, found.end, breaks),
            };
            for &k in &claimants {
                affiliate(text, toks, actors, k);
                subjects_spokesman(toks, actors, k);
                owned_speaker(lex, text, toks, actors, k);
                health_speaker(lex, toks, &mut actors[k]);
                memory.remember(text, toks, &actors[k]);
            }
            // "A local official said a soldier had told him the firing lasted two hours": the
            // outlet quotes the outer speaker; the inner one is that speaker's source.
            match nesting(toks, &out, found.start) {
                Some(outer) if kind != SpeechKind::According => {
                    rule.push_str("+nested");
                    other_speakers = claimants;
                    outer.claimants.clone()
                }
                _ => claimants,
            }
        };
        other_speakers.extend(claimants.iter().filter_map(|&k| {
            actors
                .get(k + 1)
                .filter(|next| in_apposition(toks, &actors[k], next))
                .map(|_| k + 1)
        }));
        out.push(Speech {
            start: found.start,
            end: found.end,
            kind,
            claimants,
            other_speakers,
            rule,
        });
    }
    if let Some(body) = actors.iter().rev().find(|a| is_body(&a.actor)) {
        memory.last_body = Some(body.actor.clone());
    }
    out
}

/// The speech an inner one at `start` is reported in: "said a soldier had told him", "said that
/// a neighbour had told her". The inner speaker's phrase follows the outer verb (or its "that")
/// directly, with no punctuation before the inner verb.
fn nesting<'s>(toks: &[Token], before: &'s [Speech], start: usize) -> Option<&'s Speech> {
    let outer = before.last().filter(|o| {
        !o.claimants.is_empty() && !matches!(o.kind, SpeechKind::According | SpeechKind::Report)
    })?;
    let from = outer.end + usize::from(toks.get(outer.end).is_some_and(|t| t.norm == "that"));
    (from < start
        && start - from <= 10
        && toks[from..start].iter().all(|t| {
            t.kind == TokenKind::Word
                && !matches!(
                    t.norm.as_str(),
                    "and" | "but" | "or" | "that" | "which" | "who" | "while"
                )
        }))
    .then_some(outer)
}

/// "Syrian state media reported", "state-run television reported": an outlet of a state speaks
/// for it; hearsay cues are only for media no one owns ("local media reported"). Returns the
/// outlet's actor index for a hearsay cue at `start` inside such an outlet's name.
fn state_outlet(
    text: &str,
    toks: &[Token],
    actors: &[ActorSpan],
    kind: SpeechKind,
    start: usize,
) -> Option<usize> {
    if kind != SpeechKind::Report {
        return None;
    }
    actors.iter().position(|a| {
        a.start < start
            && a.end > start
            && a.actor.role.as_deref() == Some("MED")
            && text[toks[a.start].start..toks[a.end - 1].end]
                .to_lowercase()
                .split([' ', '-'])
                .any(|w| matches!(w, "state" | "official" | "government"))
    })
}

/// "Rwanda's alleged support", "the opposition leader's claim", "the claims": a claim word used as
/// an adjective or a noun after a determiner reports no one's speech; nor does a capitalised one
/// inside a sentence ("the United States"), nor "quoted by"/"cited by" naming who passed it on.
/// "a figure that could not be independently confirmed", "has not been confirmed": a
/// confirmation the text negates is the outlet's disclaimer (a cue), not a speaker confirming.
fn denied_confirmation(toks: &[Token], start: usize) -> bool {
    toks[start.saturating_sub(4)..start].iter().any(|t| {
        matches!(
            t.norm.as_str(),
            "not" | "cannot" | "unable" | "never" | "n't" | "neither" | "nor"
        )
    })
}

fn attributive(toks: &[Token], start: usize, end: usize) -> bool {
    // "the United States", "Member States": a name, not the verb.
    if start > 0 && toks[start].capitalized {
        return true;
    }
    let word = toks[start].norm.as_str();
    // "officials quoted by Radio Okapi", "Peskov, quoted by TASS,": the outlet passing a claim on.
    if matches!(word, "quoted" | "cited") && toks.get(end).is_some_and(|t| t.norm == "by") {
        return true;
    }
    // "suspended the partnership, citing the crackdown on demonstrators": a reason given, not a
    // source ("citing officials", "citing the health ministry" name one).
    if word == "citing" && toks.get(end).is_some_and(|t| t.norm == "the") {
        let reason = toks.get(end + 1).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "crackdown"
                    | "attack"
                    | "attacks"
                    | "violence"
                    | "war"
                    | "invasion"
                    | "situation"
                    | "security"
                    | "risk"
                    | "threat"
                    | "need"
                    | "lack"
                    | "killing"
                    | "killings"
                    | "arrest"
                    | "arrests"
                    | "decision"
                    | "conflict"
                    | "fighting"
            )
        });
        if reason {
            return true;
        }
    }
    end == start + 1
        && matches!(
            word,
            "alleged" | "claim" | "claims" | "statement" | "estimated"
        )
        && start > 0
        && {
            let before = toks[start - 1].norm.as_str();
            matches!(
                before,
                "the"
                    | "a"
                    | "an"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "our"
                    | "this"
                    | "that"
                    | "these"
                    | "those"
                    | "such"
                    | "any"
                    | "joint"
            ) || crate::actors::is_possessive(before)
        }
}

/// "a police spokesman", "a Houthi official", "a spokesman for the local People's Defence Force":
/// a speaker named by a title or role alone speaks for the body that qualifies it, and takes its
/// role and country.
fn affiliate(text: &str, toks: &[Token], actors: &mut [ActorSpan], k: usize) {
    let speaker = &actors[k];
    let bare = speaker.rule.starts_with("title:") || speaker.rule.starts_with("role:");
    if speaker.actor.country.is_some() || !bare {
        return;
    }
    // Touching bodies before it, nearest first: "Taliban" + "government" + "spokesman"; a
    // country may stand one word off ("Syrian state media").
    let mut bodies = Vec::new();
    let mut at = speaker.start;
    while let Some(j) = actors.iter().position(|b| {
        (b.end == at
            || (b.end + 1 == at && is_quote(&toks[b.end].norm))
            // "Syrian state media", "the US Central Command": one word of the name between.
            || (b.end + 1 == at
                && b.actor.role.is_none()
                && toks[b.end].kind == TokenKind::Word))
            && b.start < at
    }) {
        bodies.push(j);
        at = actors[j].start;
    }
    // Or after "for"/"of": "a spokesman for the US-led coalition".
    if bodies.is_empty()
        && toks
            .get(speaker.end)
            .is_some_and(|t| matches!(t.norm.as_str(), "for" | "of"))
        && let Some(mut j) = actors.iter().position(|b| {
            b.start > speaker.end
                && b.start <= speaker.end + 3
                && toks[speaker.end + 1..b.start]
                    .iter()
                    .all(|t| t.kind == TokenKind::Word && !t.capitalized)
        })
    {
        // "for the military government": its head noun, nearest first.
        bodies.push(j);
        while actors.get(j + 1).is_some_and(|b| b.start == actors[j].end) {
            j += 1;
            bodies.insert(0, j);
        }
    }
    let usable = |j: &usize| {
        let b = &actors[*j].actor;
        !matches!(b.role.as_deref(), Some("CVL" | "MED"))
            && (b.role.is_some() || b.country.is_some())
    };
    let bodies: Vec<usize> = bodies.into_iter().take_while(|j| usable(j)).collect();
    let Some(&nearest) = bodies.first() else {
        return;
    };
    // "a Taliban government spokesman", "a Hamas police spokesman": a speaker named with a body
    // noun of its own speaks in that capacity; the group before it gives only the country.
    let own_body = speaker.rule.starts_with("role:") && speaker.rule.contains("+title:");
    let role = if own_body {
        speaker.actor.role.clone()
    } else {
        actors[nearest].actor.role.clone()
    }
    .or_else(|| speaker.actor.role.clone());
    let country = bodies.iter().find_map(|&j| actors[j].actor.country.clone());
    let (from, to) = bodies
        .iter()
        .fold((speaker.start, speaker.end), |(a, z), &j| {
            (a.min(actors[j].start), z.max(actors[j].end))
        });
    let body_name = actors[nearest].actor.name.clone();
    let speaker = &mut actors[k];
    speaker.actor.code = crate::actors::actor_code(country.as_deref(), role.as_deref());
    speaker.actor.country = country;
    speaker.actor.role = role;
    speaker.actor.text = text[toks[from].start..toks[to - 1].end].to_string();
    speaker.rule = format!("{}{SPEAKS_FOR}{body_name}", speaker.rule);
}

/// "Hamas rejected the offer, a spokesman said", "The EU's envoy will host the talks, a
/// spokeswoman said": a spokesperson of no one named, closing a sentence whose subject is a body
/// or official, speaks for that subject (rule `+speaks-for-subject`).
fn subjects_spokesman(toks: &[Token], actors: &mut [ActorSpan], k: usize) {
    let speaker = &actors[k];
    let indefinite =
        speaker.start > 0 && matches!(toks[speaker.start - 1].norm.as_str(), "a" | "an");
    if speaker.actor.country.is_some()
        || speaker.actor.title.as_deref() != Some("Spokesperson")
        || !speaker.rule.starts_with("title:")
        || !indefinite
    {
        return;
    }
    // A named body or an official; a country only as a government ("Sudanese jets bombed ...,
    // a spokesman said" names the attackers, not whose spokesman speaks).
    let Some(subject) = actors.first().filter(|a| {
        let body = match a.kind {
            ActorKind::Org | ActorKind::Person | ActorKind::Capital => true,
            _ => a.actor.title.is_some() || a.actor.role.as_deref() == Some("GOV"),
        };
        a.start <= 1
            && a.end < speaker.start
            && !a.adjectival
            && body
            && matches!(
                a.actor.role.as_deref(),
                Some("GOV" | "IGO" | "NGO" | "MIL" | "REB" | "COP" | "OPP")
            )
    }) else {
        return;
    };
    let (country, role, name) = (
        subject.actor.country.clone(),
        subject.actor.role.clone(),
        subject.actor.name.clone(),
    );
    let speaker = &mut actors[k];
    speaker.actor.code = crate::actors::actor_code(country.as_deref(), role.as_deref());
    speaker.actor.country = country;
    speaker.actor.role = role;
    speaker.rule = format!("{}+speaks-for-subject:{name}", speaker.rule);
}

/// "the Hezbollah-run Al-Manar television", "the Saudi-owned Al Arabiya channel": a speaker named
/// by a bare role noun ("television") whose phrase, before it, names its owner or country in
/// words the actor layer passed over takes that country (rule `+phrase-owner`).
fn owned_speaker(lex: &Lexicons, text: &str, toks: &[Token], actors: &mut [ActorSpan], k: usize) {
    let speaker = &actors[k];
    let bare = speaker.rule.starts_with("role:") || speaker.rule.starts_with("title:");
    if speaker.actor.country.is_some() || !bare {
        return;
    }
    let taken = |i: usize| actors.iter().any(|a| a.start <= i && i < a.end);
    let from = (speaker.start.saturating_sub(5)..speaker.start)
        .rev()
        .take_while(|&i| {
            toks[i].kind == TokenKind::Word
                && !NOT_IN_SPEAKER.contains(&toks[i].norm.as_str())
                && !matches!(toks[i].norm.as_str(), "the" | "a" | "an")
                && !taken(i)
        })
        .last();
    let Some(from) = from else {
        return;
    };
    let (country, _, rule) = speaker_phrase_codes(lex, text, toks, from, speaker.start);
    let Some(country) = country else {
        return;
    };
    let speaker = &mut actors[k];
    speaker.actor.code = crate::actors::actor_code(Some(&country), speaker.actor.role.as_deref());
    speaker.actor.country = Some(country);
    speaker.actor.text = text[toks[from].start..toks[speaker.end - 1].end].to_string();
    speaker.rule = format!("{}+phrase-owner:{rule}", speaker.rule);
}

/// A speaker the actor layer codes by its health role (HLH) is coded by whom it speaks for: a
/// health ministry or health officials for the government, a doctors' network or union for an
/// NGO, doctors and medics for themselves (civilians). The claimant roles follow the annotation
/// conventions (GOV, NGO, CVL), which have no health role.
fn health_speaker(lex: &Lexicons, toks: &[Token], speaker: &mut ActorSpan) {
    if speaker.actor.role.as_deref() != Some("HLH") {
        return;
    }
    let words = || {
        toks[speaker.start..speaker.end]
            .iter()
            .map(|t| t.norm.as_str())
    };
    // The phrase may stop at the role noun ("Doctors" of "the Sudan Doctors Network"): its
    // head is the word after it when that word is a name's or a lower-case noun.
    let after = speaker.end + usize::from(toks.get(speaker.end).is_some_and(|t| is_quote(&t.norm)));
    let head = toks.get(after).map(|t| t.norm.as_str());
    let has = |class: WordClass| words().chain(head).any(|w| lex.word_is(w, class));
    let role = if has(WordClass::HealthState) {
        "GOV"
    } else if has(WordClass::HealthAssociation) {
        "NGO"
    } else {
        "CVL"
    };
    speaker.actor.role = Some(role.into());
    speaker.actor.code = crate::actors::actor_code(speaker.actor.country.as_deref(), Some(role));
    speaker.rule = format!("{}+health-speaker:{}", speaker.rule, role.to_lowercase());
}

/// What a speaker's rule records of the body it speaks for.
const SPEAKS_FOR: &str = "+speaks-for:";

/// Actor `body` is one of the bodies speaker `speaker` was found to speak for: in the phrase
/// before it ("Taliban government spokesman") or after its "for"/"of".
pub fn speaks_for(toks: &[Token], actors: &[ActorSpan], speaker: usize, body: usize) -> bool {
    let (sp, b) = (&actors[speaker], &actors[body]);
    if !sp.rule.contains(SPEAKS_FOR) || body == speaker {
        return false;
    }
    // Between the body and the speaker: other bodies of the chain, a possessive quote, or one
    // plain word ("Syrian state media").
    let covered =
        |k: usize| is_quote(&toks[k].norm) || actors.iter().any(|a| a.start <= k && k < a.end);
    let plain = |k: usize| toks[k].kind == TokenKind::Word;
    let before = b.end <= sp.start
        && sp.start - b.end <= 3
        && (b.end..sp.start).filter(|&k| !covered(k)).count() <= 1
        && (b.end..sp.start).all(|k| covered(k) || plain(k));
    let after = b.start > sp.end
        && b.start <= sp.end + 3
        && toks
            .get(sp.end)
            .is_some_and(|t| matches!(t.norm.as_str(), "for" | "of"));
    before || after
}

/// "according to the North Kivu provincial government": the first actor of the phrase after it.
fn according_to(toks: &[Token], actors: &[ActorSpan], end: usize) -> Vec<usize> {
    let phrase_end = (end..toks.len())
        .find(|&k| matches!(toks[k].norm.as_str(), "," | "." | ";" | "\""))
        .unwrap_or(toks.len());
    actors
        .iter()
        .position(|a| a.start >= end && a.start <= end + 5 && a.start < phrase_end)
        .map(|k| coordinated(actors, toks, k))
        .unwrap_or_default()
}

/// The subject of a speech verb spanning `[start, end)`: the first actor of its clause, or, in
/// "..., said Nebenzya", the actor right after it.
fn subject_of(
    toks: &[Token],
    actors: &[ActorSpan],
    start: usize,
    end: usize,
    breaks: &[usize],
) -> Vec<usize> {
    // "..., said a local official", "“...,” added the spokesman": a finite verb right after a
    // comma or quote comes before its speaker, when the speaker closes the sentence ("France,
    // which has troops there, said its jets ..." has its speaker before).
    let inverted = start > 0
        && matches!(toks[start - 1].norm.as_str(), "," | "\"" | "'")
        && !toks[start].norm.ends_with("ing");
    if inverted
        && let Some(k) = actors.iter().position(|a| {
            a.start >= end
                && a.start <= end + 3
                && eligible(a)
                && toks[end..a.start]
                    .iter()
                    .all(|t| t.kind == TokenKind::Word && !t.capitalized)
                && closes_clause(toks, actors, a)
        })
    {
        return coordinated(actors, toks, k);
    }
    // "..., the army said": a speaker set off by a comma or a quote right before the verb.
    // Up to three words (article, adjectives) may stand between the comma and the speaker:
    // "..., the regional governor said".
    // "what the army said were depots", "who the ministry said had attacked": in a relative
    // clause the speaker is the actor right before the verb.
    let tail = actors.iter().position(|a| {
        a.end == start
            && toks[a.start.saturating_sub(2)..a.start]
                .iter()
                .any(|t| opens_relative_clause(&t.norm))
    });
    if let Some(k) = tail {
        return coordinated(actors, toks, k);
    }
    let tail = actors.iter().position(|a| {
        a.end == start
            && toks[a.start.saturating_sub(4)..a.start]
                .iter()
                .any(|t| matches!(t.norm.as_str(), "," | "\"" | "'"))
    });
    if let Some(k) = tail {
        return coordinated(actors, toks, k);
    }
    // "Hezbollah announced the deaths ... but did not say where", "the spokesman said ..., and
    // denied targeting the camp": a verb joined to an earlier one with no subject of its own
    // shares that verb's subject, the first actor of the sentence part before the conjunction.
    if let Some(conj) = joined_verb(toks, start)
        && let Some(k) = actors.iter().position(|a| {
            a.start >= clause_start(toks, conj.saturating_sub(1), breaks) && a.end <= conj
        })
    {
        return coordinated(actors, toks, k);
    }
    // "..., the Syrian Civil Defence rescue service, known as the White Helmets, said": an
    // appositive between the speaker and its verb is passed over.
    let before_verb = appositive_before(toks, start).unwrap_or(start);
    if before_verb < start
        && let Some(comma) = toks[..before_verb].iter().rposition(|t| t.norm == ",")
        && before_verb - comma <= 9
        && let Some(k) = actors
            .iter()
            .position(|a| a.start > comma && a.end <= before_verb)
    {
        return coordinated(actors, toks, k);
    }
    // "..., a local resistance group said." A short segment after the last comma is the whole
    // attribution: its speaker is there or nowhere, never the subject of the reported clause.
    if let Some(comma) = toks[..start].iter().rposition(|t| t.norm == ",") {
        let has_words = toks[comma + 1..start]
            .iter()
            .any(|t| t.kind == observer_text::TokenKind::Word);
        if start - comma <= 9 && has_words {
            return actors
                .iter()
                .position(|a| a.start > comma && a.end <= start)
                .map(|k| coordinated(actors, toks, k))
                .unwrap_or_default();
        }
    }
    let from = clause_start(toks, start, breaks);
    if let Some(mut k) = actors
        .iter()
        .position(|a| a.start >= from && a.end <= start)
    {
        // "A Houthi military spokesman said": the speaker is the title heading the phrase, which
        // speaks for the body before it.
        while actors.get(k + 1).is_some_and(|b| {
            b.start == actors[k].end
                && b.end <= start
                && (b.rule.starts_with("title:") || b.rule.starts_with("role:"))
                && b.actor.country.is_none()
        }) {
            k += 1;
        }
        return coordinated(actors, toks, k);
    }
    // "..., said Nebenzya." The actor closes the clause; in "said its troops had ..." it opens the
    // reported clause instead and is no speaker.
    actors
        .iter()
        .position(|a| {
            a.start >= end && a.start <= end + 1 && eligible(a) && closes_clause(toks, actors, a)
        })
        .map(|k| coordinated(actors, toks, k))
        .unwrap_or_default()
}

/// Words opening an appositive set off by commas after a speaker: ", known as the White
/// Helmets,", ", which runs the camps,", ", based in London,".
const APPOSITIVE_OPENERS: &[&str] = &[
    "known", "which", "who", "whose", "based", "formerly", "also",
];

/// The comma opening an appositive that ends right before the verb at `start` (", known as the
/// White Helmets, said"), when there is one within eight tokens.
fn appositive_before(toks: &[Token], start: usize) -> Option<usize> {
    if start == 0 || toks[start - 1].norm != "," {
        return None;
    }
    let open = (start.saturating_sub(10)..start - 1)
        .rev()
        .find(|&k| toks[k].norm == ",")?;
    toks.get(open + 1)
        .is_some_and(|t| APPOSITIVE_OPENERS.contains(&t.norm.as_str()))
        .then_some(open)
}

/// Words that may stand between a conjunction and the verb it joins ("but did not say", "and
/// later added").
const VERB_ADJUNCTS: &[&str] = &[
    "did", "does", "do", "not", "n't", "has", "have", "had", "also", "later", "then", "again",
    "further", "would", "will", "could", "however", "yet",
];

/// The conjunction ("and", "but") that joins the verb at `start` to an earlier one, when nothing
/// but auxiliaries, negation and adverbs stand between: "... and denied", "but did not say".
pub fn joined_verb(toks: &[Token], start: usize) -> Option<usize> {
    let conj = (start.saturating_sub(5)..start)
        .rev()
        .find(|&k| !VERB_ADJUNCTS.contains(&toks[k].norm.as_str()))?;
    (matches!(toks[conj].norm.as_str(), "and" | "but") && conj > 0).then_some(conj)
}

/// An actor after a speech verb that ends the clause ("said Nebenzya.", "said a doctor at a
/// hospital"), rather than opening the reported one ("said its troops had ...").
fn closes_clause(toks: &[Token], actors: &[ActorSpan], a: &ActorSpan) -> bool {
    // Follow a chain of touching actors: "Sudan's army" + "spokesman Nabil Abdallah".
    let mut end = a.end;
    while let Some(next) = actors.iter().find(|b| b.start == end) {
        end = next.end;
    }
    toks.get(end).is_none_or(|t| {
        matches!(
            t.norm.as_str(),
            "." | "," | "\"" | "'" | ";" | "on" | "in" | "at" | "for" | "from" | "of" | "late"
        )
    })
}
