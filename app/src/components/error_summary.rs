use crate::form::FormFeedback;
use leptos::prelude::*;

/// The list of problems at the top of a form, each linking to its field.
/// It takes focus when the page loads so screen reader users hear it first.
#[component]
pub fn ErrorSummary(feedback: Option<FormFeedback>) -> impl IntoView {
    feedback.filter(|f| !f.errors.is_empty()).map(|feedback| {
        view! {
            <div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
                <h2 class="error-summary__title" id="error-summary-title">"There is a problem"</h2>
                <ul class="error-summary__list">
                    {feedback
                        .errors
                        .into_iter()
                        .map(|e| {
                            view! {
                                <li>
                                    <a href=format!("#{}", e.field) target="_self">{e.message}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}
