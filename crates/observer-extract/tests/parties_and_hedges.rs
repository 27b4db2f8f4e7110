//! Parties and hedges on news the engine has not seen: negated confirmations and disclaimers
//! scoped to one claim, speech-like verbs of tallies ("put the number at"), armed forces named
//! "Defence Force", and the countries of armed groups and named leaders. Sentences written for
//! these tests, from conflicts around the world.

mod common;

use common::{Day, country_role, in_sentence};
use observer_model::{Event, EventType, Stance};

const DAY: Day<'static> = Day("2024-09-18");

#[test]
fn a_negated_confirmation_leaves_the_claim_unverified() {
    let found = DAY.events(
        "The rebels said on their radio station that they had killed 30 soldiers near Gao, \
         a toll that could not be independently confirmed.",
    );
    let e = in_sentence(&found, EventType::Assault, "30 soldiers")[0];
    assert_eq!(e.stance, Stance::Unverified, "{e:#?}");
}

#[test]
fn a_disclaimer_on_one_claim_does_not_cover_earlier_sentences() {
    let found = DAY.events(
        "Gunmen stormed a village in Borno state on Sunday and killed eight farmers, local \
         officials said.\n\nThe insurgents later said they had destroyed two army trucks, a claim \
         that could not be verified.",
    );
    let first = in_sentence(&found, EventType::Assault, "eight farmers")[0];
    assert_eq!(first.stance, Stance::Alleged, "{first:#?}");
    // The claim carrying its own disclaimer is still coded, and unverified.
    let second = in_sentence(&found, EventType::Assault, "two army trucks")[0];
    assert_eq!(second.stance, Stance::Unverified, "{second:#?}");
}

#[test]
fn a_confirmation_by_an_outlet_still_confirms() {
    let found = DAY.events(
        "Shelling killed four civilians in the town of Bakhmut on Friday, local authorities \
         said, a toll the wire's reporters independently confirmed.",
    );
    let e = in_sentence(&found, EventType::Assault, "four civilians")[0];
    assert_eq!(e.stance, Stance::Confirmed, "{e:#?}");
}

#[test]
fn putting_a_number_at_is_reported_speech() {
    let found = DAY.events(
        "Armed men abducted dozens of villagers in Katsina state on Saturday. A police \
         spokesman in Katsina put the number of those kidnapped at 41.",
    );
    let e = in_sentence(&found, EventType::Assault, "put the number")[0];
    assert_eq!(
        country_role(e.claimant.as_ref()).as_deref(),
        Some("NGA/COP"),
        "{e:#?}"
    );
    assert_eq!(e.stance, Stance::Alleged);
}

#[test]
fn a_defence_force_speaks_for_the_military() {
    let found = DAY.events(
        "Two Botswana soldiers were wounded in an ambush by poachers on Tuesday, the Botswana \
         Defence Force said.",
    );
    let e = in_sentence(&found, EventType::Assault, "wounded")[0];
    assert_eq!(
        country_role(e.claimant.as_ref()).as_deref(),
        Some("BWA/MIL"),
        "{e:#?}"
    );
}

#[test]
fn them_after_an_appeal_is_the_pair_just_named() {
    let found = DAY.events(
        "Eritrean and Ethiopian troops exchanged artillery fire near Badme on Monday, officials \
         said.\n\nChina, which has large investments in both countries, called on them to show \
         restraint.",
    );
    let mut targets: Vec<String> = in_sentence(&found, EventType::Request, "called on them")
        .iter()
        .filter_map(|e| country_role(e.target.as_ref()))
        .collect();
    targets.sort();
    assert_eq!(targets, ["ERI/GOV", "ETH/GOV"], "{found:#?}");
}

#[test]
fn them_with_no_pair_in_sight_is_not_a_pair() {
    let found = DAY.events(
        "Riot police fired tear gas at students marching on parliament in Nairobi on Tuesday. \
         Officers urged them to go home.",
    );
    assert!(
        found
            .iter()
            .flat_map(|e| [&e.source, &e.target])
            .flatten()
            .all(|a| a.role.as_deref() != Some("SIDES")),
        "{found:#?}"
    );
}

#[test]
fn both_sides_with_no_known_pair_leave_no_placeholder() {
    let found = DAY.events(
        "A mortar round hit a clinic in the town of Kodok on Monday, killing three patients, aid \
         workers said.\n\nThe regional bloc urged both sides to refrain from further violence.",
    );
    let appeal = in_sentence(&found, EventType::Request, "both sides");
    assert!(
        appeal.iter().all(|e| e
            .target
            .as_ref()
            .is_none_or(|t| t.role.as_deref() != Some("SIDES"))),
        "{appeal:#?}"
    );
}

/// Every country an event's source or target belongs to.
fn party_countries(found: &[Event]) -> Vec<String> {
    found
        .iter()
        .flat_map(|e| [&e.source, &e.target])
        .flatten()
        .filter_map(|a| a.country.clone())
        .collect()
}

#[test]
fn a_neighbour_across_the_border_is_no_party() {
    let found = DAY.events(
        "Five Nigerien police officers were killed when their patrol came under fire near the \
         border with Burkina Faso on Monday, a police statement said.",
    );
    let e = in_sentence(&found, EventType::Assault, "police officers")[0];
    assert_eq!(
        country_role(e.target.as_ref()).as_deref(),
        Some("NER/COP"),
        "{e:#?}"
    );
    assert!(
        !party_countries(&found).contains(&"BFA".to_string()),
        "{found:#?}"
    );
}

#[test]
fn the_country_of_a_venue_is_no_party() {
    let found = DAY.events(
        "The foreign ministers of Armenia and Azerbaijan met in Almaty, Kazakhstan, on Friday \
         for a new round of peace talks.",
    );
    in_sentence(&found, EventType::Consult, "Almaty");
    assert!(
        !party_countries(&found).contains(&"KAZ".to_string()),
        "{found:#?}"
    );
}

#[test]
fn a_ruling_movement_named_as_government_is_the_state() {
    let found = DAY.events(
        "Iran urged the Taliban government in Kabul on Sunday to release the water of the \
         Helmand river.",
    );
    let e = in_sentence(&found, EventType::Request, "Taliban government")[0];
    assert_eq!(
        country_role(e.target.as_ref()).as_deref(),
        Some("AFG/GOV"),
        "{e:#?}"
    );
}

#[test]
fn the_two_countries_are_two_states_in_a_civil_war() {
    let found = DAY.events(
        "Insurgents attacked an army post in Mali's Mopti region on Monday, killing six \
         soldiers, the army said.\n\nMali's government asked Algeria for help in securing the \
         border.\n\nOfficials from the two countries will meet in Algiers next week.",
    );
    let mut sources: Vec<String> = in_sentence(&found, EventType::Consult, "two countries")
        .iter()
        .filter_map(|e| e.source.as_ref().and_then(|a| a.country.clone()))
        .collect();
    sources.sort();
    assert_eq!(sources, ["DZA", "MLI"], "{found:#?}");
}

#[test]
fn a_relative_clause_after_the_subject_adds_no_party() {
    let found = DAY.events(
        "Eritrean and Ethiopian troops exchanged artillery fire near Badme on Monday, officials \
         said.\n\nTurkey, which has military bases in both countries, called on them to show \
         restraint.",
    );
    let appeal = in_sentence(&found, EventType::Request, "called on them");
    assert!(
        appeal
            .iter()
            .all(|e| e.source.as_ref().and_then(|a| a.country.as_deref()) == Some("TUR")),
        "{appeal:#?}"
    );
}

#[test]
fn a_health_worker_is_a_claimant() {
    let found = DAY.events(
        "Shelling on a market in the town of Mayom killed at least seven people on Friday, \
         according to a local health worker.",
    );
    let e = in_sentence(&found, EventType::Assault, "Mayom")[0];
    assert!(e.claimant.is_some(), "{e:#?}");
    assert_eq!(e.stance, Stance::Alleged, "{e:#?}");
}
