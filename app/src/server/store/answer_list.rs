//! The round's answer list, a page at a time: comments filtered in SQL, each group of
//! alike comments counted once (shown by its first member that matches the filters),
//! with exact counts. Three queries a page (count, page of ids, the page's comments),
//! whatever the size of the round; the page of ids reads only as far as the page.
//! Words to find are looked up in an index of the comments' trigrams (migration 0014)
//! rather than by reading every comment of the round, and the page is gathered from
//! the comments that hold them.

use super::comments::{COMMENTS, CommentRow};
use crate::{
    domain::{drafting::Knowledge, response::Outcome},
    server::db::Backend,
};
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

/// The words as one FTS5 phrase: in quotes, a quote in them doubled. With the trigram
/// tokenizer a phrase matches wherever the words stand inside the text, in any case.
fn trigram_phrase(words: &str) -> String {
    format!("\"{}\"", words.replace('"', "\"\""))
}

/// Fewer characters than this have no trigram to look up: such a search reads the
/// round's comments instead (still correct, only slower).
const TRIGRAM: usize = 3;

/// The filtered list as SQL. A group is on one statement in one round, so the clauses
/// about those (`statement`, written against `c` and `s`) hold for every member alike;
/// the others (`member`, written against `{c}`) are each member's own, and decide which
/// member shows a group: its first that matches. No clause joins a table, so counting
/// reads only `comments` (and `statements` when a statement filter asks for it).
struct ListSql {
    statement: Vec<String>,
    member: Vec<String>,
    values: Vec<Value>,
    /// Whether the filters name words to find.
    searched: bool,
}

impl ListSql {
    fn new(round_id: i64, f: &ListFilter, backend: Backend) -> Self {
        let mut list = Self {
            statement: vec!["c.round_id = $1".to_owned()],
            member: vec!["{c}.withdrawn_at IS NULL".to_owned()],
            values: vec![Value::Int(round_id)],
            searched: false,
        };
        if let Some(statement) = &f.statement {
            list.add_statement("s.reference = $?", Value::Text(statement.clone()));
        }
        if let Some(theme) = &f.theme {
            list.add_statement(
                "s.theme_id IN (SELECT t.id FROM themes t WHERE t.framework_id = s.framework_id AND t.code = $?)",
                Value::Text(theme.clone()),
            );
        }
        if let Some(organisation) = &f.organisation {
            list.add_member(
                "{c}.organisation_id IN (SELECT o.id FROM organisations o WHERE o.name = $?)",
                Some(Value::Text(organisation.clone())),
            );
        }
        if let Some(knowledge) = f.knowledge {
            list.add_member(
                "{c}.knowledge = $?",
                Some(Value::Text(knowledge.as_str().to_owned())),
            );
        }
        let answer = "SELECT 1 FROM responses a WHERE a.comment_id = {c}.id";
        match f.answer {
            AnswerFilter::Any => {}
            AnswerFilter::Unanswered => list.add_member(&format!("NOT EXISTS ({answer})"), None),
            AnswerFilter::Answered => list.add_member(&format!("EXISTS ({answer})"), None),
            AnswerFilter::Outcome(o) => list.add_member(
                &format!("EXISTS ({answer} AND a.outcome = $?)"),
                Some(Value::Text(o.as_str().to_owned())),
            ),
        }
        if let Some(search) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            list.add_search(search, backend);
        }
        list
    }

    /// Words to find in the comment or its suggestion. The LIKE decides what is found, on
    /// both databases; on PostgreSQL pg_trgm's indexes answer that LIKE by themselves.
    /// SQLite's LIKE cannot use an index, so the trigram index (`comments_search`) first
    /// hands over the comments holding the words: its matches, any case, are a superset
    /// of the LIKE's, which then keeps exactly what it kept before. Words shorter than a
    /// trigram cannot be looked up and are found by the LIKE alone, reading the round.
    fn add_search(&mut self, search: &str, backend: Backend) {
        self.searched = true;
        let words = search.to_lowercase();
        if backend == Backend::Sqlite && words.chars().count() >= TRIGRAM {
            self.add_member(
                "{c}.id IN (SELECT rowid FROM comments_search WHERE comments_search MATCH $?)",
                Some(Value::Text(trigram_phrase(&words))),
            );
        }
        self.add_member(
            "(LOWER({c}.body) LIKE $? ESCAPE '!' OR LOWER(COALESCE({c}.suggestion, '')) LIKE $? ESCAPE '!')",
            Some(Value::Text(contains_pattern(search))),
        );
    }

    /// `$?` in a clause is the placeholder of the value added with it.
    fn placed(&mut self, clause: &str, value: Option<Value>) -> String {
        match value {
            Some(value) => {
                self.values.push(value);
                clause.replace("$?", &format!("${}", self.values.len()))
            }
            None => clause.to_owned(),
        }
    }

    fn add_statement(&mut self, clause: &str, value: Value) {
        let clause = self.placed(clause, Some(value));
        self.statement.push(clause);
    }

    fn add_member(&mut self, clause: &str, value: Option<Value>) {
        let clause = self.placed(clause, value);
        self.member.push(clause);
    }

    /// Whether the clauses read the statement (`s`).
    fn needs_statement(&self) -> bool {
        self.statement.len() > 1
    }

    fn member_clauses(&self, alias: &str) -> String {
        self.member
            .iter()
            .map(|clause| clause.replace("{c}", alias))
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    /// Every comment that matches the filters.
    fn matching(&self) -> String {
        format!(
            "{} AND {}",
            self.statement.join(" AND "),
            self.member_clauses("c")
        )
    }

    /// Only the comment that shows its entry: on its own, or its group's first match.
    ///
    /// With words to find, the index hands over the comments that hold them, and the
    /// entries are gathered from those: each group's first match is its lowest id. (The
    /// subquery's own `c` and `s` hide the outer query's.) Otherwise the list walks the
    /// round in its order and stops at the page, asking for each member of a group
    /// whether an earlier one matches (an index on `alike_group_id, id` answers that);
    /// for a search, that question would test the words on every earlier member of a
    /// large group again, for each of its members.
    fn listed(&self) -> String {
        if self.searched {
            format!(
                "c.id IN (SELECT MIN(c.id) {} WHERE {} \
                   GROUP BY c.alike_group_id, CASE WHEN c.alike_group_id IS NULL THEN c.id END)",
                self.counted_from(),
                self.matching()
            )
        } else {
            format!(
                "{} AND (c.alike_group_id IS NULL OR NOT EXISTS (SELECT 1 FROM comments m \
                   WHERE m.alike_group_id = c.alike_group_id AND m.id < c.id AND {}))",
                self.matching(),
                self.member_clauses("m")
            )
        }
    }

    /// The matching comments, with their statements only when a clause reads them.
    fn counted_from(&self) -> &'static str {
        if self.needs_statement() {
            LISTED_FROM
        } else {
            "FROM comments c"
        }
    }
}

/// The list's comments with their statement, in the round's framework: saying which
/// framework lets the database walk the statements in reference order and each one's
/// comments by age (the list's order) and stop at the page, rather than sort the round.
const LISTED_FROM: &str = "FROM comments c JOIN statements s ON s.id = c.statement_id";
const IN_FRAMEWORK: &str =
    "s.framework_id = (SELECT rd.framework_id FROM rounds rd WHERE rd.id = $1)";

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

/// How many entries (comments on their own, and groups) the filtered list has: the
/// matching comments on their own, and the groups with a matching member.
pub async fn count(
    conn: &mut AnyConnection,
    backend: Backend,
    round_id: i64,
    filter: &ListFilter,
) -> Result<u64, sqlx::Error> {
    let list = ListSql::new(round_id, filter, backend);
    let sql = format!(
        "SELECT COUNT(*) - COUNT(c.alike_group_id) + COUNT(DISTINCT c.alike_group_id) \
         {} WHERE {}",
        list.counted_from(),
        list.matching()
    );
    let count: i64 = bind_all!(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)), &list.values)
        .fetch_one(conn)
        .await?;
    Ok(count.max(0) as u64)
}

/// One page of the filtered list: for each entry its first matching comment, by
/// statement then age.
pub async fn page(
    conn: &mut AnyConnection,
    backend: Backend,
    round_id: i64,
    filter: &ListFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    let list = ListSql::new(round_id, filter, backend);
    let n = list.values.len();
    let sql = format!(
        "SELECT c.id {LISTED_FROM} WHERE {IN_FRAMEWORK} AND {} \
         ORDER BY s.reference, c.id LIMIT ${} OFFSET ${}",
        list.listed(),
        n + 1,
        n + 2
    );
    let ids: Vec<i64> = bind_all!(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)), &list.values)
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
    backend: Backend,
    round_id: i64,
    filter: &ListFilter,
    comment_id: i64,
) -> Result<Option<Place>, sqlx::Error> {
    let list = ListSql::new(round_id, filter, backend);
    let sql = format!(
        "WITH listed AS (SELECT c.id, c.alike_group_id, s.reference {LISTED_FROM} \
           WHERE {IN_FRAMEWORK} AND {}), \
         wanted AS (SELECT l.id, l.alike_group_id, l.reference FROM listed l WHERE l.id = ${n} \
           OR l.alike_group_id = (SELECT w.alike_group_id FROM comments w WHERE w.id = ${n})) \
         SELECT w.alike_group_id, (SELECT COUNT(*) FROM listed l WHERE l.reference < w.reference \
           OR (l.reference = w.reference AND l.id < w.id)) AS ahead \
         FROM wanted w",
        list.listed(),
        n = list.values.len() + 1
    );
    let found: Option<(Option<i64>, i64)> =
        bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql)), &list.values)
            .bind(comment_id)
            .fetch_optional(conn)
            .await?;
    Ok(found.map(|(group, before)| Place {
        before: u64::try_from(before).unwrap_or(0),
        group,
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

/// How far a round's answering has come: its live comments, how many have an answer,
/// and how many groups still have a member without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub total: u64,
    pub answered: u64,
    pub groups_left: u64,
}

/// The round's progress, in one pass over its comments. Only indexes are read: the
/// round's live comments (with id and group) from `comments_by_round_group` (SQLite) or
/// `comments_live_by_round` (PostgreSQL), and whether each is answered from the answers'
/// index on `comment_id`, never an answer's row.
pub async fn progress(conn: &mut AnyConnection, round_id: i64) -> Result<Progress, sqlx::Error> {
    let (total, answered, groups_left): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(r.comment_id), \
           COUNT(DISTINCT CASE WHEN r.comment_id IS NULL THEN c.alike_group_id END) \
         FROM comments c LEFT JOIN responses r ON r.comment_id = c.id \
         WHERE c.round_id = $1 AND c.withdrawn_at IS NULL",
    )
    .bind(round_id)
    .fetch_one(conn)
    .await?;
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    Ok(Progress {
        total: count(total),
        answered: count(answered),
        groups_left: count(groups_left),
    })
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
    // Each organisation asks the index on (organisation_id, round_id) once, rather than
    // every comment of the round being read for the few organisations behind them.
    sqlx::query_scalar(
        "SELECT o.name FROM organisations o WHERE EXISTS (SELECT 1 FROM comments c \
           WHERE c.organisation_id = o.id AND c.round_id = $1 AND c.withdrawn_at IS NULL) \
         ORDER BY o.name",
    )
    .bind(round_id)
    .fetch_all(conn)
    .await
}

#[cfg(test)]
mod tests {
    use super::{contains_pattern, trigram_phrase};

    #[test]
    fn search_text_is_found_literally_whatever_its_wildcards() {
        assert_eq!(contains_pattern("Choice"), "%choice%");
        assert_eq!(contains_pattern("100%_!"), "%100!%!_!!%");
    }

    #[test]
    fn search_text_is_one_phrase_for_the_word_index_whatever_its_quotes() {
        assert_eq!(trigram_phrase("my family"), "\"my family\"");
        assert_eq!(trigram_phrase("say \"no\" OR"), "\"say \"\"no\"\" OR\"");
    }
}
