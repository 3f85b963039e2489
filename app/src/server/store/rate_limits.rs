use super::super::db::{Backend, Tx};

/// Record one attempt in `bucket` if fewer than `max` happened in the last `window`
/// seconds. Returns whether the attempt is allowed. Runs inside the caller's write
/// transaction; on PostgreSQL an advisory lock on the bucket serialises concurrent
/// attempts so a burst cannot slip past the count.
pub async fn try_hit(
    tx: &mut Tx,
    backend: Backend,
    bucket: &str,
    now: i64,
    window: i64,
    max: i64,
) -> Result<bool, sqlx::Error> {
    Ok(try_hit_or_wait(tx, backend, bucket, now, window, max)
        .await?
        .is_none())
}

/// As [`try_hit`], but a refused attempt says when the next one would be allowed: the
/// moment the oldest attempt in the window leaves it. `None` means allowed (and counted).
/// Because the hit is written in the caller's transaction, an attempt that fails later
/// and rolls back is not counted.
pub async fn try_hit_or_wait(
    tx: &mut Tx,
    backend: Backend,
    bucket: &str,
    now: i64,
    window: i64,
    max: i64,
) -> Result<Option<i64>, sqlx::Error> {
    if backend == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))::text")
            .bind(bucket)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query("DELETE FROM rate_limit_hits WHERE bucket = $1 AND hit_at <= $2")
        .bind(bucket)
        .bind(now - window)
        .execute(&mut **tx)
        .await?;
    let (recent, oldest): (i64, Option<i64>) =
        sqlx::query_as("SELECT COUNT(*), MIN(hit_at) FROM rate_limit_hits WHERE bucket = $1")
            .bind(bucket)
            .fetch_one(&mut **tx)
            .await?;
    if recent >= max {
        return Ok(Some(oldest.unwrap_or(now) + window));
    }
    sqlx::query("INSERT INTO rate_limit_hits (bucket, hit_at) VALUES ($1, $2)")
        .bind(bucket)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(None)
}

/// Every count is kept this long at most: longer than any window a limit uses (an
/// hour), so purging never forgets a hit that still counts.
pub const KEPT_FOR: i64 = 24 * 60 * 60;

/// Forget hits older than [`KEPT_FOR`] in every bucket: a bucket is purged of its own
/// old hits when it is next used, but addresses that never come back would otherwise
/// stay for ever (an index on `hit_at` finds them, migration 0017).
pub async fn purge_old(tx: &mut Tx, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rate_limit_hits WHERE hit_at <= $1")
        .bind(now - KEPT_FOR)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
