//! The language of an article: declared by its input (front matter, JSON, `<html lang>`) or
//! detected from its text. Observer codes English only; an article in another language is stored
//! and reported as not coded rather than coded into garbage.
//!
//! Detection errs towards "English or unknown": trigram statistics are unreliable on a few words
//! of Latin-script text (a short English wire item can look like Dutch or Latin), so such text is
//! only called non-English when the detector is confident. A non-Latin script (Cyrillic, Arabic,
//! Hebrew, CJK, ...) is unmistakable even in a short text.

use whatlang::{Lang, Script};

/// Below this many letters of Latin-script text no detection is trusted.
const MIN_LATIN_LETTERS: usize = 120;

/// Only the start of a long text is looked at: a few thousand letters decide as well as the whole.
const SAMPLE_BYTES: usize = 4096;

/// The detector's confidence (0 to 1) needed to call Latin-script text non-English.
const MIN_CONFIDENCE: f64 = 0.5;

/// The language of `text` as an ISO 639-3 code ("eng", "fra", "rus"), or `None` when it cannot be
/// told reliably (short or mixed Latin-script text), which Observer treats as English.
pub fn detect_language(text: &str) -> Option<String> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let info = whatlang::detect(text)?;
    if info.lang() == Lang::Eng {
        return Some(Lang::Eng.code().to_string());
    }
    if info.script() != Script::Latin {
        return Some(info.lang().code().to_string());
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let sure =
        letters >= MIN_LATIN_LETTERS && info.is_reliable() && info.confidence() >= MIN_CONFIDENCE;
    sure.then(|| info.lang().code().to_string())
}

/// Whether a declared or detected language code means English ("en", "en-GB", "eng", "English");
/// a missing language counts as English.
pub fn is_english(lang: Option<&str>) -> bool {
    let Some(lang) = lang.map(str::trim).filter(|lang| !lang.is_empty()) else {
        return true;
    };
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or(lang)
        .to_ascii_lowercase();
    matches!(primary.as_str(), "en" | "eng" | "english")
}

/// The English name of an ISO 639-3 code, for messages ("fra" → "French"); the code itself
/// otherwise ("fr-CA").
pub fn language_name(code: &str) -> String {
    let lower = code.trim().to_ascii_lowercase();
    let primary = lower.split(['-', '_']).next().unwrap_or(&lower);
    Lang::from_code(primary).map_or_else(|| code.to_string(), |lang| lang.eng_name().to_string())
}
