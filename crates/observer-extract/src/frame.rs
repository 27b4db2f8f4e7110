//! Frame building: turns the annotation layers of a sentence into events, each field with the
//! span and the rule that produced it, then fills what a sentence leaves implicit from the article
//! (the warring pair, the conflict zone, the publication date).

use crate::actors::{ActorKind, ActorSpan, SIDES};
use crate::attribution::{Speech, coordinated};
use crate::lexicons::{Cue, Lexicons, SpeechKind, WordClass};
use crate::places::{self, PlaceSource, PlaceSpan, place_of_country, place_of_entry, resolve};
use crate::quantity::CasualtySpan;
use crate::time::DateSpan;
use crate::triggers::{CueSpan, Trigger};
use observer_model::{
    Actor, Casualty, CasualtyGroup, DatePrecision, Event, EventDate, EventType, Evidence,
    FieldEvidence, Place, PlacePrecision, Stance,
};
use observer_text::Token;
use std::collections::HashMap;

/// Everything the layers found in one sentence.
#[derive(Debug)]
pub struct Analysed {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub toks: Vec<Token>,
    pub actors: Vec<ActorSpan>,
    pub places: Vec<PlaceSpan>,
    pub dates: Vec<DateSpan>,
    pub casualties: Vec<CasualtySpan>,
    pub cues: Vec<CueSpan>,
    pub breaks: Vec<usize>,
    pub speech: Vec<Speech>,
    pub triggers: Vec<Trigger>,
}

/// What the article as a whole tells about each sentence.
#[derive(Debug, Default)]
pub struct ArticleContext {
    pub article_id: String,
    pub published: Option<chrono::NaiveDate>,
    /// How often each country is named, for place disambiguation.
    pub countries: HashMap<String, usize>,
    /// The place the article is mostly about: where unlocated fighting is put.
    pub focus: Option<(Place, String)>,
    /// The focus is a gazetteer city of at least [`places::LARGE_CITY`] people: a story calls it
    /// "the capital", and its districts may be missing from the gazetteer.
    pub focus_is_large_city: bool,
    /// The outlet's "unable to independently verify" sentence, if any, and its index.
    pub disclaimer: Option<(usize, FieldEvidence)>,
    /// For each sentence, the last date the article gave before it: what "the strike" in a
    /// sentence without a date of its own happened on.
    pub date_before: Vec<Option<EventDate>>,
    /// Per sentence: the sentence just before it dates an event in the days before publication,
    /// so an undated event here continues that story ("Turkish forces retaliated ...").
    pub follows_dated: Vec<bool>,
}

impl ArticleContext {
    fn continues_story(&self, sentence: usize) -> bool {
        self.follows_dated.get(sentence).copied().unwrap_or(false)
    }

    /// The disclaimer covering a claim in `sentence`: "could not verify the accounts" looks back
    /// at the claims reported before it, and at what happened, not at plans or threats.
    fn disclaimer_for(&self, sentence: usize, hypothetical: bool) -> Option<&FieldEvidence> {
        self.disclaimer
            .as_ref()
            .filter(|(at, _)| sentence <= *at && !hypothetical)
            .map(|(_, d)| d)
    }
}

/// Words that rank an event against earlier ones ("the first meeting since ...").
const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "worst", "latest",
];

/// Words that make "since ... <date>" the start of a period ("since the war began on May 10").
const PERIOD_STARTS: &[&str] = &[
    "began",
    "begun",
    "started",
    "erupted",
    "broke",
    "start",
    "beginning",
    "outbreak",
];

/// How many days before publication an event must be dated to count as background.
const OLD_NEWS_DAYS: i64 = 21;

/// Event types that are themselves speech acts: their speaker is their source, not a claimant.
fn is_speech_act(t: EventType) -> bool {
    matches!(
        t,
        EventType::Accuse
            | EventType::Request
            | EventType::Reject
            | EventType::Threaten
            | EventType::Support
    )
}

/// A speaker named as both parties at once: "the two delegations", "both sides", "both
/// governments" (not a count of sources: "according to two diplomats").
fn speaks_jointly(toks: &[Token], speaker: &ActorSpan) -> bool {
    let words: Vec<&str> = toks[speaker.start.saturating_sub(2)..speaker.end]
        .iter()
        .map(|t| t.norm.as_str())
        .collect();
    words.contains(&"both") || words.windows(2).any(|w| w == ["the", "two"])
}

/// Event types whose place must be stated with "in"/"at": an accusation is not made where its
/// subject happened.
fn is_verbal(t: EventType) -> bool {
    is_speech_act(t)
}

/// Events that happen somewhere even when the sentence does not say where: on the ground of
/// the story (arrests, protests and curfews too, not only fighting).
fn takes_focus_place(t: EventType) -> bool {
    matches!(
        t,
        EventType::Assault
            | EventType::Agree
            | EventType::Retreat
            | EventType::Concede
            | EventType::Mobilize
            | EventType::Coerce
            | EventType::Protest
    )
}

/// Words that open a subordinate clause with a subject of its own ("after Armenian troops fired").
const SUBORDINATORS: &[&str] = &["after", "before", "when", "until", "because", "once"];

/// How many words after an attack word its civilian object may stand ("hit a crowded market").
const SITE_WINDOW: usize = 6;

/// The rule of a target inferred from the civilian site an attack hit.
const CIVILIAN_SITE_RULE: &str = "actors:civilian-site-attacked";

/// Past participles of the trigger verbs that do not end in "-ed" ("were shot", "had been held").
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "shot", "held", "hit", "struck", "taken", "seized", "beaten", "caught", "thrown", "driven",
    "sent", "brought", "met", "sought", "fought", "blown", "overrun", "hung", "slain", "stabbed",
];

/// (source, target) pairs of actor indexes; one event each.
type Pairs = Vec<(Option<usize>, Option<usize>)>;

struct Builder<'a> {
    lex: &'a Lexicons,
    text: &'a str,
    s: &'a Analysed,
    ctx: &'a ArticleContext,
}

impl Builder<'_> {
    fn span_text(&self, start: usize, end: usize) -> (usize, usize, String) {
        let (a, b) = (self.s.toks[start].start, self.s.toks[end - 1].end);
        (a, b, self.text[a..b].to_string())
    }

    fn evidence(&self, field: &str, start: usize, end: usize, rule: &str) -> FieldEvidence {
        let (a, b, t) = self.span_text(start, end);
        FieldEvidence {
            field: field.into(),
            start: Some(a),
            end: Some(b),
            text: Some(t),
            rule: rule.into(),
        }
    }

    /// The token range of the clause holding token `i`, between the sentence's clause breaks.
    fn clause_of(&self, i: usize) -> (usize, usize) {
        let start = crate::attribution::break_before(&self.s.breaks, i);
        let end = self
            .s
            .breaks
            .iter()
            .copied()
            .filter(|&b| b > i)
            .min()
            .unwrap_or(self.s.toks.len());
        (start, end)
    }

    /// The speech cue that governs a trigger: the nearest one before it, else one after it in its
    /// clause ("“...,” Nebenzya said"), one naming a speaker first ("no injuries were reported,
    /// according to the military"), else an attribution closing the sentence after a comma
    /// ("..., while two officers were wounded, the national police said").
    fn governing_speech(&self, t: &Trigger) -> Option<&Speech> {
        let sp = &self.s.speech;
        let (_, clause_end) = self.clause_of(t.start);
        // "The governor met the freed captives and said they would receive care": a speech verb
        // joined to the trigger's verb tells what its doer said next, not who says it happened.
        let joined = |s: &Speech| {
            crate::attribution::joined_verb(&self.s.toks, s.start).is_some_and(|c| c >= t.end)
        };
        // "imposed sanctions on seven entities it accused of supplying drones": an accusation
        // tells what it charges after "of", not what was done before it.
        let charges_after = |s: &Speech| {
            let toks = &self.s.toks;
            matches!(
                toks[s.start].norm.as_str(),
                "accused" | "accuses" | "accusing"
            ) && (s.end..(s.end + 4).min(toks.len())).any(|k| toks[k].norm == "of")
        };
        let after = || {
            sp.iter()
                .filter(|s| s.start >= t.end && !joined(s) && !charges_after(s))
        };
        sp.iter()
            .filter(|s| s.end <= t.start && s.start != t.start)
            .max_by_key(|s| s.end)
            .or_else(|| {
                after()
                    .filter(|s| s.start < clause_end)
                    .min_by_key(|s| (s.claimants.is_empty(), s.start))
            })
            .or_else(|| after().find(|s| !s.claimants.is_empty() && self.closes_sentence(s)))
            .filter(|s| s.end <= t.start || !self.embedded(s))
            .or_else(|| {
                sp.iter()
                    .find(|s| s.start == t.start && s.kind != SpeechKind::Claim)
            })
    }

    /// An attribution set off by a comma with no other event between ("..., the army said",
    /// "..., according to a monitoring group"): it covers the whole sentence before it.
    fn closes_sentence(&self, sp: &Speech) -> bool {
        let toks = &self.s.toks;
        let Some(comma) = toks[..sp.start].iter().rposition(|t| t.norm == ",") else {
            return false;
        };
        sp.start - comma <= 8
            && !self
                .s
                .triggers
                .iter()
                .any(|t| t.start > comma && t.start < sp.start)
    }

    /// Speech inside a relative clause ("the exchanges, which it said risked ...", "struck what
    /// the military said were launchers", "companies it said had sold oil"): it qualifies what
    /// follows it, not the events before it.
    fn embedded(&self, sp: &Speech) -> bool {
        let toks = &self.s.toks;
        let relative = toks[sp.start.saturating_sub(4)..sp.start]
            .iter()
            .any(|t| crate::attribution::opens_relative_clause(&t.norm));
        // "a company that it said supplied jet fuel": "that" opening a relative clause before the
        // speaker (not the "that" after a speech verb: "said that the army ...").
        let relative_that = sp.start >= 2
            && toks[sp.start.saturating_sub(3)..sp.start - 1]
                .iter()
                .enumerate()
                .any(|(i, t)| {
                    let k = sp.start.saturating_sub(3) + i;
                    t.norm == "that"
                        && k > 0
                        && !self.s.speech.iter().any(|other| other.end == k)
                        && matches!(
                            toks[k + 1].norm.as_str(),
                            "it" | "they" | "he" | "she" | "the"
                        )
                })
            && toks.get(sp.end).is_some_and(|t| t.norm != "that");
        let relative = relative || relative_that;
        let reduced = toks.get(sp.end).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "had" | "has" | "have" | "was" | "were" | "is" | "are"
            )
        });
        relative || reduced
    }

    /// Claimants and the actors joined to them by "of" ("the head of the regional
    /// administration") are the speaker: neither source nor target of what is said.
    fn actor_ok(&self, k: usize, claimants: &[usize]) -> bool {
        let a = &self.s.actors[k];
        // "defense and military officials said": a word before the speaker is part of its name;
        // so is the head of "officials on both sides said", "diplomats from both countries said".
        let names_claimant = |c: usize| {
            let speaker = self.s.actors[c].start;
            a.end == speaker
                || (a.end + 1 == speaker
                    && matches!(
                        self.s.toks[a.end].norm.as_str(),
                        "on" | "from" | "in" | "for" | "at"
                    ))
        };
        // Nor is the body a speaker speaks for ("Houthi" in "a Houthi spokesman").
        a.actor.role.as_deref() != Some("MED")
            && !claimants.iter().any(|&c| {
                c == k
                    || names_claimant(c)
                    || crate::attribution::speaks_for(&self.s.toks, &self.s.actors, c, k)
                    || self.joined_by_of(k, c)
                    || self.joined_by_of(c, k)
            })
    }

    /// Actor `a` is followed by "of (the)" and then actor `b`.
    fn joined_by_of(&self, a: usize, b: usize) -> bool {
        let (a, b) = (&self.s.actors[a], &self.s.actors[b]);
        let between = self.s.toks.get(a.end..b.start).unwrap_or_default();
        between.first().is_some_and(|t| t.norm == "of")
            && between[1..]
                .iter()
                .all(|t| matches!(t.norm.as_str(), "the" | "a" | "its" | "their"))
    }

    /// Inside ", which ... ," or ", who ... ,": a relative clause about someone, not the subject.
    fn in_relative_clause(&self, i: usize) -> bool {
        let toks = &self.s.toks;
        let Some(open) = (0..i).rev().find(|&k| toks[k].norm == ",") else {
            return false;
        };
        let relative = toks
            .get(open + 1)
            .is_some_and(|t| matches!(t.norm.as_str(), "which" | "who" | "whose"));
        relative && !toks[open + 1..i].iter().any(|t| t.norm == ",")
    }

    /// Victims counted in a casualty figure ("772 troops"): a target, never a source.
    fn is_victim(&self, k: usize) -> bool {
        let a = &self.s.actors[k];
        a.actor.role.as_deref() == Some("CVL")
            || self
                .s
                .casualties
                .iter()
                .any(|c| c.start < a.end && a.start < c.end)
    }

    /// A verb in the passive ("were detained", "had been freed", "was reportedly shot"): its
    /// grammatical subject is the one acted on, its doer follows "by" if it is named at all.
    fn is_passive(&self, t: &Trigger) -> bool {
        let toks = &self.s.toks;
        let verb = &toks[t.start];
        let participle = verb.kind == observer_text::TokenKind::Word
            && (verb.norm.ends_with("ed") || IRREGULAR_PARTICIPLES.contains(&verb.norm.as_str()));
        // The auxiliary may stand one or two adverbs before ("were later freed").
        let auxiliary = (t.start.saturating_sub(3)..t.start)
            .rev()
            .take_while(|&k| {
                let w = toks[k].norm.as_str();
                matches!(w, "was" | "were" | "been" | "being" | "be" | "is" | "are")
                    || w.ends_with("ly")
                    || matches!(
                        w,
                        "also" | "later" | "then" | "not" | "never" | "all" | "both"
                    )
            })
            .any(|k| {
                matches!(
                    toks[k].norm.as_str(),
                    "was" | "were" | "been" | "being" | "be" | "is" | "are"
                )
            });
        participle && auxiliary
    }

    /// The role the noun an actor qualifies gives it, for an actor named with no role or as its
    /// government: "Palestinian prisoners" and "the Israeli town" are civilians, "government
    /// positions" and "prisoners of war" the armed forces. With the index of that noun.
    fn role_of_head(&self, k: usize, ty: EventType) -> Option<(&'static str, usize)> {
        let toks = &self.s.toks;
        let a = &self.s.actors[k];
        // "Venezuela's second city": what a country owns is not what it is (but "the
        // government's positions" are held by its forces).
        let possessive = crate::actors::is_possessive(&toks[a.end - 1].norm);
        let government = match a.actor.role.as_deref() {
            None => false,
            Some("GOV") => true,
            Some(_) => return None,
        };
        // One lower-case word may stand between ("the Israeli border town").
        let next = toks.get(a.end)?;
        let between = next.kind == observer_text::TokenKind::Word
            && !next.capitalized
            && !matches!(
                next.norm.as_str(),
                "and" | "or" | "of" | "to" | "in" | "had" | "has"
            )
            && !self
                .lex
                .word_is(next.norm.as_str(), WordClass::MilitaryMarker);
        let attack = ty == EventType::Assault;
        let head = [a.end, a.end + 1]
            .into_iter()
            .take(if between { 2 } else { 1 })
            .filter(|&i| !self.s.actors.iter().any(|b| b.start == i))
            .find(|&i| {
                toks.get(i).is_some_and(|w| {
                    let w = w.norm.as_str();
                    self.lex.word_is(w, WordClass::MilitaryHead)
                        || (!possessive
                            && (self.lex.word_is(w, WordClass::CivilianPeople)
                                || (attack && self.civilian_place(w))))
                })
            })
            .or_else(|| {
                (attack && !possessive)
                    .then(|| self.site_in(a.start))
                    .flatten()
            })?;
        if self.names_fighters(head) {
            Some(("MIL", head))
        } else if government {
            None
        } else {
            Some(("CVL", head))
        }
    }

    /// "Russia and Ukraine exchanged 75 prisoners of war", "Israel freed 30 detainees to Egypt":
    /// the captives a release or arrest names after its verb make the country it is done to
    /// their fighters or civilians. With the index of the noun.
    fn captives(&self, t: &Trigger) -> Option<(&'static str, usize)> {
        let toks = &self.s.toks;
        let (_, c_end) = self.clause_of(t.start);
        let head = (t.end..(t.end + SITE_WINDOW).min(c_end))
            .take_while(|&i| !matches!(toks[i].norm.as_str(), "by" | "," | "from" | "to"))
            .find(|&i| {
                let w = toks[i].norm.as_str();
                self.lex.word_is(w, WordClass::MilitaryHead)
                    || self.lex.word_is(w, WordClass::CivilianPeople)
            })?;
        Some((
            if self.names_fighters(head) {
                "MIL"
            } else {
                "CVL"
            },
            head,
        ))
    }

    /// Whether the noun at `head` names fighters or what they hold: "troops", "positions",
    /// "prisoners of war".
    fn names_fighters(&self, head: usize) -> bool {
        let toks = &self.s.toks;
        let of_war = toks.get(head + 1).is_some_and(|w| w.norm == "of")
            && toks.get(head + 2).is_some_and(|w| w.norm == "war");
        self.lex.token_is(&toks[head], WordClass::MilitaryHead) || of_war
    }

    /// A civilian site or a populated place: "market", "hospital", "village".
    fn civilian_place(&self, word: &str) -> bool {
        self.lex.word_is(word, WordClass::CivilianSite)
            || self.lex.word_is(word, WordClass::Populated)
    }

    /// "attacked towns and villages in southern Israel": the civilian site or populated place
    /// before "in" (and a compass word) that a country at `start` is where.
    fn site_in(&self, start: usize) -> Option<usize> {
        let toks = &self.s.toks;
        let compass = |w: &str| w.ends_with("ern") || w == "central";
        let mut at = start.checked_sub(1)?;
        if compass(&toks[at].norm) && !toks[at].capitalized {
            at = at.checked_sub(1)?;
        }
        let site = at.checked_sub(1)?;
        let w = toks[site].norm.as_str();
        (toks[at].norm == "in" && self.civilian_place(w)).then_some(site)
    }

    /// "condemned the killing of two police officers", "denounced the abduction of the
    /// journalists": the party after "of" an attack or arrest noun is its victim, not whom the
    /// charge or appeal about it is aimed at.
    fn victim_of_act(&self, k: usize) -> bool {
        let s = self.s;
        // Up to three words of the noun phrase before the party ("of two of its", "of the
        // three").
        let start = s.actors[k].start;
        let Some(of) = (start.saturating_sub(4)..start)
            .rev()
            .take_while(|&i| !s.toks[i].capitalized || s.toks[i].norm == "of")
            .find(|&i| s.toks[i].norm == "of")
        else {
            return false;
        };
        // The act's word ends right before "of" ("the killing", "the abduction").
        (of.saturating_sub(2)..of).any(|i| {
            self.lex
                .triggers
                .longest_at(self.text, &s.toks, i)
                .is_some_and(|found| {
                    found.end == of
                        && found.values.iter().any(|&e| {
                            matches!(
                                self.lex.trigger_entries[e].event_type,
                                EventType::Assault | EventType::Coerce
                            )
                        })
                })
        })
    }

    /// "a gross violation of Syrian sovereignty", "an attack on Iraqi soil": the party whose
    /// sovereignty, territory or airspace a charge says was violated is wronged, not accused.
    fn wronged(&self, k: usize) -> bool {
        self.s.toks.get(self.s.actors[k].end).is_some_and(|w| {
            matches!(
                w.norm.as_str(),
                "sovereignty" | "territory" | "airspace" | "soil" | "integrity" | "waters"
            )
        })
    }

    /// "blamed the RSF for an attack on a camp", "accused Kyiv of Sunday's shelling": the party
    /// an accusation names is the doer of the act named after its "for" or "of".
    fn accused_doer(&self, t: &Trigger) -> Option<usize> {
        let s = self.s;
        // Up to two words of the act's noun phrase ("an", "the deadly", "Sunday's").
        let prep = (t.start.saturating_sub(3)..t.start)
            .rev()
            .take_while(|&i| !matches!(s.toks[i].norm.as_str(), "," | "and"))
            .find(|&i| matches!(s.toks[i].norm.as_str(), "for" | "of"))?;
        if s.actors.iter().any(|a| a.start > prep && a.start < t.start) {
            return None;
        }
        let k = s.actors.iter().position(|a| a.end == prep)?;
        // The accusation's verb right before the party (a determiner may stand between).
        let named = s.actors[k].start;
        s.triggers
            .iter()
            .any(|c| {
                self.lex.trigger_entries[c.entry].event_type == EventType::Accuse
                    && c.end <= named
                    && named - c.end <= 1
            })
            .then_some(k)
    }

    /// "drones hit a water station", "shelled a crowded market": the civilian site an attack
    /// naming no party after it is aimed at (before any party, agent or military word).
    fn civilian_site(&self, t: &Trigger) -> Option<usize> {
        let s = self.s;
        let (_, c_end) = self.clause_of(t.start);
        (t.end..(t.end + SITE_WINDOW).min(c_end))
            .take_while(|&i| {
                let w = s.toks[i].norm.as_str();
                !matches!(w, "by" | "from" | "," | "and" | "or")
                    && !self.lex.word_is(w, WordClass::MilitaryMarker)
                    && !self.lex.word_is(w, WordClass::MilitaryHead)
                    && !self.lex.word_is(w, WordClass::Facility)
                    && !s.actors.iter().any(|a| a.start <= i && i < a.end)
            })
            .find(|&i| self.lex.token_is(&s.toks[i], WordClass::CivilianSite))
    }

    /// Source and target candidates for a trigger: a list of (source, target) actor indexes.
    fn participants(
        &self,
        t: &Trigger,
        ty: EventType,
        speech: Option<&Speech>,
    ) -> (Pairs, &'static str) {
        let claimants: Vec<usize> = speech.map_or(Vec::new(), |sp| {
            sp.claimants
                .iter()
                .chain(&sp.other_speakers)
                .copied()
                .collect()
        });
        let claimants = claimants.as_slice();
        let s = self.s;
        let (c_start, c_end) = self.clause_of(t.start);
        let norm = |i: usize| crate::time::norm_at(&s.toks, i);
        let usable =
            |k: usize| self.actor_ok(k, claimants) || (is_speech_act(ty) && claimants.contains(&k));
        // Civilians counted as victims attack no one; protesting civilians do act. Nor does a
        // party naming a site ("near a police checkpoint", "an army base was hit").
        let can_act = |k: usize| {
            usable(k)
                && !self.in_relative_clause(s.actors[k].start)
                && !(ty == EventType::Assault
                    && (self.is_victim(k)
                        || s.toks
                            .get(s.actors[k].end)
                            .is_some_and(|w| self.lex.token_is(w, WordClass::Facility))))
        };
        // "between A and B"
        for k in t.end..(t.end + 4).min(s.toks.len()) {
            if norm(k) == "between" {
                let after: Vec<usize> = (0..s.actors.len())
                    .filter(|&a| s.actors[a].start > k && s.actors[a].start < c_end)
                    .collect();
                if after.len() >= 2 {
                    return (vec![(Some(after[0]), Some(after[1]))], "actors:between");
                }
            }
        }
        // Subject: the first usable actor of the clause before the trigger, with its coordinates;
        // in "X said its forces repelled an attack after Armenian troops fired", of the
        // subordinate clause the trigger is in.
        // "If the regime continues its raids, we will respond": a condition before the trigger's
        // clause is no part of it.
        let condition = (0..t.start).find(|&k| norm(k) == "if").and_then(|c| {
            let end = (c + 1..t.start).find(|&k| matches!(norm(k), "," | ";" | "then"))?;
            Some((c, end))
        });
        let in_condition = |k: usize| {
            condition.is_some_and(|(c, end)| s.actors[k].start > c && s.actors[k].end <= end)
        };
        let subject_of = |from: usize| {
            (0..s.actors.len())
                .filter(|&k| {
                    s.actors[k].start >= from
                        && s.actors[k].end <= t.start
                        && can_act(k)
                        && !in_condition(k)
                })
                .find(|&k| !crate::actors::is_locative(&s.toks, s.actors[k].start))
        };
        let subordinate = (c_start..t.start)
            .rev()
            .find(|&k| SUBORDINATORS.contains(&norm(k)))
            .and_then(|k| subject_of(k + 1));
        let mut subject = subordinate
            .or_else(|| subject_of(c_start))
            .map(|k| coordinated(&s.actors, &s.toks, k))
            .unwrap_or_default();
        // "Armenia said it had repulsed...", "they were ready to visit": the speaker is the subject.
        if let Some(sp) = speech.filter(|sp| sp.end <= t.start && !sp.claimants.is_empty()) {
            // "... said its jets had struck": the speaker's own forces act (but in "11 of its
            // soldiers were killed" they are acted on).
            let pronoun = (sp.end..t.start).any(|k| {
                matches!(norm(k), "it" | "they" | "we")
                    || (matches!(norm(k), "its" | "their" | "our" | "his" | "her")
                        && k > 0
                        && norm(k - 1) != "of"
                        && s.actors.iter().any(|a| a.start == k + 1))
            });
            if pronoun && subject.iter().all(|&k| s.actors[k].start < sp.start) {
                subject = sp.claimants.clone();
            }
        }
        // "his forces would respond": a trigger led by a modal is a verb, whose subject is no
        // modifier.
        let verbal = matches!(
            norm(t.start),
            "would" | "will" | "could" | "can" | "may" | "might" | "shall" | "should" | "must"
        );
        // A modifier right before a nominal trigger: "Azeri attacks", "Russian air strikes".
        let modifier = (0..s.actors.len()).find(|&k| {
            let a = &s.actors[k];
            // A demonym may have one lower-case word between ("Israeli tank shelling"); a bare
            // role noun must touch the trigger ("army air strike", "rebel attack").
            let touching = a.end == t.start
                || (a.end + 1 == t.start && matches!(norm(a.end), "-" | "led" | "backed"));
            let one_word_between = a.end + 1 == t.start
                && !s.toks[a.end].capitalized
                && s.toks[a.end].kind == observer_text::TokenKind::Word
                && !matches!(norm(a.end), "and" | "or" | "of" | "to" | "in");
            let role_noun = a.kind == crate::actors::ActorKind::Group && a.end - a.start == 1;
            // "Rebel fighters attacked": the head of the subject's noun phrase, not a modifier.
            let heads_subject = s.actors.iter().any(|b| b.end == a.start);
            // "local militias recaptured the town": a role noun before a verb is its subject.
            let verb = s.toks[t.start].norm.ends_with("ed");
            ((a.adjectival && (touching || one_word_between)) || (role_noun && touching && !verb))
                && !heads_subject
                && !verbal
                && can_act(k)
        });
        // "The patrol came under fire from gunmen": the subject is attacked, by whoever comes
        // after "from" (or "by").
        let suffered = s.toks[t.start..t.end].iter().any(|w| w.norm == "under")
            || (t.start >= 2
                && norm(t.start - 1) == "under"
                && matches!(norm(t.start - 2), "came" | "come" | "comes" | "coming"));
        // "Twelve soldiers were captured": in the passive the subject is acted on, like one that
        // came under fire (speech acts keep their speaker: "was accused" is rare, "was said" no act).
        let passive = !suffered && !is_speech_act(ty) && self.is_passive(t);
        // "by X", "by the X" after a passive or nominal trigger.
        let agent = (t.end..(t.end + 3).min(c_end))
            .find(|&k| norm(k) == "by" || (suffered && norm(k) == "from"))
            .and_then(|k| {
                let at = if matches!(norm(k + 1), "the" | "a" | "an") {
                    k + 2
                } else {
                    k + 1
                };
                s.actors
                    .iter()
                    .position(|a| a.start == at && a.end <= c_end)
            });
        let symmetric = matches!(
            ty,
            EventType::Consult | EventType::Agree | EventType::Cooperate
        ) || crate::triggers::mutual(&self.lex.trigger_entries[t.entry]);
        // "agreed on joint patrols against armed groups": whom a joint act is aimed at is no party
        // to it.
        let opposed = |k: usize| {
            symmetric && s.actors[k].start > 0 && norm(s.actors[k].start - 1) == "against"
        };
        let after_by = |k: usize| {
            let mut at = s.actors[k].start - 1;
            if matches!(norm(at), "the" | "a" | "an") && at > 0 {
                at -= 1;
            }
            norm(at) == "by"
        };
        let object = (0..s.actors.len())
            .filter(|&k| {
                // "agreed to a ceasefire brokered by the US": another verb's agent is no object
                // (but "rejected a proposal announced by the military" rejects its author's).
                s.actors[k].start >= t.end
                    && s.actors[k].start < c_end
                    && usable(k)
                    // "“... we will respond,” a Hezbollah commander warned": the speaker of a
                    // threat, charge or appeal is not whom it is aimed at ("stopped a convoy,
                    // the WFP said" may well be done to the speaker).
                    && !(matches!(
                        ty,
                        EventType::Threaten | EventType::Accuse | EventType::Request
                    ) && claimants.contains(&k))
                    && Some(k) != agent
                    && !opposed(k)
                    && !(is_speech_act(ty) && (self.victim_of_act(k) || self.wronged(k)))
                    && (is_speech_act(ty) || !after_by(k))
            })
            .find(|&k| {
                let at = s.actors[k].start;
                // "retook the town from Fano militiamen": ground is taken from its holder.
                let taken_from = norm(at - 1) == "from"
                    && self.lex.trigger_entries[t.entry].mode.as_deref() == Some("occupation");
                !crate::actors::is_locative(&s.toks, at)
                    || norm(at - 1) == "to"
                    || taken_from
                    || crate::actors::is_recipient(self.lex, &s.toks, at)
            })
            .map(|k| coordinated(&s.actors, &s.toks, k))
            .unwrap_or_default();
        // "A and B accused one another"
        let reciprocal =
            (t.end..(t.end + 4).min(s.toks.len())).any(|k| matches!(norm(k), "another" | "other"));
        // "The US, Russia and Switzerland met", "Armenian and Azerbaijani troops clashed": a
        // symmetric act of a coordinated subject with no object is between its members.
        let mutual =
            object.is_empty() && agent.is_none() && modifier.is_none() && subject.len() >= 2;
        let clash = crate::triggers::two_sided(&self.lex.trigger_entries[t.entry]);
        if mutual && ty == EventType::Assault && clash {
            let pairs = subject[1..]
                .iter()
                .map(|&b| (Some(subject[0]), Some(b)))
                .collect();
            return (pairs, "actors:clash-between-subjects");
        }
        if (reciprocal || (symmetric && mutual)) && subject.len() >= 2 {
            let pairs = subject
                .iter()
                .flat_map(|&a| {
                    subject
                        .iter()
                        .filter(move |&&b| b != a)
                        .map(move |&b| (Some(a), Some(b)))
                })
                .collect();
            return (pairs, "actors:reciprocal");
        }
        // "to disperse ethnic Serbs protesting outside", "gunmen firing from rooftops": a
        // participle's doer is the party right before it.
        let participle_doer = (s.toks[t.start].norm.ends_with("ing") && !suffered)
            .then(|| {
                (0..s.actors.len()).find(|&k| {
                    s.actors[k].end == t.start && s.actors[k].start >= c_start && can_act(k)
                })
            })
            .flatten();
        // "the drones had been fired from Russia's Krasnodar region": a passive attack's launch
        // side is its doer when no agent is named.
        let launch_side = passive
            .then(|| (t.end..(t.end + 3).min(c_end)).find(|&k| norm(k) == "from"))
            .flatten()
            .and_then(|k| {
                s.actors
                    .iter()
                    .position(|a| a.start > k && a.start <= k + 2 && a.end <= c_end)
            })
            .filter(|&k| usable(k));
        let accused = self.accused_doer(t).filter(|_| agent.is_none());
        let sources: Vec<usize> = match (agent.or(launch_side).or(accused), modifier) {
            (Some(a), _) => vec![a],
            (None, Some(m)) => vec![m],
            (None, None) if suffered || passive => Vec::new(),
            (None, None) => participle_doer.map_or_else(|| subject.clone(), |k| vec![k]),
        };
        let mut targets: Vec<usize> = object
            .into_iter()
            .filter(|k| !sources.contains(k))
            .collect();
        if self.is_interception(t) {
            return self.interception(agent, &subject, &targets, t.end, c_end);
        }
        // "X said Armenia and Azerbaijan should respect the truce": the addressees stand between
        // the speech verb and the appeal.
        if targets.is_empty()
            && is_speech_act(ty)
            && let Some(sp) = speech.filter(|sp| sp.end <= t.start)
        {
            targets = (0..s.actors.len())
                .filter(|&k| {
                    s.actors[k].start >= sp.end
                        && s.actors[k].end <= t.start
                        && !sources.contains(&k)
                })
                .collect();
        }
        // "Malian soldiers came under fire ..., the army said": the one attacked is before the
        // words (the speaker's own side, maybe), never after them.
        if suffered || passive {
            targets.clear();
        }
        if (suffered || passive)
            && let Some(k) = (0..s.actors.len()).rev().find(|&k| {
                let a = &s.actors[k];
                a.start >= c_start
                    && a.end <= t.start
                    && !crate::actors::is_locative(&s.toks, a.start)
                    && !sources.contains(&k)
                    // "the ministry denied that any shots had been fired": not the speaker.
                    && (suffered || usable(k))
            })
        {
            // The nearest party before the words, with those coordinated with it.
            let mut first = k;
            while first > 0 && coordinated(&s.actors, &s.toks, first - 1).contains(&k) {
                first -= 1;
            }
            targets = coordinated(&s.actors, &s.toks, first);
        }
        if modifier.is_some() && targets.is_empty() {
            // "it had repulsed Azeri attacks": the subject is on the receiving end.
            targets = subject
                .iter()
                .copied()
                .filter(|k| !sources.contains(k))
                .collect();
        }
        // "three enemies – Turkey, Azerbaijan and foreign terrorists – who he alleged ...".
        let who = (t.start.saturating_sub(3)..t.start.saturating_sub(1))
            .rev()
            .find(|&k| norm(k) == "who");
        if let Some(who) = who.filter(|_| targets.is_empty())
            && let Some(k) = (0..s.actors.len())
                .rev()
                .find(|&k| s.actors[k].end <= who && s.actors[k].end + 2 >= who)
        {
            let mut first = k;
            while first > 0 && coordinated(&s.actors, &s.toks, first - 1).contains(&k) {
                first -= 1;
            }
            targets = coordinated(&s.actors, &s.toks, first);
        }
        // "Syrian rebels engaged Filipino peacekeepers in a firefight": with nothing after a nominal
        // trigger, the actor between the subject and it is the one acted on.
        if targets.is_empty() && agent.is_none() && modifier.is_none() {
            let after_subject = subject
                .iter()
                .map(|&k| s.actors[k].end)
                .max()
                .unwrap_or(c_start);
            // "Ghana's president, the chairman of ECOWAS, invited ...": an apposition set off by
            // commas right after the subject is the subject again.
            let apposition_end = (norm(after_subject) == ",")
                .then(|| (after_subject + 1..t.start).find(|&k| norm(k) == ","))
                .flatten()
                .unwrap_or(after_subject);
            let between = (0..s.actors.len()).find(|&k| {
                let a = &s.actors[k];
                a.start >= apposition_end
                    && a.end <= t.start
                    && !sources.contains(&k)
                    && usable(k)
                    && !crate::actors::is_locative(&s.toks, a.start)
                    && !self.in_relative_clause(a.start)
            });
            // ("invited the leaders of Mali and Niger to talks": the invitees are met.)
            let nominal = t.start >= 1
                && matches!(norm(t.start - 1), "a" | "an" | "the" | "in" | "of" | "to");
            if let Some(k) = between.filter(|_| nominal) {
                targets = coordinated(&s.actors, &s.toks, k);
            }
        }
        // "“If the Zionist regime continues these attacks, we will respond,” the commander
        // warned": the party a threat's (or a conditional attack's) condition names is the one
        // threatened.
        let conditional = ty == EventType::Threaten || (ty == EventType::Assault && t.hypothetical);
        if targets.is_empty()
            && conditional
            && let Some(cond) = (0..s.toks.len()).find(|&k| norm(k) == "if")
        {
            let cond_end = (cond + 1..s.toks.len())
                .find(|&k| matches!(norm(k), "," | ";" | "then"))
                .unwrap_or(s.toks.len());
            targets = (0..s.actors.len())
                .find(|&k| {
                    let a = &s.actors[k];
                    a.start > cond
                        && a.end <= cond_end
                        && usable(k)
                        && !sources.contains(&k)
                        && !crate::actors::is_locative(&s.toks, a.start)
                })
                .into_iter()
                .collect();
        }
        // "Four children were killed in shelling": those counted are the ones attacked.
        if targets.is_empty()
            && ty == EventType::Assault
            && let Some(k) = (0..s.actors.len()).find(|&k| {
                self.is_victim(k)
                    && usable(k)
                    && !sources.contains(&k)
                    && s.actors[k].start >= c_start
                    && s.actors[k].end <= c_end
            })
        {
            targets = vec![k];
        }
        let rule = if accused.is_some() {
            "actors:accused-doer"
        } else if suffered {
            "actors:came-under-attack"
        } else if passive {
            "actors:passive-subject-acted-on"
        } else if agent.is_some() {
            "actors:agent"
        } else if modifier.is_some() {
            "actors:modifier"
        } else if participle_doer.is_some() {
            "actors:participle-doer"
        } else {
            "actors:clause"
        };
        let srcs: Vec<Option<usize>> = if sources.is_empty() {
            vec![None]
        } else {
            sources.into_iter().map(Some).collect()
        };
        let tgts: Vec<Option<usize>> = if targets.is_empty() {
            vec![None]
        } else {
            targets.into_iter().map(Some).collect()
        };
        let same = |a: usize, b: usize| a == b || s.actors[a].actor.code == s.actors[b].actor.code;
        let mut pairs: Pairs = srcs
            .iter()
            .flat_map(|&a| tgts.iter().map(move |&b| (a, b)))
            .filter(|(a, b)| !matches!((a, b), (Some(x), Some(y)) if same(*x, *y)))
            .collect();
        // "The Rapid Support Forces (RSF) declared a truce": a name and its acronym are one party,
        // not a party acting on itself.
        if pairs.is_empty() {
            pairs = srcs.iter().map(|&a| (a, None)).collect();
        }
        (pairs, rule)
    }

    /// "shot down", "intercepted", "downed", "destroyed 41 drones": the report is of an attack
    /// that was stopped.
    fn is_interception(&self, t: &Trigger) -> bool {
        let s = self.s;
        let words = &s.toks[t.start..t.end];
        // "shot down", "downed"; "burned down" destroys what it names.
        let shot_down = words
            .iter()
            .any(|w| matches!(w.norm.as_str(), "shot" | "shoot"))
            && words.iter().any(|w| w.norm == "down");
        let stopped = shot_down
            || words
                .iter()
                .any(|w| w.norm.starts_with("intercept") || w.norm == "downed");
        // "destroyed 41 drones" stops what flew at one; "destroyed a drone workshop" does not.
        let destroyed_in_flight = words.iter().any(|w| w.norm == "destroyed")
            && s.cues.iter().any(|c| match c.cue {
                Cue::Weapon(m) => {
                    c.start >= t.end
                        && c.start <= t.end + 4
                        && s.toks[c.end - 1].norm.ends_with('s')
                        && matches!(self.lex.weapon_modes[m].as_str(), "drone" | "missile")
                }
                _ => false,
            });
        stopped || destroyed_in_flight
    }

    /// An interception codes the attack it stopped: from whoever launched the drones or missiles
    /// ("27 Ukrainian drones", "a missile fired by the Houthis") against whoever stopped them ("its
    /// air defences", "intercepted by Iron Dome"). With no launcher named, the source is left to
    /// the article's other warring party.
    fn interception(
        &self,
        agent: Option<usize>,
        subject: &[usize],
        objects: &[usize],
        from: usize,
        c_end: usize,
    ) -> (Pairs, &'static str) {
        let s = self.s;
        let (interceptors, launchers): (Vec<usize>, Vec<usize>) = match agent {
            // "Two drones launched by the Houthis were intercepted by Saudi air defences".
            Some(a) => (vec![a], subject.to_vec()),
            None => {
                // "intercepted a ballistic missile fired by Yemen's Houthi movement".
                let fired_by = (from..c_end.saturating_sub(1))
                    .find(|&k| {
                        s.toks[k].norm == "by"
                            && k > 0
                            && matches!(s.toks[k - 1].norm.as_str(), "fired" | "launched")
                    })
                    .and_then(|k| {
                        let at = if s.toks[k + 1].norm == "the" {
                            k + 2
                        } else {
                            k + 1
                        };
                        s.actors.iter().position(|a| a.start == at)
                    });
                // "shot down 27 Ukrainian drones", "a coalition drone": the weapon's owner.
                let owns_weapon = |k: &usize| {
                    let a = &s.actors[*k];
                    s.cues.iter().any(|c| {
                        matches!(c.cue, Cue::Weapon(_)) && c.start <= a.end && c.end > a.start
                    })
                };
                let launchers = match fired_by {
                    Some(k) => vec![k],
                    None => objects.iter().copied().filter(owns_weapon).collect(),
                };
                (subject.to_vec(), launchers)
            }
        };
        let interceptors = if interceptors.is_empty() {
            vec![None]
        } else {
            interceptors.into_iter().map(Some).collect()
        };
        let launchers = if launchers.is_empty() {
            vec![None]
        } else {
            launchers.into_iter().map(Some).collect()
        };
        let pairs = launchers
            .iter()
            .flat_map(|&l| interceptors.iter().map(move |&i| (l, i)))
            .filter(|(l, i)| l.is_none() || l != i)
            .collect();
        (pairs, "actors:interception")
    }

    /// The sentence answers or denies what came before ("retaliated", "hours later", "in
    /// response", "intercepted", "denied that ..."), so it happened when that did.
    fn follows_up(&self, t: &Trigger) -> bool {
        let s = self.s;
        let denied = self
            .governing_speech(t)
            .is_some_and(|sp| sp.kind == SpeechKind::Deny);
        denied
            || s.toks.iter().any(|tok| {
                let w = tok.norm.as_str();
                w.starts_with("retaliat")
                    || matches!(
                        w,
                        "later" | "afterwards" | "subsequently" | "response" | "intercepted"
                    )
            })
    }

    /// What is reported happened before it was said ("the ministry said six people had been
    /// killed", "its fighters had destroyed a police vehicle"): a past perfect under a speech
    /// verb, or a toll given for what came before ("put the number of those kidnapped at 34").
    fn reports_earlier(&self, t: &Trigger) -> bool {
        let toks = &self.s.toks;
        let (c_start, _) = self.clause_of(t.start);
        let from = self
            .governing_speech(t)
            .filter(|sp| sp.end <= t.start)
            .map_or(c_start, |sp| sp.end);
        let past_perfect = toks[from.min(t.start)..t.start]
            .iter()
            .any(|w| w.norm == "had");
        let toll = toks[..t.start].windows(3).any(|w| {
            matches!(w[0].norm.as_str(), "put" | "puts" | "raised" | "revised")
                && w[1].norm == "the"
                && matches!(w[2].norm.as_str(), "number" | "toll" | "figure")
        });
        past_perfect || toll
    }

    /// The story's date, for an event reported after it: the last past date the article gave,
    /// when it lies in the week before publication (or before the date `said` of the report).
    /// Only attacks are carried: an arrest or a deployment a statement reports is of that day,
    /// and a threat ("would respond to anyone who opened fire") has no day yet.
    fn story_date(&self, t: &Trigger, said: Option<&EventDate>) -> Option<EventDate> {
        let entry = &self.lex.trigger_entries[t.entry];
        if entry.event_type != EventType::Assault
            || entry.mode.as_deref() == Some("arrest")
            || t.hypothetical
        {
            return None;
        }
        let story = self.ctx.date_before.get(self.s.index)?.clone()?;
        let anchor = said.and_then(|d| d.start).or(self.ctx.published)?;
        let (start, end) = (story.start?, story.end?);
        // A story running up to the statement's day may be what the statement tells of.
        let one_day = said.is_none() || start == end;
        (end < anchor && (anchor - start).num_days() <= 7 && one_day).then_some(story)
    }

    fn date_for(&self, t: &Trigger) -> (Option<EventDate>, FieldEvidence) {
        let s = self.s;
        let (c_start, c_end) = self.clause_of(t.start);
        // "since X" opens a period: a toll "since the war began on February 24" runs from then to
        // publication; "the deadliest fighting since the 1990s" is a comparison and dates nothing.
        // "since fighting for the city began on May 10": "since" opens the clause the date ends.
        // "since Ukrainian forces recaptured Kherson in November" dates the recapture itself.
        let since = |d: &DateSpan| {
            d.rule.starts_with("date:since-")
                || (d.start.saturating_sub(8)..d.start)
                    .rev()
                    .take_while(|&k| s.toks[k].norm != ",")
                    .find(|&k| s.toks[k].norm == "since")
                    .is_some_and(|k| {
                        let trigger_inside = k < t.start && t.start < d.start;
                        let opens_period = s.toks[k..d.start]
                            .iter()
                            .any(|w| PERIOD_STARTS.contains(&w.norm.as_str()));
                        !trigger_inside || opens_period
                    })
        };
        // "the deadliest fighting since", "its ninth such effort since", an accusation of
        // violations "since the start of the month": a comparison or a speech act, not a period.
        let ty = self.lex.trigger_entries[t.entry].event_type;
        let superlative = is_speech_act(ty)
            || s.toks[t.start.saturating_sub(7)..t.start]
                .iter()
                .any(|tok| {
                    let w = tok.norm.as_str();
                    w.ends_with("est") || ORDINALS.contains(&w)
                });
        if let Some(dated) = self.dated_from_main_clause(t) {
            return dated;
        }
        let in_clause =
            |d: &&DateSpan| (d.start >= c_start && d.end <= c_end) || self.opening_date(d);
        let candidates: Vec<&DateSpan> = s
            .dates
            .iter()
            .filter(in_clause)
            .filter(|d| !(since(d) && superlative))
            .filter(|d| !t.background || d.start >= t.end || self.opening_date(d))
            // "The envoy, who held talks in Muscat last week, called on Tuesday for ...".
            .filter(|d| self.in_relative_clause(d.start) == self.in_relative_clause(t.start))
            .filter(|d| !(is_speech_act(ty) && self.dates_charge(t, d)))
            .collect();
        // "said on Tuesday that the army had released 25 detainees on Monday": the statement's
        // date dates what is reported only when the report gives none of its own.
        let reported = !is_speech_act(ty) && self.governing_speech(t).is_some();
        let nearest = candidates.into_iter().min_by_key(|d| {
            let own = !reported || !self.dates_statement(d);
            let (a, b) = if d.start >= t.end {
                (t.end, d.start)
            } else {
                (d.end, t.start)
            };
            // A date across a comma belongs to another phrase more often than not.
            let between = s.toks.get(a..b).unwrap_or_default();
            let comma = between.iter().any(|tok| tok.norm == ",");
            let distance = between.len() + usize::from(d.start < t.end);
            (!own, comma, distance)
        });
        match nearest {
            Some(d) if since(d) => {
                // A toll "since the war began" runs to when it was given, else to publication.
                let stated = s
                    .dates
                    .iter()
                    .find(|x| self.dates_statement(x))
                    .and_then(|x| x.date.end);
                let end = stated.or(self.ctx.published).or(d.date.end);
                // "over the past week" counts back from when it was said.
                let start = match d.rule.ends_with("past-week") {
                    true => end.and_then(|e| e.checked_sub_days(chrono::Days::new(7))),
                    false => d.date.start,
                };
                let period = EventDate {
                    start,
                    end,
                    ..d.date.clone()
                };
                (
                    Some(period),
                    self.evidence("date", d.start, d.end, &format!("{}+since", d.rule)),
                )
            }
            // "The rebels said on Tuesday that they had attacked a carrier": Tuesday dates the
            // statement; the attack is the story's, told of before.
            Some(d)
                if reported
                    && self.dates_statement(d)
                    && self.reports_earlier(t)
                    && self.story_date(t, Some(&d.date)).is_some() =>
            {
                (
                    self.story_date(t, Some(&d.date)),
                    FieldEvidence::inferred("date", "date:story-before-statement"),
                )
            }
            Some(d) => (
                Some(d.date.clone()),
                self.evidence("date", d.start, d.end, &d.rule),
            ),
            // "The health ministry said six people had been killed": a report of what happened
            // before, without a date of its own, is of the attack the story told of.
            None if !t.background
                && !is_speech_act(ty)
                && self.reports_earlier(t)
                && self.story_date(t, None).is_some() =>
            {
                (
                    self.story_date(t, None),
                    FieldEvidence::inferred("date", "date:story-reported-earlier"),
                )
            }
            None if t.background => (None, FieldEvidence::inferred("date", "date:none")),
            // "The strike destroyed a bank branch": an event referred back to keeps its date.
            None if ((self.ctx.continues_story(s.index)
                && self.lex.trigger_entries[t.entry].event_type == EventType::Assault
                && self.follows_up(t))
                || (t.start > 0
                    && matches!(s.toks[t.start - 1].norm.as_str(), "the" | "this" | "that")))
                && self
                    .ctx
                    .date_before
                    .get(s.index)
                    .is_some_and(Option::is_some) =>
            {
                let date = self.ctx.date_before[s.index].clone();
                (
                    date,
                    FieldEvidence::inferred("date", "date:carried-from-previous-sentence"),
                )
            }
            None => {
                let date = EventDate {
                    start: self.ctx.published,
                    end: self.ctx.published,
                    precision: DatePrecision::Day,
                    unresolved: self.ctx.published.is_none(),
                };
                (
                    Some(date),
                    FieldEvidence::inferred("date", "date:published"),
                )
            }
        }
    }

    /// "Border forces traded fire on Friday, a day after Pakistani jets bombed hideouts": an act
    /// placed a span of time after or before ("hours after", "two days before") the act of the
    /// main clause is dated from that clause's date, when the phrase gives no date of its own.
    fn dated_from_main_clause(&self, t: &Trigger) -> Option<(Option<EventDate>, FieldEvidence)> {
        let toks = &self.s.toks;
        let norm = |k: usize| toks[k].norm.as_str();
        // The phrase opens after a comma, at most six words before the trigger.
        let comma = (t.start.saturating_sub(7)..t.start)
            .rev()
            .find(|&k| norm(k) == ",")?;
        let (phrase, unit, relation) = (comma + 1, comma + 2, comma + 3);
        if relation >= t.start || !matches!(norm(relation), "after" | "before") {
            return None;
        }
        let count = match norm(phrase) {
            "a" | "an" | "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            word => word.parse::<i64>().ok()?,
        };
        let days = match norm(unit) {
            "hours" | "hour" => 0,
            "day" | "days" => count,
            "week" | "weeks" => 7 * count,
            _ => return None,
        };
        let own_date = self
            .s
            .dates
            .iter()
            .any(|d| d.start > relation && d.start < t.start + 8);
        let main = self
            .s
            .dates
            .iter()
            .filter(|d| d.end <= comma && d.date.precision == DatePrecision::Day)
            .max_by_key(|d| d.end)?;
        if own_date {
            return None;
        }
        let shift = chrono::Duration::days(if norm(relation) == "after" {
            -days
        } else {
            days
        });
        let day = main.date.start? + shift;
        let date = EventDate {
            start: Some(day),
            end: Some(day),
            precision: DatePrecision::Day,
            unresolved: false,
        };
        let rule = format!("{}+{}-{}", main.rule, norm(unit), norm(relation));
        Some((
            Some(date),
            self.evidence("date", phrase, relation + 1, &rule),
        ))
    }

    /// A date that ends the sentence's opening phrase ("In March, gunmen killed ...", "In a
    /// separate attack a day earlier, ..."): it dates every clause of the sentence.
    fn opening_date(&self, d: &DateSpan) -> bool {
        let toks = &self.s.toks;
        d.start <= 6
            && toks.get(d.end).is_some_and(|t| t.norm == ",")
            && !toks[..d.start].iter().any(|t| t.norm == ",")
            && !self.s.speech.iter().any(|sp| sp.start < d.start)
    }

    /// A date inside what an accusation charges ("blamed the other for starting the fighting on
    /// Wednesday", "accused them of shelling the town on Monday"): it dates the act charged, not
    /// the accusation.
    fn dates_charge(&self, t: &Trigger, d: &DateSpan) -> bool {
        let toks = &self.s.toks;
        d.start >= t.end
            && toks[t.end..d.start]
                .windows(2)
                .any(|w| matches!(w[0].norm.as_str(), "for" | "of") && w[1].norm.ends_with("ing"))
    }

    /// A date attached to a speech verb ("said on Tuesday", "on Wednesday denied", "in a
    /// statement on Monday"): when something was said, not when what was said happened.
    fn dates_statement(&self, d: &DateSpan) -> bool {
        let toks = &self.s.toks;
        let before = toks[d.start.saturating_sub(3)..d.start].iter();
        self.s
            .speech
            .iter()
            .any(|sp| (sp.end <= d.start && d.start - sp.end <= 1) || sp.start == d.end)
            || before
                .map(|t| t.norm.as_str())
                .any(|w| matches!(w, "statement" | "interview" | "briefing" | "conference"))
    }

    /// Where the speaker is ("a police spokesman in Maiduguri said", "an official in Islamabad
    /// told reporters"): a place between a speaker and the speech cue that follows it.
    /// A spokesman's post is where the speaker is, whatever verb follows ("a
    /// police spokesman in Gusau put the number at 34"); a place that is itself the subject of a
    /// speech verb ("Phnom Penh said") stands for its government.
    fn speaker_location(&self, p: &PlaceSpan) -> bool {
        let s = self.s;
        let governing_actor = (p.start >= 2
            && matches!(s.toks[p.start - 1].norm.as_str(), "in" | "at"))
        .then(|| s.actors.iter().find(|a| a.end == p.start - 1))
        .flatten();
        let speaks_next = s
            .speech
            .iter()
            .any(|sp| sp.start == p.end || (sp.start == p.end + 1 && s.toks[p.end].norm == ","));
        let spokesman = governing_actor.is_some_and(|a| {
            matches!(
                s.toks[a.end - 1].norm.as_str(),
                "spokesman" | "spokeswoman" | "spokesperson"
            )
        });
        let metonym = speaks_next
            && (p.start == 0 || matches!(s.toks[p.start - 1].norm.as_str(), "," | "but" | "and"))
            && matches!(p.source, PlaceSource::Gazetteer(_));
        (governing_actor.is_some() && speaks_next) || spokesman || metonym
    }

    /// Where words were spoken, after the speech: "the spokesman told reporters in Doha", "said
    /// at a news conference in Kyiv". The statement was made there, not what it reports.
    fn spoken_there(&self, p: &PlaceSpan) -> bool {
        let toks = &self.s.toks;
        let Some(prep) = p.start.checked_sub(1) else {
            return false;
        };
        matches!(toks[prep].norm.as_str(), "in" | "at")
            && self.s.speech.iter().any(|sp| {
                sp.end <= prep
                    && prep - sp.end <= 4
                    && toks[sp.end..prep]
                        .iter()
                        .all(|t| self.lex.token_is(t, WordClass::SpeechOccasion))
            })
    }

    /// A gazetteer name is taken for a town abroad only when the article speaks of that
    /// country, the sentence names it ("the Saudi border city of Najran"), or the town is a
    /// large city: "Santa Lucia" in a Venezuelan article is not the Brazilian town.
    fn plausible(&self, p: &PlaceSpan) -> bool {
        let PlaceSource::Gazetteer(c) = &p.source else {
            return true;
        };
        let Some(e) = resolve(self.lex, c, &self.ctx.countries) else {
            return false;
        };
        places::in_context(self.lex, e, &self.ctx.countries)
            || self.lex.place_entries[e].population >= places::LARGE_CITY
            || self.lex.place_entries[e]
                .country
                .as_deref()
                .is_some_and(|k| self.names_country(k))
    }

    /// Whether the sentence names country `iso3`, as a name or an adjective.
    fn names_country(&self, iso3: &str) -> bool {
        let s = self.s;
        s.actors
            .iter()
            .any(|a| a.actor.country.as_deref() == Some(iso3))
            || (0..s.toks.len()).any(|i| {
                s.toks[i].capitalized
                    && self
                        .lex
                        .countries
                        .longest_at(self.text, &s.toks, i)
                        .is_some_and(|f| {
                            f.values
                                .iter()
                                .any(|&(c, _)| self.lex.country_entries[c].iso3 == iso3)
                        })
            })
    }

    /// A place inside an apposition that describes an actor ("JNIM, al-Qaeda's affiliate in
    /// the Sahel, claimed ...", "UNIFIL, the UN force in southern Lebanon, urged ..."), with the
    /// trigger outside it: where the actor is based, not where the event happened.
    fn describes_actor(&self, p: &PlaceSpan, t: &Trigger) -> bool {
        let toks = &self.s.toks;
        let Some(open) = (0..p.start).rev().find(|&k| toks[k].norm == ",") else {
            return false;
        };
        let Some(close) = (p.end..toks.len()).find(|&k| toks[k].norm == ",") else {
            return false;
        };
        let after_actor = self.s.actors.iter().any(|a| a.end == open);
        let trigger_outside = t.end <= open || t.start > close;
        after_actor && trigger_outside
    }

    /// A relative clause opening at `at` ("... in Novi Sad that killed 16 people") that reports
    /// an event other than `t`.
    fn another_event_told(&self, at: usize, t: &Trigger) -> bool {
        let toks = &self.s.toks;
        toks.get(at)
            .is_some_and(|w| matches!(w.norm.as_str(), "that" | "which"))
            // Any word of an event, even one not coded ("that killed 15" after an accident).
            && (at + 1..(at + 4).min(toks.len())).any(|k| {
                k != t.start && self.lex.triggers.longest_at(self.text, toks, k).is_some()
            })
    }

    /// "in the Saltivka district", "the eastern district of Baladiyat": a district the gazetteer
    /// lacks, in an article about a large city, is a part of that city; the event is put in the
    /// city, which the gazetteer knows.
    fn district_of_focus_city(&self, p: &PlaceSpan) -> bool {
        let toks = &self.s.toks;
        let urban = |k: usize| {
            toks.get(k)
                .is_some_and(|t| self.lex.token_is(t, WordClass::UrbanPart))
        };
        let named_as_district =
            urban(p.end) || (p.start >= 2 && toks[p.start - 1].norm == "of" && urban(p.start - 2));
        named_as_district && self.ctx.focus_is_large_city
    }

    /// "regained control of the town", "the deadliest bombing in the capital": a sentence that
    /// names no place but refers back to the town the story is about. "The capital" only for a
    /// large city, which a story calls so.
    fn town_anaphor(&self, ty: EventType) -> Option<(Place, FieldEvidence)> {
        let (town, rule) = self.ctx.focus.as_ref()?;
        if town.precision != PlacePrecision::City
            || !(takes_focus_place(ty) || ty == EventType::Consult)
        {
            return None;
        }
        let toks = &self.s.toks;
        let at = (1..toks.len()).find(|&k| {
            let noun = toks[k].norm.as_str();
            let names = matches!(noun, "town" | "city")
                || (noun == "capital" && toks[k - 1].norm == "the" && self.ctx.focus_is_large_city);
            // Not "the town of Djibo", "the city's mayor" or "the capital Bamako".
            let named_after = toks.get(k + 1).is_some_and(|t| {
                t.capitalized || matches!(t.norm.as_str(), "of" | "'s" | "," | "centre")
            });
            toks[k - 1].norm == "the" && names && !named_after
        })?;
        // "no access to Wad Medani since fighters seized the town": a town named just before.
        let named_before = self.s.places.iter().rev().find_map(|p| {
            let PlaceSource::Gazetteer(_) = p.source else {
                return None;
            };
            let place = self.place_of_span(p).filter(|_| p.end < at)?;
            (place.precision == PlacePrecision::City).then_some(place)
        });
        let (town, rule) = match named_before {
            Some(place) => {
                let id = place.gazetteer_id.clone().unwrap_or_default();
                (place, id)
            }
            None => (town.clone(), rule.clone()),
        };
        Some((
            town,
            self.evidence(
                "place",
                at - 1,
                at + 1,
                &format!("place:town-anaphor+{rule}"),
            ),
        ))
    }

    /// The place a span names, resolved against the article's countries.
    fn place_of_span(&self, p: &PlaceSpan) -> Option<Place> {
        Some(match &p.source {
            PlaceSource::Gazetteer(c) => {
                let e = resolve(self.lex, c, &self.ctx.countries)?;
                place_of_entry(&self.lex.place_entries[e], p.partial)
            }
            PlaceSource::Country(c) => place_of_country(self.lex, *c, p.partial),
            PlaceSource::Unknown(_) if self.district_of_focus_city(p) => {
                self.ctx.focus.as_ref()?.0.clone()
            }
            PlaceSource::Unknown(name) => Place {
                name: name.clone(),
                country: self.ctx.focus.as_ref().and_then(|(f, _)| f.country.clone()),
                admin1: None,
                lat: None,
                lon: None,
                precision: if p.partial {
                    PlacePrecision::Region
                } else {
                    PlacePrecision::City
                },
                gazetteer_id: None,
            },
        })
    }

    fn place_for(&self, t: &Trigger, ty: EventType) -> Option<(Place, FieldEvidence)> {
        let s = self.s;
        let candidates = s.places.iter().filter(|p| {
            let prep = if p.start > 0 {
                s.toks[p.start - 1].norm.as_str()
            } else {
                ""
            };
            // "rockets fired from Gaza towards southern Israel" hit Israel; "drones launched from
            // Kursk" did not hit Kursk.
            let destination = ty == EventType::Assault && p.destination;
            // "flew food into Djibo", "convoys to Khartoum": aid happens where it is delivered.
            let delivered = ty == EventType::Aid && !matches!(prep, "from" | "via");
            (!is_verbal(ty) || matches!(prep, "in" | "at"))
                && (!p.motion || ty == EventType::Consult || destination || delivered)
                && !self.speaker_location(p)
                && !self.spoken_there(p)
                && self.in_relative_clause(p.start) == self.in_relative_clause(t.start)
                && !self.describes_actor(p, t)
                && self.plausible(p)
        });
        let located: Vec<(&PlaceSpan, Place)> = candidates
            .filter_map(|p| Some((p, self.place_of_span(p)?)))
            .collect();
        let best = located.iter().min_by_key(|(p, _)| {
            let distance = if p.start >= t.end {
                p.start - t.end
            } else {
                t.start.saturating_sub(p.end)
            };
            // "shelled Kherson", "struck Odesa": the object of an attack is where it happened.
            let attacked = p.start == t.end && matches!(ty, EventType::Assault);
            (!(p.locative || p.motion || attacked), distance)
        });
        // "In Dagestan, police detained dozens ... in the regional capital, Makhachkala": of a
        // region and a town inside it, both stated, the town says where.
        // Not a town whose own relative clause tells of another event ("demanding justice for
        // the collapse of a bridge in Mombasa that killed 15").
        let best = best.map(|b| {
            located
                .iter()
                .find(|(p, town)| {
                    p.locative && inside(town, &b.1) && !self.another_event_told(p.end, t)
                })
                .unwrap_or(b)
        });
        // "in the Lakki Marwat district of Khyber Pakhtunkhwa": the part named, not the whole;
        // a part the gazetteer lacks lies in the whole's country.
        let part = best.and_then(|b| {
            // "the Kachin town of Hopin" names the town last: a region is no part of a town.
            let (p, small) = located.iter().find(|(p, small)| {
                p.end <= b.0.start
                    && places::part_of(self.lex, &s.toks, p.end, b.0.start)
                    && (small.precision == PlacePrecision::City
                        || b.1.precision != PlacePrecision::City)
            })?;
            let country = match p.source {
                PlaceSource::Unknown(_) => b.1.country.clone().or(small.country.clone()),
                _ => small.country.clone(),
            };
            Some((
                *p,
                Place {
                    country,
                    ..small.clone()
                },
            ))
        });
        if let Some((p, place)) = part {
            let rule = format!(
                "place:{}+part-of",
                place.gazetteer_id.as_deref().unwrap_or("?")
            );
            return Some((place, self.evidence("place", p.start, p.end, &rule)));
        }
        if let Some((p, place)) = best {
            let id = place.gazetteer_id.as_deref().unwrap_or("?");
            let rule = match p.source {
                PlaceSource::Unknown(_) if place.gazetteer_id.is_some() => {
                    format!("place:{id}+district-of-city")
                }
                _ => format!("place:{id}"),
            };
            return Some((place.clone(), self.evidence("place", p.start, p.end, &rule)));
        }
        if let Some(found) = self.town_anaphor(ty) {
            return Some(found);
        }
        let (focus, focus_rule) = self.ctx.focus.as_ref()?;
        if let Some(c) = s.cues.iter().find(|c| c.cue == Cue::PlaceAnaphor) {
            let place = Place {
                precision: PlacePrecision::Region,
                ..focus.clone()
            };
            return Some((
                place,
                self.evidence(
                    "place",
                    c.start,
                    c.end,
                    &format!("place:anaphor+{focus_rule}"),
                ),
            ));
        }
        takes_focus_place(ty).then(|| {
            (
                focus.clone(),
                FieldEvidence::inferred("place", format!("place:article-focus+{focus_rule}")),
            )
        })
    }

    fn actor_field(&self, field: &str, k: usize, rule: &str) -> (Actor, FieldEvidence) {
        let a = &self.s.actors[k];
        (
            a.actor.clone(),
            self.evidence(
                field,
                a.start,
                a.end,
                &[a.rule.as_str(), "+", rule].concat(),
            ),
        )
    }
}

/// Whether gazetteer town `town` lies in `area`, a country or first-level division named in the
/// same sentence.
fn inside(town: &Place, area: &Place) -> bool {
    town.precision == PlacePrecision::City
        && town.gazetteer_id.is_some()
        && town.country.is_some()
        && town.country == area.country
        && match area.precision {
            PlacePrecision::Country => true,
            PlacePrecision::Admin1 => area.admin1.is_some() && town.admin1 == area.admin1,
            _ => false,
        }
}

/// "The group said it killed nine soldiers, a figure that could not be independently confirmed":
/// a disclaimer in a relative clause after the claim covers that sentence's claim only, not the
/// article's. Returns its evidence.
pub fn claim_disclaimer(text: &str, s: &Analysed) -> Option<FieldEvidence> {
    let c = s.cues.iter().find(|c| {
        c.cue == Cue::Disclaimer
            && c.start > 0
            && matches!(s.toks[c.start - 1].norm.as_str(), "that" | "which")
            && s.triggers.iter().any(|t| t.end <= c.start)
    })?;
    let (a, b) = (s.toks[c.start].start, s.toks[c.end - 1].end);
    Some(FieldEvidence {
        field: "stance".into(),
        start: Some(a),
        end: Some(b),
        text: Some(text[a..b].to_string()),
        rule: "cue:disclaimer+claim".into(),
    })
}

/// Builds the events of one sentence.
pub fn build_events(lex: &Lexicons, text: &str, s: &Analysed, ctx: &ArticleContext) -> Vec<Event> {
    // "We could not verify either account of Tuesday's strikes" speaks about reports, not events.
    let local_disclaimer = claim_disclaimer(text, s);
    let confirmed = s.cues.iter().any(|c| {
        c.cue == Cue::Confirmation
            && !s
                .cues
                .iter()
                .any(|d| d.cue == Cue::Disclaimer && d.start <= c.start && c.end <= d.end)
    });
    if (confirmed
        || (local_disclaimer.is_none() && s.cues.iter().any(|c| c.cue == Cue::Disclaimer)))
        && s.casualties.is_empty()
    {
        return Vec::new();
    }
    let b = Builder { lex, text, s, ctx };
    let sentence_evidence = Evidence {
        sentence: s.index,
        start: s.start,
        end: s.end,
        text: text[s.start..s.end].to_string(),
    };
    let mut events: Vec<Event> = Vec::new();
    let mut absorbed = vec![false; s.triggers.len()];
    for (ti, t) in s.triggers.iter().enumerate() {
        let entry = &lex.trigger_entries[t.entry];
        // A truce named in an appeal ("should respect the new humanitarian truce agreement") is
        // kept, flagged hypothetical: the truce ledger follows every mention of a truce.
        if t.governed && entry.mode.as_deref() != Some("ceasefire") {
            continue;
        }
        let ty = entry.event_type;
        let mut mode = entry.mode.clone();
        // "a drone hit", "Russian missiles struck": the weapon nearest the attack gives its mode.
        if ty == EventType::Assault && mode.is_none() {
            let (c_start, c_end) = b.clause_of(t.start);
            mode = s
                .cues
                .iter()
                .filter_map(|c| match c.cue {
                    Cue::Weapon(m) if c.start >= c_start && c.end <= c_end => {
                        Some((c.start.abs_diff(t.start), m))
                    }
                    _ => None,
                })
                .min()
                .map(|(_, m)| lex.weapon_modes[m].clone())
                .filter(|m| !m.is_empty());
        }
        // "agreed to a ceasefire": an agreement in a sentence about a truce is one.
        let truce_sentence = s.cues.iter().any(|c| c.cue == Cue::Truce);
        if ty == EventType::Agree && mode.is_none() && truce_sentence {
            mode = Some("ceasefire".into());
        }
        // "accused one another of breaking the truce": the accusation carries what it alleges.
        if ty == EventType::Accuse {
            let (_, clause_end) = b.clause_of(t.start);
            // "blamed the other for starting the fighting": "for" and a gerund open the charge too.
            let of = (t.end..(t.end + 5).min(clause_end)).find(|&k| {
                s.toks[k].norm == "of"
                    || (s.toks[k].norm == "for"
                        && s.toks.get(k + 1).is_some_and(|n| n.norm.ends_with("ing")))
            });
            // "accused the junta of targeting civilians and called on the UN ...": what follows
            // "and" and a verb of speech is a second act of the speaker, not part of the charge.
            let charge_end = of
                .and_then(|of| {
                    (of..clause_end).find(|&k| {
                        s.toks[k].norm == "and"
                            && (s.speech.iter().any(|sp| sp.start == k + 1)
                                || s.triggers.iter().any(|tr| {
                                    tr.start == k + 1
                                        && is_speech_act(lex.trigger_entries[tr.entry].event_type)
                                }))
                    })
                })
                .unwrap_or(clause_end);
            for (k, inner) in s.triggers.iter().enumerate().skip(ti + 1) {
                if of.is_some_and(|of| inner.start > of && inner.start < charge_end) {
                    absorbed[k] = true;
                    mode = mode.or_else(|| lex.trigger_entries[inner.entry].mode.clone());
                }
            }
        }
        // "rejected the sanctions", "condemned the attack": the event named after a reaction is
        // one reported before, referred to, not a new one.
        if REACTIONS.contains(&ty) {
            let determiner = s.toks.get(t.end).is_some_and(|tok| {
                matches!(
                    tok.norm.as_str(),
                    "the" | "this" | "these" | "those" | "such"
                )
            });
            for (k, inner) in s.triggers.iter().enumerate().skip(ti + 1) {
                if determiner && inner.start == t.end + 1 {
                    absorbed[k] = true;
                }
            }
        }
        if absorbed[ti] {
            continue;
        }
        // "X announced sanctions against Y": the announcement is the act, its speaker the doer
        // ("announced the deaths of two fighters" reports an attack instead).
        let performative = |sp: &&Speech| {
            ty != EventType::Assault
                && matches!(
                    s.toks[sp.start].norm.as_str(),
                    "announced" | "announces" | "declared" | "declares"
                )
                && t.start >= sp.end
                // "announced $250 million in military aid": an amount may stand between.
                && t.start - sp.end <= 6
                && !s.toks[sp.end..t.start].iter().any(|tok| tok.norm == "that")
        };
        // "Russia's defence ministry claimed a strike", "... denied that any strike took place":
        // with no other doer named, the speaker claims or denies its own act.
        let own_act = |sp: &&Speech| {
            // "claimed a strike" is a claim of one's own act; "alleged attacks" blames others.
            let claims_own =
                sp.kind == SpeechKind::Claim && s.toks[sp.start].norm.starts_with("claim");
            (claims_own || sp.kind == SpeechKind::Deny)
                && t.start >= sp.end
                && t.start - sp.end <= 4
        };
        // "accused Iran of supplying arms, a charge Tehran denies": a later denial answers what
        // the accusation says, not whether it was made.
        let speech = b
            .governing_speech(t)
            .filter(|sp| !performative(sp))
            .filter(|sp| sp.start != t.start || !is_speech_act(ty))
            .filter(|sp| !(is_speech_act(ty) && sp.kind == SpeechKind::Deny && sp.start > t.start))
            // "blamed Pakistan ... and warned that": a verb after an accusation shares its
            // speaker; only an attribution set off by a comma reports the accusation.
            .filter(|sp| !(is_speech_act(ty) && sp.start > t.start && !b.closes_sentence(sp)));
        let speaker_acts = speech.is_some_and(|sp| own_act(&sp));
        let claimant_idx: Vec<usize> = speech.map(|sp| sp.claimants.clone()).unwrap_or_default();
        let (mut pairs, actor_rule) = b.participants(t, ty, speech);
        // Ground taken is held by fighters, whatever town it is.
        // "exchanged 75 prisoners of war", "freed 12 hostages": who the captives are.
        let captives = matches!(ty, EventType::Concede | EventType::Coerce)
            .then(|| b.captives(t))
            .flatten();
        // A clash ("repelled the assault on a village") is between fighters, whatever its site.
        let site = (ty == EventType::Assault
            && mode.as_deref() != Some("occupation")
            && !crate::triggers::two_sided(entry))
        .then(|| b.civilian_site(t))
        .flatten();
        if speaker_acts {
            for (source, target) in pairs.iter_mut() {
                if source.is_none() && target.is_none_or(|k| !claimant_idx.contains(&k)) {
                    *source = claimant_idx.first().copied();
                }
            }
        }
        let (date, date_ev) = b.date_for(t);
        // Dated three weeks or more before publication, or told in a relative clause in the
        // perfect ("Armenia, which has a defence pact with Russia"): recalled, not news.
        let old_news = match (date.as_ref().and_then(|d| d.end), ctx.published) {
            (Some(end), Some(published)) => (published - end).num_days() >= OLD_NEWS_DAYS,
            _ => false,
        };
        let recalled = b.in_relative_clause(t.start)
            && s.toks[s.toks[..t.start]
                .iter()
                .rposition(|tok| tok.norm == ",")
                .unwrap_or(0)..t.start]
                .iter()
                .any(|tok| matches!(tok.norm.as_str(), "has" | "have" | "had"));
        let background = t.background || old_news || recalled;
        let place = b.place_for(t, ty);
        let (tstart, tend, ttext) = b.span_text(t.start, t.end);
        let claimant_list: Vec<Option<usize>> = if claimant_idx.is_empty() {
            vec![None]
        } else {
            claimant_idx.iter().copied().map(Some).collect()
        };
        for (src, tgt) in &pairs {
            // When the speakers are the doers ("they were ready to visit"), each speaks for itself.
            let own: Vec<Option<usize>> = match src {
                Some(k) if claimant_idx.contains(k) => vec![Some(*k)],
                _ => claimant_list.clone(),
            };
            for claimant in &own {
                // "“We will respond,” Houthi leaders said": a threat or appeal with no other doer
                // named is the speaker's own.
                let src = &if src.is_none() && is_speech_act(ty) {
                    *claimant
                } else {
                    *src
                };
                // "China's foreign ministry ... said Beijing would take measures": a speaker for the
                // same state as the source of a threat or appeal is making it, not reporting it.
                let same_side = |a: &Option<usize>, b: &Option<usize>| match (a, b) {
                    (Some(x), Some(y)) => {
                        let (x, y) = (&s.actors[*x].actor, &s.actors[*y].actor);
                        x.code == y.code || (x.country.is_some() && x.country == y.country)
                    }
                    _ => false,
                };
                // "warned that his forces would respond": the speaker's own forces.
                let own_forces = src.is_some_and(|k| {
                    let a = &s.actors[k];
                    speech.is_some_and(|sp| sp.end <= a.start)
                        && a.start > 0
                        && matches!(
                            s.toks[a.start - 1].norm.as_str(),
                            "its" | "their" | "his" | "her" | "our"
                        )
                });
                let speaker_is_source = claimant.is_some()
                    && (claimant == src || same_side(claimant, src) || own_forces);
                // The speaker's own accusation or warning is reported by the outlet: asserted.
                // ("denied that soldiers had stopped any aid trucks": a denial is never the act it
                // denies; but in "denied ... and condemned the killing" the joined verb is the
                // speaker's own act.)
                let denied_act = speech.is_some_and(|sp| sp.kind == SpeechKind::Deny)
                    && crate::attribution::joined_verb(&s.toks, t.start).is_none();
                // "Colombia and the ELN agreed ..., the two delegations said in a joint
                // statement": both parties telling of their joint act report it themselves.
                let joint_voice = src.is_some()
                    && tgt.is_some()
                    && claimant.is_some_and(|k| speaks_jointly(&s.toks, &s.actors[k]));
                let own_speech_act =
                    (speaker_is_source && is_speech_act(ty) && !denied_act) || joint_voice;
                let claimant = claimant.filter(|_| !own_speech_act);
                // Sized for the trigger, three actors, stance, disclaimer, date and place: no
                // regrowth while the event is filled.
                let mut provenance = Vec::with_capacity(8);
                provenance.push(FieldEvidence {
                    field: "type".into(),
                    start: Some(tstart),
                    end: Some(tend),
                    text: Some(ttext.clone()),
                    rule: ["trigger:", entry.id.as_str()].concat(),
                });
                let mut rules = Vec::with_capacity(t.cue_rules.len() + 8);
                rules.push(["trigger:", entry.id.as_str()].concat());
                rules.extend(t.cue_rules.iter().cloned());
                let source = src.map(|k| {
                    let (a, ev) = b.actor_field("source", k, actor_rule);
                    rules.push(ev.rule.clone());
                    provenance.push(ev);
                    a
                });
                let target = tgt.map(|k| {
                    let (mut a, ev) = b.actor_field("target", k, actor_rule);
                    rules.push(ev.rule.clone());
                    provenance.push(ev);
                    let by_head = b.role_of_head(k, ty).map(|(r, h)| (r, h, "head-noun-"));
                    let held = captives
                        .filter(|_| a.role.is_none())
                        .map(|(r, h)| (r, h, "captives-"));
                    if let Some((role, head, kind)) = by_head.or(held) {
                        let rule = ["actor-role:", kind, role].concat();
                        a.role = Some(role.into());
                        a.code = crate::actors::actor_code(a.country.as_deref(), Some(role));
                        rules.push(rule.clone());
                        provenance.push(b.evidence("target", head, head + 1, &rule));
                    }
                    a
                });
                // The side of the civilians hit is the other side of the war (fill_parties).
                if let Some(i) = site.filter(|_| target.is_none()) {
                    let ev = b.evidence("target", i, i + 1, CIVILIAN_SITE_RULE);
                    rules.push(ev.rule.clone());
                    provenance.push(ev);
                }
                let claimant_actor = claimant.map(|k| {
                    let (a, ev) = b.actor_field("claimant", k, "speech-subject");
                    rules.push(ev.rule.clone());
                    provenance.push(ev);
                    a
                });
                let mut stance = Stance::Asserted;
                let mut negated = t.negated;
                if let Some(sp) = speech.filter(|_| !own_speech_act) {
                    let (a, z, tx) = b.span_text(sp.start, sp.end);
                    stance = match sp.kind {
                        SpeechKind::Deny => {
                            negated = true;
                            Stance::Denied
                        }
                        SpeechKind::Report => Stance::Unverified,
                        // A party confirming its own act makes a claim like any other.
                        SpeechKind::Confirm if !speaker_is_source => Stance::Confirmed,
                        _ if claimant_actor.is_some() => Stance::Alleged,
                        // "..., the Philippine Coast Guard said": a speaker the actor layer does
                        // not know is still someone other than the outlet (but an accusation or
                        // appeal is most likely that speaker's own).
                        _ if sp.claimants.is_empty()
                            && !is_speech_act(ty)
                            && (sp.end <= t.start || b.closes_sentence(sp)) =>
                        {
                            Stance::Alleged
                        }
                        _ => Stance::Asserted,
                    };
                    rules.push(sp.rule.clone());
                    provenance.push(FieldEvidence {
                        field: "stance".into(),
                        start: Some(a),
                        end: Some(z),
                        text: Some(tx),
                        rule: sp.rule.clone(),
                    });
                }
                let sentence_disclaimer = local_disclaimer.as_ref().filter(|_| !t.hypothetical);
                if confirmed {
                    stance = Stance::Confirmed;
                } else if stance == Stance::Alleged
                    && let Some(d) =
                        sentence_disclaimer.or_else(|| ctx.disclaimer_for(s.index, t.hypothetical))
                {
                    stance = Stance::Unverified;
                    rules.push(d.rule.clone());
                    provenance.push(FieldEvidence {
                        field: "stance".into(),
                        ..d.clone()
                    });
                }
                rules.push(date_ev.rule.clone());
                provenance.push(date_ev.clone());
                let place_value = place.as_ref().map(|(p, ev)| {
                    rules.push(ev.rule.clone());
                    provenance.push(ev.clone());
                    p.clone()
                });
                events.push(Event {
                    id: String::new(),
                    article_id: ctx.article_id.clone(),
                    event_type: ty,
                    mode: mode.clone(),
                    cameo: entry.cameo.clone(),
                    source,
                    target,
                    place: place_value,
                    date: date.clone(),
                    casualties: Vec::new(),
                    claimant: claimant_actor,
                    stance,
                    negated,
                    hypothetical: t.hypothetical,
                    background,
                    evidence: sentence_evidence.clone(),
                    rules,
                    provenance,
                });
            }
        }
    }
    // "Baku would destroy any firing point if the attacks continued", said by Azerbaijan's
    // president, is a threat by the speaker, not a hypothetical attack.
    for e in events.iter_mut() {
        // ("expressed concern that militants could launch an offensive" fears another's attack;
        // "Ukraine's army said Russia could try to storm the town", "a resistance commander warned
        // that the army could launch an offensive" foresee the enemy's.)
        let others = match (&e.source, &e.claimant) {
            (Some(s), Some(c)) => {
                (s.role.as_deref() == Some("REB") && c.role != s.role)
                    || (c.role.as_deref() == Some("REB")
                        && matches!(s.role.as_deref(), Some("MIL" | "GOV")))
                    || (s.country.is_some() && c.country.is_some() && s.country != c.country)
            }
            _ => false,
        };
        // "would include seriously wounded soldiers": a word of outcome is no act of force.
        let outcome_only = e
            .rules
            .first()
            .is_some_and(|r| r == "trigger:assault.killing");
        // "vowed to step up the offensive", "wants to attack Switzerland": a vow or a wish of
        // force by its doer is a threat too.
        let vowed = e.source.is_some()
            && e.rules.iter().any(|r| {
                matches!(
                    r.as_str(),
                    "cue:modal:vowed" | "cue:modal:wants" | "cue:modal:want" | "cue:modal:intends"
                )
            });
        // "If the fighting continues, hundreds of thousands could starve": fighting named as a
        // condition is what is feared, and a speaker with no force (an aid agency, a monitor)
        // threatens none.
        let mut modals = e
            .rules
            .iter()
            .filter_map(|r| r.strip_prefix("cue:modal:"))
            .peekable();
        let only_a_condition =
            modals.peek().is_some() && modals.all(|m| matches!(m, "if" | "unless"));
        let unarmed_speaker = e.claimant.as_ref().is_some_and(|c| {
            matches!(
                c.role.as_deref(),
                Some("IGO" | "NGO" | "MED" | "CVL" | "JUD")
            )
        });
        if e.event_type == EventType::Assault
            && e.hypothetical
            && !e.negated
            && !outcome_only
            && !only_a_condition
            && !unarmed_speaker
            && (e.claimant.is_some() || vowed)
            && !others
        {
            e.event_type = EventType::Threaten;
            e.cameo = "138".into();
            e.mode = None;
            if let Some(speaker) = e.claimant.take() {
                e.source = Some(speaker);
            }
            e.hypothetical = false;
            e.stance = Stance::Asserted;
            e.place = None;
            e.rules.push("threat:conditional-force".into());
        }
    }
    refusals_of_cooperation(&mut events);
    drop_conditions(&mut events);
    alleged_breaches(&mut events);
    no_protest_by_distant_forces(&mut events);
    // Outcome words ("killed") join the attack the sentence names, so they go last.
    events.sort_by_key(|e| {
        e.rules
            .first()
            .is_some_and(|r| r == "trigger:assault.killing")
    });
    let mut events = drop_duplicate_pairs(fold_damage(merge(events)));
    attach_casualties(&b, &mut events, &sentence_evidence);
    share_joined_targets(&s.toks, &mut events);
    // An accusation aimed at no one is kept for now: it may react to an event reported before
    // ("condemned the attack"); `aim_reactions` then finds its target or drops it.
    events.retain(|e| {
        e.source.is_some()
            || e.target.is_some()
            || stands_alone(e)
            || e.event_type == EventType::Accuse
    });
    events
}

/// "The army said it would not withdraw from the town", "Serbia will not release the prisoners":
/// a cooperative act its doer says it will not do is a refusal (PLOVER REJECT, CAMEO 12), made
/// when it is said; a condition ("would not withdraw unless ...") stays a hypothetical.
/// "blamed Pakistan for the ambush and warned that it would pay", "accused the rebels of
/// breaking the truce and urged them to withdraw": a warning, appeal or charge joined by "and" to
/// one of the same speaker aimed at someone, and aimed at no one of its own, is aimed at the same.
fn share_joined_targets(toks: &[Token], events: &mut [Event]) {
    const RULE: &str = "actors:target-of-joined-verb";
    let token_at = |e: &Event| {
        let (start, _) = trigger_span(e)?;
        toks.iter().position(|t| t.start == start)
    };
    for i in 0..events.len() {
        let e = &events[i];
        if !is_speech_act(e.event_type) || e.target.is_some() || e.source.is_none() {
            continue;
        }
        let Some(conj) = token_at(e).and_then(|at| crate::attribution::joined_verb(toks, at))
        else {
            continue;
        };
        let earlier = events
            .iter()
            .filter(|p| {
                is_speech_act(p.event_type)
                    && p.target.is_some()
                    && p.source.as_ref().map(|a| &a.code) == e.source.as_ref().map(|a| &a.code)
                    && token_at(p).is_some_and(|at| at < conj)
            })
            .max_by_key(|p| token_at(p))
            .and_then(|p| p.target.clone());
        if let Some(target) = earlier {
            let e = &mut events[i];
            e.target = Some(target);
            e.rules.push(RULE.into());
            e.provenance.push(FieldEvidence::inferred("target", RULE));
        }
    }
}

fn refusals_of_cooperation(events: &mut [Event]) {
    for e in events.iter_mut() {
        let cooperative = matches!(
            e.event_type,
            EventType::Aid
                | EventType::Retreat
                | EventType::Concede
                | EventType::Consult
                | EventType::Cooperate
                | EventType::Support
        );
        let has = |rule: &str| e.rules.iter().any(|r| r == rule);
        let future = has("cue:modal:would") || has("cue:modal:will");
        let conditional = has("cue:modal:if") || has("cue:modal:unless");
        if cooperative
            && e.negated
            && e.hypothetical
            && future
            && !conditional
            && e.source.is_some()
            && e.stance != Stance::Denied
            && e.mode.as_deref() != Some("ceasefire")
        {
            e.event_type = EventType::Reject;
            e.cameo = "12".into();
            e.mode = None;
            e.negated = false;
            e.hypothetical = false;
            // The speaker's own refusal is reported by the outlet, like any speech act of its own.
            if e.claimant.as_ref().map(|c| &c.code) == e.source.as_ref().map(|s| &s.code) {
                e.claimant = None;
                e.stance = Stance::Asserted;
            }
            e.rules.push("refusal:negated-commitment".into());
        }
    }
}

/// "if Russia did not agree to a ceasefire", "If the strikes continue, the group would be forced
/// to respond": an act named only as a condition has not happened and is the condition of another
/// statement, not an event of its own.
fn drop_conditions(events: &mut Vec<Event>) {
    events.retain(|e| {
        let modals: Vec<&str> = e
            .rules
            .iter()
            .filter_map(|r| r.strip_prefix("cue:modal:"))
            .collect();
        let condition = |m: &&str| matches!(*m, "if" | "unless");
        let only_a_condition = !modals.is_empty() && modals.iter().all(condition);
        // "would continue the strikes if Russia did not agree": a condition denied is no denial.
        let negated_condition = e.negated && modals.iter().any(condition);
        !(e.hypothetical && (only_a_condition || negated_condition))
    });
}

/// "Riot police detained 48 protesters overnight as thousands rallied outside parliament": police
/// or troops named away from a word of protest are those who face it, not its doers, who are that
/// country's people. Only police or soldiers right before the word protest themselves ("police
/// officers marched").
fn no_protest_by_distant_forces(events: &mut [Event]) {
    for e in events.iter_mut() {
        let security = e
            .source
            .as_ref()
            .is_some_and(|a| matches!(a.role.as_deref(), Some("COP" | "MIL")));
        if e.event_type != EventType::Protest || !security {
            continue;
        }
        let span = |field: &str| {
            e.provenance
                .iter()
                .find(|p| p.field == field)
                .and_then(|p| p.start.zip(p.end))
        };
        let distant = match (span("source"), span("type")) {
            (Some((_, source_end)), Some((trigger_start, _))) => {
                trigger_start < source_end || trigger_start - source_end > 12
            }
            _ => false,
        };
        if distant {
            // The country is left to the article's context when the forces had none yet.
            let country = e.source.take().and_then(|a| a.country);
            e.source = Some(Actor {
                text: String::new(),
                name: "protesters".into(),
                code: format!("{}CVL", country.as_deref().unwrap_or("---")),
                country,
                role: Some("CVL".into()),
                title: None,
            });
            e.provenance.retain(|p| p.field != "source");
            e.rules
                .push("actors:protest-by-people-facing-forces".into());
        }
    }
}

/// "The army said the RSF had broken the truce": a breach of a truce alleged by a party is its
/// accusation (gold convention: ACCUSE, mode `ceasefire violation`, from the accuser to the
/// accused), reported by the outlet. A breach foreseen ("any violation will be met ...") is not.
fn alleged_breaches(events: &mut [Event]) {
    for e in events.iter_mut() {
        if e.event_type != EventType::Assault
            || e.mode.as_deref() != Some("ceasefire violation")
            || e.hypothetical
            || e.negated
        {
            continue;
        }
        let Some(accuser) = e.claimant.take() else {
            continue;
        };
        e.event_type = EventType::Accuse;
        e.cameo = "112".into();
        e.target = e.source.take();
        e.source = Some(accuser);
        e.stance = Stance::Asserted;
        e.place = None;
        e.casualties.clear();
        e.rules.push("accuse:alleged-breach".into());
    }
}

/// Events worth keeping even when the sentence names no party: fighting, protests, truces, talks
/// and mobilisations ("the delegations would meet again", "reservists were called up"), whose
/// parties the article usually makes clear. An appeal or an accusation by no one is noise.
fn stands_alone(e: &Event) -> bool {
    matches!(
        e.event_type,
        EventType::Assault | EventType::Protest | EventType::Consult | EventType::Mobilize
    ) || e.mode.as_deref() == Some("ceasefire")
}

/// "fired tear gas to disperse the crowds, and dozens of people were arrested": dispersing a crowd
/// and arresting people are two acts of coercion, each with its own mode.
fn distinct_coercions(a: &Event, b: &Event) -> bool {
    a.event_type == EventType::Coerce
        && b.event_type == EventType::Coerce
        && a.mode.is_some()
        && b.mode.is_some()
        && a.mode != b.mode
}

/// One sentence reporting one event yields one event: triggers of the same type, flags, actors,
/// claimant and date collapse into the first ("fresh clashes ... the deadliest fighting").
fn merge(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for e in events {
        // A word of outcome ("killing eight people") adds to the attack it follows, whoever it names.
        let outcome_only = e
            .rules
            .first()
            .is_some_and(|r| r == "trigger:assault.killing");
        let same = out.iter_mut().find(|o| {
            let actors_fit = (compatible(&o.source, &e.source) && compatible(&o.target, &e.target))
                || (o.event_type == EventType::Assault
                    && compatible(&o.source, &e.target)
                    && compatible(&o.target, &e.source))
                || (outcome_only && o.event_type == EventType::Assault);
            o.event_type == e.event_type
                && !distinct_coercions(o, &e)
                && o.negated == e.negated
                && o.hypothetical == e.hypothetical
                && o.background == e.background
                && actors_fit
                && o.claimant.as_ref().map(|c| &c.name) == e.claimant.as_ref().map(|c| &c.name)
                && (o.date == e.date
                    || o.date.is_none()
                    || e.date.is_none()
                    || defaulted_date(o)
                    || defaulted_date(&e))
        });
        match same {
            Some(o) => {
                // An explicit date wins over the publication-day default.
                if defaulted_date(o) && !defaulted_date(&e) && e.date.is_some() {
                    o.date = e.date.clone();
                    o.rules.retain(|r| r != "date:published");
                    o.provenance.retain(|p| p.rule != "date:published");
                }
                o.mode = o.mode.take().or(e.mode);
                // "the deadliest attack since March, when gunmen killed 40 civilians": the party
                // read after the noun is the doer the verb names, not its target.
                // (An interception's target is who stopped the attack, so it stays.)
                let interception = o.rules.iter().any(|r| r.ends_with("actors:interception"));
                let doer_read_as_target = o.source.is_none()
                    && !interception
                    && matches!((&o.target, &e.source), (Some(t), Some(s)) if t.code == s.code);
                if doer_read_as_target {
                    o.target = None;
                    o.rules.push("actors:merged-doer-not-target".into());
                }
                if o.source.is_none() {
                    o.source = e.source;
                }
                if o.target.is_none() {
                    o.target = e.target;
                }
                if o.place.is_none()
                    || o.place
                        .as_ref()
                        .is_some_and(|p| p.precision != PlacePrecision::City)
                        && e.place
                            .as_ref()
                            .is_some_and(|p| p.precision == PlacePrecision::City)
                {
                    o.place = e.place;
                }
                add_rules(&mut o.rules, e.rules);
                for p in e.provenance {
                    if !o.provenance.contains(&p) {
                        o.provenance.push(p);
                    }
                }
            }
            None => out.push(e),
        }
    }
    out
}

/// Adds the rules of an event folded into another, each once.
fn add_rules(into: &mut Vec<String>, rules: Vec<String>) {
    for r in rules {
        if !into.contains(&r) {
            into.push(r);
        }
    }
}

/// "An air strike demolished a five-storey building", "gunmen killed 11 villagers and looted
/// shops": property an attack destroys or plunders in the same sentence is part of that attack,
/// not a second event; destroyed in a protest ("threw stones and set fire to police cars during
/// the protest"), it makes the protest a riot, and so does damage done by protesters or civilians
/// ("rioters looted shops", PLOVER PROTEST mode riot, CAMEO 145). Other damage stays an event of
/// its own ("troops demolished the homes of two suspects", "gunmen torched a police station").
fn fold_damage(mut events: Vec<Event>) -> Vec<Event> {
    let is_damage = |e: &Event| {
        e.rules
            .first()
            .is_some_and(|r| r == "trigger:coerce.property" || r == "trigger:assault.arson")
    };
    let mut k = 0;
    while k < events.len() {
        let damage = &events[k];
        let host = is_damage(damage)
            .then(|| {
                let fits = |o: &Event| {
                    o.negated == damage.negated
                        && o.hypothetical == damage.hypothetical
                        && compatible(&o.source, &damage.source)
                };
                let protest = events
                    .iter()
                    .position(|o| o.event_type == EventType::Protest && fits(o));
                let attack = || {
                    events
                        .iter()
                        .enumerate()
                        .position(|(i, o)| i != k && o.event_type == EventType::Assault && fits(o))
                };
                protest.or_else(attack)
            })
            .flatten();
        let Some(host) = host else {
            let by_crowd = is_damage(&events[k])
                && events[k]
                    .source
                    .as_ref()
                    .is_some_and(|a| matches!(a.role.as_deref(), Some("OPP" | "CVL")));
            if by_crowd {
                let riot = &mut events[k];
                riot.event_type = EventType::Protest;
                riot.mode = Some("riot".into());
                riot.cameo = "145".into();
                riot.rules.push("protest:riot-damage".into());
            }
            k += 1;
            continue;
        };
        let damage = events.remove(k);
        let host = &mut events[if host > k { host - 1 } else { host }];
        if host.event_type == EventType::Protest && host.mode.as_deref() != Some("riot") {
            const RULE: &str = "mode:riot-damage";
            host.mode = Some("riot".into());
            host.rules.push(RULE.into());
            host.provenance.retain(|p| p.field != "mode");
            let damage_span = damage.provenance.iter().find(|p| p.field == "type");
            if let Some(span) = damage_span {
                host.provenance.push(FieldEvidence {
                    field: "mode".into(),
                    rule: RULE.into(),
                    ..span.clone()
                });
            }
        }
        add_rules(&mut host.rules, damage.rules);
    }
    events
}

/// One trigger, one event per party it really names. The same word read with a state's party twice
/// over is one event: "Turkish forces ... neutralising 35 Syrian soldiers, the ministry said" is not an
/// attack on the Syrian army and another on the Syrian government, and a party is not its own
/// target when the word names another one ("Turkey would strike government forces").
/// Run on a sentence's events as they are built, and on the article's once countries are inferred.
pub fn drop_duplicate_pairs(events: Vec<Event>) -> Vec<Event> {
    // A state's government, army and police are one party here; its rebels or civilians are not.
    // Countries are inferred later; until then an actor's code starts with its country.
    fn country(a: &Option<Actor>) -> Option<&str> {
        a.as_ref()
            .filter(|a| matches!(a.role.as_deref(), Some("GOV" | "MIL" | "COP")))
            .and_then(|a| {
                a.country.as_deref().or_else(|| {
                    let prefix = a.code.get(..3)?;
                    let state = prefix.bytes().all(|b| b.is_ascii_uppercase())
                        && !matches!(prefix, "IGO" | "NGO" | "IMG" | "MNC");
                    state.then_some(prefix)
                })
            })
    }
    let self_directed =
        |e: &Event| matches!((&e.source, &e.target), (Some(x), Some(y)) if x.code == y.code);
    // Each event's trigger, looked up once: only events of one word can be duplicates.
    let words: Vec<_> = events
        .iter()
        .map(|e| trigger_span(e).map(|span| (e.event_type, span)))
        .collect();
    let same_word = |i: usize, j: usize| words[i].is_some() && words[i] == words[j];
    let mut keep = vec![false; events.len()];
    for (i, e) in events.iter().enumerate() {
        // "Al-Shabab fighters attacked a base, setting off a car bomb": a party read as its own
        // target goes when the sentence has the event with a real target.
        if self_directed(e)
            && events.iter().any(|o| {
                o.evidence.sentence == e.evidence.sentence
                    && o.event_type == e.event_type
                    && !self_directed(o)
            })
        {
            continue;
        }
        let twin = (0..i).filter(|&k| keep[k]).any(|k| {
            let o = &events[k];
            same_word(k, i)
                && ((compatible(&o.source, &e.source)
                    && o.source.is_some() == e.source.is_some()
                    && country(&o.target).is_some()
                    && country(&o.target) == country(&e.target))
                    || (compatible(&o.target, &e.target)
                        && o.target.is_some() == e.target.is_some()
                        && country(&o.source).is_some()
                        && country(&o.source) == country(&e.source)))
        });
        keep[i] = !twin;
    }
    events
        .into_iter()
        .zip(keep)
        .filter_map(|(e, keep)| keep.then_some(e))
        .collect()
}

/// Whether the event's date is only the publication-day default.
fn defaulted_date(e: &Event) -> bool {
    e.rules.iter().any(|r| r == "date:published")
}

fn compatible(a: &Option<Actor>, b: &Option<Actor>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.code == y.code,
        _ => true,
    }
}

/// Casualty counts go to the sentence's (first non-hypothetical) assault; a toll reported with no
/// attack word ("772 troops have died") becomes an assault of its own.
fn attach_casualties(b: &Builder, events: &mut Vec<Event>, evidence: &Evidence) {
    let s = b.s;
    if s.casualties.is_empty() {
        return;
    }
    let target = events
        .iter()
        .position(|e| e.event_type == EventType::Assault && !e.hypothetical && !e.negated)
        // "fired tear gas ..., and dozens of people were arrested": the people held go with the
        // arrest, not with the dispersal.
        .or_else(|| {
            events.iter().position(|e| {
                e.event_type == EventType::Coerce && e.mode.as_deref() == Some("arrest")
            })
        })
        .or_else(|| {
            events
                .iter()
                .position(|e| matches!(e.event_type, EventType::Coerce | EventType::Concede))
        });
    // Prisoners exchanged or detained are no sign of an attack: only deaths, wounds and
    // disappearances make a toll reported on its own an ASSAULT, and "no one was hurt" none.
    // ("the collapse of a canopy that killed 15 people": an accident's toll is none.)
    let harmed = s.casualties.iter().any(|c| {
        c.casualty.kind != observer_model::CasualtyKind::Captured
            && c.casualty.max != Some(0)
            && !crate::triggers::accident_before(b.lex, b.text, &s.toks, &s.cues, c.start)
    });
    let index = match target {
        Some(i) => i,
        None if !harmed => return,
        None => {
            let first = &s.casualties[0];
            let speech = s
                .speech
                .iter()
                .find(|sp| !sp.claimants.is_empty() && sp.kind != SpeechKind::Report);
            let claimant =
                speech.map(|sp| b.actor_field("claimant", sp.claimants[0], "speech-subject"));
            let (date, date_ev) = b.date_for(&Trigger {
                start: first.start,
                end: first.end,
                entry: 0,
                negated: false,
                hypothetical: false,
                background: false,
                cue_rules: vec![],
                governed: false,
            });
            let mut provenance =
                vec![b.evidence("type", first.start, first.end, "casualty-report")];
            provenance.push(date_ev.clone());
            let mut rules = vec!["casualty-report".to_string(), date_ev.rule];
            let disclaimer = b.ctx.disclaimer_for(s.index, false);
            let stance = match (&claimant, disclaimer) {
                (Some(_), Some(_)) => Stance::Unverified,
                (Some(_), None) => Stance::Alleged,
                _ => Stance::Asserted,
            };
            if let Some((_, ev)) = &claimant {
                rules.push(ev.rule.clone());
                provenance.push(ev.clone());
            }
            if let (Stance::Unverified, Some(d)) = (stance, disclaimer) {
                rules.push(d.rule.clone());
                provenance.push(FieldEvidence {
                    field: "stance".into(),
                    ..d.clone()
                });
            }
            let place = b.ctx.focus.as_ref().map(|(p, r)| {
                rules.push(format!("place:article-focus+{r}"));
                p.clone()
            });
            events.push(Event {
                id: String::new(),
                article_id: b.ctx.article_id.clone(),
                event_type: EventType::Assault,
                mode: None,
                cameo: "190".into(),
                source: None,
                target: None,
                place,
                date,
                casualties: Vec::new(),
                claimant: claimant.map(|(a, _)| a),
                stance,
                negated: false,
                hypothetical: false,
                background: false,
                evidence: evidence.clone(),
                rules,
                provenance,
            });
            events.len() - 1
        }
    };
    let e = &mut events[index];
    for c in &s.casualties {
        let casualty: Casualty = c.casualty.clone();
        e.rules.push(c.rule.clone());
        e.provenance
            .push(b.evidence("casualties", c.start, c.end, &c.rule));
        e.casualties.push(casualty);
    }
    // "Drones struck the port, wounding two dock workers": an attack naming no one it was aimed
    // at hit the civilians it harmed (their country comes from the place, like any local actor);
    // an abduction, the civilians it took.
    let abduction = e.mode.as_deref() == Some("abduction");
    let civilian = s.casualties.iter().find(|c| {
        c.casualty.group == CasualtyGroup::Civilian
            && (abduction || c.casualty.kind != observer_model::CasualtyKind::Captured)
            && !c.casualty.cumulative
    });
    if e.event_type == EventType::Assault
        && e.target.is_none()
        && let Some(c) = civilian
    {
        const RULE: &str = "actors:civilian-casualties";
        e.target = Some(Actor {
            text: c.casualty.text.clone(),
            name: "civilians".into(),
            country: None,
            role: Some("CVL".into()),
            code: "CVL".into(),
            title: None,
        });
        e.rules.push(RULE.into());
        e.provenance
            .push(b.evidence("target", c.start, c.end, RULE));
    }
}

/// Fills assaults that name no one from the article's warring pair: the first assault with both
/// sides named. When a party to the war is the claimant, it is the one attacked.
pub fn fill_from_dyad(events: &mut Vec<Event>) {
    let dyad = article_dyad(events);
    // "Officials from the two countries": two states, even when the war is a civil one.
    let two_states = |p: &(Actor, Actor)| p.0.country != p.1.country;
    // The article's pair of states is looked for once: with no dyad it is the pair as well.
    let (pair, states) = match &dyad {
        Some(d) if two_states(d) => (dyad.clone(), dyad.clone()),
        Some(_) => (dyad.clone(), article_pair(events).filter(two_states)),
        None => {
            let pair = article_pair(events);
            let states = pair.clone().filter(two_states);
            (pair, states)
        }
    };
    match &pair {
        Some((a, b)) => expand_sides(events, a, b, states.as_ref()),
        None => drop_unresolved_sides(events),
    }
    // "The two armies agreed to a truce": once "both sides" are named, their truce may be the
    // only sign of who is at war.
    let dyad = dyad.or_else(|| article_dyad(events));
    aim_threats(events, pair.as_ref());
    fill_parties(events, dyad);
    fill_host_forces(events);
    fill_arresting_authorities(events);
    fill_own_population(events);
    fill_visited_hosts(events);
}

/// "Authorities imposed a curfew on Dessie", "the government released 25 detainees": a state's
/// curbs, arrests and releases aimed at no one named fall on its own people.
fn fill_own_population(events: &mut [Event]) {
    const RULE: &str = "actors:state-act-on-own-population";
    for e in events.iter_mut().filter(|e| {
        let curb = e.event_type == EventType::Coerce && e.mode.as_deref() != Some("expel");
        let release = e.event_type == EventType::Concede && e.mode.as_deref() == Some("release");
        (curb || release) && e.target.is_none() && !e.negated
    }) {
        let Some(country) = e
            .source
            .as_ref()
            .filter(|s| acts_for_state(s))
            .and_then(|s| s.country.clone())
        else {
            continue;
        };
        e.target = Some(inferred_state(country, "civilians".into(), "CVL"));
        e.rules.push(RULE.into());
        e.provenance.push(FieldEvidence::inferred("target", RULE));
    }
}

/// "Indonesia's president arrived in Manila for a state visit", "the UN envoy is due to visit
/// Sanaa", "Russia is conducting exercises in Belarus": a visit, meeting or deployment abroad
/// with no counterpart named is with the government of the host country.
fn fill_visited_hosts(events: &mut [Event]) {
    const RULE: &str = "actors:abroad-with-host-government";
    for e in events.iter_mut().filter(|e| {
        let abroad = e.event_type == EventType::Consult || e.event_type == EventType::Mobilize;
        abroad && e.target.is_none() && !e.negated
    }) {
        // The place must be named in the event's own sentence, not carried from the story.
        let in_sentence = e.provenance.iter().any(|p| {
            p.field == "place"
                && p.start.is_some_and(|a| a >= e.evidence.start)
                && p.end.is_some_and(|z| z <= e.evidence.end)
        });
        let Some(host) = e
            .place
            .as_ref()
            .filter(|_| in_sentence)
            .and_then(|p| p.country.clone())
        else {
            continue;
        };
        if e.source
            .as_ref()
            .is_none_or(|s| s.country.as_ref() == Some(&host))
        {
            continue;
        }
        e.target = Some(inferred_state(
            host.clone(),
            format!("{host} government"),
            "GOV",
        ));
        e.rules.push(RULE.into());
        e.provenance.push(FieldEvidence::inferred("target", RULE));
    }
}

/// "Dozens of people were arrested", "43 people had been detained": arrests with no doer named
/// are made by the police of the country where they happen (else of those arrested).
fn fill_arresting_authorities(events: &mut [Event]) {
    const RULE: &str = "actors:arrest-by-local-police";
    for e in events.iter_mut().filter(|e| {
        e.event_type == EventType::Coerce
            && e.mode.as_deref() == Some("arrest")
            && e.source.is_none()
            && !e.negated
    }) {
        let place_country = e.place.as_ref().and_then(|p| p.country.clone());
        let Some(country) = place_country.or_else(|| e.target.as_ref()?.country.clone()) else {
            continue;
        };
        e.source = Some(inferred_state(country, "police".into(), "COP"));
        e.rules.push(RULE.into());
        e.provenance.push(FieldEvidence::inferred("source", RULE));
    }
}

/// Roles that act for a state: its government, armed forces and police.
fn acts_for_state(a: &Actor) -> bool {
    matches!(a.role.as_deref(), None | Some("GOV" | "MIL" | "COP"))
}

/// "Azerbaijan's president said Baku would destroy any firing point", "India's army chief warned
/// that his forces would respond": a threat's content names the threatener's own forces, who are
/// not its target. A threat aimed at no one by one party to the article's conflict is aimed at
/// the other ("“If the attacks continue, we will respond,” a Hezbollah official warned").
fn aim_threats(events: &mut Vec<Event>, pair: Option<&(Actor, Actor)>) {
    let own_side = |s: &Actor, t: &Actor| {
        s.country.is_some()
            && s.country == t.country
            && (s.role == t.role
                || t.role.as_deref() == Some("CVL")
                || (acts_for_state(s) && acts_for_state(t)))
    };
    let is_threat = |e: &Event| e.event_type == EventType::Threaten && !e.negated;
    // Threats a sentence already aims at someone else, by sentence and source.
    let aimed: Vec<(usize, String)> = events
        .iter()
        .filter(|e| is_threat(e))
        .filter_map(|e| {
            let (s, t) = (e.source.as_ref()?, e.target.as_ref()?);
            (!own_side(s, t)).then(|| (e.evidence.sentence, s.code.clone()))
        })
        .collect();
    let mut duplicate = vec![false; events.len()];
    for (i, e) in events.iter_mut().enumerate().filter(|(_, e)| is_threat(e)) {
        let Some(source) = e.source.clone() else {
            continue;
        };
        if e.target.as_ref().is_some_and(|t| own_side(&source, t)) {
            // "Israel would continue to act against Iranian entrenchment": the threat is the
            // one aimed at Iran, not a second one.
            if aimed.contains(&(e.evidence.sentence, source.code.clone())) {
                duplicate[i] = true;
                continue;
            }
            const RULE: &str = "actors:threat-names-own-forces";
            e.target = None;
            e.rules.push(RULE.into());
            e.provenance.push(FieldEvidence::inferred("target", RULE));
        }
        let Some((a, b)) = pair.filter(|_| e.target.is_none()) else {
            continue;
        };
        // A side is known by its country; in a civil war by its role as well.
        let on = |side: &Actor| {
            own_side(&source, side) && (a.country != b.country || source.role == side.role)
        };
        let other = match (on(a), on(b)) {
            (true, false) => b,
            (false, true) => a,
            _ => continue,
        };
        const RULE: &str = "actors:threat-at-other-side";
        e.target = Some(other.clone());
        e.rules.push(RULE.into());
        e.provenance.push(FieldEvidence::inferred("target", RULE));
    }
    let mut index = 0;
    events.retain(|_| {
        index += 1;
        !duplicate[index - 1]
    });
}

/// "Ten Russian soldiers were killed in Ukraine": troops attacked on another country's soil, by no
/// one named and with no warring pair to say who, were attacked by that country's forces.
fn fill_host_forces(events: &mut [Event]) {
    const RULE: &str = "actors:host-country-forces";
    for e in events.iter_mut().filter(|e| {
        e.event_type == EventType::Assault && e.source.is_none() && !e.background && !e.hypothetical
    }) {
        let Some(target) = e
            .target
            .as_ref()
            .filter(|t| t.role.as_deref() == Some("MIL"))
        else {
            continue;
        };
        let host = e.place.as_ref().and_then(|p| p.country.clone());
        let Some(host) = host.filter(|h| target.country.as_ref().is_some_and(|c| c != h)) else {
            continue;
        };
        e.source = Some(inferred_state(
            host.clone(),
            format!("{host} military"),
            "MIL",
        ));
        e.rules.push(RULE.into());
        e.provenance.push(FieldEvidence::inferred("source", RULE));
    }
}

/// A country's government or forces that no word names but a rule infers: no text, the given name.
fn inferred_state(country: String, name: String, role: &str) -> Actor {
    Actor {
        text: String::new(),
        name,
        code: format!("{country}{role}"),
        country: Some(country),
        role: Some(role.into()),
        title: None,
    }
}

/// "Both sides", "the warring parties": the article's pair. An appeal to both sides is one to each;
/// "both sides accused each other" is an accusation each way.
fn expand_sides(events: &mut Vec<Event>, a: &Actor, b: &Actor, states: Option<&(Actor, Actor)>) {
    let is_sides = |x: &Option<Actor>| x.as_ref().is_some_and(|x| x.role.as_deref() == Some(SIDES));
    let mut out = Vec::with_capacity(events.len());
    for mut e in events.drain(..) {
        // "X and Y agreed ..., the two delegations said": the parties report their own act.
        if is_sides(&e.claimant) && e.source.is_some() && e.target.is_some() {
            const RULE: &str = "claimant:parties-report-own-act";
            e.claimant = None;
            e.rules.push(RULE.into());
            e.provenance.push(FieldEvidence::inferred("claimant", RULE));
        }
        let (src_sides, tgt_sides) = (is_sides(&e.source), is_sides(&e.target));
        if !src_sides && !tgt_sides {
            out.push(e);
            continue;
        }
        let other = if src_sides {
            e.target.clone().filter(|_| !tgt_sides)
        } else {
            e.source.clone()
        };
        // "the two leaders met and agreed": a joint act is coded once each way (a clash between
        // them is one event).
        let mutual = matches!(
            e.event_type,
            EventType::Accuse
                | EventType::Threaten
                | EventType::Consult
                | EventType::Agree
                | EventType::Cooperate
        );
        let sides = if src_sides { &e.source } else { &e.target };
        let (a, b) = match states.filter(|_| names_countries(sides)) {
            Some((x, y)) => (x, y),
            None => (a, b),
        };
        let states = sides_as_states(e.event_type, a, b, sides_role(sides));
        let as_governments = states.0.code != a.code || states.1.code != b.code;
        let (a, b) = &states;
        let pairs: Vec<(Actor, Actor)> = match other {
            // "X urged both sides": X to each of them.
            Some(x) if src_sides => vec![(a.clone(), x.clone()), (b.clone(), x)],
            Some(x) => vec![(x.clone(), a.clone()), (x, b.clone())],
            // "both sides accused each other": each way; "a truce between both sides": one event.
            None if mutual => vec![(a.clone(), b.clone()), (b.clone(), a.clone())],
            None => vec![(a.clone(), b.clone())],
        };
        for (source, target) in pairs.into_iter().filter(|(s, t)| s.code != t.code) {
            let mut copy = e.clone();
            copy.source = Some(source);
            copy.target = Some(target);
            copy.rules.push("actors:both-sides".into());
            if as_governments {
                const RULE: &str = "actors:both-sides-as-governments";
                copy.rules.push(RULE.into());
                copy.provenance.push(FieldEvidence::inferred(
                    if src_sides { "source" } else { "target" },
                    RULE,
                ));
            }
            out.push(copy);
        }
    }
    *events = out;
}

/// "Both countries", "the two nations' leaders": a pair named as states.
fn names_countries(sides: &Option<Actor>) -> bool {
    sides.as_ref().is_some_and(|s| {
        let text = s.text.to_lowercase();
        ["countr", "nation", "states", "capitals", "neighbo"]
            .iter()
            .any(|w| text.contains(w))
    })
}

/// "Both sides" in an article whose pair is not known names no one the engine can code: the
/// field stays empty rather than holding the placeholder.
fn drop_unresolved_sides(events: &mut [Event]) {
    const RULE: &str = "actors:both-sides-unresolved";
    for e in events.iter_mut() {
        for (field, actor) in [
            ("source", &mut e.source),
            ("target", &mut e.target),
            ("claimant", &mut e.claimant),
        ] {
            if actor
                .as_ref()
                .is_some_and(|a| a.role.as_deref() == Some(SIDES))
            {
                *actor = None;
                e.rules.push(RULE.into());
                e.provenance.push(FieldEvidence::inferred(field, RULE));
            }
        }
    }
}

/// Two states at war speak, agree and are appealed to through their governments: "urged both
/// countries", "the two sides agreed" are about Armenia's and Azerbaijan's governments, even when
/// the fighting made their armies the article's pair. An army facing rebels stays the army.
/// "The two armies", "the two sides' negotiators" name the role the parties act in, which wins.
fn sides_as_states(ty: EventType, a: &Actor, b: &Actor, named: Option<&str>) -> (Actor, Actor) {
    let state = |x: &Actor| matches!(x.role.as_deref(), None | Some("MIL" | "GOV"));
    let interstate = a.country.is_some() && a.country != b.country && state(a) && state(b);
    let as_government = |x: &Actor| {
        let role = match named {
            Some(role) if interstate => role,
            _ if !interstate || ty == EventType::Assault => return x.clone(),
            _ => "GOV",
        };
        if x.role.as_deref() == Some(role) {
            return x.clone();
        }
        let country = x.country.clone().unwrap_or_default();
        let name = if role == "GOV" {
            "government"
        } else {
            "military"
        };
        Actor {
            name: format!("{country} {name}"),
            code: format!("{country}{role}"),
            role: Some(role.into()),
            ..x.clone()
        }
    };
    (as_government(a), as_government(b))
}

/// The role a pair's members are named in ("the two armies": MIL), carried in its code after
/// [`SIDES`].
fn sides_role(sides: &Option<Actor>) -> Option<&str> {
    let code = sides.as_ref()?.code.as_str();
    let role = code.get(code.find(SIDES)? + SIDES.len()..)?;
    (!role.is_empty()).then_some(role)
}

/// With no warring pair, the parties of a diplomatic story ("the two leaders agreed"): the two
/// states most events are between, else the two states its events name most.
fn article_pair(events: &[Event]) -> Option<(Actor, Actor)> {
    // Borrowed while counting: only the two chosen are cloned.
    fn state(a: &Option<Actor>) -> Option<&Actor> {
        a.as_ref().filter(|a| {
            a.country.is_some() && matches!(a.role.as_deref(), None | Some("GOV" | "MIL"))
        })
    }
    // The pair most events are between; of equals, the first.
    let mut pairs: Vec<((&Actor, &Actor), usize)> = Vec::new();
    for e in events.iter().filter(|e| !e.hypothetical) {
        let (Some(a), Some(b)) = (state(&e.source), state(&e.target)) else {
            continue;
        };
        if a.country == b.country {
            continue;
        }
        let same = |(x, y): &(&Actor, &Actor)| {
            (x.country == a.country && y.country == b.country)
                || (x.country == b.country && y.country == a.country)
        };
        match pairs.iter_mut().find(|(p, _)| same(p)) {
            Some((_, count)) => *count += 1,
            None => pairs.push(((a, b), 1)),
        }
    }
    let first = pairs
        .into_iter()
        .rev()
        .max_by_key(|(_, count)| *count)
        .map(|((a, b), _)| (a.clone(), b.clone()));
    first.or_else(|| {
        let mut named: Vec<(&Actor, usize)> = Vec::new();
        for a in events
            .iter()
            .flat_map(|e| [state(&e.source), state(&e.target), state(&e.claimant)])
            .flatten()
        {
            match named.iter_mut().find(|(n, _)| n.country == a.country) {
                Some((_, count)) => *count += 1,
                None => named.push((a, 1)),
            }
        }
        // Most named first; of equals, the first named.
        named.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
        let mut top = named.into_iter().map(|(a, _)| a);
        Some((top.next()?.clone(), top.next()?.clone()))
    })
}

/// The article's warring pair: the first assault between two armed or governing parties, of
/// different countries or different roles (a civil war's army and rebels), else the parties of a
/// truce it reports.
fn article_dyad(events: &[Event]) -> Option<(Actor, Actor)> {
    let armed = |a: &Option<Actor>| {
        a.as_ref().is_some_and(|a| {
            a.country.is_some() && matches!(a.role.as_deref(), None | Some("MIL" | "REB" | "GOV"))
        })
    };
    // The first event of a kind between two different armed parties, as its (source, target).
    let first_pair = |kind: &dyn Fn(&Event) -> bool| {
        events
            .iter()
            .find(|e| {
                kind(e)
                    && !e.hypothetical
                    && armed(&e.source)
                    && armed(&e.target)
                    && e.source.as_ref().map(|a| &a.code) != e.target.as_ref().map(|a| &a.code)
            })
            .map(|e| {
                (
                    e.source.clone().unwrap_or_default(),
                    e.target.clone().unwrap_or_default(),
                )
            })
    };
    first_pair(&|e| e.event_type == EventType::Assault)
        // Else the first two armed parties of different countries that each attack in the article
        // ("Azerbaijani troops shelled ...", "Armenian forces fired on ...").
        .or_else(|| {
            let attackers: Vec<&Actor> = events
                .iter()
                .filter(|e| {
                    e.event_type == EventType::Assault && !e.hypothetical && armed(&e.source)
                })
                .filter_map(|e| e.source.as_ref())
                .collect();
            let first = *attackers.first()?;
            let second = attackers.iter().find(|a| a.country != first.country)?;
            Some((first.clone(), (*second).clone()))
        })
        // Else the parties of a truce the article reports: who agree to stop fighting are the
        // ones fighting ("both sides accused each other of breaking it").
        .or_else(|| first_pair(&|e| e.mode.as_deref() == Some("ceasefire") && !e.negated))
}

fn fill_parties(events: &mut [Event], dyad: Option<(Actor, Actor)>) {
    let Some((a, b)) = dyad else {
        return;
    };
    let ceasefire = |e: &Event| e.mode.as_deref() == Some("ceasefire");
    let armed_party = |x: &Actor| matches!(x.role.as_deref(), None | Some("MIL" | "REB" | "GOV"));
    // A party is on a side by its country; in a civil war (one country), by its role when it has
    // one of the sides' roles (the army's side or the rebels'), else as before, on the first.
    let civil_war = a.country == b.country;
    let on_side = |x: &Actor, side: &Actor| {
        let sides_role = x.role == a.role || x.role == b.role;
        x.country == side.country
            && (!civil_war || x.role == side.role || (!sides_role && side.code == a.code))
    };
    // A state's forces and rebels of the same country are on opposite sides.
    let opposes = |x: &Actor, side: &Actor| {
        let rebels = |y: &Actor| y.role.as_deref() == Some("REB");
        !civil_war
            && x.country.is_some()
            && x.country == side.country
            && ((rebels(x) && acts_for_state(side)) || (acts_for_state(x) && rebels(side)))
    };
    // A denied attack ("denied that any strike took place") may be read as hypothetical; it is
    // still one between the war's parties.
    // Talks and truces with no parties named ("the next round of talks", "the truce is due to
    // take effect", "a previous truce collapsed") are the war's parties', planned or past.
    let talks = |e: &Event| e.event_type == EventType::Consult;
    // "Israeli jets struck Gaza overnight. The strikes hit training camps": an attack naming no
    // one, told a sentence or two after one that names both sides, continues that story.
    let mut last_attack: Option<(usize, Actor, Actor)> = None;
    for i in 0..events.len() {
        // The latest attack naming both sides, as filled so far.
        if let Some(p) = i.checked_sub(1).map(|k| &events[k])
            && p.event_type == EventType::Assault
            && !p.hypothetical
            && !p.background
            && let (Some(s), Some(t)) = (&p.source, &p.target)
            && armed_party(s)
        {
            last_attack = Some((p.evidence.sentence, s.clone(), t.clone()));
        }
        let e = &mut events[i];
        let negotiated = ceasefire(e) || talks(e);
        if !((e.event_type == EventType::Assault || negotiated)
            && (!e.hypothetical || e.negated || negotiated))
        {
            continue;
        }
        let sentence = e.evidence.sentence;
        let recent = last_attack
            .as_ref()
            .filter(|(at, _, _)| *at < sentence && sentence - at <= 2)
            .map(|(_, s, t)| (s.clone(), t.clone()));
        let claimant_country = e.claimant.as_ref().and_then(|c| c.country.clone());
        let (src, tgt, rule) = match (&e.source, &e.target) {
            // A recalled event ("since Ukrainian forces recaptured Kherson") is given the other
            // side only when it names one armed side; a toll of the whole war ("712 civilians
            // were killed in the conflict last year") names no one.
            (x, y)
                if e.background
                    && e.event_type == EventType::Assault
                    && !x.as_ref().or(y.as_ref()).is_some_and(armed_party) =>
            {
                continue;
            }
            // "Armenia's defence ministry denied that any shots had been fired": a party denies
            // its own side's fire.
            (None, None) if e.negated => match claimant_country {
                Some(c) if a.country.as_deref() == Some(&c) => {
                    (a.clone(), b.clone(), "actors:dyad-claimant-denies-own-act")
                }
                Some(c) if b.country.as_deref() == Some(&c) => {
                    (b.clone(), a.clone(), "actors:dyad-claimant-denies-own-act")
                }
                _ => continue,
            },
            // The pair of a truce or talks, the state's side first.
            (None, None) if ceasefire(e) || talks(e) => {
                let rebels_first =
                    a.role.as_deref() == Some("REB") && b.role.as_deref() != Some("REB");
                let (x, y) = if rebels_first { (&b, &a) } else { (&a, &b) };
                (x.clone(), y.clone(), "actors:article-dyad-negotiating")
            }
            (None, None) => match claimant_country {
                Some(c) if a.country.as_deref() == Some(&c) => {
                    (b.clone(), a.clone(), "actors:dyad-claimant-attacked")
                }
                Some(c) if b.country.as_deref() == Some(&c) => {
                    (a.clone(), b.clone(), "actors:dyad-claimant-attacked")
                }
                _ => match recent.filter(|_| !e.background) {
                    Some((s, t)) => (s, t, "actors:continues-previous-attack"),
                    None => (a.clone(), b.clone(), "actors:article-dyad"),
                },
            },
            // "Government forces captured two villages" where the war is a foreign army and
            // rebels: the state fights its own country's rebels.
            (Some(s), None) if opposes(s, &b) => {
                (s.clone(), b.clone(), "actors:dyad-state-and-rebels")
            }
            (Some(s), None) if opposes(s, &a) => {
                (s.clone(), a.clone(), "actors:dyad-state-and-rebels")
            }
            (Some(s), None) if on_side(s, &a) => (s.clone(), b.clone(), "actors:dyad-other-side"),
            (Some(s), None) if on_side(s, &b) => (s.clone(), a.clone(), "actors:dyad-other-side"),
            (None, Some(t)) if on_side(t, &a) => (b.clone(), t.clone(), "actors:dyad-other-side"),
            (None, Some(t)) if on_side(t, &b) => (a.clone(), t.clone(), "actors:dyad-other-side"),
            _ => continue,
        };
        let tgt = civilians_of_side(e, tgt);
        for (field, slot, value) in [
            ("source", &mut e.source, src),
            ("target", &mut e.target, tgt),
        ] {
            if slot.is_none() {
                *slot = Some(value);
                e.provenance.push(FieldEvidence::inferred(field, rule));
            }
        }
        e.rules.push(rule.into());
    }
}

/// "RSF drones hit a water station": the other side of the war an attack on a civilian site is
/// aimed at is that side's civilians, not its forces.
fn civilians_of_side(e: &Event, side: Actor) -> Actor {
    let at_site = e.rules.iter().any(|r| r == CIVILIAN_SITE_RULE);
    match side.country {
        Some(country) if at_site && side.role.as_deref() != Some("CVL") => {
            inferred_state(country, "civilians".into(), "CVL")
        }
        _ => side,
    }
}

/// How many sentences back a story's place is carried to an event that names none.
const PLACE_CARRY_SENTENCES: usize = 2;

/// Whether a place was stated in the event's own sentence (not the article's focus).
fn stated_place(e: &Event) -> Option<&FieldEvidence> {
    e.provenance
        .iter()
        .find(|p| p.field == "place" && p.start.is_some() && !p.rule.starts_with("place:anaphor"))
}

/// "The strike destroyed a bank branch", "A police spokesman said 17 people were wounded",
/// "At the talks, ...": an event that names no place of its own, in the sentences right after
/// one that does, happened there, not at the article's focus. Fighting and arrests take the
/// last ground place, talks and what they agree the last place of talks. Only what happened
/// lends its place ("ready to visit Moscow for talks" is no talks in Moscow), and not to an event
/// its own sentence dates to other days ("a deal brokered a week earlier").
pub fn carry_places(events: &mut [Event]) {
    let talks = |e: &Event| matches!(e.event_type, EventType::Consult | EventType::Agree);
    /// The last place stated for a family of events: its sentence, evidence and the event's days.
    struct Stated {
        sentence: usize,
        place: Place,
        evidence: FieldEvidence,
        date: Option<EventDate>,
    }
    let mut last: [Option<Stated>; 2] = [None, None];
    for e in events.iter_mut() {
        let family = usize::from(talks(e));
        if !talks(e) && !takes_focus_place(e.event_type) {
            continue;
        }
        if let Some(ev) = stated_place(e).cloned() {
            if let Some(place) = e.place.clone().filter(|_| !e.hypothetical && !e.negated) {
                last[family] = Some(Stated {
                    sentence: e.evidence.sentence,
                    place,
                    evidence: ev,
                    date: e.date.clone(),
                });
            }
            continue;
        }
        let Some(Stated {
            sentence,
            place,
            evidence: ev,
            date,
        }) = &last[family]
        else {
            continue;
        };
        let recent = e.evidence.sentence > *sentence
            && e.evidence.sentence - sentence <= PLACE_CARRY_SENTENCES;
        // Only a date read in the event's own sentence sets it apart in time.
        let own_date = e
            .provenance
            .iter()
            .any(|p| p.field == "date" && p.start.is_some());
        if !recent || (own_date && !dates_overlap(date.as_ref(), e.date.as_ref())) {
            continue;
        }
        // The span lies in another sentence: the rule names it, the evidence stays inferred.
        let rule = format!(
            "place:carried-from-sentence-{sentence}:{}+{}",
            ev.text.as_deref().unwrap_or(""),
            ev.rule
        );
        e.rules.retain(|r| !r.starts_with("place:"));
        e.rules.push(rule.clone());
        e.provenance.retain(|p| p.field != "place");
        e.provenance.push(FieldEvidence::inferred("place", rule));
        e.place = Some(place.clone());
    }
}

/// An event that names no place was put at the article's focus, or at a town an earlier sentence
/// names; some events are not a town's. A past war or deal between two states happened nowhere
/// the article says ("Israel and Syria last fought a war in 1973"); the background of a war and a toll that runs over months ("the
/// insurgency has killed 30,000 since 2009") are the country's; a government's national act
/// (mobilising, expelling, a truce in its own war) is done in its own country, not in the town the
/// story is about.
pub fn scale_focus_places(lex: &Lexicons, text: &str, events: &mut [Event]) {
    for e in events.iter_mut() {
        let Some(from) = e.rules.iter().find_map(|r| {
            r.strip_prefix("place:article-focus+")
                .or_else(|| r.strip_prefix("place:carried-from-sentence-"))
        }) else {
            continue;
        };
        let from = from.to_string();
        let carried = e
            .rules
            .iter()
            .any(|r| r.starts_with("place:carried-from-sentence-"));
        let country_of = |a: &Option<Actor>| a.as_ref().and_then(|a| a.country.clone());
        let (source, target) = (country_of(&e.source), country_of(&e.target));
        let between_states = source.is_some() && target.is_some() && source != target;
        let binding = matches!(
            e.event_type,
            EventType::Agree | EventType::Concede | EventType::Retreat
        );
        // "The mayor's office announced a curfew": a town's or region's authority acts there.
        let local = source_words(text, e)
            .any(|w| lex.word_is(&w.to_lowercase(), WordClass::LocalAuthority));
        let government = e.source.as_ref().and_then(|a| a.role.as_deref()) == Some("GOV");
        let ceasefire = e.mode.as_deref() == Some("ceasefire");
        let place_country = e.place.as_ref().and_then(|p| p.country.clone());
        // A truce is a national act only in the doer's own war, in its own country: a broker's
        // ("a deal brokered by Russia") stays where the war is.
        let own_war = source.is_some() && source == place_country;
        let national_act = !carried
            && !local
            && ((government && matches!(e.event_type, EventType::Mobilize | EventType::Coerce))
                || (ceasefire && binding && !between_states && own_war));
        // A region is already the war's scale ("the conflict in Cabo Delgado"); talks keep their
        // venue whatever span their sentence dates. A background flag on a follow-up sentence
        // ("the attack, which began at dawn") is no war's history: only its dates say so.
        let town = e.place.as_ref().is_some_and(|p| {
            p.precision == PlacePrecision::City
                || p.gazetteer_id
                    .as_deref()
                    .is_some_and(|id| id.starts_with("geonames:"))
        });
        let talks = matches!(e.event_type, EventType::Consult | EventType::Agree);
        let war_long =
            town && !talks && ((e.background && !carried) || spans_months(e.date.as_ref()));
        // A war is fought on its target's ground; an act is done in its doer's country.
        let own_country = if e.event_type == EventType::Assault {
            target.or(source)
        } else {
            source.or(target)
        };
        let (place, scale) = if carried {
            if !war_long {
                continue;
            }
            (own_country.or(place_country), "war-long")
        } else if between_states && e.background {
            (None, "between-states")
        } else if e.background && e.event_type == EventType::Agree {
            // A past deal was made where it was signed, which the sentence does not say.
            (None, "past-deal")
        } else if national_act {
            (own_country.or(place_country), "national-act")
        } else if war_long {
            (own_country.or(place_country), "war-long")
        } else {
            continue;
        };
        let place = place.and_then(|iso3| {
            let c = lex.country_entries.iter().position(|c| c.iso3 == iso3)?;
            Some(place_of_country(lex, c, false))
        });
        let origin = if carried {
            "carried-from-sentence-"
        } else {
            "article-focus+"
        };
        let rule = format!("place:country-{scale}+{origin}{from}");
        e.rules.retain(|r| !r.starts_with("place:"));
        e.provenance.retain(|p| p.field != "place");
        if place.is_some() {
            e.rules.push(rule.clone());
            e.provenance.push(FieldEvidence::inferred("place", rule));
        }
        e.place = place;
    }
}

/// The words naming an event's source in the text, with the two before them ("the regional
/// government", "the mayor's office").
fn source_words<'a>(text: &'a str, e: &Event) -> impl Iterator<Item = &'a str> {
    let span = e
        .provenance
        .iter()
        .find(|p| p.field == "source")
        .and_then(|p| Some((p.start?, p.end?)))
        .and_then(|(start, end)| {
            let before = text.get(..start)?;
            let from = before
                .rmatch_indices(char::is_whitespace)
                .nth(2)
                .map_or(0, |(i, _)| i);
            text.get(from..end)
        })
        .unwrap_or("");
    span.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
}

/// Whether an event's days run over more than a month: a running toll or a war, not one incident.
fn spans_months(date: Option<&EventDate>) -> bool {
    date.and_then(|d| Some((d.end? - d.start?).num_days()))
        .is_some_and(|days| days > 31)
}

/// Whether two events' days can be the same (an undated event can be any day).
fn dates_overlap(a: Option<&EventDate>, b: Option<&EventDate>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    match (a.start, a.end, b.start, b.end) {
        (Some(a_start), Some(a_end), Some(b_start), Some(b_end)) => {
            a_start <= b_end && b_start <= a_end
        }
        _ => true,
    }
}

/// "at a meeting in Brussels", "talks in Washington": a gazetteer town right after "in" or "at"
/// is the place, even where its name also stands for an actor ("Brussels said").
pub fn located_there(toks: &[Token], p: &PlaceSpan) -> bool {
    matches!(p.source, PlaceSource::Gazetteer(_))
        && p.start > 0
        && matches!(toks[p.start - 1].norm.as_str(), "in" | "at")
}

/// True when a sentence's own actor is of this kind: used to keep person names out of places.
pub fn overlaps_named_actor(actors: &[ActorSpan], start: usize, end: usize) -> bool {
    actors.iter().any(|a| {
        matches!(a.kind, ActorKind::Person | ActorKind::Org) && a.start < end && start < a.end
    })
}

/// Roles whose actors belong to the country where they act when the text names none: "the army",
/// "rebels" and "civilians" in a report about Myanmar are Myanmar's.
const LOCAL_ROLES: &[&str] = &["MIL", "REB", "CVL", "GOV", "COP", "OPP", "HLH", "JUD"];

/// The code prefix of armed groups of no one country (CAMEO's international militarized groups:
/// "Islamic State", "JNIM").
const INTERNATIONAL_GROUP: &str = "IMG";

/// The role label (`lexicon/roles.tsv`) of armed men tied to no country: "gunmen", "jihadists".
const STATELESS: &str = "armed men";

/// A speaker named only as a kind of NGO or outlet ("a rights group", "a local doctors' union",
/// "state media", "a local journalist") that is not marked as foreign: in news of a conflict
/// it belongs to the country where the conflict is. Named organisations keep their own country
/// (or none: "Amnesty International").
fn local_voice(lex: &Lexicons, actor: &Actor) -> bool {
    let generic = match actor.role.as_deref() {
        Some("NGO") => actor.name == "ngo",
        Some("MED") => actor.name == "media",
        _ => false,
    };
    generic
        && !actor
            .text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| lex.word_is(&w.to_lowercase(), WordClass::ForeignVoice))
}

/// Gives generic actors the country of the event's place, else of the article's main place, else
/// the country the article names most.
pub fn infer_countries(lex: &Lexicons, events: &mut [Event], ctx: &ArticleContext) {
    let focus_country = ctx.focus.as_ref().and_then(|(p, _)| p.country.clone());
    // "Yemen's warring parties met in Muscat": a country where only talks and agreements take
    // place is the venue, not the home of the article's unnamed officials and fighters.
    let venue_only = focus_country.as_ref().is_some_and(|focus| {
        let there = |e: &&Event| e.place.as_ref().and_then(|p| p.country.as_ref()) == Some(focus);
        // Talks, deals and what they plan or recall (a swap to come, the truce of April).
        let diplomatic = |e: &&Event| {
            matches!(
                e.event_type,
                EventType::Consult | EventType::Agree | EventType::Cooperate
            ) || e.hypothetical
                || e.background
                || e.mode.as_deref() == Some("ceasefire")
        };
        // (An article with no event placed there says nothing of the kind.)
        events.iter().any(|e| there(&e)) && events.iter().filter(there).all(|e| diplomatic(&e))
    });
    let article_country = focus_country.filter(|_| !venue_only).or_else(|| {
        ctx.countries
            .iter()
            .filter(|(c, _)| {
                !venue_only || ctx.focus.as_ref().and_then(|(p, _)| p.country.as_ref()) != Some(*c)
            })
            .max_by_key(|(c, n)| (**n, std::cmp::Reverse((*c).clone())))
            .map(|(c, _)| c.clone())
    });
    // "Suspected jihadists", "JNIM", "Islamic State fighters": where the armed group is one of no
    // country, the unnamed gunmen and attackers of the story are that group, not locals.
    let international = |a: &Actor| a.code.starts_with(INTERNATIONAL_GROUP);
    let transnational_war = events
        .iter()
        .flat_map(|e| [&e.source, &e.target])
        .flatten()
        .any(|a| {
            a.role.as_deref() == Some("REB")
                && a.country.is_none()
                && (a.name == STATELESS || international(a))
        });
    // The article's war between parties of two countries, for attackers of a place on one side.
    let interstate = article_dyad(events)
        .filter(|(a, b)| a.country.is_some() && b.country.is_some() && a.country != b.country);
    for e in events.iter_mut() {
        // "Armenian officials say 772 troops have died": a party counting fighters counts its own.
        let claimant_country = e.claimant.as_ref().and_then(|c| c.country.clone());
        if let (Some(country), Some(target)) = (claimant_country, e.target.as_mut()) {
            let fighters = matches!(target.role.as_deref(), Some("MIL" | "REB"));
            let counted = !e.casualties.is_empty();
            // "The Israeli military said it had killed several gunmen": a party counting the
            // fighters it killed counts the enemy's.
            let own_kills = e
                .source
                .as_ref()
                .is_some_and(|s| s.country.as_ref() == Some(&country));
            if target.country.is_none()
                && fighters
                && counted
                && !own_kills
                && e.event_type == EventType::Assault
            {
                target.country = Some(country.clone());
                target.code = format!("{country}{}", target.role.as_deref().unwrap_or(""));
                e.rules.push("actor-country:claimant-side".into());
                e.provenance.push(FieldEvidence::inferred(
                    "target",
                    "actor-country:claimant-side",
                ));
            }
        }
        let place_country = e.place.as_ref().and_then(|p| p.country.clone());
        aid_recipients(e, place_country.as_deref());
        attacker_from_other_side(e, place_country.as_deref(), interstate.as_ref());
        let (country, rule) = match (place_country, &article_country) {
            (Some(c), _) => (c, "actor-country:event-place"),
            (None, Some(c)) => (c.clone(), "actor-country:article"),
            (None, None) => continue,
        };
        amend_actors(e, |field, actor| {
            let armed_group = actor.role.as_deref() == Some("REB");
            let local = (actor
                .role
                .as_deref()
                .is_some_and(|r| LOCAL_ROLES.contains(&r))
                && actor.name != STATELESS
                && !international(actor)
                && !(armed_group && transnational_war))
                || (field == "claimant" && local_voice(lex, actor));
            (actor.country.is_none() && local).then(|| {
                actor.country = Some(country.clone());
                actor.code = format!("{country}{}", actor.role.as_deref().unwrap_or(""));
                rule.to_string()
            })
        });
    }
}

/// "Militants fired two rockets towards the Israeli town of Sderot": in a war between a state and
/// an armed movement of another country, militants of no named country who attack a place of the
/// state are of the movement's country.
fn attacker_from_other_side(
    e: &mut Event,
    place_country: Option<&str>,
    war: Option<&(Actor, Actor)>,
) {
    const RULE: &str = "actor-country:attacker-from-other-side";
    let (Some(place), Some((a, b))) = (place_country, war) else {
        return;
    };
    if e.event_type != EventType::Assault || e.target.is_some() {
        return;
    }
    let other = if a.country.as_deref() == Some(place) {
        b
    } else if b.country.as_deref() == Some(place) {
        a
    } else {
        return;
    };
    // Militants side with the armed movement of the war, never with a foreign army.
    if other.role.as_deref() != Some("REB") {
        return;
    }
    let Some(source) = e
        .source
        .as_mut()
        .filter(|s| s.country.is_none() && s.role.as_deref() == Some("REB") && s.name != STATELESS)
    else {
        return;
    };
    let country = other.country.clone().unwrap_or_default();
    source.code = format!("{country}REB");
    source.country = Some(country);
    e.rules.push(RULE.into());
    e.provenance.push(FieldEvidence::inferred("source", RULE));
}

/// "Trucks brought food into Gaza", "an airdrop over northern Gaza": aid given to no one named
/// goes to the civilians of the place it is delivered to.
fn aid_recipients(e: &mut Event, place_country: Option<&str>) {
    const RULE: &str = "actors:aid-to-civilians-at-place";
    let humanitarian = e.mode.as_deref().is_none_or(|m| m == "humanitarian");
    let Some(country) = place_country
        .filter(|_| e.event_type == EventType::Aid && e.target.is_none() && humanitarian)
    else {
        return;
    };
    let recipients = inferred_state(country.into(), "civilians".into(), "CVL");
    // "People in Sudan need aid": the needy are not their own donors.
    if e.source.as_ref().is_some_and(|s| s.code == recipients.code) {
        return;
    }
    e.target = Some(recipients);
    e.rules.push(RULE.into());
    e.provenance.push(FieldEvidence::inferred("target", RULE));
}

/// A country named with no role ("Armenia said", "Russian drones struck", "accused Moscow") acts
/// through its government, or in fighting through its armed forces.
pub fn default_roles(events: &mut [Event]) {
    for e in events.iter_mut() {
        let force = matches!(
            e.event_type,
            EventType::Assault | EventType::Mobilize | EventType::Retreat | EventType::Coerce
        );
        amend_actors(e, |field, actor| {
            if actor.role.is_some() || actor.country.is_none() {
                return None;
            }
            let role = if force && field != "claimant" {
                "MIL"
            } else {
                "GOV"
            };
            actor.role = Some(role.into());
            actor.code = format!("{}{role}", actor.country.as_deref().unwrap_or(""));
            Some(format!("actor-role:default-{}", role.to_lowercase()))
        });
    }
}

/// Applies `change` to the event's source, target and claimant; each rule it returns is recorded
/// as the evidence of that field.
fn amend_actors(e: &mut Event, mut change: impl FnMut(&'static str, &mut Actor) -> Option<String>) {
    let mut applied = Vec::new();
    for (field, slot) in [
        ("source", &mut e.source),
        ("target", &mut e.target),
        ("claimant", &mut e.claimant),
    ] {
        if let Some(rule) = slot.as_mut().and_then(|actor| change(field, actor)) {
            applied.push((field, rule));
        }
    }
    for (field, rule) in applied {
        e.rules.push(rule.clone());
        e.provenance.push(FieldEvidence::inferred(field, rule));
    }
}

/// Reactions that may be aimed at an event reported before them.
const REACTIONS: &[EventType] = &[
    EventType::Accuse,
    EventType::Reject,
    EventType::Protest,
    EventType::Threaten,
];

/// Reactions aimed at an event already reported ("Iran condemned the attack", "Moscow rejected the
/// sanctions"): with no target of their own, they target whoever did that event. An accusation
/// still aimed at no one is dropped; a protest is taken to be against the local authorities.
pub fn aim_reactions(lex: &Lexicons, text: &str, events: &mut Vec<Event>) {
    for i in 0..events.len() {
        let e = &events[i];
        if e.target.is_some() || !REACTIONS.contains(&e.event_type) {
            continue;
        }
        // After any of the event's triggers ("rallied ... to protest against the strikes").
        let trigger_ends: Vec<usize> = e
            .provenance
            .iter()
            .filter(|p| p.field == "type")
            .filter_map(|p| p.end)
            .filter(|&end| end <= e.evidence.end)
            .collect();
        // "the sanctions were illegal": a judgement follows the act it refers to.
        let judged = e
            .provenance
            .iter()
            .find(|p| p.field == "type" && p.rule == "trigger:accuse.judge")
            .and_then(|p| p.start)
            .and_then(|trigger_start| {
                let toks = lex.vocab.tokens(text, e.evidence.start, trigger_start);
                let k = toks
                    .iter()
                    .rposition(|t| matches!(t.norm.as_str(), "the" | "this" | "these" | "those"))?;
                let noun = lex
                    .event_nouns
                    .longest_at(text, &toks, k + 1)
                    .filter(|f| f.end == toks.len())?;
                Some((toks, noun))
            });
        let Some((toks, noun)) = judged.or_else(|| {
            trigger_ends.into_iter().find_map(|trigger_end| {
                let toks = lex.vocab.tokens(text, trigger_end, e.evidence.end);
                // "protested against the strikes", "anger over the killings": a preposition may
                // stand before the event referred to.
                let at = usize::from(
                    toks.first()
                        .is_some_and(|t| matches!(t.norm.as_str(), "against" | "over")),
                );
                let determiner = toks.get(at).is_some_and(|t| {
                    matches!(
                        t.norm.as_str(),
                        "the" | "this" | "these" | "those" | "such" | "its" | "their"
                    )
                });
                let noun = lex
                    .event_nouns
                    .longest_at(text, &toks, at + 1)
                    .filter(|_| determiner)?;
                Some((toks, noun))
            })
        }) else {
            continue;
        };
        let referred = noun.values;
        let doer = events[..i]
            .iter()
            .rev()
            .filter(|p| referred.contains(&p.event_type) && !p.negated && !p.hypothetical)
            .find_map(|p| p.source.clone())
            .filter(|doer| {
                e.source
                    .as_ref()
                    .is_none_or(|source| source.code != doer.code)
            });
        let Some(doer) = doer else {
            continue;
        };
        const RULE: &str = "actors:event-anaphora";
        let (start, end) = (toks[noun.start].start, toks[noun.end - 1].end);
        let e = &mut events[i];
        e.target = Some(doer);
        e.rules.push(RULE.into());
        e.provenance.push(FieldEvidence {
            field: "target".into(),
            start: Some(start),
            end: Some(end),
            text: Some(text[start..end].to_string()),
            rule: RULE.into(),
        });
    }
    // A protest aimed at no one named is against the authorities where it takes place.
    for e in events
        .iter_mut()
        .filter(|e| e.event_type == EventType::Protest && e.target.is_none())
    {
        let Some(country) = e.place.as_ref().and_then(|p| p.country.clone()) else {
            continue;
        };
        const RULE: &str = "actors:protest-against-local-government";
        e.target = Some(inferred_state(country, "government".into(), "GOV"));
        e.rules.push(RULE.into());
        e.provenance.push(FieldEvidence::inferred("target", RULE));
    }
    events.retain(|e| e.event_type != EventType::Accuse || e.target.is_some());
}

/// Drops attacks that only refer back to one reported before: "blamed gangs for the killing",
/// "No group claimed the attack", "the Zaporizhzhia strike showed that ...". Such a mention is a
/// definite event noun naming no party and no toll of its own, after an earlier attack.
pub fn drop_back_references(lex: &Lexicons, text: &str, events: &mut Vec<Event>) {
    let (mut seen_attack, mut seen_protest) = (false, false);
    events.retain(|e| {
        // "Police said the rally ended without incident", "Sunday's rally passed off peacefully":
        // a protest already reported, told more about.
        let protest = e.event_type == EventType::Protest;
        if e.event_type != EventType::Assault && !protest {
            return true;
        }
        let seen = if protest {
            &mut seen_protest
        } else {
            &mut seen_attack
        };
        let earlier = *seen;
        *seen = true;
        let named = |field: &str| {
            e.provenance
                .iter()
                .any(|p| p.field == field && p.start.is_some())
        };
        let Some((start, end)) = trigger_span(e) else {
            return true;
        };
        // The cheap tests first: most attacks are the first of their article or name a party.
        if !earlier {
            return true;
        }
        let before = text[..start].trim_end();
        // "did not comment on the strike", "blamed gangs for the killing": a definite attack noun
        // after a preposition names the attack reported before, whoever the sentence names.
        let after_preposition = |before: &str| {
            let mut words = before.rsplit(|c: char| c.is_whitespace());
            matches!(words.next(), Some(d) if d.eq_ignore_ascii_case("the"))
                && matches!(
                    words.next().map(str::to_ascii_lowercase).as_deref(),
                    Some("on" | "for" | "after" | "about" | "over" | "since" | "behind")
                )
        };
        if !e.casualties.is_empty()
            || !after_preposition(before) && (named("source") || named("target"))
        {
            return true;
        }
        let definite = ["the", "this", "that", "these", "those", "'s", "\u{2019}s"]
            .iter()
            .any(|d| {
                before.len() >= d.len()
                    && before.is_char_boundary(before.len() - d.len())
                    && before[before.len() - d.len()..].eq_ignore_ascii_case(d)
            })
            || last_word_is_capitalised(before);
        if !definite {
            return true;
        }
        let toks = lex.vocab.tokens(text, start, end);
        let is_noun = lex
            .event_nouns
            .longest_at(text, &toks, 0)
            .is_some_and(|found| found.end == toks.len());
        if !is_noun {
            return true;
        }
        if protest {
            return false;
        }
        // "The strikes hit training camps", "said the attack had caused damage": the noun is the
        // subject of a clause telling more about the event, which is then reported again, so
        // it is kept.
        let after = lex.vocab.tokens(text, end, e.evidence.end);
        after.first().is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "had" | "has" | "have" | "was" | "were" | "is" | "are" | "caused" | "left"
            ) || lex
                .triggers
                .longest_at(text, &after, 0)
                .is_some_and(|found| {
                    found
                        .values
                        .iter()
                        .any(|&k| lex.trigger_entries[k].event_type == EventType::Assault)
                })
        })
    });
}

/// The span of the words that made an event's type (its trigger).
/// The ASSAULT modes a later mention of the same attack inherits: how it was carried out.
const CARRIED_MODES: &[&str] = &[
    "shelling",
    "aerial",
    "drone",
    "missile",
    "firearms",
    "explosives",
    "ground clash",
];

/// "Two soldiers were wounded in Tuesday's attack", "the spokesman denied that any civilians had
/// been killed in Tuesday's raid", "at least 14 people were killed": a later mention of an attack
/// reported before (a definite attack noun, a toll, a denial) that names no weapon of its own was
/// carried out as that attack was, when their days overlap.
pub fn carry_attack_modes(lex: &Lexicons, text: &str, events: &mut [Event]) {
    struct Carried {
        mode: String,
        sentence: usize,
        date: Option<EventDate>,
        source: Option<Actor>,
    }
    let mut last: Option<Carried> = None;
    for e in events.iter_mut() {
        if e.event_type != EventType::Assault {
            continue;
        }
        if let Some(mode) = e.mode.as_deref() {
            if CARRIED_MODES.contains(&mode) && !e.hypothetical && !e.background {
                last = Some(Carried {
                    mode: mode.to_string(),
                    sentence: e.evidence.sentence,
                    date: e.date.clone(),
                    source: e.source.clone(),
                });
            }
            continue;
        }
        let Some(Carried {
            mode,
            sentence,
            date,
            source,
        }) = &last
        else {
            continue;
        };
        let first_rule = e.rules.first().map(String::as_str);
        let toll = matches!(
            first_rule,
            Some("casualty-report" | "trigger:assault.killing")
        );
        let definite_noun = trigger_span(e).is_some_and(|(start, end)| {
            let before = text[..start].trim_end();
            let determined = ["the", "this", "that", "'s", "\u{2019}s"].iter().any(|d| {
                before.len() >= d.len()
                    && before.is_char_boundary(before.len() - d.len())
                    && before[before.len() - d.len()..].eq_ignore_ascii_case(d)
            });
            let toks = lex.vocab.tokens(text, start, end);
            determined
                && lex
                    .event_nouns
                    .longest_at(text, &toks, 0)
                    .is_some_and(|found| found.end == toks.len())
        });
        // A running toll ("killed since January 1") sums many attacks; a toll by the other side
        // ("pursued the attackers and killed 17 of them") is another act, while "the attack" is
        // the one before whoever the sentence says did it.
        let running = e.casualties.iter().any(|c| c.cumulative);
        let same_doer = match (source, &e.source) {
            (Some(a), Some(b)) => {
                a.country == b.country && (a.role.is_none() || b.role.is_none() || a.role == b.role)
            }
            _ => true,
        };
        if !((toll && same_doer) || definite_noun)
            || running
            || e.background
            || !dates_overlap(date.as_ref(), e.date.as_ref())
        {
            continue;
        }
        let rule = format!("mode:carried-from-sentence-{sentence}");
        e.mode = Some(mode.clone());
        e.rules.push(rule.clone());
        e.provenance.push(FieldEvidence::inferred("mode", rule));
    }
}

fn trigger_span(e: &Event) -> Option<(usize, usize)> {
    let p = e.provenance.iter().find(|p| p.field == "type")?;
    Some((p.start?, p.end?))
}

/// "the Zaporizhzhia strike": a name right before an event noun, itself after "the".
fn last_word_is_capitalised(before: &str) -> bool {
    let word_start = before
        .rfind(|c: char| c.is_whitespace())
        .map_or(0, |i| i + 1);
    let word = &before[word_start..];
    let before_word = before[..word_start].trim_end();
    word.chars().next().is_some_and(char::is_uppercase)
        && (before_word.ends_with(" the") || before_word.ends_with(" The"))
}
