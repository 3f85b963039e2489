//! The "You said, we did" report for a publication, built in a fixed number of queries.
//! Each commenter's consent is respected: policy-team-only comments appear as counts.

use super::{request, store};
use crate::{
    api::{Count, PublicationHeader, ReportComment, ReportStatement, ReportView},
    domain::{
        diff,
        drafting::{Knowledge, Visibility},
        format_date,
        response::Outcome,
    },
    error::AppError,
};
use sqlx::FromRow;
use std::collections::HashMap;

#[derive(FromRow)]
pub struct PublicationRow {
    pub id: i64,
    pub version: i64,
    pub summary: String,
    pub round_id: Option<i64>,
    pub published_at: i64,
}

#[derive(FromRow, Clone)]
pub struct PublishedStatement {
    pub statement_id: i64,
    pub theme_code: String,
    pub theme_title: String,
    pub reference: String,
    pub revision_id: i64,
    pub body: String,
}

pub async fn publication(
    pool: &sqlx::AnyPool,
    framework_id: i64,
    version: i64,
) -> Result<PublicationRow, AppError> {
    sqlx::query_as::<_, PublicationRow>(
        "SELECT id, version, summary, round_id, published_at FROM publications WHERE framework_id = $1 AND version = $2",
    )
    .bind(framework_id)
    .bind(version)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

pub async fn published_statements(
    pool: &sqlx::AnyPool,
    publication_id: i64,
) -> Result<Vec<PublishedStatement>, AppError> {
    Ok(sqlx::query_as::<_, PublishedStatement>(
        "SELECT statement_id, theme_code, theme_title, reference, revision_id, body FROM publication_statements \
         WHERE publication_id = $1 ORDER BY theme_position, position",
    )
    .bind(publication_id)
    .fetch_all(pool)
    .await?)
}

pub fn header(slug: &str, title: &str, p: &PublicationRow) -> PublicationHeader {
    PublicationHeader {
        framework_slug: slug.to_owned(),
        framework_title: title.to_owned(),
        version: p.version,
        summary: p.summary.clone(),
        published_label: format_date(p.published_at),
    }
}

pub async fn report(slug: &str, version: i64) -> Result<ReportView, AppError> {
    report_with_state(&request::app_state()?, slug, version).await
}

pub async fn report_with_state(
    state: &super::AppState,
    slug: &str,
    version: i64,
) -> Result<ReportView, AppError> {
    let pool = &state.db.pool;
    let framework = store::frameworks::find_by_slug(pool, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let publication = publication(pool, framework.id, version).await?;
    let statements = published_statements(pool, publication.id).await?;
    let comments = match publication.round_id {
        Some(round) => store::comments::for_round(pool, round).await?,
        None => Vec::new(),
    };
    let opens_at = match publication.round_id {
        Some(round) => {
            let mut conn = pool.acquire().await?;
            store::rounds::find(&mut conn, round)
                .await?
                .map(|r| r.opens_at)
                .unwrap_or_default()
        }
        None => 0,
    };
    // The text first consulted on: each statement's newest draft when the round opened.
    let consulted: HashMap<i64, String> = sqlx::query_as::<_, (i64, String)>(
        "SELECT r.statement_id, r.body FROM statement_revisions r \
         WHERE r.id = (SELECT MAX(m.id) FROM statement_revisions m WHERE m.statement_id = r.statement_id AND m.created_at <= $1) \
           AND r.statement_id IN (SELECT statement_id FROM publication_statements WHERE publication_id = $2)",
    )
    .bind(opens_at)
    .bind(publication.id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .collect();

    let mut by_outcome: HashMap<&'static str, i64> = HashMap::new();
    let mut changes_by_knowledge: HashMap<&'static str, i64> = HashMap::new();
    for c in &comments {
        let outcome = c.outcome.as_deref().and_then(|o| Outcome::parse(o).ok());
        *by_outcome
            .entry(outcome.map_or("Not answered", |o| o.label()))
            .or_default() += 1;
        if outcome.is_some_and(|o| o.changed_the_text()) {
            let knowledge = Knowledge::parse(&c.knowledge).map_or("Not said", |k| k.label());
            *changes_by_knowledge.entry(knowledge).or_default() += 1;
        }
    }
    let report_statements = statements
        .iter()
        .map(|s| {
            let first = consulted
                .get(&s.statement_id)
                .cloned()
                .unwrap_or_else(|| s.body.clone());
            let word_diff = diff::word_diff(&first, &s.body);
            let mine: Vec<_> = comments
                .iter()
                .filter(|c| c.statement_id == s.statement_id)
                .collect();
            let private = mine
                .iter()
                .filter(|c| c.visibility == Visibility::PolicyTeamOnly.as_str())
                .count();
            ReportStatement {
                reference: s.reference.clone(),
                theme_title: s.theme_title.clone(),
                statement_path: format!("/frameworks/{slug}/statements/{}", s.reference),
                changes: diff::list_changes(&word_diff)
                    .iter()
                    .map(|c| c.describe())
                    .collect(),
                diff: word_diff,
                first_text: first,
                published_text: s.body.clone(),
                private_comments: private,
                comments: mine
                    .iter()
                    .filter(|c| c.visibility != Visibility::PolicyTeamOnly.as_str())
                    .map(|c| public_comment(c))
                    .collect(),
            }
        })
        .collect();
    let count = |map: &HashMap<&'static str, i64>, labels: &[&'static str]| {
        labels
            .iter()
            .map(|l| Count {
                label: (*l).to_owned(),
                count: map.get(l).copied().unwrap_or(0),
            })
            .collect::<Vec<_>>()
    };
    Ok(ReportView {
        header: header(&framework.slug, &framework.title, &publication),
        total_comments: comments.len(),
        by_outcome: count(&by_outcome, &Outcome::ALL.map(|o| o.label())),
        changes_by_knowledge: count(&changes_by_knowledge, &Knowledge::ALL.map(|k| k.label())),
        statements: report_statements,
    })
}

/// A comment as the public may see it (the caller leaves out policy-team-only ones).
pub fn public_comment(c: &store::comments::CommentRow) -> ReportComment {
    ReportComment {
        author: public_author(c),
        knowledge: Knowledge::parse(&c.knowledge)
            .map_or("Not said", |k| k.label())
            .to_owned(),
        quote: c.quote.clone(),
        body: c.body.clone(),
        outcome: c
            .outcome
            .as_deref()
            .and_then(|o| Outcome::parse(o).ok())
            .map_or("Not answered", |o| o.label())
            .to_owned(),
        reason: c.reason.clone().unwrap_or_default(),
    }
}

/// How a comment's author may be named in public.
pub fn public_author(c: &store::comments::CommentRow) -> String {
    let named = c.visibility == Visibility::Named.as_str();
    match (named, c.organisation_name.as_deref()) {
        (true, Some(org)) => format!(
            "{}, for {org}",
            if c.author_name.is_empty() {
                "A participant"
            } else {
                &c.author_name
            }
        ),
        (true, None) if !c.author_name.is_empty() => c.author_name.clone(),
        (true, None) => "A participant".to_owned(),
        (false, Some(org)) => format!("Someone from {org}"),
        (false, None) => "Anonymous participant".to_owned(),
    }
}

/// The report as CSV: one row per public comment, plus a row per policy-team-only count.
pub fn to_csv(report: &ReportView) -> String {
    fn cell(value: &str) -> String {
        // Quote every cell, and neutralise leading formula characters for spreadsheets.
        let safe = if value.starts_with(['=', '+', '-', '@']) {
            format!("'{value}")
        } else {
            value.to_owned()
        };
        format!("\"{}\"", safe.replace('"', "\"\""))
    }
    let mut out = String::from(
        "statement,published_text,commenter,based_on,about_the_words,comment,outcome,reason\r\n",
    );
    for s in &report.statements {
        for c in &s.comments {
            let row = [
                &s.reference,
                &s.published_text,
                &c.author,
                &c.knowledge,
                c.quote.as_deref().unwrap_or(""),
                &c.body,
                &c.outcome,
                &c.reason,
            ];
            out.push_str(&row.iter().map(|v| cell(v)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
        if s.private_comments > 0 {
            let note = format!(
                "{} comment(s) shared only with the policy team",
                s.private_comments
            );
            let row = [
                s.reference.as_str(),
                s.published_text.as_str(),
                "",
                "",
                "",
                note.as_str(),
                "",
                "",
            ];
            out.push_str(&row.iter().map(|v| cell(v)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
    }
    out
}
