//! Database access, one module per table family. Functions take an executor so callers
//! decide what runs inside one transaction.

pub mod comments;
pub mod frameworks;
pub mod jargon;
pub mod organisations;
pub mod outbox;
pub mod rate_limits;
pub mod rounds;
pub mod sessions;
pub mod sign_in_tokens;
pub mod statements;
pub mod users;
