use crate::{
    api::get_rounds,
    components::{
        error_summary::ErrorSummary,
        fields::{TextArea, TextField},
        loaded, loading,
        statement_parts::RoundBanner,
    },
    form::use_any_form_feedback,
    model::RoundInput,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

pub const ROUND_FORM: &str = "round";
/// The "open again" form of a closed round.
pub const REOPEN_FORM: &str = "reopen";

#[component]
pub fn RoundsPage() -> impl IntoView {
    let params = use_params_map();
    let rounds = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_rounds,
    );
    // Whichever of the page's forms was refused: the summary and title follow it, and
    // each form shows only its own.
    let any_feedback = use_any_form_feedback();
    let saved = use_query_map()
        .read_untracked()
        .get("saved")
        .and_then(|code| crate::model::Saved::parse(&code))
        .map(|saved| saved.message());
    view! {
        <Suspense fallback=loading>
            {move || {
                let any_feedback = any_feedback.clone();
                Suspend::new(async move {
                    loaded(rounds.await, move |r| {
                        let feedback = any_feedback.clone().filter(|f| f.form == ROUND_FORM);
                        let reopen_feedback = any_feedback.clone().filter(|f| f.form == REOPEN_FORM);
                        let reopen_value = reopen_feedback.as_ref().and_then(|f| f.value(RoundInput::REOPEN_UNTIL)).unwrap_or_default();
                        let reopen_error = reopen_feedback.as_ref().and_then(|f| f.error_for(RoundInput::REOPEN_UNTIL));
                        let reopen_round_id = reopen_feedback.as_ref().and_then(|f| f.value(RoundInput::ROUND_ID)).unwrap_or_default();
                        let value = |n: &str| feedback.as_ref().and_then(|f| f.value(n)).unwrap_or_default();
                        let error = |n: &str| feedback.as_ref().and_then(|f| f.error_for(n));
                        let action = format!("/frameworks/{}/rounds", r.framework_slug);
                        let has_errors = any_feedback.as_ref().is_some_and(|f| !f.errors.is_empty());
                        view! {
                            <Title text=format!("{}Consultation rounds: {}", if has_errors { "Error: " } else { "" }, r.framework_title)/>
                            <nav class="breadcrumbs" aria-label="Breadcrumb">
                                <ol>
                                    <li><a href="/">"Frameworks"</a></li>
                                    <li><a href=format!("/frameworks/{}", r.framework_slug)>{r.framework_title.clone()}</a></li>
                                </ol>
                            </nav>
                            <ErrorSummary feedback=any_feedback.clone()/>
                            {saved.map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })}
                            <h1>"Consultation rounds"</h1>
                            <p class="lead">"Comments can be made while a round is open."</p>
                            <RoundBanner status=r.status.clone()/>
                            {if r.rounds.is_empty() {
                                view! { <p>"There have been no rounds yet."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="plain-list round-list">
                                        {r.rounds.iter().map(|round| view! {
                                            <li class="card">
                                                <h2 class="card__title">{round.title.clone()}</h2>
                                                <p class="meta">{format!("{}: {}", round.state, round.dates)}</p>
                                                {(!round.introduction.is_empty()).then(|| view! { <p>{round.introduction.clone()}</p> })}
                                                <p><a href=crate::model::round_balance_path(&r.framework_slug, round.id)>
                                                    "Whose knowledge this round has heard"<span class="visually-hidden">{format!(" ({})", round.title)}</span>
                                                </a></p>
                                                {r.can_edit.then(|| view! {
                                                    <p><a href=format!("/frameworks/{}/rounds/{}/comments", r.framework_slug, round.id)>
                                                        "Answer comments"<span class="visually-hidden">{format!(" in {}", round.title)}</span>
                                                    </a></p>
                                                })}
                                                {(r.can_edit && round.is_open).then(|| view! {
                                                    <form method="post" action=action.clone()>
                                                        <input type="hidden" name=crate::model::ACTION value=crate::model::RoundAction::Close.as_str()/>
                                                        <input type="hidden" name=RoundInput::ROUND_ID value=round.id.to_string()/>
                                                        <button type="submit" class="button button--secondary button--small">
                                                            "Close this round now"<span class="visually-hidden">{format!(" ({})", round.title)}</span>
                                                        </button>
                                                    </form>
                                                })}
                                                // Shown again after a refused try, with the reason beside the date,
                                                // even when the round can no longer open again.
                                                {(round.can_reopen || reopen_round_id == round.id.to_string()).then(|| view! {
                                                    <form method="post" action=action.clone() novalidate class="narrow">
                                                        <input type="hidden" name=crate::model::ACTION value=crate::model::RoundAction::Reopen.as_str()/>
                                                        <input type="hidden" name=RoundInput::ROUND_ID value=round.id.to_string()/>
                                                        <TextField name=RoundInput::REOPEN_UNTIL label="Open again until" input_type="date"
                                                            hint="Closed too soon? No version has answered this round and no round has opened since, so it can take comments again, from now until the end of the day you choose (UTC)."
                                                            value=reopen_value.clone() error=reopen_error.clone()/>
                                                        <button type="submit" class="button button--secondary button--small">
                                                            "Open this round again"<span class="visually-hidden">{format!(" ({})", round.title)}</span>
                                                        </button>
                                                    </form>
                                                })}
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            {r.can_edit.then(|| view! {
                                <h2>"Open a new round"</h2>
                                <form method="post" action=action.clone() novalidate class="narrow">
                                    <input type="hidden" name=crate::model::ACTION value=crate::model::RoundAction::Create.as_str()/>
                                    <TextField name=RoundInput::TITLE label="Title" hint="For example: 'First round: spring 2027'" value=value(RoundInput::TITLE) error=error(RoundInput::TITLE)/>
                                    <TextArea name=RoundInput::INTRODUCTION label="Introduction (optional)" hint="In plain words: what you want to hear about, and what happens next." value=value(RoundInput::INTRODUCTION) error=error(RoundInput::INTRODUCTION)/>
                                    <TextField name=RoundInput::OPENS label="Opening date" input_type="date" hint="Comments open at the start of this day (UTC), or the moment the last round closed, if that was later." value=value(RoundInput::OPENS) error=error(RoundInput::OPENS)/>
                                    <TextField name=RoundInput::CLOSES label="Closing date" input_type="date" hint="Comments close at the end of this day (UTC)." value=value(RoundInput::CLOSES) error=error(RoundInput::CLOSES)/>
                                    <button type="submit" class="button">"Add round"</button>
                                </form>
                            })}
                        }
                    })
                })
            }}
        </Suspense>
    }
}
