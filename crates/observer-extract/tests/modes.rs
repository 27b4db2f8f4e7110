//! How the engine codes an attack's mode from what the sentence says was fired or used, on
//! sentences written for these tests from several conflicts.

mod common;

use common::Day;
use observer_model::EventType;

const DAY: Day<'static> = Day("2024-03-12");

fn mode_of(ty: EventType, text: &str) -> Option<String> {
    DAY.first(ty, text).mode
}

#[test]
fn what_a_firing_verb_fires_gives_the_mode() {
    for (text, mode) in [
        (
            "Separatist units fired 30 mortar rounds at Avdiivka overnight.",
            "shelling",
        ),
        (
            "The Houthis launched four drones at a tanker in the Red Sea on Monday.",
            "drone",
        ),
        (
            "Militants in Gaza fired a dozen rockets towards Ashkelon on Sunday.",
            "missile",
        ),
        (
            "Hezbollah fired at least 15 rockets at Metula late on Friday.",
            "missile",
        ),
        // Nothing named after the verb: gunfire.
        (
            "Soldiers fired at protesters outside the parliament in Nairobi.",
            "firearms",
        ),
    ] {
        assert_eq!(
            mode_of(EventType::Assault, text).as_deref(),
            Some(mode),
            "{text}"
        );
    }
}

#[test]
fn a_bomb_left_or_planted_is_explosives_and_small_arms_are_firearms() {
    for (text, mode) in [
        (
            "A bomb attack on a bus in Quetta killed five people on Friday.",
            "explosives",
        ),
        (
            "Gunmen attacked a police post in Zamfara with automatic weapons on Tuesday.",
            "firearms",
        ),
        // The whole weapon phrase counts, not the word "bomb" inside it.
        (
            "A guided aerial bomb hit a school in Kupiansk on Tuesday.",
            "aerial",
        ),
        (
            "Two soldiers died in a gunfight with smugglers near the border on Monday.",
            "firearms",
        ),
    ] {
        assert_eq!(
            mode_of(EventType::Assault, text).as_deref(),
            Some(mode),
            "{text}"
        );
    }
}

#[test]
fn a_war_named_in_passing_has_no_mode_of_attack() {
    assert_eq!(
        mode_of(
            EventType::Assault,
            "The war between the two countries began in September 2020."
        ),
        None
    );
}

#[test]
fn a_phone_call_is_talks() {
    assert_eq!(
        mode_of(
            EventType::Consult,
            "Kenya's president spoke by phone with his Ethiopian counterpart on Monday."
        )
        .as_deref(),
        Some("talks")
    );
}

#[test]
fn civilians_seized_are_abducted_and_ground_seized_is_occupied() {
    assert_eq!(
        mode_of(
            EventType::Assault,
            "Gunmen seized 40 villagers from a farm near Kaduna on Sunday."
        )
        .as_deref(),
        Some("abduction")
    );
    assert_eq!(
        mode_of(
            EventType::Assault,
            "Rebels seized the town of Bunagana on Monday."
        )
        .as_deref(),
        Some("occupation")
    );
}

#[test]
fn strikes_with_no_weapon_named_are_air_strikes() {
    assert_eq!(
        mode_of(
            EventType::Assault,
            "Coalition strikes hit a fuel depot in Hodeidah overnight."
        )
        .as_deref(),
        Some("aerial")
    );
    // A weapon named with them still decides.
    assert_eq!(
        mode_of(
            EventType::Assault,
            "Missile strikes hit a fuel depot in Hodeidah overnight."
        )
        .as_deref(),
        Some("missile")
    );
}
