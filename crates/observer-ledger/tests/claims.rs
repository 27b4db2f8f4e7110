//! Claims and contradictions across articles: competing tolls from two sides and a UN agency,
//! an attack reported then denied, and gains against repulsed attacks in the shared example.

mod common;

use chrono::NaiveDate;
use observer_ledger::ContradictionKind;
use observer_ledger::claims::Assertion;
use observer_model::{CasualtyGroup, CasualtyKind};

#[test]
fn competing_tolls_from_two_sides_and_the_un_contradict_pairwise() {
    let ledger = common::ledger_of(&common::coded_corpus("tolls"));
    let found = ledger.contradictions();
    let tolls: Vec<_> = found
        .iter()
        .filter(|c| c.kind == ContradictionKind::Tolls)
        .collect();
    assert_eq!(tolls.len(), 3, "{found:#?}");
    let mut pairs: Vec<(String, String)> = tolls
        .iter()
        .map(|c| {
            let mut pair = [c.first.claimant.clone(), c.second.claimant.clone()];
            pair.sort();
            (pair[0].clone(), pair[1].clone())
        })
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            ("Rapid Support Forces".to_string(), "SDN".to_string()),
            (
                "Rapid Support Forces".to_string(),
                "United Nations".to_string()
            ),
            ("SDN".to_string(), "United Nations".to_string()),
        ]
    );
    for c in &tolls {
        assert_eq!(c.subject, "killed among civilians (SDN), one event");
        assert_eq!(c.first.cluster_id, c.second.cluster_id);
    }

    // The casualty ledger keeps low / best / high over the three figures.
    let casualties = ledger.casualties();
    let civilians = casualties
        .summaries
        .iter()
        .find(|s| s.party == "civilians (SDN)" && s.kind == CasualtyKind::Killed)
        .unwrap();
    assert_eq!(civilians.group, CasualtyGroup::Civilian);
    assert_eq!(civilians.conflict, "Rapid Support Forces–SDN");
    assert!(civilians.cumulative.is_none());
    let range = civilians.incremental.unwrap();
    // 40 (RSF), 6 (army), 12 to 15 (UN, point 13): one event, not summed.
    assert_eq!((range.low, range.best, range.high), (6, 13, Some(40)));
    assert_eq!(
        civilians.claimants,
        ["Rapid Support Forces", "SDN", "United Nations"]
    );
}

#[test]
fn an_attack_reported_then_denied_is_a_contradiction() {
    let ledger = common::ledger_of(&common::coded_corpus("denial"));
    let found = ledger.contradictions();
    assert_eq!(found.len(), 1, "{found:#?}");
    let denial = &found[0];
    assert_eq!(denial.kind, ContradictionKind::Denial);
    assert_eq!(denial.conflict.as_deref(), Some("IND–PAK"));
    assert_eq!(denial.first.claimant, "PAK");
    assert_eq!(denial.first.assertion, Assertion::Occurred);
    assert_eq!(denial.first.outlet.as_deref(), Some("Horizon News"));
    assert_eq!(
        denial.first.date.as_ref().unwrap().start,
        NaiveDate::from_ymd_opt(2024, 3, 10)
    );
    assert_eq!(denial.second.claimant, "IND");
    assert_eq!(denial.second.assertion, Assertion::Denied);
    assert_eq!(denial.second.outlet.as_deref(), Some("Eastern Courier"));

    // Both claims are listed, with their stance and evidence.
    let claims = ledger.claims();
    assert!(claims.iter().any(|c| c.claimant == "IND"
        && c.stance == observer_model::Stance::Denied
        && c.evidence.contains("denied")));
}

#[test]
fn gains_claimed_by_one_side_contradict_attacks_repulsed_by_the_other() {
    let ledger = common::ledger_of(&[common::nagorno_karabakh()]);
    let found = ledger.contradictions();
    let gains: Vec<_> = found
        .iter()
        .filter(|c| c.kind == ContradictionKind::GainsVersusRepulsed)
        .collect();
    assert_eq!(gains.len(), 1, "{found:#?}");
    assert_eq!(gains[0].first.claimant, "AZE");
    assert_eq!(gains[0].first.assertion, Assertion::Gains);
    assert!(gains[0].first.evidence.contains("territorial gains"));
    assert_eq!(gains[0].second.claimant, "ARM");
    assert_eq!(gains[0].second.assertion, Assertion::Repulsed);
    // The shared example's tolls are of different groups: no toll contradiction.
    assert!(found.iter().all(|c| c.kind != ContradictionKind::Tolls));

    // "At least 772 troops" is a running total, kept apart from event tolls.
    let casualties = ledger.casualties();
    let troops = casualties
        .summaries
        .iter()
        .find(|s| s.group == CasualtyGroup::Military)
        .unwrap();
    assert_eq!(troops.party, "ARM");
    let total = troops.cumulative.unwrap();
    assert_eq!((total.low, total.high), (772, None));
    assert!(troops.incremental.is_none());
}
