//! The demo round's moderation: one comment with a stranger's name and address taken
//! out of public view, and one report waiting in the queue, so a newcomer sees both.

use super::super::store::{
    self,
    moderation::{NewAction, NewReport, Shown},
};
use crate::domain::{
    moderation::{self, Moderation, ModerationAction, ModerationReason, ReportKind},
    passage::passage_from_words,
};
use sqlx::AnyConnection;

/// The demo comment a moderator redacted, as written.
pub const REDACTED_DEMO_COMMENT: &str = "I see people moved to a care home after one fall, like \
    Mrs Patel at 14 Oak Street last spring. Say what support comes first.";

/// Moderate the demo round's comments, in the caller's transaction.
pub async fn add(conn: &mut AnyConnection, round_id: i64, at: i64) -> Result<(), sqlx::Error> {
    let editor = store::users::find_or_create_by_email(conn, super::DEMO_EDITOR, at).await?;
    let participant =
        store::users::find_or_create_by_email(conn, super::DEMO_PARTICIPANT, at).await?;
    let redacted: i64 =
        sqlx::query_scalar("SELECT id FROM comments WHERE round_id = $1 AND body = $2")
            .bind(round_id)
            .bind(REDACTED_DEMO_COMMENT)
            .fetch_one(&mut *conn)
            .await?;
    // Sam reported it; the demo editor took out "Mrs Patel at 14 Oak Street".
    store::moderation::report(
        conn,
        &NewReport {
            submission_key: "demo-report-redacted",
            comment_id: redacted,
            reporter_id: participant.id,
            kind: ReportKind::PersonalInformation,
            note: "This names someone and says where she lives.",
        },
        at - 3600,
    )
    .await?;
    let reason = ModerationReason::PersonalInformation;
    let chosen = passage_from_words(REDACTED_DEMO_COMMENT, 13, 18)
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    let shown = moderation::redact(REDACTED_DEMO_COMMENT, &chosen, reason);
    store::moderation::set_shown(
        conn,
        redacted,
        Some(&Shown {
            moderation: Moderation::Redacted,
            reason,
            body: &shown,
            suggestion: None,
        }),
        at,
    )
    .await?;
    store::moderation::record(
        conn,
        &NewAction {
            submission_key: "demo-moderation-redacted",
            comment_id: redacted,
            moderator_id: editor.id,
            action: ModerationAction::Redacted,
            reason: Some(reason),
            note: "A neighbour's name and address.",
            removed_words: Some(&chosen.quote),
        },
        at,
    )
    .await?;
    store::moderation::handle_reports(conn, redacted, editor.id, at).await?;
    // The open report: Sam thinks the campaign's first copy is spam.
    let campaign: i64 = sqlx::query_scalar(
        "SELECT MIN(id) FROM comments WHERE round_id = $1 AND submission_key LIKE 'demo-round-campaign-%'",
    )
    .bind(round_id)
    .fetch_one(&mut *conn)
    .await?;
    store::moderation::report(
        conn,
        &NewReport {
            submission_key: "demo-report-open",
            comment_id: campaign,
            reporter_id: participant.id,
            kind: ReportKind::Spam,
            note: "Four people sent exactly this.",
        },
        at,
    )
    .await?;
    Ok(())
}
