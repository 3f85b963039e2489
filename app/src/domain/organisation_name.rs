use super::{Invalid, tidy_whitespace};
use serde::{Deserialize, Serialize};

pub const ORGANISATION_NAME_MAX_CHARS: usize = 120;

/// The name of a user-led organisation, as it wants to be known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationName(String);

impl OrganisationName {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let tidy = tidy_whitespace(raw);
        if tidy.is_empty() {
            return Err(Invalid::new("Enter the organisation's name"));
        }
        if tidy.chars().count() > ORGANISATION_NAME_MAX_CHARS {
            return Err(Invalid::new(format!(
                "Organisation name must be {ORGANISATION_NAME_MAX_CHARS} characters or fewer"
            )));
        }
        Ok(Self(tidy))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_names_are_tidied() {
        let name = OrganisationName::parse("  Disability   Rights UK ").unwrap();
        assert_eq!(name.as_str(), "Disability Rights UK");
    }

    #[test]
    fn empty_organisation_names_are_refused() {
        assert!(OrganisationName::parse("").is_err());
    }
}
