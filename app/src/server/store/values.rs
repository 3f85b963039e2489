//! A framework's values, the values each statement carries, and the copy of them a
//! published version keeps.

use sqlx::{AnyConnection, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct ValueRow {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub description: String,
}

/// A framework's values in their order (on the `(framework_id, code)` unique index).
pub async fn for_framework(
    conn: &mut AnyConnection,
    framework_id: i64,
) -> Result<Vec<ValueRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, code, title, description FROM framework_values \
         WHERE framework_id = $1 ORDER BY position, id",
    )
    .bind(framework_id)
    .fetch_all(conn)
    .await
}

/// A new value at the end of the framework's list; `None` when the code is taken.
pub async fn insert(
    conn: &mut AnyConnection,
    framework_id: i64,
    code: &str,
    title: &str,
    description: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO framework_values (framework_id, code, title, description, position) \
         VALUES ($1, $2, $3, $4, \
           (SELECT COALESCE(MAX(position) + 1, 0) FROM framework_values WHERE framework_id = $1)) \
         ON CONFLICT (framework_id, code) DO NOTHING RETURNING id",
    )
    .bind(framework_id)
    .bind(code)
    .bind(title)
    .bind(description)
    .fetch_optional(conn)
    .await
}

pub async fn update(
    conn: &mut AnyConnection,
    id: i64,
    title: &str,
    description: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE framework_values SET title = $1, description = $2 WHERE id = $3")
        .bind(title)
        .bind(description)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Put a framework's values in this order (first id first).
pub async fn order(conn: &mut AnyConnection, value_ids: &[i64]) -> Result<(), sqlx::Error> {
    for (position, id) in value_ids.iter().enumerate() {
        sqlx::query("UPDATE framework_values SET position = $1 WHERE id = $2")
            .bind(position as i64)
            .bind(*id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Which value each statement of a framework carries, as (statement id, value id), in
/// one query whatever the number of statements.
pub async fn carried_in_framework(
    conn: &mut AnyConnection,
    framework_id: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT sv.statement_id, sv.value_id FROM statement_values sv \
         JOIN framework_values v ON v.id = sv.value_id \
         WHERE v.framework_id = $1",
    )
    .bind(framework_id)
    .fetch_all(conn)
    .await
}

/// Make a statement carry exactly these values.
pub async fn set_for_statement(
    conn: &mut AnyConnection,
    statement_id: i64,
    value_ids: &[i64],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM statement_values WHERE statement_id = $1")
        .bind(statement_id)
        .execute(&mut *conn)
        .await?;
    for value in value_ids {
        sqlx::query("INSERT INTO statement_values (statement_id, value_id) VALUES ($1, $2)")
            .bind(statement_id)
            .bind(*value)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Copy the values of every statement a version holds into the version, so a later
/// change of values does not rewrite what was published. Run in the transaction that
/// writes the version, after its statements.
pub async fn snapshot_for_publication(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO publication_statement_values \
           (publication_id, statement_id, value_code, value_title, value_position) \
         SELECT ps.publication_id, ps.statement_id, v.code, v.title, v.position \
         FROM publication_statements ps \
         JOIN statement_values sv ON sv.statement_id = ps.statement_id \
         JOIN framework_values v ON v.id = sv.value_id \
         WHERE ps.publication_id = $1",
    )
    .bind(publication_id)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct PublishedValue {
    pub statement_id: i64,
    pub value_code: String,
    pub value_title: String,
    pub value_position: i64,
}

/// The values each statement carried in a version, in the values' order then.
pub async fn for_publication(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<Vec<PublishedValue>, sqlx::Error> {
    sqlx::query_as(
        "SELECT statement_id, value_code, value_title, value_position \
         FROM publication_statement_values WHERE publication_id = $1 \
         ORDER BY value_position, value_code, statement_id",
    )
    .bind(publication_id)
    .fetch_all(conn)
    .await
}

/// The ids of the values one statement carries (on the primary key).
pub async fn carried_by_statement(
    conn: &mut AnyConnection,
    statement_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT value_id FROM statement_values WHERE statement_id = $1")
        .bind(statement_id)
        .fetch_all(conn)
        .await
}
