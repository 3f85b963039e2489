//! What people type when drafting and commenting, checked once at the edge.

use super::{Invalid, tidy_whitespace};
use serde::{Deserialize, Serialize};

pub const STATEMENT_MAX_CHARS: usize = 600;
pub const NOTE_MAX_CHARS: usize = 1_000;
pub const COMMENT_MAX_CHARS: usize = 5_000;
pub const TITLE_MAX_CHARS: usize = 150;
pub const SUMMARY_MAX_CHARS: usize = 2_000;

/// Refuse hidden control characters (a NUL, an escape...), which come with text pasted
/// from some programs: PostgreSQL cannot store a NUL at all, and none of them can be
/// shown. Line breaks and tabs are ordinary text.
fn no_control_characters(text: &str, what: &str) -> Result<(), Invalid> {
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(Invalid::new(format!(
            "{what} has a hidden character in it that cannot be saved. It often comes with \
             text pasted from another program: type the pasted part again, or paste it as \
             plain text"
        )));
    }
    Ok(())
}

fn bounded(raw: &str, max: usize, empty: &str, too_long: &str) -> Result<String, Invalid> {
    no_control_characters(raw, too_long)?;
    let tidy = tidy_whitespace(raw);
    if tidy.is_empty() {
        return Err(Invalid::new(empty));
    }
    if tidy.chars().count() > max {
        return Err(Invalid::new(format!(
            "{too_long} must be {max} characters or fewer"
        )));
    }
    Ok(tidy)
}

/// The text of an I statement: one short paragraph.
pub fn statement_text(raw: &str) -> Result<String, Invalid> {
    bounded(
        raw,
        STATEMENT_MAX_CHARS,
        "Enter the text of the statement",
        "The statement",
    )
}

/// "Why I changed this": optional, but bounded.
pub fn revision_note(raw: &str) -> Result<String, Invalid> {
    no_control_characters(raw, "The note")?;
    let tidy = tidy_whitespace(raw);
    if tidy.chars().count() > NOTE_MAX_CHARS {
        return Err(Invalid::new(format!(
            "The note must be {NOTE_MAX_CHARS} characters or fewer"
        )));
    }
    Ok(tidy)
}

/// A comment keeps its line breaks (people write in paragraphs); only the ends are trimmed.
pub fn comment_body(raw: &str) -> Result<String, Invalid> {
    no_control_characters(raw, "Your comment")?;
    let body = raw.trim().replace("\r\n", "\n");
    if body.is_empty() {
        return Err(Invalid::new("Enter your comment"));
    }
    if body.chars().count() > COMMENT_MAX_CHARS {
        return Err(Invalid::new(format!(
            "Your comment must be {COMMENT_MAX_CHARS} characters or fewer"
        )));
    }
    Ok(body)
}

/// An optional suggested rewording of the whole statement.
pub fn suggestion(raw: &str) -> Result<Option<String>, Invalid> {
    no_control_characters(raw, "Your suggested wording")?;
    let tidy = tidy_whitespace(raw);
    if tidy.is_empty() {
        return Ok(None);
    }
    if tidy.chars().count() > STATEMENT_MAX_CHARS {
        return Err(Invalid::new(format!(
            "Your suggested wording must be {STATEMENT_MAX_CHARS} characters or fewer"
        )));
    }
    Ok(Some(tidy))
}

pub fn title(raw: &str, what: &str) -> Result<String, Invalid> {
    bounded(
        raw,
        TITLE_MAX_CHARS,
        &format!("Enter a {what}"),
        &format!("The {what}"),
    )
}

pub fn summary(raw: &str) -> Result<String, Invalid> {
    no_control_characters(raw, "This")?;
    let text = raw.trim().replace("\r\n", "\n");
    if text.chars().count() > SUMMARY_MAX_CHARS {
        return Err(Invalid::new(format!(
            "This must be {SUMMARY_MAX_CHARS} characters or fewer"
        )));
    }
    Ok(text)
}

/// A theme code: 1 to 4 capital letters, the prefix of its statements' references.
pub fn theme_code(raw: &str) -> Result<String, Invalid> {
    let code = raw.trim().to_uppercase();
    if code.is_empty() || code.len() > 4 || !code.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(Invalid::new(
            "Enter a short code of 1 to 4 letters, like HL",
        ));
    }
    Ok(code)
}

/// A web-address name for a framework, made from its title.
pub fn slug_from_title(title: &str) -> String {
    let mut slug = String::new();
    for c in title.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug
        .trim_end_matches('-')
        .chars()
        .take(60)
        .collect::<String>();
    if slug.is_empty() {
        "framework".to_owned()
    } else {
        slug
    }
}

/// The kind of knowledge a comment draws on: every kind is valued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Knowledge {
    LivedExperience,
    Practice,
    Research,
    Organisation,
}

impl Knowledge {
    pub const ALL: [Knowledge; 4] = [
        Self::LivedExperience,
        Self::Practice,
        Self::Research,
        Self::Organisation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::LivedExperience => "lived_experience",
            Self::Practice => "practice",
            Self::Research => "research",
            Self::Organisation => "organisation",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::LivedExperience => "Lived experience",
            Self::Practice => "Practice knowledge",
            Self::Research => "Research",
            Self::Organisation => "An organisation's position",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            Self::LivedExperience => "What you know from your own life, or from caring for someone",
            Self::Practice => "What you know from working in care or support",
            Self::Research => "What studies or evidence show",
            Self::Organisation => "What an organisation has agreed to say",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == raw)
            .ok_or_else(|| Invalid::new("Choose what your comment is based on"))
    }
}

/// How a comment may be shown: the commenter decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    Named,
    Anonymous,
    PolicyTeamOnly,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [Self::Named, Self::Anonymous, Self::PolicyTeamOnly];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Named => "named",
            Self::Anonymous => "anonymous",
            Self::PolicyTeamOnly => "policy_team",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Named => "Show it with my name",
            Self::Anonymous => "Show it without my name",
            Self::PolicyTeamOnly => "Only the policy team may see it",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|v| v.as_str() == raw)
            .ok_or_else(|| Invalid::new("Choose how your comment may be shown"))
    }
}

/// A date typed as YYYY-MM-DD (what `<input type="date">` sends), as Unix seconds at the
/// start of that day (UTC).
pub fn date_start(raw: &str, what: &str) -> Result<i64, Invalid> {
    let invalid = || Invalid::new(format!("Enter the {what} as a real date, like 2026-12-01"));
    let mut parts = raw.trim().splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(invalid());
    };
    let year: i32 = y.parse().map_err(|_| invalid())?;
    let month: u8 = m.parse().map_err(|_| invalid())?;
    let day: u8 = d.parse().map_err(|_| invalid())?;
    let month = time::Month::try_from(month).map_err(|_| invalid())?;
    let date = time::Date::from_calendar_date(year, month, day).map_err(|_| invalid())?;
    Ok(date.midnight().assume_utc().unix_timestamp())
}

/// Unix seconds as YYYY-MM-DD, to put a stored date back into a date input.
pub fn date_input_value(unix_seconds: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix_seconds)
        .map(|at| {
            format!(
                "{:04}-{:02}-{:02}",
                at.year(),
                u8::from(at.month()),
                at.day()
            )
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_control_characters_are_refused_with_a_plain_message_and_line_breaks_are_not() {
        for pasted in ["A NUL\0 here", "An escape \u{1b}[0m", "A bell\u{7}"] {
            let refused = comment_body(pasted).unwrap_err().0;
            assert!(
                refused
                    .starts_with("Your comment has a hidden character in it that cannot be saved."),
                "{refused}"
            );
            assert!(suggestion(pasted).is_err());
            assert!(statement_text(pasted).is_err());
        }
        assert_eq!(comment_body("One.\r\n\tTwo.").unwrap(), "One.\n\tTwo.");
        assert!(suggestion("Plain words.").is_ok());
    }

    #[test]
    fn statement_text_is_tidied_and_bounded() {
        assert_eq!(
            statement_text("  I  choose\nwhere I live. ").unwrap(),
            "I choose where I live."
        );
        assert_eq!(
            statement_text(" ").unwrap_err().0,
            "Enter the text of the statement"
        );
        assert!(
            statement_text(&"a".repeat(601))
                .unwrap_err()
                .0
                .contains("600 characters")
        );
    }

    #[test]
    fn comments_keep_their_paragraphs() {
        assert_eq!(comment_body(" One.\r\n\r\nTwo. ").unwrap(), "One.\n\nTwo.");
        assert!(comment_body("").is_err());
    }

    #[test]
    fn an_empty_suggestion_means_none() {
        assert_eq!(suggestion("  ").unwrap(), None);
        assert_eq!(
            suggestion(" I decide ").unwrap().as_deref(),
            Some("I decide")
        );
    }

    #[test]
    fn knowledge_and_visibility_round_trip_and_refuse_unknown_values() {
        for k in Knowledge::ALL {
            assert_eq!(Knowledge::parse(k.as_str()).unwrap(), k);
        }
        for v in Visibility::ALL {
            assert_eq!(Visibility::parse(v.as_str()).unwrap(), v);
        }
        assert!(Knowledge::parse("gossip").is_err());
        assert!(Visibility::parse("").is_err());
    }

    #[test]
    fn dates_are_checked_and_read_as_utc_midnight() {
        assert_eq!(
            date_start("2026-11-22", "opening date").unwrap(),
            1_795_305_600
        );
        assert_eq!(date_input_value(1_795_305_600), "2026-11-22");
        for bad in ["", "2026-02-30", "22/11/2026", "2026-13-01"] {
            assert!(
                date_start(bad, "opening date")
                    .unwrap_err()
                    .0
                    .contains("opening date"),
                "{bad}"
            );
        }
    }

    #[test]
    fn slugs_are_made_from_titles() {
        assert_eq!(
            slug_from_title("National Care Service standards (2027)"),
            "national-care-service-standards-2027"
        );
        assert_eq!(slug_from_title("!!!"), "framework");
    }

    #[test]
    fn theme_codes_are_short_capitals() {
        assert_eq!(theme_code(" hl ").unwrap(), "HL");
        assert!(theme_code("H1").is_err());
        assert!(theme_code("HOMES").is_err());
    }
}
