use crate::{
    api::get_statement,
    components::{loaded, loading},
    domain::format_date,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StatementPage() -> impl IntoView {
    let params = use_params_map();
    let statement = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("slug").unwrap_or_default(),
                p.get("reference").unwrap_or_default(),
            )
        },
        |(slug, reference)| get_statement(slug, reference),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(statement.await, |s| {
                    let framework_href = format!("/frameworks/{}", s.framework_slug);
                    let revisions = match s.revision_count {
                        1 => "This is the first draft.".to_owned(),
                        n => format!("Redrafted {} times.", n - 1),
                    };
                    view! {
                        <Title text=format!("{}: {}", s.reference, s.text)/>
                        <nav class="breadcrumbs" aria-label="Breadcrumb">
                            <ol>
                                <li><a href="/">"Frameworks"</a></li>
                                <li><a href=framework_href.clone()>{s.framework_title.clone()}</a></li>
                                <li>
                                    <a href=format!("{framework_href}#theme-{}", s.theme_code)>
                                        {s.theme_title.clone()}
                                    </a>
                                </li>
                            </ol>
                        </nav>
                        <p class="caption">
                            <span class="reference">{s.reference.clone()}</span>
                            " · "
                            {s.theme_title}
                        </p>
                        <h1 class="statement-heading">{s.text}</h1>
                        <p class="meta">
                            "Last changed on " {format_date(s.revised_at)} ". " {revisions}
                        </p>
                    }
                })
            })}
        </Suspense>
    }
}
