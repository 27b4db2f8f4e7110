//! Trigger layer: the verbs and nouns that report an event ("fresh shelling", "clashes", "a truce
//! agreed"), with negation, modality (hypothetical, conditional, future) and background tense.

use crate::actors::ActorSpan;
use crate::lexicons::{Cue, Lexicons, Needs, TriggerEntry, WordClass};
use observer_model::EventType;
use observer_text::Token;

/// A cue phrase found in a sentence: tokens `[start, end)`.
#[derive(Debug, Clone, Copy)]
pub struct CueSpan {
    pub start: usize,
    pub end: usize,
    pub cue: Cue,
}

#[derive(Debug, Clone)]
pub struct Trigger {
    pub start: usize,
    pub end: usize,
    /// Index into `Lexicons::trigger_entries`.
    pub entry: usize,
    pub negated: bool,
    pub hypothetical: bool,
    pub background: bool,
    /// The cue phrases that set the flags, for the rules list.
    pub cue_rules: Vec<String>,
    /// What a request, threat or refusal asks for, threatens or refuses ("called for talks",
    /// "threatened sanctions"): part of that speech act, not an event of its own.
    pub governed: bool,
}

/// "In March", "since May 2000": a month name, capitalised inside a sentence, is not the verb
/// "march" nor the modal "may".
fn is_month_name(toks: &[Token], i: usize) -> bool {
    i > 0 && toks[i].capitalized && matches!(toks[i].norm.as_str(), "march" | "may")
}

pub fn find_cues(lex: &Lexicons, text: &str, toks: &[Token]) -> Vec<CueSpan> {
    // Cue phrases overlap ("since" and "since the start"): collect every cue at every token.
    let mut out = Vec::new();
    for i in 0..toks.len() {
        if let Some(f) = lex.cues.longest_at(text, toks, i) {
            for cue in f.values {
                // "a guided aerial bomb": the weapon is the whole phrase, not the "bomb" inside it.
                let inside_weapon = matches!(cue, Cue::Weapon(_))
                    && out
                        .iter()
                        .any(|c: &CueSpan| matches!(c.cue, Cue::Weapon(_)) && c.end > i);
                if inside_weapon || (*cue == Cue::Modal && is_month_name(toks, i)) {
                    continue;
                }
                out.push(CueSpan {
                    start: i,
                    end: f.end,
                    cue: *cue,
                });
            }
        }
    }
    out
}

/// "and" followed by a past-tense verb ("and placed", "and said"), or a comma and a participle of
/// speech ("rejected the offer, saying ...") between `from` and `to`.
fn second_verb_between(toks: &[Token], from: usize, to: usize) -> bool {
    toks[from..to].windows(2).any(|w| {
        (w[0].norm == "and"
            && ((w[1].norm.len() > 4 && w[1].norm.ends_with("ed"))
                || matches!(w[1].norm.as_str(), "said" | "told" | "says" | "warned")))
            || (w[0].norm == ","
                && matches!(
                    w[1].norm.as_str(),
                    "saying" | "adding" | "claiming" | "insisting" | "arguing"
                ))
    })
}

/// How far after a trigger a modal still governs it: two words, or, after an event noun that is
/// the subject ("the talks between the two sides were due to resume", "the swap would take
/// place"), up to six words before any comma.
fn modal_reach(toks: &[Token], trigger_start: usize, trigger_end: usize) -> usize {
    let subject = trigger_start >= 1
        && matches!(
            toks[trigger_start - 1].norm.as_str(),
            "the" | "a" | "this" | "that"
        );
    if !subject {
        return 2;
    }
    toks[trigger_end..(trigger_end + 6).min(toks.len())]
        .iter()
        .position(|t| t.norm == ",")
        .unwrap_or(6)
}

/// Words that open an introductory phrase ending at the sentence's first comma
/// ("With fighting in its fourth week, ...", "In a tweet on Tuesday, ...").
pub const INTRO: &[&str] = &[
    "in",
    "on",
    "with",
    "after",
    "during",
    "despite",
    "following",
    "at",
    "as",
    "amid",
    "since",
    "meanwhile",
    "however",
    "earlier",
    "later",
    "separately",
];

/// Token indexes where a new clause starts.
pub fn clause_breaks(cues: &[CueSpan], toks: &[Token]) -> Vec<usize> {
    let mut breaks: Vec<usize> = cues
        .iter()
        .filter(|c| c.cue == Cue::ClauseBreak)
        .map(|c| c.start)
        .collect();
    // A dateline or a headline label: "GAZA CITY, Palestinian Territories: ...", "KYIV (AP) - ...".
    if let Some(k) = toks
        .iter()
        .take(6)
        .position(|t| matches!(t.norm.as_str(), ":" | "-"))
    {
        breaks.push(k + 1);
    }
    if toks
        .first()
        .is_some_and(|t| INTRO.contains(&t.norm.as_str()))
        && let Some(comma) = toks.iter().position(|t| t.norm == ",")
    {
        breaks.push(comma + 1);
    }
    breaks.sort_unstable();
    breaks
}

/// "fired 17 shells at", "launched more than 100 drones", "opened fire with mortars": what a
/// gun-fire verb fires, named within five tokens after it, gives the attack's mode. Returns the
/// first ASSAULT entry of that weapon's mode, or `entry` itself.
fn fired_weapon_entry(
    lex: &Lexicons,
    toks: &[Token],
    cues: &[CueSpan],
    trigger_end: usize,
    entry: usize,
) -> usize {
    let firearms = &lex.trigger_entries[entry];
    if firearms.event_type != observer_model::EventType::Assault
        || firearms.mode.as_deref() != Some("firearms")
    {
        return entry;
    }
    // The weapon stands before the target ("at the town"), but "at least 20 rockets" is a count.
    let stop = (trigger_end..(trigger_end + 5).min(toks.len()))
        .find(|&k| {
            matches!(
                toks[k].norm.as_str(),
                "at" | "on" | "into" | "towards" | "toward"
            ) && !toks
                .get(k + 1)
                .is_some_and(|t| matches!(t.norm.as_str(), "least" | "most"))
        })
        .unwrap_or((trigger_end + 5).min(toks.len()));
    let weapon_mode = cues
        .iter()
        .filter_map(|c| match c.cue {
            Cue::Weapon(m) if c.start >= trigger_end && c.end <= stop => {
                Some((c.start, lex.weapon_modes[m].as_str()))
            }
            _ => None,
        })
        .min()
        .map(|(_, mode)| mode)
        .filter(|m| !m.is_empty());
    weapon_mode
        .and_then(|mode| assault_entry(lex, mode))
        .unwrap_or(entry)
}

/// The first ASSAULT entry of a mode.
fn assault_entry(lex: &Lexicons, mode: &str) -> Option<usize> {
    lex.trigger_entries.iter().position(|e| {
        e.event_type == observer_model::EventType::Assault && e.mode.as_deref() == Some(mode)
    })
}

/// Hostile acts: what "called the strike a violation" names and what a warning must foretell.
fn is_hostile(ty: &EventType) -> bool {
    matches!(
        ty,
        EventType::Assault | EventType::Coerce | EventType::Sanction | EventType::Threaten
    )
}

/// "accused of supplying drones and missiles to Russia", "denied sending any ballistic missiles":
/// a weapon named as what is handed over (a transfer verb up to four words before it) is
/// military aid, not an attack with it.
fn transferred_weapon_entry(lex: &Lexicons, toks: &[Token], start: usize, entry: usize) -> usize {
    let weapon = &lex.trigger_entries[entry];
    let weapon_noun = weapon.event_type == EventType::Assault
        && matches!(weapon.mode.as_deref(), Some("missile" | "drone"));
    let handed_over =
        (start.saturating_sub(4)..start).any(|k| lex.token_is(&toks[k], WordClass::Transfer));
    let military_aid = || {
        lex.trigger_entries
            .iter()
            .position(|e| e.event_type == EventType::Aid && e.mode.as_deref() == Some("military"))
    };
    match weapon_noun && handed_over {
        true => military_aid().unwrap_or(entry),
        false => entry,
    }
}

/// "seized 276 schoolgirls", "captured two aid workers": taking civilians, named within four
/// tokens after a verb of taking ground, is an abduction, not an occupation.
fn seized_people_entry(
    lex: &Lexicons,
    text: &str,
    toks: &[Token],
    trigger_end: usize,
    entry: usize,
) -> usize {
    let seizing = &lex.trigger_entries[entry];
    if seizing.event_type != observer_model::EventType::Assault
        || seizing.mode.as_deref() != Some("occupation")
    {
        return entry;
    }
    let civilians = (trigger_end..(trigger_end + 4).min(toks.len())).any(|k| {
        lex.victims
            .longest_at(text, toks, k)
            .is_some_and(|f| f.values[0] == observer_model::CasualtyGroup::Civilian)
    });
    if civilians {
        assault_entry(lex, "abduction").unwrap_or(entry)
    } else {
        entry
    }
}

/// A truce named as a reference rather than agreed or started in the news of the day: "the
/// heaviest attack since the truce was agreed", "broken within hours of (it) taking effect", "the
/// truce, brokered by the African Union, is due to ...", "despite the truce signed in Pretoria".
/// "has not fired since the truce took effect": a truce's start named after "since" dates
/// another fact.
fn since_truce(toks: &[Token], cues: &[CueSpan], trigger_start: usize) -> bool {
    let truce_between = |from: usize| {
        cues.iter()
            .any(|c| c.cue == Cue::Truce && c.start > from && c.end <= trigger_start)
    };
    (trigger_start.saturating_sub(6)..trigger_start).any(|k| {
        toks[k].norm == "since"
            && truce_between(k)
            && !toks[k..trigger_start].iter().any(|t| t.norm == ",")
    })
}

fn truce_reference(toks: &[Token], cues: &[CueSpan], trigger_start: usize) -> bool {
    let since_clause = since_truce(toks, cues, trigger_start);
    let preposition = |k: usize| {
        matches!(
            toks[k].norm.as_str(),
            "of" | "after" | "since" | "before" | "upon" | "on" | "within"
        )
    };
    let gerund_object = toks[trigger_start].norm.ends_with("ing")
        && trigger_start >= 1
        && (preposition(trigger_start - 1)
            || (trigger_start >= 2
                && matches!(toks[trigger_start - 1].norm.as_str(), "it" | "its")
                && preposition(trigger_start - 2)));
    let appositive = trigger_start >= 1
        && toks[trigger_start - 1].norm == ","
        && cues
            .iter()
            .any(|c| c.cue == Cue::Truce && c.end + 1 == trigger_start);
    // "the ceasefire agreed in Doha last week", "the truce deal brokered by Turkey": a participle
    // after the truce's noun phrase describes it; only a bare headline ("Ceasefire agreed in
    // Yemen") reports it so.
    let truce_ends_at = |end: usize| {
        cues.iter()
            .any(|c| c.cue == Cue::Truce && c.end == end && c.start > 0)
    };
    let participle = toks[trigger_start].norm.ends_with("ed")
        && trigger_start >= 1
        && (truce_ends_at(trigger_start)
            || (matches!(
                toks[trigger_start - 1].norm.as_str(),
                "deal" | "agreement" | "accord"
            ) && truce_ends_at(trigger_start - 1)));
    since_clause || gerund_object || appositive || participle
}

/// Words of fighting between two sides ("Armenian and Azerbaijani troops clashed", "Israel and
/// Hamas fought a war", "Indian and Pakistani troops traded fire"): with a coordinated subject and
/// no object, the fight is between them. Clashes are ground clashes; fighting, battles and
/// offensives say nothing of the weapons; an exchange of fire names them.
pub fn two_sided(entry: &TriggerEntry) -> bool {
    entry.mode.as_deref() == Some("ground clash")
        || matches!(
            entry.id.as_str(),
            "assault.fighting" | "assault.exchange-fire" | "assault.exchange-shelling"
        )
}

/// Exchanges ("Russia and Ukraine exchanged 75 prisoners", "the two sides swapped detainees"):
/// with a coordinated subject and no object, each side gives to the other.
pub fn mutual(entry: &TriggerEntry) -> bool {
    entry.id == "concede.exchange"
}

/// Words that make the next word a noun or an adjective: "the promised aid" is no promise.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "its", "their", "his", "her",
];

/// "the detained journalists", "three detained activists", "a dozen abducted villagers": a past
/// participle between a determiner or a number and the people it describes qualifies them and
/// reports no new act.
fn participle_adjective(
    lex: &Lexicons,
    text: &str,
    toks: &[Token],
    actors: &[ActorSpan],
    start: usize,
    end: usize,
) -> bool {
    let participle = end == start + 1 && toks[start].norm.ends_with("ed");
    if !participle || start == 0 {
        return false;
    }
    let before = &toks[start - 1];
    let counted_or_determined = DETERMINERS.contains(&before.norm.as_str())
        || before.kind == observer_text::TokenKind::Number
        || (start.saturating_sub(3)..start).any(|k| {
            lex.quantities
                .longest_at(text, toks, k)
                .is_some_and(|f| f.end == start)
        });
    let people_follow =
        lex.victims.longest_at(text, toks, end).is_some() || actors.iter().any(|a| a.start == end);
    counted_or_determined && people_follow
}

/// The event types of cooperation: what a pledge or a promise commits to.
fn is_cooperative(ty: EventType) -> bool {
    matches!(
        ty,
        EventType::Aid
            | EventType::Retreat
            | EventType::Concede
            | EventType::Consult
            | EventType::Cooperate
            | EventType::Agree
            | EventType::Support
    )
}

/// "pledged to deliver aid", "promised to withdraw its troops", "offered to mediate", "vowed to
/// respect the truce": a cooperative act or a truce named within eight tokens after a word of
/// commitment, in its clause and before a comma.
fn cooperation_follows(
    lex: &Lexicons,
    text: &str,
    toks: &[Token],
    cues: &[CueSpan],
    breaks: &[usize],
    from: usize,
) -> bool {
    let end = (from..(from + 8).min(toks.len()))
        .find(|&k| toks[k].norm == "," || breaks.contains(&k))
        .unwrap_or((from + 8).min(toks.len()));
    let truce = cues
        .iter()
        .any(|c| c.cue == Cue::Truce && c.start >= from && c.start < end);
    truce
        || (from..end).any(|k| {
            lex.triggers.longest_at(text, toks, k).is_some_and(|f| {
                f.values
                    .iter()
                    .any(|&e| is_cooperative(lex.trigger_entries[e].event_type))
            })
        })
}

/// "Hours after the strikes, ...", "following the raid", "citing the crackdown", "sanctions over
/// the invasion": an event named with a definite article after such a word is one reported
/// before, or the reason for another act. "The visit comes after ...", "The talks follow an
/// agreement ...": a sentence opening on such a noun tells what it followed, not that it happened.
/// "The first such attack" is one like those before.
fn back_reference(
    lex: &Lexicons,
    text: &str,
    toks: &[Token],
    cues: &[CueSpan],
    start: usize,
    end: usize,
) -> bool {
    let definite_at = |k: usize| {
        k >= 2
            && matches!(
                toks[k - 1].norm.as_str(),
                "the" | "these" | "those" | "this" | "that"
            )
            && matches!(
                toks[k - 2].norm.as_str(),
                "after" | "following" | "citing" | "over"
            )
    };
    // "after the museum shooting", "following the latest strikes": one word may qualify the noun
    // (but "after the army attacked" reports an attack: a verb is no such noun).
    let noun = || {
        lex.event_nouns
            .longest_at(text, toks, start)
            .is_some_and(|f| f.end == end)
    };
    let definite = definite_at(start) || (start >= 1 && definite_at(start - 1) && noun());
    // "after the fighting began" dates from the fighting's start: that is a report.
    let onset = cues
        .iter()
        .any(|c| c.cue == Cue::Onset && c.start >= end && c.start <= end + 2);
    let opening_subject = start == 1
        && matches!(toks[0].norm.as_str(), "the" | "this")
        && toks.get(end).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "comes" | "came" | "follows" | "followed" | "follow"
            )
        });
    // "the first such attack since ...": one of a kind already reported.
    let such = start >= 1 && toks[start - 1].norm == "such";
    // "said the sanctions were illegal": a definite act judged by an adjective is one already
    // reported (but "the strike was carried out by drones" reports it).
    let judged = start >= 1
        && matches!(toks[start - 1].norm.as_str(), "the" | "these" | "those")
        && noun()
        && toks
            .get(end)
            .is_some_and(|t| matches!(t.norm.as_str(), "was" | "were" | "is" | "are"))
        && toks.get(end + 1).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "illegal" | "unlawful" | "illegitimate" | "unjustified" | "unacceptable"
            )
        });
    (definite && !onset) || opening_subject || such || judged
}

/// "More than 300,000 people have fled the fighting", "people displaced by fighting north of
/// Goma": the fighting people flee is the cause of their flight, named in passing.
fn cause_of_flight(toks: &[Token], start: usize) -> bool {
    let mut k = start;
    if k >= 1
        && matches!(
            toks[k - 1].norm.as_str(),
            "the" | "renewed" | "heavy" | "recent"
        )
    {
        k -= 1;
    }
    let fled = |w: &str| {
        matches!(
            w,
            "fled" | "flee" | "flees" | "fleeing" | "escaped" | "escape" | "escaping"
        )
    };
    k >= 1
        && (fled(&toks[k - 1].norm)
            || (matches!(toks[k - 1].norm.as_str(), "by" | "from")
                && k >= 2
                && (fled(&toks[k - 2].norm)
                    || matches!(
                        toks[k - 2].norm.as_str(),
                        "displaced" | "uprooted" | "driven"
                    ))))
}

/// "vetoed a resolution calling for a ceasefire", "signed a petition demanding his release": what
/// a document asks for is its content, named in passing, not an appeal by whoever handles it.
fn document_content(toks: &[Token], ty: EventType, start: usize) -> bool {
    ty == EventType::Request
        && toks[start].norm.ends_with("ing")
        && start >= 1
        && matches!(
            toks[start - 1].norm.as_str(),
            "resolution"
                | "resolutions"
                | "statement"
                | "letter"
                | "motion"
                | "bill"
                | "petition"
                | "declaration"
                | "decree"
                | "text"
                | "draft"
        )
}

/// "25 million people need humanitarian assistance": aid needed is not aid delivered.
fn aid_needed(toks: &[Token], ty: EventType, start: usize) -> bool {
    ty == EventType::Aid
        && toks[start.saturating_sub(3)..start].iter().any(|t| {
            matches!(
                t.norm.as_str(),
                "need"
                    | "needs"
                    | "needed"
                    | "needing"
                    | "require"
                    | "requires"
                    | "lack"
                    | "lacking"
            )
        })
}

/// "its troops, backed by local clan militias, repelled ...": a participle describing an actor,
/// not a report of support (which would read "the plan was backed by ...").
fn backing_described(toks: &[Token], ty: EventType, start: usize, end: usize) -> bool {
    ty == EventType::Support
        && toks[start].norm == "backed"
        && toks.get(end).is_some_and(|t| t.norm == "by")
        && !(start >= 1 && is_auxiliary(&toks[start - 1].norm))
}

/// Forms of "be" and "have" that make the participle after them a verb: "the plan was backed
/// by", "he was accused of".
fn is_auxiliary(norm: &str) -> bool {
    matches!(
        norm,
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "has" | "have" | "had"
    )
}

/// "a man suspected of throwing a petrol bomb", "officials accused of playing a role": a
/// participle right before "of" that follows a noun describes who is suspected, it reports no one's
/// accusation ("the army accused the rebels of", "he was accused of" do).
fn suspect_described(toks: &[Token], ty: EventType, start: usize, end: usize) -> bool {
    let charged = matches!(
        toks[start].norm.as_str(),
        "suspected" | "accused" | "alleged"
    );
    let of_follows = toks[start + 1..].first().is_some_and(|t| t.norm == "of") || end > start + 1;
    ty == EventType::Accuse
        && charged
        && of_follows
        && start >= 1
        && toks[start - 1].kind == observer_text::TokenKind::Word
        && !is_auxiliary(&toks[start - 1].norm)
        && !matches!(
            toks[start - 1].norm.as_str(),
            "and" | "or" | "also" | "who" | "which" | "that" | "it" | "they" | "he" | "she" | "we"
        )
}

/// "seized rifles and ammunition in a search": weapons or goods taken are no ground taken.
fn seized_goods(
    lex: &Lexicons,
    toks: &[Token],
    cues: &[CueSpan],
    trigger_end: usize,
    entry: usize,
) -> bool {
    let window = trigger_end..(trigger_end + 3).min(toks.len());
    lex.trigger_entries[entry].mode.as_deref() == Some("occupation")
        && (cues
            .iter()
            .any(|c| matches!(c.cue, Cue::Weapon(_)) && window.contains(&c.start))
            || toks[window].iter().any(|t| {
                matches!(
                    t.norm.as_str(),
                    "weapons" | "ammunition" | "arms" | "drugs" | "cash" | "cocaine" | "contraband"
                )
            }))
}

/// What an earlier act of the clause is about, not an act of its own: the object of a protest
/// ("a protest against the call-up", "to protest against what it called repeated ceasefire
/// violations"), a protest lodged by a diplomatic complaint ("summoned the envoy to protest"),
/// the demand a protest voices ("rallied outside parliament, demanding ...", "marched to denounce
/// ..."), and the target of sanctions ("sanctions targeting 30 companies").
fn part_of_earlier_act(
    toks: &[Token],
    breaks: &[usize],
    earlier: &[Trigger],
    lex: &Lexicons,
    ty: EventType,
    start: usize,
) -> bool {
    let earlier_of = |types: &[EventType], reach: usize| {
        earlier.iter().any(|g| {
            types.contains(&lex.trigger_entries[g.entry].event_type)
                && same_clause(breaks, g.start, start)
                && start - g.end <= reach
        })
    };
    let against = toks[start.saturating_sub(6)..start]
        .iter()
        .rposition(|t| t.norm == "against")
        .is_some_and(|k| {
            let k = start.saturating_sub(6) + k;
            !toks[k..start].iter().any(|t| t.norm == ",")
        });
    let after_to = start >= 1 && toks[start - 1].norm == "to";
    let participle = toks[start].norm.ends_with("ing");
    (against && earlier_of(&[EventType::Protest, EventType::Accuse], 20))
        || (ty == EventType::Protest && after_to && earlier_of(&[EventType::Accuse], 10))
        || (matches!(ty, EventType::Request | EventType::Accuse)
            && (after_to || participle)
            && earlier_of(&[EventType::Protest], 15))
        || (ty == EventType::Assault
            && toks[start].norm.starts_with("target")
            && earlier_of(&[EventType::Sanction], 4))
        // "deployed 1,000 soldiers to Cabo Delgado to battle the insurgents": the fight troops
        // are sent for is the deployment's purpose, not yet an attack.
        || (ty == EventType::Assault && after_to && earlier_of(&[EventType::Mobilize], 10))
}

/// "the collapse of a canopy that killed 15 people", "a stampede killed 30 pilgrims": a toll an
/// accident takes is no attack. An accident word up to eight words before `start`, with no comma
/// and no word of attack or weapon between.
pub fn accident_before(
    lex: &Lexicons,
    text: &str,
    toks: &[Token],
    cues: &[CueSpan],
    start: usize,
) -> bool {
    let Some(accident) = (start.saturating_sub(8)..start)
        .rev()
        .find(|&k| lex.token_is(&toks[k], WordClass::Accident))
    else {
        return false;
    };
    // (A word of outcome, "killed", names no attack.)
    let attack_between = (accident + 1..start).any(|k| {
        lex.triggers.longest_at(text, toks, k).is_some_and(|f| {
            f.values.iter().any(|&e| {
                let entry = &lex.trigger_entries[e];
                entry.event_type == EventType::Assault && entry.id != "assault.killing"
            })
        })
    }) || cues
        .iter()
        .any(|c| matches!(c.cue, Cue::Weapon(_)) && c.start > accident && c.start < start);
    !attack_between && !toks[accident..start].iter().any(|t| t.norm == ",")
}

fn same_clause(breaks: &[usize], a: usize, b: usize) -> bool {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    !breaks.iter().any(|&k| k > lo && k <= hi)
}

pub fn find_triggers(
    lex: &Lexicons,
    text: &str,
    toks: &[Token],
    cues: &[CueSpan],
    actors: &[ActorSpan],
) -> Vec<Trigger> {
    let breaks = clause_breaks(cues, toks);
    let truce_at: Vec<usize> = cues
        .iter()
        .filter(|c| c.cue == Cue::Truce)
        .map(|c| c.start)
        .collect();
    let mut out: Vec<Trigger> = Vec::new();
    // Where a repelling verb's attack may stand: "repelled four Russian assaults" is a ground
    // attack by the attackers.
    let mut repelled_until = 0;
    let mut i = 0;
    while i < toks.len() {
        let Some(found) = lex.triggers.longest_at(text, toks, i) else {
            i += 1;
            continue;
        };
        i = found.end;
        // Part of a name: "Defence" in "Ministry of Defence"; or a name itself ("protesters"). A
        // phrase whose last word lies past the actor ("military aid", "security assistance",
        // "military exercises") is an event, and so is one that starts before the actor
        // ("recalled its ambassador").
        if actors
            .iter()
            .any(|a| a.start <= found.start && found.start < a.end && found.end <= a.end)
        {
            continue;
        }
        if found.end == found.start + 1 && is_month_name(toks, found.start) {
            continue;
        }
        if participle_adjective(lex, text, toks, actors, found.start, found.end) {
            continue;
        }
        // A phrase may stand in several entries ("agreed": a truce agreed, or any agreement): the
        // first whose condition the sentence meets counts.
        let needs_met = |needs: Needs| match needs {
            Needs::Nothing => true,
            Needs::Truce => !truce_at.is_empty(),
            // "accused each other of breaking the truce, and the convoys never reached the city":
            // an agreeing word stands for a truce only in the clause that names one.
            Needs::TruceVerb => truce_at
                .iter()
                .any(|&k| same_clause(&breaks, k, found.start)),
            Needs::Weapon => cues.iter().any(|c| {
                matches!(c.cue, Cue::Weapon(_)) && c.end <= found.start && found.start - c.end <= 4
            }),
            // "fired across the Line of Control": across a border or front line too.
            Needs::At => toks[found.end..(found.end + 6).min(toks.len())]
                .iter()
                .any(|t| {
                    matches!(
                        t.norm.as_str(),
                        "at" | "on" | "into" | "towards" | "toward" | "across"
                    )
                }),
            Needs::Person => {
                (found.start.saturating_sub(4)..(found.end + 4).min(toks.len())).any(|k| {
                    lex.victims.longest_at(text, toks, k).is_some()
                        || actors.iter().any(|a| a.start == k)
                })
            }
            // "the war between the federal government and the TPLF began": up to ten words on,
            // within the clause's words before a comma.
            Needs::Onset => {
                let comma = toks[found.end..]
                    .iter()
                    .position(|t| t.norm == ",")
                    .map_or(toks.len(), |k| found.end + k);
                cues.iter().any(|c| {
                    c.cue == Cue::Onset
                        && c.start >= found.end
                        && c.start <= found.end + 10
                        && c.start < comma
                })
            }
            Needs::Captive => cues.iter().any(|c| {
                c.cue == Cue::Captive
                    && c.start >= found.end.saturating_sub(1)
                    && c.start <= found.end + 4
            }),
            Needs::Cooperation => {
                !(found.start >= 1 && DETERMINERS.contains(&toks[found.start - 1].norm.as_str()))
                    && cooperation_follows(lex, text, toks, cues, &breaks, found.end)
            }
            // "repelled four Russian assaults": the attack repelled is the event, its doer the
            // attacker; "repelled the rebels" reports the fighting itself.
            Needs::NoAttackAfter => !(found.end..(found.end + 4).min(toks.len())).any(|k| {
                lex.triggers.longest_at(text, toks, k).is_some_and(|f| {
                    f.values
                        .iter()
                        .any(|&e| lex.trigger_entries[e].event_type == EventType::Assault)
                })
            }),
            Needs::HostileNoun => {
                toks.get(found.end)
                    .is_some_and(|t| DETERMINERS.contains(&t.norm.as_str()))
                    && (found.end + 1..(found.end + 3).min(toks.len())).any(|k| {
                        lex.event_nouns
                            .longest_at(text, toks, k)
                            .is_some_and(|f| f.values.iter().any(is_hostile))
                    })
            }
            // "warned that Belgrade would not stand by": a named party's (or its pronoun's)
            // coming act is a threat too.
            Needs::HostileAfter => {
                (found.end + 1..(found.end + 4).min(toks.len())).any(|k| {
                    matches!(toks[k].norm.as_str(), "would" | "will")
                        && (toks[k - 1].capitalized
                            || matches!(toks[k - 1].norm.as_str(), "it" | "they" | "we"))
                }) || (found.end..toks.len()).any(|k| {
                    lex.triggers.longest_at(text, toks, k).is_some_and(|f| {
                        f.values
                            .iter()
                            .any(|&e| is_hostile(&lex.trigger_entries[e].event_type))
                    }) || lex
                        .event_nouns
                        .longest_at(text, toks, k)
                        .is_some_and(|f| f.values.iter().any(is_hostile))
                })
            }
            Needs::KeptTruce => cues
                .iter()
                .any(|c| c.cue == Cue::Truce && c.start >= found.end && c.start <= found.end + 3),
        };
        let chosen = found
            .values
            .iter()
            .copied()
            .find(|&k| needs_met(lex.trigger_entries[k].needs));
        let ok = chosen.is_some();
        if !ok
            && found
                .values
                .iter()
                .any(|&k| lex.trigger_entries[k].needs == Needs::NoAttackAfter)
        {
            repelled_until = found.end + 4;
        }
        let entry_index = chosen.unwrap_or(found.values[0]);
        let repelled_attack = found.start < repelled_until
            && lex.trigger_entries[entry_index].event_type == EventType::Assault
            && lex.trigger_entries[entry_index].mode.is_none();
        let entry_index = if repelled_attack {
            assault_entry(lex, "ground clash").unwrap_or(entry_index)
        } else {
            entry_index
        };
        let entry = &lex.trigger_entries[entry_index];
        // "a local official, who asked not to be named": a condition of anonymity, not an appeal.
        let anonymity = entry.event_type == observer_model::EventType::Request
            && toks
                .get(found.end..found.end + 3)
                .is_some_and(|w| w[0].norm == "not" && w[1].norm == "to" && w[2].norm == "be");
        // "agreed to halt fighting", "called for an investigation into the strike" (but in
        // "condemned the raids and urged Baghdad to act" the joined verb is an act of its own).
        let halted = cues.iter().any(|c| {
            c.cue == Cue::Halt
                && c.start < found.start
                && c.end <= found.end
                && found.start.saturating_sub(c.end) <= 2
                && !second_verb_between(toks, c.end.min(found.start), found.start + 1)
        });
        // ", which hosts US troops,": a relative clause describes, it does not report.
        let descriptive = toks[..found.start]
            .iter()
            .rposition(|t| t.norm == ",")
            .is_some_and(|comma| {
                toks.get(comma + 1)
                    .is_some_and(|t| matches!(t.norm.as_str(), "which" | "whose" | "where"))
                    && !toks[comma + 1..found.start].iter().any(|t| t.norm == ",")
            });
        // "agreed in talks in Muscat", "adopted sanctions at a meeting": the setting of another act.
        let consult =
            lex.trigger_entries[entry_index].event_type == observer_model::EventType::Consult;
        // "officials briefed on the talks", "advised against travel to Tunisia": talks or travel
        // named as the object of such a preposition are a reference, not a report.
        let after_preposition = |k: usize| {
            matches!(
                toks[k].norm.as_str(),
                "on" | "about" | "at" | "before" | "against"
            )
        };
        let setting = consult
            && (toks[found.start.saturating_sub(2)..found.start]
                .iter()
                .any(|t| matches!(t.norm.as_str(), "in" | "during" | "after"))
                || (found.start >= 1 && after_preposition(found.start - 1))
                || (found.start >= 2
                    && matches!(
                        toks[found.start - 1].norm.as_str(),
                        "a" | "the" | "these" | "those" | "its" | "their"
                    )
                    && after_preposition(found.start - 2)));
        let ty = lex.trigger_entries[entry_index].event_type;
        // "since the truce took effect": a truce already reported ("the") named only to date
        // another fact reports no event of its own ("since a UN-brokered truce took effect on
        // April 2" tells of its start).
        let truce_as_time = ty == EventType::Retreat
            && lex.trigger_entries[entry_index].mode.as_deref() == Some("ceasefire")
            && since_truce(toks, cues, found.start)
            && (found.start.saturating_sub(6)..found.start).any(|k| {
                toks[k].norm == "since"
                    && toks
                        .get(k + 1)
                        .is_some_and(|n| matches!(n.norm.as_str(), "the" | "this" | "that"))
            });
        if !ok
            || truce_as_time
            // Only a bare word of outcome ("killed") is an accident's toll.
            || (lex.trigger_entries[entry_index].id == "assault.killing"
                && accident_before(lex, text, toks, cues, found.start))
            || halted
            || descriptive
            || setting
            || anonymity
            || back_reference(lex, text, toks, cues, found.start, found.end)
            || cause_of_flight(toks, found.start)
            || aid_needed(toks, ty, found.start)
            || document_content(toks, ty, found.start)
            || backing_described(toks, ty, found.start, found.end)
            || suspect_described(toks, ty, found.start, found.end)
            || seized_goods(lex, toks, cues, found.end, entry_index)
            || part_of_earlier_act(toks, &breaks, &out, lex, ty, found.start)
        {
            continue;
        }
        let mut t = Trigger {
            start: found.start,
            end: found.end,
            entry: seized_people_entry(
                lex,
                text,
                toks,
                found.end,
                transferred_weapon_entry(
                    lex,
                    toks,
                    found.start,
                    fired_weapon_entry(lex, toks, cues, found.end, entry_index),
                ),
            ),
            negated: false,
            hypothetical: false,
            background: false,
            cue_rules: Vec::new(),
            governed: false,
        };
        for c in cues {
            if !same_clause(&breaks, c.start, t.start) {
                continue;
            }
            let before = c.start < t.start && c.end <= t.end && t.start.saturating_sub(c.end) <= 3;
            let just_before = c.end <= t.start && t.start - c.end <= 2;
            let after = c.start >= t.start && c.start <= t.end + 2;
            let hit = match c.cue {
                Cue::Negation => just_before,
                // A modal governs the rest of its clause: "are expected to hold talks ... in separate meetings".
                // A modal reaches over the rest of its verb phrase, up to a second past-tense verb:
                // "was meant to take effect at the weekend and followed a deal".
                Cue::Modal => {
                    // ("the sanctions were illegal and vowed to ...": a modal verb joined by
                    // "and" starts a second act.)
                    // ("vowed to break the siege and rejected any talks": a past-tense verb
                    // after "and" is a finite verb of its own, beyond the modal's reach.)
                    let joined_finite = t.start >= 1
                        && toks[t.start - 1].norm == "and"
                        && toks[t.start].norm.ends_with("ed");
                    (c.end <= t.start
                        && !joined_finite
                        && !second_verb_between(toks, c.end, t.start))
                        // ("rejected any talks": "any" after the verb is its object's
                        // determiner, no condition on it.)
                        || (c.start >= t.end
                            && toks[c.start].norm != "any"
                            && c.start <= t.end + modal_reach(toks, t.start, t.end)
                            && !second_verb_between(toks, t.end, c.start + 1))
                }
                Cue::Background => before || after,
                _ => false,
            };
            if hit {
                match c.cue {
                    Cue::Negation => t.negated = true,
                    Cue::Modal => t.hypothetical = true,
                    _ => t.background = true,
                }
                t.cue_rules
                    .push(format!("cue:{:?}:{}", c.cue, toks[c.start].norm).to_lowercase());
            }
        }
        // "breached the ceasefire deal": the deal broken is the one agreed before.
        let violated = out.last().is_some_and(|v| {
            lex.trigger_entries[v.entry].mode.as_deref() == Some("ceasefire violation")
                && t.start.saturating_sub(v.end) <= 3
        });
        if entry.mode.as_deref() == Some("ceasefire")
            && (violated || truce_reference(toks, cues, t.start))
        {
            t.background = true;
            t.cue_rules.push("cue:truce-reference".into());
        }
        // A threat, an appeal or a pledge is made when it is uttered, whatever "would" or "if" it
        // contains.
        if matches!(
            entry.event_type,
            observer_model::EventType::Threaten | observer_model::EventType::Request
        ) || entry.needs == Needs::Cooperation
        {
            t.hypothetical = false;
        }
        out.push(t);
    }
    // "Police fired tear gas at the crowd": firing what disperses crowds is no attack. "Freed 14
    // hostages": the captives a release frees are no abduction of their own.
    let with_mode = |mode: &str| -> Vec<(usize, usize)> {
        out.iter()
            .filter(|t| lex.trigger_entries[t.entry].mode.as_deref() == Some(mode))
            .map(|t| (t.start, t.end))
            .collect()
    };
    let (crowd_control, releases) = (with_mode("repression"), with_mode("release"));
    // Acts that stop aid: refusing it, expelling or sanctioning those who bring it, or (before it
    // in the clause) attacking them.
    let refusals: Vec<(usize, usize)> = out
        .iter()
        .filter(|t| {
            matches!(
                lex.trigger_entries[t.entry].event_type,
                EventType::Reject | EventType::Coerce | EventType::Sanction
            )
        })
        .map(|t| (t.start, t.end))
        .collect();
    let attacks: Vec<usize> = out
        .iter()
        .filter(|t| lex.trigger_entries[t.entry].event_type == EventType::Assault)
        .map(|t| t.start)
        .collect();
    out.retain(|t| {
        let entry = &lex.trigger_entries[t.entry];
        let fired_at_crowd = crowd_control
            .iter()
            .any(|&(k, _)| k >= t.end && k <= t.end + 2);
        let freed = releases
            .iter()
            .any(|&(_, end)| t.start >= end && t.start <= end + 4);
        // "blocked a convoy of 28 UN aid trucks", "ordered the UN peacekeeping mission to leave
        // the country", "killed six volunteers guarding aid trucks": aid held back is not
        // delivered.
        let held_back = entry.event_type == observer_model::EventType::Aid
            && (refusals
                .iter()
                .any(|&(start, _)| same_clause(&breaks, start, t.start))
                || attacks
                    .iter()
                    .any(|&start| start < t.start && same_clause(&breaks, start, t.start)));
        !(held_back
            || entry.event_type == observer_model::EventType::Assault && (fired_at_crowd || freed))
    });
    // What is asked for, threatened, refused or agreed to has not happened and is not an event of
    // its own: "called for the sides to lay down their arms", "threatened sanctions". A second
    // speech act in the clause ("urged the EU to stop ... and said Beijing would take measures")
    // is not.
    for k in 0..out.len() {
        use observer_model::EventType::*;
        let ty = lex.trigger_entries[out[k].entry].event_type;
        if matches!(ty, Request | Threaten | Reject | Accuse | Support) {
            continue;
        }
        // What is agreed to is the agreement's content: "agreed to exchange 200 prisoners".
        let agreed_to = |g: &Trigger| {
            let (from, to) = (g.start + 1, out[k].start);
            to > from && to - g.end <= 8 && toks[from..to].iter().any(|t| t.norm == "to")
        };
        // "warned that Belgrade would not stand by and placed the army on alert": a second verb
        // starts an act of its own.
        // What is pledged is the pledge's content: "pledged $50 million in humanitarian aid".
        let pledged = |g: &Trigger| {
            lex.trigger_entries[g.entry].needs == Needs::Cooperation
                && out[k].start > g.end
                && out[k].start - g.end <= 8
        };
        let governed = out[..k].iter().any(|g| {
            let ty = lex.trigger_entries[g.entry].event_type;
            // ("urged both sides to stand down and offered to host talks": the joined verb
            // itself starts the second act.)
            same_clause(&breaks, g.start, out[k].start)
                && !second_verb_between(toks, g.end, out[k].start + 1)
                && (matches!(ty, Request | Threaten | Reject)
                    || (ty == Agree && (agreed_to(g) || pledged(g))))
        });
        if governed {
            out[k].hypothetical = true;
            out[k].governed = true;
            out[k].cue_rules.push("cue:governed-by-request".into());
        }
    }
    keep_truce_commitments(lex, &mut out);
    out
}

/// "said its troops would respect the truce", "will abide by the ceasefire": keeping a truce in
/// the future is a commitment made when it is said (PLOVER AGREE, CAMEO 0356). Keeping a truce
/// asked for, threatened, refused or agreed to is that act's content, and a condition ("if the
/// rebels respect the truce") commits no one.
fn keep_truce_commitments(lex: &Lexicons, out: &mut Vec<Trigger>) {
    out.retain(|t| {
        let conditional = t
            .cue_rules
            .iter()
            .any(|r| r == "cue:modal:if" || r == "cue:modal:unless");
        lex.trigger_entries[t.entry].needs != Needs::KeptTruce || !(t.governed || conditional)
    });
    for t in out.iter_mut() {
        if lex.trigger_entries[t.entry].needs == Needs::KeptTruce && t.hypothetical {
            t.hypothetical = false;
            t.cue_rules.push("cue:commitment".into());
        }
    }
}
