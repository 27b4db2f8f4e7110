//! Attribution layer: reported speech ("X said", "said X", "according to X", "X told TASS",
//! "X denied"), the claimant behind each, and the hearsay and verification cues that set stance.

use crate::actors::ActorSpan;
use crate::lexicons::{Lexicons, SpeechKind};
use observer_text::Token;

/// A reported-speech cue: tokens `[start, end)`, its kind and the actors making the claim.
#[derive(Debug, Clone)]
pub struct Speech {
    pub start: usize,
    pub end: usize,
    pub kind: SpeechKind,
    /// Indexes into the sentence's actor spans.
    pub claimants: Vec<usize>,
    pub rule: String,
}

fn is_quote(norm: &str) -> bool {
    matches!(norm, "\"" | "'")
}

/// The first token of the clause that a word at `i` belongs to, for finding its subject.
pub fn clause_start(toks: &[Token], i: usize, breaks: &[usize]) -> usize {
    let mut start = breaks
        .iter()
        .copied()
        .filter(|&b| b <= i)
        .max()
        .unwrap_or(0);
    // After a closing quote: "“...,” a UN diplomat told AFP."
    if let Some(q) = (start..i).rev().find(|&k| is_quote(&toks[k].norm))
        && toks[..q].iter().any(|t| is_quote(&t.norm))
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
            });
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

/// Media outlets are who a claim was made to ("told TASS"), not who made it.
fn eligible(a: &ActorSpan) -> bool {
    a.actor.role.as_deref() != Some("MED")
}

pub fn find_speech(
    lex: &Lexicons,
    text: &str,
    toks: &[Token],
    actors: &[ActorSpan],
    breaks: &[usize],
) -> Vec<Speech> {
    let mut out = Vec::new();
    for found in lex.speech.find_all(text, toks) {
        let kind = found.values[0];
        let claimants = match kind {
            SpeechKind::Report => Vec::new(),
            SpeechKind::According => actors
                .iter()
                .position(|a| a.start >= found.end && a.start <= found.end + 2)
                .map(|k| coordinated(actors, toks, k))
                .unwrap_or_default(),
            _ => subject_of(toks, actors, found.start, found.end, breaks),
        };
        out.push(Speech {
            start: found.start,
            end: found.end,
            kind,
            claimants,
            rule: format!(
                "speech:{}:{}",
                format!("{kind:?}").to_lowercase(),
                toks[found.start].norm
            ),
        });
    }
    out
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
    // "..., the army said": a speaker set off by a comma or a quote right before the verb.
    // Up to three words (article, adjectives) may stand between the comma and the speaker:
    // "..., the regional governor said".
    let tail = actors.iter().position(|a| {
        a.end == start
            && eligible(a)
            && toks[a.start.saturating_sub(4)..a.start]
                .iter()
                .any(|t| matches!(t.norm.as_str(), "," | "\"" | "'"))
    });
    if let Some(k) = tail {
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
                .position(|a| a.start > comma && a.end <= start && eligible(a))
                .map(|k| coordinated(actors, toks, k))
                .unwrap_or_default();
        }
    }
    let from = clause_start(toks, start, breaks);
    if let Some(k) = actors
        .iter()
        .position(|a| a.start >= from && a.end <= start && eligible(a))
    {
        return coordinated(actors, toks, k);
    }
    // "..., said Nebenzya." The actor closes the clause; in "said its troops had ..." it opens the
    // reported clause instead and is no speaker.
    let closes = |a: &ActorSpan| {
        // Follow a chain of touching actors: "Sudan's army" + "spokesman Nabil Abdallah".
        let mut end = a.end;
        while let Some(next) = actors.iter().find(|b| b.start == end) {
            end = next.end;
        }
        toks.get(end)
            .is_none_or(|t| matches!(t.norm.as_str(), "." | "," | "\"" | "'" | ";" | "on" | "in"))
    };
    actors
        .iter()
        .position(|a| a.start >= end && a.start <= end + 1 && eligible(a) && closes(a))
        .map(|k| coordinated(actors, toks, k))
        .unwrap_or_default()
}
