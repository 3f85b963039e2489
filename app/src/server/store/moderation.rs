//! Reports on comments, what moderators did about them, and the words of a comment as
//! the public may read them.

use crate::{
    domain::moderation::{Moderation, ModerationAction, ModerationReason, ReportKind},
    model::PageRequest,
};
use sqlx::{AnyConnection, FromRow};

/// A comment's words, original and shown. The public text was worked out when the
/// comment was moderated and is read here as a column, so a page of comments costs no
/// more work than before. The original is private to the type: code that prints a
/// comment has to say whose eyes it is for ([`CommentWords::for_reader`]), so a public
/// page cannot print the original by mistake.
#[derive(Debug, Clone, FromRow)]
pub struct CommentWords {
    body: String,
    suggestion: Option<String>,
    shown_body: String,
    shown_suggestion: Option<String>,
    moderation: Option<Moderation>,
    moderation_reason: Option<ModerationReason>,
}

/// Who is reading a comment's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordsFor {
    /// The public, and everyone who is neither the policy team nor the author.
    Public,
    /// The policy team (editors, moderators) and the comment's own author.
    PolicyTeamOrAuthor,
}

impl WordsFor {
    /// The policy team and the author read the original; anyone else the shown text.
    pub fn reader(policy_team: bool, is_author: bool) -> Self {
        if policy_team || is_author {
            Self::PolicyTeamOrAuthor
        } else {
            Self::Public
        }
    }
}

impl CommentWords {
    /// The comment as `reader` may read it.
    pub fn body(&self, reader: WordsFor) -> &str {
        match reader {
            WordsFor::Public => &self.shown_body,
            WordsFor::PolicyTeamOrAuthor => &self.body,
        }
    }

    /// The suggested wording as `reader` may read it.
    pub fn suggestion(&self, reader: WordsFor) -> Option<&str> {
        match reader {
            WordsFor::Public => self.shown_suggestion.as_deref(),
            WordsFor::PolicyTeamOrAuthor => self.suggestion.as_deref(),
        }
    }

    /// The comment as the public reads it.
    pub fn shown_body(&self) -> &str {
        self.body(WordsFor::Public)
    }

    pub fn shown_suggestion(&self) -> Option<&str> {
        self.suggestion(WordsFor::Public)
    }

    pub fn moderation(&self) -> Option<Moderation> {
        self.moderation
    }

    pub fn reason(&self) -> Option<ModerationReason> {
        self.moderation_reason
    }

    /// The text a further redaction is chosen from: what the public reads now when some
    /// words are already out, else the original (a hidden comment's words come back,
    /// less the ones chosen).
    pub fn redactable(&self) -> &str {
        match self.moderation {
            Some(Moderation::Redacted) => &self.shown_body,
            _ => &self.body,
        }
    }
}

/// The columns of [`CommentWords`], for a query over `comments c` (a macro, so that
/// `concat!` can build other constant queries with it).
macro_rules! comment_words {
    () => {
        "c.body, c.suggestion, \
        CASE WHEN c.moderation IS NULL THEN c.body ELSE c.shown_body END AS shown_body, \
        CASE WHEN c.moderation IS NULL THEN c.suggestion ELSE c.shown_suggestion END AS shown_suggestion, \
        c.moderation, c.moderation_reason"
    };
}
pub(crate) use comment_words;

pub(crate) const WORDS: &str = comment_words!();

pub struct NewReport<'a> {
    pub submission_key: &'a str,
    pub comment_id: i64,
    pub reporter_id: i64,
    pub kind: ReportKind,
    pub note: &'a str,
}

pub async fn report(
    conn: &mut AnyConnection,
    r: &NewReport<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO comment_reports (comment_id, reporter_id, kind, note, created_at, \
           submission_key) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(r.comment_id)
    .bind(r.reporter_id)
    .bind(r.kind)
    .bind(r.note)
    .bind(now)
    .bind(r.submission_key)
    .fetch_one(conn)
    .await
}

/// The report or action a form's submission key already made: (its id, who made it, on
/// which comment), so a form sent twice is told from a key used for something else.
pub async fn find_by_key(
    conn: &mut AnyConnection,
    table: KeyedTable,
    key: &str,
) -> Result<Option<(i64, i64, i64)>, sqlx::Error> {
    let (table, who) = match table {
        KeyedTable::Reports => ("comment_reports", "reporter_id"),
        KeyedTable::Actions => ("moderation_actions", "moderator_id"),
    };
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT id, {who}, comment_id FROM {table} WHERE submission_key = $1"
    )))
    .bind(key)
    .fetch_optional(conn)
    .await
}

/// Which kind of row a submission key made.
#[derive(Debug, Clone, Copy)]
pub enum KeyedTable {
    Reports,
    Actions,
}

/// Whether this person already has an open report on this comment (a second is refused).
pub async fn has_open_report_by(
    conn: &mut AnyConnection,
    comment_id: i64,
    reporter_id: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM comment_reports \
         WHERE comment_id = $1 AND reporter_id = $2 AND handled_at IS NULL",
    )
    .bind(comment_id)
    .bind(reporter_id)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// A report as the queue lists it, with the comment's public words.
#[derive(Debug, Clone, FromRow)]
pub struct QueuedReport {
    pub id: i64,
    pub comment_id: i64,
    pub kind: ReportKind,
    pub note: String,
    pub created_at: i64,
    pub handled_at: Option<i64>,
    pub reporter_name: String,
    pub handled_by_name: Option<String>,
    pub reference: String,
    pub framework_slug: String,
    #[sqlx(flatten)]
    pub words: CommentWords,
}

/// Reports with who made and handled them and the comment's words, for a WHERE clause.
const QUEUED: &str = concat!(
    "SELECT rep.id, rep.comment_id, rep.kind, rep.note, rep.created_at, rep.handled_at, \
       COALESCE(u.display_name, '') AS reporter_name, h.display_name AS handled_by_name, \
       s.reference, f.slug AS framework_slug, ",
    comment_words!(),
    " FROM comment_reports rep \
     JOIN comments c ON c.id = rep.comment_id \
     JOIN statements s ON s.id = c.statement_id \
     JOIN frameworks f ON f.id = s.framework_id \
     LEFT JOIN users u ON u.id = rep.reporter_id \
     LEFT JOIN users h ON h.id = rep.handled_by"
);

/// One page of reports: open ones first (newest first), then handled ones (most
/// recently made first), in one query over `comment_reports_queue`.
pub async fn queue_page(
    conn: &mut AnyConnection,
    page: PageRequest,
) -> Result<Vec<QueuedReport>, sqlx::Error> {
    sqlx::query_as::<_, QueuedReport>(sqlx::AssertSqlSafe(format!(
        "{QUEUED} ORDER BY CASE WHEN rep.handled_at IS NULL THEN 0 ELSE 1 END, rep.id DESC \
         LIMIT $1 OFFSET $2"
    )))
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(conn)
    .await
}

/// How many reports there are, and how many of them are open.
pub async fn queue_counts(conn: &mut AnyConnection) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as("SELECT COUNT(*), COUNT(*) - COUNT(handled_at) FROM comment_reports")
        .fetch_one(conn)
        .await
}

/// The reports made on one comment, open ones first.
pub async fn for_comment(
    conn: &mut AnyConnection,
    comment_id: i64,
) -> Result<Vec<QueuedReport>, sqlx::Error> {
    sqlx::query_as::<_, QueuedReport>(sqlx::AssertSqlSafe(format!(
        "{QUEUED} WHERE rep.comment_id = $1 \
         ORDER BY CASE WHEN rep.handled_at IS NULL THEN 0 ELSE 1 END, rep.id DESC"
    )))
    .bind(comment_id)
    .fetch_all(conn)
    .await
}

/// Close every open report on a comment: a moderator has acted on it.
pub async fn handle_reports(
    conn: &mut AnyConnection,
    comment_id: i64,
    moderator_id: i64,
    now: i64,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE comment_reports SET handled_at = $1, handled_by = $2 \
         WHERE comment_id = $3 AND handled_at IS NULL",
    )
    .bind(now)
    .bind(moderator_id)
    .bind(comment_id)
    .execute(conn)
    .await?
    .rows_affected())
}

/// Open again the newest report on a comment: its author changed it after it was
/// moderated, so a moderator reads the new words before the version is published.
pub async fn reopen_latest(conn: &mut AnyConnection, comment_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE comment_reports SET handled_at = NULL, handled_by = NULL \
         WHERE id = (SELECT MAX(id) FROM comment_reports WHERE comment_id = $1)",
    )
    .bind(comment_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// What the public now reads of a comment (`None`: as written).
pub struct Shown<'a> {
    pub moderation: Moderation,
    pub reason: ModerationReason,
    pub body: &'a str,
    pub suggestion: Option<&'a str>,
}

pub async fn set_shown(
    conn: &mut AnyConnection,
    comment_id: i64,
    shown: Option<&Shown<'_>>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE comments SET moderation = $1, moderation_reason = $2, shown_body = $3, \
           shown_suggestion = $4, moderated_at = $5 WHERE id = $6",
    )
    .bind(shown.map(|s| s.moderation))
    .bind(shown.map(|s| s.reason))
    .bind(shown.map(|s| s.body))
    .bind(shown.and_then(|s| s.suggestion))
    .bind(shown.map(|_| now))
    .bind(comment_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub struct NewAction<'a> {
    pub submission_key: &'a str,
    pub comment_id: i64,
    pub moderator_id: i64,
    pub action: ModerationAction,
    pub reason: Option<ModerationReason>,
    pub note: &'a str,
    pub removed_words: Option<&'a str>,
}

pub async fn record(
    conn: &mut AnyConnection,
    a: &NewAction<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO moderation_actions (comment_id, moderator_id, action, reason, note, \
           removed_words, created_at, submission_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         RETURNING id",
    )
    .bind(a.comment_id)
    .bind(a.moderator_id)
    .bind(a.action)
    .bind(a.reason)
    .bind(a.note)
    .bind(a.removed_words)
    .bind(now)
    .bind(a.submission_key)
    .fetch_one(conn)
    .await
}

/// A moderator's action as the record shows it.
#[derive(Debug, Clone, FromRow)]
pub struct ActionRow {
    pub id: i64,
    pub comment_id: i64,
    pub action: ModerationAction,
    pub reason: Option<ModerationReason>,
    pub note: String,
    pub removed_words: Option<String>,
    pub created_at: i64,
    pub moderator_name: String,
}

const ACTIONS: &str = "SELECT a.id, a.comment_id, a.action, a.reason, a.note, a.removed_words, \
    a.created_at, COALESCE(u.display_name, u.email) AS moderator_name \
    FROM moderation_actions a JOIN users u ON u.id = a.moderator_id";

/// Everything moderators did to a comment, oldest first.
pub async fn actions_for_comment(
    conn: &mut AnyConnection,
    comment_id: i64,
) -> Result<Vec<ActionRow>, sqlx::Error> {
    sqlx::query_as::<_, ActionRow>(sqlx::AssertSqlSafe(format!(
        "{ACTIONS} WHERE a.comment_id = $1 ORDER BY a.id"
    )))
    .bind(comment_id)
    .fetch_all(conn)
    .await
}

/// A comment of the next version's rounds with an open report: publishing waits for it.
#[derive(Debug, Clone, FromRow)]
pub struct Unhandled {
    pub comment_id: i64,
    pub reference: String,
    pub reports: i64,
    #[sqlx(flatten)]
    pub words: CommentWords,
}

/// The live comments of the rounds the next version would answer that have open
/// reports, by statement, at most `limit` of them, in one query.
pub async fn unhandled_awaiting_publication(
    conn: &mut AnyConnection,
    framework_id: i64,
    now: i64,
    limit: i64,
) -> Result<Vec<Unhandled>, sqlx::Error> {
    sqlx::query_as(
        concat!(
            "SELECT c.id AS comment_id, s.reference, \
               (SELECT COUNT(*) FROM comment_reports o WHERE o.comment_id = c.id AND o.handled_at IS NULL) AS reports, ",
            comment_words!(),
            " FROM comments c JOIN statements s ON s.id = c.statement_id \
             WHERE c.withdrawn_at IS NULL \
               AND c.id IN (SELECT comment_id FROM comment_reports WHERE handled_at IS NULL) \
               AND c.round_id IN \
               (SELECT id FROM rounds WHERE framework_id = $1 AND publication_id IS NULL AND opens_at <= $2) \
             ORDER BY s.reference, c.id LIMIT $3"
        ),
    )
    .bind(framework_id)
    .bind(now)
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// How many live comments of the rounds the next version would answer have open reports.
pub async fn count_unhandled_awaiting_publication(
    conn: &mut AnyConnection,
    framework_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM comments c \
         WHERE c.id IN (SELECT comment_id FROM comment_reports WHERE handled_at IS NULL) \
           AND c.withdrawn_at IS NULL AND c.round_id IN \
           (SELECT id FROM rounds WHERE framework_id = $1 AND publication_id IS NULL AND opens_at <= $2)",
    )
    .bind(framework_id)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Queue the email telling a comment's author what a moderator did (`action_id`),
/// written when it is sent. Nothing is queued for words a facilitator recorded (their
/// author has no account) or for an author with no address.
pub async fn queue_author_email(
    conn: &mut AnyConnection,
    action_id: i64,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO outbox \
           (dedupe_key, recipient, subject, text_body, status, attempts, next_attempt_at, \
            created_at, user_id, moderation_action_id) \
         SELECT 'moderation:' || a.id, u.email, '', '', $2, 0, $3, $3, u.id, a.id \
         FROM moderation_actions a JOIN comments c ON c.id = a.comment_id \
         JOIN users u ON u.id = c.author_id WHERE a.id = $1 \
         ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(action_id)
    .bind(super::outbox::Status::Queued)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// What the author's email about a moderator's action says.
#[derive(Debug, Clone, FromRow)]
pub struct EmailFacts {
    pub action: ModerationAction,
    pub reason: Option<ModerationReason>,
    pub removed_words: Option<String>,
    pub author_name: String,
    pub reference: String,
    pub framework_title: String,
    pub round_closes_at: i64,
    #[sqlx(flatten)]
    pub words: CommentWords,
}

pub async fn email_facts(
    conn: &mut AnyConnection,
    action_id: i64,
) -> Result<Option<EmailFacts>, sqlx::Error> {
    sqlx::query_as::<_, EmailFacts>(sqlx::AssertSqlSafe(format!(
        "SELECT a.action, a.reason, a.removed_words, COALESCE(u.display_name, '') AS author_name, \
           s.reference, f.title AS framework_title, rd.closes_at AS round_closes_at, {WORDS} \
         FROM moderation_actions a JOIN comments c ON c.id = a.comment_id \
         JOIN users u ON u.id = c.author_id \
         JOIN statements s ON s.id = c.statement_id \
         JOIN frameworks f ON f.id = s.framework_id \
         JOIN rounds rd ON rd.id = c.round_id \
         WHERE a.id = $1"
    )))
    .bind(action_id)
    .fetch_optional(conn)
    .await
}
