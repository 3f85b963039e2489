//! The only parts of the site that run in the browser: text boxes whose preview and
//! plain-language advice follow typing. They are Leptos "islands"; every other part of
//! every page is plain server-rendered HTML, so the wasm a phone downloads holds these
//! and nothing else. Without JavaScript each renders the same preview once, from what
//! was last submitted ("Preview changes" / "Check my wording" post the form).

use crate::{
    components::{advice::AdviceList, diff_view::DiffWithChanges},
    domain::{
        diff,
        plain_language::{self, JargonEntry},
    },
    model::{ACTION, CommentAction, CommentInput, StatementInput},
};
use leptos::prelude::*;

pub(crate) fn error_message(message: Option<String>, id: &'static str) -> impl IntoView {
    message.map(|m| {
        view! { <p class="error-message" id=id><span class="visually-hidden">"Error: "</span>{m}</p> }
    })
}

/// What a drafting form's text box and note are called and say.
pub(crate) struct DraftWords {
    pub body_name: &'static str,
    pub note_name: &'static str,
    pub body_label: &'static str,
    pub body_hint: &'static str,
    pub note_hint: &'static str,
    pub rows: u32,
}

/// A drafting form's text box, which updates `draft` as the editor types, and its note
/// on why: the fields the main redraft and the easy read draft share.
#[component]
pub(crate) fn DraftFields(
    words: DraftWords,
    draft: RwSignal<String>,
    note: String,
    body_error: Option<String>,
    note_error: Option<String>,
) -> impl IntoView {
    let body_wrong = body_error.is_some();
    let note_wrong = note_error.is_some();
    view! {
        <div class="form-group" class:form-group--error=body_wrong>
            <label class="label label--m" for=words.body_name>{words.body_label}</label>
            <div class="hint" id="body-hint">{words.body_hint}</div>
            {error_message(body_error, "body-error")}
            <textarea
                class="textarea"
                class:input--error=body_wrong
                id=words.body_name
                name=words.body_name
                rows=words.rows
                aria-invalid=body_wrong.then_some("true")
                aria-describedby=if body_wrong { "body-hint body-error" } else { "body-hint" }
                on:input=move |ev| draft.set(event_target_value(&ev))
            >{draft.get_untracked()}</textarea>
        </div>
        <div class="form-group" class:form-group--error=note_wrong>
            <label class="label" for=words.note_name>"Why you changed it (optional)"</label>
            <div class="hint" id="note-hint">{words.note_hint}</div>
            {error_message(note_error, "note-error")}
            <input class="input" class:input--error=note_wrong id=words.note_name name=words.note_name type="text" value=note
                aria-invalid=note_wrong.then_some("true")
                aria-describedby=if note_wrong { "note-hint note-error" } else { "note-hint" }/>
        </div>
    }
}

/// The redraft form's new text and note, with a live word diff against `current` and
/// the plain-language check.
#[island]
pub fn RedraftText(
    current: String,
    initial: String,
    note: String,
    jargon: Vec<JargonEntry>,
    body_error: Option<String>,
    note_error: Option<String>,
) -> impl IntoView {
    let draft = RwSignal::new(initial);
    view! {
        <DraftFields
            words=DraftWords {
                body_name: StatementInput::BODY,
                note_name: StatementInput::NOTE,
                body_label: "New text",
                body_hint: "Write it as the person would say it, starting with I or My.",
                note_hint: "For example: 'Changed after comments from carers about choice.'",
                rows: 4,
            }
            draft note body_error note_error
        />
        <section class="preview" aria-labelledby="preview-heading" aria-live="polite">
            <h2 id="preview-heading" class="heading-m">"Preview of changes"</h2>
            {move || {
                let d = diff::word_diff(&current, &draft.get());
                if diff::is_unchanged(&d) {
                    view! { <p>"No changes yet."</p> }.into_any()
                } else {
                    view! { <DiffWithChanges diff=d/> }.into_any()
                }
            }}
            {move || view! { <AdviceList advice=plain_language::check(&draft.get(), &jargon)/> }}
        </section>
    }
}

/// A new statement's text, with the plain-language check as it is typed.
#[island]
pub fn NewStatementText(
    initial: String,
    jargon: Vec<JargonEntry>,
    error: Option<String>,
) -> impl IntoView {
    let text = RwSignal::new(initial);
    let wrong = error.is_some();
    view! {
        <div class="form-group" class:form-group--error=wrong>
            <label class="label label--m" for=StatementInput::BODY>"Statement"</label>
            <div class="hint" id="body-hint">"Write it as the person would say it, starting with I or My."</div>
            {error_message(error, "body-error")}
            <textarea class="textarea" id=StatementInput::BODY name=StatementInput::BODY rows="3"
                aria-invalid=wrong.then_some("true")
                aria-describedby=if wrong { "body-hint body-error" } else { "body-hint" }
                on:input=move |ev| text.set(event_target_value(&ev))>{text.get_untracked()}</textarea>
        </div>
        {move || {
            let t = text.get();
            (!t.trim().is_empty()).then(|| view! { <AdviceList advice=plain_language::check(&t, &jargon)/> })
        }}
    }
}

/// A commenter's suggested wording, with the plain-language check as it is typed.
#[island]
pub fn SuggestionText(
    initial: String,
    jargon: Vec<JargonEntry>,
    error: Option<String>,
) -> impl IntoView {
    let suggestion = RwSignal::new(initial);
    let wrong = error.is_some();
    view! {
        <div class="form-group" class:form-group--error=wrong>
            <label class="label label--m" for=CommentInput::SUGGESTION>"Suggest a new wording (optional)"</label>
            <div class="hint" id="suggestion-hint">"How would you write the whole statement? Start with I or My."</div>
            {error_message(error, "suggestion-error")}
            <textarea class="textarea" id=CommentInput::SUGGESTION name=CommentInput::SUGGESTION rows="3"
                aria-invalid=wrong.then_some("true")
                aria-describedby=if wrong { "suggestion-hint suggestion-error" } else { "suggestion-hint" }
                on:input=move |ev| suggestion.set(event_target_value(&ev))>{suggestion.get_untracked()}</textarea>
            {move || {
                let text = suggestion.get();
                (!text.trim().is_empty()).then(|| view! { <AdviceList advice=plain_language::check(&text, &jargon)/> })
            }}
            <button type="submit" class="button button--secondary button--small" name=ACTION value=CommentAction::Check.as_str()>"Check my wording"</button>
        </div>
    }
}
