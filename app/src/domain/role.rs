use serde::{Deserialize, Serialize};

/// What a person may do. Everyone signed in is a participant; representing an
/// organisation comes from membership, not from a role flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Participant,
    OrganisationRepresentative,
    Editor,
    Admin,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Participant => "Participant",
            Role::OrganisationRepresentative => "Organisation representative",
            Role::Editor => "Editor (policy team)",
            Role::Admin => "Admin",
        }
    }
}
