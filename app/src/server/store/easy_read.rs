//! Easy read twins (migration 0007): an easy read draft is a row of
//! `statement_revisions` with `text_kind = 'easy_read'`; `statements.latest_easy_read_id`
//! points at the newest, and each main draft's `easy_read_revision_id` records the easy
//! read draft that goes with it. Pictures are stored in `pictures`.

use crate::domain::easy_read::{TextKind, TwinState};
use sqlx::{AnyConnection, FromRow};

/// A statement's newest easy read draft.
#[derive(Debug, Clone, FromRow)]
pub struct TwinRow {
    pub statement_id: i64,
    pub revision_id: i64,
    pub body: String,
    pub picture_id: Option<i64>,
    pub picture_alt: String,
    pub note: String,
    pub created_at: i64,
    /// The easy read draft the statement's newest main draft records (None: the main
    /// text changed since the easy read text was last written or confirmed).
    pub paired_with: Option<i64>,
}

impl TwinRow {
    pub fn state(&self) -> TwinState {
        TwinState::of(Some(self.revision_id), self.paired_with)
    }
}

const TWINS: &str = "\
    SELECT s.id AS statement_id, e.id AS revision_id, e.body, e.picture_id, e.picture_alt, e.note, \
      e.created_at, m.easy_read_revision_id AS paired_with \
    FROM statements s \
    JOIN statement_revisions e ON e.id = s.latest_easy_read_id \
    JOIN statement_revisions m ON m.id = s.latest_revision_id";

/// The statement's newest easy read draft, if it has one.
pub async fn twin(
    conn: &mut AnyConnection,
    statement_id: i64,
) -> Result<Option<TwinRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{TWINS} WHERE s.id = $1")))
        .bind(statement_id)
        .fetch_optional(conn)
        .await
}

/// The newest easy read draft of every statement in a framework that has one, in one
/// query (statements without one are simply absent).
pub async fn twins_in_framework(
    conn: &mut AnyConnection,
    framework_id: i64,
) -> Result<Vec<TwinRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{TWINS} WHERE s.framework_id = $1 ORDER BY s.id"
    )))
    .bind(framework_id)
    .fetch_all(conn)
    .await
}

/// How many of a framework's current (not retired) statements have no easy read text,
/// and how many have one that needs updating.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TwinCounts {
    pub statements: i64,
    pub missing: i64,
    pub needs_updating: i64,
}

impl TwinCounts {
    pub fn out_of_step(&self) -> i64 {
        self.missing + self.needs_updating
    }
}

pub async fn counts(
    conn: &mut AnyConnection,
    framework_id: i64,
) -> Result<TwinCounts, sqlx::Error> {
    let (statements, missing, needs_updating): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), \
           COALESCE(SUM(CASE WHEN s.latest_easy_read_id IS NULL THEN 1 ELSE 0 END), 0), \
           COALESCE(SUM(CASE WHEN s.latest_easy_read_id IS NOT NULL \
             AND (m.easy_read_revision_id IS NULL OR m.easy_read_revision_id <> s.latest_easy_read_id) \
             THEN 1 ELSE 0 END), 0) \
         FROM statements s JOIN statement_revisions m ON m.id = s.latest_revision_id \
         WHERE s.framework_id = $1 AND s.retired_at IS NULL",
    )
    .bind(framework_id)
    .fetch_one(conn)
    .await?;
    Ok(TwinCounts {
        statements,
        missing,
        needs_updating,
    })
}

/// Whether the framework refuses to publish while any twin is missing or out of step.
pub async fn required(conn: &mut AnyConnection, framework_id: i64) -> Result<bool, sqlx::Error> {
    let flag: i64 = sqlx::query_scalar("SELECT requires_easy_read FROM frameworks WHERE id = $1")
        .bind(framework_id)
        .fetch_one(conn)
        .await?;
    Ok(flag != 0)
}

#[derive(Debug, Clone, FromRow)]
pub struct EasyReadRevisionRow {
    pub id: i64,
    pub body: String,
    pub picture_id: Option<i64>,
    pub picture_alt: String,
    pub author_name: String,
    pub note: String,
    pub created_at: i64,
}

/// Every easy read draft of a statement, oldest first.
pub async fn revisions(
    conn: &mut AnyConnection,
    statement_id: i64,
) -> Result<Vec<EasyReadRevisionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.id, r.body, r.picture_id, r.picture_alt, COALESCE(u.display_name, '') AS author_name, \
           r.note, r.created_at \
         FROM statement_revisions r LEFT JOIN users u ON u.id = r.author_id \
         WHERE r.statement_id = $1 AND r.text_kind = $2 ORDER BY r.id",
    )
    .bind(statement_id)
    .bind(TextKind::EasyRead)
    .fetch_all(conn)
    .await
}

pub struct NewEasyRead<'a> {
    pub statement_id: i64,
    pub body: &'a str,
    pub picture_id: Option<i64>,
    pub picture_alt: &'a str,
    pub author_id: Option<i64>,
    pub note: &'a str,
    pub submission_key: Option<&'a str>,
}

/// Save an easy read draft only if the statement's newest easy read draft is still
/// `base` (None: it had none) and its main text is still `main_revision_id`; the new
/// draft then goes with that main draft. Returns the new draft's id, or `None` when
/// someone else saved either text first (the caller rolls back).
pub async fn add_if_current(
    conn: &mut AnyConnection,
    new: &NewEasyRead<'_>,
    base: Option<i64>,
    main_revision_id: i64,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO statement_revisions \
           (statement_id, body, author_id, note, created_at, submission_key, text_kind, picture_id, picture_alt) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(new.statement_id)
    .bind(new.body)
    .bind(new.author_id)
    .bind(new.note)
    .bind(now)
    .bind(new.submission_key)
    .bind(TextKind::EasyRead)
    .bind(new.picture_id)
    .bind(new.picture_alt)
    .fetch_one(&mut *conn)
    .await?;
    // "No easy read draft yet" is compared as -1, which no row id is, so one comparison
    // works on both databases without binding a typed NULL.
    let moved = sqlx::query(
        "UPDATE statements SET latest_easy_read_id = $1 \
         WHERE id = $2 AND latest_revision_id = $3 AND COALESCE(latest_easy_read_id, -1) = $4",
    )
    .bind(id)
    .bind(new.statement_id)
    .bind(main_revision_id)
    .bind(base.unwrap_or(-1))
    .execute(&mut *conn)
    .await?;
    if moved.rows_affected() != 1 {
        return Ok(None);
    }
    pair(conn, main_revision_id, id).await?;
    Ok(Some(id))
}

/// Record that the main draft `main_revision_id` goes with easy read draft `easy_read_id`
/// ("it still fits", or a new easy read draft written for it).
pub async fn pair(
    conn: &mut AnyConnection,
    main_revision_id: i64,
    easy_read_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE statement_revisions SET easy_read_revision_id = $1 WHERE id = $2")
        .bind(easy_read_id)
        .bind(main_revision_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A picture as it is stored and served.
#[derive(Debug, Clone, FromRow)]
pub struct PictureRow {
    pub id: i64,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

pub struct NewPicture<'a> {
    pub content_type: &'a str,
    pub bytes: &'a [u8],
    pub width: i64,
    pub height: i64,
    pub sha256: &'a str,
    pub uploaded_by: Option<i64>,
}

pub async fn insert_picture(
    conn: &mut AnyConnection,
    p: &NewPicture<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO pictures (content_type, bytes, width, height, sha256, uploaded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(p.content_type)
    .bind(p.bytes)
    .bind(p.width)
    .bind(p.height)
    .bind(p.sha256)
    .bind(p.uploaded_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn picture(conn: &mut AnyConnection, id: i64) -> Result<Option<PictureRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, content_type, bytes FROM pictures WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// A current statement of a framework and where its easy read twin stands.
#[derive(Debug, Clone, FromRow)]
pub struct TwinStateRow {
    pub statement_id: i64,
    pub reference: String,
    pub latest_easy_read_id: Option<i64>,
    pub paired_with: Option<i64>,
}

impl TwinStateRow {
    pub fn state(&self) -> TwinState {
        TwinState::of(self.latest_easy_read_id, self.paired_with)
    }
}

/// Every current (not retired) statement of a framework with its twin's state, in the
/// framework's order, in one query.
pub async fn states(
    conn: &mut AnyConnection,
    framework_id: i64,
) -> Result<Vec<TwinStateRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id AS statement_id, s.reference, s.latest_easy_read_id, \
           m.easy_read_revision_id AS paired_with \
         FROM statements s \
         JOIN themes t ON t.id = s.theme_id \
         JOIN statement_revisions m ON m.id = s.latest_revision_id \
         WHERE s.framework_id = $1 AND s.retired_at IS NULL \
         ORDER BY t.position, s.position, s.id",
    )
    .bind(framework_id)
    .fetch_all(conn)
    .await
}

/// "It still fits": pair the statement's main draft `main_revision_id` with its easy
/// read draft `easy_read_id`, only if both are still the statement's newest. Returns
/// false (and changes nothing) when either text moved on meanwhile.
pub async fn confirm_still_fits(
    conn: &mut AnyConnection,
    statement_id: i64,
    main_revision_id: i64,
    easy_read_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE statement_revisions SET easy_read_revision_id = $1 \
         WHERE id = $2 AND statement_id = $3 AND EXISTS ( \
           SELECT 1 FROM statements s \
           WHERE s.id = $3 AND s.latest_revision_id = $2 AND s.latest_easy_read_id = $1)",
    )
    .bind(easy_read_id)
    .bind(main_revision_id)
    .bind(statement_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Each main draft of a statement (oldest first) with the easy read draft it records.
#[derive(Debug, Clone, FromRow)]
pub struct PairingRow {
    pub id: i64,
    pub easy_read_revision_id: Option<i64>,
}

pub async fn pairings(
    conn: &mut AnyConnection,
    statement_id: i64,
) -> Result<Vec<PairingRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, easy_read_revision_id FROM statement_revisions \
         WHERE statement_id = $1 AND text_kind = $2 ORDER BY id",
    )
    .bind(statement_id)
    .bind(TextKind::Standard)
    .fetch_all(conn)
    .await
}

/// A picture already stored with these exact contents, so uploading the same picture
/// twice stores it once.
pub async fn picture_by_hash(
    conn: &mut AnyConnection,
    sha256: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT MIN(id) FROM pictures WHERE sha256 = $1")
        .bind(sha256)
        .fetch_one(conn)
        .await
}
