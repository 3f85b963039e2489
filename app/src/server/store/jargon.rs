use crate::domain::plain_language::JargonEntry;
use sqlx::{AnyConnection, FromRow};

#[derive(FromRow)]
struct JargonRow {
    term: String,
    plainer: String,
}

pub async fn all(conn: &mut AnyConnection) -> Result<Vec<JargonEntry>, sqlx::Error> {
    Ok(
        sqlx::query_as::<_, JargonRow>("SELECT term, plainer FROM jargon ORDER BY LOWER(term)")
            .fetch_all(conn)
            .await?
            .into_iter()
            .map(|row| JargonEntry {
                term: row.term,
                plainer: row.plainer,
            })
            .collect(),
    )
}

/// Returns false if the term is already listed.
pub async fn insert(
    conn: &mut AnyConnection,
    term: &str,
    plainer: &str,
    created_by: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO jargon (term, plainer, created_by, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (term) DO NOTHING",
    )
    .bind(term)
    .bind(plainer)
    .bind(created_by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

pub async fn count(conn: &mut AnyConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM jargon")
        .fetch_one(conn)
        .await
}
