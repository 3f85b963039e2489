//! Events a facilitator holds (workshops, phone calls, paper forms, BSL-interpreted
//! sessions): how people took part, and how each person recorded there wants to hear
//! what became of what they said.

use serde::{Deserialize, Serialize};

/// One way people took part in an event. An event may have several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Way {
    InPerson,
    Phone,
    Paper,
    BslInterpreted,
}

impl Way {
    pub const ALL: [Way; 4] = [
        Self::InPerson,
        Self::Phone,
        Self::Paper,
        Self::BslInterpreted,
    ];

    /// The stored spelling, also used in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InPerson => "in_person",
            Self::Phone => "phone",
            Self::Paper => "paper",
            Self::BslInterpreted => "bsl",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::InPerson => "In person",
            Self::Phone => "By phone",
            Self::Paper => "On paper",
            Self::BslInterpreted => "BSL interpreted",
        }
    }
}

/// How someone a facilitator recorded wants to hear what became of what they said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HearBack {
    /// A personal email, like everyone with an account gets.
    Email,
    /// A printed letter posted to them.
    Post,
    /// A printed letter the facilitator gives them or reads with them.
    ThroughFacilitator,
    /// They do not want to hear back.
    NotAtAll,
}

impl HearBack {
    pub const ALL: [HearBack; 4] = [
        Self::Email,
        Self::Post,
        Self::ThroughFacilitator,
        Self::NotAtAll,
    ];

    /// The stored spelling, also used in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Post => "post",
            Self::ThroughFacilitator => "facilitator",
            Self::NotAtAll => "none",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Email => "By email",
            Self::Post => "By post",
            Self::ThroughFacilitator => "Through the facilitator",
            Self::NotAtAll => "They do not want to hear back",
        }
    }

    /// Whether what became of their words reaches them as a printed letter.
    pub fn wants_letter(self) -> bool {
        matches!(self, Self::Post | Self::ThroughFacilitator)
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.as_str() == raw)
    }
}

/// What a facilitator typed about an event or the people at it, checked. Each returns
/// the plain message to show beside its field.
pub mod checks {
    use crate::domain::Invalid;

    /// A short line of text: required or not, at most `max` characters.
    pub fn line(raw: &str, required: Option<&str>, max: usize) -> Result<String, Invalid> {
        let text = raw.trim();
        if let Some(message) = required.filter(|_| text.is_empty()) {
            return Err(Invalid::new(message));
        }
        if text.chars().count() > max {
            return Err(Invalid::new(format!("Use {max} characters or fewer")));
        }
        Ok(text.to_owned())
    }

    /// A count of people typed as a whole number; blank means "not known".
    pub fn count(raw: &str, what: &str) -> Result<Option<i64>, Invalid> {
        let text = raw.trim();
        if text.is_empty() {
            return Ok(None);
        }
        match text.parse::<i64>() {
            Ok(n) if (1..=100_000).contains(&n) => Ok(Some(n)),
            _ => Err(Invalid::new(format!(
                "Enter {what} as a whole number, like 12"
            ))),
        }
    }

    /// A group view's numbers: how many agreed, of how many were there.
    pub fn group(agreed: Option<i64>, present: Option<i64>) -> Result<(i64, i64), GroupError> {
        let present = present.ok_or(GroupError::PresentMissing)?;
        let agreed = agreed.ok_or(GroupError::AgreedMissing)?;
        if agreed > present {
            return Err(GroupError::MoreAgreedThanPresent);
        }
        Ok((agreed, present))
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum GroupError {
        AgreedMissing,
        PresentMissing,
        MoreAgreedThanPresent,
    }

    impl GroupError {
        pub fn message(self) -> &'static str {
            match self {
                Self::AgreedMissing => "Enter how many people agreed with this, like 8",
                Self::PresentMissing => "Enter how many people were there, like 12",
                Self::MoreAgreedThanPresent => {
                    "The number who agreed cannot be more than the number who were there"
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_post_and_the_facilitator_mean_a_printed_letter() {
        let letters: Vec<_> = HearBack::ALL
            .into_iter()
            .filter(|h| h.wants_letter())
            .collect();
        assert_eq!(letters, [HearBack::Post, HearBack::ThroughFacilitator]);
    }

    #[test]
    fn a_group_cannot_agree_in_greater_numbers_than_were_there() {
        use checks::{GroupError, group};
        assert_eq!(group(Some(8), Some(12)), Ok((8, 12)));
        assert_eq!(group(Some(12), Some(12)), Ok((12, 12)));
        assert_eq!(
            group(Some(13), Some(12)),
            Err(GroupError::MoreAgreedThanPresent)
        );
        assert_eq!(group(None, Some(12)), Err(GroupError::AgreedMissing));
        assert_eq!(group(Some(3), None), Err(GroupError::PresentMissing));
    }

    #[test]
    fn a_count_of_people_is_a_positive_whole_number_or_blank() {
        assert_eq!(checks::count(" 12 ", "x").unwrap(), Some(12));
        assert_eq!(checks::count("", "x").unwrap(), None);
        assert!(checks::count("0", "x").is_err());
        assert!(checks::count("twelve", "x").is_err());
    }

    #[test]
    fn every_way_and_choice_has_its_own_stored_word() {
        let ways: std::collections::HashSet<_> = Way::ALL.iter().map(|w| w.as_str()).collect();
        assert_eq!(ways.len(), Way::ALL.len());
        let choices: std::collections::HashSet<_> =
            HearBack::ALL.iter().map(|h| h.as_str()).collect();
        assert_eq!(choices.len(), HearBack::ALL.len());
    }
}
