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

/// Where a person's "no emails about new versions" choice is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum People {
    /// Someone with an account: the choice on their account page.
    Users,
    /// Someone recorded at an event, with no account.
    EventParticipants,
}

impl People {
    fn table(self) -> &'static str {
        match self {
            People::Users => "users",
            People::EventParticipants => "event_participants",
        }
    }
}

/// Whether the person has stopped emails about new versions; `None`: no such person.
pub async fn opted_out(
    conn: &mut AnyConnection,
    people: People,
    id: i64,
) -> Result<Option<bool>, sqlx::Error> {
    let flag: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT email_opt_out FROM {} WHERE id = $1",
        people.table()
    )))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(flag.map(|f| f != 0))
}

/// Stop (or start again) the person's emails about new versions.
pub async fn set_opted_out(
    conn: &mut AnyConnection,
    people: People,
    id: i64,
    opted_out: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE {} SET email_opt_out = $1 WHERE id = $2",
        people.table()
    )))
    .bind(i64::from(opted_out))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}
