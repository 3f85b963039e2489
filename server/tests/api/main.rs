//! Integration tests through the real axum router, against real SQLite and PostgreSQL
//! databases and a real SMTP server over TCP. One binary, so it links once.

mod html;
mod support;

mod account;
mod admin;
mod alike;
mod answer_links;
mod audit;
mod balance;
mod comments;
mod credit;
mod drafting;
mod easy_read_reading;
mod events;
mod flooding;
mod held;
mod inboxes;
mod moderation;
mod national;
mod outbox;
mod pages;
mod paging;
mod proposals;
mod publish_lock;
mod publishing;
mod races;
mod responses;
mod round_form;
mod rounds_by_the_minute;
mod schema;
mod security;
mod sign_in;
mod still_matters;
mod submission_keys;
mod twins;
mod two_rounds;
mod values;
