//! Editors' pages for frameworks, themes and statements.

use crate::components::live_text::NewStatementText;
use crate::{
    api::{get_framework, get_jargon, get_statement},
    components::{
        error_page::ErrorPage, error_summary::ErrorSummary, fields::TextField, loaded, loading,
    },
    error::AppError,
    form::use_form_feedback,
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
                                        <TextField name="title" label="Title" value=value("title") error=error("title")/>
                                        <div class="form-group">
                                            <label class="label" for="summary">"Summary (optional)"</label>
                                            <textarea class="textarea" id="summary" name="summary" rows="4">{value("summary")}</textarea>
                                        </div>
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
                                <TextField name="title" label="Title" value=fv("title", &f.title) error=fe("title")/>
                                <div class="form-group">
                                    <label class="label" for="summary">"Summary"</label>
                                    <textarea class="textarea" id="summary" name="summary" rows="4">{fv("summary", &f.summary)}</textarea>
                                </div>
                                <button type="submit" class="button">"Save"</button>
                            </form>
                            <h2>"Themes"</h2>
                            {f.themes.iter().enumerate().map(|(i, t)| {
                                let code = t.code.clone();
                                let mine = update_feedback.as_ref().filter(|x| x.value("code").as_deref() == Some(code.as_str()));
                                let title_name = format!("theme-title-{code}");
                                let description_name = format!("theme-description-{code}");
                                let title_value = mine.and_then(|x| x.value(&title_name)).unwrap_or_else(|| t.title.clone());
                                let description_value = mine.and_then(|x| x.value(&description_name)).unwrap_or_else(|| t.description.clone());
                                let title_error = mine.and_then(|x| x.error_for(&title_name));
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
                                            <input type="hidden" name="code" value=code.clone()/>
                                            <div class="form-group" class:form-group--error=title_error.is_some()>
                                                <label class="label" for=title_name.clone()>"Theme title"</label>
                                                {title_error.clone().map(|m| view! { <p class="error-message"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                                                <input class="input" id=title_name.clone() name=title_name.clone() type="text" value=title_value/>
                                            </div>
                                            <div class="form-group">
                                                <label class="label" for=description_name.clone()>"What the theme is about"</label>
                                                <textarea class="textarea" id=description_name.clone() name=description_name.clone() rows="2">{description_value}</textarea>
                                            </div>
                                            <button type="submit" class="button button--secondary button--small">
                                                "Save theme"<span class="visually-hidden">{format!(" {code}")}</span>
                                            </button>
                                        </form>
                                        <div class="button-group">
                                            {(i > 0).then(|| view! {
                                                <form method="post" action=action.clone()>
                                                    <input type="hidden" name=crate::model::ACTION value=crate::model::FrameworkAction::ThemeUp.as_str()/>
                                                    <input type="hidden" name="code" value=code.clone()/>
                                                    <button type="submit" class="button button--secondary button--small">"Move up"<span class="visually-hidden">{format!(" ({})", t.title)}</span></button>
                                                </form>
                                            })}
                                            {(!last).then(|| view! {
                                                <form method="post" action=action.clone()>
                                                    <input type="hidden" name=crate::model::ACTION value=crate::model::FrameworkAction::ThemeDown.as_str()/>
                                                    <input type="hidden" name="code" value=code.clone()/>
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
                                <TextField name="code" label="Short code" hint="1 to 4 letters. Statements in this theme are numbered with it, like HL-3." value=tv("code") error=te("code") class="input input--width-5"/>
                                <TextField name="theme_title" label="Theme title" value=tv("theme_title") error=te("theme_title")/>
                                <div class="form-group">
                                    <label class="label" for="description">"What the theme is about (optional)"</label>
                                    <textarea class="textarea" id="description" name="description" rows="2">{tv("description")}</textarea>
                                </div>
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
                        let text = value("body");
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
                                    <input type="hidden" name="submission_key" value=key/>
                                    <NewStatementText initial=text jargon=jargon.clone() error=error("body")/>
                                    <TextField name="note" label="Where it came from (optional)" hint="For example: 'From the Glasgow workshop, March 2027.'" value=value("note") error=error("note")/>
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
        |(slug, reference)| get_statement(slug, reference),
    );
    let framework = Resource::new(move || params.get().0, get_framework);
    let feedback = use_form_feedback(MANAGE_FORM);
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                Suspend::new(async move {
                    let framework = framework.await;
                    loaded(statement.await, move |s| {
                        if !s.can_edit {
                            return view! { <ErrorPage error=AppError::Forbidden/> }.into_any();
                        }
                        let themes = framework.map(|f| f.themes).unwrap_or_default();
                        let place = themes.iter().find(|t| t.code == s.theme_code)
                            .and_then(|t| t.statements.iter().position(|x| x.reference == s.reference))
                            .map_or(1, |i| i + 1);
                        let chosen_theme = feedback.as_ref().and_then(|f| f.value("theme")).unwrap_or_else(|| s.theme_code.clone());
                        let place_value = feedback.as_ref().and_then(|f| f.value("place")).unwrap_or_else(|| place.to_string());
                        let place_error = feedback.as_ref().and_then(|f| f.error_for("place"));
                        let path = s.path();
                        view! {
                            <Title text=format!("{}Move or retire {}", title_prefix(feedback.is_some()), s.reference)/>
                            <StatementBreadcrumbs slug=s.framework_slug.clone() framework_title=s.framework_title.clone() theme_code=s.theme_code.clone() theme_title=s.theme_title.clone() statement=(path.clone(), s.reference.clone())/>
                            <div class="narrow">
                                <ErrorSummary feedback=feedback.clone()/>
                                <h1>{format!("Move or retire {}", s.reference)}</h1>
                                <p class="statement-quote">{s.text.clone()}</p>
                                <p>"Its reference, "{s.reference.clone()}", stays the same wherever it goes."</p>
                                <form method="post" action=format!("{path}/manage") novalidate>
                                    <input type="hidden" name=crate::model::ACTION value=crate::model::ManageAction::Move.as_str()/>
                                    <div class="form-group">
                                        <label class="label" for="theme">"Theme"</label>
                                        <select class="select" id="theme" name="theme">
                                            {themes.iter().map(|t| view! { <option value=t.code.clone() selected=t.code == chosen_theme>{t.title.clone()}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <TextField name="place" label="Place in the theme" hint="1 puts it first." input_type="number" value=place_value error=place_error class="input input--width-5"/>
                                    <button type="submit" class="button">"Move statement"</button>
                                </form>
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
                                    <TextField name="term" label="Word or phrase to avoid" value=value("term") error=error("term")/>
                                    <TextField name="plainer" label="Plainer alternative" value=value("plainer") error=error("plainer")/>
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
