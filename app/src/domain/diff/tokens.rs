//! Word tokens and a time-bounded token diff, shared by the diff, passage and merge code.

use similar::{
    DiffOp, DiffableStr,
    algorithms::{Capture, Compact, Replace, myers},
};
use std::{
    hash::Hash,
    time::{Duration, Instant},
};

/// How long one word diff may take before similar gives up and approximates. Statements
/// are a sentence or two, which diff in microseconds; the budget only matters for hostile
/// or pasted-in huge texts, and keeps a page render from stalling on them.
pub(crate) const DIFF_BUDGET: Duration = Duration::from_millis(50);

/// Split text into Unicode words, keeping every run of whitespace and every punctuation
/// mark as its own token. Concatenating the tokens gives back the text exactly, so a
/// diff of tokens can always be rendered as the original texts.
pub(crate) fn tokenize(text: &str) -> Vec<&str> {
    DiffableStr::tokenize_unicode_words(text)
}

/// Myers' diff of two slices as grouped operations, what `similar::capture_diff_slices`
/// gives, but naming the algorithm at compile time: choosing it at run time (an
/// `Algorithm` value) links all three of similar's algorithms into the browser's wasm.
pub(crate) fn myers_ops<T: Hash + Eq>(
    old: &[T],
    new: &[T],
    deadline: Option<Instant>,
) -> Vec<DiffOp> {
    let mut hook = Compact::new(Replace::new(Capture::new()), old, new);
    // Capturing cannot fail: its error type is uninhabited.
    let Ok(()) = myers::diff_deadline(&mut hook, old, 0..old.len(), new, 0..new.len(), deadline);
    hook.into_inner().into_inner().into_ops()
}

/// The moment a diff must stop by, or `None` for "no deadline".
///
/// On wasm32 we never set a deadline: `std::time::Instant::now()` panics there, and
/// similar's `wasm32_web_time` feature would swap its public `Instant` type for the whole
/// workspace and add `web-time` to the wasm we ship to phones. In the browser we only diff
/// the statement an editor is typing (a live preview), which is short, and similar 3.2's
/// Myers is itself bounded, so the deadline buys nothing there. The server, which diffs
/// stored history, keeps the deadline.
pub(crate) fn deadline_after(budget: Duration) -> Option<Instant> {
    if cfg!(target_arch = "wasm32") {
        None
    } else {
        Instant::now().checked_add(budget)
    }
}

/// Whether a deadline has passed. Never reads the clock when there is no deadline, so it
/// is safe on wasm32.
pub(crate) fn has_passed(deadline: Option<Instant>) -> bool {
    deadline.is_some_and(|deadline| Instant::now() > deadline)
}

/// The word diff of two texts, as similar's operations over their tokens.
pub(crate) struct TokenDiff<'a> {
    pub old: Vec<&'a str>,
    pub new: Vec<&'a str>,
    pub ops: Vec<DiffOp>,
    /// The deadline passed, so similar may have given up and reported a larger change
    /// than there really is.
    pub approximate: bool,
}

pub(crate) fn diff_tokens<'a>(
    old: &'a str,
    new: &'a str,
    deadline: Option<Instant>,
) -> TokenDiff<'a> {
    let old = tokenize(old);
    let new = tokenize(new);
    let ops = myers_ops(&old, &new, deadline);
    TokenDiff {
        approximate: has_passed(deadline),
        old,
        new,
        ops,
    }
}

/// The character offset at which each token starts, plus one final entry for the end of
/// the text, so token `i` covers `starts[i]..starts[i + 1]`.
pub(crate) fn char_starts(tokens: &[&str]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(tokens.len() + 1);
    let mut at = 0;
    starts.push(at);
    for token in tokens {
        at += token.chars().count();
        starts.push(at);
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_words_whitespace_and_punctuation_apart() {
        assert_eq!(
            tokenize("I'm choosing, freely."),
            vec!["I'm", " ", "choosing", ",", " ", "freely", "."]
        );
    }

    #[test]
    fn tokens_join_back_into_the_text() {
        let text = "Co-production:  people\twith lived experience (and carers) — together!";
        assert_eq!(tokenize(text).concat(), text);
    }

    #[test]
    fn char_starts_count_characters_not_bytes() {
        assert_eq!(char_starts(&["Siân", " ", "é"]), vec![0, 4, 5, 6]);
    }

    #[test]
    fn no_deadline_never_passes() {
        assert!(!has_passed(None));
    }
}
