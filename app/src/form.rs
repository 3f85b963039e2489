//! What a form said back after a plain HTML post that could not be accepted.
//!
//! Forms post to ordinary server routes so they work without JavaScript. When input is
//! refused, the server renders the same page again with this feedback in context: the
//! error summary at the top, a message by each field, and every value the person typed.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFeedback {
    /// Which form on the page this is about (a page may hold several).
    pub form: String,
    pub errors: Vec<FieldError>,
    /// What the person typed, by field name, so nothing is lost.
    pub values: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's name, which is also the id of its input, so the summary links to it.
    pub field: String,
    pub message: String,
}

impl FormFeedback {
    pub fn new(form: &str, values: BTreeMap<String, String>) -> Self {
        Self {
            form: form.to_owned(),
            errors: Vec::new(),
            values,
        }
    }

    pub fn with_error(mut self, field: &str, message: impl Into<String>) -> Self {
        self.errors.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
        self
    }

    pub fn error_for(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    }

    pub fn value(&self, field: &str) -> Option<String> {
        self.values.get(field).cloned()
    }
}

/// The feedback for `form` on this page, if the last post of it was refused.
///
/// The server puts it in context while rendering; a `SharedValue` carries it into the
/// page so hydration in the browser sees exactly what the server rendered.
pub fn use_form_feedback(form: &'static str) -> Option<FormFeedback> {
    use_any_form_feedback().filter(|feedback| feedback.form == form)
}

/// The feedback for whichever form on the page was posted, for pages with many forms.
pub fn use_any_form_feedback() -> Option<FormFeedback> {
    SharedValue::new(use_context::<FormFeedback>).into_inner()
}
