//! Server functions the pages load their data with: each builds the request's
//! [`Context`](crate::server::Context) and calls one service. The shapes they return
//! live in [`crate::model`], re-exported here for the pages.

mod admin;
mod balance;
mod credit;
mod events;
mod frameworks;
mod mailbox;
mod moderation;
mod proposals;
mod publications;
mod responses;
mod rounds;
mod site;
mod statements;
mod twins;
mod unsubscribe;

pub use crate::model::*;
pub use admin::*;
pub use balance::*;
pub use credit::*;
pub use events::*;
pub use frameworks::*;
pub use mailbox::*;
pub use moderation::*;
pub use proposals::*;
pub use publications::*;
pub use responses::*;
pub use rounds::*;
pub use site::*;
pub use statements::*;
pub use twins::*;
pub use unsubscribe::*;
