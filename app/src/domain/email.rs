use super::Invalid;
use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

/// An email address as typed by a person, checked and normalised to lower case so the
/// same person always maps to the same account however they capitalise it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(Invalid::new("Enter your email address"));
        }
        if trimmed.chars().count() > 254 {
            return Err(Invalid::new(
                "Email address must be 254 characters or fewer",
            ));
        }
        let lower = trimmed.to_lowercase();
        // The domain must have a dot: addresses like "name@localhost" are valid in the
        // RFC but are always a typing mistake for people signing in here.
        let has_dotted_domain = lower
            .rsplit_once('@')
            .is_some_and(|(_, domain)| domain.contains('.') && !domain.ends_with('.'));
        if !has_dotted_domain || email_address::EmailAddress::from_str(&lower).is_err() {
            return Err(Invalid::new(
                "Enter an email address in the correct format, like name@example.com",
            ));
        }
        Ok(Self(lower))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_trimmed_and_lower_cased() {
        let email = EmailAddress::parse("  Sam.Jones@Example.ORG ").unwrap();
        assert_eq!(email.as_str(), "sam.jones@example.org");
    }

    #[test]
    fn empty_address_asks_for_one() {
        assert_eq!(
            EmailAddress::parse("   ").unwrap_err().0,
            "Enter your email address"
        );
    }

    #[test]
    fn malformed_addresses_are_refused_with_an_example() {
        for bad in [
            "sam",
            "sam@",
            "@example.org",
            "sam@localhost",
            "sam jones@example.org",
        ] {
            let err = EmailAddress::parse(bad).unwrap_err();
            assert!(err.0.contains("name@example.com"), "{bad}: {err}");
        }
    }

    #[test]
    fn overlong_addresses_are_refused() {
        let long = format!("{}@example.org", "a".repeat(250));
        assert!(EmailAddress::parse(&long).unwrap_err().0.contains("254"));
    }
}
