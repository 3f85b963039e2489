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
            return Err(Invalid::new(
                "Your name has a hidden character in it that cannot be shown. It often comes with \
                 pasted text: type your name again",
            ));
        }
        if tidy.chars().any(turns_text_around) {
            return Err(Invalid::new(
                "Your name has a hidden character in it that changes the direction of the text \
                 after it, so it could read as something else next to your comments. Type your \
                 name again without it",
            ));
        }
        if reads_as_the_sites_own_words(&tidy) {
            return Err(Invalid::new(
                "Your name reads like the words this site adds beside a comment, for someone \
                 speaking for an organisation or someone who chose not to be named. Enter just \
                 your name: an admin adds the organisation you speak for, and it is shown \
                 apart from your name",
            ));
        }
        Ok(Self(tidy))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Names the site itself writes beside comments ("Jo, for Age Scotland", "Someone from
/// Age Scotland", "Anonymous participant"): a name like this could pass for a
/// representative, or for someone the site has anonymised, wherever names are plain text
/// (emails, downloads, credits).
fn reads_as_the_sites_own_words(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.contains(", for ")
        || [
            "someone from ",
            "someone at ",
            "anonymous participant",
            "a participant",
        ]
        .iter()
        .any(|words| lower.starts_with(words))
}

/// Bidirectional embeddings, overrides and isolates: invisible, and able to make what
/// follows a name on a page (an organisation, a date) display in another order. The
/// marks (U+200E, U+200F, U+061C) only state a direction, which names in right-to-left
/// scripts may need, and are kept.
fn turns_text_around(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
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
    fn names_that_turn_the_text_after_them_around_are_refused_in_plain_words() {
        for sneaky in [
            "Jo\u{202E}tnemnrevog",
            "Jo \u{2067}for Age Scotland\u{2069}",
        ] {
            let refused = DisplayName::parse(sneaky).unwrap_err().0;
            assert!(
                refused.contains("changes the direction of the text"),
                "{refused}"
            );
        }
        let refused = DisplayName::parse("Jo\u{0}").unwrap_err().0;
        assert!(
            refused.starts_with("Your name has a hidden character"),
            "{refused}"
        );
        // A right-to-left name with a direction mark is a name.
        assert!(DisplayName::parse("\u{5D3}\u{5E0}\u{5D4}\u{200F}").is_ok());
    }

    #[test]
    fn names_that_pass_for_a_representative_or_an_anonymised_person_are_refused() {
        for borrowed in [
            "Jo, for Age Scotland",
            "Someone from Scottish Care",
            "someone at the Leith workshop",
            "Anonymous participant",
        ] {
            let refused = DisplayName::parse(borrowed).unwrap_err().0;
            assert!(refused.contains("Enter just your name"), "{refused}");
        }
        for name in ["Carer for my mum", "Forbes, Jo", "Someone"] {
            assert!(DisplayName::parse(name).is_ok(), "{name}");
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
