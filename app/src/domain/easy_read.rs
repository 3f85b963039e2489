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
