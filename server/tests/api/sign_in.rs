use crate::{on_both_databases, on_both_databases_with};
use axum::http::StatusCode;

on_both_databases! {
    async fn emailed_link_opens_a_confirm_page_whose_button_signs_in(app) {
        let mut visitor = app.visitor();
        let asked = visitor.post("/sign-in", &[("email", "  New.Person@Example.org ")]).await;
        assert_eq!(asked.status, StatusCode::SEE_OTHER);
        assert_eq!(asked.location(), "/sign-in/check-email");

        let email = app.smtp().wait_for(1).await.pop().unwrap();
        assert_eq!(email.recipients, vec!["new.person@example.org"]);
        assert_eq!(email.subject(), "Your sign-in link for Our Words");
        assert!(email.text_body().contains("works once, for 15 minutes"));
        assert!(email.html_body().contains("Open this link to sign in"));
        let link = email.link();
        assert!(link.starts_with("http://127.0.0.1:3000/sign-in/confirm?token="));

        // A mail scanner opening the link (twice) must not use it up.
        let path = link.trim_start_matches("http://127.0.0.1:3000");
        for _ in 0..2 {
            let page = visitor.get(path).await;
            assert_eq!(page.status, StatusCode::OK);
            assert!(page.text().contains("Press the button to finish signing in"));
            assert!(visitor.cookie.is_none());
        }

        let signed_in = visitor.post("/sign-in/confirm", &[("token", &email.sign_in_token())]).await;
        assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
        let cookie = signed_in.headers.get("set-cookie").unwrap().to_str().unwrap().to_owned();
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");

        let account = visitor.get(signed_in.location()).await;
        assert_eq!(account.status, StatusCode::OK);
        assert!(account.text().contains("You are signed in."));
        assert!(account.text().contains("new.person@example.org"));
        assert!(account.text().contains("Signed in as new.person@example.org"));
    }

    async fn a_link_works_only_once(app) {
        let mut first = app.visitor();
        first.sign_in_as("participant@example.org").await;
        let token = app.smtp().messages()[0].sign_in_token();

        let mut second = app.visitor();
        let again = second.post("/sign-in/confirm", &[("token", &token)]).await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(again.text().contains("This sign-in link has already been used."));
        assert!(second.cookie.is_none());
    }

    async fn an_expired_link_says_so_and_offers_a_new_one(app) {
        let mut visitor = app.visitor();
        visitor.post("/sign-in", &[("email", "participant@example.org")]).await;
        let token = app.smtp().wait_for(1).await[0].sign_in_token();
        sqlx::query("UPDATE sign_in_tokens SET expires_at = expires_at - 16 * 60")
            .execute(&app.state.db.pool)
            .await
            .unwrap();

        let response = visitor.post("/sign-in/confirm", &[("token", &token)]).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(response.text().contains("This sign-in link has expired. Links work for 15 minutes."));
        assert!(response.text().contains("Ask for a new sign-in link"));
        assert!(visitor.cookie.is_none());
    }

    async fn a_made_up_token_is_refused(app) {
        let mut visitor = app.visitor();
        let response = visitor.post("/sign-in/confirm", &[("token", "not-a-real-token")]).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(response.text().contains("This sign-in link is not valid."));
    }

    async fn tokens_and_sessions_are_stored_only_as_hashes(app) {
        let mut visitor = app.visitor();
        visitor.sign_in_as("participant@example.org").await;
        let token = app.smtp().messages()[0].sign_in_token();
        let session = visitor.cookie.clone().unwrap();
        let session_secret = session.split_once('=').unwrap().1;
        assert_eq!(app.scalar("SELECT COUNT(*) FROM sign_in_tokens WHERE token_hash = $1", &token).await, 0);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM sessions WHERE id_hash = $1", session_secret).await, 0);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM sessions WHERE id_hash <> $1", session_secret).await, 1);
    }

    async fn a_bad_address_gets_a_plain_message_and_keeps_what_was_typed(app) {
        let mut visitor = app.visitor();
        let response = visitor.post("/sign-in", &[("email", "sam at example dot org")]).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(response.text().contains("There is a problem"));
        assert!(response.text().contains("Enter an email address in the correct format, like name@example.com"));
        assert!(response.body.contains(r#"value="sam at example dot org""#));
        assert!(app.smtp().messages().is_empty());
    }

    async fn unknown_and_known_addresses_get_the_same_answer(app) {
        let mut visitor = app.visitor();
        let known = visitor.post("/sign-in", &[("email", "participant@example.org")]).await;
        let unknown = visitor.post("/sign-in", &[("email", "nobody-yet@example.org")]).await;
        assert_eq!(known.status, unknown.status);
        assert_eq!(known.location(), unknown.location());
    }

    async fn a_flood_of_links_for_one_address_is_rate_limited(app) {
        let mut visitor = app.visitor();
        for _ in 0..5 {
            let ok = visitor.post("/sign-in", &[("email", "participant@example.org")]).await;
            assert_eq!(ok.status, StatusCode::SEE_OTHER);
        }
        // From another connection too: the limit is per address, shared by all servers.
        let mut elsewhere = app.visitor();
        elsewhere.client = "198.51.100.9:40000".parse().unwrap();
        let refused = elsewhere.post("/sign-in", &[("email", "Participant@example.org")]).await;
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(refused.text().contains("We have already sent 5 sign-in links to that address in the last hour."));
        assert!(refused.body.contains(r#"value="Participant@example.org""#));
        assert_eq!(app.smtp().wait_for(5).await.len(), 5);
    }

    async fn a_flood_of_requests_from_one_client_is_rate_limited(app) {
        let mut visitor = app.visitor();
        for n in 0..30 {
            let email = format!("person{n}@example.org");
            let ok = visitor.post("/sign-in", &[("email", &email)]).await;
            assert_eq!(ok.status, StatusCode::SEE_OTHER, "request {n}");
        }
        let refused = visitor.post("/sign-in", &[("email", "one-more@example.org")]).await;
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(refused.text().contains("too many sign-in requests from your connection"));
    }

    async fn each_sign_in_gets_a_new_session_and_signing_out_ends_it(app) {
        let mut visitor = app.visitor();
        visitor.sign_in_as("participant@example.org").await;
        let first = visitor.cookie.clone().unwrap();
        visitor.sign_in_as("participant@example.org").await;
        let second = visitor.cookie.clone().unwrap();
        assert_ne!(first, second);

        // The earlier session on this browser was ended when the new one began.
        let mut old = app.visitor();
        old.cookie = Some(first);
        assert!(!old.get("/account").await.text().contains("Signed in as"));

        let out = visitor.post("/sign-out", &[]).await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        assert_eq!(out.location(), "/signed-out");
        assert!(visitor.cookie.is_none());

        let mut stolen = app.visitor();
        stolen.cookie = Some(second);
        let account = stolen.get("/account").await;
        assert_eq!(account.status, StatusCode::UNAUTHORIZED);
        assert!(account.text().contains("Sign in to see this page"));
    }

    async fn sign_out_everywhere_ends_every_session_of_the_person_and_no_one_elses(app) {
        let mut phone = app.visitor();
        phone.sign_in_as("participant@example.org").await;
        let mut laptop = app.visitor();
        laptop.sign_in_as("participant@example.org").await;
        let mut someone_else = app.visitor();
        someone_else.sign_in_as("rep@example.org").await;

        let account = laptop.get("/account").await;
        assert!(account.body.contains(r#"action="/account/sign-out-everywhere""#), "the account page offers it");
        let out = laptop.post("/account/sign-out-everywhere", &[]).await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        assert_eq!(out.location(), "/signed-out?everywhere=1");
        assert!(laptop.cookie.is_none(), "this browser's cookie is removed");
        assert!(laptop.get(out.location()).await.text().contains("You are signed out on every phone, tablet and computer"));
        assert_eq!(phone.get("/account").await.status, StatusCode::UNAUTHORIZED, "the other device is signed out too");
        assert_eq!(someone_else.get("/account").await.status, StatusCode::OK);
    }

    async fn a_session_left_unused_ends_sooner_for_editors_than_for_participants(app) {
        let mut sam = app.visitor();
        sam.sign_in_as("participant@example.org").await;
        let mut priya = app.visitor();
        priya.sign_in_as("editor@example.org").await;
        let pool = &app.state.db.pool;
        let idle = |hours: i64| async move {
            sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE sessions SET last_seen_at = last_seen_at - {}", hours * 3600)))
                .execute(pool)
                .await
                .unwrap();
        };
        // Three hours without a request: over an editor's two, well within a week.
        idle(3).await;
        assert_eq!(sam.get("/account").await.status, StatusCode::OK);
        let editor = priya.get("/account").await;
        assert_eq!(editor.status, StatusCode::UNAUTHORIZED);
        assert!(editor.text().contains("Sign in to see this page"));
        // Using a session keeps it going: Sam's last use was just now.
        idle(6 * 24).await;
        assert_eq!(sam.get("/account").await.status, StatusCode::OK, "six days after the last use");
        idle(7 * 24).await;
        assert_eq!(sam.get("/account").await.status, StatusCode::UNAUTHORIZED, "a week unused");
    }

    async fn changing_someones_roles_ends_their_sessions(app) {
        let mut carer = app.visitor();
        carer.sign_in_as("carer@example.org").await;
        let id = app.scalar("SELECT id FROM users WHERE email = $1", "carer@example.org").await;
        let mut admin = app.visitor();
        admin.sign_in_as("admin@example.org").await;
        // Saving the same roles changes nothing and ends nothing.
        assert_eq!(admin.post(&format!("/admin/people/{id}"), &[("action", "roles")]).await.status, StatusCode::SEE_OTHER);
        assert_eq!(carer.get("/account").await.status, StatusCode::OK);
        assert_eq!(admin.post(&format!("/admin/people/{id}"), &[("action", "roles"), ("editor", "yes")]).await.status, StatusCode::SEE_OTHER);
        assert_eq!(carer.get("/account").await.status, StatusCode::UNAUTHORIZED, "signs in again to act as an editor");
        carer.sign_in_as("carer@example.org").await;
        assert!(carer.get("/account").await.text().contains("Editor"));
    }
}

/// Ask for a link from `client`, through a proxy on this machine that says whom it
/// forwarded for.
async fn ask_through_proxy(
    app: &crate::support::TestApp,
    forwarded_for: &str,
    email: &str,
) -> StatusCode {
    let mut visitor = app.visitor();
    visitor.client = "127.0.0.1:40000".parse().unwrap();
    visitor
        .post_with_headers(
            "/sign-in",
            &[("email", email)],
            &[
                ("origin", crate::support::ORIGIN),
                ("x-forwarded-for", forwarded_for),
            ],
        )
        .await
        .status
}

on_both_databases_with! { &[("OUR_WORDS_TRUSTED_PROXIES", "127.0.0.1, ::1")];
    async fn behind_a_trusted_proxy_each_client_has_its_own_sign_in_limit(app) {
        for n in 0..30 {
            assert_eq!(ask_through_proxy(&app, "203.0.113.7", &format!("a{n}@example.org")).await, StatusCode::SEE_OTHER, "request {n}");
        }
        assert_eq!(ask_through_proxy(&app, "203.0.113.7", "a-more@example.org").await, StatusCode::TOO_MANY_REQUESTS);
        // Someone else behind the same proxy is not held back by the first.
        assert_eq!(ask_through_proxy(&app, "198.51.100.4", "b@example.org").await, StatusCode::SEE_OTHER);
        // Nor can the first escape by writing another address into the header: the proxy
        // appends what it saw, and only that right-most entry is believed.
        assert_eq!(ask_through_proxy(&app, "198.51.100.99, 203.0.113.7", "a-again@example.org").await, StatusCode::TOO_MANY_REQUESTS);
    }

    async fn an_ipv6_client_is_counted_by_its_slash_64(app) {
        for n in 0..30 {
            let client = format!("2001:db8:7:1::{:x}", n + 1);
            assert_eq!(ask_through_proxy(&app, &client, &format!("v{n}@example.org")).await, StatusCode::SEE_OTHER, "request {n}");
        }
        assert_eq!(ask_through_proxy(&app, "2001:db8:7:1:ffff::1", "v-more@example.org").await, StatusCode::TOO_MANY_REQUESTS, "a new address in the same /64");
        assert_eq!(ask_through_proxy(&app, "2001:db8:7:2::1", "w@example.org").await, StatusCode::SEE_OTHER, "the next /64 is someone else");
    }
}

on_both_databases! {
    async fn a_forwarded_address_is_not_believed_unless_its_proxy_is_trusted(app) {
        // No OUR_WORDS_TRUSTED_PROXIES: every request from the "proxy" is one client,
        // whatever the header says.
        for n in 0..30 {
            assert_eq!(ask_through_proxy(&app, &format!("203.0.113.{n}"), &format!("p{n}@example.org")).await, StatusCode::SEE_OTHER, "request {n}");
        }
        assert_eq!(ask_through_proxy(&app, "198.51.100.200", "p-more@example.org").await, StatusCode::TOO_MANY_REQUESTS);
    }

    async fn rate_limit_counts_of_clients_that_never_return_are_purged_after_a_day(app) {
        sqlx::query("INSERT INTO rate_limit_hits (bucket, hit_at) VALUES ('sign-in-client:192.0.2.1', 1000), ('sign-in-client:192.0.2.2', $1)")
            .bind(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64 - 600)
            .execute(&app.state.db.pool)
            .await
            .unwrap();
        assert_eq!(app.visitor().post("/sign-in", &[("email", "someone@example.org")]).await.status, StatusCode::SEE_OTHER);
        let buckets: Vec<String> = sqlx::query_scalar("SELECT bucket FROM rate_limit_hits WHERE bucket LIKE 'sign-in-client:192.0.2.%' ORDER BY bucket")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
        assert_eq!(buckets, ["sign-in-client:192.0.2.2"], "the old count went, the recent one stays");
    }
}
