use leptos::prelude::*;

/// A labelled text input with optional hint and error message, wired together with
/// `aria-describedby` so screen readers read all three.
#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] value: String,
    #[prop(default = None)] error: Option<String>,
    #[prop(default = "input")] class: &'static str,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described_by = [
        hint.map(|_| hint_id.clone()),
        error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let has_error = error.is_some();
    view! {
        <div class="form-group" class:form-group--error=has_error>
            <label class="label" for=name>{label}</label>
            {hint.map(|hint| view! { <div class="hint" id=hint_id.clone()>{hint}</div> })}
            {error.map(|message| {
                view! {
                    <p class="error-message" id=error_id.clone()>
                        <span class="visually-hidden">"Error: "</span>
                        {message}
                    </p>
                }
            })}
            <input
                class=class
                class:input--error=has_error
                id=name
                name=name
                type=input_type
                value=value
                autocomplete=autocomplete
                spellcheck=(input_type == "email").then_some("false")
                aria-invalid=has_error.then_some("true")
                aria-describedby=(!described_by.is_empty()).then_some(described_by)
            />
        </div>
    }
}

/// A labelled textarea with optional hint and error message, wired together like
/// [`TextField`], so a refused text shows its message beside it.
#[component]
pub fn TextArea(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = 4)] rows: u32,
    #[prop(optional, into)] value: String,
    #[prop(default = None)] error: Option<String>,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described_by = [
        hint.map(|_| hint_id.clone()),
        error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let has_error = error.is_some();
    view! {
        <div class="form-group" class:form-group--error=has_error>
            <label class="label" for=name>{label}</label>
            {hint.map(|hint| view! { <div class="hint" id=hint_id.clone()>{hint}</div> })}
            {error.map(|message| {
                view! {
                    <p class="error-message" id=error_id.clone()>
                        <span class="visually-hidden">"Error: "</span>
                        {message}
                    </p>
                }
            })}
            <textarea
                class="textarea"
                id=name
                name=name
                rows=rows
                aria-invalid=has_error.then_some("true")
                aria-describedby=(!described_by.is_empty()).then_some(described_by)
            >{value}</textarea>
        </div>
    }
}
