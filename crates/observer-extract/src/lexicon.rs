//! Multi-word phrase matching over tokens: the one matcher every lexicon-driven layer uses.
//!
//! Phrases are tokenised the same way as article text, so "U.S." or "Nagorno-Karabakh" in a data
//! file matches the same tokens in an article. Matching is by normalised token (lower case,
//! possessive "'s" removed); capitalised phrases in the data also require capitals in the text,
//! so "Turkey" the country does not match "turkey" the bird, and "US" does not match "us".

use observer_text::Token;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// How a phrase word must be written in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Case {
    Any,
    /// First letter upper case ("Turkey").
    Capital,
    /// All letters upper case ("UN", "OSCE").
    Upper,
}

/// Ids for the distinct words of every lexicon. Each token of an article is looked up once
/// ([`Vocabulary::tokens`]); every lexicon then compares ids, never strings.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Vocabulary {
    ids: FxHashMap<Box<str>, u32>,
}

impl Vocabulary {
    /// The key of a word no lexicon contains: it starts and continues no phrase.
    pub const ABSENT: u32 = 0;

    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = u32::try_from(self.ids.len() + 1).expect("fewer than 2^32 distinct words");
        self.ids.insert(word.into(), id);
        id
    }

    /// The key of a normalised token.
    pub fn key(&self, norm: &str) -> u32 {
        self.ids
            .get(match_key(norm))
            .copied()
            .unwrap_or(Self::ABSENT)
    }

    /// Tokens of `text[start..end]`, keyed.
    pub fn tokens(&self, text: &str, start: usize, end: usize) -> Vec<Token> {
        let mut toks = observer_text::tokens(text, start, end);
        for tok in &mut toks {
            tok.key = self.key(&tok.norm);
        }
        toks
    }
}

/// The phrases that end at one node of the trie: one per pattern of capitals, in insertion order.
#[derive(Debug, Serialize, Deserialize)]
struct Ending<V> {
    cases: Box<[Case]>,
    values: Vec<V>,
}

/// Maps token sequences to values; finds the longest phrase starting at a token.
///
/// A trie over word ids: an edge is one hash look-up of (node, word), so matching costs one
/// look-up per token of the match, however many phrases share a first word.
#[derive(Debug, Serialize, Deserialize)]
pub struct PhraseMatcher<V> {
    /// Bit `w` is set when word `w` starts a phrase: most tokens start none, and are turned
    /// away here without a hash look-up.
    starts: Vec<u64>,
    edges: FxHashMap<(u32, u32), u32>,
    /// Node 0 is the root, where no phrase ends.
    nodes: Vec<Vec<Ending<V>>>,
}

impl<V> Default for PhraseMatcher<V> {
    fn default() -> Self {
        PhraseMatcher {
            starts: Vec::new(),
            edges: FxHashMap::default(),
            nodes: vec![Vec::new()],
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
    let mut letters = surface.chars().filter(|c| c.is_alphabetic());
    match letters.next() {
        Some(first) if first.is_uppercase() => {
            let mut rest = letters.peekable();
            if rest.peek().is_some() && rest.all(char::is_uppercase) {
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

/// Calls `f` with the surface and the normalised form of each token of `phrase`, as
/// [`observer_text::tokens`] cuts and normalises them. Most names in the data are ASCII letters
/// and spaces ("Kafr Nabl"), whose tokens are their words in lower case: those are cut here
/// without building tokens, which is most of the cost of loading the gazetteer.
fn for_each_word(phrase: &str, mut f: impl FnMut(&str, &str)) {
    if phrase
        .bytes()
        .all(|byte| byte.is_ascii_alphabetic() || byte == b' ')
    {
        let mut norm = String::new();
        for word in phrase.split(' ').filter(|word| !word.is_empty()) {
            norm.clear();
            norm.push_str(word);
            norm.make_ascii_lowercase();
            f(word, &norm);
        }
    } else {
        for tok in observer_text::tokens(phrase, 0, phrase.len()) {
            f(&phrase[tok.start..tok.end], &tok.norm);
        }
    }
}

impl<V> PhraseMatcher<V> {
    /// Adds `phrase`, its words interned in `vocab`. With `case_sensitive`, capitalised words of
    /// the phrase must be capitalised in the text too. Returns false for a phrase with no words.
    pub fn insert(
        &mut self,
        vocab: &mut Vocabulary,
        phrase: &str,
        case_sensitive: bool,
        value: V,
    ) -> bool {
        let mut node = 0;
        let mut cases = Vec::new();
        for_each_word(phrase, |surface, norm| {
            let word = vocab.intern(match_key(norm));
            if node == 0 {
                let first = word as usize;
                if self.starts.len() <= first / 64 {
                    self.starts.resize(first / 64 + 1, 0);
                }
                self.starts[first / 64] |= 1 << (first % 64);
            }
            let next = self.nodes.len() as u32;
            node = *self.edges.entry((node, word)).or_insert(next);
            if node == next {
                self.nodes.push(Vec::new());
            }
            cases.push(if case_sensitive {
                case_of(surface)
            } else {
                Case::Any
            });
        });
        if cases.is_empty() {
            return false;
        }
        let cases = cases.into_boxed_slice();
        let endings = &mut self.nodes[node as usize];
        match endings.iter_mut().find(|e| e.cases == cases) {
            Some(ending) => ending.values.push(value),
            None => endings.push(Ending {
                cases,
                values: vec![value],
            }),
        }
        true
    }

    /// Makes room for about `phrases` more phrases, so that building a large lexicon does not
    /// rehash its trie again and again.
    pub fn reserve(&mut self, phrases: usize) {
        self.edges.reserve(phrases);
        self.nodes.reserve(phrases);
    }

    /// Whether some phrase starts with the word of `tok` (a bit test, no look-up): when not, no
    /// phrase is found at it.
    pub fn may_start_at(&self, tok: &Token) -> bool {
        let first = tok.key as usize;
        self.starts
            .get(first / 64)
            .is_some_and(|bits| bits & (1 << (first % 64)) != 0)
    }

    /// The longest phrase starting at token `i`. The tokens must be keyed by the vocabulary the
    /// phrases were inserted with.
    pub fn longest_at<'m>(&'m self, text: &str, toks: &[Token], i: usize) -> Option<Found<'m, V>> {
        if !self.may_start_at(toks.get(i)?) {
            return None;
        }
        let mut node = 0;
        let mut best = None;
        for (n, tok) in toks[i..].iter().enumerate() {
            debug_assert_ne!(tok.key, observer_text::UNKEYED, "token not keyed");
            let Some(&next) = self.edges.get(&(node, tok.key)) else {
                break;
            };
            node = next;
            let words = &toks[i..=i + n];
            if let Some(ending) = self.nodes[node as usize].iter().find(|e| {
                e.cases
                    .iter()
                    .zip(words)
                    .all(|(case, t)| case_fits(*case, &text[t.start..t.end]))
            }) {
                best = Some(Found {
                    start: i,
                    end: i + n + 1,
                    values: &ending.values[..],
                });
            }
        }
        best
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

    fn toks(vocab: &Vocabulary, text: &str) -> Vec<Token> {
        vocab.tokens(text, 0, text.len())
    }

    proptest::proptest! {
        /// The fast path of plain names cuts and normalises them as the tokenizer does.
        #[test]
        fn plain_names_are_cut_as_the_tokenizer_cuts_them(phrase in "[A-Za-z ]{0,30}") {
            let mut words = Vec::new();
            for_each_word(&phrase, |surface, norm| words.push((surface.to_string(), norm.to_string())));
            let expected: Vec<(String, String)> = observer_text::tokens(&phrase, 0, phrase.len())
                .iter()
                .map(|t| (phrase[t.start..t.end].to_string(), t.norm.to_string()))
                .collect();
            proptest::prop_assert_eq!(words, expected);
        }
    }

    #[test]
    fn longest_phrase_wins_and_case_is_respected() {
        let (mut m, mut v) = (PhraseMatcher::default(), Vocabulary::default());
        m.insert(&mut v, "Security Council", true, 1);
        m.insert(&mut v, "UN Security Council", true, 2);
        m.insert(&mut v, "US", true, 3);
        m.insert(&mut v, "air strike", false, 4);
        let text = "The UN Security Council met us after an Air Strike by the US.";
        let t = toks(&v, text);
        let found: Vec<(usize, usize, i32)> = m
            .find_all(text, &t)
            .iter()
            .map(|f| (f.start, f.end, f.values[0]))
            .collect();
        assert_eq!(found, vec![(1, 4, 2), (8, 10, 4), (12, 13, 3)]);
    }

    #[test]
    fn possessives_match_the_bare_name() {
        let (mut m, mut v) = (PhraseMatcher::default(), Vocabulary::default());
        m.insert(&mut v, "Azerbaijan", true, "AZE");
        let text = "Azerbaijan’s defence ministry and the azerbaijan stall";
        let t = toks(&v, text);
        let found = m.find_all(text, &t);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].values, ["AZE"]);
    }

    #[test]
    fn same_phrase_keeps_all_values() {
        let (mut m, mut v) = (PhraseMatcher::default(), Vocabulary::default());
        m.insert(&mut v, "Tripoli", true, "LBY");
        m.insert(&mut v, "Tripoli", true, "LBN");
        let text = "in Tripoli";
        let t = toks(&v, text);
        assert_eq!(m.longest_at(text, &t, 1).unwrap().values, ["LBY", "LBN"]);
        assert_eq!(m.nodes.len(), 2, "one node for the one word");
        assert_eq!(m.nodes[1].len(), 1, "one ending for the one spelling");
    }
}
