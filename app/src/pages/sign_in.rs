use crate::{
    api::get_site_context,
    components::{error_summary::ErrorSummary, fields::TextField},
    form::use_form_feedback,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const SIGN_IN_FORM: &str = "sign-in";
pub const CONFIRM_FORM: &str = "confirm-sign-in";

#[component]
pub fn SignInPage() -> impl IntoView {
    let feedback = use_form_feedback(SIGN_IN_FORM);
    let query = use_query_map();
    // The page to come back to once signed in, kept through a refused attempt too.
    let return_to = feedback
        .as_ref()
        .and_then(|f| f.value(crate::model::SignInInput::RETURN_TO))
        .or_else(|| query.read_untracked().get("return"))
        .unwrap_or_default();
    let held = query.read_untracked().get("held").is_some();
    let email = feedback
        .as_ref()
        .and_then(|f| f.value(crate::model::SignInInput::EMAIL));
    let error = feedback
        .as_ref()
        .and_then(|f| f.error_for(crate::model::SignInInput::EMAIL));
    let title = if feedback.is_some() {
        "Error: Sign in"
    } else {
        "Sign in"
    };
    view! {
        <Title text=title/>
        <div class="narrow">
            <ErrorSummary feedback/>
            {held.then(|| view! {
                <div class="notice" role="status">
                    <p>"You were signed out, so what you sent has not been saved yet. It is kept on this device for a day. Sign in, and we will take you back to it, with everything you typed."</p>
                </div>
            })}
            <h1>"Sign in"</h1>
            <p>"We will email you a link to sign in. There is no password to remember."</p>
            <p>"If you have not used Our Words before, the link also makes your account."</p>
            <form method="post" action="/sign-in" novalidate>
                {(!return_to.is_empty()).then(|| view! {
                    <input type="hidden" name=crate::model::SignInInput::RETURN_TO value=return_to.clone()/>
                })}
                <TextField
                    name=crate::model::SignInInput::EMAIL
                    label="Email address"
                    input_type="email"
                    autocomplete="email"
                    value=email.unwrap_or_default()
                    error=error
                />
                <button type="submit" class="button">"Send me a sign-in link"</button>
            </form>
        </div>
    }
}

#[component]
pub fn CheckEmailPage() -> impl IntoView {
    let site = Resource::new(|| (), |_| get_site_context());
    // The mail server was slow to answer, so the link is still being sent.
    let sending = use_query_map().read_untracked().get("sending").is_some();
    view! {
        <Title text="Check your email"/>
        <div class="narrow">
            <h1>"Check your email"</h1>
            {if sending {
                view! {
                    <p>"We are sending your sign-in link. Our email service is slow just now, so it may take a few minutes to arrive."</p>
                }.into_any()
            } else {
                view! {
                    <p>"If the address you gave can receive email, we have sent a sign-in link to it."</p>
                }.into_any()
            }}
            <p>"Open the link, then press the " <strong>"Sign in"</strong> " button. The link works once, for 15 minutes."</p>
            <h2 class="heading-m">"Not arrived?"</h2>
            <p>"Check your spam or junk folder. Emails can take a few minutes."</p>
            <p><a href="/sign-in">"Ask for another sign-in link"</a></p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    site.await.ok().filter(|s| s.local_mailbox).map(|_| view! {
                        <div class="inset">
                            <p>"This copy of Our Words keeps email on this computer. "
                            <a href="/dev/mailbox">"Open the local mailbox"</a>" to find your link."</p>
                        </div>
                    })
                })}
            </Suspense>
        </div>
    }
}

/// Opening the emailed link lands here. Nothing is used up until the button is pressed,
/// because mail scanners open links before people do.
#[component]
pub fn ConfirmPage() -> impl IntoView {
    let query = use_query_map();
    let feedback = use_form_feedback(CONFIRM_FORM);
    let token = feedback
        .as_ref()
        .and_then(|f| f.value(crate::model::SignInInput::TOKEN))
        .or_else(|| query.read_untracked().get("token"))
        .unwrap_or_default();
    let problem = feedback
        .as_ref()
        .and_then(|f| f.error_for(crate::model::SignInInput::TOKEN));
    view! {
        <Title text=if problem.is_some() { "Error: Sign in to Our Words" } else { "Sign in to Our Words" }/>
        <div class="narrow">
            {match problem {
                Some(message) => view! {
                    <div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
                        <h2 class="error-summary__title" id="error-summary-title">"There is a problem"</h2>
                        <p>{message}</p>
                    </div>
                    <h1>"We could not sign you in"</h1>
                    <p><a class="button" href="/sign-in">"Ask for a new sign-in link"</a></p>
                }.into_any(),
                None if token.is_empty() => view! {
                    <h1>"This sign-in link is not complete"</h1>
                    <p>"Check you used the whole link from the email, or "<a href="/sign-in">"ask for a new sign-in link"</a>"."</p>
                }.into_any(),
                None => view! {
                    <h1>"Sign in to Our Words"</h1>
                    <p>"Press the button to finish signing in on this device."</p>
                    <form method="post" action="/sign-in/confirm">
                        <input type="hidden" name=crate::model::SignInInput::TOKEN value=token/>
                        <button type="submit" class="button">"Sign in"</button>
                    </form>
                }.into_any(),
            }}
        </div>
    }
}

#[component]
pub fn SignedOutPage() -> impl IntoView {
    let query = use_query_map();
    let everywhere = query.read_untracked().get("everywhere").is_some();
    view! {
        <Title text="You have signed out"/>
        <div class="narrow">
            <h1>"You have signed out"</h1>
            {everywhere.then(|| view! {
                <p>"You are signed out on every phone, tablet and computer where you were signed in. Anyone using one of them has to sign in again with a link sent to your email address."</p>
            })}
            <p><a href="/sign-in">"Sign in again"</a>" or "<a href="/">"go to the list of frameworks"</a>"."</p>
        </div>
    }
}
