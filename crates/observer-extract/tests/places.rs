//! Where events happened: which place an event of a news story is put at when its own sentence
//! names none, on news-style articles written for these tests from several conflicts.

mod common;

use common::{Day, in_sentence};
use observer_model::{Event, EventType};

/// The name of an event's place, or "-" when it has none.
fn place(e: &Event) -> String {
    e.place.as_ref().map_or("-".into(), |p| p.name.clone())
}

/// The place of the first event of type `ty` in the sentence holding `marker`.
fn place_in(day: &str, text: &str, ty: EventType, marker: &str) -> String {
    let found = Day(day).events(text);
    let events = in_sentence(&found, ty, marker);
    let e = events
        .first()
        .unwrap_or_else(|| panic!("no {ty} in the sentence of {marker:?}: {found:#?}"));
    place(e)
}

#[test]
fn a_toll_over_years_is_the_countrys_not_the_towns_of_the_lead() {
    for (text, marker, want) in [
        (
            "Gunmen stormed a livestock market in Gao on Monday, killing 12 traders, local officials said.\n\n\
             The insurgency has killed thousands of civilians since it began in 2012.",
            "insurgency",
            "Mali",
        ),
        (
            "Gunmen killed nine farmers in an attack on a village near Bunia on Wednesday, a local official said.\n\n\
             The militia has killed more than 2,000 civilians in the province since 2019, according to the United Nations.",
            "militia",
            "DR Congo",
        ),
    ] {
        assert_eq!(
            place_in("2024-03-08", text, EventType::Assault, marker),
            want,
            "{text}"
        );
    }
    // The lead's own attack keeps its town.
    let text = "Gunmen stormed a livestock market in Gao on Monday, killing 12 traders, local officials said.\n\n\
                The insurgency has killed thousands of civilians since it began in 2012.";
    assert_eq!(
        place_in("2024-03-08", text, EventType::Assault, "livestock"),
        "Gao"
    );
}

#[test]
fn a_past_war_between_two_states_is_put_nowhere() {
    let text = "Eritrean troops shelled positions outside the Ethiopian town of Adigrat on Sunday, killing three soldiers, Ethiopia's defence ministry said.\n\n\
                Ethiopia and Eritrea last fought a full-scale war in 1998.";
    assert_eq!(
        place_in("2024-03-08", text, EventType::Assault, "full-scale"),
        "-"
    );
    assert_ne!(
        place_in("2024-03-08", text, EventType::Assault, "shelled"),
        "-"
    );
}

#[test]
fn a_governments_national_act_is_in_its_country_a_local_authoritys_in_the_town() {
    let text = "Rebels shelled Goma on Saturday, killing five civilians, the army said.\n\n\
                The government on Monday ordered the mobilisation of 10,000 reservists.\n\n\
                The mayor's office imposed an overnight curfew on Tuesday.";
    assert_eq!(
        place_in("2024-03-06", text, EventType::Mobilize, "reservists"),
        "DR Congo"
    );
    assert_eq!(
        place_in("2024-03-06", text, EventType::Coerce, "curfew"),
        "Goma"
    );

    let text = "Protesters blocked the main road into Mandalay on Friday, and police fired tear gas to disperse them, witnesses said.\n\n\
                Myanmar's military government on Saturday ordered two foreign diplomats to leave the country within 48 hours.\n\n\
                The regional government announced a curfew in the evening.";
    assert_eq!(
        place_in("2024-03-08", text, EventType::Coerce, "diplomats"),
        "Myanmar"
    );
    assert_eq!(
        place_in("2024-03-08", text, EventType::Coerce, "regional"),
        "Mandalay"
    );
}

#[test]
fn the_rule_behind_a_country_put_for_a_town_is_explained() {
    let text = "Rebels shelled Goma on Saturday, killing five civilians, the army said.\n\n\
                The government on Monday ordered the mobilisation of 10,000 reservists.";
    let found = Day("2024-03-06").events(text);
    let e = in_sentence(&found, EventType::Mobilize, "reservists")[0];
    let why = e.provenance.iter().find(|p| p.field == "place").unwrap();
    assert!(
        why.rule
            .starts_with("place:country-national-act+article-focus+"),
        "{why:?}"
    );
    assert!(
        why.start.is_none(),
        "an inferred place has no span: {why:?}"
    );
}

#[test]
fn where_a_statement_was_made_is_not_where_the_event_happened() {
    let text = "Drones struck a fuel depot in Sevastopol overnight, the governor said.\n\n\
                The attack caused a large fire, a navy spokesman told reporters in Moscow.\n\n\
                The Ukrainian foreign minister said at a news conference in Kyiv that the strike had destroyed two ships.";
    for marker in ["attack", "strike"] {
        assert_eq!(
            place_in("2024-03-08", text, EventType::Assault, marker),
            "Sevastopol",
            "{marker}"
        );
    }
    // A truce declared in a region is declared there, whatever verb declares it.
    let text = "The rebels declared a unilateral ceasefire in North Kivu on Monday.";
    let e = Day("2024-03-08").events(text);
    assert!(e.iter().any(|e| place(e) == "North Kivu"), "{e:#?}");
}

#[test]
fn a_district_the_gazetteer_lacks_is_put_in_the_large_city_of_the_story() {
    let text = "Russian missiles struck Kyiv overnight, killing four people, the city's mayor said.\n\n\
                A missile hit a school in the Obolonsky district, injuring six children, he added.\n\n\
                Separately, shelling killed two people in the village of Hrakove near Kupiansk, the regional governor said.";
    let found = Day("2024-03-08").events(text);
    let school = in_sentence(&found, EventType::Assault, "school")[0];
    assert_eq!(place(school), "Kyiv");
    let rule = &school
        .provenance
        .iter()
        .find(|p| p.field == "place")
        .unwrap()
        .rule;
    assert!(rule.ends_with("+district-of-city"), "{rule}");
    // A village is no district of the city: it keeps its own name.
    let village = in_sentence(&found, EventType::Assault, "Hrakove")[0];
    assert_eq!(place(village), "Hrakove");
}

#[test]
fn a_capital_that_also_names_an_actor_is_a_place_after_in() {
    let text = "European Union foreign ministers imposed new sanctions on Belarus at a meeting in Brussels on Monday.";
    assert_eq!(
        place(&Day("2024-03-08").first(EventType::Sanction, text)),
        "Brussels"
    );
}

#[test]
fn the_town_refers_back_to_the_town_just_named_else_to_the_story_s_town() {
    let text = "Islamist fighters attacked an army base in Kidal on Sunday, killing eight soldiers, the army said.\n\n\
                Government troops retook the town on Tuesday after two days of fighting, a military source said.\n\n\
                Aid groups said they had lost access to Gao since rebels seized the town in March.";
    let found = Day("2024-05-09").events(text);
    let retook = in_sentence(&found, EventType::Assault, "retook")[0];
    assert_eq!(place(retook), "Kidal");
    let rule = &retook
        .provenance
        .iter()
        .find(|p| p.field == "place")
        .unwrap()
        .rule;
    assert!(rule.starts_with("place:town-anaphor+"), "{rule}");
    assert_eq!(
        place(in_sentence(&found, EventType::Assault, "seized")[0]),
        "Gao"
    );
}

#[test]
fn a_truce_a_third_country_brokered_stays_where_the_war_is() {
    let text = "Heavy fighting broke out in Nagorno-Karabakh on Tuesday between Armenian and \
                Azerbaijani forces, officials on both sides said.\n\n\
                The fighting broke a truce that Russia brokered on Saturday.";
    assert_eq!(
        place_in("2024-05-14", text, EventType::Agree, "brokered"),
        "Nagorno-Karabakh"
    );
}
