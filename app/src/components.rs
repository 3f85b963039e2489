//! Building blocks shared by pages, following GOV.UK Design System patterns.

pub mod advice;
pub mod balance;
pub mod byline;
pub mod credit;
pub mod diff_view;
pub mod error_page;
pub mod error_summary;
pub mod fields;
pub mod layout;
pub mod live_text;
pub mod missing;
pub mod moderation;
pub mod pager;
pub mod passage_picker;
pub mod reading;
pub mod statement_parts;
pub mod still_matters;
pub mod twins;
pub mod value_choices;

use crate::error::AppError;
use leptos::prelude::*;

/// Render loaded data, or the plain error page (with its status code) if loading failed.
pub fn loaded<T, V: IntoView + 'static>(
    result: Result<T, AppError>,
    render: impl FnOnce(T) -> V,
) -> AnyView {
    match result {
        Ok(data) => render(data).into_any(),
        Err(error) => view! { <error_page::ErrorPage error/> }.into_any(),
    }
}

pub fn loading() -> impl IntoView {
    view! { <p class="loading">"Loading…"</p> }
}
