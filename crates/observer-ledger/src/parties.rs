//! Sides of a conflict: which party an actor fights for, and which two parties an article's
//! fighting is between.
//!
//! A state's government, army, police and officials are one party, named by the state's ISO3
//! code ("ARM"); a non-state armed group is a party of its own, named by its canonical name
//! ("Rapid Support Forces"). Civilians, aid agencies, the media and international bodies are
//! not parties to the fighting (though they report, claim and broker).

use std::collections::BTreeMap;

use observer_model::{Actor, Event, EventType};
use serde::{Deserialize, Serialize};

/// Roles of a state's own organs: they speak and fight for the state.
const STATE_ROLES: [&str; 7] = ["GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PTY"];
/// Roles of armed groups that are not a state's.
const ARMED_GROUP_ROLES: [&str; 3] = ["REB", "INS", "SEP"];

/// The party an actor belongs to, or `None` when it does not fight (civilians, agencies, media,
/// international organisations) or cannot be placed.
pub fn combatant(actor: &Actor) -> Option<String> {
    let role = actor.role.as_deref().unwrap_or("");
    if ARMED_GROUP_ROLES.contains(&role) {
        return Some(armed_group_key(actor));
    }
    if role.is_empty() || STATE_ROLES.contains(&role) {
        return actor.country.clone();
    }
    None
}

/// Who an actor speaks for when it claims something: its party when it fights, else its own
/// name ("United Nations", "civilians (MLI)").
pub fn speaker(actor: &Actor) -> String {
    combatant(actor).unwrap_or_else(|| match &actor.country {
        Some(country) if !is_named_body(actor) => format!("{} ({country})", actor.name),
        _ => actor.name.clone(),
    })
}

/// An actor for display: its name, with its country when the name is a common noun
/// ("SAU government", "Russia").
pub fn label(actor: &Actor) -> String {
    match &actor.country {
        Some(country) if !is_named_body(actor) => format!("{country} {}", actor.name),
        _ => actor.name.clone(),
    }
}

/// A group named by its own name, or by its country and role when the text only said "rebels".
fn armed_group_key(actor: &Actor) -> String {
    let generic = actor.text.eq_ignore_ascii_case(&actor.name)
        && actor.name.chars().next().is_some_and(char::is_lowercase);
    match (&actor.country, generic) {
        (Some(country), true) => format!("{country} {}", actor.name),
        _ => actor.name.clone(),
    }
}

/// True for an organisation known by a proper name (capitalised), as opposed to "residents".
fn is_named_body(actor: &Actor) -> bool {
    actor.name.chars().next().is_some_and(char::is_uppercase)
}

/// Two parties at war with each other, in a stable order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Conflict {
    pub parties: [String; 2],
}

impl Conflict {
    /// The conflict between `a` and `b`; `None` when they are the same party.
    pub fn between(a: &str, b: &str) -> Option<Conflict> {
        match a.cmp(b) {
            std::cmp::Ordering::Less => Some(Conflict {
                parties: [a.to_string(), b.to_string()],
            }),
            std::cmp::Ordering::Greater => Some(Conflict {
                parties: [b.to_string(), a.to_string()],
            }),
            std::cmp::Ordering::Equal => None,
        }
    }

    pub fn involves(&self, party: &str) -> bool {
        self.parties.iter().any(|p| p == party)
    }

    /// "ARM–AZE".
    pub fn label(&self) -> String {
        format!("{}–{}", self.parties[0], self.parties[1])
    }

    /// The conflict an event's two sides are in, when both are parties.
    pub fn of_event(event: &Event) -> Option<Conflict> {
        let source = event.source.as_ref().and_then(combatant)?;
        let target = event.target.as_ref().and_then(combatant)?;
        Conflict::between(&source, &target)
    }
}

/// The conflict an article is about: the pair of parties that appears in the most ASSAULT
/// events (news of the day before background), else in the most other events between two
/// parties (a truce agreed, an accusation); ties broken by name.
pub fn article_conflict<'a>(events: impl IntoIterator<Item = &'a Event>) -> Option<Conflict> {
    let mut counts: BTreeMap<Conflict, (usize, usize, usize)> = BTreeMap::new();
    for event in events {
        if event.hypothetical || event.negated {
            continue;
        }
        if let Some(conflict) = Conflict::of_event(event) {
            let entry = counts.entry(conflict).or_default();
            match (event.event_type, event.background) {
                (EventType::Assault, false) => entry.0 += 1,
                (EventType::Assault, true) => entry.1 += 1,
                _ => entry.2 += 1,
            }
        }
    }
    counts
        .into_iter()
        .max_by(|(a, ca), (b, cb)| ca.cmp(cb).then_with(|| b.cmp(a)))
        .map(|(conflict, _)| conflict)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(name: &str, country: Option<&str>, role: &str) -> Actor {
        Actor {
            text: name.to_string(),
            name: name.to_string(),
            country: country.map(str::to_string),
            role: Some(role.to_string()),
            code: String::new(),
            title: None,
        }
    }

    #[test]
    fn organs_of_a_state_are_one_party_and_groups_their_own() {
        assert_eq!(
            combatant(&actor("Azerbaijan military", Some("AZE"), "MIL")),
            Some("AZE".into())
        );
        assert_eq!(
            combatant(&actor("Ilham Aliyev", Some("AZE"), "GOV")),
            Some("AZE".into())
        );
        assert_eq!(
            combatant(&actor("Rapid Support Forces", Some("SDN"), "REB")),
            Some("Rapid Support Forces".into())
        );
        assert_eq!(
            combatant(&actor("rebels", Some("COL"), "REB")),
            Some("COL rebels".into())
        );
        assert_eq!(combatant(&actor("civilians", Some("MLI"), "CVL")), None);
        assert_eq!(combatant(&actor("United Nations", None, "IGO")), None);
        assert_eq!(
            speaker(&actor("residents", Some("MLI"), "CVL")),
            "residents (MLI)"
        );
        assert_eq!(
            speaker(&actor("United Nations", None, "IGO")),
            "United Nations"
        );
    }

    #[test]
    fn a_conflict_is_the_same_whichever_side_comes_first() {
        assert_eq!(
            Conflict::between("AZE", "ARM"),
            Conflict::between("ARM", "AZE")
        );
        assert_eq!(Conflict::between("ARM", "ARM"), None);
        assert_eq!(Conflict::between("AZE", "ARM").unwrap().label(), "ARM–AZE");
    }
}
