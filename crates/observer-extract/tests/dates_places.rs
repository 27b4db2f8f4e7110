//! Dates and places of follow-up sentences, reported speech and wider areas: news-style
//! articles written for these tests from several conflicts, each anchored to a publication day.

mod common;

use observer_model::{Event, EventType};

/// The events of `text` published on `published` whose trigger text contains `trigger`.
fn events_at(text: &str, published: &str, trigger: &str) -> Vec<Event> {
    common::events_published(text, published)
        .into_iter()
        .filter(|e| {
            e.provenance.iter().any(|p| {
                p.field == "type" && p.text.as_deref().is_some_and(|t| t.contains(trigger))
            })
        })
        .collect()
}

/// The date ("start..end") of the first event of type `ty` triggered by a word containing `trigger`.
fn date_of(ty: EventType, text: &str, published: &str, trigger: &str) -> String {
    let e = events_at(text, published, trigger)
        .into_iter()
        .find(|e| e.event_type == ty)
        .unwrap_or_else(|| panic!("no {ty} at {trigger:?} in {text:?}"));
    let d = e.date.unwrap_or_else(|| panic!("no date for {text:?}"));
    format!("{}..{}", d.start.unwrap(), d.end.unwrap())
}

#[test]
fn a_follow_up_report_keeps_the_attack_s_day() {
    // 2023-05-18 was a Thursday; the ambush was on Tuesday the 16th.
    let text = "Gunmen ambushed a convoy of aid trucks near the town of Kaya on Tuesday. \
                Aid workers described scenes of panic on the road. \
                The regional governor said eleven drivers had been killed in the attack.";
    assert_eq!(
        date_of(EventType::Assault, text, "2023-05-18", "killed"),
        "2023-05-16..2023-05-16"
    );
    // A new event reported in the present perfect or plain past keeps the publication day.
    let text = "Gunmen ambushed a convoy of aid trucks near the town of Kaya on Tuesday. \
                Aid workers described scenes of panic on the road. \
                Soldiers shot dead three attackers near the border, the army said.";
    assert_eq!(
        date_of(EventType::Assault, text, "2023-05-18", "shot"),
        "2023-05-18..2023-05-18"
    );
}

#[test]
fn a_statement_s_day_does_not_date_the_attack_it_reports() {
    // 2022-11-10 was a Thursday; the shelling was on Monday the 7th.
    let text = "Artillery shells hit a market in the border district on Monday, local officials said. \
                Medics described crowded wards. \
                The separatist militia said on Wednesday that its gunners had shelled an army depot.";
    assert_eq!(
        date_of(EventType::Assault, text, "2022-11-10", "shelled"),
        "2022-11-07..2022-11-07"
    );
    // An arrest a statement reports is dated by the statement.
    let text = "Artillery shells hit a market in the border district on Monday, local officials said. \
                Medics described crowded wards. \
                Police said on Wednesday that they had arrested four suspects.";
    assert_eq!(
        date_of(EventType::Coerce, text, "2022-11-10", "arrested"),
        "2022-11-09..2022-11-09"
    );
}

/// The name of the place of the first event of type `ty` in `text`.
fn place_of(ty: EventType, text: &str, published: &str) -> String {
    common::events_published(text, published)
        .into_iter()
        .find(|e| e.event_type == ty)
        .and_then(|e| e.place)
        .map(|p| p.name)
        .unwrap_or_default()
}

#[test]
fn a_spokesman_s_post_or_a_capital_speaking_is_not_where_it_happened() {
    let text = "Armed men abducted 19 farmers from the village of Dandume on Sunday. \
                A police spokeswoman in Katsina put the number of those taken at 21.";
    let events = common::events_published(text, "2024-06-04");
    assert!(
        events
            .iter()
            .all(|e| e.place.as_ref().is_none_or(|p| p.name != "Katsina")),
        "{events:?}"
    );
    let text = "Fighting flared along the disputed border on Thursday. \
                Hanoi said three of its fishermen had been wounded.";
    assert_ne!(place_of(EventType::Assault, text, "2023-02-10"), "Hanoi");
}

#[test]
fn the_part_named_wins_over_the_area_it_lies_in() {
    let text = "Gunmen stormed a bus depot in the Tank Kalan district of Pakistan's Punjab province on Monday.";
    let place = common::events_published(text, "2024-09-03")
        .into_iter()
        .find(|e| e.event_type == EventType::Assault)
        .and_then(|e| e.place)
        .expect("a place");
    assert_eq!(place.name, "Tank Kalan");
    assert_eq!(place.country.as_deref(), Some("PAK"));
    // A region named before the town it holds ("the Shan town of X") does not replace the town.
    let text = "Rebels shelled the Shan town of Lashio on Monday, residents said.";
    assert_eq!(place_of(EventType::Assault, text, "2024-09-03"), "Lashio");
}

#[test]
fn periods_and_plans_are_not_one_past_day() {
    // 2021-06-10 was a Thursday: the statement was on Tuesday the 8th.
    let text = "The navy said in a statement on Tuesday that it had killed 14 smugglers in raids along the coast over the past week.";
    assert_eq!(
        date_of(EventType::Assault, text, "2021-06-10", "killed"),
        "2021-06-01..2021-06-08"
    );
    // A strike called for a weekday is the coming one.
    let text = "Trade unions have called a nationwide general strike for Monday against the fuel price rise.";
    assert_eq!(
        date_of(EventType::Protest, text, "2021-06-10", "strike"),
        "2021-06-14..2021-06-14"
    );
}

#[test]
fn a_capital_named_in_apposition_is_the_place() {
    let text = "Heavy clashes broke out between rival militias in the Sudanese capital Khartoum late on Friday, residents said.";
    assert_eq!(place_of(EventType::Assault, text, "2024-03-12"), "Khartoum");
}

#[test]
fn a_date_inside_a_charge_dates_the_act_charged_not_the_accusation() {
    // 2023-08-11 was a Friday; the accusation is reported on publication day.
    let text = "Ethiopia accused Eritrea of shelling the frontier villages on Tuesday.";
    assert_eq!(
        date_of(EventType::Accuse, text, "2023-08-11", "accused"),
        "2023-08-11..2023-08-11"
    );
    // A date on the accusing verb itself still dates the accusation.
    let text =
        "The foreign ministry on Tuesday accused the rebels of shelling the frontier villages.";
    assert_eq!(
        date_of(EventType::Accuse, text, "2023-08-11", "accused"),
        "2023-08-08..2023-08-08"
    );
}

#[test]
fn a_town_whose_relative_clause_tells_of_another_event_does_not_place_the_main_one() {
    let text = "Tens of thousands of people marched through central Nairobi on Saturday in one of the largest protests in Kenya in years, demanding accountability for the collapse of a bridge in Mombasa that killed 15 people.";
    assert_ne!(place_of(EventType::Protest, text, "2024-07-08"), "Mombasa");
}
