//! Pieces of the statement pages: the round banner, highlighted text and comments.

use crate::api::{CommentView, HighlightSegment, PassageNote, RoundStatus};
use crate::components::byline::ByLine;
use crate::domain::easy_read::TextKind;
use leptos::prelude::*;

#[component]
pub fn RoundBanner(
    status: RoundStatus,
    #[prop(optional)] rounds_href: Option<String>,
) -> impl IntoView {
    let body = match status {
        RoundStatus::Open { title, introduction, closes_label, .. } => view! {
            <div class="notice" role="region" aria-label="Consultation round">
                <p><strong>{title}</strong>" is open for comments until "{closes_label}"."</p>
                {(!introduction.is_empty()).then(|| view! { <p>{introduction}</p> })}
            </div>
        }
        .into_any(),
        RoundStatus::Upcoming { title, opens_label } => view! {
            <div class="inset">
                <p>"Comments are closed for now. The next round, "<strong>{title}</strong>", opens on "{opens_label}"."</p>
            </div>
        }
        .into_any(),
        RoundStatus::NonePlanned => view! {
            <div class="inset"><p>"Comments are closed. No consultation round is planned at the moment."</p></div>
        }
        .into_any(),
    };
    view! {
        {body}
        {rounds_href.map(|href| view! { <p><a href=href>"Consultation rounds"</a></p> })}
    }
}

/// The statement with commented passages marked, each mark naming its comments.
#[component]
pub fn HighlightedText(segments: Vec<HighlightSegment>) -> impl IntoView {
    segments
        .into_iter()
        .map(|segment| {
            if segment.comment_numbers.is_empty() {
                view! { <span>{segment.text}</span> }.into_any()
            } else {
                let label = segment
                    .comment_numbers
                    .iter()
                    .map(|n| format!("comment {n}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let first = segment.comment_numbers[0];
                view! {
                    <mark class="passage">
                        {segment.text}
                        <a class="passage__ref" href=format!("#comment-{first}") target="_self">
                            <sup>"["{segment.comment_numbers.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(",")}"]"</sup>
                            <span class="visually-hidden">{format!(" (see {label})")}</span>
                        </a>
                    </mark>
                }
                .into_any()
            }
        })
        .collect_view()
}

#[component]
pub fn CommentList(
    comments: Vec<CommentView>,
    #[prop(optional)] statement_path: Option<String>,
) -> impl IntoView {
    if comments.is_empty() {
        return view! { <p>"No comments yet."</p> }.into_any();
    }
    view! {
        <ol class="comment-list">
            {comments
                .into_iter()
                .map(|c| {
                    let edit_href = statement_path.as_ref().filter(|_| c.editable).map(|p| format!("{p}/comments/{}/edit", c.id));
                    view! {
                        <li class="comment" id=format!("comment-{}", c.number)>
                            <p class="comment__meta">
                                <span class="comment__number">{format!("Comment {}", c.number)}</span>
                                " · "<ByLine by=c.author/>
                                " · "{c.knowledge}
                                " · "{c.created_label}
                            </p>
                            {(c.text_kind == TextKind::EasyRead).then(|| view! {
                                <p class="meta text-kind">"Made on the easy read text."</p>
                            })}
                            {(!c.on_current_draft).then(|| {
                                let message = match c.text_kind {
                                    TextKind::Standard => format!("Made on draft {} (this is draft {}).", c.draft_number, c.current_draft),
                                    TextKind::EasyRead => format!("Made on easy read draft {} (the newest is easy read draft {}).", c.draft_number, c.current_draft),
                                };
                                view! { <p class="meta">{message}</p> }
                            })}
                            {c.quote.clone().map(|quote| {
                                let note = match c.passage {
                                    PassageNote::Changed => Some("The passage it refers to has changed since."),
                                    _ => None,
                                };
                                view! {
                                    <blockquote class="comment__quote">
                                        <span class="visually-hidden">"About the words: "</span>"“"{quote}"”"
                                    </blockquote>
                                    {note.map(|n| view! { <p class="comment__changed"><strong>{n}</strong></p> })}
                                }
                            })}
                            <div class="comment__body">
                                {c.body.split("\n\n").map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}
                            </div>
                            {c.suggestion.map(|s| view! {
                                <div class="comment__suggestion">
                                    <p class="heading-s">"Suggested wording"</p>
                                    <p>{s}</p>
                                </div>
                            })}
                            {c.answer.map(|a| view! {
                                <div class="comment__answer">
                                    <p class="heading-s">"What the policy team did: "{a.outcome_label}</p>
                                    <p>{a.reason}</p>
                                    {a.acted_in_draft.map(|n| view! { <p class="meta">{match c.text_kind {
                                        TextKind::Standard => format!("Acted on in draft {n}."),
                                        TextKind::EasyRead => format!("Acted on in easy read draft {n}."),
                                    }}</p> })}
                                </div>
                            })}
                            {c.visibility_note.map(|n| view! { <p class="meta">{n}</p> })}
                            {c.moderation_note.map(|n| view! { <p class="meta">{n}</p> })}
                            {c.can_report.then(|| view! { <p class="meta"><crate::components::moderation::ReportLink comment_id=c.id number=c.number/></p> })}
                            {edit_href.map(|href| view! { <p><a href=href>"Change or withdraw your comment"</a></p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}
