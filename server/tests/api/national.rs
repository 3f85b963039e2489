//! The national data set (issue 11), loaded at 1/50 of its size: the same shape as the
//! whole (a busiest statement, campaign copies, organisations, drafts, a published
//! version and an open round), and the app's main pages open on it.

use crate::on_both_databases;
use app::server::{
    clock::now,
    demo::national::{self, LoadError, National, Shape},
};
use axum::http::StatusCode;
use sqlx::AnyPool;

async fn count(pool: &AnyPool, sql: &'static str, bind: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn loaded(app: &crate::support::TestApp) -> National {
    national::load(&app.state, &Shape::scaled(50))
        .await
        .unwrap()
}

on_both_databases! {
    async fn the_small_national_round_has_the_national_shape(app) {
        let n = loaded(&app).await;
        let pool = &app.state.db.pool;
        let open = n.open_round_id;
        assert_eq!(count(pool, "SELECT COUNT(*) FROM statements WHERE framework_id = $1", n.framework_id).await, 10);
        assert_eq!(count(pool, "SELECT COUNT(*) FROM themes WHERE framework_id = $1", n.framework_id).await, 5);
        assert_eq!(count(pool, "SELECT COUNT(*) FROM comments WHERE round_id = $1", open).await, 200);
        assert_eq!(
            count(pool, "SELECT COUNT(DISTINCT author_id) FROM comments WHERE round_id = $1", open).await,
            40,
            "every contributor commented"
        );
        // The busiest statement has 30 of them, more than any other, and 30 drafts.
        let per_statement: Vec<(String, i64)> = sqlx::query_as(
            "SELECT s.reference, COUNT(*) FROM comments c JOIN statements s ON s.id = c.statement_id \
             WHERE c.round_id = $1 GROUP BY s.reference ORDER BY COUNT(*) DESC, s.reference",
        )
        .bind(open)
        .fetch_all(pool)
        .await
        .unwrap();
        assert_eq!(per_statement.len(), 10, "every statement has comments");
        assert_eq!(per_statement[0], ("CI-1".to_owned(), 30));
        assert!(per_statement[1].1 < 30);
        assert_eq!(n.busiest_reference, "CI-1");
        let drafts: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM statement_revisions r JOIN statements s ON s.id = r.statement_id \
             WHERE s.framework_id = $1 AND s.reference = 'CI-1'",
        )
        .bind(n.framework_id)
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(drafts, 30);
        // Five campaigns, 40 near-identical copies in all, each copy opening like its text.
        let mut copies = 0;
        for opening in ["Friends are family%", "I want a%", "Nobody should have%", "Everyone who finds%", "Good care depends%"] {
            let these: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM comments WHERE round_id = $1 AND body LIKE $2")
                .bind(open)
                .bind(opening)
                .fetch_one(pool)
                .await
                .unwrap();
            assert!(these >= 3, "{opening}: {these}");
            // Loaded in bulk, yet grouped as comments sent through the form are: the
            // editor sees each campaign as one group to answer.
            let in_one_group: i64 = sqlx::query_scalar(
                "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM comments \
                 WHERE round_id = $1 AND body LIKE $2 AND alike_group_id IS NOT NULL \
                 GROUP BY alike_group_id) AS g",
            )
            .bind(open)
            .bind(opening)
            .fetch_one(pool)
            .await
            .unwrap();
            assert!(in_one_group * 10 >= these * 8, "{opening}: {in_one_group} of {these} in one group");
            copies += these;
        }
        assert_eq!(copies, 40);
        let distinct_copies = count(
            pool,
            "SELECT COUNT(DISTINCT body) FROM comments WHERE round_id = $1 AND body LIKE 'Friends are family%'",
            open,
        )
        .await;
        assert!(distinct_copies > 1, "copies vary");
        // Six representatives in two organisations, who sometimes speak for them.
        let (members, organisations): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COUNT(DISTINCT m.organisation_id) FROM memberships m \
             JOIN users u ON u.id = m.user_id WHERE u.email LIKE $1",
        )
        .bind(format!("%@{}.example.org", n.slug))
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!((members, organisations), (6, 2));
        assert!(count(pool, "SELECT COUNT(*) FROM comments WHERE round_id = $1 AND organisation_id IS NOT NULL", open).await > 0);
        // A mix of what people draw on, how they want to be shown, passages and wordings.
        assert_eq!(count(pool, "SELECT COUNT(DISTINCT knowledge) FROM comments WHERE round_id = $1", open).await, 4);
        assert_eq!(count(pool, "SELECT COUNT(DISTINCT visibility) FROM comments WHERE round_id = $1", open).await, 3);
        assert!(count(pool, "SELECT COUNT(*) FROM comments WHERE round_id = $1 AND quote IS NOT NULL", open).await > 0);
        assert!(count(pool, "SELECT COUNT(*) FROM comments WHERE round_id = $1 AND suggestion IS NOT NULL", open).await > 0);
        let answered = count(pool, "SELECT COUNT(*) FROM responses r JOIN comments c ON c.id = r.comment_id WHERE c.round_id = $1", open).await;
        assert!(answered > 0 && answered < 200, "some answered: {answered}");
        // Version 1 answered the earlier round, every comment of which has an answer,
        // and its emails went out; the open round is open and answered by no version.
        assert_eq!(n.version, 1);
        let earlier = n.earlier_round_id;
        assert_eq!(count(pool, "SELECT COUNT(*) FROM comments WHERE round_id = $1", earlier).await, 40);
        assert_eq!(
            count(pool, "SELECT COUNT(*) FROM comments c LEFT JOIN responses r ON r.comment_id = c.id WHERE c.round_id = $1 AND r.id IS NULL", earlier).await,
            0
        );
        let (version, in_version): (i64, i64) = sqlx::query_as(
            "SELECT p.version, (SELECT COUNT(*) FROM publication_statements ps WHERE ps.publication_id = p.id) \
             FROM publications p JOIN rounds r ON r.publication_id = p.id WHERE r.id = $1",
        )
        .bind(earlier)
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!((version, in_version), (1, 10));
        let emails: Vec<(String, i64)> = sqlx::query_as(
            "SELECT o.status, COUNT(*) FROM outbox o JOIN publications p ON p.id = o.publication_id \
             WHERE p.framework_id = $1 GROUP BY o.status",
        )
        .bind(n.framework_id)
        .fetch_all(pool)
        .await
        .unwrap();
        assert_eq!(emails.len(), 1, "{emails:?}");
        assert_eq!(emails[0].0, "sent");
        assert!(emails[0].1 > 0);
        let (opens_at, closes_at, publication): (i64, i64, Option<i64>) =
            sqlx::query_as("SELECT opens_at, closes_at, publication_id FROM rounds WHERE id = $1")
                .bind(open)
                .fetch_one(pool)
                .await
                .unwrap();
        let at = now();
        assert!(opens_at <= at && at < closes_at && publication.is_none());
    }

    async fn the_national_data_set_is_never_loaded_twice(app) {
        let n = loaded(&app).await;
        match national::load(&app.state, &Shape::scaled(50)).await {
            Err(LoadError::AlreadyLoaded(slug)) => assert_eq!(slug, n.slug),
            other => panic!("loaded twice: {other:?}"),
        }
        assert_eq!(
            count(&app.state.db.pool, "SELECT COUNT(*) FROM comments WHERE round_id >= $1", n.earlier_round_id).await,
            240,
            "nothing added the second time"
        );
    }

    async fn the_main_pages_open_on_the_national_data_set(app) {
        let n = loaded(&app).await;
        let slug = &n.slug;
        let round = n.open_round_id;
        let busiest = format!("/frameworks/{slug}/statements/{}", n.busiest_reference);
        let mut public = app.visitor();
        for path in [
            format!("/frameworks/{slug}"),
            busiest.clone(),
            format!("{busiest}/history"),
            format!("/frameworks/{slug}/versions/1"),
            format!("/frameworks/{slug}/versions/1/report"),
            format!("/frameworks/{slug}/versions/1/statements/{}/trace", n.busiest_reference),
        ] {
            let page = public.get(&path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
        }
        let statement = public.get(&busiest).await.text();
        assert!(statement.contains("spend time with people important to me"), "{statement}");

        let mut editor = app.visitor();
        editor.sign_in_as(&n.editor_email).await;
        for path in [
            format!("/frameworks/{slug}/rounds/{round}/comments"),
            format!("/frameworks/{slug}/rounds/{round}"),
            format!("/frameworks/{slug}/versions/1/outbox"),
            format!("/frameworks/{slug}/publish"),
        ] {
            let page = editor.get(&path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
        }
        let mut admin = app.visitor();
        admin.sign_in_as(&n.admin_email).await;
        let people = admin.get("/admin/people").await;
        assert_eq!(people.status, StatusCode::OK);
        let mut keenest = app.visitor();
        keenest.sign_in_as(&n.keenest_email).await;
        let mine = keenest.get("/account/contributions").await;
        assert_eq!(mine.status, StatusCode::OK);
    }

    async fn the_open_round_can_be_closed_answered_and_published(app) {
        let n = loaded(&app).await;
        let answered = national::close_and_answer_open_round(&app.state.db, &n).await.unwrap();
        let before = count(&app.state.db.pool, "SELECT COUNT(*) FROM responses r JOIN comments c ON c.id = r.comment_id WHERE c.round_id = $1", n.open_round_id).await;
        assert_eq!(before, 200, "every comment answered ({answered} just now)");
        let mut editor = app.visitor();
        editor.sign_in_as(&n.editor_email).await;
        let published = editor
            .post(&format!("/frameworks/{}/publish", n.slug), &[("summary", "Version 2, after the national consultation.")])
            .await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.text());
        let report = app.visitor().get(&format!("/frameworks/{}/versions/2/report", n.slug)).await;
        assert_eq!(report.status, StatusCode::OK);
        let queued = count(
            &app.state.db.pool,
            "SELECT COUNT(*) FROM outbox o JOIN publications p ON p.id = o.publication_id WHERE p.framework_id = $1 AND p.version = 2",
            n.framework_id,
        )
        .await;
        let expected = count(
            &app.state.db.pool,
            "SELECT COUNT(DISTINCT c.author_id) FROM comments c JOIN users u ON u.id = c.author_id WHERE c.round_id = $1 AND u.email_opt_out = 0",
            n.open_round_id,
        )
        .await;
        assert_eq!(queued, expected, "one email per contributor who wants them");
    }
}
