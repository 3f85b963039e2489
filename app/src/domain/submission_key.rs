//! The key every form that creates something carries, so the same form sent twice (a
//! double click, a retry after a slow reply) makes one thing, not two.

use super::Invalid;

/// A form's submission key: the random value the page put in a hidden field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionKey(String);

/// Keys are 256-bit values in URL-safe base64 (43 characters); anything much longer
/// did not come from our pages.
const MAX_LEN: usize = 128;

impl SubmissionKey {
    /// A key is refused when missing: without one, a form sent twice could not be told
    /// from two forms, so nothing is saved and the person is asked to reload.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let key = raw.trim();
        if key.is_empty() || key.len() > MAX_LEN || !key.chars().all(|c| c.is_ascii_graphic()) {
            return Err(Invalid::new(
                "This form is missing a part we need, so nothing has been saved. Reload the page, then try again: what you typed is still below.",
            ));
        }
        Ok(Self(key.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The message when a key was already used by someone else or for something else.
pub fn used_elsewhere() -> Invalid {
    Invalid::new(
        "This form was already used for something else, so nothing has been saved. Reload the page, then try again: what you typed is still below.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_key_is_refused_with_a_plain_message() {
        for raw in ["", "   ", "has space", &"x".repeat(200)] {
            let refused = SubmissionKey::parse(raw).unwrap_err();
            assert!(refused.0.contains("Reload the page"), "{raw:?}");
        }
    }

    #[test]
    fn a_key_from_our_pages_is_accepted() {
        let key = SubmissionKey::parse(" k9XbW2s-_Qa1 ").unwrap();
        assert_eq!(key.as_str(), "k9XbW2s-_Qa1");
    }
}
