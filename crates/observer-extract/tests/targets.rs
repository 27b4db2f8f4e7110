//! Whom an event is done to: the target on shapes of news copy where it is not the plain object
//! of the verb. Attacks on civilian sites (the other side's civilians, not its forces), a party
//! qualified by the noun it heads ("Thai hostages", "government positions", "prisoners of war"),
//! and a warning or appeal joined to an accusation that names its target. Sentences written for
//! these tests, from other conflicts and in other phrasings than the gold corpus.

mod common;

use common::{Day, code, pair};
use observer_model::{Event, EventType};

const DAY: Day<'static> = Day("2024-06-18");

/// (source code, target code) of every event of a type.
fn dyads(ty: EventType, text: &str) -> Vec<(String, String)> {
    DAY.dyads(ty, text, code)
}

fn has_rule(e: &Event, rule: &str) -> bool {
    e.rules.iter().any(|r| r == rule)
}

#[test]
fn an_attack_on_a_civilian_site_is_aimed_at_the_other_sides_civilians() {
    let text = "Azerbaijani troops shelled Armenian army positions near Sotk on Monday, Armenia's \
                defence ministry said.\n\n\
                On Tuesday, Azerbaijani drones hit a water station near Sotk, the ministry said.";
    let found = DAY.events(text);
    let site = found
        .iter()
        .find(|e| e.evidence.sentence == 1 && e.event_type == EventType::Assault)
        .expect("the strike on the water station is coded");
    assert_eq!(code(&site.target), "ARMCVL", "{site:#?}");
    assert!(
        has_rule(site, "actors:civilian-site-attacked"),
        "{:?}",
        site.rules
    );
    // The positions themselves are the army's.
    assert!(
        found
            .iter()
            .any(|e| e.evidence.sentence == 0 && code(&e.target) == "ARMMIL"),
        "{found:#?}"
    );
}

#[test]
fn a_military_site_or_a_clash_keeps_the_fighters_as_target() {
    // "an army barracks" is no civilian site; a clash over a market is between fighters.
    let text = "Al-Shabaab fighters and Somali troops have fought for weeks around Beledweyne.\n\n\
                On Friday the militants attacked an army barracks near the town's market, the \
                army said.";
    let found = DAY.events(text);
    let barracks = found
        .iter()
        .find(|e| e.evidence.sentence == 1 && e.event_type == EventType::Assault)
        .expect("the attack on the barracks is coded");
    assert!(
        !has_rule(barracks, "actors:civilian-site-attacked"),
        "{:?}",
        barracks.rules
    );
    assert_ne!(code(&barracks.target), "SOMCVL", "{barracks:#?}");
}

#[test]
fn hostages_and_prisoners_named_by_a_demonym_are_civilians() {
    let found = dyads(
        EventType::Concede,
        "Under the agreement, the militants are to free 12 Thai hostages, the mediator said.",
    );
    assert!(
        found.iter().any(|(_, t)| t == "THACVL"),
        "hostages are civilians: {found:?}"
    );
    let found = dyads(
        EventType::Concede,
        "Eritrea released 30 Ethiopian prisoners on Friday, state media said.",
    );
    assert!(
        found.contains(&pair("ERIGOV", "ETHCVL")),
        "prisoners are civilians: {found:?}"
    );
}

#[test]
fn positions_and_soldiers_of_a_party_are_its_forces() {
    let found = dyads(
        EventType::Assault,
        "Tigrayan fighters attacked government positions near Alamata on Sunday, the regional \
         administration said.",
    );
    assert!(
        found.iter().any(|(_, t)| t == "ETHMIL"),
        "government positions are held by the army: {found:?}"
    );
    let found = dyads(
        EventType::Assault,
        "Houthi fighters shelled the government's positions near Marib on Sunday, the army said.",
    );
    assert!(
        found.iter().any(|(_, t)| t == "YEMMIL"),
        "a possessive's positions too: {found:?}"
    );
    // A country owning a city is not the city: no role from "Venezuela's second city".
    let found = dyads(
        EventType::Protest,
        "Hundreds of residents protested against water shortages in Colombia's second city on \
         Tuesday.",
    );
    assert!(found.iter().all(|(_, t)| t != "COLCVL"), "{found:?}");
}

#[test]
fn a_warning_or_appeal_joined_to_an_accusation_shares_its_target() {
    let found = dyads(
        EventType::Request,
        "The Sudanese army condemned the RSF for the looting of aid warehouses and urged it to \
         withdraw from El Obeid.",
    );
    assert!(found.contains(&pair("SDNMIL", "SDNREB")), "{found:?}");
    let found = dyads(
        EventType::Threaten,
        "Thailand's army chief blamed Cambodia for the skirmish and warned that it would pay \
         dearly for any repeat.",
    );
    assert!(found.contains(&pair("THAMIL", "KHMGOV")), "{found:?}");
    // An appeal joined to a charge by another speaker is not aimed by it.
    let found = DAY.events(
        "Kenya accused the gunmen of targeting Christians, and the United Nations urged calm.",
    );
    assert!(
        found
            .iter()
            .all(|e| !has_rule(e, "actors:target-of-joined-verb")),
        "{found:#?}"
    );
}

#[test]
fn prisoners_of_war_exchanged_are_each_sides_forces() {
    let found = dyads(
        EventType::Concede,
        "Eritrea and Ethiopia exchanged 40 prisoners of war each on Thursday, the Red Cross \
         said.",
    );
    assert!(found.iter().any(|(_, t)| t == "ETHMIL"), "{found:?}");
    assert!(found.iter().any(|(_, t)| t == "ERIMIL"), "{found:?}");
    // Released civilians are civilians.
    let found = dyads(
        EventType::Concede,
        "Azerbaijan freed six Armenian villagers detained near the border, the ombudsman said.",
    );
    assert!(found.iter().any(|(_, t)| t == "ARMCVL"), "{found:?}");
}

#[test]
fn villages_in_a_named_country_attacked_are_its_civilians() {
    let found = dyads(
        EventType::Assault,
        "Al-Shabaab fighters attacked villages in northern Kenya overnight, local officials said.",
    );
    assert!(found.iter().any(|(_, t)| t == "KENCVL"), "{found:?}");
    // A country attacked with no site named is its forces, as before.
    let found = dyads(
        EventType::Assault,
        "Al-Shabaab fighters attacked Kenyan troops near Mandera overnight, officials said.",
    );
    assert!(found.iter().all(|(_, t)| t != "KENCVL"), "{found:?}");
}

#[test]
fn a_capital_is_the_object_of_an_appeal_past_a_date() {
    let found = dyads(
        EventType::Request,
        "Thailand's foreign minister urged Phnom Penh on Friday to pull its troops back from the \
         disputed temple.",
    );
    assert!(found.iter().any(|(_, t)| t == "KHMGOV"), "{found:?}");
    let found = dyads(
        EventType::Accuse,
        "Azerbaijan's foreign ministry accused Yerevan again of planting mines near the border.",
    );
    assert!(found.iter().any(|(_, t)| t == "ARMGOV"), "{found:?}");
    // A capital after "in" is still the place: "talks in Doha on Friday to ..." names no party.
    let found = dyads(
        EventType::Consult,
        "Sudanese and RSF envoys met in Jeddah on Friday to discuss a truce.",
    );
    assert!(found.iter().all(|(_, t)| t != "SAUGOV"), "{found:?}");
}

#[test]
fn condemning_the_killing_of_a_party_accuses_the_killers_not_the_victims() {
    let text = "Al-Shabaab gunmen killed two police officers near Garissa on Monday, police said.\n\n\
                The Kenyan president condemned the killing of the two officers.";
    let found = DAY.events(text);
    let charge = found
        .iter()
        .find(|e| e.event_type == EventType::Accuse)
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_ne!(code(&charge.target), "KENCOP", "{charge:#?}");
    assert_eq!(
        charge.target.as_ref().and_then(|t| t.role.as_deref()),
        Some("REB"),
        "{charge:#?}"
    );
}

#[test]
fn those_invited_to_talks_are_met_and_an_apposition_is_the_host() {
    let found = dyads(
        EventType::Consult,
        "Egypt invited Israeli and Hamas negotiators to talks in Cairo next week.",
    );
    assert!(found.contains(&pair("EGYGOV", "PSEHMS")), "{found:?}");
    let found = dyads(
        EventType::Consult,
        "Ghana's president, the chairman of ECOWAS, invited the leaders of Mali and Niger to \
         talks in Accra.",
    );
    assert!(found.iter().any(|(_, t)| t == "MLIGOV"), "{found:?}");
    assert!(found.iter().any(|(_, t)| t == "NERGOV"), "{found:?}");
    assert!(found.iter().all(|(_, t)| !t.contains("ECO")), "{found:?}");
}

#[test]
fn the_party_blamed_for_an_attack_is_its_doer() {
    let text = "Sudan's army and the RSF have fought for control of El Fasher since May.\n\n\
                The army blamed the RSF for an attack on a displacement camp near the city on \
                Monday.";
    let found = DAY.events(text);
    let attack = found
        .iter()
        .find(|e| e.evidence.sentence == 1 && e.event_type == EventType::Assault)
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(code(&attack.source), "SDNREB", "{attack:#?}");
    assert!(
        attack
            .rules
            .iter()
            .any(|r| r.ends_with("+actors:accused-doer")),
        "{:?}",
        attack.rules
    );
    // The camp's people are the army side's civilians, not the army.
    assert_eq!(code(&attack.target), "SDNCVL", "{attack:#?}");
    // The accusation itself is the army's, at the RSF.
    assert!(
        dyads(EventType::Accuse, text).contains(&pair("SDNMIL", "SDNREB")),
        "{found:#?}"
    );
}

#[test]
fn a_country_whose_sovereignty_was_violated_is_wronged_not_accused() {
    let text = "Israeli jets struck a weapons depot near Homs overnight, Syrian state media said.\n\n\
                Russia called the strike a flagrant violation of Syrian sovereignty.";
    let found = dyads(EventType::Accuse, text);
    assert!(found.contains(&pair("RUSGOV", "ISRMIL")), "{found:?}");
    assert!(
        found.iter().all(|(_, t)| !t.starts_with("SYR")),
        "{found:?}"
    );
}
