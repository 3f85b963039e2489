//! Proposals for new statements: the list, the form to propose one (with the
//! plain-language checker, live or on a button), and each proposal's page with its
//! backing, comments and, for editors, the decision.

use crate::{
    api::{get_my_proposals, get_proposal, get_proposals, get_propose_form},
    components::{
        error_summary::ErrorSummary,
        fields::TextArea,
        live_text::{CheckedField, CheckedText},
        loaded, loading,
        value_choices::{ValueChoices, ticked_values},
    },
    domain::{
        drafting::{Knowledge, Visibility},
        plural,
        proposals::Status,
        singular_or_plural,
    },
    form::{FormFeedback, use_form_feedback},
    model::{
        ACTION, Missing, PROPOSAL_DECISION, PROPOSAL_PAGE_FORM, PROPOSE_FORM, ProposalAction,
        ProposalInput, ProposalPageInput, ProposalSummary, ProposalView, ProposeAction,
        RoundStatus, ValueFieldNames,
    },
    pages::comment::RadioGroup,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn slug_param() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("slug").unwrap_or_default())
}

fn saved_message() -> Option<&'static str> {
    use_query_map()
        .read_untracked()
        .get("saved")
        .and_then(|code| crate::model::Saved::parse(&code))
        .map(|saved| saved.message())
}

#[component]
fn Breadcrumbs(
    slug: String,
    title: String,
    #[prop(default = false)] to_list: bool,
) -> impl IntoView {
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><a href="/">"Frameworks"</a></li>
                <li><a href=format!("/frameworks/{slug}")>{title}</a></li>
                {to_list.then(|| view! { <li><a href=format!("/frameworks/{slug}/proposals")>"Proposals"</a></li> })}
            </ol>
        </nav>
    }
}

/// "Waiting for a decision · 3 people say this is true for them too".
fn status_line(p: &ProposalSummary) -> String {
    format!(
        "{} · {} {} this is true for them too",
        p.status.label(),
        plural(p.backings, "person", "people"),
        singular_or_plural(p.backings, "says", "say"),
    )
}

#[component]
pub fn ProposalsPage() -> impl IntoView {
    let slug = slug_param();
    let query = leptos_router::hooks::use_query_map();
    let data = Resource::new(
        move || {
            (
                slug.get(),
                query.read().get(crate::model::PageRequest::PARAM),
            )
        },
        |(slug, page)| get_proposals(slug, page),
    );
    let saved = saved_message();
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(data.await, move |d| view! {
                    <Title text=format!("Proposals: {}", d.framework_title)/>
                    <Breadcrumbs slug=d.framework_slug.clone() title=d.framework_title.clone()/>
                    {saved.map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })}
                    <h1>"Proposed statements"</h1>
                    <p class="lead">"New I statements people have proposed, in their own words."</p>
                    {if d.round_open {
                        view! { <p><a class="button" href=format!("/frameworks/{}/propose", d.framework_slug)>"Propose a new statement"</a></p> }.into_any()
                    } else {
                        view! { <p>"New statements can be proposed while a consultation round is open."</p> }.into_any()
                    }}
                    {if d.proposals.items.is_empty() {
                        view! { <p>"No statements have been proposed yet."</p> }.into_any()
                    } else {
                        let path = format!("/frameworks/{}/proposals", d.framework_slug);
                        view! {
                            <h2 id="proposals" class="visually-hidden">"Proposals"</h2>
                            {(d.proposals.pages() > 1).then(|| view! { <p class="meta">{d.proposals.showing("proposal", "proposals")}</p> })}
                            <ul class="plain-list">
                                {d.proposals.items.iter().map(|p| view! {
                                    <li class="card">
                                        <p class="caption">{format!("{}: {}", p.theme.code, p.theme.title)}</p>
                                        <p class="statement-quote"><a href=p.href.clone()>{p.body.clone()}</a></p>
                                        <p class="meta">{status_line(p)}</p>
                                        {p.proposer.clone().map(|who| view! { <p class="meta">{format!("Proposed by {who}")}</p> })}
                                        {p.statement.clone().map(|s| view! { <p><a href=s.href>{format!("Now statement {}", s.reference)}</a></p> })}
                                    </li>
                                }).collect_view()}
                            </ul>
                            <crate::components::pager::Pager paged=d.proposals.clone() path query=crate::model::ListQuery::new() label="Pages of proposals".to_owned() fragment="#proposals"/>
                        }.into_any()
                    }}
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn ProposePage() -> impl IntoView {
    let slug = slug_param();
    let query = use_query_map();
    let data = Resource::new(
        move || (slug.get(), query.read().get("theme")),
        |(slug, theme)| get_propose_form(slug, theme),
    );
    let feedback = use_form_feedback(PROPOSE_FORM);
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                Suspend::new(async move {
                    loaded(data.await, move |d| {
                        let value = |n: &str, fallback: String| feedback.as_ref().and_then(|f| f.value(n)).unwrap_or(fallback);
                        let error = |n: &str| feedback.as_ref().and_then(|f| f.error_for(n));
                        let has_errors = feedback.as_ref().is_some_and(|f| !f.errors.is_empty());
                        let theme = value(ProposalInput::THEME, d.chosen_theme.clone());
                        let on_behalf_of = value(ProposalInput::ON_BEHALF_OF, String::new());
                        let theme_wrong = error(ProposalInput::THEME).is_some();
                        view! {
                            <Title text=format!("{}Propose a new statement: {}", if has_errors { "Error: " } else { "" }, d.framework_title)/>
                            <Breadcrumbs slug=d.framework_slug.clone() title=d.framework_title.clone() to_list=true/>
                            <ErrorSummary feedback=feedback.clone()/>
                            <h1>"Propose a new statement"</h1>
                            <p class="lead">"Say in your own words something that matters to you and is missing. Editors read every proposal and tell you what they decided, and why."</p>
                            {match &d.open_round {
                                Some(round) => view! { <p>{format!("Proposals are open in {round}.")}</p> }.into_any(),
                                None => view! { <div class="inset" role="note"><p>"No consultation round is open now, so proposals cannot be saved. You can still write and check your words."</p></div> }.into_any(),
                            }}
                            <form method="post" action=format!("/frameworks/{}/propose", d.framework_slug) novalidate class="narrow">
                                <input type="hidden" name=ProposalInput::SUBMISSION_KEY value=value(ProposalInput::SUBMISSION_KEY, d.submission_key.clone())/>
                                <div class="form-group" class:form-group--error=theme_wrong>
                                    <label class="label label--m" for=ProposalInput::THEME>"Theme"</label>
                                    {error(ProposalInput::THEME).map(|m| view! { <p class="error-message" id="theme-error"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                                    <select class="select" id=ProposalInput::THEME name=ProposalInput::THEME
                                        aria-invalid=theme_wrong.then_some("true") aria-describedby=theme_wrong.then_some("theme-error")>
                                        <option value="" selected=theme.is_empty()>"Choose a theme"</option>
                                        {d.themes.iter().map(|t| view! {
                                            <option value=t.code.clone() selected=theme == t.code>{format!("{}: {}", t.code, t.title)}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <CheckedText field=CheckedField::NewStatement initial=value(ProposalInput::BODY, String::new()) jargon=d.jargon.clone() error=error(ProposalInput::BODY)/>
                                <button type="submit" class="button button--secondary button--small" name=ACTION value=ProposeAction::Check.as_str()>"Check my words"</button>
                                <TextArea name=ProposalInput::WHY label="Why it matters to you (optional)" hint="This helps editors understand it." value=value(ProposalInput::WHY, String::new()) error=error(ProposalInput::WHY)/>
                                <RadioGroup name=ProposalInput::KNOWLEDGE legend="What is your proposal based on?" selected=value(ProposalInput::KNOWLEDGE, String::new()) error=error(ProposalInput::KNOWLEDGE)
                                    options=Knowledge::ALL.iter().map(|k| (k.as_str(), k.label(), Some(k.hint()))).collect()/>
                                <RadioGroup name=ProposalInput::VISIBILITY legend="How may we show who proposed it?" selected=value(ProposalInput::VISIBILITY, String::new()) error=error(ProposalInput::VISIBILITY)
                                    options=Visibility::ALL.iter().map(|v| (v.as_str(), v.label(), None)).collect()/>
                                {(!d.organisations.is_empty()).then(|| {
                                    let wrong = error(ProposalInput::ON_BEHALF_OF).is_some();
                                    view! {
                                        <div class="form-group" class:form-group--error=wrong>
                                            <label class="label" for=ProposalInput::ON_BEHALF_OF>"Who are you proposing it for?"</label>
                                            {error(ProposalInput::ON_BEHALF_OF).map(|m| view! { <p class="error-message" id="on_behalf_of-error"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                                            <select class="select" id=ProposalInput::ON_BEHALF_OF name=ProposalInput::ON_BEHALF_OF
                                                aria-invalid=wrong.then_some("true") aria-describedby=wrong.then_some("on_behalf_of-error")>
                                                <option value="" selected=on_behalf_of.is_empty()>"Myself"</option>
                                                {d.organisations.iter().map(|o| view! {
                                                    <option value=o.id.to_string() selected=on_behalf_of == o.id.to_string()>{o.name.clone()}</option>
                                                }).collect_view()}
                                            </select>
                                        </div>
                                    }
                                })}
                                <button type="submit" class="button" name=ACTION value=ProposeAction::Send.as_str()>"Send proposal"</button>
                            </form>
                        }
                    })
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn ProposalPage() -> impl IntoView {
    let slug = slug_param();
    let params = use_params_map();
    let data = Resource::new(
        move || {
            (
                slug.get(),
                params
                    .read()
                    .get("id")
                    .and_then(|v| v.parse::<i64>().ok())
                    .unwrap_or(-1),
            )
        },
        |(slug, id)| get_proposal(slug, id),
    );
    let feedback = use_form_feedback(PROPOSAL_PAGE_FORM);
    let saved = saved_message();
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                Suspend::new(async move { loaded(data.await, move |d| view! { <OneProposal d feedback saved/> }) })
            }}
        </Suspense>
    }
}

fn action_button(
    action: ProposalAction,
    label: &'static str,
    class: &'static str,
) -> impl IntoView {
    view! { <button type="submit" class=class name=ACTION value=action.as_str()>{label}</button> }
}

#[component]
fn OneProposal(
    d: ProposalView,
    feedback: Option<FormFeedback>,
    saved: Option<&'static str>,
) -> impl IntoView {
    let p = d.summary.clone();
    let action = p.href.clone();
    let value = |n: &str, fallback: String| {
        feedback
            .as_ref()
            .and_then(|f| f.value(n))
            .unwrap_or(fallback)
    };
    let error = |n: &str| feedback.as_ref().and_then(|f| f.error_for(n));
    let has_errors = feedback.as_ref().is_some_and(|f| !f.errors.is_empty());
    if d.withdrawn {
        return view! {
            <Title text=format!("Withdrawn proposal: {}", d.framework_title)/>
            <Breadcrumbs slug=d.framework_slug.clone() title=d.framework_title.clone() to_list=true/>
            <ErrorSummary feedback=feedback.clone()/>
            {saved.map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })}
            <span class="caption">{format!("Proposed under {}: {}", p.theme.code, p.theme.title)}</span>
            <h1>"Proposed statement"</h1>
            <p class="lead" id=PROPOSAL_DECISION tabindex="-1">"Withdrawn by the person who proposed it."</p>
            <p><a href=format!("/frameworks/{}/proposals", d.framework_slug)>"Read the statements people have proposed"</a></p>
        }
        .into_any();
    }
    let open = p.status == Status::Open;
    let can_back = d.signed_in && !d.own && open;
    view! {
        <Title text=format!("{}Proposal under {}: {}", if has_errors { "Error: " } else { "" }, p.theme.code, d.framework_title)/>
        <Breadcrumbs slug=d.framework_slug.clone() title=d.framework_title.clone() to_list=true/>
        <ErrorSummary feedback=feedback.clone()/>
        {saved.map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })}
        <span class="caption">{format!("Proposed under {}: {}", p.theme.code, p.theme.title)}</span>
        <h1>"Proposed statement"</h1>
        <p class="statement-quote">{p.body.clone()}</p>
        <p class="meta">{match &p.proposer {
            Some(who) => format!("Proposed by {who} on {}", d.date),
            None => format!("Proposed on {}. Only the policy team can see who proposed it.", d.date),
        }}</p>
        {(!d.why.is_empty()).then(|| view! { <h2 class="heading-m">"Why it matters"</h2><p class="pre-line">{d.why.clone()}</p> })}
        <h2 class="heading-m" id=PROPOSAL_DECISION tabindex="-1">"Decision"</h2>
        <p><strong>{p.status.label()}</strong></p>
        {p.reason.clone().map(|r| view! { <p class="pre-line">{r}</p> })}
        {p.statement.clone().map(|s| view! { <p><a href=s.href>{format!("Read statement {}", s.reference)}</a></p> })}
        <h2 class="heading-m">"This is true for me too"</h2>
        <p>{status_line(&p)}</p>
        {can_back.then(|| view! {
            <form method="post" action=action.clone()>
                {if d.backed {
                    action_button(ProposalAction::TakeBack, "I no longer back this", "button button--secondary").into_any()
                } else {
                    action_button(ProposalAction::Back, "This is true for me too", "button").into_any()
                }}
            </form>
        })}
        {d.can_withdraw.then(|| view! {
            <h2 class="heading-m">"Withdraw your proposal"</h2>
            <p>"While it waits for a decision you can take it back. It will no longer be listed, decided or published."</p>
            <form method="post" action=action.clone()>
                {action_button(ProposalAction::Withdraw, "Withdraw my proposal", "button button--warning")}
            </form>
        })}
        <h2 class="heading-m" id="comments">"Comments"</h2>
        {if d.comments.is_empty() {
            view! { <p>"No comments yet."</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list">
                    {d.comments.iter().map(|c| view! {
                        <li class="card" id=format!("proposal-comment-{}", c.id)>
                            <p class="pre-line">{c.body.clone()}</p>
                            <p class="meta">{format!("{}, {}", c.author.clone().unwrap_or_else(|| "Seen by the policy team only".into()), c.date)}</p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(d.signed_in && open).then(|| view! {
            <form method="post" action=action.clone() novalidate class="narrow">
                <input type="hidden" name=ProposalPageInput::COMMENT_KEY value=d.comment_key.clone()/>
                <TextArea name=ProposalPageInput::COMMENT_BODY label="Your comment" value=value(ProposalPageInput::COMMENT_BODY, String::new()) error=error(ProposalPageInput::COMMENT_BODY)/>
                <RadioGroup name=ProposalPageInput::COMMENT_KNOWLEDGE legend="What is your comment based on?" selected=value(ProposalPageInput::COMMENT_KNOWLEDGE, String::new()) error=error(ProposalPageInput::COMMENT_KNOWLEDGE)
                    options=Knowledge::ALL.iter().map(|k| (k.as_str(), k.label(), None)).collect()/>
                <RadioGroup name=ProposalPageInput::COMMENT_VISIBILITY legend="How may we show your comment?" selected=value(ProposalPageInput::COMMENT_VISIBILITY, String::new()) error=error(ProposalPageInput::COMMENT_VISIBILITY)
                    options=Visibility::ALL.iter().map(|v| (v.as_str(), v.label(), None)).collect()/>
                {action_button(ProposalAction::Comment, "Send comment", "button")}
            </form>
        })}
        {(!d.signed_in).then(|| view! { <p><a href="/sign-in">"Sign in"</a>" to back this proposal or comment on it."</p> })}
        {d.decide.clone().map(|choices| {
            let reason = value(ProposalPageInput::REASON, String::new());
            let theme = value(ProposalPageInput::ADOPT_THEME, p.theme.code.clone());
            let into = value(ProposalPageInput::MERGE_INTO, String::new());
            let wording = value(ProposalPageInput::WORDING, choices.statements.iter().find(|(r, _)| *r == into).map(|(_, t)| t.clone()).unwrap_or_else(|| p.body.clone()));
            let ticked = ticked_values(&choices.values, feedback.as_ref(), &[]);
            let into_wrong = error(ProposalPageInput::MERGE_INTO).is_some();
            view! {
                <h2 class="heading-l" id="decide">"Decide"</h2>
                <p>"Every decision needs a reason in plain words: the person who proposed it reads it."</p>
                <form method="post" action=action.clone() novalidate class="narrow">
                    <TextArea name=ProposalPageInput::REASON label="Reason for your decision" hint="For example: 'Many people said this, and no statement covered it.'" value=reason error=error(ProposalPageInput::REASON)/>
                    <h3 class="heading-m">"Adopt it as a new statement"</h3>
                    <p>"Its first draft will be the proposer's words, with a note saying it was proposed by them."</p>
                    <div class="form-group">
                        <label class="label" for=ProposalPageInput::ADOPT_THEME>"Theme of the new statement"</label>
                        <select class="select" id=ProposalPageInput::ADOPT_THEME name=ProposalPageInput::ADOPT_THEME>
                            {choices.themes.iter().map(|t| view! {
                                <option value=t.code.clone() selected=theme == t.code>{format!("{}: {}", t.code, t.title)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <ValueChoices values=choices.values.clone() ticked error=error(ValueFieldNames::CHOSEN)/>
                    {action_button(ProposalAction::Adopt, "Adopt as a new statement", "button")}
                    <h3 class="heading-m">"Or merge it into a statement"</h3>
                    <div class="form-group" class:form-group--error=into_wrong>
                        <label class="label" for=ProposalPageInput::MERGE_INTO>"Statement to merge it into"</label>
                        {error(ProposalPageInput::MERGE_INTO).map(|m| view! { <p class="error-message" id="merge_into-error"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                        <select class="select" id=ProposalPageInput::MERGE_INTO name=ProposalPageInput::MERGE_INTO
                            aria-invalid=into_wrong.then_some("true") aria-describedby=into_wrong.then_some("merge_into-error")>
                            <option value="" selected=into.is_empty()>"Choose a statement"</option>
                            {choices.statements.iter().map(|(r, t)| view! {
                                <option value=r.clone() selected=into == *r>{format!("{r}: {t}")}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <TextArea name=ProposalPageInput::WORDING label="Its new wording" hint="Start from the statement's current text and take in the proposal." rows=3 value=wording error=error(ProposalPageInput::WORDING)/>
                    {action_button(ProposalAction::Merge, "Merge into this statement", "button button--secondary")}
                    <h3 class="heading-m">"Or decline it"</h3>
                    {action_button(ProposalAction::Decline, "Decline this proposal", "button button--warning")}
                </form>
            }
        })}
    }
    .into_any()
}

/// On the publish page: the proposals that still need a decision, each linked, which
/// stop publishing as unanswered comments do.
#[component]
pub fn UndecidedProposals(proposals: Vec<Missing>) -> impl IntoView {
    view! {
        <crate::components::missing::MissingList id="undecided-heading" items=proposals
            noun=("proposal", "proposals") needs="a decision"
            lead="Everyone who proposed a statement is owed a decision before you can publish."/>
    }
}

/// On the framework page: its proposals, counted, and (while a round is open) the way to
/// propose one.
#[component]
pub fn ProposalsLink(slug: String, count: usize, round: RoundStatus) -> impl IntoView {
    let open = matches!(round, RoundStatus::Open { .. });
    view! {
        <ul class="action-list">
            <li><a href=format!("/frameworks/{slug}/proposals")>{format!("Proposed statements ({count})")}</a></li>
            {open.then(|| view! { <li><a href=format!("/frameworks/{slug}/propose")>"Propose a new statement"</a></li> })}
        </ul>
    }
}

/// Under a theme's heading while a round is open: propose a statement for that theme.
#[component]
pub fn ProposeUnderTheme(
    slug: String,
    code: String,
    title: String,
    round: RoundStatus,
) -> impl IntoView {
    matches!(round, RoundStatus::Open { .. }).then(|| view! {
        <p><a href=format!("/frameworks/{slug}/propose?theme={code}")>
            "Propose a new statement"<span class="visually-hidden">{format!(" for {title}")}</span>
        </a></p>
    })
}

/// On "What you said": the person's own proposals and what was decided on each.
#[component]
pub fn MyProposals() -> impl IntoView {
    let mine = Resource::new(|| (), |_| get_my_proposals());
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(mine.await, |list| (!list.is_empty()).then(|| view! {
                    <h2 class="heading-m">"Statements you proposed"</h2>
                    <ol class="comment-list">
                        {list.into_iter().map(|p| view! {
                            <li class="comment">
                                <p class="comment__meta">{format!("Under {}: {}", p.theme.code, p.theme.title)}</p>
                                <p class="statement-quote"><a href=p.href.clone()>{p.body.clone()}</a></p>
                                <div class="comment__answer">
                                    <p class="heading-s">{format!("What happened: {}", p.status.label())}</p>
                                    {p.reason.clone().map(|r| view! { <p>{r}</p> })}
                                    {p.statement.clone().map(|s| view! { <p><a href=s.href>{format!("Read {}", s.reference)}</a></p> })}
                                </div>
                            </li>
                        }).collect_view()}
                    </ol>
                    <h2 class="heading-m">"Your comments"</h2>
                }))
            })}
        </Suspense>
    }
}

/// In a version's report: what became of each proposal its rounds decided.
#[component]
pub fn ReportProposalsSection(proposals: crate::model::ReportProposals) -> impl IntoView {
    let any = !proposals.shown.is_empty() || proposals.policy_team_only > 0;
    any.then(|| view! {
        <section aria-labelledby="proposals-heading">
            <h2 id="proposals-heading" class="heading-m">"Proposed statements"</h2>
            <ul class="plain-list">
                {proposals.shown.into_iter().map(|p| view! {
                    <li class="card">
                        <p class="statement-quote">{p.body.clone()}</p>
                        <p class="meta">{format!("{} · under {}: {}", p.proposer.clone().unwrap_or_default(), p.theme.code, p.theme.title)}</p>
                        <p><strong>{p.status.label()}</strong></p>
                        {p.reason.clone().map(|r| view! { <p class="pre-line">{r}</p> })}
                        {p.statement.clone().map(|s| view! { <p><a href=s.href>{format!("Statement {}", s.reference)}</a></p> })}
                    </li>
                }).collect_view()}
            </ul>
            {(proposals.policy_team_only > 0).then(|| view! {
                <p>{format!("{} only for the policy team to see.", plural(proposals.policy_team_only, "proposal was", "proposals were"))}</p>
            })}
        </section>
    })
}
