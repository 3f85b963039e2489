//! Form routes for proposals: proposing a statement, and everything on a proposal's page
//! (backing it, commenting, its proposer withdrawing it, and an editor's decision). Each
//! calls one service, which checks who may do it.

use super::{Submitted, refused, see_other};
use app::{
    model::{
        PROPOSAL_DECISION, PROPOSAL_PAGE_FORM, PROPOSE_FORM, ProposalAction, ProposalInput,
        ProposalPageInput, ProposeAction, Saved, ValueFieldNames,
    },
    server::{
        Context,
        proposing::{self, Decide},
    },
};
use axum::{extract::Path, response::Response};

pub async fn propose(cx: Context, Path(slug): Path<String>, submitted: Submitted) -> Response {
    let page = format!("/frameworks/{slug}/propose");
    if submitted.action(ProposeAction::parse) == Some(ProposeAction::Check) {
        // "Check my words" without JavaScript: the same page, advice shown, nothing lost.
        return super::drafting::show_again(&cx.state, submitted, &page, PROPOSE_FORM).await;
    }
    match proposing::propose(&cx, &slug, &submitted.input()).await {
        Ok(id) => see_other(&Saved::Proposal.redirect(&proposing::proposal_path(&slug, id), "")),
        Err(error) => {
            refused(
                &cx.state,
                submitted,
                &page,
                PROPOSE_FORM,
                ProposalInput::BODY,
                error,
            )
            .await
        }
    }
}

pub async fn proposal(
    cx: Context,
    Path((slug, id)): Path<(String, i64)>,
    submitted: Submitted,
) -> Response {
    let page = proposing::proposal_path(&slug, id);
    let input: ProposalPageInput = submitted.input();
    let Some(action) = submitted.action(ProposalAction::parse) else {
        return see_other(&page);
    };
    let (outcome, field, fragment) = match action {
        ProposalAction::Back => (
            proposing::back(&cx, &slug, id)
                .await
                .map(|()| Saved::Backed),
            ProposalPageInput::COMMENT_BODY,
            "",
        ),
        ProposalAction::TakeBack => (
            proposing::take_back(&cx, &slug, id)
                .await
                .map(|()| Saved::BackingTakenBack),
            ProposalPageInput::COMMENT_BODY,
            "",
        ),
        ProposalAction::Withdraw => (
            proposing::withdraw(&cx, &slug, id)
                .await
                .map(|()| Saved::ProposalWithdrawn),
            PROPOSAL_DECISION,
            "",
        ),
        ProposalAction::Comment => (
            proposing::comment(&cx, &slug, id, &input)
                .await
                .map(|()| Saved::ProposalComment),
            ProposalPageInput::COMMENT_BODY,
            "comments",
        ),
        ProposalAction::Adopt | ProposalAction::Merge | ProposalAction::Decline => {
            let values = ValueFieldNames::ticked(&submitted.fields);
            let decision = match action {
                ProposalAction::Adopt => Decide::Adopt {
                    theme: &input.adopt_theme,
                    values: &values,
                },
                ProposalAction::Merge => Decide::Merge {
                    into: &input.merge_into,
                    wording: &input.wording,
                },
                _ => Decide::Decline,
            };
            (
                proposing::decide(&cx, &slug, id, &input.reason, decision)
                    .await
                    .map(|_| Saved::ProposalDecided),
                ProposalPageInput::REASON,
                "",
            )
        }
    };
    match outcome {
        Ok(saved) => see_other(&saved.redirect(&page, fragment)),
        Err(error) => {
            refused(
                &cx.state,
                submitted,
                &page,
                PROPOSAL_PAGE_FORM,
                field,
                error,
            )
            .await
        }
    }
}
