use super::users::UserRow;
use sqlx::{AnyConnection, FromRow};

pub async fn create(
    conn: &mut AnyConnection,
    id_hash: &str,
    user_id: i64,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, created_at, expires_at, last_seen_at) \
         VALUES ($1, $2, $3, $4, $3)",
    )
    .bind(id_hash)
    .bind(user_id)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// A live session's person, and when the session was last used.
#[derive(Debug, Clone, FromRow)]
pub struct SessionUser {
    #[sqlx(flatten)]
    pub user: UserRow,
    pub last_seen_at: i64,
}

/// The person a live session belongs to, in one query: a session is live until it
/// expires, and while it was used within `idle` seconds (`staff_idle` for editors,
/// admins and facilitators, who can see and change more).
pub async fn find_user(
    conn: &mut AnyConnection,
    id_hash: &str,
    now: i64,
    (idle, staff_idle): (i64, i64),
) -> Result<Option<SessionUser>, sqlx::Error> {
    sqlx::query_as::<_, SessionUser>(
        "SELECT u.id, u.email, u.display_name, u.is_editor, u.is_admin, u.is_facilitator, u.is_moderator, u.easy_read, \
           s.last_seen_at \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.id_hash = $1 AND s.expires_at > $2 \
           AND s.last_seen_at > $2 - CASE WHEN u.is_editor <> 0 OR u.is_admin <> 0 OR u.is_facilitator <> 0 OR u.is_moderator <> 0 \
             THEN $3 ELSE $4 END",
    )
    .bind(id_hash)
    .bind(now)
    .bind(staff_idle)
    .bind(idle)
    .fetch_optional(conn)
    .await
}

/// Record that a session was used now.
pub async fn touch(conn: &mut AnyConnection, id_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
        .bind(now)
        .bind(id_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// End every session of one person: on every device they are signed out.
pub async fn delete_for_user(conn: &mut AnyConnection, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete(conn: &mut AnyConnection, id_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(id_hash)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_expired(conn: &mut AnyConnection, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Whose a session was, live or not (a session that ended unused stays until it
/// expires), so what they sent after it ended can be given back to them alone.
pub async fn owner(conn: &mut AnyConnection, id_hash: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT user_id FROM sessions WHERE id_hash = $1")
        .bind(id_hash)
        .fetch_optional(conn)
        .await
}
