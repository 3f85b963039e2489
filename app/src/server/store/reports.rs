//! A published version's "You said, we did" report, read so that nothing grows with the
//! round: counts come from the version's counts, kept when it was published, the page of
//! comments from `LIMIT/OFFSET`, and the downloads from a stream of rows.

use super::comments::{COMMENTS, CommentRow};
use crate::domain::{drafting::Knowledge, easy_read::TextKind, response::Outcome};
use futures::stream::BoxStream;
use sqlx::{AnyConnection, FromRow};
use std::collections::HashMap;

/// How many of a version's live comments on one statement have one outcome (none when
/// unanswered), and how many of those the policy team only may see.
#[derive(Debug, Clone, FromRow)]
pub struct CommentCount {
    pub statement_id: i64,
    pub outcome: Option<Outcome>,
    pub comments: i64,
    pub private: i64,
}

/// The live comments of the rounds a version answers, counted by statement and outcome:
/// a few hundred rows at most, however many comments, read from the counts
/// [`record_counts`] kept when it was published.
pub async fn counts(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<Vec<CommentCount>, sqlx::Error> {
    sqlx::query_as(
        "SELECT statement_id, outcome, CAST(SUM(comments) AS BIGINT) AS comments, \
           CAST(SUM(CASE WHEN visibility = 'policy_team' THEN comments ELSE 0 END) AS BIGINT) AS private \
         FROM publication_comment_counts WHERE publication_id = $1 \
         GROUP BY statement_id, outcome ORDER BY statement_id, outcome",
    )
    .bind(publication_id)
    .fetch_all(conn)
    .await
}

/// How many of a version's live comments have one outcome and kind of knowledge.
#[derive(Debug, Clone, FromRow)]
pub struct KnowledgeCount {
    pub outcome: Option<Outcome>,
    pub knowledge: Knowledge,
    pub comments: i64,
}

/// The live comments of the rounds a version answers, counted by outcome and kind of
/// knowledge (a few rows), from the counts [`record_counts`] kept.
pub async fn counts_by_knowledge(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<Vec<KnowledgeCount>, sqlx::Error> {
    sqlx::query_as(
        "SELECT outcome, knowledge, CAST(SUM(comments) AS BIGINT) AS comments \
         FROM publication_comment_counts WHERE publication_id = $1 GROUP BY outcome, knowledge",
    )
    .bind(publication_id)
    .fetch_all(conn)
    .await
}

/// Count a version's comments once, as its report counts them (inside the publish
/// transaction, once its rounds are the version's; again if its comments are grouped
/// later): a row per statement, outcome, knowledge, visibility and whether the comment
/// repeats its campaign, [`NOT_A_REPEAT`]'s rule worked out for both ways the report can
/// look for a campaign's first comment: among all of the group (no knowledge filter),
/// and among the group's comments of the comment's own kind of knowledge (the filter
/// set to it, the only filter that lists it). Its answers and groups cannot change once
/// published, so the report never counts the round again.
pub async fn record_counts(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM publication_comment_counts WHERE publication_id = $1")
        .bind(publication_id)
        .execute(&mut *conn)
        .await?;
    let first = |by: &str| {
        format!(
            "(SELECT g.alike_group_id{by}, MIN(g.id) AS first_id FROM comments g \
               WHERE g.round_id IN (SELECT id FROM rounds WHERE publication_id = $1) \
                 AND g.alike_group_id IS NOT NULL AND g.withdrawn_at IS NULL \
                 AND g.visibility <> 'policy_team' \
               GROUP BY g.alike_group_id{by})"
        )
    };
    let repeats = |first: &str, answer: &str| {
        format!(
            "CASE WHEN {first}.first_id <> c.id AND {answer}.outcome = r.outcome \
               AND {answer}.reason = r.reason THEN 1 ELSE 0 END"
        )
    };
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO publication_comment_counts (publication_id, statement_id, outcome, \
           knowledge, visibility, repeat_among_all, repeat_among_knowledge, comments) \
         SELECT $1, statement_id, outcome, knowledge, visibility, repeat_among_all, \
           repeat_among_knowledge, COUNT(*) \
         FROM (SELECT c.statement_id, r.outcome, c.knowledge, c.visibility, \
                 {} AS repeat_among_all, {} AS repeat_among_knowledge \
               FROM comments c LEFT JOIN responses r ON r.comment_id = c.id \
               LEFT JOIN {} fa ON fa.alike_group_id = c.alike_group_id \
               LEFT JOIN responses fra ON fra.comment_id = fa.first_id \
               LEFT JOIN {} fk ON fk.alike_group_id = c.alike_group_id \
                 AND fk.knowledge = c.knowledge \
               LEFT JOIN responses frk ON frk.comment_id = fk.first_id \
               WHERE c.round_id IN (SELECT id FROM rounds WHERE publication_id = $1) \
                 AND c.withdrawn_at IS NULL) counted \
         GROUP BY statement_id, outcome, knowledge, visibility, repeat_among_all, \
           repeat_among_knowledge",
        repeats("fa", "fra"),
        repeats("fk", "frk"),
        first(""),
        first(", g.knowledge"),
    )))
    .bind(publication_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The comments of a version's rounds on these statements that an answer says were
/// acted on in a draft (the few behind each change), oldest first.
pub async fn acted_on(
    conn: &mut AnyConnection,
    publication_id: i64,
    statement_ids: &[i64],
) -> Result<Vec<CommentRow>, sqlx::Error> {
    if statement_ids.is_empty() {
        return Ok(Vec::new());
    }
    let query = sqlx::query_as::<_, CommentRow>(sqlx::AssertSqlSafe(format!(
        "{COMMENTS} WHERE c.round_id IN (SELECT id FROM rounds WHERE publication_id = $1) \
         AND c.statement_id IN ({}) AND c.withdrawn_at IS NULL \
         AND EXISTS (SELECT 1 FROM response_revisions rr WHERE rr.response_id = r.id) \
         ORDER BY c.id",
        super::placeholders(2, statement_ids.len())
    )))
    .bind(publication_id);
    super::bind_ids(query, statement_ids).fetch_all(conn).await
}

/// The text each of a version's statements was first consulted on, main and easy read:
/// the newest draft up to the published one that was written by `opened_at` (when the
/// first round opened), else its first draft, as `domain::report::Period` finds it.
/// `None` where the version published no draft of that text. One row per statement, so
/// the report page can say which statements changed without reading every draft.
#[derive(Debug, Clone, FromRow)]
pub struct ConsultedRow {
    pub statement_id: i64,
    pub standard: Option<String>,
    pub easy_read: Option<String>,
}

pub async fn consulted(
    conn: &mut AnyConnection,
    publication_id: i64,
    opened_at: i64,
) -> Result<Vec<ConsultedRow>, sqlx::Error> {
    let text = |published: &str, kind: &str| {
        format!(
            "(SELECT d.body FROM statement_revisions d WHERE d.id = COALESCE(\
               (SELECT MAX(x.id) FROM statement_revisions x WHERE x.statement_id = ps.statement_id \
                  AND x.text_kind = {kind} AND x.id <= {published} AND x.created_at <= $2), \
               (SELECT MIN(x.id) FROM statement_revisions x WHERE x.statement_id = ps.statement_id \
                  AND x.text_kind = {kind})) \
             AND EXISTS (SELECT 1 FROM statement_revisions p WHERE p.id = {published} \
                  AND p.statement_id = ps.statement_id AND p.text_kind = {kind}))"
        )
    };
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT ps.statement_id, {} AS standard, {} AS easy_read \
         FROM publication_statements ps WHERE ps.publication_id = $1",
        text("ps.revision_id", "$3"),
        text("ps.easy_read_revision_id", "$4"),
    )))
    .bind(publication_id)
    .bind(opened_at)
    .bind(TextKind::Standard)
    .bind(TextKind::EasyRead)
    .fetch_all(conn)
    .await
}

/// The live comments on one statement that an answer says were acted on in a draft
/// (what its trace lists), oldest first.
pub async fn acted_on_statement(
    conn: &mut AnyConnection,
    statement_id: i64,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    sqlx::query_as::<_, CommentRow>(sqlx::AssertSqlSafe(format!(
        "{COMMENTS} WHERE c.statement_id = $1 AND c.withdrawn_at IS NULL \
         AND EXISTS (SELECT 1 FROM response_revisions rr WHERE rr.response_id = r.id) \
         ORDER BY c.id"
    )))
    .bind(statement_id)
    .fetch_all(conn)
    .await
}

/// Which of a report's public comments to list. Empty strings leave a filter out.
#[derive(Debug, Clone, Default)]
pub struct ReportFilter {
    pub reference: String,
    pub theme_code: String,
    /// An outcome's stored value, or [`NOT_ANSWERED`].
    pub outcome: String,
    pub knowledge: String,
}

/// Binds `$1` to `$5` of the filtered report queries: the version, then the filter's
/// values in the order [`PUBLIC_IN_VERSION`] reads them.
trait BindFilter: Sized {
    fn bind_filter(self, publication_id: i64, filter: &ReportFilter) -> Self;
}

macro_rules! bind_filter_for {
    ($query:ident) => {
        impl<'q, O> BindFilter for sqlx::query::$query<'q, sqlx::Any, O, sqlx::any::AnyArguments> {
            fn bind_filter(self, publication_id: i64, filter: &ReportFilter) -> Self {
                self.bind(publication_id)
                    .bind(filter.reference.clone())
                    .bind(filter.theme_code.clone())
                    .bind(filter.outcome.clone())
                    .bind(filter.knowledge.clone())
            }
        }
    };
}
bind_filter_for!(QueryAs);
bind_filter_for!(QueryScalar);

/// The outcome filter's value for comments without an answer.
pub const NOT_ANSWERED: &str = "not_answered";

/// The public comments of a version's rounds on the statements it holds, in the
/// report's order (its statements' order, then oldest first), filtered by `$2`..`$5`.
const PUBLIC_IN_VERSION: &str = "\
    JOIN publication_statements ps ON ps.statement_id = c.statement_id AND ps.publication_id = $1 \
    WHERE c.round_id IN (SELECT id FROM rounds WHERE publication_id = $1) \
      AND c.withdrawn_at IS NULL AND c.visibility <> 'policy_team' \
      AND ($2 = '' OR ps.reference = $2) AND ($3 = '' OR ps.theme_code = $3) \
      AND ($4 = '' OR COALESCE(r.outcome, 'not_answered') = $4) AND ($5 = '' OR c.knowledge = $5)";

const REPORT_ORDER: &str = "ORDER BY ps.theme_position, ps.position, ps.statement_id, c.id";

/// The first public comment of each group of alike comments in a version's rounds (`$1`)
/// that the knowledge filter (`knowledge`, a parameter such as `$5`) lists: the one a
/// campaign is shown by. Worked out once per query (not per row, which PostgreSQL ran as
/// a scan of every answer for each comment).
fn firsts(knowledge: &str) -> String {
    firsts_within(knowledge, "")
}

/// [`firsts`], of only the groups `within` (a condition on `g`) keeps: a group is on one
/// statement, so a query about a few statements' comments works out only theirs.
fn firsts_within(knowledge: &str, within: &str) -> String {
    format!(
        "WITH firsts AS (SELECT g.alike_group_id, MIN(g.id) AS first_id FROM comments g \
           WHERE g.round_id IN (SELECT id FROM rounds WHERE publication_id = $1) \
             AND g.alike_group_id IS NOT NULL AND g.withdrawn_at IS NULL \
             AND g.visibility <> 'policy_team' \
             AND ({knowledge} = '' OR g.knowledge = {knowledge}) {within} \
           GROUP BY g.alike_group_id) "
    )
}

/// Each comment's group's first comment, and that first comment's answer.
const JOIN_FIRSTS: &str = "LEFT JOIN firsts fg ON fg.alike_group_id = c.alike_group_id \
    LEFT JOIN responses fr ON fr.comment_id = fg.first_id";

/// Leaves out a comment that says the same as the first of its group and got the same
/// answer: the page shows the campaign once, under that first comment ("and 399 others
/// said the same"). A member answered differently stays listed on its own. The
/// downloads keep every line.
const NOT_A_REPEAT: &str = "AND NOT COALESCE(fg.first_id <> c.id AND fr.outcome = r.outcome \
    AND fr.reason = r.reason, FALSE)";

/// How many public comments the filter lists on each statement (the rows [`page`] pages
/// through, by statement), from the counts [`record_counts`] kept: a campaign's repeats
/// are left out as [`NOT_A_REPEAT`] leaves them out, its first comment looked for among
/// the comments of the kind of knowledge the filter chooses.
pub async fn listed_by_statement(
    conn: &mut AnyConnection,
    publication_id: i64,
    filter: &ReportFilter,
) -> Result<HashMap<i64, u64>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT n.statement_id, CAST(SUM(n.comments) AS BIGINT) FROM publication_comment_counts n \
         JOIN publication_statements ps ON ps.statement_id = n.statement_id AND ps.publication_id = $1 \
         WHERE n.publication_id = $1 AND n.visibility <> 'policy_team' \
           AND ($2 = '' OR ps.reference = $2) AND ($3 = '' OR ps.theme_code = $3) \
           AND ($4 = '' OR COALESCE(n.outcome, 'not_answered') = $4) AND ($5 = '' OR n.knowledge = $5) \
           AND CASE WHEN $5 = '' THEN n.repeat_among_all ELSE n.repeat_among_knowledge END = 0 \
         GROUP BY n.statement_id",
    )
    .bind_filter(publication_id, filter)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(statement, n)| (statement, u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// One page of a version's public comments, filtered, in the report's order: `limit`
/// of those on `statement_ids` (the statements the page reaches, found from
/// [`listed_by_statement`]), after the first `skip`. Only those statements' comments
/// are ordered, and the page's rows are read whole by id, so neither query sorts or
/// joins every comment of the version.
pub async fn page(
    conn: &mut AnyConnection,
    publication_id: i64,
    filter: &ReportFilter,
    statement_ids: &[i64],
    (skip, limit): (u64, u32),
) -> Result<Vec<CommentRow>, sqlx::Error> {
    if statement_ids.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let statements = super::placeholders(8, statement_ids.len());
    let mut query = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
        "{} SELECT c.id FROM comments c LEFT JOIN responses r ON r.comment_id = c.id \
         {JOIN_FIRSTS} {PUBLIC_IN_VERSION} {NOT_A_REPEAT} AND c.statement_id IN ({statements}) \
         {REPORT_ORDER} LIMIT $6 OFFSET $7",
        // Found by the statements' groups (few), not by the statements' comments: SQLite
        // otherwise walked every grouped comment in group order to find the few.
        firsts_within(
            "$5",
            &format!(
                "AND g.alike_group_id IN (SELECT ag.id FROM alike_groups ag \
                   WHERE ag.statement_id IN ({statements}) \
                     AND ag.round_id IN (SELECT id FROM rounds WHERE publication_id = $1))"
            )
        ),
    )))
    .bind_filter(publication_id, filter)
    .bind(i64::from(limit))
    .bind(i64::try_from(skip).unwrap_or(i64::MAX));
    for id in statement_ids {
        query = query.bind(*id);
    }
    let ids = query.fetch_all(&mut *conn).await?;
    super::comments::by_ids(conn, &ids).await
}

/// How many public comments the filter lists before comment `before`: its place in a
/// one-statement list, for a link to it.
pub async fn listed_before(
    conn: &mut AnyConnection,
    publication_id: i64,
    filter: &ReportFilter,
    before: i64,
) -> Result<u64, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "{} SELECT COUNT(*) FROM comments c LEFT JOIN responses r ON r.comment_id = c.id \
         {JOIN_FIRSTS} {PUBLIC_IN_VERSION} {NOT_A_REPEAT} AND c.id < $6",
        firsts("$5")
    )))
    .bind_filter(publication_id, filter)
    .bind(before)
    .fetch_one(conn)
    .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// For each comment of a page that shows a campaign (the first of its group): how many
/// others in the group the page leaves out because they said the same and got the same
/// answer. One query, whatever the page holds.
pub async fn said_the_same(
    conn: &mut AnyConnection,
    publication_id: i64,
    filter: &ReportFilter,
    shown: &[i64],
) -> Result<HashMap<i64, usize>, sqlx::Error> {
    if shown.is_empty() {
        return Ok(HashMap::new());
    }
    let shown_ids = super::placeholders(3, shown.len());
    let sql = format!(
        "{} SELECT fg.first_id, COUNT(o.id) FROM firsts fg \
         JOIN responses r ON r.comment_id = fg.first_id \
         JOIN comments o ON o.alike_group_id = fg.alike_group_id AND o.id <> fg.first_id \
           AND o.withdrawn_at IS NULL AND o.visibility <> 'policy_team' \
           AND ($2 = '' OR o.knowledge = $2) \
         JOIN responses ro ON ro.comment_id = o.id AND ro.outcome = r.outcome AND ro.reason = r.reason \
         WHERE fg.first_id IN ({shown_ids}) \
         GROUP BY fg.first_id",
        firsts_within(
            "$2",
            &format!(
                "AND g.alike_group_id IN (SELECT s.alike_group_id FROM comments s \
                   WHERE s.id IN ({shown_ids}))"
            )
        ),
    );
    let mut query = sqlx::query_as::<_, (i64, i64)>(sqlx::AssertSqlSafe(sql))
        .bind(publication_id)
        .bind(&filter.knowledge);
    for id in shown {
        query = query.bind(*id);
    }
    Ok(query
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(|(id, n)| (id, usize::try_from(n).unwrap_or(0)))
        .collect())
}

/// Every public comment of a version on the statements it holds, in the report's order,
/// as a stream of rows: the downloads write each as it arrives, so their memory stays
/// flat however many comments there are.
pub fn stream(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> BoxStream<'_, Result<CommentRow, sqlx::Error>> {
    sqlx::query_as::<_, CommentRow>(sqlx::AssertSqlSafe(format!(
        "{COMMENTS} {PUBLIC_IN_VERSION} {REPORT_ORDER}"
    )))
    .bind(publication_id)
    .bind("")
    .bind("")
    .bind("")
    .bind("")
    .fetch(conn)
}
