//! Email that reaches inboxes (issue 12, part 3): every message DKIM-signed when a key is
//! configured, a version's emails carrying one-click unsubscribe (RFC 8058) that works
//! from a mail program with no cookies and never from merely opening the link, and
//! sign-in links that never hold the request on a slow mail server.

use crate::{
    events::{event, facilitator, recorded},
    on_both_databases,
    publishing::{answer_all, close_round, consultation},
    support::{
        Backend, Options, TestApp,
        dkim::{self, TEST_KEY_FILE},
        smtp::{Faults, Received},
        spawn_app, spawn_app_with_vars,
    },
    two_rounds,
};
use axum::http::StatusCode;
use std::time::Duration;

const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";

/// Version 1 published from the `consultation` (participant, representative and a
/// person who opted out on their account page), and its emails sent.
async fn published_and_sent(app: &TestApp) -> Vec<Received> {
    consultation(app).await;
    let mut editor = app.visitor();
    editor.sign_in_as("editor@example.org").await;
    close_round(app, &mut editor).await;
    answer_all(app, &mut editor, "noted").await;
    two_rounds::publish(&mut editor, "Version one.").await;
    let before = app.smtp().messages().len();
    let sent = app::server::outbox::drain_once(&app.state).await.unwrap();
    app.smtp().wait_for(before + sent).await.split_off(before)
}

fn to<'a>(emails: &'a [Received], address: &str) -> &'a Received {
    emails
        .iter()
        .find(|e| e.recipients == [address])
        .unwrap_or_else(|| panic!("an email to {address}"))
}

/// The address in an email's `List-Unsubscribe: <…>`, as a path on the app.
fn unsubscribe_path(email: &Received) -> String {
    let header = dkim::header(&email.data, "List-Unsubscribe").expect("a List-Unsubscribe header");
    let url = header.trim_start_matches('<').trim_end_matches('>');
    let url = url::Url::parse(url).unwrap();
    url.path().to_owned()
}

async fn opted_out(app: &TestApp, email: &str) -> i64 {
    app.scalar("SELECT email_opt_out FROM users WHERE email = $1", email)
        .await
}

/// A mail program's one-click unsubscribe: a POST from its own servers, no cookies, a
/// foreign origin or none, no fetch metadata, no submission key.
async fn one_click(app: &TestApp, path: &str) -> crate::support::TestResponse {
    app.visitor()
        .post_with_headers(
            path,
            &[("List-Unsubscribe", "One-Click")],
            &[("origin", "https://mail.example.com")],
        )
        .await
}

/// Sam, with a comment on CI-1 in a second round, answered and published as version 2.
async fn second_version(app: &TestApp) {
    two_rounds::a_month_passes(app).await;
    let mut editor = app.visitor();
    editor.sign_in_as("editor@example.org").await;
    let round = two_rounds::open_round(&mut editor, "Second round").await;
    let mut sam = app.visitor();
    sam.sign_in_as("participant@example.org").await;
    crate::comments::comment(&mut sam, CI1, &[("body", "Still about friends.")]).await;
    two_rounds::close_round(&mut editor, round).await;
    let id = two_rounds::comment_id(app, "Still about friends.").await;
    two_rounds::answer(&mut editor, round, id, "noted", "Noted for later.").await;
    two_rounds::publish(&mut editor, "Version two.").await;
}

async fn queued_for(app: &TestApp, address: &str, batch: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE recipient = $1 AND batch = $2")
        .bind(address)
        .bind(batch)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

on_both_databases! {
    async fn a_versions_email_carries_one_click_unsubscribe_headers_and_a_link_in_its_words(app) {
        let emails = published_and_sent(&app).await;
        let email = to(&emails, "participant@example.org");
        let header = dkim::header(&email.data, "List-Unsubscribe").expect("List-Unsubscribe");
        assert!(header.starts_with("<http://127.0.0.1:3000/unsubscribe/u"), "{header}");
        assert_eq!(
            dkim::header(&email.data, "List-Unsubscribe-Post").as_deref(),
            Some("List-Unsubscribe=One-Click")
        );
        let path = unsubscribe_path(email);
        assert!(email.text_body().contains(&format!("Stop these emails: http://127.0.0.1:3000{path}")));
        assert!(email.html_body().contains(&format!(r#"href="http://127.0.0.1:3000{path}""#)));
        // Each person's link is their own.
        assert_ne!(unsubscribe_path(to(&emails, "rep@example.org")), path);
        // A sign-in link is asked for, one at a time: no unsubscribe there.
        let sign_in = app.smtp().messages().into_iter().find(|m| m.subject().contains("sign-in")).unwrap();
        assert_eq!(dkim::header(&sign_in.data, "List-Unsubscribe"), None);
    }

    async fn a_mail_programs_one_click_post_stops_the_next_versions_email(app) {
        let emails = published_and_sent(&app).await;
        let path = unsubscribe_path(to(&emails, "participant@example.org"));
        assert_eq!(opted_out(&app, "participant@example.org").await, 0);

        let stopped = one_click(&app, &path).await;
        assert_eq!(stopped.status, StatusCode::OK, "{}", stopped.text());
        assert!(stopped.text().contains("You have unsubscribed"), "{}", stopped.text());
        assert_eq!(opted_out(&app, "participant@example.org").await, 1);
        // Sent again (mail programs retry): still done, still fine.
        assert_eq!(one_click(&app, &path).await.status, StatusCode::OK);

        second_version(&app).await;
        assert_eq!(queued_for(&app, "participant@example.org", "publication:2").await, 0, "no email for them");
        // The choice is the one on their account page.
        let mut sam = app.visitor();
        sam.sign_in_as("participant@example.org").await;
        let account = sam.get("/account").await;
        assert!(crate::html::has(&account.body, "input#email_opt_out[checked]"), "{}", account.body);
    }

    async fn a_one_click_post_sent_as_multipart_with_no_headers_at_all_works(app) {
        let emails = published_and_sent(&app).await;
        let path = unsubscribe_path(to(&emails, "rep@example.org"));
        let stopped = app.visitor().post_multipart(&path, &[("List-Unsubscribe", "One-Click")], None).await;
        assert_eq!(stopped.status, StatusCode::OK, "{}", stopped.text());
        assert_eq!(opted_out(&app, "rep@example.org").await, 1);
        assert_eq!(opted_out(&app, "participant@example.org").await, 0, "only theirs");
    }

    async fn opening_the_unsubscribe_link_changes_nothing_until_the_button_is_pressed(app) {
        let emails = published_and_sent(&app).await;
        let path = unsubscribe_path(to(&emails, "participant@example.org"));
        // Signed out, as someone opening the email on another device is.
        let mut person = app.visitor();
        let page = person.get(&path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("Stop emails about new versions"), "{}", page.text());
        assert!(page.body.contains(&format!(r#"<form method="post" action="{path}">"#)), "{}", page.body);
        assert_eq!(opted_out(&app, "participant@example.org").await, 0, "a GET never unsubscribes");

        let pressed = person.post(&path, &[]).await;
        assert_eq!(pressed.status, StatusCode::SEE_OTHER);
        assert_eq!(pressed.location(), path);
        assert_eq!(opted_out(&app, "participant@example.org").await, 1);
        let done = person.get(&path).await.text();
        assert!(done.contains("You have unsubscribed. We will not email you when a new version is published."), "{done}");
        assert!(done.contains("Send me these emails again"), "{done}");
        assert!(done.contains("your account page"), "{done}");

        let again = person.post(&format!("{path}/start-again"), &[]).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER);
        assert_eq!(opted_out(&app, "participant@example.org").await, 0);
        let back = person.get(again.location()).await.text();
        assert!(back.contains("You will get emails from Our Words again"), "{back}");
    }

    async fn turning_emails_back_on_from_another_site_is_refused(app) {
        let emails = published_and_sent(&app).await;
        let path = unsubscribe_path(to(&emails, "participant@example.org"));
        one_click(&app, &path).await;
        let forged = app
            .visitor()
            .post_with_headers(&format!("{path}/start-again"), &[], &[("origin", "https://evil.example")])
            .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        assert_eq!(opted_out(&app, "participant@example.org").await, 1);
    }

    async fn a_forged_unsubscribe_link_gets_a_plain_message_and_changes_nothing(app) {
        let emails = published_and_sent(&app).await;
        let path = unsubscribe_path(to(&emails, "participant@example.org"));
        let rep = app.scalar("SELECT id FROM users WHERE email = $1", "rep@example.org").await;
        let signature = path.rsplit_once('.').unwrap().1;
        // Someone else's id with this signature, a changed signature, and no signature.
        for forged in [
            format!("/unsubscribe/u{rep}.{signature}"),
            format!("{path}A"),
            format!("/unsubscribe/u{rep}"),
        ] {
            let page = app.visitor().get(&forged).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{forged}");
            assert!(page.text().contains("This unsubscribe link does not work. Check you used the whole link from the email. Nothing has been changed."), "{}", page.text());
            let posted = one_click(&app, &forged).await;
            assert_eq!(posted.status, StatusCode::NOT_FOUND, "{forged}");
            assert!(posted.text().contains("This unsubscribe link does not work"));
        }
        assert_eq!(opted_out(&app, "rep@example.org").await, 0);
        assert_eq!(opted_out(&app, "participant@example.org").await, 0);
    }

    async fn someone_recorded_at_an_event_can_stop_their_emails_from_the_link(app) {
        crate::comments::open_round(&app).await;
        let mut them = facilitator(&app, "facilitator@example.org").await;
        let path = event(&mut them).await;
        recorded(&mut them, &path, &[("person_name", "Morag"), ("hear_back", "email"), ("email", "morag@example.org"), ("body", "Email me please.")]).await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        close_round(&app, &mut editor).await;
        answer_all(&app, &mut editor, "noted").await;
        two_rounds::publish(&mut editor, "Version one.").await;
        let before = app.smtp().messages().len();
        let sent = app::server::outbox::drain_once(&app.state).await.unwrap();
        let emails = app.smtp().wait_for(before + sent).await.split_off(before);
        let link = unsubscribe_path(to(&emails, "morag@example.org"));
        assert!(link.starts_with("/unsubscribe/p"), "{link}");
        assert!(to(&emails, "morag@example.org").text_body().contains("Stop these emails: "));

        let page = app.visitor().get(&link).await;
        assert!(!page.text().contains("account page"), "they have no account: {}", page.text());
        assert_eq!(one_click(&app, &link).await.status, StatusCode::OK);
        let stopped = app.scalar("SELECT email_opt_out FROM event_participants WHERE email = $1", "morag@example.org").await;
        assert_eq!(stopped, 1);
        let still = app.scalar("SELECT COUNT(*) FROM event_participants WHERE email = $1 AND hear_back = 'email'", "morag@example.org").await;
        assert_eq!(still, 1, "the facilitator's record of how they asked to hear back is kept");
        let done = app.visitor().get(&link).await.text();
        assert!(done.contains("You have unsubscribed"), "{done}");
        assert!(done.contains("Send me these emails again"), "{done}");
    }
}

/// The app with the test DKIM key, sending as `no-reply@ourwords.example.org`.
async fn signing_app(backend: Backend) -> TestApp {
    spawn_app_with_vars(
        backend,
        Options { smtp: true },
        &[
            ("OUR_WORDS_DKIM_KEY_FILE", TEST_KEY_FILE),
            ("OUR_WORDS_DKIM_SELECTOR", "test2026"),
            (
                "OUR_WORDS_MAIL_FROM",
                "Our Words <no-reply@ourwords.example.org>",
            ),
        ],
    )
    .await
}

async fn every_email_is_dkim_signed_for_the_senders_domain(backend: Backend) {
    let app = signing_app(backend).await;
    let emails = published_and_sent(&app).await;
    let key = dkim::test_public_key();
    let sign_in = app
        .smtp()
        .messages()
        .into_iter()
        .find(|m| m.subject().contains("sign-in"))
        .unwrap();
    for email in [to(&emails, "participant@example.org"), &sign_in] {
        let tags =
            dkim::verify(&email.data, &key).unwrap_or_else(|e| panic!("{e}\n{}", email.data));
        assert_eq!(tags["d"], "ourwords.example.org");
        assert_eq!(tags["s"], "test2026");
        let signed: Vec<String> = tags["h"].split(':').map(str::to_ascii_lowercase).collect();
        for header in [
            "from",
            "to",
            "subject",
            "date",
            "message-id",
            "list-unsubscribe",
            "list-unsubscribe-post",
        ] {
            assert!(
                signed.iter().any(|h| h == header),
                "{header} is signed: {signed:?}"
            );
        }
    }
    // A changed body no longer verifies: the check can fail.
    let email = to(&emails, "participant@example.org");
    let tampered = email.data.replacen("Say friends", "Say Friends", 1);
    assert_ne!(tampered, email.data);
    assert!(dkim::verify(&tampered, &key).is_err());
    let redirected = email.data.replacen("/unsubscribe/u", "/unsubscribe/x", 1);
    assert!(
        dkim::verify(&redirected, &key).is_err(),
        "the unsubscribe address is covered"
    );
}

#[tokio::test]
async fn every_email_is_dkim_signed_for_the_senders_domain_on_sqlite() {
    every_email_is_dkim_signed_for_the_senders_domain(Backend::Sqlite).await;
}

#[tokio::test]
async fn every_email_is_dkim_signed_for_the_senders_domain_on_postgres() {
    every_email_is_dkim_signed_for_the_senders_domain(Backend::Postgres).await;
}

#[tokio::test]
async fn without_a_key_emails_go_unsigned() {
    let app = spawn_app(Backend::Sqlite).await;
    let mut visitor = app.visitor();
    visitor.sign_in_as("participant@example.org").await;
    let sign_in = app.smtp().messages().pop().unwrap();
    assert_eq!(dkim::header(&sign_in.data, "DKIM-Signature"), None);
}

#[test]
fn a_dkim_key_in_either_pem_form_is_accepted_and_its_selector_and_domain_used() {
    use rsa::{
        RsaPrivateKey,
        pkcs1::EncodeRsaPrivateKey,
        pkcs8::{DecodePrivateKey, LineEnding},
    };
    let pkcs8 = std::fs::read_to_string(TEST_KEY_FILE).unwrap();
    let pkcs1 = RsaPrivateKey::from_pkcs8_pem(&pkcs8)
        .unwrap()
        .to_pkcs1_pem(LineEnding::LF)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pkcs1_file = dir.path().join("dkim.pem");
    std::fs::write(&pkcs1_file, pkcs1.as_bytes()).unwrap();
    for file in [TEST_KEY_FILE, pkcs1_file.to_str().unwrap()] {
        let vars = [
            ("OUR_WORDS_DKIM_KEY_FILE", file),
            ("OUR_WORDS_DKIM_SELECTOR", "test2026"),
            ("OUR_WORDS_MAIL_FROM", "no-reply@ourwords.example.org"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let config = app::server::Config::from_map(&vars).unwrap();
        let dkim = config.dkim.as_ref().expect("signing on");
        assert_eq!(
            (dkim.selector(), dkim.domain()),
            ("test2026", "ourwords.example.org")
        );
        assert!(
            !format!("{config:?}").contains("PRIVATE KEY"),
            "the key never shows in logs"
        );
    }
}

async fn a_sign_in_request_answers_while_a_slow_mail_server_still_takes_the_link(backend: Backend) {
    let app = spawn_app_with_vars(
        backend,
        Options { smtp: true },
        &[("OUR_WORDS_SIGN_IN_MAIL_WAIT", "1")],
    )
    .await;
    app.smtp().set_faults(Faults {
        slow_end_of_data: Duration::from_secs(3),
        ..Faults::default()
    });
    let mut visitor = app.visitor();
    let asked = visitor
        .post("/sign-in", &[("email", "participant@example.org")])
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.text());
    assert_eq!(
        asked.location(),
        "/sign-in/check-email?sending=1",
        "answered before the server took the email"
    );
    let page = visitor.get(asked.location()).await.text();
    assert!(page.contains("We are sending your sign-in link. Our email service is slow just now, so it may take a few minutes to arrive."), "{page}");

    // The email still arrives, and its link signs the person in.
    let email = app.smtp().wait_for(1).await.pop().unwrap();
    assert_eq!(email.recipients, ["participant@example.org"]);
    let signed_in = visitor
        .post("/sign-in/confirm", &[("token", &email.sign_in_token())])
        .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.location(), "/account?signed_in=1");
}

#[tokio::test]
async fn a_sign_in_request_answers_while_a_slow_mail_server_still_takes_the_link_on_sqlite() {
    a_sign_in_request_answers_while_a_slow_mail_server_still_takes_the_link(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_sign_in_request_answers_while_a_slow_mail_server_still_takes_the_link_on_postgres() {
    a_sign_in_request_answers_while_a_slow_mail_server_still_takes_the_link(Backend::Postgres)
        .await;
}

#[tokio::test]
async fn a_quick_mail_server_gets_the_sign_in_link_before_the_answer() {
    let app = spawn_app(Backend::Sqlite).await;
    let asked = app
        .visitor()
        .post("/sign-in", &[("email", "participant@example.org")])
        .await;
    assert_eq!(asked.location(), "/sign-in/check-email");
    assert_eq!(
        app.smtp().messages().len(),
        1,
        "sent while the request waited"
    );
}
