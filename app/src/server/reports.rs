//! Published versions as people read them: the version itself, its "You said, we did"
//! report (HTML, CSV, JSON) and the trace of each statement, each built in a fixed number
//! of queries. Each commenter's consent is respected: policy-team-only comments appear
//! as counts.

use super::{Context, lookups::publication, store, values};
use crate::{
    domain::{
        diff,
        drafting::Knowledge,
        drafting::Visibility,
        format_date,
        report::{Draft, Period},
        response::Outcome,
        trace,
    },
    error::AppError,
    model::{
        CommentLink, Count, Landing, PublicationHeader, PublicationView, PublishedTheme,
        ReportComment, ReportStatement, ReportStep, ReportView, TraceSpan, TraceStep, TraceView,
    },
};
use std::collections::HashMap;

pub fn header(
    slug: &str,
    title: &str,
    p: &store::publications::PublicationRow,
) -> PublicationHeader {
    PublicationHeader {
        framework_slug: slug.to_owned(),
        framework_title: title.to_owned(),
        version: p.version,
        summary: p.summary.clone(),
        published_label: format_date(p.published_at),
    }
}

/// A version's statements by theme.
pub async fn publication_page(
    cx: &Context,
    slug: &str,
    version: i64,
) -> Result<PublicationView, AppError> {
    let mut conn = cx.read().await?;
    let (framework, publication) = publication(&mut conn, slug, version).await?;
    let mut themes: Vec<PublishedTheme> = Vec::new();
    for s in store::publications::statements(&mut conn, publication.id).await? {
        match themes.last_mut() {
            Some(theme) if theme.title == s.theme_title => {
                theme.statements.push((s.reference, s.body))
            }
            _ => themes.push(PublishedTheme {
                title: s.theme_title,
                statements: vec![(s.reference, s.body)],
            }),
        }
    }
    Ok(PublicationView {
        header: header(&framework.slug, &framework.title, &publication),
        themes,
        can_edit: cx.is_editor_or_admin(),
    })
}

/// The "You said, we did" report of a version, in a fixed number of queries.
pub async fn report(cx: &Context, slug: &str, version: i64) -> Result<ReportView, AppError> {
    let mut conn = cx.read().await?;
    let (framework, publication) = publication(&mut conn, slug, version).await?;
    let header = header(&framework.slug, &framework.title, &publication);
    let statements = store::publications::statements(&mut conn, publication.id).await?;
    let rounds = store::rounds::for_publication(&mut conn, publication.id).await?;
    let comments = store::comments::for_publication(&mut conn, publication.id).await?;
    // Every draft of every published statement, in one query, oldest first.
    let history = store::statements::history_of_publication(&mut conn, publication.id).await?;
    // Which drafts each comment's answer says it was acted on in, by comment, so a report
    // of thousands of comments never scans every link for every comment.
    let mut acted_in: HashMap<i64, Vec<i64>> = HashMap::new();
    let links = store::comments::acted_in_for_publication(&mut conn, publication.id).await?;
    let published_values = store::values::for_publication(&mut conn, publication.id).await?;
    let previous = values::previous_version_texts(&mut conn, framework.id, version).await?;
    drop(conn);
    for (comment, revision) in links {
        acted_in.entry(comment).or_default().push(revision);
    }
    let acted_in = |comment: i64| acted_in.get(&comment).map_or(&[][..], Vec::as_slice);
    let opened_at = rounds.first().map_or(0, |r| r.opens_at);

    let mut by_outcome: HashMap<&'static str, i64> = HashMap::new();
    let mut changes_by_knowledge: HashMap<&'static str, i64> = HashMap::new();
    for c in &comments {
        let outcome = c.outcome;
        *by_outcome
            .entry(outcome.map_or("Not answered", |o| o.label()))
            .or_default() += 1;
        if outcome.is_some_and(|o| o.changed_the_text()) {
            *changes_by_knowledge.entry(c.knowledge.label()).or_default() += 1;
        }
    }
    let report_statements = statements
        .iter()
        .map(|s| {
            let rows: Vec<&store::statements::HistoryRow> = history
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
            let is_private =
                |c: &store::comments::CommentRow| c.visibility == Visibility::PolicyTeamOnly;
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
                values: published_values
                    .iter()
                    .filter(|v| v.statement_id == s.statement_id)
                    .map(|v| v.value_title.clone())
                    .collect(),
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
        .collect::<Vec<ReportStatement>>();
    let by_value = values::totals(
        &published_values,
        &statements,
        &report_statements,
        previous.as_ref(),
        &comments,
    );
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
        by_value,
        statements: report_statements,
    })
}

/// "Why does it say this?": each part of a published statement traced to the draft that
/// introduced it, and the comments acted on in that draft.
pub async fn trace(
    cx: &Context,
    slug: &str,
    version: i64,
    reference: &str,
) -> Result<TraceView, AppError> {
    let mut conn = cx.read().await?;
    let (framework, publication) = publication(&mut conn, slug, version).await?;
    let published = store::publications::statements(&mut conn, publication.id)
        .await?
        .into_iter()
        .find(|s| s.reference == reference.to_uppercase())
        .ok_or(AppError::NotFound)?;
    let revisions: Vec<_> = store::statements::revisions(&mut conn, published.statement_id)
        .await?
        .into_iter()
        .filter(|r| r.id <= published.revision_id)
        .collect();
    let comments = store::comments::for_statement(&mut conn, published.statement_id).await?;
    // Every draft each answer names, not only the newest: a comment acted on twice shows
    // under both drafts.
    let acted_on =
        store::comments::acted_in_for_statement(&mut conn, published.statement_id).await?;
    drop(conn);
    let draft_of = |id: i64| revisions.iter().position(|r| r.id == id).map(|i| i + 1);
    let pairs: Vec<(i64, &str)> = revisions.iter().map(|r| (r.id, r.body.as_str())).collect();
    let first = revisions.first().map(|r| r.id);
    let spans = trace::trace_words(&pairs)
        .into_iter()
        .map(|s| TraceSpan {
            draft: (Some(s.revision_id) != first)
                .then(|| draft_of(s.revision_id))
                .flatten(),
            text: s.text,
        })
        .collect();
    let introduced = trace::introduced_by(&pairs);
    let steps = revisions
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, r)| TraceStep {
            draft: i + 1,
            author: if r.author_name.is_empty() {
                "The policy team".to_owned()
            } else {
                r.author_name.clone()
            },
            date: format_date(r.created_at),
            note: r.note.clone(),
            introduced: introduced
                .iter()
                .find(|(id, _)| *id == r.id)
                .map(|(_, pieces)| pieces.clone())
                .unwrap_or_default(),
            comments: comments
                .iter()
                .filter(|c| {
                    acted_on.contains(&(c.id, r.id)) && c.visibility != Visibility::PolicyTeamOnly
                })
                .map(|c| public_comment(c, Vec::new()))
                .collect(),
        })
        .collect();
    Ok(TraceView {
        header: header(&framework.slug, &framework.title, &publication),
        reference: published.reference,
        text: published.body,
        spans,
        steps,
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
        knowledge: c.knowledge.label().to_owned(),
        quote: c.quote.clone(),
        body: c.body.clone(),
        outcome: c.outcome.map_or("Not answered", |o| o.label()).to_owned(),
        reason: c.reason.clone().unwrap_or_default(),
        landed,
    }
}

/// How a comment's author may be named in public.
pub fn public_author(c: &store::comments::CommentRow) -> String {
    let named = c.visibility == Visibility::Named;
    match (named, c.organisation_name.as_deref()) {
        (true, Some(org)) => format!("{}, for {org}", c.author_label()),
        (true, None) => c.author_label().to_owned(),
        (false, Some(org)) => format!("Someone from {org}"),
        (false, None) => "Anonymous participant".to_owned(),
    }
}

/// The report as CSV: one row per public comment, plus a row per policy-team-only count,
/// each with the values its statement carried in the version.
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
        "values",
    ])
    .map_err(failed)?;
    for s in &report.statements {
        let values = s.values.join("; ");
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
                    &values,
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
                    &values,
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

/// The report's totals by value as CSV: one row per value, then the whole version.
/// `None` when the version's statements carry no values.
pub fn by_value_csv(report: &ReportView) -> Result<Option<String>, AppError> {
    let Some(totals) = &report.by_value else {
        return Ok(None);
    };
    let failed = |e: csv::Error| AppError::internal("writing the report by value as CSV", e);
    let mut out = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let changed = format!("changed_since {}", totals.changed_since);
    out.write_record([
        "value_code",
        "value",
        "statements",
        changed.as_str(),
        "comments",
        "incorporated",
        "partly_incorporated",
    ])
    .map_err(failed)?;
    for line in totals.values.iter().chain([&totals.all]) {
        out.write_record([
            line.code.clone(),
            line.title.clone(),
            line.statements.to_string(),
            line.changed.to_string(),
            line.comments.to_string(),
            line.incorporated.to_string(),
            line.partly.to_string(),
        ])
        .map_err(failed)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::internal("writing the report by value as CSV", e))?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| AppError::internal("writing the report by value as CSV", e))
}
