//! The audit log admins read and download: who did what, to whom, and when.

use crate::{
    on_both_databases,
    publishing::{answer_all, close_round, consultation},
    support::smtp::Faults,
};
use axum::http::StatusCode;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";

on_both_databases! {
    async fn the_audit_log_shows_sign_ins_role_and_membership_changes_with_who_did_them(app) {
        let mut admin = app.visitor();
        admin.sign_in_as("admin@example.org").await;
        let added = admin.post("/admin/people", &[("email", "new.editor@example.org")]).await;
        let person_page = added.location().split('?').next().unwrap().to_owned();
        admin.post(&person_page, &[("action", "roles"), ("editor", "yes")]).await;
        admin.post("/admin/organisations", &[("name", "Carers Together")]).await;
        let organisation = app.scalar("SELECT id FROM organisations WHERE name = $1", "Carers Together").await.to_string();
        admin.post(&person_page, &[("action", "add-membership"), ("organisation_id", &organisation)]).await;
        admin.post(&person_page, &[("action", "remove-membership"), ("organisation_id", &organisation)]).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        participant.post("/account/sign-out-everywhere", &[]).await;

        let page = admin.get("/admin/audit").await;
        assert_eq!(page.status, StatusCode::OK);
        let text = page.text();
        // Newest first.
        let order = [
            "Signed out everywhere participant@example.org",
            "Signed in participant@example.org",
            "Removed from an organisation admin@example.org new.editor@example.org Carers Together",
            "Added to an organisation admin@example.org new.editor@example.org Carers Together",
            "Organisation created admin@example.org Carers Together",
            "Roles changed admin@example.org new.editor@example.org From no roles to editor",
            "Person added admin@example.org new.editor@example.org",
            "Signed in admin@example.org",
        ];
        let at: Vec<usize> = order
            .iter()
            .map(|line| text.find(line).unwrap_or_else(|| panic!("{line:?} missing from {text}")))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "newest first: {text}");
        assert!(text.contains("8 entries"), "{text}");

        let roles_only = admin.get("/admin/audit?action=roles_changed").await.text();
        assert!(roles_only.contains("From no roles to editor"));
        assert!(!roles_only.contains("Carers Together"), "only the chosen kind is listed");
        assert!(roles_only.contains("1 entry"), "{roles_only}");
    }

    async fn publishing_and_sending_failed_emails_again_are_in_the_audit_log(app) {
        consultation(&app).await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        close_round(&app, &mut editor).await;
        answer_all(&app, &mut editor, "incorporated").await;
        app.smtp().set_faults(Faults {
            rejected_recipients: vec!["rep@example.org".into()],
            ..Faults::default()
        });
        let published = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Friends and choice added.")]).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.text());
        app::server::outbox::drain_once(&app.state).await.unwrap();
        app.smtp().set_faults(Faults::default());
        let retried = editor.post(&format!("{FRAMEWORK}/versions/1/outbox"), &[]).await;
        assert_eq!(retried.status, StatusCode::SEE_OTHER, "{}", retried.text());

        let mut admin = app.visitor();
        admin.sign_in_as("admin@example.org").await;
        let text = admin.get("/admin/audit").await.text();
        assert!(
            text.contains("Failed emails sent again editor@example.org National Care Service standards (demo), version 1: 1 email"),
            "{text}"
        );
        assert!(
            text.contains("Version published editor@example.org National Care Service standards (demo), version 1: Friends and choice added."),
            "{text}"
        );
    }

    async fn the_audit_log_downloads_as_csv_that_a_spreadsheet_cannot_run(app) {
        let mut admin = app.visitor();
        admin.sign_in_as("admin@example.org").await;
        admin.post("/admin/organisations", &[("name", "=HYPERLINK(\"http://evil\")")]).await;
        let csv = admin.get("/admin/audit.csv").await;
        assert_eq!(csv.status, StatusCode::OK);
        assert_eq!(csv.headers.get("content-type").unwrap(), "text/csv; charset=utf-8");
        let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
        assert_eq!(
            reader.headers().unwrap().iter().collect::<Vec<_>>(),
            ["time_utc", "action", "what", "by", "person", "detail"]
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2, "oldest first: the sign-in, then the organisation");
        assert_eq!(&rows[0][1], "signed_in");
        assert_eq!(&rows[1][1], "organisation_created");
        assert_eq!(&rows[1][3], "admin@example.org");
        assert_eq!(&rows[1][5], "'=HYPERLINK(\"http://evil\")", "a formula is shown, not run");
        assert!(rows[0][0].ends_with('Z') && rows[0][0].contains('T'), "{}", &rows[0][0]);

        let one_kind = admin.get("/admin/audit.csv?action=signed_in").await;
        assert_eq!(csv::Reader::from_reader(one_kind.body.as_bytes()).records().count(), 1);
    }

    async fn only_admins_read_or_download_the_audit_log(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        assert_eq!(editor.get("/admin/audit").await.status, StatusCode::FORBIDDEN);
        assert_eq!(editor.get("/admin/audit.csv").await.status, StatusCode::FORBIDDEN);
        let mut stranger = app.visitor();
        assert_eq!(stranger.get("/admin/audit").await.status, StatusCode::UNAUTHORIZED);
        let download = stranger.get("/admin/audit.csv").await;
        assert_eq!(download.status, StatusCode::UNAUTHORIZED);
        assert!(!download.body.contains("editor@example.org"));
    }
}
