//! Server-only parts, in layers that only point down: `request` (the server-function
//! door) → services (one module per area, each function taking an explicit [`Context`])
//! → `store` (all SQL) → `db`. Configuration, sign-in, mail and demo data sit beside them.

pub mod accounts;
pub mod alike;
pub mod audit;
pub mod auth;
pub mod balance;
pub mod client_address;
pub mod clock;
pub mod commenting;
pub mod config;
pub mod context;
pub mod credit;
pub mod db;
pub mod demo;
pub mod dkim;
pub mod download;
pub mod drafting;
pub mod events;
pub mod flooding;
pub mod frameworks;
pub mod held;
pub mod lookups;
pub mod mail;
pub mod mailbox;
pub mod moderation;
pub mod moderation_mail;
pub mod outbox;
pub mod participant_emails;
pub mod proposing;
pub mod publication_email;
pub mod publication_mail;
pub mod publishing;
pub mod report_exports;
pub mod report_stories;
pub mod reports;
pub mod request;
pub mod responding;
pub mod sign_in_mail;
pub mod smtp;
pub mod state;
pub mod statements;
pub mod still_matters;
pub mod store;
pub mod twins;
pub mod unsubscribe;
pub mod values;

pub use config::Config;
pub use context::Context;
pub use db::Db;
pub use state::AppState;
