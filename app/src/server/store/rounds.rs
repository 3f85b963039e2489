use sqlx::{AnyConnection, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct RoundRow {
    pub id: i64,
    pub framework_id: i64,
    pub title: String,
    pub introduction: String,
    pub opens_at: i64,
    pub closes_at: i64,
    /// The published version that answered it.
    pub publication_id: Option<i64>,
}

const ROUNDS: &str =
    "SELECT id, framework_id, title, introduction, opens_at, closes_at, publication_id FROM rounds";

pub async fn for_framework(
    conn: &mut AnyConnection,
    framework_id: i64,
) -> Result<Vec<RoundRow>, sqlx::Error> {
    sqlx::query_as::<_, RoundRow>(sqlx::AssertSqlSafe(format!(
        "{ROUNDS} WHERE framework_id = $1 ORDER BY opens_at, id"
    )))
    .bind(framework_id)
    .fetch_all(conn)
    .await
}

/// The rounds the next version would answer: started, and answered by no version yet.
pub async fn awaiting_publication(
    conn: &mut AnyConnection,
    framework_id: i64,
    now: i64,
) -> Result<Vec<RoundRow>, sqlx::Error> {
    sqlx::query_as::<_, RoundRow>(sqlx::AssertSqlSafe(format!(
        "{ROUNDS} WHERE framework_id = $1 AND publication_id IS NULL AND opens_at <= $2 ORDER BY opens_at, id"
    )))
    .bind(framework_id)
    .bind(now)
    .fetch_all(conn)
    .await
}

/// The rounds a published version answers, oldest first.
pub async fn for_publication(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<Vec<RoundRow>, sqlx::Error> {
    sqlx::query_as::<_, RoundRow>(sqlx::AssertSqlSafe(format!(
        "{ROUNDS} WHERE publication_id = $1 ORDER BY opens_at, id"
    )))
    .bind(publication_id)
    .fetch_all(conn)
    .await
}

/// The round open at `now`, if any. Rounds of one framework do not overlap.
pub async fn open_at(
    conn: &mut AnyConnection,
    framework_id: i64,
    now: i64,
) -> Result<Option<RoundRow>, sqlx::Error> {
    sqlx::query_as::<_, RoundRow>(sqlx::AssertSqlSafe(format!(
        "{ROUNDS} WHERE framework_id = $1 AND opens_at <= $2 AND closes_at > $2 ORDER BY opens_at LIMIT 1"
    )))
    .bind(framework_id)
    .bind(now)
    .fetch_optional(conn)
    .await
}

pub async fn find(conn: &mut AnyConnection, id: i64) -> Result<Option<RoundRow>, sqlx::Error> {
    sqlx::query_as::<_, RoundRow>(sqlx::AssertSqlSafe(format!("{ROUNDS} WHERE id = $1")))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Rounds of this framework whose dates overlap `opens_at..closes_at`.
pub async fn overlapping(
    conn: &mut AnyConnection,
    framework_id: i64,
    opens_at: i64,
    closes_at: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM rounds WHERE framework_id = $1 AND opens_at < $3 AND closes_at > $2",
    )
    .bind(framework_id)
    .bind(opens_at)
    .bind(closes_at)
    .fetch_one(conn)
    .await
}

pub struct NewRound<'a> {
    pub framework_id: i64,
    pub title: &'a str,
    pub introduction: &'a str,
    pub opens_at: i64,
    pub closes_at: i64,
    pub created_by: i64,
}

pub async fn insert(
    conn: &mut AnyConnection,
    round: &NewRound<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO rounds (framework_id, title, introduction, opens_at, closes_at, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(round.framework_id)
    .bind(round.title)
    .bind(round.introduction)
    .bind(round.opens_at)
    .bind(round.closes_at)
    .bind(round.created_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn close_now(conn: &mut AnyConnection, id: i64, now: i64) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("UPDATE rounds SET closes_at = $1 WHERE id = $2 AND closes_at > $1")
            .bind(now)
            .bind(id)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}

/// A closed round takes comments again until `closes_at`.
pub async fn reopen(conn: &mut AnyConnection, id: i64, closes_at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE rounds SET closes_at = $1 WHERE id = $2")
        .bind(closes_at)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// When the framework's round that closed last closed, if one has closed by `now`.
pub async fn last_closed_by(
    conn: &mut AnyConnection,
    framework_id: i64,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT MAX(closes_at) FROM rounds WHERE framework_id = $1 AND closes_at <= $2",
    )
    .bind(framework_id)
    .bind(now)
    .fetch_one(conn)
    .await
}
