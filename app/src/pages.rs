//! One module per page (or small family of pages).

pub mod account;
pub mod admin;
pub mod alike;
pub mod answers;
pub mod balance;
pub mod bursts;
pub mod comment;
pub mod editing;
pub mod events;
pub mod framework;
pub mod history;
pub mod home;
pub mod mailbox;
pub mod moderation;
pub mod not_found;
pub mod proposals;
pub mod publications;
pub mod redraft;
pub mod rounds;
pub mod sign_in;
pub mod statement;
pub mod twins;
pub mod unsubscribe;
pub mod values;
