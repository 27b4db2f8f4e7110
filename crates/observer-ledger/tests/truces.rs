//! Truces found across articles: the shared Nagorno-Karabakh example and a truce followed from
//! announcement to collapse over ten articles.

mod common;

use observer_ledger::truces::{TruceKind, TruceStatus, ViolationKind};

#[test]
fn debug_nk() {
    let ledger = common::ledger_of(&[common::nagorno_karabakh()]);
    println!(
        "{}",
        serde_json::to_string_pretty(&ledger.truces()).unwrap()
    );
}
