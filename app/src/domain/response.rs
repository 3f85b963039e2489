//! The policy team's answer to a comment.

use super::Invalid;
use serde::{Deserialize, Serialize};

pub const REASON_MAX_CHARS: usize = 2_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Incorporated,
    Partly,
    NotIncorporated,
    /// For comments that ask for no change.
    Noted,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Self::Incorporated,
        Self::Partly,
        Self::NotIncorporated,
        Self::Noted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Incorporated => "incorporated",
            Self::Partly => "partly",
            Self::NotIncorporated => "not_incorporated",
            Self::Noted => "noted",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Incorporated => "Incorporated",
            Self::Partly => "Partly incorporated",
            Self::NotIncorporated => "Not incorporated",
            Self::Noted => "Noted",
        }
    }

    /// Whether the comment changed the text, so it should be linked to a draft.
    pub fn changed_the_text(self) -> bool {
        matches!(self, Self::Incorporated | Self::Partly)
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|o| o.as_str() == raw)
            .ok_or_else(|| Invalid::new("Choose what happened to this comment"))
    }
}

/// Every answer needs a reason a person can understand, even "Noted".
pub fn reason(raw: &str) -> Result<String, Invalid> {
    let text = raw.trim().replace("\r\n", "\n");
    if text.is_empty() {
        return Err(Invalid::new("Explain in plain words what happened and why"));
    }
    if text.chars().count() > REASON_MAX_CHARS {
        return Err(Invalid::new(format!(
            "The reason must be {REASON_MAX_CHARS} characters or fewer"
        )));
    }
    Ok(text)
}

pub const PERSONAL_LINE_MAX_CHARS: usize = 500;

/// An editor's personal line to one person beside their group's answer: optional (empty
/// removes it), one short paragraph.
pub fn personal_line(raw: &str) -> Result<Option<String>, Invalid> {
    let text = raw.trim().replace("\r\n", "\n");
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > PERSONAL_LINE_MAX_CHARS {
        return Err(Invalid::new(format!(
            "The personal line must be {PERSONAL_LINE_MAX_CHARS} characters or fewer"
        )));
    }
    Ok(Some(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_round_trip_and_unknown_ones_are_refused() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()).unwrap(), o);
        }
        assert_eq!(
            Outcome::parse("maybe").unwrap_err().0,
            "Choose what happened to this comment"
        );
    }

    #[test]
    fn only_incorporated_answers_point_at_a_draft() {
        assert!(Outcome::Incorporated.changed_the_text());
        assert!(Outcome::Partly.changed_the_text());
        assert!(!Outcome::NotIncorporated.changed_the_text());
        assert!(!Outcome::Noted.changed_the_text());
    }

    #[test]
    fn a_personal_line_is_optional_and_short() {
        assert_eq!(personal_line("  ").unwrap(), None);
        assert_eq!(
            personal_line(" Thank you, Sam. ").unwrap().as_deref(),
            Some("Thank you, Sam.")
        );
        assert!(personal_line(&"a".repeat(501)).is_err());
    }

    #[test]
    fn a_reason_is_required() {
        assert!(reason("  ").is_err());
        assert_eq!(
            reason(" We changed 'choose' to 'decide'. ").unwrap(),
            "We changed 'choose' to 'decide'."
        );
    }
}
