//! Published versions: immutable copies of a framework's statements, the rounds each
//! answers, and what their emails need.

use sqlx::{AnyConnection, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct PublicationRow {
    pub id: i64,
    pub version: i64,
    pub summary: String,
    pub published_at: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct PublishedStatement {
    pub statement_id: i64,
    pub theme_code: String,
    pub theme_title: String,
    pub reference: String,
    pub revision_id: i64,
    pub body: String,
    /// The easy read draft that went with the published main draft, kept as it was.
    pub easy_read_revision_id: Option<i64>,
    pub easy_read_body: Option<String>,
    pub easy_read_picture_id: Option<i64>,
    pub easy_read_picture_alt: String,
}

pub async fn find(
    conn: &mut AnyConnection,
    framework_id: i64,
    version: i64,
) -> Result<Option<PublicationRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, version, summary, published_at FROM publications \
         WHERE framework_id = $1 AND version = $2",
    )
    .bind(framework_id)
    .bind(version)
    .fetch_optional(conn)
    .await
}

/// A version's statements, in theme order.
pub async fn statements(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<Vec<PublishedStatement>, sqlx::Error> {
    sqlx::query_as(
        "SELECT statement_id, theme_code, theme_title, reference, revision_id, body, \
           easy_read_revision_id, easy_read_body, easy_read_picture_id, easy_read_picture_alt \
         FROM publication_statements WHERE publication_id = $1 \
         ORDER BY theme_position, position, statement_id",
    )
    .bind(publication_id)
    .fetch_all(conn)
    .await
}

/// One of a version's statements, by reference (the trace reads one, not all).
pub async fn statement(
    conn: &mut AnyConnection,
    publication_id: i64,
    reference: &str,
) -> Result<Option<PublishedStatement>, sqlx::Error> {
    sqlx::query_as(
        "SELECT statement_id, theme_code, theme_title, reference, revision_id, body, \
           easy_read_revision_id, easy_read_body, easy_read_picture_id, easy_read_picture_alt \
         FROM publication_statements WHERE publication_id = $1 AND reference = $2",
    )
    .bind(publication_id)
    .bind(reference)
    .fetch_optional(conn)
    .await
}

/// What a version's emails name it by: its framework and number.
#[derive(Debug, Clone, FromRow)]
pub struct PublicationName {
    pub framework_slug: String,
    pub framework_title: String,
    pub version: i64,
}

pub async fn name(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<Option<PublicationName>, sqlx::Error> {
    sqlx::query_as(
        "SELECT f.slug AS framework_slug, f.title AS framework_title, p.version \
         FROM publications p JOIN frameworks f ON f.id = p.framework_id WHERE p.id = $1",
    )
    .bind(publication_id)
    .fetch_optional(conn)
    .await
}

pub async fn latest_version(
    conn: &mut AnyConnection,
    framework_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT MAX(version) FROM publications WHERE framework_id = $1")
        .bind(framework_id)
        .fetch_one(conn)
        .await
}

/// A framework's version numbers, newest first.
pub async fn versions(
    conn: &mut AnyConnection,
    framework_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT version FROM publications WHERE framework_id = $1 ORDER BY version DESC",
    )
    .bind(framework_id)
    .fetch_all(conn)
    .await
}

/// The version that answers a round, if one does yet.
pub async fn version_answering_round(
    conn: &mut AnyConnection,
    round_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT p.version FROM rounds rd JOIN publications p ON p.id = rd.publication_id \
         WHERE rd.id = $1",
    )
    .bind(round_id)
    .fetch_optional(conn)
    .await
}

pub struct NewPublication<'a> {
    pub framework_id: i64,
    pub version: i64,
    pub summary: &'a str,
    pub newest_round_id: i64,
    pub published_by: i64,
}

/// Write a version: its row, the rounds it answers (every started round no version
/// answers yet) and a copy of every current statement, with the easy read text that
/// goes with it. Returns the publication's id.
pub async fn insert(
    conn: &mut AnyConnection,
    new: &NewPublication<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let publication: i64 = sqlx::query_scalar(
        "INSERT INTO publications (framework_id, version, summary, round_id, published_by, published_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(new.framework_id)
    .bind(new.version)
    .bind(new.summary)
    .bind(new.newest_round_id)
    .bind(new.published_by)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE rounds SET publication_id = $1 \
         WHERE framework_id = $2 AND publication_id IS NULL AND opens_at <= $3",
    )
    .bind(publication)
    .bind(new.framework_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    // Each statement's easy read text is the draft its published main draft records as
    // its twin (none when the main text changed and nobody updated the easy read text),
    // copied with its picture so a later easy read redraft never changes the version.
    sqlx::query(
        "INSERT INTO publication_statements \
           (publication_id, statement_id, theme_code, theme_title, theme_position, position, reference, revision_id, body, \
            easy_read_revision_id, easy_read_body, easy_read_picture_id, easy_read_picture_alt) \
         SELECT $1, s.id, t.code, t.title, t.position, s.position, s.reference, r.id, r.body, \
           e.id, e.body, e.picture_id, COALESCE(e.picture_alt, '') \
         FROM statements s JOIN themes t ON t.id = s.theme_id JOIN statement_revisions r ON r.id = s.latest_revision_id \
         LEFT JOIN statement_revisions e ON e.id = r.easy_read_revision_id \
         WHERE s.framework_id = $2 AND s.retired_at IS NULL",
    )
    .bind(publication)
    .bind(new.framework_id)
    .execute(&mut *conn)
    .await?;
    Ok(publication)
}

/// Who is owed an email by version `$1`: they commented or proposed in one of its rounds,
/// and did not opt out. A condition on `users`.
const CONTRIBUTOR: &str = "email_opt_out = 0 AND (id IN (SELECT author_id FROM comments WHERE withdrawn_at IS NULL \
       AND round_id IN (SELECT id FROM rounds WHERE publication_id = $1)) \
     OR id IN (SELECT author_id FROM proposals WHERE withdrawn_at IS NULL \
       AND round_id IN (SELECT id FROM rounds WHERE publication_id = $1)))";

/// Whom else version `$1` owes an email: people recorded at one of its rounds' events
/// who chose to hear back by email, gave an address, have not stopped these emails from
/// one of them, and have a live comment in it. A condition on `event_participants`.
const RECORDED_BY_EMAIL: &str = "hear_back = 'email' AND email IS NOT NULL AND email <> '' AND email_opt_out = 0 \
     AND id IN (SELECT participant_id FROM comments WHERE withdrawn_at IS NULL \
       AND round_id IN (SELECT id FROM rounds WHERE publication_id = $1))";

/// A version's emails to queue: which version, keyed how (a prefix the person's id is
/// added to), in which batch, and when.
pub struct Owed<'a> {
    pub publication_id: i64,
    pub key_prefix: &'a str,
    pub batch: &'a str,
    pub now: i64,
}

/// Queue the email a version owes each of its contributors who signed in, in one
/// statement: a row each saying whom it is for (`user_id`), with an empty body the
/// outbox worker writes when it sends it. A key queued before is left alone. Returns
/// how many were queued now.
pub async fn queue_contributor_emails(
    conn: &mut AnyConnection,
    owed: &Owed<'_>,
) -> Result<u64, sqlx::Error> {
    owed.queue(conn, "user_id", &format!("users WHERE {CONTRIBUTOR}"))
        .await
}

/// [`queue_contributor_emails`] for the people recorded at events who asked to hear
/// back by email (`participant_id`, keyed by their `event_participants` id).
pub async fn queue_participant_emails(
    conn: &mut AnyConnection,
    owed: &Owed<'_>,
) -> Result<u64, sqlx::Error> {
    let people = format!("event_participants WHERE {RECORDED_BY_EMAIL}");
    owed.queue(conn, "participant_id", &people).await
}

impl Owed<'_> {
    /// One outbox row for each of `people` (a table with `id` and `email`, and a WHERE
    /// clause that may use `$1`, the publication), saying in `addressee` whom it is for.
    async fn queue(
        &self,
        conn: &mut AnyConnection,
        addressee: &str,
        people: &str,
    ) -> Result<u64, sqlx::Error> {
        // SQLite needs the SELECT's WHERE clause to tell its ON CONFLICT from a join's ON.
        debug_assert!(people.contains(" WHERE "));
        let done = sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO outbox \
               (dedupe_key, recipient, subject, text_body, batch, status, attempts, \
                next_attempt_at, created_at, publication_id, {addressee}) \
             SELECT $2 || id, email, '', '', $3, $4, 0, $5, $5, $1, id FROM {people} \
             ON CONFLICT (dedupe_key) DO NOTHING"
        )))
        .bind(self.publication_id)
        .bind(self.key_prefix)
        .bind(self.batch)
        .bind(super::outbox::Status::Queued)
        .bind(self.now)
        .execute(conn)
        .await?;
        Ok(done.rows_affected())
    }
}

/// The text of every draft commented on in a version's rounds, by revision id.
pub async fn commented_texts(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, body FROM statement_revisions WHERE id IN \
           (SELECT revision_id FROM comments WHERE round_id IN (SELECT id FROM rounds WHERE publication_id = $1))",
    )
    .bind(publication_id)
    .fetch_all(conn)
    .await
}
