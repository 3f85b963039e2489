//! Admin: people, organisations, memberships, roles and the audit log. The server checks the admin
//! role for every read and every change; these pages only show what it allows.

pub mod audit;
pub mod organisations;
pub mod people;

use crate::api::get_site_context;
use crate::{components::error_page::ErrorPage, error::AppError};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminHomePage() -> impl IntoView {
    let site = Resource::new(|| (), |_| get_site_context());
    view! {
        <Suspense fallback=crate::components::loading>
            {move || Suspend::new(async move {
                let viewer = site.await.ok().and_then(|s| s.viewer);
                match viewer {
                    None => view! { <ErrorPage error=AppError::SignInRequired/> }.into_any(),
                    Some(v) if !v.is_admin => view! { <ErrorPage error=AppError::Forbidden/> }.into_any(),
                    Some(_) => view! {
                        <Title text="Admin"/>
                        <h1>"Admin"</h1>
                        <ul class="card-list">
                            <li class="card">
                                <h2 class="card__title"><a href="/admin/people">"People"</a></h2>
                                <p>"Add people, make someone an editor or an admin, and say which organisations they speak for."</p>
                            </li>
                            <li class="card">
                                <h2 class="card__title"><a href="/admin/organisations">"Organisations"</a></h2>
                                <p>"The user-led organisations whose representatives comment on their behalf."</p>
                            </li>
                            <li class="card">
                                <h2 class="card__title"><a href="/admin/audit">"Audit log"</a></h2>
                                <p>"Who signed in, changed roles or organisations, published, or sent failed emails again, and when."</p>
                            </li>
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A "Saved" banner after a change, read from `?saved=…` so it works without JavaScript.
pub fn saved_notice(message: Option<String>) -> impl IntoView {
    message.map(|message| {
        view! {
            <div class="notice" role="status">
                <p>{message}</p>
            </div>
        }
    })
}
