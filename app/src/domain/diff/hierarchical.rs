//! The fallback diff for when a word diff runs out of time: compare sentences first, then
//! words only inside the sentences that changed. Far less work than a word diff of the
//! whole text, so a small edit to a long text still shows as a small edit.

use super::tokens::{DIFF_BUDGET, deadline_after, diff_tokens, myers_ops, tokenize};
use super::{ChangeKind, DiffSpan, push_span, spans_from_tokens};
use similar::DiffTag;
use std::time::Instant;

/// Changed stretches up to this many tokens on each side are word-diffed without a
/// deadline: Myers on so few tokens costs well under a millisecond, and a deadline
/// there could only make the result worse.
const SMALL_CHUNK_TOKENS: usize = 128;

pub(super) fn diff(old: &str, new: &str, deadline: Option<Instant>) -> Vec<DiffSpan> {
    let old_chunks = chunks(old);
    let new_chunks = chunks(new);
    let ops = myers_ops(&old_chunks, &new_chunks, deadline);
    // Changed sentences share one fresh budget, so many large changed sentences cannot
    // add up to an unbounded time.
    let inner_deadline = deadline_after(DIFF_BUDGET);
    let mut spans = Vec::new();
    for op in ops {
        let old_text = old_chunks[op.old_range()].concat();
        let new_text = new_chunks[op.new_range()].concat();
        match op.tag() {
            DiffTag::Equal => push_span(&mut spans, ChangeKind::Equal, &old_text),
            DiffTag::Delete => push_span(&mut spans, ChangeKind::Removed, &old_text),
            DiffTag::Insert => push_span(&mut spans, ChangeKind::Added, &new_text),
            DiffTag::Replace => {
                // Small stretches need no deadline (see SMALL_CHUNK_TOKENS).
                let limit = if fits(&old_text) && fits(&new_text) {
                    None
                } else {
                    inner_deadline
                };
                let inner = diff_tokens(&old_text, &new_text, limit);
                for span in spans_from_tokens(&inner) {
                    push_span(&mut spans, span.kind, &span.text);
                }
            }
        }
    }
    spans
}

fn fits(text: &str) -> bool {
    tokenize(text).len() <= SMALL_CHUNK_TOKENS
}

/// Roughly one cut in this many words, inside sentences too long to diff cheaply.
const CUT_EVERY_WORDS: u64 = 16;

/// Sentences, with long ones cut into smaller pieces so that text without full stops
/// (pasted notes, or a hostile input) still falls back to a fine comparison.
///
/// A long sentence is cut after each word whose hash is a multiple of
/// `CUT_EVERY_WORDS` ("content-defined chunking", as rsync does). The cuts depend only
/// on the words, not on their position, so an insertion early in the text does not move
/// every later cut and unchanged stretches still make equal pieces in both texts.
fn chunks(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    for sentence in sentences(text) {
        let tokens = tokenize(sentence);
        if tokens.len() <= SMALL_CHUNK_TOKENS {
            pieces.push(sentence);
            continue;
        }
        let mut start = 0;
        let mut at = 0;
        for token in tokens {
            at += token.len();
            if token.chars().any(char::is_alphanumeric)
                && fnv1a(token).is_multiple_of(CUT_EVERY_WORDS)
            {
                pieces.push(&sentence[start..at]);
                start = at;
            }
        }
        if start < sentence.len() {
            pieces.push(&sentence[start..]);
        }
    }
    pieces
}

/// A small, stable hash (FNV-1a), the same on every machine and in the browser.
fn fnv1a(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Split text after each sentence-ending mark (. ! ? ; :) or line break, keeping the
/// following whitespace with the sentence, so the pieces join back into the text exactly.
/// This does not need to know about abbreviations: a wrong split only makes the
/// comparison a little finer.
pub(super) fn sentences(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    // After a mark, and then after whitespace following it: a stop inside "2.5" or
    // "e.g" is followed by no space, so it does not split.
    let (mut after_mark, mut after_gap) = (false, false);
    for (at, c) in text.char_indices() {
        if after_gap && !c.is_whitespace() {
            pieces.push(&text[start..at]);
            start = at;
            (after_mark, after_gap) = (false, false);
        }
        if matches!(c, '.' | '!' | '?' | ';' | ':') {
            after_mark = true;
        } else if c == '\n' || (after_mark && c.is_whitespace()) {
            after_gap = true;
        } else if !c.is_whitespace() {
            after_mark = false;
        }
    }
    if start < text.len() {
        pieces.push(&text[start..]);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_their_trailing_space_and_join_back() {
        let text = "I feel safe. I choose where I live!  Do I?\nYes";
        let pieces = sentences(text);
        assert_eq!(
            pieces,
            vec![
                "I feel safe. ",
                "I choose where I live!  ",
                "Do I?\n",
                "Yes"
            ]
        );
        assert_eq!(pieces.concat(), text);
    }

    #[test]
    fn a_decimal_point_does_not_split_a_sentence() {
        assert_eq!(sentences("About 2.5 hours."), vec!["About 2.5 hours."]);
    }

    #[test]
    fn long_sentences_are_cut_where_their_words_say_so() {
        let words: Vec<String> = (0..400).map(|i| format!("w{i}")).collect();
        let text = words.join(" ");
        let pieces = chunks(&text);
        assert!(pieces.len() > 5, "{}", pieces.len());
        assert_eq!(pieces.concat(), text);
        // An insertion at the start leaves the later cuts where they were.
        let shifted = format!("new words {text}");
        let later = chunks(&shifted);
        assert_eq!(later[later.len() - 3..], pieces[pieces.len() - 3..]);
    }

    #[test]
    fn short_sentences_are_not_cut() {
        assert_eq!(
            chunks("I choose where I live. I feel safe."),
            vec!["I choose where I live. ", "I feel safe."]
        );
    }

    #[test]
    fn changed_sentences_are_compared_word_by_word() {
        let spans = diff(
            "I feel safe. I choose where I live.",
            "I feel safe. I decide where I live.",
            None,
        );
        let changed: Vec<_> = spans
            .iter()
            .filter(|s| s.kind != ChangeKind::Equal)
            .collect();
        assert_eq!(changed.len(), 2);
        assert_eq!(changed[0].text, "choose");
        assert_eq!(changed[1].text, "decide");
    }
}
