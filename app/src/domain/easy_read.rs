//! Easy read twins: a statement's easy read text is a second line of drafts beside its
//! main text. Each main draft records which easy read draft goes with it, so the twin
//! can be seen to be in step, out of step ("needs updating"), or not written yet.

use serde::{Deserialize, Serialize};

/// Which of a statement's two texts a draft (and a comment on it) belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum TextKind {
    /// The main text in standard English.
    #[default]
    Standard,
    /// Short sentences, one idea each, with an optional picture.
    EasyRead,
}

impl TextKind {
    pub const ALL: [TextKind; 2] = [Self::Standard, Self::EasyRead];

    /// The stored spelling, also used in URLs and forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::EasyRead => "easy_read",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Standard => "Standard",
            Self::EasyRead => "Easy read",
        }
    }

    /// Reads a form or query value; anything unknown is the standard text, which every
    /// statement has.
    pub fn from_query(raw: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == raw || (*k == Self::EasyRead && raw == "easy-read"))
            .unwrap_or_default()
    }
}

/// Whether a statement's easy read text goes with its current main text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TwinState {
    /// No easy read text has been written for this statement.
    Missing,
    /// The current main draft records the current easy read draft as its twin.
    InStep,
    /// The main text changed after the easy read text was last written or confirmed.
    NeedsUpdating,
}

impl TwinState {
    /// `latest_easy_read`: the statement's newest easy read draft, if any.
    /// `paired_with`: the easy read draft the statement's newest main draft records.
    pub fn of(latest_easy_read: Option<i64>, paired_with: Option<i64>) -> Self {
        match latest_easy_read {
            None => Self::Missing,
            Some(latest) if paired_with == Some(latest) => Self::InStep,
            Some(_) => Self::NeedsUpdating,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Missing => "No easy read version yet",
            Self::InStep => "Easy read version up to date",
            Self::NeedsUpdating => "Easy read version needs updating",
        }
    }

    /// Whether publishing should warn about (or, if the framework requires twins,
    /// refuse) this statement.
    pub fn out_of_step(self) -> bool {
        self != Self::InStep
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_without_an_easy_read_text_is_missing_one() {
        assert_eq!(TwinState::of(None, None), TwinState::Missing);
        assert!(TwinState::Missing.out_of_step());
    }

    #[test]
    fn the_twin_is_in_step_when_the_main_draft_records_the_newest_easy_read_draft() {
        assert_eq!(TwinState::of(Some(7), Some(7)), TwinState::InStep);
        assert!(!TwinState::InStep.out_of_step());
    }

    #[test]
    fn a_new_main_draft_or_a_newer_easy_read_draft_puts_the_twin_out_of_step() {
        assert_eq!(TwinState::of(Some(7), None), TwinState::NeedsUpdating);
        assert_eq!(TwinState::of(Some(9), Some(7)), TwinState::NeedsUpdating);
    }

    #[test]
    fn the_reading_choice_in_a_link_is_understood_either_way_it_is_spelt() {
        assert_eq!(TextKind::from_query("easy-read"), TextKind::EasyRead);
        assert_eq!(TextKind::from_query("easy_read"), TextKind::EasyRead);
        assert_eq!(TextKind::from_query("standard"), TextKind::Standard);
        assert_eq!(TextKind::from_query("<script>"), TextKind::Standard);
    }
}

/// The longest easy read text we keep: several short sentences, not a document.
pub const EASY_READ_MAX_CHARS: usize = 1_000;
/// At most this many lines (easy read puts each sentence on a line of its own).
pub const EASY_READ_MAX_LINES: usize = 12;
/// Alt text says what the picture shows in a sentence, not a story.
pub const PICTURE_ALT_MAX_CHARS: usize = 250;

/// The easy read text as typed: short sentences, usually one to a line. Line breaks are
/// kept (each line is trimmed and its inner spaces tidied, blank lines dropped), so the
/// text reads line by line as it was written. Its length and number of lines are
/// bounded; how plain it is, is advice from the checker, never a refusal.
pub fn easy_read_text(raw: &str) -> Result<String, crate::domain::Invalid> {
    use crate::domain::{Invalid, tidy_whitespace};
    let lines: Vec<String> = raw
        .lines()
        .map(tidy_whitespace)
        .filter(|line| !line.is_empty())
        .collect();
    if lines.is_empty() {
        return Err(Invalid::new("Enter the easy read text"));
    }
    if lines.len() > EASY_READ_MAX_LINES {
        return Err(Invalid::new(format!(
            "The easy read text must have {EASY_READ_MAX_LINES} lines or fewer. It has {}: try fewer, shorter sentences",
            lines.len()
        )));
    }
    let text = lines.join("\n");
    let length = text.chars().count();
    if length > EASY_READ_MAX_CHARS {
        return Err(Invalid::new(format!(
            "The easy read text must be {EASY_READ_MAX_CHARS} characters or fewer. It has {length}"
        )));
    }
    Ok(text)
}

/// A picture's alt text: what it shows, for people who cannot see it. Required whenever
/// there is a picture.
pub fn picture_alt(raw: &str) -> Result<String, crate::domain::Invalid> {
    use crate::domain::{Invalid, tidy_whitespace};
    let alt = tidy_whitespace(raw);
    if alt.is_empty() {
        return Err(Invalid::new(
            "Describe what the picture shows, for people who cannot see it",
        ));
    }
    if alt.chars().count() > PICTURE_ALT_MAX_CHARS {
        return Err(Invalid::new(format!(
            "The description of the picture must be {PICTURE_ALT_MAX_CHARS} characters or fewer"
        )));
    }
    Ok(alt)
}

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn easy_read_text_keeps_one_sentence_to_a_line_and_tidies_each_line() {
        assert_eq!(
            easy_read_text("  I choose  where I live.\r\n\r\n\tI choose who I live with. \n")
                .unwrap(),
            "I choose where I live.\nI choose who I live with."
        );
    }

    #[test]
    fn empty_too_long_or_too_many_lines_of_easy_read_text_is_refused_in_words() {
        assert_eq!(
            easy_read_text(" \n ").unwrap_err().0,
            "Enter the easy read text"
        );
        let long = "word ".repeat(300);
        assert!(
            easy_read_text(&long)
                .unwrap_err()
                .0
                .contains("1000 characters or fewer")
        );
        let many = "I choose.\n".repeat(13);
        assert!(
            easy_read_text(&many)
                .unwrap_err()
                .0
                .contains("12 lines or fewer")
        );
        assert!(easy_read_text(&"I choose.\n".repeat(12)).is_ok());
    }

    #[test]
    fn a_picture_needs_a_description_of_sensible_length() {
        assert!(
            picture_alt("  ")
                .unwrap_err()
                .0
                .starts_with("Describe what the picture shows")
        );
        assert_eq!(picture_alt(" A  house ").unwrap(), "A house");
        assert!(picture_alt(&"a".repeat(251)).is_err());
    }
}
