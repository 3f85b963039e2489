//! What one-click unsubscribe reads and writes: the key its links are signed with, and
//! the "no emails about new versions" choice of a signed-in person (`users`) or of
//! someone recorded at an event (`event_participants`).

use sqlx::AnyConnection;

/// The secret named `name`, if it has been made.
pub async fn secret(conn: &mut AnyConnection, name: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT secret FROM site_secrets WHERE name = $1")
        .bind(name)
        .fetch_optional(conn)
        .await
}

/// Keep `secret` as `name` unless one is kept already (another app server starting at
/// the same moment may have made it first; theirs stays).
pub async fn keep_secret_once(
    conn: &mut AnyConnection,
    name: &str,
    secret: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO site_secrets (name, secret, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(secret)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether the person has said "no emails about new versions"; `None`: no such person.
pub async fn user_opted_out(
    conn: &mut AnyConnection,
    user_id: i64,
) -> Result<Option<bool>, sqlx::Error> {
    let flag: Option<i64> = sqlx::query_scalar("SELECT email_opt_out FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(conn)
        .await?;
    Ok(flag.map(|f| f != 0))
}

/// Set the person's choice: the same one as on their account page.
pub async fn set_user_opted_out(
    conn: &mut AnyConnection,
    user_id: i64,
    opted_out: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET email_opt_out = $1 WHERE id = $2")
        .bind(i64::from(opted_out))
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// [`user_opted_out`] for someone recorded at an event.
pub async fn participant_opted_out(
    conn: &mut AnyConnection,
    participant_id: i64,
) -> Result<Option<bool>, sqlx::Error> {
    let flag: Option<i64> =
        sqlx::query_scalar("SELECT email_opt_out FROM event_participants WHERE id = $1")
            .bind(participant_id)
            .fetch_optional(conn)
            .await?;
    Ok(flag.map(|f| f != 0))
}

/// [`set_user_opted_out`] for someone recorded at an event.
pub async fn set_participant_opted_out(
    conn: &mut AnyConnection,
    participant_id: i64,
    opted_out: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE event_participants SET email_opt_out = $1 WHERE id = $2")
        .bind(i64::from(opted_out))
        .bind(participant_id)
        .execute(conn)
        .await?;
    Ok(())
}
