//! Publishing a version: it answers every round held since the version before it. It is
//! refused while any of those rounds is open or any of their comments is unanswered; it
//! copies every statement's text; and, in the same transaction, it queues one personal
//! email per contributor. Publishing again with nothing new changes nothing and sends
//! nothing.

use super::{AppState, clock::now, drafting::require_editor, outbox, publication_email, store};
use crate::{
    api::Viewer,
    domain::{diff, drafting, response::Outcome},
    error::AppError,
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

pub async fn latest_version(
    conn: &mut AnyConnection,
    framework_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT MAX(version) FROM publications WHERE framework_id = $1")
        .bind(framework_id)
        .fetch_one(conn)
        .await
}

pub async fn publish(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    summary: &str,
) -> Result<i64, AppError> {
    require_editor(viewer)?;
    let summary = drafting::title(summary, "short summary of what changed")
        .map_err(|e| AppError::field("summary", e))?;
    let framework = store::frameworks::find_by_slug(&state.db.pool, slug)
        .await?
        .ok_or(AppError::NotFound)?;

    let mut tx = state.db.begin_write().await?;
    // Two editors pressing "Publish" at once must not both publish: this row lock makes
    // the second wait and then find nothing left to publish (SQLite's write lock, taken
    // by begin_write, already does the same).
    sqlx::query("UPDATE frameworks SET id = id WHERE id = $1")
        .bind(framework.id)
        .execute(&mut *tx)
        .await?;
    let at = now();
    let pending = pending(&mut tx, framework.id, at).await?;
    let Some(newest_round) = pending.rounds.last() else {
        // Published already (a retried or doubled submit): no second version, no emails.
        return latest_version(&mut tx, framework.id).await?.ok_or_else(|| {
            AppError::Invalid("There has been no consultation round to publish yet.".into())
        });
    };
    if let Some(open) = pending.open_round(at) {
        return Err(AppError::Invalid(format!(
            "{} is still open. Close it before publishing, so everyone's comments can be answered.",
            open.title
        )));
    }
    let unanswered = pending.unanswered().count();
    if unanswered > 0 {
        return Err(AppError::Invalid(format!(
            "{unanswered} comment{} still need{} an answer. Everyone who commented is owed one before publishing.",
            if unanswered == 1 { "" } else { "s" },
            if unanswered == 1 { "s" } else { "" }
        )));
    }
    let version = latest_version(&mut tx, framework.id).await?.unwrap_or(0) + 1;
    let publication: i64 = sqlx::query_scalar(
        "INSERT INTO publications (framework_id, version, summary, round_id, published_by, published_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(framework.id)
    .bind(version)
    .bind(&summary)
    .bind(newest_round.id)
    .bind(viewer.id)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE rounds SET publication_id = $1 \
         WHERE framework_id = $2 AND publication_id IS NULL AND opens_at <= $3",
    )
    .bind(publication)
    .bind(framework.id)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO publication_statements \
           (publication_id, statement_id, theme_code, theme_title, theme_position, position, reference, revision_id, body) \
         SELECT $1, s.id, t.code, t.title, t.position, s.position, s.reference, r.id, r.body \
         FROM statements s JOIN themes t ON t.id = s.theme_id JOIN statement_revisions r ON r.id = s.latest_revision_id \
         WHERE s.framework_id = $2 AND s.retired_at IS NULL",
    )
    .bind(publication)
    .bind(framework.id)
    .execute(&mut *tx)
    .await?;
    queue_emails(
        state,
        &mut tx,
        &framework.slug,
        &framework.title,
        version,
        publication,
        &pending.comments,
    )
    .await?;
    tx.commit().await?;
    outbox::wake();
    Ok(version)
}

#[derive(sqlx::FromRow)]
struct Contributor {
    id: i64,
    email: String,
    display_name: String,
    easy_read: i64,
}

/// One email per person (however many comments they made), in a fixed number of queries.
async fn queue_emails(
    state: &AppState,
    tx: &mut super::db::Tx,
    slug: &str,
    title: &str,
    version: i64,
    publication: i64,
    comments: &[store::comments::CommentRow],
) -> Result<(), AppError> {
    if comments.is_empty() {
        return Ok(());
    }
    let contributors: Vec<Contributor> = sqlx::query_as(
        "SELECT id, email, display_name, easy_read FROM users \
         WHERE email_opt_out = 0 AND id IN (SELECT author_id FROM comments WHERE withdrawn_at IS NULL \
           AND round_id IN (SELECT id FROM rounds WHERE publication_id = $1))",
    )
    .bind(publication)
    .fetch_all(&mut **tx)
    .await?;
    let commented_texts: HashMap<i64, String> = sqlx::query_as::<_, (i64, String)>(
        "SELECT id, body FROM statement_revisions WHERE id IN \
           (SELECT revision_id FROM comments WHERE round_id IN (SELECT id FROM rounds WHERE publication_id = $1))",
    )
    .bind(publication)
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .collect();
    let published: HashMap<i64, String> = sqlx::query_as::<_, (i64, String)>(
        "SELECT statement_id, body FROM publication_statements WHERE publication_id = $1",
    )
    .bind(publication)
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .collect();
    let report_url = state
        .config
        .absolute_url(&format!("/frameworks/{slug}/versions/{version}/report"));
    let contributions_url = state.config.absolute_url("/account/contributions");
    let batch = format!("publication:{publication}");
    // Each person's comments, found once rather than by a scan per person.
    let mut by_author: HashMap<i64, Vec<&store::comments::CommentRow>> = HashMap::new();
    for c in comments {
        by_author.entry(c.author_id).or_default().push(c);
    }
    for person in contributors {
        let items: Vec<publication_email::EmailItem> = by_author
            .get(&person.id)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|c| {
                let before = commented_texts
                    .get(&c.revision_id)
                    .cloned()
                    .unwrap_or_default();
                // A retired statement is not in the publication: say so rather than show nothing.
                let after = published.get(&c.statement_id).cloned().unwrap_or_else(|| {
                    "(This statement was retired and is no longer part of the standards.)"
                        .to_owned()
                });
                publication_email::EmailItem {
                    reference: c.reference.clone(),
                    quote: c.quote.clone(),
                    body: c.body.clone(),
                    outcome_label: c
                        .outcome
                        .as_deref()
                        .and_then(|o| Outcome::parse(o).ok())
                        .map_or("Answered", |o| o.label())
                        .to_owned(),
                    reason: c.reason.clone().unwrap_or_default(),
                    diff: diff::word_diff(&before, &after),
                    published_text: after,
                }
            })
            .collect();
        let rendered = publication_email::render(&publication_email::PublicationEmail {
            name: &person.display_name,
            framework_title: title,
            version,
            report_url: &report_url,
            contributions_url: &contributions_url,
            easy_read: person.easy_read != 0,
            items: &items,
        });
        let key = format!("publication:{publication}:user:{}", person.id);
        outbox::enqueue(
            tx,
            &outbox::NewEmail {
                dedupe_key: &key,
                recipient: &person.email,
                subject: &rendered.subject,
                text: &rendered.text,
                html: Some(&rendered.html),
                batch: Some(&batch),
            },
        )
        .await?;
    }
    Ok(())
}
