//! The email outbox against a real SMTP server over TCP, with faults injected: every
//! message delivered exactly once when nothing crashes, none lost when something does.

use crate::{
    on_both_databases,
    support::{Backend, TestApp, smtp::Faults, spawn_app},
};
use app::server::{
    AppState,
    outbox::{self, BatchProgress, NewEmail, WorkerSettings},
};
use std::{collections::HashMap, time::Duration};

/// Retries due at once, so a test drains a whole retry sequence without sleeping.
fn no_backoff() -> WorkerSettings {
    WorkerSettings {
        batch_size: 10,
        backoff_base: Duration::ZERO,
        backoff_cap: Duration::ZERO,
        idle_poll: Duration::from_millis(20),
        ..WorkerSettings::default()
    }
}

/// Production pacing, in smaller claims: a failure waits its backoff.
fn production_backoff() -> WorkerSettings {
    WorkerSettings {
        batch_size: 10,
        ..WorkerSettings::default()
    }
}

fn address(n: usize) -> String {
    format!("person{n}@example.org")
}

/// The dedupe key of publication `publication`'s email to person `n`.
fn key(publication: i64, n: usize) -> String {
    outbox::publication_email_key(publication, n as i64)
}

/// Queue `count` emails to person0…, in one transaction, as publication `publication`
/// would.
async fn queue(app: &TestApp, publication: i64, count: usize) {
    let batch = outbox::publication_batch(publication);
    let mut tx = app.state.db.begin_write().await.unwrap();
    for n in 0..count {
        let queued = outbox::enqueue(
            &mut tx,
            &NewEmail {
                dedupe_key: &key(publication, n),
                recipient: &address(n),
                subject: "What became of what you said",
                text: &format!("Thank you, person {n}."),
                html: Some(&format!("<p>Thank you, person {n}.</p>")),
                batch: Some(&batch),
            },
        )
        .await
        .unwrap();
        assert!(queued);
    }
    tx.commit().await.unwrap();
}

/// How far publication `publication`'s emails have got.
async fn progress_of(app: &TestApp, publication: i64) -> BatchProgress {
    outbox::batch_progress(&app.state.db, &outbox::publication_batch(publication))
        .await
        .unwrap()
}

async fn drain(app: &TestApp, settings: &WorkerSettings) -> usize {
    outbox::drain_once_with(&app.state, settings).await.unwrap()
}

/// How many emails each address received.
fn deliveries(app: &TestApp) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for message in app.smtp().messages() {
        for to in message.recipients {
            *counts.entry(to).or_default() += 1;
        }
    }
    counts
}

fn assert_each_delivered_once(app: &TestApp, count: usize) {
    let counts = deliveries(app);
    for n in 0..count {
        assert_eq!(
            counts.get(&address(n)),
            Some(&1),
            "{} {counts:?}",
            address(n)
        );
    }
    assert_eq!(app.smtp().messages().len(), count);
}

#[derive(Debug)]
struct Row {
    id: i64,
    status: String,
    attempts: i64,
    next_attempt_at: i64,
    last_error: Option<String>,
}

async fn row(app: &TestApp, dedupe_key: &str) -> Row {
    let (id, status, attempts, next_attempt_at, last_error): (
        i64,
        String,
        i64,
        i64,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT id, status, attempts, next_attempt_at, last_error FROM outbox \
             WHERE dedupe_key = $1",
    )
    .bind(dedupe_key)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    Row {
        id,
        status,
        attempts,
        next_attempt_at,
        last_error,
    }
}

async fn outcomes(app: &TestApp, dedupe_key: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT a.outcome FROM outbox_attempts a JOIN outbox o ON o.id = a.outbox_id \
         WHERE o.dedupe_key = $1 ORDER BY a.id",
    )
    .bind(dedupe_key)
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap()
}

/// Make every waiting retry due now, instead of sleeping through the backoff.
async fn make_retries_due(app: &TestApp) {
    sqlx::query("UPDATE outbox SET next_attempt_at = 0 WHERE status = 'retrying'")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
}

fn now() -> i64 {
    app::server::clock::now()
}

on_both_databases! {
    async fn every_queued_message_is_delivered_exactly_once_when_nothing_fails(app) {
        queue(&app, 1, 25).await;
        assert_eq!(
            progress_of(&app, 1).await.queued,
            25
        );

        assert_eq!(drain(&app, &no_backoff()).await, 25);
        assert_eq!(drain(&app, &no_backoff()).await, 0, "nothing is sent twice");

        assert_each_delivered_once(&app, 25);
        let progress = progress_of(&app, 1).await;
        assert_eq!((progress.sent, progress.total()), (25, 25));
        let first = row(&app, &key(1, 0)).await;
        assert_eq!((first.status.as_str(), first.attempts), ("sent", 1));
        assert_eq!(outcomes(&app, &key(1, 0)).await, ["sent"]);

        let email = app
            .smtp()
            .messages()
            .into_iter()
            .find(|m| m.recipients == [address(3)])
            .unwrap();
        assert_eq!(email.subject(), "What became of what you said");
        assert_eq!(email.text_body().trim(), "Thank you, person 3.");
        assert!(email.html_body().contains("<p>Thank you, person 3.</p>"));
        let id = row(&app, &key(1, 3)).await.id;
        assert!(
            email.message_id().starts_with(&format!("outbox-{id}.")),
            "{}",
            email.message_id()
        );
    }

    async fn enqueueing_the_same_dedupe_key_twice_queues_one_email(app) {
        let email = NewEmail {
            dedupe_key: "publication:7:user:42",
            recipient: "someone@example.org",
            subject: "Your words in version 7",
            text: "Thank you.",
            html: None,
            batch: Some("publication:7"),
        };
        for expected in [true, false] {
            let mut tx = app.state.db.begin_write().await.unwrap();
            assert_eq!(outbox::enqueue(&mut tx, &email).await.unwrap(), expected);
            tx.commit().await.unwrap();
        }
        let progress = progress_of(&app, 7).await;
        assert_eq!(progress.total(), 1);

        assert_eq!(drain(&app, &no_backoff()).await, 1);
        assert_eq!(app.smtp().messages().len(), 1);
        assert_eq!(app.smtp().messages()[0].text_body().trim(), "Thank you.");
    }

    async fn an_email_queued_in_a_transaction_that_rolls_back_is_never_sent(app) {
        let mut tx = app.state.db.begin_write().await.unwrap();
        outbox::enqueue(
            &mut tx,
            &NewEmail {
                dedupe_key: "publication:8:user:1",
                recipient: "someone@example.org",
                subject: "Never",
                text: "Never sent.",
                html: None,
                batch: Some("publication:8"),
            },
        )
        .await
        .unwrap();
        tx.rollback().await.unwrap();

        assert_eq!(drain(&app, &no_backoff()).await, 0);
        assert!(app.smtp().messages().is_empty());
    }

    async fn line_breaks_typed_into_a_subject_cannot_add_headers(app) {
        let mut tx = app.state.db.begin_write().await.unwrap();
        outbox::enqueue(
            &mut tx,
            &NewEmail {
                dedupe_key: "injection",
                recipient: "someone@example.org",
                subject: "Hello\r\nBcc: attacker@example.org",
                text: "Body",
                html: None,
                batch: None,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();

        drain(&app, &no_backoff()).await;
        let email = &app.smtp().messages()[0];
        assert_eq!(email.recipients, ["someone@example.org"]);
        assert!(!email.data.to_ascii_lowercase().contains("\nbcc:"));
        assert!(email.subject().starts_with("Hello"));
    }

    async fn a_451_is_retried_with_growing_waits_and_delivered_once(app) {
        app.smtp().set_faults(Faults { temporary_failures: 2, ..Faults::default() });
        queue(&app, 2, 1).await;
        let key = key(2, 0);

        let before = now();
        assert_eq!(drain(&app, &production_backoff()).await, 1);
        let first = row(&app, &key).await;
        assert_eq!((first.status.as_str(), first.attempts), ("retrying", 1));
        assert!(first.last_error.unwrap().contains("451"));
        assert!(first.next_attempt_at >= before + 30, "waits 30 s after the first failure");
        assert_eq!(drain(&app, &production_backoff()).await, 0, "not due yet");

        make_retries_due(&app).await;
        let before = now();
        assert_eq!(drain(&app, &production_backoff()).await, 1);
        let second = row(&app, &key).await;
        assert_eq!((second.status.as_str(), second.attempts), ("retrying", 2));
        assert!(second.next_attempt_at >= before + 60, "and twice that after the second");
        assert!(app.smtp().messages().is_empty());

        make_retries_due(&app).await;
        assert_eq!(drain(&app, &production_backoff()).await, 1);
        let sent = row(&app, &key).await;
        assert_eq!((sent.status.as_str(), sent.attempts), ("sent", 3));
        assert_eq!(
            outcomes(&app, &key).await,
            ["transient_failure", "transient_failure", "sent"]
        );
        assert_each_delivered_once(&app, 1);
    }

    async fn a_550_marks_the_email_failed_for_good_while_the_rest_are_delivered(app) {
        app.smtp().set_faults(Faults {
            rejected_recipients: vec![address(2)],
            ..Faults::default()
        });
        queue(&app, 3, 5).await;

        assert_eq!(drain(&app, &no_backoff()).await, 5, "one attempt each");
        assert_eq!(drain(&app, &no_backoff()).await, 0, "a 550 is not retried");

        let failed = row(&app, &key(3, 2)).await;
        assert_eq!((failed.status.as_str(), failed.attempts), ("failed", 1));
        assert!(failed.last_error.unwrap().contains("550"));
        assert_eq!(outcomes(&app, &key(3, 2)).await, ["permanent_failure"]);
        let counts = deliveries(&app);
        assert_eq!(counts.len(), 4);
        assert!(!counts.contains_key(&address(2)));
        let progress = progress_of(&app, 3).await;
        assert_eq!((progress.sent, progress.failed, progress.finished()), (4, 1, 5));

        // The address is fixed; the admin retries the failed ones.
        app.smtp().set_faults(Faults::default());
        let mut tx = app.state.db.begin_write().await.unwrap();
        let retried = outbox::retry_failed(&mut tx, &outbox::publication_batch(3)).await;
        tx.commit().await.unwrap();
        assert_eq!(retried.unwrap(), 1);
        assert_eq!(drain(&app, &no_backoff()).await, 1);
        assert_each_delivered_once(&app, 5);
        let progress = progress_of(&app, 3).await;
        assert_eq!((progress.sent, progress.failed), (5, 0));
    }

    async fn an_email_that_keeps_failing_is_given_up_after_the_last_attempt(app) {
        app.smtp().set_faults(Faults { temporary_failures: 100, ..Faults::default() });
        queue(&app, 4, 1).await;
        let settings = WorkerSettings { max_attempts: 4, ..no_backoff() };

        assert_eq!(drain(&app, &settings).await, 4);
        let given_up = row(&app, &key(4, 0)).await;
        assert_eq!((given_up.status.as_str(), given_up.attempts), ("failed", 4));
        assert!(given_up.last_error.unwrap().contains("gave up after 4 attempts"));
        assert_eq!(outcomes(&app, &key(4, 0)).await.len(), 4);
        assert_eq!(drain(&app, &settings).await, 0);
    }

    async fn a_connection_dropped_mid_message_is_retried_and_delivered_once(app) {
        app.smtp().set_faults(Faults { drops_mid_message: 1, ..Faults::default() });
        queue(&app, 5, 3).await;

        assert_eq!(drain(&app, &no_backoff()).await, 4);

        assert_each_delivered_once(&app, 3);
        let retried = row(&app, &key(5, 0)).await;
        assert_eq!((retried.status.as_str(), retried.attempts), ("sent", 2));
        assert_eq!(
            outcomes(&app, &key(5, 0)).await,
            ["transient_failure", "sent"]
        );
    }

    async fn a_send_the_server_never_answers_is_cut_off_inside_its_lease_and_delivered_once_later(app) {
        app.smtp().set_faults(Faults { stalls_at_data: 1, ..Faults::default() });
        queue(&app, 14, 1).await;
        let key = key(14, 0);
        let settings = WorkerSettings { lease: Duration::from_secs(2), ..production_backoff() };
        assert_eq!(settings.send_timeout(), Duration::from_millis(500));

        // The server takes the message's envelope and then says nothing. Without a
        // timeout the worker would wait for ever; with it, it gives up well before its
        // lease runs out and another worker could take the message over.
        let started = std::time::Instant::now();
        let attempted = tokio::time::timeout(settings.lease, drain(&app, &settings))
            .await
            .expect("the attempt ends inside the lease");
        let took = started.elapsed();
        assert_eq!(attempted, 1);
        assert!(took >= settings.send_timeout(), "waited the timeout out: {took:?}");
        let failed = row(&app, &key).await;
        assert_eq!((failed.status.as_str(), failed.attempts), ("retrying", 1));
        assert!(
            failed.last_error.as_deref().unwrap_or_default().contains("had not answered within 0.5 s"),
            "{failed:?}"
        );
        assert_eq!(outcomes(&app, &key).await, ["transient_failure"]);
        assert!(app.smtp().messages().is_empty(), "nothing was accepted");
        assert_eq!(progress_of(&app, 14).await.sent, 0, "nothing is marked sent");
        assert_eq!(drain(&app, &settings).await, 0, "it waits out its backoff like any failure");

        make_retries_due(&app).await;
        assert_eq!(drain(&app, &settings).await, 1);
        assert_each_delivered_once(&app, 1);
        let sent = row(&app, &key).await;
        assert_eq!((sent.status.as_str(), sent.attempts), ("sent", 2));
        assert_eq!(outcomes(&app, &key).await, ["transient_failure", "sent"]);
    }

    async fn with_the_smtp_server_down_nothing_is_lost_and_all_is_delivered_when_it_returns(app) {
        app.smtp().stop().await;
        queue(&app, 6, 12).await;

        assert_eq!(drain(&app, &production_backoff()).await, 12);
        let progress = progress_of(&app, 6).await;
        assert_eq!(progress.retrying, 12, "{progress:?}");
        assert!(app.smtp().messages().is_empty());

        app.smtp().resume().await;
        assert_eq!(drain(&app, &production_backoff()).await, 0, "waits out its backoff");
        make_retries_due(&app).await;
        assert_eq!(drain(&app, &production_backoff()).await, 12);

        assert_each_delivered_once(&app, 12);
        let progress = progress_of(&app, 6).await;
        assert_eq!(progress.sent, 12);
    }

    async fn a_worker_that_crashes_mid_batch_is_taken_over_once_its_lease_expires(app) {
        queue(&app, 9, 6).await;
        let settings = WorkerSettings { batch_size: 2, ..no_backoff() };

        // A worker claims two, gets the first one sent (the server said 250) and dies
        // before recording it or trying the second.
        let claimed = outbox::claim(&app.state.db, &settings).await.unwrap();
        assert_eq!(claimed.len(), 2);
        outbox::deliver(&app.state, &settings, &claimed[0]).await.unwrap();
        drop(claimed);

        // Another worker sends the rest, but leaves the claimed two while the lease holds.
        assert_eq!(drain(&app, &settings).await, 4);
        assert_eq!(app.smtp().messages().len(), 5);

        // The lease runs out: the next drain picks both up again.
        sqlx::query("UPDATE outbox SET claimed_until = $1 WHERE status = 'sending'")
            .bind(now() - 1)
            .execute(&app.state.db.pool)
            .await
            .unwrap();
        assert_eq!(drain(&app, &settings).await, 2);

        // Everyone got theirs; only the message in flight at the crash went twice, with
        // the same Message-ID both times.
        let counts = deliveries(&app);
        assert_eq!(counts[&address(0)], 2);
        for n in 1..6 {
            assert_eq!(counts[&address(n)], 1, "{}", address(n));
        }
        let twice: Vec<String> = app
            .smtp()
            .messages()
            .iter()
            .filter(|m| m.recipients == [address(0)])
            .map(|m| m.message_id())
            .collect();
        assert_eq!(twice[0], twice[1]);
        assert_eq!(
            outcomes(&app, &key(9, 1)).await,
            ["interrupted", "sent"]
        );
        let progress = progress_of(&app, 9).await;
        assert_eq!(progress.sent, 6);
    }

    async fn the_database_refuses_a_status_or_attempt_outcome_the_code_never_writes(app) {
        queue(&app, 12, 1).await;
        let id = row(&app, &key(12, 0)).await.id;
        let pool = &app.state.db.pool;
        let set_status = |status: &'static str| {
            sqlx::query("UPDATE outbox SET status = $1 WHERE id = $2")
                .bind(status)
                .bind(id)
                .execute(pool)
        };
        let error = set_status("delivered").await.unwrap_err().to_string();
        assert!(error.contains("outbox_status_known"), "{error}");
        set_status("failed").await.expect("a status the code writes is accepted");

        let add_attempt = |outcome: &'static str| {
            sqlx::query("INSERT INTO outbox_attempts (outbox_id, at, outcome) VALUES ($1, 0, $2)")
                .bind(id)
                .bind(outcome)
                .execute(pool)
        };
        let error = add_attempt("bounced").await.unwrap_err().to_string();
        assert!(error.contains("outbox_attempts_outcome_known"), "{error}");
        add_attempt("interrupted").await.expect("an outcome the code writes is accepted");
    }

    async fn a_status_the_code_does_not_know_makes_progress_an_error_not_a_smaller_total(app) {
        queue(&app, 13, 2).await;
        // Get past the CHECK constraint, as a database from elsewhere might have.
        let mut conn = app.state.db.pool.acquire().await.unwrap();
        match app.state.db.backend {
            app::server::db::Backend::Sqlite => {
                sqlx::query("PRAGMA ignore_check_constraints = ON")
                    .execute(&mut *conn)
                    .await
                    .unwrap();
            }
            app::server::db::Backend::Postgres => {
                sqlx::query("ALTER TABLE outbox DROP CONSTRAINT outbox_status_known")
                    .execute(&mut *conn)
                    .await
                    .unwrap();
            }
        }
        sqlx::query("UPDATE outbox SET status = 'delivered' WHERE dedupe_key = $1")
            .bind(key(13, 1))
            .execute(&mut *conn)
            .await
            .unwrap();
        if app.state.db.backend == app::server::db::Backend::Sqlite {
            sqlx::query("PRAGMA ignore_check_constraints = OFF")
                .execute(&mut *conn)
                .await
                .unwrap();
        }
        drop(conn);

        let error = outbox::batch_progress(&app.state.db, &outbox::publication_batch(13))
            .await
            .expect_err("one of two messages has a status no one can count")
            .to_string();
        assert!(error.contains("\"delivered\""), "{error}");
    }

    async fn the_background_worker_sends_when_woken_and_stops_on_shutdown(app) {
        let (stop, stopping) = tokio::sync::watch::channel(false);
        // An idle worker would next look a minute from now, far past this test's waits:
        // only the wake-up can get these emails out in time.
        let settings = WorkerSettings { idle_poll: Duration::from_secs(60), ..no_backoff() };
        let worker = tokio::spawn(outbox::run_worker(app.state.clone(), settings, stopping));
        // Let it find the queue empty and settle into its idle sleep, so the mail below
        // arrives after its last look rather than before its first.
        tokio::time::sleep(Duration::from_millis(300)).await;

        queue(&app, 10, 3).await;
        outbox::wake();
        tokio::time::timeout(Duration::from_secs(5), app.smtp().wait_for(3))
            .await
            .expect("delivered within seconds of the wake-up, not at the next poll");
        assert_each_delivered_once(&app, 3);

        stop.send(true).unwrap();
        tokio::time::timeout(Duration::from_secs(5), worker)
            .await
            .expect("the worker stops")
            .unwrap();
    }
}

/// Two app servers' workers drain one queue at the same time, truly in parallel.
async fn two_workers_never_send_the_same_message(backend: Backend) {
    let app = spawn_app(backend).await;
    queue(&app, 11, 120).await;
    // A second server: its own database pool and its own SMTP connection pool.
    let other: AppState = server::build_state(
        (*app.state.config).clone(),
        app.state.leptos_options.clone(),
    )
    .await
    .unwrap();
    // Small claims, sent two at a time: working through all 120 takes one worker
    // dozens of claims and SMTP round trips, far longer than the other needs to make
    // its first claim, so both share the queue rather than one finding it empty.
    let settings = WorkerSettings {
        batch_size: 4,
        concurrency: 2,
        ..no_backoff()
    };
    // Both start claiming at the same moment, not one a task-spawn ahead.
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(2));

    let first = {
        let (state, settings, start) = (app.state.clone(), settings.clone(), start.clone());
        tokio::spawn(async move {
            start.wait().await;
            outbox::drain_once_with(&state, &settings).await.unwrap()
        })
    };
    let second = {
        let (settings, start) = (settings.clone(), start.clone());
        tokio::spawn(async move {
            start.wait().await;
            outbox::drain_once_with(&other, &settings).await.unwrap()
        })
    };
    let (first, second) = (first.await.unwrap(), second.await.unwrap());

    assert!(
        first > 0 && second > 0,
        "both workers sent some of the queue: {first} + {second}"
    );
    assert_eq!(
        first + second,
        120,
        "each message attempted once: {first} + {second}"
    );
    assert_each_delivered_once(&app, 120);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_draining_at_once_never_send_the_same_message_twice_on_postgres() {
    two_workers_never_send_the_same_message(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_draining_at_once_never_send_the_same_message_twice_on_sqlite() {
    two_workers_never_send_the_same_message(Backend::Sqlite).await;
}
