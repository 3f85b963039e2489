//! Form posts kept while their sender signs in again (see `server::held`).

use sqlx::{AnyConnection, FromRow};

/// One held form post.
#[derive(Debug, Clone, FromRow)]
pub struct HeldRow {
    pub user_id: Option<i64>,
    pub form: String,
    pub field: String,
    /// The fields as a JSON object of strings.
    pub fields: String,
}

pub struct NewHeld<'a> {
    pub token_hash: &'a str,
    pub user_id: Option<i64>,
    pub page: &'a str,
    pub form: &'a str,
    pub field: &'a str,
    pub fields: &'a str,
    pub now: i64,
    pub expires_at: i64,
}

pub async fn insert(conn: &mut AnyConnection, held: NewHeld<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO held_submissions (token_hash, user_id, page, form, field, fields, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(held.token_hash)
    .bind(held.user_id)
    .bind(held.page)
    .bind(held.form)
    .bind(held.field)
    .bind(held.fields)
    .bind(held.now)
    .bind(held.expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The held post for `page`, if it has not expired, removed as it is read: it fills the
/// form once.
pub async fn take(
    conn: &mut AnyConnection,
    token_hash: &str,
    page: &str,
    now: i64,
) -> Result<Option<HeldRow>, sqlx::Error> {
    sqlx::query_as::<_, HeldRow>(
        "DELETE FROM held_submissions WHERE token_hash = $1 AND page = $2 AND expires_at > $3 \
         RETURNING user_id, form, field, fields",
    )
    .bind(token_hash)
    .bind(page)
    .bind(now)
    .fetch_optional(conn)
    .await
}

pub async fn delete_expired(conn: &mut AnyConnection, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM held_submissions WHERE expires_at <= $1")
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}
