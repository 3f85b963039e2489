use crate::api::{SiteContext, get_site_context};
use leptos::prelude::*;

/// Skip link, header with navigation, the page's main content and the footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let site = Resource::new(|| (), |_| get_site_context());
    view! {
        <a href="#main-content" target="_self" class="skip-link">"Skip to main content"</a>
        <header class="site-header">
            <div class="wrap site-header__inner">
                <a href="/" class="site-header__brand">"Our Words"</a>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        site.await.ok().map(|site| view! { <SiteNav site/> })
                    })}
                </Suspense>
            </div>
        </header>
        <div class="wrap">
            <main id="main-content" tabindex="-1">{children()}</main>
        </div>
        <footer class="site-footer">
            <div class="wrap">
                <p>"Our Words: care standards co-written with the people they are for."</p>
            </div>
        </footer>
    }
}

#[component]
fn SiteNav(site: SiteContext) -> impl IntoView {
    let signed_in = site.viewer.is_some();
    let is_admin = site.viewer.as_ref().is_some_and(|v| v.is_admin);
    let is_facilitator = site.viewer.as_ref().is_some_and(|v| v.is_facilitator);
    let moderates = site.viewer.as_ref().is_some_and(|v| v.moderates());
    view! {
        <nav class="site-nav" aria-label="Main">
            <ul class="site-nav__list">
                <li><a href="/">"Frameworks"</a></li>
                {signed_in.then(|| view! { <li><a href="/account">"Your account"</a></li> })}
                {is_facilitator.then(|| view! { <li><a href="/events">"Your events"</a></li> })}
                {moderates.then(|| view! { <li><a href="/moderation">"Reported comments"</a></li> })}
                {is_admin.then(|| view! { <li><a href="/admin">"Admin"</a></li> })}
                {site.local_mailbox.then(|| view! { <li><a href="/dev/mailbox">"Local mailbox"</a></li> })}
                <li>
                    {if signed_in {
                        view! {
                            <form method="post" action="/sign-out" class="inline-form">
                                <button type="submit" class="link-button">"Sign out"</button>
                            </form>
                        }
                            .into_any()
                    } else {
                        view! { <a href="/sign-in">"Sign in"</a> }.into_any()
                    }}
                </li>
            </ul>
            {site.viewer.map(|viewer| {
                view! { <p class="site-nav__who">"Signed in as " <strong>{viewer.name().to_owned()}</strong></p> }
            })}
        </nav>
    }
}
