//! The audit log: rows are only added, and read newest first.

use crate::{domain::audit::AuditAction, model::PageRequest};
use futures::stream::BoxStream;
use sqlx::AnyConnection;

/// One thing done, as recorded.
pub struct NewEntry<'a> {
    pub at: i64,
    /// Who did it; `None` for the command line.
    pub actor_id: Option<i64>,
    pub action: AuditAction,
    /// Whom it was done to, when it was done to a person.
    pub person_id: Option<i64>,
    pub detail: &'a str,
}

/// Add `entry` in the caller's transaction, so the log holds exactly what was committed.
pub async fn record(conn: &mut AnyConnection, entry: &NewEntry<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, action, person_id, detail) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(entry.at)
    .bind(entry.actor_id)
    .bind(entry.action.as_str())
    .bind(entry.person_id)
    .bind(entry.detail)
    .execute(conn)
    .await?;
    Ok(())
}

/// An entry as read, with the addresses of the people it names (as they are now).
#[derive(sqlx::FromRow)]
pub struct EntryRow {
    pub id: i64,
    pub at: i64,
    pub action: String,
    pub detail: String,
    pub actor_email: Option<String>,
    pub person_email: Option<String>,
}

const ENTRIES: &str = "SELECT a.id, a.at, a.action, a.detail, \
       actor.email AS actor_email, person.email AS person_email \
     FROM audit_log a \
     LEFT JOIN users actor ON actor.id = a.actor_id \
     LEFT JOIN users person ON person.id = a.person_id";

/// Every entry, or only those of one action. Two shapes of query rather than one with
/// `$1 = '' OR action = $1`, which no planner serves from an index: filtered, the
/// entries come from `audit_log_by_action (action, id)`; unfiltered, from the key. The
/// ids only grow, so newest first is id order.
fn filter(action: Option<AuditAction>) -> &'static str {
    match action {
        Some(_) => "WHERE a.action = $1",
        None => "WHERE $1 = ''",
    }
}

/// The bound value of [`filter`]'s `$1`.
fn action_word(action: Option<AuditAction>) -> &'static str {
    action.map(AuditAction::as_str).unwrap_or("")
}

pub async fn count(
    conn: &mut AnyConnection,
    action: Option<AuditAction>,
) -> Result<u64, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM audit_log a {}",
        filter(action)
    )))
    .bind(action_word(action))
    .fetch_one(conn)
    .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

pub async fn page(
    conn: &mut AnyConnection,
    action: Option<AuditAction>,
    page: PageRequest,
) -> Result<Vec<EntryRow>, sqlx::Error> {
    sqlx::query_as::<_, EntryRow>(sqlx::AssertSqlSafe(format!(
        "{ENTRIES} {} ORDER BY a.id DESC LIMIT $2 OFFSET $3",
        filter(action)
    )))
    .bind(action_word(action))
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(conn)
    .await
}

/// Every entry of the filter, oldest first (the order a log is read in a spreadsheet), as
/// a stream: the export writes each as it arrives.
pub fn stream(
    conn: &mut AnyConnection,
    action: Option<AuditAction>,
) -> BoxStream<'_, Result<EntryRow, sqlx::Error>> {
    sqlx::query_as::<_, EntryRow>(sqlx::AssertSqlSafe(format!(
        "{ENTRIES} {} ORDER BY a.id",
        filter(action)
    )))
    .bind(action_word(action))
    .fetch(conn)
}
