//! The parts of the site that run in the browser: text boxes whose preview and
//! plain-language advice follow typing. They are Leptos "islands"; every other part of
//! every page is plain server-rendered HTML, so the wasm a phone downloads holds these
//! and nothing else. Without JavaScript each renders the same preview once, from what
//! was last submitted ("Preview changes" / "Check my wording" post the form).
//!
//! Two islands serve every such text box, told apart by a small value (which text is
//! drafted, which field is checked) rather than one island each: each island brings its
//! own copy of the rendering code and of the code that reads its properties, and the
//! wasm must stay within its 150 KB budget on a cheap phone's connection.

use crate::{
    components::{advice::AdviceList, diff_view::DiffWithChanges},
    domain::{
        diff,
        plain_language::{self, JargonEntry},
    },
    model::{ACTION, CommentAction, CommentInput, EasyReadInput, StatementInput},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub(crate) fn error_message(message: Option<String>, id: &'static str) -> impl IntoView {
    message.map(|m| {
        view! { <p class="error-message" id=id><span class="visually-hidden">"Error: "</span>{m}</p> }
    })
}

/// Which text a drafting form redrafts: a statement's standard text, or its easy read
/// twin. Decides the form's words and which plain-language check runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftedText {
    Standard,
    EasyRead,
}

/// What a drafting form's text box and note are called and say.
struct DraftWords {
    body_name: &'static str,
    note_name: &'static str,
    body_label: &'static str,
    body_hint: &'static str,
    note_hint: &'static str,
    rows: u32,
}

impl DraftedText {
    fn words(self) -> DraftWords {
        match self {
            Self::Standard => DraftWords {
                body_name: StatementInput::BODY,
                note_name: StatementInput::NOTE,
                body_label: "New text",
                body_hint: "Write it as the person would say it, starting with I or My.",
                note_hint: "For example: 'Changed after comments from carers about choice.'",
                rows: 4,
            },
            Self::EasyRead => DraftWords {
                body_name: EasyReadInput::BODY,
                note_name: EasyReadInput::NOTE,
                body_label: "Easy read text",
                body_hint: "Short sentences, one idea in each, starting with I or My. Put each sentence on a line of its own.",
                note_hint: "For example: 'Updated to match the new main text.'",
                rows: 6,
            },
        }
    }

    fn check(self, text: &str, jargon: &[JargonEntry]) -> plain_language::Advice {
        match self {
            Self::Standard => plain_language::check(text, jargon),
            Self::EasyRead => plain_language::check_easy_read(text, jargon),
        }
    }
}

/// A drafting form's new text and note on why, with a live word diff against `current`
/// (when there is one: a first easy read text has nothing to compare with) and the
/// plain-language check for that kind of text.
#[island]
pub fn DraftText(
    drafted: DraftedText,
    current: String,
    initial: String,
    note: String,
    jargon: Vec<JargonEntry>,
    body_error: Option<String>,
    note_error: Option<String>,
) -> impl IntoView {
    let words = drafted.words();
    let draft = RwSignal::new(initial);
    let has_current = !current.is_empty();
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
        <section class="preview" aria-labelledby="preview-heading" aria-live="polite">
            <h2 id="preview-heading" class="heading-m">{if has_current { "Preview of changes" } else { "Check the easy read text" }}</h2>
            {move || {
                if !has_current {
                    return ().into_any();
                }
                let d = diff::word_diff(&current, &draft.get());
                if diff::is_unchanged(&d) {
                    view! { <p>"No changes yet."</p> }.into_any()
                } else {
                    view! { <DiffWithChanges diff=d/> }.into_any()
                }
            }}
            {move || view! { <AdviceList advice=drafted.check(&draft.get(), &jargon)/> }}
        </section>
    }
}

/// Which text box has the plain-language check as it is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckedField {
    /// A new statement's text (an editor's, or a proposal's).
    NewStatement,
    /// A commenter's suggested wording, with a button that checks it without JavaScript.
    Suggestion,
}

/// A text box whose plain-language advice follows typing: a new statement's text, or a
/// commenter's suggested wording.
#[island]
pub fn CheckedText(
    field: CheckedField,
    initial: String,
    jargon: Vec<JargonEntry>,
    error: Option<String>,
) -> impl IntoView {
    let (name, label, hint, hint_id, error_id) = match field {
        CheckedField::NewStatement => (
            StatementInput::BODY,
            "Statement",
            "Write it as the person would say it, starting with I or My.",
            "body-hint",
            "body-error",
        ),
        CheckedField::Suggestion => (
            CommentInput::SUGGESTION,
            "Suggest a new wording (optional)",
            "How would you write the whole statement? Start with I or My.",
            "suggestion-hint",
            "suggestion-error",
        ),
    };
    let text = RwSignal::new(initial);
    let wrong = error.is_some();
    view! {
        <div class="form-group" class:form-group--error=wrong>
            <label class="label label--m" for=name>{label}</label>
            <div class="hint" id=hint_id>{hint}</div>
            {error_message(error, error_id)}
            <textarea class="textarea" id=name name=name rows="3"
                aria-invalid=wrong.then_some("true")
                aria-describedby=if wrong { format!("{hint_id} {error_id}") } else { hint_id.to_owned() }
                on:input=move |ev| text.set(event_target_value(&ev))>{text.get_untracked()}</textarea>
            {move || {
                let t = text.get();
                (!t.trim().is_empty()).then(|| view! { <AdviceList advice=plain_language::check(&t, &jargon)/> })
            }}
            {(field == CheckedField::Suggestion).then(|| view! {
                <button type="submit" class="button button--secondary button--small" name=ACTION value=CommentAction::Check.as_str()>"Check my wording"</button>
            })}
        </div>
    }
}
