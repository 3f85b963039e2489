//! Server functions the pages load their data with, and the shapes they return.
//! Each is thin: check who may see it, call the store, shape the answer.

mod admin;
mod frameworks;
mod mailbox;
mod publications;
mod responses;
mod rounds;
mod site;
mod statements;

pub use admin::*;
pub use frameworks::*;
pub use mailbox::*;
pub use publications::*;
pub use responses::*;
pub use rounds::*;
pub use site::*;
pub use statements::*;

use serde::{Deserialize, Serialize};

/// The signed-in person, as pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub is_editor: bool,
    pub is_admin: bool,
}

/// What someone can do, in words, for lists and screen readers alike: written once so
/// the admin list and a person's own account page always agree.
pub fn role_labels(represents_an_organisation: bool, is_editor: bool, is_admin: bool) -> String {
    let mut roles = vec!["Participant"];
    if represents_an_organisation {
        roles.push("Organisation representative");
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
    /// What to call someone who has not chosen a name yet.
    pub fn name(&self) -> &str {
        if self.display_name.is_empty() {
            &self.email
        } else {
            &self.display_name
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::server::store::users::UserRow> for Viewer {
    fn from(row: crate::server::store::users::UserRow) -> Self {
        Self {
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            is_editor: row.is_editor != 0,
            is_admin: row.is_admin != 0,
        }
    }
}
