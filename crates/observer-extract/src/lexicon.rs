//! Multi-word phrase matching over tokens: the one matcher every lexicon-driven layer uses.
//!
//! Phrases are tokenised the same way as article text, so "U.S." or "Nagorno-Karabakh" in a data
//! file matches the same tokens in an article. Matching is by normalised token (lower case,
//! possessive "'s" removed); capitalised phrases in the data also require capitals in the text,
//! so "Turkey" the country does not match "turkey" the bird, and "US" does not match "us".

use observer_text::Token;
use rustc_hash::FxHashMap;

/// How a phrase word must be written in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Any,
    /// First letter upper case ("Turkey").
    Capital,
    /// All letters upper case ("UN", "OSCE").
    Upper,
}

#[derive(Debug)]
struct Entry<V> {
    words: Box<[String]>,
    cases: Box<[Case]>,
    values: Vec<V>,
}

/// Maps token sequences to values; finds the longest phrase starting at a token.
#[derive(Debug)]
pub struct PhraseMatcher<V> {
    by_first: FxHashMap<String, Vec<Entry<V>>>,
}

impl<V> Default for PhraseMatcher<V> {
    fn default() -> Self {
        PhraseMatcher {
            by_first: FxHashMap::default(),
        }
    }
}

/// A phrase found in a token slice: tokens `[start, end)` and every value stored for it.
#[derive(Debug)]
pub struct Found<'m, V> {
    pub start: usize,
    pub end: usize,
    pub values: &'m [V],
}

/// The form tokens are compared in: normalised, without a possessive ending.
pub fn match_key(norm: &str) -> &str {
    norm.strip_suffix("'s")
        .or_else(|| norm.strip_suffix('\'').filter(|s| s.ends_with('s')))
        .filter(|s| !s.is_empty())
        .unwrap_or(norm)
}

fn case_of(surface: &str) -> Case {
    let letters: Vec<char> = surface.chars().filter(|c| c.is_alphabetic()).collect();
    match letters.first() {
        Some(c) if c.is_uppercase() => {
            if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
                Case::Upper
            } else {
                Case::Capital
            }
        }
        _ => Case::Any,
    }
}

fn case_fits(case: Case, surface: &str) -> bool {
    match case {
        Case::Any => true,
        Case::Capital => surface.chars().next().is_some_and(char::is_uppercase),
        Case::Upper => {
            let body = surface.split(['\'', '\u{2019}']).next().unwrap_or(surface);
            body.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        }
    }
}

impl<V> PhraseMatcher<V> {
    /// Adds `phrase`. With `case_sensitive`, capitalised words of the phrase must be capitalised in
    /// the text too. Returns false for a phrase with no words.
    pub fn insert(&mut self, phrase: &str, case_sensitive: bool, value: V) -> bool {
        let toks = observer_text::tokens(phrase, 0, phrase.len());
        if toks.is_empty() {
            return false;
        }
        let words: Box<[String]> = toks
            .iter()
            .map(|t| match_key(&t.norm).to_string())
            .collect();
        let cases: Box<[Case]> = toks
            .iter()
            .map(|t| {
                if case_sensitive {
                    case_of(&phrase[t.start..t.end])
                } else {
                    Case::Any
                }
            })
            .collect();
        let bucket = self.by_first.entry(words[0].clone()).or_default();
        match bucket
            .iter_mut()
            .find(|e| e.words == words && e.cases == cases)
        {
            Some(entry) => entry.values.push(value),
            None => bucket.push(Entry {
                words,
                cases,
                values: vec![value],
            }),
        }
        true
    }

    /// The longest phrase starting at token `i`.
    pub fn longest_at<'m>(&'m self, text: &str, toks: &[Token], i: usize) -> Option<Found<'m, V>> {
        let bucket = self.by_first.get(match_key(&toks.get(i)?.norm))?;
        let mut best: Option<&Entry<V>> = None;
        for entry in bucket {
            let n = entry.words.len();
            if i + n > toks.len() || best.is_some_and(|b| b.words.len() >= n) {
                continue;
            }
            let fits = entry
                .words
                .iter()
                .zip(&entry.cases)
                .enumerate()
                .all(|(k, (w, case))| {
                    let tok = &toks[i + k];
                    match_key(&tok.norm) == w && case_fits(*case, &text[tok.start..tok.end])
                });
            if fits {
                best = Some(entry);
            }
        }
        best.map(|e| Found {
            start: i,
            end: i + e.words.len(),
            values: &e.values,
        })
    }

    /// Every longest, non-overlapping phrase, left to right.
    pub fn find_all<'m>(&'m self, text: &str, toks: &[Token]) -> Vec<Found<'m, V>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match self.longest_at(text, toks, i) {
                Some(found) => {
                    i = found.end;
                    out.push(found);
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Token> {
        observer_text::tokens(text, 0, text.len())
    }

    #[test]
    fn longest_phrase_wins_and_case_is_respected() {
        let mut m = PhraseMatcher::default();
        m.insert("Security Council", true, 1);
        m.insert("UN Security Council", true, 2);
        m.insert("US", true, 3);
        m.insert("air strike", false, 4);
        let text = "The UN Security Council met us after an Air Strike by the US.";
        let t = toks(text);
        let found: Vec<(usize, usize, i32)> = m
            .find_all(text, &t)
            .iter()
            .map(|f| (f.start, f.end, f.values[0]))
            .collect();
        assert_eq!(found, vec![(1, 4, 2), (8, 10, 4), (12, 13, 3)]);
    }

    #[test]
    fn possessives_match_the_bare_name() {
        let mut m = PhraseMatcher::default();
        m.insert("Azerbaijan", true, "AZE");
        let text = "Azerbaijan’s defence ministry and the azerbaijan stall";
        let t = toks(text);
        let found = m.find_all(text, &t);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].values, ["AZE"]);
    }

    #[test]
    fn same_phrase_keeps_all_values() {
        let mut m = PhraseMatcher::default();
        m.insert("Tripoli", true, "LBY");
        m.insert("Tripoli", true, "LBN");
        let text = "in Tripoli";
        let t = toks(text);
        assert_eq!(m.longest_at(text, &t, 1).unwrap().values, ["LBY", "LBN"]);
        assert_eq!(m.by_first["tripoli"].len(), 1);
    }
}
