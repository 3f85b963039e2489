//! Commenting on a statement: optionally on a passage chosen by its first and last words
//! (keyboard and screen reader friendly, no mouse selection needed), with a suggested
//! wording, the kind of knowledge it draws on, and how it may be shown.

use crate::components::live_text::{CheckedField, CheckedText};
use crate::{
    api::{CommentFormView, get_comment_form},
    components::{
        error_summary::ErrorSummary,
        loaded, loading,
        passage_picker::{PassageFields, PassagePicker},
        reading::{EasyReadPicture, ReadingNote},
        statement_parts::RoundBanner,
        still_matters::EarlierComments,
    },
    domain::{
        drafting::{Knowledge, Visibility},
        easy_read::TextKind,
    },
    form::{FormFeedback, use_form_feedback},
    model::CommentInput,
    pages::statement::{StatementBreadcrumbs, statement_params},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

pub const COMMENT_FORM: &str = "comment";

#[component]
pub fn CommentPage() -> impl IntoView {
    let params = statement_params();
    let query = use_query_map();
    let data = Resource::new(
        move || (params.get(), query.read().get("text")),
        |((slug, reference), text)| get_comment_form(slug, reference, None, text),
    );
    comment_page(data)
}

#[component]
pub fn EditCommentPage() -> impl IntoView {
    let params = statement_params();
    let id = use_params_map();
    let data = Resource::new(
        move || {
            (
                params.get(),
                id.read()
                    .get("id")
                    .and_then(|v| v.parse::<i64>().ok())
                    .unwrap_or(-1),
            )
        },
        |((slug, reference), id)| get_comment_form(slug, reference, Some(id), None),
    );
    comment_page(data)
}

fn comment_page(data: Resource<Result<CommentFormView, crate::error::AppError>>) -> impl IntoView {
    let feedback = use_form_feedback(COMMENT_FORM);
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                Suspend::new(async move { loaded(data.await, move |data| view! { <CommentForm data feedback/> }) })
            }}
        </Suspense>
    }
}

fn error_of(feedback: &Option<FormFeedback>, field: &str) -> Option<String> {
    feedback.as_ref().and_then(|f| f.error_for(field))
}

fn error_message(message: Option<String>, id: &'static str) -> impl IntoView {
    message.map(|m| view! { <p class="error-message" id=id><span class="visually-hidden">"Error: "</span>{m}</p> })
}

#[component]
fn CommentForm(data: CommentFormView, feedback: Option<FormFeedback>) -> impl IntoView {
    let s = data.statement;
    let path = s.path();
    let existing = data.existing.clone();
    let editing = existing.is_some();
    let value = |name: &str, fallback: String| {
        feedback
            .as_ref()
            .and_then(|f| f.value(name))
            .unwrap_or(fallback)
    };
    let has_errors = feedback.as_ref().is_some_and(|f| !f.errors.is_empty());
    let body = value(
        CommentInput::BODY,
        existing
            .as_ref()
            .map(|e| e.body.clone())
            .unwrap_or_default(),
    );
    let suggestion = value(
        CommentInput::SUGGESTION,
        existing
            .as_ref()
            .map(|e| e.suggestion.clone())
            .unwrap_or_default(),
    );
    let knowledge = value(
        CommentInput::KNOWLEDGE,
        existing
            .as_ref()
            .map(|e| e.knowledge.clone())
            .unwrap_or_default(),
    );
    let visibility = value(
        CommentInput::VISIBILITY,
        existing
            .as_ref()
            .map(|e| e.visibility.clone())
            .unwrap_or_default(),
    );
    let on_behalf_of = value(
        CommentInput::ON_BEHALF_OF,
        existing
            .as_ref()
            .map(|e| e.on_behalf_of.clone())
            .unwrap_or_default(),
    );
    let passage_choice = value(CommentInput::PASSAGE, "whole".to_owned());
    let first_word = value(CommentInput::FIRST_WORD, "1".to_owned());
    let last_word = value(CommentInput::LAST_WORD, data.words.len().to_string());
    let action = match &existing {
        Some(e) => format!("{path}/comments/{}/edit", e.id),
        None => format!("{path}/comment{}", crate::model::text_query(s.shown)),
    };
    let title = match (editing, s.shown) {
        (true, _) => "Change your comment",
        (false, TextKind::Standard) => "Comment on this statement",
        (false, TextKind::EasyRead) => "Comment on the easy read text",
    };
    // The other text, to comment on that instead (only for a new comment, and only when
    // the statement has both).
    let other_text = (!editing && s.has_easy_read).then(|| match s.shown {
        TextKind::Standard => (
            format!("{path}/comment?text=easy-read"),
            "Comment on the easy read text instead",
        ),
        TextKind::EasyRead => (
            format!("{path}/comment?text=standard"),
            "Comment on the standard text instead",
        ),
    });
    let jargon = data.jargon.clone();
    let can_comment = s.can_comment;
    let body_wrong = error_of(&feedback, CommentInput::BODY).is_some();
    let behalf_wrong = error_of(&feedback, CommentInput::ON_BEHALF_OF).is_some();
    view! {
        <Title text=format!("{}{title}: {}", if has_errors { "Error: " } else { "" }, s.reference)/>
        <StatementBreadcrumbs slug=s.framework_slug.clone() framework_title=s.framework_title.clone() theme_code=s.theme_code.clone() theme_title=s.theme_title.clone() statement=(path.clone(), s.reference.clone())/>
        <ErrorSummary feedback=feedback.clone()/>
        <span class="caption">{s.reference.clone()}</span>
        <h1>{title}</h1>
        <p>{match s.shown {
            TextKind::Standard => "You are commenting on the standard text:",
            TextKind::EasyRead => "You are commenting on the easy read text:",
        }}</p>
        <ReadingNote note=s.reading_note.clone()/>
        <EasyReadPicture picture=s.picture.clone()/>
        <p class="statement-quote">{s.text.clone()}</p>
        {other_text.map(|(href, label)| view! { <p><a href=href>{label}</a></p> })}
        {if !can_comment {
            view! { <RoundBanner status=s.round.clone()/> }.into_any()
        } else {
            view! {
                <EarlierComments path=path.clone() earlier=data.earlier.clone() submission_key=data.submission_key.clone() feedback=feedback.clone()/>
                {(!data.earlier.is_empty()).then(|| view! { <h2 class="heading-m">"Or say something new"</h2> })}
                <form method="post" action=action novalidate class="comment-form">
                    <input type="hidden" name=CommentInput::REVISION_ID value=s.revision_id.to_string()/>
                    <input type="hidden" name=CommentInput::SUBMISSION_KEY value=data.submission_key.clone()/>
                    {match existing.as_ref().and_then(|e| e.quote.clone()) {
                        Some(quote) => view! { <p class="inset">"Your comment is about the words: “"{quote}"”"</p> }.into_any(),
                        None if editing => view! { <p class="inset">"Your comment is about the whole statement."</p> }.into_any(),
                        None => view! {
                            <PassagePicker fields=PassageFields { choice: CommentInput::PASSAGE, first: CommentInput::FIRST_WORD, last: CommentInput::LAST_WORD }
                                legend="What is your comment about?" words=data.words.clone()
                                choice=passage_choice.clone() first=first_word.clone() last=last_word.clone()
                                first_error=error_of(&feedback, CommentInput::FIRST_WORD) last_error=error_of(&feedback, CommentInput::LAST_WORD)/>
                        }.into_any(),
                    }}
                    <div class="form-group" class:form-group--error=error_of(&feedback, CommentInput::BODY).is_some()>
                        <label class="label label--m" for=CommentInput::BODY>"Your comment"</label>
                        <div class="hint" id="body-hint">"Say it in your own words. Short or long is fine."</div>
                        {error_message(error_of(&feedback, CommentInput::BODY), "body-error")}
                        <textarea class="textarea" id=CommentInput::BODY name=CommentInput::BODY rows="6"
                            aria-invalid=body_wrong.then_some("true")
                            aria-describedby=if body_wrong { "body-hint body-error" } else { "body-hint" }>{body}</textarea>
                    </div>
                    <CheckedText field=CheckedField::Suggestion initial=suggestion jargon=jargon.clone() error=error_of(&feedback, CommentInput::SUGGESTION)/>
                    <RadioGroup name=CommentInput::KNOWLEDGE legend="What is your comment based on?" selected=knowledge error=error_of(&feedback, CommentInput::KNOWLEDGE)
                        options=Knowledge::ALL.iter().map(|k| (k.as_str(), k.label(), Some(k.hint()))).collect()/>
                    <RadioGroup name=CommentInput::VISIBILITY legend="How may we show your comment?" selected=visibility error=error_of(&feedback, CommentInput::VISIBILITY)
                        options=Visibility::ALL.iter().map(|v| (v.as_str(), v.label(), None)).collect()/>
                    {(!data.organisations.is_empty()).then(|| view! {
                        <div class="form-group" class:form-group--error=error_of(&feedback, CommentInput::ON_BEHALF_OF).is_some()>
                            <label class="label" for=CommentInput::ON_BEHALF_OF>"Who are you commenting for?"</label>
                            {error_message(error_of(&feedback, CommentInput::ON_BEHALF_OF), "on_behalf_of-error")}
                            <select class="select" id=CommentInput::ON_BEHALF_OF name=CommentInput::ON_BEHALF_OF
                                aria-invalid=behalf_wrong.then_some("true")
                                aria-describedby=behalf_wrong.then_some("on_behalf_of-error")>
                                <option value="" selected=on_behalf_of.is_empty()>"Myself"</option>
                                {data.organisations.iter().map(|o| view! {
                                    <option value=o.id.to_string() selected=on_behalf_of == o.id.to_string()>{o.name.clone()}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    })}
                    <button type="submit" class="button" name=crate::model::ACTION value=crate::model::CommentAction::Save.as_str()>{if editing { "Save changes" } else { "Send comment" }}</button>
                </form>
                {existing.map(|e| view! {
                    <h2 class="heading-m">"Withdraw your comment"</h2>
                    <p>"Withdrawing removes it from the statement. You cannot undo this."</p>
                    <form method="post" action=format!("{path}/comments/{}/edit", e.id)>
                        <input type="hidden" name=crate::model::ACTION value=crate::model::CommentAction::Withdraw.as_str()/>
                        <button type="submit" class="button button--warning">"Withdraw comment"</button>
                    </form>
                })}
            }.into_any()
        }}
    }
}

/// GOV.UK-style radios with optional hints and an error.
///
/// The first radio's id is the group's name, so the error summary's link (`#name`)
/// moves focus to it; the message sits inside the fieldset, which names it for screen
/// readers through `aria-describedby`.
#[component]
pub fn RadioGroup(
    name: &'static str,
    legend: &'static str,
    selected: String,
    error: Option<String>,
    options: Vec<(&'static str, &'static str, Option<&'static str>)>,
) -> impl IntoView {
    let has_error = error.is_some();
    let error_id = format!("{name}-error");
    view! {
        <div class="form-group" class:form-group--error=has_error>
            <fieldset class="fieldset" aria-describedby=has_error.then(|| error_id.clone())>
                <legend class="fieldset__legend fieldset__legend--m">{legend}</legend>
                {error.map(|m| view! { <p class="error-message" id=error_id.clone()><span class="visually-hidden">"Error: "</span>{m}</p> })}
                <div class="radios">
                    {options.into_iter().enumerate().map(|(i, (value, label, hint))| {
                        let id = if i == 0 { name.to_owned() } else { format!("{name}-{value}") };
                        let hint_id = format!("{id}-hint");
                        view! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" id=id.clone() name=name value=value checked=selected == value
                                    aria-describedby=hint.map(|_| hint_id.clone())/>
                                <label class="radios__label" for=id>{label}</label>
                                {hint.map(|h| view! { <div class="hint radios__hint" id=hint_id.clone()>{h}</div> })}
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}
