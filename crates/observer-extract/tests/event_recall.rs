//! Which events the engine codes, and which it must not: commitments to cooperate, attack words
//! the lexicon once missed, and events named only in passing (what people flee, what a protest
//! is against, aid that is needed), on sentences written for these tests from several conflicts.

mod common;

use common::Day;
use observer_model::EventType;

const DAY: Day<'static> = Day("2024-06-12");

#[test]
fn a_pledge_to_cooperate_is_an_agreement_made_when_it_is_said() {
    for (text, promised) in [
        (
            "Eritrea pledged on Friday to withdraw its troops from the border area with Tigray.",
            EventType::Retreat,
        ),
        (
            "The Colombian government promised to deliver food aid to displaced families in Catatumbo.",
            EventType::Aid,
        ),
        (
            "The Houthis offered to release all the journalists they hold in Sanaa.",
            EventType::Concede,
        ),
        (
            "Qatar offered to mediate between the Congolese government and the M23.",
            EventType::Consult,
        ),
        (
            "Japan pledged $50 million in humanitarian aid to Sudan on Tuesday.",
            EventType::Aid,
        ),
    ] {
        let agree = DAY.the_one(EventType::Agree, text);
        assert!(!agree.hypothetical && !agree.negated, "{text}: {agree:#?}");
        assert!(
            agree.rules.iter().any(|r| r == "trigger:agree.pledge"),
            "{text}: {:?}",
            agree.rules
        );
        // What is promised has not happened: it is the pledge's content, not an event.
        assert!(
            !DAY.types(text).contains(&promised),
            "{text}: {:?}",
            DAY.types(text)
        );
    }
}

#[test]
fn a_commitment_to_keep_a_truce_is_an_agreement_but_an_appeal_or_a_condition_is_not() {
    let text = "A spokesman for the Kachin Independence Army said its fighters would respect the ceasefire.";
    let agree = DAY.the_one(EventType::Agree, text);
    assert_eq!(agree.mode.as_deref(), Some("ceasefire"));
    assert!(!agree.hypothetical, "{agree:#?}");
    assert!(agree.rules.iter().any(|r| r == "cue:commitment"));

    // The appeal is the event; keeping the truce is what it asks for.
    assert_eq!(
        DAY.types("The Arab League urged both sides to respect the truce."),
        vec![EventType::Request]
    );
    // A condition commits no one.
    assert!(
        !DAY.types("The rebels will pull back if the army respects the truce.")
            .contains(&EventType::Agree)
    );
    // Agreeing to observe a truce is one agreement, not two.
    let text = "The two sides agreed to observe a ceasefire along the Line of Control.";
    assert_eq!(
        DAY.the_one(EventType::Agree, text).mode.as_deref(),
        Some("ceasefire")
    );
}

#[test]
fn a_vow_of_force_stays_a_threat_and_a_denied_pledge_is_negated() {
    let text = "The Sudanese army vowed to step up its offensive against the RSF in Kordofan.";
    assert_eq!(DAY.types(text), vec![EventType::Threaten]);
    for e in DAY.events("Ethiopia did not pledge to withdraw its troops from the border.") {
        assert!(e.negated || e.hypothetical, "{e:#?}");
    }
}

#[test]
fn a_plan_reported_without_a_word_of_commitment_is_the_act_flagged_hypothetical() {
    let text = "Ukraine and Russia will exchange prisoners next week, a Turkish official said.";
    let found = DAY.events(text);
    assert!(!found.is_empty(), "{found:#?}");
    for e in &found {
        assert_eq!(e.event_type, EventType::Concede, "{e:#?}");
        assert!(e.hypothetical, "{e:#?}");
    }
}

#[test]
fn attack_words_of_every_kind_are_coded_with_their_mode() {
    for (text, mode) in [
        (
            "Houthi fighters repelled a government assault on positions south of Marib.",
            Some("ground clash"),
        ),
        (
            "Militants blew up a gas pipeline in North Sinai on Sunday.",
            Some("explosives"),
        ),
        (
            "Fragments of a rocket fell on a school in Sderot, police said.",
            Some("missile"),
        ),
        (
            "Indian and Pakistani troops fired across the Line of Control overnight.",
            Some("firearms"),
        ),
        (
            "Gunmen assassinated a provincial governor in Kandahar on Tuesday.",
            Some("firearms"),
        ),
        (
            "Soldiers tried to storm the presidential palace in Bissau on Tuesday.",
            None,
        ),
        // Fighting says nothing of the weapons used.
        (
            "Fighting erupted between the two factions in Tripoli on Saturday.",
            None,
        ),
    ] {
        let e = DAY.the_one(EventType::Assault, text);
        assert_eq!(e.mode.as_deref(), mode, "{text}: {e:#?}");
    }
}

#[test]
fn events_named_in_passing_are_not_coded() {
    for text in [
        "More than 10,000 people have fled the fighting in Rakhine since Friday, the UN said.",
        "Thousands of families displaced by fighting near Bunia are sheltering in schools.",
        "Some 4 million people in Haiti need humanitarian assistance, the UN said.",
        "Customs officers seized rifles and ammunition at the port of Durres.",
    ] {
        assert!(
            DAY.events(text).is_empty(),
            "{text}: {:#?}",
            DAY.events(text)
        );
    }
    // What a protest is against, and what it demands, belong to the protest.
    for text in [
        "Students marched in Dhaka to protest against the killings of demonstrators.",
        "Farmers rallied outside parliament in Nairobi, demanding lower fuel prices.",
    ] {
        assert_eq!(DAY.types(text), vec![EventType::Protest], "{text}");
    }
    // Whom sanctions target is no attack.
    assert_eq!(
        DAY.types("The EU imposed sanctions on Tuesday targeting six Iranian drone makers."),
        vec![EventType::Sanction]
    );
    // An ally that backs troops is described, not reported.
    assert!(
        !DAY.types(
            "Kenyan troops, backed by Somali special forces, recaptured the town of Kismayo."
        )
        .contains(&EventType::Support)
    );
    // "Hours after the raid": the raid was reported before; the rockets are the news.
    let e = DAY.the_one(
        EventType::Assault,
        "Hours after the raid, the rebels fired rockets at the airport in Goma.",
    );
    assert_eq!(e.mode.as_deref(), Some("shelling"));
    // A sentence opening on an event already named tells what it followed.
    assert!(
        !DAY.types("The visit comes after clashes on the border last week.")
            .contains(&EventType::Consult)
    );
}

#[test]
fn calling_a_reported_attack_a_crime_accuses_its_doer() {
    let text = "Rebels of the Arakan Army shelled a market in Sittwe on Friday, killing six \
                people. Myanmar's junta called the shelling a terrorist act.";
    let found = DAY.events(text);
    let accusation = DAY.the_one(EventType::Accuse, text);
    assert_eq!(accusation.evidence.sentence, 1);
    assert_eq!(
        accusation.target.as_ref().and_then(|a| a.role.as_deref()),
        Some("REB"),
        "{accusation:#?}"
    );
    // The shelling is named, not reported again.
    assert_eq!(
        found
            .iter()
            .filter(|e| e.event_type == EventType::Assault)
            .count(),
        1,
        "{found:#?}"
    );
    // Calling a meeting or a truce something is no accusation.
    assert!(
        !DAY.types("Kenya's president called the talks in Nairobi a breakthrough.")
            .contains(&EventType::Accuse)
    );
}

#[test]
fn dispersing_a_crowd_and_arresting_people_are_two_acts() {
    let text = "Riot police fired tear gas to disperse the crowd in Tbilisi, and dozens of \
                protesters were detained.";
    let mut modes: Vec<String> = DAY
        .events(text)
        .into_iter()
        .filter(|e| e.event_type == EventType::Coerce)
        .filter_map(|e| e.mode)
        .collect();
    modes.sort();
    assert_eq!(modes, ["arrest", "repression"]);
}

#[test]
fn a_later_mention_of_an_attack_carries_its_mode() {
    let text = "Russian drones struck Odesa overnight. Two people were killed in the attack, \
                the governor said.";
    let found = DAY.events(text);
    let later = found
        .iter()
        .find(|e| e.evidence.sentence == 1 && e.event_type == EventType::Assault)
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(later.mode.as_deref(), Some("drone"), "{later:#?}");
    assert!(
        later
            .rules
            .iter()
            .any(|r| r.starts_with("mode:carried-from-sentence-0"))
    );
}

#[test]
fn a_phrase_holding_an_actor_word_is_still_an_event() {
    assert_eq!(
        DAY.types("The United States announced $250 million in military aid for Taiwan on Monday."),
        vec![EventType::Aid]
    );
    assert_eq!(
        DAY.types("Russia held military exercises near the border with Finland on Tuesday."),
        vec![EventType::Mobilize]
    );
    // The protesters themselves are the actors of what they do, not a protest of their own.
    assert!(
        !DAY.types("Police detained more than 30 protesters in Lima on Tuesday.")
            .contains(&EventType::Protest)
    );
}

#[test]
fn a_protest_told_more_about_is_not_a_second_protest() {
    let text = "Thousands of teachers marched through Nairobi on Sunday to demand higher pay. \
                Police said the rally ended without incident.";
    let protests: Vec<usize> = DAY
        .events(text)
        .iter()
        .filter(|e| e.event_type == EventType::Protest)
        .map(|e| e.evidence.sentence)
        .collect();
    assert_eq!(protests, [0]);
}

#[test]
fn a_wish_of_force_by_its_doer_is_a_threat_and_an_event_after_the_is_a_reference() {
    assert_eq!(
        DAY.types("The junta intends to retake the town of Lashio."),
        vec![EventType::Threaten]
    );
    // "after the museum shooting": the shooting was reported before.
    assert!(
        !DAY.types(
            "Britain advised against travel to the region after the hotel shooting last week."
        )
        .contains(&EventType::Assault)
    );
    // A clause telling what the army did reports it.
    assert_eq!(
        DAY.types("Villagers fled after the army attacked Kamba on Monday."),
        vec![EventType::Assault]
    );
}

#[test]
fn a_cooperative_act_its_doer_will_not_do_is_a_refusal() {
    let text = "Azerbaijan's army said it would not withdraw from the heights above Sotk.";
    let reject = DAY.the_one(EventType::Reject, text);
    assert!(!reject.negated && !reject.hypothetical, "{reject:#?}");
    assert!(reject.claimant.is_none(), "{reject:#?}");
    assert!(!DAY.types(text).contains(&EventType::Retreat));
    // A condition keeps it a hypothetical; a denial stays a denial.
    for text in [
        "The rebels would not withdraw unless the army pulled back first.",
        "The ministry denied that it would withdraw its troops from Kashmir.",
    ] {
        assert!(!DAY.types(text).contains(&EventType::Reject), "{text}");
    }
}

#[test]
fn a_breach_of_a_truce_alleged_by_a_party_is_its_accusation() {
    for text in [
        "The Sudanese army said the RSF had violated the truce in Omdurman.",
        "The army rejected the offer, saying the paramilitary group had broken every previous truce.",
    ] {
        let accusation = DAY.the_one(EventType::Accuse, text);
        assert_eq!(
            accusation.mode.as_deref(),
            Some("ceasefire violation"),
            "{text}"
        );
        assert!(accusation.claimant.is_none(), "{accusation:#?}");
        assert_eq!(
            accusation.target.as_ref().and_then(|a| a.role.as_deref()),
            Some("REB"),
            "{accusation:#?}"
        );
        assert!(!DAY.types(text).contains(&EventType::Assault), "{text}");
    }
}

#[test]
fn a_participle_describing_people_reports_no_new_act() {
    for text in [
        "Lawyers for the three detained journalists said on Monday that they had not been allowed visits.",
        "Relatives of 14 abducted villagers marched to the governor's office in Gusau on Saturday.",
        "The detained activists were moved to a prison outside the capital overnight, the army said.",
    ] {
        let found = DAY.types(text);
        assert!(
            !found.contains(&EventType::Coerce) && !found.contains(&EventType::Assault),
            "{text}: {found:?}"
        );
    }
    // The same words as verbs are acts.
    assert!(
        DAY.types("Police detained three journalists in Tunis on Monday.")
            .contains(&EventType::Coerce)
    );
    assert!(
        DAY.types("Gunmen abducted 14 villagers near Gusau on Saturday.")
            .contains(&EventType::Assault)
    );
}
