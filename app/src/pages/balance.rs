//! Whose knowledge a round has heard: the round's own page, and the short versions on the
//! framework page (the open round) and on each statement's page.

use crate::{
    api::{get_open_round_balance, get_round_balance, get_statement_balance},
    components::{
        balance::{BalanceFigure, BalanceTable, UnderHeardNotice},
        loaded, loading,
    },
    domain::{balance::Standing, plural},
    model::{BalanceInRound, RoundPhase},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn phase_words(phase: &RoundPhase) -> String {
    match phase {
        RoundPhase::Upcoming { opens_label } => format!("Opens on {opens_label}"),
        RoundPhase::Open { closes_label } => format!("Open now, until {closes_label}"),
        RoundPhase::Closed { closed_label } => format!("Closed on {closed_label}"),
    }
}

/// `/frameworks/:slug/rounds/:id`: the round, its balance as a whole, by theme and by
/// statement, and the under-heard notice when lived experience is below the target.
#[component]
pub fn RoundBalancePage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("slug").unwrap_or_default(),
                p.get("id")
                    .and_then(|i| i.parse::<i64>().ok())
                    .unwrap_or(-1),
            )
        },
        |(slug, id)| get_round_balance(slug, id),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(data.await, |r| {
                    let framework_path = format!("/frameworks/{}", r.framework_slug);
                    let target = r.overall.target_percent;
                    let caption = format!("Comments in {} by kind of knowledge", r.round_title);
                    view! {
                        <Title text=format!("Whose knowledge we have heard: {}", r.round_title)/>
                        <nav class="breadcrumbs" aria-label="Breadcrumb">
                            <ol>
                                <li><a href="/">"Frameworks"</a></li>
                                <li><a href=framework_path.clone()>{r.framework_title.clone()}</a></li>
                                <li><a href=format!("{framework_path}/rounds")>"Consultation rounds"</a></li>
                            </ol>
                        </nav>
                        <p class="caption">{r.round_title.clone()}</p>
                        <h1>"Whose knowledge we have heard"</h1>
                        <p class="meta">{format!("{}. {}.", phase_words(&r.phase), r.dates)}</p>
                        <p class="lead">
                            "Every kind of knowledge is valued: lived experience, practice knowledge, research and organisations' positions. "
                            "These are counts of the comments made in this round, by the kind of knowledge each person said their comment draws on. No names are shown."
                        </p>
                        <UnderHeardNotice balance=r.overall.clone() phase=r.phase.clone() can_edit=r.can_edit framework_slug=r.framework_slug.clone()/>
                        {r.can_edit.then(|| view! {
                            <p><a href=format!("{}/comments", r.path())>"Answer comments"<span class="visually-hidden">{format!(" in {}", r.round_title)}</span></a></p>
                        })}
                        <h2>"The whole round"</h2>
                        <p>{match r.overall.standing {
                            Standing::NoComments => "Nobody has commented in this round yet.".to_owned(),
                            Standing::UnderHeard => format!("{} so far. Lived experience is below the target of {target}%.", plural(r.overall.total, "comment", "comments")),
                            Standing::OnTarget => format!("{} so far. Lived experience is at or above the target of {target}%.", plural(r.overall.total, "comment", "comments")),
                        }}</p>
                        <BalanceFigure balance=r.overall.clone() caption id="round-balance"/>
                        <h2>"By theme"</h2>
                        <BalanceTable
                            rows=r.themes.clone()
                            target
                            caption=format!("Comments in each theme by kind of knowledge, with counts and shares")
                            row_header="Theme"
                            id="theme-balance"
                            chart=true
                        />
                        <h2>"By statement"</h2>
                        <BalanceTable
                            rows=r.statements.clone()
                            target
                            caption=format!("Comments on each statement by kind of knowledge, with counts and shares")
                            row_header="Statement"
                            id="statement-balance"
                        />
                    }
                })
            })}
        </Suspense>
    }
}

/// On a statement's page: its balance in the open round, or else the latest one.
#[component]
pub fn StatementBalance(slug: String, reference: String) -> impl IntoView {
    let data = Resource::new(
        move || (slug.clone(), reference.clone()),
        |(slug, reference)| get_statement_balance(slug, reference),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                    loaded(data.await, move |found: Option<BalanceInRound>| {
                        found.map(|b| {
                            let target = b.balance.target_percent;
                            let flag = match b.balance.standing {
                                Standing::UnderHeard => Some(format!("Under-heard: lived experience is below the target of {target}% for this statement.")),
                                _ => None,
                            };
                            let open = matches!(b.phase, RoundPhase::Open { .. });
                            view! {
                                <section class="statement-balance" aria-labelledby="statement-balance-heading">
                                    <h2 id="statement-balance-heading">"Whose knowledge we have heard"</h2>
                                    <p class="meta">{format!("In {}. {}.", b.round_title, phase_words(&b.phase))}</p>
                                    {flag.map(|f| view! { <p><strong class="balance-flag">{f}</strong></p> })}
                                    {(open && b.balance.is_under_heard() && !b.can_edit).then(|| view! {
                                        <p>"We have heard less from people with lived experience than we want to. If you draw on care and support, please tell us what you think."</p>
                                    })}
                                    <BalanceFigure balance=b.balance.clone() caption=format!("Comments on this statement in {} by kind of knowledge", b.round_title) id="statement-balance"/>
                                    <p><a href=b.round_href.clone()>"See the balance for the whole round"</a></p>
                                </section>
                            }
                        })
                    })
            })}
        </Suspense>
    }
}

/// On the framework page, while a round is open: a line on whose knowledge it has heard
/// so far, and the under-heard notice when lived experience is below the target.
#[component]
pub fn OpenRoundBalance(slug: String) -> impl IntoView {
    let slug_for_notice = slug.clone();
    let data = Resource::new(move || slug.clone(), get_open_round_balance);
    view! {
        <Suspense fallback=loading>
            {move || {
                let slug = slug_for_notice.clone();
                Suspend::new(async move {
                    loaded(data.await, move |found: Option<BalanceInRound>| {
                        found.map(|b| {
                            let summary = if b.balance.total == 0 {
                                "No comments yet in this round.".to_owned()
                            } else {
                                let parts = b.balance.shares.iter()
                                    .map(|s| format!("{} {}%", s.knowledge.label().to_lowercase(), s.percent))
                                    .collect::<Vec<_>>()
                                    .join(", ");
                                format!("So far, {}: {parts}.", plural(b.balance.total, "comment", "comments"))
                            };
                            view! {
                                <UnderHeardNotice balance=b.balance.clone() phase=b.phase.clone() can_edit=b.can_edit framework_slug=slug.clone() on_framework_page=true id="open-round-under-heard"/>
                                <p class="balance-summary">
                                    {summary}" "
                                    <a href=b.round_href.clone()>"See whose knowledge this round has heard"</a>
                                </p>
                            }
                            .into_any()
                        })
                        .unwrap_or_else(|| ().into_any())
                    })
                })
            }}
        </Suspense>
    }
}
