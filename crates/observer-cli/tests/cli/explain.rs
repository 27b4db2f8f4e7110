//! `observer explain`: the event, its article, the marked sentence, and the provenance table.

use crate::common::{Sandbox, seeded_articles};

#[test]
fn explain_marks_each_field_in_the_sentence() {
    let sandbox = Sandbox::new();
    sandbox.seed(seeded_articles());
    let (code, stdout, stderr) = sandbox.run(&["explain", "art-1-0-0"]);
    assert_eq!(code, 0, "{stderr}");
    let expected_top = "\
Event art-1-0-0
  type        ASSAULT / shelling (CAMEO 195)
  date        2024-03-05 (day)
  place       Marrowfield, RUR (North Province), city, 45.5000 12.2500
  source      Ruritanian rebels (RUR REB)
  target      Ruritanian civilians (RUR CVL)
  casualties  12 civilian killed
  claimant    Ruritanian army (RUR MIL)
  stance      alleged
  flags       -

Article art-1
  title       Rebels shell Marrowfield
  source      Test Wire
  published   2024-03-05
  url         https://example.test/art-1
";
    assert!(stdout.starts_with(expected_top), "{stdout}");

    let sentence = "\
Rebels shelled the town of Marrowfield on Tuesday, killing 12 civilians, the army said.
  ^~~~~~ source
         ^~~~~~~ type
                             ^~~~~~~~~~~ place
                                            ^~~~~~~ date
                                                     ^~~~~~~~~~~~~~~~~~~~ casualties
                                                                           ^~~~~~~~ claimant
";
    assert!(stdout.contains(sentence), "{stdout}");
    for row in [
        "type",
        "trigger:shelled",
        "gazetteer:test:1",
        "quantity:killing-N",
        "(inferred)",
        "stance:attributed",
    ] {
        assert!(stdout.contains(row), "lacks {row}: {stdout}");
    }
    assert!(
        stdout.contains("Rules\n   1. trigger:shelled\n   2. actor:rebels\n"),
        "{stdout}"
    );
    assert!(!stdout.contains('\u{1b}'), "no colour off a terminal");
}

#[test]
fn explain_as_json_carries_the_same_parts() {
    let sandbox = Sandbox::new();
    sandbox.seed(seeded_articles());
    let (code, stdout, stderr) = sandbox.run(&["explain", "--format", "json", "art-1-0-0"]);
    assert_eq!(code, 0, "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value["event"]["id"], "art-1-0-0");
    assert_eq!(value["article"]["title"], "Rebels shell Marrowfield");
    let sentence = &value["sentences"][0];
    assert!(
        sentence["text"]
            .as_str()
            .unwrap()
            .starts_with("Rebels shelled")
    );
    assert_eq!(sentence["marks"].as_array().unwrap().len(), 6);
    let fields = value["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 7);
    assert_eq!(fields[0]["field"], "type");
    assert_eq!(fields[0]["value"], "ASSAULT");
    assert_eq!(fields[0]["evidence"], "shelled");
    assert_eq!(fields[0]["rule"], "trigger:shelled");
    assert_eq!(value["rules"].as_array().unwrap().len(), 4);
}

#[test]
fn an_unknown_event_id_is_a_clear_error() {
    let sandbox = Sandbox::new();
    sandbox.seed(seeded_articles());
    let (code, stdout, stderr) = sandbox.run(&["explain", "no-such-event"]);
    assert_eq!(code, 3, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.starts_with("error: no event with id 'no-such-event'"),
        "{stderr}"
    );

    let (code, _, stderr) = sandbox.run(&["explain", "x'; DROP TABLE events; --"]);
    assert_eq!(code, 3, "{stderr}");
    assert_eq!(sandbox.event_count(), 3);
}
