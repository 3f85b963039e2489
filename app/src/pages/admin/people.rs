use super::saved_notice;
use crate::{
    api::{admin_get_person, admin_list_people},
    components::{error_summary::ErrorSummary, fields::TextField, loaded, loading, pager::Pager},
    form::use_form_feedback,
    model::{ListQuery, PageRequest},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

pub const ADD_PERSON_FORM: &str = "add-person";
pub const ROLES_FORM: &str = "roles";
pub const MEMBERSHIP_FORM: &str = "membership";

fn saved_message() -> Option<String> {
    let code = use_query_map().read_untracked().get("saved")?;
    crate::model::Saved::parse(&code).map(|saved| saved.message().to_owned())
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    let query = use_query_map();
    let people = Resource::new(
        move || {
            let q = query.read();
            (q.get("q"), q.get(PageRequest::PARAM))
        },
        |(q, page)| admin_list_people(q, page),
    );
    let feedback = use_form_feedback(ADD_PERSON_FORM);
    let saved = saved_message();
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                let saved = saved.clone();
                Suspend::new(async move {
                    loaded(people.await, move |paged| {
                        let search = query.read_untracked().get("q").unwrap_or_default();
                        let list_query = ListQuery::new().with("q", search.trim());
                        let people = paged.items.clone();
                        let email = feedback.as_ref().and_then(|f| f.value(crate::model::PersonInput::EMAIL)).unwrap_or_default();
                        let error = feedback.as_ref().and_then(|f| f.error_for(crate::model::PersonInput::EMAIL));
                        view! {
                            <Title text=if feedback.is_some() { "Error: People" } else { "People" }/>
                            <nav class="breadcrumbs" aria-label="Breadcrumb">
                                <ol><li><a href="/admin">"Admin"</a></li></ol>
                            </nav>
                            <ErrorSummary feedback=feedback.clone()/>
                            {saved_notice(saved)}
                            <h1>"People"</h1>
                            <form method="get" action="/admin/people" class="search-form" role="search" aria-label="Find people">
                                <div class="form-group">
                                    <label class="label" for="people-search">"Find a person by name or email"</label>
                                    <input class="input" id="people-search" name="q" type="search" value=search.clone() autocomplete="off"/>
                                </div>
                                <button type="submit" class="button button--secondary">"Search"</button>
                                {(!search.trim().is_empty()).then(|| view! { " "<a href="/admin/people">"Show everyone"</a> })}
                            </form>
                            <p class="meta" id="people-count">{match (search.trim().is_empty(), paged.total) {
                                (false, 0) => format!("Nobody’s name or email address contains “{}”.", search.trim()),
                                _ => paged.showing("person", "people"),
                            }}</p>
                            <div class="table-wrap" role="region" aria-labelledby="people-caption" tabindex="0">
                                <table class="table">
                                    <caption id="people-caption" class="visually-hidden">"Everyone with an account"</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Name"</th>
                                            <th scope="col">"Email address"</th>
                                            <th scope="col">"Roles"</th>
                                            <th scope="col">"Organisations"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {people.into_iter().map(|p| {
                                            let roles = p.roles();
                                            let organisations = p.organisations.iter().map(|o| o.name.clone()).collect::<Vec<_>>().join(", ");
                                            view! {
                                                <tr>
                                                    <td>
                                                        <a href=format!("/admin/people/{}", p.id)>
                                                            {p.name().to_owned()}
                                                            <span class="visually-hidden">{format!(" ({})", p.email)}</span>
                                                        </a>
                                                    </td>
                                                    <td class="break-anywhere">{p.email.clone()}</td>
                                                    <td>{roles}</td>
                                                    <td>{organisations}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <Pager paged=paged.clone() path="/admin/people".to_owned() query=list_query.clone() label="Pages of people".to_owned()/>
                            <h2>"Add a person"</h2>
                            <p>"Add someone before they first sign in, for example to make them an editor. They sign in with this address."</p>
                            <form method="post" action="/admin/people" novalidate class="narrow">
                                <TextField name=crate::model::PersonInput::EMAIL label="Email address" input_type="email" autocomplete="off" value=email error=error/>
                                <button type="submit" class="button">"Add person"</button>
                            </form>
                        }
                    })
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let person = Resource::new(
        move || {
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(-1)
        },
        admin_get_person,
    );
    let roles_feedback = use_form_feedback(ROLES_FORM);
    let membership_feedback = use_form_feedback(MEMBERSHIP_FORM);
    let saved = saved_message();
    view! {
        <Suspense fallback=loading>
            {move || {
                let roles_feedback = roles_feedback.clone();
                let membership_feedback = membership_feedback.clone();
                let saved = saved.clone();
                Suspend::new(async move {
                    loaded(person.await, move |detail| {
                        let p = detail.person;
                        let feedback = roles_feedback.clone().or(membership_feedback.clone());
                        let roles_error = roles_feedback.as_ref().and_then(|f| f.error_for(crate::model::PersonInput::EDITOR));
                        let membership_error = membership_feedback.as_ref().and_then(|f| f.error_for(crate::model::PersonInput::ORGANISATION_ID));
                        let has_roles_error = roles_error.is_some();
                        let has_membership_error = membership_error.is_some();
                        let base = format!("/admin/people/{}", p.id);
                        let title = format!("{}{}", if feedback.is_some() { "Error: " } else { "" }, p.name());
                        view! {
                            <Title text=title/>
                            <nav class="breadcrumbs" aria-label="Breadcrumb">
                                <ol>
                                    <li><a href="/admin">"Admin"</a></li>
                                    <li><a href="/admin/people">"People"</a></li>
                                </ol>
                            </nav>
                            <ErrorSummary feedback=feedback/>
                            {saved_notice(saved)}
                            <h1>{p.name().to_owned()}</h1>
                            <p class="lead break-anywhere">{p.email.clone()}</p>

                            <h2 id="roles-heading">"Roles"</h2>
                            <form method="post" action=base.clone() class="narrow">
                                <input type="hidden" name=crate::model::ACTION value=crate::model::PersonAction::Roles.as_str()/>
                                <div class="form-group" class:form-group--error=has_roles_error>
                                    <fieldset class="fieldset" aria-describedby="roles-hint">
                                        <legend class="fieldset__legend">"What can this person do?"</legend>
                                        <div class="hint" id="roles-hint">"Everyone who signs in can read drafts and comment."</div>
                                        {roles_error.map(|m| view! {
                                            <p class="error-message"><span class="visually-hidden">"Error: "</span>{m}</p>
                                        })}
                                        <div class="checkboxes">
                                            <div class="checkboxes__item">
                                                <input class="checkboxes__input" type="checkbox" id=crate::model::PersonInput::EDITOR name=crate::model::PersonInput::EDITOR value="yes" checked=p.is_editor/>
                                                <label class="checkboxes__label" for=crate::model::PersonInput::EDITOR>"Editor (policy team): drafts statements, answers comments and publishes"</label>
                                            </div>
                                            <div class="checkboxes__item">
                                                <input class="checkboxes__input" type="checkbox" id=crate::model::PersonInput::FACILITATOR name=crate::model::PersonInput::FACILITATOR value="yes" checked=p.is_facilitator/>
                                                <label class="checkboxes__label" for=crate::model::PersonInput::FACILITATOR>"Facilitator: records events and what people said there, and prints their letters"</label>
                                            </div>
                                            <div class="checkboxes__item">
                                                <input class="checkboxes__input" type="checkbox" id=crate::model::PersonInput::MODERATOR name=crate::model::PersonInput::MODERATOR value="yes" checked=p.is_moderator/>
                                                <label class="checkboxes__label" for=crate::model::PersonInput::MODERATOR>"Moderator: handles reported comments, hiding or removing words with a reason"</label>
                                            </div>
                                            <div class="checkboxes__item">
                                                <input class="checkboxes__input" type="checkbox" id=crate::model::PersonInput::ADMIN name=crate::model::PersonInput::ADMIN value="yes" checked=p.is_admin/>
                                                <label class="checkboxes__label" for=crate::model::PersonInput::ADMIN>"Admin: manages people, organisations and roles"</label>
                                            </div>
                                        </div>
                                    </fieldset>
                                </div>
                                <button type="submit" class="button">"Save roles"</button>
                            </form>

                            <h2>"Organisations this person speaks for"</h2>
                            {if p.organisations.is_empty() {
                                view! { <p>"None yet."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="plain-list">
                                        {p.organisations.iter().map(|o| view! {
                                            <li class="row-with-action">
                                                <a href=format!("/admin/organisations/{}", o.id)>{o.name.clone()}</a>
                                                <form method="post" action=base.clone() class="inline-form">
                                                    <input type="hidden" name=crate::model::ACTION value=crate::model::PersonAction::RemoveMembership.as_str()/>
                                                    <input type="hidden" name=crate::model::PersonInput::ORGANISATION_ID value=o.id.to_string()/>
                                                    <button type="submit" class="button button--secondary button--small">
                                                        "Remove"<span class="visually-hidden">{format!(" from {}", o.name)}</span>
                                                    </button>
                                                </form>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            {if detail.other_organisations.is_empty() {
                                view! { <p>"There are no other organisations to add. "<a href="/admin/organisations">"Add an organisation"</a>"."</p> }.into_any()
                            } else {
                                view! {
                                    <form method="post" action=base.clone() class="narrow">
                                        <input type="hidden" name=crate::model::ACTION value=crate::model::PersonAction::AddMembership.as_str()/>
                                        <div class="form-group" class:form-group--error=has_membership_error>
                                            <label class="label" for=crate::model::PersonInput::ORGANISATION_ID>"Add to an organisation"</label>
                                            {membership_error.map(|m| view! {
                                                <p class="error-message" id="organisation_id-error"><span class="visually-hidden">"Error: "</span>{m}</p>
                                            })}
                                            <select class="select" id=crate::model::PersonInput::ORGANISATION_ID name=crate::model::PersonInput::ORGANISATION_ID>
                                                <option value="">"Choose an organisation"</option>
                                                {detail.other_organisations.into_iter().map(|o| view! {
                                                    <option value=o.id.to_string()>{o.name}</option>
                                                }).collect_view()}
                                            </select>
                                        </div>
                                        <button type="submit" class="button">"Add to organisation"</button>
                                    </form>
                                }.into_any()
                            }}
                        }
                    })
                })
            }}
        </Suspense>
    }
}
