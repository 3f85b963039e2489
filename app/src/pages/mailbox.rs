//! The local mailbox: only exists when mail is written to files on this machine.

use crate::{
    api::{get_local_mail, list_local_mail},
    components::{loaded, loading},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn MailboxPage() -> impl IntoView {
    let messages = Resource::new(|| (), |_| list_local_mail());
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(messages.await, |messages| view! {
                    <Title text="Local mailbox"/>
                    <h1>"Local mailbox"</h1>
                    <p>"No mail server is set up, so Our Words keeps the emails it sends here, on this computer. Newest first."</p>
                    {if messages.is_empty() {
                        view! { <p>"No emails yet. "<a href="/sign-in">"Ask for a sign-in link"</a>" and it will appear here."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plain-list">
                                {messages.into_iter().map(|m| view! {
                                    <li class="mail-item">
                                        <a href=format!("/dev/mailbox/{}", m.id)>{m.subject}</a>
                                        <span class="meta break-anywhere">" to " {m.to} ", " {m.sent_label}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn MailPage() -> impl IntoView {
    let params = use_params_map();
    let message = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        get_local_mail,
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                loaded(message.await, |m| view! {
                    <Title text=m.subject.clone()/>
                    <nav class="breadcrumbs" aria-label="Breadcrumb">
                        <ol><li><a href="/dev/mailbox">"Local mailbox"</a></li></ol>
                    </nav>
                    <h1>{m.subject}</h1>
                    <dl class="summary-list">
                        <div><dt>"To"</dt><dd class="break-anywhere">{m.to}</dd></div>
                        <div><dt>"Sent"</dt><dd>{m.sent_label}</dd></div>
                    </dl>
                    {(!m.links.is_empty()).then(|| view! {
                        <h2 class="heading-m">"Links in this email"</h2>
                        <ul class="plain-list">
                            {m.links.iter().map(|link| view! {
                                <li><a class="break-anywhere" href=link.clone()>{link.clone()}</a></li>
                            }).collect_view()}
                        </ul>
                    })}
                    <h2 class="heading-m">"Message"</h2>
                    <pre class="mail-body">{m.text}</pre>
                })
            })}
        </Suspense>
    }
}
