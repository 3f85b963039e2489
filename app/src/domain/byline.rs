//! Who a comment is from, as the public may see it: a person's name (or the words the
//! site uses when they chose not to be named) and, apart from it, the organisation they
//! spoke for. Kept apart so pages can show the organisation as an element of its own,
//! which no name a person types can imitate.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Byline {
    /// The person's display name, or "Someone", "Anonymous participant", "Someone at …".
    pub name: String,
    /// The organisation they spoke for, when they spoke for one.
    pub organisation: Option<String>,
}

impl Byline {
    pub fn person(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            organisation: None,
        }
    }

    pub fn for_organisation(name: impl Into<String>, organisation: Option<&str>) -> Self {
        Self {
            name: name.into(),
            organisation: organisation.map(str::to_owned),
        }
    }
}

/// The byline as plain text, for downloads, emails and link text: "Jo, for Age Scotland",
/// "Someone from Age Scotland" (display names cannot contain these words, so a name
/// cannot imitate them).
impl fmt::Display for Byline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.organisation {
            Some(org) if self.name == ANONYMOUS_REPRESENTATIVE => write!(f, "Someone from {org}"),
            Some(org) => write!(f, "{}, for {org}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// The name shown for someone who spoke for an organisation without giving their name.
pub const ANONYMOUS_REPRESENTATIVE: &str = "Someone";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byline_reads_as_plain_text_with_the_organisation_after_the_name() {
        assert_eq!(
            Byline::for_organisation("Jo", Some("Age Scotland")).to_string(),
            "Jo, for Age Scotland"
        );
        assert_eq!(
            Byline::for_organisation(ANONYMOUS_REPRESENTATIVE, Some("Age Scotland")).to_string(),
            "Someone from Age Scotland"
        );
        assert_eq!(Byline::person("Sam").to_string(), "Sam");
    }
}
