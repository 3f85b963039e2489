//! Published versions, their "You said, we did" reports, publishing and its emails.

use crate::{domain::diff::WordDiff, error::AppError};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationHeader {
    pub framework_slug: String,
    pub framework_title: String,
    pub version: i64,
    pub summary: String,
    pub published_label: String,
}

impl PublicationHeader {
    pub fn path(&self) -> String {
        format!(
            "/frameworks/{}/versions/{}",
            self.framework_slug, self.version
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportComment {
    /// The comment's id on the page ("comment-12"), so changes can link to it.
    pub anchor: String,
    pub author: String,
    pub knowledge: String,
    pub quote: Option<String>,
    pub body: String,
    pub outcome: String,
    pub reason: String,
    /// Where it landed: the drafts it was acted on in, each a link to the trace.
    pub landed: Vec<Landing>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Landing {
    pub draft: usize,
    pub href: String,
}

/// A link from a change to a comment behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentLink {
    pub anchor: String,
    pub author: String,
}

/// One draft between the text consulted on and the published text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportStep {
    pub draft: usize,
    pub date: String,
    /// The editor's note on why the draft was made.
    pub note: String,
    pub changes: Vec<String>,
    /// The public comments answered as acted on in this draft.
    pub because_of: Vec<CommentLink>,
    /// Comments shared only with the policy team that were acted on here: counted only.
    pub private_because_of: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportStatement {
    pub reference: String,
    pub theme_title: String,
    pub statement_path: String,
    pub trace_path: String,
    pub first_text: String,
    pub published_text: String,
    pub diff: WordDiff,
    pub changes: Vec<String>,
    /// Draft by draft, each change with the comments behind it.
    pub steps: Vec<ReportStep>,
    pub comments: Vec<ReportComment>,
    /// Comments shared only with the policy team: counted, never shown.
    pub private_comments: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    pub header: PublicationHeader,
    /// The consultation rounds this version answers, oldest first.
    pub rounds: Vec<String>,
    pub total_comments: usize,
    pub by_outcome: Vec<Count>,
    pub changes_by_knowledge: Vec<Count>,
    pub statements: Vec<ReportStatement>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedTheme {
    pub title: String,
    pub statements: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationView {
    pub header: PublicationHeader,
    pub themes: Vec<PublishedTheme>,
    pub can_edit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    pub reference: String,
    pub author: String,
    pub excerpt: String,
    pub answer_href: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishView {
    pub framework_slug: String,
    pub framework_title: String,
    /// The rounds the next version would answer, oldest first.
    pub round_titles: Vec<String>,
    /// One of those rounds that is still open, which stops publishing.
    pub open_round: Option<String>,
    pub missing: Vec<Missing>,
    /// Newest first.
    pub versions: Vec<i64>,
}

impl PublishView {
    pub fn ready(&self) -> bool {
        // Shown even with comments unanswered, so a refused attempt keeps what was typed.
        !self.round_titles.is_empty() && self.open_round.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxView {
    pub header: PublicationHeader,
    pub queued: i64,
    pub sent: i64,
    pub retrying: i64,
    pub failed: i64,
    pub total: i64,
}

#[server]
pub async fn get_report(slug: String, version: i64) -> Result<ReportView, AppError> {
    crate::server::reports::report(&slug, version).await
}

#[server]
pub async fn get_publication(slug: String, version: i64) -> Result<PublicationView, AppError> {
    use crate::server::{reports, request, store};
    let state = request::app_state()?;
    let pool = &state.db.pool;
    let framework = store::frameworks::find_by_slug(pool, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let publication = reports::publication(pool, framework.id, version).await?;
    let mut themes: Vec<PublishedTheme> = Vec::new();
    for s in reports::published_statements(pool, publication.id).await? {
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
        header: reports::header(&framework.slug, &framework.title, &publication),
        themes,
        can_edit: request::viewer().is_some_and(|v| v.is_editor || v.is_admin),
    })
}

#[server]
pub async fn get_publish_page(slug: String) -> Result<PublishView, AppError> {
    use crate::server::{clock::now, drafting::require_editor, publishing, request, store};
    let viewer = request::require_signed_in()?;
    require_editor(&viewer)?;
    let state = request::app_state()?;
    let pool = &state.db.pool;
    let framework = store::frameworks::find_by_slug(pool, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = now();
    let mut conn = pool.acquire().await?;
    let pending = publishing::pending(&mut conn, framework.id, at).await?;
    let missing = pending
        .unanswered()
        .map(|c| Missing {
            reference: c.reference.clone(),
            author: c.author_label().to_owned(),
            excerpt: c.body.chars().take(120).collect(),
            answer_href: format!(
                "/frameworks/{slug}/rounds/{}/comments?statement={}#comment-{}",
                c.round_id, c.reference, c.id
            ),
        })
        .collect();
    let versions: Vec<i64> = sqlx::query_scalar(
        "SELECT version FROM publications WHERE framework_id = $1 ORDER BY version DESC",
    )
    .bind(framework.id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(PublishView {
        framework_slug: framework.slug,
        framework_title: framework.title,
        open_round: pending.open_round(at).map(|r| r.title.clone()),
        round_titles: pending.rounds.into_iter().map(|r| r.title).collect(),
        missing,
        versions,
    })
}

#[server]
pub async fn get_publication_outbox(slug: String, version: i64) -> Result<OutboxView, AppError> {
    use crate::server::{outbox, reports, request, store};
    let viewer = request::require_signed_in()?;
    if !(viewer.is_editor || viewer.is_admin) {
        return Err(AppError::Forbidden);
    }
    let state = request::app_state()?;
    let pool = &state.db.pool;
    let framework = store::frameworks::find_by_slug(pool, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let publication = reports::publication(pool, framework.id, version).await?;
    let progress =
        outbox::batch_progress(&state.db, &format!("publication:{}", publication.id)).await?;
    Ok(OutboxView {
        header: reports::header(&framework.slug, &framework.title, &publication),
        queued: progress.queued + progress.sending,
        sent: progress.sent,
        retrying: progress.retrying,
        failed: progress.failed,
        total: progress.total(),
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceSpan {
    pub text: String,
    /// The draft that introduced these words; None for the first draft.
    pub draft: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceStep {
    pub draft: usize,
    pub author: String,
    pub date: String,
    pub note: String,
    pub introduced: Vec<String>,
    pub comments: Vec<ReportComment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceView {
    pub header: PublicationHeader,
    pub reference: String,
    pub text: String,
    pub spans: Vec<TraceSpan>,
    pub steps: Vec<TraceStep>,
}

/// "Why does it say this?": each part of a published statement traced to the draft that
/// introduced it, and the comments acted on in that draft.
#[server]
pub async fn get_trace(
    slug: String,
    version: i64,
    reference: String,
) -> Result<TraceView, AppError> {
    use crate::{
        domain::{drafting::Visibility, format_date, trace},
        server::{reports, request, store},
    };
    let state = request::app_state()?;
    let pool = &state.db.pool;
    let framework = store::frameworks::find_by_slug(pool, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let publication = reports::publication(pool, framework.id, version).await?;
    let published = reports::published_statements(pool, publication.id)
        .await?
        .into_iter()
        .find(|s| s.reference == reference.to_uppercase())
        .ok_or(AppError::NotFound)?;
    let revisions: Vec<_> = store::statements::revisions(pool, published.statement_id)
        .await?
        .into_iter()
        .filter(|r| r.id <= published.revision_id)
        .collect();
    let comments = store::comments::for_statement(pool, published.statement_id).await?;
    // Every draft each answer names, not only the newest: a comment acted on twice shows
    // under both drafts.
    let acted_on: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT resp.comment_id, rr.revision_id FROM response_revisions rr \
         JOIN responses resp ON resp.id = rr.response_id \
         JOIN comments c ON c.id = resp.comment_id WHERE c.statement_id = $1",
    )
    .bind(published.statement_id)
    .fetch_all(pool)
    .await?;
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
                    acted_on.contains(&(c.id, r.id))
                        && c.visibility != Visibility::PolicyTeamOnly.as_str()
                })
                .map(|c| reports::public_comment(c, Vec::new()))
                .collect(),
        })
        .collect();
    Ok(TraceView {
        header: reports::header(&framework.slug, &framework.title, &publication),
        reference: published.reference,
        text: published.body,
        spans,
        steps,
    })
}
