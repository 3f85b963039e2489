//! A statement's history: every draft (who, when, why) and a word-level comparison of
//! any two, inline, side by side, or as a list of changes.

use crate::{
    api::get_history,
    components::{
        diff_view::{ChangeList, InlineDiff, SideBySideDiff},
        loaded, loading,
        reading::{EasyReadPicture, ReadingNote, ReadingSwitch},
    },
    domain::easy_read::TextKind,
    pages::statement::{StatementBreadcrumbs, statement_params},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HistoryPage() -> impl IntoView {
    let params = statement_params();
    let query = use_query_map();
    let history = Resource::new(
        move || {
            let q = query.read();
            let (slug, reference) = params.get();
            (
                slug,
                reference,
                q.get("from").and_then(|v| v.parse().ok()),
                q.get("to").and_then(|v| v.parse().ok()),
                q.get("text"),
            )
        },
        |(slug, reference, from, to, text)| get_history(slug, reference, from, to, text),
    );
    let layout = move || {
        query
            .read()
            .get("view")
            .unwrap_or_else(|| "inline".to_owned())
    };
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(history.await, move |h| {
                    let s = h.statement;
                    let path = s.path();
                    let number_of = |id: i64| h.revisions.iter().find(|r| r.id == id).map_or(0, |r| r.number);
                    let (from_n, to_n) = (number_of(h.from), number_of(h.to));
                    let draft = match h.text {
                        TextKind::Standard => "Draft",
                        TextKind::EasyRead => "Easy read draft",
                    };
                    let lower = match h.text {
                        TextKind::Standard => "draft",
                        TextKind::EasyRead => "easy read draft",
                    };
                    let other = match h.text {
                        TextKind::Standard => TextKind::EasyRead,
                        TextKind::EasyRead => TextKind::Standard,
                    };
                    let chosen = layout();
                    let revisions_newest_first: Vec<_> = h.revisions.iter().rev().cloned().collect();
                    let options = move |selected: i64| {
                        h.revisions.iter().map(|r| view! {
                            <option value=r.id.to_string() selected=r.id == selected>{format!("{draft} {} ({})", r.number, r.created_label)}</option>
                        }).collect_view()
                    };
                    view! {
                        <Title text=format!("History of {}", s.reference)/>
                        <StatementBreadcrumbs slug=s.framework_slug.clone() framework_title=s.framework_title.clone() theme_code=s.theme_code.clone() theme_title=s.theme_title.clone() statement=(path.clone(), s.reference.clone())/>
                        <ReadingSwitch reading=s.reading/>
                        <h1>{match h.text {
                            TextKind::Standard => format!("How {} has changed", s.reference),
                            TextKind::EasyRead => format!("How the easy read text of {} has changed", s.reference),
                        }}</h1>
                        <ReadingNote note=s.reading_note.clone()/>
                        <EasyReadPicture picture=s.picture.clone()/>
                        <p class="lead">{s.text.clone()}</p>
                        {s.has_easy_read.then(|| view! {
                            <p>
                                <a href=format!("{path}/history?text={}", url_value(other))>
                                    {match other {
                                        TextKind::Standard => "Compare the drafts of the standard text",
                                        TextKind::EasyRead => "Compare the drafts of the easy read text",
                                    }}
                                </a>
                            </p>
                        })}

                        <h2>{match h.text {
                            TextKind::Standard => "Compare two drafts",
                            TextKind::EasyRead => "Compare two easy read drafts",
                        }}</h2>
                        <form method="get" action=format!("{path}/history") class="compare-form">
                            // Which text to compare, when it is not simply the standard one.
                            {(h.text == TextKind::EasyRead || s.reading == TextKind::EasyRead).then(|| view! {
                                <input type="hidden" name="text" value=url_value(h.text)/>
                            })}
                            <div class="form-row">
                                <div class="form-group">
                                    <label class="label" for="from">"From"</label>
                                    <select class="select" id="from" name="from">{options.clone()(h.from)}</select>
                                </div>
                                <div class="form-group">
                                    <label class="label" for="to">"To"</label>
                                    <select class="select" id="to" name="to">{options(h.to)}</select>
                                </div>
                            </div>
                            <fieldset class="fieldset">
                                <legend class="fieldset__legend">"Show the changes"</legend>
                                <div class="radios radios--inline">
                                    {[("inline", "In the text"), ("side", "Side by side"), ("list", "As a list")].into_iter().map(|(value, label)| view! {
                                        <div class="radios__item">
                                            <input class="radios__input" type="radio" id=format!("view-{value}") name="view" value=value checked=chosen == value/>
                                            <label class="radios__label" for=format!("view-{value}")>{label}</label>
                                        </div>
                                    }).collect_view()}
                                </div>
                            </fieldset>
                            <button type="submit" class="button button--secondary">"Compare"</button>
                        </form>
                        <section aria-labelledby="comparison-heading" class="comparison">
                            <h3 id="comparison-heading" class="heading-m">{format!("Changes from {lower} {from_n} to {lower} {to_n}")}</h3>
                            {h.diff.coarse.then(|| view! { <p class="hint">"These drafts are very different, so whole sentences are compared."</p> })}
                            {match chosen.as_str() {
                                "side" => view! { <SideBySideDiff diff=h.diff.clone() before=format!("{draft} {from_n}") after=format!("{draft} {to_n}")/> }.into_any(),
                                "list" => view! { <ChangeList diff=h.diff.clone()/> }.into_any(),
                                _ => view! {
                                    <InlineDiff diff=h.diff.clone()/>
                                    <p class="hint">"Added words are underlined and removed words are struck through."</p>
                                }.into_any(),
                            }}
                        </section>

                        <h2>"Every draft"</h2>
                        <ol class="timeline" reversed>
                            {revisions_newest_first.into_iter().map(|r| view! {
                                <li class="timeline__item">
                                    <h3 class="heading-s">{format!("{draft} {}", r.number)}</h3>
                                    <p class="meta">{format!("{} by {}", r.created_label, r.author)}</p>
                                    <p class="timeline__text">{r.text}</p>
                                    {(!r.note.is_empty()).then(|| view! { <p><strong>"Why: "</strong>{r.note}</p> })}
                                </li>
                            }).collect_view()}
                        </ol>
                    }
                })
            })}
        </Suspense>
    }
}

/// How a text is named in this page's address (`?text=easy-read`).
fn url_value(kind: TextKind) -> &'static str {
    match kind {
        TextKind::Standard => "standard",
        TextKind::EasyRead => "easy-read",
    }
}
