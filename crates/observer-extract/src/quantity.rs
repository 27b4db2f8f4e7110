//! Quantity layer: numbers in digits and words with their bounds ("at least 772", "twenty-three",
//! "several hundred", "dozens"), and casualty counts built on them: who (military, civilian) and
//! what happened to them (killed, injured, missing, captured).

use crate::lexicons::{Cue, Lexicons, Quant, WordClass};
use observer_model::{Casualty, CasualtyGroup, CasualtyKind};
use observer_text::{Token, TokenKind};

/// A number found in a sentence: tokens `[start, end)` with its bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub start: usize,
    pub end: usize,
    pub min: Option<u64>,
    pub max: Option<u64>,
    pub rule: String,
    /// The victims' group when the quantity names coordinated people itself ("a man and a woman").
    pub group: Option<CasualtyGroup>,
}

/// A casualty count: tokens `[start, end)` cover the number and the victims.
#[derive(Debug, Clone)]
pub struct CasualtySpan {
    pub start: usize,
    pub end: usize,
    pub casualty: Casualty,
    pub rule: String,
}

/// Numbers beyond this are not casualty counts (nor anything else a news report counts).
const LARGEST: u64 = 100_000_000;

/// Reads an exact number at `i`: digits ("1,200", "3.5" truncated), number words, or compounds
/// ("twenty-three", "two hundred", "2 million"). Returns (value, next token).
fn exact_at(lex: &Lexicons, text: &str, toks: &[Token], i: usize) -> Option<(u64, usize)> {
    let tok = toks.get(i)?;
    let (mut value, mut end) = if tok.kind == TokenKind::Number {
        let digits: String = tok
            .norm
            .split('.')
            .next()?
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        (digits.parse::<u64>().ok()?, i + 1)
    } else if let Some((tens, unit)) = tok.norm.split_once('-') {
        let word = |w: &str| match lex
            .quantities
            .longest_at(w, &lex.vocab.tokens(w, 0, w.len()), 0)?
            .values
        {
            [Quant::Number(n), ..] => Some(*n),
            _ => None,
        };
        (word(tens)? + word(unit)?, i + 1)
    } else {
        match lex.quantities.longest_at(text, toks, i) {
            Some(f) => match f.values {
                [Quant::Number(n), ..] => (*n, f.end),
                _ => return None,
            },
            None => return None,
        }
    };
    // Scales: "two hundred", "2 million", "three thousand five hundred" (first scale only).
    while let Some(f) = lex.quantities.longest_at(text, toks, end) {
        match f.values {
            [Quant::Scale(s), ..] => {
                value = value.checked_mul(*s)?;
                end = f.end;
            }
            _ => break,
        }
    }
    // "twenty three", "hundred and five" are rare in copy; a following unit word is folded in.
    if let Some(f) = lex.quantities.longest_at(text, toks, end)
        && let ([Quant::Number(n), ..], true) =
            (f.values, value >= 20 && value % 10 == 0 && value < 100)
        && *n < 10
    {
        value += n;
        end = f.end;
    }
    (value <= LARGEST).then_some((value, end))
}

/// Finds every quantity in a sentence.
pub fn find_quantities(lex: &Lexicons, text: &str, toks: &[Token]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // Most tokens can start no quantity: a test of the token alone turns them away.
        let tok = &toks[i];
        let may_count = tok.kind == TokenKind::Number
            || lex.quantities.may_start_at(tok)
            || tok.norm.contains('-');
        let may_name_one = matches!(tok.norm.as_str(), "a" | "an" | "another");
        if !may_count && !may_name_one {
            i += 1;
            continue;
        }
        if let Some(q) =
            quantity_at(lex, text, toks, i).or_else(|| article_count_at(lex, text, toks, i))
        {
            i = q.end.max(i + 1);
            out.push(q);
        } else {
            i += 1;
        }
    }
    out
}

/// Words that end the noun phrase an article opens: "a" before them counts no one.
const PHRASE_ENDS: &[&str] = &[
    "of", "on", "in", "at", "and", "or", "with", "near", "from", "to", "by", "for", "the", "its",
    "their", "his", "her", "that", "who", "which", "was", "were", "is", "are", "had", "has", ",",
    ".", ";", ":", "(", ")", "\"",
];

/// A victim noun naming one person: "soldier", "woman", "police officer" (not "troops", "men").
fn singular_victim(lex: &Lexicons, text: &str, toks: &[Token], k: usize) -> Option<usize> {
    let f = lex.victims.longest_at(text, toks, k)?;
    let last = toks[f.end - 1].norm.as_str();
    let plural = last.ends_with('s')
        || last.ends_with("men")
        || matches!(last, "children" | "people" | "personnel" | "elderly");
    (!plural).then_some(f.end)
}

/// One person named with an article: "a man", "a 15-year-old boy", "an Indian soldier"; people
/// coordinated with "and" add up ("a man and a woman" is two). The quantity ends where the last
/// victim noun starts, so the casualty layer reads that noun as the victims. "another" right after
/// an outcome stands for one more of the victims just named ("killed a police officer and wounded
/// another").
fn article_count_at(lex: &Lexicons, text: &str, toks: &[Token], i: usize) -> Option<Quantity> {
    let noun_after = |a: usize| -> Option<(usize, usize)> {
        if !matches!(toks.get(a)?.norm.as_str(), "a" | "an" | "another") {
            return None;
        }
        for k in a + 1..(a + 7).min(toks.len()) {
            if let Some(end) = singular_victim(lex, text, toks, k) {
                return Some((k, end));
            }
            let tok = &toks[k];
            let lone_number =
                tok.kind == TokenKind::Number && toks.get(k + 1).is_none_or(|t| t.norm != "-");
            if lone_number
                || PHRASE_ENDS.contains(&tok.norm.as_str())
                || lex.victims.longest_at(text, toks, k).is_some()
                || lex.outcomes.longest_at(text, toks, k).is_some()
            {
                return None;
            }
        }
        None
    };
    let Some((mut noun, mut noun_end)) = noun_after(i) else {
        // "wounded another", "and injured another.": one more of the same. The outcomes before
        // are looked for last, and only after "another": it reads the sentence up to here.
        let ends = || {
            toks.get(i + 1)
                .is_none_or(|t| PHRASE_ENDS.contains(&t.norm.as_str()) || t.norm == "when")
        };
        let after_outcome = || {
            i > 0
                && lex
                    .outcomes
                    .find_all(text, &toks[..i])
                    .iter()
                    .any(|f| f.end == i)
        };
        return (toks[i].norm == "another" && ends() && after_outcome()).then(|| Quantity {
            start: i,
            end: i + 1,
            min: Some(1),
            max: Some(1),
            rule: "quantity:another".into(),
            group: None,
        });
    };
    let mut count = 1;
    let group_at = |k: usize| {
        lex.victims
            .longest_at(text, toks, k)
            .map_or(CasualtyGroup::Unknown, |f| f.values[0])
    };
    let mut group = group_at(noun);
    while toks.get(noun_end).is_some_and(|t| t.norm == "and")
        && let Some((next, next_end)) = noun_after(noun_end + 1)
    {
        // "a soldier and a civilian" are two counts of their own groups.
        let next_group = group_at(next);
        if next_group != group
            && group != CasualtyGroup::Unknown
            && next_group != CasualtyGroup::Unknown
        {
            break;
        }
        count += 1;
        // The known group of the two names them both: "a man and a woman" are civilians.
        if group == CasualtyGroup::Unknown {
            group = next_group;
        }
        noun = next;
        noun_end = next_end;
    }
    Some(Quantity {
        start: i,
        end: noun,
        min: Some(count),
        max: Some(count),
        rule: "quantity:article".into(),
        group: Some(group),
    })
}

fn quantity_at(lex: &Lexicons, text: &str, toks: &[Token], i: usize) -> Option<Quantity> {
    let mut bound = None;
    let mut at = i;
    if let Some(f) = lex.quantities.longest_at(text, toks, i)
        && let [
            q @ (Quant::Min | Quant::Above | Quant::Max | Quant::Below | Quant::Approx),
            ..,
        ] = f.values
    {
        bound = Some(*q);
        at = f.end;
    }
    // Vague amounts: "dozens", "several hundred", "scores".
    if let Some(f) = lex.quantities.longest_at(text, toks, at)
        && let [Quant::Vague(lo, hi), ..] = f.values
    {
        // "some" and "several" alone need a count noun after them to be numbers at all.
        let (min, max) = apply_bound(bound, *lo, Some(*hi));
        return Some(Quantity {
            start: i,
            end: f.end,
            min,
            max,
            rule: format!("quantity:vague:{}", toks[at].norm),
            group: None,
        });
    }
    let (value, end) = exact_at(lex, text, toks, at)?;
    if is_formula_or_signed(toks, at, end) {
        return None;
    }
    // A year or a time of day is not a count.
    if toks[at].kind == TokenKind::Number
        && (1900..=2100).contains(&value)
        && bound.is_none()
        && !toks[at].norm.contains(',')
    {
        return None;
    }
    let (min, max) = apply_bound(bound, value, Some(value));
    let rule = match bound {
        Some(Quant::Min) => "quantity:at-least",
        Some(Quant::Above) => "quantity:more-than",
        Some(Quant::Max) => "quantity:up-to",
        Some(Quant::Below) => "quantity:fewer-than",
        Some(Quant::Approx) => "quantity:about",
        _ => "quantity:exact",
    };
    Some(Quantity {
        start: i,
        end,
        min,
        max,
        rule: rule.into(),
        group: None,
    })
}

/// A number written signed or as a formula ("-5", "minus five", "10^30", "1e30", "3/4"), with
/// tokens `[at, end)`: no report counts people so, and its digits alone would be a wrong count.
fn is_formula_or_signed(toks: &[Token], at: usize, end: usize) -> bool {
    let glued = |a: &Token, b: &Token| a.end == b.start;
    let first = &toks[at];
    if first.kind == TokenKind::Number && first.norm.chars().any(char::is_alphabetic) {
        return true;
    }
    let operator = |t: &Token| matches!(t.norm.as_str(), "^" | "*" | "/" | "\u{d7}" | "=");
    let before = at.checked_sub(1).map(|i| &toks[i]);
    // A sign stands apart from what precedes it: "-5", "(-5)", not the dash of "10-15".
    let signed = before.is_some_and(|sign| {
        let stands_apart =
            at < 2 || toks[at - 2].kind == TokenKind::Punct || !glued(&toks[at - 2], sign);
        sign.norm == "minus"
            || (matches!(sign.norm.as_str(), "-" | "+" | "\u{2212}")
                && glued(sign, first)
                && stands_apart)
    });
    let after_operator = before.is_some_and(|op| operator(op) && glued(op, first));
    let before_operator = toks
        .get(end)
        .is_some_and(|op| operator(op) && glued(&toks[end - 1], op));
    signed || after_operator || before_operator
}

fn apply_bound(bound: Option<Quant>, lo: u64, hi: Option<u64>) -> (Option<u64>, Option<u64>) {
    match bound {
        Some(Quant::Min) => (Some(lo), None),
        Some(Quant::Above) => (Some(lo.saturating_add(1)), None),
        Some(Quant::Max) => (None, hi),
        Some(Quant::Below) => (None, hi.map(|h| h.saturating_sub(1))),
        _ => (Some(lo), hi),
    }
}

/// Words between victims and a later outcome that keep the outcome theirs: "a soldier was
/// killed", "a man had been shot dead".
const AUXILIARIES: &[&str] = &[
    "was",
    "were",
    "is",
    "are",
    "had",
    "has",
    "have",
    "been",
    "being",
    "be",
    "reportedly",
    "also",
    "later",
    "fatally",
    "critically",
    "seriously",
    "slightly",
    "badly",
    "lightly",
];

/// Words that open a new clause: an outcome before them does not reach a count after them
/// ("20 soldiers were killed when hundreds of fighters attacked").
const CLAUSE_OPENERS: &[&str] = &["when", "after", "as", "while", "because", "since", "before"];

/// "two Hezbollah members", "three members of the Revolutionary Guards": members of an armed group
/// (a rebel or military organisation, or a military victim noun after "of") are fighters.
/// Returns the end of the victims and their group.
fn armed_members(
    lex: &Lexicons,
    text: &str,
    toks: &[Token],
    j: usize,
) -> Option<(usize, CasualtyGroup)> {
    let armed_org = |k: usize| {
        lex.orgs.longest_at(text, toks, k).is_some_and(|f| {
            matches!(
                lex.org_entries[f.values[0]].role.as_str(),
                "REB" | "MIL" | "COP"
            )
        })
    };
    let members = (j..(j + 3).min(toks.len()))
        .find(|&k| matches!(toks[k].norm.as_str(), "members" | "member"))?;
    let before = (j..members).any(armed_org);
    let after = toks.get(members + 1).is_some_and(|t| t.norm == "of")
        && (members + 2..(members + 6).min(toks.len())).any(|k| {
            armed_org(k)
                || lex
                    .victims
                    .longest_at(text, toks, k)
                    .is_some_and(|f| f.values[0] == CasualtyGroup::Military)
        });
    (before || after).then_some((members + 1, CasualtyGroup::Military))
}

/// "more than 2,200 Palestinians", "14 Ukrainians": people named by nationality, group unknown.
fn nationals(
    lex: &Lexicons,
    text: &str,
    toks: &[Token],
    j: usize,
) -> Option<(usize, CasualtyGroup)> {
    let tok = toks.get(j)?;
    let word = &text[tok.start..tok.end];
    let singular = word.strip_suffix('s')?;
    let stem = lex.vocab.tokens(singular, 0, singular.len());
    let found = lex.countries.longest_at(singular, &stem, 0)?;
    (found.end == stem.len() && found.values.iter().any(|&(_, demonym)| demonym))
        .then_some((j + 1, CasualtyGroup::Unknown))
}

/// Casualty counts of a sentence: a quantity with victims after it ("772 troops", "dozens of
/// civilians") and an outcome word nearby ("killed", "have died", "wounded"), or a quantity
/// followed directly by an outcome ("12 dead", "30 were killed"). People named one by one ("a
/// woman", "an Indian soldier") count only with an outcome right beside them ("killing a woman",
/// "a soldier was wounded") or shared with the count they are coordinated with.
pub fn find_casualties(
    lex: &Lexicons,
    text: &str,
    toks: &[Token],
    quantities: &[Quantity],
) -> Vec<CasualtySpan> {
    // No count, no casualty: most sentences stop here, before the outcome and cue matchers run.
    if quantities.is_empty() {
        return Vec::new();
    }
    let outcomes: Vec<(usize, usize, CasualtyKind)> = lex
        .outcomes
        .find_all(text, toks)
        .into_iter()
        .map(|f| (f.start, f.end, f.values[0]))
        .collect();
    // Looked for once, when the sentence's first casualty is found.
    let mut cumulative = None;
    let mut is_cumulative = || {
        *cumulative.get_or_insert_with(|| {
            lex.cues
                .find_all(text, toks)
                .iter()
                .any(|f| f.values.contains(&Cue::Cumulative))
                || toks.windows(2).any(|w| {
                    matches!(w[0].norm.as_str(), "have" | "has")
                        && matches!(w[1].norm.as_str(), "died" | "been")
                })
        })
    };
    let mut out: Vec<CasualtySpan> = Vec::new();
    for q in quantities {
        // "No injuries were reported", "no civilians were hurt": nobody to count.
        if q.max == Some(0) {
            continue;
        }
        // "24 hours", "a 52-year-old man", "400 tonnes": measures, not people.
        if toks
            .get(q.end)
            .is_some_and(|t| t.norm == "-" || lex.token_is(t, WordClass::Unit))
        {
            continue;
        }
        // Skip adjectives and demonyms between the number and the victims: "772 Armenian troops",
        // and the quotes of '"several" of its servicemen'.
        let mut j = q.end;
        while toks
            .get(j)
            .is_some_and(|t| matches!(t.norm.as_str(), "\"" | "'"))
        {
            j += 1;
        }
        if toks.get(j).is_some_and(|t| t.norm == "of") {
            j += 1;
        }
        let mut victim = None;
        let mut measure = false;
        for k in j..(j + 3).min(toks.len()) {
            if let Some(f) = lex.victims.longest_at(text, toks, k) {
                victim = Some((f.end, f.values[0]));
                break;
            }
            // "two Russian missiles", "11 military vehicles": things, not people.
            if lex.token_is(&toks[k], WordClass::Unit) {
                measure = true;
                break;
            }
            if lex.outcomes.longest_at(text, toks, k).is_some() {
                break;
            }
        }
        if measure {
            continue;
        }
        let victim = victim
            .or_else(|| armed_members(lex, text, toks, j))
            .or_else(|| nationals(lex, text, toks, j));
        // "several others" after a count of civilians are more civilians.
        let victim = match (victim, out.last()) {
            (Some((end, _)), Some(prev)) if toks[end - 1].norm == "others" => {
                Some((end, prev.casualty.group))
            }
            _ => victim.map(|(end, g)| (end, q.group.unwrap_or(g))),
        };
        let victim_end = victim.map_or(q.end, |(e, _)| e);
        let article = q.rule == "quantity:article";
        // A part of a count already given: "including dozens of civilians", "four of them children".
        let included = toks[q.start.saturating_sub(2)..q.start]
            .iter()
            .any(|t| matches!(t.norm.as_str(), "including" | "among" | "whom"))
            || toks[q.end..]
                .iter()
                .take(2)
                .map(|t| t.norm.as_str())
                .eq(["of", "them"]);
        let usable = |&&(s, e, kind): &&(usize, usize, CasualtyKind)| {
            if s >= victim_end {
                // "killing four and wounding two": an active "-ing" verb takes the count after it
                // ("missing" is no verb).
                if toks[s].norm.ends_with("ing") && kind != CasualtyKind::Missing {
                    return false;
                }
                !article
                    || toks[victim_end..s]
                        .iter()
                        .all(|t| AUXILIARIES.contains(&t.norm.as_str()))
            } else if e <= q.start {
                // "the bodies of two drivers", "34 bodies had been recovered ... and 20 people":
                // an outcome noun reaches only the count it governs with "of".
                let noun = lex.token_is(&toks[e - 1], WordClass::OutcomeNoun);
                if noun && e < q.start && toks[e].norm != "of" {
                    return false;
                }
                // "were killed when hundreds attacked": a passive outcome or a new clause between.
                let passive = s > 0
                    && matches!(
                        toks[s - 1].norm.as_str(),
                        "was" | "were" | "been" | "be" | "being" | "is" | "are"
                    );
                let new_clause = toks[e..q.start]
                    .iter()
                    .any(|t| CLAUSE_OPENERS.contains(&t.norm.as_str()));
                (!passive || included) && !new_clause && (!article || q.start - e <= 1)
            } else {
                false
            }
        };
        // The nearest outcome word within the sentence, preferring one right after the victims.
        let outcome = outcomes
            .iter()
            .filter(usable)
            .min_by_key(|(s, e, _)| {
                if *s >= victim_end {
                    s - victim_end
                } else {
                    q.start - e + 1
                }
            })
            .filter(|(s, e, _)| {
                let distance = if *s >= victim_end {
                    s - victim_end
                } else {
                    q.start - e
                };
                distance <= if victim.is_some() { 12 } else { 2 }
            })
            .map(|(_, _, kind)| *kind);
        // "killing four soldiers and a civilian": a count coordinated with the one before shares
        // its outcome.
        let coordinated = || {
            let prev = out.last()?;
            (q.start >= 1 && prev.end == q.start - 1 && toks[q.start - 1].norm == "and")
                .then_some(prev.casualty.kind)
        };
        let outcome = if article {
            outcome.or_else(coordinated)
        } else {
            outcome
        };
        let (Some(kind), Some(group)) = (
            outcome,
            victim
                .map(|(_, g)| g)
                .or(outcome.map(|_| CasualtyGroup::Unknown)),
        ) else {
            continue;
        };
        // "Four soldiers were killed and two wounded": an elliptical count shares the group before it.
        let group = match victim {
            Some(_) => group,
            None => out
                .last()
                .map_or(CasualtyGroup::Unknown, |c| c.casualty.group),
        };
        // People detained or abducted are civilians unless the text says they are fighters.
        let group = if kind == CasualtyKind::Captured && group == CasualtyGroup::Unknown {
            CasualtyGroup::Civilian
        } else {
            group
        };
        let end = victim_end;
        out.push(CasualtySpan {
            start: q.start,
            end,
            casualty: Casualty {
                kind,
                group,
                min: q.min,
                max: q.max,
                text: text[toks[q.start].start..toks[end - 1].end].to_string(),
                cumulative: is_cumulative(),
                included,
            },
            rule: format!("casualty:{}", q.rule.trim_start_matches("quantity:")),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DataSource;
    use std::sync::OnceLock;

    fn lex() -> &'static Lexicons {
        static LEX: OnceLock<Lexicons> = OnceLock::new();
        LEX.get_or_init(|| Lexicons::load(&DataSource::default()).unwrap())
    }

    fn casualties(text: &str) -> Vec<Casualty> {
        let toks = lex().vocab.tokens(text, 0, text.len());
        let qs = find_quantities(lex(), text, &toks);
        find_casualties(lex(), text, &toks, &qs)
            .into_iter()
            .map(|c| c.casualty)
            .collect()
    }

    fn summary(c: &Casualty) -> (CasualtyKind, CasualtyGroup, Option<u64>, Option<u64>) {
        (c.kind, c.group, c.min, c.max)
    }

    #[test]
    fn bounds_and_groups() {
        let c = casualties("Officials say at least 772 troops have died.");
        assert_eq!(
            summary(&c[0]),
            (
                CasualtyKind::Killed,
                CasualtyGroup::Military,
                Some(772),
                None
            )
        );
        assert!(c[0].cumulative);
        let c = casualties(
            "The strike killed more than 1,200 civilians and wounded twenty-three soldiers.",
        );
        assert_eq!(
            summary(&c[0]),
            (
                CasualtyKind::Killed,
                CasualtyGroup::Civilian,
                Some(1201),
                None
            )
        );
        assert_eq!(
            summary(&c[1]),
            (
                CasualtyKind::Injured,
                CasualtyGroup::Military,
                Some(23),
                Some(23)
            )
        );
        let c = casualties("Up to 40 people were reported missing.");
        assert_eq!(
            summary(&c[0]),
            (
                CasualtyKind::Missing,
                CasualtyGroup::Unknown,
                None,
                Some(40)
            )
        );
    }

    #[test]
    fn vague_amounts_and_subsets() {
        let c =
            casualties("Several hundred people have been killed, including dozens of civilians.");
        assert_eq!(
            summary(&c[0]),
            (
                CasualtyKind::Killed,
                CasualtyGroup::Unknown,
                Some(200),
                Some(999)
            )
        );
        assert_eq!(
            summary(&c[1]),
            (
                CasualtyKind::Killed,
                CasualtyGroup::Civilian,
                Some(24),
                Some(99)
            )
        );
        assert!(!c[0].included && c[1].included);
        let c = casualties("Rebels captured scores of soldiers.");
        assert_eq!(
            summary(&c[0]),
            (
                CasualtyKind::Captured,
                CasualtyGroup::Military,
                Some(40),
                Some(99)
            )
        );
    }

    #[test]
    fn numbers_that_are_not_casualties() {
        assert!(casualties("The talks lasted 12 hours in 2019.").is_empty());
        assert!(casualties("Some 3,000 troops were deployed to the border.").is_empty());
        assert!(casualties("He said 10^30 of them, a figure no one believes.").is_empty());
        for absurd in [
            "Officials said 10^30 people were killed in the shelling.",
            "The army said 1e30 civilians were killed.",
            "Medics said -5 people were injured and (-2) soldiers were killed.",
            "Police said minus five people were injured.",
            "A statement claimed 3 billion people were killed.",
            "Officials said 99999999999999999999 soldiers died.",
        ] {
            assert!(
                casualties(absurd).is_empty(),
                "{absurd}: {:?}",
                casualties(absurd)
            );
        }
        // A range keeps its upper figure; a plain count stays a count.
        let c = casualties("Shelling killed 10-15 civilians, medics said.");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].max, Some(15));
        let c = casualties("Medics said 5 people were injured.");
        assert_eq!(summary(&c[0]).2, Some(5));
        let c = casualties("Twelve dead after clashes.");
        assert_eq!(
            summary(&c[0]),
            (
                CasualtyKind::Killed,
                CasualtyGroup::Unknown,
                Some(12),
                Some(12)
            )
        );
    }

    type Summary = (CasualtyKind, CasualtyGroup, Option<u64>, Option<u64>);

    fn summaries(text: &str) -> Vec<Summary> {
        casualties(text).iter().map(summary).collect()
    }

    fn exact(kind: CasualtyKind, group: CasualtyGroup, n: u64) -> Summary {
        (kind, group, Some(n), Some(n))
    }

    use CasualtyGroup::{Civilian, Military, Unknown};
    use CasualtyKind::{Captured, Injured, Killed};

    #[test]
    fn one_person_named_with_an_article_counts_one() {
        assert_eq!(
            summaries("Al-Shabab gunmen shot dead a Somali soldier at a checkpoint near Baidoa."),
            [exact(Killed, Military, 1)]
        );
        assert_eq!(
            summaries("A 12-year-old girl was wounded by shrapnel in Kramatorsk, officials said."),
            [exact(Injured, Civilian, 1)]
        );
        assert_eq!(
            summaries("Police in Lima detained an 18-year-old student after the march."),
            [exact(Captured, Civilian, 1)]
        );
        // Someone who speaks about the dead is not one of them.
        assert_eq!(
            summaries(
                "A police officer in Kaduna told reporters that three people had been killed."
            ),
            [exact(Killed, Unknown, 3)]
        );
        assert!(
            summaries("An aid worker in Goma described the shelling as relentless.").is_empty()
        );
        assert_eq!(
            summaries("A drone strike near Erbil killed a senior Iranian general on Sunday."),
            [exact(Killed, Military, 1)]
        );
        // "a general strike" is no general.
        assert_eq!(
            summaries(
                "Unions called a general strike after a protester was shot dead in Khartoum."
            ),
            [exact(Killed, Civilian, 1)]
        );
    }

    #[test]
    fn people_coordinated_with_and_add_up_within_a_group() {
        assert_eq!(
            summaries(
                "An air strike near Mekelle killed a woman and a teenage boy, residents said."
            ),
            [exact(Killed, Civilian, 2)]
        );
        assert_eq!(
            summaries("A man and a woman were injured when a rocket hit a bus stop in Ashkelon."),
            [exact(Injured, Civilian, 2)]
        );
        // Different groups stay separate counts, each with the outcome they share.
        assert_eq!(
            summaries("The roadside bomb killed a soldier and a civilian near Kidal."),
            [exact(Killed, Military, 1), exact(Killed, Civilian, 1)]
        );
        assert_eq!(
            summaries(
                "The ambush killed three policemen and a driver and wounded two other officers."
            ),
            [
                exact(Killed, Military, 3),
                exact(Killed, Civilian, 1),
                exact(Injured, Military, 2)
            ]
        );
    }

    #[test]
    fn another_and_others_are_more_of_the_victims_just_named() {
        assert_eq!(
            summaries("Rebels killed a soldier and wounded another near Beni on Friday."),
            [exact(Killed, Military, 1), exact(Injured, Military, 1)]
        );
        assert_eq!(
            summaries("Shelling killed two civilians and wounded several others in Donetsk."),
            [
                exact(Killed, Civilian, 2),
                (Injured, Civilian, Some(3), Some(9))
            ]
        );
        // "another" before a number or a noun is no count of its own.
        assert_eq!(
            summaries("Another 30 people were wounded in Saturday's blast."),
            [exact(Injured, Unknown, 30)]
        );
    }

    #[test]
    fn an_active_outcome_takes_the_count_after_it() {
        assert_eq!(
            summaries("The car bomb killed two guards and a passer-by, wounding nine people."),
            [
                exact(Killed, Military, 2),
                exact(Killed, Civilian, 1),
                exact(Injured, Unknown, 9)
            ]
        );
        assert_eq!(
            summaries(
                "Militants attacked the convoy, killing a soldier and two civilians and wounding 14 people."
            ),
            [
                exact(Killed, Military, 1),
                exact(Killed, Civilian, 2),
                exact(Injured, Unknown, 14)
            ]
        );
    }

    #[test]
    fn a_passive_outcome_or_a_new_clause_does_not_reach_a_later_count() {
        assert_eq!(
            summaries("Twelve villagers were killed when scores of militiamen raided the market."),
            [exact(Killed, Civilian, 12)]
        );
        assert_eq!(
            summaries("Nine people were hurt when three Iranian drones struck the port."),
            [exact(Injured, Unknown, 9)]
        );
        assert!(summaries("No civilians were hurt in the raid, the army said.").is_empty());
        assert!(summaries("No injuries were reported after the shelling of Nikopol.").is_empty());
    }

    #[test]
    fn bodies_wounds_arrests_and_euphemisms_are_outcomes() {
        assert_eq!(
            summaries("Rescuers recovered 14 bodies from the river near Bukavu."),
            [exact(Killed, Unknown, 14)]
        );
        assert_eq!(
            summaries(
                "Officials said 18 bodies had been found and that 40 people were treated for \
                 gunshot wounds."
            ),
            [exact(Killed, Unknown, 18), exact(Injured, Unknown, 40)]
        );
        assert_eq!(
            summaries("Fishermen found the bodies of three farmers on the shore."),
            [exact(Killed, Civilian, 3)]
        );
        assert_eq!(
            summaries("The army said it had \"neutralised\" 23 terrorists near Menaka."),
            [exact(Killed, Military, 23)]
        );
        assert_eq!(
            summaries("Police arrested nine gunmen after the attack in Port-au-Prince."),
            [exact(Captured, Military, 9)]
        );
    }

    #[test]
    fn fragments_count_no_one_and_never_panic() {
        for text in [
            "a",
            "another",
            "a and a",
            "another killed",
            "s",
            "3 s",
            "an an an killed",
        ] {
            assert!(casualties(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn people_named_by_nationality_are_counted() {
        assert_eq!(
            summaries("More than 2,000 Syrians and 40 aid workers were killed in the siege."),
            [
                (Killed, Unknown, Some(2001), None),
                exact(Killed, Civilian, 40)
            ]
        );
    }

    #[test]
    fn members_of_an_armed_group_are_fighters() {
        assert_eq!(
            summaries("The strike killed two Hamas members in Rafah."),
            [exact(Killed, Military, 2)]
        );
        assert_eq!(
            summaries("Troops killed four members of al-Shabab near Jowhar."),
            [exact(Killed, Military, 4)]
        );
        // Members of anything else are not counted as fighters.
        assert_eq!(
            summaries("The blast killed three members of a wedding party."),
            [exact(Killed, Unknown, 3)]
        );
    }
}
