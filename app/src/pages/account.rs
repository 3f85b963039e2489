use crate::{
    api::get_account,
    components::{error_summary::ErrorSummary, fields::TextField, loaded, loading},
    form::use_form_feedback,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const NAME_FORM: &str = "display-name";

#[component]
pub fn AccountPage() -> impl IntoView {
    let account = Resource::new(|| (), |_| get_account());
    let feedback = use_form_feedback(NAME_FORM);
    let query = use_query_map();
    let notice = if let Some(saved) = query
        .read_untracked()
        .get("saved")
        .and_then(|code| crate::model::Saved::parse(&code))
    {
        Some(saved.message())
    } else if query.read_untracked().get("signed_in").is_some() {
        Some("You are signed in.")
    } else {
        None
    };
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                Suspend::new(async move {
                    loaded(account.await, move |account| {
                        let name = feedback
                            .as_ref()
                            .and_then(|f| f.value(crate::model::AccountInput::DISPLAY_NAME))
                            .unwrap_or_else(|| account.viewer.display_name.clone());
                        let error = feedback.as_ref().and_then(|f| f.error_for(crate::model::AccountInput::DISPLAY_NAME));
                        let title = if feedback.is_some() { "Error: Your account" } else { "Your account" };
                        let roles = crate::api::role_labels(!account.organisations.is_empty(), account.viewer.is_facilitator, account.viewer.is_moderator, account.viewer.is_editor, account.viewer.is_admin);
                        view! {
                            <Title text=title/>
                            <div class="narrow">
                                <ErrorSummary feedback=feedback.clone()/>
                                {notice.map(|notice| view! {
                                    <div class="notice" role="status"><p>{notice}</p></div>
                                })}
                                <h1>"Your account"</h1>
                                <dl class="summary-list">
                                    <div><dt>"Email address"</dt><dd>{account.viewer.email.clone()}</dd></div>
                                    <div><dt>"What you can do"</dt><dd>{roles}</dd></div>
                                    <div>
                                        <dt>"Organisations you speak for"</dt>
                                        <dd>{if account.organisations.is_empty() {
                                            "None".to_owned()
                                        } else {
                                            account.organisations.join(", ")
                                        }}</dd>
                                    </div>
                                </dl>
                                <p><a href="/account/contributions">"What you said, and what happened"</a></p>
                                <h2>"Your name"</h2>
                                <form method="post" action="/account" novalidate>
                                    <TextField
                                        name=crate::model::AccountInput::DISPLAY_NAME
                                        label="Name to show with your comments"
                                        hint="You can use any name you like. You can still choose to comment anonymously."
                                        autocomplete="name"
                                        value=name
                                        error=error
                                    />
                                    <button type="submit" class="button">"Save name"</button>
                                </form>
                                <h2>"Easy read, and emails about your comments"</h2>
                                <form method="post" action="/account" class="narrow">
                                    <input type="hidden" name=crate::model::ACTION value=crate::model::AccountAction::EmailChoices.as_str()/>
                                    <div class="checkboxes">
                                        <div class="checkboxes__item">
                                            <input class="checkboxes__input" type="checkbox" id=crate::model::AccountInput::EASY_READ name=crate::model::AccountInput::EASY_READ value="yes" checked=account.easy_read aria-describedby="easy_read-hint"/>
                                            <label class="checkboxes__label" for=crate::model::AccountInput::EASY_READ>"Easy read"</label>
                                            <div class="hint checkboxes__hint" id="easy_read-hint">"Show me the easy read version of statements where there is one, and send me easy read emails: shorter, with short sentences. The “Easy read” link on any page changes this too."</div>
                                        </div>
                                        <div class="checkboxes__item">
                                            <input class="checkboxes__input" type="checkbox" id=crate::model::AccountInput::EMAIL_OPT_OUT name=crate::model::AccountInput::EMAIL_OPT_OUT value="yes" checked=account.email_opt_out/>
                                            <label class="checkboxes__label" for=crate::model::AccountInput::EMAIL_OPT_OUT>"Do not email me when a version is published"</label>
                                        </div>
                                    </div>
                                    <button type="submit" class="button button--secondary">"Save these choices"</button>
                                </form>
                                <h2>"Signing out"</h2>
                                <p>"If you signed in on a phone or computer you no longer use, or someone else may be using your account, you can sign out everywhere at once, here too."</p>
                                <form method="post" action="/account/sign-out-everywhere">
                                    <button type="submit" class="button button--secondary">"Sign out everywhere"</button>
                                </form>
                            </div>
                        }
                    })
                })
            }}
        </Suspense>
    }
}
