//! Who a comment is from, with the organisation they spoke for shown as its own element:
//! a tag the site draws, which no name typed into a form can pass for.

use crate::domain::byline::Byline;
use leptos::prelude::*;

#[component]
pub fn ByLine(by: Byline) -> impl IntoView {
    view! {
        <strong>{by.name}</strong>
        {by.organisation.map(|org| view! {
            " "<span class="speaks-for">"speaking for "<strong>{org}</strong></span>
        })}
    }
}
