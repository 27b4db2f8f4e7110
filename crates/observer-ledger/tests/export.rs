//! Exports checked against the published column lists (GDELT 2.0 event codebook, ACLED
//! codebook, PLOVER manual's JSON fields), and read back as a spreadsheet or pandas would.

mod common;

use observer_ledger::export::{self, Format, Reference};

/// GDELT 2.0 event table, as its codebook lists the columns.
const GDELT_PUBLISHED: &str = "GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name \
Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code \
Actor1Type1Code Actor1Type2Code Actor1Type3Code Actor2Code Actor2Name Actor2CountryCode \
Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code \
Actor2Type2Code Actor2Type3Code IsRootEvent EventCode EventBaseCode EventRootCode QuadClass \
GoldsteinScale NumMentions NumSources NumArticles AvgTone Actor1Geo_Type Actor1Geo_FullName \
Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long \
Actor1Geo_FeatureID Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code \
Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID ActionGeo_Type \
ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat \
ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL";

/// ACLED's export columns, as its codebook lists them.
const ACLED_PUBLISHED: &str = "event_id_cnty event_date year time_precision disorder_type event_type \
sub_event_type actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction \
civilian_targeting iso region country admin1 admin2 admin3 location latitude longitude \
geo_precision source source_scale notes fatalities tags timestamp";

/// Field names of the PLOVER manual's JSON record table and its size object.
const PLOVER_PUBLISHED: &str = "id has_event date time enddate endtime source recipient event event_loc \
event_text quad_code event_scale mode context link text text_info cite_info coder coded_date \
coded_time comment dead injured arrested";

fn exported(format: Format) -> String {
    let ledger = common::ledger_of(&common::coded_corpus("air-strike"));
    let mut out = Vec::new();
    export::write(
        format,
        &ledger.clusters(),
        &Reference::embedded().unwrap(),
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn column_lists_are_the_published_ones() {
    let published: Vec<&str> = GDELT_PUBLISHED.split_whitespace().collect();
    assert_eq!(export::GDELT_COLUMNS.as_slice(), published.as_slice());
    let published: Vec<&str> = ACLED_PUBLISHED.split_whitespace().collect();
    assert_eq!(export::ACLED_COLUMNS.as_slice(), published.as_slice());
    let plover: Vec<&str> = PLOVER_PUBLISHED.split_whitespace().collect();
    for field in export::PLOVER_FIELDS {
        assert!(plover.contains(&field), "{field} is not a PLOVER field");
    }
}

#[test]
fn gdelt_rows_carry_codes_scores_counts_and_the_action_place() {
    let text = exported(Format::Gdelt);
    let mut tsv = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_reader(text.as_bytes());
    let header: Vec<String> = tsv.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, export::GDELT_COLUMNS);
    let rows: Vec<csv::StringRecord> = tsv.records().map(Result::unwrap).collect();
    let column = |row: &csv::StringRecord, name: &str| {
        row[header.iter().position(|h| h == name).unwrap()].to_string()
    };
    let strike = rows
        .iter()
        .find(|row| column(row, "NumArticles") == "5")
        .expect("the air strike is one row");
    assert_eq!(strike.len(), 61);
    assert_eq!(column(strike, "SQLDATE"), "20250204");
    assert_eq!(column(strike, "MonthYear"), "202502");
    assert_eq!(column(strike, "Actor1CountryCode"), "RUS");
    assert_eq!(column(strike, "EventCode"), "195");
    assert_eq!(column(strike, "EventRootCode"), "19");
    assert_eq!(column(strike, "QuadClass"), "4");
    assert_eq!(column(strike, "GoldsteinScale"), "-10");
    assert_eq!(column(strike, "NumSources"), "5");
    assert_eq!(column(strike, "ActionGeo_Type"), "4");
    assert_eq!(
        column(strike, "ActionGeo_CountryCode"),
        "UP",
        "FIPS code of Ukraine"
    );
    assert!(column(strike, "ActionGeo_FullName").starts_with("Zaporizhzhya"));
    assert!(column(strike, "ActionGeo_Lat").parse::<f64>().is_ok());
    assert_eq!(column(strike, "DATEADDED"), "20250204000000");
    assert!(column(strike, "SOURCEURL").starts_with("https://example.org/"));
    // Every row has every column, and ids are numbers.
    for row in &rows {
        assert_eq!(row.len(), 61);
        assert!(column(row, "GLOBALEVENTID").parse::<u64>().is_ok());
    }
}

#[test]
fn acled_rows_use_acled_types_and_fatalities() {
    let text = exported(Format::Acled);
    let mut csv = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = csv.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, export::ACLED_COLUMNS);
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    let column = |row: &csv::StringRecord, name: &str| {
        row[header.iter().position(|h| h == name).unwrap()].to_string()
    };
    let strike = rows
        .iter()
        .find(|row| column(row, "sub_event_type") == "Air/drone strike")
        .unwrap();
    assert_eq!(column(strike, "event_date"), "2025-02-04");
    assert_eq!(column(strike, "event_type"), "Explosions/Remote violence");
    assert_eq!(column(strike, "disorder_type"), "Political violence");
    assert_eq!(column(strike, "time_precision"), "1");
    assert_eq!(column(strike, "country"), "Ukraine");
    assert_eq!(column(strike, "admin1"), "Zaporizka oblast");
    assert_eq!(column(strike, "geo_precision"), "1");
    assert_eq!(column(strike, "fatalities"), "7");
    assert_eq!(column(strike, "civilian_targeting"), "Civilian targeting");
    assert_eq!(column(strike, "inter1"), "8", "Russian forces act abroad");
    assert_eq!(column(strike, "inter2"), "7");
    assert_eq!(column(strike, "interaction"), "78");
    assert!(column(strike, "event_id_cnty").starts_with("UKR"));
    assert!(column(strike, "notes").contains("5 articles"));
    assert!(column(strike, "source").contains("Kyiv Wire"));
}

#[test]
fn plover_records_are_json_with_plover_fields() {
    let text = exported(Format::Plover);
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert!(!records.is_empty());
    let plover: Vec<&str> = PLOVER_PUBLISHED.split_whitespace().collect();
    for record in &records {
        for key in record.as_object().unwrap().keys() {
            assert!(
                plover.contains(&key.as_str()),
                "{key} is not a PLOVER field"
            );
        }
    }
    let strike = records
        .iter()
        .find(|r| r["event_text"].as_array().unwrap().len() >= 5)
        .unwrap();
    assert_eq!(strike["event"], serde_json::json!(["ASSAULT"]));
    assert_eq!(strike["mode"], serde_json::json!(["aerial"]));
    assert_eq!(strike["date"], "2025-02-04");
    assert_eq!(strike["quad_code"], 4);
    assert_eq!(strike["source"][0]["code"], "RUS");
    assert_eq!(strike["event_loc"]["cc3"], "UKR");
    assert_eq!(strike["dead"], 7);
}

#[test]
fn jsonl_and_csv_exports_read_back() {
    let jsonl = exported(Format::Jsonl);
    let clusters: Vec<observer_ledger::Cluster> = jsonl
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert!(clusters.iter().any(|c| c.counts.articles == 5));
    let csv_text = exported(Format::Csv);
    let mut csv = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(
        csv.headers().unwrap().iter().collect::<Vec<_>>(),
        export::CLUSTER_CSV_COLUMNS
    );
    assert_eq!(csv.records().count(), clusters.len());
}
