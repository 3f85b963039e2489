//! For editors: who wrote a burst of comments in a round, and one person's comments in
//! it, each with a link to answer it in the round's list.

use crate::{
    api::get_round_bursts,
    components::{loaded, loading, pager::Pager},
    domain::plural,
    model::ListQuery,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn RoundBurstsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("slug").unwrap_or_default(),
                p.get("id")
                    .and_then(|i| i.parse::<i64>().ok())
                    .unwrap_or(-1),
                query
                    .read()
                    .get("person")
                    .and_then(|i| i.parse::<i64>().ok()),
                query.read().get("page"),
            )
        },
        |(slug, id, person, page)| get_round_bursts(slug, id, person, page),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(data.await, |d| {
                    let answers = format!("/frameworks/{}/rounds/{}/comments", d.framework_slug, d.round_id);
                    let bursts_path = format!("/frameworks/{}/rounds/{}/bursts", d.framework_slug, d.round_id);
                    view! {
                        <Title text=format!("Bursts of comments: {}", d.round_title)/>
                        <nav class="breadcrumbs" aria-label="Breadcrumb">
                            <ol>
                                <li><a href="/">"Frameworks"</a></li>
                                <li><a href=format!("/frameworks/{}", d.framework_slug)>{d.framework_title.clone()}</a></li>
                                <li><a href=format!("/frameworks/{}/rounds", d.framework_slug)>"Consultation rounds"</a></li>
                                <li><a href=answers.clone()>{format!("Comments in {}", d.round_title)}</a></li>
                            </ol>
                        </nav>
                        <h1>{format!("Bursts of comments in {}", d.round_title)}</h1>
                        <p class="lead">{format!(
                            "People who wrote more than {} within one hour of this round.",
                            plural(d.above, "comment", "comments")
                        )}</p>
                        {if d.bursts.is_empty() {
                            view! { <p>"Nobody has written that many comments within an hour."</p> }.into_any()
                        } else {
                            view! {
                                <table class="table">
                                    <caption class="visually-hidden">"Bursts of comments, busiest first"</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Who"</th>
                                            <th scope="col">"Comments"</th>
                                            <th scope="col">"When"</th>
                                            <th scope="col"><span class="visually-hidden">"Their comments"</span></th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {d.bursts.iter().map(|b| view! {
                                            <tr>
                                                <th scope="row">{b.name.clone()}</th>
                                                <td>{b.count}</td>
                                                <td>{b.when.clone()}</td>
                                                <td><a href=b.href.clone()>"See their comments"<span class="visually-hidden">{format!(" ({})", b.name)}</span></a></td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                        {d.person.map(|p| view! {
                            <h2 id="their-comments">{format!("Comments by {} in this round", p.name)}</h2>
                            <p>{format!("{}, oldest first. Answer each one in the round's list.", plural(p.comments.total, "comment", "comments"))}</p>
                            {(p.comments.pages() > 1).then(|| view! { <p>{p.comments.showing("comment", "comments")}</p> })}
                            <ol class="comment-list" start=p.comments.shown().map_or(1, |(first, _)| first)>
                                {p.comments.items.iter().cloned().map(|c| view! {
                                    <li class="comment" id=format!("comment-{}", c.id)>
                                        <p class="comment__meta">{c.reference.clone()}" · "{c.written}" · "{c.outcome}</p>
                                        <p class="comment__body">{c.body}</p>
                                        <p><a href=c.answer_href>"Answer it"<span class="visually-hidden">{format!(" ({}, comment {})", c.reference, c.id)}</span></a></p>
                                    </li>
                                }).collect_view()}
                            </ol>
                            <Pager paged=p.comments.clone() path=bursts_path.clone() query=ListQuery::new().with("person", p.person_id.to_string()) label="Pages of their comments".to_owned() fragment="#their-comments"/>
                        })}
                    }
                })
            })}
        </Suspense>
    }
}
