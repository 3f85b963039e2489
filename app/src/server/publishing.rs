//! Publishing a version: it answers every round held since the version before it. It is
//! refused while any of those rounds is open or any of their comments is unanswered; it
//! copies every statement's text and values; and, in the same transaction, it queues one personal
//! email per contributor. Publishing again with nothing new changes nothing and sends
//! nothing.

use super::{
    Context, audit, clock::now, credit, db::Tx, lookups, outbox, participant_emails,
    publication_email, reports, store,
};
use crate::{
    domain::{audit::AuditAction, diff, drafting, easy_read::TextKind, plural, singular_or_plural},
    error::AppError,
    model::{Missing, OutboxView, PublishInput, PublishView},
};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// What the next version would answer: the rounds that have started since the last
/// version, and their comments.
pub struct Pending {
    pub rounds: Vec<store::rounds::RoundRow>,
    pub comments: Vec<store::comments::CommentRow>,
}

impl Pending {
    pub fn open_round(&self, at: i64) -> Option<&store::rounds::RoundRow> {
        self.rounds.iter().find(|r| r.closes_at > at)
    }

    pub fn unanswered(&self) -> impl Iterator<Item = &store::comments::CommentRow> {
        self.comments.iter().filter(|c| c.outcome.is_none())
    }
}

pub async fn pending(
    conn: &mut AnyConnection,
    framework_id: i64,
    at: i64,
) -> Result<Pending, sqlx::Error> {
    Ok(Pending {
        rounds: store::rounds::awaiting_publication(conn, framework_id, at).await?,
        comments: store::comments::awaiting_publication(conn, framework_id, at).await?,
    })
}

pub async fn publish(cx: &Context, slug: &str, summary: &str) -> Result<i64, AppError> {
    Ok(publish_timed(cx, slug, summary).await?.version)
}

/// A version published, and how long its transaction held the write lock.
#[derive(Debug, Clone, Copy)]
pub struct Published {
    pub version: i64,
    /// From the transaction's start (on SQLite, taking the write lock) to its commit:
    /// what every other write waited for at most. Emails are written when sent, so this
    /// does not grow with their size.
    pub write_lock: std::time::Duration,
}

/// [`publish`], saying how long the write lock was held (for the publish benchmark).
pub async fn publish_timed(cx: &Context, slug: &str, summary: &str) -> Result<Published, AppError> {
    let editor = cx.editor()?;
    let summary = drafting::title(summary, "short summary of what changed")
        .map_err(|e| AppError::field(PublishInput::SUMMARY, e))?;
    let mut tx = cx.write().await?;
    let locked_at = std::time::Instant::now();
    let framework = lookups::framework(&mut tx, slug).await?;
    // Two editors pressing "Publish" at once must not both publish, and an answer must
    // not change while a version is written: both take this lock first, so the second
    // waits and then sees what the first wrote.
    store::frameworks::lock(&mut tx, framework.id).await?;
    let at = now();
    // Counted rather than read: the emails are written later, from the version.
    let rounds = store::rounds::awaiting_publication(&mut tx, framework.id, at).await?;
    let (comments, unanswered) =
        store::comments::count_awaiting_publication(&mut tx, framework.id, at).await?;
    let Some(newest_round) = rounds.last() else {
        // Published already (a retried or doubled submit): no second version, no emails.
        let version = store::publications::latest_version(&mut tx, framework.id)
            .await?
            .ok_or_else(|| {
                AppError::Invalid("There has been no consultation round to publish yet.".into())
            })?;
        return Ok(Published {
            version,
            write_lock: locked_at.elapsed(),
        });
    };
    if let Some(open) = rounds.iter().find(|r| r.closes_at > at) {
        return Err(AppError::Invalid(format!(
            "{} is still open. Close it before publishing, so everyone's comments can be answered.",
            open.title
        )));
    }
    if unanswered > 0 {
        let unanswered = usize::try_from(unanswered).unwrap_or(usize::MAX);
        return Err(AppError::Invalid(format!(
            "{} still {} an answer. Everyone who commented is owed one before publishing.",
            plural(unanswered, "comment", "comments"),
            singular_or_plural(unanswered, "needs", "need"),
        )));
    }
    let undecided = super::proposing::undecided(&mut tx, framework.id, at).await?;
    if !undecided.is_empty() {
        return Err(AppError::Invalid(super::proposing::refusal(
            undecided.len(),
        )));
    }
    let unhandled =
        store::moderation::count_unhandled_awaiting_publication(&mut tx, framework.id, at).await?;
    if unhandled > 0 {
        return Err(AppError::Invalid(super::moderation::refusal(unhandled)));
    }
    // Read inside the transaction, after the lock, so a twin cannot fall out of step
    // between this check and the version being written.
    let twins = super::twins::overview(&mut tx, framework.id, &framework.slug).await?;
    if twins.required && twins.out_of_step() > 0 {
        return Err(AppError::Invalid(super::twins::refusal(
            twins.out_of_step(),
        )));
    }
    let version = store::publications::latest_version(&mut tx, framework.id)
        .await?
        .unwrap_or(0)
        + 1;
    let publication = store::publications::insert(
        &mut tx,
        &store::publications::NewPublication {
            framework_id: framework.id,
            version,
            summary: &summary,
            newest_round_id: newest_round.id,
            published_by: editor.id,
        },
        at,
    )
    .await?;
    // Its comments counted once, as its report counts them: they cannot change now.
    store::reports::record_counts(&mut tx, publication).await?;
    // Each statement's values go with the version, as its text does.
    store::values::snapshot_for_publication(&mut tx, publication).await?;
    // Whose words are in it, worked out now and kept with the version.
    credit::record(&mut tx, publication).await?;
    queue_emails(&mut tx, publication, comments > 0).await?;
    let detail = format!("{}, version {version}: {summary}", framework.title);
    audit::record(
        &mut tx,
        Some(editor.id),
        AuditAction::Published,
        None,
        &detail,
    )
    .await?;
    tx.commit().await?;
    let write_lock = locked_at.elapsed();
    outbox::wake();
    Ok(Published {
        version,
        write_lock,
    })
}

/// The publish page: what the next version would answer, and what still stops it.
pub async fn publish_page(cx: &Context, slug: &str) -> Result<PublishView, AppError> {
    cx.editor()?;
    let mut conn = cx.read().await?;
    let framework = lookups::framework(&mut conn, slug).await?;
    let at = now();
    let pending = pending(&mut conn, framework.id, at).await?;
    let missing = pending
        .unanswered()
        .map(|c| Missing {
            reference: c.reference.clone(),
            author: c.author_label(),
            // The publish page is the policy team's.
            excerpt: c
                .words
                .body(store::moderation::WordsFor::PolicyTeamOrAuthor)
                .chars()
                .take(120)
                .collect(),
            answer_href: crate::model::answer_list_link(slug, c.round_id, &c.reference, c.id),
        })
        .collect();
    let undecided_proposals =
        super::proposing::missing_decisions(&mut conn, framework.id, at).await?;
    let unhandled_reports =
        super::moderation::missing_handling(&mut conn, framework.id, at).await?;
    let versions = store::publications::versions(&mut conn, framework.id).await?;
    let twins = super::twins::overview(&mut conn, framework.id, &framework.slug).await?;
    Ok(PublishView {
        framework_slug: framework.slug,
        framework_title: framework.title,
        open_round: pending.open_round(at).map(|r| r.title.clone()),
        round_titles: pending.rounds.into_iter().map(|r| r.title).collect(),
        missing,
        undecided_proposals,
        unhandled_reports,
        versions,
        twins,
    })
}

/// How far a version's emails have got.
pub async fn outbox_page(cx: &Context, slug: &str, version: i64) -> Result<OutboxView, AppError> {
    cx.editor_or_admin()?;
    let mut conn = cx.read().await?;
    let (framework, publication) = lookups::publication(&mut conn, slug, version).await?;
    drop(conn);
    let progress =
        outbox::batch_progress(cx.db(), &outbox::publication_batch(publication.id)).await?;
    Ok(OutboxView {
        header: reports::header(&framework.slug, &framework.title, &publication),
        queued: progress.queued + progress.sending,
        sent: progress.sent,
        retrying: progress.retrying,
        failed: progress.failed,
        total: progress.total(),
    })
}

/// Put a version's failed emails back in the queue (the "retry failed" button).
pub async fn retry_failed(cx: &Context, slug: &str, version: i64) -> Result<u64, AppError> {
    let viewer = cx.editor_or_admin()?.id;
    let mut tx = cx.write().await?;
    let (framework, publication) = lookups::publication(&mut tx, slug, version).await?;
    let requeued =
        outbox::retry_failed(&mut tx, &outbox::publication_batch(publication.id)).await?;
    if requeued > 0 {
        let detail = format!(
            "{}, version {version}: {}",
            framework.title,
            plural(
                usize::try_from(requeued).unwrap_or(usize::MAX),
                "email",
                "emails"
            )
        );
        audit::record(
            &mut tx,
            Some(viewer),
            AuditAction::EmailsRetried,
            None,
            &detail,
        )
        .await?;
    }
    tx.commit().await?;
    if requeued > 0 {
        outbox::wake();
    }
    Ok(requeued)
}

/// One email owed per person (however many comments they made): a row each saying
/// whom it is for, queued in one statement for everyone signed in, written out by the outbox worker when it sends it
/// ([`super::publication_mail`]), so the write lock is not held while emails are written.
async fn queue_emails(tx: &mut Tx, publication: i64, any_comments: bool) -> Result<(), AppError> {
    if !any_comments && !store::proposals::any_in_publication(tx, publication).await? {
        return Ok(());
    }
    let batch = outbox::publication_batch(publication);
    let owed = store::publications::Owed {
        publication_id: publication,
        key_prefix: &outbox::publication_email_key_prefix(publication),
        batch: &batch,
        now: now(),
    };
    store::publications::queue_contributor_emails(tx, &owed).await?;
    participant_emails::queue(tx, publication, &batch).await
}

/// What a version's emails say of each statement: the text each comment was made on,
/// and the version's standard and easy read texts.
pub struct EmailTexts {
    commented: HashMap<i64, String>,
    published: HashMap<i64, String>,
    published_easy_read: HashMap<i64, String>,
    /// For a comment saying an earlier one still matters: the round it was first said in.
    first_said_in: HashMap<i64, String>,
}

impl EmailTexts {
    pub async fn read(tx: &mut AnyConnection, publication: i64) -> Result<Self, sqlx::Error> {
        let commented = store::publications::commented_texts(tx, publication)
            .await?
            .into_iter()
            .collect();
        // What the version says of each statement: its standard text, and its easy read
        // text where it has one (for people who chose easy read).
        let mut published = HashMap::new();
        let mut published_easy_read = HashMap::new();
        for s in store::publications::statements(tx, publication).await? {
            if let Some(easy_read) = s.easy_read_body {
                published_easy_read.insert(s.statement_id, easy_read);
            }
            published.insert(s.statement_id, s.body);
        }
        let first_said_in = store::still_matters::first_said_in_for_publication(tx, publication)
            .await?
            .into_iter()
            .collect();
        Ok(Self {
            commented,
            published,
            published_easy_read,
            first_said_in,
        })
    }

    /// What the version says of each statement, by statement id.
    pub fn published(&self) -> &HashMap<i64, String> {
        &self.published
    }

    /// One comment in a person's email: what they said, what was decided and why, and
    /// what the statement now says, in easy read when they asked for it.
    pub fn item(
        &self,
        c: &store::comments::CommentRow,
        easy_read: bool,
    ) -> publication_email::EmailItem {
        let before = self
            .commented
            .get(&c.revision_id)
            .cloned()
            .unwrap_or_default();
        // A retired statement is not in the publication: say so rather than show nothing.
        let after = self
            .published
            .get(&c.statement_id)
            .cloned()
            .unwrap_or_else(|| {
                "(This statement was retired and is no longer part of the standards.)".to_owned()
            });
        let easy_read_after = self.published_easy_read.get(&c.statement_id);
        // The changes are counted in the text the comment was made on.
        let changed_to = match c.text_kind {
            TextKind::EasyRead => easy_read_after.unwrap_or(&after),
            TextKind::Standard => &after,
        };
        let diff = diff::word_diff(&before, changed_to);
        let (published_text, no_easy_read) = match (easy_read, easy_read_after) {
            (true, Some(text)) => (text.clone(), false),
            (true, None) => (after, self.published.contains_key(&c.statement_id)),
            (false, _) => (after, false),
        };
        publication_email::EmailItem {
            reference: c.reference.clone(),
            quote: c.quote.clone(),
            // Each person's email holds only their own words, as they wrote them.
            body: c
                .words
                .body(store::moderation::WordsFor::PolicyTeamOrAuthor)
                .to_owned(),
            outcome_label: c.outcome.map_or("Answered", |o| o.label()).to_owned(),
            reason: c.reason.clone().unwrap_or_default(),
            diff,
            published_text,
            no_easy_read,
            first_said_in: self.first_said_in.get(&c.id).cloned(),
            personal_line: c.personal_line.clone(),
        }
    }
}
