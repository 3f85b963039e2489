//! Server-only parts that server functions and the axum routes call: configuration,
//! the database, the store, sign-in, email and demo data.

pub mod accounts;
pub mod auth;
pub mod clock;
pub mod commenting;
pub mod config;
pub mod db;
pub mod demo;
pub mod drafting;
pub mod mail;
pub mod mailbox;
pub mod outbox;
pub mod publication_email;
pub mod publishing;
pub mod reports;
pub mod request;
pub mod responding;
pub mod state;
pub mod store;
pub mod views;

pub use config::Config;
pub use db::Db;
pub use state::AppState;
