//! Which events the engine codes from a sentence, and which it leaves out: event types and their
//! triggers, content that is only asked for, threatened or agreed to, negations, hypotheticals,
//! month names and duplicates, on sentences written for these tests from several conflicts.

mod common;

use common::Day;
use observer_model::{Event, EventType};

const DAY: Day<'static> = Day("2024-05-15");

fn types(text: &str) -> Vec<EventType> {
    let mut found = DAY.types(text);
    found.dedup();
    found
}

fn count(text: &str, ty: EventType) -> usize {
    DAY.events(text)
        .iter()
        .filter(|e| e.event_type == ty)
        .count()
}

#[test]
fn releases_and_prisoner_exchanges_are_concessions_not_abductions() {
    for text in [
        "Rebel commanders in Darfur freed 14 hostages on Tuesday, a spokesman for the Red Cross said.",
        "Armenia and Azerbaijan exchanged 32 prisoners of war at the border on Sunday.",
        "The Houthis will also free four journalists they have held since 2019.",
    ] {
        let found = DAY.events(text);
        let release = found
            .iter()
            .find(|e| e.event_type == EventType::Concede)
            .unwrap_or_else(|| panic!("no release in {text:?}: {found:#?}"));
        assert_eq!(release.mode.as_deref(), Some("release"), "{text}");
        assert!(
            !found.iter().any(|e| e.event_type == EventType::Assault),
            "the captives freed are no abduction: {text:?} {found:#?}"
        );
    }
}

#[test]
fn what_is_asked_for_or_threatened_is_not_an_event_of_its_own() {
    for (text, act) in [
        (
            "The opposition called for a general strike and new protests across Venezuela on Saturday.",
            EventType::Request,
        ),
        (
            "The African Union urged the Sudanese army and the RSF to resume talks in Jeddah.",
            EventType::Request,
        ),
        (
            "Niger's junta threatened sanctions against any neighbour that hosted the exiled president.",
            EventType::Threaten,
        ),
    ] {
        assert_eq!(types(text), vec![act], "{text}");
    }
}

#[test]
fn what_is_agreed_to_is_the_agreement() {
    let text =
        "Serbia and Kosovo agreed on Monday to reopen the Jarinje crossing and exchange prisoners.";
    assert_eq!(types(text), vec![EventType::Agree]);
    // Lifting sanctions is no new sanction.
    assert_eq!(
        types("The United States has agreed to lift sanctions on Venezuela's oil sector."),
        vec![EventType::Agree]
    );
}

#[test]
fn an_agreement_outside_a_truce_is_still_an_agreement_and_failing_to_agree_is_negated() {
    let agreed =
        DAY.events("Ghana and Togo agreed in Accra on Friday on joint patrols along their border.");
    assert!(
        agreed
            .iter()
            .any(|e| e.event_type == EventType::Agree && !e.negated),
        "{agreed:#?}"
    );
    let failed = DAY.events(
        "Delegations from Colombia and the ELN failed to agree on a new ceasefire in Havana.",
    );
    let agree = failed
        .iter()
        .find(|e| e.event_type == EventType::Agree)
        .unwrap_or_else(|| panic!("{failed:#?}"));
    assert!(agree.negated);
    assert_eq!(agree.mode.as_deref(), Some("ceasefire"));
}

#[test]
fn month_names_are_neither_marches_nor_modals() {
    let text = "Gunmen killed 30 villagers in Zamfara state in March, police said.";
    assert_eq!(count(text, EventType::Protest), 0);
    let withdrawal = DAY.events(
        "Israel ended its occupation of southern Lebanon in May 2000, when its troops withdrew.",
    );
    assert!(
        withdrawal
            .iter()
            .filter(|e| e.event_type == EventType::Retreat)
            .all(|e| !e.hypothetical),
        "{withdrawal:#?}"
    );
    // The verb is still a protest.
    assert_eq!(
        count(
            "Thousands of students march through Dhaka on Tuesday.",
            EventType::Protest
        ),
        1
    );
}

#[test]
fn a_war_named_in_passing_is_no_report_of_fighting() {
    assert_eq!(
        count(
            "The war in Yemen has displaced more than four million people, aid agencies say.",
            EventType::Assault
        ),
        0
    );
    assert_eq!(
        count(
            "The war between Ethiopia and Eritrea began in May 1998.",
            EventType::Assault
        ),
        1
    );
}

#[test]
fn crowd_control_is_coercion_not_an_armed_attack() {
    let text =
        "Police in Nairobi fired tear gas and rubber bullets at protesters outside parliament.";
    let found = types(text);
    assert!(found.contains(&EventType::Coerce), "{found:?}");
    assert!(!found.contains(&EventType::Assault), "{found:?}");
    // Firing at a car is still an attack.
    assert_eq!(
        count(
            "Georgian police fired at a car that crashed through a checkpoint near Tskhinvali.",
            EventType::Assault
        ),
        1
    );
}

#[test]
fn arrests_mobilisations_and_emergency_rule_are_coded() {
    for (text, ty) in [
        (
            "Police detained 40 protesters in Tbilisi on Sunday night.",
            EventType::Coerce,
        ),
        (
            "Moldova's government imposed a state of emergency on Tuesday.",
            EventType::Coerce,
        ),
        (
            "Chad said it had deployed 1,000 troops to its border with Sudan.",
            EventType::Mobilize,
        ),
        (
            "The Philippine navy said it was deploying two more frigates to the Spratly Islands.",
            EventType::Mobilize,
        ),
        (
            "Israel called up tens of thousands of reservists on Saturday.",
            EventType::Mobilize,
        ),
    ] {
        assert!(
            types(text).contains(&ty),
            "no {ty} in {text:?}: {:#?}",
            DAY.events(text)
        );
    }
}

#[test]
fn anonymity_is_no_appeal() {
    let text = "A local official, who asked not to be named, said 12 villagers had been killed in the raid.";
    let found = types(text);
    assert_eq!(found, vec![EventType::Assault], "{:#?}", DAY.events(text));
}

#[test]
fn talks_named_as_a_reference_are_not_talks() {
    assert_eq!(
        count(
            "Two officials briefed on the talks said the offer had been rejected.",
            EventType::Consult
        ),
        0
    );
    assert_eq!(
        count(
            "The US advised against travel to Haiti on Monday.",
            EventType::Consult
        ),
        0
    );
    // Talks held are talks.
    assert_eq!(
        count(
            "Ukraine's foreign minister held two hours of talks with his Turkish counterpart in Ankara on Thursday.",
            EventType::Consult
        ),
        1
    );
}

#[test]
fn one_attack_on_one_side_is_one_event() {
    let text = "Afghan forces fired artillery shells at Pakistani military posts in Balochistan on Wednesday, wounding two soldiers, Pakistani officials said.";
    assert_eq!(
        count(text, EventType::Assault),
        1,
        "{:#?}",
        DAY.events(text)
    );
}

#[test]
fn planned_talks_are_hypothetical_and_denied_attacks_negated() {
    let talks = DAY.events(
        "A Red Cross official said the talks between the two sides were due to resume on Monday.",
    );
    assert!(
        talks
            .iter()
            .filter(|e| e.event_type == EventType::Consult)
            .all(|e| e.hypothetical),
        "{talks:#?}"
    );
    let denied = DAY.events("Myanmar's junta denied that its aircraft had bombed the monastery.");
    let strike = denied
        .iter()
        .find(|e| e.event_type == EventType::Assault)
        .unwrap_or_else(|| panic!("{denied:#?}"));
    assert!(strike.negated);
}

#[test]
fn a_second_act_after_an_accusation_is_coded_on_its_own() {
    for (text, second) in [
        (
            "Sudan's army accused the RSF of shelling hospitals in El Fasher and called on the United Nations to impose an arms embargo.",
            EventType::Request,
        ),
        (
            "Beijing accused Manila of provoking tensions near Second Thomas Shoal and warned that it would face the consequences.",
            EventType::Threaten,
        ),
    ] {
        let found = types(text);
        assert!(found.contains(&EventType::Accuse), "{text}: {found:?}");
        assert!(found.contains(&second), "{text}: {found:?}");
    }
}

#[test]
fn aid_that_is_blocked_is_a_refusal_not_a_delivery() {
    let text = "Ethiopian troops blocked a convoy of 30 aid trucks at a checkpoint near Mekelle on Monday, the WFP said.";
    let found = types(text);
    assert!(found.contains(&EventType::Reject), "{found:?}");
    assert!(!found.contains(&EventType::Aid), "{found:?}");
    // A convoy that arrives is aid.
    assert!(
        types("The WFP delivered aid to Mekelle on Tuesday, the agency said.")
            .contains(&EventType::Aid)
    );
}

#[test]
fn a_vow_of_force_is_a_threat() {
    let text =
        "Somalia's president vowed to step up the offensive against al-Shabab after the bombing.";
    let found = DAY.events(text);
    let threat = found
        .iter()
        .find(|e| e.event_type == EventType::Threaten)
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert!(!threat.hypothetical);
    assert!(threat.source.is_some());
}

#[test]
fn planned_talks_and_call_ups_need_no_named_party() {
    let talks =
        DAY.events("The delegations would meet again next week in Addis Ababa, the mediator said.");
    assert!(
        talks
            .iter()
            .any(|e| e.event_type == EventType::Consult && e.hypothetical),
        "{talks:#?}"
    );
    assert_eq!(
        count(
            "More than 50,000 reservists have been called up since Monday.",
            EventType::Mobilize
        ),
        1
    );
}

#[test]
fn threats_sanctions_expulsions_and_recognition_from_their_usual_phrases() {
    for (text, ty) in [
        (
            "Ethiopia's foreign ministry warned that Somalia would bear the consequences of the port deal.",
            EventType::Threaten,
        ),
        (
            "Azerbaijan's president said a ground operation against the separatists could begin at any moment.",
            EventType::Threaten,
        ),
        (
            "Britain imposed travel bans on six Sudanese commanders on Thursday.",
            EventType::Sanction,
        ),
        (
            "Niger's junta ordered the French ambassador to leave the country within 48 hours.",
            EventType::Coerce,
        ),
        (
            "Russia recognised the two breakaway regions as independent states on Monday.",
            EventType::Support,
        ),
        (
            "Qatari mediators are pressing Hamas to accept the ceasefire proposal.",
            EventType::Request,
        ),
    ] {
        assert!(
            types(text).contains(&ty),
            "no {ty} in {text:?}: {:#?}",
            DAY.events(text)
        );
    }
}

#[test]
fn a_second_statement_is_not_governed_by_an_appeal_before_it() {
    let text = "China urged the EU to stop its investigation and said Beijing would take necessary measures to protect its companies.";
    let found = types(text);
    assert!(found.contains(&EventType::Request), "{found:?}");
    assert!(found.contains(&EventType::Threaten), "{found:?}");
}

/// The ceasefire events (AGREE, CONCEDE or RETREAT with mode "ceasefire") of a sentence.
fn ceasefire_events(text: &str) -> Vec<Event> {
    DAY.events(text)
        .into_iter()
        .filter(|e| e.event_type != EventType::Assault && e.mode.as_deref() == Some("ceasefire"))
        .collect()
}

#[test]
fn a_truce_named_as_a_reference_is_no_new_agreement_or_start() {
    for text in [
        "Houthi drones hit a Saudi oil depot on Monday in the first attack since the truce was signed in April.",
        "Israeli tanks shelled Khan Younis on Thursday, in the heaviest bombardment since the humanitarian pause came into force.",
        "ELN fighters ambushed an army patrol in Arauca, the first attack on troops since the ceasefire took effect in August.",
        "The truce in Tigray was breached within days of taking effect, aid workers said.",
        "Monitors said the ceasefire was violated within hours of it coming into force.",
        "The ceasefire, brokered by Qatar and Egypt, is due to begin on Sunday morning.",
        "The ceasefire agreed in Doha last week was broken on Monday when Israeli jets struck Rafah.",
        "Eritrean troops remained in parts of Tigray despite the truce signed in Pretoria.",
        "Kyiv said Russian strikes on Odesa breached the ceasefire deal brokered by Turkey.",
    ] {
        let found = ceasefire_events(text);
        assert!(
            found.iter().all(|e| e.background),
            "a reference, not news: {text:?} {found:#?}"
        );
    }
}

#[test]
fn truces_agreed_or_taking_effect_today_stay_news() {
    for (text, ty, hypothetical) in [
        (
            "Colombia's government and the ELN agreed a six-month ceasefire in Havana on Friday.",
            EventType::Agree,
            false,
        ),
        (
            "The ceasefire between Ethiopia and the TPLF took effect at midnight on Sunday.",
            EventType::Retreat,
            false,
        ),
        (
            "The truce between the Houthis and the Saudi-led coalition was due to take effect on Saturday.",
            EventType::Retreat,
            true,
        ),
        (
            "Aden said it would observe the ceasefire, while a Houthi official said the group was committed to the agreement.",
            EventType::Agree,
            false,
        ),
        (
            "The pause was due to come into effect at 10am on Sunday, Egyptian officials said.",
            EventType::Retreat,
            true,
        ),
    ] {
        let found = ceasefire_events(text);
        let truce = found
            .iter()
            .find(|e| e.event_type == ty)
            .unwrap_or_else(|| panic!("no {ty:?} ceasefire in {text:?}: {found:#?}"));
        assert!(!truce.background, "{text}");
        assert_eq!(truce.hypothetical, hypothetical, "{text}");
    }
}

#[test]
fn an_agreeing_word_stands_for_a_truce_only_in_the_clause_that_names_one() {
    for text in [
        "The Yemeni government accused the Houthis of violating the truce, and aid ships never reached the port of Hodeidah.",
        "Kyiv said Moscow had broken the ceasefire, but the grain ships reached Istanbul on Tuesday.",
        "The truce in El Fasher collapsed on Saturday as the army and the RSF fought in the streets.",
    ] {
        let found = ceasefire_events(text);
        assert!(
            !found.iter().any(|e| e.event_type == EventType::Agree),
            "no truce agreed: {text:?} {found:#?}"
        );
    }
}

#[test]
fn the_attacks_a_truce_is_on_are_what_stops() {
    for text in [
        "Moscow and Kyiv agreed a 30-day ceasefire on strikes against energy infrastructure.",
        "The Houthis announced a truce on attacks against shipping in the Red Sea on Monday.",
    ] {
        let found = DAY.events(text);
        assert!(
            found
                .iter()
                .any(|e| e.mode.as_deref() == Some("ceasefire") && !e.background),
            "the truce itself: {text:?} {found:#?}"
        );
        assert_eq!(count(text, EventType::Assault), 0, "{text}: {found:#?}");
    }
}
