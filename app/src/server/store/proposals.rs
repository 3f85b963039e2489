//! Proposals for new statements, their backings ("this is true for me too") and the
//! comments on them.

use crate::{
    domain::{
        drafting::{Knowledge, Visibility},
        proposals::Status,
    },
    model::PageRequest,
};
use sqlx::{AnyConnection, FromRow};

/// A proposal with what is needed to show it: its theme, who made it, its backing
/// count and, once decided, the statement it became or went into.
#[derive(Debug, Clone, FromRow)]
pub struct ProposalRow {
    pub id: i64,
    pub framework_id: i64,
    pub framework_slug: String,
    pub theme_id: i64,
    pub theme_code: String,
    pub theme_title: String,
    pub round_id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub organisation_id: Option<i64>,
    pub organisation_name: Option<String>,
    pub body: String,
    pub why: String,
    pub knowledge: Knowledge,
    pub visibility: Visibility,
    pub status: Status,
    pub statement_id: Option<i64>,
    pub statement_reference: Option<String>,
    pub revision_id: Option<i64>,
    pub reason: Option<String>,
    pub decided_at: Option<i64>,
    pub created_at: i64,
    pub backings: i64,
    /// When the proposer withdrew it; only [`find`] returns withdrawn proposals.
    pub withdrawn_at: Option<i64>,
}

// The backing count is a correlated sub-query on the backings' primary key: still one
// query per list.
const PROPOSALS: &str = "\
    SELECT p.id, p.framework_id, f.slug AS framework_slug, p.theme_id, t.code AS theme_code, \
      t.title AS theme_title, p.round_id, p.author_id, COALESCE(u.display_name, '') AS author_name, \
      p.organisation_id, o.name AS organisation_name, p.body, p.why, p.knowledge, p.visibility, \
      p.status, p.statement_id, s.reference AS statement_reference, p.revision_id, p.reason, \
      p.decided_at, p.created_at, \
      (SELECT COUNT(*) FROM proposal_backings b WHERE b.proposal_id = p.id) AS backings, \
      p.withdrawn_at \
    FROM proposals p \
    JOIN frameworks f ON f.id = p.framework_id \
    JOIN themes t ON t.id = p.theme_id \
    JOIN users u ON u.id = p.author_id \
    LEFT JOIN organisations o ON o.id = p.organisation_id \
    LEFT JOIN statements s ON s.id = p.statement_id";

/// The live proposals of framework `$1` that the reader may see: everyone sees those
/// not kept for the policy team; the policy team (`$2` = 1) sees all; a person sees
/// their own (`$3`).
const VISIBLE_IN_FRAMEWORK: &str = "p.theme_id IN (SELECT id FROM themes WHERE framework_id = $1) \
    AND p.withdrawn_at IS NULL AND (p.visibility <> 'policy_team' OR $2 = 1 OR p.author_id = $3)";

/// One page of the proposals of a framework the reader may see, newest first (by id,
/// so pages are stable), found through `proposals_by_theme`.
pub async fn page_for_framework(
    conn: &mut AnyConnection,
    framework_id: i64,
    reader: super::comments::Reader,
    page: PageRequest,
) -> Result<Vec<ProposalRow>, sqlx::Error> {
    sqlx::query_as::<_, ProposalRow>(sqlx::AssertSqlSafe(format!(
        "{PROPOSALS} WHERE {VISIBLE_IN_FRAMEWORK} ORDER BY p.id DESC LIMIT $4 OFFSET $5"
    )))
    .bind(framework_id)
    .bind(i64::from(reader.policy_team))
    .bind(reader.viewer_id)
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(conn)
    .await
}

/// How many proposals of a framework the reader may see: what [`page_for_framework`]
/// pages through.
pub async fn count_for_framework(
    conn: &mut AnyConnection,
    framework_id: i64,
    reader: super::comments::Reader,
) -> Result<u64, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM proposals p WHERE {VISIBLE_IN_FRAMEWORK}"
    )))
    .bind(framework_id)
    .bind(i64::from(reader.policy_team))
    .bind(reader.viewer_id)
    .fetch_one(conn)
    .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// A proposal by its id, withdrawn or not: its page says when it was withdrawn.
pub async fn find(conn: &mut AnyConnection, id: i64) -> Result<Option<ProposalRow>, sqlx::Error> {
    sqlx::query_as::<_, ProposalRow>(sqlx::AssertSqlSafe(format!("{PROPOSALS} WHERE p.id = $1")))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The proposals of rounds no version answers yet that still wait for a decision: each
/// stops publishing, as an unanswered comment does.
pub async fn undecided_awaiting_publication(
    conn: &mut AnyConnection,
    framework_id: i64,
    now: i64,
) -> Result<Vec<ProposalRow>, sqlx::Error> {
    sqlx::query_as::<_, ProposalRow>(sqlx::AssertSqlSafe(format!(
        "{PROPOSALS} WHERE p.round_id IN (SELECT id FROM rounds \
             WHERE framework_id = $1 AND publication_id IS NULL AND opens_at <= $2) \
           AND p.status = 'open' AND p.withdrawn_at IS NULL ORDER BY p.id"
    )))
    .bind(framework_id)
    .bind(now)
    .fetch_all(conn)
    .await
}

/// The proposal a form's submission key already made, and who made it.
pub async fn by_key(
    conn: &mut AnyConnection,
    key: &str,
) -> Result<Option<(i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT id, author_id, framework_id FROM proposals WHERE submission_key = $1")
        .bind(key)
        .fetch_optional(conn)
        .await
}

pub struct NewProposal<'a> {
    pub framework_id: i64,
    pub theme_id: i64,
    pub round_id: i64,
    pub author_id: i64,
    pub organisation_id: Option<i64>,
    pub body: &'a str,
    pub why: &'a str,
    pub knowledge: Knowledge,
    pub visibility: Visibility,
    pub submission_key: &'a str,
}

pub async fn insert(
    conn: &mut AnyConnection,
    p: &NewProposal<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO proposals (framework_id, theme_id, round_id, author_id, organisation_id, body, why, \
           knowledge, visibility, status, submission_key, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
    )
    .bind(p.framework_id)
    .bind(p.theme_id)
    .bind(p.round_id)
    .bind(p.author_id)
    .bind(p.organisation_id)
    .bind(p.body)
    .bind(p.why)
    .bind(p.knowledge)
    .bind(p.visibility)
    .bind(Status::Open)
    .bind(p.submission_key)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub struct Decision<'a> {
    pub status: Status,
    pub statement_id: Option<i64>,
    pub revision_id: Option<i64>,
    pub reason: &'a str,
    pub decided_by: i64,
}

/// Record a decision on a proposal still open. Returns whether it was still open (and
/// not withdrawn): two editors deciding at once cannot both decide.
pub async fn decide(
    conn: &mut AnyConnection,
    id: i64,
    d: &Decision<'_>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE proposals SET status = $1, statement_id = $2, revision_id = $3, reason = $4, \
           decided_by = $5, decided_at = $6, updated_at = $6 \
         WHERE id = $7 AND status = 'open' AND withdrawn_at IS NULL",
    )
    .bind(d.status)
    .bind(d.statement_id)
    .bind(d.revision_id)
    .bind(d.reason)
    .bind(d.decided_by)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The proposer withdraws a proposal still open. Returns whether it was withdrawn now
/// (not already withdrawn, nor decided meanwhile).
pub async fn withdraw(conn: &mut AnyConnection, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE proposals SET withdrawn_at = $1, updated_at = $1 \
         WHERE id = $2 AND status = 'open' AND withdrawn_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether this person backs this proposal.
pub async fn is_backed_by(
    conn: &mut AnyConnection,
    proposal_id: i64,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM proposal_backings WHERE proposal_id = $1 AND user_id = $2",
    )
    .bind(proposal_id)
    .bind(user_id)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// Back a proposal; backing it again changes nothing.
pub async fn back(
    conn: &mut AnyConnection,
    proposal_id: i64,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO proposal_backings (proposal_id, user_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (proposal_id, user_id) DO NOTHING",
    )
    .bind(proposal_id)
    .bind(user_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn take_back(
    conn: &mut AnyConnection,
    proposal_id: i64,
    user_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM proposal_backings WHERE proposal_id = $1 AND user_id = $2")
        .bind(proposal_id)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct ProposalCommentRow {
    pub id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub body: String,
    pub knowledge: Knowledge,
    pub visibility: Visibility,
    pub created_at: i64,
}

/// The live comments on a proposal, oldest first.
pub async fn comments(
    conn: &mut AnyConnection,
    proposal_id: i64,
) -> Result<Vec<ProposalCommentRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.author_id, COALESCE(u.display_name, '') AS author_name, c.body, \
           c.knowledge, c.visibility, c.created_at \
         FROM proposal_comments c JOIN users u ON u.id = c.author_id \
         WHERE c.proposal_id = $1 AND c.withdrawn_at IS NULL ORDER BY c.id",
    )
    .bind(proposal_id)
    .fetch_all(conn)
    .await
}

pub struct NewProposalComment<'a> {
    pub proposal_id: i64,
    pub author_id: i64,
    pub body: &'a str,
    pub knowledge: Knowledge,
    pub visibility: Visibility,
    pub submission_key: &'a str,
}

/// Add a comment; the same form sent twice adds it once (its key is already there).
/// Whether it was saved: `false` when a comment with its submission key already was.
pub async fn insert_comment(
    conn: &mut AnyConnection,
    c: &NewProposalComment<'_>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO proposal_comments (proposal_id, author_id, body, knowledge, visibility, \
           submission_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (submission_key) DO NOTHING",
    )
    .bind(c.proposal_id)
    .bind(c.author_id)
    .bind(c.body)
    .bind(c.knowledge)
    .bind(c.visibility)
    .bind(c.submission_key)
    .bind(now)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(inserted > 0)
}

/// A person's own proposals, newest first, for their contributions page and email.
pub async fn by_author(
    conn: &mut AnyConnection,
    author_id: i64,
) -> Result<Vec<ProposalRow>, sqlx::Error> {
    sqlx::query_as::<_, ProposalRow>(sqlx::AssertSqlSafe(format!(
        "{PROPOSALS} WHERE p.author_id = $1 AND p.withdrawn_at IS NULL ORDER BY p.id DESC"
    )))
    .bind(author_id)
    .fetch_all(conn)
    .await
}

/// The live proposals of the rounds a published version answers, for its emails.
pub async fn in_publication(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<Vec<ProposalRow>, sqlx::Error> {
    sqlx::query_as::<_, ProposalRow>(sqlx::AssertSqlSafe(format!(
        "{PROPOSALS} WHERE p.withdrawn_at IS NULL \
           AND p.round_id IN (SELECT id FROM rounds WHERE publication_id = $1) ORDER BY p.id"
    )))
    .bind(publication_id)
    .fetch_all(conn)
    .await
}

/// Whether a version's rounds decided any proposals (one count, no rows read).
pub async fn any_in_publication(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM proposals WHERE withdrawn_at IS NULL \
           AND round_id IN (SELECT id FROM rounds WHERE publication_id = $1)",
    )
    .bind(publication_id)
    .fetch_one(conn)
    .await?;
    Ok(count > 0)
}

/// A proposal a statement's words came from: adopted as the statement, or merged into
/// one of its drafts.
#[derive(Debug, Clone, FromRow)]
pub struct SourceRow {
    pub id: i64,
    pub author_name: String,
    pub organisation_name: Option<String>,
    pub knowledge: Knowledge,
    pub visibility: Visibility,
    pub status: Status,
    /// The draft that carries its words.
    pub revision_id: Option<i64>,
    /// The version that published the decision, once one has.
    pub version: Option<i64>,
}

/// The adopted or merged proposals behind a statement, oldest first, in one query.
pub async fn sources_of_statement(
    conn: &mut AnyConnection,
    statement_id: i64,
) -> Result<Vec<SourceRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id, COALESCE(u.display_name, '') AS author_name, o.name AS organisation_name, \
           p.knowledge, p.visibility, p.status, p.revision_id, pb.version \
         FROM proposals p \
         JOIN users u ON u.id = p.author_id \
         LEFT JOIN organisations o ON o.id = p.organisation_id \
         JOIN rounds rd ON rd.id = p.round_id \
         LEFT JOIN publications pb ON pb.id = rd.publication_id \
         WHERE p.statement_id = $1 AND p.status IN ('adopted', 'merged') \
           AND p.withdrawn_at IS NULL ORDER BY p.id",
    )
    .bind(statement_id)
    .fetch_all(conn)
    .await
}
