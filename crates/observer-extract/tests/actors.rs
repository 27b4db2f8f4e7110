//! Who did it to whom: actor country and role, and the direction of the dyad, on news-style
//! sentences written for these tests from several conflicts (coalitions, spokespeople, appeals to
//! both parties of a war, passives, interceptions, coreference across sentences).

mod common;

use common::{Day, code, pair};
use observer_model::{Event, EventType};

const DAY: Day<'static> = Day("2024-03-12");

/// (source code, target code) of every event of a type.
fn dyads(ty: EventType, text: &str) -> Vec<(String, String)> {
    DAY.dyads(ty, text, code)
}

#[test]
fn a_force_led_by_a_state_acts_for_that_state_and_is_recalled_later() {
    let text = "Air strikes by the US-led coalition hit an Islamic State position near Raqqa on \
                Tuesday, killing 14 militants.\n\nCoalition jets also bombed a bridge over the \
                Euphrates later that day, the coalition said.";
    let found = DAY.events(text);
    let strikes: Vec<&Event> = found
        .iter()
        .filter(|e| e.event_type == EventType::Assault)
        .collect();
    assert!(strikes.len() >= 2, "{found:#?}");
    for e in strikes {
        assert_eq!(code(&e.source), "USAMIL", "{e:#?}");
    }
}

#[test]
fn a_patron_named_in_a_compound_is_not_the_actor() {
    // "Iranian-backed" names who backs the militias; the militias themselves are local.
    let e = DAY.first(
        EventType::Assault,
        "Iranian-backed militias fired rockets at a base near Erbil in Iraq on Sunday.",
    );
    let source = e.source.expect("the militias");
    assert_eq!(source.role.as_deref(), Some("REB"));
    assert_ne!(source.country.as_deref(), Some("IRN"));
}

#[test]
fn a_spokesperson_speaks_for_the_group_named_with_the_title() {
    let e = DAY.first(
        EventType::Assault,
        "Taliban fighters attacked a police checkpoint in Kunduz on Monday, a Taliban \
         spokesman said.",
    );
    assert_eq!(code(&e.claimant), "AFGTAL", "{e:#?}");
    let e = DAY.first(
        EventType::Request,
        "A spokesman for the European Union urged Belgrade to withdraw its troops from the \
         border.",
    );
    assert_eq!(
        e.source.as_ref().and_then(|a| a.role.as_deref()),
        Some("IGO"),
        "{e:#?}"
    );
}

#[test]
fn an_appeal_to_both_states_at_war_is_made_to_their_governments() {
    let text = "Ethiopian troops shelled Eritrean positions near Badme on Monday, killing four \
                soldiers.\n\nThe African Union urged both countries to return to talks.";
    let mut found = dyads(EventType::Request, text);
    found.sort();
    assert_eq!(
        found,
        vec![pair("IGOAFRAFU", "ERIGOV"), pair("IGOAFRAFU", "ETHGOV")]
    );
}

#[test]
fn an_abduction_targets_the_civilians_it_took() {
    let e = DAY.first(
        EventType::Assault,
        "Gunmen abducted 40 villagers from a farming settlement in Zamfara state on Friday, \
         police said.",
    );
    assert_eq!(
        e.target.as_ref().and_then(|a| a.role.as_deref()),
        Some("CVL"),
        "{e:#?}"
    );
}

#[test]
fn an_interception_is_the_attack_of_whoever_launched_the_weapons() {
    // The weapons' owner is named on them...
    let e = DAY.first(
        EventType::Assault,
        "Russia's defence ministry said its air defences had shot down 19 Ukrainian drones over \
         the Belgorod region overnight.",
    );
    assert_eq!(
        e.source.as_ref().and_then(|a| a.country.as_deref()),
        Some("UKR")
    );
    assert_eq!(
        e.target.as_ref().and_then(|a| a.country.as_deref()),
        Some("RUS")
    );
    // ... or as the agent of the launch.
    let e = DAY.first(
        EventType::Assault,
        "Israeli air defences intercepted a missile fired by Lebanon's Hezbollah over the \
         Galilee on Friday.",
    );
    assert_eq!(code(&e.source), "LBNHZB", "{e:#?}");
    assert_eq!(
        e.target.as_ref().and_then(|a| a.country.as_deref()),
        Some("ISR")
    );
}

#[test]
fn a_group_named_with_a_country_belongs_to_that_country() {
    let e = DAY.first(
        EventType::Assault,
        "The Pakistani Taliban attacked a police station in Bannu on Monday.",
    );
    let source = e.source.expect("the Pakistani Taliban");
    assert_eq!(source.country.as_deref(), Some("PAK"));
    assert_eq!(source.role.as_deref(), Some("REB"));
    let e = DAY.first(
        EventType::Concede,
        "Sudan's Rapid Support Forces (RSF) declared a unilateral ceasefire on Sunday.",
    );
    // The name and its acronym are one party, which does not act on itself.
    assert_eq!(code(&e.source), "SDNREB");
    assert_ne!(code(&e.target), "SDNREB");
}

#[test]
fn a_country_fired_at_or_given_to_is_the_target_not_a_place() {
    let found = dyads(
        EventType::Assault,
        "North Korea fired two ballistic missiles at Japan on Thursday.",
    );
    assert!(
        found
            .iter()
            .any(|(s, t)| s.starts_with("PRK") && t.starts_with("JPN")),
        "{found:?}"
    );
    let found = dyads(
        EventType::Aid,
        "Norway sent weapons to Ukraine last month, the defence ministry in Oslo said.",
    );
    assert!(
        found
            .iter()
            .any(|(s, t)| s.starts_with("NOR") && t.starts_with("UKR")),
        "{found:?}"
    );
    // Travel is not aimed at anyone: the country stays a place.
    let e = DAY.first(
        EventType::Consult,
        "Egypt's foreign minister travelled to Qatar for talks with Hamas officials.",
    );
    assert_ne!(
        e.target.as_ref().and_then(|a| a.country.as_deref()),
        Some("QAT"),
        "{e:#?}"
    );
}

#[test]
fn an_official_named_after_a_group_is_the_group() {
    let e = DAY.first(
        EventType::Threaten,
        "A senior Hezbollah official warned that the group would respond to any Israeli \
         attack on Beirut.",
    );
    assert_eq!(code(&e.source), "LBNHZB", "{e:#?}");
    let e = DAY.first(
        EventType::Assault,
        "Kurdish fighters shelled a Turkish border post on Sunday, Turkish military officials \
         said.",
    );
    // "military" names the speakers, not whom the fighters shelled.
    assert_eq!(
        e.target.as_ref().and_then(|a| a.country.as_deref()),
        Some("TUR"),
        "{e:#?}"
    );
}

#[test]
fn troops_killed_abroad_by_no_one_named_were_hit_by_the_host_country() {
    let e = DAY.first(
        EventType::Assault,
        "Six Turkish soldiers were killed in Syria on Thursday.",
    );
    assert_eq!(code(&e.source), "SYRMIL", "{e:#?}");
    assert_eq!(code(&e.target), "TURMIL", "{e:#?}");
}

#[test]
fn jihadists_are_given_no_country_but_local_rebels_are() {
    let e = DAY.first(
        EventType::Assault,
        "Suspected jihadists attacked a village near Menaka in northern Mali on Saturday.",
    );
    let source = e.source.expect("the jihadists");
    assert_eq!(source.role.as_deref(), Some("REB"));
    assert_eq!(source.country, None, "{source:#?}");
    let e = DAY.first(
        EventType::Assault,
        "Rebels attacked a village near Bunia in eastern Congo on Saturday.",
    );
    assert_eq!(code(&e.source), "CODREB", "{e:#?}");
}

#[test]
fn both_sides_of_a_truce_accuse_each_other_when_the_article_reports_no_fighting_pair() {
    // No attack names two parties here: the truce does.
    let civil = "Sudan's army and the paramilitary Rapid Support Forces agreed a 72-hour \
                 humanitarian truce in El Fasher on Monday. Both sides accused each other of \
                 breaking the truce on Saturday.";
    let accusations = dyads(EventType::Accuse, civil);
    assert_eq!(accusations.len(), 2, "{accusations:?}");
    assert!(
        accusations.contains(&pair("SDNMIL", "SDNREB")),
        "{accusations:?}"
    );
    assert!(
        accusations.contains(&pair("SDNREB", "SDNMIL")),
        "{accusations:?}"
    );
    let interstate = "India and Pakistan agreed on Monday to observe a ceasefire along the Line \
                      of Control. Each side accused the other of firing first on Thursday.";
    let accusations = dyads(EventType::Accuse, interstate);
    assert!(
        accusations.contains(&pair("INDGOV", "PAKGOV")),
        "{accusations:?}"
    );
    assert!(
        accusations.contains(&pair("PAKGOV", "INDGOV")),
        "{accusations:?}"
    );
}
