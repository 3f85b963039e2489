//! Editors' pages for frameworks, themes and statements.

use crate::components::live_text::{CheckedField, CheckedText};
use crate::{
    api::{get_framework, get_jargon, get_statement},
    components::{
        error_page::ErrorPage,
        error_summary::ErrorSummary,
        fields::{TextArea, TextField},
        loaded, loading,
        value_choices::{ValueChoices, ticked_values},
    },
    error::AppError,
    form::use_form_feedback,
    model::{
        FrameworkInput, JargonInput, PlacementInput, StatementInput, ThemeFieldNames, ThemeInput,
        ValueFieldNames,
    },
    pages::statement::{StatementBreadcrumbs, statement_params},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

pub const FRAMEWORK_FORM: &str = "framework";
pub const THEME_FORM: &str = "theme";
pub const STATEMENT_FORM: &str = "statement";
pub const MANAGE_FORM: &str = "manage";
pub const JARGON_FORM: &str = "jargon";
pub const STATEMENT_VALUES_FORM: &str = "statement-values";

fn title_prefix(has_errors: bool) -> &'static str {
    if has_errors { "Error: " } else { "" }
}

#[component]
pub fn NewFrameworkPage() -> impl IntoView {
    let feedback = use_form_feedback(FRAMEWORK_FORM);
    let site = Resource::new(|| (), |_| crate::api::get_site_context());
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                Suspend::new(async move {
                    let is_editor = site.await.ok().and_then(|s| s.viewer).map(|v| v.is_editor);
                    match is_editor {
                        None => view! { <ErrorPage error=AppError::SignInRequired/> }.into_any(),
                        Some(false) => view! { <ErrorPage error=AppError::Forbidden/> }.into_any(),
                        Some(true) => {
                            let value = |n: &str| feedback.as_ref().and_then(|f| f.value(n)).unwrap_or_default();
                            let error = |n: &str| feedback.as_ref().and_then(|f| f.error_for(n));
                            view! {
                                <Title text=format!("{}New framework", title_prefix(feedback.is_some()))/>
                                <div class="narrow">
                                    <ErrorSummary feedback=feedback.clone()/>
                                    <h1>"New framework"</h1>
                                    <form method="post" action="/frameworks/new" novalidate>
                                        <TextField name=FrameworkInput::TITLE label="Title" value=value(FrameworkInput::TITLE) error=error(FrameworkInput::TITLE)/>
                                        <TextArea name=FrameworkInput::SUMMARY label="Summary (optional)" value=value(FrameworkInput::SUMMARY) error=error(FrameworkInput::SUMMARY)/>
                                        <button type="submit" class="button">"Create framework"</button>
                                    </form>
                                </div>
                            }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn EditFrameworkPage() -> impl IntoView {
    let params = use_params_map();
    let framework = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_framework,
    );
    let framework_feedback = use_form_feedback(FRAMEWORK_FORM);
    let theme_feedback = use_form_feedback(THEME_FORM);
    let update_feedback = use_form_feedback("theme-update");
    let saved = use_query_map()
        .read_untracked()
        .get("saved")
        .and_then(|code| crate::model::Saved::parse(&code))
        .map(|saved| saved.message());
    view! {
        <Suspense fallback=loading>
            {move || {
                let framework_feedback = framework_feedback.clone();
                let theme_feedback = theme_feedback.clone();
                let update_feedback = update_feedback.clone();
                Suspend::new(async move {
                    loaded(framework.await, move |f| {
                        let theme_count = f.themes.len();
                        if !f.can_edit {
                            return view! { <ErrorPage error=AppError::Forbidden/> }.into_any();
                        }
                        let fv = |n: &str, d: &str| framework_feedback.as_ref().and_then(|x| x.value(n)).unwrap_or_else(|| d.to_owned());
                        let fe = |n: &str| framework_feedback.as_ref().and_then(|x| x.error_for(n));
                        let tv = |n: &str| theme_feedback.as_ref().and_then(|x| x.value(n)).unwrap_or_default();
                        let te = |n: &str| theme_feedback.as_ref().and_then(|x| x.error_for(n));
                        let action = format!("/frameworks/{}/edit", f.slug);
                        let feedback = framework_feedback.clone().or(theme_feedback.clone()).or(update_feedback.clone());
                        view! {
                            <Title text=format!("{}Edit {}", title_prefix(feedback.is_some()), f.title)/>
                            <nav class="breadcrumbs" aria-label="Breadcrumb">
                                <ol><li><a href="/">"Frameworks"</a></li><li><a href=format!("/frameworks/{}", f.slug)>{f.title.clone()}</a></li></ol>
                            </nav>
                            <ErrorSummary feedback=feedback/>
                            {saved.map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })}
                            <h1>{format!("Edit {}", f.title)}</h1>
                            <form method="post" action=action.clone() novalidate class="narrow">
                                <input type="hidden" name=crate::model::ACTION value=crate::model::FrameworkAction::Framework.as_str()/>
                                <TextField name=FrameworkInput::TITLE label="Title" value=fv(FrameworkInput::TITLE, &f.title) error=fe(FrameworkInput::TITLE)/>
                                <TextArea name=FrameworkInput::SUMMARY label="Summary" value=fv(FrameworkInput::SUMMARY, &f.summary) error=fe(FrameworkInput::SUMMARY)/>
                                <TextField
                                    name=FrameworkInput::LIVED_EXPERIENCE_TARGET
                                    label="Target share of comments from lived experience, in percent"
                                    hint="A whole number from 0 to 100. When fewer of a round's comments than this draw on lived experience, the round page says lived experience is under-heard, so you can reach out before the round closes."
                                    value=fv(FrameworkInput::LIVED_EXPERIENCE_TARGET, &f.settings.lived_experience_target.to_string())
                                    error=fe(FrameworkInput::LIVED_EXPERIENCE_TARGET)
                                    class="input input--width-5"
                                />
                                {
                                    let ticked = match framework_feedback.as_ref() {
                                        Some(x) => x.value(FrameworkInput::REQUIRES_EASY_READ).as_deref() == Some("yes"),
                                        None => f.settings.requires_easy_read,
                                    };
                                    view! {
                                        <div class="form-group">
                                            <div class="checkboxes">
                                                <div class="checkboxes__item">
                                                    <input class="checkboxes__input" type="checkbox" id=FrameworkInput::REQUIRES_EASY_READ name=FrameworkInput::REQUIRES_EASY_READ value="yes" checked=ticked aria-describedby="requires_easy_read-hint"/>
                                                    <label class="checkboxes__label" for=FrameworkInput::REQUIRES_EASY_READ>"Require an easy read version of every statement before publishing"</label>
                                                    <div class="hint checkboxes__hint" id="requires_easy_read-hint">"Publishing always warns while an easy read version is missing or out of step. Tick this to refuse publishing until every statement has one."</div>
                                                </div>
                                            </div>
                                        </div>
                                    }
                                }
                                <button type="submit" class="button">"Save"</button>
                            </form>
                            <h2>"Themes"</h2>
                            {f.themes.iter().enumerate().map(|(i, t)| {
                                let code = t.code.clone();
                                let mine = update_feedback.as_ref().filter(|x| x.value(ThemeInput::CODE).as_deref() == Some(code.as_str()));
                                let title_name = ThemeFieldNames::title(&code);
                                let description_name = ThemeFieldNames::description(&code);
                                let title_value = mine.and_then(|x| x.value(&title_name)).unwrap_or_else(|| t.title.clone());
                                let description_value = mine.and_then(|x| x.value(&description_name)).unwrap_or_else(|| t.description.clone());
                                let title_error = mine.and_then(|x| x.error_for(&title_name));
                                let description_error = mine.and_then(|x| x.error_for(&description_name));
                                let (title_error_id, description_error_id) = (format!("{title_name}-error"), format!("{description_name}-error"));
                                let last = i + 1 == theme_count;
                                view! {
                                    <section class="card theme-editor" aria-labelledby=format!("edit-theme-{code}")>
                                        <h3 class="card__title" id=format!("edit-theme-{code}")><span class="reference">{code.clone()}</span>" "{t.title.clone()}</h3>
                                        <p>
                                            <a href=format!("/frameworks/{}/themes/{}/new-statement", f.slug, code)>
                                                "Add a statement"<span class="visually-hidden">{format!(" to {}", t.title)}</span>
                                            </a>
                                        </p>
                                        <form method="post" action=action.clone() novalidate>
                                            <input type="hidden" name=crate::model::ACTION value=crate::model::FrameworkAction::ChangeTheme.as_str()/>
                                            <input type="hidden" name=ThemeInput::CODE value=code.clone()/>
                                            <div class="form-group" class:form-group--error=title_error.is_some()>
                                                <label class="label" for=title_name.clone()>"Theme title"</label>
                                                {title_error.clone().map(|m| view! { <p class="error-message" id=title_error_id.clone()><span class="visually-hidden">"Error: "</span>{m}</p> })}
                                                <input class="input" id=title_name.clone() name=title_name.clone() type="text" value=title_value
                                                    aria-invalid=title_error.is_some().then_some("true") aria-describedby=title_error.is_some().then(|| title_error_id.clone())/>
                                            </div>
                                            <div class="form-group" class:form-group--error=description_error.is_some()>
                                                <label class="label" for=description_name.clone()>"What the theme is about"</label>
                                                {description_error.clone().map(|m| view! { <p class="error-message" id=description_error_id.clone()><span class="visually-hidden">"Error: "</span>{m}</p> })}
                                                <textarea class="textarea" id=description_name.clone() name=description_name.clone() rows="2"
                                                    aria-invalid=description_error.is_some().then_some("true") aria-describedby=description_error.is_some().then(|| description_error_id.clone())>{description_value}</textarea>
                                            </div>
                                            <button type="submit" class="button button--secondary button--small">
                                                "Save theme"<span class="visually-hidden">{format!(" {code}")}</span>
                                            </button>
                                        </form>
                                        <div class="button-group">
                                            {(i > 0).then(|| view! {
                                                <form method="post" action=action.clone()>
                                                    <input type="hidden" name=crate::model::ACTION value=crate::model::FrameworkAction::ThemeUp.as_str()/>
                                                    <input type="hidden" name=ThemeInput::CODE value=code.clone()/>
                                                    <button type="submit" class="button button--secondary button--small">"Move up"<span class="visually-hidden">{format!(" ({})", t.title)}</span></button>
                                                </form>
                                            })}
                                            {(!last).then(|| view! {
                                                <form method="post" action=action.clone()>
                                                    <input type="hidden" name=crate::model::ACTION value=crate::model::FrameworkAction::ThemeDown.as_str()/>
                                                    <input type="hidden" name=ThemeInput::CODE value=code.clone()/>
                                                    <button type="submit" class="button button--secondary button--small">"Move down"<span class="visually-hidden">{format!(" ({})", t.title)}</span></button>
                                                </form>
                                            })}
                                        </div>
                                    </section>
                                }
                            }).collect_view()}
                            <h2 class="heading-m">"Add a theme"</h2>
                            <form method="post" action=action novalidate class="narrow">
                                <input type="hidden" name=crate::model::ACTION value=crate::model::FrameworkAction::AddTheme.as_str()/>
                                <TextField name=ThemeInput::CODE label="Short code" hint="1 to 4 letters. Statements in this theme are numbered with it, like HL-3." value=tv(ThemeInput::CODE) error=te(ThemeInput::CODE) class="input input--width-5"/>
                                <TextField name=ThemeInput::THEME_TITLE label="Theme title" value=tv(ThemeInput::THEME_TITLE) error=te(ThemeInput::THEME_TITLE)/>
                                <TextArea name=ThemeInput::DESCRIPTION label="What the theme is about (optional)" rows=2 value=tv(ThemeInput::DESCRIPTION) error=te(ThemeInput::DESCRIPTION)/>
                                <button type="submit" class="button">"Add theme"</button>
                            </form>
                        }.into_any()
                    })
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn NewStatementPage() -> impl IntoView {
    let params = use_params_map();
    let framework = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_framework,
    );
    let jargon = Resource::new(|| (), |_| get_jargon());
    let feedback = use_form_feedback(STATEMENT_FORM);
    let code = move || params.read().get("code").unwrap_or_default();
    let key = SharedValue::new(|| {
        #[cfg(feature = "ssr")]
        {
            crate::server::auth::new_secret()
        }
        #[cfg(not(feature = "ssr"))]
        {
            String::new()
        }
    })
    .into_inner();
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                let key = key.clone();
                Suspend::new(async move {
                    let jargon = jargon.await.unwrap_or_default();
                    loaded(framework.await, move |f| {
                        let code = code();
                        let Some(theme) = f.themes.iter().find(|t| t.code == code).cloned() else {
                            return view! { <ErrorPage error=AppError::NotFound/> }.into_any();
                        };
                        if !f.can_edit {
                            return view! { <ErrorPage error=AppError::Forbidden/> }.into_any();
                        }
                        let value = |n: &str| feedback.as_ref().and_then(|x| x.value(n)).unwrap_or_default();
                        let error = |n: &str| feedback.as_ref().and_then(|x| x.error_for(n));
                        let text = value(StatementInput::BODY);
                        view! {
                            <Title text=format!("{}New statement in {}", title_prefix(feedback.is_some()), theme.title)/>
                            <nav class="breadcrumbs" aria-label="Breadcrumb">
                                <ol><li><a href="/">"Frameworks"</a></li><li><a href=format!("/frameworks/{}", f.slug)>{f.title.clone()}</a></li></ol>
                            </nav>
                            <div class="narrow">
                                <ErrorSummary feedback=feedback.clone()/>
                                <span class="caption">{theme.title.clone()}</span>
                                <h1>"New I statement"</h1>
                                <form method="post" action=format!("/frameworks/{}/themes/{}/new-statement", f.slug, theme.code) novalidate>
                                    <input type="hidden" name=StatementInput::SUBMISSION_KEY value=key/>
                                    <CheckedText field=CheckedField::NewStatement initial=text jargon=jargon.clone() error=error(StatementInput::BODY)/>
                                    <TextField name=StatementInput::NOTE label="Where it came from (optional)" hint="For example: 'From the Glasgow workshop, March 2027.'" value=value(StatementInput::NOTE) error=error(StatementInput::NOTE)/>
                                    <ValueChoices values=f.values.clone() ticked=ticked_values(&f.values, feedback.as_ref(), &[]) error=error(ValueFieldNames::CHOSEN)/>
                                    <div class="button-group">
                                        <button type="submit" class="button" name=crate::model::ACTION value=crate::model::StatementAction::Save.as_str()>"Add statement"</button>
                                        <button type="submit" class="button button--secondary" name=crate::model::ACTION value=crate::model::StatementAction::Check.as_str()>"Check the wording"</button>
                                    </div>
                                </form>
                            </div>
                        }.into_any()
                    })
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn ManageStatementPage() -> impl IntoView {
    let params = statement_params();
    let statement = Resource::new(
        move || params.get(),
        |(slug, reference)| get_statement(slug, reference, None),
    );
    let framework = Resource::new(move || params.get().0, get_framework);
    let feedback = use_form_feedback(MANAGE_FORM);
    let values_feedback = use_form_feedback(STATEMENT_VALUES_FORM);
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                let values_feedback = values_feedback.clone();
                Suspend::new(async move {
                    let framework = framework.await;
                    loaded(statement.await, move |s| {
                        if !s.can_edit {
                            return view! { <ErrorPage error=AppError::Forbidden/> }.into_any();
                        }
                        let values = framework.as_ref().map(|f| f.values.clone()).unwrap_or_default();
                        let carried: Vec<String> = s.values.iter().map(|v| v.code.clone()).collect();
                        let ticked = ticked_values(&values, values_feedback.as_ref(), &carried);
                        let values_error = values_feedback.as_ref().and_then(|f| f.error_for(ValueFieldNames::CHOSEN));
                        let any_feedback = feedback.clone().or(values_feedback.clone());
                        let themes = framework.map(|f| f.themes).unwrap_or_default();
                        let place = themes.iter().find(|t| t.code == s.theme_code)
                            .and_then(|t| t.statements.iter().position(|x| x.reference == s.reference))
                            .map_or(1, |i| i + 1);
                        let chosen_theme = feedback.as_ref().and_then(|f| f.value(PlacementInput::THEME)).unwrap_or_else(|| s.theme_code.clone());
                        let place_value = feedback.as_ref().and_then(|f| f.value(PlacementInput::PLACE)).unwrap_or_else(|| place.to_string());
                        let place_error = feedback.as_ref().and_then(|f| f.error_for(PlacementInput::PLACE));
                        let theme_error = feedback.as_ref().and_then(|f| f.error_for(PlacementInput::THEME));
                        let path = s.path();
                        view! {
                            <Title text=format!("{}Change values, move or retire {}", title_prefix(any_feedback.is_some()), s.reference)/>
                            <StatementBreadcrumbs slug=s.framework_slug.clone() framework_title=s.framework_title.clone() theme_code=s.theme_code.clone() theme_title=s.theme_title.clone() statement=(path.clone(), s.reference.clone())/>
                            <div class="narrow">
                                <ErrorSummary feedback=any_feedback/>
                                <h1>{format!("Change values, move or retire {}", s.reference)}</h1>
                                <p class="statement-quote">{s.text.clone()}</p>
                                <p>"Its reference, "{s.reference.clone()}", stays the same wherever it goes."</p>
                                <form method="post" action=format!("{path}/manage") novalidate>
                                    <input type="hidden" name=crate::model::ACTION value=crate::model::ManageAction::Move.as_str()/>
                                    <div class="form-group" class:form-group--error=theme_error.is_some()>
                                        <label class="label" for=PlacementInput::THEME>"Theme"</label>
                                        {theme_error.clone().map(|m| view! { <p class="error-message" id="theme-error"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                                        <select class="select" id=PlacementInput::THEME name=PlacementInput::THEME
                                            aria-invalid=theme_error.is_some().then_some("true") aria-describedby=theme_error.is_some().then_some("theme-error")>
                                            {themes.iter().map(|t| view! { <option value=t.code.clone() selected=t.code == chosen_theme>{t.title.clone()}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <TextField name=PlacementInput::PLACE label="Place in the theme" hint="1 puts it first." input_type="number" value=place_value error=place_error class="input input--width-5"/>
                                    <button type="submit" class="button">"Move statement"</button>
                                </form>
                                {(!values.is_empty()).then(|| view! {
                                    <h2 class="heading-m">"Values"</h2>
                                    <form method="post" action=format!("{path}/values") novalidate>
                                        <ValueChoices values=values.clone() ticked=ticked.clone() error=values_error.clone() legend="Which values is this statement about?"/>
                                        <button type="submit" class="button">"Save values"</button>
                                    </form>
                                })}
                                {(!s.retired).then(|| view! {
                                    <h2 class="heading-m">"Retire this statement"</h2>
                                    <p>"It will no longer be part of the framework. Its text, history and comments are kept."</p>
                                    <form method="post" action=format!("{path}/manage")>
                                        <input type="hidden" name=crate::model::ACTION value=crate::model::ManageAction::Retire.as_str()/>
                                        <button type="submit" class="button button--warning">"Retire statement"</button>
                                    </form>
                                })}
                            </div>
                        }.into_any()
                    })
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn JargonPage() -> impl IntoView {
    let jargon = Resource::new(|| (), |_| get_jargon());
    let site = Resource::new(|| (), |_| crate::api::get_site_context());
    let feedback = use_form_feedback(JARGON_FORM);
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                Suspend::new(async move {
                    let is_editor = site.await.ok().and_then(|s| s.viewer).is_some_and(|v| v.is_editor);
                    loaded(jargon.await, move |entries| {
                        let value = |n: &str| feedback.as_ref().and_then(|x| x.value(n)).unwrap_or_default();
                        let error = |n: &str| feedback.as_ref().and_then(|x| x.error_for(n));
                        view! {
                            <Title text=format!("{}Words to avoid", title_prefix(feedback.is_some()))/>
                            <ErrorSummary feedback=feedback.clone()/>
                            <h1>"Words to avoid"</h1>
                            <p class="lead">"The plain language check points these out and suggests plainer words."</p>
                            <div class="table-wrap" role="region" aria-labelledby="jargon-caption" tabindex="0">
                                <table class="table">
                                    <caption id="jargon-caption" class="visually-hidden">"Words to avoid and plainer words"</caption>
                                    <thead><tr><th scope="col">"Instead of"</th><th scope="col">"Try"</th></tr></thead>
                                    <tbody>
                                        {entries.into_iter().map(|e| view! { <tr><td>{e.term}</td><td>{e.plainer}</td></tr> }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            {is_editor.then(|| view! {
                                <h2>"Add a word or phrase"</h2>
                                <form method="post" action="/jargon" novalidate class="narrow">
                                    <TextField name=JargonInput::TERM label="Word or phrase to avoid" value=value(JargonInput::TERM) error=error(JargonInput::TERM)/>
                                    <TextField name=JargonInput::PLAINER label="Plainer alternative" value=value(JargonInput::PLAINER) error=error(JargonInput::PLAINER)/>
                                    <button type="submit" class="button">"Add to the list"</button>
                                </form>
                            })}
                        }
                    })
                })
            }}
        </Suspense>
    }
}
