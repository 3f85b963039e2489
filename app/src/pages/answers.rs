//! Answering a round's comments, and each person's own contributions.

use crate::{
    api::{CommentFilters, get_my_contributions, get_my_words, get_round_comments},
    components::{
        byline::ByLine, error_summary::ErrorSummary, loaded, loading, pager::Pager,
        still_matters::StillMattersMark,
    },
    domain::{
        byline::Byline, drafting::Knowledge, opening_words, response::Outcome, singular_or_plural,
    },
    form::use_any_form_feedback,
    model::{PageRequest, RoundComment, thousands},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Radios for an outcome and a box for the reason, named for one comment.
///
/// The services name these fields `outcome-{id}` and `reason-{id}`, and the error
/// summary links to `#outcome-{id}` and `#reason-{id}`: the first radio (whichever it
/// is) and the text box carry those ids, so following a link moves focus there.
#[component]
pub fn AnswerFields(
    comment_id: i64,
    outcome: String,
    reason: String,
    outcome_error: Option<String>,
    reason_error: Option<String>,
    #[prop(optional)] optional: bool,
    /// The comment has an answer already: leaving the fields alone keeps it.
    #[prop(optional)]
    answered: bool,
) -> impl IntoView {
    let outcome_name = crate::model::AnswerFieldNames::outcome(comment_id);
    let outcome_error_id = format!("outcome-{comment_id}-error");
    let reason_id = crate::model::AnswerFieldNames::reason(comment_id);
    let reason_error_id = format!("reason-{comment_id}-error");
    let (outcome_wrong, reason_wrong) = (outcome_error.is_some(), reason_error.is_some());
    // "Answer later" comes first when there is one, so it is the radio the summary finds.
    let first_outcome_has_name = !optional;
    view! {
        <div class="form-group" class:form-group--error=outcome_wrong>
            <fieldset class="fieldset" aria-describedby=outcome_wrong.then(|| outcome_error_id.clone())>
                <legend class="fieldset__legend">{match (optional, answered) {
                    (true, true) => "Change what happened to this comment? (optional)",
                    (true, false) => "What happened to this comment? (you can answer later)",
                    _ => "What happened to this comment?",
                }}</legend>
                {outcome_error.map(|m| view! { <p class="error-message" id=outcome_error_id.clone()><span class="visually-hidden">"Error: "</span>{m}</p> })}
                <div class="radios radios--small">
                    {optional.then(|| {
                        let id = outcome_name.clone();
                        view! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" id=id.clone() name=outcome_name.clone() value="" checked=outcome.is_empty()/>
                                <label class="radios__label" for=id>{if answered { "Keep the current answer" } else { "Answer later" }}</label>
                            </div>
                        }
                    })}
                    {Outcome::ALL.into_iter().enumerate().map(|(i, o)| {
                        let id = if i == 0 && first_outcome_has_name { outcome_name.clone() } else { format!("{outcome_name}-{}", o.as_str()) };
                        view! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" id=id.clone() name=outcome_name.clone() value=o.as_str() checked=outcome == o.as_str()/>
                                <label class="radios__label" for=id>{o.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
        <div class="form-group" class:form-group--error=reason_wrong>
            <label class="label" for=reason_id.clone()>"Reason, in plain words"</label>
            {reason_error.map(|m| view! { <p class="error-message" id=reason_error_id.clone()><span class="visually-hidden">"Error: "</span>{m}</p> })}
            <textarea class="textarea" id=reason_id.clone() name=reason_id rows="3"
                aria-invalid=reason_wrong.then_some("true")
                aria-describedby=reason_wrong.then_some(reason_error_id.clone())>{reason}</textarea>
        </div>
    }
}

/// The round's progress in words: "7,412 of 10,000 answered; 38 groups left."
pub fn progress(total: u64, answered: u64, groups_left: u64) -> String {
    let mut line = format!("{} of {} answered", thousands(answered), thousands(total));
    if groups_left > 0 {
        line.push_str(&format!(
            "; {} {} left",
            thousands(groups_left),
            if groups_left == 1 { "group" } else { "groups" }
        ));
    }
    line.push('.');
    line
}

/// A comment's own words as an editor reads them: whom it is from, what it is about,
/// what it says and what it suggests.
#[component]
pub fn EditorComment(c: RoundComment) -> impl IntoView {
    view! {
        <p class="comment__meta">
            <a href=c.statement_path.clone()>{c.reference.clone()}</a>
            " · "<ByLine by=Byline::for_organisation(c.author.clone(), c.organisation.as_deref())/>
            " · "{c.knowledge.clone()}" · "{c.visibility.clone()}
        </p>
        {(c.text_kind == crate::domain::easy_read::TextKind::EasyRead).then(|| view! {
            <p class="meta text-kind">"Made on the easy read text."</p>
        })}
        {c.still_matters.clone().map(|note| view! { <StillMattersMark note/> })}
        {c.moderation_note.clone().map(|note| view! { <p class="meta"><strong>{note}</strong>" Its answer is public: do not repeat what was taken out."</p> })}
        {c.quote.clone().map(|q| view! { <blockquote class="comment__quote"><span class="visually-hidden">"About the words: "</span>"“"{q}"”"</blockquote> })}
        <div class="comment__body">{c.body.split("\n\n").map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}</div>
        {c.suggestion.clone().map(|s| view! { <div class="comment__suggestion"><p class="heading-s">"Suggested wording"</p><p>{s}</p></div> })}
    }
}

/// A settled answer, read only.
#[component]
pub fn SettledAnswer(outcome: String, reason: String) -> impl IntoView {
    view! {
        <div class="comment__answer">
            <p class="heading-s">{format!("What we did: {}", Outcome::parse(&outcome).map_or("Not answered", |o| o.label()))}</p>
            <p>{reason}</p>
        </div>
    }
}

#[component]
pub fn RoundCommentsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            let q = query.read();
            let filters = CommentFilters::from_query(|name| q.get(name));
            (
                p.get("slug").unwrap_or_default(),
                p.get("id")
                    .and_then(|i| i.parse::<i64>().ok())
                    .unwrap_or(-1),
                filters,
                q.get(PageRequest::PARAM),
                q.get(crate::model::LINKED_COMMENT_PARAM)
                    .and_then(|c| c.parse::<i64>().ok()),
            )
        },
        |(slug, id, filters, page, comment)| get_round_comments(slug, id, filters, page, comment),
    );
    let feedback = use_any_form_feedback();
    let saved = query
        .read_untracked()
        .get("saved")
        .and_then(|code| crate::model::Saved::parse(&code))
        .map(|saved| saved.message());
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                Suspend::new(async move {
                    loaded(data.await, move |d| {
                        let path = format!("/frameworks/{}/rounds/{}/comments", d.framework_slug, d.round_id);
                        let f = d.filters.clone();
                        let select = move |name: &'static str, label: &'static str, current: String, options: Vec<(String, String)>| view! {
                            <div class="form-group">
                                <label class="label" for=name>{label}</label>
                                <select class="select" id=name name=name>
                                    <option value="" selected=current.is_empty()>"All"</option>
                                    {options.into_iter().map(|(value, text)| view! { <option value=value.clone() selected=current == value>{text}</option> }).collect_view()}
                                </select>
                            </div>
                        };
                        let settled = d.published_version.is_some();
                        let mut outcomes = vec![
                            ("unanswered".to_owned(), "Not answered yet".to_owned()),
                            ("answered".to_owned(), "Answered".to_owned()),
                        ];
                        outcomes.extend(Outcome::ALL.iter().map(|o| (o.as_str().to_owned(), o.label().to_owned())));
                        let unanswered = d.total - d.answered.min(d.total);
                        let has_groups = d.groups_left > 0 || d.entries.items.iter().any(|e| e.group.is_some());
                        let (one, many) = if has_groups { ("comment or group", "comments and groups") } else { ("comment", "comments") };
                        let showing = d.entries.showing(one, many);
                        let list_query = f.list_query();
                        let page_number = d.entries.page.number.to_string();
                        let entries = d.entries.clone();
                        view! {
                            <Title text=format!("{}Answer comments: {}", if feedback.is_some() { "Error: " } else { "" }, d.round_title)/>
                            <nav class="breadcrumbs" aria-label="Breadcrumb">
                                <ol>
                                    <li><a href="/">"Frameworks"</a></li>
                                    <li><a href=format!("/frameworks/{}", d.framework_slug)>{d.framework_title.clone()}</a></li>
                                    <li><a href=format!("/frameworks/{}/rounds", d.framework_slug)>"Consultation rounds"</a></li>
                                </ol>
                            </nav>
                            <ErrorSummary feedback=feedback.clone()/>
                            {saved.map(|message| view! { <div class="notice" role="status"><p>{message}</p></div> })}
                            <h1>{format!("Comments in {}", d.round_title)}</h1>
                            <p class="lead">
                                {match (unanswered, d.total) {
                                    (_, 0) => "There are no comments in this round yet.".to_owned(),
                                    (0, 1) => "The 1 comment has an answer.".to_owned(),
                                    (0, total) => format!("All {} comments have an answer.", thousands(total)),
                                    // The verb agrees with the comments waiting: "1 of 2 comments still needs".
                                    (n, total) => format!(
                                        "{} of {} {} still {} an answer.",
                                        thousands(n),
                                        thousands(total),
                                        if total == 1 { "comment" } else { "comments" },
                                        singular_or_plural(n as usize, "needs", "need"),
                                    ),
                                }}
                            </p>
                            {(d.total > 0).then(|| view! { <p class="progress" id="progress">{progress(d.total, d.answered, d.groups_left)}</p> })}
                            <p><a href=format!("/frameworks/{}/rounds/{}/bursts", d.framework_slug, d.round_id)>
                                "Bursts: who wrote many comments within an hour"
                            </a></p>
                            {d.published_version.map(|v| view! {
                                <div class="notice" role="region" aria-label="Published">
                                    <p>
                                        {format!("These answers were published in version {v}, so they can no longer change. ")}
                                        <a href=format!("/frameworks/{}/versions/{v}/report", d.framework_slug)>{format!("Read the report for version {v}")}</a>
                                    </p>
                                </div>
                            })}
                            <form method="get" action=path.clone() class="filter-form">
                                <div class="form-row form-row--wrap">
                                    {select("statement", "Statement", f.statement.clone(), d.statements.iter().map(|s| (s.clone(), s.clone())).collect())}
                                    {select("theme", "Theme", f.theme.clone(), d.themes.clone())}
                                    {select("outcome", "Answer", f.outcome.clone(), outcomes)}
                                    {select("organisation", "Organisation", f.organisation.clone(), d.organisations.iter().map(|o| (o.clone(), o.clone())).collect())}
                                    {select("knowledge", "Based on", f.knowledge.clone(), Knowledge::ALL.iter().map(|k| (k.as_str().to_owned(), k.label().to_owned())).collect())}
                                </div>
                                <div class="form-group">
                                    <label class="label" for="q">"Words in the comment"</label>
                                    <input class="input" type="search" id="q" name="q" value=f.q.clone()/>
                                </div>
                                <button type="submit" class="button button--secondary">"Show comments"</button>
                            </form>
                            {(d.still_matters_people > 0).then(|| view! {
                                <div class="notice" role="region" aria-label="Still matters">
                                    <p>{format!("In this round, {}.", crate::model::still_matters_sentence(d.still_matters_people))}</p>
                                    <ul class="list">
                                        {d.still_matters_by_statement.iter().map(|c| view! {
                                            <li>{format!("{}: {}", c.reference, crate::model::still_matters_sentence(c.people))}</li>
                                        }).collect_view()}
                                    </ul>
                                </div>
                            })}
                            <p id="comments">{showing}</p>
                            <ol class="comment-list">
                                {d.entries.items.into_iter().map(|entry| {
                                    let c = entry.comment;
                                    let mine = feedback.as_ref().filter(|fb| fb.form == format!("answer-{}", c.id));
                                    let outcome = mine.and_then(|fb| fb.value(&format!("outcome-{}", c.id))).unwrap_or(c.outcome.clone());
                                    let reason = mine.and_then(|fb| fb.value(&format!("reason-{}", c.id))).unwrap_or(c.reason.clone());
                                    let outcome_error = mine.and_then(|fb| fb.error_for(&format!("outcome-{}", c.id)));
                                    let reason_error = mine.and_then(|fb| fb.error_for(&format!("reason-{}", c.id)));
                                    let group = entry.group;
                                    let linked_member = entry.linked_member;
                                    let button_label = match &group {
                                        Some(g) => format!("Save answer for all {}", thousands(g.members)),
                                        None => "Save answer".to_owned(),
                                    };
                                    let named = format!(" to the comment on {} by {}: “{}”", c.reference, c.author, opening_words(&c.body));
                                    view! {
                                        <li class="comment" class:comment--group=group.is_some() id=format!("comment-{}", c.id)>
                                            // A link to a member shown here through its group lands on
                                            // this line, first in the entry, rather than on the group
                                            // unexplained: someone who follows it (by screen reader
                                            // too) hears at once why the words that follow may be
                                            // another person's, and that one answer goes to them all.
                                            {linked_member.map(|member| view! {
                                                <p class="notice linked-member" id=format!("comment-{member}")>
                                                    "The comment you followed a link to is in this group of alike comments. It is answered with the group."
                                                </p>
                                            })}
                                            {group.clone().map(|g| view! {
                                                <p class="heading-s">{format!("Group of {} alike comments", thousands(g.members))}</p>
                                            })}
                                            <EditorComment c=c.clone()/>
                                            {group.clone().map(|g| view! {
                                                <div class="alike-summary">
                                                    <p><strong>{g.others()}</strong>"."</p>
                                                    {(!g.organisations.is_empty()).then(|| view! {
                                                        <p>{format!("Organisations behind it: {}.", g.organisations.join(", "))}</p>
                                                    })}
                                                    <p>{if g.unanswered == 0 {
                                                        "Everyone in this group has an answer.".to_owned()
                                                    } else {
                                                        format!("{} of {} not answered yet.", thousands(g.unanswered), thousands(g.members))
                                                    }}</p>
                                                    <p><a href=g.href.clone()>{format!("See all {} comments in this group", thousands(g.members))}</a></p>
                                                </div>
                                            })}
                                            {if settled || c.settled {
                                                view! { <SettledAnswer outcome=c.outcome.clone() reason=c.reason.clone()/> }.into_any()
                                            } else {
                                                view! {
                                                    <form method="post" action=path.clone() class="answer-form" novalidate>
                                                        <input type="hidden" name=crate::model::AnswerInput::COMMENT_ID value=c.id.to_string()/>
                                                        <input type="hidden" name=crate::model::AnswerInput::FILTERS value=f.query()/>
                                                        <input type="hidden" name=crate::model::AnswerInput::PAGE value=page_number.clone()/>
                                                        {group.as_ref().map(|g| view! {
                                                            <input type="hidden" name=crate::model::AnswerInput::GROUP_ID value=g.id.to_string()/>
                                                            <p class="hint">"This answer goes to everyone in the group whose answer is not published yet. Each person is told in their own email."</p>
                                                        })}
                                                        <AnswerFields comment_id=c.id outcome reason outcome_error reason_error/>
                                                        <button type="submit" class="button button--small">
                                                            {button_label}<span class="visually-hidden">{named}</span>
                                                        </button>
                                                    </form>
                                                }.into_any()
                                            }}
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                            <Pager paged=entries path=path.clone() query=list_query label="Pages of comments".to_owned() fragment="#comments"/>
                        }
                    })
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn ContributionsPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let contributions = Resource::new(
        move || query.read().get(crate::model::PageRequest::PARAM),
        get_my_contributions,
    );
    let words = Resource::new(|| (), |_| get_my_words());
    view! {
        <Title text="What you said"/>
        <nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/account">"Your account"</a></li></ol></nav>
        <h1>"What you said, and what happened"</h1>
        <crate::pages::proposals::MyProposals/>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(words.await, |words| {
                    (!words.is_empty()).then(|| view! {
                        <ul class="your-words" aria-label="Where your words are">
                            {words.into_iter().map(|w| view! { <li><a href=w.version_href>{w.line}</a></li> }).collect_view()}
                        </ul>
                    })
                })
            })}
        </Suspense>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(contributions.await, |paged| {
                    let list = paged.items.clone();
                    let showing = (paged.pages() > 1).then(|| paged.showing("comment", "comments"));
                    if list.is_empty() {
                        view! { <p>"You have not commented yet. Comments can be made on any statement while a consultation round is open."</p> }.into_any()
                    } else {
                        view! {
                            <h2 id="your-comments">"Your comments"</h2>
                            {showing.map(|line| view! { <p class="meta">{line}</p> })}
                            <ol class="comment-list">
                                {list.into_iter().map(|c| view! {
                                    <li class="comment">
                                        <p class="comment__meta">
                                            <a href=c.statement_path>{c.reference.clone()}</a>" · "{c.created_label}
                                            {c.on_behalf_of.map(|o| format!(" · for {o}"))}
                                        </p>
                                        {c.moderation.map(|notice| view! { <crate::components::moderation::YourCommentWasChanged notice/> })}
                                        {c.quote.map(|q| view! { <blockquote class="comment__quote"><span class="visually-hidden">"About the words: "</span>"“"{q}"”"</blockquote> })}
                                        <div class="comment__body">{c.body.split("\n\n").map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}</div>
                                        <div class="comment__answer">
                                            <p class="heading-s">"What happened: "{c.outcome}</p>
                                            {c.reason.map(|r| view! { <p>{r}</p> })}
                                            {c.personal_line.map(|l| view! { <p class="personal-line"><strong>"A note for you: "</strong>{l}</p> })}
                                            {c.published.map(|p| view! {
                                                <p>
                                                    <a href=p.report_href>{format!("Published in version {}: see the report", p.version)}</a>
                                                    {p.landed.map(|l| view! {
                                                        " · Where it landed: "<a href=l.href>{format!("draft {}", l.draft)}<span class="visually-hidden">{format!(" of {}", c.reference)}</span></a>
                                                    })}
                                                </p>
                                            })}
                                        </div>
                                    </li>
                                }).collect_view()}
                            </ol>
                            <crate::components::pager::Pager paged path="/account/contributions".to_owned() query=crate::model::ListQuery::new() label="Pages of your comments".to_owned() fragment="#your-comments"/>
                        }.into_any()
                    }
                })
            })}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::opening_words;

    #[test]
    fn a_short_comment_is_named_in_full() {
        assert_eq!(opening_words("Keep it  as it is."), "Keep it as it is.");
    }

    #[test]
    fn a_long_comment_is_named_by_its_first_six_words() {
        assert_eq!(
            opening_words("Please say decide, because choosing is not the same as deciding."),
            "Please say decide, because choosing is…"
        );
    }
}
