//! The audit log: who signed in, who changed whose roles and memberships, who published
//! and who sent failed emails again. Newest first, a page at a time, one kind of action
//! or all; the same entries as a CSV download.

use crate::{
    api::admin_audit_log,
    components::{loaded, loading, pager::Pager},
    domain::{audit::AuditAction, format_date_time},
    model::{ListQuery, PageRequest},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let query = use_query_map();
    let log = Resource::new(
        move || {
            let q = query.read();
            (q.get("action"), q.get(PageRequest::PARAM))
        },
        |(action, page)| admin_audit_log(action, page),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(log.await, move |log| {
                    let chosen = log.action;
                    let list_query = ListQuery::new().with("action", chosen.map(AuditAction::as_str).unwrap_or(""));
                    let download = match chosen {
                        Some(a) => format!("/admin/audit.csv?action={}", a.as_str()),
                        None => "/admin/audit.csv".to_owned(),
                    };
                    let entries = log.entries.clone();
                    view! {
                        <Title text="Audit log"/>
                        <nav class="breadcrumbs" aria-label="Breadcrumb">
                            <ol><li><a href="/admin">"Admin"</a></li></ol>
                        </nav>
                        <h1>"Audit log"</h1>
                        <p>"Every sign-in, change of roles or organisations, publication and retry of failed emails, with who did it. Nothing here can be changed or deleted."</p>
                        <form method="get" action="/admin/audit" class="search-form" aria-label="Show one kind of action">
                            <div class="form-group">
                                <label class="label" for="audit-action">"Show"</label>
                                <select class="select" id="audit-action" name="action">
                                    <option value="" selected=chosen.is_none()>"Everything"</option>
                                    {AuditAction::ALL.into_iter().map(|a| view! {
                                        <option value=a.as_str() selected=chosen == Some(a)>{a.label()}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <button type="submit" class="button button--secondary">"Show"</button>
                        </form>
                        <p class="meta" id="audit-count">{entries.showing("entry", "entries")}</p>
                        <p><a href=download download="">"Download these entries as CSV"</a></p>
                        <div class="table-wrap" role="region" aria-labelledby="audit-caption" tabindex="0">
                            <table class="table">
                                <caption id="audit-caption" class="visually-hidden">"What was done, newest first"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"When"</th>
                                        <th scope="col">"What"</th>
                                        <th scope="col">"By"</th>
                                        <th scope="col">"To"</th>
                                        <th scope="col">"Details"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {entries.items.iter().map(|e| view! {
                                        <tr>
                                            <td>{format_date_time(e.at)}</td>
                                            <td>{e.what.clone()}</td>
                                            <td class="break-anywhere">{e.by.clone()}</td>
                                            <td class="break-anywhere">{e.person.clone().unwrap_or_default()}</td>
                                            <td class="break-anywhere">{e.detail.clone()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <Pager paged=entries.clone() path="/admin/audit".to_owned() query=list_query label="Pages of the audit log".to_owned()/>
                    }
                })
            })}
        </Suspense>
    }
}
