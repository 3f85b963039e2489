use crate::{
    api::get_framework,
    components::{loaded, loading, reading::ReadingSwitch, statement_parts::RoundBanner},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn FrameworkPage() -> impl IntoView {
    let params = use_params_map();
    let framework = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_framework,
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(framework.await, |f| {
                    let slug = f.slug.clone();
                    view! {
                        <Title text=f.title.clone()/>
                        <nav class="breadcrumbs" aria-label="Breadcrumb">
                            <ol>
                                <li><a href="/">"Frameworks"</a></li>
                            </ol>
                        </nav>
                        <h1>{f.title}</h1>
                        <ReadingSwitch reading=f.reading/>
                        <p class="lead">{f.summary}</p>
                        <RoundBanner status=f.round.clone() rounds_href=format!("/frameworks/{slug}/rounds")/>
                        {f.can_edit.then(|| view! {
                            <ul class="action-list">
                                <li><a class="button button--secondary" href=format!("/frameworks/{slug}/edit")>"Edit framework and themes"</a></li>
                                <li><a class="button button--secondary" href=format!("/frameworks/{slug}/rounds")>"Manage rounds"</a></li>
                                <li><a class="button button--secondary" href=format!("/frameworks/{slug}/publish")>"Publish a version"</a></li>
                                <li><a class="button button--secondary" href="/jargon">"Words to avoid"</a></li>
                            </ul>
                        })}
                        <nav class="contents" aria-labelledby="themes-heading">
                            <h2 id="themes-heading" class="heading-s">"Themes"</h2>
                            <ul>
                                {f.themes.iter().map(|t| view! {
                                    <li><a href=format!("#theme-{}", t.code) target="_self">{t.title.clone()}</a></li>
                                }).collect_view()}
                            </ul>
                        </nav>
                        {f.themes
                            .into_iter()
                            .map(|theme| {
                                let slug = slug.clone();
                                view! {
                                    <section class="theme" aria-labelledby=format!("theme-{}", theme.code)>
                                        <h2 id=format!("theme-{}", theme.code)>{theme.title.clone()}</h2>
                                        <p>{theme.description}</p>
                                        {f.can_edit.then(|| view! {
                                            <p><a href=format!("/frameworks/{slug}/themes/{}/new-statement", theme.code)>
                                                "Add a statement"<span class="visually-hidden">{format!(" to {}", theme.title)}</span>
                                            </a></p>
                                        })}
                                        <ul class="statement-list">
                                            {theme
                                                .statements
                                                .into_iter()
                                                .map(|s| {
                                                    view! {
                                                        <li>
                                                            <a href=format!("/frameworks/{slug}/statements/{}", s.reference)>
                                                                <span class="reference">{s.reference.clone()}</span>
                                                                " "
                                                                <span class="statement-text">{s.text}</span>
                                                            </a>
                                                            {s.reading_note.map(|n| view! { <p class="meta">{n}</p> })}
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    </section>
                                }
                            })
                            .collect_view()}
                    }
                })
            })}
        </Suspense>
    }
}
