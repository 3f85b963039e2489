//! Published versions as people read them: the version itself, its "You said, we did"
//! report (HTML, CSV, JSON) and the trace of each statement, each built in a fixed number
//! of queries. Each commenter's consent is respected: policy-team-only comments appear
//! as counts.

use super::{Context, credit, lookups::publication, store, values};
use crate::{
    domain::{
        diff,
        drafting::Knowledge,
        drafting::Visibility,
        easy_read::TextKind,
        format_date,
        proposals::{self, Status as ProposalStatus},
        report::{Draft, Period},
        response::Outcome,
        trace,
    },
    error::AppError,
    model::{
        CommentLink, Count, Landing, NO_EASY_READ_YET, PictureView, ProposalOrigin,
        PublicationHeader, PublicationView, PublishedEasyRead, PublishedTheme, ReportComment,
        ReportStatement, ReportStep, ReportView, TraceSpan, TraceStep, TraceView, text_query,
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

/// A version's statements by theme, in the reader's choice of text where the version
/// has it.
pub async fn publication_page(
    cx: &Context,
    slug: &str,
    version: i64,
) -> Result<PublicationView, AppError> {
    let mut conn = cx.read().await?;
    let (framework, publication) = publication(&mut conn, slug, version).await?;
    let mut themes: Vec<PublishedTheme> = Vec::new();
    let mut easy_read = Vec::new();
    let mut lines = credit::lines_for_publication(&mut conn, publication.id).await?;
    let mut credits = Vec::new();
    for s in store::publications::statements(&mut conn, publication.id).await? {
        if let Some(line) = lines.remove(&s.statement_id) {
            credits.push((s.reference.clone(), line));
        }
        let shown = shown_published(cx.reading, &s);
        let text = shown.text.to_owned();
        if cx.reading == TextKind::EasyRead {
            easy_read.push(PublishedEasyRead {
                reference: s.reference.clone(),
                picture: shown.picture.clone(),
                note: shown.note.clone(),
            });
        }
        match themes.last_mut() {
            Some(theme) if theme.title == s.theme_title => {
                theme.statements.push((s.reference, text))
            }
            _ => themes.push(PublishedTheme {
                title: s.theme_title,
                statements: vec![(s.reference, text)],
            }),
        }
    }
    Ok(PublicationView {
        header: header(&framework.slug, &framework.title, &publication),
        themes,
        can_edit: cx.is_editor_or_admin(),
        reading: cx.reading,
        easy_read,
        credits,
    })
}

/// Which of a published statement's texts a reader sees, and what they are told.
pub struct ShownPublished<'a> {
    pub kind: TextKind,
    pub revision_id: i64,
    pub text: &'a str,
    pub picture: Option<PictureView>,
    pub note: Option<String>,
}

/// The version's easy read text for a reader who chose it, where the version has one;
/// otherwise its standard text (with a note for an easy read reader).
pub fn shown_published(
    reading: TextKind,
    s: &store::publications::PublishedStatement,
) -> ShownPublished<'_> {
    match (
        reading,
        s.easy_read_revision_id,
        s.easy_read_body.as_deref(),
    ) {
        (TextKind::EasyRead, Some(revision_id), Some(body)) => ShownPublished {
            kind: TextKind::EasyRead,
            revision_id,
            text: body,
            picture: PictureView::of(s.easy_read_picture_id, &s.easy_read_picture_alt),
            note: None,
        },
        (reading, _, _) => ShownPublished {
            kind: TextKind::Standard,
            revision_id: s.revision_id,
            text: &s.body,
            picture: None,
            note: (reading == TextKind::EasyRead).then(|| NO_EASY_READ_YET.to_owned()),
        },
    }
}

/// The "You said, we did" report of a version, in the reader's choice of text.
pub async fn report(cx: &Context, slug: &str, version: i64) -> Result<ReportView, AppError> {
    report_in(cx, slug, version, cx.reading).await
}

/// The "You said, we did" report of a version, in a fixed number of queries: each
/// statement's story told in `reading` (its easy read drafts, where the version has an
/// easy read text) or else in its main text. Either way every statement carries its
/// published easy read text for the exports.
pub async fn report_in(
    cx: &Context,
    slug: &str,
    version: i64,
    reading: TextKind,
) -> Result<ReportView, AppError> {
    let mut conn = cx.read().await?;
    let (framework, publication) = publication(&mut conn, slug, version).await?;
    let header = header(&framework.slug, &framework.title, &publication);
    let statements = store::publications::statements(&mut conn, publication.id).await?;
    let rounds = store::rounds::for_publication(&mut conn, publication.id).await?;
    let comments = store::comments::for_publication(&mut conn, publication.id).await?;
    // Every draft of every published statement, in one query, oldest first.
    let history = store::statements::history_of_publication(&mut conn, publication.id).await?;
    let easy_read_history =
        store::easy_read::history_of_publication(&mut conn, publication.id).await?;
    // Which drafts each comment's answer says it was acted on in, by comment, so a report
    // of thousands of comments never scans every link for every comment.
    let mut acted_in: HashMap<i64, Vec<i64>> = HashMap::new();
    let links = store::comments::acted_in_for_publication(&mut conn, publication.id).await?;
    let published_values = store::values::for_publication(&mut conn, publication.id).await?;
    let previous = values::previous_version_texts(&mut conn, framework.id, version).await?;
    let proposals = super::proposing::for_report(&mut conn, publication.id).await?;
    let mut credit_lines = credit::lines_for_publication(&mut conn, publication.id).await?;
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
            let shown = shown_published(reading, s);
            let rows_of = |kind: TextKind| -> Vec<&store::statements::HistoryRow> {
                match kind {
                    TextKind::Standard => &history,
                    TextKind::EasyRead => &easy_read_history,
                }
                .iter()
                .filter(|h| h.statement_id == s.statement_id)
                .collect()
            };
            let easy_read_rows = rows_of(TextKind::EasyRead);
            let rows = rows_of(shown.kind);
            let drafts: Vec<Draft<'_>> = rows
                .iter()
                .map(|h| Draft {
                    revision_id: h.id,
                    created_at: h.created_at,
                    body: &h.body,
                })
                .collect();
            let period = Period::find(&drafts, opened_at, shown.revision_id);
            let first = period
                .as_ref()
                .map_or(shown.text, |p| drafts[p.consulted].body)
                .to_owned();
            // A comment lands in drafts of the text it was made on, numbered as that
            // text's trace numbers them.
            let draft_number = |revision: i64| {
                if let Some(i) = easy_read_rows.iter().position(|d| d.id == revision) {
                    return Some((TextKind::EasyRead, i + 1));
                }
                history
                    .iter()
                    .filter(|h| h.statement_id == s.statement_id)
                    .position(|d| d.id == revision)
                    .map(|i| (TextKind::Standard, i + 1))
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
            let word_diff = diff::word_diff(&first, shown.text);
            ReportStatement {
                shown: shown.kind,
                reading_note: shown.note.clone(),
                picture: shown.picture.clone(),
                published_easy_read_text: s.easy_read_body.clone(),
                standard_text: s.body.clone(),
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
                published_text: shown.text.to_owned(),
                private_comments: mine.iter().filter(|c| is_private(c)).count(),
                values: published_values
                    .iter()
                    .filter(|v| v.statement_id == s.statement_id)
                    .map(|v| v.value_title.clone())
                    .collect(),
                credit: credit_lines.remove(&s.statement_id),
                comments: collapsed(
                    mine.iter()
                        .filter(|c| !is_private(c))
                        .map(|c| {
                            let mut landed: Vec<Landing> = acted_in(c.id)
                                .iter()
                                .filter_map(|revision| draft_number(*revision))
                                .map(|(kind, draft)| Landing {
                                    draft,
                                    href: format!("{trace_path}{}#draft-{draft}", text_query(kind)),
                                })
                                .collect();
                            landed.sort_by_key(|l| l.draft);
                            public_comment(c, landed)
                        })
                        .collect::<Vec<_>>(),
                ),
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
        reading,
        header,
        rounds: rounds.into_iter().map(|r| r.title).collect(),
        total_comments: comments.len(),
        by_outcome: count(&by_outcome, &Outcome::ALL.map(|o| o.label())),
        changes_by_knowledge: count(&changes_by_knowledge, &Knowledge::ALL.map(|k| k.label())),
        by_value,
        statements: report_statements,
        proposals,
    })
}

/// "Why does it say this?": each part of a published statement traced to the draft that
/// introduced it, and the comments acted on in that draft.
///
/// `text` (`?text=easy-read`) traces the easy read text; without it, the reader's choice.
/// Comments made on the easy read text are traced to the easy read drafts they changed.
pub async fn trace(
    cx: &Context,
    slug: &str,
    version: i64,
    reference: &str,
    text: Option<TextKind>,
) -> Result<TraceView, AppError> {
    let mut conn = cx.read().await?;
    let (framework, publication) = publication(&mut conn, slug, version).await?;
    let published = store::publications::statements(&mut conn, publication.id)
        .await?
        .into_iter()
        .find(|s| s.reference == reference.to_uppercase())
        .ok_or(AppError::NotFound)?;
    let shown = shown_published(text.unwrap_or(cx.reading), &published);
    let (kind, up_to, picture, reading_note) = (
        shown.kind,
        shown.revision_id,
        shown.picture.clone(),
        shown.note.clone(),
    );
    let revisions: Vec<_> = match kind {
        TextKind::Standard => store::statements::revisions(&mut conn, published.statement_id)
            .await?
            .into_iter()
            .map(|r| (r.id, r.body, r.author_name, r.note, r.created_at))
            .collect::<Vec<_>>(),
        TextKind::EasyRead => store::easy_read::revisions(&mut conn, published.statement_id)
            .await?
            .into_iter()
            .map(|r| (r.id, r.body, r.author_name, r.note, r.created_at))
            .collect(),
    }
    .into_iter()
    .filter(|r| r.0 <= up_to)
    .map(
        |(id, body, author_name, note, created_at)| store::statements::RevisionRow {
            id,
            body,
            author_name,
            note,
            created_at,
        },
    )
    .collect();
    let comments = store::comments::for_statement(&mut conn, published.statement_id).await?;
    // Every draft each answer names, not only the newest: a comment acted on twice shows
    // under both drafts.
    let acted_on =
        store::comments::acted_in_for_statement(&mut conn, published.statement_id).await?;
    let credit =
        credit::line_for_statement(&mut conn, publication.id, published.statement_id).await?;
    let sources = store::proposals::sources_of_statement(&mut conn, published.statement_id).await?;
    drop(conn);
    let origin = |p: &store::proposals::SourceRow| {
        let who = proposals::proposer_in_sentence(
            p.visibility,
            p.knowledge,
            &p.author_name,
            p.organisation_name.as_deref(),
        );
        let href = (p.visibility != Visibility::PolicyTeamOnly)
            .then(|| super::proposing::proposal_path(&framework.slug, p.id));
        (who, href)
    };
    let began_as = sources
        .iter()
        .find(|p| p.status == ProposalStatus::Adopted)
        .map(|p| {
            let (who, href) = origin(p);
            ProposalOrigin {
                text: proposals::began_as(&who, p.version),
                href,
            }
        });
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
            from_proposals: sources
                .iter()
                .filter(|p| p.status == ProposalStatus::Merged && p.revision_id == Some(r.id))
                .map(|p| {
                    let (who, href) = origin(p);
                    ProposalOrigin {
                        text: proposals::from_a_proposal(&who),
                        href,
                    }
                })
                .collect(),
        })
        .collect();
    let text = match kind {
        TextKind::EasyRead => published.easy_read_body.clone().unwrap_or_default(),
        TextKind::Standard => published.body.clone(),
    };
    Ok(TraceView {
        header: header(&framework.slug, &framework.title, &publication),
        reference: published.reference,
        text,
        shown: kind,
        reading: cx.reading,
        picture,
        reading_note,
        has_easy_read: published.easy_read_revision_id.is_some(),
        spans,
        steps,
        credit,
        began_as,
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
        text_kind: c.text_kind,
        alike_group: c.alike_group_id,
        others_said_the_same: 0,
        said_the_same_as_above: false,
    }
}

fn collapsed(mut comments: Vec<ReportComment>) -> Vec<ReportComment> {
    collapse_alike(&mut comments);
    comments
}

/// A campaign shown once: within one statement's public comments, the members of a
/// group of alike comments that got the same answer as the group's first are marked as
/// saying the same as it, and the first counts them. Members with an answer of their
/// own stay shown on their own. Every comment stays in the list (the exports keep one
/// line per comment).
pub fn collapse_alike(comments: &mut [ReportComment]) {
    let mut first_of: HashMap<i64, usize> = HashMap::new();
    for i in 0..comments.len() {
        let Some(group) = comments[i].alike_group else {
            continue;
        };
        match first_of.get(&group) {
            None => {
                first_of.insert(group, i);
            }
            Some(&first) => {
                let same = comments[first].outcome == comments[i].outcome
                    && comments[first].reason == comments[i].reason;
                if same {
                    comments[i].said_the_same_as_above = true;
                    comments[first].others_said_the_same += 1;
                }
            }
        }
    }
}

/// How a comment's author may be named in public.
pub fn public_author(c: &store::comments::CommentRow) -> String {
    let named = c.visibility == Visibility::Named;
    match (named, c.organisation_name.as_deref()) {
        (true, Some(org)) => format!("{}, for {org}", c.author_label()),
        (true, None) => c.author_label(),
        (false, Some(org)) => format!("Someone from {org}"),
        // Someone recorded at an event stays unnamed but keeps the event it was said at.
        (false, None) if c.event_id.is_some() => format!("Someone at {}", c.event_label()),
        (false, None) => "Anonymous participant".to_owned(),
    }
}

/// The report as CSV: one row per public comment, plus a row per policy-team-only count,
/// each with the values its statement carried in the version; then one row per proposal
/// the version's rounds decided, stacked under the comments with the same columns (the
/// proposer in `commenter`, its words in `comment`, the decision in `outcome`, the
/// statement it became or was merged into in `statement`), and a row counting the
/// policy-team-only proposals. `kind` says which rows are which; the columns added
/// last are added at the end, so files from earlier versions still line up.
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
        "made_on_text",
        "published_easy_read_text",
        "credit",
        "kind",
        "proposed_under_theme",
        "alike_group",
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
                    c.text_kind.as_str(),
                    s.published_easy_read_text.as_deref().unwrap_or(""),
                    s.credit.as_deref().unwrap_or(""),
                    COMMENT_ROW,
                    "",
                    &c.alike_group.map(|g| g.to_string()).unwrap_or_default(),
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
                    "",
                    s.published_easy_read_text.as_deref().unwrap_or(""),
                    s.credit.as_deref().unwrap_or(""),
                    COMMENT_ROW,
                    "",
                    "",
                ]
                .map(cell),
            )
            .map_err(failed)?;
        }
    }
    for p in &report.proposals.shown {
        let reference = p.statement.as_ref().map(|l| l.reference.as_str());
        // The statement it is in, as the version has it (a statement retired since the
        // decision is not in the version, and then only its reference is given).
        let statement = reference.and_then(|r| report.statements.iter().find(|s| s.reference == r));
        let values = statement.map(|s| s.values.join("; ")).unwrap_or_default();
        out.write_record(
            [
                reference.unwrap_or(""),
                statement.map_or("", |s| s.published_text.as_str()),
                p.proposer.as_deref().unwrap_or(""),
                p.knowledge.label(),
                "",
                &p.body,
                p.status.label(),
                p.reason.as_deref().unwrap_or(""),
                "",
                &values,
                "",
                statement
                    .and_then(|s| s.published_easy_read_text.as_deref())
                    .unwrap_or(""),
                statement.and_then(|s| s.credit.as_deref()).unwrap_or(""),
                PROPOSAL_ROW,
                &p.theme.code,
                "",
            ]
            .map(cell),
        )
        .map_err(failed)?;
    }
    if report.proposals.policy_team_only > 0 {
        let note = format!(
            "{} proposal(s) shared only with the policy team",
            report.proposals.policy_team_only
        );
        out.write_record(
            [
                "",
                "",
                "",
                "",
                "",
                &note,
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                PROPOSAL_ROW,
                "",
                "",
            ]
            .map(cell),
        )
        .map_err(failed)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::internal("writing the report as CSV", e))?;
    String::from_utf8(bytes).map_err(|e| AppError::internal("writing the report as CSV", e))
}

/// The `kind` of a row of `report.csv`.
const COMMENT_ROW: &str = "comment";
const PROPOSAL_ROW: &str = "proposal";

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
    // The header is the same for every version, so files can be stacked; what "changed"
    // is measured against is its own column.
    out.write_record([
        "value_code",
        "value",
        "statements",
        "changed",
        "comments",
        "incorporated",
        "partly_incorporated",
        "changed_since",
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
            totals.changed_since.clone(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn said(id: i64, group: Option<i64>, reason: &str) -> ReportComment {
        ReportComment {
            anchor: comment_anchor(id),
            author: format!("Person {id}"),
            knowledge: "Practice knowledge".into(),
            quote: None,
            body: format!("Words {id}"),
            outcome: "Noted".into(),
            reason: reason.into(),
            landed: Vec::new(),
            text_kind: TextKind::Standard,
            alike_group: group,
            others_said_the_same: 0,
            said_the_same_as_above: false,
        }
    }

    #[test]
    fn a_campaign_is_shown_once_with_how_many_others_said_the_same() {
        let mut comments = vec![
            said(1, Some(7), "Thanks."),
            said(2, None, "Thanks."),
            said(3, Some(7), "Thanks."),
            said(4, Some(7), "Thanks."),
            said(5, Some(8), "Other."),
        ];
        collapse_alike(&mut comments);
        let shown: Vec<_> = comments
            .iter()
            .filter(|c| !c.said_the_same_as_above)
            .map(|c| (c.anchor.as_str(), c.others_said_the_same))
            .collect();
        assert_eq!(
            shown,
            [("comment-1", 2), ("comment-2", 0), ("comment-5", 0)]
        );
        assert_eq!(comments.len(), 5, "every comment stays, for the exports");
    }

    #[test]
    fn a_member_with_an_answer_of_its_own_is_shown_on_its_own() {
        let mut comments = vec![
            said(1, Some(7), "Thanks."),
            said(2, Some(7), "A different reason for you."),
            said(3, Some(7), "Thanks."),
        ];
        collapse_alike(&mut comments);
        assert_eq!(comments[0].others_said_the_same, 1);
        assert!(!comments[1].said_the_same_as_above);
        assert!(comments[2].said_the_same_as_above);
    }
}
