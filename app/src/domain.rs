//! Pure domain logic shared by the browser and the server: no I/O here.

pub mod alike;
pub mod audit;
pub mod balance;
pub mod byline;
pub mod credit;
mod dates;
pub mod diff;
mod display_name;
pub mod drafting;
pub mod easy_read;
mod email;
pub mod events;
pub mod merge;
pub mod moderation;
pub mod order;
mod organisation_name;
pub mod passage;
pub mod picture;
pub mod plain_language;
pub mod proposals;
pub mod report;
pub mod response;
pub mod submission_key;
pub mod trace;
pub mod values;

pub use dates::{
    format_date, format_date_time, format_iso_utc, format_span, format_time, round_dates,
};
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

/// `one` when `count` is exactly 1, otherwise `many` (0 included: "0 comments"). The
/// one place the English rule lives, also for words that agree with a count
/// ("needs"/"need", "was"/"were").
pub fn singular_or_plural<'a, N: PartialEq + From<u8>>(
    count: N,
    one: &'a str,
    many: &'a str,
) -> &'a str {
    if count == N::from(1) { one } else { many }
}

/// A count with its noun in the right form: "1 comment", "2 comments", "0 comments".
pub fn plural<N: std::fmt::Display + PartialEq + From<u8> + Copy>(
    count: N,
    one: &str,
    many: &str,
) -> String {
    let noun = singular_or_plural(count, one, many);
    format!("{count} {noun}")
}

/// Phrases joined as a sentence says them: "A", "A and B", "A, B and C"; empty for none.
pub fn list_in_words<S: AsRef<str>>(phrases: &[S]) -> String {
    match phrases {
        [] => String::new(),
        [only] => only.as_ref().to_owned(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

/// Trim surrounding space and collapse runs of inner whitespace, so that what people
/// paste from documents (tabs, double spaces, stray line breaks) is stored tidily.
pub fn tidy_whitespace(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first few words of a comment, so buttons about different comments by one person
/// on one statement still have different accessible names.
pub fn opening_words(body: &str) -> String {
    const WORDS: usize = 6;
    let words: Vec<&str> = body.split_whitespace().collect();
    if words.len() <= WORDS {
        words.join(" ")
    } else {
        format!("{}…", words[..WORDS].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_of_something_is_singular_and_any_other_count_is_plural() {
        assert_eq!(plural(1_usize, "comment", "comments"), "1 comment");
        assert_eq!(plural(2_usize, "comment", "comments"), "2 comments");
        assert_eq!(plural(0_i64, "comment", "comments"), "0 comments");
        assert_eq!(plural(11_i64, "email", "emails"), "11 emails");
        assert_eq!(plural(1_i64, "person", "people"), "1 person");
    }

    #[test]
    fn words_that_agree_with_a_count_follow_it() {
        assert_eq!(singular_or_plural(1_usize, "needs", "need"), "needs");
        assert_eq!(singular_or_plural(3_usize, "needs", "need"), "need");
        assert_eq!(singular_or_plural(0_i64, "was", "were"), "were");
    }

    #[test]
    fn lists_read_as_a_sentence_says_them() {
        assert_eq!(list_in_words::<&str>(&[]), "");
        assert_eq!(list_in_words(&["Sam"]), "Sam");
        assert_eq!(list_in_words(&["Sam", "Jo"]), "Sam and Jo");
        assert_eq!(
            list_in_words(&["Sam", "Jo", "2 others"]),
            "Sam, Jo and 2 others"
        );
    }

    #[test]
    fn tidy_whitespace_collapses_pasted_spacing() {
        assert_eq!(tidy_whitespace("  Sam \t  Jones\n"), "Sam Jones");
    }
}
