//! Counting a round's comments by statement and kind of knowledge, without reading the
//! comments (the `comments_by_round_knowledge` index, migration 0016), and a
//! framework's settings for the balance.

use crate::domain::drafting::Knowledge;
use sqlx::{AnyConnection, FromRow};

/// How many live comments of one round on one statement draw on one kind of knowledge.
#[derive(Debug, Clone, FromRow)]
pub struct KnowledgeCountRow {
    pub statement_id: i64,
    pub knowledge: Knowledge,
    pub comments: i64,
}

/// Every statement of a round's counts, in one grouped query. Withdrawn comments are
/// not counted.
pub async fn round_counts(
    conn: &mut AnyConnection,
    round_id: i64,
) -> Result<Vec<KnowledgeCountRow>, sqlx::Error> {
    sqlx::query_as::<_, KnowledgeCountRow>(
        "SELECT statement_id, knowledge, COUNT(*) AS comments FROM comments \
         WHERE round_id = $1 AND withdrawn_at IS NULL \
         GROUP BY statement_id, knowledge",
    )
    .bind(round_id)
    .fetch_all(conn)
    .await
}

/// How many live comments of one round draw on one kind of knowledge.
#[derive(Debug, Clone, FromRow)]
pub struct KnowledgeTotalRow {
    pub knowledge: Knowledge,
    pub comments: i64,
}

/// A round's counts by kind of knowledge over all its statements: a row per kind, for
/// the framework page's line about the open round.
pub async fn round_totals(
    conn: &mut AnyConnection,
    round_id: i64,
) -> Result<Vec<KnowledgeTotalRow>, sqlx::Error> {
    sqlx::query_as::<_, KnowledgeTotalRow>(
        "SELECT knowledge, COUNT(*) AS comments FROM comments \
         WHERE round_id = $1 AND withdrawn_at IS NULL GROUP BY knowledge",
    )
    .bind(round_id)
    .fetch_all(conn)
    .await
}

/// One statement's counts in one round.
pub async fn statement_counts(
    conn: &mut AnyConnection,
    round_id: i64,
    statement_id: i64,
) -> Result<Vec<KnowledgeCountRow>, sqlx::Error> {
    sqlx::query_as::<_, KnowledgeCountRow>(
        "SELECT statement_id, knowledge, COUNT(*) AS comments FROM comments \
         WHERE round_id = $1 AND statement_id = $2 AND withdrawn_at IS NULL \
         GROUP BY statement_id, knowledge",
    )
    .bind(round_id)
    .bind(statement_id)
    .fetch_all(conn)
    .await
}

/// A statement as the balance lists it: its theme, reference and current text.
#[derive(Debug, Clone, FromRow)]
pub struct BalanceStatementRow {
    pub id: i64,
    pub theme_id: i64,
    pub reference: String,
    pub body: String,
    pub retired_at: Option<i64>,
}

/// Every statement of a framework, retired ones too (they may have comments in an
/// earlier round), in theme order.
pub async fn statements(
    conn: &mut AnyConnection,
    framework_id: i64,
) -> Result<Vec<BalanceStatementRow>, sqlx::Error> {
    sqlx::query_as::<_, BalanceStatementRow>(
        "SELECT s.id, s.theme_id, s.reference, r.body, s.retired_at \
         FROM statements s \
         JOIN themes t ON t.id = s.theme_id \
         JOIN statement_revisions r ON r.id = s.latest_revision_id \
         WHERE s.framework_id = $1 \
         ORDER BY t.position, s.position, s.id",
    )
    .bind(framework_id)
    .fetch_all(conn)
    .await
}
