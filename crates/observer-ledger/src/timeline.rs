//! One time line of a conflict or of a pair of parties: its events (clusters), the milestones of
//! its truces, and the contradictions between claims, in date order.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::claims::Contradiction;
use crate::parties::{combatant, speaker};
use crate::resolve::{Cluster, date_label};
use crate::truces::Truce;

/// Which entries a time line shows; every field set narrows it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TimelineFilter {
    /// Parties that must all be involved ("ARM", "Rapid Support Forces"), case-insensitive.
    pub parties: Vec<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Leave out hypothetical and background events.
    pub news_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Event,
    Truce,
    Contradiction,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub date: Option<NaiveDate>,
    pub kind: EntryKind,
    /// The cluster, truce or claim the entry is about.
    pub id: String,
    /// The parties involved.
    pub parties: Vec<String>,
    pub summary: String,
    /// How many articles report it.
    pub articles: usize,
}

pub fn timeline(
    clusters: &[Cluster],
    truces: &[Truce],
    contradictions: &[Contradiction],
    filter: &TimelineFilter,
) -> Vec<TimelineEntry> {
    let mut entries: Vec<TimelineEntry> = Vec::new();
    for cluster in clusters {
        if filter.news_only && (cluster.hypothetical || cluster.background) {
            continue;
        }
        let parties: Vec<String> = [cluster.source.as_ref(), cluster.target.as_ref()]
            .into_iter()
            .flatten()
            .map(|a| combatant(a).unwrap_or_else(|| speaker(a)))
            .collect();
        let mut summary = cluster.event_type.as_str().to_string();
        if let Some(mode) = &cluster.mode {
            summary.push_str(&format!(" ({mode})"));
        }
        summary.push_str(&format!(" {}", parties.join(" → ")));
        if let Some(place) = &cluster.place {
            summary.push_str(&format!(" in {}", place.name));
        }
        for (flag, set) in [
            ("negated", cluster.negated),
            ("hypothetical", cluster.hypothetical),
            ("background", cluster.background),
        ] {
            if set {
                summary.push_str(&format!(" [{flag}]"));
            }
        }
        entries.push(TimelineEntry {
            date: cluster.date.as_ref().and_then(|d| d.start),
            kind: EntryKind::Event,
            id: cluster.id.clone(),
            parties,
            summary,
            articles: cluster.counts.articles,
        });
    }
    for truce in truces {
        for change in &truce.history {
            entries.push(TimelineEntry {
                date: change.date,
                kind: EntryKind::Truce,
                id: truce.id.clone(),
                parties: truce.parties.clone(),
                summary: format!("truce {}: {}", truce.conflict, change.status.as_str()),
                articles: truce.articles.len(),
            });
        }
    }
    for c in contradictions {
        entries.push(TimelineEntry {
            date: c.first.date.as_ref().and_then(|d| d.start),
            kind: EntryKind::Contradiction,
            id: c.first.event_id.clone(),
            parties: c
                .conflict
                .as_deref()
                .map(|label| label.split('–').map(str::to_string).collect())
                .unwrap_or_default(),
            summary: format!(
                "{}: {} ({}) vs {} ({}) on {}",
                c.kind.as_str(),
                c.first.claimant,
                c.first.date.as_ref().map(date_label).unwrap_or_default(),
                c.second.claimant,
                c.second.date.as_ref().map(date_label).unwrap_or_default(),
                c.subject
            ),
            articles: 2,
        });
    }
    entries.retain(|e| {
        filter.parties.iter().all(|wanted| {
            e.parties
                .iter()
                .any(|p| p.eq_ignore_ascii_case(wanted.trim()))
        }) && filter
            .since
            .is_none_or(|since| e.date.is_some_and(|d| d >= since))
            && filter
                .until
                .is_none_or(|until| e.date.is_some_and(|d| d <= until))
    });
    entries.sort_by(|a, b| {
        let key = |e: &TimelineEntry| (e.date.is_none(), e.date, e.kind as u8, e.id.clone());
        key(a).cmp(&key(b))
    });
    entries
}
