//! Form routes for drafting, rounds and comments. Each checks who is signed in here and
//! leaves role checks to the service it calls, which checks again on every change.

use super::{Submitted, refused, see_other};
use crate::render::page_with_feedback;
use app::{
    api::Viewer,
    error::AppError,
    form::FormFeedback,
    server::{AppState, commenting, drafting, responding},
};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};

fn viewer(submitted: &Submitted) -> Result<Viewer, AppError> {
    submitted
        .parts
        .extensions
        .get::<Viewer>()
        .cloned()
        .ok_or(AppError::SignInRequired)
}

/// "Preview" and "check" buttons: show the page again with what was typed, saving nothing.
async fn show_again(state: &AppState, submitted: Submitted, page: &str, form: &str) -> Response {
    let feedback = FormFeedback::new(form, submitted.fields.clone());
    page_with_feedback(state, submitted.parts, page, Some(feedback), StatusCode::OK).await
}

pub async fn new_framework(State(state): State<AppState>, submitted: Submitted) -> Response {
    let outcome = match viewer(&submitted) {
        Ok(v) => {
            drafting::create_framework(
                &state,
                &v,
                submitted.field("title"),
                submitted.field("summary"),
            )
            .await
        }
        Err(e) => Err(e),
    };
    match outcome {
        Ok(slug) => see_other(&format!("/frameworks/{slug}")),
        Err(error) => {
            refused(
                &state,
                submitted,
                "/frameworks/new",
                "framework",
                "title",
                error,
            )
            .await
        }
    }
}

pub async fn edit_framework(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    submitted: Submitted,
) -> Response {
    let page = format!("/frameworks/{slug}/edit");
    let action = submitted.field("action").to_owned();
    let code = submitted.field("code").to_owned();
    let f = |n: &str| submitted.field(n);
    let outcome = match viewer(&submitted) {
        Err(e) => Err(e),
        Ok(v) => match action.as_str() {
            "theme" => {
                drafting::add_theme(&state, &v, &slug, &code, f("theme_title"), f("description"))
                    .await
            }
            "theme-update" => {
                drafting::update_theme(
                    &state,
                    &v,
                    &slug,
                    &code,
                    f(&format!("theme-title-{code}")),
                    f(&format!("theme-description-{code}")),
                )
                .await
            }
            "theme-up" | "theme-down" => {
                drafting::move_theme(&state, &v, &slug, &code, action == "theme-up").await
            }
            _ => drafting::update_framework(&state, &v, &slug, f("title"), f("summary")).await,
        },
    };
    match outcome {
        Ok(()) => see_other(&format!(
            "{page}?saved={}",
            if action.is_empty() {
                "framework"
            } else {
                action.as_str()
            }
        )),
        Err(error) => {
            let (form, field) = match action.as_str() {
                "theme" => ("theme", "code".to_owned()),
                "theme-update" => ("theme-update", format!("theme-title-{code}")),
                _ => ("framework", "title".to_owned()),
            };
            refused(&state, submitted, &page, form, &field, error).await
        }
    }
}

pub async fn rounds(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    submitted: Submitted,
) -> Response {
    let page = format!("/frameworks/{slug}/rounds");
    let closing = submitted.field("action") == "close";
    let outcome = match viewer(&submitted) {
        Err(e) => Err(e),
        Ok(v) if closing => match submitted.field("round_id").parse::<i64>() {
            Ok(id) => drafting::close_round(&state, &v, &slug, id).await,
            Err(_) => Err(AppError::NotFound),
        },
        Ok(v) => {
            let f = |n| submitted.field(n);
            drafting::create_round(
                &state,
                &v,
                &slug,
                f("title"),
                f("introduction"),
                f("opens"),
                f("closes"),
            )
            .await
        }
    };
    match outcome {
        Ok(()) => see_other(&format!(
            "{page}?saved={}",
            if closing { "closed" } else { "added" }
        )),
        Err(error) => refused(&state, submitted, &page, "round", "title", error).await,
    }
}

pub async fn new_statement(
    State(state): State<AppState>,
    Path((slug, code)): Path<(String, String)>,
    submitted: Submitted,
) -> Response {
    let page = format!("/frameworks/{slug}/themes/{code}/new-statement");
    if submitted.field("action") == "check" {
        return show_again(&state, submitted, &page, "statement").await;
    }
    let outcome = match viewer(&submitted) {
        Err(e) => Err(e),
        Ok(v) => {
            let f = |n| submitted.field(n);
            drafting::create_statement(
                &state,
                &v,
                &slug,
                &code,
                f("body"),
                f("note"),
                f("submission_key"),
            )
            .await
        }
    };
    match outcome {
        Ok(reference) => see_other(&format!("/frameworks/{slug}/statements/{reference}")),
        Err(error) => refused(&state, submitted, &page, "statement", "body", error).await,
    }
}

pub async fn redraft(
    State(state): State<AppState>,
    Path((slug, reference)): Path<(String, String)>,
    submitted: Submitted,
) -> Response {
    let page = format!("/frameworks/{slug}/statements/{reference}/redraft");
    if submitted.field("action") == "preview" {
        return show_again(&state, submitted, &page, "redraft").await;
    }
    let viewer = match viewer(&submitted) {
        Ok(v) => v,
        Err(error) => return refused(&state, submitted, &page, "redraft", "body", error).await,
    };
    let base: i64 = submitted.field("base_revision_id").parse().unwrap_or(-1);
    let f = |n| submitted.field(n);
    let answers = answers_from(&submitted);
    match drafting::redraft(
        &state,
        &viewer,
        &slug,
        &reference,
        base,
        f("body"),
        f("note"),
        f("submission_key"),
        &answers,
    )
    .await
    {
        Ok(()) => see_other(&format!(
            "/frameworks/{slug}/statements/{reference}?saved=redraft"
        )),
        Err(drafting::RedraftRefused::Error(error)) => {
            refused(&state, submitted, &page, "redraft", "body", error).await
        }
        Err(drafting::RedraftRefused::Stale {
            latest_revision_id,
            proposal,
            conflicts,
        }) => {
            let mut values = submitted.fields.clone();
            values.insert("conflict_from".into(), base.to_string());
            values.insert("base_revision_id".into(), latest_revision_id.to_string());
            values.insert("body".into(), proposal);
            let message = if conflicts == 0 {
                "Someone else saved a new draft while you were working. Nothing has been lost: your changes are combined with theirs below. Check the text, then save again."
            } else {
                "Someone else saved a new draft while you were working, and some of your changes overlap with theirs. Nothing has been lost: the overlaps are marked with [[ ]] in the text below. Choose the wording, then save again."
            };
            let feedback = FormFeedback::new("redraft", values).with_error("body", message);
            page_with_feedback(
                &state,
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
        .map(|id| responding::AnswerForm {
            comment_id: id,
            outcome: submitted.field(&format!("outcome-{id}")).to_owned(),
            reason: submitted.field(&format!("reason-{id}")).to_owned(),
        })
        .collect()
}

pub async fn answer(
    State(state): State<AppState>,
    Path((slug, round)): Path<(String, i64)>,
    submitted: Submitted,
) -> Response {
    let filters = submitted.field("filters").to_owned();
    let comment_id: i64 = submitted.field("comment_id").parse().unwrap_or(-1);
    let page = format!(
        "/frameworks/{slug}/rounds/{round}/comments{}",
        if filters.is_empty() {
            String::new()
        } else {
            format!("?{filters}")
        }
    );
    let outcome = match viewer(&submitted) {
        Err(e) => Err(e),
        Ok(v) => {
            let form = responding::AnswerForm {
                comment_id,
                outcome: submitted.field(&format!("outcome-{comment_id}")).to_owned(),
                reason: submitted.field(&format!("reason-{comment_id}")).to_owned(),
            };
            responding::answer(&state, &v, form).await
        }
    };
    match outcome {
        Ok(()) => {
            let joiner = if filters.is_empty() { "?" } else { "&" };
            see_other(&format!("{page}{joiner}saved=1#comment-{comment_id}"))
        }
        Err(error) => {
            let field = format!("reason-{comment_id}");
            refused(
                &state,
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

fn comment_form(submitted: &Submitted) -> commenting::CommentForm<'_> {
    let f = |n| submitted.field(n);
    commenting::CommentForm {
        revision_id: f("revision_id"),
        body: f("body"),
        suggestion: f("suggestion"),
        knowledge: f("knowledge"),
        visibility: f("visibility"),
        on_behalf_of: f("on_behalf_of"),
        passage: f("passage"),
        first_word: f("first_word"),
        last_word: f("last_word"),
        submission_key: f("submission_key"),
    }
}

pub async fn comment(
    State(state): State<AppState>,
    Path((slug, reference)): Path<(String, String)>,
    submitted: Submitted,
) -> Response {
    let page = format!("/frameworks/{slug}/statements/{reference}/comment");
    if submitted.field("action") == "check" {
        return show_again(&state, submitted, &page, "comment").await;
    }
    let outcome = match viewer(&submitted) {
        Ok(v) => commenting::add(&state, &v, &slug, &reference, &comment_form(&submitted)).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(_) => see_other(&format!(
            "/frameworks/{slug}/statements/{reference}?saved=comment#comments"
        )),
        Err(error) => refused(&state, submitted, &page, "comment", "body", error).await,
    }
}

pub async fn edit_comment(
    State(state): State<AppState>,
    Path((slug, reference, id)): Path<(String, String, i64)>,
    submitted: Submitted,
) -> Response {
    let page = format!("/frameworks/{slug}/statements/{reference}/comments/{id}/edit");
    let action = submitted.field("action").to_owned();
    if action == "check" {
        return show_again(&state, submitted, &page, "comment").await;
    }
    let outcome = match viewer(&submitted) {
        Err(e) => Err(e),
        Ok(v) if action == "withdraw" => commenting::withdraw(&state, &v, id)
            .await
            .map(|()| "withdrawn"),
        Ok(v) => commenting::edit(&state, &v, id, &comment_form(&submitted))
            .await
            .map(|()| "comment-changed"),
    };
    match outcome {
        Ok(saved) => see_other(&format!(
            "/frameworks/{slug}/statements/{reference}?saved={saved}#comments"
        )),
        Err(error) => refused(&state, submitted, &page, "comment", "body", error).await,
    }
}

pub async fn manage_statement(
    State(state): State<AppState>,
    Path((slug, reference)): Path<(String, String)>,
    submitted: Submitted,
) -> Response {
    let page = format!("/frameworks/{slug}/statements/{reference}/manage");
    let retiring = submitted.field("action") == "retire";
    let outcome = match viewer(&submitted) {
        Err(e) => Err(e),
        Ok(v) if retiring => drafting::retire_statement(&state, &v, &slug, &reference).await,
        Ok(v) => {
            drafting::move_statement(
                &state,
                &v,
                &slug,
                &reference,
                submitted.field("theme"),
                submitted.field("place"),
            )
            .await
        }
    };
    match outcome {
        Ok(()) => see_other(&format!(
            "/frameworks/{slug}/statements/{reference}?saved={}",
            if retiring { "retired" } else { "moved" }
        )),
        Err(error) => refused(&state, submitted, &page, "manage", "place", error).await,
    }
}

pub async fn add_jargon(State(state): State<AppState>, submitted: Submitted) -> Response {
    let outcome = match viewer(&submitted) {
        Ok(v) => {
            drafting::add_jargon(
                &state,
                &v,
                submitted.field("term"),
                submitted.field("plainer"),
            )
            .await
        }
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => see_other("/jargon"),
        Err(error) => refused(&state, submitted, "/jargon", "jargon", "term", error).await,
    }
}
