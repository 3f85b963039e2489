//! People and organisations as the admin pages show them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationRef {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub is_editor: bool,
    pub is_admin: bool,
    pub is_facilitator: bool,
    pub is_moderator: bool,
    pub organisations: Vec<OrganisationRef>,
}

impl PersonSummary {
    pub fn name(&self) -> &str {
        if self.display_name.is_empty() {
            "(no name yet)"
        } else {
            &self.display_name
        }
    }

    /// Roles in words, for lists and screen readers alike.
    pub fn roles(&self) -> String {
        super::role_labels(
            !self.organisations.is_empty(),
            self.is_facilitator,
            self.is_moderator,
            self.is_editor,
            self.is_admin,
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDetail {
    pub person: PersonSummary,
    /// Organisations this person could be added to.
    pub other_organisations: Vec<OrganisationRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationSummary {
    pub id: i64,
    pub name: String,
    pub member_count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationDetail {
    pub id: i64,
    pub name: String,
    pub members: Vec<MemberRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRef {
    pub user_id: i64,
    pub name: String,
    pub email: String,
}

/// One line of the audit log as the admin page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: i64,
    /// What happened, in words.
    pub what: String,
    /// Who did it: an email address, or "The command line".
    pub by: String,
    /// Whom it was done to, when it was a person.
    pub person: Option<String>,
    pub detail: String,
}

/// A page of the audit log, newest first, perhaps of one kind of action only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLog {
    pub entries: super::Paged<AuditEntry>,
    pub action: Option<crate::domain::audit::AuditAction>,
}
