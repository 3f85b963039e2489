use crate::{on_both_databases, on_both_databases_with, support::ORIGIN};
use axum::http::StatusCode;

on_both_databases! {
    async fn a_cross_site_post_is_refused_and_does_nothing(app) {
        let mut visitor = app.visitor();
        let cross_site = visitor
            .post_with_headers("/sign-in", &[("email", "participant@example.org")], &[("sec-fetch-site", "cross-site"), ("origin", "https://evil.example")])
            .await;
        assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
        assert!(cross_site.text().contains("This form came from another website"));

        let old_browser = visitor
            .post_with_headers("/sign-in", &[("email", "participant@example.org")], &[("origin", "https://evil.example")])
            .await;
        assert_eq!(old_browser.status, StatusCode::FORBIDDEN);

        let no_origin = visitor.post_with_headers("/sign-in", &[("email", "participant@example.org")], &[]).await;
        assert_eq!(no_origin.status, StatusCode::FORBIDDEN);

        // Server functions are covered too.
        let server_fn = visitor.post_with_headers("/api/anything", &[], &[("sec-fetch-site", "cross-site")]).await;
        assert_eq!(server_fn.status, StatusCode::FORBIDDEN);

        assert_eq!(app.scalar("SELECT COUNT(*) FROM sign_in_tokens WHERE email <> $1", "").await, 0);
        assert!(app.smtp().messages().is_empty());

        let ours = visitor.post_with_headers("/sign-in", &[("email", "participant@example.org")], &[("origin", ORIGIN)]).await;
        assert_eq!(ours.status, StatusCode::SEE_OTHER);
    }

    async fn pages_carry_security_headers(app) {
        let page = app.visitor().get("/").await;
        let header = |name: &str| page.headers.get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        let csp = header("content-security-policy");
        assert!(csp.contains("script-src 'self' 'nonce-"), "{csp}");
        assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(csp.contains("object-src 'none'"), "{csp}");
        let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
        assert!(page.body.contains(&format!("nonce=\"{nonce}\"")), "the hydration script carries the nonce");
        assert_eq!(header("x-content-type-options"), "nosniff");
        // Keeps the origin on our own form posts (see the next test), sends nothing to
        // other sites.
        assert_eq!(header("referrer-policy"), "same-origin");
        assert_eq!(header("cache-control"), "no-store");
        assert_eq!(header("cross-origin-opener-policy"), "same-origin");
        assert_eq!(header("cross-origin-resource-policy"), "same-origin");
        let permissions = header("permissions-policy");
        for feature in ["camera=()", "microphone=()", "geolocation=()"] {
            assert!(permissions.contains(feature), "{permissions}");
        }
        // What a server function answers is kept out of caches too.
        let answer = app.visitor().post_with_headers("/api/anything", &[], &[("origin", ORIGIN)]).await;
        assert_eq!(answer.headers.get("cache-control").map(|v| v.to_str().unwrap()), Some("no-store"));
    }

    async fn our_own_form_posts_are_accepted_with_the_headers_each_kind_of_browser_sends(app) {
        // What a browser sends on a form post from our page, under our same-origin
        // Referrer-Policy (Fetch standard, "append a request Origin header"):
        let browsers: [(&str, &[(&str, &str)]); 2] = [
            // Chrome, Firefox, Edge, Safari 16.4 and later, on https or localhost.
            ("a browser with fetch metadata", &[("sec-fetch-site", "same-origin"), ("origin", ORIGIN)]),
            // Safari before 16.4 (no fetch metadata at all).
            ("a browser without fetch metadata", &[("origin", ORIGIN)]),
        ];
        for (browser, headers) in browsers {
            let mut visitor = app.visitor();
            let posted = visitor.post_with_headers("/sign-in", &[("email", "participant@example.org")], headers).await;
            assert_eq!(posted.status, StatusCode::SEE_OTHER, "{browser}: {}", posted.text());
        }
        // Under `no-referrer` those same browsers send `Origin: null`, which cannot be told
        // from a post by another site: refused. Hence the policy the pages send.
        let null_origin = app.visitor().post_with_headers("/sign-in", &[("email", "participant@example.org")], &[("origin", "null")]).await;
        assert_eq!(null_origin.status, StatusCode::FORBIDDEN);
        assert_eq!(app.visitor().get("/").await.headers.get("referrer-policy").unwrap(), "same-origin");
    }
}

on_both_databases_with! { &[("OUR_WORDS_BASE_URL", "http://192.168.1.20:3000")];
    async fn our_own_form_posts_are_accepted_on_a_plain_http_address_other_than_localhost(app) {
        // Browsers send no fetch metadata to a plain-http address that is not localhost
        // (it is not a "potentially trustworthy" origin), only the origin.
        let posted = app.visitor()
            .post_with_headers("/sign-in", &[("email", "participant@example.org")], &[("origin", "http://192.168.1.20:3000")])
            .await;
        assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.text());
        let elsewhere = app.visitor()
            .post_with_headers("/sign-in", &[("email", "participant@example.org")], &[("origin", "http://192.168.1.21:3000")])
            .await;
        assert_eq!(elsewhere.status, StatusCode::FORBIDDEN);
    }

    async fn health_check_reports_a_working_database(app) {
        let health = app.visitor().get("/healthz").await;
        assert_eq!(health.status, StatusCode::OK);
        assert_eq!(health.body, "ok");
    }
}
