//! The audit log: what was done, by whom, to whom. Each change records its entry in its
//! own transaction, so the log holds exactly what happened. Only admins read it.

use super::{
    Context,
    clock::now,
    download::{self, Chunks, Stop, csv_record},
    store::{self, audit::EntryRow},
};
use crate::{
    domain::{audit::AuditAction, format_iso_utc},
    error::AppError,
    model::{AuditEntry, AuditLog, PageRequest, Paged},
};
use futures::TryStreamExt;
use sqlx::AnyConnection;

/// How many entries the admin page shows at a time.
pub const ENTRIES_PER_PAGE: u32 = 50;

/// Record that `actor` (none for the command line) did `action`, to `person` if it was
/// done to someone, in the caller's transaction.
pub async fn record(
    conn: &mut AnyConnection,
    actor: Option<i64>,
    action: AuditAction,
    person: Option<i64>,
    detail: &str,
) -> Result<(), sqlx::Error> {
    store::audit::record(
        conn,
        &store::audit::NewEntry {
            at: now(),
            actor_id: actor,
            action,
            person_id: person,
            detail,
        },
    )
    .await
}

/// The kind of action a filter names; anything else (an old link, an edited address)
/// means every kind.
fn chosen_action(raw: Option<&str>) -> Option<AuditAction> {
    raw.and_then(AuditAction::parse)
}

fn entry(row: EntryRow) -> AuditEntry {
    AuditEntry {
        at: row.at,
        what: AuditAction::parse(&row.action)
            .map(|a| a.label().to_owned())
            .unwrap_or(row.action),
        by: row
            .actor_email
            .unwrap_or_else(|| "The command line".to_owned()),
        person: row.person_email,
        detail: row.detail,
    }
}

/// One page of the log, newest first: two queries, however long the log.
pub async fn log(
    cx: &Context,
    action: Option<&str>,
    page: Option<&str>,
) -> Result<AuditLog, AppError> {
    cx.admin()?;
    let action = chosen_action(action);
    let mut conn = cx.read().await?;
    let total = store::audit::count(&mut conn, action).await?;
    let page = PageRequest::new(page, ENTRIES_PER_PAGE).within(total);
    let rows = store::audit::page(&mut conn, action, page).await?;
    Ok(AuditLog {
        entries: Paged::new(rows.into_iter().map(entry).collect(), page, total),
        action,
    })
}

/// The whole log (or one kind of action), oldest first, as CSV written while it is read.
pub async fn export(cx: &Context, action: Option<&str>) -> Result<Chunks, AppError> {
    cx.admin()?;
    let action = chosen_action(action);
    let mut conn = cx.read().await?;
    Ok(download::spawn(move |mut out| async move {
        let written = async {
            out.push(&csv_record([
                "time_utc", "action", "what", "by", "person", "detail",
            ])?)
            .await?;
            let mut rows = store::audit::stream(&mut conn, action);
            while let Some(row) = rows.try_next().await? {
                let action = row.action.clone();
                let at = format_iso_utc(row.at);
                let e = entry(row);
                out.push(&csv_record([
                    &at,
                    &action,
                    &e.what,
                    &e.by,
                    e.person.as_deref().unwrap_or(""),
                    &e.detail,
                ])?)
                .await?;
            }
            Ok::<(), Stop>(())
        }
        .await;
        (out, written)
    }))
}
