//! Credit for whose words are in a published version (`publication_credits`): what the
//! credit is worked out from, writing it with the version, and reading it back with who
//! each credited person is.

use crate::domain::{
    credit::{Contribution, Credit, Source},
    drafting::{Knowledge, Visibility},
    response::Outcome,
};
use sqlx::{AnyConnection, FromRow};

/// Every answered comment on a version's statements with a draft its answer links, and
/// its outcome (the caller keeps those that changed the text), in one query. All rounds
/// count, not only the version's own: words an earlier round brought in are still
/// someone's words.
pub async fn comment_sources(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<Vec<(i64, i64, i64, Outcome)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.statement_id, rr.revision_id, r.outcome FROM comments c \
         JOIN responses r ON r.comment_id = c.id \
         JOIN response_revisions rr ON rr.response_id = r.id \
         WHERE c.withdrawn_at IS NULL AND c.statement_id IN \
           (SELECT statement_id FROM publication_statements WHERE publication_id = $1)",
    )
    .bind(publication_id)
    .fetch_all(conn)
    .await
}

/// Every adopted or merged proposal whose words a draft of a version's statements
/// carries, as a contribution, in one query.
pub async fn proposal_sources(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<Vec<Contribution>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT pr.id, sr.statement_id, pr.revision_id FROM proposals pr \
         JOIN statement_revisions sr ON sr.id = pr.revision_id \
         WHERE pr.status IN ('adopted', 'merged') AND pr.withdrawn_at IS NULL \
           AND sr.statement_id IN \
             (SELECT statement_id FROM publication_statements WHERE publication_id = $1)",
    )
    .bind(publication_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, statement_id, revision)| Contribution {
            source: Source::Proposal(id),
            statement_id,
            drafts: vec![revision],
        })
        .collect())
}

/// Rows per INSERT: five parameters each stays far below both databases' limits.
const ROWS_PER_INSERT: usize = 200;

/// Write a version's credit, a few hundred rows per statement sent.
pub async fn insert(
    conn: &mut AnyConnection,
    publication_id: i64,
    credits: &[Credit],
) -> Result<(), sqlx::Error> {
    for chunk in credits.chunks(ROWS_PER_INSERT) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| {
                let p = i * 5;
                format!(
                    "(${}, ${}, ${}, ${}, ${})",
                    p + 1,
                    p + 2,
                    p + 3,
                    p + 4,
                    p + 5
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO publication_credits (publication_id, statement_id, comment_id, proposal_id, words) VALUES {}",
            rows.join(", ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for c in chunk {
            let (comment, proposal) = match c.source {
                Source::Comment(id) => (Some(id), None),
                Source::Proposal(id) => (None, Some(id)),
            };
            query = query
                .bind(publication_id)
                .bind(c.statement_id)
                .bind(comment)
                .bind(proposal)
                .bind(c.words);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// A credited comment or proposal of a version, with who is behind it and how they
/// allowed it to be shown.
#[derive(Debug, Clone, FromRow)]
pub struct CreditedRow {
    pub statement_id: i64,
    pub reference: String,
    pub comment_id: Option<i64>,
    pub proposal_id: Option<i64>,
    /// The signed-in person (a comment's or a proposal's author).
    pub author_id: Option<i64>,
    /// Someone a facilitator recorded at an event.
    pub participant_id: Option<i64>,
    pub group_agreed: Option<i64>,
    pub event_name: Option<String>,
    pub name: String,
    pub organisation_name: Option<String>,
    pub knowledge: Knowledge,
    pub visibility: Visibility,
    pub words: i64,
}

const CREDITED: &str = "\
    SELECT pc.statement_id, ps.reference, pc.comment_id, pc.proposal_id, \
      COALESCE(c.author_id, pr.author_id) AS author_id, c.participant_id, c.group_agreed, \
      ev.name AS event_name, COALESCE(u.display_name, ep.name, '') AS name, \
      o.name AS organisation_name, COALESCE(c.knowledge, pr.knowledge) AS knowledge, \
      COALESCE(c.visibility, pr.visibility) AS visibility, pc.words \
    FROM publication_credits pc \
    JOIN publication_statements ps ON ps.publication_id = pc.publication_id AND ps.statement_id = pc.statement_id \
    LEFT JOIN comments c ON c.id = pc.comment_id \
    LEFT JOIN proposals pr ON pr.id = pc.proposal_id \
    LEFT JOIN users u ON u.id = COALESCE(c.author_id, pr.author_id) \
    LEFT JOIN event_participants ep ON ep.id = c.participant_id \
    LEFT JOIN events ev ON ev.id = c.event_id \
    LEFT JOIN organisations o ON o.id = COALESCE(c.organisation_id, pr.organisation_id) \
    WHERE pc.publication_id = $1";

/// Everyone credited in a version, statement by statement in its order, in one query.
pub async fn for_publication(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<Vec<CreditedRow>, sqlx::Error> {
    sqlx::query_as::<_, CreditedRow>(sqlx::AssertSqlSafe(format!(
        "{CREDITED} ORDER BY ps.theme_position, ps.position, pc.id"
    )))
    .bind(publication_id)
    .fetch_all(conn)
    .await
}

/// Everyone credited for these statements of a version, each statement's oldest first.
pub async fn for_published_statements(
    conn: &mut AnyConnection,
    publication_id: i64,
    statement_ids: &[i64],
) -> Result<Vec<CreditedRow>, sqlx::Error> {
    if statement_ids.is_empty() {
        return Ok(Vec::new());
    }
    let query = sqlx::query_as::<_, CreditedRow>(sqlx::AssertSqlSafe(format!(
        "{CREDITED} AND pc.statement_id IN ({}) ORDER BY pc.id",
        super::placeholders(2, statement_ids.len())
    )))
    .bind(publication_id);
    super::bind_ids(query, statement_ids).fetch_all(conn).await
}

/// Where a person's words are: each framework, version and statement whose published
/// text has words their comments or proposals brought in, newest version first.
#[derive(Debug, Clone, FromRow)]
pub struct WordsIn {
    pub framework_slug: String,
    pub version: i64,
    pub reference: String,
}

pub async fn words_of_person(
    conn: &mut AnyConnection,
    user_id: i64,
) -> Result<Vec<WordsIn>, sqlx::Error> {
    sqlx::query_as(
        "SELECT DISTINCT f.slug AS framework_slug, p.version, ps.reference FROM publication_credits pc \
         JOIN publications p ON p.id = pc.publication_id \
         JOIN frameworks f ON f.id = p.framework_id \
         JOIN publication_statements ps ON ps.publication_id = pc.publication_id AND ps.statement_id = pc.statement_id \
         WHERE pc.comment_id IN (SELECT id FROM comments WHERE author_id = $1) \
            OR pc.proposal_id IN (SELECT id FROM proposals WHERE author_id = $1) \
         ORDER BY f.slug, p.version DESC, ps.reference",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await
}
