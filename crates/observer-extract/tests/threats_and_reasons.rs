//! Warnings that threaten and warnings that do not; weapons handed over rather than fired;
//! fighting named as a condition; protests facing the police; reasons given with "citing";
//! relations suspended as a sanction. Sentences written for these tests.

mod common;

use common::Day;
use observer_model::{Event, EventType};

const DAY: Day<'static> = Day("2025-02-11");

#[test]
fn a_warning_threatens_only_a_hostile_or_a_partys_coming_act() {
    for text in [
        "Iran's foreign ministry warned that Tehran would respond to any new restrictions.",
        "The commander warned that Iran would close the Strait of Hormuz to shipping.",
        "North Korea warned that it would strike back at any provocation.",
    ] {
        assert!(
            DAY.types(text).contains(&EventType::Threaten),
            "{text}: {:#?}",
            DAY.events(text)
        );
    }
    for text in [
        "The United Nations has warned that famine conditions have spread across North Darfur.",
        "The World Health Organization warned of a cholera outbreak in the camps.",
        "Aid agencies warned that food stocks in Gaza were running out.",
    ] {
        assert!(
            !DAY.types(text).contains(&EventType::Threaten),
            "{text}: {:#?}",
            DAY.events(text)
        );
    }
}

#[test]
fn weapons_handed_over_are_military_aid_not_an_attack() {
    let sent = DAY.types("Washington said Pyongyang had sent cruise missiles to Moscow last year.");
    assert!(sent.contains(&EventType::Aid), "{sent:?}");
    // An accusation of handing them over carries what it alleges, and no attack.
    let accused = DAY.events(
        "The European Union accused Iran of supplying drones and ballistic missiles to Russia.",
    );
    assert_eq!(accused.len(), 1, "{accused:#?}");
    assert_eq!(accused[0].event_type, EventType::Accuse);
    assert_eq!(accused[0].mode.as_deref(), Some("military"));
    // Fired, they are an attack.
    assert!(
        DAY.types("Russia fired ballistic missiles at Kharkiv overnight.")
            .contains(&EventType::Assault)
    );
}

#[test]
fn fighting_named_as_a_condition_is_no_threat_by_the_speaker() {
    let found = DAY.events(
        "If the fighting continues, the World Food Programme said, hundreds of thousands of people could starve.",
    );
    assert!(
        !found.iter().any(|e| e.event_type == EventType::Threaten),
        "{found:#?}"
    );
    // A party's own force on a condition is a threat.
    let threat = DAY.events(
        "Azerbaijan's president said Baku would destroy any firing point if the attacks continued.",
    );
    assert!(
        threat.iter().any(|e| e.event_type == EventType::Threaten),
        "{threat:#?}"
    );
}

#[test]
fn a_protest_facing_the_police_is_by_the_people_not_the_police() {
    let found = DAY.events(
        "Georgian riot police detained at least 48 protesters overnight as thousands rallied outside parliament in Tbilisi.",
    );
    let protest = found
        .iter()
        .find(|e| e.event_type == EventType::Protest)
        .unwrap_or_else(|| panic!("no protest: {found:#?}"));
    let source = protest.source.as_ref().expect("the protesters");
    assert_eq!(source.role.as_deref(), Some("CVL"));
    assert_eq!(source.country.as_deref(), Some("GEO"));
    // Police who protest themselves stand right before the word.
    let police = DAY.events(
        "Hundreds of police officers protested outside the interior ministry in Paris over pay.",
    );
    assert_eq!(
        police[0].source.as_ref().and_then(|a| a.role.as_deref()),
        Some("COP"),
        "{police:#?}"
    );
}

#[test]
fn a_reason_given_with_citing_is_neither_an_event_nor_a_source() {
    let found = DAY.events(
        "The United States suspended its strategic partnership with Georgia last week, citing the crackdown on demonstrators.",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    let sanction = &found[0];
    assert_eq!(sanction.event_type, EventType::Sanction);
    assert!(sanction.claimant.is_none(), "{sanction:#?}");
    assert_eq!(
        sanction.target.as_ref().map(|a| a.code.as_str()),
        Some("GEOGOV")
    );
}

#[test]
fn a_broker_is_no_counterpart_of_the_parties_to_the_truce() {
    let found = DAY.events(
        "Israel and Hezbollah agreed to a 60-day ceasefire brokered by the United States and France.",
    );
    let country = |a: &Option<observer_model::Actor>| {
        a.as_ref()
            .and_then(|a| a.country.clone())
            .unwrap_or_default()
    };
    let pairs: Vec<(String, String)> = found
        .iter()
        .filter(|e| e.event_type == EventType::Agree && e.target.is_some())
        .map(|e| (country(&e.source), country(&e.target)))
        .collect();
    assert_eq!(pairs.len(), 2, "{found:#?}");
    for (a, b) in pairs {
        assert!(
            matches!((a.as_str(), b.as_str()), ("ISR", "LBN") | ("LBN", "ISR")),
            "{found:#?}"
        );
    }
}

#[test]
fn a_person_described_as_suspected_or_accused_reports_no_accusation() {
    for text in [
        "Police said they had detained five people, including a man suspected of throwing a petrol bomb.",
        "Officials accused of ordering the massacre remain at large, the court said.",
    ] {
        assert!(
            !DAY.types(text).contains(&EventType::Accuse),
            "{text}: {:#?}",
            DAY.events(text)
        );
    }
    assert!(
        DAY.types("The army accused the rebels of shelling the camp.")
            .contains(&EventType::Accuse)
    );
}

#[test]
fn what_a_document_asks_for_is_no_appeal_by_whoever_handles_it() {
    let found = DAY
        .events("Russia vetoed a UN Security Council resolution calling for a ceasefire in Sudan.");
    assert!(
        !types_of(&found).contains(&EventType::Request),
        "{found:#?}"
    );
    assert!(types_of(&found).contains(&EventType::Reject), "{found:#?}");
}

#[test]
fn a_refusal_of_any_talks_is_made_when_it_is_said() {
    for text in [
        "The general rejected any talks with the rebels.",
        "The army chief vowed to break the siege of the city and rejected talks with the rebels.",
    ] {
        let found = DAY.events(text);
        let refusal = found
            .iter()
            .find(|e| e.event_type == EventType::Reject)
            .unwrap_or_else(|| panic!("no refusal: {found:#?}"));
        assert!(!refusal.hypothetical, "{text}: {refusal:#?}");
    }
}

fn types_of(found: &[Event]) -> Vec<EventType> {
    found.iter().map(|e| e.event_type).collect()
}
