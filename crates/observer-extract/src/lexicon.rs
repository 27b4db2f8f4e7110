//! Multi-word phrase matching over tokens: the one matcher every lexicon-driven layer uses.
//!
//! Phrases are tokenised the same way as article text, so "U.S." or "Nagorno-Karabakh" in a data
//! file matches the same tokens in an article. Matching is by normalised token (lower case,
//! possessive "'s" removed); capitalised phrases in the data also require capitals in the text,
//! so "Turkey" the country does not match "turkey" the bird, and "US" does not match "us".

use observer_text::Token;
use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};
use std::hash::BuildHasher;

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
///
/// Flat arrays (an open-addressing table over the words laid end to end) rather than a map of
/// strings, so that the lexicons built at compile time are decoded at start-up with a few copies
/// instead of a hash insert and an allocation per word.
#[derive(Debug, Serialize, Deserialize)]
pub struct Vocabulary {
    /// Every word, one after the other: word `id` is `text[ends[id - 1]..ends[id]]`.
    text: String,
    #[serde(with = "packed")]
    ends: Vec<u32>,
    /// Word ids by hash (linear probing), [`Vocabulary::ABSENT`] in empty slots; a power of two
    /// long, never more than three quarters full.
    #[serde(with = "packed")]
    slots: Vec<u32>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary {
            text: String::new(),
            ends: vec![0],
            slots: vec![Self::ABSENT; 64],
        }
    }
}

fn hash_of(key: impl std::hash::Hash) -> usize {
    FxBuildHasher.hash_one(key) as usize
}

impl Vocabulary {
    /// The key of a word no lexicon contains: it starts and continues no phrase.
    pub const ABSENT: u32 = 0;

    fn word(&self, id: u32) -> &str {
        let id = id as usize;
        &self.text[self.ends[id - 1] as usize..self.ends[id] as usize]
    }

    fn word_bytes(&self, id: u32) -> &[u8] {
        let id = id as usize;
        &self.text.as_bytes()[self.ends[id - 1] as usize..self.ends[id] as usize]
    }

    /// The id of `word`, or the empty slot where it would go.
    fn find(&self, word: &str) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut slot = hash_of(word) & mask;
        loop {
            match self.slots[slot] {
                Self::ABSENT => return Err(slot),
                // Compared as bytes: a look-up per token of every article, with no need to
                // check character boundaries in the word list.
                id if self.word_bytes(id) == word.as_bytes() => return Ok(id),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    pub fn intern(&mut self, word: &str) -> u32 {
        let slot = match self.find(word) {
            Ok(id) => return id,
            Err(slot) => slot,
        };
        let id = u32::try_from(self.ends.len()).expect("fewer than 2^32 distinct words");
        self.text.push_str(word);
        self.ends
            .push(u32::try_from(self.text.len()).expect("less than 4 GiB of words"));
        self.slots[slot] = id;
        if self.ends.len() * 4 > self.slots.len() * 3 {
            self.grow();
        }
        id
    }

    fn grow(&mut self) {
        self.slots = vec![Self::ABSENT; self.slots.len() * 2];
        let mask = self.slots.len() - 1;
        for id in 1..self.ends.len() as u32 {
            let mut slot = hash_of(self.word(id)) & mask;
            while self.slots[slot] != Self::ABSENT {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = id;
        }
    }

    /// The id of `word` exactly as given (no possessive stripped), [`Vocabulary::ABSENT`] if no
    /// lexicon has it.
    pub fn id_of(&self, word: &str) -> u32 {
        self.find(word).unwrap_or(Self::ABSENT)
    }

    /// The key of a normalised token.
    pub fn key(&self, norm: &str) -> u32 {
        self.find(match_key(norm)).unwrap_or(Self::ABSENT)
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

/// The edges of a trie over word ids, (node, word) to node: an open-addressing table in flat
/// arrays (see [`Vocabulary`] for why).
#[derive(Debug, Serialize, Deserialize)]
struct Edges {
    /// `node << 32 | word` by hash (linear probing), [`Edges::EMPTY`] in empty slots; a power of
    /// two long, never more than three quarters full.
    #[serde(with = "packed")]
    keys: Vec<u64>,
    /// The node each key leads to.
    #[serde(with = "packed")]
    targets: Vec<u32>,
    len: usize,
}

impl Default for Edges {
    fn default() -> Self {
        Edges {
            keys: vec![Self::EMPTY; 16],
            targets: vec![0; 16],
            len: 0,
        }
    }
}

impl Edges {
    /// No edge has it: word ids are far below `u32::MAX`.
    const EMPTY: u64 = u64::MAX;

    /// The slot of the edge (node, word), or the empty slot where it would go.
    #[inline]
    fn slot(&self, key: u64) -> usize {
        let mask = self.keys.len() - 1;
        let mut slot = hash_of(key) & mask;
        while self.keys[slot] != key && self.keys[slot] != Self::EMPTY {
            slot = (slot + 1) & mask;
        }
        slot
    }

    // Inlined: the matchers follow about three edges per token of an article.
    #[inline]
    fn get(&self, node: u32, word: u32) -> Option<u32> {
        let slot = self.slot(u64::from(node) << 32 | u64::from(word));
        (self.keys[slot] != Self::EMPTY).then(|| self.targets[slot])
    }

    /// The node the edge leads to, made to lead to `target` when it is new.
    fn get_or_insert(&mut self, node: u32, word: u32, target: u32) -> u32 {
        let key = u64::from(node) << 32 | u64::from(word);
        let slot = self.slot(key);
        if self.keys[slot] == key {
            return self.targets[slot];
        }
        self.keys[slot] = key;
        self.targets[slot] = target;
        self.len += 1;
        self.reserve(0);
        target
    }

    /// Makes room for `more` edges.
    fn reserve(&mut self, more: usize) {
        let mut size = self.keys.len();
        while (self.len + more) * 4 > size * 3 {
            size *= 2;
        }
        if size == self.keys.len() {
            return;
        }
        let keys = std::mem::replace(&mut self.keys, vec![Self::EMPTY; size]);
        let targets = std::mem::replace(&mut self.targets, vec![0; size]);
        for (key, target) in keys.into_iter().zip(targets) {
            if key != Self::EMPTY {
                let slot = self.slot(key);
                self.keys[slot] = key;
                self.targets[slot] = target;
            }
        }
    }
}

/// Serde for arrays of integers as one run of little-endian bytes: decoded with a copy, not an
/// element at a time.
mod packed {
    use serde::de::{Error, Visitor};
    use serde::{Deserializer, Serializer};
    use std::marker::PhantomData;

    pub trait Word: Copy {
        const SIZE: usize;
        fn put(self, out: &mut Vec<u8>);
        fn take(bytes: &[u8]) -> Self;
    }

    macro_rules! word {
        ($($t:ty),*) => {$(
            impl Word for $t {
                const SIZE: usize = size_of::<$t>();
                fn put(self, out: &mut Vec<u8>) {
                    out.extend_from_slice(&self.to_le_bytes());
                }
                fn take(bytes: &[u8]) -> Self {
                    <$t>::from_le_bytes(bytes.try_into().expect("a chunk of SIZE bytes"))
                }
            }
        )*};
    }
    word!(u32, u64);

    pub fn serialize<S: Serializer, W: Word>(
        words: &[W],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::with_capacity(words.len() * W::SIZE);
        for &word in words {
            word.put(&mut bytes);
        }
        serializer.serialize_bytes(&bytes)
    }

    pub fn deserialize<'de, D: Deserializer<'de>, W: Word>(
        deserializer: D,
    ) -> Result<Vec<W>, D::Error> {
        struct Words<W>(PhantomData<W>);
        impl<W: Word> Visitor<'_> for Words<W> {
            type Value = Vec<W>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "bytes holding {}-byte words", W::SIZE)
            }
            fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<Vec<W>, E> {
                if !bytes.len().is_multiple_of(W::SIZE) {
                    return Err(E::invalid_length(bytes.len(), &self));
                }
                Ok(bytes.chunks_exact(W::SIZE).map(W::take).collect())
            }
        }
        deserializer.deserialize_bytes(Words(PhantomData))
    }
}

/// The phrases that end at one node of the trie, while a matcher is being built: one per
/// pattern of capitals, in insertion order.
#[derive(Debug)]
struct Ending<V> {
    cases: Box<[Case]>,
    values: Vec<V>,
}

/// Maps token sequences to values; finds the longest phrase starting at a token.
///
/// A trie over word ids: an edge is one hash look-up of (node, word), so matching costs one
/// look-up per token of the match, however many phrases share a first word. Phrases are added
/// with [`PhraseMatcher::insert`], then [`PhraseMatcher::finish`] lays their endings out in flat
/// arrays for matching (and for decoding the built lexicons quickly).
#[derive(Debug, Serialize, Deserialize)]
#[serde(bound(deserialize = "V: Deserialize<'de>"))]
pub struct PhraseMatcher<V> {
    /// Bit `w` is set when word `w` starts a phrase: most tokens start none, and are turned
    /// away here without a hash look-up.
    starts: Vec<u64>,
    edges: Edges,
    /// The endings of node `n` are `node_endings[n]..node_endings[n + 1]`; node 0 is the root,
    /// where no phrase ends.
    #[serde(with = "packed")]
    node_endings: Vec<u32>,
    /// The capitals of ending `e` are `cases[ending_cases[e]..ending_cases[e + 1]]`.
    #[serde(with = "packed")]
    ending_cases: Vec<u32>,
    cases: Vec<Case>,
    /// The values of ending `e` are `values[ending_values[e]..ending_values[e + 1]]`.
    #[serde(with = "packed")]
    ending_values: Vec<u32>,
    values: Vec<V>,
    /// The endings of each node while phrases are being added; `None` once finished.
    #[serde(skip)]
    building: Option<Vec<Vec<Ending<V>>>>,
}

impl<V> Default for PhraseMatcher<V> {
    fn default() -> Self {
        PhraseMatcher {
            starts: Vec::new(),
            edges: Edges::default(),
            node_endings: vec![0, 0],
            ending_cases: vec![0],
            cases: Vec::new(),
            ending_values: vec![0],
            values: Vec::new(),
            building: None,
        }
    }
}

/// A phrase found in a token slice: tokens `[start, end)` and every value stored for it.
#[derive(Debug, Clone, Copy)]
pub struct Found<'m, V> {
    pub start: usize,
    pub end: usize,
    pub values: &'m [V],
}

/// Whether bit `word` of a bitset by word id is set.
#[inline]
pub fn has_word(bits: &[u64], word: u32) -> bool {
    let word = word as usize;
    bits.get(word / 64)
        .is_some_and(|bits| bits & (1 << (word % 64)) != 0)
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

impl<V: Clone> PhraseMatcher<V> {
    /// Adds `phrase`, its words interned in `vocab`. With `case_sensitive`, capitalised words of
    /// the phrase must be capitalised in the text too. Returns false for a phrase with no words.
    /// The phrase is found once the matcher is [finished](PhraseMatcher::finish).
    pub fn insert(
        &mut self,
        vocab: &mut Vocabulary,
        phrase: &str,
        case_sensitive: bool,
        value: V,
    ) -> bool {
        if self.building.is_none() {
            self.building = Some(self.unfinish());
        }
        let nodes = self.building.as_mut().expect("building");
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
            let next = u32::try_from(nodes.len()).expect("fewer than 2^32 nodes");
            node = self.edges.get_or_insert(node, word, next);
            if node == next {
                nodes.push(Vec::new());
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
        let endings = &mut nodes[node as usize];
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
        if let Some(nodes) = &mut self.building {
            nodes.reserve(phrases);
        }
    }

    /// Lays the phrases added out for matching. Phrases can still be added afterwards (and the
    /// matcher finished again).
    pub fn finish(&mut self) {
        let Some(nodes) = self.building.take() else {
            return;
        };
        let flat = |n: usize| u32::try_from(n).expect("fewer than 2^32 entries");
        self.node_endings = vec![0];
        self.ending_cases = vec![0];
        self.ending_values = vec![0];
        self.cases.clear();
        self.values.clear();
        for endings in nodes {
            for ending in endings {
                self.cases.extend_from_slice(&ending.cases);
                self.ending_cases.push(flat(self.cases.len()));
                self.values.extend(ending.values);
                self.ending_values.push(flat(self.values.len()));
            }
            self.node_endings.push(flat(self.ending_cases.len() - 1));
        }
    }

    /// The endings of each node, taken back out of the flat arrays to add phrases.
    fn unfinish(&self) -> Vec<Vec<Ending<V>>> {
        (self.node_endings.windows(2))
            .map(|node| {
                (node[0] as usize..node[1] as usize)
                    .map(|e| self.ending(e))
                    .map(|(cases, values)| Ending {
                        cases: cases.into(),
                        values: values.to_vec(),
                    })
                    .collect()
            })
            .collect()
    }
}

impl<V> PhraseMatcher<V> {
    /// The capitals and the values of ending `e`.
    #[inline]
    fn ending(&self, e: usize) -> (&[Case], &[V]) {
        (
            &self.cases[self.ending_cases[e] as usize..self.ending_cases[e + 1] as usize],
            &self.values[self.ending_values[e] as usize..self.ending_values[e + 1] as usize],
        )
    }

    /// Whether some phrase starts with the word of `tok` (a bit test, no look-up): when not, no
    /// phrase is found at it.
    #[inline]
    pub fn may_start_at(&self, tok: &Token) -> bool {
        has_word(&self.starts, tok.key)
    }

    /// The words phrases start with, as a bitset by word id (see [`has_word`]).
    pub fn first_words(&self) -> &[u64] {
        &self.starts
    }

    /// The longest phrase starting at token `i`. The tokens must be keyed by the vocabulary the
    /// phrases were inserted with.
    ///
    /// Inlined, so that the test of the first word (which turns most tokens away) costs no call.
    #[inline]
    pub fn longest_at<'m>(&'m self, text: &str, toks: &[Token], i: usize) -> Option<Found<'m, V>> {
        if !self.may_start_at(toks.get(i)?) {
            return None;
        }
        self.longest_from(text, toks, i)
    }

    /// [`PhraseMatcher::longest_at`] past the test of the first word.
    #[inline(never)]
    fn longest_from<'m>(&'m self, text: &str, toks: &[Token], i: usize) -> Option<Found<'m, V>> {
        debug_assert!(self.building.is_none(), "matcher not finished");
        let mut node = 0;
        let mut best = None;
        for (n, tok) in toks[i..].iter().enumerate() {
            debug_assert_ne!(tok.key, observer_text::UNKEYED, "token not keyed");
            let Some(next) = self.edges.get(node, tok.key) else {
                break;
            };
            node = next;
            let words = &toks[i..=i + n];
            let endings = self.node_endings[node as usize]..self.node_endings[node as usize + 1];
            if let Some(values) =
                endings
                    .map(|e| self.ending(e as usize))
                    .find_map(|(cases, values)| {
                        (cases.iter().zip(words))
                            .all(|(&case, t)| {
                                case == Case::Any || case_fits(case, &text[t.start..t.end])
                            })
                            .then_some(values)
                    })
            {
                best = Some(Found {
                    start: i,
                    end: i + n + 1,
                    values,
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
        m.finish();
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
        m.finish();
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
        m.finish();
        let text = "in Tripoli";
        let t = toks(&v, text);
        assert_eq!(m.longest_at(text, &t, 1).unwrap().values, ["LBY", "LBN"]);
        assert_eq!(
            m.node_endings,
            [0, 0, 1],
            "one node for the one word, one ending for it"
        );
    }

    #[test]
    fn phrases_added_after_finishing_join_those_before() {
        let (mut m, mut v) = (PhraseMatcher::default(), Vocabulary::default());
        m.insert(&mut v, "Tripoli", true, "LBY");
        m.insert(&mut v, "Gaza City", true, "PSE");
        m.finish();
        m.insert(&mut v, "Tripoli", true, "LBN");
        m.insert(&mut v, "Gaza", true, "PSE-strip");
        m.finish();
        let text = "From Tripoli to Gaza City and Gaza";
        let t = toks(&v, text);
        let found: Vec<(usize, usize, Vec<&str>)> = m
            .find_all(text, &t)
            .iter()
            .map(|f| (f.start, f.end, f.values.to_vec()))
            .collect();
        assert_eq!(
            found,
            [
                (1, 2, vec!["LBY", "LBN"]),
                (3, 5, vec!["PSE"]),
                (6, 7, vec!["PSE-strip"])
            ]
        );
    }

    #[test]
    fn every_word_of_a_large_vocabulary_keeps_its_id() {
        let mut v = Vocabulary::default();
        let words: Vec<String> = (0..5_000).map(|n| format!("w{n}")).collect();
        let ids: Vec<u32> = words.iter().map(|w| v.intern(w)).collect();
        assert_eq!(ids, (1..=5_000).collect::<Vec<u32>>());
        assert!(words.iter().zip(&ids).all(|(w, &id)| v.key(w) == id));
        assert_eq!(v.key("w5000"), Vocabulary::ABSENT);
        assert_eq!(
            v.key("w17's"),
            v.key("w17"),
            "possessives are the bare word"
        );
    }
}
