//! Fuzzes sentence splitting and tokenising: spans are in order, inside the text, on character
//! boundaries, no longer than the sentence limit, and every token lies inside its sentence.
#![no_main]

use libfuzzer_sys::fuzz_target;
use observer_text::{MAX_SENTENCE_BYTES, sentences, tokens};

fuzz_target!(|text: &str| {
    let mut previous_end = 0;
    for (i, sentence) in sentences(text).iter().enumerate() {
        assert_eq!(sentence.index, i);
        assert!(previous_end <= sentence.start && sentence.start < sentence.end);
        assert!(sentence.end - sentence.start <= MAX_SENTENCE_BYTES);
        assert!(text.is_char_boundary(sentence.start) && text.is_char_boundary(sentence.end));
        previous_end = sentence.end;
        for token in tokens(text, sentence.start, sentence.end) {
            assert!(sentence.start <= token.start && token.start < token.end);
            assert!(token.end <= sentence.end);
            assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
        }
    }
});
