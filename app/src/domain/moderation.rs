//! Moderation: a signed-in person reports a comment, and a moderator hides it or takes
//! out chosen words, with a reason from a short list. What the public then reads is
//! worked out here, once, when the moderator acts (see `server::moderation`), and stored
//! beside the original, which the policy team and the author still read.

use super::{Invalid, passage::Passage};
use serde::{Deserialize, Serialize};

/// The longest note a report or a moderator may add, in characters.
pub const NOTE_MAX_CHARS: usize = 1_000;

/// Why someone reported a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportKind {
    PersonalInformation,
    Abusive,
    Spam,
    /// Anything else: the note says what.
    Other,
}

impl ReportKind {
    pub const ALL: [Self; 4] = [
        Self::PersonalInformation,
        Self::Abusive,
        Self::Spam,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::PersonalInformation => "personal_information",
            Self::Abusive => "abusive",
            Self::Spam => "spam",
            Self::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::PersonalInformation => "It shares personal information about someone",
            Self::Abusive => "It is abusive",
            Self::Spam => "It is spam or advertising",
            Self::Other => "Something else (say what in the note)",
        }
    }

    /// Short words for the queue.
    pub fn short(self) -> &'static str {
        match self {
            Self::PersonalInformation => "Personal information",
            Self::Abusive => "Abusive",
            Self::Spam => "Spam",
            Self::Other => "Other",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == raw)
            .ok_or_else(|| Invalid::new("Choose why you are reporting this comment."))
    }
}

/// Why a moderator took words out: the words the public reads in their place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModerationReason {
    PersonalInformation,
    Abusive,
    Spam,
}

impl ModerationReason {
    pub const ALL: [Self; 3] = [Self::PersonalInformation, Self::Abusive, Self::Spam];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::PersonalInformation => "personal_information",
            Self::Abusive => "abusive",
            Self::Spam => "spam",
        }
    }

    /// The reason in plain words, as it appears in "[removed: …]".
    pub fn words(self) -> &'static str {
        match self {
            Self::PersonalInformation => "personal information",
            Self::Abusive => "abusive language",
            Self::Spam => "spam",
        }
    }

    /// The choice on the moderation form.
    pub fn label(self) -> &'static str {
        match self {
            Self::PersonalInformation => {
                "Personal information (shown as “[removed: personal information]”)"
            }
            Self::Abusive => "Abusive language (shown as “[removed: abusive language]”)",
            Self::Spam => "Spam (shown as “[removed: spam]”)",
        }
    }

    /// What everyone but the policy team and the author reads instead of the words.
    pub fn placeholder(self) -> String {
        format!("[removed: {}]", self.words())
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == raw)
            .ok_or_else(|| Invalid::new("Choose the reason for removing it."))
    }
}

/// How a comment is shown, when it is not shown as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Moderation {
    /// The whole comment (and its suggested wording) is replaced by the reason.
    Hidden,
    /// Chosen words are replaced by the reason; the rest reads as written.
    Redacted,
}

impl Moderation {
    pub const ALL: [Self; 2] = [Self::Hidden, Self::Redacted];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hidden => "hidden",
            Self::Redacted => "redacted",
        }
    }
}

/// What a moderator did, as the record keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModerationAction {
    Hidden,
    Redacted,
    /// Nothing needed taking out: the reports are closed and the comment reads as written.
    Dismissed,
}

impl ModerationAction {
    pub const ALL: [Self; 3] = [Self::Hidden, Self::Redacted, Self::Dismissed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hidden => "hidden",
            Self::Redacted => "redacted",
            Self::Dismissed => "dismissed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Hidden => "Hid the whole comment",
            Self::Redacted => "Removed some words",
            Self::Dismissed => "Left it as written",
        }
    }
}

/// A report's or a moderator's note: trimmed, at most [`NOTE_MAX_CHARS`], and needed
/// when the report is "something else" (nobody could act on it otherwise).
pub fn note(raw: &str, required: bool) -> Result<String, Invalid> {
    let note = raw.trim();
    if required && note.is_empty() {
        return Err(Invalid::new("Say in a few words what is wrong with it."));
    }
    if note.chars().count() > NOTE_MAX_CHARS {
        return Err(Invalid::new(format!(
            "Keep the note to {NOTE_MAX_CHARS} characters or fewer."
        )));
    }
    Ok(note.to_owned())
}

/// A comment's public text after taking out `chosen`, a passage of `shown` (the text
/// the public reads now, chosen by first and last word like a passage a comment is
/// about): its words become "[removed: reason]".
pub fn redact(shown: &str, chosen: &Passage, reason: ModerationReason) -> String {
    let chars: Vec<char> = shown.chars().collect();
    let (start, end) = (chosen.start.min(chars.len()), chosen.end.min(chars.len()));
    let before: String = chars[..start].iter().collect();
    let after: String = chars[end..].iter().collect();
    format!("{before}{}{after}", reason.placeholder())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::passage::passage_from_words;

    fn redact_words(text: &str, first: usize, last: usize) -> (String, String) {
        let chosen = passage_from_words(text, first, last).unwrap();
        (
            redact(text, &chosen, ModerationReason::PersonalInformation),
            chosen.quote,
        )
    }

    #[test]
    fn redacting_replaces_the_chosen_words_with_the_reason() {
        let (shown, removed) = redact_words(
            "My neighbour Jane Smith at 4 Elm Road cannot get help.",
            3,
            4,
        );
        assert_eq!(
            shown,
            "My neighbour [removed: personal information] at 4 Elm Road cannot get help."
        );
        assert_eq!(removed, "Jane Smith");
    }

    #[test]
    fn a_second_redaction_works_on_the_text_after_the_first() {
        let (once, _) = redact_words("Jane lives at 4 Elm Road.", 1, 1);
        // "[removed: personal information]" is words 1 to 3 now; the address follows.
        let (twice, removed) = redact_words(&once, 6, 8);
        assert_eq!(
            twice,
            "[removed: personal information] lives at [removed: personal information]."
        );
        assert_eq!(removed, "4 Elm Road");
    }

    #[test]
    fn something_else_needs_a_note() {
        assert!(note("  ", true).is_err());
        assert_eq!(note(" why ", false).unwrap(), "why");
        assert!(note(&"x".repeat(NOTE_MAX_CHARS + 1), false).is_err());
    }
}
