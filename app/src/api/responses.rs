//! The round's comments for editors to answer, and each person's own contributions.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentFilters {
    pub statement: String,
    pub outcome: String,
    pub organisation: String,
    pub knowledge: String,
}

impl CommentFilters {
    /// As a query string, to come back to the same filtered list after answering.
    pub fn query(&self) -> String {
        [
            ("statement", &self.statement),
            ("outcome", &self.outcome),
            ("organisation", &self.organisation),
            ("knowledge", &self.knowledge),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| {
            format!(
                "{k}={}",
                v.chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect::<String>()
            )
        })
        .collect::<Vec<_>>()
        .join("&")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundComment {
    pub id: i64,
    pub reference: String,
    pub statement_path: String,
    pub author: String,
    pub organisation: Option<String>,
    pub knowledge: String,
    pub visibility: String,
    pub body: String,
    pub quote: Option<String>,
    pub suggestion: Option<String>,
    pub outcome: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundCommentsView {
    pub framework_slug: String,
    pub framework_title: String,
    pub round_id: i64,
    pub round_title: String,
    /// The version that published this round's answers; they can no longer change.
    pub published_version: Option<i64>,
    pub total: usize,
    pub unanswered: usize,
    pub comments: Vec<RoundComment>,
    pub statements: Vec<String>,
    pub organisations: Vec<String>,
    pub filters: CommentFilters,
}

#[server]
pub async fn get_round_comments(
    slug: String,
    round_id: i64,
    filters: CommentFilters,
) -> Result<RoundCommentsView, AppError> {
    use crate::{
        domain::drafting::{Knowledge, Visibility},
        server::{drafting::require_editor, request, store},
    };
    let viewer = request::require_signed_in()?;
    require_editor(&viewer)?;
    let state = request::app_state()?;
    let pool = &state.db.pool;
    let framework = store::frameworks::find_by_slug(pool, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut conn = pool.acquire().await?;
    let round = store::rounds::find(&mut conn, round_id)
        .await?
        .filter(|r| r.framework_id == framework.id)
        .ok_or(AppError::NotFound)?;
    let published_version: Option<i64> = sqlx::query_scalar(
        "SELECT p.version FROM rounds rd JOIN publications p ON p.id = rd.publication_id WHERE rd.id = $1",
    )
    .bind(round.id)
    .fetch_optional(&mut *conn)
    .await?;
    drop(conn);
    let rows = store::comments::for_round(pool, round.id).await?;
    let total = rows.len();
    let unanswered = rows.iter().filter(|r| r.outcome.is_none()).count();
    let mut statements: Vec<String> = rows.iter().map(|r| r.reference.clone()).collect();
    statements.dedup();
    let mut organisations: Vec<String> = rows
        .iter()
        .filter_map(|r| r.organisation_name.clone())
        .collect();
    organisations.sort();
    organisations.dedup();
    let keep = |r: &store::comments::CommentRow| {
        (filters.statement.is_empty() || r.reference == filters.statement)
            && (filters.knowledge.is_empty() || r.knowledge == filters.knowledge)
            && (filters.organisation.is_empty()
                || r.organisation_name.as_deref() == Some(filters.organisation.as_str()))
            && match filters.outcome.as_str() {
                "" => true,
                "unanswered" => r.outcome.is_none(),
                outcome => r.outcome.as_deref() == Some(outcome),
            }
    };
    let comments = rows
        .iter()
        .filter(|r| keep(r))
        .map(|r| RoundComment {
            id: r.id,
            reference: r.reference.clone(),
            statement_path: format!(
                "/frameworks/{}/statements/{}",
                r.framework_slug, r.reference
            ),
            author: r.author_label().to_owned(),
            organisation: r.organisation_name.clone(),
            knowledge: Knowledge::parse(&r.knowledge)
                .map(|k| k.label())
                .unwrap_or("Not said")
                .to_owned(),
            visibility: Visibility::parse(&r.visibility)
                .map(|v| v.label())
                .unwrap_or_default()
                .to_owned(),
            body: r.body.clone(),
            quote: r.quote.clone(),
            suggestion: r.suggestion.clone(),
            outcome: r.outcome.clone().unwrap_or_default(),
            reason: r.reason.clone().unwrap_or_default(),
        })
        .collect();
    Ok(RoundCommentsView {
        framework_slug: framework.slug,
        framework_title: framework.title,
        round_id: round.id,
        round_title: round.title,
        published_version,
        total,
        unanswered,
        comments,
        statements,
        organisations,
        filters,
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    pub reference: String,
    pub statement_path: String,
    pub body: String,
    pub quote: Option<String>,
    pub created_label: String,
    pub on_behalf_of: Option<String>,
    pub outcome: String,
    pub reason: Option<String>,
    /// Once the round is answered in a published version: where to read about it.
    pub published: Option<PublishedIn>,
}

/// The version that answered a comment, and where the comment landed in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedIn {
    pub version: i64,
    /// The comment in the version's report (the report itself for a private comment).
    pub report_href: String,
    /// The draft it was acted on in, and its place on the trace page.
    pub landed: Option<crate::api::Landing>,
}

#[server]
pub async fn get_my_contributions() -> Result<Vec<Contribution>, AppError> {
    use crate::{
        domain::{drafting::Visibility, format_date, response::Outcome},
        server::{reports, request, store},
    };
    let viewer = request::require_signed_in()?;
    let state = request::app_state()?;
    let pool = &state.db.pool;
    // For each answered-and-published comment: its version, and the number of the draft
    // it was acted on in (0 when it changed no draft), in one query.
    let published: std::collections::HashMap<i64, (i64, i64)> = sqlx::query_as::<_, (i64, i64, i64)>(
        "SELECT c.id, p.version, \
           (SELECT COUNT(*) FROM statement_revisions x WHERE x.statement_id = c.statement_id AND x.id <= \
              (SELECT MAX(rr.revision_id) FROM response_revisions rr JOIN responses resp ON resp.id = rr.response_id \
               WHERE resp.comment_id = c.id)) \
         FROM comments c JOIN rounds rd ON rd.id = c.round_id JOIN publications p ON p.id = rd.publication_id \
         WHERE c.author_id = $1 AND c.withdrawn_at IS NULL \
           AND EXISTS (SELECT 1 FROM publication_statements ps WHERE ps.publication_id = p.id AND ps.statement_id = c.statement_id)",
    )
    .bind(viewer.id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|(id, version, draft)| (id, (version, draft)))
    .collect();
    Ok(store::comments::by_author(pool, viewer.id)
        .await?
        .into_iter()
        .map(|r| {
            let version_path = |v: i64| format!("/frameworks/{}/versions/{v}", r.framework_slug);
            let published = published.get(&r.id).map(|&(version, draft)| PublishedIn {
                version,
                report_href: if r.visibility == Visibility::PolicyTeamOnly.as_str() {
                    format!("{}/report", version_path(version))
                } else {
                    format!(
                        "{}/report#{}",
                        version_path(version),
                        reports::comment_anchor(r.id)
                    )
                },
                landed: (draft > 0).then(|| crate::api::Landing {
                    draft: draft as usize,
                    href: format!(
                        "{}/statements/{}/trace#draft-{draft}",
                        version_path(version),
                        r.reference
                    ),
                }),
            });
            Contribution {
                statement_path: format!(
                    "/frameworks/{}/statements/{}",
                    r.framework_slug, r.reference
                ),
                reference: r.reference,
                body: r.body,
                quote: r.quote,
                created_label: format_date(r.created_at),
                on_behalf_of: r.organisation_name,
                outcome: r
                    .outcome
                    .as_deref()
                    .and_then(|o| Outcome::parse(o).ok())
                    .map_or("Not answered yet", |o| o.label())
                    .to_owned(),
                reason: r.reason,
                published,
            }
        })
        .collect())
}
