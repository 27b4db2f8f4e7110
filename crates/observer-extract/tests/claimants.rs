//! Claimants in the shapes reported speech takes in wire copy: speakers the actor layer has no
//! entry for, outlets of a state, health and rights bodies, joined and nested speech verbs,
//! appositions and denials. Sentences written for these tests, from conflicts, protests and
//! diplomacy around the world.

mod common;

use common::{Day, country_role, in_sentence};
use observer_model::{Event, EventType, Stance};

const DAY: Day<'static> = Day("2024-05-15");

/// The claimant of the first event of `ty` in the sentence with `marker`, as "COUNTRY/ROLE".
fn claimant(found: &[Event], ty: EventType, marker: &str) -> Option<String> {
    country_role(in_sentence(found, ty, marker)[0].claimant.as_ref())
}

fn stance(found: &[Event], ty: EventType, marker: &str) -> Stance {
    in_sentence(found, ty, marker)[0].stance
}

/// The rules behind the claimant of the first event of `ty` in the sentence with `marker`.
fn claimant_rule(found: &[Event], ty: EventType, marker: &str) -> String {
    in_sentence(found, ty, marker)[0]
        .provenance
        .iter()
        .filter(|p| p.field == "claimant")
        .map(|p| p.rule.clone())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_speaker_the_dictionaries_lack_is_named_from_its_phrase() {
    let found = DAY.events(
        "Artillery fire damaged a water pumping station in the city of Mykolaiv on Friday, \
         Ukraine's state water utility Vodokanal said.",
    );
    assert_eq!(
        claimant(&found, EventType::Assault, "water pumping station").as_deref(),
        Some("UKR/GOV")
    );
    assert!(
        claimant_rule(&found, EventType::Assault, "water pumping station")
            .contains("speaker-phrase")
    );
    assert_eq!(
        stance(&found, EventType::Assault, "water pumping station"),
        Stance::Alleged
    );
}

#[test]
fn an_outlet_run_by_a_party_speaks_for_its_owner() {
    let found = DAY.events(
        "Israeli aircraft bombed a house in the town of Bint Jbeil on Monday, killing two \
         people, the Hezbollah-run Al-Manar television said.",
    );
    assert_eq!(
        claimant(&found, EventType::Assault, "Bint Jbeil").as_deref(),
        Some("LBN/MED")
    );
}

#[test]
fn state_media_speak_for_the_state_and_are_not_hearsay() {
    let found = DAY.events(
        "Security forces killed four militants in a raid in the province of Balochistan on \
         Sunday, Pakistani state television reported.",
    );
    assert_eq!(
        claimant(&found, EventType::Assault, "Balochistan").as_deref(),
        Some("PAK/MED")
    );
    assert_eq!(
        stance(&found, EventType::Assault, "Balochistan"),
        Stance::Alleged
    );
    // Media no one owns stay hearsay, with no claimant.
    let found = DAY.events(
        "Gunmen killed three police officers in the town of Zamfara on Sunday, local media reported.",
    );
    assert_eq!(claimant(&found, EventType::Assault, "Zamfara"), None);
    assert_eq!(
        stance(&found, EventType::Assault, "Zamfara"),
        Stance::Unverified
    );
}

#[test]
fn health_speakers_are_coded_by_whom_they_speak_for() {
    let found = DAY.events(
        "Shelling killed five civilians in the Yemeni city of Taiz on Saturday, the health \
         ministry said. Air strikes killed nine people in the city of Hodeidah on Sunday, a \
         doctor at the main hospital said. A drone strike killed three farmers near the town of \
         Saada on Monday, the Yemen Doctors Union said.",
    );
    assert_eq!(
        claimant(&found, EventType::Assault, "Taiz").as_deref(),
        Some("YEM/GOV")
    );
    assert_eq!(
        claimant(&found, EventType::Assault, "Hodeidah").as_deref(),
        Some("YEM/CVL")
    );
    assert_eq!(
        claimant(&found, EventType::Assault, "Saada").as_deref(),
        Some("YEM/NGO")
    );
}

#[test]
fn local_rights_groups_belong_to_the_conflict_but_aid_agencies_do_not() {
    let found = DAY.events(
        "Soldiers detained 40 young men in raids on villages near the Myanmar town of Hpakant \
         at the weekend, a local rights group said. Troops fired on a crowd in the town of \
         Myitkyina on Tuesday, aid agencies said.",
    );
    assert_eq!(
        claimant(&found, EventType::Coerce, "Hpakant").as_deref(),
        Some("MMR/NGO")
    );
    assert_eq!(
        claimant(&found, EventType::Assault, "Myitkyina").as_deref(),
        Some("-/NGO")
    );
}

#[test]
fn a_government_spokesman_of_an_armed_movement_speaks_for_its_government() {
    let found = DAY.events(
        "Iranian border guards fired on Afghan farmers near the town of Islam Qala on Sunday, \
         killing two, a Taliban government spokesman said.",
    );
    assert_eq!(
        claimant(&found, EventType::Assault, "Islam Qala").as_deref(),
        Some("AFG/GOV")
    );
}

#[test]
fn a_verb_joined_to_an_earlier_one_shares_its_speaker() {
    let found = DAY.events(
        "A Kurdish militia spokesman said its fighters had shot down a Turkish drone near \
         Kobani, and denied attacking the border post.",
    );
    let denied: Vec<&Event> = in_sentence(&found, EventType::Assault, "Kobani")
        .into_iter()
        .filter(|e| e.stance == Stance::Denied)
        .collect();
    assert!(!denied.is_empty(), "{found:#?}");
    assert!(
        denied.iter().all(|e| e
            .claimant
            .as_ref()
            .is_some_and(|c| c.text.contains("spokesman"))),
        "{found:#?}"
    );
}

#[test]
fn an_act_followed_by_and_said_is_the_doers_own() {
    let found = DAY.events(
        "The Nigerian president met the freed schoolgirls in Abuja on Thursday and said they \
         would be reunited with their families.",
    );
    let meeting = in_sentence(&found, EventType::Consult, "freed schoolgirls");
    assert!(meeting.iter().all(|e| e.claimant.is_none()), "{found:#?}");
    assert!(meeting.iter().all(|e| e.stance == Stance::Asserted));
}

#[test]
fn nested_speech_is_claimed_by_the_outer_speaker() {
    let found = DAY.events(
        "A village elder said a shepherd had told him that soldiers shot dead two men near the \
         Colombian town of Tame on Tuesday.",
    );
    let shooting = in_sentence(&found, EventType::Assault, "shepherd");
    assert!(
        shooting.iter().all(|e| e
            .claimant
            .as_ref()
            .is_some_and(|c| c.text.contains("elder"))),
        "{found:#?}"
    );
}

#[test]
fn an_appositive_between_speaker_and_verb_is_passed_over() {
    let found = DAY.events(
        "Government jets bombed a clinic in the Sudanese town of Kauda on Wednesday, killing \
         seven people, the Nuba Mountains civil defence service, known locally as the Green \
         Vests, said.",
    );
    assert_eq!(
        claimant(&found, EventType::Assault, "Kauda").as_deref(),
        Some("SDN/NGO")
    );
}

#[test]
fn a_title_and_its_holders_name_are_one_speaker() {
    let found = DAY.events(
        "The army's spokesman, Brigadier General Yahya Rasool, said troops had killed 12 \
         insurgents in Diyala province on Saturday.",
    );
    let attack = in_sentence(&found, EventType::Assault, "Diyala");
    assert_eq!(attack.len(), 1, "{found:#?}");
    let source = attack[0].source.as_ref().map(|s| s.text.as_str());
    assert_ne!(source, Some("Brigadier General Yahya Rasool"), "{found:#?}");
}

#[test]
fn according_to_the_agency_recalls_the_body_named_before() {
    let found = DAY.events(
        "A UNICEF convoy reached the besieged town of Ed Daein on Monday after a week on the \
         road, according to the agency.",
    );
    assert_eq!(
        claimant(&found, EventType::Aid, "Ed Daein").as_deref(),
        Some("-/IGO")
    );
}

#[test]
fn quoted_by_names_the_outlet_not_a_speaker() {
    let found = DAY.events(
        "Rebels shelled the town of Bunia on Monday, killing four civilians, according to local \
         officials quoted by Radio Okapi.",
    );
    let shelling = in_sentence(&found, EventType::Assault, "Bunia");
    assert!(
        shelling.iter().all(|e| e
            .claimant
            .as_ref()
            .is_some_and(|c| c.role.as_deref() == Some("GOV"))),
        "{found:#?}"
    );
    // The officials are the claimant, never the target.
    assert!(
        shelling.iter().all(|e| e
            .target
            .as_ref()
            .is_none_or(|t| t.role.as_deref() != Some("GOV"))),
        "{found:#?}"
    );
}

#[test]
fn a_denial_of_an_act_keeps_its_speaker_as_claimant() {
    let found = DAY.events(
        "A police spokesman denied that officers had blocked food deliveries to the protest \
         camp in Nairobi on Sunday.",
    );
    let denied: Vec<&Event> = found
        .iter()
        .filter(|e| e.evidence.text.contains("blocked") && e.stance == Stance::Denied)
        .collect();
    assert!(!denied.is_empty(), "{found:#?}");
    assert!(denied.iter().all(|e| e.claimant.is_some() && e.negated));
}

#[test]
fn a_phrase_with_nothing_known_in_it_gives_no_claimant() {
    // Neither a country nor a role in "the Harlan Group": the claim is still someone's.
    let found = DAY.events(
        "Drones struck a fuel depot in the Libyan city of Misrata on Friday, the Harlan Group said.",
    );
    assert_eq!(claimant(&found, EventType::Assault, "Misrata"), None);
    assert_eq!(
        stance(&found, EventType::Assault, "Misrata"),
        Stance::Alleged
    );
}

#[test]
fn the_ministry_is_that_of_the_minister_the_sentence_names() {
    let found = DAY.events(
        "Kenya's defence ministry said its troops had killed six militants near the Somali \
         border on Monday. Kenya's foreign minister met his Somali counterpart in Nairobi on \
         Tuesday, the ministry said.",
    );
    assert_eq!(
        claimant(&found, EventType::Consult, "foreign minister met").as_deref(),
        Some("KEN/GOV")
    );
}

#[test]
fn an_unnamed_spokesperson_speaks_for_the_body_the_sentence_is_about() {
    let found = DAY.events(
        "The African Union's envoy will meet rebel leaders in Addis Ababa next week, a \
         spokeswoman said.",
    );
    let rule = claimant_rule(&found, EventType::Consult, "envoy will meet");
    assert!(rule.contains("speaks-for-subject"), "{rule}");
    // A demonym before an attack names its doer, not whose spokesman speaks.
    let found = DAY.events(
        "Sudanese jets bombed a market in the town of Kabkabiya on Monday, a spokesman said.",
    );
    let rule = claimant_rule(&found, EventType::Assault, "Kabkabiya");
    assert!(!rule.contains("speaks-for-subject"), "{rule}");
}

#[test]
fn officials_installed_by_a_state_speak_for_it_and_are_never_its_victims() {
    let found = DAY.events(
        "Ukrainian drones struck a bus station in the occupied city of Horlivka on Sunday, \
         killing two people, Russian-installed officials said.",
    );
    assert_eq!(
        claimant(&found, EventType::Assault, "Horlivka").as_deref(),
        Some("RUS/GOV")
    );
    let found = DAY
        .events("Shelling hit the town of Kupiansk overnight, the last doctor in the town said.");
    let night = in_sentence(&found, EventType::Assault, "Kupiansk");
    assert!(
        night
            .iter()
            .all(|e| e.target.as_ref().is_none_or(|t| !t.text.contains("doctor"))),
        "{found:#?}"
    );
}

#[test]
fn both_parties_telling_of_their_joint_act_report_it_themselves() {
    let found = DAY.events(
        "Ethiopia and Eritrea agreed on Sunday in Asmara to reopen two border crossings, both \
         sides said in a joint statement.",
    );
    let agreed = in_sentence(&found, EventType::Agree, "Asmara");
    assert!(
        agreed
            .iter()
            .all(|e| e.claimant.is_none() && e.stance == Stance::Asserted),
        "{found:#?}"
    );
    // A count of anonymous sources is no such voice.
    let found = DAY.events(
        "Saudi and Houthi envoys held secret talks in Muscat last month, according to two \
         diplomats.",
    );
    let talks = in_sentence(&found, EventType::Consult, "Muscat");
    assert!(talks.iter().all(|e| e.claimant.is_some()), "{found:#?}");
}

#[test]
fn a_party_confirming_its_own_act_makes_a_claim() {
    let found = DAY.events(
        "Kenya's army confirmed that its troops had killed 12 militants near the town of Lamu \
         on Sunday.",
    );
    assert_eq!(stance(&found, EventType::Assault, "Lamu"), Stance::Alleged);
    let found = DAY.events(
        "The UN human rights office confirmed that Sudanese troops had killed 30 civilians in \
         the town of Wad Madani in March.",
    );
    assert_eq!(
        stance(&found, EventType::Assault, "Wad Madani"),
        Stance::Confirmed
    );
}
