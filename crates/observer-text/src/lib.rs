//! Splits article text into sentences and tokens, keeping byte offsets into the original text.
//!
//! News copy is the target: headlines and captions without final punctuation stand on their own
//! lines, abbreviations ("U.S.", "Gen.", "Oct.") and initials do not end sentences, and quotes or
//! brackets after a full stop belong to the sentence they close.

use compact_str::CompactString;

/// A sentence: byte span `[start, end)` into the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub index: usize,
    pub start: usize,
    pub end: usize,
}

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens, apostrophes or full stops ("ethnic", "Nagorno-Karabakh", "U.S.").
    Word,
    /// Digits, possibly with thousands separators and a decimal part ("772", "1,200", "3.5").
    Number,
    /// Any other single character that is not white space.
    Punct,
}

/// A token: byte span into the article text, its kind and a normalised lower-case form
/// (typographic apostrophes and dashes folded to ASCII) used for lexicon look-ups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    pub norm: CompactString,
    /// The first character is upper case (a proper noun, or the first word of a sentence).
    pub capitalized: bool,
    /// An id for `norm` given by a caller's vocabulary, so that lexicons compare numbers rather
    /// than strings; [`UNKEYED`] until a vocabulary keys the token.
    pub key: u32,
}

/// The [`Token::key`] of a token no vocabulary has keyed yet.
pub const UNKEYED: u32 = u32::MAX;

/// Words that end with a full stop without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "pte", "adm",
    "cmdr", "gov", "sen", "rep", "rev", "st", "mt", "ft", "no", "nos", "vs", "etc", "inc", "ltd",
    "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "approx",
    "est", "dept", "govt", "pres", "i.e", "e.g", "u.s", "u.n", "u.k", "e.u", "a.m", "p.m",
];

/// The longest sentence, in bytes. The extraction layers compare the words of a sentence with
/// one another, so their work grows faster than its length: a "sentence" of a megabyte (text
/// without punctuation, a table, hostile input) would take hours. Real sentences stay far below.
pub const MAX_SENTENCE_BYTES: usize = 2000;

/// Splits `text` into sentences: at paragraph breaks, at line breaks after headline-like lines,
/// and after `.`, `!` or `?` (with any closing quotes or brackets) followed by white space and
/// the start of a new sentence. No sentence is longer than [`MAX_SENTENCE_BYTES`].
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (start, end) in blocks(text) {
        split_block(text, start, end, &mut out);
    }
    for (i, s) in out.iter_mut().enumerate() {
        s.index = i;
    }
    out
}

/// Paragraphs and standalone lines: byte ranges with surrounding white space trimmed.
fn blocks(text: &str) -> Vec<(usize, usize)> {
    let mut blocks = Vec::new();
    let mut block_start: Option<usize> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let content = line.trim_end();
        if content.trim().is_empty() {
            if let Some(s) = block_start.take() {
                blocks.push((s, line_start));
            }
            continue;
        }
        if block_start.is_none() {
            block_start = Some(line_start);
        }
        // A line that ends without sentence punctuation and is short reads as a headline,
        // byline or caption: it stands alone rather than running into the next line.
        let ends_open = !content.ends_with(['.', '!', '?', ',', ';', ':', '"', '\u{201d}']);
        let is_headline = ends_open && content.chars().count() <= 100;
        let next_starts_upper = text[pos..]
            .chars()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if is_headline
            && next_starts_upper
            && let Some(s) = block_start.take()
        {
            blocks.push((s, pos));
        }
    }
    if let Some(s) = block_start {
        blocks.push((s, text.len()));
    }
    blocks
        .into_iter()
        .filter_map(|(s, e)| trim_range(text, s, e))
        .collect()
}

fn trim_range(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    (!trimmed.is_empty()).then(|| (start + lead, start + lead + trimmed.len()))
}

fn split_block(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let block = &text[start..end];
    let mut sentence_start = 0;
    // Terminal punctuation is ASCII, and ASCII bytes occur in UTF-8 only as themselves: a search
    // over bytes (several at a time) finds each stop without decoding the characters between them.
    let mut searched = 0;
    while let Some(offset) = memchr::memchr3(b'.', b'!', b'?', &block.as_bytes()[searched..]) {
        let i = searched + offset;
        let c = char::from(block.as_bytes()[i]);
        // Swallow runs of terminal punctuation and closing quotes or brackets.
        let mut boundary = i + 1;
        while let Some(next) = block[boundary..].chars().next()
            && matches!(
                next,
                '.' | '!' | '?' | '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}'
            )
        {
            boundary += next.len_utf8();
        }
        searched = boundary;
        let rest = &block[boundary..];
        let after_space = rest.trim_start();
        if after_space.len() == rest.len() || after_space.is_empty() {
            continue; // no white space after it: "3.5", "U.S.-backed", or the block's end
        }
        let opens_sentence = after_space.chars().next().is_some_and(|n| {
            n.is_uppercase()
                || n.is_ascii_digit()
                || matches!(n, '"' | '\u{201c}' | '\'' | '\u{2018}' | '(' | '[')
        });
        if !opens_sentence || (c == '.' && is_abbreviation(&block[sentence_start..i])) {
            continue;
        }
        push_sentence(text, start + sentence_start, start + boundary, out);
        sentence_start = boundary;
    }
    push_sentence(text, start + sentence_start, end, out);
}

/// Adds the sentence `text[start..end]`, trimmed; one longer than [`MAX_SENTENCE_BYTES`] (a
/// table, a list, text without punctuation) is cut into pieces of at most that size, each ending
/// at white space where there is any.
fn push_sentence(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let mut rest = start;
    while let Some((start, end)) = trim_range(text, rest, end) {
        let cut = if end - start <= MAX_SENTENCE_BYTES {
            end
        } else {
            long_sentence_cut(text, start, start + MAX_SENTENCE_BYTES)
        };
        out.push(Sentence {
            index: 0,
            start,
            end: cut,
        });
        rest = cut;
    }
}

/// Where to cut a run of text that starts at `start` and may not go beyond `limit`: after its
/// last white space, else at the last character boundary.
fn long_sentence_cut(text: &str, start: usize, limit: usize) -> usize {
    let mut cut = limit;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text[start..cut]
        .rfind(char::is_whitespace)
        .filter(|&at| at > 0)
        .map_or(cut, |at| start + at)
}

/// True when the text before a full stop ends with an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '\u{201c}')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // A single capital letter is an initial ("J. Smith"), and "U.S" style words have inner stops.
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let single_upper =
        matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    single_upper || (word.contains('.') && word.len() <= 5 && word.chars().any(char::is_uppercase))
}

/// What a byte is to the tokeniser: one look-up in [`ASCII_CLASS`] instead of a chain of range
/// tests for each byte of a word.
const ALNUM: u8 = 1;
const UPPER: u8 = 2;
const SPACE: u8 = 4;
const DIGIT: u8 = 8;
const ASCII_CLASS: [u8; 256] = {
    // Bytes of multi-byte characters (128 and up) are in no class.
    let mut class = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        class[b] = if c.is_ascii_uppercase() {
            ALNUM | UPPER
        } else if c.is_ascii_lowercase() {
            ALNUM
        } else if c.is_ascii_digit() {
            ALNUM | DIGIT
        } else if matches!(c, b' ' | b'\t'..=b'\r') {
            // The ASCII white space of `char::is_whitespace`, the vertical tab included.
            SPACE
        } else {
            0
        };
        b += 1;
    }
    class
};

/// Tokenises `text[start..end]`, returning tokens with offsets into `text`.
pub fn tokens(text: &str, start: usize, end: usize) -> Vec<Token> {
    let slice = &text[start..end];
    let bytes = slice.as_bytes();
    // Words average more than four bytes with the space after them: one allocation, no regrowth.
    let mut out = Vec::with_capacity(slice.len() / 4 + 1);
    // Walked by byte offset: most characters are ASCII, classed by one table look-up without
    // decoding.
    let mut i = 0;
    while i < bytes.len() {
        let first = bytes[i];
        let (c, kind) = if first.is_ascii() {
            let class = ASCII_CLASS[usize::from(first)];
            if class & SPACE != 0 {
                i += 1;
                continue;
            }
            let kind = if class & DIGIT != 0 {
                TokenKind::Number
            } else if class & ALNUM != 0 {
                TokenKind::Word
            } else {
                // ASCII punctuation: one byte, its own normalised form but for the backquote.
                out.push(Token {
                    start: start + i,
                    end: start + i + 1,
                    kind: TokenKind::Punct,
                    norm: if first == b'`' {
                        CompactString::const_new("'")
                    } else {
                        CompactString::from(&slice[i..i + 1])
                    },
                    capitalized: false,
                    key: UNKEYED,
                });
                i += 1;
                continue;
            };
            (char::from(first), kind)
        } else {
            let c = char_at(slice, i);
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            (
                c,
                if c.is_alphabetic() {
                    TokenKind::Word
                } else {
                    TokenKind::Punct
                },
            )
        };
        let mut token_end = i + c.len_utf8();
        let mut ascii = c.is_ascii();
        // An upper-case ASCII letter is in the token (only then is there anything to lower-case).
        let mut upper = c.is_ascii_uppercase();
        if kind != TokenKind::Punct {
            loop {
                // ASCII letters and digits continue any word or number: a byte at a time.
                let mut classes = 0;
                while let Some(&byte) = bytes.get(token_end)
                    && ASCII_CLASS[usize::from(byte)] & ALNUM != 0
                {
                    classes |= ASCII_CLASS[usize::from(byte)];
                    token_end += 1;
                }
                upper |= classes & UPPER != 0;
                if token_end == slice.len() {
                    break;
                }
                let next = char_at(slice, token_end);
                let after_at = token_end + next.len_utf8();
                // (An ASCII letter or digit was taken above: only a joiner continues from ASCII.)
                let continues = (!next.is_ascii() && next.is_alphanumeric())
                    || (is_joiner(next, kind)
                        && after_at < slice.len()
                        && joins(kind, next, char_at(slice, after_at)));
                if !continues {
                    break;
                }
                ascii &= next.is_ascii();
                upper |= next.is_ascii_uppercase();
                token_end = after_at;
            }
            // Keep the final stop of an abbreviation such as "U.S." with the word.
            if kind == TokenKind::Word
                && bytes.get(token_end) == Some(&b'.')
                && bytes[i..token_end].contains(&b'.')
            {
                token_end += 1;
            }
        }
        let surface = &slice[i..token_end];
        // A word or number of ASCII characters has no backquote or typographic mark to fold, and
        // without an upper-case letter it is its own lower-case form.
        let plain = ascii && kind != TokenKind::Punct;
        out.push(Token {
            start: start + i,
            end: start + token_end,
            kind,
            norm: if !plain {
                normalise(surface)
            } else if upper {
                ascii_lowercase(surface)
            } else {
                CompactString::from(surface)
            },
            capitalized: c.is_uppercase(),
            key: UNKEYED,
        });
        i = token_end;
    }
    out
}

/// The character at byte `at` of `s`, which must be a character boundary.
#[inline]
fn char_at(s: &str, at: usize) -> char {
    let byte = s.as_bytes()[at];
    if byte.is_ascii() {
        char::from(byte)
    } else {
        s[at..].chars().next().unwrap_or_default()
    }
}

fn is_joiner(c: char, kind: TokenKind) -> bool {
    match kind {
        TokenKind::Word => matches!(c, '-' | '\'' | '\u{2019}' | '\u{2010}' | '\u{2011}' | '.'),
        TokenKind::Number => matches!(c, ',' | '.'),
        TokenKind::Punct => false,
    }
}

/// Whether `joiner` followed by `after` continues a token of `kind`.
fn joins(kind: TokenKind, joiner: char, after: char) -> bool {
    match kind {
        // "U.S" joins on a full stop only between single capitals; "al-Assad", "don't" on letters.
        TokenKind::Word if joiner == '.' => after.is_uppercase(),
        TokenKind::Word => after.is_alphanumeric(),
        TokenKind::Number => after.is_ascii_digit(),
        TokenKind::Punct => false,
    }
}

/// `surface`, all ASCII, lower-cased.
fn ascii_lowercase(surface: &str) -> CompactString {
    let mut norm = CompactString::from(surface);
    norm.make_ascii_lowercase();
    norm
}

/// Lower-cases and folds typographic apostrophes, quotes and dashes to ASCII.
pub fn normalise(surface: &str) -> CompactString {
    if surface.bytes().all(|b| b.is_ascii() && b != b'`') {
        return ascii_lowercase(surface);
    }
    surface
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => '-',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_forms_are_lower_case_with_ascii_punctuation() {
        for (surface, norm) in [
            ("Kharkiv", "kharkiv"),
            ("U.S.", "u.s."),
            ("don`t", "don't"),
            ("Azerbaijan\u{2019}s", "azerbaijan's"),
            ("\u{201c}Halt", "\"halt"),
            ("ÖCALAN", "öcalan"),
            ("Dnipropetrovsk-Zaporizhzhia", "dnipropetrovsk-zaporizhzhia"),
            ("NORTHWESTERNMOSTPROVINCES", "northwesternmostprovinces"),
        ] {
            assert_eq!(normalise(surface), norm, "{surface}");
        }
    }

    fn texts(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn splits_on_terminal_punctuation_but_not_abbreviations() {
        let text = "U.S. Secretary of State Mike Pompeo met Gen. Ali Khan on Oct. 3. The talks ended. \
                    \"We agreed,\" he said. Was it real? Yes.";
        assert_eq!(
            texts(text),
            vec![
                "U.S. Secretary of State Mike Pompeo met Gen. Ali Khan on Oct. 3.",
                "The talks ended.",
                "\"We agreed,\" he said.",
                "Was it real?",
                "Yes."
            ]
        );
    }

    #[test]
    fn quotes_after_a_full_stop_close_the_sentence() {
        let text = "\u{201c}This is not a quick process.\u{201d} The envoy left.";
        assert_eq!(
            texts(text),
            vec![
                "\u{201c}This is not a quick process.\u{201d}",
                "The envoy left."
            ]
        );
    }

    #[test]
    fn headlines_and_paragraphs_stand_alone() {
        let text = "Rebels seize border town\n\nFighters entered the town on Monday. Residents fled.\nCaption line here\nThe army said little.";
        assert_eq!(
            texts(text),
            vec![
                "Rebels seize border town",
                "Fighters entered the town on Monday.",
                "Residents fled.",
                "Caption line here",
                "The army said little."
            ]
        );
    }

    #[test]
    fn wrapped_lines_inside_a_paragraph_join() {
        let text = "The ministry said that forces loyal to the government had retaken the district of\nnorthern Hama after heavy fighting with insurgents that lasted for more than two weeks.";
        assert_eq!(texts(text).len(), 1);
    }

    #[test]
    fn offsets_index_the_original_text() {
        let text = "  Shelling hit Stepanakert on Tuesday.\n\nAt least 12 were killed.  ";
        for s in sentences(text) {
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            assert!(!text[s.start..s.end].starts_with(' '));
        }
        assert_eq!(sentences(text).len(), 2);
    }

    #[test]
    fn every_token_norm_is_its_normalised_surface() {
        // ASCII words, capitals inside words, digits, typographic marks and non-ASCII letters:
        // the tokeniser's shortcuts for plain ASCII must give what `normalise` gives.
        let text = "McAllister told UNICEF\u{2019}s Dr. Ösel Öztürk on 3rd May that 1,200 T-72s \
                    and US-made HIMARS hit Al-Qa\u{2019}im \u{2014} \u{201c}NOT us,\u{201d} \
                    said `Lt. Col.` O'Neill in São Tomé.";
        for tok in tokens(text, 0, text.len()) {
            let surface = &text[tok.start..tok.end];
            assert_eq!(tok.norm, normalise(surface), "{surface}");
        }
    }

    #[test]
    fn white_space_of_any_kind_separates_tokens_and_punctuation_stands_alone() {
        // A vertical tab and a form feed from a pasted table, a no-break space from a web page.
        let text = "Talks\x0bresumed\x0c(in Doha)\u{a0}on 12\tMarch;\r\nno `deal` yet!";
        let surfaces: Vec<&str> = tokens(text, 0, text.len())
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(
            surfaces,
            [
                "Talks", "resumed", "(", "in", "Doha", ")", "on", "12", "March", ";", "no", "`",
                "deal", "`", "yet", "!"
            ]
        );
        let backquote = &tokens(text, 0, text.len())[11];
        assert_eq!(
            (backquote.kind, backquote.norm.as_str()),
            (TokenKind::Punct, "'")
        );
    }

    #[test]
    fn tokens_keep_hyphenated_names_numbers_and_abbreviations() {
        let text = "Nagorno-Karabakh’s 1,200 U.S.-backed troops, 3.5 km away.";
        let toks = tokens(text, 0, text.len());
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(
            norms,
            vec![
                "nagorno-karabakh's",
                "1,200",
                "u.s.",
                "-",
                "backed",
                "troops",
                ",",
                "3.5",
                "km",
                "away",
                "."
            ]
        );
        assert_eq!(toks[1].kind, TokenKind::Number);
        assert!(toks[0].capitalized && !toks[3].capitalized);
        assert_eq!(&text[toks[0].start..toks[0].end], "Nagorno-Karabakh’s");
    }

    #[test]
    fn abbreviation_keeps_its_final_stop() {
        let text = "The U.S. said so.";
        let norms: Vec<String> = tokens(text, 0, text.len())
            .into_iter()
            .map(|t| t.norm.into())
            .collect();
        assert_eq!(norms, vec!["the", "u.s.", "said", "so", "."]);
    }

    #[test]
    fn a_run_on_sentence_is_cut_at_white_space_into_bounded_pieces() {
        let clause = "shelling continued along the front line near the river and ";
        let text = format!("Witnesses said {} until dawn.", clause.repeat(200));
        let pieces = sentences(&text);
        assert!(pieces.len() > 1, "{} bytes in one sentence", text.len());
        let mut covered = 0;
        for s in &pieces {
            assert!(s.end - s.start <= MAX_SENTENCE_BYTES);
            let piece = &text[s.start..s.end];
            assert_eq!(piece, piece.trim());
            // Cut between words: the text before and after a piece is white space or nothing.
            assert!(text[covered..s.start].trim().is_empty());
            assert!(text[s.end..].is_empty() || text[s.end..].starts_with(' '));
            covered = s.end;
        }
        assert_eq!(covered, text.len());
    }

    #[test]
    fn a_run_on_word_is_cut_at_character_boundaries() {
        let text = "Жж".repeat(3 * MAX_SENTENCE_BYTES);
        let pieces = sentences(&text);
        assert_eq!(pieces.len(), text.len().div_ceil(MAX_SENTENCE_BYTES));
        for s in &pieces {
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            assert!(s.end - s.start <= MAX_SENTENCE_BYTES);
        }
        assert_eq!(pieces.last().unwrap().end, text.len());
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            ".",
            "...",
            "\n\n\n",
            "a.b.c.",
            "Ünïcödé. Ok",
            "’’’",
            "1,",
            "A.\u{200f}B",
            "-\n-",
        ] {
            let ss = sentences(text);
            for s in &ss {
                let _ = tokens(text, s.start, s.end);
            }
        }
    }
}
