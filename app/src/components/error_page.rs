use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

/// A whole-page error in plain words, with what to do next. Sets the HTTP status.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(
            http::StatusCode::from_u16(error.status())
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    let (title, next): (&str, AnyView) = match &error {
        AppError::NotFound => (
            "Page not found",
            view! {
                <p>"If you typed the web address, check it is correct."</p>
                <p>"If you followed a link, the page may have moved. "
                <a href="/">"Go to the list of frameworks"</a>"."</p>
            }
            .into_any(),
        ),
        AppError::SignInRequired => (
            "Sign in to see this page",
            view! { <p><a href="/sign-in">"Sign in"</a>" to continue. We will email you a link; there is no password."</p> }
                .into_any(),
        ),
        AppError::Forbidden => (
            "You cannot see this page",
            view! { <p>"Your account does not have permission to see this page. If you think it should, ask an admin."</p> }
                .into_any(),
        ),
        other => (
            "Sorry, there is a problem",
            view! { <p>{other.to_string()}</p> }.into_any(),
        ),
    };
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        {next}
    }
}
