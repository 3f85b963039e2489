//! The email outbox's SQL. Statuses: `queued` (never tried), `sending` (claimed by a
//! worker until `claimed_until`), `sent`, `retrying` (waiting for `next_attempt_at`) and
//! `failed` (given up; an admin can requeue it).

use super::super::db::Backend;
use sqlx::{AnyConnection, FromRow};

pub struct NewRow<'a> {
    pub dedupe_key: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub text_body: &'a str,
    pub html_body: Option<&'a str>,
    pub batch: Option<&'a str>,
}

/// Queue one email unless one with the same dedupe key exists. Returns whether it was
/// queued now.
pub async fn insert(
    conn: &mut AnyConnection,
    row: &NewRow<'_>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO outbox \
           (dedupe_key, recipient, subject, text_body, html_body, batch, status, attempts, \
            next_attempt_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'queued', 0, $7, $7) \
         ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(row.dedupe_key)
    .bind(row.recipient)
    .bind(row.subject)
    .bind(row.text_body)
    .bind(row.html_body)
    .bind(row.batch)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A claimed message, as the worker needs it to send.
#[derive(Debug, Clone, FromRow)]
pub struct Claimed {
    pub id: i64,
    pub dedupe_key: String,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: Option<String>,
    /// Counting this one.
    pub attempts: i64,
    pub claimed_until: i64,
}

#[derive(Debug, FromRow)]
struct Due {
    id: i64,
    status: String,
}

/// Claim up to `limit` messages that are due (or whose previous worker's lease ran out)
/// until `lease_until`, counting an attempt for each. Must run inside a write
/// transaction: on SQLite `BEGIN IMMEDIATE` makes it atomic, on PostgreSQL the selected
/// rows stay locked until commit and rows another worker is claiming are skipped, so two
/// workers never claim the same message.
pub async fn claim(
    conn: &mut AnyConnection,
    backend: Backend,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> Result<Vec<Claimed>, sqlx::Error> {
    let lock = match backend {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let due: Vec<Due> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT id, status FROM outbox \
         WHERE (status IN ('queued', 'retrying') AND next_attempt_at <= $1) \
            OR (status = 'sending' AND claimed_until <= $1) \
         ORDER BY next_attempt_at, id LIMIT $2{lock}"
    )))
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let ids = placeholders(2, due.len());
    let mut update = sqlx::query_as::<_, Claimed>(sqlx::AssertSqlSafe(format!(
        "UPDATE outbox SET status = 'sending', claimed_until = $1, attempts = attempts + 1 \
         WHERE id IN ({ids}) \
         RETURNING id, dedupe_key, recipient, subject, text_body, html_body, attempts, \
           claimed_until"
    )))
    .bind(lease_until);
    for row in &due {
        update = update.bind(row.id);
    }
    let mut claimed = update.fetch_all(&mut *conn).await?;
    claimed.sort_by_key(|c| c.id);
    // A row still 'sending' was claimed by a worker that stopped (crashed, killed,
    // restarted) before recording an outcome: say so in its history.
    for row in due.iter().filter(|d| d.status == "sending") {
        record_attempt(
            conn,
            row.id,
            now,
            "interrupted",
            "the worker stopped before recording an outcome; sending again",
        )
        .await?;
    }
    Ok(claimed)
}

fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Keep the lease on messages this worker is still working through. Returns the ids it
/// still holds (a row whose lease another worker took over is not ours any more).
pub async fn extend_lease(
    conn: &mut AnyConnection,
    ids: &[i64],
    held_until: i64,
    new_until: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = placeholders(3, ids.len());
    let mut query = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
        "UPDATE outbox SET claimed_until = $1 \
         WHERE status = 'sending' AND claimed_until = $2 AND id IN ({list}) RETURNING id"
    )))
    .bind(new_until)
    .bind(held_until);
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(conn).await
}

/// Hand back claimed messages that were not tried (the worker is stopping), without
/// counting an attempt, so any worker can take them at once.
pub async fn release(
    conn: &mut AnyConnection,
    ids: &[i64],
    held_until: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    if ids.is_empty() {
        return Ok(());
    }
    let list = placeholders(3, ids.len());
    let mut query = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE outbox SET \
           status = CASE WHEN attempts > 1 THEN 'retrying' ELSE 'queued' END, \
           attempts = attempts - 1, claimed_until = NULL, next_attempt_at = $1 \
         WHERE status = 'sending' AND claimed_until = $2 AND id IN ({list})"
    )))
    .bind(now)
    .bind(held_until);
    for id in ids {
        query = query.bind(*id);
    }
    query.execute(conn).await?;
    Ok(())
}

pub async fn record_attempt(
    conn: &mut AnyConnection,
    outbox_id: i64,
    at: i64,
    outcome: &str,
    detail: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO outbox_attempts (outbox_id, at, outcome, detail) VALUES ($1, $2, $3, $4)",
    )
    .bind(outbox_id)
    .bind(at)
    .bind(outcome)
    .bind(detail)
    .execute(conn)
    .await?;
    Ok(())
}

/// The server accepted it (250). Marked whoever holds the lease now: it was delivered.
pub async fn mark_sent(conn: &mut AnyConnection, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET status = 'sent', sent_at = $1, claimed_until = NULL, last_error = NULL \
         WHERE id = $2",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    record_attempt(conn, id, now, "sent", "").await
}

/// Try again at `next_attempt_at`, unless another worker took the message over after
/// this one's lease (`held_until`) ran out: then that worker decides.
pub async fn mark_retrying(
    conn: &mut AnyConnection,
    id: i64,
    held_until: i64,
    now: i64,
    next_attempt_at: i64,
    error: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET status = 'retrying', next_attempt_at = $1, claimed_until = NULL, \
           last_error = $2 \
         WHERE id = $3 AND status = 'sending' AND claimed_until = $4",
    )
    .bind(next_attempt_at)
    .bind(error)
    .bind(id)
    .bind(held_until)
    .execute(&mut *conn)
    .await?;
    record_attempt(conn, id, now, "transient_failure", error).await
}

/// Given up: a permanent refusal, or too many attempts.
pub async fn mark_failed(
    conn: &mut AnyConnection,
    id: i64,
    held_until: i64,
    now: i64,
    outcome: &str,
    error: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET status = 'failed', claimed_until = NULL, last_error = $1 \
         WHERE id = $2 AND status = 'sending' AND claimed_until = $3",
    )
    .bind(error)
    .bind(id)
    .bind(held_until)
    .execute(&mut *conn)
    .await?;
    record_attempt(conn, id, now, outcome, error).await
}

/// Requeue the failed messages of a batch with a fresh count of attempts. Returns how many.
pub async fn requeue_failed(
    conn: &mut AnyConnection,
    batch: &str,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = $1, \
           claimed_until = NULL \
         WHERE batch = $2 AND status = 'failed'",
    )
    .bind(now)
    .bind(batch)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// How many messages of a batch are in each status, in one query.
pub async fn count_by_status(
    conn: &mut AnyConnection,
    batch: &str,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT status, COUNT(*) FROM outbox WHERE batch = $1 GROUP BY status ORDER BY status",
    )
    .bind(batch)
    .fetch_all(conn)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct AttemptRow {
    pub at: i64,
    pub outcome: String,
    pub detail: String,
}

/// One message's attempts, oldest first.
pub async fn attempts(conn: &mut AnyConnection, id: i64) -> Result<Vec<AttemptRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT at, outcome, detail FROM outbox_attempts WHERE outbox_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(conn)
    .await
}
