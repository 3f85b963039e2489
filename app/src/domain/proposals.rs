//! Proposals for new I statements: what state a proposal is in, what a decision on it
//! needs, and how its proposer may be named.

use super::{
    Invalid,
    drafting::{Knowledge, Visibility},
};
use serde::{Deserialize, Serialize};

pub const WHY_MAX_CHARS: usize = 2_000;

/// Where a proposal stands. Every one but `Open` is an editor's decision with a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// Waiting for an editor's decision; publishing its round's version is refused.
    Open,
    /// It became a new statement whose first draft is the proposer's words.
    Adopted,
    /// Its words were taken into an existing statement's new draft.
    Merged,
    /// It will not become a statement; the reason says why.
    Declined,
}

impl Status {
    pub const ALL: [Status; 4] = [Self::Open, Self::Adopted, Self::Merged, Self::Declined];

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Adopted => "adopted",
            Self::Merged => "merged",
            Self::Declined => "declined",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Waiting for a decision",
            Self::Adopted => "Adopted as a new statement",
            Self::Merged => "Merged into a statement",
            Self::Declined => "Not taken forward",
        }
    }

    /// Whether the decision put the proposer's words into a statement.
    pub fn became_a_statement(self) -> bool {
        matches!(self, Self::Adopted | Self::Merged)
    }
}

/// Why it matters to them: optional, in their own words.
pub fn why(raw: &str) -> Result<String, Invalid> {
    let text = raw.trim().replace("\r\n", "\n");
    if text.chars().count() > WHY_MAX_CHARS {
        return Err(Invalid::new(format!(
            "Why it matters must be {WHY_MAX_CHARS} characters or fewer"
        )));
    }
    Ok(text)
}

/// Who proposed it, as their choice of how it may be shown allows: their name, the kind
/// of knowledge they speak from, or nothing at all (`None`: only the policy team and
/// the proposer see the proposal, and even there it is not attributed in public lists).
pub fn proposer_label(
    visibility: Visibility,
    knowledge: Knowledge,
    name: &str,
    organisation: Option<&str>,
) -> Option<String> {
    match visibility {
        Visibility::PolicyTeamOnly => None,
        Visibility::Named => Some(match (organisation, name.trim()) {
            (Some(org), "") => org.to_owned(),
            (Some(org), name) => format!("{name}, for {org}"),
            (None, "") => "A participant".to_owned(),
            (None, name) => name.to_owned(),
        }),
        Visibility::Anonymous => Some(
            match knowledge {
                Knowledge::LivedExperience => "Someone with lived experience",
                Knowledge::Practice => "Someone who works in care and support",
                Knowledge::Research => "Someone drawing on research",
                Knowledge::Organisation => "An organisation",
            }
            .to_owned(),
        ),
    }
}

/// Who proposed it, inside a sentence ("a proposal by someone with lived experience"):
/// a name as it is written, anything else in lower case, and "a participant" when only
/// the policy team may know who it was.
pub fn proposer_in_sentence(
    visibility: Visibility,
    knowledge: Knowledge,
    name: &str,
    organisation: Option<&str>,
) -> String {
    let label = proposer_label(visibility, knowledge, name, organisation);
    match label {
        Some(named) if visibility == Visibility::Named && named != "A participant" => named,
        Some(other) => {
            let mut chars = other.chars();
            chars
                .next()
                .map(|first| first.to_lowercase().chain(chars).collect())
                .unwrap_or_default()
        }
        None => "a participant".to_owned(),
    }
}

/// On the trace of a statement adopted from a proposal: where it came from, and in which
/// version the decision was published.
pub fn began_as(proposer: &str, version: Option<i64>) -> String {
    match version {
        Some(version) => format!("Began as a proposal by {proposer}, adopted in version {version}"),
        None => format!("Began as a proposal by {proposer}"),
    }
}

/// On the trace, beside the draft a merged proposal's words went into.
pub fn from_a_proposal(proposer: &str) -> String {
    format!("From a proposal by {proposer}")
}

/// The note on the draft a proposal became, so its history says where the words came
/// from.
pub fn adopted_note(proposer: Option<&str>, id: i64) -> String {
    match proposer {
        Some(who) => format!("This statement began as a proposal by {who} (proposal {id})."),
        None => format!("This statement began as a proposal by a participant (proposal {id})."),
    }
}

pub fn merged_note(proposer: Option<&str>, id: i64) -> String {
    match proposer {
        Some(who) => format!("Takes in proposal {id} by {who}."),
        None => format!("Takes in proposal {id} by a participant."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_reads_back_from_its_stored_word() {
        for status in Status::ALL {
            assert_eq!(
                Status::ALL.iter().find(|s| s.as_str() == status.as_str()),
                Some(&status)
            );
        }
        assert!(Status::Adopted.became_a_statement());
        assert!(Status::Merged.became_a_statement());
        assert!(!Status::Declined.became_a_statement());
        assert!(!Status::Open.became_a_statement());
    }

    #[test]
    fn a_named_proposer_is_shown_by_name_and_an_anonymous_one_by_their_knowledge() {
        let named = proposer_label(Visibility::Named, Knowledge::LivedExperience, "Sam", None);
        assert_eq!(named.as_deref(), Some("Sam"));
        let anonymous = proposer_label(
            Visibility::Anonymous,
            Knowledge::LivedExperience,
            "Sam",
            None,
        );
        assert_eq!(anonymous.as_deref(), Some("Someone with lived experience"));
        let for_org = proposer_label(
            Visibility::Named,
            Knowledge::Organisation,
            "Sam",
            Some("Speaking Up"),
        );
        assert_eq!(for_org.as_deref(), Some("Sam, for Speaking Up"));
    }

    #[test]
    fn a_policy_team_only_proposer_is_never_named() {
        assert_eq!(
            proposer_label(Visibility::PolicyTeamOnly, Knowledge::Practice, "Sam", None),
            None
        );
        assert_eq!(
            adopted_note(None, 4),
            "This statement began as a proposal by a participant (proposal 4)."
        );
    }

    #[test]
    fn the_trace_names_the_proposer_inside_a_sentence_as_their_consent_allows() {
        let named = proposer_in_sentence(Visibility::Named, Knowledge::Practice, "Sam", None);
        assert_eq!(
            began_as(&named, Some(2)),
            "Began as a proposal by Sam, adopted in version 2"
        );
        let anonymous = proposer_in_sentence(
            Visibility::Anonymous,
            Knowledge::LivedExperience,
            "Sam",
            None,
        );
        assert_eq!(
            from_a_proposal(&anonymous),
            "From a proposal by someone with lived experience"
        );
        let hidden =
            proposer_in_sentence(Visibility::PolicyTeamOnly, Knowledge::Practice, "Sam", None);
        assert_eq!(
            began_as(&hidden, None),
            "Began as a proposal by a participant"
        );
        assert_eq!(
            proposer_in_sentence(Visibility::Named, Knowledge::Practice, " ", None),
            "a participant"
        );
    }

    #[test]
    fn why_it_matters_is_optional_but_not_endless() {
        assert_eq!(why("  ").unwrap(), "");
        assert!(why(&"a".repeat(WHY_MAX_CHARS + 1)).is_err());
    }
}
