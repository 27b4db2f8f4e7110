//! Which country each side of an event belongs to, on grammatical shapes that decide it: verbs in
//! the passive (the subject is acted on), arrests with no doer named, threats whose content names
//! the threatener's own forces, attacks on a place of one warring country. Sentences written for
//! these tests, from several conflicts and in news-style phrasing.

mod common;

use common::{Day, country, pair};
use observer_model::EventType;

const DAY: Day<'static> = Day("2024-03-12");

/// (source country, target country) of every event of a type.
fn dyads(ty: EventType, text: &str) -> Vec<(String, String)> {
    DAY.dyads(ty, text, country)
}

#[test]
fn the_subject_of_a_passive_verb_is_acted_on() {
    let found = dyads(
        EventType::Coerce,
        "More than 30 Sudanese refugees have been detained near the border since January, \
         according to the Chadian interior ministry.",
    );
    assert!(found.iter().all(|(_, t)| t == "SDN"), "{found:?}");
    assert!(!found.is_empty(), "{found:?}");
    let found = dyads(
        EventType::Concede,
        "Seventy Ethiopian prisoners had been freed by Eritrea, officials in Asmara said.",
    );
    assert_eq!(found, vec![pair("ERI", "ETH")]);
    // The active voice keeps its subject as the doer.
    let found = dyads(
        EventType::Concede,
        "Eritrea freed seventy Ethiopian prisoners on Monday, officials said.",
    );
    assert_eq!(found, vec![pair("ERI", "ETH")]);
}

#[test]
fn a_passive_attack_launched_from_a_country_is_that_countrys() {
    let found = dyads(
        EventType::Assault,
        "Israel's military said two rockets had been fired from Lebanon at the town of Metula \
         on Sunday.",
    );
    assert!(found.iter().any(|(s, _)| s == "LBN"), "{found:?}");
    // A speaker denying fire from its own side is not the one fired on.
    let found = DAY.events(
        "India's army denied that any shots had been fired from its side of the line on Friday.",
    );
    assert!(
        found
            .iter()
            .filter(|e| e.event_type == EventType::Assault)
            .all(|e| country(&e.target) != "IND"),
        "{found:#?}"
    );
}

#[test]
fn arrests_with_no_doer_named_are_the_local_polices() {
    let found = dyads(
        EventType::Coerce,
        "Tens of thousands marched in Caracas against the election result on Monday, and \
         dozens of people were arrested in Caracas, the interior ministry said.",
    );
    assert!(found.contains(&pair("VEN", "VEN")), "{found:?}");
    // Arrests denied are not given a doer.
    let found = DAY.events("Police in Nairobi denied that any protesters had been arrested.");
    assert!(
        found
            .iter()
            .filter(|e| e.event_type == EventType::Coerce)
            .all(|e| e.negated || e.source.is_some()),
        "{found:#?}"
    );
}

#[test]
fn a_threat_naming_the_threateners_own_forces_is_aimed_at_the_other_side() {
    let text = "Ethiopian troops shelled Eritrean positions near Badme on Monday, the Eritrean \
                information ministry said.\n\n\
                Eritrea's president warned that Asmara would strike back \"without hesitation\" \
                if the shelling continued.";
    let found = dyads(EventType::Threaten, text);
    assert!(found.contains(&pair("ERI", "ETH")), "{found:?}");
    assert!(found.iter().all(|(s, t)| s != t), "{found:?}");
    let text = "Pakistani troops fired mortars at Indian posts in the Poonch sector on Tuesday, \
                the Indian army said.\n\n\
                India's defence minister warned that his forces would respond to any further \
                violation.";
    let found = dyads(EventType::Threaten, text);
    assert!(found.contains(&pair("IND", "PAK")), "{found:?}");
    assert!(found.iter().all(|(s, t)| s != t), "{found:?}");
}

#[test]
fn a_threat_against_a_named_party_keeps_it() {
    let text = "Houthi forces fired two drones at the Saudi city of Abha on Monday.\n\n\
                The Houthis warned the United States that its ships would be targeted.";
    let found = dyads(EventType::Threaten, text);
    assert!(found.contains(&pair("YEM", "USA")), "{found:?}");
}

#[test]
fn a_states_curbs_and_releases_aimed_at_no_one_fall_on_its_own_people() {
    let found = dyads(
        EventType::Coerce,
        "Sri Lanka's government imposed a nationwide curfew on Monday after a night of rioting.",
    );
    assert!(found.contains(&pair("LKA", "LKA")), "{found:?}");
    let found = dyads(
        EventType::Concede,
        "Nicaragua's government released 135 detainees on Thursday, a rights group said.",
    );
    assert!(found.contains(&pair("NIC", "NIC")), "{found:?}");
    // An expulsion is of foreigners: no target is invented.
    let found = dyads(
        EventType::Coerce,
        "Mali's junta expelled the French ambassador on Monday.",
    );
    assert!(found.iter().all(|(_, t)| t != "MLI"), "{found:?}");
}

#[test]
fn a_visit_with_no_host_named_is_to_the_country_visited() {
    let found = dyads(
        EventType::Consult,
        "Kenya's president arrived in Addis Ababa on Tuesday for a two-day state visit.",
    );
    assert!(found.contains(&pair("KEN", "ETH")), "{found:?}");
    // A visit at home has no foreign host.
    let found = dyads(
        EventType::Consult,
        "Kenya's president arrived in Mombasa on Tuesday for a two-day visit.",
    );
    assert!(found.iter().all(|(_, t)| t != "KEN"), "{found:?}");
}

#[test]
fn a_demonym_shared_with_a_territory_is_the_states() {
    let found = dyads(
        EventType::Assault,
        "French troops killed 12 jihadists near Menaka on Sunday, the army said.",
    );
    assert!(found.iter().any(|(s, _)| s == "FRA"), "{found:?}");
    let found = dyads(
        EventType::Accuse,
        "Iran's foreign minister accused American forces of provoking the clash.",
    );
    assert!(found.iter().any(|(_, t)| t == "USA"), "{found:?}");
    let found = dyads(
        EventType::Assault,
        "Dutch peacekeepers came under fire near the border on Monday.",
    );
    assert!(found.iter().any(|(_, t)| t == "NLD"), "{found:?}");
}

#[test]
fn militants_attacking_a_place_of_the_state_come_from_the_movements_side() {
    let text = "Israeli aircraft struck Hezbollah positions in southern Lebanon on Monday, the \
                Israeli military said.\n\n\
                Militants later fired three rockets at the Israeli town of Kiryat Shmona, \
                according to the military.";
    let found = dyads(EventType::Assault, text);
    assert!(found.contains(&pair("LBN", "ISR")), "{found:?}");
    // Insurgents at home fighting a foreign army stay local.
    let text = "Rwandan troops attacked insurgent bases near Mocimboa da Praia on Monday, the \
                Rwandan army said.\n\n\
                Insurgents raided a village near Mocimboa da Praia on Wednesday, killing four \
                people, police said.";
    let found = dyads(EventType::Assault, text);
    assert!(found.contains(&pair("RWA", "MOZ")), "{found:?}");
    assert_eq!(
        found.iter().filter(|(s, _)| s == "RWA").count(),
        1,
        "{found:?}"
    );
}

#[test]
fn fighters_a_party_says_it_killed_are_the_enemys() {
    let found = dyads(
        EventType::Assault,
        "Israel's military said it had killed 14 gunmen in an air strike near Khan Younis on \
         Sunday.",
    );
    assert!(found.contains(&pair("ISR", "PSE")), "{found:?}");
    let found = dyads(
        EventType::Assault,
        "Armenian officials say 40 soldiers have been killed since Tuesday.",
    );
    assert!(found.iter().any(|(_, t)| t == "ARM"), "{found:?}");
}

#[test]
fn the_venue_of_talks_is_not_the_home_of_unnamed_officials() {
    let text = "Delegations of Sudan's army and the Rapid Support Forces held talks in Jeddah on \
                Monday, the mediators said.\n\n\
                At the talks, RSF negotiators rejected a government proposal to open aid \
                corridors into Khartoum, a delegate said.\n\n\
                The RSF has accused the army of shelling Omdurman since the talks began.";
    let found = dyads(EventType::Reject, text);
    assert!(found.iter().any(|(_, t)| t == "SDN"), "{found:?}");
    assert!(found.iter().all(|(_, t)| t != "SAU"), "{found:?}");
}

#[test]
fn a_truce_between_both_sides_names_the_parties_to_a_denied_attack() {
    let text = "The armies of Kyrgyzstan and Tajikistan agreed on Monday to a ceasefire along \
                the disputed border, both sides said.\n\n\
                Tajikistan's defence ministry denied that its troops had opened fire on \
                Tuesday.\n\n\
                Kyrgyzstan's border service said its guards had come under fire near Batken.";
    let found = dyads(EventType::Assault, text);
    assert!(found.contains(&pair("TJK", "KGZ")), "{found:?}");
}

#[test]
fn an_attack_naming_no_one_continues_the_attack_told_just_before() {
    let text = "Houthi forces fired a ballistic missile at the Saudi city of Jizan on Sunday, \
                the Saudi-led coalition said.\n\n\
                Saudi jets struck Houthi positions near Saada on Monday, the coalition said.\n\n\
                The strikes destroyed two weapons depots.";
    let found = DAY.events(text);
    let last = found
        .iter()
        .filter(|e| e.event_type == EventType::Assault && e.evidence.sentence == 2)
        .map(|e| (country(&e.source), country(&e.target)))
        .collect::<Vec<_>>();
    assert_eq!(last, vec![pair("SAU", "YEM")], "{found:#?}");
}

#[test]
fn talks_and_deployments_abroad_with_no_counterpart_are_with_the_host() {
    let found = dyads(
        EventType::Mobilize,
        "China is conducting military exercises in Cambodia this week, the defence ministry said.",
    );
    assert!(
        found.iter().any(|(s, t)| s == "CHN" && t == "KHM"),
        "{found:?}"
    );
    let found = dyads(
        EventType::Consult,
        "Germany's chancellor will attend a summit in Kenya on climate finance next month.",
    );
    assert!(
        found.iter().any(|(s, t)| s == "DEU" && t == "KEN"),
        "{found:?}"
    );
    // A place carried from the story is not a host.
    let found = dyads(
        EventType::Mobilize,
        "Russian shelling hit Kharkiv on Monday, the governor said.\n\n\
         Russia announced the call-up of 300,000 reservists on Wednesday.",
    );
    assert!(
        !found.is_empty() && found.iter().all(|(_, t)| t != "UKR"),
        "{found:?}"
    );
}

#[test]
fn a_threat_naming_its_own_state_beside_a_foe_is_one_threat() {
    let found = dyads(
        EventType::Threaten,
        "Turkey's president warned that Turkey would act against Kurdish militias in Syria \
         and would not be deterred by threats.",
    );
    assert!(found.iter().all(|(s, t)| s != t), "{found:?}");
}

#[test]
fn armed_groups_and_state_forces_known_by_name_carry_their_country() {
    let found = dyads(
        EventType::Assault,
        "The Revolutionary Guards fired missiles at militant bases in northern Iraq on Monday.",
    );
    assert!(found.iter().any(|(s, _)| s == "IRN"), "{found:?}");
    let found = dyads(
        EventType::Assault,
        "Kachin Independence Army fighters attacked a police station in Bhamo on Friday, \
         residents said.",
    );
    assert!(found.iter().any(|(s, _)| s == "MMR"), "{found:?}");
}

#[test]
fn the_party_a_threats_condition_names_is_threatened() {
    let found = dyads(
        EventType::Threaten,
        "\"If the Zionist entity continues its raids, we will respond with force,\" a Hezbollah \
         commander warned.",
    );
    assert!(found.contains(&pair("LBN", "ISR")), "{found:?}");
    let found = dyads(
        EventType::Threaten,
        "\"If Afghanistan does not act, we will strike the camps ourselves,\" Pakistan's defence \
         minister warned.",
    );
    assert!(found.contains(&pair("PAK", "AFG")), "{found:?}");
}

#[test]
fn a_protest_against_an_attack_reported_before_is_aimed_at_its_doer() {
    let text = "Iranian jets struck Kurdish camps near Erbil on Monday, Iraqi officials said.\n\n\
                Hundreds of people rallied in Sulaimaniyah on Tuesday to protest against the \
                strikes.";
    let found = dyads(EventType::Protest, text);
    assert!(found.iter().any(|(_, t)| t == "IRN"), "{found:?}");
}
