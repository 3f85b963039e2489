use crate::{on_both_databases, support::ORIGIN};
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
        assert_eq!(header("referrer-policy"), "no-referrer");
        assert_eq!(header("cache-control"), "no-store");
    }

    async fn health_check_reports_a_working_database(app) {
        let health = app.visitor().get("/healthz").await;
        assert_eq!(health.status, StatusCode::OK);
        assert_eq!(health.body, "ok");
    }
}
