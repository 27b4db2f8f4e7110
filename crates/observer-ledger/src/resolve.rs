//! Event resolution: mentions of the same real-world event, across articles, become one
//! [`Cluster`].
//!
//! Two mentions are of the same event when their types agree, their modes are compatible, their
//! parties do not conflict, their places are within the same admin1 area (or 50 km), and their
//! dates overlap once each is widened by what its precision allows. A cluster is a connected
//! group of such pairs, so the answer does not depend on the order articles arrive in: adding
//! articles one by one gives the same clusters as resolving them all at once.
//!
//! Mentions of one sentence are never merged (the extractor already told them apart), and
//! hypothetical events ("could erupt into war") never merge with real ones.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Days, NaiveDate};
use observer_model::{Actor, DatePrecision, Event, EventDate, EventType, Place, PlacePrecision};
use serde::{Deserialize, Serialize};

use crate::parties::{combatant, speaker};
use crate::{ArticleInfo, Mention};

/// Places this close (in km) are the same place for clustering.
const SAME_PLACE_KM: f64 = 50.0;
/// Day-precise dates may be off by this many days between reports ("overnight", time zones,
/// a report written the next day).
const DAY_SLACK: u64 = 1;

/// Groups mentions into clusters incrementally (a union-find over compatible pairs).
#[derive(Debug, Default, Clone)]
pub struct Resolver {
    mentions: Vec<Mention>,
    /// Union-find parent of each mention.
    parent: Vec<usize>,
    /// Mentions by type and by each day their window covers, to find candidates quickly.
    index: HashMap<(EventType, NaiveDate), Vec<usize>>,
    /// Articles already added, to replace their events when one is added again.
    articles: BTreeSet<String>,
}

impl Resolver {
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }

    /// Adds an article's events: each joins every cluster it is compatible with (merging them).
    /// An article added again replaces its events, which re-resolves from its mentions.
    pub fn add(&mut self, article: &ArticleInfo, events: &[Event]) {
        if self.articles.contains(&article.id) {
            let kept: Vec<Mention> = std::mem::take(&mut self.mentions)
                .into_iter()
                .filter(|m| m.article.id != article.id)
                .collect();
            *self = Resolver::default();
            for mention in kept {
                self.articles.insert(mention.article.id.clone());
                self.push(mention);
            }
        }
        self.articles.insert(article.id.clone());
        for event in events {
            self.push(Mention {
                event: event.clone(),
                article: article.clone(),
            });
        }
    }

    fn push(&mut self, mention: Mention) {
        let new = self.mentions.len();
        self.parent.push(new);
        let days = window_days(&mention.event);
        let mut candidates: BTreeSet<usize> = BTreeSet::new();
        for day in &days {
            if let Some(seen) = self.index.get(&(mention.event.event_type, *day)) {
                candidates.extend(seen.iter().copied());
            }
        }
        for day in days {
            self.index
                .entry((mention.event.event_type, day))
                .or_default()
                .push(new);
        }
        self.mentions.push(mention);
        for other in candidates {
            if same_event(&self.mentions[other], &self.mentions[new]) {
                self.union(other, new);
            }
        }
    }

    /// The root of `i`'s cluster, halving the path on the way (roots stay the smallest index).
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn root(&self, mut i: usize) -> usize {
        while self.parent[i] != i {
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index is the root, so roots do not depend on merge order.
            let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[child] = root;
        }
    }

    /// The mentions of each cluster, keyed by cluster id.
    fn groups(&self) -> BTreeMap<String, Vec<&Mention>> {
        let mut by_root: BTreeMap<usize, Vec<&Mention>> = BTreeMap::new();
        for (i, mention) in self.mentions.iter().enumerate() {
            by_root.entry(self.root(i)).or_default().push(mention);
        }
        by_root
            .into_values()
            .map(|mut members| {
                members.sort_by(|a, b| a.event.id.cmp(&b.event.id));
                (cluster_id(&members[0].event.id), members)
            })
            .collect()
    }

    /// Cluster id of each event id.
    pub fn cluster_of_each(&self) -> HashMap<String, String> {
        self.groups()
            .into_iter()
            .flat_map(|(id, members)| {
                members
                    .into_iter()
                    .map(move |m| (m.event.id.clone(), id.clone()))
            })
            .collect()
    }

    /// `(event id, cluster id)` pairs, sorted by event id.
    pub fn memberships(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = self.cluster_of_each().into_iter().collect();
        pairs.sort();
        pairs
    }

    pub fn clusters(&self) -> Vec<Cluster> {
        let mut clusters: Vec<Cluster> = self
            .groups()
            .into_iter()
            .map(|(id, members)| Cluster::of(id, &members))
            .collect();
        clusters.sort_by(|a, b| {
            let day = |c: &Cluster| c.date.as_ref().and_then(|d| d.start);
            match (day(a), day(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then_with(|| a.id.cmp(&b.id))
        });
        clusters
    }
}

/// A cluster's id: derived from its first event id, so it is the same however it was built.
fn cluster_id(first_event_id: &str) -> String {
    format!(
        "k{}",
        &blake3::hash(first_event_id.as_bytes()).to_hex()[..12]
    )
}

/// The days a mention's date window covers, for the candidate index; empty when undated or
/// too vague to cluster.
fn window_days(event: &Event) -> Vec<NaiveDate> {
    let Some((start, end)) = event.date.as_ref().and_then(window) else {
        return Vec::new();
    };
    start.iter_days().take_while(|d| *d <= end).collect()
}

/// The first and last day a mention may be about, widened by what its precision allows.
/// Years and undated mentions have none: they are too vague to say two reports are one event.
fn window(date: &EventDate) -> Option<(NaiveDate, NaiveDate)> {
    let start = date.start?;
    let end = date.end.unwrap_or(start);
    match date.precision {
        DatePrecision::Day => Some((
            start.checked_sub_days(Days::new(DAY_SLACK))?,
            end.checked_add_days(Days::new(DAY_SLACK))?,
        )),
        DatePrecision::Week | DatePrecision::Month => Some((start, end)),
        DatePrecision::Year => None,
    }
}

/// Whether two mentions can be of one real-world event.
pub fn same_event(a: &Mention, b: &Mention) -> bool {
    let (x, y) = (&a.event, &b.event);
    if x.event_type != y.event_type || x.hypothetical != y.hypothetical {
        return false;
    }
    if x.article_id == y.article_id && x.evidence.sentence == y.evidence.sentence {
        return false;
    }
    let (Some(dx), Some(dy)) = (&x.date, &y.date) else {
        return false;
    };
    // A month-wide mention only meets another month-wide one: it cannot tell days apart.
    if (dx.precision == DatePrecision::Month) != (dy.precision == DatePrecision::Month) {
        return false;
    }
    let (Some((sx, ex)), Some((sy, ey))) = (window(dx), window(dy)) else {
        return false;
    };
    if ex < sy || ey < sx {
        return false;
    }
    compatible_modes(x.mode.as_deref(), y.mode.as_deref())
        && compatible_places(x.place.as_ref(), y.place.as_ref())
        && compatible_sides(x, y)
        && anchored(x, y)
}

/// Two mentions share enough anchors: the place, the attacker, the target, each known in both. One will do
/// within an article (its later sentences go on about the same event); across articles it
/// takes two (the place and a side, or both sides), or a vague mention ("fighting in the
/// city") would chain every event of its days and place into one cluster.
fn anchored(x: &Event, y: &Event) -> bool {
    // Two actors anchor only when they are the same party, or victims of the same kind.
    let both = |a: Option<&Actor>, b: Option<&Actor>| match (a, b) {
        (Some(a), Some(b)) => match (combatant(a), combatant(b)) {
            (Some(pa), Some(pb)) => pa == pb,
            (None, None) => a.role == b.role,
            _ => false,
        },
        _ => false,
    };
    let place = x.place.is_some() && y.place.is_some();
    let straight = [
        both(x.source.as_ref(), y.source.as_ref()),
        both(x.target.as_ref(), y.target.as_ref()),
    ];
    let swapped = [
        both(x.source.as_ref(), y.target.as_ref()),
        both(x.target.as_ref(), y.source.as_ref()),
    ];
    let sides = |pair: [bool; 2]| pair.iter().filter(|&&known| known).count();
    let anchors = place as usize + sides(straight).max(sides(swapped));
    let needed = if x.article_id == y.article_id { 1 } else { 2 };
    anchors >= needed
}

/// Modes that different outlets use for one kind of attack.
const MODE_FAMILIES: [&[&str]; 2] = [&["aerial", "drone", "missile"], &["shelling", "missile"]];

fn compatible_modes(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a == b
                || MODE_FAMILIES
                    .iter()
                    .any(|family| family.contains(&a) && family.contains(&b))
        }
        _ => true,
    }
}

/// Source and target agree, or are swapped in a fight between two sides ("clashes between").
fn compatible_sides(x: &Event, y: &Event) -> bool {
    let straight = compatible_actors(x.source.as_ref(), y.source.as_ref())
        && compatible_actors(x.target.as_ref(), y.target.as_ref());
    let mutual = |e: &Event| matches!(e.mode.as_deref(), None | Some("ground clash"));
    straight
        || (mutual(x)
            && mutual(y)
            && compatible_actors(x.source.as_ref(), y.target.as_ref())
            && compatible_actors(x.target.as_ref(), y.source.as_ref()))
}

/// Unknown on either side is compatible; known parties must be the same party. Victims are
/// told apart by kind, not nationality (reports disagree on whose civilians died), and the
/// civilians of a country are compatible with the forces of that country (its army or a group
/// fighting there): one side says a strike hit homes, the other that it hit a depot.
pub(crate) fn compatible_actors(a: Option<&Actor>, b: Option<&Actor>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    match (combatant(a), combatant(b)) {
        (Some(pa), Some(pb)) => pa == pb,
        (None, None) => a.role == b.role,
        (Some(_), None) | (None, Some(_)) => a.country.is_some() && a.country == b.country,
    }
}

pub(crate) fn compatible_places(a: Option<&Place>, b: Option<&Place>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    if let (Some(ca), Some(cb)) = (&a.country, &b.country)
        && ca != cb
    {
        return false;
    }
    if a.name.eq_ignore_ascii_case(&b.name)
        || (a.gazetteer_id.is_some() && a.gazetteer_id == b.gazetteer_id)
    {
        return true;
    }
    if let (Some(xa), Some(xb)) = (&a.admin1, &b.admin1)
        && xa.eq_ignore_ascii_case(xb)
    {
        return true;
    }
    if let (Some(la), Some(oa), Some(lb), Some(ob)) = (a.lat, a.lon, b.lat, b.lon)
        && km_between(la, oa, lb, ob) <= SAME_PLACE_KM
    {
        return true;
    }
    // A region or country contains what lies in it.
    contains(a, b) || contains(b, a)
}

fn contains(outer: &Place, inner: &Place) -> bool {
    match outer.precision {
        PlacePrecision::Country => true,
        PlacePrecision::Admin1 | PlacePrecision::Region => inner
            .admin1
            .as_deref()
            .is_some_and(|admin1| admin1.eq_ignore_ascii_case(&outer.name)),
        PlacePrecision::City => false,
    }
}

/// Great-circle distance in km (haversine).
fn km_between(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// One real-world event as the ledger knows it from all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub mode: Option<String>,
    pub cameo: String,
    pub source: Option<Actor>,
    pub target: Option<Actor>,
    pub place: Option<Place>,
    pub date: Option<EventDate>,
    /// Killed as reported for this event (not running totals): lowest and highest reported.
    pub killed: Option<crate::casualties::Range>,
    /// Every mention is negated (the event is only ever denied or said not to have happened).
    pub negated: bool,
    pub hypothetical: bool,
    /// Every mention recalls it as background.
    pub background: bool,
    pub counts: ClusterCounts,
    /// Distinct outlets, sorted.
    pub outlets: Vec<String>,
    /// Distinct claimants (who they speak for), sorted.
    pub claimants: Vec<String>,
    /// How many mentions take each stance.
    pub stances: BTreeMap<String, usize>,
    /// How each reconciled field was chosen, and the values that disagreed.
    pub provenance: Vec<FieldChoice>,
    pub mentions: Vec<MentionRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterCounts {
    pub mentions: usize,
    pub articles: usize,
    pub outlets: usize,
    /// Distinct claimants: ten outlets repeating one ministry are one claimant.
    pub claimants: usize,
}

/// A reconciled field: the value chosen, the mentions that gave it, and every other value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChoice {
    pub field: String,
    pub value: String,
    /// Event ids of the mentions that gave this value.
    pub from: Vec<String>,
    /// Why this value won ("most precise", "most reported").
    pub rule: String,
    pub disagreeing: Vec<Alternative>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alternative {
    pub value: String,
    pub from: Vec<String>,
}

/// One mention of a cluster, with where it was published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRef {
    pub event_id: String,
    pub article_id: String,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
    pub claimant: Option<String>,
    pub stance: String,
    pub negated: bool,
    pub evidence: String,
}

impl Cluster {
    fn of(id: String, members: &[&Mention]) -> Cluster {
        let mut provenance = Vec::new();
        let event_type = members[0].event.event_type;
        let mode = choose(
            "mode",
            members,
            |e| e.mode.as_ref().map(|m| (0, m.clone(), m.clone())),
            &mut provenance,
        );
        let cameo = members
            .iter()
            .map(|m| &m.event)
            .filter(|e| e.mode == mode)
            .map(|e| e.cameo.clone())
            .next()
            .unwrap_or_else(|| members[0].event.cameo.clone());
        let source = choose(
            "source",
            members,
            |e| e.source.as_ref().map(actor_choice),
            &mut provenance,
        );
        let target = choose(
            "target",
            members,
            |e| e.target.as_ref().map(actor_choice),
            &mut provenance,
        );
        let place = choose(
            "place",
            members,
            |e| {
                e.place.as_ref().map(|p| {
                    let rank = match p.precision {
                        PlacePrecision::City => 0,
                        PlacePrecision::Region => 1,
                        PlacePrecision::Admin1 => 2,
                        PlacePrecision::Country => 3,
                    };
                    (rank, p.name.clone(), p.clone())
                })
            },
            &mut provenance,
        );
        let date = choose(
            "date",
            members,
            |e| {
                e.date.as_ref().filter(|d| d.start.is_some()).map(|d| {
                    let rank = match d.precision {
                        DatePrecision::Day => 0,
                        DatePrecision::Week => 1,
                        DatePrecision::Month => 2,
                        DatePrecision::Year => 3,
                    };
                    (rank, date_label(d), d.clone())
                })
            },
            &mut provenance,
        );
        let killed = crate::casualties::Range::of_event_tolls(members.iter().map(|m| &m.event));
        let distinct = |f: &dyn Fn(&Mention) -> Option<String>| -> Vec<String> {
            members
                .iter()
                .filter_map(|m| f(m))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        };
        let outlets = distinct(&|m| m.article.outlet.clone());
        let claimants = distinct(&|m| m.event.claimant.as_ref().map(speaker));
        let articles = distinct(&|m| Some(m.article.id.clone())).len();
        let mut stances = BTreeMap::new();
        for m in members {
            *stances
                .entry(m.event.stance.as_str().to_string())
                .or_insert(0) += 1;
        }
        Cluster {
            id,
            event_type,
            mode,
            cameo,
            source,
            target,
            place,
            date,
            killed,
            negated: members.iter().all(|m| m.event.negated),
            hypothetical: members.iter().all(|m| m.event.hypothetical),
            background: members.iter().all(|m| m.event.background),
            counts: ClusterCounts {
                mentions: members.len(),
                articles,
                outlets: outlets.len(),
                claimants: claimants.len(),
            },
            outlets,
            claimants,
            stances,
            provenance,
            mentions: members.iter().map(|m| mention_ref(m)).collect(),
        }
    }

    /// The first day it was reported on.
    pub fn first_reported(&self) -> Option<NaiveDate> {
        self.mentions.iter().filter_map(|m| m.published).min()
    }
}

fn mention_ref(m: &Mention) -> MentionRef {
    MentionRef {
        event_id: m.event.id.clone(),
        article_id: m.article.id.clone(),
        outlet: m.article.outlet.clone(),
        published: m.article.published,
        url: m.article.url.clone(),
        claimant: m.event.claimant.as_ref().map(speaker),
        stance: m.event.stance.as_str().to_string(),
        negated: m.event.negated,
        evidence: m.event.evidence.text.clone(),
    }
}

/// An actor ranks higher when it is placed (country and role) and named by a person or title.
fn actor_choice(actor: &Actor) -> (u8, String, Actor) {
    let placed = actor.country.is_some() as u8 + actor.role.is_some() as u8;
    (2 - placed, actor.name.clone(), actor.clone())
}

/// "2020-10-20" or "2020-10-17..2020-10-18 (week)".
pub fn date_label(date: &EventDate) -> String {
    match (date.start, date.end) {
        (Some(start), Some(end)) if start != end => {
            format!("{start}..{end} ({})", date.precision.as_str())
        }
        (Some(start), _) => start.to_string(),
        _ => "unresolved".to_string(),
    }
}

/// Picks a field's value from the mentions: the best rank (most precise) first, then the value
/// most mentions give, then the first by label. Records the choice and the disagreeing values.
fn choose<T: Clone>(
    field: &str,
    members: &[&Mention],
    value_of: impl Fn(&Event) -> Option<(u8, String, T)>,
    provenance: &mut Vec<FieldChoice>,
) -> Option<T> {
    let mut by_label: BTreeMap<String, (u8, Vec<String>, T)> = BTreeMap::new();
    for m in members {
        if let Some((rank, label, value)) = value_of(&m.event) {
            let entry = by_label
                .entry(label)
                .or_insert_with(|| (rank, Vec::new(), value));
            entry.0 = entry.0.min(rank);
            entry.1.push(m.event.id.clone());
        }
    }
    let best_rank = by_label.values().map(|(rank, _, _)| *rank).min()?;
    let (label, (_, from, value)) = by_label
        .iter()
        .filter(|(_, (rank, _, _))| *rank == best_rank)
        .max_by(|(la, (_, fa, _)), (lb, (_, fb, _))| fa.len().cmp(&fb.len()).then(lb.cmp(la)))?;
    let outranked = by_label.values().any(|(rank, _, _)| *rank > best_rank);
    let rule = if outranked {
        "most precise, then most reported"
    } else {
        "most reported"
    };
    let disagreeing = by_label
        .iter()
        .filter(|(other, _)| *other != label)
        .map(|(other, (_, from, _))| Alternative {
            value: other.clone(),
            from: from.clone(),
        })
        .collect();
    provenance.push(FieldChoice {
        field: field.to_string(),
        value: label.clone(),
        from: from.clone(),
        rule: rule.to_string(),
        disagreeing,
    });
    Some(value.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(name: &str, admin1: Option<&str>, precision: PlacePrecision) -> Place {
        Place {
            name: name.into(),
            country: Some("UKR".into()),
            admin1: admin1.map(str::to_string),
            lat: None,
            lon: None,
            precision,
            gazetteer_id: None,
        }
    }

    #[test]
    fn places_in_one_region_or_near_each_other_are_compatible() {
        let kharkiv = place("Kharkiv", Some("Kharkivska"), PlacePrecision::City);
        let region = place("Kharkivska", None, PlacePrecision::Admin1);
        let odesa = place("Odesa", Some("Odeska"), PlacePrecision::City);
        assert!(compatible_places(Some(&kharkiv), Some(&region)));
        assert!(!compatible_places(Some(&kharkiv), Some(&odesa)));
        assert!(compatible_places(Some(&kharkiv), None));
        let near = Place {
            lat: Some(50.0),
            lon: Some(36.2),
            ..place("A", None, PlacePrecision::City)
        };
        let close = Place {
            lat: Some(50.2),
            lon: Some(36.3),
            ..place("B", None, PlacePrecision::City)
        };
        let far = Place {
            lat: Some(46.5),
            lon: Some(30.7),
            ..place("C", None, PlacePrecision::City)
        };
        assert!(compatible_places(Some(&near), Some(&close)));
        assert!(!compatible_places(Some(&near), Some(&far)));
        assert!((km_between(50.0, 36.2, 46.5, 30.7) - 560.0).abs() < 20.0);
    }

    #[test]
    fn modes_of_one_kind_of_attack_are_compatible() {
        assert!(compatible_modes(Some("aerial"), Some("drone")));
        assert!(compatible_modes(Some("shelling"), None));
        assert!(!compatible_modes(Some("shelling"), Some("aerial")));
    }
}
