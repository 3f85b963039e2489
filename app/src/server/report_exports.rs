//! The report's downloads, `report.csv` and `report.json`, streamed: the summary (every
//! statement's story, the totals) is read first, so a missing version is refused before
//! any byte is sent; then the comments are read from the database as a stream and each
//! is written as it arrives. Memory stays flat however many comments a version has, and
//! the bytes are the same as writing the whole report at once.

use super::{
    Context,
    download::{self, Out, Stop, csv_record},
    reports::{ReportSummary, summary_in},
    store,
};
use crate::{
    domain::easy_read::TextKind,
    error::AppError,
    model::{ReportComment, ReportStatement, ReportView},
};
use futures::TryStreamExt;
use std::collections::HashMap;

pub use download::Chunks;

/// The downloads that list every comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

/// A version's report as `format`, told in every statement's standard text (whoever
/// downloads it) with the published easy read text beside it. Refuses (not found)
/// before the first byte; after that, the rows come from a stream of the database.
pub async fn export(
    cx: &Context,
    slug: &str,
    version: i64,
    format: ExportFormat,
) -> Result<Chunks, AppError> {
    let summary = summary_in(cx, slug, version, TextKind::Standard).await?;
    let conn = cx.read().await?;
    Ok(download::spawn(move |mut out| async move {
        let written = match format {
            ExportFormat::Csv => write(conn, &summary, &mut Csv, &mut out).await,
            ExportFormat::Json => match Json::new(&summary.view) {
                Ok(mut json) => write(conn, &summary, &mut json, &mut out).await,
                Err(error) => Err(Stop::Failed(error)),
            },
        };
        (out, written)
    }))
}

/// What a format writes as the report is walked: before the statements, on entering
/// and leaving each, for each of its public comments, and after them.
trait Format {
    fn start(&mut self) -> Result<String, AppError>;
    fn enter(&mut self, index: usize, s: &ReportStatement) -> Result<String, AppError>;
    fn comment(&mut self, s: &ReportStatement, c: &ReportComment) -> Result<String, AppError>;
    fn leave(&mut self, s: &ReportStatement) -> Result<String, AppError>;
    fn finish(&mut self, report: &ReportView) -> Result<String, AppError>;
}

/// Walk the version's statements in order, writing each one's public comments as they
/// come from the database (in the same order), in one streamed query.
async fn write(
    mut conn: sqlx::pool::PoolConnection<sqlx::Any>,
    summary: &ReportSummary,
    format: &mut impl Format,
    out: &mut Out,
) -> Result<(), Stop> {
    let statements = &summary.view.statements;
    let index: HashMap<i64, usize> = summary
        .statement_ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    out.push(&format.start()?).await?;
    // The statements entered so far.
    let mut entered = 0;
    let mut rows = store::reports::stream(&mut conn, summary.publication_id);
    while let Some(row) = rows.try_next().await? {
        let Some(&at) = index.get(&row.statement_id) else {
            continue;
        };
        if at + 1 < entered {
            return Err(Stop::Failed(AppError::internal(
                "streaming a report download",
                "comments came out of the report's order",
            )));
        }
        while entered <= at {
            if entered > 0 {
                out.push(&format.leave(&statements[entered - 1])?).await?;
            }
            out.push(&format.enter(entered, &statements[entered])?)
                .await?;
            entered += 1;
        }
        let s = &statements[at];
        out.push(&format.comment(s, &summary.comment(&row))?)
            .await?;
    }
    drop(rows);
    while entered < statements.len() {
        if entered > 0 {
            out.push(&format.leave(&statements[entered - 1])?).await?;
        }
        out.push(&format.enter(entered, &statements[entered])?)
            .await?;
        entered += 1;
    }
    if entered > 0 {
        out.push(&format.leave(&statements[entered - 1])?).await?;
    }
    out.push(&format.finish(&summary.view)?).await?;
    Ok(())
}

/// The report as CSV: one row per public comment, plus a row per policy-team-only count,
/// each with the values its statement carried in the version; then one row per proposal
/// the version's rounds decided, stacked under the comments with the same columns (the
/// proposer in `commenter`, its words in `comment`, the decision in `outcome`, the
/// statement it became or was merged into in `statement`), and a row counting the
/// policy-team-only proposals. `kind` says which rows are which; the columns added
/// last are added at the end, so files from earlier versions still line up.
struct Csv;

/// The `kind` of a row of `report.csv`.
const COMMENT_ROW: &str = "comment";
const PROPOSAL_ROW: &str = "proposal";

impl Format for Csv {
    fn start(&mut self) -> Result<String, AppError> {
        // The header is written as it always was: unquoted-looking names, quoted.
        csv_record([
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
            // Added last, so the columns before it keep their places: the group of alike
            // comments the comment was answered with (empty when none).
            "alike_group",
        ])
    }

    fn enter(&mut self, _: usize, _: &ReportStatement) -> Result<String, AppError> {
        Ok(String::new())
    }

    fn comment(&mut self, s: &ReportStatement, c: &ReportComment) -> Result<String, AppError> {
        let values = s.values.join("; ");
        let landed = c
            .landed
            .iter()
            .map(|l| l.draft.to_string())
            .collect::<Vec<_>>()
            .join(" ");
        csv_record([
            s.reference.as_str(),
            &s.published_text,
            &c.author.to_string(),
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
        ])
    }

    fn leave(&mut self, s: &ReportStatement) -> Result<String, AppError> {
        if s.private_comments == 0 {
            return Ok(String::new());
        }
        let note = format!(
            "{} comment(s) shared only with the policy team",
            s.private_comments
        );
        csv_record([
            s.reference.as_str(),
            &s.published_text,
            "",
            "",
            "",
            &note,
            "",
            "",
            "",
            &s.values.join("; "),
            "",
            s.published_easy_read_text.as_deref().unwrap_or(""),
            s.credit.as_deref().unwrap_or(""),
            COMMENT_ROW,
            "",
            "",
        ])
    }

    fn finish(&mut self, report: &ReportView) -> Result<String, AppError> {
        let mut text = String::new();
        for p in &report.proposals.shown {
            let reference = p.statement.as_ref().map(|l| l.reference.as_str());
            // The statement it is in, as the version has it (a statement retired since
            // the decision is not in the version, and then only its reference is given).
            let statement =
                reference.and_then(|r| report.statements.iter().find(|s| s.reference == r));
            let values = statement.map(|s| s.values.join("; ")).unwrap_or_default();
            text.push_str(&csv_record([
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
            ])?);
        }
        if report.proposals.policy_team_only > 0 {
            let note = format!(
                "{} proposal(s) shared only with the policy team",
                report.proposals.policy_team_only
            );
            text.push_str(&csv_record([
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
            ])?);
        }
        Ok(text)
    }
}

/// The report as JSON, exactly as `serde_json::to_string_pretty` writes the whole
/// [`ReportView`], written a comment at a time: the report without its statements and
/// each statement without its comments are written by serde_json and split where the
/// empty list stands, and each comment is written by serde_json in its place, indented
/// as it would be nested.
struct Json {
    /// The report before and after its `"statements": []`.
    around: (String, String),
    /// Whether the statement being written has had a comment yet.
    any_comment: bool,
    /// The statement being written, after its `"comments": []`.
    statement_tail: String,
}

/// Pretty JSON indents by two spaces a level: `text` moved `by` spaces to the right.
fn indented(text: &str, by: usize) -> String {
    text.replace('\n', &format!("\n{}", " ".repeat(by)))
}

fn json_failed(e: serde_json::Error) -> AppError {
    AppError::internal("writing the report as JSON", e)
}

/// `json` split around its top-level `"field": []`.
fn split_at_empty(json: &str, field: &str) -> Result<(String, String), AppError> {
    json.split_once(&format!("\n  \"{field}\": []"))
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .ok_or_else(|| {
            AppError::internal("writing the report as JSON", format!("no empty {field}"))
        })
}

impl Json {
    fn new(report: &ReportView) -> Result<Self, AppError> {
        let without = ReportView {
            statements: Vec::new(),
            ..report.clone()
        };
        let whole = serde_json::to_string_pretty(&without).map_err(json_failed)?;
        Ok(Self {
            around: split_at_empty(&whole, "statements")?,
            any_comment: false,
            statement_tail: String::new(),
        })
    }
}

impl Format for Json {
    fn start(&mut self) -> Result<String, AppError> {
        Ok(format!("{}\n  \"statements\": ", self.around.0))
    }

    fn enter(&mut self, index: usize, s: &ReportStatement) -> Result<String, AppError> {
        // A statement's comments are always written by the stream, never by serde.
        let json = serde_json::to_string_pretty(&ReportStatement {
            comments: Vec::new(),
            ..s.clone()
        })
        .map_err(json_failed)?;
        let (head, tail) = split_at_empty(&json, "comments")?;
        self.any_comment = false;
        self.statement_tail = tail;
        Ok(format!(
            "{}\n    {}\n      \"comments\": ",
            if index == 0 { "[" } else { "," },
            indented(&head, 4)
        ))
    }

    fn comment(&mut self, _: &ReportStatement, c: &ReportComment) -> Result<String, AppError> {
        let json = serde_json::to_string_pretty(c).map_err(json_failed)?;
        let opening = if self.any_comment { "," } else { "[" };
        self.any_comment = true;
        Ok(format!("{opening}\n        {}", indented(&json, 8)))
    }

    fn leave(&mut self, _: &ReportStatement) -> Result<String, AppError> {
        let close = if self.any_comment { "\n      ]" } else { "[]" };
        Ok(format!("{close}{}", indented(&self.statement_tail, 4)))
    }

    fn finish(&mut self, report: &ReportView) -> Result<String, AppError> {
        let close = if report.statements.is_empty() {
            "[]"
        } else {
            "\n  ]"
        };
        Ok(format!("{close}{}", self.around.1))
    }
}
