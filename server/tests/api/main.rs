//! Integration tests through the real axum router, against real SQLite and PostgreSQL
//! databases and a real SMTP server over TCP. One binary, so it links once.

mod html;
mod support;

mod account;
mod admin;
mod comments;
mod drafting;
mod outbox;
mod pages;
mod publishing;
mod responses;
mod security;
mod sign_in;
mod two_rounds;
