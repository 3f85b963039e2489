//! What still stops publishing, listed with links: unanswered comments, undecided
//! proposals, unhandled reports. One shape for each, so they read alike.

use crate::{
    domain::{plural, singular_or_plural},
    model::Missing,
};
use leptos::prelude::*;

/// A titled list of what is missing ("2 proposals still need a decision"), each item
/// linked to where it is dealt with; nothing when the list is empty.
#[component]
pub fn MissingList(
    /// The region's heading id, unique on the page.
    id: &'static str,
    items: Vec<Missing>,
    /// The thing counted, one and many: ("proposal", "proposals").
    noun: (&'static str, &'static str),
    /// What each one still needs: "a decision".
    needs: &'static str,
    lead: &'static str,
) -> impl IntoView {
    (!items.is_empty()).then(|| view! {
        <div class="error-summary" role="region" aria-labelledby=id>
            <h2 class="error-summary__title" id=id>
                {format!("{} still {} {needs}", plural(items.len(), noun.0, noun.1), singular_or_plural(items.len(), "needs", "need"))}
            </h2>
            <p>{lead}</p>
            <ul class="error-summary__list">
                {items.iter().map(|m| view! {
                    <li><a href=m.answer_href.clone()>{format!("{}: {} – “{}”", m.reference, m.author, m.excerpt)}</a></li>
                }).collect_view()}
            </ul>
        </div>
    })
}
