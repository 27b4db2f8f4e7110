//! Behaviour of the engine on single news sentences written for these tests: one rule each,
//! checked on sentences from several conflicts so that no rule is tuned to one text.

mod common;

use common::Day;
use observer_model::{Event, EventType};

const DAY: Day<'static> = Day("2023-08-16");

fn assault(text: &str) -> Event {
    DAY.first(EventType::Assault, text)
}

#[test]
fn the_town_an_attack_verb_takes_is_where_it_happened() {
    for (text, place) in [
        ("Russian forces shelled Kherson on Tuesday.", "Kherson"),
        ("Government aircraft bombed Idlib overnight.", "Idlib"),
        ("Rebel fighters attacked Goma at dawn on Monday.", "Goma"),
    ] {
        let e = assault(text);
        assert_eq!(
            e.place.as_ref().map(|p| p.name.as_str()),
            Some(place),
            "{text}"
        );
    }
}

#[test]
fn civilians_harmed_by_an_attack_aimed_at_no_one_named_are_its_target() {
    let e = assault(
        "Drones struck the port of Odesa overnight, wounding two dock workers, the regional \
         governor said.",
    );
    let target = e.target.expect("a target");
    assert_eq!(target.role.as_deref(), Some("CVL"));
    assert_eq!(target.country.as_deref(), Some("UKR"));

    // Soldiers killed are no civilian target.
    let e = assault("Shelling killed three soldiers near Bakhmut on Sunday, the army said.");
    assert!(
        e.target
            .as_ref()
            .is_none_or(|t| t.role.as_deref() != Some("CVL")),
        "{e:#?}"
    );
}

#[test]
fn the_head_of_an_office_that_speaks_is_the_claimant_not_the_target() {
    let e = assault(
        "Militants shelled Kherson on Tuesday, killing a man near the central market, the head \
         of the regional military administration said.",
    );
    let claimant = e.claimant.expect("a claimant");
    assert_eq!(claimant.role.as_deref(), Some("GOV"));
    assert!(
        e.target
            .as_ref()
            .is_none_or(|t| t.role.as_deref() != Some("GOV")),
        "{:?}",
        e.target
    );
}

#[test]
fn a_reaction_to_an_event_reported_before_is_aimed_at_its_doer() {
    let found = DAY.events(
        "Israeli jets struck a building in Damascus on Monday, killing two officers.\n\n\
         Iran's foreign ministry condemned the attack on Tuesday.\n\n\
         The European Union imposed new sanctions on Belarusian potash exports.\n\n\
         Minsk rejected the sanctions as illegal.",
    );
    let accuse = found
        .iter()
        .find(|e| e.event_type == EventType::Accuse)
        .expect("the condemnation");
    assert_eq!(
        accuse.target.as_ref().and_then(|t| t.country.as_deref()),
        Some("ISR")
    );
    let reject = found
        .iter()
        .find(|e| e.event_type == EventType::Reject)
        .expect("the rejection");
    assert!(
        reject
            .target
            .as_ref()
            .is_some_and(|t| t.code.starts_with("EU") || t.name.contains("European")),
        "{reject:#?}"
    );
    // "the sanctions" refers back: it is no second sanction.
    assert_eq!(
        found
            .iter()
            .filter(|e| e.event_type == EventType::Sanction)
            .count(),
        1
    );
    // Condemning something no event of the article did is no accusation of anyone.
    assert!(
        DAY.events("The mayor condemned the decision on Friday.")
            .iter()
            .all(|e| e.event_type != EventType::Accuse)
    );
}

#[test]
fn a_protest_against_no_one_named_is_against_the_local_government() {
    let found =
        DAY.events("Thousands of people rallied in Tbilisi on Saturday against the new law.");
    let protest = found
        .iter()
        .find(|e| e.event_type == EventType::Protest)
        .expect("a protest");
    let target = protest.target.as_ref().expect("a target");
    assert_eq!(target.code, "GEOGOV");
}

#[test]
fn civilian_buildings_and_people_attacked_are_civilian_targets_and_armed_men_are_no_civilians() {
    for text in [
        "Rockets struck two apartment blocks in Kharkiv on Sunday, the governor said.",
        "Government helicopters bombed a market in the town of Kutum on Friday.",
        "A drone killed a woman in the city of Sumy early on Tuesday, officials said.",
    ] {
        let target = assault(text).target.expect(text);
        assert_eq!(target.role.as_deref(), Some("CVL"), "{text}");
    }
    let e = assault("Armed men attacked a police post near Niamey on Thursday.");
    assert_eq!(
        e.source.and_then(|s| s.role),
        Some("REB".to_string()),
        "armed men are an armed group"
    );
}

#[test]
fn the_group_that_speaks_is_the_armed_group_last_named_and_its_forces_act_for_it() {
    let e = assault(
        "Al-Shabaab fighters stormed an army base near Mogadishu on Sunday, the group said in a \
         statement.",
    );
    let claimant = e.claimant.expect("a claimant");
    assert_eq!(claimant.role.as_deref(), Some("REB"));

    let e = assault("Israel's military said its jets had struck targets in southern Lebanon.");
    assert_eq!(
        e.source.and_then(|s| s.country),
        Some("ISR".to_string()),
        "the speaker's jets"
    );
    // Victims counted as "its soldiers" are the speaker's, but the speaker did not attack them.
    let found = DAY.events("Armenia said on Tuesday that 11 of its soldiers had been killed.");
    assert!(
        found.iter().all(|e| e
            .source
            .as_ref()
            .is_none_or(|s| s.country.as_deref() != Some("ARM"))),
        "{found:#?}"
    );
}

#[test]
fn an_attack_only_referred_back_to_is_not_a_second_attack() {
    let count = |text: &str| {
        DAY.events(text)
            .iter()
            .filter(|e| e.event_type == EventType::Assault)
            .count()
    };
    let first = "A car bomb exploded outside a police station in Jamundi on Sunday, killing two \
                 officers.";
    assert_eq!(count(first), 1);
    assert_eq!(
        count(&format!("{first}\n\nNo group has claimed the attack.")),
        1
    );
    // Told more about ("the attack had destroyed"), it is reported again.
    assert_eq!(
        count(&format!(
            "{first}\n\nOfficials said the attack had destroyed three houses nearby."
        )),
        2
    );
}

#[test]
fn an_undated_attack_right_after_a_dated_one_continues_its_story() {
    // Published on Wednesday 2023-08-16.
    let found = DAY.events(
        "Syrian government shelling killed five Turkish soldiers near Saraqib on Monday.\n\n\
         Turkish forces retaliated with artillery fire on targets around the town.\n\n\
         Turkey's president called for restraint.",
    );
    let dates: Vec<(EventType, String)> = found
        .iter()
        .map(|e| {
            let day = e.date.as_ref().and_then(|d| d.start).map(|d| d.to_string());
            (e.event_type, day.unwrap_or_default())
        })
        .collect();
    assert!(
        dates
            .iter()
            .filter(|(t, _)| *t == EventType::Assault)
            .all(|(_, d)| d == "2023-08-14"),
        "{dates:?}"
    );
    // An appeal is news of the day it is published.
    assert!(
        dates
            .iter()
            .any(|(t, d)| *t == EventType::Request && d == "2023-08-16"),
        "{dates:?}"
    );
}
