use crate::domain::{plain_language::Advice, plural};
use leptos::prelude::*;

/// The plain-language checker's advice. Advisory only: it never stops a save.
#[component]
pub fn AdviceList(advice: Advice) -> impl IntoView {
    view! {
        <div class="advice">
            <h3 class="heading-s">{if advice.easy_read { "Easy read check" } else { "Plain language check" }}</h3>
            <p class="hint">"Advice only. You can save without following it."</p>
            <ul class="advice__list">
                {advice.notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}
            </ul>
            <p class="meta">{format!("About {}. Reading age about {}.", plural(advice.words, "word", "words"), advice.reading_age)}</p>
        </div>
    }
}
