//! Writing frameworks, themes, statements and their revisions.

use crate::domain::easy_read::TextKind;
use sqlx::{AnyConnection, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct RevisionRow {
    pub id: i64,
    pub body: String,
    pub author_name: String,
    pub note: String,
    pub created_at: i64,
}

/// Every draft of a statement's main text, oldest first (easy read drafts are in
/// `store::easy_read`).
pub async fn revisions(
    conn: &mut AnyConnection,
    statement_id: i64,
) -> Result<Vec<RevisionRow>, sqlx::Error> {
    sqlx::query_as::<_, RevisionRow>(
        "SELECT r.id, r.body, COALESCE(u.display_name, '') AS author_name, r.note, r.created_at \
         FROM statement_revisions r LEFT JOIN users u ON u.id = r.author_id \
         WHERE r.statement_id = $1 AND r.text_kind = 'standard' ORDER BY r.id",
    )
    .bind(statement_id)
    .fetch_all(conn)
    .await
}

pub async fn revision_body(
    conn: &mut AnyConnection,
    statement_id: i64,
    revision_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT body FROM statement_revisions WHERE id = $1 AND statement_id = $2")
        .bind(revision_id)
        .bind(statement_id)
        .fetch_optional(conn)
        .await
}

/// The revision a form's submission key already made, with who made it and for which
/// statement, so the caller can tell a form sent twice from a key used for something else.
#[derive(Debug, Clone, FromRow)]
pub struct KeyedRevision {
    pub id: i64,
    pub statement_id: i64,
    pub theme_id: i64,
    pub reference: String,
    pub author_id: Option<i64>,
}

pub async fn revision_by_key(
    conn: &mut AnyConnection,
    key: &str,
) -> Result<Option<KeyedRevision>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.id, r.statement_id, s.theme_id, s.reference, r.author_id \
         FROM statement_revisions r JOIN statements s ON s.id = r.statement_id \
         WHERE r.submission_key = $1",
    )
    .bind(key)
    .fetch_optional(conn)
    .await
}

/// The draft a statement shows now.
pub async fn latest_revision_id(
    conn: &mut AnyConnection,
    statement_id: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT latest_revision_id FROM statements WHERE id = $1")
        .bind(statement_id)
        .fetch_one(conn)
        .await
}

/// Put a framework's themes in this order (first id first).
pub async fn order_themes(conn: &mut AnyConnection, theme_ids: &[i64]) -> Result<(), sqlx::Error> {
    for (position, id) in theme_ids.iter().enumerate() {
        sqlx::query("UPDATE themes SET position = $1 WHERE id = $2")
            .bind(position as i64)
            .bind(*id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Every main-text draft of every statement a version published, oldest first, in one
/// query.
pub async fn history_of_publication(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<Vec<HistoryRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, statement_id, body, note, created_at FROM statement_revisions \
         WHERE statement_id IN (SELECT statement_id FROM publication_statements WHERE publication_id = $1) \
           AND text_kind = 'standard' \
         ORDER BY statement_id, id",
    )
    .bind(publication_id)
    .fetch_all(conn)
    .await
}

/// Every draft of these statements in one of their texts (main or easy read), by
/// statement, oldest first, in one query: the report reads only the statements whose
/// stories it tells.
pub async fn history_of_statements(
    conn: &mut AnyConnection,
    kind: TextKind,
    statement_ids: &[i64],
) -> Result<Vec<HistoryRow>, sqlx::Error> {
    if statement_ids.is_empty() {
        return Ok(Vec::new());
    }
    let query = sqlx::query_as::<_, HistoryRow>(sqlx::AssertSqlSafe(format!(
        "SELECT id, statement_id, body, note, created_at FROM statement_revisions \
         WHERE text_kind = $1 AND statement_id IN ({}) ORDER BY statement_id, id",
        super::placeholders(2, statement_ids.len())
    )))
    .bind(kind);
    super::bind_ids(query, statement_ids).fetch_all(conn).await
}

#[derive(Debug, Clone, FromRow)]
pub struct HistoryRow {
    pub id: i64,
    pub statement_id: i64,
    pub body: String,
    pub note: String,
    pub created_at: i64,
}

pub struct NewRevision<'a> {
    pub statement_id: i64,
    pub body: &'a str,
    pub author_id: Option<i64>,
    pub note: &'a str,
    pub submission_key: Option<&'a str>,
}

async fn insert_revision(
    conn: &mut AnyConnection,
    r: &NewRevision<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO statement_revisions (statement_id, body, author_id, note, created_at, submission_key) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(r.statement_id)
    .bind(r.body)
    .bind(r.author_id)
    .bind(r.note)
    .bind(now)
    .bind(r.submission_key)
    .fetch_one(conn)
    .await
}

/// Save a redraft only if the statement still shows `base_revision_id`. Returns the new
/// revision's id, or `None` if someone else saved first (nothing is written then: the
/// caller rolls back). The conditional update is what stops lost updates on both
/// databases: a concurrent writer waits on the row and then finds it moved on.
pub async fn add_revision_if_current(
    conn: &mut AnyConnection,
    revision: &NewRevision<'_>,
    base_revision_id: i64,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let new_id = insert_revision(conn, revision, now).await?;
    let moved = sqlx::query(
        "UPDATE statements SET latest_revision_id = $1 WHERE id = $2 AND latest_revision_id = $3",
    )
    .bind(new_id)
    .bind(revision.statement_id)
    .bind(base_revision_id)
    .execute(conn)
    .await?;
    Ok((moved.rows_affected() == 1).then_some(new_id))
}

pub struct NewStatement<'a> {
    pub framework_id: i64,
    pub theme_id: i64,
    pub body: &'a str,
    pub author_id: Option<i64>,
    pub note: &'a str,
    pub submission_key: Option<&'a str>,
}

/// A new statement at the end of its theme, with its first revision and the theme's
/// next reference number. Returns (statement id, reference).
pub async fn insert_statement(
    conn: &mut AnyConnection,
    s: &NewStatement<'_>,
    now: i64,
) -> Result<(i64, String), sqlx::Error> {
    let (code, number): (String, i64) = sqlx::query_as(
        "UPDATE themes SET next_number = next_number + 1 WHERE id = $1 RETURNING code, next_number - 1",
    )
    .bind(s.theme_id)
    .fetch_one(&mut *conn)
    .await?;
    let reference = format!("{code}-{number}");
    let position: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(position) + 1, 0) FROM statements WHERE theme_id = $1",
    )
    .bind(s.theme_id)
    .fetch_one(&mut *conn)
    .await?;
    let statement_id: i64 = sqlx::query_scalar(
        "INSERT INTO statements (framework_id, theme_id, reference, position, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(s.framework_id)
    .bind(s.theme_id)
    .bind(&reference)
    .bind(position)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let revision = NewRevision {
        statement_id,
        body: s.body,
        author_id: s.author_id,
        note: s.note,
        submission_key: s.submission_key,
    };
    let revision_id = insert_revision(conn, &revision, now).await?;
    sqlx::query("UPDATE statements SET latest_revision_id = $1 WHERE id = $2")
        .bind(revision_id)
        .bind(statement_id)
        .execute(conn)
        .await?;
    Ok((statement_id, reference))
}

/// Put a statement in `theme_id` at `position` (0-based), renumbering its neighbours.
pub async fn place(
    conn: &mut AnyConnection,
    statement_id: i64,
    theme_id: i64,
    position: i64,
) -> Result<(), sqlx::Error> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM statements WHERE theme_id = $1 AND id <> $2 AND retired_at IS NULL ORDER BY position, id",
    )
    .bind(theme_id)
    .bind(statement_id)
    .fetch_all(&mut *conn)
    .await?;
    let at = usize::try_from(position).unwrap_or(0).min(ids.len());
    let mut ordered = ids;
    ordered.insert(at, statement_id);
    sqlx::query("UPDATE statements SET theme_id = $1 WHERE id = $2")
        .bind(theme_id)
        .bind(statement_id)
        .execute(&mut *conn)
        .await?;
    for (index, id) in ordered.iter().enumerate() {
        sqlx::query("UPDATE statements SET position = $1 WHERE id = $2")
            .bind(index as i64)
            .bind(*id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn retire(
    conn: &mut AnyConnection,
    statement_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE statements SET retired_at = $1 WHERE id = $2 AND retired_at IS NULL")
        .bind(now)
        .bind(statement_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn insert_framework(
    conn: &mut AnyConnection,
    slug: &str,
    title: &str,
    summary: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO frameworks (slug, title, summary, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (slug) DO NOTHING RETURNING id",
    )
    .bind(slug)
    .bind(title)
    .bind(summary)
    .bind(now)
    .fetch_optional(conn)
    .await
}

pub async fn update_framework(
    conn: &mut AnyConnection,
    id: i64,
    title: &str,
    summary: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE frameworks SET title = $1, summary = $2 WHERE id = $3")
        .bind(title)
        .bind(summary)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn insert_theme(
    conn: &mut AnyConnection,
    framework_id: i64,
    code: &str,
    title: &str,
    description: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO themes (framework_id, code, title, description, position) \
         VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(position) + 1, 0) FROM themes WHERE framework_id = $1)) \
         ON CONFLICT (framework_id, code) DO NOTHING RETURNING id",
    )
    .bind(framework_id)
    .bind(code)
    .bind(title)
    .bind(description)
    .fetch_optional(conn)
    .await
}

pub async fn update_theme(
    conn: &mut AnyConnection,
    id: i64,
    title: &str,
    description: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE themes SET title = $1, description = $2 WHERE id = $3")
        .bind(title)
        .bind(description)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}
