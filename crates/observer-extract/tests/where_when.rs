//! Where and when: how the engine dates and places events, on news-style sentences written for
//! these tests from several conflicts, anchored to different publication days.

mod common;

use common::Day;
use observer_model::{Event, EventType};

/// The first event of type `ty` coded from `text` published on `published`.
fn event(ty: EventType, text: &str, published: &str) -> Event {
    Day(published).first(ty, text)
}

/// The event's date as "start..end".
fn date_of(ty: EventType, text: &str, published: &str) -> String {
    let e = event(ty, text, published);
    let d = e.date.unwrap_or_else(|| panic!("no date for {text:?}"));
    format!("{}..{}", d.start.unwrap(), d.end.unwrap())
}

/// The rule behind the event's date, as `observer explain` shows it.
fn date_rule(ty: EventType, text: &str, published: &str) -> String {
    event(ty, text, published)
        .provenance
        .into_iter()
        .find(|p| p.field == "date")
        .map(|p| p.rule)
        .unwrap_or_default()
}

#[test]
fn plans_are_dated_ahead_of_publication() {
    // 2021-03-11 was a Thursday.
    for (ty, text, want) in [
        (
            EventType::Consult,
            "Indian and Pakistani commanders will meet next week at a crossing near Poonch, an army spokesman said.",
            "2021-03-15..2021-03-21",
        ),
        (
            EventType::Consult,
            "The African Union envoy will host the two delegations in Addis Ababa on Saturday, a spokesman said.",
            "2021-03-13..2021-03-13",
        ),
        (
            EventType::Consult,
            "The Qatari foreign minister said negotiators would meet in Doha next month to resume talks.",
            "2021-04-01..2021-04-30",
        ),
        // A plan for the publication day itself.
        (
            EventType::Consult,
            "Sudan's rival generals are due to meet in Jeddah on Thursday.",
            "2021-03-11..2021-03-11",
        ),
    ] {
        assert_eq!(date_of(ty, text, "2021-03-11"), want, "{text}");
    }
}

#[test]
fn past_days_of_the_week_and_the_week_before() {
    // 2023-09-27 was a Wednesday.
    for (ty, text, want) in [
        (
            EventType::Assault,
            "Residents said soldiers had shot at least 19 men at a cattle market on Tuesday last week.",
            "2023-09-19..2023-09-19",
        ),
        (
            EventType::Consult,
            "The foreign ministers of Ethiopia and Eritrea held talks in Asmara on Monday and Tuesday.",
            "2023-09-25..2023-09-26",
        ),
        (
            EventType::Assault,
            "Rebel gunners shelled the outskirts of the town 14 times over the past 24 hours, the army said.",
            "2023-09-26..2023-09-27",
        ),
        // "due to" a cause is no plan either.
        (
            EventType::Assault,
            "Two soldiers died due to wounds from mortar fire on Tuesday, the army said.",
            "2023-09-26..2023-09-26",
        ),
        // "next to" is a place, not a plan.
        (
            EventType::Assault,
            "The army said its aircraft had struck rebel arms depots next to the market in Nyala on Tuesday.",
            "2023-09-26..2023-09-26",
        ),
    ] {
        assert_eq!(date_of(ty, text, "2023-09-27"), want, "{text}");
    }
}

#[test]
fn the_statement_date_gives_way_to_the_reported_event_date() {
    // 2024-04-16 was a Tuesday: the release was on Monday, the statement on Tuesday.
    assert_eq!(
        date_of(
            EventType::Concede,
            "A rights group said on Tuesday that the authorities had released 25 detainees, among them four reporters, on Monday.",
            "2024-04-16"
        ),
        "2024-04-15..2024-04-15"
    );
    // With no date of its own, what is reported happened when it was said.
    assert_eq!(
        date_of(
            EventType::Assault,
            "The army said on Monday that its troops had repelled an attack on a checkpoint outside Goma.",
            "2024-04-16"
        ),
        "2024-04-15..2024-04-15"
    );
}

#[test]
fn tolls_since_a_start_run_to_when_they_were_given() {
    // 2024-06-13 was a Thursday; the toll was given on Wednesday.
    assert_eq!(
        date_of(
            EventType::Assault,
            "Medics said on Wednesday that at least 300 civilians had been killed in the city since fighting for it began on May 10.",
            "2024-06-13"
        ),
        "2024-05-10..2024-06-12"
    );
    assert_eq!(
        date_of(
            EventType::Assault,
            "More than 40 fishermen have been killed by militants on the lake since the start of the year, according to local officials.",
            "2024-06-13"
        ),
        "2024-01-01..2024-06-13"
    );
    // A comparison is not a period: "the first ... since" dates the event itself.
    assert_ne!(
        date_of(
            EventType::Consult,
            "It was the first meeting between the two delegations since a truce took effect on April 2.",
            "2024-06-13"
        ),
        "2024-04-02..2024-06-13"
    );
}

#[test]
fn a_date_that_opens_the_sentence_dates_all_of_it() {
    let text =
        "In March, gunmen killed more than 100 villagers in a series of raids near Tillaberi.";
    assert_eq!(
        date_of(EventType::Assault, text, "2021-12-08"),
        "2021-03-01..2021-03-31"
    );
    assert_eq!(
        date_rule(EventType::Assault, text, "2021-12-08"),
        "date:month"
    );
}

#[test]
fn a_relative_clause_keeps_its_date_to_itself() {
    // 2021-06-29 was a Tuesday.
    assert_eq!(
        date_of(
            EventType::Request,
            "The UN envoy, who held talks with rebel negotiators in Muscat last week, called on the group on Tuesday to halt its offensive.",
            "2021-06-29"
        ),
        "2021-06-29..2021-06-29"
    );
}

/// The name of the event's place, if any.
fn place_of(ty: EventType, text: &str, published: &str) -> Option<String> {
    event(ty, text, published).place.map(|p| p.name)
}

#[test]
fn where_a_strike_came_from_is_not_where_it_hit() {
    for (text, want) in [
        (
            "Militants fired a barrage of rockets from Gaza towards Ashkelon late on Monday, the Israeli military said.",
            "Ashkelon",
        ),
        (
            "Russian drones struck a grain silo in Izmail overnight, the governor said, adding that they had been launched from Russia's Kursk region.",
            "Izmayil",
        ),
        (
            "Palestinian militants fired at least 20 rockets from Gaza towards southern Israel late on Monday.",
            "Israel",
        ),
    ] {
        assert_eq!(
            place_of(EventType::Assault, text, "2023-08-16").as_deref(),
            Some(want),
            "{text}"
        );
    }
}

#[test]
fn where_the_speaker_is_is_not_where_it_happened() {
    let text = "A police spokesman in Maiduguri said gunmen had abducted 11 women collecting firewood near Gwoza on Sunday.";
    assert_eq!(
        place_of(EventType::Assault, text, "2019-10-01")
            .or_else(|| place_of(EventType::Coerce, text, "2019-10-01"))
            .as_deref(),
        Some("Gwoza")
    );
}

#[test]
fn a_district_named_in_the_sentence_beats_the_region_it_lies_in() {
    let text = "Pakistani troops fired mortar shells at villages in the Kupwara district of Indian-administered Kashmir on Monday, an army spokesman said.";
    let e = event(EventType::Assault, text, "2018-10-16");
    let place = e.place.expect("a place");
    assert_eq!(place.country.as_deref(), Some("IND"));
    assert!(
        place.name.contains("Kopawor") || place.name.contains("Kupwara"),
        "{place:?}"
    );
    let evidence = e
        .provenance
        .iter()
        .find(|p| p.field == "place")
        .expect("place evidence");
    assert_eq!(evidence.text.as_deref(), Some("Kupwara"));
    assert!(
        evidence.rule.starts_with("place:geonames:"),
        "{}",
        evidence.rule
    );
}

#[test]
fn months_and_feasts_are_times_not_towns() {
    let text = "The rebels declared a truce for the holy month of Ramadan, and in March they had shelled Omdurman.";
    for e in common::events_published(text, "2024-03-11") {
        let name = e.place.map(|p| p.name).unwrap_or_default();
        assert!(!["Turabah", "March"].contains(&name.as_str()), "{name}");
    }
}

#[test]
fn ambiguous_names_follow_the_article_s_country() {
    // Tripoli in a Lebanese story is the northern Lebanese city, not the Libyan capital.
    let lebanon = "Lebanese troops deployed in Tripoli on Sunday after gunmen from two rival neighbourhoods exchanged fire, the Lebanese army said.";
    let e = event(EventType::Assault, lebanon, "2021-03-08");
    assert_eq!(e.place.and_then(|p| p.country).as_deref(), Some("LBN"));
    let libya = "Rival Libyan militias clashed with heavy weapons in Tripoli on Friday, Libya's health ministry said.";
    let e = event(EventType::Assault, libya, "2022-08-27");
    assert_eq!(e.place.and_then(|p| p.country).as_deref(), Some("LBY"));
    // Georgia after a Russian-Georgian story is the country, not the US state.
    let georgia = "Russian border guards detained two Georgian farmers near the boundary line in Georgia on Tuesday.";
    let e = event(EventType::Coerce, georgia, "2021-06-08");
    assert_eq!(e.place.and_then(|p| p.country).as_deref(), Some("GEO"));
    // A small town abroad that the article never speaks of is not taken for the place.
    let venezuela = "Venezuelan National Guard troops fired tear gas at protesters in Maracaibo's Santa Lucia district on Wednesday night.";
    let e = event(EventType::Coerce, venezuela, "2019-06-14");
    assert_ne!(e.place.and_then(|p| p.country).as_deref(), Some("BRA"));
}

#[test]
fn a_story_s_place_carries_to_the_next_sentences() {
    let text = "Russian drones struck an energy facility in Kharkiv overnight, the regional governor said. \
Power was cut to parts of Kharkiv for several hours. \
Separately, missiles hit a shopping street in Zaporizhzhia on Monday, killing four people. \
The strike destroyed a bank branch and damaged a row of shops, the city's mayor said.";
    let events = common::events_published(text, "2024-05-14");
    let strike = events
        .iter()
        .find(|e| e.evidence.text.starts_with("The strike destroyed"))
        .expect("an event for the follow-up sentence");
    assert_eq!(
        strike.place.as_ref().map(|p| p.name.as_str()),
        Some("Zaporizhzhya")
    );
    let rule = &strike
        .provenance
        .iter()
        .find(|p| p.field == "place")
        .expect("place evidence")
        .rule;
    assert!(
        rule.starts_with("place:carried-from-sentence-2:Zaporizhzhia"),
        "{rule}"
    );
}

#[test]
fn talks_take_the_place_of_the_talks_not_of_the_fighting() {
    let text = "Fighting raged around Bakhmut on Tuesday, the general staff said. \
Ukrainian and Russian negotiators met in Istanbul on Wednesday for a new round of talks. \
At the talks, the two delegations agreed to exchange the bodies of fallen soldiers.";
    let events = common::events_published(text, "2023-03-15");
    for e in events.iter().filter(|e| e.evidence.sentence > 0) {
        if let Some(p) = &e.place {
            assert_ne!(p.name, "Bakhmut", "{:?} {}", e.event_type, e.evidence.text);
        }
    }
}

#[test]
fn what_follows_a_day_after_happened_the_day_before() {
    // 2022-11-03 was a Thursday: the curfew on Wednesday, the shelling on Tuesday.
    let text = "Authorities in Gao imposed a night curfew on Wednesday, a day after suspected jihadists shelled an army camp near the city.";
    let events = common::events_published(text, "2022-11-03");
    let shelling = events
        .iter()
        .find(|e| e.event_type == EventType::Assault)
        .expect("the shelling");
    let d = shelling.date.as_ref().unwrap();
    assert_eq!(d.start.unwrap().to_string(), "2022-11-01");
    // Opening the sentence, "a day earlier" counts back from the story's last date.
    let text = "Gunmen abducted nine farmers near Kaduna on Monday, police said. \
In a separate attack a day earlier, bandits killed four villagers in Zamfara, officials said.";
    let events = common::events_published(text, "2021-03-02");
    let earlier = events
        .iter()
        .find(|e| e.evidence.sentence == 1 && e.event_type == EventType::Assault)
        .expect("the earlier attack");
    let d = earlier.date.as_ref().unwrap();
    assert_eq!(d.start.unwrap().to_string(), "2021-02-28");
}

#[test]
fn of_a_region_and_a_town_inside_it_the_town_says_where() {
    let text = "In Dagestan, police detained dozens of protesters against the call-up in the regional capital, Makhachkala, at the weekend.";
    let e = event(EventType::Coerce, text, "2022-09-26");
    assert_eq!(e.place.map(|p| p.name).as_deref(), Some("Makhachkala"));
    // A town in another country does not narrow the region.
    let text = "Ukrainian drones struck an oil depot in Russia's Belgorod region on Monday, a day after Russian missiles hit Kharkiv.";
    let e = event(EventType::Assault, text, "2024-05-14");
    let place = e.place.expect("a place");
    assert_eq!(place.country.as_deref(), Some("RUS"), "{place:?}");
}

#[test]
fn where_an_actor_is_based_is_not_where_it_acted() {
    let text = "Suspected jihadists shelled an army camp near Gao on Tuesday, the army said. \
JNIM, al-Qaeda's affiliate in the Sahel, said its fighters had shelled the camp.";
    let events = common::events_published(text, "2022-11-03");
    let claimed = events
        .iter()
        .find(|e| e.evidence.sentence == 1 && e.event_type == EventType::Assault)
        .expect("the claimed attack");
    assert_eq!(
        claimed.place.as_ref().map(|p| p.name.as_str()),
        Some("Gao"),
        "{:?}",
        claimed.place
    );
}

#[test]
fn a_place_carries_only_from_what_happened_to_events_of_the_same_days() {
    let carried = |text: &str, marker: &str| {
        let found = common::events_published(text, "2024-05-15");
        let e = found
            .iter()
            .find(|e| e.event_type == EventType::Agree && e.evidence.text.contains(marker))
            .unwrap_or_else(|| panic!("no AGREE in {marker:?}: {found:#?}"));
        e.provenance
            .iter()
            .any(|p| p.field == "place" && p.rule.starts_with("place:carried-from"))
    };
    let talks = "Government negotiators and ELN commanders held talks in Caracas on Monday, the \
                 mediators said. The two sides had agreed a bilateral ceasefire two months \
                 earlier, officials said. They agreed on Monday to extend the ceasefire by six \
                 months.";
    // Monday's extension was agreed where Monday's talks were; the ceasefire of two months
    // before was not.
    assert!(carried(talks, "extend the ceasefire"));
    assert!(!carried(talks, "two months"));
    // Talks someone is ready to hold lend their place to nothing.
    let plans = "The two commanders said on Monday they were ready to travel to Jeddah for \
                 talks. On Monday the two sides signed a deal on prisoner exchanges, mediators said.";
    assert!(!carried(plans, "prisoner exchanges"));
}

#[test]
fn places_written_without_their_diacritics_are_found() {
    // The gazetteer spells these "Bādghīs", "Zvečan" and "Hakkâri"; news rarely does.
    for (ty, text, name, country) in [
        (
            EventType::Assault,
            "Taliban fighters attacked a police checkpoint in Badghis province on Sunday, killing four officers, a provincial spokesman said.",
            "Bādghīs",
            "AFG",
        ),
        (
            EventType::Coerce,
            "Kosovo police detained two men in the northern town of Zvecan on Friday, the interior ministry said.",
            "Zvečan",
            "UNK",
        ),
        (
            EventType::Assault,
            "Turkish jets struck militant hideouts in Hakkari province overnight, the defence ministry said.",
            "Hakkâri",
            "TUR",
        ),
    ] {
        let place = event(ty, text, "2024-03-04")
            .place
            .unwrap_or_else(|| panic!("no place for {text:?}"));
        assert_eq!(place.name, name, "{text}");
        assert_eq!(place.country.as_deref(), Some(country), "{text}");
        assert!(place.lat.is_some(), "{text}: {place:?}");
    }
}

#[test]
fn an_act_placed_days_after_or_before_another_is_dated_from_it() {
    let text = "Pakistani and Afghan border forces exchanged fire near Torkham on Friday, a day \
                after Pakistani jets bombed suspected militant hideouts in eastern Afghanistan.";
    let found = common::events_published(text, "2024-12-28");
    let dates: Vec<(Option<String>, String)> = found
        .iter()
        .map(|e| {
            let d = e.date.as_ref().and_then(|d| d.start).map(|d| d.to_string());
            (e.mode.clone(), d.unwrap_or_default())
        })
        .collect();
    assert!(
        dates.contains(&(Some("firearms".into()), "2024-12-27".into())),
        "{dates:?}"
    );
    assert!(
        dates.contains(&(Some("aerial".into()), "2024-12-26".into())),
        "{dates:?}"
    );
    assert_eq!(
        date_of(
            EventType::Assault,
            "Talks opened in Geneva on Monday, two days after rebels shelled the port of Hodeidah.",
            "2023-03-15"
        ),
        "2023-03-11..2023-03-11"
    );
}
