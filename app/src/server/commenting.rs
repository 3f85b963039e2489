//! Participants' comments: made only while a round is open, on the revision they read,
//! optionally on a passage of it, for themselves or an organisation they belong to; and
//! each person's own contributions, with what became of them.

use super::{Context, clock::now, lookups, reports, store};
use crate::{
    domain::{
        Invalid, SubmissionKey,
        drafting::{self as checks, Knowledge, Visibility},
        format_date, passage, submission_key,
    },
    error::AppError,
    model::{CommentInput, Contribution, Landing, PageRequest, Paged, PublishedIn, Viewer},
};
use sqlx::AnyConnection;
use std::collections::HashMap;

struct Checked {
    body: String,
    suggestion: Option<String>,
    knowledge: Knowledge,
    visibility: Visibility,
    organisation: Option<i64>,
}

/// Check what was typed, each message naming its field. Which organisations someone may
/// speak for is checked against `conn`, the caller's write transaction.
async fn check(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    form: &CommentInput,
) -> Result<Checked, AppError> {
    let body =
        checks::comment_body(&form.body).map_err(|e| AppError::field(CommentInput::BODY, e))?;
    let suggestion = checks::suggestion(&form.suggestion)
        .map_err(|e| AppError::field(CommentInput::SUGGESTION, e))?;
    let knowledge = Knowledge::parse(&form.knowledge)
        .map_err(|e| AppError::field(CommentInput::KNOWLEDGE, e))?;
    let visibility = Visibility::parse(&form.visibility)
        .map_err(|e| AppError::field(CommentInput::VISIBILITY, e))?;
    let organisation = speaks_for(
        conn,
        viewer,
        &form.on_behalf_of,
        CommentInput::ON_BEHALF_OF,
        "comment",
    )
    .await?;
    Ok(Checked {
        body,
        suggestion,
        knowledge,
        visibility,
        organisation,
    })
}

/// The organisation someone says they speak for (`raw`: empty for themselves, or its
/// id), checked against their memberships in `conn`, the caller's write transaction: a
/// representative speaks only for their own organisations. Errors name `field` and say
/// what they were doing (`verb`: "comment", "propose a statement").
pub(super) async fn speaks_for(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    raw: &str,
    field: &str,
    verb: &str,
) -> Result<Option<i64>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let id: i64 = raw
        .parse()
        .map_err(|_| AppError::Field(field.into(), "Choose who you are speaking for".into()))?;
    let memberships = store::organisations::memberships_of_user(conn, viewer.id).await?;
    if !memberships.iter().any(|m| m.organisation_id == id) {
        return Err(AppError::Field(
            field.into(),
            format!("You can only {verb} for an organisation you represent"),
        ));
    }
    Ok(Some(id))
}

fn word_number(raw: &str, field: &str) -> Result<usize, AppError> {
    raw.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| AppError::Field(field.into(), "Choose a word from the list".into()))
}

/// The words of `text` a comment is about, as chosen on a form with the passage picker
/// (`components::passage_picker`): `None` for the whole statement, or the part from its
/// first to its last chosen word. `fields` names the form's two word lists, so each
/// message is shown beside its list.
pub(super) fn chosen_passage(
    text: &str,
    choice: &str,
    (first, last): (&str, &str),
    (first_field, last_field): (&str, &str),
) -> Result<Option<passage::Passage>, AppError> {
    if choice != "part" {
        return Ok(None);
    }
    let first = word_number(first, first_field)?;
    let last = word_number(last, last_field)?;
    passage::passage_from_words(text, first, last)
        .map(Some)
        .map_err(|e: Invalid| AppError::field(last_field, e))
}

pub async fn add(
    cx: &Context,
    slug: &str,
    reference: &str,
    form: &CommentInput,
) -> Result<i64, AppError> {
    let viewer = cx.signed_in()?;
    let revision_id: i64 = form
        .revision_id
        .trim()
        .parse()
        .map_err(|_| AppError::Invalid("Reload the page and try again.".into()))?;
    let key = SubmissionKey::parse(&form.submission_key)?;
    let mut tx = cx.write().await?;
    let framework = lookups::framework(&mut tx, slug).await?;
    let statement = lookups::statement(&mut tx, framework.id, reference).await?;
    if let Some(existing) = store::comments::find_by_key(&mut tx, key.as_str()).await? {
        if existing.author_id == Some(viewer.id) && existing.statement_id == statement.id {
            return Ok(existing.id); // The same form sent twice: one comment.
        }
        return Err(submission_key::used_elsewhere().into());
    }
    if statement.retired_at.is_some() {
        return Err(AppError::Invalid(
            "This statement has been retired, so it no longer takes comments.".into(),
        ));
    }
    let checked = check(&mut tx, viewer, form).await?;
    let Some(round) = store::rounds::open_at(&mut tx, framework.id, now()).await? else {
        return Err(AppError::Invalid("Comments are closed: there is no consultation round open now. Your comment has not been saved.".into()));
    };
    let Some(revision_text) =
        store::statements::revision_body(&mut tx, statement.id, revision_id).await?
    else {
        return Err(AppError::Invalid("Reload the page and try again.".into()));
    };
    let chosen = chosen_passage(
        &revision_text,
        &form.passage,
        (&form.first_word, &form.last_word),
        (CommentInput::FIRST_WORD, CommentInput::LAST_WORD),
    )?;
    super::flooding::count_one(cx, &mut tx, viewer.id, CommentInput::BODY).await?;
    let new = store::comments::NewComment {
        statement_id: statement.id,
        revision_id,
        round_id: round.id,
        author: store::comments::Author::Person(viewer.id),
        organisation_id: checked.organisation,
        body: &checked.body,
        passage: chosen
            .as_ref()
            .map(|p| (p.start as i64, p.end as i64, p.quote.as_str())),
        suggestion: checked.suggestion.as_deref(),
        knowledge: checked.knowledge,
        visibility: checked.visibility,
        submission_key: key.as_str(),
        earlier_comment_id: None,
    };
    let id = store::comments::insert(&mut tx, &new, now()).await?;
    tx.commit().await?;
    Ok(id)
}

/// Check the comment is the viewer's own and its round is still open.
async fn own_open_comment(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: i64,
) -> Result<store::comments::CommentRow, AppError> {
    let comment = store::comments::find(conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if comment.author_id != Some(viewer.id) || comment.withdrawn_at.is_some() {
        return Err(AppError::NotFound);
    }
    let round = store::rounds::find(conn, comment.round_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = now();
    if !(round.opens_at <= at && at < round.closes_at) {
        return Err(AppError::Invalid(
            "The round this comment was made in has closed, so it can no longer be changed.".into(),
        ));
    }
    Ok(comment)
}

pub async fn edit(cx: &Context, id: i64, form: &CommentInput) -> Result<(), AppError> {
    let viewer = cx.signed_in()?;
    let mut tx = cx.write().await?;
    let before = own_open_comment(&mut tx, viewer, id).await?;
    let checked = check(&mut tx, viewer, form).await?;
    let edit = store::comments::CommentEdit {
        organisation_id: checked.organisation,
        body: &checked.body,
        suggestion: checked.suggestion.as_deref(),
        knowledge: checked.knowledge,
        visibility: checked.visibility,
    };
    store::comments::update(&mut tx, id, &edit, now()).await?;
    super::moderation::after_author_edit(&mut tx, &before.words, id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn withdraw(cx: &Context, id: i64) -> Result<(), AppError> {
    let viewer = cx.signed_in()?;
    let mut tx = cx.write().await?;
    own_open_comment(&mut tx, viewer, id).await?;
    store::comments::withdraw(&mut tx, id, now()).await?;
    tx.commit().await?;
    Ok(())
}

/// How many of their own comments "What you said" shows at a time.
pub const CONTRIBUTIONS_PER_PAGE: u32 = 50;

/// One page of everything the signed-in person said, newest first, with what became of
/// each and, once published, where to read about it.
pub async fn my_contributions(
    cx: &Context,
    page: Option<&str>,
) -> Result<Paged<Contribution>, AppError> {
    let viewer = cx.signed_in()?;
    let mut conn = cx.read().await?;
    let published: HashMap<i64, (i64, i64)> =
        store::comments::published_for_author(&mut conn, viewer.id)
            .await?
            .into_iter()
            .map(|(id, version, draft)| (id, (version, draft)))
            .collect();
    let total = store::comments::count_by_author(&mut conn, viewer.id).await?;
    let page = PageRequest::new(page, CONTRIBUTIONS_PER_PAGE).within(total);
    let rows = store::comments::page_by_author(&mut conn, viewer.id, page).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let version_path = |v: i64| format!("/frameworks/{}/versions/{v}", r.framework_slug);
            let published = published.get(&r.id).map(|&(version, draft)| PublishedIn {
                version,
                report_href: if r.visibility == Visibility::PolicyTeamOnly {
                    format!("{}/report", version_path(version))
                } else {
                    // The report opens on the page of the statement's comments that holds it.
                    format!(
                        "{}/report?statement={}&comment={}#{}",
                        version_path(version),
                        r.reference,
                        r.id,
                        reports::comment_anchor(r.id)
                    )
                },
                landed: (draft > 0).then(|| Landing {
                    draft: draft as usize,
                    href: format!(
                        "{}/statements/{}/trace{}#draft-{draft}",
                        version_path(version),
                        r.reference,
                        crate::model::text_query(r.text_kind)
                    ),
                }),
            });
            Contribution {
                statement_path: format!(
                    "/frameworks/{}/statements/{}",
                    r.framework_slug, r.reference
                ),
                reference: r.reference,
                moderation: super::moderation::notice(&r.words),
                // Their own words, as they wrote them.
                body: r
                    .words
                    .body(store::moderation::WordsFor::PolicyTeamOrAuthor)
                    .to_owned(),
                quote: r.quote,
                created_label: format_date(r.created_at),
                on_behalf_of: r.organisation_name,
                outcome: r
                    .outcome
                    .map_or("Not answered yet", |o| o.label())
                    .to_owned(),
                reason: r.reason,
                // Shown only with an answer: a line on its own would say nothing yet.
                personal_line: r.outcome.and(r.personal_line),
                published,
            }
        })
        .collect();
    Ok(Paged::new(items, page, total))
}
