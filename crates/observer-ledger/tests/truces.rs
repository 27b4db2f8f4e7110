//! Truces found across articles: the shared Nagorno-Karabakh example, and a truce in El Fasher
//! followed over ten articles from its announcement to its collapse.

mod common;

use chrono::{NaiveDate, NaiveTime};
use observer_ledger::truces::{Truce, TruceKind, TruceStatus, ViolationKind};

fn day(text: &str) -> Option<NaiveDate> {
    Some(text.parse().unwrap())
}

fn statuses(truce: &Truce) -> Vec<(TruceStatus, Option<NaiveDate>)> {
    truce.history.iter().map(|c| (c.status, c.date)).collect()
}

/// (accuser, accused) of every accusation of breaking the truce.
fn accusations(truce: &Truce) -> Vec<(&str, &str)> {
    let mut pairs: Vec<(&str, &str)> = truce
        .violations
        .iter()
        .filter(|v| v.kind == ViolationKind::Accusation)
        .map(|v| (v.accuser.as_str(), v.accused.as_str()))
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn both_nagorno_karabakh_truces_are_found_and_both_broken_within_hours() {
    let ledger = common::ledger_of(&[common::nagorno_karabakh()]);
    let truces = ledger.truces();
    assert_eq!(truces.len(), 2, "{truces:#?}");

    // The Russian-brokered truce, "a week earlier" than the weekend of the new one.
    let first = &truces[0];
    assert_eq!(first.conflict, "ARM–AZE");
    assert_eq!(first.brokers, ["Russia"]);
    let agreed = first.agreed.as_ref().unwrap();
    assert_eq!(
        (agreed.start, agreed.end),
        (day("2020-10-10"), day("2020-10-11"))
    );
    let effective = first.effective.as_ref().unwrap();
    assert!(!effective.stated, "no report says when it took effect");
    assert_eq!(effective.date.start, day("2020-10-10"));
    assert_eq!(accusations(first), [("ARM", "AZE"), ("AZE", "ARM")]);
    let breach = first.first_alleged_breach.as_ref().unwrap();
    assert_eq!((breach.min_hours, breach.max_hours), (0, Some(24)));
    assert_eq!(breach.basis, "stated: within hours");
    assert_eq!(
        statuses(first),
        [
            (TruceStatus::Announced, day("2020-10-10")),
            (TruceStatus::Broken, day("2020-10-10")),
            (TruceStatus::Superseded, day("2020-10-17")),
        ]
    );

    // The humanitarian truce agreed on Saturday, to take effect at the weekend.
    let second = &truces[1];
    assert_eq!(second.conflict, "ARM–AZE");
    assert_eq!(second.kind, TruceKind::Humanitarian);
    assert!(second.brokers.is_empty(), "{:?}", second.brokers);
    assert_eq!(second.agreed.as_ref().unwrap().start, day("2020-10-17"));
    let effective = second.effective.as_ref().unwrap();
    assert!(effective.stated);
    assert_eq!(
        (effective.date.start, effective.date.end),
        (day("2020-10-17"), day("2020-10-18"))
    );
    assert_eq!(accusations(second), [("ARM", "AZE"), ("AZE", "ARM")]);
    assert_eq!(
        second.first_alleged_breach.as_ref().unwrap().max_hours,
        Some(24)
    );
    assert_eq!(second.status, TruceStatus::Broken);
    // Tuesday's fighting, reported by both sides, comes after it took effect.
    let reported: Vec<(&str, &str)> = second
        .violations
        .iter()
        .filter(|v| v.kind == ViolationKind::ReportedAttack && !v.accuser.contains("own report"))
        .map(|v| (v.accuser.as_str(), v.accused.as_str()))
        .collect();
    assert!(reported.contains(&("ARM", "AZE")), "{reported:?}");
    assert!(reported.contains(&("AZE", "ARM")), "{reported:?}");
    for v in second
        .violations
        .iter()
        .filter(|v| v.kind == ViolationKind::ReportedAttack)
    {
        assert_eq!(
            v.date.as_ref().unwrap().start,
            day("2020-10-20"),
            "{}",
            v.evidence
        );
        let delay = v.delay.as_ref().unwrap();
        assert_eq!((delay.min_hours, delay.max_hours), (24, Some(96)));
    }
}

#[test]
fn the_el_fasher_truce_is_followed_from_announcement_to_collapse() {
    let ledger = common::ledger_of(&common::coded_corpus("truce"));
    let truces = ledger.truces();
    assert_eq!(truces.len(), 1, "{truces:#?}");
    let truce = &truces[0];
    assert_eq!(truce.parties, ["Rapid Support Forces", "SDN"]);
    assert_eq!(truce.brokers, ["African Union"]);
    assert_eq!(truce.kind, TruceKind::Humanitarian);
    assert_eq!(truce.scope.as_deref(), Some("El Fasher"));
    assert_eq!(truce.agreed.as_ref().unwrap().start, day("2024-06-03"));

    let effective = truce.effective.as_ref().unwrap();
    assert!(effective.stated);
    assert_eq!(effective.date.start, day("2024-06-05"));
    assert_eq!(effective.time, NaiveTime::from_hms_opt(6, 0, 0));
    assert_eq!(effective.zone.as_deref(), Some("local"));
    assert_eq!(effective.utc_time, NaiveTime::from_hms_opt(4, 0, 0));

    assert_eq!(
        statuses(truce),
        [
            (TruceStatus::Announced, day("2024-06-03")),
            (TruceStatus::InEffect, day("2024-06-05")),
            (TruceStatus::Broken, day("2024-06-05")),
            (TruceStatus::Collapsed, day("2024-06-08")),
        ]
    );
    assert_eq!(truce.status, TruceStatus::Collapsed);
    // The announcement, the RSF's commitment to it ("the group was committed to the
    // agreement"), its taking effect, and the drone strike report recalling it; the fighting and
    // accusations are its violations.
    assert_eq!(truce.articles.len(), 4, "{:?}", truce.articles);

    // Each side accuses the other; the RSF within hours of it taking effect.
    assert_eq!(
        accusations(truce),
        [
            ("Rapid Support Forces", "SDN"),
            ("SDN", "Rapid Support Forces")
        ]
    );
    let rsf = truce
        .violations
        .iter()
        .find(|v| v.kind == ViolationKind::Accusation && v.accuser == "Rapid Support Forces")
        .unwrap();
    assert_eq!(rsf.outlet.as_deref(), Some("Kyiv Wire"));
    assert_eq!(rsf.delay.as_ref().unwrap().basis, "stated: within hours");
    let army = truce
        .violations
        .iter()
        .find(|v| v.kind == ViolationKind::Accusation && v.accuser == "SDN")
        .unwrap();
    let delay = army.delay.as_ref().unwrap();
    // Thursday, the day after 06:00 on Wednesday: 18 to 42 hours.
    assert_eq!((delay.min_hours, delay.max_hours), (18, Some(42)));
    let first = truce.first_alleged_breach.as_ref().unwrap();
    assert_eq!(first.max_hours, Some(24));

    // The army's report of the RSF drone strike on Friday is a violation it alleges.
    assert!(
        truce
            .violations
            .iter()
            .any(|v| v.kind == ViolationKind::ReportedAttack
                && v.accuser == "SDN"
                && v.accused == "Rapid Support Forces"
                && v.date.as_ref().unwrap().start == day("2024-06-07"))
    );
}

#[test]
fn a_truce_announced_before_any_fighting_article_still_finds_its_sides() {
    // Only the first three articles: no fighting yet, the sides come from the agreement.
    let coded = common::coded_corpus("truce");
    let ledger = common::ledger_of(&coded[..3]);
    let truces = ledger.truces();
    assert_eq!(truces.len(), 1);
    assert_eq!(truces[0].status, TruceStatus::InEffect);
    assert!(truces[0].violations.is_empty());
    assert!(truces[0].first_alleged_breach.is_none());
}
