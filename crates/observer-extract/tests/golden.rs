//! Golden test: the shared example article, coded and compared field by field with events written
//! by hand from `shared/examples/README.md` (see `tests/golden/*.json`).

use observer_extract::Extractor;
use observer_model::{Article, Event};
use serde_json::Value;
use std::path::Path;

fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .unwrap()
}

/// An article for the engine: only the text and publication date matter to extraction.
fn article(id: &str, text: &str, published: Option<&str>) -> Article {
    Article {
        id: id.into(),
        url: None,
        source: None,
        published: published.and_then(|d| d.parse().ok()),
        title: None,
        text: text.into(),
        lang: None,
        extra: Default::default(),
    }
}

/// Whether `event` has every field that `spec` lists.
fn matches(event: &Event, text: &str, spec: &Value) -> Result<(), String> {
    let spec = spec.as_object().unwrap();
    let e = serde_json::to_value(event).unwrap();
    let actor = |role: &str, key: &str| e[role].get(key).cloned().unwrap_or(Value::Null);
    for (key, want) in spec {
        let got = match key.as_str() {
            "what" => continue,
            "sentence" => {
                let sentence = &text[event.evidence.start..event.evidence.end];
                if sentence.contains(want.as_str().unwrap()) {
                    continue;
                }
                return Err(format!("sentence {:?}", sentence));
            }
            "type" | "mode" | "stance" | "hypothetical" | "background" | "negated" | "claimant" => {
                if key == "claimant" && !want.is_null() {
                    panic!("`claimant` only checks null");
                }
                e[key.as_str()].clone()
            }
            "date" => Value::Array(vec![e["date"]["start"].clone(), e["date"]["end"].clone()]),
            "place" => e["place"]["name"].clone(),
            "parties" => {
                let mut got = vec![actor("source", "country"), actor("target", "country")];
                let mut want = want.as_array().unwrap().clone();
                got.sort_by_key(|v| v.to_string());
                want.sort_by_key(|v| v.to_string());
                if got == want {
                    continue;
                }
                return Err(format!("parties {got:?}"));
            }
            "casualty" => {
                let found = event.casualties.iter().any(|c| {
                    let c = serde_json::to_value(c).unwrap();
                    want.as_object()
                        .unwrap()
                        .iter()
                        .all(|(k, v)| &c[k.as_str()] == v)
                });
                if found {
                    continue;
                }
                return Err(format!("casualties {:?}", event.casualties));
            }
            k => {
                let (role, field) = k.split_once('_').unwrap();
                actor(role, field)
            }
        };
        if &got != want {
            return Err(format!("{key}: got {got}, want {want}"));
        }
    }
    Ok(())
}

#[test]
fn shared_example_yields_every_expected_event() {
    let root = workspace_root();
    let spec: Value = serde_json::from_str(
        &std::fs::read_to_string(
            root.join("crates/observer-extract/tests/golden/nagorno-karabakh-2020-10-20.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let path = root.join(spec["article"].as_str().unwrap());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (shared/ must sit beside the repository)",
            path.display()
        )
    });
    let article = article("nk", &text, spec["published"].as_str());
    let events = Extractor::embedded().unwrap().extract(&article).events;
    let mut failures = Vec::new();
    for want in spec["expect"].as_array().unwrap() {
        if !events.iter().any(|e| matches(e, &text, want).is_ok()) {
            let near: Vec<String> = events
                .iter()
                .filter(|e| {
                    matches(e, &text, &serde_json::json!({"sentence": want["sentence"]})).is_ok()
                })
                .map(|e| matches(e, &text, want).unwrap_err())
                .collect();
            failures.push(format!(
                "MISSING {}: closest in that sentence: {near:?}",
                want["what"]
            ));
        }
    }
    for forbid in spec["forbid"].as_array().unwrap() {
        if let Some(e) = events.iter().find(|e| matches(e, &text, forbid).is_ok()) {
            failures.push(format!(
                "FORBIDDEN {}: {}",
                forbid["what"],
                serde_json::to_string(e).unwrap()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_event_keeps_its_evidence() {
    let root = workspace_root();
    let text =
        std::fs::read_to_string(root.join("../shared/examples/nagorno-karabakh-2020-10-20.txt"))
            .unwrap();
    let article = article("nk", &text, Some("2020-10-20"));
    let events = Extractor::embedded().unwrap().extract(&article).events;
    assert!(events.len() >= 20, "only {} events", events.len());
    for e in &events {
        assert_eq!(&text[e.evidence.start..e.evidence.end], e.evidence.text);
        assert!(
            e.provenance.iter().any(|p| p.field == "type"),
            "{} has no type evidence",
            e.id
        );
        for p in &e.provenance {
            if let (Some(s), Some(end), Some(t)) = (p.start, p.end, &p.text) {
                assert_eq!(&text[s..end], t, "{}: {}", e.id, p.field);
                assert!(
                    s >= e.evidence.start && end <= e.evidence.end || p.rule == "cue:disclaimer",
                    "{}: {} outside its sentence",
                    e.id,
                    p.field
                );
            }
            assert!(!p.rule.is_empty());
        }
    }
}

#[test]
fn odd_and_sample_inputs_never_panic_and_offsets_stay_on_char_boundaries() {
    let root = workspace_root();
    let mut texts: Vec<String> = std::fs::read_dir(root.join("examples"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    texts.extend(
        [
            "",
            "who",
            "Who attacked? He alleged. They said it.",
            "At least",
            "Rebels",
            "The 1990s. Since. On Tuesday",
            "“” – — ’s 's . , ;",
            "Армения обвинила Азербайджан. 東京で会談。 مرحبا",
            "10^30 killed, -5 injured, 99999999999999999999999 dead on 31 February 2020.",
            "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z said killed accused between and one another",
        ]
        .map(String::from),
    );
    let extractor = Extractor::embedded().unwrap();
    for (i, text) in texts.iter().enumerate() {
        for published in [None, Some("2020-10-20")] {
            let article = article(&format!("t{i}"), text, published);
            let first = extractor.extract(&article);
            assert_eq!(
                first.events,
                extractor.extract(&article).events,
                "not deterministic"
            );
            for e in &first.events {
                assert!(
                    text.is_char_boundary(e.evidence.start)
                        && text.is_char_boundary(e.evidence.end)
                );
            }
        }
    }
}

/// Claimants in the common shapes of reported speech, on sentences written for this test.
#[test]
fn claimants_in_reported_speech() {
    let extractor = Extractor::embedded().unwrap();
    let cases = [
        (
            "Rebels shelled the town of Goma on Tuesday, the army said.",
            "MIL",
        ),
        (
            "Rebels shelled the town of Goma on Tuesday, the Congolese army said.",
            "COD",
        ),
        (
            "The Ukrainian military said Russian forces shelled Kharkiv on Monday.",
            "UKR",
        ),
        (
            "Russian forces shelled Kharkiv on Monday, according to Ukraine's defence ministry.",
            "UKR",
        ),
        (
            "“We struck their positions,” said Sudan's army spokesman Nabil Abdallah.",
            "SDN",
        ),
    ];
    for (text, want) in cases {
        let article = article("c", text, Some("2024-02-14"));
        let events = extractor.extract(&article).events;
        let assault = events
            .iter()
            .find(|e| e.event_type == observer_model::EventType::Assault);
        let claimant = assault.and_then(|e| e.claimant.clone());
        let got = claimant.map(|c| (c.country.unwrap_or_default(), c.role.unwrap_or_default()));
        assert!(
            got.as_ref()
                .is_some_and(|(country, role)| country == want || role == want),
            "{text}: claimant {got:?}, events {events:#?}"
        );
    }
}
