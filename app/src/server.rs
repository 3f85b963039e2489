//! Server-only parts that server functions and the axum routes call: configuration,
//! the database, the store, sign-in, email and demo data.

pub mod accounts;
pub mod auth;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod mail;
pub mod mailbox;
pub mod request;
pub mod state;
pub mod store;

pub use config::Config;
pub use db::Db;
pub use state::AppState;
