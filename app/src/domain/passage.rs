//! A comment may quote part of a statement. A passage is stored as a character range
//! plus the quoted text, so that when the statement is redrafted we can find the same
//! words again, or say honestly that they changed, and never attach a comment to the
//! wrong words.
//!
//! All offsets are CHARACTER offsets (Unicode scalar values, as Rust's `chars()` counts
//! them), not bytes, and ranges are half-open: `start..end`.

mod relocate;

use super::Invalid;
use serde::{Deserialize, Serialize};

pub use relocate::{Located, relocate};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    pub start: usize,
    pub end: usize,
    pub quote: String,
}

/// A word a person can pick as the start or end of a passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordPosition {
    /// The word's number counting from 1, as people count (and as a form shows them):
    /// the numbers `passage_from_words` takes.
    pub index: usize,
    /// Character range of the word in the text.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The words of a text a person can pick with the keyboard. A word is a run of
/// non-space characters with punctuation trimmed from its ends, so "live," is picked as
/// "live" (a passage need not drag a comma along) while "I'm" and "co-production" stay
/// whole. A dash or quote mark standing alone is not a word: nobody wants to pick it.
pub fn words(text: &str) -> Vec<WordPosition> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        if chars[at].is_whitespace() {
            at += 1;
            continue;
        }
        let run_start = at;
        while at < chars.len() && !chars[at].is_whitespace() {
            at += 1;
        }
        let run = &chars[run_start..at];
        let (Some(first), Some(last)) = (
            run.iter().position(|c| c.is_alphanumeric()),
            run.iter().rposition(|c| c.is_alphanumeric()),
        ) else {
            continue;
        };
        found.push(WordPosition {
            index: found.len() + 1,
            start: run_start + first,
            end: run_start + last + 1,
            text: run[first..=last].iter().collect(),
        });
    }
    found
}

/// The passage from word number `first` to word number `last` (both counted from 1 and
/// both included), as a person picked them from the list of `words`.
pub fn passage_from_words(text: &str, first: usize, last: usize) -> Result<Passage, Invalid> {
    let words = words(text);
    if words.is_empty() {
        return Err(Invalid::new("This statement has no words to choose from."));
    }
    let count = words.len();
    let pick = |number: usize| {
        number
            .checked_sub(1)
            .and_then(|i| words.get(i))
            .ok_or_else(|| Invalid::new(format!("Choose words numbered from 1 to {count}.")))
    };
    let (first_word, last_word) = (pick(first)?, pick(last)?);
    if last < first {
        return Err(Invalid::new(
            "The passage must end at or after the word it starts at.",
        ));
    }
    let quote = char_slice(text, first_word.start, last_word.end)
        .ok_or_else(|| Invalid::new(MISMATCH))?
        .to_owned();
    Ok(Passage {
        start: first_word.start,
        end: last_word.end,
        quote,
    })
}

const MISMATCH: &str = "The passage you chose does not match the statement's text. \
It may have changed: choose the words again.";

/// Check a passage sent back by a form (range plus the text the person saw) against
/// the statement's text. A range that does not fit, or no longer holds the quoted words,
/// most likely means the statement changed while the person was reading it.
pub fn checked_passage(
    text: &str,
    start: usize,
    end: usize,
    quote: &str,
) -> Result<Passage, Invalid> {
    if start >= end {
        return Err(Invalid::new(
            "The passage is empty: choose at least one word.",
        ));
    }
    let found = char_slice(text, start, end).ok_or_else(|| Invalid::new(MISMATCH))?;
    if found != quote {
        return Err(Invalid::new(MISMATCH));
    }
    if !found.chars().any(char::is_alphanumeric) {
        return Err(Invalid::new(
            "The passage is empty: choose at least one word.",
        ));
    }
    Ok(Passage {
        start,
        end,
        quote: quote.to_owned(),
    })
}

/// The text between two character offsets, or `None` if the range does not fit.
pub(crate) fn char_slice(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let from = byte_offset(text, start)?;
    let to = byte_offset(text, end)?;
    text.get(from..to)
}

/// The byte offset of a character offset; the text's length counts as in range.
fn byte_offset(text: &str, chars: usize) -> Option<usize> {
    text.char_indices()
        .map(|(at, _)| at)
        .chain(std::iter::once(text.len()))
        .nth(chars)
}

/// A piece of the text to render, with the ids of every passage that covers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub text: String,
    /// Ids of the passages covering this piece, in the order they were given. Empty for
    /// text no passage covers.
    pub marks: Vec<usize>,
}

/// Split a text at every passage boundary, so overlapping passages can be drawn as
/// nested marks, or as one mark naming several comments. Passages whose range does not
/// fit the text (or is empty) are left out rather than drawn in the wrong place: callers
/// should `relocate` passages from older revisions first.
pub fn highlight(text: &str, passages: &[(usize, Passage)]) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let fitting: Vec<&(usize, Passage)> = passages
        .iter()
        .filter(|(_, p)| p.start < p.end && p.end <= chars.len())
        .collect();
    let mut cuts: Vec<usize> = vec![0, chars.len()];
    for (_, passage) in &fitting {
        cuts.push(passage.start);
        cuts.push(passage.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut segments: Vec<Segment> = Vec::new();
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let marks: Vec<usize> = fitting
            .iter()
            .filter(|(_, p)| p.start <= from && to <= p.end)
            .map(|(id, _)| *id)
            .collect();
        let piece: String = chars[from..to].iter().collect();
        match segments.last_mut() {
            Some(last) if last.marks == marks => last.text.push_str(&piece),
            _ => segments.push(Segment { text: piece, marks }),
        }
    }
    segments
}

#[cfg(test)]
mod tests;
