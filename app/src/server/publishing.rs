//! Publishing a version: refused while any comment of the round is unanswered; copies
//! every statement's text; and, in the same transaction, queues one personal email per
//! contributor. Publishing the same round again changes nothing and sends nothing.

use super::{AppState, clock::now, drafting::require_editor, outbox, publication_email, store};
use crate::{
    api::Viewer,
    domain::{diff, drafting, response::Outcome},
    error::AppError,
};
use std::collections::HashMap;

/// The round a new version would publish: the most recent one that has started.
pub async fn round_to_publish(
    pool: &sqlx::AnyPool,
    framework_id: i64,
) -> Result<Option<store::rounds::RoundRow>, sqlx::Error> {
    let at = now();
    Ok(store::rounds::for_framework(pool, framework_id)
        .await?
        .into_iter()
        .rev()
        .find(|r| r.opens_at <= at))
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
    let pool = &state.db.pool;
    let framework = store::frameworks::find_by_slug(pool, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let round = round_to_publish(pool, framework.id).await?.ok_or_else(|| {
        AppError::Invalid("There has been no consultation round to publish yet.".into())
    })?;
    if round.closes_at > now() {
        return Err(AppError::Invalid("The round is still open. Close it before publishing, so everyone's comments can be answered.".into()));
    }

    let mut tx = state.db.begin_write().await?;
    let existing: Option<i64> =
        sqlx::query_scalar("SELECT version FROM publications WHERE round_id = $1")
            .bind(round.id)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some(version) = existing {
        return Ok(version); // Published already: no second version, no second set of emails.
    }
    let comments = store::comments::for_round(pool, round.id).await?;
    let unanswered = comments.iter().filter(|c| c.outcome.is_none()).count();
    if unanswered > 0 {
        return Err(AppError::Invalid(format!(
            "{unanswered} comment{} still need{} an answer. Everyone who commented is owed one before publishing.",
            if unanswered == 1 { "" } else { "s" },
            if unanswered == 1 { "s" } else { "" }
        )));
    }
    let version: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM publications WHERE framework_id = $1",
    )
    .bind(framework.id)
    .fetch_one(&mut *tx)
    .await?;
    let at = now();
    let publication: i64 = sqlx::query_scalar(
        "INSERT INTO publications (framework_id, version, summary, round_id, published_by, published_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(framework.id)
    .bind(version)
    .bind(&summary)
    .bind(round.id)
    .bind(viewer.id)
    .bind(at)
    .fetch_one(&mut *tx)
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
        &comments,
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
    let round_id = match comments.first() {
        Some(c) => c.round_id,
        None => return Ok(()),
    };
    let contributors: Vec<Contributor> = sqlx::query_as(
        "SELECT id, email, display_name, easy_read FROM users \
         WHERE email_opt_out = 0 AND id IN (SELECT author_id FROM comments WHERE round_id = $1 AND withdrawn_at IS NULL)",
    )
    .bind(round_id)
    .fetch_all(&mut **tx)
    .await?;
    let commented_texts: HashMap<i64, String> = sqlx::query_as::<_, (i64, String)>(
        "SELECT id, body FROM statement_revisions WHERE id IN (SELECT revision_id FROM comments WHERE round_id = $1)",
    )
    .bind(round_id)
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
    for person in contributors {
        let items: Vec<publication_email::EmailItem> = comments
            .iter()
            .filter(|c| c.author_id == person.id)
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
