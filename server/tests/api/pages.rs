use crate::{
    on_both_databases,
    support::{Backend, Options, spawn_app_with},
};
use axum::http::StatusCode;

on_both_databases! {
    async fn home_lists_the_demo_framework(app) {
        let home = app.visitor().get("/").await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(home.body.contains("<title>Our Words</title>"));
        assert!(home.text().contains("National Care Service standards (demo)"));
        assert!(home.text().contains("14 I statements"));
    }

    async fn framework_page_lists_every_theme_with_its_statements(app) {
        let page = app.visitor().get("/frameworks/national-care-service-demo").await;
        assert_eq!(page.status, StatusCode::OK);
        let text = page.text();
        let themes = ["Home and living arrangements", "Personalised support", "Community inclusion", "Wellbeing and fulfilment"];
        let positions: Vec<usize> = themes.iter().map(|t| text.find(t).unwrap_or_else(|| panic!("{t} missing"))).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "themes in order");
        assert!(text.contains("CI-1 I'm able to spend time with people important to me."));
        assert!(page.body.contains(r#"href="/frameworks/national-care-service-demo/statements/HL-1""#));
    }

    async fn statement_page_shows_the_current_text_and_where_it_belongs(app) {
        let page = app.visitor().get("/frameworks/national-care-service-demo/statements/CI-1").await;
        assert_eq!(page.status, StatusCode::OK);
        let text = page.text();
        assert!(text.contains("I'm able to spend time with people important to me."));
        assert!(text.contains("CI-1 · Community inclusion"));
        assert!(text.contains("Draft 1, last changed on"));
        assert!(page.body.contains("<title>CI-1: I&#x27;m able to spend time") || page.body.contains("<title>CI-1: I'm able to spend time"));
    }

    async fn unknown_pages_say_not_found_in_plain_words(app) {
        let mut visitor = app.visitor();
        for path in ["/frameworks/nope", "/frameworks/national-care-service-demo/statements/ZZ-9", "/no/such/page"] {
            let page = visitor.get(path).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
            assert!(page.text().contains("Page not found"), "{path}");
        }
    }

    async fn the_local_mailbox_is_hidden_when_smtp_is_configured(app) {
        let page = app.visitor().get("/dev/mailbox").await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert!(!app.visitor().get("/").await.text().contains("Local mailbox"));
    }
}

async fn local_mailbox_shows_the_sign_in_email_written_to_a_file(backend: Backend) {
    let app = spawn_app_with(backend, Options { smtp: false }).await;
    let mut visitor = app.visitor();
    assert_eq!(
        visitor
            .post("/sign-in", &[("email", "participant@example.org")])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let mailbox = visitor.get("/dev/mailbox").await;
    assert_eq!(mailbox.status, StatusCode::OK);
    assert!(
        mailbox
            .text()
            .contains("Your sign-in link for Our Words to participant@example.org")
    );
    let href = mailbox
        .body
        .split("href=\"/dev/mailbox/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let message = visitor.get(&format!("/dev/mailbox/{href}")).await;
    assert_eq!(message.status, StatusCode::OK);
    let link = message
        .body
        .split("href=\"http://127.0.0.1:3000/sign-in/confirm?token=")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let signed_in = visitor.post("/sign-in/confirm", &[("token", &link)]).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert!(
        visitor
            .get("/account")
            .await
            .text()
            .contains("participant@example.org")
    );
    assert_eq!(
        visitor
            .get("/dev/mailbox/..%2F..%2Fetc%2Fpasswd")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn local_mailbox_shows_the_sign_in_email_written_to_a_file_sqlite() {
    local_mailbox_shows_the_sign_in_email_written_to_a_file(Backend::Sqlite).await;
}

#[tokio::test]
async fn local_mailbox_shows_the_sign_in_email_written_to_a_file_postgres() {
    local_mailbox_shows_the_sign_in_email_written_to_a_file(Backend::Postgres).await;
}

/// The browser's download (wasm, JS, CSS) comes compressed when it asks; pages never do,
/// because they carry per-person secrets next to text people typed.
#[tokio::test]
async fn static_assets_are_compressed_and_pages_are_not() {
    use axum::{body::Body, http::Request};
    use tower::ServiceExt;
    let app = spawn_app_with(Backend::Sqlite, Options { smtp: false }).await;
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("pkg")).unwrap();
    let script = "export function hydrate() {}\n".repeat(200);
    std::fs::write(site.path().join("pkg/our-words.js"), &script).unwrap();
    let mut state = app.state.clone();
    state.leptos_options.site_root = site.path().to_string_lossy().into_owned().into();
    let router = server::router(state);
    let fetch = |path: &str| {
        Request::get(path)
            .header("accept-encoding", "br, gzip")
            .body(Body::empty())
            .unwrap()
    };

    let asset = router
        .clone()
        .oneshot(fetch("/pkg/our-words.js"))
        .await
        .unwrap();
    assert_eq!(asset.status(), StatusCode::OK);
    assert_eq!(asset.headers()["content-encoding"], "br");
    let compressed = axum::body::to_bytes(asset.into_body(), usize::MAX)
        .await
        .unwrap();
    assert!(
        compressed.len() < script.len() / 10,
        "{} bytes",
        compressed.len()
    );

    let page = router.oneshot(fetch("/")).await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.headers().get("content-encoding").is_none());
}
