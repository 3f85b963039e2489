use crate::on_both_databases;
use axum::http::StatusCode;

on_both_databases! {
    async fn an_admin_makes_someone_an_editor(app) {
        let mut admin = app.visitor();
        admin.sign_in_as("admin@example.org").await;
        let added = admin.post("/admin/people", &[("email", "Carer@Example.org")]).await;
        assert_eq!(added.status, StatusCode::SEE_OTHER);
        let person_page = added.location().split('?').next().unwrap().to_owned();
        assert!(admin.get(added.location()).await.text().contains("Person added."));

        let saved = admin.post(&person_page, &[("action", "roles"), ("editor", "yes")]).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
        let page = admin.get(saved.location()).await;
        assert!(page.text().contains("Roles saved."));
        assert!(page.body.contains(r#"id="editor" name="editor" value="yes" checked"#), "editor box stays ticked");

        let people = admin.get("/admin/people").await;
        assert!(people.text().contains("carer@example.org Participant, Editor (policy team)"), "{}", people.text());
        assert_eq!(app.scalar("SELECT is_editor FROM users WHERE email = $1", "carer@example.org").await, 1);
    }

    async fn a_participant_cannot_see_admin_pages_or_change_roles(app) {
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let own_id = app.scalar("SELECT id FROM users WHERE email = $1", "participant@example.org").await;

        assert_eq!(participant.get("/admin").await.status, StatusCode::FORBIDDEN);
        assert_eq!(participant.get("/admin/people").await.status, StatusCode::FORBIDDEN);
        let attempt = participant.post(&format!("/admin/people/{own_id}"), &[("action", "roles"), ("admin", "yes")]).await;
        assert_eq!(attempt.status, StatusCode::FORBIDDEN);
        assert!(attempt.text().contains("You cannot see this page"));
        assert_eq!(app.scalar("SELECT is_admin FROM users WHERE email = $1", "participant@example.org").await, 0);

        let mut stranger = app.visitor();
        assert_eq!(stranger.get("/admin/people").await.status, StatusCode::UNAUTHORIZED);
        let attempt = stranger.post("/admin/organisations", &[("name", "Sneaky Org")]).await;
        assert_eq!(attempt.status, StatusCode::UNAUTHORIZED);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM organisations WHERE name = $1", "Sneaky Org").await, 0);
    }

    async fn the_last_admin_cannot_remove_their_own_admin_role(app) {
        let mut admin = app.visitor();
        admin.sign_in_as("admin@example.org").await;
        let id = app.scalar("SELECT id FROM users WHERE email = $1", "admin@example.org").await;
        let refused = admin.post(&format!("/admin/people/{id}"), &[("action", "roles"), ("editor", "yes")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("This is the only admin."));
        assert_eq!(app.scalar("SELECT is_admin FROM users WHERE email = $1", "admin@example.org").await, 1);
    }

    async fn an_admin_adds_an_organisation_and_a_representative(app) {
        let mut admin = app.visitor();
        admin.sign_in_as("admin@example.org").await;
        let created = admin.post("/admin/organisations", &[("name", "  Carers   Together ")]).await;
        assert_eq!(created.status, StatusCode::SEE_OTHER);
        assert!(admin.get(created.location()).await.text().contains("Carers Together (0 representatives)"));

        let duplicate = admin.post("/admin/organisations", &[("name", "Carers Together")]).await;
        assert_eq!(duplicate.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(duplicate.text().contains("There is already an organisation called Carers Together"));
        assert!(duplicate.body.contains(r#"value="Carers Together""#));

        let organisation = app.scalar("SELECT id FROM organisations WHERE name = $1", "Carers Together").await;
        let person = app.scalar("SELECT id FROM users WHERE email = $1", "participant@example.org").await;
        let joined = admin
            .post(&format!("/admin/people/{person}"), &[("action", "add-membership"), ("organisation_id", &organisation.to_string())])
            .await;
        assert_eq!(joined.status, StatusCode::SEE_OTHER);
        let page = admin.get(joined.location()).await;
        assert!(page.text().contains("Organisation added."));
        assert!(page.text().contains("Carers Together Remove from Carers Together"), "{}", page.text());

        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let account = participant.get("/account").await;
        assert!(account.text().contains("Participant, Organisation representative"));
        assert!(account.text().contains("Organisations you speak for Carers Together"));

        let left = admin
            .post(&format!("/admin/people/{person}"), &[("action", "remove-membership"), ("organisation_id", &organisation.to_string())])
            .await;
        assert_eq!(left.status, StatusCode::SEE_OTHER);
        assert!(admin.get(left.location()).await.text().contains("Organisation removed."));
    }

    async fn choosing_no_organisation_is_explained(app) {
        let mut admin = app.visitor();
        admin.sign_in_as("admin@example.org").await;
        let person = app.scalar("SELECT id FROM users WHERE email = $1", "participant@example.org").await;
        let refused = admin.post(&format!("/admin/people/{person}"), &[("action", "add-membership"), ("organisation_id", "")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("Choose an organisation from the list"));
    }
}

/// The first admin is made from the command line, against the same database the app uses.
#[tokio::test]
async fn the_admin_add_command_makes_the_first_admin() {
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_our-words"))
        .args(["admin", "add", "First.Admin@example.org"])
        .env("OUR_WORDS_DATA_DIR", dir.path())
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("First.Admin@example.org is now an admin")
    );

    let db = app::server::Db::connect(&format!(
        "sqlite:{}",
        dir.path().join("our-words.db").display()
    ))
    .await
    .unwrap();
    let is_admin: i64 =
        sqlx::query_scalar("SELECT is_admin FROM users WHERE email = 'first.admin@example.org'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(is_admin, 1);

    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_our-words"))
        .args(["admin", "add", "not-an-address"])
        .env("OUR_WORDS_DATA_DIR", dir.path())
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .contains("Enter an email address in the correct format")
    );
}
