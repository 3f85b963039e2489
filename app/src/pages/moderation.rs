//! Reporting a comment, the moderators' queue, and handling one reported comment: hide
//! it, or take out chosen words (picked by first and last word, as a passage is), each
//! with a reason; or leave it as written.

use crate::{
    api::{get_moderate, get_moderation_queue, get_report_form},
    components::{
        error_summary::ErrorSummary,
        fields::TextArea,
        loaded, loading,
        pager::Pager,
        passage_picker::{PassageFields, PassagePicker},
    },
    domain::{
        moderation::{ModerationReason, ReportKind},
        plural, singular_or_plural,
    },
    form::{FormFeedback, use_form_feedback},
    model::{
        ACTION, ListQuery, MODERATE_FORM, Missing, ModerateAction, ModerateInput, ModerateView,
        QueuedReportView, REPORT_FORM, ReportInput, Saved,
    },
    pages::{admin::saved_notice, comment::RadioGroup},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn comment_id() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(-1)
    })
}

fn saved_message() -> Option<String> {
    use_query_map()
        .read_untracked()
        .get("saved")
        .and_then(|code| Saved::parse(&code))
        .map(|saved| saved.message().to_owned())
}

fn typed(feedback: &Option<FormFeedback>, name: &str, fallback: String) -> String {
    feedback
        .as_ref()
        .and_then(|f| f.value(name))
        .unwrap_or(fallback)
}

fn error_of(feedback: &Option<FormFeedback>, name: &str) -> Option<String> {
    feedback.as_ref().and_then(|f| f.error_for(name))
}

fn paragraphs(text: &str) -> impl IntoView + use<> {
    text.split("\n\n")
        .map(|p| view! { <p>{p.to_owned()}</p> })
        .collect_view()
}

#[component]
pub fn ReportCommentPage() -> impl IntoView {
    let id = comment_id();
    let data = Resource::new(move || id.get(), get_report_form);
    let feedback = use_form_feedback(REPORT_FORM);
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                Suspend::new(async move {
                    loaded(data.await, move |d| {
                        let kind = typed(&feedback, ReportInput::KIND, String::new());
                        let note = typed(&feedback, ReportInput::NOTE, String::new());
                        let key = typed(&feedback, ReportInput::SUBMISSION_KEY, d.submission_key.clone());
                        view! {
                            <Title text=format!("Report a comment on {}", d.reference)/>
                            <nav class="breadcrumbs" aria-label="Breadcrumb">
                                <ol>
                                    <li><a href="/">"Frameworks"</a></li>
                                    <li><a href=format!("/frameworks/{}", d.framework_slug)>{d.framework_title.clone()}</a></li>
                                    <li><a href=d.statement_path.clone()>{d.reference.clone()}</a></li>
                                </ol>
                            </nav>
                            <ErrorSummary feedback=feedback.clone()/>
                            <h1>{format!("Report a comment on {}", d.reference)}</h1>
                            <p class="lead">"Tell the moderators if a comment shares personal information about someone, is abusive or is spam. They read every report before the next version is published."</p>
                            <h2>"The comment"</h2>
                            <p class="comment__meta"><strong>{d.author.clone()}</strong></p>
                            <blockquote class="comment__quote">{paragraphs(&d.body)}</blockquote>
                            <form method="post" action=format!("/comments/{}/report", d.comment_id) novalidate class="narrow">
                                <input type="hidden" name=ReportInput::SUBMISSION_KEY value=key/>
                                <RadioGroup name=ReportInput::KIND legend="What is wrong with it?" selected=kind error=error_of(&feedback, ReportInput::KIND)
                                    options=ReportKind::ALL.iter().map(|k| (k.as_str(), k.label(), None)).collect()/>
                                <TextArea name=ReportInput::NOTE label="Anything the moderators should know (needed for “something else”)" value=note error=error_of(&feedback, ReportInput::NOTE)/>
                                <button type="submit" class="button">"Send report"</button>
                            </form>
                        }
                    })
                })
            }}
        </Suspense>
    }
}

/// A report, as the queue and a comment's moderation page list it.
#[component]
fn ReportItem(report: QueuedReportView, #[prop(optional)] link: bool) -> impl IntoView {
    let status = report.handled.clone().unwrap_or_else(|| "Open".to_owned());
    view! {
        <li class="comment" id=format!("report-{}", report.id)>
            <p class="comment__meta">
                <strong>{report.kind.clone()}</strong>" · "{report.reference.clone()}
                " · reported by "{report.reporter.clone()}" on "{report.reported_label.clone()}
                " · "<span class="tag">{status}</span>
            </p>
            {(!report.note.is_empty()).then(|| view! { <p>"Their note: "{report.note.clone()}</p> })}
            {link.then(|| view! {
                <blockquote class="comment__quote"><span class="visually-hidden">"What the public reads: "</span>{report.excerpt.clone()}</blockquote>
                <p><a href=report.moderate_href.clone()>"Look at this comment"<span class="visually-hidden">{format!(" (report {}, {})", report.id, report.reference)}</span></a></p>
            })}
        </li>
    }
}

#[component]
pub fn ModerationQueuePage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.read().get(crate::model::PageRequest::PARAM),
        get_moderation_queue,
    );
    view! {
        <Title text="Reported comments"/>
        <h1>"Reported comments"</h1>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(data.await, |q| {
                    let paged = q.reports.clone();
                    let showing = (paged.pages() > 1).then(|| paged.showing("report", "report"));
                    view! {
                        <p class="lead" role="status">{format!(
                            "{} {} a moderator. Open reports come first.",
                            plural(q.open, "report", "reports"),
                            singular_or_plural(q.open, "needs", "need"),
                        )}</p>
                        {showing.map(|line| view! { <p class="meta">{line}</p> })}
                        {if paged.items.is_empty() {
                            view! { <p>"Nobody has reported a comment."</p> }.into_any()
                        } else {
                            view! {
                                <ol class="comment-list" id="reports">
                                    {paged.items.iter().cloned().map(|report| view! { <ReportItem report link=true/> }).collect_view()}
                                </ol>
                            }.into_any()
                        }}
                        <Pager paged path="/moderation".to_owned() query=ListQuery::new() label="Pages of reports".to_owned() fragment="#reports"/>
                    }
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn ModeratePage() -> impl IntoView {
    let id = comment_id();
    let data = Resource::new(move || id.get(), get_moderate);
    let feedback = use_form_feedback(MODERATE_FORM);
    let notice = saved_message();
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                let notice = notice.clone();
                Suspend::new(async move {
                    loaded(data.await, move |d| view! { <ModerateForm d feedback notice/> })
                })
            }}
        </Suspense>
    }
}

#[component]
fn ModerateForm(
    d: ModerateView,
    feedback: Option<FormFeedback>,
    notice: Option<String>,
) -> impl IntoView {
    let action = format!("/moderation/comments/{}", d.comment_id);
    let choice = typed(&feedback, ModerateInput::PASSAGE, "part".to_owned());
    let first = typed(&feedback, ModerateInput::FIRST_WORD, "1".to_owned());
    let last = typed(&feedback, ModerateInput::LAST_WORD, "1".to_owned());
    let reason = typed(&feedback, ModerateInput::REASON, String::new());
    let note = typed(&feedback, ModerateInput::NOTE, String::new());
    let key = typed(
        &feedback,
        ModerateInput::SUBMISSION_KEY,
        d.submission_key.clone(),
    );
    view! {
        <Title text=format!("Reported comment on {}", d.reference)/>
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><a href="/moderation">"Reported comments"</a></li>
                <li><a href=d.statement_path.clone()>{d.reference.clone()}</a></li>
            </ol>
        </nav>
        <ErrorSummary feedback=feedback.clone()/>
        {saved_notice(notice)}
        <h1>{format!("Reported comment on {}", d.reference)}</h1>
        <p class="lead">{format!("By {}", d.author)}</p>
        <p>{d.state.clone().unwrap_or_else(|| "Everyone reads it as written.".to_owned())}</p>
        <h2>"As it was written"</h2>
        <p class="hint">"Only the policy team, moderators and its author read this."</p>
        <blockquote class="comment__quote">{paragraphs(&d.original_body)}</blockquote>
        {d.original_suggestion.clone().map(|s| view! { <p><strong>"Suggested wording: "</strong>{s}</p> })}
        {d.state.is_some().then(|| view! {
            <h2>"What everyone else reads"</h2>
            <blockquote class="comment__quote">{paragraphs(&d.shown_body)}</blockquote>
            {d.shown_suggestion.clone().map(|s| view! { <p><strong>"Suggested wording: "</strong>{s}</p> })}
        })}
        <h2>"Reports"</h2>
        {if d.reports.is_empty() {
            view! { <p>"Nobody has reported it."</p> }.into_any()
        } else {
            view! { <ol class="comment-list">{d.reports.iter().cloned().map(|report| view! { <ReportItem report/> }).collect_view()}</ol> }.into_any()
        }}
        <h2 id="remove-heading">"Take words out of public view"</h2>
        <form method="post" action=action.clone() novalidate aria-labelledby="remove-heading">
            <input type="hidden" name=ACTION value=ModerateAction::Remove.as_str()/>
            <input type="hidden" name=ModerateInput::SUBMISSION_KEY value=key/>
            <input type="hidden" name=ModerateInput::SHOWN_VERSION value=d.shown_version.clone()/>
            <PassagePicker
                fields=PassageFields { choice: ModerateInput::PASSAGE, first: ModerateInput::FIRST_WORD, last: ModerateInput::LAST_WORD }
                legend="What should the public no longer read?"
                words=d.words.clone()
                choice first last
                first_error=error_of(&feedback, ModerateInput::FIRST_WORD)
                last_error=error_of(&feedback, ModerateInput::LAST_WORD)
                whole_label="The whole comment (hide it)"
                part_label="Some of its words"
                hint="Choose the first and last word to take out, such as someone's name or address. They are replaced by the reason."
            />
            <RadioGroup name=ModerateInput::REASON legend="Why?" selected=reason error=error_of(&feedback, ModerateInput::REASON)
                options=ModerationReason::ALL.iter().map(|r| (r.as_str(), r.label(), None)).collect()/>
            <TextArea name=ModerateInput::NOTE label="A note for the record (optional)" hint="The policy team and other moderators read it; the author does not." value=note error=error_of(&feedback, ModerateInput::NOTE)/>
            <button type="submit" class="button">"Take out of public view"</button>
        </form>
        <h2 id="dismiss-heading">"Nothing needs taking out"</h2>
        <form method="post" action=action novalidate aria-labelledby="dismiss-heading">
            <input type="hidden" name=ACTION value=ModerateAction::Dismiss.as_str()/>
            <input type="hidden" name=ModerateInput::SUBMISSION_KEY value=d.dismiss_key.clone()/>
            <input type="hidden" name=ModerateInput::SHOWN_VERSION value=d.shown_version.clone()/>
            <p>"The reports are closed and everyone reads the comment as it was written."</p>
            <button type="submit" class="button button--secondary">"Leave it as written"</button>
        </form>
        {(!d.history.is_empty()).then(|| view! {
            <h2>"What moderators did"</h2>
            <ol class="plain-list">
                {d.history.iter().map(|a| view! {
                    <li>
                        {format!("{}, {}: {}", a.when, a.by, a.what)}
                        {a.reason.clone().map(|r| format!(" ({r})"))}
                        {a.removed_words.clone().map(|w| view! { " – took out “"{w}"”" })}
                        {(!a.note.is_empty()).then(|| format!(". Note: {}", a.note))}
                    </li>
                }).collect_view()}
            </ol>
        })}
    }
}

/// On the publish page: reported comments no moderator has handled, which stop it.
#[component]
pub fn UnhandledReports(reports: Vec<Missing>) -> impl IntoView {
    view! {
        <crate::components::missing::MissingList id="unhandled-heading" items=reports
            noun=("reported comment", "reported comments") needs="a moderator"
            lead="Every report is looked at before you can publish, so nothing that should be removed goes out in the version."/>
    }
}
