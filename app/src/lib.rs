#![recursion_limit = "256"]
//! Our Words: national care standards co-written with the people they are for.

pub mod api;
pub mod domain;
pub mod error;
pub mod form;
pub mod model;
#[cfg(feature = "ssr")]
pub mod server;

mod components;
mod pages;

use components::layout::Layout;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

/// The HTML document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="referrer" content="no-referrer"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The policy names this response's nonce, so only our own hydration script runs.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    use http::{HeaderValue, header::CONTENT_SECURITY_POLICY};
    let Some(nonce) = leptos::nonce::use_nonce() else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    );
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&policy),
    ) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Every route renders completely on the server before it is sent, so each page is
    // whole without JavaScript and can set its own status code.
    view! {
        <Stylesheet id="leptos" href="/pkg/our-words.css"/>
        <Title formatter=|text: String| {
            if text.is_empty() { "Our Words".to_owned() } else { format!("{text} – Our Words") }
        }/>
        <Router>
            <Layout>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/frameworks/new") view=pages::editing::NewFrameworkPage ssr=SsrMode::Async/>
                    <Route path=path!("/frameworks/:slug") view=pages::framework::FrameworkPage ssr=SsrMode::Async/>
                    <Route path=path!("/frameworks/:slug/edit") view=pages::editing::EditFrameworkPage ssr=SsrMode::Async/>
                    <Route path=path!("/frameworks/:slug/rounds") view=pages::rounds::RoundsPage ssr=SsrMode::Async/>
                    <Route path=path!("/frameworks/:slug/rounds/:id") view=pages::balance::RoundBalancePage ssr=SsrMode::Async/>
                    <Route path=path!("/frameworks/:slug/values") view=pages::values::ValuesPage ssr=SsrMode::Async/>
                    <Route path=path!("/frameworks/:slug/proposals") view=pages::proposals::ProposalsPage ssr=SsrMode::Async/>
                    <Route path=path!("/frameworks/:slug/proposals/:id") view=pages::proposals::ProposalPage ssr=SsrMode::Async/>
                    <Route path=path!("/frameworks/:slug/propose") view=pages::proposals::ProposePage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/frameworks/:slug/rounds/:id/comments")
                        view=pages::answers::RoundCommentsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/frameworks/:slug/rounds/:id/groups/:group")
                        view=pages::alike::AlikeGroupPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/frameworks/:slug/rounds/:id/bursts") view=pages::bursts::RoundBurstsPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/contributions") view=pages::answers::ContributionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/comments/:id/report") view=pages::moderation::ReportCommentPage ssr=SsrMode::Async/>
                    <Route path=path!("/moderation") view=pages::moderation::ModerationQueuePage ssr=SsrMode::Async/>
                    <Route path=path!("/moderation/comments/:id") view=pages::moderation::ModeratePage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/frameworks/:slug/themes/:code/new-statement")
                        view=pages::editing::NewStatementPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/frameworks/:slug/statements/:reference/redraft")
                        view=pages::redraft::RedraftPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/frameworks/:slug/statements/:reference/easy-read")
                        view=pages::twins::EasyReadPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/frameworks/:slug/statements/:reference/history")
                        view=pages::history::HistoryPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/frameworks/:slug/statements/:reference/comment")
                        view=pages::comment::CommentPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/frameworks/:slug/statements/:reference/comments/:id/edit")
                        view=pages::comment::EditCommentPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/frameworks/:slug/statements/:reference/manage")
                        view=pages::editing::ManageStatementPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/jargon") view=pages::editing::JargonPage ssr=SsrMode::Async/>
                    <Route path=path!("/frameworks/:slug/publish") view=pages::publications::PublishPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/frameworks/:slug/versions/:version")
                        view=pages::publications::PublicationPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/frameworks/:slug/versions/:version/report")
                        view=pages::publications::ReportPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/frameworks/:slug/versions/:version/statements/:reference/trace")
                        view=pages::publications::TracePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/frameworks/:slug/versions/:version/outbox")
                        view=pages::publications::OutboxPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/frameworks/:slug/statements/:reference")
                        view=pages::statement::StatementPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/sign-in") view=pages::sign_in::SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in/check-email") view=pages::sign_in::CheckEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in/confirm") view=pages::sign_in::ConfirmPage ssr=SsrMode::Async/>
                    <Route path=path!("/signed-out") view=pages::sign_in::SignedOutPage ssr=SsrMode::Async/>
                    <Route path=path!("/unsubscribe/:token") view=pages::unsubscribe::UnsubscribePage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=pages::account::AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/events") view=pages::events::EventsPage ssr=SsrMode::Async/>
                    <Route path=path!("/events/:id") view=pages::events::EventPage ssr=SsrMode::Async/>
                    <Route path=path!("/events/:id/letters") view=pages::events::LettersPage ssr=SsrMode::Async/>
                    <Route path=path!("/events/:id/comments/:comment/edit") view=pages::events::CorrectionPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=pages::admin::AdminHomePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/people") view=pages::admin::people::PeoplePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=pages::admin::audit::AuditLogPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/people/:id") view=pages::admin::people::PersonPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/admin/organisations")
                        view=pages::admin::organisations::OrganisationsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/organisations/:id")
                        view=pages::admin::organisations::OrganisationPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/dev/mailbox") view=pages::mailbox::MailboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/dev/mailbox/:id") view=pages::mailbox::MailPage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
