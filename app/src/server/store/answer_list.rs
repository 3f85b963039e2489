//! The round's answer list, a page at a time: comments filtered in SQL, each group of
//! alike comments counted once (shown by its first member that matches the filters),
//! with exact counts. Three queries a page (count, page of ids, the page's comments),
//! whatever the size of the round.

use super::comments::{COMMENTS, CommentRow};
use crate::domain::{drafting::Knowledge, response::Outcome};
use sqlx::AnyConnection;

/// Which answers to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AnswerFilter {
    #[default]
    Any,
    Unanswered,
    Answered,
    Outcome(Outcome),
}

/// The answer list's filters, parsed.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub statement: Option<String>,
    /// A theme's code.
    pub theme: Option<String>,
    pub answer: AnswerFilter,
    /// An organisation's name.
    pub organisation: Option<String>,
    pub knowledge: Option<Knowledge>,
    /// Words to find in the comment or its suggested wording, any case.
    pub search: Option<String>,
}

/// A value bound to a placeholder.
enum Value {
    Int(i64),
    Text(String),
}

/// `%text%` for LIKE, with `!` escaping the wildcards and itself.
fn contains_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '!') {
            out.push('!');
        }
        out.push(c);
    }
    out.push('%');
    out
}

const FROM: &str = "FROM comments c \
    JOIN statements s ON s.id = c.statement_id \
    LEFT JOIN responses r ON r.comment_id = c.id \
    LEFT JOIN organisations o ON o.id = c.organisation_id";

/// A group and a comment on its own are one entry each; groups are numbered negative
/// so the two never collide.
const ENTRY: &str = "CASE WHEN c.alike_group_id IS NULL THEN c.id ELSE -c.alike_group_id END";

/// The WHERE clause of the filtered list, with the values for its placeholders.
fn conditions(round_id: i64, f: &ListFilter) -> (String, Vec<Value>) {
    let mut sql = String::from("c.round_id = $1 AND c.withdrawn_at IS NULL");
    let mut values = vec![Value::Int(round_id)];
    // `$?` in a clause is the placeholder of the value added with it.
    let mut add = |clause: &str, value: Option<Value>| {
        if let Some(value) = value {
            values.push(value);
            let n = format!("${}", values.len());
            sql.push_str(" AND ");
            sql.push_str(&clause.replace("$?", &n));
        } else {
            sql.push_str(" AND ");
            sql.push_str(clause);
        }
    };
    if let Some(statement) = &f.statement {
        add("s.reference = $?", Some(Value::Text(statement.clone())));
    }
    if let Some(theme) = &f.theme {
        add(
            "s.theme_id IN (SELECT t.id FROM themes t WHERE t.framework_id = s.framework_id AND t.code = $?)",
            Some(Value::Text(theme.clone())),
        );
    }
    if let Some(organisation) = &f.organisation {
        add("o.name = $?", Some(Value::Text(organisation.clone())));
    }
    if let Some(knowledge) = f.knowledge {
        add(
            "c.knowledge = $?",
            Some(Value::Text(knowledge.as_str().to_owned())),
        );
    }
    match f.answer {
        AnswerFilter::Any => {}
        AnswerFilter::Unanswered => add("r.id IS NULL", None),
        AnswerFilter::Answered => add("r.id IS NOT NULL", None),
        AnswerFilter::Outcome(o) => add("r.outcome = $?", Some(Value::Text(o.as_str().to_owned()))),
    }
    if let Some(search) = f.search.as_deref().filter(|s| !s.trim().is_empty()) {
        add(
            "(LOWER(c.body) LIKE $? ESCAPE '!' OR LOWER(COALESCE(c.suggestion, '')) LIKE $? ESCAPE '!')",
            Some(Value::Text(contains_pattern(search.trim()))),
        );
    }
    (sql, values)
}

macro_rules! bind_all {
    ($query:expr, $values:expr) => {{
        let mut query = $query;
        for value in $values {
            query = match value {
                Value::Int(i) => query.bind(*i),
                Value::Text(t) => query.bind(t.clone()),
            };
        }
        query
    }};
}

/// How many entries (comments on their own, and groups) the filtered list has.
pub async fn count(
    conn: &mut AnyConnection,
    round_id: i64,
    filter: &ListFilter,
) -> Result<u64, sqlx::Error> {
    let (conditions, values) = conditions(round_id, filter);
    let sql = format!("SELECT COUNT(DISTINCT {ENTRY}) {FROM} WHERE {conditions}");
    let count: i64 = bind_all!(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)), &values)
        .fetch_one(conn)
        .await?;
    Ok(count.max(0) as u64)
}

/// One page of the filtered list: for each entry its first matching comment, by
/// statement then age.
pub async fn page(
    conn: &mut AnyConnection,
    round_id: i64,
    filter: &ListFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    let (conditions, values) = conditions(round_id, filter);
    let n = values.len();
    let sql = format!(
        "SELECT m.id FROM (SELECT c.id, s.reference, \
           ROW_NUMBER() OVER (PARTITION BY {ENTRY} ORDER BY c.id) AS place \
           {FROM} WHERE {conditions}) m \
         WHERE m.place = 1 ORDER BY m.reference, m.id LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    );
    let ids: Vec<i64> = bind_all!(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)), &values)
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await?;
    by_ids(conn, &ids).await
}

/// Where a comment's entry (the comment on its own, or its group) stands in the
/// filtered list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// How many entries come before it, in the list's order.
    pub before: u64,
    /// The comment's group, when the entry is a group.
    pub group: Option<i64>,
}

/// Where the entry holding `comment_id` stands in the filtered list, in one query; None
/// when the filters leave that entry out (or the comment is not in the round). A group
/// is listed when any member matches, so a member the filters exclude is still found
/// through its group.
pub async fn place_of(
    conn: &mut AnyConnection,
    round_id: i64,
    filter: &ListFilter,
    comment_id: i64,
) -> Result<Option<Place>, sqlx::Error> {
    let (conditions, values) = conditions(round_id, filter);
    let sql = format!(
        "WITH entries AS (SELECT {ENTRY} AS entry, MIN(s.reference) AS reference, MIN(c.id) AS first \
           {FROM} WHERE {conditions} GROUP BY {ENTRY}), \
         wanted AS (SELECT e.entry, e.reference, e.first FROM entries e WHERE e.entry = \
           (SELECT {ENTRY} FROM comments c WHERE c.id = ${})) \
         SELECT w.entry, (SELECT COUNT(*) FROM entries e WHERE e.reference < w.reference \
           OR (e.reference = w.reference AND e.first < w.first)) AS ahead \
         FROM wanted w",
        values.len() + 1
    );
    let found: Option<(i64, i64)> = bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql)), &values)
        .bind(comment_id)
        .fetch_optional(conn)
        .await?;
    Ok(found.map(|(entry, before)| Place {
        before: u64::try_from(before).unwrap_or(0),
        // Groups are numbered negative as entries (see ENTRY).
        group: (entry < 0).then_some(-entry),
    }))
}

/// Comments by id, in the list's order (statement, then age), in one query.
pub async fn by_ids(conn: &mut AnyConnection, ids: &[i64]) -> Result<Vec<CommentRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{COMMENTS} WHERE c.id IN ({}) ORDER BY s.reference, c.id",
        super::placeholders(1, ids.len())
    );
    let mut query = sqlx::query_as::<_, CommentRow>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(conn).await
}

/// A group's live members, a page at a time, oldest first, with their count.
pub async fn group_members(
    conn: &mut AnyConnection,
    group: i64,
    offset: i64,
    limit: i64,
) -> Result<(Vec<CommentRow>, u64), sqlx::Error> {
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM comments WHERE alike_group_id = $1 AND withdrawn_at IS NULL",
    )
    .bind(group)
    .fetch_one(&mut *conn)
    .await?;
    let rows = sqlx::query_as::<_, CommentRow>(sqlx::AssertSqlSafe(format!(
        "{COMMENTS} WHERE c.alike_group_id = $1 AND c.withdrawn_at IS NULL ORDER BY c.id LIMIT $2 OFFSET $3"
    )))
    .bind(group)
    .bind(limit)
    .bind(offset)
    .fetch_all(conn)
    .await?;
    Ok((rows, total.max(0) as u64))
}

/// A round's live comments and how many have an answer.
pub async fn answered(conn: &mut AnyConnection, round_id: i64) -> Result<(u64, u64), sqlx::Error> {
    let (total, answered): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(r.id) FROM comments c LEFT JOIN responses r ON r.comment_id = c.id \
         WHERE c.round_id = $1 AND c.withdrawn_at IS NULL",
    )
    .bind(round_id)
    .fetch_one(conn)
    .await?;
    Ok((total.max(0) as u64, answered.max(0) as u64))
}

/// The framework's statement references, for the statement filter.
pub async fn statement_references(
    conn: &mut AnyConnection,
    framework_id: i64,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT reference FROM statements WHERE framework_id = $1 ORDER BY reference",
    )
    .bind(framework_id)
    .fetch_all(conn)
    .await
}

/// The organisations that commented in a round, by name, for the organisation filter.
pub async fn organisations_in_round(
    conn: &mut AnyConnection,
    round_id: i64,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT o.name FROM comments c JOIN organisations o ON o.id = c.organisation_id \
         WHERE c.round_id = $1 AND c.withdrawn_at IS NULL ORDER BY o.name",
    )
    .bind(round_id)
    .fetch_all(conn)
    .await
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn search_text_is_found_literally_whatever_its_wildcards() {
        assert_eq!(contains_pattern("Choice"), "%choice%");
        assert_eq!(contains_pattern("100%_!"), "%100!%!_!!%");
    }
}
