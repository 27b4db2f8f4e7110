//! The catalogue of bad input, each case through `observer ingest` (or `extract`): what is
//! refused is skipped with its file (and line) and a reason a user understands; what is read
//! despite a flaw is coded with a warning; nothing panics and nothing garbage is coded. Also: the
//! same article gives the same output byte for byte in two processes, and re-ingesting any
//! generated corpus changes nothing (a property test).

#[path = "common/mod.rs"]
mod common;

use common::Sandbox;
use proptest::prelude::*;
use serde_json::Value;

/// Ingests `files` (already written in the sandbox) and returns (exit code, stderr).
fn ingest(sandbox: &Sandbox, files: &[&str]) -> (i32, String) {
    let args: Vec<&str> = ["ingest"].iter().chain(files).copied().collect();
    let (code, _, stderr) = sandbox.run(&args);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (code, stderr)
}

/// The events `observer extract --format json` codes from one file.
fn extracted(sandbox: &Sandbox, file: &str) -> Vec<Value> {
    let (code, stdout, stderr) = sandbox.run(&["extract", "--format", "json", file]);
    assert_eq!(code, 0, "{stderr}");
    let value: Value = serde_json::from_str(&stdout).unwrap();
    value[0]["events"].as_array().cloned().unwrap_or_default()
}

/// A file nothing can be read from: exit status 1, and the skip names it with `reason`.
fn assert_refused(sandbox: &Sandbox, file: &str, reason: &str) {
    let (code, stderr) = ingest(sandbox, &[file]);
    assert_eq!(code, 1, "{file}: {stderr}");
    assert!(stderr.contains("ingested 0 articles"), "{stderr}");
    assert!(
        stderr.contains(&format!("\n  {file} {reason}")),
        "{file} should be skipped with {reason:?}: {stderr}"
    );
}

const DEPOT_REPORT: &str = "Government aircraft bombed a fuel depot in Eastport on Sunday, killing four guards, officials said.\n";

#[test]
fn invalid_utf8_is_refused_at_the_first_bad_byte() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "latin1.txt",
        b"Troops entered the caf\xe9 district on Monday.\n",
    );
    assert_refused(&sandbox, "latin1.txt", "not valid UTF-8 (byte 22)");
}

#[test]
fn utf16_with_a_byte_order_mark_reads_as_the_same_article() {
    let sandbox = Sandbox::new();
    sandbox.write("utf8.txt", DEPOT_REPORT);
    let encode = |big_endian: bool| -> Vec<u8> {
        "\u{feff}"
            .chars()
            .chain(DEPOT_REPORT.chars())
            .collect::<String>()
            .encode_utf16()
            .flat_map(|unit| {
                if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                }
            })
            .collect()
    };
    sandbox.write("utf16le.txt", encode(false));
    sandbox.write("utf16be.txt", encode(true));
    let (_, utf8, _) = sandbox.run(&["extract", "--format", "jsonl", "utf8.txt"]);
    assert!(!utf8.is_empty(), "ENGINE: the depot bombing is coded");
    for file in ["utf16le.txt", "utf16be.txt"] {
        let (code, stdout, stderr) = sandbox.run(&["extract", "--format", "jsonl", file]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(stdout, utf8, "{file} codes as its UTF-8 twin");
    }
    let (code, stderr) = ingest(&sandbox, &["utf8.txt", "utf16le.txt", "utf16be.txt"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("(1 new, 0 updated, 2 unchanged)"),
        "{stderr}"
    );

    sandbox.write("odd.txt", b"\xff\xfeT\x00a\x00l");
    assert_refused(
        &sandbox,
        "odd.txt",
        "not valid UTF-16 (odd number of bytes)",
    );
}

#[test]
fn empty_articles_are_refused() {
    let sandbox = Sandbox::new();
    sandbox.write("empty.txt", "");
    sandbox.write("blank.txt", " \n\n\t\r\n");
    sandbox.write("title-only.txt", "---\ntitle: Nothing below\n---\n\n");
    for file in ["empty.txt", "blank.txt", "title-only.txt"] {
        assert_refused(&sandbox, file, "empty article");
    }
    sandbox.write("empty.jsonl", "{\"id\":\"e1\",\"text\":\"  \\n \"}\n");
    let (code, stderr) = ingest(&sandbox, &["empty.jsonl"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("\n  empty.jsonl:1 field `text` is empty"),
        "{stderr}"
    );
}

#[test]
fn a_50_megabyte_article_on_one_line_is_skipped_for_its_size_and_the_rest_ingested() {
    let sandbox = Sandbox::new();
    let line = "Shelling continued along the front near the river and ".repeat(1 << 20);
    assert!(line.len() > 50_000_000);
    sandbox.write("huge.txt", &line);
    sandbox.write(
        "huge.jsonl",
        format!(
            "{{\"id\":\"huge\",\"text\":\"{line}\"}}\n{{\"id\":\"after\",\"text\":{:?}}}\n",
            DEPOT_REPORT
        ),
    );
    let (code, stderr) = ingest(&sandbox, &["huge.txt", "huge.jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("ingested 1 article (1 new"), "{stderr}");
    assert!(
        stderr
            .contains("\n  huge.txt article larger than 8388608 bytes, the limit for one article"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("\n  huge.jsonl:1 line longer than 8388608 bytes, the limit for one record"),
        "{stderr}"
    );
}

#[test]
fn a_long_article_without_a_full_stop_is_coded_in_bounded_sentences() {
    let sandbox = Sandbox::new();
    // 100 kB of one "sentence": the engine cuts it into pieces instead of comparing every word
    // with every other (which took minutes on a megabyte).
    let filler = "and the convoy moved slowly along the river road past the old mill ";
    let text = format!(
        "Witnesses said {}until rebels shelled the town of Marrowfield on Tuesday",
        filler.repeat(1_500)
    );
    sandbox.write("run-on.txt", &text);
    let events = extracted(&sandbox, "run-on.txt");
    assert!(
        events.iter().any(|e| e["type"] == "ASSAULT"),
        "ENGINE: the shelling is coded: {events:#?}"
    );
    for event in &events {
        let evidence = &event["evidence"];
        let (start, end) = (
            evidence["start"].as_u64().unwrap() as usize,
            evidence["end"].as_u64().unwrap() as usize,
        );
        assert!(end - start <= observer_text::MAX_SENTENCE_BYTES);
        assert_eq!(Some(&text[start..end]), evidence["text"].as_str());
    }
}

#[test]
fn binary_data_is_refused_as_binary_or_as_bad_utf8() {
    let sandbox = Sandbox::new();
    // Bytes from a fixed linear congruential generator: the same "random" file on every run.
    let mut state = 0x2545_f491_u32;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            // No NUL, which would make it binary before its encoding is even looked at.
            ((state >> 16) as u8).max(1)
        })
        .collect();
    sandbox.write("noise.txt", &noise);
    let (code, stderr) = ingest(&sandbox, &["noise.txt"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("\n  noise.txt not valid UTF-8 (byte "),
        "{stderr}"
    );

    let mut program = b"\x7fELF\x02\x01\x01".to_vec();
    program.extend((1..=31u8).cycle().take(600));
    sandbox.write("program.txt", &program);
    assert_refused(&sandbox, "program.txt", "binary data, not text (");
    sandbox.write("nul.txt", b"Talks resumed\0 in Geneva.");
    assert_refused(
        &sandbox,
        "nul.txt",
        "binary data, not text (it holds NUL characters)",
    );
}

#[test]
fn truncated_json_and_wrong_field_types_are_named_by_line() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "feed.jsonl",
        concat!(
            r#"{"id":"w0","text":"Talks resumed in Geneva on Monday, diplomats said."}"#,
            "\n",
            r#"{"id":"w1","text":42}"#,
            "\n",
            r#"{"id":["w2"],"text":"Drones hit a depot."}"#,
            "\n",
            r#"{"id":"w3","text":"Drones hit a depot.","published":20240101}"#,
            "\n",
            r#"{"id":"w4","text":"Drones hit a depot.","source":{"name":"Wire"}}"#,
            "\n",
            r#"["an", "array"]"#,
            "\n",
            r#"{"id":"w6","text":"Soldiers clashed near the bord"#,
        ),
    );
    let (code, stderr) = ingest(&sandbox, &["feed.jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("ingested 1 article (1 new"), "{stderr}");
    for expected in [
        "feed.jsonl:2 field `text` must be a string",
        "feed.jsonl:3 field `id` must be a string or a number",
        "feed.jsonl:4 field `published` must be a string",
        "feed.jsonl:5 field `source` must be a string",
        "feed.jsonl:6 not a JSON object (found an array)",
        "feed.jsonl:7 invalid JSON: EOF while parsing a string at column 49",
    ] {
        assert!(
            stderr.contains(&format!("\n  {expected}\n")),
            "{expected}: {stderr}"
        );
    }
}

#[test]
fn unparseable_and_future_dates_are_dropped_with_a_warning() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "dates.jsonl",
        concat!(
            r#"{"id":"d1","text":"Fighters attacked a convoy near Eastport on Tuesday, officials said.","published":"the day after tomorrow"}"#,
            "\n",
            r#"{"id":"d2","text":"Police dispersed protesters in the capital on Friday, witnesses said.","published":"2199-01-01"}"#,
            "\n",
            r#"{"id":"d3","text":"The two sides signed a truce in Geneva on Monday.","published":"2024-02-30"}"#,
            "\n",
        ),
    );
    let (code, stderr) = ingest(&sandbox, &["dates.jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("ingested 3 articles (3 new"), "{stderr}");
    for expected in [
        "unparseable publication date \"the day after tomorrow\" (at dates.jsonl:1)",
        "publication date 2199-01-01 is in the future (at dates.jsonl:2)",
        "unparseable publication date \"2024-02-30\" (at dates.jsonl:3)",
        "no publication date: relative dates left unresolved (3 times; first at dates.jsonl:1)",
    ] {
        assert!(stderr.contains(expected), "{expected}: {stderr}");
    }
}

#[test]
fn absurd_numbers_are_no_casualty_counts() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "absurd.txt",
        "---\npublished: 2024-03-05\n---\nOfficials said 10^30 people were killed, -5 were \
         injured and 99999999999999999999 soldiers died when rebels shelled Marrowfield on \
         Tuesday.\n",
    );
    let events = extracted(&sandbox, "absurd.txt");
    assert!(!events.is_empty(), "ENGINE: the shelling is coded");
    for event in &events {
        assert_eq!(event["casualties"], serde_json::json!([]), "{event:#}");
    }
}

#[test]
fn control_characters_become_spaces_with_a_warning() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "escapes.txt",
        "Rebels\u{1b}[1m shelled\u{7} the town of Marrowfield on Tuesday,\u{8} the army said.\n",
    );
    let (code, stderr) = ingest(&sandbox, &["escapes.txt"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("3 control characters replaced by spaces (at escapes.txt)"),
        "{stderr}"
    );
    let events = extracted(&sandbox, "escapes.txt");
    assert!(
        events.iter().any(|e| e["type"] == "ASSAULT"),
        "ENGINE: the shelling is still coded: {events:#?}"
    );
}

#[test]
fn right_to_left_and_other_languages_are_read_without_garbage() {
    let sandbox = Sandbox::new();
    let texts = [
        // English wrapped in bidirectional overrides, then Arabic.
        "\u{202e}Rebels shelled the town of Marrowfield on Tuesday, the army said.\u{202c} \
         \u{0642}\u{0627}\u{0644}\u{062a} \u{0627}\u{0644}\u{0648}\u{0632}\u{0627}\u{0631}\u{0629}.\n",
        "Les rebelles ont bombard\u{e9} la ville mardi, a indiqu\u{e9} l'arm\u{e9}e.\n",
        "\u{41f}\u{43e}\u{432}\u{441}\u{442}\u{430}\u{43d}\u{446}\u{44b} \u{43e}\u{431}\u{441}\u{442}\u{440}\u{435}\u{43b}\u{44f}\u{43b}\u{438} \u{433}\u{43e}\u{440}\u{43e}\u{434} \u{432}\u{43e} \u{432}\u{442}\u{43e}\u{440}\u{43d}\u{438}\u{43a}.\n",
        "\u{5468}\u{4e8c}\u{ff0c}\u{53db}\u{519b}\u{70ae}\u{51fb}\u{4e86}\u{8be5}\u{9547}\u{3002}\n",
    ];
    for (i, text) in texts.iter().enumerate() {
        sandbox.write(&format!("lang{i}.txt"), text);
    }
    let (code, stderr) = ingest(
        &sandbox,
        &["lang0.txt", "lang1.txt", "lang2.txt", "lang3.txt"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("ingested 4 articles (4 new"), "{stderr}");
    // The English clause inside the overrides is coded, with evidence quoting the text exactly.
    let rtl = extracted(&sandbox, "lang0.txt");
    assert!(
        rtl.iter().any(|e| e["type"] == "ASSAULT"),
        "ENGINE: {rtl:#?}"
    );
    for event in &rtl {
        let quoted = event["evidence"]["text"].as_str().unwrap();
        assert!(texts[0].contains(quoted), "{quoted:?}");
    }
    // French, Russian and Chinese copy is not English: nothing is coded from it.
    for file in ["lang1.txt", "lang2.txt", "lang3.txt"] {
        assert_eq!(extracted(&sandbox, file), Vec::<Value>::new(), "{file}");
    }
}

#[test]
fn two_processes_code_an_article_byte_for_byte_alike() {
    let sandbox = Sandbox::new();
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/03-sudan-truce-collapses.txt"
    );
    let runs: Vec<String> = (0..2)
        .map(|_| {
            let (code, stdout, stderr) = sandbox.run(&["extract", "--format", "jsonl", example]);
            assert_eq!(code, 0, "{stderr}");
            stdout
        })
        .collect();
    assert!(runs[0].lines().count() > 3, "ENGINE: {}", runs[0]);
    assert_eq!(runs[0], runs[1]);
}

#[test]
fn a_copy_of_text_since_revised_is_another_article_and_re_ingesting_keeps_both() {
    // The first text of url 1 is revised in the same file; url 2 carries a copy of that first
    // text, so it is an article of its own, not a third version of url 1.
    let record = |url: &str, text: &str| {
        let record = serde_json::json!({
            "source": "Coastal Wire", "published": "2024-03-06", "url": url, "text": text,
        });
        format!("{record}\n")
    };
    let first = "Talks between the two delegations are expected to resume next week.";
    let revised = "Police fired tear gas at protesters in the capital on Tuesday. At least 12 \
                   civilians were killed in shelling of Marrowfield, the army said.";
    let sandbox = Sandbox::new();
    sandbox.write(
        "feed.jsonl",
        [
            record("https://example.test/1", first),
            record("https://example.test/1", revised),
            record("https://example.test/2", first),
        ]
        .concat(),
    );
    let runs: Vec<String> = (0..3)
        .map(|_| {
            let (code, stderr) = ingest(&sandbox, &["feed.jsonl"]);
            assert_eq!(code, 0, "{stderr}");
            let (_, events, _) = sandbox.run(&["events", "--format", "jsonl"]);
            let held = stderr.lines().find(|l| l.starts_with("database "));
            format!("{}\n{events}", held.unwrap_or_default())
        })
        .collect();
    assert!(runs[0].contains("holds 2 articles"), "{}", runs[0]);
    assert_eq!(runs[0], runs[1]);
    assert_eq!(runs[1], runs[2]);
}

/// Short news-like articles assembled from phrases, some repeated, some sharing a url.
fn corpus() -> impl Strategy<Value = Vec<(u8, String)>> {
    let phrase = prop::sample::select(vec![
        "Rebels shelled Marrowfield on Tuesday.",
        "At least 12 civilians were killed, the army said.",
        "Police fired tear gas at protesters in the capital.",
        "The two sides signed a ceasefire in Geneva on Monday.",
        "The ministry denied that its aircraft struck the market.",
        "Talks are expected to resume next week.",
        "Drones hit a fuel depot in Eastport overnight.",
    ]);
    let article = (0u8..4, prop::collection::vec(phrase, 1..5))
        .prop_map(|(url, phrases)| (url, phrases.join(" ")));
    prop::collection::vec(article, 1..12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    #[test]
    fn re_ingesting_changes_nothing(articles in corpus()) {
        let sandbox = Sandbox::new();
        let lines: String = articles
            .iter()
            .map(|(url, text)| {
                let record = serde_json::json!({
                    "source": "Property Wire",
                    "published": "2024-03-06",
                    // Some records share a url: the later text revises the earlier one.
                    "url": (*url > 0).then(|| format!("https://example.test/{url}")),
                    "text": text,
                });
                format!("{record}\n")
            })
            .collect();
        sandbox.write("feed.jsonl", &lines);
        let (code, first) = ingest(&sandbox, &["feed.jsonl"]);
        prop_assert_eq!(code, 0, "{}", first);
        let (_, events_before, _) = sandbox.run(&["events", "--format", "jsonl"]);

        let holds = |stderr: &str| stderr.lines().find(|l| l.starts_with("database ")).map(str::to_string);

        // A record revised later in the same file is revised again on every run, to the same end.
        let (code, second) = ingest(&sandbox, &["feed.jsonl"]);
        prop_assert_eq!(code, 0, "{}", second);
        prop_assert!(second.contains("(0 new, "), "{}", second);
        prop_assert_eq!(holds(&first), holds(&second));
        let (_, events_after, _) = sandbox.run(&["events", "--format", "jsonl"]);
        prop_assert_eq!(events_before, events_after);
    }
}
