//! The checkboxes a statement form uses to choose the values the statement carries.

use crate::model::{ValueDetail, ValueFieldNames};
use leptos::prelude::*;

/// One checkbox per value in a fieldset. The first box's id is
/// [`ValueFieldNames::CHOSEN`], so the error summary's link lands on it; the message
/// sits inside the fieldset, which names it for screen readers. Shows nothing for a
/// framework without values.
#[component]
pub fn ValueChoices(
    values: Vec<ValueDetail>,
    /// The codes ticked (from the statement, or from what was sent).
    ticked: Vec<String>,
    #[prop(default = None)] error: Option<String>,
    #[prop(default = "Which values is this statement about?")] legend: &'static str,
) -> impl IntoView {
    if values.is_empty() {
        return ().into_any();
    }
    let has_error = error.is_some();
    let error_id = format!("{}-error", ValueFieldNames::CHOSEN);
    let hint_id = format!("{}-hint", ValueFieldNames::CHOSEN);
    let described_by = if has_error {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    view! {
        <div class="form-group" class:form-group--error=has_error>
            <fieldset class="fieldset" aria-describedby=described_by>
                <legend class="fieldset__legend fieldset__legend--m">{legend}</legend>
                <div class="hint" id=hint_id>"Choose one or more."</div>
                {error.map(|m| view! { <p class="error-message" id=error_id.clone()><span class="visually-hidden">"Error: "</span>{m}</p> })}
                <div class="checkboxes">
                    {values.into_iter().enumerate().map(|(i, v)| {
                        let name = ValueFieldNames::chosen(&v.code);
                        let id = if i == 0 { ValueFieldNames::CHOSEN.to_owned() } else { name.clone() };
                        let description_id = format!("{id}-description");
                        let has_description = !v.description.is_empty();
                        view! {
                            <div class="checkboxes__item">
                                <input class="checkboxes__input" type="checkbox" id=id.clone() name=name value="yes"
                                    checked=ticked.contains(&v.code)
                                    aria-describedby=has_description.then(|| description_id.clone())/>
                                <label class="checkboxes__label" for=id>{v.title.clone()}</label>
                                {has_description.then(|| view! { <div class="hint checkboxes__hint" id=description_id.clone()>{v.description.clone()}</div> })}
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
    .into_any()
}

/// What a refused form had ticked, or failing that what the statement carries now.
pub fn ticked_values(
    values: &[ValueDetail],
    sent: Option<&crate::form::FormFeedback>,
    current: &[String],
) -> Vec<String> {
    match sent {
        Some(feedback) => values
            .iter()
            .filter(|v| feedback.value(&ValueFieldNames::chosen(&v.code)).as_deref() == Some("yes"))
            .map(|v| v.code.clone())
            .collect(),
        None => current.to_vec(),
    }
}
