//! Form routes for drafting, rounds, answers and comments: each reads the form, calls
//! one service (which checks who may do it) and turns the outcome into a response.

use super::{Submitted, refused, see_other};
use crate::render::page_with_feedback;
use app::{
    domain::easy_read::TextKind,
    error::AppError,
    form::FormFeedback,
    model::{
        AnswerFieldNames, AnswerInput, CommentAction, CommentFilters, CommentInput,
        FrameworkAction, FrameworkInput, JargonInput, ManageAction, PageRequest, PlacementInput,
        RedraftAction, RoundAction, RoundInput, Saved, StatementAction, StatementInput,
        ThemeFieldNames, ThemeInput, ValueFieldNames, text_query,
    },
    server::{AppState, Context, commenting, drafting, responding},
};
use axum::{extract::Path, http::StatusCode, response::Response};

/// "Preview" and "check" buttons: show the page again with what was typed, saving nothing.
pub(super) async fn show_again(
    state: &AppState,
    submitted: Submitted,
    page: &str,
    form: &str,
) -> Response {
    let feedback = FormFeedback::new(form, submitted.fields.clone());
    page_with_feedback(state, submitted.parts, page, Some(feedback), StatusCode::OK).await
}

pub async fn new_framework(cx: Context, submitted: Submitted) -> Response {
    let input: FrameworkInput = submitted.input();
    let outcome = drafting::create_framework(&cx, &input.title, &input.summary).await;
    match outcome {
        Ok(slug) => see_other(&format!("/frameworks/{slug}")),
        Err(error) => {
            refused(
                &cx.state,
                submitted,
                "/frameworks/new",
                "framework",
                FrameworkInput::TITLE,
                error,
            )
            .await
        }
    }
}

pub async fn edit_framework(
    cx: Context,
    Path(slug): Path<String>,
    submitted: Submitted,
) -> Response {
    let page = format!("/frameworks/{slug}/edit");
    // A form without an action is the framework's own details, as before actions existed.
    let action = submitted
        .action(FrameworkAction::parse)
        .unwrap_or(FrameworkAction::Framework);
    let code = submitted.field(ThemeInput::CODE).to_owned();
    let f = |n: &str| submitted.field(n);
    let outcome = match action {
        FrameworkAction::AddTheme => {
            let theme: ThemeInput = submitted.input();
            drafting::add_theme(&cx, &slug, &code, &theme.theme_title, &theme.description).await
        }
        FrameworkAction::ChangeTheme => {
            drafting::update_theme(
                &cx,
                &slug,
                &code,
                f(&ThemeFieldNames::title(&code)),
                f(&ThemeFieldNames::description(&code)),
            )
            .await
        }
        FrameworkAction::ThemeUp | FrameworkAction::ThemeDown => {
            drafting::move_theme(&cx, &slug, &code, action == FrameworkAction::ThemeUp).await
        }
        FrameworkAction::Framework => {
            let framework: FrameworkInput = submitted.input();
            drafting::update_framework(&cx, &slug, &framework).await
        }
    };
    match outcome {
        Ok(()) => {
            let saved = match action {
                FrameworkAction::AddTheme => Saved::ThemeAdded,
                FrameworkAction::ChangeTheme => Saved::ThemeChanged,
                FrameworkAction::ThemeUp | FrameworkAction::ThemeDown => Saved::ThemeMoved,
                FrameworkAction::Framework => Saved::Framework,
            };
            see_other(&saved.redirect(&page, ""))
        }
        Err(error) => {
            let (form, field) = match action {
                FrameworkAction::AddTheme => ("theme", ThemeInput::CODE.to_owned()),
                FrameworkAction::ChangeTheme => ("theme-update", ThemeFieldNames::title(&code)),
                _ => ("framework", FrameworkInput::TITLE.to_owned()),
            };
            refused(&cx.state, submitted, &page, form, &field, error).await
        }
    }
}

pub async fn rounds(cx: Context, Path(slug): Path<String>, submitted: Submitted) -> Response {
    let page = format!("/frameworks/{slug}/rounds");
    let action = submitted
        .action(RoundAction::parse)
        .unwrap_or(RoundAction::Create);
    let round_id = || submitted.field(RoundInput::ROUND_ID).parse::<i64>();
    let outcome = match action {
        RoundAction::Close => match round_id() {
            Ok(id) => drafting::close_round(&cx, &slug, id).await,
            Err(_) => cx.editor().and(Err(AppError::NotFound)),
        },
        RoundAction::Reopen => match round_id() {
            Ok(id) => {
                let until = submitted.field(RoundInput::REOPEN_UNTIL);
                drafting::reopen_round(&cx, &slug, id, until).await
            }
            Err(_) => cx.editor().and(Err(AppError::NotFound)),
        },
        RoundAction::Create => {
            drafting::create_round(&cx, &slug, &submitted.input::<RoundInput>()).await
        }
    };
    match outcome {
        Ok(()) => {
            let saved = match action {
                RoundAction::Close => Saved::RoundClosed,
                RoundAction::Reopen => Saved::RoundReopened,
                RoundAction::Create => Saved::RoundAdded,
            };
            see_other(&saved.redirect(&page, ""))
        }
        Err(error) => {
            // The form to show again with the message: the new round form, or "open
            // again" (only one round at a time can be opened again: the latest).
            let (form, field) = match action {
                RoundAction::Reopen => ("reopen", RoundInput::REOPEN_UNTIL),
                _ => ("round", RoundInput::TITLE),
            };
            refused(&cx.state, submitted, &page, form, field, error).await
        }
    }
}

pub async fn new_statement(
    cx: Context,
    Path((slug, code)): Path<(String, String)>,
    submitted: Submitted,
) -> Response {
    let page = format!("/frameworks/{slug}/themes/{code}/new-statement");
    if submitted.action(StatementAction::parse) == Some(StatementAction::Check) {
        return show_again(&cx.state, submitted, &page, "statement").await;
    }
    let input: StatementInput = submitted.input();
    let outcome = drafting::create_statement(
        &cx,
        &slug,
        &code,
        &input.body,
        &input.note,
        &input.submission_key,
        &ValueFieldNames::ticked(&submitted.fields),
    )
    .await;
    match outcome {
        Ok(reference) => see_other(&format!("/frameworks/{slug}/statements/{reference}")),
        Err(error) => {
            let field = StatementInput::BODY;
            refused(&cx.state, submitted, &page, "statement", field, error).await
        }
    }
}

pub async fn redraft(
    cx: Context,
    Path((slug, reference)): Path<(String, String)>,
    submitted: Submitted,
) -> Response {
    // Shown again (preview, or refused), the page lists the same page of comments.
    let comments_page = PageRequest::new(
        submitted
            .fields
            .get(app::model::REDRAFT_COMMENTS_PAGE)
            .map(String::as_str),
        u32::MAX,
    );
    let page = app::model::ListQuery::new().href(
        &format!("/frameworks/{slug}/statements/{reference}/redraft"),
        comments_page.number,
    );
    if submitted.action(RedraftAction::parse) == Some(RedraftAction::Preview) {
        return show_again(&cx.state, submitted, &page, "redraft").await;
    }
    let input: StatementInput = submitted.input();
    let base: i64 = input.base_revision_id.parse().unwrap_or(-1);
    let answers = answers_from(&submitted);
    let form = drafting::RedraftForm {
        base_revision_id: base,
        text: &input.body,
        note: &input.note,
        submission_key: &input.submission_key,
        answers: &answers,
    };
    let state = &cx.state;
    match drafting::redraft(&cx, &slug, &reference, &form).await {
        Ok(()) => see_other(
            &Saved::Redraft.redirect(&format!("/frameworks/{slug}/statements/{reference}"), ""),
        ),
        Err(drafting::RedraftRefused::Error(error)) => {
            refused(
                state,
                submitted,
                &page,
                "redraft",
                StatementInput::BODY,
                error,
            )
            .await
        }
        Err(drafting::RedraftRefused::Stale {
            latest_revision_id,
            proposal,
            conflicts,
        }) => {
            let mut values = submitted.fields.clone();
            values.insert("conflict_from".into(), base.to_string());
            values.insert(
                StatementInput::BASE_REVISION_ID.into(),
                latest_revision_id.to_string(),
            );
            values.insert(StatementInput::BODY.into(), proposal);
            let message = if conflicts == 0 {
                "Someone else saved a new draft while you were working. Nothing has been lost: your changes are combined with theirs below. Check the text, then save again."
            } else {
                "Someone else saved a new draft while you were working, and some of your changes overlap with theirs. Nothing has been lost: the overlaps are marked with [[ ]] in the text below. Choose the wording, then save again."
            };
            let feedback =
                FormFeedback::new("redraft", values).with_error(StatementInput::BODY, message);
            page_with_feedback(
                state,
                submitted.parts,
                &page,
                Some(feedback),
                StatusCode::CONFLICT,
            )
            .await
        }
    }
}

/// Answers typed beside a redraft: every comment with an outcome or a reason filled in.
fn answers_from(submitted: &Submitted) -> Vec<responding::AnswerForm> {
    let mut ids: Vec<i64> = submitted
        .fields
        .iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .filter_map(|(name, _)| {
            name.strip_prefix("outcome-")
                .or_else(|| name.strip_prefix("reason-"))
        })
        .filter_map(|id| id.parse().ok())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .map(|id| answer_form(submitted, id))
        .collect()
}

/// The outcome and reason typed for one comment (or, named by its shown member, for a
/// group).
pub(super) fn answer_form(submitted: &Submitted, comment_id: i64) -> responding::AnswerForm {
    responding::AnswerForm {
        comment_id,
        outcome: submitted
            .field(&AnswerFieldNames::outcome(comment_id))
            .to_owned(),
        reason: submitted
            .field(&AnswerFieldNames::reason(comment_id))
            .to_owned(),
    }
}

/// An answer from the round's list: to one comment, or (with `group_id`) to every
/// member of a group of alike comments. Saved or refused, the list comes back with the
/// same filters and page, at the comment.
pub async fn answer(
    cx: Context,
    Path((slug, round)): Path<(String, i64)>,
    submitted: Submitted,
) -> Response {
    let input: AnswerInput = submitted.input();
    let comment_id: i64 = input.comment_id.parse().unwrap_or(-1);
    // The filters are read again from what the page sent, so only known names travel.
    let filters = CommentFilters::from_query(|name| {
        url::form_urlencoded::parse(input.filters.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    });
    let page_number = PageRequest::new(Some(input.page.as_str()), u32::MAX).number;
    let page = filters.list_query().href(
        &format!("/frameworks/{slug}/rounds/{round}/comments"),
        page_number,
    );
    let form = answer_form(&submitted, comment_id);
    let (outcome, saved) = match input.group_id.parse::<i64>() {
        Ok(group) => (
            responding::answer_group(&cx, &slug, round, group, form)
                .await
                .map(|_| ()),
            Saved::GroupAnswered,
        ),
        Err(_) => (responding::answer(&cx, &slug, form).await, Saved::Answer),
    };
    match outcome {
        Ok(()) => see_other(&saved.redirect(&page, &format!("comment-{comment_id}"))),
        Err(error) => {
            let field = AnswerFieldNames::reason(comment_id);
            refused(
                &cx.state,
                submitted,
                &page,
                &format!("answer-{comment_id}"),
                &field,
                error,
            )
            .await
        }
    }
}

pub async fn comment(
    cx: Context,
    Path((slug, reference)): Path<(String, String)>,
    submitted: Submitted,
) -> Response {
    // A comment on the easy read text posts to `…/comment?text=easy-read`; shown again,
    // the form is on the same text.
    let text = submitted
        .parts
        .uri
        .query()
        .and_then(|q| q.split('&').find_map(|p| p.strip_prefix("text=")))
        .map(TextKind::from_query)
        .unwrap_or_default();
    let page = format!(
        "/frameworks/{slug}/statements/{reference}/comment{}",
        text_query(text)
    );
    if submitted.action(CommentAction::parse) == Some(CommentAction::Check) {
        return show_again(&cx.state, submitted, &page, "comment").await;
    }
    let outcome = commenting::add(&cx, &slug, &reference, &submitted.input())
        .await
        .map(|_| Saved::Comment);
    back_to_comments(&cx, submitted, &page, &slug, &reference, outcome).await
}

/// After a comment is saved, changed or withdrawn: back to the statement's comments
/// saying so, or the form again with what was wrong.
async fn back_to_comments(
    cx: &Context,
    submitted: Submitted,
    page: &str,
    slug: &str,
    reference: &str,
    outcome: Result<Saved, AppError>,
) -> Response {
    match outcome {
        Ok(saved) => see_other(&saved.redirect(
            &format!("/frameworks/{slug}/statements/{reference}"),
            "comments",
        )),
        Err(error) => {
            refused(
                &cx.state,
                submitted,
                page,
                "comment",
                CommentInput::BODY,
                error,
            )
            .await
        }
    }
}

pub async fn edit_comment(
    cx: Context,
    Path((slug, reference, id)): Path<(String, String, i64)>,
    submitted: Submitted,
) -> Response {
    let page = format!("/frameworks/{slug}/statements/{reference}/comments/{id}/edit");
    let action = submitted.action(CommentAction::parse);
    if action == Some(CommentAction::Check) {
        return show_again(&cx.state, submitted, &page, "comment").await;
    }
    let outcome = if action == Some(CommentAction::Withdraw) {
        commenting::withdraw(&cx, id)
            .await
            .map(|()| Saved::CommentWithdrawn)
    } else {
        commenting::edit(&cx, id, &submitted.input())
            .await
            .map(|()| Saved::CommentChanged)
    };
    back_to_comments(&cx, submitted, &page, &slug, &reference, outcome).await
}

pub async fn manage_statement(
    cx: Context,
    Path((slug, reference)): Path<(String, String)>,
    submitted: Submitted,
) -> Response {
    let page = format!("/frameworks/{slug}/statements/{reference}/manage");
    let retiring = submitted.action(ManageAction::parse) == Some(ManageAction::Retire);
    let outcome = if retiring {
        drafting::retire_statement(&cx, &slug, &reference).await
    } else {
        let placement: PlacementInput = submitted.input();
        drafting::move_statement(&cx, &slug, &reference, &placement.theme, &placement.place).await
    };
    match outcome {
        Ok(()) => {
            let saved = if retiring {
                Saved::StatementRetired
            } else {
                Saved::StatementMoved
            };
            see_other(&saved.redirect(&format!("/frameworks/{slug}/statements/{reference}"), ""))
        }
        Err(error) => {
            let field = PlacementInput::PLACE;
            refused(&cx.state, submitted, &page, "manage", field, error).await
        }
    }
}

pub async fn add_jargon(cx: Context, submitted: Submitted) -> Response {
    let input: JargonInput = submitted.input();
    match drafting::add_jargon(&cx, &input.term, &input.plainer).await {
        Ok(()) => see_other("/jargon"),
        Err(error) => {
            refused(
                &cx.state,
                submitted,
                "/jargon",
                "jargon",
                JargonInput::TERM,
                error,
            )
            .await
        }
    }
}
