//! Word-level differences between two versions of a statement: for the redraft preview,
//! the history page (inline and side by side) and a plain list of changes for screen
//! readers.
//!
//! Texts are split into Unicode words with whitespace and punctuation as their own
//! tokens, so "choose" → "decide" is one word replaced and a changed comma is just the
//! comma. Every diff is bounded in time; if the bound is hit we fall back to comparing
//! sentences first, so a small edit to a long text never shows as "everything changed".

mod hierarchical;
pub(crate) mod tokens;

use serde::{Deserialize, Serialize};
use similar::DiffTag;
use std::time::Duration;
use tokens::{DIFF_BUDGET, TokenDiff, deadline_after, diff_tokens};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeKind {
    Equal,
    Added,
    Removed,
}

/// A stretch of text that is the same in both versions, or only in one of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffSpan {
    pub kind: ChangeKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordDiff {
    /// In reading order. Joining the `Equal` and `Removed` spans gives the old text
    /// exactly; joining the `Equal` and `Added` spans gives the new text exactly.
    pub spans: Vec<DiffSpan>,
    /// The texts were too large or too different to compare word by word in time, so
    /// parts were compared sentence by sentence: some unchanged words may be shown as
    /// changed. Worth saying so on the page.
    pub coarse: bool,
}

/// Compare two versions of a text word by word, in bounded time.
pub fn word_diff(old: &str, new: &str) -> WordDiff {
    word_diff_within(old, new, DIFF_BUDGET, DIFF_BUDGET)
}

/// `word_diff` with the time budgets as parameters, so tests can force the fallback.
fn word_diff_within(
    old: &str,
    new: &str,
    word_budget: Duration,
    fallback_budget: Duration,
) -> WordDiff {
    if old == new {
        // Also keeps unchanged revisions (the common case on a history page) free.
        let mut spans = Vec::new();
        push_span(&mut spans, ChangeKind::Equal, old);
        return WordDiff {
            spans,
            coarse: false,
        };
    }
    let fine = diff_tokens(old, new, deadline_after(word_budget));
    let fine_spans = spans_from_tokens(&fine);
    if !fine.approximate {
        return WordDiff {
            spans: tidy(fine_spans),
            coarse: false,
        };
    }
    // When similar runs out of time it may report "remove everything, add everything".
    // Rather than guess whether it did, compute the cheap sentence-first diff and keep
    // whichever result finds more text unchanged.
    let fallback = hierarchical::diff(old, new, deadline_after(fallback_budget));
    let spans = if share_equal(&fallback) >= share_equal(&fine_spans) {
        fallback
    } else {
        fine_spans
    };
    WordDiff {
        spans: tidy(spans),
        coarse: true,
    }
}

/// Append text to the spans, joining it to the last span when that is of the same kind.
pub(crate) fn push_span(spans: &mut Vec<DiffSpan>, kind: ChangeKind, text: &str) {
    if text.is_empty() {
        return;
    }
    match spans.last_mut() {
        Some(last) if last.kind == kind => last.text.push_str(text),
        _ => spans.push(DiffSpan {
            kind,
            text: text.to_owned(),
        }),
    }
}

fn spans_from_tokens(diff: &TokenDiff<'_>) -> Vec<DiffSpan> {
    let mut spans = Vec::new();
    for op in &diff.ops {
        let old = diff.old[op.old_range()].concat();
        let new = diff.new[op.new_range()].concat();
        match op.tag() {
            DiffTag::Equal => push_span(&mut spans, ChangeKind::Equal, &old),
            DiffTag::Delete => push_span(&mut spans, ChangeKind::Removed, &old),
            DiffTag::Insert => push_span(&mut spans, ChangeKind::Added, &new),
            DiffTag::Replace => {
                push_span(&mut spans, ChangeKind::Removed, &old);
                push_span(&mut spans, ChangeKind::Added, &new);
            }
        }
    }
    spans
}

/// A run of spans as either unchanged text or one change (what was there, what is now).
enum Piece {
    Same(String),
    Change { removed: String, added: String },
}

impl Piece {
    fn is_replacement(&self) -> bool {
        matches!(self, Piece::Change { removed, added } if !removed.is_empty() && !added.is_empty())
    }
}

fn pieces(spans: &[DiffSpan]) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    for span in spans {
        match (span.kind, pieces.last_mut()) {
            (ChangeKind::Equal, _) => pieces.push(Piece::Same(span.text.clone())),
            (ChangeKind::Removed, Some(Piece::Change { removed, .. })) => {
                removed.push_str(&span.text)
            }
            (ChangeKind::Added, Some(Piece::Change { added, .. })) => added.push_str(&span.text),
            (ChangeKind::Removed, _) => pieces.push(Piece::Change {
                removed: span.text.clone(),
                added: String::new(),
            }),
            (ChangeKind::Added, _) => pieces.push(Piece::Change {
                removed: String::new(),
                added: span.text.clone(),
            }),
        }
    }
    pieces
}

/// Join changes separated only by whitespace into one change, when `joinable` says so.
/// The whitespace goes on both sides, so each side still joins back into its text.
fn join_across_spaces(pieces: Vec<Piece>, joinable: fn(&Piece) -> bool) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut iter = pieces.into_iter().peekable();
    while let Some(piece) = iter.next() {
        let gap_then_change = match (&piece, out.last(), iter.peek()) {
            (Piece::Same(gap), Some(before), Some(after)) => {
                gap.trim().is_empty() && joinable(before) && joinable(after)
            }
            _ => false,
        };
        if gap_then_change {
            if let (
                Piece::Same(gap),
                Some(Piece::Change { removed, added }),
                Some(Piece::Change {
                    removed: r2,
                    added: a2,
                }),
            ) = (piece, out.last_mut(), iter.next())
            {
                removed.push_str(&gap);
                removed.push_str(&r2);
                added.push_str(&gap);
                added.push_str(&a2);
            }
        } else {
            out.push(piece);
        }
    }
    out
}

/// Make a diff read the way a person would describe it: "choose where" replaced by
/// "decide how" rather than two replacements with an unchanged space between, and the
/// removed text of each change before the added text.
fn tidy(spans: Vec<DiffSpan>) -> Vec<DiffSpan> {
    let mut out = Vec::new();
    for piece in join_across_spaces(pieces(&spans), Piece::is_replacement) {
        match piece {
            Piece::Same(text) => push_span(&mut out, ChangeKind::Equal, &text),
            Piece::Change { removed, added } => {
                push_span(&mut out, ChangeKind::Removed, &removed);
                push_span(&mut out, ChangeKind::Added, &added);
            }
        }
    }
    out
}

fn one_side(diff: &WordDiff, shown: ChangeKind) -> Vec<DiffSpan> {
    let mut spans = Vec::new();
    for span in diff
        .spans
        .iter()
        .filter(|s| s.kind == ChangeKind::Equal || s.kind == shown)
    {
        push_span(&mut spans, span.kind, &span.text);
    }
    spans
}

/// The old version for a side-by-side view: unchanged and removed text.
pub fn old_side(diff: &WordDiff) -> Vec<DiffSpan> {
    one_side(diff, ChangeKind::Removed)
}

/// The new version for a side-by-side view: unchanged and added text.
pub fn new_side(diff: &WordDiff) -> Vec<DiffSpan> {
    one_side(diff, ChangeKind::Added)
}

/// One change in words, for the list-of-changes view that screen reader users (and
/// anyone else) can read without colour or strike-through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Replaced { old: String, new: String },
    Added { text: String },
    Removed { text: String },
}

impl Change {
    pub fn describe(&self) -> String {
        match self {
            Change::Replaced { old, new } => format!("'{old}' replaced by '{new}'"),
            Change::Added { text } => format!("added '{text}'"),
            Change::Removed { text } => format!("removed '{text}'"),
        }
    }
}

/// The changes in reading order. Changes separated only by spaces are one change (so a
/// removal followed by an addition is a replacement), and changes to spacing alone are
/// left out: they cannot be heard or seen in the text and would only be noise.
pub fn list_changes(diff: &WordDiff) -> Vec<Change> {
    join_across_spaces(pieces(&diff.spans), |p| matches!(p, Piece::Change { .. }))
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Same(_) => None,
            Piece::Change { removed, added } => match (removed.trim(), added.trim()) {
                ("", "") => None,
                ("", new) => Some(Change::Added {
                    text: new.to_owned(),
                }),
                (old, "") => Some(Change::Removed {
                    text: old.to_owned(),
                }),
                (old, new) => Some(Change::Replaced {
                    old: old.to_owned(),
                    new: new.to_owned(),
                }),
            },
        })
        .collect()
}

pub fn is_unchanged(diff: &WordDiff) -> bool {
    diff.spans.iter().all(|s| s.kind == ChangeKind::Equal)
}

/// The share of the two texts that is unchanged, from 0 (nothing in common) to 1
/// (identical), counted in characters.
pub fn similarity(diff: &WordDiff) -> f32 {
    share_equal(&diff.spans)
}

fn share_equal(spans: &[DiffSpan]) -> f32 {
    let (mut equal, mut total) = (0usize, 0usize);
    for span in spans {
        let chars = span.text.chars().count();
        match span.kind {
            // Counted once for each text it is in.
            ChangeKind::Equal => {
                equal += 2 * chars;
                total += 2 * chars;
            }
            ChangeKind::Added | ChangeKind::Removed => total += chars,
        }
    }
    if total == 0 {
        1.0
    } else {
        equal as f32 / total as f32
    }
}

#[cfg(test)]
mod tests;
