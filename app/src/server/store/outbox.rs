//! The email outbox's SQL. A row's [`Status`] and each attempt's [`AttemptOutcome`] are
//! stored as text; the enums below are the only place those words are spelt, and every
//! query binds them (they encode and decode as text) rather than repeating them.

use super::{super::db::Backend, stored::stored_word};
use sqlx::{AnyConnection, FromRow};

/// Where an outbox row is on its way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Never tried.
    Queued,
    /// Claimed by a worker until `claimed_until`.
    Sending,
    Sent,
    /// Waiting for `next_attempt_at`.
    Retrying,
    /// Given up; an admin can requeue it.
    Failed,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Self::Queued,
        Self::Sending,
        Self::Sent,
        Self::Retrying,
        Self::Failed,
    ];

    /// The word stored in `outbox.status` (and allowed by its CHECK constraint).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Retrying => "retrying",
            Self::Failed => "failed",
        }
    }
}

/// What one attempt at sending came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttemptOutcome {
    /// The server accepted it (250).
    Sent,
    /// A 4xx or connection trouble: worth trying again (or given up after the last try).
    TransientFailure,
    /// A 5xx: the server refused it for good.
    PermanentFailure,
    /// The worker stopped between claiming and recording, so nobody knows.
    Interrupted,
}

impl AttemptOutcome {
    pub const ALL: [AttemptOutcome; 4] = [
        Self::Sent,
        Self::TransientFailure,
        Self::PermanentFailure,
        Self::Interrupted,
    ];

    /// The word stored in `outbox_attempts.outcome` (and allowed by its CHECK constraint).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sent => "sent",
            Self::TransientFailure => "transient_failure",
            Self::PermanentFailure => "permanent_failure",
            Self::Interrupted => "interrupted",
        }
    }
}

stored_word!(Status, "outbox status");
stored_word!(AttemptOutcome, "outbox attempt outcome");

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
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $8) \
         ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(row.dedupe_key)
    .bind(row.recipient)
    .bind(row.subject)
    .bind(row.text_body)
    .bind(row.html_body)
    .bind(row.batch)
    .bind(Status::Queued)
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
    /// Set for a version's personal email: its body is written now, at send time.
    pub publication_id: Option<i64>,
    pub user_id: Option<i64>,
    pub participant_id: Option<i64>,
    /// Set for the email telling an author what a moderator did: written at send time.
    pub moderation_action_id: Option<i64>,
    /// Counting this one.
    pub attempts: i64,
    pub claimed_until: i64,
}

#[derive(Debug, FromRow)]
struct Due {
    id: i64,
    status: Status,
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
         WHERE (status IN ($3, $4) AND next_attempt_at <= $1) \
            OR (status = $5 AND claimed_until <= $1) \
         ORDER BY next_attempt_at, id LIMIT $2{lock}"
    )))
    .bind(now)
    .bind(limit)
    .bind(Status::Queued)
    .bind(Status::Retrying)
    .bind(Status::Sending)
    .fetch_all(&mut *conn)
    .await?;
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let ids = super::placeholders(3, due.len());
    let mut update = sqlx::query_as::<_, Claimed>(sqlx::AssertSqlSafe(format!(
        "UPDATE outbox SET status = $1, claimed_until = $2, attempts = attempts + 1 \
         WHERE id IN ({ids}) \
         RETURNING id, dedupe_key, recipient, subject, text_body, html_body, publication_id, \
           user_id, participant_id, moderation_action_id, attempts, claimed_until"
    )))
    .bind(Status::Sending)
    .bind(lease_until);
    for row in &due {
        update = update.bind(row.id);
    }
    let mut claimed = update.fetch_all(&mut *conn).await?;
    claimed.sort_by_key(|c| c.id);
    // A row still 'sending' was claimed by a worker that stopped (crashed, killed,
    // restarted) before recording an outcome: say so in its history.
    for row in due.iter().filter(|d| d.status == Status::Sending) {
        record_attempt(
            conn,
            row.id,
            now,
            AttemptOutcome::Interrupted,
            "the worker stopped before recording an outcome; sending again",
        )
        .await?;
    }
    Ok(claimed)
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
    let list = super::placeholders(4, ids.len());
    let mut query = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
        "UPDATE outbox SET claimed_until = $1 \
         WHERE status = $3 AND claimed_until = $2 AND id IN ({list}) RETURNING id"
    )))
    .bind(new_until)
    .bind(held_until)
    .bind(Status::Sending);
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
    let list = super::placeholders(6, ids.len());
    let mut query = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE outbox SET \
           status = CASE WHEN attempts > 1 THEN $3 ELSE $4 END, \
           attempts = attempts - 1, claimed_until = NULL, next_attempt_at = $1 \
         WHERE status = $5 AND claimed_until = $2 AND id IN ({list})"
    )))
    .bind(now)
    .bind(held_until)
    .bind(Status::Retrying)
    .bind(Status::Queued)
    .bind(Status::Sending);
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
    outcome: AttemptOutcome,
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

/// The server accepted them (250): marked whoever holds the lease now, as they were
/// delivered, with an attempt each, in two statements however many there are.
pub async fn mark_sent(conn: &mut AnyConnection, ids: &[i64], now: i64) -> Result<(), sqlx::Error> {
    if ids.is_empty() {
        return Ok(());
    }
    let list = super::placeholders(3, ids.len());
    let mut update = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE outbox SET status = $1, sent_at = $2, claimed_until = NULL, last_error = NULL \
         WHERE id IN ({list})"
    )))
    .bind(Status::Sent)
    .bind(now);
    for id in ids {
        update = update.bind(*id);
    }
    update.execute(&mut *conn).await?;
    let mut attempts = sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO outbox_attempts (outbox_id, at, outcome, detail) \
         SELECT id, $1, $2, '' FROM outbox WHERE id IN ({list}) ORDER BY id"
    )))
    .bind(now)
    .bind(AttemptOutcome::Sent);
    for id in ids {
        attempts = attempts.bind(*id);
    }
    attempts.execute(conn).await?;
    Ok(())
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
        "UPDATE outbox SET status = $1, next_attempt_at = $2, claimed_until = NULL, \
           last_error = $3 \
         WHERE id = $4 AND status = $5 AND claimed_until = $6",
    )
    .bind(Status::Retrying)
    .bind(next_attempt_at)
    .bind(error)
    .bind(id)
    .bind(Status::Sending)
    .bind(held_until)
    .execute(&mut *conn)
    .await?;
    record_attempt(conn, id, now, AttemptOutcome::TransientFailure, error).await
}

/// Given up: a permanent refusal, or too many attempts (`outcome` says which the last
/// attempt was). Like [`mark_retrying`], only while this worker still holds the lease.
pub async fn mark_failed(
    conn: &mut AnyConnection,
    id: i64,
    held_until: i64,
    now: i64,
    outcome: AttemptOutcome,
    error: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET status = $1, claimed_until = NULL, last_error = $2 \
         WHERE id = $3 AND status = $4 AND claimed_until = $5",
    )
    .bind(Status::Failed)
    .bind(error)
    .bind(id)
    .bind(Status::Sending)
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
        "UPDATE outbox SET status = $1, attempts = 0, next_attempt_at = $2, \
           claimed_until = NULL \
         WHERE batch = $3 AND status = $4",
    )
    .bind(Status::Queued)
    .bind(now)
    .bind(batch)
    .bind(Status::Failed)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// How many messages of a batch are in each status, in one query. A status no variant
/// names is a decoding error, not a row to skip.
pub async fn count_by_status(
    conn: &mut AnyConnection,
    batch: &str,
) -> Result<Vec<(Status, i64)>, sqlx::Error> {
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
    pub outcome: AttemptOutcome,
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
