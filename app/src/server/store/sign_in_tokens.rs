use sqlx::{AnyConnection, FromRow};

pub async fn insert(
    conn: &mut AnyConnection,
    token_hash: &str,
    email: &str,
    (now, expires_at): (i64, i64),
    return_to: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sign_in_tokens (token_hash, email, created_at, expires_at, return_to) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(email)
    .bind(now)
    .bind(expires_at)
    .bind(return_to)
    .execute(conn)
    .await?;
    Ok(())
}

/// Mark the token used and return its address and the page to come back to, in one
/// statement, so two clicks racing each other cannot both succeed.
pub async fn consume(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: i64,
) -> Result<Option<(String, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "UPDATE sign_in_tokens SET used_at = $1 \
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING email, return_to",
    )
    .bind(now)
    .bind(token_hash)
    .fetch_optional(conn)
    .await
}

#[derive(Debug, FromRow)]
pub struct TokenState {
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

pub async fn state(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> Result<Option<TokenState>, sqlx::Error> {
    sqlx::query_as::<_, TokenState>(
        "SELECT expires_at, used_at FROM sign_in_tokens WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await
}

/// Forget tokens a day after they expire; until then they still explain "expired".
pub async fn delete_stale(conn: &mut AnyConnection, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_tokens WHERE expires_at < $1")
        .bind(now - 24 * 60 * 60)
        .execute(conn)
        .await?;
    Ok(())
}
