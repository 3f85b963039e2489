//! A group of alike comments on its own page: the text they share, who is behind it, the
//! one answer for all of them, and every member a page at a time, each of which can be
//! split out or given a personal line.

use crate::{
    api::get_alike_group,
    components::{error_summary::ErrorSummary, loaded, loading, pager::Pager},
    form::use_any_form_feedback,
    model::{
        ACTION, AlikeAction, AlikeInput, AnswerFieldNames, ListQuery, PageRequest, Saved, thousands,
    },
    pages::answers::{AnswerFields, EditorComment, SettledAnswer},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AlikeGroupPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            let number = |name: &str| {
                p.get(name)
                    .and_then(|i| i.parse::<i64>().ok())
                    .unwrap_or(-1)
            };
            (
                p.get("slug").unwrap_or_default(),
                number("id"),
                number("group"),
                query.read().get(PageRequest::PARAM),
            )
        },
        |(slug, round, group, page)| get_alike_group(slug, round, group, page),
    );
    let feedback = use_any_form_feedback();
    let saved = query
        .read_untracked()
        .get("saved")
        .and_then(|code| Saved::parse(&code))
        .map(|saved| saved.message());
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                Suspend::new(async move {
                    loaded(data.await, move |d| {
                        let path = d.path();
                        let list = format!("/frameworks/{}/rounds/{}/comments", d.framework_slug, d.round_id);
                        let settled = d.published_version.is_some();
                        let rep = d.representative.clone();
                        let page_number = d.members.page.number.to_string();
                        let answer_form = format!("answer-{}", rep.id);
                        let mine = feedback.as_ref().filter(|fb| fb.form == answer_form);
                        let outcome = mine.and_then(|fb| fb.value(&AnswerFieldNames::outcome(rep.id))).unwrap_or_default();
                        let reason = mine.and_then(|fb| fb.value(&AnswerFieldNames::reason(rep.id))).unwrap_or_default();
                        let outcome_error = mine.and_then(|fb| fb.error_for(&AnswerFieldNames::outcome(rep.id)));
                        let reason_error = mine.and_then(|fb| fb.error_for(&AnswerFieldNames::reason(rep.id)));
                        let members = d.members.clone();
                        let g = d.group.clone();
                        view! {
                            <Title text=format!("{}Group of alike comments on {}", if feedback.is_some() { "Error: " } else { "" }, d.reference)/>
                            <nav class="breadcrumbs" aria-label="Breadcrumb">
                                <ol>
                                    <li><a href="/">"Frameworks"</a></li>
                                    <li><a href=format!("/frameworks/{}", d.framework_slug)>{d.framework_title.clone()}</a></li>
                                    <li><a href=list.clone()>{format!("Comments in {}", d.round_title)}</a></li>
                                </ol>
                            </nav>
                            <ErrorSummary feedback=feedback.clone()/>
                            {saved.map(|message| view! { <div class="notice" role="status"><p>{message}</p></div> })}
                            <h1>{format!("Group of {} alike comments on {}", thousands(g.members), d.reference)}</h1>
                            <p class="lead">{format!("{} of {} not answered yet.", thousands(g.unanswered), thousands(g.members))}</p>
                            <section class="comment comment--group" aria-labelledby="shared-heading">
                                <h2 id="shared-heading" class="heading-m">"What they say"</h2>
                                <EditorComment c=rep.clone()/>
                                <p><strong>{g.others()}</strong>"."</p>
                                {(!g.organisations.is_empty()).then(|| view! {
                                    <p>{format!("Organisations behind it: {}.", g.organisations.join(", "))}</p>
                                })}
                            </section>
                            {if settled {
                                let published = d.published_version.map(|v| view! {
                                    <div class="notice" role="region" aria-label="Published">
                                        <p>{format!("These answers were published in version {v}, so they can no longer change.")}</p>
                                    </div>
                                });
                                view! { {published} }.into_any()
                            } else {
                                view! {
                                    <section aria-labelledby="answer-heading">
                                        <h2 id="answer-heading" class="heading-m">"Answer everyone in the group"</h2>
                                        <form method="post" action=path.clone() class="answer-form" novalidate>
                                            <input type="hidden" name=AlikeInput::COMMENT_ID value=rep.id.to_string()/>
                                            <input type="hidden" name=AlikeInput::PAGE value=page_number.clone()/>
                                            <p class="hint">"This answer goes to everyone in the group whose answer is not published yet. Each person is told in their own email, with any personal line you add below."</p>
                                            <AnswerFields comment_id=rep.id outcome reason outcome_error reason_error/>
                                            <button type="submit" class="button" name=ACTION value=AlikeAction::Answer.as_str()>
                                                {format!("Save answer for all {}", thousands(g.members))}
                                            </button>
                                        </form>
                                    </section>
                                }.into_any()
                            }}
                            <h2 class="heading-m" id="members">"Everyone in this group"</h2>
                            <p>{d.members.showing("comment", "comments")}</p>
                            <ol class="comment-list">
                                {d.members.items.into_iter().map(|c| {
                                    let line_field = AnswerFieldNames::personal_line(c.id);
                                    let line_error_id = format!("{line_field}-error");
                                    let line_form = format!("line-{}", c.id);
                                    let mine = feedback.as_ref().filter(|fb| fb.form == line_form);
                                    let line = mine.and_then(|fb| fb.value(&line_field)).or(c.personal_line.clone()).unwrap_or_default();
                                    let line_error = mine.and_then(|fb| fb.error_for(&line_field));
                                    let wrong = line_error.is_some();
                                    let who = format!(" for {}", c.author);
                                    let described = if wrong { format!("{line_field}-hint {line_error_id}") } else { format!("{line_field}-hint") };
                                    view! {
                                        <li class="comment" id=format!("comment-{}", c.id)>
                                            <EditorComment c=c.clone()/>
                                            {(!c.outcome.is_empty()).then(|| view! { <SettledAnswer outcome=c.outcome.clone() reason=c.reason.clone()/> })}
                                            {if settled || c.settled {
                                                let line = c.personal_line.clone().map(|l| view! { <p class="personal-line"><strong>"Personal line: "</strong>{l}</p> });
                                                view! { {line} }.into_any()
                                            } else {
                                                view! {
                                                    <form method="post" action=path.clone() class="personal-line-form" novalidate>
                                                        <input type="hidden" name=AlikeInput::COMMENT_ID value=c.id.to_string()/>
                                                        <input type="hidden" name=AlikeInput::PAGE value=page_number.clone()/>
                                                        <div class="form-group" class:form-group--error=wrong>
                                                            <label class="label" for=line_field.clone()>
                                                                "Personal line to this person (optional)"<span class="visually-hidden">{who.clone()}</span>
                                                            </label>
                                                            <p class="hint" id=format!("{line_field}-hint")>"Shown in their email and on their contributions, beside the group's answer."</p>
                                                            {line_error.map(|m| view! { <p class="error-message" id=line_error_id.clone()><span class="visually-hidden">"Error: "</span>{m}</p> })}
                                                            <textarea class="textarea" id=line_field.clone() name=line_field.clone() rows="2"
                                                                aria-invalid=wrong.then_some("true")
                                                                aria-describedby=described>{line}</textarea>
                                                        </div>
                                                        <div class="button-group">
                                                            <button type="submit" class="button button--small button--secondary" name=ACTION value=AlikeAction::PersonalLine.as_str()>
                                                                "Save personal line"<span class="visually-hidden">{who.clone()}</span>
                                                            </button>
                                                            <button type="submit" class="button button--small button--warning" name=ACTION value=AlikeAction::Split.as_str()>
                                                                "Take out of the group"<span class="visually-hidden">{who.clone()}</span>
                                                            </button>
                                                        </div>
                                                    </form>
                                                }.into_any()
                                            }}
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                            <Pager paged=members path=path.clone() query=ListQuery::new() label="Pages of this group".to_owned() fragment="#members"/>
                            <p><a href=list>{format!("Back to the comments in {}", d.round_title)}</a></p>
                        }
                    })
                })
            }}
        </Suspense>
    }
}
