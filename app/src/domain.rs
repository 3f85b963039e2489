//! Pure domain logic shared by the browser and the server: no I/O here.

mod dates;
pub mod diff;
mod display_name;
pub mod drafting;
mod email;
pub mod merge;
mod organisation_name;
pub mod passage;
pub mod plain_language;
pub mod report;
pub mod response;
pub mod submission_key;
pub mod trace;

pub use dates::{format_date, format_date_time};
pub use display_name::DisplayName;
pub use email::EmailAddress;
pub use organisation_name::OrganisationName;
pub use submission_key::SubmissionKey;

/// Why a piece of text someone typed could not be accepted, in words they can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

impl Invalid {
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

/// Trim surrounding space and collapse runs of inner whitespace, so that what people
/// paste from documents (tabs, double spaces, stray line breaks) is stored tidily.
pub fn tidy_whitespace(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_whitespace_collapses_pasted_spacing() {
        assert_eq!(tidy_whitespace("  Sam \t  Jones\n"), "Sam Jones");
    }
}
