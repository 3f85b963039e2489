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
