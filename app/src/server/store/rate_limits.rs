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
    let recent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rate_limit_hits WHERE bucket = $1")
        .bind(bucket)
        .fetch_one(&mut **tx)
        .await?;
    if recent >= max {
        return Ok(false);
    }
    sqlx::query("INSERT INTO rate_limit_hits (bucket, hit_at) VALUES ($1, $2)")
        .bind(bucket)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(true)
}
