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
    fn every_way_and_choice_has_its_own_stored_word() {
        let ways: std::collections::HashSet<_> = Way::ALL.iter().map(|w| w.as_str()).collect();
        assert_eq!(ways.len(), Way::ALL.len());
        let choices: std::collections::HashSet<_> =
            HearBack::ALL.iter().map(|h| h.as_str()).collect();
        assert_eq!(choices.len(), HearBack::ALL.len());
    }
}
