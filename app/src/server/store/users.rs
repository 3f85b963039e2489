use super::super::db::Backend;
use crate::model::{PageRequest, Viewer};
use sqlx::{AnyConnection, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub is_editor: i64,
    pub is_admin: i64,
    pub is_facilitator: i64,
    pub is_moderator: i64,
    pub easy_read: i64,
}

impl From<UserRow> for Viewer {
    fn from(row: UserRow) -> Self {
        Self {
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            is_editor: row.is_editor != 0,
            is_admin: row.is_admin != 0,
            is_facilitator: row.is_facilitator != 0,
            is_moderator: row.is_moderator != 0,
            easy_read: row.easy_read != 0,
        }
    }
}

/// The account for an address, made on first sign-in: anyone may take part.
pub async fn find_or_create_by_email(
    conn: &mut AnyConnection,
    email: &str,
    now: i64,
) -> Result<UserRow, sqlx::Error> {
    Ok(find_or_create(conn, email, now).await?.0)
}

/// As [`find_or_create_by_email`], and whether the account is new.
pub async fn find_or_create(
    conn: &mut AnyConnection,
    email: &str,
    now: i64,
) -> Result<(UserRow, bool), sqlx::Error> {
    let made = sqlx::query(
        "INSERT INTO users (email, created_at) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING",
    )
    .bind(email)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let user =
        sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(format!("{USERS} WHERE email = $1")))
            .bind(email)
            .fetch_one(&mut *conn)
            .await?;
    Ok((user, made.rows_affected() > 0))
}

const USERS: &str = "SELECT id, email, display_name, is_editor, is_admin, is_facilitator, is_moderator, easy_read FROM users";

pub async fn find_by_id(conn: &mut AnyConnection, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(format!("{USERS} WHERE id = $1")))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The people with these ids (those that exist), in one query.
pub async fn find_by_ids(
    conn: &mut AnyConnection,
    ids: &[i64],
) -> Result<Vec<UserRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = super::placeholders(1, ids.len());
    let mut query =
        sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(format!("{USERS} WHERE id IN ({list})")));
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(conn).await
}

/// The people whose name or email address contains `$1` (any case; '' for everyone), in
/// the people list's order (by name, then id, so pages are stable).
const PEOPLE_MATCHING: &str = "FROM users \
    WHERE $1 = '' OR LOWER(display_name) LIKE $1 ESCAPE '\\' OR LOWER(email) LIKE $1 ESCAPE '\\'";
const PEOPLE_ORDER: &str =
    "ORDER BY LOWER(CASE WHEN display_name = '' THEN email ELSE display_name END), id";

/// A search for people as a `LIKE` pattern ('' for everyone): what was typed, in lower
/// case, anywhere in the name or address, with `%` and `_` taken as themselves.
pub fn search_pattern(typed: &str) -> String {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return String::new();
    }
    let escaped = typed
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// One page of the people matching `pattern` (see [`search_pattern`]).
pub async fn page_matching(
    conn: &mut AnyConnection,
    pattern: &str,
    page: PageRequest,
) -> Result<Vec<UserRow>, sqlx::Error> {
    sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(format!(
        "SELECT id, email, display_name, is_editor, is_admin, is_facilitator, is_moderator, easy_read \
         {PEOPLE_MATCHING} {PEOPLE_ORDER} LIMIT $2 OFFSET $3"
    )))
    .bind(pattern)
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(conn)
    .await
}

/// How many people match `pattern`: the rows [`page_matching`] pages through.
pub async fn count_matching(conn: &mut AnyConnection, pattern: &str) -> Result<u64, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) {PEOPLE_MATCHING}"
    )))
    .bind(pattern)
    .fetch_one(conn)
    .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

pub async fn set_display_name(
    conn: &mut AnyConnection,
    id: i64,
    name: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
        .bind(name)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_roles(
    conn: &mut AnyConnection,
    id: i64,
    is_editor: bool,
    is_admin: bool,
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query("UPDATE users SET is_editor = $1, is_admin = $2 WHERE id = $3")
        .bind(i64::from(is_editor))
        .bind(i64::from(is_admin))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(result.rows_affected())
}

/// Give or take away the moderator role (handling reported comments).
pub async fn set_moderator(
    conn: &mut AnyConnection,
    id: i64,
    is_moderator: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET is_moderator = $1 WHERE id = $2")
        .bind(i64::from(is_moderator))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Give or take away the facilitator role (recording what people said at events).
pub async fn set_facilitator(
    conn: &mut AnyConnection,
    id: i64,
    is_facilitator: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET is_facilitator = $1 WHERE id = $2")
        .bind(i64::from(is_facilitator))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The admins, locked until the caller's transaction ends, so two admins removing each
/// other's role at once cannot both see "another admin is left" (PostgreSQL at READ
/// COMMITTED would let them; the second waits here and then sees the first's change).
/// On SQLite the write transaction already holds the database's one write lock.
pub async fn lock_admins(
    conn: &mut AnyConnection,
    backend: Backend,
) -> Result<Vec<i64>, sqlx::Error> {
    let lock = match backend {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    };
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT id FROM users WHERE is_admin = 1 ORDER BY id{lock}"
    )))
    .fetch_all(conn)
    .await
}

pub async fn email_preferences(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<(bool, bool), sqlx::Error> {
    let (easy_read, opt_out): (i64, i64) =
        sqlx::query_as("SELECT easy_read, email_opt_out FROM users WHERE id = $1")
            .bind(id)
            .fetch_one(conn)
            .await?;
    Ok((easy_read != 0, opt_out != 0))
}

pub async fn set_email_preferences(
    conn: &mut AnyConnection,
    id: i64,
    easy_read: bool,
    opt_out: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET easy_read = $1, email_opt_out = $2 WHERE id = $3")
        .bind(i64::from(easy_read))
        .bind(i64::from(opt_out))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The person's "Easy read" choice alone, as the reading switch sets it.
pub async fn set_easy_read(
    conn: &mut AnyConnection,
    id: i64,
    easy_read: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET easy_read = $1 WHERE id = $2")
        .bind(i64::from(easy_read))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}
