//! Classes of events the engine once missed or invented on news it had not seen: families of
//! triggers (maritime incidents, restrictions on media and borders, troop movements, rescues,
//! ransoms), the second verb of a coordinated clause, and words that name no new event
//! (conditions, accidents, purposes). Sentences written for these tests, from several conflicts.

mod common;

use common::Day;
use observer_model::{Event, EventType};

const DAY: Day<'static> = Day("2026-03-18");

fn country(a: &Option<observer_model::Actor>) -> Option<&str> {
    a.as_ref().and_then(|a| a.country.as_deref())
}

#[test]
fn trigger_families_once_missing_are_coded() {
    use EventType::*;
    for (text, ty, source) in [
        (
            "A Chinese coast guard vessel rammed a Philippine supply boat near Second Thomas Shoal on Monday.",
            Assault,
            Some("CHN"),
        ),
        (
            "A Greek patrol boat collided with a Turkish fishing vessel off Lesbos.",
            Assault,
            Some("GRC"),
        ),
        (
            "The Bangladeshi authorities suspended the broadcasts of two private television channels.",
            Coerce,
            Some("BGD"),
        ),
        (
            "Venezuela closed all border crossings with Colombia on Sunday.",
            Coerce,
            Some("VEN"),
        ),
        (
            "Indian troops will step up patrols along the Line of Control, the army said.",
            Mobilize,
            Some("IND"),
        ),
        (
            "The World Food Programme resumed food distributions in Tigray on Monday.",
            Aid,
            None,
        ),
        (
            "The Iraqi army said it was coordinating with Kurdish forces near Kirkuk.",
            Cooperate,
            Some("IRQ"),
        ),
        (
            "Turkey lifted its objections to Sweden's membership of NATO.",
            Concede,
            Some("TUR"),
        ),
        (
            "Iran told the United States to stay out of the conflict.",
            Request,
            Some("IRN"),
        ),
        (
            "The Iraqi army warned that the attackers would be hunted down.",
            Threaten,
            Some("IRQ"),
        ),
    ] {
        let e = DAY.the_one(ty, text);
        assert_eq!(country(&e.source), source, "{text}: {e:#?}");
        assert!(!e.negated, "{text}: {e:#?}");
    }
}

#[test]
fn ransoms_demanded_coerce_and_ransoms_refused_reject() {
    let demand = DAY.the_one(
        EventType::Coerce,
        "Nigerian police said the gunmen demanded a ransom for the release of the engineers.",
    );
    assert!(
        demand.rules.iter().any(|r| r == "trigger:coerce.ransom"),
        "{demand:#?}"
    );
    let text = "The Nigerian government said it would not pay ransoms to the kidnappers.";
    let refusal = DAY.the_one(EventType::Reject, text);
    assert_eq!(country(&refusal.source), Some("NGA"));
    assert!(
        !DAY.events(text)
            .iter()
            .any(|e| e.event_type == EventType::Concede),
        "a ransom not paid is no concession"
    );
    // A ransom paid is a concession.
    DAY.the_one(
        EventType::Concede,
        "The Malian government paid a ransom to free the two engineers, officials said.",
    );
}

#[test]
fn the_second_verb_of_a_coordinated_clause_is_an_act_of_its_own() {
    use EventType::*;
    for (text, first, second) in [
        (
            "The European Union condemned the shelling of Kherson and urged Moscow to withdraw its troops.",
            Accuse,
            Request,
        ),
        (
            "The African Union denounced the raid and called on Khartoum to rein in its paramilitaries.",
            Accuse,
            Request,
        ),
        (
            "The Qatari emir urged Israel and Hamas to halt the fighting and offered to host talks in Doha.",
            Request,
            Agree,
        ),
        (
            "Pakistan expelled two Afghan diplomats and recalled its ambassador from Kabul.",
            Coerce,
            Sanction,
        ),
        // A vow joined by "and" makes the first act no plan.
        (
            "The Kenyan army repelled the assault on its base and vowed to hold the attackers to account.",
            Assault,
            Threaten,
        ),
    ] {
        let found = DAY.events(text);
        for ty in [first, second] {
            let e = found
                .iter()
                .find(|e| e.event_type == ty)
                .unwrap_or_else(|| panic!("no {ty} in {text:?}: {found:#?}"));
            assert!(e.source.is_some(), "{text}: {e:#?}");
            assert!(!e.hypothetical, "{text}: {e:#?}");
        }
    }
    // What the appeal asks for is still its content, not an event.
    let text = "The European Union condemned the shelling of Kherson and urged Moscow to withdraw its troops.";
    assert!(
        DAY.events(text)
            .iter()
            .all(|e| e.event_type != Retreat || e.hypothetical),
        "{:#?}",
        DAY.events(text)
    );
}

#[test]
fn words_that_report_no_new_event_are_not_coded() {
    use EventType::*;
    for (text, absent) in [
        // A truce already reported, named to date another fact.
        (
            "Pakistani troops have not fired a shot since the truce took effect, the army said.",
            Retreat,
        ),
        // What one side blames the other for is the charge, not a new attack.
        (
            "Armenia and Azerbaijan each blamed the other for starting the clashes near Tegh.",
            Assault,
        ),
        // An accident's toll is no attack.
        (
            "The collapse of a bridge that killed 40 people sparked protests in Dhaka on Sunday.",
            Assault,
        ),
        (
            "A stampede at a food distribution point killed 12 people in Khan Younis, health officials said.",
            Assault,
        ),
    ] {
        let found = DAY.events(text);
        assert!(
            found.iter().all(|e| e.event_type != absent),
            "{absent} in {text:?}: {found:#?}"
        );
    }
    // An attack near a collapsed building is still an attack.
    DAY.the_one(
        Assault,
        "A roadside bomb killed 15 soldiers near the collapsed bridge in Borno, the army said.",
    );
    // The accusation itself is kept, both ways.
    let text = "Armenia and Azerbaijan each blamed the other for starting the clashes near Tegh.";
    assert_eq!(
        DAY.events(text)
            .iter()
            .filter(|e| e.event_type == Accuse)
            .count(),
        2,
        "{:#?}",
        DAY.events(text)
    );
}

#[test]
fn an_act_named_only_as_a_condition_is_no_event() {
    use EventType::*;
    for (text, absent) in [
        (
            "Washington said new tariffs could follow next month if Beijing did not agree to resume talks.",
            Consult,
        ),
        (
            "The militia said it would lay down its arms if the government did not withdraw its troops.",
            Retreat,
        ),
        (
            "If the shelling continues, the movement will be forced to respond, a Houthi official said.",
            Assault,
        ),
    ] {
        let found = DAY.events(text);
        assert!(
            found.iter().all(|e| e.event_type != absent),
            "{absent} in {text:?}: {found:#?}"
        );
    }
    // The warning that states the condition is still a threat.
    DAY.the_one(
        Threaten,
        "If the shelling continues, the movement will be forced to respond, a Houthi official said.",
    );
}

#[test]
fn the_fight_troops_are_sent_for_is_the_deployment_s_purpose() {
    for text in [
        "Rwanda deployed 1,000 soldiers to Cabo Delgado to battle the insurgents.",
        "Nigeria deployed special forces to Zamfara state to fight the bandits, the army said.",
    ] {
        DAY.the_one(EventType::Mobilize, text);
        let found = DAY.events(text);
        assert!(
            found.iter().all(|e| e.event_type != EventType::Assault),
            "{text}: {found:#?}"
        );
    }
    // A fight reported in its own clause is still one.
    DAY.the_one(
        EventType::Assault,
        "Rwandan troops deployed in the province clashed with insurgents near Mocimboa da Praia.",
    );
}

#[test]
fn acts_judged_illegal_are_referred_to_and_the_judgement_is_an_accusation() {
    let text = "The United States imposed sanctions on three Iranian oil companies on Monday. \
                Tehran said the sanctions were illegal and vowed to keep exporting oil.";
    let found = DAY.events(text);
    let sanctions: Vec<&Event> = found
        .iter()
        .filter(|e| e.event_type == EventType::Sanction)
        .collect();
    assert_eq!(sanctions.len(), 1, "{found:#?}");
    assert_eq!(sanctions[0].evidence.sentence, 0, "{found:#?}");
    let accusation = found
        .iter()
        .find(|e| e.event_type == EventType::Accuse && e.evidence.sentence == 1)
        .unwrap_or_else(|| panic!("no accusation: {found:#?}"));
    assert_eq!(country(&accusation.source), Some("IRN"), "{accusation:#?}");
    assert!(
        accusation.rules.iter().any(|r| r == "trigger:accuse.judge"),
        "{accusation:#?}"
    );
}
