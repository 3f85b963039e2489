//! All SQL, one module per table family. Every function takes a connection
//! (`&mut AnyConnection`): a pooled one for reads, or the caller's transaction
//! (`&mut tx`), so every check that guards a write runs inside that write's transaction.

pub mod alike;
pub mod answer_list;
pub mod audit;
pub mod balance;
pub mod comments;
pub mod credits;
pub mod easy_read;
pub mod events;
pub mod frameworks;
pub mod held_submissions;
pub mod jargon;
pub mod moderation;
pub mod organisations;
pub mod outbox;
pub mod proposals;
pub mod publications;
pub mod rate_limits;
pub mod reports;
pub mod rounds;
pub mod sessions;
pub mod sign_in_tokens;
pub mod statements;
pub mod still_matters;
pub mod stored;
pub mod unsubscribe;
pub mod users;
pub mod values;

/// `$first, $first+1, …`: `count` numbered parameters for an `IN (…)` list, which both
/// databases take (sqlx's Any driver has no array parameters).
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `query` with `ids` bound as its next parameters, in order: the values of an `IN`
/// list written by [`placeholders`].
pub(crate) fn bind_ids<'q, O>(
    query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments>,
    ids: &[i64],
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments> {
    ids.iter().fold(query, |query, id| query.bind(*id))
}

/// Whether the database answers at all, for `/healthz`.
pub async fn answers(pool: &sqlx::AnyPool) -> bool {
    sqlx::query("SELECT 1").execute(pool).await.is_ok()
}
