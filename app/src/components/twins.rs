//! Easy read twins on editors' pages: where a statement's twin stands, with the two
//! things to do when it is out of step. (The easy read text box whose preview and advice
//! follow typing is `live_text::DraftText`.)

use crate::{
    domain::easy_read::TwinState,
    model::{StillFitsFrom, StillFitsInput, TwinStatusView},
};
use leptos::prelude::*;

pub use crate::model::STILL_FITS_FORM;

/// A word for each state, so a tag's look never carries its meaning alone.
pub fn tag_class(state: TwinState) -> &'static str {
    match state {
        TwinState::Missing => "twin-tag twin-tag--missing",
        TwinState::InStep => "twin-tag twin-tag--in-step",
        TwinState::NeedsUpdating => "twin-tag twin-tag--needs-updating",
    }
}

/// Where the statement's easy read version stands, for editors: written, missing or
/// needing an update, with a link to write or update it and, when the main text changed,
/// an "It still fits" button (a POST) that confirms it goes with the new main text.
#[component]
pub fn TwinStatusPanel(
    status: TwinStatusView,
    from: StillFitsFrom,
    error: Option<String>,
) -> impl IntoView {
    let state = status.state;
    let explanation = match state {
        TwinState::Missing => "This statement has no easy read version yet.",
        TwinState::NeedsUpdating => {
            "The main text has changed since the easy read version was written or last checked. Update the easy read version, or confirm that it still fits the new main text."
        }
        TwinState::InStep => "The easy read version goes with the current main text.",
    };
    let link_text = match state {
        TwinState::Missing => "Write the easy read version",
        TwinState::NeedsUpdating => "Update the easy read version",
        TwinState::InStep => "Redraft the easy read version",
    };
    let has_error = error.is_some();
    let confirm = status
        .easy_read_id
        .filter(|_| state == TwinState::NeedsUpdating);
    view! {
        <section class="twin-status" class:form-group--error=has_error id=STILL_FITS_FORM tabindex="-1" aria-labelledby="twin-status-heading">
            <h2 id="twin-status-heading" class="heading-m">"Easy read version"</h2>
            <p><strong class=tag_class(state)>{state.label()}</strong></p>
            <p>{explanation}</p>
            {error.map(|message| view! {
                <p class="error-message" id="still-fits-error"><span class="visually-hidden">"Error: "</span>{message}</p>
            })}
            <div class="button-group">
                {(from != StillFitsFrom::EasyRead).then(|| view! {
                    <a class="button button--secondary" href=status.easy_read_path()>{link_text}</a>
                })}
                {confirm.map(|easy_read_id| view! {
                    <form method="post" action=status.still_fits_path() class="inline-form">
                        <input type="hidden" name=StillFitsInput::MAIN_REVISION_ID value=status.main_revision_id.to_string()/>
                        <input type="hidden" name=StillFitsInput::EASY_READ_ID value=easy_read_id.to_string()/>
                        <input type="hidden" name=StillFitsInput::BACK value=from.as_str()/>
                        <button type="submit" class="button button--secondary"
                            aria-describedby=has_error.then_some("still-fits-error")>"It still fits"</button>
                    </form>
                })}
            </div>
        </section>
    }
}

/// A framework's easy read twins for editors: how many need updating and how many have
/// none, with a link to each statement's easy read page.
#[component]
pub fn TwinOverviewPanel(overview: crate::model::TwinOverview) -> impl IntoView {
    use crate::domain::{plural, singular_or_plural};
    let needs = overview.needs_updating.len();
    let missing = overview.missing.len();
    let list = |items: Vec<crate::model::TwinListItem>, id: &'static str, heading: String| {
        (!items.is_empty()).then(|| {
            view! {
                <h3 class="heading-s" id=id>{heading}</h3>
                <ul class="plain-list twin-list" aria-labelledby=id>
                    {items.into_iter().map(|item| view! {
                        <li><a href=item.easy_read_href>{item.reference.clone()}<span class="visually-hidden">{format!(": {}", item.state.label())}</span></a></li>
                    }).collect_view()}
                </ul>
            }
        })
    };
    view! {
        <section class="twin-overview" aria-labelledby="twin-overview-heading">
            <h2 id="twin-overview-heading" class="heading-m">"Easy read versions"</h2>
            {if needs + missing == 0 {
                view! { <p id="twin-counts">{format!("All {} up to date.", plural(overview.statements, "statement's easy read version is", "statements' easy read versions are"))}</p> }.into_any()
            } else {
                view! {
                    <p id="twin-counts">
                        {format!(
                            "{} {} updating. {} {} no easy read version yet.",
                            plural(needs, "statement", "statements"),
                            singular_or_plural(needs, "needs", "need"),
                            plural(missing, "statement", "statements"),
                            singular_or_plural(missing, "has", "have"),
                        )}
                    </p>
                }.into_any()
            }}
            {overview.required.then(|| view! { <p class="hint">"This framework cannot be published until every easy read version is up to date."</p> })}
            {list(overview.needs_updating, "twins-needs-updating", "Easy read version needs updating".to_owned())}
            {list(overview.missing, "twins-missing", "No easy read version yet".to_owned())}
        </section>
    }
}
