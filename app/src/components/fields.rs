use leptos::prelude::*;

/// What a field is described by for screen readers: its hint and its error message,
/// whichever it has (ids `{name}-hint` and `{name}-error`).
fn described_by(name: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let ids: Vec<String> = [(has_hint, "hint"), (has_error, "error")]
        .into_iter()
        .filter(|(has, _)| *has)
        .map(|(_, part)| format!("{name}-{part}"))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A field's label, then its hint and its error message, as GOV.UK lays them out.
#[component]
fn LabelHintError(
    name: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    error: Option<String>,
) -> impl IntoView {
    view! {
        <label class="label" for=name>{label}</label>
        {hint.map(|hint| view! { <div class="hint" id=format!("{name}-hint")>{hint}</div> })}
        {error.map(|message| {
            view! {
                <p class="error-message" id=format!("{name}-error")>
                    <span class="visually-hidden">"Error: "</span>
                    {message}
                </p>
            }
        })}
    }
}

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
    let described_by = described_by(name, hint.is_some(), error.is_some());
    let has_error = error.is_some();
    view! {
        <div class="form-group" class:form-group--error=has_error>
            <LabelHintError name label hint error/>
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
                aria-describedby=described_by
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
    let described_by = described_by(name, hint.is_some(), error.is_some());
    let has_error = error.is_some();
    view! {
        <div class="form-group" class:form-group--error=has_error>
            <LabelHintError name label hint error/>
            <textarea
                class="textarea"
                id=name
                name=name
                rows=rows
                aria-invalid=has_error.then_some("true")
                aria-describedby=described_by
            >{value}</textarea>
        </div>
    }
}
