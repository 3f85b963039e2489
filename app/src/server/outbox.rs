//! The transactional email outbox. An email is a row written in the same transaction as
//! the event that owes it (`enqueue`); a worker claims due rows under a lease, sends each
//! through the pooled SMTP transport, and records every attempt.
//!
//! Sending is at-least-once, the most that is honest across a database and an SMTP
//! server: a row is marked sent only after the server's 250, so a worker that dies
//! between the 250 and the mark sends that one message again once its lease runs out.
//! Nothing else is ever sent twice: enqueueing is idempotent (a unique dedupe key), and
//! two workers never hold the same row (`BEGIN IMMEDIATE` on SQLite, `FOR UPDATE SKIP
//! LOCKED` on PostgreSQL). 4xx replies and connection trouble are retried with
//! exponential backoff; a 5xx, or too many attempts, parks the message as failed until
//! someone requeues it.

use super::{
    AppState, Db, clock,
    db::Tx,
    mail::{OutboxEmail, SendFailure},
    publication_mail::{Addressed, Writer},
    store::outbox as sql,
};
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;
use std::{
    sync::atomic::{AtomicU64, Ordering},
    time::Duration,
};
use tokio::sync::{Notify, watch};

pub use super::store::stored::UnknownValue;
pub use sql::{AttemptOutcome, Claimed, Status};

/// The batch that groups a publication's emails, for its progress and its "retry failed"
/// button: `publication:7`.
pub fn publication_batch(publication_id: i64) -> String {
    format!("publication:{publication_id}")
}

/// The dedupe key of the one email a publication owes one person: `publication:7:user:42`.
/// Rows already queued carry keys in this form, so changing it would let a publication
/// that is published again (or retried) queue a second email to the same person.
pub fn publication_email_key(publication_id: i64, user_id: i64) -> String {
    format!("{}{user_id}", publication_email_key_prefix(publication_id))
}

/// [`publication_email_key`] without the person's id (`publication:7:user:`), for
/// queueing a whole version's emails in one statement.
pub fn publication_email_key_prefix(publication_id: i64) -> String {
    format!("{}:user:", publication_batch(publication_id))
}

/// An email to queue. `dedupe_key` names what the email is for and whom (e.g.
/// [`publication_email_key`]): queueing the same key again does nothing. `batch` groups
/// emails for progress (e.g. [`publication_batch`]).
#[derive(Debug, Clone, Copy)]
pub struct NewEmail<'a> {
    pub dedupe_key: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    pub html: Option<&'a str>,
    pub batch: Option<&'a str>,
}

/// Queue an email inside the caller's transaction, so it exists exactly when the change
/// that owes it does. Returns whether it was queued now (false: the key was queued
/// before). Call [`wake`] after the commit to have the worker look at once.
pub async fn enqueue(conn: &mut AnyConnection, email: &NewEmail<'_>) -> Result<bool, sqlx::Error> {
    sql::insert(
        conn,
        &sql::NewRow {
            dedupe_key: email.dedupe_key,
            recipient: email.recipient,
            subject: email.subject,
            text_body: email.text,
            html_body: email.html,
            batch: email.batch,
        },
        clock::now(),
    )
    .await
}

static WAKE: Notify = Notify::const_new();
/// Counts wake-ups, so a wake that comes while a worker is busy is not lost.
static WAKES: AtomicU64 = AtomicU64::new(0);

/// Tell this process's workers that there is new mail (after committing an enqueue).
/// Workers on other servers find it on their next poll.
pub fn wake() {
    WAKES.fetch_add(1, Ordering::SeqCst);
    WAKE.notify_waiters();
}

/// How the worker paces itself. The defaults are for production; tests shrink them.
#[derive(Debug, Clone)]
pub struct WorkerSettings {
    /// Messages claimed at a time.
    pub batch_size: i64,
    /// Messages sent at once, each over its own pooled SMTP connection (see
    /// `server::smtp`: the sockets have TCP_NODELAY, so a message costs its round trips
    /// and no more). Sending a few at once overlaps one message's round trips with
    /// another's and with recording outcomes. Kept within the pool's 16 idle
    /// connections, so connections are reused rather than opened per message.
    pub concurrency: usize,
    /// How long a claim lasts before another worker may take the message over. Renewed
    /// while a batch is being worked through. Each delivery is cut off after a quarter
    /// of it ([`WorkerSettings::send_timeout`]).
    pub lease: Duration,
    /// The wait after the first failed attempt; each further failure doubles it.
    pub backoff_base: Duration,
    /// The longest wait between attempts.
    pub backoff_cap: Duration,
    /// Attempts before a message that keeps failing is marked failed.
    pub max_attempts: i64,
    /// How long an idle worker sleeps before looking again (unless woken).
    pub idle_poll: Duration,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        Self {
            batch_size: 100,
            concurrency: 8,
            lease: Duration::from_secs(60),
            backoff_base: Duration::from_secs(30),
            backoff_cap: Duration::from_secs(60 * 60),
            // 30 s, 1 min, 2, 4, 8, 16, 32 min, then hourly: about 3 hours of trying.
            max_attempts: 10,
            idle_poll: Duration::from_secs(1),
        }
    }
}

impl WorkerSettings {
    /// How long one delivery may take before it is given up as a failed attempt (and
    /// retried like any other failure): a quarter of the lease. A send still running
    /// when its lease ran out could go twice, once from here and once from the worker
    /// that took the message over; cut off this early, it cannot. The lease is renewed
    /// whenever less than half of it is left before a group of sends starts, so a group
    /// always finishes, outcomes recorded, with a quarter of the lease to spare.
    pub fn send_timeout(&self) -> Duration {
        self.lease / 4
    }
}

/// The wait before the next attempt after `attempts` failed ones: `base × 2^(attempts-1)`,
/// at most `cap`, plus up to a tenth more so a crowd of retries spreads out.
pub fn backoff(settings: &WorkerSettings, attempts: i64, jitter: f64) -> Duration {
    let doublings = attempts.saturating_sub(1).clamp(0, 30) as u32;
    let delay = settings
        .backoff_base
        .saturating_mul(1 << doublings)
        .min(settings.backoff_cap);
    delay + delay.mul_f64(jitter.clamp(0.0, 1.0) / 10.0)
}

/// The same `Message-ID` for every attempt at one outbox row, so a receiving server (or
/// a person) can tell a retry from a new message.
pub fn message_id(id: i64, dedupe_key: &str, host: &str) -> String {
    let hash = hex::encode(&Sha256::digest(dedupe_key.as_bytes())[..8]);
    let host: String = host
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        .collect();
    let host = if host.is_empty() { "our-words" } else { &host };
    format!("<outbox-{id}.{hash}@{host}>")
}

fn secs(duration: Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX / 4)
        + i64::from(duration.subsec_nanos() > 0)
}

fn jitter() -> f64 {
    let mut bytes = [0u8; 2];
    getrandom::fill(&mut bytes).unwrap_or_default();
    f64::from(u16::from_le_bytes(bytes)) / f64::from(u16::MAX)
}

/// Claim up to `batch_size` due messages for this worker (marking them `sending` under a
/// lease). Messages whose previous worker's lease ran out are claimable again.
pub async fn claim(db: &Db, settings: &WorkerSettings) -> Result<Vec<Claimed>, sqlx::Error> {
    let now = clock::now();
    let mut tx = db.begin_write().await?;
    let claimed = sql::claim(
        &mut tx,
        db.backend,
        now,
        now + secs(settings.lease),
        settings.batch_size.max(1),
    )
    .await?;
    tx.commit().await?;
    Ok(claimed)
}

/// Write (if it is a version's email) and send one claimed message within
/// [`WorkerSettings::send_timeout`], recording nothing. The worker records the outcome;
/// a send cut off by the timeout is a transient failure, and so is an email that could
/// not be written (see [`Writer::write`]).
pub async fn deliver(
    state: &AppState,
    settings: &WorkerSettings,
    message: &Claimed,
) -> Result<(), SendFailure> {
    let written = Writer::default().write(state, message).await?;
    send(state, settings, message, written.as_ref()).await
}

/// Send one claimed message as written (`written`), or as stored when it was queued
/// written out.
async fn send(
    state: &AppState,
    settings: &WorkerSettings,
    message: &Claimed,
    written: Option<&Addressed>,
) -> Result<(), SendFailure> {
    let host = state.config.base_url.host_str().unwrap_or("our-words");
    let message_id = message_id(message.id, &message.dedupe_key, host);
    let email = match written {
        Some(written) => OutboxEmail {
            message_id: &message_id,
            to: &message.recipient,
            subject: &written.email.subject,
            text: &written.email.text,
            html: Some(&written.email.html),
            unsubscribe: written.unsubscribe_url.as_deref(),
        },
        None => OutboxEmail {
            message_id: &message_id,
            to: &message.recipient,
            subject: &message.subject,
            text: &message.text_body,
            html: message.html_body.as_deref(),
            unsubscribe: None,
        },
    };
    let sending = state.mailer.send_outbox_message(&state.config, &email);
    let limit = settings.send_timeout();
    // Dropping the unfinished send closes its connection: it is never reused half-way
    // through a conversation.
    tokio::time::timeout(limit, sending)
        .await
        .unwrap_or_else(|_| {
            Err(SendFailure::Transient(format!(
                "the mail server had not answered within {:.1} s",
                limit.as_secs_f64()
            )))
        })
}

/// Whether the worker has been told to stop (never, for a one-off drain).
fn stopping(shutdown: Option<&watch::Receiver<bool>>) -> bool {
    shutdown.is_some_and(|s| *s.borrow())
}

/// Send a claimed batch `concurrency` messages at a time, each over its own pooled SMTP
/// connection, recording each group's outcomes as soon as the whole group is known.
/// Renews the lease while working through and hands back what is left on shutdown.
/// Returns how many were attempted.
async fn work_through(
    state: &AppState,
    settings: &WorkerSettings,
    writer: &mut Writer,
    batch: Vec<Claimed>,
    shutdown: Option<&watch::Receiver<bool>>,
) -> Result<usize, sqlx::Error> {
    let Some(first) = batch.first() else {
        return Ok(0);
    };
    let lease = secs(settings.lease);
    let mut held_until = first.claimed_until;
    let mut attempted = 0;
    let mut remaining: std::collections::VecDeque<Claimed> = batch.into();
    while !remaining.is_empty() {
        if stopping(shutdown) {
            // Hand the rest back untried so a worker that is still running takes them.
            let ids: Vec<i64> = remaining.iter().map(|m| m.id).collect();
            let mut tx = state.db.begin_write().await?;
            sql::release(&mut tx, &ids, held_until, clock::now()).await?;
            tx.commit().await?;
            break;
        }
        let now = clock::now();
        if lease > 0 && held_until - now < lease / 2 {
            // Half the lease is gone: renew it for what is left, so no other worker
            // takes these over while this one is still on its way to them.
            let ids: Vec<i64> = remaining.iter().map(|m| m.id).collect();
            let mut tx = state.db.begin_write().await?;
            let still_ours = sql::extend_lease(&mut tx, &ids, held_until, now + lease).await?;
            tx.commit().await?;
            held_until = now + lease;
            // Any that another worker took over (this one was too slow) are its now.
            remaining.retain(|m| still_ours.contains(&m.id));
            continue;
        }
        let take = settings.concurrency.max(1).min(remaining.len());
        let sending: Vec<Claimed> = remaining.drain(..take).collect();
        // A version's emails are written now, from what it recorded (one query for the
        // group's people once the version is read), then sent together.
        let written = writer.write_all(state, &sending).await;
        let outcomes = futures::future::join_all(sending.iter().zip(&written).map(
            |(message, written)| async move {
                match written {
                    Ok(written) => send(state, settings, message, written.as_ref()).await,
                    Err(failure) => Err(failure.clone()),
                }
            },
        ))
        .await;
        attempted += sending.len();
        record(state, settings, &sending, held_until, outcomes).await?;
    }
    Ok(attempted)
}

/// Record a group's outcomes in one transaction. A transaction per message cost each
/// message a commit (on PostgreSQL, a flush of its write-ahead log) and several round trips
/// to the database, which set the drain's pace there. Nothing is recorded before the
/// whole group is known either way, and a group not recorded (the worker stopped) is
/// sent again when its lease runs out: at least once, as before.
async fn record(
    state: &AppState,
    settings: &WorkerSettings,
    messages: &[Claimed],
    held_until: i64,
    outcomes: Vec<Result<(), SendFailure>>,
) -> Result<(), sqlx::Error> {
    let now = clock::now();
    let mut tx = state.db.begin_write().await?;
    let mut sent = Vec::with_capacity(messages.len());
    for (message, outcome) in messages.iter().zip(outcomes) {
        match outcome {
            Ok(()) => sent.push(message.id),
            Err(failure) => {
                record_failure(&mut tx, settings, message, held_until, now, failure).await?
            }
        }
    }
    sql::mark_sent(&mut tx, &sent, now).await?;
    tx.commit().await
}

async fn record_failure(
    tx: &mut AnyConnection,
    settings: &WorkerSettings,
    message: &Claimed,
    held_until: i64,
    now: i64,
    failure: SendFailure,
) -> Result<(), sqlx::Error> {
    match failure {
        SendFailure::Permanent(error) => {
            tracing::warn!(id = message.id, %error, "email refused for good; marked failed");
            sql::mark_failed(
                tx,
                message.id,
                held_until,
                now,
                AttemptOutcome::PermanentFailure,
                &error,
            )
            .await?;
        }
        SendFailure::Transient(error) if message.attempts >= settings.max_attempts => {
            tracing::warn!(id = message.id, %error, "email still failing; giving up");
            let detail = format!("{error} (gave up after {} attempts)", message.attempts);
            sql::mark_failed(
                tx,
                message.id,
                held_until,
                now,
                AttemptOutcome::TransientFailure,
                &detail,
            )
            .await?;
        }
        SendFailure::Transient(error) => {
            let wait = backoff(settings, message.attempts, jitter());
            tracing::info!(id = message.id, %error, ?wait, "email not sent; will retry");
            sql::mark_retrying(tx, message.id, held_until, now, now + secs(wait), &error).await?;
        }
    }
    Ok(())
}

/// Work through everything due now, claim after claim, and return how many send
/// attempts were made. For tests and one-off runs; the server runs [`run_worker`].
pub async fn drain_once(state: &AppState) -> Result<usize, sqlx::Error> {
    drain_once_with(state, &WorkerSettings::default()).await
}

pub async fn drain_once_with(
    state: &AppState,
    settings: &WorkerSettings,
) -> Result<usize, sqlx::Error> {
    let mut attempted = 0;
    let mut writer = Writer::default();
    loop {
        let batch = claim(&state.db, settings).await?;
        if batch.is_empty() {
            return Ok(attempted);
        }
        attempted += work_through(state, settings, &mut writer, batch, None).await?;
    }
}

/// The background worker: claim, send, record; when there is nothing due, sleep for
/// `idle_poll` or until [`wake`]. Stops when `shutdown` turns true, handing back anything
/// claimed but not yet tried; if the sender is dropped instead, it stops the next time
/// it is idle.
pub async fn run_worker(
    state: AppState,
    settings: WorkerSettings,
    mut shutdown: watch::Receiver<bool>,
) {
    tracing::info!("email outbox worker started");
    let mut writer = Writer::default();
    loop {
        if *shutdown.borrow() {
            break;
        }
        let wakes_before = WAKES.load(Ordering::SeqCst);
        let idle = match claim(&state.db, &settings).await {
            Ok(batch) if batch.is_empty() => true,
            Ok(batch) => {
                match work_through(&state, &settings, &mut writer, batch, Some(&shutdown)).await {
                    Ok(_) => false,
                    Err(error) => {
                        tracing::error!(%error, "email outbox: recording an outcome failed");
                        true
                    }
                }
            }
            Err(error) => {
                tracing::error!(%error, "email outbox: claiming messages failed");
                true
            }
        };
        if idle {
            let woken = WAKE.notified();
            tokio::pin!(woken);
            woken.as_mut().enable();
            if WAKES.load(Ordering::SeqCst) != wakes_before {
                // Mail was queued while this worker was looking: look again at once.
                continue;
            }
            tokio::select! {
                () = tokio::time::sleep(settings.idle_poll) => {}
                () = woken => {}
                changed = shutdown.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
            }
        }
    }
    tracing::info!("email outbox worker stopped");
}

/// Put a batch's failed messages back in the queue with a fresh count of attempts
/// (the admin's "retry failed" button), in the caller's transaction. Returns how many;
/// the caller wakes the worker once it has committed.
pub async fn retry_failed(tx: &mut Tx, batch: &str) -> Result<u64, sqlx::Error> {
    sql::requeue_failed(tx, batch, clock::now()).await
}

/// How far a batch has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchProgress {
    pub queued: i64,
    pub sending: i64,
    pub sent: i64,
    pub retrying: i64,
    pub failed: i64,
}

impl BatchProgress {
    pub fn total(&self) -> i64 {
        self.queued + self.sending + self.sent + self.retrying + self.failed
    }

    /// Sent or failed: nothing more will happen without someone pressing retry.
    pub fn finished(&self) -> i64 {
        self.sent + self.failed
    }
}

/// Count a batch's messages by status. A status this code does not know (written by
/// hand, or by a newer version) is an error, logged here, rather than a message that
/// silently drops out of the total.
pub async fn batch_progress(db: &Db, batch: &str) -> Result<BatchProgress, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    let counts = sql::count_by_status(&mut conn, batch)
        .await
        .inspect_err(|error| {
            tracing::error!(batch, %error, "email outbox: counting a batch by status failed");
        })?;
    let mut progress = BatchProgress::default();
    for (status, count) in counts {
        let slot = match status {
            Status::Queued => &mut progress.queued,
            Status::Sending => &mut progress.sending,
            Status::Sent => &mut progress.sent,
            Status::Retrying => &mut progress.retrying,
            Status::Failed => &mut progress.failed,
        };
        *slot = count;
    }
    Ok(progress)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_base_up_to_the_cap() {
        let s = WorkerSettings::default();
        assert_eq!(backoff(&s, 1, 0.0), Duration::from_secs(30));
        assert_eq!(backoff(&s, 2, 0.0), Duration::from_secs(60));
        assert_eq!(backoff(&s, 4, 0.0), Duration::from_secs(240));
        assert_eq!(backoff(&s, 9, 0.0), Duration::from_secs(3600));
        assert_eq!(backoff(&s, 1000, 0.0), Duration::from_secs(3600));
        assert_eq!(backoff(&s, 1, 1.0), Duration::from_secs(33));
    }

    #[test]
    fn every_status_and_outcome_reads_back_from_the_word_it_is_stored_as() {
        for status in Status::ALL {
            assert_eq!(Status::try_from(status.as_str()), Ok(status));
            assert_eq!(status.as_str().parse::<Status>(), Ok(status));
        }
        for outcome in AttemptOutcome::ALL {
            assert_eq!(
                AttemptOutcome::try_from(outcome.as_str().to_owned()),
                Ok(outcome)
            );
        }
        let unknown = Status::try_from("delivered").unwrap_err();
        assert_eq!(unknown.value, "delivered");
        assert!(unknown.to_string().contains("\"delivered\""), "{unknown}");
        assert!(AttemptOutcome::try_from("Sent").is_err(), "no case folding");
    }

    #[test]
    fn publication_keys_keep_the_form_already_stored_in_queued_rows() {
        assert_eq!(publication_batch(7), "publication:7");
        assert_eq!(publication_email_key(7, 42), "publication:7:user:42");
    }

    #[test]
    fn message_id_is_the_same_for_every_attempt_and_differs_between_messages() {
        let a = message_id(7, "publication:1:user:2", "ourwords.example.org");
        assert_eq!(
            a,
            message_id(7, "publication:1:user:2", "ourwords.example.org")
        );
        assert_ne!(
            a,
            message_id(8, "publication:1:user:3", "ourwords.example.org")
        );
        assert!(a.starts_with("<outbox-7.") && a.ends_with("@ourwords.example.org>"));
        assert!(!message_id(1, "k", "evil\r\nBcc: x").contains(['\r', '\n', ' ', ':']));
    }
}
