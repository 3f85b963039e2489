//! What the audit log records: the things done that change who can do what, or what the
//! public reads. Each is a fixed word in the database, so the log can be filtered and
//! exported without parsing prose.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuditAction {
    /// Someone used a sign-in link.
    SignedIn,
    /// Someone ended every one of their sessions.
    SignedOutEverywhere,
    /// An admin added a person before they first signed in.
    PersonAdded,
    /// A person's roles changed (on the admin pages, or by the command line).
    RolesChanged,
    OrganisationCreated,
    MembershipAdded,
    MembershipRemoved,
    /// A version of a framework was published, and its emails queued.
    Published,
    /// Failed emails of a version were queued again.
    EmailsRetried,
    /// Someone reported a comment to the moderators.
    CommentReported,
    /// A moderator hid a whole comment from public view.
    CommentHidden,
    /// A moderator took some words of a comment out of public view.
    CommentRedacted,
    /// A moderator closed a comment's reports, leaving it as written.
    ReportDismissed,
}

impl AuditAction {
    pub const ALL: [AuditAction; 13] = [
        Self::SignedIn,
        Self::SignedOutEverywhere,
        Self::PersonAdded,
        Self::RolesChanged,
        Self::OrganisationCreated,
        Self::MembershipAdded,
        Self::MembershipRemoved,
        Self::Published,
        Self::EmailsRetried,
        Self::CommentReported,
        Self::CommentHidden,
        Self::CommentRedacted,
        Self::ReportDismissed,
    ];

    /// The word stored in `audit_log.action` and used in the page's filter and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignedIn => "signed_in",
            Self::SignedOutEverywhere => "signed_out_everywhere",
            Self::PersonAdded => "person_added",
            Self::RolesChanged => "roles_changed",
            Self::OrganisationCreated => "organisation_created",
            Self::MembershipAdded => "membership_added",
            Self::MembershipRemoved => "membership_removed",
            Self::Published => "published",
            Self::EmailsRetried => "emails_retried",
            Self::CommentReported => "comment_reported",
            Self::CommentHidden => "comment_hidden",
            Self::CommentRedacted => "comment_redacted",
            Self::ReportDismissed => "report_dismissed",
        }
    }

    /// What happened, in the words the admin page shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::SignedIn => "Signed in",
            Self::SignedOutEverywhere => "Signed out everywhere",
            Self::PersonAdded => "Person added",
            Self::RolesChanged => "Roles changed",
            Self::OrganisationCreated => "Organisation created",
            Self::MembershipAdded => "Added to an organisation",
            Self::MembershipRemoved => "Removed from an organisation",
            Self::Published => "Version published",
            Self::EmailsRetried => "Failed emails sent again",
            Self::CommentReported => "Comment reported",
            Self::CommentHidden => "Comment hidden",
            Self::CommentRedacted => "Words taken out of a comment",
            Self::ReportDismissed => "Comment left as written",
        }
    }

    /// The action a stored word names; `None` for a word this version does not know
    /// (written by a newer version of the app), which the page shows as it is.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == raw)
    }
}

/// Roles as the log describes them: "editor, admin", or "no roles".
pub fn describe_roles(roles: &[(&str, bool)]) -> String {
    let held: Vec<&str> = roles
        .iter()
        .filter(|(_, held)| *held)
        .map(|(name, _)| *name)
        .collect();
    if held.is_empty() {
        "no roles".to_owned()
    } else {
        held.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back_from_its_stored_word() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(AuditAction::parse("something_newer"), None);
    }

    #[test]
    fn roles_are_described_in_words_and_none_is_said_plainly() {
        assert_eq!(
            describe_roles(&[("editor", true), ("admin", false), ("facilitator", true)]),
            "editor, facilitator"
        );
        assert_eq!(describe_roles(&[("editor", false)]), "no roles");
    }
}
