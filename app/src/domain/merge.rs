//! Three-way merge of statement texts, so a redraft saved against an older revision is
//! never a silent overwrite: the editor gets both sets of changes combined, with any
//! clash written out in plain words to fix by hand.
//!
//! "Theirs" is the revision someone else saved meanwhile; "ours" is the redraft being
//! saved now ("your version" to the editor reading it).

use super::diff::tokens::tokenize;
use serde::{Deserialize, Serialize};
use similar::{MergeResolution, TextMerge};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Merged {
    /// Both sets of changes combined with no clash.
    Clean(String),
    /// `conflicts` places where both changed the same words differently, each written
    /// as `[[their version: … | your version: …]]`.
    Conflicted { text: String, conflicts: usize },
}

const CONFLICT_START: &str = "[[their version: ";
const CONFLICT_MIDDLE: &str = " | your version: ";
const CONFLICT_END: &str = "]]";
/// Stands in for a side that deleted the words, so the conflict still reads as a choice.
const NOTHING: &str = "(removed)";

/// Merge at the level of words. Statements are single paragraphs, so merging lines (as
/// similar's `TextMerge` does) would make any two edits clash. We give `TextMerge` one
/// word token per line instead: each token is replaced by a number that stands for its
/// text, one number per line. similar then finds the regions each side changed, and we
/// turn the regions back into words.
pub fn three_way(base: &str, ours: &str, theirs: &str) -> Merged {
    // The common cases, without any work.
    if ours == theirs || theirs == base {
        return Merged::Clean(ours.to_owned());
    }
    if ours == base {
        return Merged::Clean(theirs.to_owned());
    }

    let (base, ours, theirs) = (tokenize(base), tokenize(ours), tokenize(theirs));
    let mut numbers: HashMap<&str, usize> = HashMap::new();
    let base_lines = as_lines(&base, &mut numbers);
    let ours_lines = as_lines(&ours, &mut numbers);
    let theirs_lines = as_lines(&theirs, &mut numbers);
    let merge = TextMerge::from_lines(
        base_lines.as_str(),
        ours_lines.as_str(),
        theirs_lines.as_str(),
    );

    let mut text = String::new();
    let mut conflicts = 0;
    for region in merge.regions() {
        let ours_words = &ours[region.ours_range()];
        let theirs_words = &theirs[region.theirs_range()];
        match region.resolution() {
            MergeResolution::Unchanged | MergeResolution::Ours | MergeResolution::Both => {
                text.push_str(&ours_words.concat());
            }
            MergeResolution::Theirs => text.push_str(&theirs_words.concat()),
            // Conflicts, and anything a later similar adds: never pick a side silently.
            _ => {
                conflicts += 1;
                write_conflict(&mut text, theirs_words, ours_words);
            }
        }
    }
    if conflicts == 0 {
        Merged::Clean(text)
    } else {
        Merged::Conflicted { text, conflicts }
    }
}

/// One line per token: the number standing for the token's text.
fn as_lines<'a>(tokens: &[&'a str], numbers: &mut HashMap<&'a str, usize>) -> String {
    let mut lines = String::new();
    for token in tokens {
        let next = numbers.len();
        let number = *numbers.entry(*token).or_insert(next);
        lines.push_str(&number.to_string());
        lines.push('\n');
    }
    lines
}

/// Write a clash, leaving the words both sides agree on at its edges outside the
/// brackets, so only what really differs is in them. Space at the edges of either side
/// is kept outside too, so the words around the brackets do not run together.
fn write_conflict(text: &mut String, theirs: &[&str], ours: &[&str]) {
    let same_start = theirs.iter().zip(ours).take_while(|(t, o)| t == o).count();
    let same_end = theirs[same_start..]
        .iter()
        .rev()
        .zip(ours[same_start..].iter().rev())
        .take_while(|(t, o)| t == o)
        .count();
    let theirs_rest = theirs[same_start..theirs.len() - same_end].concat();
    let ours_rest = ours[same_start..ours.len() - same_end].concat();
    let edge = |space_of: fn(&str) -> &str| {
        [ours_rest.as_str(), theirs_rest.as_str()]
            .into_iter()
            .filter(|rest| !rest.trim().is_empty())
            .map(space_of)
            .find(|space| !space.is_empty())
            .unwrap_or_default()
            .to_owned()
    };
    let (before, after) = (edge(leading_space), edge(trailing_space));
    let shown = |rest: &str| match rest.trim() {
        "" => NOTHING.to_owned(),
        words => words.to_owned(),
    };

    text.push_str(&ours[..same_start].concat());
    text.push_str(&before);
    text.push_str(CONFLICT_START);
    text.push_str(&shown(&theirs_rest));
    text.push_str(CONFLICT_MIDDLE);
    text.push_str(&shown(&ours_rest));
    text.push_str(CONFLICT_END);
    text.push_str(&after);
    text.push_str(&ours[ours.len() - same_end..].concat());
}

fn leading_space(text: &str) -> &str {
    &text[..text.len() - text.trim_start().len()]
}

fn trailing_space(text: &str) -> &str {
    &text[text.trim_end().len()..]
}

/// Whether a text still holds a clash written by `three_way`, so saving can be refused
/// until the editor has chosen.
pub fn has_conflict_markers(text: &str) -> bool {
    text.contains(CONFLICT_START.trim_end()) && text.contains(CONFLICT_END)
}

#[cfg(test)]
mod tests;
