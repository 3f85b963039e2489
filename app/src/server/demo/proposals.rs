//! The demo round's proposal: one new statement a demo person proposed, backed by two
//! others and commented on, waiting for an editor's decision, so a newcomer sees what a
//! proposal looks like.

use super::super::store::{self, proposals::NewProposal, proposals::NewProposalComment};
use crate::domain::drafting::{Knowledge, Visibility};
use sqlx::AnyConnection;

pub const DEMO_PROPOSAL: &str = "I can keep my pet with me when I move.";

/// Add the proposal to `round_id`, in the caller's transaction.
pub async fn add(
    conn: &mut AnyConnection,
    framework_id: i64,
    round_id: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    let theme = store::frameworks::themes(conn, framework_id)
        .await?
        .into_iter()
        .find(|t| t.code == "HL")
        .ok_or(sqlx::Error::RowNotFound)?;
    let rep = store::users::find_or_create_by_email(conn, super::DEMO_REPRESENTATIVE, at).await?;
    let participant =
        store::users::find_or_create_by_email(conn, super::DEMO_PARTICIPANT, at).await?;
    let admin = store::users::find_or_create_by_email(conn, super::DEMO_ADMIN, at).await?;
    let proposal = store::proposals::insert(
        conn,
        &NewProposal {
            framework_id,
            theme_id: theme.id,
            round_id,
            author_id: rep.id,
            organisation_id: None,
            body: DEMO_PROPOSAL,
            why: "When I moved into supported living I nearly had to give up my dog. He is family.",
            knowledge: Knowledge::LivedExperience,
            visibility: Visibility::Named,
            submission_key: "demo-proposal-1",
        },
        at,
    )
    .await?;
    for backer in [participant.id, admin.id] {
        store::proposals::back(conn, proposal, backer, at).await?;
    }
    store::proposals::insert_comment(
        conn,
        &NewProposalComment {
            proposal_id: proposal,
            author_id: participant.id,
            body: "Yes. My cat came with me and it made the move bearable.",
            knowledge: Knowledge::LivedExperience,
            visibility: Visibility::Named,
            submission_key: "demo-proposal-comment-1",
        },
        at,
    )
    .await?;
    Ok(())
}
