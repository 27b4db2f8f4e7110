//! Who says each event happened (the claimant) and how the outlet stands on it (stance), on news
//! sentences written for these tests from several conflicts, protests and diplomacy.

mod common;

use common::{Day, country_role, in_sentence};
use observer_model::{Event, EventType, Stance};

const DAY: Day<'static> = Day("2024-05-15");

/// The one claimant of the events of `ty` in the sentence with `marker`, as "COUNTRY/ROLE".
fn claimant_of(found: &[Event], ty: EventType, marker: &str) -> Option<String> {
    let picked = in_sentence(found, ty, marker);
    let claimants: Vec<Option<String>> = picked
        .iter()
        .map(|e| country_role(e.claimant.as_ref()))
        .collect();
    assert!(
        claimants.windows(2).all(|w| w[0] == w[1]),
        "{marker:?}: {claimants:?}"
    );
    claimants[0].clone()
}

fn stance_of(found: &[Event], ty: EventType, marker: &str) -> Stance {
    let picked = in_sentence(found, ty, marker);
    picked[0].stance
}

#[test]
fn a_pronoun_speaker_is_the_one_quoted_before() {
    let found = DAY.events(
        "Rebel shelling killed four people in the Malian town of Kidal on Sunday, the regional \
         governor said. A school was also hit and two teachers were wounded, he said late on Monday.",
    );
    let first = claimant_of(&found, EventType::Assault, "Rebel shelling");
    assert!(first.is_some(), "{found:#?}");
    assert_eq!(
        claimant_of(&found, EventType::Assault, "A school was also hit"),
        first
    );
    assert_eq!(
        stance_of(&found, EventType::Assault, "A school was also hit"),
        Stance::Alleged
    );
    // The explanation points at the pronoun and names the rule behind it.
    let later = in_sentence(&found, EventType::Assault, "A school was also hit")[0];
    let evidence = later
        .provenance
        .iter()
        .find(|p| p.field == "claimant")
        .expect("claimant evidence");
    assert_eq!(evidence.text.as_deref(), Some("he"));
    assert!(evidence.rule.contains("coref:speaker"), "{evidence:?}");
}

#[test]
fn the_spokesman_added_keeps_the_police_as_claimant() {
    let found = DAY.events(
        "Riot police detained 40 protesters outside the Congress building in Lima on Saturday, a \
         police spokesman said. Officers also fired tear gas at a crowd blocking the Pan-American \
         Highway, the spokesman added.",
    );
    assert_eq!(
        claimant_of(&found, EventType::Coerce, "detained 40 protesters")
            .as_deref()
            .map(|c| c.ends_with("/COP")),
        Some(true)
    );
    // Tear gas fired at a crowd is crowd control (COERCE), not an armed attack.
    let later = claimant_of(&found, EventType::Coerce, "fired tear gas");
    assert!(later.is_some_and(|c| c.ends_with("/COP")), "{found:#?}");
}

#[test]
fn a_speaker_named_by_title_speaks_for_the_body_before_or_after_it() {
    for (text, marker, role) in [
        (
            "Gunmen shot dead three farmers near Jos on Monday, a police spokesman said.",
            "Gunmen shot dead",
            "COP",
        ),
        (
            "Government jets bombed a fuel depot in Sanaa overnight, a Houthi official said.",
            "fuel depot",
            "REB",
        ),
        (
            "Army troops withdrew from the hill town of Buthidaung on Friday, a spokesman for \
             the Arakan Army said.",
            "withdrew",
            "REB",
        ),
    ] {
        let found = DAY.events(text);
        let ty = found
            .first()
            .unwrap_or_else(|| panic!("no event in {text:?}"))
            .event_type;
        let claimant = claimant_of(&found, ty, marker);
        assert!(
            claimant.as_deref().is_some_and(|c| c.ends_with(role)),
            "{text:?}: {claimant:?}"
        );
    }
}

#[test]
fn an_attribution_closing_the_sentence_covers_every_clause() {
    let found = DAY.events(
        "Soldiers repelled an attack on a checkpoint near Mopti, while two soldiers were \
         wounded, according to the Malian army.",
    );
    for e in found.iter().filter(|e| e.event_type == EventType::Assault) {
        let claimant = e.claimant.as_ref().expect("claimant");
        assert_eq!(claimant.country.as_deref(), Some("MLI"), "{e:#?}");
        assert_eq!(e.stance, Stance::Alleged);
    }
    assert!(found.iter().any(|e| e.event_type == EventType::Assault));
}

#[test]
fn a_verb_after_a_comma_takes_the_speaker_after_it() {
    let found = DAY.events(
        "Suspected jihadists killed nine villagers in Borno state on Sunday, said a local official.",
    );
    let claimant = claimant_of(&found, EventType::Assault, "killed nine villagers");
    assert!(
        claimant.as_deref().is_some_and(|c| c.ends_with("/GOV")),
        "{claimant:?}"
    );
    // "France, which has troops there, said its jets ...": the speaker stands before the verb.
    let found = DAY.events(
        "France, which keeps about 1,000 troops in Chad, said its jets had struck a rebel column \
         on Tuesday.",
    );
    assert_eq!(
        claimant_of(&found, EventType::Assault, "struck a rebel column")
            .as_deref()
            .map(|c| c.starts_with("FRA/")),
        Some(true)
    );
}

#[test]
fn state_media_can_be_the_claimant_but_not_the_outlet_told() {
    let found = DAY.events("Syrian state media said troops had killed 20 militants near Hama.");
    let claimant = claimant_of(&found, EventType::Assault, "killed 20 militants");
    assert!(
        claimant.as_deref().is_some_and(|c| c.ends_with("/MED")),
        "{claimant:?}"
    );
    let found = DAY.events(
        "A Sudanese army officer told Al Jazeera that the RSF had shelled a hospital in El Obeid.",
    );
    let claimant = claimant_of(&found, EventType::Assault, "shelled a hospital");
    assert!(
        claimant.as_deref().is_some_and(|c| c.ends_with("/MIL")),
        "{claimant:?}"
    );
}

#[test]
fn the_disclaimer_covers_the_claims_reported_before_it() {
    let found = DAY.events(
        "Azerbaijani forces shelled the village of Sotk on Tuesday, Armenia's defence ministry \
         said. Azerbaijan's defence ministry said Armenian units had fired on its positions first. \
         Northern Courier could not independently verify either account. Armenia's foreign \
         ministry said on Wednesday that Azerbaijani troops had also shelled Jermuk.",
    );
    assert_eq!(
        stance_of(&found, EventType::Assault, "shelled the village of Sotk"),
        Stance::Unverified
    );
    assert_eq!(
        stance_of(&found, EventType::Assault, "fired on its positions"),
        Stance::Unverified
    );
    assert_eq!(
        stance_of(&found, EventType::Assault, "also shelled Jermuk"),
        Stance::Alleged
    );
    let unverified = in_sentence(&found, EventType::Assault, "shelled the village of Sotk")[0];
    assert!(
        unverified
            .provenance
            .iter()
            .any(|p| p.field == "stance" && p.rule == "cue:disclaimer"),
        "{unverified:#?}"
    );
}

#[test]
fn an_accusation_alongside_a_denial_is_the_outlets_report() {
    let found = DAY.events(
        "Rwanda's government denied that its troops had crossed into North Kivu and accused the \
         Congolese army of shelling villages near the border.",
    );
    let accusation = in_sentence(&found, EventType::Accuse, "accused the")[0];
    assert_eq!(accusation.stance, Stance::Asserted, "{accusation:#?}");
    assert!(!accusation.negated);
    assert!(accusation.claimant.is_none());
    // A denial after the accusation answers its content, not whether it was made.
    let found = DAY.events(
        "Ethiopia accused Eritrea of arming rebels in the Amhara region, a charge Asmara denies.",
    );
    let accusation = in_sentence(&found, EventType::Accuse, "accused Eritrea")[0];
    assert_eq!(accusation.stance, Stance::Asserted, "{accusation:#?}");
    assert!(accusation.claimant.is_none());
}

#[test]
fn speech_in_a_relative_clause_does_not_attribute_the_event_before_it() {
    for (text, marker) in [
        (
            "Sudanese army jets struck what the RSF said was a crowded market in Nyala.",
            "struck",
        ),
        (
            "Turkish drones hit a convoy near Qamishli carrying fighters who the ministry said had \
             attacked a border post.",
            "hit a convoy",
        ),
    ] {
        let found = DAY.events(text);
        let attack = in_sentence(&found, EventType::Assault, marker);
        assert!(!attack.is_empty(), "{text:?}: {found:#?}");
        assert!(attack[0].claimant.is_none(), "{text:?}: {:#?}", attack[0]);
        assert_eq!(attack[0].stance, Stance::Asserted);
    }
}

#[test]
fn a_claim_word_used_as_an_adjective_or_noun_reports_no_speech() {
    let found = DAY.events(
        "Hundreds of students marched through Yerevan on Sunday to condemn Baku's alleged \
         shelling of border villages.",
    );
    let protest = in_sentence(&found, EventType::Protest, "marched");
    assert!(!protest.is_empty(), "{found:#?}");
    assert!(protest[0].claimant.is_none(), "{:#?}", protest[0]);
    assert_eq!(protest[0].stance, Stance::Asserted);
}

#[test]
fn a_warning_about_the_speakers_own_forces_is_the_speakers_threat() {
    let found = DAY.events(
        "Pakistan's army chief warned on Monday that his forces would respond with full force to \
         any incursion across the Line of Control.",
    );
    let threat = in_sentence(&found, EventType::Threaten, "warned");
    assert!(!threat.is_empty(), "{found:#?}");
    assert!(threat[0].claimant.is_none(), "{:#?}", threat[0]);
    assert_eq!(threat[0].stance, Stance::Asserted);
    assert_eq!(
        threat[0].source.as_ref().and_then(|s| s.country.as_deref()),
        Some("PAK")
    );
}

#[test]
fn security_sources_and_war_monitors_have_their_roles() {
    for (text, marker, role) in [
        (
            "Unknown gunmen ambushed a patrol near Kidal on Friday, killing four soldiers, \
             security sources said.",
            "ambushed",
            "MIL",
        ),
        (
            "Government air strikes killed seven civilians in the town of Maarat al-Numan on \
             Sunday, a war monitor said.",
            "air strikes",
            "NGO",
        ),
    ] {
        let found = DAY.events(text);
        let claimant = claimant_of(&found, EventType::Assault, marker);
        assert!(
            claimant.as_deref().is_some_and(|c| c.ends_with(role)),
            "{text:?}: {claimant:?}"
        );
    }
}

#[test]
fn a_speaker_the_engine_cannot_name_still_makes_the_event_a_claim() {
    let found = DAY.events(
        "Militia fighters attacked a police station in the town of Djugu overnight, the Ituri \
         Volunteer Brigade said.",
    );
    assert_eq!(
        stance_of(&found, EventType::Assault, "attacked a police station"),
        Stance::Alleged
    );
}

#[test]
fn the_united_states_is_a_name_not_a_statement() {
    let found = DAY.events(
        "The United States imposed sanctions on two Sudanese commanders on Thursday over attacks \
         on civilians in Darfur.",
    );
    let sanction = in_sentence(&found, EventType::Sanction, "imposed sanctions");
    assert!(!sanction.is_empty(), "{found:#?}");
    assert_eq!(sanction[0].stance, Stance::Asserted);
    assert!(sanction[0].claimant.is_none());
    assert_eq!(
        sanction[0]
            .source
            .as_ref()
            .and_then(|s| s.country.as_deref()),
        Some("USA")
    );
}

#[test]
fn the_agency_is_the_international_body_named_before() {
    let found = DAY.events(
        "UNICEF said on Monday that it had sent vaccines to three camps near Goma. Gunmen \
         attacked one of its trucks near Sake on Sunday and wounded the driver, the agency said.",
    );
    let claimant = claimant_of(&found, EventType::Assault, "attacked one of its trucks");
    assert!(
        claimant.as_deref().is_some_and(|c| c.ends_with("/IGO")),
        "{claimant:?}"
    );
}

#[test]
fn the_title_heading_a_speaker_phrase_is_the_speaker() {
    // "A Houthi military spokesman": the spokesman speaks for the Houthis, who are not the
    // source of what he reports.
    let found = DAY.events(
        "A Houthi military spokesman said the group's fighters had shot down a Saudi drone over \
         Marib on Tuesday.",
    );
    let attack = in_sentence(&found, EventType::Assault, "shot down");
    assert!(!attack.is_empty(), "{found:#?}");
    let claimant = attack[0].claimant.as_ref().expect("claimant");
    assert_eq!(claimant.country.as_deref(), Some("YEM"));
    assert_eq!(claimant.role.as_deref(), Some("REB"));
    assert_eq!(claimant.text, "Houthi military spokesman");
}

#[test]
fn a_quoted_threat_is_the_speakers_own() {
    let found = DAY.events(
        "\"If the raids go on, we will strike back hard,\" al-Shabab commanders said in a \
         statement on Friday.",
    );
    for threat in in_sentence(&found, EventType::Threaten, "strike back") {
        assert!(threat.claimant.is_none(), "{threat:#?}");
        assert_eq!(threat.stance, Stance::Asserted);
        assert_eq!(
            threat.source.as_ref().and_then(|s| s.role.as_deref()),
            Some("REB"),
            "{threat:#?}"
        );
    }
    assert!(
        found.iter().any(|e| e.event_type == EventType::Threaten),
        "{found:#?}"
    );
}
