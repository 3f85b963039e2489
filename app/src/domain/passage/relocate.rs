//! Finding a quoted passage again after the statement was redrafted.
//!
//! The rule is "never attach a comment to the wrong words". We map the passage through
//! a word diff of the old and new text: if every token of the passage came through
//! unchanged, the passage is where the diff puts it. If not, it was edited or moved: we
//! look for the quoted words only in newly written text (a moved sentence), nearest to
//! where they used to be, and never in text that was already there, since that is some
//! other occurrence of the same words. Otherwise it has changed.

use super::{Passage, char_slice, checked_passage};
use crate::domain::diff::tokens::{DIFF_BUDGET, char_starts, deadline_after, diff_tokens};
use serde::{Deserialize, Serialize};
use similar::DiffTag;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Located {
    /// Same words at the same offsets.
    Unchanged(Passage),
    /// Same words, at new offsets.
    Moved(Passage),
    /// The quoted words are no longer in the text as they were: say "the passage it
    /// refers to has changed" rather than guess.
    Changed,
}

pub fn relocate(old_text: &str, passage: &Passage, new_text: &str) -> Located {
    // A passage that does not fit its own revision cannot be mapped with any confidence.
    let Ok(passage) = checked_passage(old_text, passage.start, passage.end, &passage.quote) else {
        return Located::Changed;
    };
    if old_text == new_text {
        return Located::Unchanged(passage);
    }
    let diff = diff_tokens(old_text, new_text, deadline_after(DIFF_BUDGET));
    let old_starts = char_starts(&diff.old);
    let new_starts = char_starts(&diff.new);

    let mut new_of_old = vec![None; diff.old.len()];
    let mut old_of_new = vec![None; diff.new.len()];
    for op in diff.ops.iter().filter(|op| op.tag() == DiffTag::Equal) {
        for (old, new) in op.old_range().zip(op.new_range()) {
            new_of_old[old] = Some(new);
            old_of_new[new] = Some(old);
        }
    }
    // Tokens are never empty, so `old_starts` rises strictly and the token holding
    // character `c` is the last one starting at or before it.
    let token_at = |c: usize| old_starts.partition_point(|&s| s <= c).saturating_sub(1);
    let (first, last) = (token_at(passage.start), token_at(passage.end - 1));
    let is_word = |token: &str| token.chars().any(char::is_alphanumeric);
    let all_words_kept = (first..=last)
        .filter(|&i| is_word(diff.old[i]))
        .all(|i| new_of_old[i].is_some());

    let place = |start: usize, end: usize| Passage {
        start,
        end,
        quote: passage.quote.clone(),
    };
    let located = |found: Passage| {
        if found.start == passage.start && found.end == passage.end {
            Located::Unchanged(found)
        } else {
            Located::Moved(found)
        }
    };

    if diff.approximate {
        // The diff may be a rough one, so do not trust its mapping: accept only the case
        // that cannot be wrong, one occurrence before and one after.
        let before = occurrences(old_text, &passage.quote);
        let after = occurrences(new_text, &passage.quote);
        return match (before.as_slice(), after.as_slice()) {
            ([_], [start]) => located(place(*start, start + (passage.end - passage.start))),
            _ => Located::Changed,
        };
    }

    if all_words_kept {
        // Every word came through. Map the ends; if anything was inserted inside the
        // passage or its punctuation changed, the text there no longer matches.
        let (Some(new_first), Some(new_last)) = (new_of_old[first], new_of_old[last]) else {
            return Located::Changed;
        };
        let start = new_starts[new_first] + (passage.start - old_starts[first]);
        let end = new_starts[new_last] + (passage.end - old_starts[last]);
        return match char_slice(new_text, start, end) {
            Some(found) if found == passage.quote => located(place(start, end)),
            _ => Located::Changed,
        };
    }
    // Some of its words left this place: it was edited, or moved (a moved sentence
    // often leaves a stray "I" or "the" matched behind). The quoted words count as
    // found again only where they were newly written, never where the diff says the
    // text was there before (that is other words, however alike), and nearest to where
    // the passage would have been.
    let near = mapped_position(&diff.ops, first, &new_starts);
    let length = passage.end - passage.start;
    let new_token_at = |c: usize| new_starts.partition_point(|&s| s <= c).saturating_sub(1);
    occurrences(new_text, &passage.quote)
        .into_iter()
        .filter(|&start| {
            (new_token_at(start)..=new_token_at(start + length - 1))
                .all(|i| !is_word(diff.new[i]) || old_of_new[i].is_none())
        })
        .min_by_key(|&start| start.abs_diff(near))
        .map_or(Located::Changed, |start| {
            located(place(start, start + length))
        })
}

/// Where old token `token` would be in the new text: its own place if unchanged, or
/// the start of whatever replaced it.
fn mapped_position(ops: &[similar::DiffOp], token: usize, new_starts: &[usize]) -> usize {
    ops.iter()
        .find(|op| op.old_range().contains(&token))
        .map(|op| {
            let new_token =
                op.new_range().start + (token - op.old_range().start).min(op.new_range().len());
            new_starts.get(new_token).copied().unwrap_or_default()
        })
        .unwrap_or_default()
}

/// Character offsets where `quote` occurs in `text` as whole words (not "live" inside
/// "delivered"), overlapping occurrences included.
fn occurrences(text: &str, quote: &str) -> Vec<usize> {
    let starts_word = quote.chars().next().is_some_and(char::is_alphanumeric);
    let ends_word = quote.chars().next_back().is_some_and(char::is_alphanumeric);
    let mut found = Vec::new();
    if quote.is_empty() {
        return found;
    }
    let mut previous: Option<char> = None;
    for (chars_before, (at, c)) in text.char_indices().enumerate() {
        if text[at..].starts_with(quote) {
            let after = text[at + quote.len()..].chars().next();
            let clear_before = !starts_word || !previous.is_some_and(char::is_alphanumeric);
            let clear_after = !ends_word || !after.is_some_and(char::is_alphanumeric);
            if clear_before && clear_after {
                found.push(chars_before);
            }
        }
        previous = Some(c);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_are_whole_words_in_characters() {
        assert_eq!(
            occurrences("Siân lives; I live, I delivered, live", "live"),
            vec![14, 33]
        );
    }
}
