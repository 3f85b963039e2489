//! The redraft page: the current text with commented passages marked, the comments and
//! suggested wordings, and a new draft with a word-level preview of what changes.
//! With JavaScript the preview follows typing; without it, "Preview changes" shows it.

use crate::components::live_text::{DraftText, DraftedText};
use crate::{
    api::get_redraft,
    components::{
        diff_view::DiffWithChanges,
        error_summary::ErrorSummary,
        loaded, loading,
        pager::Pager,
        statement_parts::{CommentList, HighlightedText},
    },
    domain::diff,
    form::use_form_feedback,
    model::{ListQuery, PageRequest, StatementInput},
    pages::{
        answers::AnswerFields,
        statement::{StatementBreadcrumbs, statement_params},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

pub const REDRAFT_FORM: &str = "redraft";

#[component]
pub fn RedraftPage() -> impl IntoView {
    let params = statement_params();
    let query = leptos_router::hooks::use_query_map();
    let data = Resource::new(
        move || (params.get(), query.read().get(PageRequest::PARAM)),
        |((slug, reference), page)| get_redraft(slug, reference, page),
    );
    let feedback = use_form_feedback(REDRAFT_FORM);
    let still_fits = use_form_feedback(crate::components::twins::STILL_FITS_FORM);
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                let still_fits = still_fits.clone();
                Suspend::new(async move {
                    loaded(data.await, move |data| {
                        let s = data.statement;
                        let value = |name: &str| feedback.as_ref().and_then(|f| f.value(name));
                        let has_errors = feedback.as_ref().is_some_and(|f| !f.errors.is_empty());
                        let body_error = feedback.as_ref().and_then(|f| f.error_for(StatementInput::BODY));
                        let note_error = feedback.as_ref().and_then(|f| f.error_for(StatementInput::NOTE));
                        let base_revision = value(StatementInput::BASE_REVISION_ID).unwrap_or_else(|| s.revision_id.to_string());
                        // After a refused save, show what someone else changed meanwhile.
                        let meanwhile = value("conflict_from")
                            .and_then(|id| id.parse::<i64>().ok())
                            .and_then(|id| data.revisions.iter().find(|r| r.id == id))
                            .map(|base| diff::word_diff(&base.text, &s.text));
                        let current = s.text.clone();
                        let initial = value(StatementInput::BODY).unwrap_or_else(|| s.text.clone());
                        let jargon = data.jargon.clone();
                        let path = s.path();
                        // Answers published in a version are settled; every other comment can
                        // be answered (or its answer changed) with this draft.
                        // Saving a main draft leaves the easy read version out of step until an
                        // editor updates it or confirms it still fits: say so before they save.
                        let twin_note = s.twin.as_ref().and_then(|t| t.easy_read_id).map(|_| {
                            "When you save this new draft, the easy read version will be marked as needing an update, until an editor updates it or confirms it still fits."
                        });
                        let comments = data.comments.clone();
                        let answerable: Vec<_> = comments.items.iter().filter(|c| !c.answer.as_ref().is_some_and(|a| a.settled)).cloned().collect();
                        let page_number = comments.page.number;
                        view! {
                            <Title text=format!("{}Redraft {}", if has_errors { "Error: " } else { "" }, s.reference)/>
                            <StatementBreadcrumbs slug=s.framework_slug.clone() framework_title=s.framework_title.clone() theme_code=s.theme_code.clone() theme_title=s.theme_title.clone() statement=(path.clone(), s.reference.clone())/>
                            <ErrorSummary feedback=feedback.clone()/>
                            <ErrorSummary feedback=still_fits.clone()/>
                            <h1>{format!("Redraft {}", s.reference)}</h1>
                            {meanwhile.map(|d| view! {
                                <section class="conflict" aria-labelledby="meanwhile-heading">
                                    <h2 id="meanwhile-heading">"What changed while you were working"</h2>
                                    <p>"Someone else saved a new draft. This is how it differs from the draft you started from:"</p>
                                    <DiffWithChanges diff=d/>
                                    <p>"Your changes have been combined with theirs in the box below. Check the wording, then save."</p>
                                </section>
                            })}
                            {s.twin.clone().map(|status| view! {
                                <crate::components::twins::TwinStatusPanel status from=crate::model::StillFitsFrom::Redraft
                                    error=still_fits.as_ref().and_then(|f| f.error_for(crate::components::twins::STILL_FITS_FORM))/>
                            })}
                            <h2>{format!("Current text (draft {})", s.draft_number)}</h2>
                            <p class="statement-current"><HighlightedText segments=s.segments.clone()/></p>
                            <form method="post" action=format!("{path}/redraft") novalidate class="redraft-form">
                                <input type="hidden" name=crate::model::REDRAFT_COMMENTS_PAGE value=page_number.to_string()/>
                                <input type="hidden" name=StatementInput::BASE_REVISION_ID value=base_revision/>
                                <input type="hidden" name=StatementInput::SUBMISSION_KEY value=data.submission_key.clone()/>
                                <DraftText drafted=DraftedText::Standard current=current.clone() initial=initial note=value(StatementInput::NOTE).unwrap_or_default() jargon=jargon body_error note_error/>
                                {(!answerable.is_empty()).then(|| view! {
                                    <section class="answers" aria-labelledby="answers-heading">
                                        <h2 id="answers-heading" class="heading-m">"Answer comments with this draft"</h2>
                                        <p class="hint">"Answers saved here are linked to this new draft. You can also answer later from the round's list of comments."</p>
                                        {(comments.pages() > 1).then(|| view! {
                                            <p class="hint">{format!("{} Answers are saved with the draft; answer the comments on other pages from the round's list, or here after saving.", comments.showing("comment", "comments"))}</p>
                                        })}
                                        {answerable.iter().map(|c| {
                                            // Typed values come back after a refusal; an existing answer is
                                            // shown, not pre-filled, so saving a draft never re-answers it.
                                            let outcome = value(&crate::model::AnswerFieldNames::outcome(c.id)).unwrap_or_default();
                                            let reason = value(&crate::model::AnswerFieldNames::reason(c.id)).unwrap_or_default();
                                            let outcome_error = feedback.as_ref().and_then(|f| f.error_for(&crate::model::AnswerFieldNames::outcome(c.id)));
                                            let reason_error = feedback.as_ref().and_then(|f| f.error_for(&crate::model::AnswerFieldNames::reason(c.id)));
                                            let answered = c.answer.is_some();
                                            view! {
                                                <div class="answer-block">
                                                    <h3 class="heading-s">{format!("Comment {} from {}", c.number, c.author)}</h3>
                                                    {c.quote.clone().map(|q| view! { <blockquote class="comment__quote"><span class="visually-hidden">"About the words: "</span>"“"{q}"”"</blockquote> })}
                                                    <p>{c.body.clone()}</p>
                                                    {c.suggestion.clone().map(|sug| view! { <p><strong>"Suggested wording: "</strong>{sug}</p> })}
                                                    {c.answer.clone().map(|a| view! { <p class="comment__answer"><strong>{format!("Answered: {}. ", a.outcome_label)}</strong>{a.reason}</p> })}
                                                    <AnswerFields comment_id=c.id outcome reason outcome_error reason_error optional=true answered/>
                                                </div>
                                            }
                                        }).collect_view()}
                                    </section>
                                })}
                                {twin_note.map(|note| view! { <p class="inset" id="twin-note">{note}</p> })}
                                <div class="button-group">
                                    <button type="submit" class="button" name=crate::model::ACTION value=crate::model::RedraftAction::Save.as_str()>"Save new draft"</button>
                                    <button type="submit" class="button button--secondary" name=crate::model::ACTION value=crate::model::RedraftAction::Preview.as_str()>"Preview changes"</button>
                                </div>
                            </form>
                            <h2 id="comments">"Comments to consider"</h2>
                            {(comments.pages() > 1).then(|| view! { <p>{comments.showing("comment", "comments")}</p> })}
                            <CommentList comments=comments.items.clone()/>
                            <Pager paged=comments.clone() path=format!("{path}/redraft") query=ListQuery::new() label="Pages of comments".to_owned() fragment="#comments"/>
                        }
                    })
                })
            }}
        </Suspense>
    }
}
