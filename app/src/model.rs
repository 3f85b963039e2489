//! What pages show, as plain serialisable types: who is signed in and the view of each
//! page. Both the browser and the server use them, so nothing here needs the server;
//! services build them, server functions carry them, pages render them.

mod admin;
mod balance;
mod events;
mod forms;
mod frameworks;
mod mailbox;
mod moderation;
mod notices;
mod paging;
mod proposals;
mod publications;
mod reading;
mod responses;
mod rounds;
mod site;
mod statements;
mod still_matters;
mod twins;
mod unsubscribe;

pub use admin::*;
pub use balance::*;
pub use events::*;
pub use forms::*;
pub use frameworks::*;
pub use mailbox::*;
pub use moderation::*;
pub use notices::Saved;
pub use paging::*;
pub use proposals::*;
pub use publications::*;
pub use reading::*;
pub use responses::*;
pub use rounds::*;
pub use site::*;
pub use statements::*;
pub use still_matters::*;
pub use twins::*;
pub use unsubscribe::*;

use serde::{Deserialize, Serialize};

/// The signed-in person, as pages and services see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub is_editor: bool,
    pub is_admin: bool,
    /// Records what people said at events they held (workshops, phone calls, paper forms).
    pub is_facilitator: bool,
    /// Handles reported comments (hides or redacts them); editors may too.
    pub is_moderator: bool,
    /// Their one "Easy read" choice, for pages and emails alike.
    pub easy_read: bool,
}

/// What someone can do, in words, for lists and screen readers alike: written once so
/// the admin list and a person's own account page always agree.
pub fn role_labels(
    represents_an_organisation: bool,
    is_facilitator: bool,
    is_moderator: bool,
    is_editor: bool,
    is_admin: bool,
) -> String {
    let mut roles = vec!["Participant"];
    if represents_an_organisation {
        roles.push("Organisation representative");
    }
    if is_facilitator {
        roles.push("Facilitator");
    }
    if is_moderator {
        roles.push("Moderator");
    }
    if is_editor {
        roles.push("Editor (policy team)");
    }
    if is_admin {
        roles.push("Admin");
    }
    roles.join(", ")
}

impl Viewer {
    /// Handles reported comments: a moderator, or an editor (the policy team), who may
    /// both read a moderated comment's original words.
    pub fn moderates(&self) -> bool {
        self.is_moderator || self.is_editor
    }

    /// What to call someone who has not chosen a name yet.
    pub fn name(&self) -> &str {
        if self.display_name.is_empty() {
            &self.email
        } else {
            &self.display_name
        }
    }
}
