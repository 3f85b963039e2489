use crate::{
    api::list_frameworks,
    components::{loaded, loading},
    domain::plural,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let frameworks = Resource::new(|| (), |_| list_frameworks());
    let site = Resource::new(|| (), |_| crate::api::get_site_context());
    view! {
        <Title text=""/>
        <h1>"Care standards, written with the people they are for"</h1>
        <p class="lead">
            "People who use social care, their carers and the people who support them write
            these standards together, in their own words. Read the drafts, say what you think,
            and see how what you said changed them."
        </p>
        <h2>"Frameworks"</h2>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let is_editor = site.await.ok().and_then(|s| s.viewer).is_some_and(|v| v.is_editor);
                is_editor.then(|| view! { <p><a class="button button--secondary" href="/frameworks/new">"Start a new framework"</a></p> })
            })}
        </Suspense>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(frameworks.await, |list| {
                    if list.is_empty() {
                        view! { <p>"There are no frameworks yet."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="card-list">
                                {list
                                    .into_iter()
                                    .map(|f| {
                                        view! {
                                            <li class="card">
                                                <h3 class="card__title">
                                                    <a href=format!("/frameworks/{}", f.slug)>{f.title}</a>
                                                </h3>
                                                <p>{f.summary}</p>
                                                <p class="meta">{statement_count(f.statement_count)}</p>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                })
            })}
        </Suspense>
    }
}

fn statement_count(count: i64) -> String {
    plural(count, "I statement", "I statements")
}
