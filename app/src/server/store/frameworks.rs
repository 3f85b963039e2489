use sqlx::{AnyConnection, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct FrameworkRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub statement_count: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct ThemeRow {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub description: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct StatementRow {
    pub id: i64,
    pub theme_id: i64,
    pub reference: String,
    pub position: i64,
    pub retired_at: Option<i64>,
    pub revision_id: i64,
    pub body: String,
    pub revised_at: i64,
    pub revision_count: i64,
}

// A statement's current text is the revision `latest_revision_id` points at. The count
// is a correlated sub-query on the (statement_id, id) index: still one query per page.
const STATEMENTS: &str = "\
    SELECT s.id, s.theme_id, s.reference, s.position, s.retired_at, r.id AS revision_id, r.body, \
      r.created_at AS revised_at, \
      (SELECT COUNT(*) FROM statement_revisions c WHERE c.statement_id = s.id AND c.text_kind = 'standard') AS revision_count \
    FROM statements s \
    JOIN themes t ON t.id = s.theme_id \
    JOIN statement_revisions r ON r.id = s.latest_revision_id \
    WHERE s.framework_id = $1";

pub async fn count(conn: &mut AnyConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM frameworks")
        .fetch_one(conn)
        .await
}

pub async fn list(conn: &mut AnyConnection) -> Result<Vec<FrameworkRow>, sqlx::Error> {
    sqlx::query_as::<_, FrameworkRow>(
        "SELECT f.id, f.slug, f.title, f.summary, \
           (SELECT COUNT(*) FROM statements s \
             WHERE s.framework_id = f.id AND s.retired_at IS NULL) AS statement_count \
         FROM frameworks f ORDER BY f.title",
    )
    .fetch_all(conn)
    .await
}

pub async fn find_by_slug(
    conn: &mut AnyConnection,
    slug: &str,
) -> Result<Option<FrameworkRow>, sqlx::Error> {
    sqlx::query_as::<_, FrameworkRow>(
        "SELECT f.id, f.slug, f.title, f.summary, \
           (SELECT COUNT(*) FROM statements s \
             WHERE s.framework_id = f.id AND s.retired_at IS NULL) AS statement_count \
         FROM frameworks f WHERE f.slug = $1",
    )
    .bind(slug)
    .fetch_optional(conn)
    .await
}

pub async fn themes(
    conn: &mut AnyConnection,
    framework_id: i64,
) -> Result<Vec<ThemeRow>, sqlx::Error> {
    sqlx::query_as::<_, ThemeRow>(
        "SELECT id, code, title, description FROM themes \
         WHERE framework_id = $1 ORDER BY position, id",
    )
    .bind(framework_id)
    .fetch_all(conn)
    .await
}

pub async fn current_statements(
    conn: &mut AnyConnection,
    framework_id: i64,
) -> Result<Vec<StatementRow>, sqlx::Error> {
    sqlx::query_as::<_, StatementRow>(sqlx::AssertSqlSafe(format!(
        "{STATEMENTS} AND s.retired_at IS NULL ORDER BY t.position, s.position, s.id"
    )))
    .bind(framework_id)
    .fetch_all(conn)
    .await
}

/// One statement by reference, retired or not: its history is never hidden.
pub async fn statement(
    conn: &mut AnyConnection,
    framework_id: i64,
    reference: &str,
) -> Result<Option<StatementRow>, sqlx::Error> {
    sqlx::query_as::<_, StatementRow>(sqlx::AssertSqlSafe(format!(
        "{STATEMENTS} AND s.reference = $2"
    )))
    .bind(framework_id)
    .bind(reference)
    .fetch_optional(conn)
    .await
}

pub async fn theme(
    conn: &mut AnyConnection,
    theme_id: i64,
) -> Result<Option<ThemeRow>, sqlx::Error> {
    sqlx::query_as::<_, ThemeRow>("SELECT id, code, title, description FROM themes WHERE id = $1")
        .bind(theme_id)
        .fetch_optional(conn)
        .await
}

/// Take the framework's row lock until the caller's transaction ends. Every change that
/// must not interleave with publishing (publishing itself, answering a comment, opening
/// a round) takes it first, so on PostgreSQL the second waits and then reads what the
/// first wrote. SQLite's write lock, taken by `begin_write`, already does the same.
pub async fn lock(conn: &mut AnyConnection, framework_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE frameworks SET id = id WHERE id = $1")
        .bind(framework_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A framework's settings (migration 0007): the share of comments drawing on lived
/// experience below which a round is shown as under-heard, in percent, and whether
/// publishing needs an easy read version of every statement (0 or 1).
#[derive(Debug, Clone, FromRow)]
pub struct SettingsRow {
    pub lived_experience_target: i64,
    pub requires_easy_read: i64,
}

pub async fn settings(
    conn: &mut AnyConnection,
    framework_id: i64,
) -> Result<SettingsRow, sqlx::Error> {
    sqlx::query_as::<_, SettingsRow>(
        "SELECT lived_experience_target, requires_easy_read FROM frameworks WHERE id = $1",
    )
    .bind(framework_id)
    .fetch_one(conn)
    .await
}

pub async fn update_settings(
    conn: &mut AnyConnection,
    framework_id: i64,
    lived_experience_target: u8,
    requires_easy_read: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE frameworks SET lived_experience_target = $1, requires_easy_read = $2 WHERE id = $3",
    )
    .bind(i64::from(lived_experience_target))
    .bind(i64::from(requires_easy_read))
    .bind(framework_id)
    .execute(conn)
    .await?;
    Ok(())
}
