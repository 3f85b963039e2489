//! The page an email's unsubscribe link opens. Opening it changes nothing (mail scanners
//! open every link); its button stops the emails, and once stopped the page says so and
//! offers to send them again.

use crate::{api::get_unsubscribe, components::loading, error::AppError};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let params = use_params_map();
    let token = params.read_untracked().get("token").unwrap_or_default();
    let again = use_query_map().read_untracked().get("again").is_some();
    let choice = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        get_unsubscribe,
    );
    view! {
        <Suspense fallback=loading>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    let stop = format!("/unsubscribe/{token}");
                    let start_again = format!("/unsubscribe/{token}/start-again");
                    match choice.await {
                        Ok(choice) if choice.receiving => view! {
                            <Title text="Stop emails about new versions"/>
                            <div class="narrow">
                                {again.then(|| view! {
                                    <div class="notice" role="status">
                                        <p>"You will get emails from Our Words again when a new version is published."</p>
                                    </div>
                                })}
                                <h1>"Stop emails about new versions"</h1>
                                <p>"When a new version of a framework is published, Our Words emails you what became of what you said."</p>
                                <p>"Press the button to stop these emails. You can start them again at any time."</p>
                                <form method="post" action=stop>
                                    <button type="submit" class="button">"Stop these emails"</button>
                                </form>
                            </div>
                        }.into_any(),
                        Ok(choice) => view! {
                            <Title text="You have unsubscribed"/>
                            <div class="narrow">
                                <div class="notice" role="status">
                                    <p>"You have unsubscribed. We will not email you when a new version is published."</p>
                                </div>
                                <h1>"You have unsubscribed"</h1>
                                <p>"Our Words will not email you about new versions any more."</p>
                                <h2 class="heading-m">"Changed your mind?"</h2>
                                <form method="post" action=start_again>
                                    <button type="submit" class="button button--secondary">"Send me these emails again"</button>
                                </form>
                                {choice.has_account.then(|| view! {
                                    <p>"You can also turn them back on from "<a href="/account">"your account page"</a>
                                    " once you sign in: untick “Do not email me when a version is published”."</p>
                                })}
                            </div>
                        }.into_any(),
                        Err(error) => view! { <LinkDoesNotWork error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// A link that was cut short, changed or made up: said plainly, with nothing changed.
#[component]
fn LinkDoesNotWork(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let status = match error {
            AppError::Invalid(_) => http::StatusCode::NOT_FOUND,
            _ => http::StatusCode::from_u16(error.status())
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        };
        response.set_status(status);
    }
    view! {
        <Title text="This unsubscribe link does not work"/>
        <div class="narrow">
            <h1>"This unsubscribe link does not work"</h1>
            <p>{error.to_string()}</p>
            <p>"If you have an account, you can stop these emails from "<a href="/account">"your account page"</a>" once you sign in."</p>
        </div>
    }
}
