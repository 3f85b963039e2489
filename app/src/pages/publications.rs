//! Publishing, published versions, the "You said, we did" report and the email outbox.

use crate::{
    api::{
        PublicationHeader, get_publication, get_publication_outbox, get_publish_page, get_report,
    },
    components::{
        byline::ByLine,
        credit::WordsFrom,
        diff_view::InlineDiff,
        error_summary::ErrorSummary,
        fields::TextField,
        loaded, loading,
        pager::Pager,
        reading::{EasyReadPicture, ReadingNote, ReadingSwitch},
    },
    domain::{easy_read::TextKind, plural, singular_or_plural},
    form::use_form_feedback,
    model::{ListQuery, PageRequest, ReportFilters, text_query, thousands},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

pub const PUBLISH_FORM: &str = "publish";

/// "A", "A and B", "A, B and C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn version_params() -> Memo<(String, i64)> {
    let params = use_params_map();
    Memo::new(move |_| {
        let p = params.read();
        (
            p.get("slug").unwrap_or_default(),
            p.get("version").and_then(|v| v.parse().ok()).unwrap_or(-1),
        )
    })
}

#[component]
fn PublicationBreadcrumbs(
    header: PublicationHeader,
    #[prop(optional)] with_version: bool,
) -> impl IntoView {
    let version_path = header.path();
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><a href="/">"Frameworks"</a></li>
                <li><a href=format!("/frameworks/{}", header.framework_slug)>{header.framework_title.clone()}</a></li>
                {with_version.then(|| view! { <li><a href=version_path>{format!("Version {}", header.version)}</a></li> })}
            </ol>
        </nav>
    }
}

#[component]
pub fn PublishPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_publish_page,
    );
    let feedback = use_form_feedback(PUBLISH_FORM);
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                Suspend::new(async move {
                    loaded(data.await, move |p| {
                        let summary = feedback.as_ref().and_then(|f| f.value(crate::model::PublishInput::SUMMARY)).unwrap_or_default();
                        let error = feedback.as_ref().and_then(|f| f.error_for(crate::model::PublishInput::SUMMARY));
                        let ready = p.ready();
                        view! {
                            <Title text=format!("{}Publish {}", if feedback.is_some() { "Error: " } else { "" }, p.framework_title)/>
                            <nav class="breadcrumbs" aria-label="Breadcrumb">
                                <ol><li><a href="/">"Frameworks"</a></li><li><a href=format!("/frameworks/{}", p.framework_slug)>{p.framework_title.clone()}</a></li></ol>
                            </nav>
                            <ErrorSummary feedback=feedback.clone()/>
                            <h1>"Publish a new version"</h1>
                            <p class="lead">"Publishing makes the current text of every statement public as a numbered version, and emails everyone who commented to tell them what became of what they said."</p>
                            {match (p.round_titles.as_slice(), p.versions.first(), &p.open_round) {
                                ([], None, _) => view! { <p>"There has been no consultation round yet, so there is nothing to publish."</p> }.into_any(),
                                ([], Some(version), _) => view! {
                                    <p>{format!("Every round so far is answered in a published version. The latest is version {version}. ")}
                                    <a href=format!("/frameworks/{}/versions/{version}", p.framework_slug)>{format!("See version {version}")}</a></p>
                                }.into_any(),
                                (_, _, Some(open)) => view! {
                                    <p>{format!("{open} is still open. Close it before publishing, so every comment can be answered.")}</p>
                                }.into_any(),
                                (titles, _, None) => view! { <p>{format!("This version will answer the comments made in {}.", and_list(titles))}</p> }.into_any(),
                            }}
                            {(!p.missing.is_empty()).then(|| view! {
                                <div class="error-summary" role="region" aria-labelledby="missing-heading">
                                    <h2 class="error-summary__title" id="missing-heading">
                                        {format!("{} still {} an answer", plural(p.missing.len(), "comment", "comments"), singular_or_plural(p.missing.len(), "needs", "need"))}
                                    </h2>
                                    <p>"Everyone who commented is owed an answer before you can publish."</p>
                                    <ul class="error-summary__list">
                                        {p.missing.iter().map(|m| view! {
                                            <li><a href=m.answer_href.clone()>{format!("{}: {} – “{}”", m.reference, m.author, m.excerpt)}</a></li>
                                        }).collect_view()}
                                    </ul>
                                </div>
                            })}
                            <crate::pages::proposals::UndecidedProposals proposals=p.undecided_proposals.clone()/>
                            <crate::pages::moderation::UnhandledReports reports=p.unhandled_reports.clone()/>
                            <PublishTwinsWarning overview=p.twins.clone()/>
                            {ready.then(|| view! {
                                <form method="post" action=format!("/frameworks/{}/publish", p.framework_slug) novalidate class="narrow">
                                    <TextField name=crate::model::PublishInput::SUMMARY label="What changed, in one or two sentences" hint="People see this first, on the version's page and in their email." value=summary error=error/>
                                    <button type="submit" class="button">"Publish and email contributors"</button>
                                </form>
                            })}
                            {(!p.versions.is_empty()).then(|| view! {
                                <h2>"Published versions"</h2>
                                <ul class="plain-list">
                                    {p.versions.iter().map(|v| view! { <li><a href=format!("/frameworks/{}/versions/{v}", p.framework_slug)>{format!("Version {v}")}</a></li> }).collect_view()}
                                </ul>
                            })}
                        }
                    })
                })
            }}
        </Suspense>
    }
}

/// Statements whose easy read version is missing or out of step: a warning, or (when the
/// framework requires easy read versions) what stops publishing, each linked to its
/// easy read page.
#[component]
fn PublishTwinsWarning(overview: crate::model::TwinOverview) -> impl IntoView {
    let count = overview.out_of_step();
    (count > 0).then(|| {
        let heading = format!(
            "{} easy read {} missing or {} updating",
            plural(count, "statement's", "statements'"),
            singular_or_plural(count, "version is", "versions are"),
            singular_or_plural(count, "needs", "need"),
        );
        let (class, title_class, explanation) = if overview.required {
            (
                "error-summary",
                "error-summary__title",
                "This framework needs every statement's easy read version up to date before it is published. Update each one, or confirm that it still fits.",
            )
        } else {
            (
                "inset twin-warning",
                "heading-m",
                "You can still publish, but these statements' easy read versions are missing or no longer match the main text.",
            )
        };
        let items = overview.needs_updating.into_iter().chain(overview.missing);
        view! {
            <div class=class role="region" aria-labelledby="twins-warning-heading">
                <h2 class=title_class id="twins-warning-heading">{heading}</h2>
                <p>{explanation}</p>
                <ul class="error-summary__list">
                    {items.map(|item| view! {
                        <li><a href=item.easy_read_href>{format!("{}: {}", item.reference, item.state.label())}</a></li>
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

#[component]
pub fn PublicationPage() -> impl IntoView {
    let params = version_params();
    let data = Resource::new(
        move || params.get(),
        |(slug, version)| get_publication(slug, version),
    );
    let published = use_query_map().read_untracked().get("published").is_some();
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(data.await, move |p| {
                    let path = p.header.path();
                    let easy_read = p.easy_read.clone();
                    let credits = p.credits.clone();
                    view! {
                        <Title text=format!("{} version {}", p.header.framework_title, p.header.version)/>
                        <PublicationBreadcrumbs header=p.header.clone()/>
                        {published.then(|| view! { <div class="notice" role="status"><p>"Published. Everyone who commented will be emailed."</p></div> })}
                        <span class="caption">{format!("Published on {}", p.header.published_label)}</span>
                        <h1>{format!("{}: version {}", p.header.framework_title, p.header.version)}</h1>
                        <p class="lead">{p.header.summary.clone()}</p>
                        <ReadingSwitch reading=p.reading/>
                        <ul class="action-list">
                            <li><a class="button" href=format!("{path}/report")>"You said, we did: the report"</a></li>
                            {p.can_edit.then(|| view! { <li><a class="button button--secondary" href=format!("{path}/outbox")>"Emails to contributors"</a></li> })}
                        </ul>
                        {p.themes.into_iter().map(|t| view! {
                            <section class="theme">
                                <h2>{t.title}</h2>
                                <ul class="statement-list">
                                    {t.statements.into_iter().map(|(reference, text)| {
                                        let extra = easy_read.iter().find(|e| e.reference == reference).cloned();
                                        let (picture, note) = extra.map_or((None, None), |e| (e.picture, e.note));
                                        let credit = credits.iter().find(|(r, _)| *r == reference).map(|(_, line)| line.clone());
                                        view! {
                                        <li>
                                            <EasyReadPicture picture/>
                                            <span class="reference">{reference.clone()}</span>" "<span class="statement-text">{text}</span>
                                            {note.map(|n| view! { <span class="meta">" "{n}</span> })}
                                            <WordsFrom line=credit/>
                                            <span class="meta">" "
                                                <a href=format!("{path}/statements/{reference}/trace")>"Why does it say this?"<span class="visually-hidden">{format!(" ({reference})")}</span></a>
                                                " · "
                                                <a href=format!("/frameworks/{}/statements/{reference}/history", p.header.framework_slug)>"History"<span class="visually-hidden">{format!(" of {reference}")}</span></a>
                                            </span>
                                        </li>
                                    }}).collect_view()}
                                </ul>
                            </section>
                        }).collect_view()}
                    }
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let params = version_params();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            let filters = ReportFilters {
                statement: q.get("statement").unwrap_or_default(),
                theme: q.get("theme").unwrap_or_default(),
                outcome: q.get("outcome").unwrap_or_default(),
                knowledge: q.get("knowledge").unwrap_or_default(),
            };
            let comment = q.get("comment").and_then(|c| c.parse::<i64>().ok());
            (params.get(), filters, q.get(PageRequest::PARAM), comment)
        },
        |((slug, version), filters, page, comment)| {
            get_report(slug, version, filters, page, comment)
        },
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(data.await, move |r| {
                    let path = r.report.header.path();
                    let report_path = format!("{path}/report");
                    let version = r.report.header.version;
                    let outcome_labels: Vec<String> = r.report.by_outcome.iter().map(|c| c.label.clone()).collect();
                    let showing = r.comments.showing("comment", "comments");
                    let filtered = r.filters != ReportFilters::default();
                    // The page's comments under their statements' stories, in order.
                    let groups: Vec<(crate::api::ReportStatement, Vec<crate::api::ReportComment>)> = r.stories.iter().map(|s| {
                        let comments = r.comments.items.iter().filter(|c| c.reference == s.reference).map(|c| c.comment.clone()).collect();
                        (s.clone(), comments)
                    }).collect();
                    view! {
                        <Title text=format!("You said, we did: {} version {}", r.report.header.framework_title, r.report.header.version)/>
                        <PublicationBreadcrumbs header=r.report.header.clone() with_version=true/>
                        <h1>"You said, we did"</h1>
                        <ReadingSwitch reading=r.report.reading/>
                        <p class="lead">{format!("What {} changed in version {} of {}.", plural(r.report.total_comments, "comment", "comments"), r.report.header.version, r.report.header.framework_title)}</p>
                        {(!r.report.rounds.is_empty()).then(|| view! { <p>{format!("This version answers the comments made in {}.", and_list(&r.report.rounds))}</p> })}
                        <p>"Download: "<a href=format!("{path}/report.csv") rel="external">"spreadsheet (CSV)"</a>" · "<a href=format!("{path}/report.json") rel="external">"data (JSON)"</a></p>
                        <div class="form-row">
                            <section aria-labelledby="outcomes-heading">
                                <h2 id="outcomes-heading" class="heading-m">"What happened to the comments"</h2>
                                <dl class="summary-list">{r.report.by_outcome.iter().map(|c| view! { <div><dt>{c.label.clone()}</dt><dd>{c.count}</dd></div> }).collect_view()}</dl>
                            </section>
                            <section aria-labelledby="voices-heading">
                                <h2 id="voices-heading" class="heading-m">"Whose knowledge changed the text"</h2>
                                <dl class="summary-list">{r.report.changes_by_knowledge.iter().map(|c| view! { <div><dt>{c.label.clone()}</dt><dd>{c.count}</dd></div> }).collect_view()}</dl>
                            </section>
                        </div>
                        {r.report.by_value.clone().map(|totals| view! { <ReportByValue totals path=path.clone()/> })}
                        <crate::pages::proposals::ReportProposalsSection proposals=r.report.proposals.clone()/>
                        <ReportStatementTable lines=r.lines.clone() outcome_labels=outcome_labels report_path=report_path.clone()/>
                        <ReportFilterForm report_path=report_path.clone() filters=r.filters.clone() themes=r.themes.clone() lines=r.lines.clone() outcomes=r.report.by_outcome.clone() filtered/>
                        <h2 id="report-comments">"Statements and what people said"</h2>
                        <p class="meta">{showing}</p>
                        {groups.into_iter().map(|(s, comments)| view! { <ReportStory s comments version/> }).collect_view()}
                        <Pager paged=r.comments.clone() path=report_path.clone() query=r.query.clone() label="Pages of comments".to_owned() fragment="#report-comments"/>
                    }
                })
            })}
        </Suspense>
    }
}

/// Each statement's comments counted by outcome, each statement a link to its story and
/// comments; a table with a header for every row and column, scrolling on a narrow screen.
#[component]
fn ReportStatementTable(
    lines: Vec<crate::api::ReportStatementLine>,
    outcome_labels: Vec<String>,
    report_path: String,
) -> impl IntoView {
    (!lines.is_empty()).then(|| view! {
        <section aria-labelledby="by-statement-heading">
            <h2 id="by-statement-heading" class="heading-m">"Statement by statement"</h2>
            <p>"Choose a statement to read how it changed and everything said about it."</p>
            <div class="table-wrap" role="region" aria-labelledby="by-statement-caption" tabindex="0">
                <table class="table">
                    <caption id="by-statement-caption" class="visually-hidden">"Comments on each statement, by what happened to them"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Statement"</th>
                            <th scope="col">"Comments"</th>
                            {outcome_labels.into_iter().map(|l| view! { <th scope="col">{l}</th> }).collect_view()}
                            <th scope="col">"Only for the policy team"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {lines.into_iter().map(|line| view! {
                            <tr>
                                <th scope="row"><a href=format!("{report_path}?statement={}#report-comments", line.reference)>{line.reference.clone()}</a>{line.changed.then(|| view! { <span class="meta">" (changed)"</span> })}</th>
                                <td>{thousands(line.comments)}</td>
                                {line.by_outcome.iter().map(|n| view! { <td>{thousands(*n)}</td> }).collect_view()}
                                <td>{thousands(line.private)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    })
}

/// Choose which comments to list: by statement, theme, outcome and kind of knowledge. A
/// plain form that sends its choices in the address, so the page links keep them.
#[component]
fn ReportFilterForm(
    report_path: String,
    filters: crate::api::ReportFilters,
    themes: Vec<(String, String)>,
    lines: Vec<crate::api::ReportStatementLine>,
    outcomes: Vec<crate::api::Count>,
    filtered: bool,
) -> impl IntoView {
    use crate::domain::{drafting::Knowledge, response::Outcome};
    let option = |value: String, label: String, chosen: &str| {
        let selected = value == chosen;
        view! { <option value=value selected=selected>{label}</option> }
    };
    view! {
        <form method="get" action=report_path.clone() class="report-filters" aria-labelledby="filters-heading">
            <h2 id="filters-heading" class="heading-m">"Choose which comments to read"</h2>
            <div class="form-group">
                <label class="label" for="filter-statement">"Statement"</label>
                <select class="select" id="filter-statement" name="statement">
                    <option value="">"Every statement"</option>
                    {lines.into_iter().map(|l| option(l.reference.clone(), l.reference, &filters.statement)).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="filter-theme">"Theme"</label>
                <select class="select" id="filter-theme" name="theme">
                    <option value="">"Every theme"</option>
                    {themes.into_iter().map(|(code, title)| option(code, title, &filters.theme)).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="filter-outcome">"What we did"</label>
                <select class="select" id="filter-outcome" name="outcome">
                    <option value="">"Every outcome"</option>
                    {Outcome::ALL.iter().zip(outcomes).map(|(o, c)| option(o.as_str().to_owned(), c.label, &filters.outcome)).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="filter-knowledge">"Based on"</label>
                <select class="select" id="filter-knowledge" name="knowledge">
                    <option value="">"Every kind of knowledge"</option>
                    {Knowledge::ALL.iter().map(|k| option(k.as_str().to_owned(), k.label().to_owned(), &filters.knowledge)).collect_view()}
                </select>
            </div>
            <div class="button-group">
                <button type="submit" class="button button--secondary">"Show comments"</button>
                {filtered.then(|| view! { <a href=format!("{report_path}#report-comments")>"Show every comment"</a> })}
            </div>
        </form>
    }
}

/// A statement's story in the report: how its text changed from the text consulted on,
/// draft by draft, the comments behind each change, and (`comments`) the ones on this
/// page of the list.
#[component]
fn ReportStory(
    s: crate::api::ReportStatement,
    comments: Vec<crate::api::ReportComment>,
    version: i64,
) -> impl IntoView {
    let reference = s.reference.clone();
    let on_page: Vec<String> = comments.iter().map(|c| c.anchor.clone()).collect();
    let trace_href = format!("{}{}", s.trace_path, text_query(s.shown));
    view! {
        <section class="report-statement" aria-labelledby=format!("report-{}", s.reference)>
            <h2 id=format!("report-{}", s.reference)>{format!("{}: {}", s.reference, s.published_text)}</h2>
            <ReadingNote note=s.reading_note.clone()/>
            <EasyReadPicture picture=s.picture.clone()/>
            <WordsFrom line=s.credit.clone()/>
            <p class="meta">{s.theme_title.clone()}{(!s.values.is_empty()).then(|| format!(" · {}", s.values.join(", ")))}" · "
                <a href=trace_href.clone()>"Why does it say this?"<span class="visually-hidden">{format!(" ({})", s.reference)}</span></a>" · "
                <a href=format!("{}/history", s.statement_path)>"Full history"<span class="visually-hidden">{format!(" of {}", s.reference)}</span></a></p>
            {if s.changes.is_empty() {
                view! { <p>"The text did not change."</p> }.into_any()
            } else {
                view! {
                    <h3 class="heading-s">"How it changed"</h3>
                    <p class="meta">{match s.shown {
                        TextKind::Standard => format!("From the text first consulted on to the text published in version {}.", version),
                        TextKind::EasyRead => format!("From the easy read text first consulted on to the easy read text published in version {}.", version),
                    }}</p>
                    <InlineDiff diff=s.diff.clone()/>
                    <ol class="timeline">
                        {s.steps.iter().map(|step| view! { <ReportStepItem step=step.clone() shown=s.shown trace_href=trace_href.clone() on_page=on_page.clone()/> }).collect_view()}
                    </ol>
                }.into_any()
            }}
            {(!comments.is_empty()).then(|| view! {
                <h3 class="heading-s">"What people said, and what we did"</h3>
                <ol class="comment-list">
                    {comments.into_iter().map(|c| view! { <ReportCommentItem c reference=reference.clone()/> }).collect_view()}
                </ol>
            })}
            {(s.private_comments > 0).then(|| view! {
                <p class="meta">{format!("{} {} shared only with the policy team.", plural(s.private_comments, "more comment", "more comments"), singular_or_plural(s.private_comments, "was", "were"))}</p>
            })}
        </section>
    }
}

/// One public comment as the report shows it: who said it (as they allowed), what they
/// said, what we did and why, and where it landed.
#[component]
fn ReportCommentItem(c: crate::api::ReportComment, reference: String) -> impl IntoView {
    view! {
        <li class="comment" id=c.anchor.clone()>
            <p class="comment__meta"><ByLine by=c.author.clone()/>" · "{c.knowledge.clone()}</p>
            {(c.text_kind == TextKind::EasyRead).then(|| view! { <p class="meta text-kind">"Made on the easy read text."</p> })}
            {c.quote.clone().map(|q| view! { <blockquote class="comment__quote"><span class="visually-hidden">"About the words: "</span>"“"{q}"”"</blockquote> })}
            <p>{c.body.clone()}</p>
            {(c.others_said_the_same > 0).then(|| view! {
                <p class="said-the-same"><strong>{match c.others_said_the_same {
                    1 => "and 1 other person said the same".to_owned(),
                    n => format!("and {} others said the same", crate::model::thousands(n as u64)),
                }}</strong>", and got the same answer."</p>
            })}
            <div class="comment__answer">
                <p class="heading-s">{format!("What we did: {}", c.outcome)}</p>
                <p>{c.reason.clone()}</p>
                {(!c.landed.is_empty()).then(|| view! {
                    <p>"Where it landed: "
                        {c.landed.iter().enumerate().map(|(i, l)| view! {
                            {(i > 0).then_some(", ")}
                            <a href=l.href.clone()>{match c.text_kind {
                                TextKind::Standard => format!("draft {}", l.draft),
                                TextKind::EasyRead => format!("easy read draft {}", l.draft),
                            }}<span class="visually-hidden">{format!(" of {reference}")}</span></a>
                        }).collect_view()}
                    </p>
                })}
            </div>
        </li>
    }
}

/// One draft in a statement's story: what it changed, and the comments behind it (the
/// first few named, each a link to it further down this page when it is listed here,
/// or else on the trace; the rest counted).
#[component]
fn ReportStepItem(
    step: crate::api::ReportStep,
    shown: TextKind,
    trace_href: String,
    on_page: Vec<String>,
) -> impl IntoView {
    let draft = match shown {
        TextKind::Standard => "Draft",
        TextKind::EasyRead => "Easy read draft",
    };
    let private = (step.private_because_of > 0).then(|| {
        format!(
            "{} shared only with the policy team",
            plural(step.private_because_of, "comment", "comments")
        )
    });
    let others = (step.more_because_of > 0).then(|| {
        format!(
            "{} more",
            plural(step.more_because_of, "comment", "comments")
        )
    });
    view! {
        <li class="timeline__item">
            <h4 class="heading-s">{format!("{draft} {}", step.draft)}<span class="meta">{format!(" · {}", step.date)}</span></h4>
            {if step.changes.is_empty() {
                view! { <p>"No change to the words."</p> }.into_any()
            } else {
                view! { <ul class="change-list">{step.changes.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul> }.into_any()
            }}
            {(!step.note.is_empty()).then(|| view! { <p><strong>"Why: "</strong>{step.note.clone()}</p> })}
            {if step.because_of.is_empty() && private.is_none() {
                view! { <p class="meta">"No comment is linked to this draft."</p> }.into_any()
            } else {
                view! {
                    <p>"Because of: "
                        {step.because_of.iter().enumerate().map(|(i, c)| view! {
                            {(i > 0).then_some(", ")}
                            <a href=if on_page.contains(&c.anchor) { format!("#{}", c.anchor) } else { format!("{trace_href}#{}", c.anchor) }>{format!("the comment by {}", c.author)}</a>
                        }).collect_view()}
                        {others.map(|o| view! { ", "{o} })}
                        {private.map(|p| view! { {(!step.because_of.is_empty()).then_some(", and ")}{p} })}
                    </p>
                }.into_any()
            }}
        </li>
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let params = version_params();
    let data = Resource::new(
        move || params.get(),
        |(slug, version)| get_publication_outbox(slug, version),
    );
    let retried = use_query_map().read_untracked().get("retried").is_some();
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(data.await, move |o| {
                    let done = o.sent + o.failed;
                    let percent = if o.total == 0 { 100 } else { done * 100 / o.total };
                    view! {
                        <Title text=format!("Emails for version {}", o.header.version)/>
                        <PublicationBreadcrumbs header=o.header.clone() with_version=true/>
                        {retried.then(|| view! { <div class="notice" role="status"><p>"Failed emails will be tried again."</p></div> })}
                        <h1>"Emails to contributors"</h1>
                        <p>
                            <label for="progress">{format!("{} of {} sent", o.sent, plural(o.total, "email", "emails"))}</label>
                            <progress id="progress" max=o.total.max(1).to_string() value=o.sent.to_string()>{format!("{percent}%")}</progress>
                        </p>
                        <dl class="summary-list">
                            <div><dt>"Waiting to send"</dt><dd>{o.queued}</dd></div>
                            <div><dt>"Sent"</dt><dd>{o.sent}</dd></div>
                            <div><dt>"Being retried"</dt><dd>{o.retrying}</dd></div>
                            <div><dt>"Failed"</dt><dd>{o.failed}</dd></div>
                        </dl>
                        {(o.failed > 0).then(|| view! {
                            <form method="post" action=format!("{}/outbox", o.header.path())>
                                <button type="submit" class="button button--secondary">"Try the failed emails again"</button>
                            </form>
                        })}
                        <p><a href=format!("{}/outbox", o.header.path())>"Refresh"</a></p>
                    }
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn TracePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("slug").unwrap_or_default(),
                p.get("version").and_then(|v| v.parse().ok()).unwrap_or(-1),
                p.get("reference").unwrap_or_default(),
                query.read().get("text"),
                query
                    .read()
                    .get("draft")
                    .and_then(|d| d.parse::<usize>().ok()),
                query.read().get(PageRequest::PARAM),
            )
        },
        |(slug, version, reference, text, draft, page)| {
            crate::api::get_trace(slug, version, reference, text, draft, page)
        },
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(data.await, move |t| {
                    let draft = match t.shown {
                        TextKind::Standard => "draft",
                        TextKind::EasyRead => "easy read draft",
                    };
                    let trace_path = format!("{}/statements/{}/trace", t.header.path(), t.reference);
                    // The text traced stays in the links to a draft's comments.
                    let text_param = match t.shown {
                        TextKind::Standard => "",
                        TextKind::EasyRead => "easy-read",
                    };
                    view! {
                    <Title text=format!("Why {} says this", t.reference)/>
                    <PublicationBreadcrumbs header=t.header.clone() with_version=true/>
                    <span class="caption">{format!("{}, version {}", t.reference, t.header.version)}</span>
                    <h1>{match t.shown {
                        TextKind::Standard => "Why does it say this?",
                        TextKind::EasyRead => "Why does the easy read text say this?",
                    }}</h1>
                    <ReadingSwitch reading=t.reading/>
                    <ReadingNote note=t.reading_note.clone()/>
                    <EasyReadPicture picture=t.picture.clone()/>
                    {t.has_easy_read.then(|| {
                        let trace = format!("{}/statements/{}/trace", t.header.path(), t.reference);
                        match t.shown {
                            TextKind::Standard => view! { <p><a href=format!("{trace}?text=easy-read")>"Trace the easy read text"</a></p> },
                            TextKind::EasyRead => view! { <p><a href=format!("{trace}?text=standard")>"Trace the standard text"</a></p> },
                        }
                    })}
                    <p class="statement-quote">
                        {t.spans.into_iter().map(|s| match s.draft {
                            None => view! { <span>{s.text}</span> }.into_any(),
                            Some(n) => view! {
                                <a class="trace-span" href=format!("#draft-{n}") target="_self">
                                    {s.text}<span class="visually-hidden">{format!(" (changed in {draft} {n})")}</span>
                                </a>
                            }.into_any(),
                        }).collect_view()}
                    </p>
                    <WordsFrom line=t.credit.clone()/>
                    {t.began_as.clone().map(|origin| view! { <p class="trace-origin"><ProposalOriginLink origin/></p> })}
                    <p class="hint">"Linked words were changed after the first draft. Follow a link to see who asked for the change and why."</p>
                    {if t.steps.is_empty() {
                        view! { <p>"This statement has not changed since its first draft."</p> }.into_any()
                    } else {
                        view! {
                            <ol class="timeline">
                                {t.steps.into_iter().map(|step| view! {
                                    <li class="timeline__item" id=format!("draft-{}", step.draft)>
                                        <h2 class="heading-m">{match t.shown {
                                            TextKind::Standard => format!("Draft {}", step.draft),
                                            TextKind::EasyRead => format!("Easy read draft {}", step.draft),
                                        }}</h2>
                                        <p class="meta">{format!("{} by {}", step.date, step.author)}</p>
                                        {(!step.note.is_empty()).then(|| view! { <p><strong>"Why: "</strong>{step.note.clone()}</p> })}
                                        {step.from_proposals.into_iter().map(|origin| view! { <p class="trace-origin"><ProposalOriginLink origin/></p> }).collect_view()}
                                        {(!step.introduced.is_empty()).then(|| view! {
                                            <p>"It brought in: "{step.introduced.iter().map(|p| format!("“{p}”")).collect::<Vec<_>>().join(", ")}</p>
                                        })}
                                        {
                                            let listed = step.comments.listed.clone();
                                            let private = (step.comments.private > 0).then(|| format!(
                                                "{} shared only with the policy team {} also acted on here.",
                                                plural(step.comments.private, "comment", "comments"),
                                                singular_or_plural(step.comments.private, "was", "were"),
                                            ));
                                            let query = ListQuery::new().with("text", text_param).with("draft", step.draft.to_string());
                                            let more = (!step.comments.all_listed && listed.total > listed.items.len() as u64).then(|| view! {
                                                <p><a href=format!("{}#draft-{}", query.href(&trace_path, 1), step.draft)>
                                                    {format!("See all {} comments acted on in {draft} {}", thousands(listed.total), step.draft)}
                                                </a></p>
                                            });
                                            let pager = step.comments.all_listed.then(|| view! {
                                                <Pager paged=listed.clone() path=trace_path.clone() query=query.clone() label=format!("Pages of comments acted on in {draft} {}", step.draft) fragment=format!("#draft-{}", step.draft)/>
                                            });
                                        if listed.items.is_empty() {
                                            view! {
                                                <p>"No public comment is linked to this draft."</p>
                                                {private.map(|p| view! { <p class="meta">{p}</p> })}
                                            }.into_any()
                                        } else {
                                            view! {
                                                <h3 class="heading-s">"Comments acted on in this draft"</h3>
                                                {(listed.total > 1).then(|| view! { <p class="meta">{listed.showing("comment", "comments")}</p> })}
                                                <ul class="comment-list">
                                                    {listed.items.clone().into_iter().map(|c| view! {
                                                        <li class="comment" id=c.anchor>
                                                            <p class="comment__meta"><ByLine by=c.author/>" · "{c.knowledge}</p>
                                                            {(c.text_kind == TextKind::EasyRead).then(|| view! { <p class="meta text-kind">"Made on the easy read text."</p> })}
                                                            <p>{c.body}</p>
                                                            <p><strong>{format!("{}: ", c.outcome)}</strong>{c.reason}</p>
                                                        </li>
                                                    }).collect_view()}
                                                </ul>
                                                {more}
                                                {pager}
                                                {private.map(|p| view! { <p class="meta">{p}</p> })}
                                            }.into_any()
                                        }}
                                    </li>
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                    }
                })
            })}
        </Suspense>
    }
}

/// Where a statement or a draft came from: a proposal, linked when the public may open it.
#[component]
fn ProposalOriginLink(origin: crate::model::ProposalOrigin) -> impl IntoView {
    match origin.href {
        Some(href) => view! { <a href=href>{origin.text}</a> }.into_any(),
        None => view! { <span>{origin.text}</span> }.into_any(),
    }
}

/// The report's totals by value: a table with a header for each column and row, so a
/// screen reader names both for every number; it scrolls sideways on a narrow screen.
#[component]
fn ReportByValue(totals: crate::api::ValueTotals, path: String) -> impl IntoView {
    let changed = format!("Changed since {}", totals.changed_since);
    view! {
        <section aria-labelledby="by-value-heading">
            <h2 id="by-value-heading" class="heading-m">"By value"</h2>
            <p>"A statement about more than one value counts under each, so the values can add up to more than all statements together."</p>
            <div class="table-wrap" role="region" aria-labelledby="by-value-caption" tabindex="0">
                <table class="table">
                    <caption id="by-value-caption" class="visually-hidden">"Statements, changes and comments by value"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Value"</th>
                            <th scope="col">"Statements"</th>
                            <th scope="col">{changed}</th>
                            <th scope="col">"Comments"</th>
                            <th scope="col">"Incorporated"</th>
                            <th scope="col">"Partly incorporated"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {totals.values.iter().chain([&totals.all]).map(|line| view! {
                            <tr>
                                <th scope="row">{line.title.clone()}</th>
                                <td>{line.statements}</td>
                                <td>{line.changed}</td>
                                <td>{line.comments}</td>
                                <td>{line.incorporated}</td>
                                <td>{line.partly}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p>"Download: "<a href=format!("{path}/report-by-value.csv") rel="external">"totals by value (CSV)"</a></p>
        </section>
    }
}
