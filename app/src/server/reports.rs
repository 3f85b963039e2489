//! The "You said, we did" report for a publication, built in a fixed number of queries.
//! Each commenter's consent is respected: policy-team-only comments appear as counts.

use super::{request, store};
use crate::{
    api::{
        CommentLink, Count, Landing, PublicationHeader, ReportComment, ReportStatement, ReportStep,
        ReportView,
    },
    domain::{
        diff,
        drafting::{Knowledge, Visibility},
        format_date,
        report::{Draft, Period},
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
        "SELECT id, version, summary, published_at FROM publications WHERE framework_id = $1 AND version = $2",
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

#[derive(FromRow)]
struct HistoryRow {
    id: i64,
    statement_id: i64,
    body: String,
    note: String,
    created_at: i64,
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
    let header = header(&framework.slug, &framework.title, &publication);
    let statements = published_statements(pool, publication.id).await?;
    let mut conn = pool.acquire().await?;
    let rounds = store::rounds::for_publication(&mut conn, publication.id).await?;
    let comments = store::comments::for_publication(&mut conn, publication.id).await?;
    // Every draft of every published statement, in one query, oldest first.
    let history: Vec<HistoryRow> = sqlx::query_as(
        "SELECT id, statement_id, body, note, created_at FROM statement_revisions \
         WHERE statement_id IN (SELECT statement_id FROM publication_statements WHERE publication_id = $1) \
         ORDER BY statement_id, id",
    )
    .bind(publication.id)
    .fetch_all(&mut *conn)
    .await?;
    // Which drafts each comment's answer says it was acted on in, by comment, so a report
    // of thousands of comments never scans every link for every comment.
    let mut acted_in: HashMap<i64, Vec<i64>> = HashMap::new();
    let links: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT resp.comment_id, rr.revision_id FROM response_revisions rr \
         JOIN responses resp ON resp.id = rr.response_id \
         WHERE resp.comment_id IN (SELECT id FROM comments WHERE round_id IN \
           (SELECT id FROM rounds WHERE publication_id = $1))",
    )
    .bind(publication.id)
    .fetch_all(&mut *conn)
    .await?;
    for (comment, revision) in links {
        acted_in.entry(comment).or_default().push(revision);
    }
    let acted_in = |comment: i64| acted_in.get(&comment).map_or(&[][..], Vec::as_slice);
    let opened_at = rounds.first().map_or(0, |r| r.opens_at);

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
            let rows: Vec<&HistoryRow> = history
                .iter()
                .filter(|h| h.statement_id == s.statement_id)
                .collect();
            let drafts: Vec<Draft<'_>> = rows
                .iter()
                .map(|h| Draft {
                    revision_id: h.id,
                    created_at: h.created_at,
                    body: &h.body,
                })
                .collect();
            let period = Period::find(&drafts, opened_at, s.revision_id);
            let first = period
                .as_ref()
                .map_or(s.body.as_str(), |p| drafts[p.consulted].body)
                .to_owned();
            let draft_number = |revision: i64| {
                drafts
                    .iter()
                    .position(|d| d.revision_id == revision)
                    .map(|i| i + 1)
            };
            let trace_path = format!("{}/statements/{}/trace", header.path(), s.reference);
            let mine: Vec<_> = comments
                .iter()
                .filter(|c| c.statement_id == s.statement_id)
                .collect();
            let is_private = |c: &store::comments::CommentRow| {
                c.visibility == Visibility::PolicyTeamOnly.as_str()
            };
            let steps = period
                .map(|p| p.steps(&drafts))
                .unwrap_or_default()
                .into_iter()
                .map(|step| {
                    let behind: Vec<_> = mine
                        .iter()
                        .filter(|c| acted_in(c.id).contains(&step.revision_id))
                        .collect();
                    let row = rows[step.number - 1];
                    ReportStep {
                        draft: step.number,
                        date: format_date(row.created_at),
                        note: row.note.clone(),
                        changes: step.changes,
                        because_of: behind
                            .iter()
                            .filter(|c| !is_private(c))
                            .map(|c| CommentLink {
                                anchor: comment_anchor(c.id),
                                author: public_author(c),
                            })
                            .collect(),
                        private_because_of: behind.iter().filter(|c| is_private(c)).count(),
                    }
                })
                .collect();
            let word_diff = diff::word_diff(&first, &s.body);
            ReportStatement {
                reference: s.reference.clone(),
                theme_title: s.theme_title.clone(),
                statement_path: format!("/frameworks/{slug}/statements/{}", s.reference),
                changes: diff::list_changes(&word_diff)
                    .iter()
                    .map(|c| c.describe())
                    .collect(),
                diff: word_diff,
                steps,
                first_text: first,
                published_text: s.body.clone(),
                private_comments: mine.iter().filter(|c| is_private(c)).count(),
                comments: mine
                    .iter()
                    .filter(|c| !is_private(c))
                    .map(|c| {
                        let mut landed: Vec<Landing> = acted_in(c.id)
                            .iter()
                            .filter_map(|revision| draft_number(*revision))
                            .map(|draft| Landing {
                                draft,
                                href: format!("{trace_path}#draft-{draft}"),
                            })
                            .collect();
                        landed.sort_by_key(|l| l.draft);
                        public_comment(c, landed)
                    })
                    .collect(),
                trace_path,
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
        header,
        rounds: rounds.into_iter().map(|r| r.title).collect(),
        total_comments: comments.len(),
        by_outcome: count(&by_outcome, &Outcome::ALL.map(|o| o.label())),
        changes_by_knowledge: count(&changes_by_knowledge, &Knowledge::ALL.map(|k| k.label())),
        statements: report_statements,
    })
}

/// The id a comment has on report and trace pages.
pub fn comment_anchor(id: i64) -> String {
    format!("comment-{id}")
}

/// A comment as the public may see it (the caller leaves out policy-team-only ones).
pub fn public_comment(c: &store::comments::CommentRow, landed: Vec<Landing>) -> ReportComment {
    ReportComment {
        anchor: comment_anchor(c.id),
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
        landed,
    }
}

/// How a comment's author may be named in public.
pub fn public_author(c: &store::comments::CommentRow) -> String {
    let named = c.visibility == Visibility::Named.as_str();
    match (named, c.organisation_name.as_deref()) {
        (true, Some(org)) => format!("{}, for {org}", c.author_label()),
        (true, None) => c.author_label().to_owned(),
        (false, Some(org)) => format!("Someone from {org}"),
        (false, None) => "Anonymous participant".to_owned(),
    }
}

/// The report as CSV: one row per public comment, plus a row per policy-team-only count.
pub fn to_csv(report: &ReportView) -> Result<String, AppError> {
    // Spreadsheets run a cell that starts with one of these as a formula.
    fn cell(value: &str) -> String {
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{value}")
        } else {
            value.to_owned()
        }
    }
    let mut out = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let failed = |e: csv::Error| AppError::internal("writing the report as CSV", e);
    out.write_record([
        "statement",
        "published_text",
        "commenter",
        "based_on",
        "about_the_words",
        "comment",
        "outcome",
        "reason",
        "landed_in_drafts",
    ])
    .map_err(failed)?;
    for s in &report.statements {
        for c in &s.comments {
            let landed = c
                .landed
                .iter()
                .map(|l| l.draft.to_string())
                .collect::<Vec<_>>()
                .join(" ");
            out.write_record(
                [
                    s.reference.as_str(),
                    &s.published_text,
                    &c.author,
                    &c.knowledge,
                    c.quote.as_deref().unwrap_or(""),
                    &c.body,
                    &c.outcome,
                    &c.reason,
                    &landed,
                ]
                .map(cell),
            )
            .map_err(failed)?;
        }
        if s.private_comments > 0 {
            let note = format!(
                "{} comment(s) shared only with the policy team",
                s.private_comments
            );
            out.write_record(
                [
                    s.reference.as_str(),
                    &s.published_text,
                    "",
                    "",
                    "",
                    &note,
                    "",
                    "",
                    "",
                ]
                .map(cell),
            )
            .map_err(failed)?;
        }
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::internal("writing the report as CSV", e))?;
    String::from_utf8(bytes).map_err(|e| AppError::internal("writing the report as CSV", e))
}
