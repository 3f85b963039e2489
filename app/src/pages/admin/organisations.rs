use super::saved_notice;
use crate::{
    api::{admin_get_organisation, admin_list_organisations},
    components::{error_summary::ErrorSummary, fields::TextField, loaded, loading},
    domain::plural,
    form::use_form_feedback,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

pub const ADD_ORGANISATION_FORM: &str = "add-organisation";

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let organisations = Resource::new(|| (), |_| admin_list_organisations());
    let feedback = use_form_feedback(ADD_ORGANISATION_FORM);
    let saved = use_query_map()
        .read_untracked()
        .get("saved")
        .and_then(|code| crate::model::Saved::parse(&code))
        .map(|saved| saved.message().to_owned());
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                let saved = saved.clone();
                Suspend::new(async move {
                    loaded(organisations.await, move |organisations| {
                        let name = feedback.as_ref().and_then(|f| f.value(crate::model::OrganisationInput::NAME)).unwrap_or_default();
                        let error = feedback.as_ref().and_then(|f| f.error_for(crate::model::OrganisationInput::NAME));
                        view! {
                            <Title text=if feedback.is_some() { "Error: Organisations" } else { "Organisations" }/>
                            <nav class="breadcrumbs" aria-label="Breadcrumb">
                                <ol><li><a href="/admin">"Admin"</a></li></ol>
                            </nav>
                            <ErrorSummary feedback=feedback.clone()/>
                            {saved_notice(saved)}
                            <h1>"Organisations"</h1>
                            {if organisations.is_empty() {
                                view! { <p>"There are no organisations yet."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="plain-list">
                                        {organisations.into_iter().map(|o| view! {
                                            <li>
                                                <a href=format!("/admin/organisations/{}", o.id)>{o.name}</a>
                                                " "
                                                <span class="meta">{format!("({})", plural(o.member_count, "representative", "representatives"))}</span>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <h2>"Add an organisation"</h2>
                            <form method="post" action="/admin/organisations" novalidate class="narrow">
                                <TextField name=crate::model::OrganisationInput::NAME label="Organisation name" autocomplete="organization" value=name error=error/>
                                <button type="submit" class="button">"Add organisation"</button>
                            </form>
                        }
                    })
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let params = use_params_map();
    let organisation = Resource::new(
        move || {
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(-1)
        },
        admin_get_organisation,
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(organisation.await, |o| view! {
                    <Title text=o.name.clone()/>
                    <nav class="breadcrumbs" aria-label="Breadcrumb">
                        <ol>
                            <li><a href="/admin">"Admin"</a></li>
                            <li><a href="/admin/organisations">"Organisations"</a></li>
                        </ol>
                    </nav>
                    <h1>{o.name}</h1>
                    <h2>"Representatives"</h2>
                    {if o.members.is_empty() {
                        view! { <p>"No one represents this organisation yet. Add people from their page in "<a href="/admin/people">"People"</a>"."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plain-list">
                                {o.members.into_iter().map(|m| view! {
                                    <li>
                                        <a href=format!("/admin/people/{}", m.user_id)>
                                            {if m.name.is_empty() { m.email.clone() } else { m.name.clone() }}
                                        </a>
                                        " "<span class="meta break-anywhere">{m.email}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                })
            })}
        </Suspense>
    }
}
