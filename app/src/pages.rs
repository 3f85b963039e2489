//! One module per page (or small family of pages).

pub mod account;
pub mod admin;
pub mod framework;
pub mod home;
pub mod mailbox;
pub mod not_found;
pub mod sign_in;
pub mod statement;
