//! "This still matters to me": a person's comments in earlier rounds, and the comments
//! of a round that link back to one (`comments.earlier_comment_id`).

use crate::domain::response::Outcome;
use sqlx::{AnyConnection, FromRow};

/// One of a person's comments on a statement in a round that opened before `round_id`,
/// with its answer and the live comment of `round_id` that says it still matters.
#[derive(Debug, Clone, FromRow)]
pub struct EarlierRow {
    pub id: i64,
    pub round_title: String,
    /// Its draft's number among the drafts of the same text (standard or easy read).
    pub draft_number: i64,
    pub body: String,
    pub quote: Option<String>,
    pub outcome: Option<Outcome>,
    pub reason: Option<String>,
    pub still_matters_in: Option<i64>,
}

/// The person's live comments on a statement in rounds that opened before `round_id`,
/// oldest first, in one query (indexed by `comments_by_author` and `comments_by_earlier`).
pub async fn earlier_by_author(
    conn: &mut AnyConnection,
    author_id: i64,
    statement_id: i64,
    round_id: i64,
) -> Result<Vec<EarlierRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, rd.title AS round_title, \
           (SELECT COUNT(*) FROM statement_revisions x WHERE x.statement_id = c.statement_id \
              AND x.text_kind = cr.text_kind AND x.id <= c.revision_id) AS draft_number, \
           c.body, c.quote, r.outcome, r.reason, \
           (SELECT MIN(l.id) FROM comments l WHERE l.earlier_comment_id = c.id \
              AND l.round_id = $3 AND l.withdrawn_at IS NULL) AS still_matters_in \
         FROM comments c \
         JOIN rounds rd ON rd.id = c.round_id \
         JOIN statement_revisions cr ON cr.id = c.revision_id \
         LEFT JOIN responses r ON r.comment_id = c.id \
         WHERE c.author_id = $1 AND c.statement_id = $2 AND c.withdrawn_at IS NULL \
           AND rd.opens_at < (SELECT opens_at FROM rounds WHERE id = $3) \
         ORDER BY c.id",
    )
    .bind(author_id)
    .bind(statement_id)
    .bind(round_id)
    .fetch_all(conn)
    .await
}

/// The titles of the earlier rounds (oldest first) in which a person commented on a
/// statement and has not yet said in `round_id` that it still matters: what the
/// statement page invites them back to. One query, bounded by the rounds.
pub async fn rounds_awaiting_still_matters(
    conn: &mut AnyConnection,
    author_id: i64,
    statement_id: i64,
    round_id: i64,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT rd.title FROM comments c \
         JOIN rounds rd ON rd.id = c.round_id \
         WHERE c.author_id = $1 AND c.statement_id = $2 AND c.withdrawn_at IS NULL \
           AND rd.opens_at < (SELECT opens_at FROM rounds WHERE id = $3) \
           AND NOT EXISTS (SELECT 1 FROM comments l WHERE l.earlier_comment_id = c.id \
              AND l.round_id = $3 AND l.withdrawn_at IS NULL) \
         GROUP BY rd.id, rd.title, rd.opens_at \
         ORDER BY rd.opens_at",
    )
    .bind(author_id)
    .bind(statement_id)
    .bind(round_id)
    .fetch_all(conn)
    .await
}

/// The live comment of `round_id` that already says `earlier_id` still matters.
pub async fn live_link(
    conn: &mut AnyConnection,
    earlier_id: i64,
    round_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT MIN(id) FROM comments WHERE earlier_comment_id = $1 AND round_id = $2 \
         AND withdrawn_at IS NULL",
    )
    .bind(earlier_id)
    .bind(round_id)
    .fetch_one(conn)
    .await
}

/// How many people said an earlier comment still matters in a round: one row per
/// statement where someone did (`reference` set), and one row for the whole round
/// (`reference` None), so a person counted on two statements counts once in all.
#[derive(Debug, Clone, FromRow)]
pub struct PeopleRow {
    pub reference: Option<String>,
    pub people: i64,
}

/// The people behind a round's live "still matters" comments, counted by the database
/// (a person is their account; a comment without one counts as its own person), in one
/// query whatever the number of links.
pub async fn people_in_round(
    conn: &mut AnyConnection,
    round_id: i64,
) -> Result<Vec<PeopleRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.reference, COUNT(DISTINCT COALESCE(c.author_id, -c.id)) AS people \
         FROM comments c JOIN statements s ON s.id = c.statement_id \
         WHERE c.round_id = $1 AND c.withdrawn_at IS NULL AND c.earlier_comment_id IS NOT NULL \
         GROUP BY s.reference \
         UNION ALL \
         SELECT NULL, COUNT(DISTINCT COALESCE(c.author_id, -c.id)) FROM comments c \
         WHERE c.round_id = $1 AND c.withdrawn_at IS NULL AND c.earlier_comment_id IS NOT NULL",
    )
    .bind(round_id)
    .fetch_all(conn)
    .await
}

/// A live comment that says an earlier one still matters, with what editors need to
/// see of the earlier one.
#[derive(Debug, Clone, FromRow)]
pub struct LinkRow {
    pub comment_id: i64,
    pub reference: String,
    pub earlier_id: i64,
    pub earlier_round_id: i64,
    pub earlier_round_title: String,
    pub earlier_outcome: Option<Outcome>,
    pub earlier_reason: Option<String>,
}

/// Which of some comments (a page of the answer list) say an earlier one still
/// matters, and about what: one query, as long as the page.
pub async fn links_of(
    conn: &mut AnyConnection,
    comment_ids: &[i64],
) -> Result<Vec<LinkRow>, sqlx::Error> {
    if comment_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT c.id AS comment_id, s.reference, e.id AS earlier_id, \
           e.round_id AS earlier_round_id, er.title AS earlier_round_title, \
           r.outcome AS earlier_outcome, r.reason AS earlier_reason \
         FROM comments c \
         JOIN comments e ON e.id = c.earlier_comment_id \
         JOIN rounds er ON er.id = e.round_id \
         JOIN statements s ON s.id = c.statement_id \
         LEFT JOIN responses r ON r.comment_id = e.id \
         WHERE c.id IN ({}) AND c.withdrawn_at IS NULL",
        super::placeholders(1, comment_ids.len())
    );
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    for id in comment_ids {
        query = query.bind(*id);
    }
    query.fetch_all(conn).await
}

/// For each live "still matters" comment of the rounds a version answers, the title of
/// the round where the person first said it: (comment id, round title), in one query.
pub async fn first_said_in_for_publication(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, er.title \
         FROM comments c \
         JOIN comments e ON e.id = c.earlier_comment_id \
         JOIN rounds er ON er.id = e.round_id \
         WHERE c.round_id IN (SELECT id FROM rounds WHERE publication_id = $1) \
           AND c.withdrawn_at IS NULL",
    )
    .bind(publication_id)
    .fetch_all(conn)
    .await
}
