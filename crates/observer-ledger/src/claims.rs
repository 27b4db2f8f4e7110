//! Claims and the claims that contradict each other.
//!
//! A claim is an event as someone tells it: its claimant (who the claimant speaks for), the
//! outlet and day it was published, its stance and evidence, and what it asserts: that an attack
//! happened, that it did not, that one side gained ground, that it repulsed the other's attack.
//!
//! Two claims contradict when they assert incompatible things about one event or quantity:
//! - an attack reported by one claimant and denied by another ([`ContradictionKind::Denial`]);
//! - gains claimed by one side and "repulsed attacks" claimed by the other on the same days
//!   ([`ContradictionKind::GainsVersusRepulsed`]);
//! - tolls of the same group, party and event (or the same days, for running totals) whose
//!   ranges do not overlap ([`ContradictionKind::Tolls`]).

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use chrono::{Days, NaiveDate};
use observer_model::{Casualty, Event, EventDate, EventType, Stance};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::Mention;
use crate::casualties::TollEntry;
use crate::parties::{Conflict, article_conflict, combatant, speaker};
use crate::resolve::date_label;

/// A denial answers reports of the days before it, up to this many.
const DENIAL_REACH_DAYS: u64 = 7;
/// Gains and repulsed attacks this many days apart are about the same fighting.
const SAME_FIGHTING_DAYS: u64 = 2;

static REPULSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(repulsed|repelled|repulse|repel|beat back|beaten back|fended off|thwarted|foiled)\b")
        .unwrap()
});
static GAINS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(territorial gains|made gains|gained ground|captured|seized control|took control|recaptured|liberated|advanced)\b")
        .unwrap()
});

/// What a claim asserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assertion {
    /// That the event happened.
    Occurred,
    /// That it did not happen.
    Denied,
    /// That the claimant's side gained ground.
    Gains,
    /// That the claimant's side repulsed the other side's attack.
    Repulsed,
    /// That the other side did wrong (ACCUSE).
    Accusation,
}

/// An event as one claimant tells it in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub event_id: String,
    pub cluster_id: String,
    pub article_id: String,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    /// Who makes the claim (who they speak for); the outlet when it speaks in its own voice.
    pub claimant: String,
    /// The party the claimant speaks for, when it is one.
    pub claimant_party: Option<String>,
    /// "ARM–AZE", when the event's or its article's fighting has two known sides.
    pub conflict: Option<String>,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub mode: Option<String>,
    /// "AZE → ARM": the parties (or actors) the event is between.
    pub about: String,
    pub date: Option<EventDate>,
    pub place: Option<String>,
    pub stance: Stance,
    pub assertion: Assertion,
    pub casualties: Vec<Casualty>,
    pub evidence: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContradictionKind {
    Denial,
    GainsVersusRepulsed,
    Tolls,
}

impl ContradictionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ContradictionKind::Denial => "reported vs denied",
            ContradictionKind::GainsVersusRepulsed => "gains vs repulsed",
            ContradictionKind::Tolls => "differing tolls",
        }
    }
}

/// Two claims that cannot both be true.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contradiction {
    pub kind: ContradictionKind,
    pub conflict: Option<String>,
    /// What they disagree about, in words.
    pub subject: String,
    pub first: Claim,
    pub second: Claim,
}

/// Every claim: the attributed events (a claimant, an accusation, or a denial), in order of
/// date, then event id.
pub fn claims(mentions: &[Mention], cluster_of: &HashMap<String, String>) -> Vec<Claim> {
    let conflicts = conflicts_of_articles(mentions);
    let mut claims: Vec<Claim> = mentions
        .iter()
        .filter(|m| {
            m.event.claimant.is_some()
                || m.event.event_type == EventType::Accuse
                || denies(&m.event)
        })
        .map(|m| claim_of(m, cluster_of, &conflicts))
        .collect();
    sort_claims(&mut claims);
    claims
}

fn sort_claims(claims: &mut [Claim]) {
    claims.sort_by(|a, b| {
        let day = |c: &Claim| c.date.as_ref().and_then(|d| d.start);
        (day(a), &a.event_id).cmp(&(day(b), &b.event_id))
    });
}

fn conflicts_of_articles(mentions: &[Mention]) -> HashMap<String, Option<Conflict>> {
    let mut by_article: HashMap<&str, Vec<&Event>> = HashMap::new();
    for m in mentions {
        by_article.entry(&m.article.id).or_default().push(&m.event);
    }
    by_article
        .into_iter()
        .map(|(id, events)| (id.to_string(), article_conflict(events)))
        .collect()
}

fn denies(event: &Event) -> bool {
    event.stance == Stance::Denied || event.negated
}

fn claim_of(
    m: &Mention,
    cluster_of: &HashMap<String, String>,
    conflicts: &HashMap<String, Option<Conflict>>,
) -> Claim {
    let event = &m.event;
    let (claimant, claimant_party) = match (&event.claimant, event.event_type) {
        (Some(claimant), _) => (speaker(claimant), combatant(claimant)),
        (None, EventType::Accuse) => match &event.source {
            Some(source) => (speaker(source), combatant(source)),
            None => (outlet_voice(m), None),
        },
        (None, _) => (outlet_voice(m), None),
    };
    let conflict =
        Conflict::of_event(event).or_else(|| conflicts.get(&m.article.id).cloned().flatten());
    let assertion = if event.event_type == EventType::Accuse {
        Assertion::Accusation
    } else if denies(event) {
        Assertion::Denied
    } else if event.event_type == EventType::Assault && REPULSED.is_match(&event.evidence.text) {
        Assertion::Repulsed
    } else if event.event_type == EventType::Assault
        && (event.mode.as_deref() == Some("occupation") || GAINS.is_match(&event.evidence.text))
    {
        Assertion::Gains
    } else {
        Assertion::Occurred
    };
    let side = |actor: Option<&observer_model::Actor>| {
        actor
            .map(|a| combatant(a).unwrap_or_else(|| speaker(a)))
            .unwrap_or_else(|| "?".into())
    };
    Claim {
        event_id: event.id.clone(),
        cluster_id: cluster_of.get(&event.id).cloned().unwrap_or_default(),
        article_id: m.article.id.clone(),
        outlet: m.article.outlet.clone(),
        published: m.article.published,
        claimant,
        claimant_party,
        conflict: conflict.map(|c| c.label()),
        event_type: event.event_type,
        mode: event.mode.clone(),
        about: format!(
            "{} → {}",
            side(event.source.as_ref()),
            side(event.target.as_ref())
        ),
        date: event.date.clone(),
        place: event.place.as_ref().map(|p| p.name.clone()),
        stance: event.stance,
        assertion,
        casualties: event.casualties.clone(),
        evidence: event.evidence.text.clone(),
    }
}

pub(crate) fn outlet_voice(m: &Mention) -> String {
    match &m.article.outlet {
        Some(outlet) => format!("{outlet} (own report)"),
        None => "the outlet (own report)".to_string(),
    }
}

/// Every pair of contradicting claims: denials, gains against repulsed attacks, and tolls.
pub fn contradictions(
    mentions: &[Mention],
    cluster_of: &HashMap<String, String>,
    tolls: &[TollEntry],
) -> Vec<Contradiction> {
    let conflicts = conflicts_of_articles(mentions);
    let claim = |m: &Mention| claim_of(m, cluster_of, &conflicts);
    let mut found = Vec::new();
    found.extend(denials(mentions, &claim));
    found.extend(gains_versus_repulsed(mentions, &claim));
    found.extend(toll_disputes(mentions, tolls, &claim));
    // In an order of their own, whatever order the articles came in.
    found.sort_by(|a, b| {
        let key = |c: &Contradiction| {
            (
                c.first.date.as_ref().and_then(|d| d.start),
                c.first.event_id.clone(),
                c.second.event_id.clone(),
                c.kind as u8,
            )
        };
        key(a).cmp(&key(b))
    });
    found
}

fn days_apart(a: &Event, b: &Event, slack: u64) -> bool {
    let span = |e: &Event| {
        e.date
            .as_ref()
            .and_then(|d| Some((d.start?, d.end.or(d.start)?)))
    };
    match (span(a), span(b)) {
        (Some((sa, ea)), Some((sb, eb))) => {
            sa <= eb + Days::new(slack) && sb <= ea + Days::new(slack)
        }
        _ => false,
    }
}

/// An attack reported, and denied by another claimant in the week after.
fn denials(mentions: &[Mention], claim: &dyn Fn(&Mention) -> Claim) -> Vec<Contradiction> {
    let mut found = Vec::new();
    for denial in mentions.iter().filter(|m| denies(&m.event)) {
        let denied = claim(denial);
        let mut answered: BTreeSet<String> = BTreeSet::new();
        for report in &mentions_in_date_order(mentions) {
            let (d, r) = (&denial.event, &report.event);
            if denies(r) || r.hypothetical || r.event_type != d.event_type {
                continue;
            }
            let (Some(denied_on), Some(reported_on)) = (
                d.date.as_ref().and_then(|x| x.end.or(x.start)),
                r.date.as_ref().and_then(|x| x.start),
            ) else {
                continue;
            };
            if reported_on > denied_on || reported_on + Days::new(DENIAL_REACH_DAYS) < denied_on {
                continue;
            }
            if !crate::resolve::compatible_places(d.place.as_ref(), r.place.as_ref())
                || !crate::resolve::compatible_actors(d.source.as_ref(), r.source.as_ref())
                || !crate::resolve::compatible_actors(d.target.as_ref(), r.target.as_ref())
            {
                continue;
            }
            let reported = claim(report);
            if reported.claimant == denied.claimant || !answered.insert(reported.claimant.clone()) {
                continue;
            }
            found.push(Contradiction {
                kind: ContradictionKind::Denial,
                conflict: reported
                    .conflict
                    .clone()
                    .or_else(|| denied.conflict.clone()),
                subject: subject_of(r),
                first: reported,
                second: denied.clone(),
            });
        }
    }
    found
}

fn mentions_in_date_order(mentions: &[Mention]) -> Vec<&Mention> {
    let mut sorted: Vec<&Mention> = mentions.iter().collect();
    sorted.sort_by(|a, b| {
        let day = |m: &Mention| m.event.date.as_ref().and_then(|d| d.start);
        (day(a), &a.event.id).cmp(&(day(b), &b.event.id))
    });
    sorted
}

/// "ASSAULT (aerial) in Niono on 2021-09-19".
fn subject_of(event: &Event) -> String {
    let mut subject = event.event_type.as_str().to_string();
    if let Some(mode) = &event.mode {
        subject.push_str(&format!(" ({mode})"));
    }
    if let Some(place) = &event.place {
        subject.push_str(&format!(" in {}", place.name));
    }
    if let Some(date) = &event.date {
        subject.push_str(&format!(" on {}", date_label(date)));
    }
    subject
}

/// One side claims gains while the other says it repulsed that side's attacks.
fn gains_versus_repulsed(
    mentions: &[Mention],
    claim: &dyn Fn(&Mention) -> Claim,
) -> Vec<Contradiction> {
    let claims: Vec<(&Mention, Claim)> = mentions
        .iter()
        .filter(|m| m.event.event_type == EventType::Assault && !m.event.hypothetical)
        .map(|m| (m, claim(m)))
        .filter(|(_, c)| matches!(c.assertion, Assertion::Gains | Assertion::Repulsed))
        .collect();
    let mut found = Vec::new();
    for (gm, gains) in claims
        .iter()
        .filter(|(_, c)| c.assertion == Assertion::Gains)
    {
        let gainer = gains
            .claimant_party
            .clone()
            .or_else(|| gm.event.source.as_ref().and_then(combatant));
        for (rm, repulsed) in claims
            .iter()
            .filter(|(_, c)| c.assertion == Assertion::Repulsed)
        {
            let (Some(gainer), Some(defender)) = (&gainer, &repulsed.claimant_party) else {
                continue;
            };
            let same_conflict = gains.conflict.is_some() && gains.conflict == repulsed.conflict;
            if gainer == defender
                || !same_conflict
                || !days_apart(&gm.event, &rm.event, SAME_FIGHTING_DAYS)
            {
                continue;
            }
            found.push(Contradiction {
                kind: ContradictionKind::GainsVersusRepulsed,
                conflict: gains.conflict.clone(),
                subject: format!(
                    "fighting between {gainer} and {defender} on {}",
                    gm.event.date.as_ref().map(date_label).unwrap_or_default()
                ),
                first: gains.clone(),
                second: repulsed.clone(),
            });
        }
    }
    found
}

/// Tolls of one group, party and event (running totals: of the same days) that do not overlap.
fn toll_disputes(
    mentions: &[Mention],
    tolls: &[TollEntry],
    claim: &dyn Fn(&Mention) -> Claim,
) -> Vec<Contradiction> {
    let by_id: HashMap<&str, &Mention> =
        mentions.iter().map(|m| (m.event.id.as_str(), m)).collect();
    let mut found = Vec::new();
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for (i, a) in tolls.iter().enumerate() {
        for b in &tolls[i + 1..] {
            let same_subject = a.conflict == b.conflict
                && a.party == b.party
                && a.kind == b.kind
                && a.group == b.group
                && a.cumulative == b.cumulative
                && a.claimant != b.claimant;
            let same_period = if a.cumulative {
                a.date.is_some()
                    && a.date
                        .zip(b.date)
                        .is_some_and(|(x, y)| x.max(y) - x.min(y) <= chrono::TimeDelta::days(1))
            } else {
                a.cluster_id == b.cluster_id
            };
            if !same_subject || !same_period || overlaps(a, b) {
                continue;
            }
            let claimants = if a.claimant < b.claimant {
                (a.claimant.clone(), b.claimant.clone())
            } else {
                (b.claimant.clone(), a.claimant.clone())
            };
            let key = (
                format!("{}|{}|{:?}|{:?}", a.cluster_id, a.party, a.kind, a.group),
                format!("{claimants:?}"),
            );
            if !seen.insert(key) {
                continue;
            }
            let (Some(ma), Some(mb)) = (
                by_id.get(a.event_id.as_str()),
                by_id.get(b.event_id.as_str()),
            ) else {
                continue;
            };
            found.push(Contradiction {
                kind: ContradictionKind::Tolls,
                conflict: Some(a.conflict.clone()).filter(|c| !c.is_empty()),
                subject: format!(
                    "{} among {}, {}",
                    serde_plain(&a.kind),
                    a.party,
                    if a.cumulative {
                        "running total"
                    } else {
                        "one event"
                    }
                ),
                first: claim(ma),
                second: claim(mb),
            });
        }
    }
    found
}

/// Whether two tolls' ranges meet (an open upper bound reaches any higher figure).
fn overlaps(a: &TollEntry, b: &TollEntry) -> bool {
    let range = |t: &TollEntry| (t.min.or(t.max).unwrap_or(0), t.max.unwrap_or(u64::MAX));
    let ((la, ha), (lb, hb)) = (range(a), range(b));
    la <= hb && lb <= ha
}

/// The serde name of a unit enum value ("killed").
pub(crate) fn serde_plain(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}
