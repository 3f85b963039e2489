use super::{Invalid, tidy_whitespace};
use serde::{Deserialize, Serialize};
use std::fmt;

pub const DISPLAY_NAME_MAX_CHARS: usize = 80;

/// The name a person chooses to be shown by. Any script and any punctuation are welcome:
/// people's names do not follow rules, so we only bound the length.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let tidy = tidy_whitespace(raw);
        if tidy.is_empty() {
            return Err(Invalid::new("Enter the name you want to be shown"));
        }
        if tidy.chars().count() > DISPLAY_NAME_MAX_CHARS {
            return Err(Invalid::new(format!(
                "Name must be {DISPLAY_NAME_MAX_CHARS} characters or fewer"
            )));
        }
        if tidy.chars().any(char::is_control) {
            return Err(Invalid::new("Name must not contain control characters"));
        }
        Ok(Self(tidy))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_any_script_are_kept_as_typed() {
        for name in ["Siân O'Neill-Ó Briain", "李小龍", "Dr. A. N. Other"] {
            assert_eq!(DisplayName::parse(name).unwrap().as_str(), name);
        }
    }

    #[test]
    fn blank_names_are_refused() {
        assert!(DisplayName::parse(" \t ").is_err());
    }

    #[test]
    fn overlong_names_are_refused_with_the_limit() {
        let err = DisplayName::parse(&"x".repeat(81)).unwrap_err();
        assert!(err.0.contains("80"));
    }
}
