use super::moderation::CommentWords;
use crate::{
    domain::{
        drafting::{Knowledge, Visibility},
        easy_read::TextKind,
        response::Outcome,
    },
    model::PageRequest,
};
use sqlx::{AnyConnection, FromRow};

/// A comment with what is needed to show it: who wrote it, for which organisation, and
/// the text of the revision it was made on.
#[derive(Debug, Clone, FromRow)]
pub struct CommentRow {
    pub id: i64,
    pub statement_id: i64,
    pub revision_id: i64,
    pub round_id: i64,
    /// The signed-in person who wrote it; `None` for what a facilitator recorded.
    pub author_id: Option<i64>,
    /// The person's chosen name, or the name a facilitator recorded ('' when none).
    pub author_name: String,
    pub organisation_id: Option<i64>,
    pub organisation_name: Option<String>,
    /// Its words and suggested wording, original and as the public may read them.
    #[sqlx(flatten)]
    pub words: CommentWords,
    pub passage_start: Option<i64>,
    pub passage_end: Option<i64>,
    pub quote: Option<String>,
    pub knowledge: Knowledge,
    pub visibility: Visibility,
    pub created_at: i64,
    pub updated_at: i64,
    pub withdrawn_at: Option<i64>,
    pub reference: String,
    pub framework_id: i64,
    pub framework_slug: String,
    pub response_id: Option<i64>,
    pub outcome: Option<Outcome>,
    pub reason: Option<String>,
    /// The newest draft the answer says the comment was acted on in.
    pub acted_revision_id: Option<i64>,
    /// The published version that answers the comment's round: its answer is settled.
    pub published_in: Option<i64>,
    /// Which of the statement's texts it was made on: the kind of its draft.
    pub text_kind: TextKind,
    /// The event a facilitator recorded it at, and the event's name.
    pub event_id: Option<i64>,
    pub event_name: Option<String>,
    /// The day the event was held (Unix seconds at midnight UTC).
    pub event_held_on: Option<i64>,
    /// Someone without an account whose words a facilitator recorded.
    pub participant_id: Option<i64>,
    /// A group view: `group_agreed` of the `group_present` people at the event said it.
    pub group_agreed: Option<i64>,
    pub group_present: Option<i64>,
    /// The same person's comment in an earlier round that this one says still matters.
    pub earlier_comment_id: Option<i64>,
    /// The group of alike comments it is in, answered together.
    pub alike_group_id: Option<i64>,
    /// An editor's personal line to this one person, beside the answer.
    pub personal_line: Option<String>,
}

impl CommentRow {
    /// Who said it, in words: the author's chosen name, "A participant" for someone who
    /// has not chosen one, or the group at an event ("8 of the 12 people at the Dundee
    /// workshop").
    pub fn author_label(&self) -> String {
        let event = self.event_label();
        match (self.group_agreed, self.group_present) {
            (Some(agreed), Some(present)) => {
                format!("{agreed} of the {present} people at {event}")
            }
            _ if !self.author_name.is_empty() && self.event_id.is_some() => {
                format!("{}, at {event}", self.author_name)
            }
            _ if !self.author_name.is_empty() => self.author_name.clone(),
            _ if self.participant_id.is_some() => format!("Someone at {event}"),
            _ => "A participant".to_owned(),
        }
    }

    /// The event it was recorded at, with its day ("the Dundee workshop, 3 March 2026"),
    /// so what was said at an event is marked with it wherever it is shown.
    pub fn event_label(&self) -> String {
        let name = self.event_name.as_deref().unwrap_or("an event");
        match self.event_held_on {
            Some(day) => format!("{name}, {}", crate::domain::format_date(day)),
            None => name.to_owned(),
        }
    }

    /// A group's view rather than one person's.
    pub fn is_group(&self) -> bool {
        self.group_present.is_some()
    }
}

pub(crate) const COMMENTS: &str = concat!(
    "\
    SELECT c.id, c.statement_id, c.revision_id, c.round_id, c.author_id, \
      COALESCE(u.display_name, ep.name, '') AS author_name, c.organisation_id, o.name AS organisation_name, \
      ",
    super::moderation::comment_words!(),
    ", c.passage_start, c.passage_end, c.quote, c.knowledge, \
      c.visibility, c.created_at, c.updated_at, c.withdrawn_at, s.reference, f.id AS framework_id, f.slug AS framework_slug, \
      r.id AS response_id, r.outcome, r.reason, \
      (SELECT MAX(rr.revision_id) FROM response_revisions rr WHERE rr.response_id = r.id) AS acted_revision_id, \
      rd.publication_id AS published_in, cr.text_kind, \
      c.event_id, ev.name AS event_name, ev.held_on AS event_held_on, c.participant_id, c.group_agreed, c.group_present, \
      c.earlier_comment_id, c.alike_group_id, c.personal_line \
    FROM comments c \
    JOIN rounds rd ON rd.id = c.round_id \
    JOIN statement_revisions cr ON cr.id = c.revision_id \
    LEFT JOIN users u ON u.id = c.author_id \
    LEFT JOIN event_participants ep ON ep.id = c.participant_id \
    LEFT JOIN events ev ON ev.id = c.event_id \
    JOIN statements s ON s.id = c.statement_id \
    JOIN frameworks f ON f.id = s.framework_id \
    LEFT JOIN organisations o ON o.id = c.organisation_id \
    LEFT JOIN responses r ON r.comment_id = c.id"
);

/// These comments, in the order of `ids` (those not found left out), in one query.
pub async fn by_ids(conn: &mut AnyConnection, ids: &[i64]) -> Result<Vec<CommentRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let query = sqlx::query_as::<_, CommentRow>(sqlx::AssertSqlSafe(format!(
        "{COMMENTS} WHERE c.id IN ({})",
        super::placeholders(1, ids.len())
    )));
    let mut rows = super::bind_ids(query, ids).fetch_all(conn).await?;
    rows.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
    Ok(rows)
}

/// Every live comment on a statement, oldest first, in one query.
pub async fn for_statement(
    conn: &mut AnyConnection,
    statement_id: i64,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    sqlx::query_as::<_, CommentRow>(sqlx::AssertSqlSafe(format!(
        "{COMMENTS} WHERE c.statement_id = $1 AND c.withdrawn_at IS NULL ORDER BY c.id"
    )))
    .bind(statement_id)
    .fetch_all(conn)
    .await
}

/// Whose eyes a list of comments is for: everyone sees named and anonymous comments;
/// the policy team also sees those shared only with it, and a person sees their own.
#[derive(Debug, Clone, Copy)]
pub struct Reader {
    pub viewer_id: Option<i64>,
    pub policy_team: bool,
}

/// The live comments on a statement that `$2` (1 for the policy team) and `$3` (the
/// viewer's id) may see.
const ON_STATEMENT_FOR_READER: &str = "c.statement_id = $1 AND c.withdrawn_at IS NULL \
    AND (c.visibility <> 'policy_team' OR $2 = 1 OR c.author_id = $3)";

/// One page of the live comments on a statement that `reader` may see, oldest first
/// (ordered by id, so pages are stable), in one query over `comments_by_statement`.
pub async fn page_for_statement(
    conn: &mut AnyConnection,
    statement_id: i64,
    reader: Reader,
    page: PageRequest,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    sqlx::query_as::<_, CommentRow>(sqlx::AssertSqlSafe(format!(
        "{COMMENTS} WHERE {ON_STATEMENT_FOR_READER} ORDER BY c.id LIMIT $4 OFFSET $5"
    )))
    .bind(statement_id)
    .bind(i64::from(reader.policy_team))
    .bind(reader.viewer_id)
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(conn)
    .await
}

/// How many live comments on a statement `reader` may see: the same rows as
/// [`page_for_statement`] pages through.
pub async fn count_for_statement(
    conn: &mut AnyConnection,
    statement_id: i64,
    reader: Reader,
) -> Result<u64, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM comments c WHERE {ON_STATEMENT_FOR_READER}"
    )))
    .bind(statement_id)
    .bind(i64::from(reader.policy_team))
    .bind(reader.viewer_id)
    .fetch_one(conn)
    .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

pub async fn find(conn: &mut AnyConnection, id: i64) -> Result<Option<CommentRow>, sqlx::Error> {
    sqlx::query_as::<_, CommentRow>(sqlx::AssertSqlSafe(format!("{COMMENTS} WHERE c.id = $1")))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The comment a form's submission key already made, with who made it and on which
/// statement, so the caller can tell a form sent twice from a key used for something else.
#[derive(Debug, Clone, FromRow)]
pub struct KeyedComment {
    pub id: i64,
    pub author_id: Option<i64>,
    pub statement_id: i64,
}

pub async fn find_by_key(
    conn: &mut AnyConnection,
    key: &str,
) -> Result<Option<KeyedComment>, sqlx::Error> {
    sqlx::query_as("SELECT id, author_id, statement_id FROM comments WHERE submission_key = $1")
        .bind(key)
        .fetch_optional(conn)
        .await
}

/// Whose words a new comment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    /// A signed-in person (who may speak for an organisation).
    Person(i64),
    /// What a facilitator (`recorded_by`) recorded at an event.
    Recorded {
        event_id: i64,
        voice: RecordedVoice,
        recorded_by: i64,
    },
}

/// Whose voice a recorded comment is: one person recorded at the event, or a group view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordedVoice {
    Participant(i64),
    /// `agreed` of the `present` people at the event said it.
    Group {
        agreed: i64,
        present: i64,
    },
}

pub struct NewComment<'a> {
    pub statement_id: i64,
    pub revision_id: i64,
    pub round_id: i64,
    pub author: Author,
    pub organisation_id: Option<i64>,
    pub body: &'a str,
    pub passage: Option<(i64, i64, &'a str)>,
    pub suggestion: Option<&'a str>,
    pub knowledge: Knowledge,
    pub visibility: Visibility,
    pub submission_key: &'a str,
    /// "This still matters to me": the same person's comment in an earlier round.
    pub earlier_comment_id: Option<i64>,
}

/// A comment, whoever's words it is: a signed-in person's, or what a facilitator
/// recorded at an event, which joins the same answer, publish and report loop.
pub async fn insert(
    conn: &mut AnyConnection,
    c: &NewComment<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (author_id, event_id, recorded_by, voice) = match c.author {
        Author::Person(id) => (Some(id), None, None, None),
        Author::Recorded {
            event_id,
            voice,
            recorded_by,
        } => (None, Some(event_id), Some(recorded_by), Some(voice)),
    };
    let (participant_id, agreed, present) = match voice {
        Some(RecordedVoice::Participant(id)) => (Some(id), None, None),
        Some(RecordedVoice::Group { agreed, present }) => (None, Some(agreed), Some(present)),
        None => (None, None, None),
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO comments (statement_id, revision_id, round_id, author_id, organisation_id, body, \
           passage_start, passage_end, quote, suggestion, knowledge, visibility, created_at, updated_at, \
           submission_key, earlier_comment_id, event_id, participant_id, group_agreed, group_present, \
           recorded_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14, $15, $16, $17, $18, \
           $19, $20) RETURNING id",
    )
    .bind(c.statement_id)
    .bind(c.revision_id)
    .bind(c.round_id)
    .bind(author_id)
    .bind(c.organisation_id)
    .bind(c.body)
    .bind(c.passage.map(|p| p.0))
    .bind(c.passage.map(|p| p.1))
    .bind(c.passage.map(|p| p.2))
    .bind(c.suggestion)
    .bind(c.knowledge)
    .bind(c.visibility)
    .bind(now)
    .bind(c.submission_key)
    .bind(c.earlier_comment_id)
    .bind(event_id)
    .bind(participant_id)
    .bind(agreed)
    .bind(present)
    .bind(recorded_by)
    .fetch_one(&mut *conn)
    .await?;
    // Grouped with the comments that say the same, in the same transaction.
    super::alike::consider(conn, id, now).await?;
    Ok(id)
}

pub struct CommentEdit<'a> {
    pub organisation_id: Option<i64>,
    pub body: &'a str,
    pub suggestion: Option<&'a str>,
    pub knowledge: Knowledge,
    pub visibility: Visibility,
}

pub async fn update(
    conn: &mut AnyConnection,
    id: i64,
    edit: &CommentEdit<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE comments SET organisation_id = $1, body = $2, suggestion = $3, knowledge = $4, \
           visibility = $5, updated_at = $6 WHERE id = $7",
    )
    .bind(edit.organisation_id)
    .bind(edit.body)
    .bind(edit.suggestion)
    .bind(edit.knowledge)
    .bind(edit.visibility)
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    // New words may say something else: grouped again by them.
    super::alike::reconsider(conn, id, now).await?;
    Ok(())
}

/// Correct a group view's numbers: `agreed` of the `present` people said it.
pub async fn set_group_view(
    conn: &mut AnyConnection,
    id: i64,
    agreed: i64,
    present: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE comments SET group_agreed = $1, group_present = $2 \
         WHERE id = $3 AND group_present IS NOT NULL",
    )
    .bind(agreed)
    .bind(present)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn withdraw(conn: &mut AnyConnection, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE comments SET withdrawn_at = $1, updated_at = $1 WHERE id = $2 AND withdrawn_at IS NULL")
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    // Withdrawn comments leave their group.
    super::alike::leave(conn, id).await?;
    Ok(())
}

/// Every live comment made in a round, by statement, in one query.
pub async fn for_round(
    conn: &mut AnyConnection,
    round_id: i64,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    sqlx::query_as::<_, CommentRow>(sqlx::AssertSqlSafe(format!(
        "{COMMENTS} WHERE c.round_id = $1 AND c.withdrawn_at IS NULL ORDER BY s.reference, c.id"
    )))
    .bind(round_id)
    .fetch_all(conn)
    .await
}

/// How many live comments the next version would answer, and how many of them have no
/// answer yet: what publishing checks, without reading the comments.
pub async fn count_awaiting_publication(
    conn: &mut AnyConnection,
    framework_id: i64,
    now: i64,
) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT COUNT(*), COUNT(*) - COUNT(r.id) FROM comments c \
         LEFT JOIN responses r ON r.comment_id = c.id \
         WHERE c.round_id IN \
           (SELECT id FROM rounds WHERE framework_id = $1 AND publication_id IS NULL AND opens_at <= $2) \
         AND c.withdrawn_at IS NULL",
    )
    .bind(framework_id)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Every live comment of the rounds a published version answers, in the order
/// [`awaiting_publication`] gave them when it was published (what its report and its
/// emails tell people).
pub async fn for_publication(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    sqlx::query_as::<_, CommentRow>(sqlx::AssertSqlSafe(format!(
        "{COMMENTS} WHERE c.round_id IN (SELECT id FROM rounds WHERE publication_id = $1) \
         AND c.withdrawn_at IS NULL ORDER BY s.reference, c.id"
    )))
    .bind(publication_id)
    .fetch_all(conn)
    .await
}

/// Every live comment of the rounds the next version would answer: those that have
/// started and that no version has answered yet.
pub async fn awaiting_publication(
    conn: &mut AnyConnection,
    framework_id: i64,
    now: i64,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    sqlx::query_as::<_, CommentRow>(sqlx::AssertSqlSafe(format!(
        "{COMMENTS} WHERE c.round_id IN \
           (SELECT id FROM rounds WHERE framework_id = $1 AND publication_id IS NULL AND opens_at <= $2) \
         AND c.withdrawn_at IS NULL ORDER BY s.reference, c.id"
    )))
    .bind(framework_id)
    .bind(now)
    .fetch_all(conn)
    .await
}

/// Every live comment a facilitator recorded at an event, by statement.
pub async fn at_event(
    conn: &mut AnyConnection,
    event_id: i64,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    sqlx::query_as::<_, CommentRow>(sqlx::AssertSqlSafe(format!(
        "{COMMENTS} WHERE c.event_id = $1 AND c.withdrawn_at IS NULL ORDER BY s.reference, c.id"
    )))
    .bind(event_id)
    .fetch_all(conn)
    .await
}

/// One page of everything one person said, newest first (by id, so pages are stable),
/// over `comments_by_author`.
pub async fn page_by_author(
    conn: &mut AnyConnection,
    author_id: i64,
    page: PageRequest,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    sqlx::query_as::<_, CommentRow>(sqlx::AssertSqlSafe(format!(
        "{COMMENTS} WHERE c.author_id = $1 AND c.withdrawn_at IS NULL ORDER BY c.id DESC \
         LIMIT $2 OFFSET $3"
    )))
    .bind(author_id)
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(conn)
    .await
}

/// How many live comments one person has made: the rows [`page_by_author`] pages through.
pub async fn count_by_author(conn: &mut AnyConnection, author_id: i64) -> Result<u64, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM comments c WHERE c.author_id = $1 AND c.withdrawn_at IS NULL",
    )
    .bind(author_id)
    .fetch_one(conn)
    .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Everything one person said, newest first.
pub async fn by_author(
    conn: &mut AnyConnection,
    author_id: i64,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    sqlx::query_as::<_, CommentRow>(sqlx::AssertSqlSafe(format!(
        "{COMMENTS} WHERE c.author_id = $1 AND c.withdrawn_at IS NULL ORDER BY c.id DESC"
    )))
    .bind(author_id)
    .fetch_all(conn)
    .await
}

/// Record (or change) the answer to a comment and the drafts it was acted on in.
pub async fn answer(
    conn: &mut AnyConnection,
    comment_id: i64,
    editor_id: i64,
    outcome: Outcome,
    reason: &str,
    acted_in: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let response_id: i64 = sqlx::query_scalar(
        "INSERT INTO responses (comment_id, editor_id, outcome, reason, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) \
         ON CONFLICT (comment_id) DO UPDATE SET editor_id = $2, outcome = $3, reason = $4, updated_at = $5 \
         RETURNING id",
    )
    .bind(comment_id)
    .bind(editor_id)
    .bind(outcome)
    .bind(reason)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM response_revisions WHERE response_id = $1")
        .bind(response_id)
        .execute(&mut *conn)
        .await?;
    if let Some(revision_id) = acted_in {
        sqlx::query("INSERT INTO response_revisions (response_id, revision_id) VALUES ($1, $2)")
            .bind(response_id)
            .bind(revision_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(response_id)
}

/// Which drafts each answer says its comment was acted on in, for the comments of a
/// version's rounds (`$1`) on these statements: `(comment, draft)`.
pub async fn acted_in_for_statements(
    conn: &mut AnyConnection,
    publication_id: i64,
    statement_ids: &[i64],
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    if statement_ids.is_empty() {
        return Ok(Vec::new());
    }
    let query = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT resp.comment_id, rr.revision_id FROM response_revisions rr \
         JOIN responses resp ON resp.id = rr.response_id \
         JOIN comments c ON c.id = resp.comment_id \
         WHERE c.round_id IN (SELECT id FROM rounds WHERE publication_id = $1) \
           AND c.statement_id IN ({})",
        super::placeholders(2, statement_ids.len())
    )))
    .bind(publication_id);
    super::bind_ids(query, statement_ids).fetch_all(conn).await
}

/// Which drafts each answer says its comment was acted on in, for every comment on one
/// statement: `(comment, draft)`.
pub async fn acted_in_for_statement(
    conn: &mut AnyConnection,
    statement_id: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT resp.comment_id, rr.revision_id FROM response_revisions rr \
         JOIN responses resp ON resp.id = rr.response_id \
         JOIN comments c ON c.id = resp.comment_id WHERE c.statement_id = $1",
    )
    .bind(statement_id)
    .fetch_all(conn)
    .await
}

/// For each of a person's comments answered in a published version: its id, the version,
/// and the number of the newest draft it was acted on in (0 when it changed no draft),
/// counted among the drafts of the text it was made on.
pub async fn published_for_author(
    conn: &mut AnyConnection,
    author_id: i64,
) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, p.version, \
           (SELECT COUNT(*) FROM statement_revisions x WHERE x.statement_id = c.statement_id \
              AND x.text_kind = (SELECT cr.text_kind FROM statement_revisions cr WHERE cr.id = c.revision_id) AND x.id <= \
              (SELECT MAX(rr.revision_id) FROM response_revisions rr JOIN responses resp ON resp.id = rr.response_id \
               WHERE resp.comment_id = c.id)) \
         FROM comments c JOIN rounds rd ON rd.id = c.round_id JOIN publications p ON p.id = rd.publication_id \
         WHERE c.author_id = $1 AND c.withdrawn_at IS NULL \
           AND EXISTS (SELECT 1 FROM publication_statements ps WHERE ps.publication_id = p.id AND ps.statement_id = c.statement_id)",
    )
    .bind(author_id)
    .fetch_all(conn)
    .await
}

/// One person's busiest stretch of a round: `count` live comments written from `from`
/// to `to` (the first and last of them, Unix seconds), all within one window.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct BurstRow {
    pub author_id: i64,
    pub display_name: String,
    pub count: i64,
    pub from: i64,
    pub to: i64,
}

/// Everyone whose busiest `window` seconds of a round (any stretch that long, not only
/// clock hours, so a burst across 3 o'clock is seen whole) hold more than `more_than`
/// live comments, with that stretch: busiest first, then by account. What a facilitator
/// recorded at an event has no author and is left out.
///
/// The database finds the stretches, so a page about a round of 10,000 comments reads a
/// row per burst, not the comments of everyone who wrote a lot. Only people with more
/// than `more_than` comments in the whole round can have a burst, so the window runs
/// over theirs alone (an index on round, author, withdrawn_at, created_at finds them).
/// For each comment the frame counts those written in the `window` seconds up to and
/// including it; each person's best frame, earliest first among equals, is the burst.
pub async fn bursts_in_round(
    conn: &mut AnyConnection,
    round_id: i64,
    more_than: i64,
    window: i64,
) -> Result<Vec<BurstRow>, sqlx::Error> {
    // A frame offset must be a constant on SQLite; `window` is a number, not text.
    let preceding = window.max(1) - 1;
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "WITH many AS ( \
           SELECT b.author_id FROM comments b \
           WHERE b.round_id = $1 AND b.withdrawn_at IS NULL AND b.author_id IS NOT NULL \
           GROUP BY b.author_id HAVING COUNT(*) > $2), \
         stretches AS ( \
           SELECT c.author_id, COUNT(*) OVER stretch AS n, \
             MIN(c.created_at) OVER stretch AS starts, c.created_at AS ends \
           FROM comments c JOIN many m ON m.author_id = c.author_id \
           WHERE c.round_id = $1 AND c.withdrawn_at IS NULL \
           WINDOW stretch AS (PARTITION BY c.author_id ORDER BY c.created_at \
             RANGE BETWEEN CAST({preceding} AS BIGINT) PRECEDING AND CURRENT ROW)), \
         best AS ( \
           SELECT s.author_id, s.n, s.starts, s.ends, \
             ROW_NUMBER() OVER (PARTITION BY s.author_id ORDER BY s.n DESC, s.ends) AS r \
           FROM stretches s WHERE s.n > $2) \
         SELECT b.author_id, u.display_name, b.n AS count, b.starts AS \"from\", b.ends AS \"to\" \
         FROM best b JOIN users u ON u.id = b.author_id \
         WHERE b.r = 1 ORDER BY b.n DESC, b.author_id"
    )))
    .bind(round_id)
    .bind(more_than)
    .fetch_all(conn)
    .await
}

/// How many live comments one person wrote in a round.
pub async fn count_by_author_in_round(
    conn: &mut AnyConnection,
    round_id: i64,
    author_id: i64,
) -> Result<u64, sqlx::Error> {
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM comments \
         WHERE round_id = $1 AND author_id = $2 AND withdrawn_at IS NULL",
    )
    .bind(round_id)
    .bind(author_id)
    .fetch_one(conn)
    .await?;
    Ok(total.max(0) as u64)
}

/// One person's live comments in a round, oldest first, a page at a time.
pub async fn by_author_in_round(
    conn: &mut AnyConnection,
    round_id: i64,
    author_id: i64,
    offset: i64,
    limit: i64,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    sqlx::query_as::<_, CommentRow>(sqlx::AssertSqlSafe(format!(
        "{COMMENTS} WHERE c.round_id = $1 AND c.author_id = $2 AND c.withdrawn_at IS NULL \
         ORDER BY c.created_at, c.id LIMIT $3 OFFSET $4"
    )))
    .bind(round_id)
    .bind(author_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(conn)
    .await
}
