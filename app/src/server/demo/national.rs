//! The national data set (issue 11): a framework of 150 statements in 5 themes, 2,000
//! contributors (300 of them members of 40 organisations), an earlier round answered and
//! published as version 1, and an open round of 10,000 comments (1,500 on one statement,
//! 2,000 near-identical copies of 5 campaign texts), the busiest statements with 30
//! drafts. Benchmarks, tests and `our-words seed national` load it.
//!
//! What it holds is worked out first ([`plan`], pure and seeded); then it is written in
//! bulk (multi-row INSERTs, in two transactions) around one call to the real publishing
//! service, so version 1, its credits and its emails are exactly what the app writes.
//! Version 1's emails are then recorded as sent on the day it was published (the data
//! set sends no mail). Every time is relative to when it is loaded: version 1 was
//! published 75 days ago and the open round opened 42 days ago.

pub mod plan;
mod texts;

pub use plan::{Plan, Shape};

use super::demo_person;
use crate::{
    domain::response::Outcome,
    error::AppError,
    model::Viewer,
    server::{AppState, Context, Db, clock::now, outbox, publishing, store},
};
use plan::{PlannedComment, timeline};
use sqlx::AnyConnection;
use std::{collections::HashMap, fmt, fmt::Write as _};

/// Why the data set was not loaded.
#[derive(Debug)]
pub enum LoadError {
    /// A framework with this slug is in the database already.
    AlreadyLoaded(String),
    Database(sqlx::Error),
    Publishing(AppError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AlreadyLoaded(slug) => write!(
                f,
                "the database already holds a framework called {slug}: nothing was loaded"
            ),
            Self::Database(e) => write!(f, "the database refused the data set: {e}"),
            Self::Publishing(e) => write!(f, "publishing version 1 failed: {e}"),
        }
    }
}

impl std::error::Error for LoadError {}

impl From<sqlx::Error> for LoadError {
    fn from(e: sqlx::Error) -> Self {
        Self::Database(e)
    }
}

/// What was loaded, for the command line, the tests and the benchmarks.
#[derive(Debug, Clone)]
pub struct National {
    pub slug: String,
    pub framework_id: i64,
    pub earlier_round_id: i64,
    pub open_round_id: i64,
    /// The version that answered the earlier round.
    pub version: i64,
    pub busiest_reference: String,
    pub editor_email: String,
    pub admin_email: String,
    /// The contributor with the most comments in the open round.
    pub keenest_email: String,
    pub statements: usize,
    pub contributors: usize,
    pub organisations: usize,
    pub earlier_comments: usize,
    pub open_comments: usize,
}

/// A data set person's address: `{local}@{slug}.example.org`.
pub fn email(slug: &str, local: &str) -> String {
    format!("{local}@{slug}.example.org")
}

/// Load `shape` into the database. Refused if a framework with its slug exists.
pub async fn load(state: &AppState, shape: &Shape) -> Result<National, LoadError> {
    let plan = Plan::new(shape);
    let at = now();
    let slug = shape.slug.as_str();
    let editor_email = email(slug, "editor");
    let admin_email = email(slug, "admin");

    // 1. Everything before version 1.
    let mut tx = state.db.begin_write().await?;
    if store::frameworks::find_by_slug(&mut tx, slug)
        .await?
        .is_some()
    {
        return Err(LoadError::AlreadyLoaded(slug.to_owned()));
    }
    let created = at + timeline::CREATED;
    let editor = demo_person(
        &mut tx,
        &editor_email,
        "Policy team editor",
        true,
        false,
        created,
    )
    .await?;
    demo_person(&mut tx, &admin_email, "Site admin", false, true, created).await?;
    let organisations = insert_organisations(&mut tx, &plan.organisations, created).await?;
    let people = insert_people(&mut tx, &plan, &organisations, created).await?;
    let framework = store::statements::insert_framework(
        &mut tx,
        slug,
        &shape.title,
        "Standards for care and support, written as I statements with the people who use \
         them: a national consultation.",
        created,
    )
    .await?
    .ok_or_else(|| LoadError::AlreadyLoaded(slug.to_owned()))?;
    let (statements, mut drafts) =
        insert_statements(&mut tx, &plan, framework, editor, created).await?;
    insert_values(&mut tx, framework, &statements).await?;
    insert_drafts(&mut tx, &plan, &statements, &mut drafts, editor, at, |t| {
        t < timeline::PUBLISHED
    })
    .await?;
    let earlier_round = insert_round(
        &mut tx,
        (framework, editor),
        "First consultation",
        "Tell us whether these first drafts sound like your life.",
        (at + timeline::EARLIER_OPENS, at + timeline::EARLIER_CLOSES),
    )
    .await?;
    let written = Written {
        people,
        organisations,
        statements,
    };
    let earlier_key = format!("{slug}-earlier");
    let rows = Rows {
        round: earlier_round,
        key: &earlier_key,
        written: &written,
        drafts: &drafts,
        at,
    };
    let earlier_ids = rows.insert_comments(&mut tx, &plan.earlier, &[]).await?;
    rows.insert_answers(&mut tx, &plan.earlier, &earlier_ids, editor)
        .await?;
    crate::server::alike::group_round(&mut tx, earlier_round).await?;
    tx.commit().await?;

    // 2. Version 1, through the real publishing service.
    let cx = Context::new(
        state.clone(),
        Some(Viewer {
            id: editor,
            email: editor_email.clone(),
            display_name: "Policy team editor".to_owned(),
            is_editor: true,
            is_admin: false,
            is_facilitator: false,
            is_moderator: false,
            easy_read: false,
        }),
    );
    let version = publishing::publish(
        &cx,
        slug,
        "Version 1, after the first consultation: twenty statements reworded.",
    )
    .await
    .map_err(LoadError::Publishing)?;

    // 3. Since then: its emails went out, drafts moved on, and the open round.
    let mut tx = state.db.begin_write().await?;
    backdate_version(&mut tx, framework, version, at + timeline::PUBLISHED).await?;
    insert_drafts(
        &mut tx,
        &plan,
        &written.statements,
        &mut drafts,
        editor,
        at,
        |t| t >= timeline::PUBLISHED,
    )
    .await?;
    let open_round = insert_round(
        &mut tx,
        (framework, editor),
        "National consultation",
        "Tell us whether these I statements sound like your life, and what is missing.",
        (at + timeline::OPEN_OPENS, at + timeline::OPEN_CLOSES),
    )
    .await?;
    let open_key = format!("{slug}-open");
    let rows = Rows {
        round: open_round,
        key: &open_key,
        written: &written,
        drafts: &drafts,
        at,
    };
    let open_ids = rows
        .insert_comments(&mut tx, &plan.open, &earlier_ids)
        .await?;
    rows.insert_answers(&mut tx, &plan.open, &open_ids, editor)
        .await?;
    // Comments inserted in bulk are grouped as the app groups those made through its
    // forms, so the answer list shows the campaigns as groups from the start.
    crate::server::alike::group_round(&mut tx, open_round).await?;
    tx.commit().await?;
    // Fresh statistics after a bulk load: PostgreSQL's autovacuum would gather them later,
    // and until then its planner takes the comments table for a few rows (the report page
    // took 3.7 s instead of 35 ms). SQLite's planner uses them too. On PostgreSQL the
    // vacuum autovacuum would also run soon after so many inserts marks the pages all
    // visible, so index-only scans answer counts as they will in a settled database
    // (the bursts page read the comments table twice without it).
    let mut conn = state.db.pool.acquire().await?;
    let settle = match state.db.backend {
        crate::server::db::Backend::Sqlite => "ANALYZE",
        crate::server::db::Backend::Postgres => "VACUUM ANALYZE",
    };
    sqlx::query(settle).execute(&mut *conn).await?;
    drop(conn);

    let mut by_author: HashMap<usize, usize> = HashMap::new();
    for c in &plan.open {
        *by_author.entry(c.author).or_default() += 1;
    }
    let keenest = by_author
        .iter()
        .max_by_key(|(author, count)| (**count, std::cmp::Reverse(**author)))
        .map_or(0, |(author, _)| *author);
    Ok(National {
        slug: slug.to_owned(),
        framework_id: framework,
        earlier_round_id: earlier_round,
        open_round_id: open_round,
        version,
        busiest_reference: plan.statements[plan.busiest].reference(),
        editor_email,
        admin_email,
        keenest_email: email(slug, &plan.people[keenest].local),
        statements: plan.statements.len(),
        contributors: plan.people.len(),
        organisations: plan.organisations.len(),
        earlier_comments: plan.earlier.len(),
        open_comments: plan.open.len(),
    })
}

/// Close the open round now and answer every comment still unanswered ("noted"), so a
/// version can be published from it: what the publish benchmark publishes, and what
/// the page benchmark reads the report, trace and outbox of. Returns how many answers
/// were added.
pub async fn close_and_answer_open_round(db: &Db, national: &National) -> Result<u64, sqlx::Error> {
    let at = now();
    let mut tx = db.begin_write().await?;
    let editor = store::users::find_or_create_by_email(&mut tx, &national.editor_email, at).await?;
    store::rounds::close_now(&mut tx, national.open_round_id, at).await?;
    let answered = sqlx::query(
        "INSERT INTO responses (comment_id, editor_id, outcome, reason, created_at, updated_at) \
         SELECT c.id, $1, $2, $3, $4, $4 FROM comments c \
         WHERE c.round_id = $5 AND c.withdrawn_at IS NULL \
           AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.comment_id = c.id)",
    )
    .bind(editor.id)
    .bind(Outcome::Noted)
    .bind("Thank you. We read every comment, and yours is part of the summary of this round.")
    .bind(at)
    .bind(national.open_round_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(answered)
}

/// A value for a multi-row INSERT.
#[derive(Debug, Clone)]
enum Value {
    Int(i64),
    MaybeInt(Option<i64>),
    Text(String),
    MaybeText(Option<String>),
}

/// `INSERT INTO {into} VALUES (…), (…), …` for every row, as few statements as the
/// databases' limits on parameters allow.
async fn insert_rows(
    conn: &mut AnyConnection,
    into: &str,
    rows: &[Vec<Value>],
) -> Result<(), sqlx::Error> {
    let Some(columns) = rows.first().map(Vec::len) else {
        return Ok(());
    };
    // SQLite takes up to 32,766 parameters a statement, PostgreSQL 65,535.
    let per_statement = (30_000 / columns).clamp(1, 1_000);
    for chunk in rows.chunks(per_statement) {
        let mut sql = format!("INSERT INTO {into} VALUES ");
        let mut n = 0;
        for (i, row) in chunk.iter().enumerate() {
            debug_assert_eq!(row.len(), columns);
            sql.push_str(if i == 0 { "(" } else { ", (" });
            for c in 0..columns {
                n += 1;
                let _ = write!(sql, "{}${n}", if c == 0 { "" } else { ", " });
            }
            sql.push(')');
        }
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for value in chunk.iter().flatten() {
            query = match value {
                Value::Int(v) => query.bind(*v),
                Value::MaybeInt(v) => query.bind(*v),
                Value::Text(v) => query.bind(v.clone()),
                Value::MaybeText(v) => query.bind(v.clone()),
            };
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Organisations by name; one that exists already (from another data set) is shared.
async fn insert_organisations(
    conn: &mut AnyConnection,
    names: &[String],
    at: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    for name in names {
        sqlx::query(
            "INSERT INTO organisations (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    }
    let by_name: HashMap<String, i64> = store::organisations::list(conn)
        .await?
        .into_iter()
        .map(|o| (o.name, o.id))
        .collect();
    names
        .iter()
        .map(|n| by_name.get(n).copied().ok_or(sqlx::Error::RowNotFound))
        .collect()
}

/// Every contributor, and the organisations the representatives belong to. Returns
/// their ids in the plan's order.
async fn insert_people(
    conn: &mut AnyConnection,
    plan: &Plan,
    organisations: &[i64],
    at: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let slug = &plan.shape.slug;
    let rows: Vec<Vec<Value>> = plan
        .people
        .iter()
        .map(|p| {
            vec![
                Value::Text(email(slug, &p.local)),
                Value::Text(p.display_name.clone()),
                Value::Int(at),
                Value::Int(i64::from(p.easy_read)),
                Value::Int(i64::from(p.email_opt_out)),
            ]
        })
        .collect();
    insert_rows(
        conn,
        "users (email, display_name, created_at, easy_read, email_opt_out)",
        &rows,
    )
    .await?;
    let ids: HashMap<String, i64> =
        sqlx::query_as::<_, (String, i64)>("SELECT email, id FROM users WHERE email LIKE $1")
            .bind(format!("%@{slug}.example.org"))
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect();
    let people: Vec<i64> = plan
        .people
        .iter()
        .map(|p| {
            ids.get(&email(slug, &p.local))
                .copied()
                .ok_or(sqlx::Error::RowNotFound)
        })
        .collect::<Result<_, _>>()?;
    let memberships: Vec<Vec<Value>> = plan
        .people
        .iter()
        .zip(&people)
        .filter_map(|(p, id)| {
            p.organisation.map(|o| {
                vec![
                    Value::Int(*id),
                    Value::Int(organisations[o]),
                    Value::Int(at),
                ]
            })
        })
        .collect();
    insert_rows(
        conn,
        "memberships (user_id, organisation_id, created_at)",
        &memberships,
    )
    .await?;
    Ok(people)
}

/// The themes and every statement's first draft. Returns the statements' ids and, for
/// each, its drafts' revision ids so far (the first).
async fn insert_statements(
    conn: &mut AnyConnection,
    plan: &Plan,
    framework: i64,
    editor: i64,
    at: i64,
) -> Result<(Vec<i64>, Vec<Vec<i64>>), sqlx::Error> {
    let mut themes = Vec::new();
    for (code, title, description, _) in texts::THEMES {
        themes.push(
            store::statements::insert_theme(conn, framework, code, title, description)
                .await?
                .ok_or(sqlx::Error::RowNotFound)?,
        );
    }
    let mut ids = Vec::with_capacity(plan.statements.len());
    let mut drafts = Vec::with_capacity(plan.statements.len());
    for s in &plan.statements {
        let first = &s.drafts[0];
        let (id, reference) = store::statements::insert_statement(
            conn,
            &store::statements::NewStatement {
                framework_id: framework,
                theme_id: themes[s.theme],
                body: &first.text,
                author_id: Some(editor),
                note: first.note,
                submission_key: None,
            },
            at,
        )
        .await?;
        debug_assert_eq!(reference, s.reference());
        ids.push(id);
        drafts.push(vec![store::statements::latest_revision_id(conn, id).await?]);
    }
    Ok((ids, drafts))
}

/// The demo's four values; each statement carries one or two.
async fn insert_values(
    conn: &mut AnyConnection,
    framework: i64,
    statements: &[i64],
) -> Result<(), sqlx::Error> {
    let mut values = Vec::new();
    for (code, title, description) in super::VALUES {
        values.push(
            store::values::insert(conn, framework, code, title, description)
                .await?
                .ok_or(sqlx::Error::RowNotFound)?,
        );
    }
    let mut rows = Vec::new();
    for (i, statement) in statements.iter().enumerate() {
        rows.push(vec![
            Value::Int(*statement),
            Value::Int(values[i % values.len()]),
        ]);
        if i % 3 == 0 {
            rows.push(vec![
                Value::Int(*statement),
                Value::Int(values[(i + 1) % values.len()]),
            ]);
        }
    }
    insert_rows(conn, "statement_values (statement_id, value_id)", &rows).await
}

/// The later drafts whose time (relative to `at`) passes `when`, each statement moved on
/// to its newest.
async fn insert_drafts(
    conn: &mut AnyConnection,
    plan: &Plan,
    statements: &[i64],
    drafts: &mut [Vec<i64>],
    editor: i64,
    at: i64,
    when: impl Fn(i64) -> bool,
) -> Result<(), sqlx::Error> {
    for (s, planned) in plan.statements.iter().enumerate() {
        let mut moved = false;
        for draft in planned.drafts.iter().skip(drafts[s].len()) {
            if !when(draft.at) {
                break;
            }
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO statement_revisions (statement_id, body, author_id, note, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(statements[s])
            .bind(&draft.text)
            .bind(editor)
            .bind(draft.note)
            .bind(at + draft.at)
            .fetch_one(&mut *conn)
            .await?;
            drafts[s].push(id);
            moved = true;
        }
        if moved {
            sqlx::query("UPDATE statements SET latest_revision_id = $1 WHERE id = $2")
                .bind(drafts[s].last().copied())
                .bind(statements[s])
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}

/// Version 1 was published on its day, and its emails went out then.
async fn backdate_version(
    conn: &mut AnyConnection,
    framework: i64,
    version: i64,
    published_at: i64,
) -> Result<(), sqlx::Error> {
    let publication: i64 = sqlx::query_scalar(
        "UPDATE publications SET published_at = $1 WHERE framework_id = $2 AND version = $3 \
         RETURNING id",
    )
    .bind(published_at)
    .bind(framework)
    .bind(version)
    .fetch_one(&mut *conn)
    .await?;
    let batch = outbox::publication_batch(publication);
    sqlx::query(
        "INSERT INTO outbox_attempts (outbox_id, at, outcome, detail) \
         SELECT id, $1, $2, '' FROM outbox WHERE batch = $3",
    )
    .bind(published_at)
    .bind(outbox::AttemptOutcome::Sent)
    .bind(&batch)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE outbox SET status = $1, attempts = 1, created_at = $2, next_attempt_at = $2, \
         sent_at = $2 WHERE batch = $3",
    )
    .bind(outbox::Status::Sent)
    .bind(published_at)
    .bind(&batch)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The ids of what the comments point at, in the plan's order.
struct Written {
    people: Vec<i64>,
    organisations: Vec<i64>,
    statements: Vec<i64>,
}

/// What a round's planned comments are written with.
struct Rows<'a> {
    round: i64,
    /// Submission keys are `{key}-{n}`.
    key: &'a str,
    written: &'a Written,
    drafts: &'a [Vec<i64>],
    at: i64,
}

/// A round of the data set, set up by the editor the day before it opens.
async fn insert_round(
    conn: &mut AnyConnection,
    (framework_id, created_by): (i64, i64),
    title: &str,
    introduction: &str,
    (opens_at, closes_at): (i64, i64),
) -> Result<i64, sqlx::Error> {
    let round = store::rounds::NewRound {
        framework_id,
        title,
        introduction,
        opens_at,
        closes_at,
        created_by,
    };
    store::rounds::insert(conn, &round, opens_at - plan::DAY).await
}

impl Rows<'_> {
    /// Write `comments`; returns their ids in order. `earlier` are the ids of
    /// [`Plan::earlier`], for comments saying an earlier one still matters.
    async fn insert_comments(
        &self,
        conn: &mut AnyConnection,
        comments: &[PlannedComment],
        earlier: &[i64],
    ) -> Result<Vec<i64>, sqlx::Error> {
        let rows: Vec<Vec<Value>> = comments
            .iter()
            .enumerate()
            .map(|(n, c)| {
                let passage = c.passage.as_ref();
                vec![
                    Value::Int(self.written.statements[c.statement]),
                    Value::Int(self.drafts[c.statement][c.draft]),
                    Value::Int(self.round),
                    Value::Int(self.written.people[c.author]),
                    Value::MaybeInt(c.organisation.map(|o| self.written.organisations[o])),
                    Value::Text(c.body.clone()),
                    Value::MaybeInt(passage.map(|p| p.start as i64)),
                    Value::MaybeInt(passage.map(|p| p.end as i64)),
                    Value::MaybeText(passage.map(|p| p.quote.clone())),
                    Value::MaybeText(c.suggestion.clone()),
                    Value::Text(c.knowledge.as_str().to_owned()),
                    Value::Text(c.visibility.as_str().to_owned()),
                    Value::Int(self.at + c.at),
                    Value::Int(self.at + c.at),
                    Value::Text(format!("{}-{n}", self.key)),
                    Value::MaybeInt(c.still_matters.and_then(|i| earlier.get(i).copied())),
                ]
            })
            .collect();
        insert_rows(
            conn,
            "comments (statement_id, revision_id, round_id, author_id, organisation_id, body, \
             passage_start, passage_end, quote, suggestion, knowledge, visibility, created_at, \
             updated_at, submission_key, earlier_comment_id)",
            &rows,
        )
        .await?;
        let ids: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
            "SELECT submission_key, id FROM comments WHERE round_id = $1",
        )
        .bind(self.round)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
        (0..comments.len())
            .map(|n| {
                ids.get(&format!("{}-{n}", self.key))
                    .copied()
                    .ok_or(sqlx::Error::RowNotFound)
            })
            .collect()
    }

    /// Write the answers planned for `comments` (whose ids are `ids`), with the drafts
    /// they were acted on in.
    async fn insert_answers(
        &self,
        conn: &mut AnyConnection,
        comments: &[PlannedComment],
        ids: &[i64],
        editor: i64,
    ) -> Result<(), sqlx::Error> {
        let answered: Vec<(&PlannedComment, i64)> = comments
            .iter()
            .zip(ids.iter().copied())
            .filter(|(c, _)| c.answer.is_some())
            .collect();
        let rows: Vec<Vec<Value>> = answered
            .iter()
            .filter_map(|(c, id)| {
                c.answer.as_ref().map(|a| {
                    vec![
                        Value::Int(*id),
                        Value::Int(editor),
                        Value::Text(a.outcome.as_str().to_owned()),
                        Value::Text(a.reason.to_owned()),
                        Value::Int(self.at + a.at),
                        Value::Int(self.at + a.at),
                    ]
                })
            })
            .collect();
        insert_rows(
            conn,
            "responses (comment_id, editor_id, outcome, reason, created_at, updated_at)",
            &rows,
        )
        .await?;
        let responses: HashMap<i64, i64> = sqlx::query_as::<_, (i64, i64)>(
            "SELECT r.comment_id, r.id FROM responses r JOIN comments c ON c.id = r.comment_id \
             WHERE c.round_id = $1",
        )
        .bind(self.round)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
        let links: Vec<Vec<Value>> = answered
            .iter()
            .filter_map(|(c, id)| {
                let acted = c.answer.as_ref()?.acted_in?;
                Some(vec![
                    Value::Int(*responses.get(id)?),
                    Value::Int(self.drafts[c.statement][acted]),
                ])
            })
            .collect();
        insert_rows(
            conn,
            "response_revisions (response_id, revision_id)",
            &links,
        )
        .await
    }
}
