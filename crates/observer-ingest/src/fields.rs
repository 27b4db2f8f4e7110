//! The fields an input gives for one article, and how they become an [`Article`] together with the
//! metadata given on the command line. Shared by the text and JSON Lines readers.

use crate::date::checked_date;
use crate::lang::detect_language;
use crate::{Metadata, Origin, Record};
use chrono::NaiveDate;
use observer_model::Article;
use serde_json::{Map, Value};

/// What one input record says about its article, before metadata and defaults are applied.
#[derive(Debug, Default)]
pub(crate) struct Fields {
    pub id: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    /// The publication date as written; parsed (and checked) when the record is built.
    pub published: Option<String>,
    pub title: Option<String>,
    /// The article body, already normalised.
    pub text: String,
    /// The language the input states (front matter, a JSON field): taken as given.
    pub lang: Option<String>,
    /// A language the input suggests (`<html lang>`, a feed's language): used when the text is
    /// too short or mixed to detect.
    pub lang_hint: Option<String>,
    pub extra: Map<String, Value>,
    /// Problems found while reading the record that did not stop it.
    pub warnings: Vec<String>,
}

/// Whether command-line metadata overrides what the input says or only fills its gaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Precedence {
    /// Text files: one article, so metadata given for it is the more deliberate statement.
    MetadataWins,
    /// JSON Lines: metadata is a default for the many records that may lack a field.
    InputWins,
}

impl Fields {
    /// Builds the article. An unusable publication date is dropped with a warning; a language
    /// the input does not state is detected from the text.
    pub fn into_record(
        self,
        origin: Origin,
        meta: &Metadata,
        precedence: Precedence,
        today: NaiveDate,
    ) -> Record {
        let mut warnings = self.warnings;
        let pick = |given: &Option<String>, from_input: Option<String>| {
            let given = given.as_deref().map(str::trim).filter(|s| !s.is_empty());
            let given = given.map(str::to_string);
            match precedence {
                Precedence::MetadataWins => given.or(from_input),
                Precedence::InputWins => from_input.or(given),
            }
        };
        let url = pick(&meta.url, self.url);
        let source = pick(&meta.source, self.source);
        let title = pick(&meta.title, self.title);

        let from_input = match (precedence, meta.published) {
            (Precedence::MetadataWins, Some(_)) => None,
            _ => self.published.and_then(|raw| {
                let (date, warning) = checked_date(&raw, today);
                warnings.extend(warning);
                date
            }),
        };
        let published = from_input.or(meta.published);

        let id = self
            .id
            .unwrap_or_else(|| Article::derive_id(source.as_deref(), url.as_deref(), &self.text));
        let lang = self
            .lang
            .or_else(|| detect_language(&self.text))
            .or(self.lang_hint);
        let article = Article {
            id,
            url,
            source,
            published,
            title,
            text: self.text,
            lang,
            extra: self.extra,
        };
        Record {
            article,
            origin,
            warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn fields() -> Fields {
        Fields {
            url: Some("https://news.example/a".into()),
            source: Some("Input Wire".into()),
            published: Some("2021-03-04".into()),
            title: Some("Input title".into()),
            text: "Body.".into(),
            ..Fields::default()
        }
    }

    fn meta() -> Metadata {
        Metadata {
            published: Some(ymd(2020, 1, 2)),
            source: Some("Meta Wire".into()),
            url: Some("https://meta.example/b".into()),
            title: Some("Meta title".into()),
        }
    }

    #[test]
    fn metadata_wins_for_text_and_fills_gaps_for_jsonl() {
        let today = ymd(2024, 1, 1);
        let text =
            fields().into_record(Origin::file("a"), &meta(), Precedence::MetadataWins, today);
        assert_eq!(text.article.source.as_deref(), Some("Meta Wire"));
        assert_eq!(text.article.url.as_deref(), Some("https://meta.example/b"));
        assert_eq!(text.article.title.as_deref(), Some("Meta title"));
        assert_eq!(text.article.published, Some(ymd(2020, 1, 2)));

        let line = fields().into_record(Origin::file("a"), &meta(), Precedence::InputWins, today);
        assert_eq!(line.article.source.as_deref(), Some("Input Wire"));
        assert_eq!(line.article.published, Some(ymd(2021, 3, 4)));

        let bare = Fields {
            text: "Body.".into(),
            ..Fields::default()
        };
        let filled = bare.into_record(Origin::file("a"), &meta(), Precedence::InputWins, today);
        assert_eq!(filled.article.source.as_deref(), Some("Meta Wire"));
        assert_eq!(filled.article.title.as_deref(), Some("Meta title"));
        assert_eq!(filled.article.published, Some(ymd(2020, 1, 2)));
    }

    #[test]
    fn a_bad_input_date_warns_and_falls_back_to_metadata_or_none() {
        let today = ymd(2024, 1, 1);
        let bad = || Fields {
            published: Some("soon".into()),
            text: "Body.".into(),
            ..Fields::default()
        };
        let record = bad().into_record(
            Origin::file("a"),
            &Metadata::default(),
            Precedence::InputWins,
            today,
        );
        assert_eq!(record.article.published, None);
        assert_eq!(record.warnings, ["unparseable publication date \"soon\""]);
        let record = bad().into_record(Origin::file("a"), &meta(), Precedence::InputWins, today);
        assert_eq!(record.article.published, Some(ymd(2020, 1, 2)));
        assert_eq!(record.warnings.len(), 1);
        // Overridden by the command line, the file's date is not even looked at.
        let record = bad().into_record(Origin::file("a"), &meta(), Precedence::MetadataWins, today);
        assert!(record.warnings.is_empty());
    }

    #[test]
    fn ids_come_from_the_input_or_are_derived_from_the_final_fields() {
        let today = ymd(2024, 1, 1);
        let given = Fields {
            id: Some("abc-1".into()),
            ..fields()
        };
        let record = given.into_record(
            Origin::file("a"),
            &Metadata::default(),
            Precedence::InputWins,
            today,
        );
        assert_eq!(record.article.id, "abc-1");
        let record =
            fields().into_record(Origin::file("a"), &meta(), Precedence::MetadataWins, today);
        assert_eq!(
            record.article.id,
            Article::derive_id(Some("Meta Wire"), Some("https://meta.example/b"), "Body.")
        );
    }
}
