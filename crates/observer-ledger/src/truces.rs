//! The ceasefire monitor: truces, their status over time, and the violations alleged.
//!
//! A truce is made of ceasefire-mode mentions of one conflict: agreements (AGREE or CONCEDE,
//! real, not hypothetical), announcements that it takes effect (RETREAT "comes into effect"),
//! references ("should respect the new humanitarian truce") and reports of its collapse.
//! Agreements of one conflict whose dates meet are one truce; the other mentions attach to the
//! latest truce of their conflict agreed by their date.
//!
//! Violations are ACCUSE events in a sentence about a truce (accuser and accused both its
//! parties), and ASSAULT events between its parties after it took effect. "In both instances"
//! makes an accusation count against every truce of the conflict its article mentions; "within
//! hours" states the delay to the breach, else it is bounded from the dates.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use observer_model::{DatePrecision, Event, EventDate, EventType, Place, PlacePrecision};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::Mention;
use crate::parties::{Conflict, article_conflict, combatant, label, speaker};
use crate::resolve::date_label;

/// Agreements whose dates are this many days apart or less are one truce.
const SAME_TRUCE_DAYS: u64 = 2;
/// Fighting this long after a truce was agreed is held against it even when its report does not
/// mention the truce.
const RECENT_TRUCE_DAYS: u64 = 60;

static TRUCE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(truce|ceasefire|cease-fire|armistice|ceasefires|truces)\b").unwrap()
});
/// "since the truce was agreed": an agreement recalled, not made.
static RECALLED_AGREEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(since|after|before|until|when) (the|a|this|that) (\w+ ){0,2}(truce|ceasefire|cease-fire|deal) (was|had been|were) (agreed|signed|reached|brokered|announced)").unwrap()
});
static COLLAPSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(collapsed?|collapsing|broke down|broken down|fell apart|in tatters|unravell?ed)\b",
    )
    .unwrap()
});
static WITHIN_HOURS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(within (a few |several )?hours|within (an|one) hour|(minutes|hours) (after|of)|hours later)\b").unwrap()
});
static EVERY_TRUCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(in both instances|on both occasions|both (truces|ceasefires|times)|each (truce|ceasefire|time))\b").unwrap()
});
static HUMANITARIAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bhumanitarian (truce|ceasefire|pause|cease-fire)").unwrap());
static LOCAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(local|localised|localized|partial)\s+(truce|ceasefire|cease-fire)").unwrap()
});
static GENERAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(nationwide|general|comprehensive|full|complete|permanent|countrywide)\s+(truce|ceasefire|cease-fire)").unwrap()
});
/// "at 6am local time (0400 GMT)", "at midnight", "from 12:00".
static EFFECT_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:at|from)\s+
        (?P<clock>midnight|noon|midday|(?P<h>\d{1,2})(?:[:.]?(?P<m>\d{2}))?(?:\s*(?P<ampm>a\.?m\.?|p\.?m\.?))?(?:\s*(?:hours|hrs|h)\b)?)
        (?P<local>\s+local\s+time)?
        (?:\s*\(?\s*(?P<uh>\d{2})(?P<um>\d{2})\s*(?:GMT|UTC)\s*\)?)?",
    )
    .unwrap()
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TruceKind {
    Humanitarian,
    General,
    Local,
    /// The reports do not say.
    Unspecified,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TruceStatus {
    Announced,
    InEffect,
    Broken,
    Collapsed,
    /// A later truce between the same parties replaced it.
    Superseded,
}

impl TruceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TruceStatus::Announced => "announced",
            TruceStatus::InEffect => "in effect",
            TruceStatus::Broken => "broken",
            TruceStatus::Collapsed => "collapsed",
            TruceStatus::Superseded => "superseded",
        }
    }
}

/// When a truce took (or was to take) effect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Effective {
    pub date: EventDate,
    /// Time of day as stated ("06:00"), in `zone`.
    pub time: Option<NaiveTime>,
    /// "local" (local time in the conflict zone) or "UTC", when stated.
    pub zone: Option<String>,
    /// The same moment in UTC, when the report gives it ("0400 GMT").
    pub utc_time: Option<NaiveTime>,
    /// False when no report says when it takes effect and the agreed date stands in for it.
    pub stated: bool,
    pub event_id: Option<String>,
    pub evidence: Option<String>,
}

/// A change of a truce's status, with the mention that shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: TruceStatus,
    pub date: Option<NaiveDate>,
    pub event_id: String,
    pub evidence: String,
}

/// How long after a truce took effect a breach is alleged, in hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delay {
    pub min_hours: i64,
    pub max_hours: Option<i64>,
    /// "stated: within hours" or "from dates".
    pub basis: String,
}

impl Delay {
    /// "≤24 h (stated: within hours)", "24–96 h (from dates)".
    pub fn label(&self) -> String {
        let span = match self.max_hours {
            Some(max) if self.min_hours == 0 => format!("≤{max} h"),
            Some(max) => format!("{}–{max} h", self.min_hours),
            None => format!("≥{} h", self.min_hours),
        };
        format!("{span} ({})", self.basis)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ViolationKind {
    /// One party accuses the other of breaking the truce.
    Accusation,
    /// An attack between the parties reported after the truce took effect.
    ReportedAttack,
}

/// An alleged breach of a truce.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    pub kind: ViolationKind,
    /// Who alleges it: a party, a claimant, or the outlet.
    pub accuser: String,
    /// The party said to have broken the truce.
    pub accused: String,
    pub date: Option<EventDate>,
    /// Hours from the effective time to the breach.
    pub delay: Option<Delay>,
    pub event_id: String,
    pub article_id: String,
    pub outlet: Option<String>,
    pub evidence: String,
}

/// One truce, as all reports of it describe it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Truce {
    pub id: String,
    /// "ARM–AZE".
    pub conflict: String,
    pub parties: Vec<String>,
    /// Third parties to the agreement (who brokered, mediated or hosted it).
    pub brokers: Vec<String>,
    pub kind: TruceKind,
    pub agreed: Option<EventDate>,
    pub effective: Option<Effective>,
    /// Where it applies, when the reports name a place.
    pub scope: Option<String>,
    /// The latest status.
    pub status: TruceStatus,
    pub history: Vec<StatusChange>,
    pub violations: Vec<Violation>,
    /// The soonest alleged breach after the effective time.
    pub first_alleged_breach: Option<Delay>,
    /// Mentions (event ids) that describe the truce itself.
    pub mentions: Vec<String>,
    pub articles: Vec<String>,
}

/// What a ceasefire-mode mention says about a truce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Signal {
    Agreement,
    Effect,
    Reference,
}

/// A ceasefire-mode mention, placed in its conflict when its sides or its article tell it.
struct Placed<'a> {
    mention: &'a Mention,
    conflict: Option<Conflict>,
    /// The parties it names, to find its truce when its conflict is unknown.
    parties: Vec<String>,
    signal: Signal,
}

/// Every truce in the mentions, with its violations, in order of agreed date.
pub fn truces(mentions: &[Mention]) -> Vec<Truce> {
    let mut by_article: BTreeMap<&str, Vec<&Mention>> = BTreeMap::new();
    for m in mentions {
        by_article.entry(&m.article.id).or_default().push(m);
    }
    let conflict_of_article: HashMap<&str, Option<Conflict>> = by_article
        .iter()
        .map(|(id, ms)| (*id, article_conflict(ms.iter().map(|m| &m.event))))
        .collect();
    let article_conflict_of = |m: &Mention| {
        conflict_of_article
            .get(m.article.id.as_str())
            .cloned()
            .flatten()
    };

    let placed: Vec<Placed> = mentions
        .iter()
        .filter(|m| m.event.mode.as_deref() == Some("ceasefire"))
        .filter_map(|m| place_signal(m, article_conflict_of(m)))
        .collect();

    let mut builders = agreements_into_truces(&placed);
    for p in placed
        .iter()
        .filter(|p| p.signal != Signal::Agreement || p.conflict.is_none())
    {
        let date = start_of(&p.mention.event);
        let found = match &p.conflict {
            Some(conflict) => latest_truce(&builders, |c| c == conflict, date),
            None => latest_truce(
                &builders,
                |c| p.parties.iter().any(|party| c.involves(party)),
                date,
            ),
        };
        let index = match (found, &p.conflict) {
            (Some(index), _) => index,
            (None, Some(conflict)) if p.signal == Signal::Effect => {
                builders.push(Builder::new(conflict.clone(), None));
                builders.len() - 1
            }
            _ => continue,
        };
        builders[index].attach(p);
    }
    builders.sort_by(|a, b| (&a.conflict, a.order_date()).cmp(&(&b.conflict, b.order_date())));

    for m in mentions {
        // An event with one known side belongs to the conflict of that side's latest truce.
        let conflict = Conflict::of_event(&m.event)
            .or_else(|| article_conflict_of(m))
            .or_else(|| {
                let party = m.event.source.as_ref().and_then(combatant)?;
                latest_truce(&builders, |c| c.involves(&party), start_of(&m.event))
                    .map(|i| builders[i].conflict.clone())
            });
        let Some(conflict) = conflict else {
            continue;
        };
        let text = &m.event.evidence.text;
        if TRUCE_WORD.is_match(text)
            && COLLAPSE.is_match(text)
            && let Some(i) = latest_truce(&builders, |c| *c == conflict, start_of(&m.event))
        {
            builders[i].collapses.push(m);
        }
        violations_of(m, &conflict, &mut builders, &by_article);
    }

    let mut truces: Vec<Truce> = Vec::new();
    for (i, builder) in builders.iter().enumerate() {
        let next_agreed = builders[i + 1..]
            .iter()
            .filter(|b| b.conflict == builder.conflict)
            .find_map(|b| b.agreements.first().map(|p| p.mention));
        truces.push(builder.build(next_agreed));
    }
    truces.sort_by(|a, b| {
        let day = |t: &Truce| t.agreed.as_ref().and_then(|d| d.start);
        (day(a), &a.id).cmp(&(day(b), &b.id))
    });
    truces
}

fn start_of(event: &Event) -> Option<NaiveDate> {
    event.date.as_ref().and_then(|d| d.start)
}

fn end_of(event: &Event) -> Option<NaiveDate> {
    event.date.as_ref().and_then(|d| d.end.or(d.start))
}

/// Says what a ceasefire-mode mention tells about a truce, and places it in its conflict: its
/// own two sides when they agree with its article's fighting, else its article's.
fn place_signal(m: &Mention, article_conflict: Option<Conflict>) -> Option<Placed<'_>> {
    let event = &m.event;
    let signal = match event.event_type {
        EventType::Retreat => Signal::Effect,
        EventType::Agree | EventType::Concede
            if !event.hypothetical
                && !event.negated
                && !RECALLED_AGREEMENT.is_match(&event.evidence.text) =>
        {
            Signal::Agreement
        }
        EventType::Agree | EventType::Concede => Signal::Reference,
        _ => return None,
    };
    let conflict = Conflict::of_event(event)
        .filter(|own| article_conflict.as_ref().is_none_or(|a| a == own))
        .or(article_conflict);
    let parties = [event.source.as_ref(), event.target.as_ref()]
        .into_iter()
        .flatten()
        .filter_map(combatant)
        .collect();
    Some(Placed {
        mention: m,
        conflict,
        parties,
        signal,
    })
}

/// Agreements of one conflict whose dates meet become one truce each.
fn agreements_into_truces<'a>(placed: &'a [Placed<'a>]) -> Vec<Builder<'a>> {
    let mut agreements: Vec<&Placed> = placed
        .iter()
        .filter(|p| p.signal == Signal::Agreement && start_of(&p.mention.event).is_some())
        .filter(|p| p.conflict.is_some())
        .collect();
    agreements.sort_by(|a, b| {
        (&a.conflict, start_of(&a.mention.event), &a.mention.event.id).cmp(&(
            &b.conflict,
            start_of(&b.mention.event),
            &b.mention.event.id,
        ))
    });
    let mut builders: Vec<Builder> = Vec::new();
    for p in agreements {
        let start = start_of(&p.mention.event);
        let Some(conflict) = &p.conflict else {
            continue;
        };
        let joins = builders.last_mut().filter(|b| {
            &b.conflict == conflict
                && b.agreed_end()
                    .zip(start)
                    .is_some_and(|(end, start)| start <= end + Days::new(SAME_TRUCE_DAYS))
        });
        match joins {
            Some(builder) => builder.agreements.push(p),
            None => builders.push(Builder::new(conflict.clone(), Some(p))),
        }
    }
    builders
}

/// The latest truce of a conflict `wanted` accepts, agreed (or in effect) by `date`.
fn latest_truce(
    builders: &[Builder],
    wanted: impl Fn(&Conflict) -> bool,
    date: Option<NaiveDate>,
) -> Option<usize> {
    builders
        .iter()
        .enumerate()
        .filter(|(_, b)| wanted(&b.conflict))
        .filter(|(_, b)| match (b.order_date(), date) {
            (Some(start), Some(date)) => start <= date,
            _ => true,
        })
        .max_by_key(|(i, b)| (b.order_date(), *i))
        .map(|(i, _)| i)
}

/// Adds the violations `m` alleges to the truces of `conflict` it concerns.
fn violations_of<'a>(
    m: &'a Mention,
    conflict: &Conflict,
    builders: &mut [Builder<'a>],
    by_article: &BTreeMap<&str, Vec<&Mention>>,
) {
    let event = &m.event;
    if event.hypothetical || event.negated || event.background {
        return;
    }
    let Some(source) = event
        .source
        .as_ref()
        .and_then(combatant)
        .filter(|s| conflict.involves(s))
    else {
        return;
    };
    // The other side, when the target is a party; an attack on civilians or on an unnamed
    // target by one side breaks a truce too.
    let target = event.target.as_ref().and_then(combatant);
    if target
        .as_ref()
        .is_some_and(|t| *t == source || !conflict.involves(t))
    {
        return;
    }
    let text = &event.evidence.text;
    let (kind, accuser, accused) = match (event.event_type, target) {
        (EventType::Accuse, Some(target)) if TRUCE_WORD.is_match(text) => {
            (ViolationKind::Accusation, source, target)
        }
        // An attack a party reports of itself (gains it claims) is no accusation.
        (EventType::Assault, _)
            if event.claimant.as_ref().and_then(combatant).as_ref() != Some(&source) =>
        {
            let accuser = event
                .claimant
                .as_ref()
                .map(speaker)
                .unwrap_or_else(|| crate::claims::outlet_voice(m));
            (ViolationKind::ReportedAttack, accuser, source)
        }
        _ => return,
    };
    let article_events: BTreeSet<&str> = by_article
        .get(m.article.id.as_str())
        .into_iter()
        .flatten()
        .map(|m| m.event.id.as_str())
        .collect();
    let targets: Vec<usize> = if kind == ViolationKind::Accusation && EVERY_TRUCE.is_match(text) {
        builders
            .iter()
            .enumerate()
            .filter(|(_, b)| &b.conflict == conflict && b.mentioned_in(&article_events))
            .map(|(i, _)| i)
            .collect()
    } else {
        // The latest truce of the two sides, if the article speaks of it or it is recent: a
        // clash years later breaks a truce only when the report says which.
        latest_truce(builders, |c| c == conflict, start_of(event))
            .filter(|&i| {
                let recent = builders[i]
                    .order_date()
                    .zip(start_of(event))
                    .is_some_and(|(agreed, day)| day <= agreed + Days::new(RECENT_TRUCE_DAYS));
                recent || builders[i].mentioned_in(&article_events)
            })
            .into_iter()
            .collect()
    };
    for i in targets {
        let builder = &mut builders[i];
        // An attack counts only once the truce is in effect.
        if kind == ViolationKind::ReportedAttack
            && builder
                .effect_start()
                .zip(start_of(event))
                .is_none_or(|(effect, day)| day < effect)
        {
            continue;
        }
        builder
            .violations
            .push((kind, accuser.clone(), accused.clone(), m));
    }
}

/// A truce while its mentions are gathered.
struct Builder<'a> {
    conflict: Conflict,
    agreements: Vec<&'a Placed<'a>>,
    effects: Vec<&'a Placed<'a>>,
    references: Vec<&'a Placed<'a>>,
    collapses: Vec<&'a Mention>,
    violations: Vec<(ViolationKind, String, String, &'a Mention)>,
}

impl<'a> Builder<'a> {
    fn new(conflict: Conflict, first: Option<&'a Placed<'a>>) -> Builder<'a> {
        Builder {
            conflict,
            agreements: first.into_iter().collect(),
            effects: Vec::new(),
            references: Vec::new(),
            collapses: Vec::new(),
            violations: Vec::new(),
        }
    }

    fn attach(&mut self, p: &'a Placed<'a>) {
        let agreed_with_it = self
            .agreed_end()
            .zip(start_of(&p.mention.event))
            .is_some_and(|(end, start)| start <= end + Days::new(SAME_TRUCE_DAYS));
        match p.signal {
            Signal::Effect => self.effects.push(p),
            Signal::Agreement if agreed_with_it => self.agreements.push(p),
            _ => self.references.push(p),
        }
    }

    /// Third parties to its agreements: those of their actors that are neither side.
    fn brokers(&self) -> BTreeSet<String> {
        self.agreements
            .iter()
            .flat_map(|p| {
                [
                    p.mention.event.source.as_ref(),
                    p.mention.event.target.as_ref(),
                ]
            })
            .flatten()
            .filter(|a| combatant(a).is_none_or(|party| !self.conflict.involves(&party)))
            .filter(|a| !matches!(a.role.as_deref(), Some("CVL" | "SIDES")))
            .map(label)
            .collect()
    }

    fn agreed_end(&self) -> Option<NaiveDate> {
        self.agreements
            .iter()
            .filter_map(|p| end_of(&p.mention.event))
            .max()
    }

    fn agreed_start(&self) -> Option<NaiveDate> {
        self.agreements
            .iter()
            .filter_map(|p| start_of(&p.mention.event))
            .min()
    }

    /// The date the truce is ordered by: agreed, else taking effect.
    fn order_date(&self) -> Option<NaiveDate> {
        self.agreed_start().or_else(|| self.effect_start())
    }

    fn effect_start(&self) -> Option<NaiveDate> {
        self.effects
            .iter()
            .filter_map(|p| start_of(&p.mention.event))
            .min()
            .or_else(|| self.agreed_start())
    }

    fn mentioned_in(&self, events: &BTreeSet<&str>) -> bool {
        self.agreements
            .iter()
            .chain(&self.effects)
            .chain(&self.references)
            .any(|p| events.contains(p.mention.event.id.as_str()))
    }

    fn build(&self, next_agreed: Option<&Mention>) -> Truce {
        // Sorted, so that the truce does not depend on the order articles were added in.
        let sorted = |list: &[&'a Placed<'a>]| -> Vec<&'a Placed<'a>> {
            let mut list = list.to_vec();
            list.sort_by(|a, b| by_date(a.mention, b.mention));
            list
        };
        let (agreements, effects, references) = (
            sorted(&self.agreements),
            sorted(&self.effects),
            sorted(&self.references),
        );
        let mut own: Vec<&Placed> = agreements
            .iter()
            .chain(&effects)
            .chain(&references)
            .copied()
            .collect();
        own.sort_by(|a, b| by_date(a.mention, b.mention));
        let first = own
            .iter()
            .map(|p| &p.mention.event.id)
            .min()
            .cloned()
            .unwrap_or_default();
        let kind = kind_of(own.iter().map(|p| p.mention.event.evidence.text.as_str()));
        let agreed = agreements
            .iter()
            .find_map(|p| p.mention.event.date.clone().filter(|d| d.start.is_some()));
        let effective = self.effective(agreed.as_ref());
        let scope = own.iter().find_map(|p| p.mention.event.place.as_ref());
        let brokers = self.brokers();

        let mut collapses = self.collapses.clone();
        collapses.sort_by(|a, b| by_date(a, b));
        // After it collapsed or was replaced, fighting breaks it no more (accusations about it
        // are still about it).
        let over = collapses
            .first()
            .copied()
            .into_iter()
            .chain(next_agreed)
            .filter_map(|m| end_of(&m.event))
            .min();
        let mut alleged: Vec<&(ViolationKind, String, String, &Mention)> = self
            .violations
            .iter()
            .filter(|(kind, _, _, m)| {
                *kind == ViolationKind::Accusation
                    || over.is_none_or(|over| start_of(&m.event).is_none_or(|d| d <= over))
            })
            .filter(|(kind, _, _, m)| {
                *kind == ViolationKind::Accusation || within_scope(scope, m.event.place.as_ref())
            })
            .collect();
        alleged.sort_by(|a, b| by_date(a.3, b.3).then_with(|| (&a.1, &a.2).cmp(&(&b.1, &b.2))));
        let violations: Vec<Violation> = alleged
            .iter()
            .map(|(kind, accuser, accused, m)| Violation {
                kind: *kind,
                accuser: accuser.clone(),
                accused: accused.clone(),
                date: m.event.date.clone(),
                delay: delay(effective.as_ref(), &m.event),
                event_id: m.event.id.clone(),
                article_id: m.article.id.clone(),
                outlet: m.article.outlet.clone(),
                evidence: m.event.evidence.text.clone(),
            })
            .collect();
        let soonest = |d: &Delay| (d.max_hours.unwrap_or(i64::MAX), d.min_hours);
        let first_breach = violations
            .iter()
            .filter_map(|v| v.delay.as_ref())
            .min_by_key(|d| soonest(d))
            .cloned();

        let mut history = Vec::new();
        if let Some(p) = agreements.first() {
            history.push(change(
                TruceStatus::Announced,
                start_of(&p.mention.event),
                p.mention,
            ));
        }
        if let Some(p) = effects.iter().find(|p| {
            Some(&p.mention.event.id) == effective.as_ref().and_then(|e| e.event_id.as_ref())
        }) {
            history.push(change(
                TruceStatus::InEffect,
                start_of(&p.mention.event),
                p.mention,
            ));
        }
        if let Some((v, m)) = violations
            .iter()
            .zip(alleged.iter().map(|a| a.3))
            .min_by_key(|(v, m)| {
                // The soonest breach in hours; without hours, the earliest reported.
                (
                    v.delay.is_none(),
                    v.delay.as_ref().map(soonest),
                    start_of(&m.event),
                )
            })
        {
            let date = match &v.delay {
                Some(d) if d.basis.starts_with("stated") => {
                    effective.as_ref().and_then(|e| e.date.start)
                }
                _ => start_of(&m.event),
            };
            history.push(change(TruceStatus::Broken, date, m));
        }
        if let Some(m) = collapses.first() {
            history.push(change(TruceStatus::Collapsed, start_of(&m.event), m));
        }
        if let Some(m) = next_agreed {
            history.push(change(TruceStatus::Superseded, start_of(&m.event), m));
        }
        history.sort_by_key(|c| (c.date, c.status));
        let status = history
            .iter()
            .map(|c| c.status)
            .max()
            .unwrap_or(TruceStatus::Announced);

        Truce {
            id: format!("t{}", &blake3::hash(first.as_bytes()).to_hex()[..12]),
            conflict: self.conflict.label(),
            parties: self.conflict.parties.to_vec(),
            brokers: brokers.into_iter().collect(),
            kind,
            agreed,
            effective,
            scope: scope.map(|place| place.name.clone()),
            status,
            history,
            violations,
            first_alleged_breach: first_breach,
            mentions: own.iter().map(|p| p.mention.event.id.clone()).collect(),
            articles: own
                .iter()
                .map(|p| p.mention.article.id.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        }
    }

    /// The stated effective time, else the agreed date standing in for it.
    fn effective(&self, agreed: Option<&EventDate>) -> Option<Effective> {
        let stated = self
            .effects
            .iter()
            .filter(|p| start_of(&p.mention.event).is_some())
            .min_by_key(|p| (start_of(&p.mention.event), &p.mention.event.id));
        match stated {
            Some(p) => {
                let event = &p.mention.event;
                let (time, zone, utc_time) = effect_time(&event.evidence.text);
                Some(Effective {
                    date: event.date.clone()?,
                    time,
                    zone,
                    utc_time,
                    stated: true,
                    event_id: Some(event.id.clone()),
                    evidence: Some(event.evidence.text.clone()),
                })
            }
            None => agreed.map(|date| Effective {
                date: date.clone(),
                time: None,
                zone: None,
                utc_time: None,
                stated: false,
                event_id: None,
                evidence: None,
            }),
        }
    }
}

/// Date, then event id: the order every list of a truce is kept in.
fn by_date(a: &Mention, b: &Mention) -> std::cmp::Ordering {
    (start_of(&a.event), &a.event.id).cmp(&(start_of(&b.event), &b.event.id))
}

/// Whether an attack at `place` breaks a truce of `scope`: a truce of one city or area holds
/// only there; a truce of a country or province, or of no stated place, holds everywhere.
fn within_scope(scope: Option<&Place>, place: Option<&Place>) -> bool {
    match scope {
        Some(scope)
            if matches!(
                scope.precision,
                PlacePrecision::City | PlacePrecision::Region
            ) =>
        {
            crate::resolve::compatible_places(Some(scope), place)
        }
        _ => true,
    }
}

fn change(status: TruceStatus, date: Option<NaiveDate>, m: &Mention) -> StatusChange {
    StatusChange {
        status,
        date,
        event_id: m.event.id.clone(),
        evidence: m.event.evidence.text.clone(),
    }
}

fn kind_of<'t>(texts: impl Iterator<Item = &'t str>) -> TruceKind {
    let texts: Vec<&str> = texts.collect();
    let any = |re: &Regex| texts.iter().any(|t| re.is_match(t));
    if any(&HUMANITARIAN) {
        TruceKind::Humanitarian
    } else if any(&LOCAL) {
        TruceKind::Local
    } else if any(&GENERAL) {
        TruceKind::General
    } else {
        TruceKind::Unspecified
    }
}

/// The time of day a sentence says a truce takes effect, its zone, and the UTC time if given.
fn effect_time(text: &str) -> (Option<NaiveTime>, Option<String>, Option<NaiveTime>) {
    let Some(caps) = EFFECT_TIME.captures(text) else {
        return (None, None, None);
    };
    let clock = caps["clock"].to_ascii_lowercase();
    let time = match clock.as_str() {
        "midnight" => NaiveTime::from_hms_opt(0, 0, 0),
        "noon" | "midday" => NaiveTime::from_hms_opt(12, 0, 0),
        _ => {
            let hour: u32 = caps
                .name("h")
                .and_then(|h| h.as_str().parse().ok())
                .unwrap_or(99);
            let minute: u32 = caps
                .name("m")
                .and_then(|m| m.as_str().parse().ok())
                .unwrap_or(0);
            let pm = caps
                .name("ampm")
                .is_some_and(|x| x.as_str().starts_with(['p', 'P']));
            let am = caps.name("ampm").is_some();
            // A bare number after "at" is a time only with a clock form ("06:00", "0600", "6am").
            if !am && caps.name("m").is_none() {
                return (None, None, None);
            }
            let hour = match (am, pm, hour) {
                (true, true, h) if h < 12 => h + 12,
                (true, false, 12) => 0,
                (_, _, h) => h,
            };
            NaiveTime::from_hms_opt(hour, minute, 0)
        }
    };
    let utc = caps.name("uh").zip(caps.name("um")).and_then(|(h, m)| {
        NaiveTime::from_hms_opt(h.as_str().parse().ok()?, m.as_str().parse().ok()?, 0)
    });
    let zone = if caps.name("local").is_some() {
        Some("local".to_string())
    } else if utc.is_some() {
        Some("UTC".to_string())
    } else {
        None
    };
    (time, zone, utc)
}

/// Hours from the effective time to the breach `event` reports.
fn delay(effective: Option<&Effective>, event: &Event) -> Option<Delay> {
    if WITHIN_HOURS.is_match(&event.evidence.text) {
        return Some(Delay {
            min_hours: 0,
            max_hours: Some(24),
            basis: "stated: within hours".to_string(),
        });
    }
    // A truce known only by its month or year is too vague to count hours from.
    let effective = effective
        .filter(|e| matches!(e.date.precision, DatePrecision::Day | DatePrecision::Week))?;
    let eff_start = effective.date.start?;
    let eff_end = effective.date.end.unwrap_or(eff_start);
    let at = |day: NaiveDate, time: Option<NaiveTime>, end_of_day: bool| -> NaiveDateTime {
        match time {
            Some(t) => day.and_time(t),
            None if end_of_day => (day + Days::new(1)).and_time(NaiveTime::MIN),
            None => day.and_time(NaiveTime::MIN),
        }
    };
    let earliest = at(eff_start, effective.time, false);
    let latest = at(eff_end, effective.time, true);
    let (start, end) = (start_of(event)?, end_of(event)?);
    let breach_from = start.and_time(NaiveTime::MIN);
    let breach_to = (end + Days::new(1)).and_time(NaiveTime::MIN);
    Some(Delay {
        min_hours: (breach_from - latest).num_hours().max(0),
        max_hours: Some((breach_to - earliest).num_hours().max(0)),
        basis: "from dates".to_string(),
    })
}

/// "2020-10-17..2020-10-18 (week)" for a truce's effective date, with time and zone.
pub fn effective_label(effective: &Effective) -> String {
    let mut label = date_label(&effective.date);
    if let Some(time) = effective.time {
        label.push_str(&format!(" {}", time.format("%H:%M")));
        if let Some(zone) = &effective.zone {
            label.push_str(&format!(" {zone}"));
        }
        if let Some(utc) = effective.utc_time {
            label.push_str(&format!(" ({} UTC)", utc.format("%H:%M")));
        }
    }
    if !effective.stated {
        label.push_str(" (agreed date; effective time not stated)");
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn effect_times_are_read_with_their_zone() {
        assert_eq!(
            effect_time("took effect at 6am local time (0400 GMT) on Saturday"),
            (hm(6, 0), Some("local".into()), hm(4, 0))
        );
        assert_eq!(
            effect_time("is due to take effect at midnight on Sunday"),
            (hm(0, 0), None, None)
        );
        assert_eq!(
            effect_time("will begin at 18:30 local time"),
            (hm(18, 30), Some("local".into()), None)
        );
        assert_eq!(effect_time("at 9 p.m."), (hm(21, 0), None, None));
        assert_eq!(
            effect_time("agreed at 12 talks in Doha"),
            (None, None, None),
            "a bare number is not a time"
        );
    }

    #[test]
    fn kinds_come_from_the_words_of_any_mention() {
        assert_eq!(
            kind_of(["should respect the new humanitarian truce agreement"].into_iter()),
            TruceKind::Humanitarian
        );
        assert_eq!(
            kind_of(["a local ceasefire around the port"].into_iter()),
            TruceKind::Local
        );
        assert_eq!(
            kind_of(["a truce was agreed"].into_iter()),
            TruceKind::Unspecified
        );
    }
}
