//! The casualty ledger: every toll reported, per conflict and party, by claimant and over time.
//!
//! Tolls are of two kinds, told apart and never added together: a running total ("772 troops
//! have died since the war began") and the toll of one event ("the strike killed 11"). For each
//! conflict, party, kind and group the ledger gives low / best / high as ACLED and UCDP do:
//! the lowest and highest figure reported, and a best estimate (the median of each claimant's
//! latest figure). Running totals are compared with each other, never summed; event tolls are
//! first reconciled per event cluster (five outlets repeating "11 killed" are one toll of 11),
//! then summed across clusters.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use observer_model::{Casualty, CasualtyGroup, CasualtyKind, Event, EventType};
use serde::{Deserialize, Serialize};

use crate::Mention;
use crate::parties::{Conflict, article_conflict, combatant, speaker};

/// A number of people with its bounds: `high` is `None` when open ("at least 772").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub low: u64,
    pub best: u64,
    pub high: Option<u64>,
}

impl Range {
    /// Killed in one event as its mentions report it (running totals and parts of another
    /// figure left out): lowest low, highest high, best the median of the mentions' points.
    pub fn of_event_tolls<'a>(events: impl Iterator<Item = &'a Event>) -> Option<Range> {
        let figures: Vec<(u64, Option<u64>)> = events
            .filter(|e| !e.negated && !e.hypothetical)
            .flat_map(|e| &e.casualties)
            .filter(|c| c.kind == CasualtyKind::Killed && !c.cumulative && !c.included)
            .filter_map(|c| c.min.or(c.max).map(|low| (low, c.max)))
            .collect();
        Range::spanning(&figures)
    }

    /// The range over several reported figures `(low, high)`.
    fn spanning(figures: &[(u64, Option<u64>)]) -> Option<Range> {
        let low = figures.iter().map(|(low, _)| *low).min()?;
        let high = figures
            .iter()
            .map(|(low, high)| high.map(|h| h.max(*low)))
            .try_fold(0u64, |acc, high| high.map(|h| acc.max(h)));
        let mut points: Vec<u64> = figures.iter().map(|(l, h)| point(*l, *h)).collect();
        points.sort_unstable();
        let best = points[points.len() / 2];
        Some(Range { low, best, high })
    }

    fn add(self, other: Range) -> Range {
        Range {
            low: self.low + other.low,
            best: self.best + other.best,
            high: self.high.zip(other.high).map(|(a, b)| a + b),
        }
    }
}

/// One figure's point estimate: the figure when exact, the middle of a closed range, the lower
/// bound of an open one.
fn point(low: u64, high: Option<u64>) -> u64 {
    match high {
        Some(high) if high > low => low + (high - low) / 2,
        _ => low,
    }
}

/// One reported toll.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TollEntry {
    /// "ARM–AZE", or empty when the article's fighting has no two known sides.
    pub conflict: String,
    /// Whose people: a party ("ARM"), or "civilians (MLI)", or "unknown".
    pub party: String,
    pub kind: CasualtyKind,
    pub group: CasualtyGroup,
    pub min: Option<u64>,
    pub max: Option<u64>,
    /// A running total rather than the toll of one event.
    pub cumulative: bool,
    /// Who gives the figure: a claimant, or the outlet in its own voice.
    pub claimant: String,
    /// The day the toll is about (the event's first day).
    pub date: Option<NaiveDate>,
    pub published: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub event_id: String,
    pub cluster_id: String,
    pub text: String,
}

/// Low / best / high for one conflict, party, kind and group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TollSummary {
    pub conflict: String,
    pub party: String,
    pub kind: CasualtyKind,
    pub group: CasualtyGroup,
    /// Running totals: over each claimant's latest figure; never summed.
    pub cumulative: Option<Range>,
    /// Event tolls: reconciled per event, then summed over events.
    pub incremental: Option<Range>,
    /// Distinct claimants behind the figures.
    pub claimants: Vec<String>,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CasualtyLedger {
    pub entries: Vec<TollEntry>,
    pub summaries: Vec<TollSummary>,
}

/// Builds the ledger from every mention; `cluster_of` maps event ids to cluster ids.
pub fn ledger(mentions: &[Mention], cluster_of: &HashMap<String, String>) -> CasualtyLedger {
    let mut conflict_of_article: HashMap<&str, Option<Conflict>> = HashMap::new();
    let mut by_article: HashMap<&str, Vec<&Event>> = HashMap::new();
    for m in mentions {
        by_article.entry(&m.article.id).or_default().push(&m.event);
    }
    for (article, events) in &by_article {
        conflict_of_article.insert(article, article_conflict(events.iter().copied()));
    }
    let mut entries: Vec<TollEntry> = mentions
        .iter()
        .filter(|m| {
            m.event.event_type == EventType::Assault && !m.event.negated && !m.event.hypothetical
        })
        .flat_map(|m| {
            let conflict = Conflict::of_event(&m.event).or_else(|| {
                conflict_of_article
                    .get(m.article.id.as_str())
                    .cloned()
                    .flatten()
            });
            tolls_of(&m.event).into_iter().map(move |c| TollEntry {
                conflict: conflict.as_ref().map(Conflict::label).unwrap_or_default(),
                party: victim_party(&m.event, c.group),
                kind: c.kind,
                group: c.group,
                min: c.min,
                max: c.max,
                cumulative: c.cumulative,
                claimant: m
                    .event
                    .claimant
                    .as_ref()
                    .map(speaker)
                    .or_else(|| m.article.outlet.clone())
                    .unwrap_or_else(|| "unattributed".into()),
                date: m.event.date.as_ref().and_then(|d| d.start),
                published: m.article.published,
                outlet: m.article.outlet.clone(),
                event_id: m.event.id.clone(),
                cluster_id: cluster_of.get(&m.event.id).cloned().unwrap_or_default(),
                text: c.text.clone(),
            })
        })
        .collect();
    // A toll whose own report names no two sides takes the conflict of its event's other reports.
    let mut conflict_of_cluster: HashMap<String, String> = HashMap::new();
    for entry in entries.iter().filter(|e| !e.conflict.is_empty()) {
        conflict_of_cluster
            .entry(entry.cluster_id.clone())
            .or_insert_with(|| entry.conflict.clone());
    }
    for entry in entries.iter_mut().filter(|e| e.conflict.is_empty()) {
        if let Some(conflict) = conflict_of_cluster.get(&entry.cluster_id) {
            entry.conflict = conflict.clone();
        }
    }
    entries.sort_by(|a, b| {
        (&a.conflict, &a.party, a.date, &a.event_id).cmp(&(
            &b.conflict,
            &b.party,
            b.date,
            &b.event_id,
        ))
    });
    let summaries = summarise(&entries);
    CasualtyLedger { entries, summaries }
}

/// An event's tolls, one per kind, group and running-or-not: figures of the same sort in one
/// report are bounds of one toll ("12 to 15 killed", read as 12 and 15), so they become one
/// range. Parts of another figure ("including dozens of civilians") are left out.
fn tolls_of(event: &Event) -> Vec<Casualty> {
    let mut tolls: Vec<Casualty> = Vec::new();
    for c in event.casualties.iter().filter(|c| !c.included) {
        match tolls
            .iter_mut()
            .find(|t| (t.kind, t.group, t.cumulative) == (c.kind, c.group, c.cumulative))
        {
            Some(toll) => {
                toll.min = toll.min.into_iter().chain(c.min).min();
                toll.max = toll.max.zip(c.max).map(|(a, b)| a.max(b));
                toll.text = format!("{}; {}", toll.text, c.text);
            }
            None => tolls.push(c.clone()),
        }
    }
    tolls
}

/// Whose people a toll counts: civilians of the country it happened in, else the target's party.
fn victim_party(event: &Event, group: CasualtyGroup) -> String {
    let country = event
        .place
        .as_ref()
        .and_then(|p| p.country.as_deref())
        .or_else(|| event.target.as_ref().and_then(|t| t.country.as_deref()));
    match (&event.target, group) {
        (_, CasualtyGroup::Civilian) => match country {
            Some(country) => format!("civilians ({country})"),
            None => "civilians".to_string(),
        },
        (Some(target), _) => combatant(target).unwrap_or_else(|| speaker(target)),
        (None, _) => "unknown".to_string(),
    }
}

type SummaryKey = (String, String, u8, u8);

fn summarise(entries: &[TollEntry]) -> Vec<TollSummary> {
    let mut groups: BTreeMap<SummaryKey, Vec<&TollEntry>> = BTreeMap::new();
    for entry in entries {
        let key = (
            entry.conflict.clone(),
            entry.party.clone(),
            entry.kind as u8,
            entry.group as u8,
        );
        groups.entry(key).or_default().push(entry);
    }
    groups
        .into_values()
        .map(|group| {
            let cumulative = latest_per_claimant(group.iter().filter(|e| e.cumulative));
            let incremental = per_cluster(group.iter().filter(|e| !e.cumulative));
            let dates = group.iter().filter_map(|e| e.date);
            TollSummary {
                conflict: group[0].conflict.clone(),
                party: group[0].party.clone(),
                kind: group[0].kind,
                group: group[0].group,
                cumulative,
                incremental,
                claimants: group
                    .iter()
                    .map(|e| e.claimant.clone())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                first: dates.clone().min(),
                last: dates.max(),
            }
        })
        .collect()
}

fn figure(entry: &TollEntry) -> Option<(u64, Option<u64>)> {
    entry.min.or(entry.max).map(|low| (low, entry.max))
}

/// Running totals: each claimant's latest figure, then the range over claimants.
fn latest_per_claimant<'a>(entries: impl Iterator<Item = &'a &'a TollEntry>) -> Option<Range> {
    let mut latest: BTreeMap<&str, &TollEntry> = BTreeMap::new();
    for entry in entries {
        let newer = latest
            .get(entry.claimant.as_str())
            .is_none_or(|seen| (entry.date, entry.published) >= (seen.date, seen.published));
        if newer {
            latest.insert(&entry.claimant, entry);
        }
    }
    let figures: Vec<_> = latest.values().filter_map(|e| figure(e)).collect();
    Range::spanning(&figures)
}

/// Event tolls: one range per event cluster, summed over clusters.
fn per_cluster<'a>(entries: impl Iterator<Item = &'a &'a TollEntry>) -> Option<Range> {
    let mut by_cluster: BTreeMap<&str, Vec<(u64, Option<u64>)>> = BTreeMap::new();
    for entry in entries {
        if let Some(figure) = figure(entry) {
            by_cluster
                .entry(&entry.cluster_id)
                .or_default()
                .push(figure);
        }
    }
    by_cluster
        .values()
        .filter_map(|figures| Range::spanning(figures))
        .reduce(Range::add)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_keeps_the_lowest_and_highest_and_an_open_bound_stays_open() {
        let range = Range::spanning(&[(17, None), (22, Some(22)), (11, Some(11))]).unwrap();
        assert_eq!(range.low, 11);
        assert_eq!(range.best, 17);
        assert_eq!(range.high, None);
        let closed = Range::spanning(&[(40, Some(99)), (50, Some(50))]).unwrap();
        assert_eq!((closed.low, closed.high), (40, Some(99)));
        assert_eq!(
            closed.add(closed).high,
            Some(198),
            "event tolls of two events add up"
        );
    }
}
