//! The editors' page for a framework's values: add, rename and order them.

use crate::{
    api::get_framework,
    components::{
        error_page::ErrorPage,
        error_summary::ErrorSummary,
        fields::{TextArea, TextField},
        loaded, loading,
    },
    error::AppError,
    form::use_form_feedback,
    model::{ACTION, Saved, ValueAction, ValueFieldNames, ValueInput},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

pub const VALUE_FORM: &str = "value";
pub const VALUE_UPDATE_FORM: &str = "value-update";

#[component]
pub fn ValuesPage() -> impl IntoView {
    let params = use_params_map();
    let framework = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_framework,
    );
    let add_feedback = use_form_feedback(VALUE_FORM);
    let update_feedback = use_form_feedback(VALUE_UPDATE_FORM);
    let saved = use_query_map()
        .read_untracked()
        .get("saved")
        .and_then(|code| Saved::parse(&code))
        .map(|saved| saved.message());
    view! {
        <Suspense fallback=loading>
            {move || {
                let add_feedback = add_feedback.clone();
                let update_feedback = update_feedback.clone();
                Suspend::new(async move {
                    loaded(framework.await, move |f| {
                        if !f.can_edit {
                            return view! { <ErrorPage error=AppError::Forbidden/> }.into_any();
                        }
                        let action = format!("/frameworks/{}/values", f.slug);
                        let count = f.values.len();
                        let av = |n: &str| add_feedback.as_ref().and_then(|x| x.value(n)).unwrap_or_default();
                        let ae = |n: &str| add_feedback.as_ref().and_then(|x| x.error_for(n));
                        let feedback = add_feedback.clone().or(update_feedback.clone());
                        view! {
                            <Title text=format!("{}Values of {}", if feedback.is_some() { "Error: " } else { "" }, f.title)/>
                            <nav class="breadcrumbs" aria-label="Breadcrumb">
                                <ol><li><a href="/">"Frameworks"</a></li><li><a href=format!("/frameworks/{}", f.slug)>{f.title.clone()}</a></li></ol>
                            </nav>
                            <ErrorSummary feedback=feedback/>
                            {saved.map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })}
                            <h1>{format!("Values of {}", f.title)}</h1>
                            <p class="lead">"Values are a second way into the standards, beside themes: what each statement prioritises, like choice and control. Every statement carries one or more once the framework has values."</p>
                            <p><a href=format!("/frameworks/{}?view=grid", f.slug)>"See the statements by theme and value"</a></p>
                            {(count == 0).then(|| view! { <p>"This framework has no values yet."</p> })}
                            {let unvalued: Vec<String> = f.without_value().into_iter().map(|(_, s)| s.reference.clone()).collect();
                             (count > 0 && !unvalued.is_empty()).then(|| view! {
                                <div class="inset">
                                    <p>{format!("{} not yet given a value. Choose at least one for each:", crate::domain::plural(unvalued.len(), "statement is", "statements are"))}</p>
                                    <ul class="plain-list">
                                        {unvalued.into_iter().map(|reference| view! {
                                            <li><a href=format!("/frameworks/{}/statements/{reference}/manage", f.slug)>{format!("Choose values for {reference}")}</a></li>
                                        }).collect_view()}
                                    </ul>
                                </div>
                            })}
                            {f.values.iter().enumerate().map(|(i, v)| {
                                let code = v.code.clone();
                                let mine = update_feedback.as_ref().filter(|x| x.value(ValueInput::VALUE_CODE).as_deref() == Some(code.as_str()));
                                let title_name = ValueFieldNames::title(&code);
                                let description_name = ValueFieldNames::description(&code);
                                let title_value = mine.and_then(|x| x.value(&title_name)).unwrap_or_else(|| v.title.clone());
                                let description_value = mine.and_then(|x| x.value(&description_name)).unwrap_or_else(|| v.description.clone());
                                let title_error = mine.and_then(|x| x.error_for(&title_name));
                                let description_error = mine.and_then(|x| x.error_for(&description_name));
                                let (title_error_id, description_error_id) = (format!("{title_name}-error"), format!("{description_name}-error"));
                                let last = i + 1 == count;
                                let move_form = |to: ValueAction, label: &'static str| view! {
                                    <form method="post" action=action.clone()>
                                        <input type="hidden" name=ACTION value=to.as_str()/>
                                        <input type="hidden" name=ValueInput::VALUE_CODE value=code.clone()/>
                                        <button type="submit" class="button button--secondary button--small">{label}<span class="visually-hidden">{format!(" ({})", v.title)}</span></button>
                                    </form>
                                };
                                view! {
                                    <section class="card theme-editor" aria-labelledby=format!("edit-value-{code}")>
                                        <h2 class="card__title heading-m" id=format!("edit-value-{code}")><span class="reference">{code.clone()}</span>" "{v.title.clone()}</h2>
                                        <p><a href=format!("/frameworks/{}?value={code}", f.slug)>"Statements about this value"<span class="visually-hidden">{format!(" ({})", v.title)}</span></a></p>
                                        <form method="post" action=action.clone() novalidate>
                                            <input type="hidden" name=ACTION value=ValueAction::Change.as_str()/>
                                            <input type="hidden" name=ValueInput::VALUE_CODE value=code.clone()/>
                                            <div class="form-group" class:form-group--error=title_error.is_some()>
                                                <label class="label" for=title_name.clone()>"Value title"</label>
                                                {title_error.clone().map(|m| view! { <p class="error-message" id=title_error_id.clone()><span class="visually-hidden">"Error: "</span>{m}</p> })}
                                                <input class="input" id=title_name.clone() name=title_name.clone() type="text" value=title_value
                                                    aria-invalid=title_error.is_some().then_some("true") aria-describedby=title_error.is_some().then(|| title_error_id.clone())/>
                                            </div>
                                            <div class="form-group" class:form-group--error=description_error.is_some()>
                                                <label class="label" for=description_name.clone()>"What the value means"</label>
                                                {description_error.clone().map(|m| view! { <p class="error-message" id=description_error_id.clone()><span class="visually-hidden">"Error: "</span>{m}</p> })}
                                                <textarea class="textarea" id=description_name.clone() name=description_name.clone() rows="2"
                                                    aria-invalid=description_error.is_some().then_some("true") aria-describedby=description_error.is_some().then(|| description_error_id.clone())>{description_value}</textarea>
                                            </div>
                                            <button type="submit" class="button button--secondary button--small">
                                                "Save value"<span class="visually-hidden">{format!(" {code}")}</span>
                                            </button>
                                        </form>
                                        <div class="button-group">
                                            {(i > 0).then(|| move_form(ValueAction::Up, "Move up"))}
                                            {(!last).then(|| move_form(ValueAction::Down, "Move down"))}
                                        </div>
                                    </section>
                                }
                            }).collect_view()}
                            <h2 class="heading-m">"Add a value"</h2>
                            <form method="post" action=action novalidate class="narrow">
                                <input type="hidden" name=ACTION value=ValueAction::Add.as_str()/>
                                <TextField name=ValueInput::VALUE_CODE label="Short code" hint="1 to 4 letters, like CC for choice and control. It names the value in links." value=av(ValueInput::VALUE_CODE) error=ae(ValueInput::VALUE_CODE) class="input input--width-5"/>
                                <TextField name=ValueInput::VALUE_TITLE label="Title of the value" value=av(ValueInput::VALUE_TITLE) error=ae(ValueInput::VALUE_TITLE)/>
                                <TextArea name=ValueInput::VALUE_DESCRIPTION label="What the value means (optional)" rows=2 value=av(ValueInput::VALUE_DESCRIPTION) error=ae(ValueInput::VALUE_DESCRIPTION)/>
                                <button type="submit" class="button">"Add value"</button>
                            </form>
                        }.into_any()
                    })
                })
            }}
        </Suspense>
    }
}
