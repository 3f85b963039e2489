//! "Words from: Sam, someone with lived experience and 2 others": whose words are in a
//! published statement, under it on the version page, its report and its trace.

use leptos::prelude::*;

/// The credit line of a published statement, or nothing when nobody is credited.
#[component]
pub fn WordsFrom(line: Option<String>) -> impl IntoView {
    line.map(|line| view! { <p class="meta credit">"Words from: "{line}</p> })
}
