//! Groups of alike comments ("groups" to people; "alike" in code, since events already
//! have group views): their lookup keys, who is in which group, and grouping itself,
//! one comment as it is saved or a whole round in bulk. What counts as alike is
//! `domain::alike`; this module finds the candidates through the indexed keys.

use crate::domain::alike::{Fingerprint, Said};
use sqlx::{AnyConnection, FromRow};
use std::collections::HashMap;

/// At most this many candidates are compared with a new comment: enough, because a
/// comment needs to meet only one member of its group, and those in a group come first.
const CANDIDATES: i64 = 50;

/// A comment as grouping reads it.
#[derive(Debug, Clone, FromRow)]
struct Grouped {
    id: i64,
    round_id: i64,
    statement_id: i64,
    text_kind: String,
    body: String,
    quote: Option<String>,
    suggestion: Option<String>,
    alike_group_id: Option<i64>,
    alike_considered: i64,
}

impl Grouped {
    fn fingerprint(&self) -> Fingerprint {
        Fingerprint::of(&Said {
            body: &self.body,
            quote: self.quote.as_deref(),
            suggestion: self.suggestion.as_deref(),
        })
    }
}

const GROUPED: &str = "SELECT c.id, c.round_id, c.statement_id, cr.text_kind, c.body, c.quote, \
    c.suggestion, c.alike_group_id, c.alike_considered \
    FROM comments c JOIN statement_revisions cr ON cr.id = c.revision_id";

/// Store a comment's lookup keys (replacing any it had).
async fn store_keys(
    conn: &mut AnyConnection,
    rows: &[(i64, i64, i64, Vec<i64>)],
) -> Result<(), sqlx::Error> {
    // (comment, round, statement, key) rows, a few hundred to a statement.
    let flat: Vec<(i64, i64, i64, i64)> = rows
        .iter()
        .flat_map(|(c, r, s, keys)| keys.iter().map(move |k| (*c, *r, *s, *k)))
        .collect();
    for chunk in flat.chunks(200) {
        let values = (0..chunk.len())
            .map(|i| {
                format!(
                    "(${}, ${}, ${}, ${})",
                    4 * i + 1,
                    4 * i + 2,
                    4 * i + 3,
                    4 * i + 4
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO comment_alike_keys (comment_id, round_id, statement_id, alike_key) VALUES {values}"
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (c, r, s, k) in chunk {
            query = query.bind(*c).bind(*r).bind(*s).bind(*k);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

async fn new_group(
    conn: &mut AnyConnection,
    round_id: i64,
    statement_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO alike_groups (round_id, statement_id, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(round_id)
    .bind(statement_id)
    .bind(now)
    .fetch_one(conn)
    .await
}

async fn put_in_group(
    conn: &mut AnyConnection,
    group: i64,
    comments: &[i64],
) -> Result<(), sqlx::Error> {
    for chunk in comments.chunks(500) {
        let sql = format!(
            "UPDATE comments SET alike_group_id = $1 WHERE id IN ({})",
            super::placeholders(2, chunk.len())
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(group);
        for id in chunk {
            query = query.bind(*id);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Group one comment just saved (inside the caller's transaction): store its keys, look
/// up the live comments of its round and statement sharing a key, and join the group of
/// the first alike one (or start a group with it). Returns the group it is in.
pub async fn consider(
    conn: &mut AnyConnection,
    comment_id: i64,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let Some(subject) = sqlx::query_as::<_, Grouped>(sqlx::AssertSqlSafe(format!(
        "{GROUPED} WHERE c.id = $1 AND c.withdrawn_at IS NULL AND c.alike_split = 0"
    )))
    .bind(comment_id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    sqlx::query("UPDATE comments SET alike_considered = 1 WHERE id = $1")
        .bind(comment_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM comment_alike_keys WHERE comment_id = $1")
        .bind(comment_id)
        .execute(&mut *conn)
        .await?;
    let print = subject.fingerprint();
    let keys = print.keys(&subject.text_kind);
    if keys.is_empty() {
        return Ok(None);
    }
    store_keys(
        conn,
        &[(
            subject.id,
            subject.round_id,
            subject.statement_id,
            keys.clone(),
        )],
    )
    .await?;
    let sql = format!(
        "{GROUPED} WHERE c.id IN (SELECT k.comment_id FROM comment_alike_keys k \
           WHERE k.round_id = $1 AND k.statement_id = $2 AND k.alike_key IN ({})) \
         AND c.id <> $3 AND c.withdrawn_at IS NULL AND c.alike_split = 0 \
         ORDER BY CASE WHEN c.alike_group_id IS NULL THEN 1 ELSE 0 END, c.id LIMIT {CANDIDATES}",
        super::placeholders(4, keys.len())
    );
    let mut query = sqlx::query_as::<_, Grouped>(sqlx::AssertSqlSafe(sql))
        .bind(subject.round_id)
        .bind(subject.statement_id)
        .bind(subject.id);
    for key in &keys {
        query = query.bind(*key);
    }
    let candidates = query.fetch_all(&mut *conn).await?;
    let Some(alike) = candidates
        .iter()
        .find(|c| c.text_kind == subject.text_kind && c.fingerprint().alike(&print))
    else {
        return Ok(None);
    };
    let group = match alike.alike_group_id {
        Some(group) => {
            put_in_group(conn, group, &[subject.id]).await?;
            group
        }
        None => {
            let group = new_group(conn, subject.round_id, subject.statement_id, now).await?;
            put_in_group(conn, group, &[alike.id, subject.id]).await?;
            group
        }
    };
    Ok(Some(group))
}

/// Where a comment goes in a bulk grouping: a group that exists, or one to create.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Place {
    Existing(i64),
    New(usize),
}

/// Group every comment of a round that grouping has not looked at yet (saved before
/// grouping existed, or inserted in bulk by a seeder), as if each had been saved in
/// turn, in a fixed number of reads: the round's live comments are read once and
/// compared in memory through the same keys, then keys, groups and memberships are
/// written in batches. Returns how many comments it looked at.
pub async fn group_round(
    conn: &mut AnyConnection,
    round_id: i64,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let waiting: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM comments WHERE round_id = $1 AND alike_considered = 0",
    )
    .bind(round_id)
    .fetch_one(&mut *conn)
    .await?;
    if waiting == 0 {
        return Ok(0);
    }
    let rows = sqlx::query_as::<_, Grouped>(sqlx::AssertSqlSafe(format!(
        "{GROUPED} WHERE c.round_id = $1 AND c.withdrawn_at IS NULL AND c.alike_split = 0 ORDER BY c.id"
    )))
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?;
    let prints: Vec<Fingerprint> = rows.iter().map(Grouped::fingerprint).collect();
    let keys: Vec<Vec<i64>> = rows
        .iter()
        .zip(&prints)
        .map(|(r, p)| p.keys(&r.text_kind))
        .collect();
    let mut place: Vec<Option<Place>> = rows
        .iter()
        .map(|r| r.alike_group_id.map(Place::Existing))
        .collect();
    let mut buckets: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    // A bucket keeps its first few comments only: a later copy of a campaign meets the
    // group through them, and no comment is compared with hundreds of others.
    let add = |buckets: &mut HashMap<(i64, i64), Vec<usize>>, i: usize| {
        for key in &keys[i] {
            let bucket = buckets.entry((rows[i].statement_id, *key)).or_default();
            if bucket.len() < CANDIDATES as usize {
                bucket.push(i);
            }
        }
    };
    for (i, row) in rows.iter().enumerate() {
        if row.alike_considered != 0 {
            add(&mut buckets, i);
        }
    }
    let mut new_groups: Vec<Vec<usize>> = Vec::new();
    let mut looked_at = Vec::new();
    for i in 0..rows.len() {
        if rows[i].alike_considered != 0 {
            continue;
        }
        looked_at.push(i);
        let mut candidates: Vec<usize> = keys[i]
            .iter()
            .filter_map(|k| buckets.get(&(rows[i].statement_id, *k)))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable_by_key(|c| (place[*c].is_none(), *c));
        candidates.dedup();
        let found = candidates
            .into_iter()
            .take(CANDIDATES as usize)
            .find(|c| rows[*c].text_kind == rows[i].text_kind && prints[*c].alike(&prints[i]));
        if let Some(c) = found {
            let joined = match place[c] {
                Some(p) => p,
                None => {
                    new_groups.push(vec![c]);
                    let p = Place::New(new_groups.len() - 1);
                    place[c] = Some(p);
                    p
                }
            };
            place[i] = Some(joined);
            if let Place::New(n) = joined {
                new_groups[n].push(i);
            }
        }
        add(&mut buckets, i);
    }
    // Write: keys of the comments looked at, new groups, memberships, then mark them.
    let key_rows: Vec<(i64, i64, i64, Vec<i64>)> = looked_at
        .iter()
        .map(|&i| {
            (
                rows[i].id,
                rows[i].round_id,
                rows[i].statement_id,
                keys[i].clone(),
            )
        })
        .collect();
    for chunk in looked_at.chunks(500) {
        let sql = format!(
            "DELETE FROM comment_alike_keys WHERE comment_id IN ({})",
            super::placeholders(1, chunk.len())
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for &i in chunk {
            query = query.bind(rows[i].id);
        }
        query.execute(&mut *conn).await?;
    }
    store_keys(conn, &key_rows).await?;
    let mut joining: HashMap<i64, Vec<i64>> = HashMap::new();
    for &i in &looked_at {
        if let Some(Place::Existing(group)) = place[i] {
            joining.entry(group).or_default().push(rows[i].id);
        }
    }
    for members in &new_groups {
        let first = &rows[members[0]];
        let group = new_group(conn, round_id, first.statement_id, now).await?;
        let ids: Vec<i64> = members.iter().map(|&i| rows[i].id).collect();
        put_in_group(conn, group, &ids).await?;
    }
    for (group, ids) in joining {
        put_in_group(conn, group, &ids).await?;
    }
    let last = rows.last().map_or(0, |r| r.id);
    sqlx::query(
        // Withdrawn and split-out comments are never grouped: marked too, so a round is
        // not read again at the next start for their sake.
        "UPDATE comments SET alike_considered = 1 WHERE round_id = $1 AND alike_considered = 0 \
         AND (id <= $2 OR withdrawn_at IS NOT NULL OR alike_split = 1)",
    )
    .bind(round_id)
    .bind(last)
    .execute(&mut *conn)
    .await?;
    Ok(looked_at.len())
}

/// Rounds with comments grouping has not looked at yet.
pub async fn rounds_waiting(conn: &mut AnyConnection) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT round_id FROM comments WHERE alike_considered = 0 ORDER BY round_id",
    )
    .fetch_all(conn)
    .await
}

/// Take a comment out of its group (withdrawn, changed, or split out). A group left
/// with one live member is no longer a group.
pub async fn leave(conn: &mut AnyConnection, comment_id: i64) -> Result<(), sqlx::Error> {
    let group: Option<i64> =
        sqlx::query_scalar("SELECT alike_group_id FROM comments WHERE id = $1")
            .bind(comment_id)
            .fetch_optional(&mut *conn)
            .await?
            .flatten();
    let Some(group) = group else {
        return Ok(());
    };
    sqlx::query("UPDATE comments SET alike_group_id = NULL WHERE id = $1")
        .bind(comment_id)
        .execute(&mut *conn)
        .await?;
    let left: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM comments WHERE alike_group_id = $1 AND withdrawn_at IS NULL",
    )
    .bind(group)
    .fetch_one(&mut *conn)
    .await?;
    if left <= 1 {
        sqlx::query("UPDATE comments SET alike_group_id = NULL WHERE alike_group_id = $1")
            .bind(group)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// An editor splits a comment out of its group: it stays out, never grouped again.
pub async fn split(conn: &mut AnyConnection, comment_id: i64) -> Result<(), sqlx::Error> {
    leave(conn, comment_id).await?;
    sqlx::query("UPDATE comments SET alike_split = 1 WHERE id = $1")
        .bind(comment_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A comment's text changed: it leaves its group and is grouped again by its new words
/// (unless an editor split it out).
pub async fn reconsider(
    conn: &mut AnyConnection,
    comment_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    leave(conn, comment_id).await?;
    consider(conn, comment_id, now).await?;
    Ok(())
}

/// One group, as the answer list and the group page show it.
#[derive(Debug, Clone, FromRow)]
pub struct GroupRow {
    pub id: i64,
    pub round_id: i64,
    pub statement_id: i64,
    /// Its live members, and how many of them have no answer yet.
    pub members: i64,
    pub unanswered: i64,
    /// The first live member: the text shown for the group.
    pub representative_id: i64,
}

/// Counting `r.comment_id` (not `r.id`) lets the answers' index on `comment_id` say
/// whether each member is answered, and the members come from `comments_live_by_group`
/// (0014): a large group is summed up from indexes alone.
const GROUPS: &str = "SELECT g.id, g.round_id, g.statement_id, COUNT(c.id) AS members, \
    COUNT(c.id) - COUNT(r.comment_id) AS unanswered, MIN(c.id) AS representative_id \
    FROM alike_groups g JOIN comments c ON c.alike_group_id = g.id AND c.withdrawn_at IS NULL \
    LEFT JOIN responses r ON r.comment_id = c.id";

/// Groups by id (for the groups on one page of a list), in one query.
pub async fn groups(conn: &mut AnyConnection, ids: &[i64]) -> Result<Vec<GroupRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{GROUPS} WHERE g.id IN ({}) GROUP BY g.id, g.round_id, g.statement_id",
        super::placeholders(1, ids.len())
    );
    let mut query = sqlx::query_as::<_, GroupRow>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(conn).await
}

pub async fn group(conn: &mut AnyConnection, id: i64) -> Result<Option<GroupRow>, sqlx::Error> {
    Ok(groups(conn, &[id]).await?.pop())
}

/// The organisations behind each of some groups, by name, in one query.
pub async fn organisations(
    conn: &mut AnyConnection,
    ids: &[i64],
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT DISTINCT c.alike_group_id, o.name FROM comments c \
         JOIN organisations o ON o.id = c.organisation_id \
         WHERE c.alike_group_id IN ({}) AND c.withdrawn_at IS NULL ORDER BY o.name",
        super::placeholders(1, ids.len())
    );
    let mut query = sqlx::query_as::<_, (i64, String)>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(conn).await
}

/// The live members of a group with no published answer: what one group answer answers.
pub async fn unpublished_members(
    conn: &mut AnyConnection,
    group: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT c.id FROM comments c JOIN rounds rd ON rd.id = c.round_id \
         WHERE c.alike_group_id = $1 AND c.withdrawn_at IS NULL AND rd.publication_id IS NULL \
         ORDER BY c.id",
    )
    .bind(group)
    .fetch_all(conn)
    .await
}

/// An editor's personal line to the person behind one comment (`None` removes it).
pub async fn set_personal_line(
    conn: &mut AnyConnection,
    comment_id: i64,
    line: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE comments SET personal_line = $1 WHERE id = $2")
        .bind(line)
        .bind(comment_id)
        .execute(conn)
        .await?;
    Ok(())
}
