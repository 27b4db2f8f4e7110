//! Test helpers: a sandbox directory per test (its own database, home and temp directories, so no
//! test can touch the user's data), the `observer` binary run inside it, and hand-made events.

#![allow(dead_code)] // Each test binary uses a different subset of the helpers.

use assert_cmd::Command;
use observer_model::{
    Actor, Article, Casualty, CasualtyGroup, CasualtyKind, DatePrecision, Event, EventDate,
    EventType, Evidence, FieldEvidence, Place, PlacePrecision, Stance,
};
use observer_store::Coded;
use std::path::PathBuf;
use tempfile::TempDir;

pub struct Sandbox {
    pub dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["home", "tmp", "data"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
        }
        Sandbox { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The test's database.
    pub fn db(&self) -> PathBuf {
        self.path("test.db")
    }

    pub fn db_arg(&self) -> String {
        self.db().to_string_lossy().into_owned()
    }

    /// Writes `contents` to `name` (parent directories created) and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// `observer` run in the sandbox, with the environment pointing into it.
    pub fn bare(&self) -> Command {
        let mut cmd = Command::cargo_bin("observer").unwrap();
        cmd.current_dir(self.dir.path())
            .env_remove("OBSERVER_DB")
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("TMPDIR", self.path("tmp"))
            .env("NO_COLOR", "1");
        cmd
    }

    /// `observer --db <sandbox db> ARGS...`.
    pub fn observer(&self, args: &[&str]) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--db").arg(self.db()).args(args);
        cmd
    }

    /// Runs `observer ARGS` (with the sandbox db) and returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let output = self.observer(args).output().unwrap();
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    }

    /// Stores hand-made articles and events in the sandbox database, as `ingest` would.
    pub fn seed(&self, coded: Vec<(Article, Vec<Event>)>) {
        let mut store = observer_store::open(&self.db_arg()).unwrap();
        let batch: Vec<Coded> = coded
            .into_iter()
            .map(|(article, events)| Coded {
                article,
                events,
                extractor_version: observer_extract::VERSION.to_string(),
            })
            .collect();
        store.save_batch(&batch).unwrap();
    }

    /// How many events `observer events --format jsonl` lists.
    pub fn event_count(&self) -> usize {
        let (code, stdout, stderr) = self.run(&["events", "--format", "jsonl"]);
        assert_eq!(code, 0, "{stderr}");
        stdout.lines().count()
    }
}

/// A short invented report, in text-file form with front matter.
pub const SHELLING_REPORT: &str = "\
---
title: Rebels shell Marrowfield
source: Test Wire
published: 2024-03-05
url: https://example.test/marrowfield
---
Rebels shelled the town of Marrowfield on Tuesday, killing 12 civilians, the army said.

Talks between the two sides resumed in Geneva on Monday.
";

pub fn article(id: &str, source: &str, published: &str, title: &str, text: &str) -> Article {
    Article {
        id: id.to_string(),
        url: Some(format!("https://example.test/{id}")),
        source: Some(source.to_string()),
        published: Some(published.parse().unwrap()),
        title: Some(title.to_string()),
        text: text.to_string(),
        lang: Some("en".to_string()),
        extra: Default::default(),
    }
}

pub fn actor(text: &str, name: &str, country: &str, role: &str, code: &str) -> Actor {
    Actor {
        text: text.to_string(),
        name: name.to_string(),
        country: Some(country.to_string()),
        role: Some(role.to_string()),
        code: code.to_string(),
        title: None,
    }
}

/// Byte span of `needle` in `text`, with its field and rule, for provenance.
pub fn span(text: &str, needle: &str, field: &str, rule: &str) -> FieldEvidence {
    let start = text.find(needle).unwrap();
    FieldEvidence {
        field: field.to_string(),
        start: Some(start),
        end: Some(start + needle.len()),
        text: Some(needle.to_string()),
        rule: rule.to_string(),
    }
}

pub const MARROWFIELD_TEXT: &str = "Rebels shelled the town of Marrowfield on Tuesday, killing 12 civilians, the army said. Talks between the two sides resumed in Geneva on Monday.";

/// Two hand-made articles with three events: an ASSAULT in Marrowfield (Ruritania) claimed by
/// the army, a CONSULT in Geneva, and an ASSAULT in Eastport (Borduria) from another outlet.
pub fn seeded_articles() -> Vec<(Article, Vec<Event>)> {
    let text = MARROWFIELD_TEXT;
    let first = article(
        "art-1",
        "Test Wire",
        "2024-03-05",
        "Rebels shell Marrowfield",
        text,
    );
    let sentence_end = text.find(" Talks").unwrap();
    let shelling = Event {
        id: "art-1-0-0".to_string(),
        article_id: "art-1".to_string(),
        event_type: EventType::Assault,
        mode: Some("shelling".to_string()),
        cameo: "195".to_string(),
        source: Some(actor("Rebels", "Ruritanian rebels", "RUR", "REB", "RURREB")),
        target: Some(actor(
            "civilians",
            "Ruritanian civilians",
            "RUR",
            "CVL",
            "RURCVL",
        )),
        place: Some(Place {
            name: "Marrowfield".to_string(),
            country: Some("RUR".to_string()),
            admin1: Some("North Province".to_string()),
            lat: Some(45.5),
            lon: Some(12.25),
            precision: PlacePrecision::City,
            gazetteer_id: Some("test:1".to_string()),
        }),
        date: Some(EventDate {
            start: Some("2024-03-05".parse().unwrap()),
            end: Some("2024-03-05".parse().unwrap()),
            precision: DatePrecision::Day,
            unresolved: false,
        }),
        casualties: vec![Casualty {
            kind: CasualtyKind::Killed,
            group: CasualtyGroup::Civilian,
            min: Some(12),
            max: Some(12),
            text: "12 civilians".to_string(),
            cumulative: false,
            included: false,
        }],
        claimant: Some(actor("the army", "Ruritanian army", "RUR", "MIL", "RURMIL")),
        stance: Stance::Alleged,
        negated: false,
        hypothetical: false,
        background: false,
        evidence: Evidence {
            sentence: 0,
            start: 0,
            end: sentence_end,
            text: text[..sentence_end].to_string(),
        },
        rules: vec![
            "trigger:shelled".to_string(),
            "actor:rebels".to_string(),
            "gazetteer:test:1".to_string(),
            "attribution:said".to_string(),
        ],
        provenance: vec![
            span(text, "shelled", "type", "trigger:shelled"),
            span(text, "Rebels", "source", "actor:rebels"),
            span(text, "Marrowfield", "place", "gazetteer:test:1"),
            span(text, "Tuesday", "date", "time:weekday"),
            span(
                text,
                "killing 12 civilians",
                "casualties",
                "quantity:killing-N",
            ),
            span(text, "the army", "claimant", "attribution:said"),
            FieldEvidence {
                field: "stance".to_string(),
                start: None,
                end: None,
                text: None,
                rule: "stance:attributed".to_string(),
            },
        ],
    };
    let talks_start = sentence_end + 1;
    let talks = Event {
        id: "art-1-1-0".to_string(),
        event_type: EventType::Consult,
        mode: None,
        cameo: "040".to_string(),
        source: None,
        target: None,
        place: Some(Place {
            name: "Geneva".to_string(),
            country: Some("CHE".to_string()),
            admin1: None,
            lat: None,
            lon: None,
            precision: PlacePrecision::City,
            gazetteer_id: None,
        }),
        date: Some(EventDate {
            start: Some("2024-03-04".parse().unwrap()),
            end: Some("2024-03-04".parse().unwrap()),
            precision: DatePrecision::Day,
            unresolved: false,
        }),
        casualties: Vec::new(),
        claimant: None,
        stance: Stance::Asserted,
        evidence: Evidence {
            sentence: 1,
            start: talks_start,
            end: text.len(),
            text: text[talks_start..].to_string(),
        },
        rules: vec!["trigger:talks".to_string()],
        provenance: vec![span(text, "Talks", "type", "trigger:talks")],
        ..shelling.clone()
    };

    let other_text = "Government aircraft bombed a depot in Eastport on Sunday.";
    let second = article(
        "art-2",
        "Other Herald",
        "2023-11-20",
        "Depot bombed",
        other_text,
    );
    let bombing = Event {
        id: "art-2-0-0".to_string(),
        article_id: "art-2".to_string(),
        mode: Some("aerial".to_string()),
        source: Some(actor(
            "Government aircraft",
            "Bordurian air force",
            "BOR",
            "MIL",
            "BORMIL",
        )),
        target: None,
        place: Some(Place {
            name: "Eastport".to_string(),
            country: Some("BOR".to_string()),
            admin1: None,
            lat: None,
            lon: None,
            precision: PlacePrecision::City,
            gazetteer_id: None,
        }),
        date: Some(EventDate {
            start: Some("2023-11-19".parse().unwrap()),
            end: Some("2023-11-19".parse().unwrap()),
            precision: DatePrecision::Day,
            unresolved: false,
        }),
        casualties: Vec::new(),
        claimant: None,
        stance: Stance::Asserted,
        evidence: Evidence {
            sentence: 0,
            start: 0,
            end: other_text.len(),
            text: other_text.to_string(),
        },
        rules: vec!["trigger:bombed".to_string()],
        provenance: vec![span(other_text, "bombed", "type", "trigger:bombed")],
        ..shelling.clone()
    };
    vec![(first, vec![shelling, talks]), (second, vec![bombing])]
}
