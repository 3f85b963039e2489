//! "Why does it say this?": which revision of a statement introduced each of the words a
//! published statement now has.
//!
//! We walk the history oldest first. The first revision's words belong to it; at each
//! later revision we word-diff the previous text against the new one (the same diff as the
//! history page, so a trace never disagrees with what readers see there) and words kept
//! from the previous revision keep their origin while added words get the new revision.
//!
//! Origins are tracked per character rather than per token, because the diff's fallback
//! for very long texts compares sentences first and its spans need not fall on the word
//! boundaries of either text. Characters never get lost or duplicated on the way: the
//! last revision's text is rebuilt exactly from the spans.
//!
//! Whitespace is not anything anyone wrote, so two small rules stop it being credited to
//! the wrong revision:
//! - whitespace a revision added takes the origin of the text right after it (it belongs
//!   to the following span), unless it ends the text; whitespace kept from the previous
//!   revision keeps its origin. So "I live" → "I really live" gives "I", " really", " live"
//!   or "I ", "really", " live" depending on how the diff lines up the spaces — either way
//!   only "really" is new — and a spacing-only edit ("a  b" → "a b") credits no one.
//! - a run of whitespace between two pieces of text from the same revision takes that
//!   revision, so spacing never splits one phrase into two spans.
//!
//! When the word diff runs out of time (only for huge, very different texts) some kept
//! words can be shown as changed, as on the history page; here that means they are
//! credited to the later revision.

use super::diff::{ChangeKind, word_diff};
use serde::{Deserialize, Serialize};

/// A stretch of the latest text and the revision whose edit put it there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TracedSpan {
    pub text: String,
    pub revision_id: i64,
}

/// A history traced once: the last revision's spans ([`trace_words`]) and what each
/// later revision introduced ([`introduced_by`]). The trace page shows both; working
/// them out from one walk diffs each pair of drafts once, not twice (the busiest
/// statements have 30 drafts).
#[derive(Debug, Clone, PartialEq)]
pub struct Traced {
    pub spans: Vec<TracedSpan>,
    pub introduced: Vec<(i64, Vec<String>)>,
}

/// Both halves of the trace of `revisions` (`(id, text)`, oldest first).
pub fn trace(revisions: &[(i64, &str)]) -> Traced {
    let runs = traced_by_index(revisions);
    Traced {
        spans: spans_of(revisions, &runs),
        introduced: introduced_of(revisions, &runs),
    }
}

/// The last revision's text as maximal spans, each labelled with the revision that
/// introduced it. `revisions` are `(id, text)`, oldest first. Joining the spans' text
/// gives the last revision's text exactly; no input gives no spans.
pub fn trace_words(revisions: &[(i64, &str)]) -> Vec<TracedSpan> {
    spans_of(revisions, &traced_by_index(revisions))
}

/// For each revision after the first, in order, the pieces of text it introduced that are
/// still in the last revision, in reading order and without surrounding spaces. A
/// revision whose additions were all later changed again has an empty list, so a reader
/// can still see that it happened. This is the list the "why does it say this?" page
/// shows without JavaScript.
pub fn introduced_by(revisions: &[(i64, &str)]) -> Vec<(i64, Vec<String>)> {
    introduced_of(revisions, &traced_by_index(revisions))
}

fn spans_of(revisions: &[(i64, &str)], runs: &[(usize, String)]) -> Vec<TracedSpan> {
    let mut spans: Vec<TracedSpan> = Vec::new();
    for (index, text) in runs {
        let revision_id = revisions[*index].0;
        // Two revisions with the same id read as one; keep the spans maximal anyway.
        match spans.last_mut() {
            Some(last) if last.revision_id == revision_id => last.text.push_str(text),
            _ => spans.push(TracedSpan {
                text: text.clone(),
                revision_id,
            }),
        }
    }
    spans
}

fn introduced_of(revisions: &[(i64, &str)], runs: &[(usize, String)]) -> Vec<(i64, Vec<String>)> {
    let mut introduced: Vec<(i64, Vec<String>)> = revisions
        .iter()
        .skip(1)
        .map(|(id, _)| (*id, Vec::new()))
        .collect();
    for (index, text) in runs {
        let piece = text.trim();
        if *index > 0 && !piece.is_empty() {
            introduced[index - 1].1.push(piece.to_owned());
        }
    }
    introduced
}

/// The last text as maximal runs of characters with the same origin, by index into
/// `revisions` (not by id, so repeated ids cannot mix up whose words are whose).
fn traced_by_index(revisions: &[(i64, &str)]) -> Vec<(usize, String)> {
    let Some(((_, first), rest)) = revisions.split_first() else {
        return Vec::new();
    };
    let mut origins = vec![0; first.chars().count()];
    let mut previous = *first;
    for (offset, (_, text)) in rest.iter().enumerate() {
        origins = carry_forward(previous, text, &origins, offset + 1);
        previous = text;
    }
    join_spacing(previous, &mut origins);

    let mut runs: Vec<(usize, String)> = Vec::new();
    for (ch, origin) in previous.chars().zip(origins) {
        match runs.last_mut() {
            Some((last, text)) if *last == origin => text.push(ch),
            _ => runs.push((origin, ch.to_string())),
        }
    }
    runs
}

/// The origin of each character of `new`, given those of `old`: kept characters keep
/// theirs, added ones get `revision`.
fn carry_forward(old: &str, new: &str, old_origins: &[usize], revision: usize) -> Vec<usize> {
    let new_chars: Vec<char> = new.chars().collect();
    let mut origins = Vec::with_capacity(new_chars.len());
    let mut added = Vec::with_capacity(new_chars.len());
    let mut old_at = 0;
    for span in word_diff(old, new).spans {
        let chars = span.text.chars().count();
        match span.kind {
            ChangeKind::Equal => {
                for i in old_at..old_at + chars {
                    // The diff rebuilds both texts exactly, so `i` is always in range;
                    // should that ever break, crediting the new revision loses nothing.
                    origins.push(old_origins.get(i).copied().unwrap_or(revision));
                    added.push(false);
                }
                old_at += chars;
            }
            ChangeKind::Removed => old_at += chars,
            ChangeKind::Added => {
                origins.extend(std::iter::repeat_n(revision, chars));
                added.extend(std::iter::repeat_n(true, chars));
            }
        }
    }
    // Same safety net: never let the origins and the text disagree in length.
    origins.resize(new_chars.len(), revision);
    added.resize(new_chars.len(), true);

    // Added whitespace belongs to whatever follows it; at the very end of the text
    // nothing does, so it stays with this revision.
    let mut following = None;
    for i in (0..new_chars.len()).rev() {
        if !new_chars[i].is_whitespace() {
            following = Some(origins[i]);
        } else if added[i] {
            origins[i] = following.unwrap_or(origins[i]);
        }
    }
    origins
}

/// Give each run of whitespace that sits between text of one origin that origin.
fn join_spacing(text: &str, origins: &mut [usize]) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if start > 0 && i < chars.len() && origins[start - 1] == origins[i] {
            let origin = origins[i];
            origins[start..i].fill(origin);
        }
    }
}

#[cfg(test)]
mod tests;
