//! "This still matters to me": nobody repeats their story. Before someone comments in a
//! new round on a statement they commented on before, they see what they said and the
//! answer it got, and can say it still matters in one step: a comment in the open round,
//! linked to the earlier one, which is then answered, published and emailed like any
//! other. Editors see the link and how many people made one.

use super::{Context, clock::now, lookups, store};
use crate::{
    domain::{SubmissionKey, easy_read::TextKind, passage, response::Outcome, submission_key},
    error::AppError,
    model::{
        EarlierComment, StillMattersCount, StillMattersInput, StillMattersNote, answer_list_link,
    },
};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// The viewer's comments on a statement in rounds before the one open now (none when no
/// round is open: there is nothing to say it still matters in).
pub async fn earlier_for_form(
    conn: &mut AnyConnection,
    viewer_id: i64,
    framework_id: i64,
    statement_id: i64,
    current_text: &str,
) -> Result<Vec<EarlierComment>, AppError> {
    let Some(round) = store::rounds::open_at(conn, framework_id, now()).await? else {
        return Ok(Vec::new());
    };
    Ok(
        store::still_matters::earlier_by_author(conn, viewer_id, statement_id, round.id)
            .await?
            .into_iter()
            .map(|row| EarlierComment {
                id: row.id,
                round_title: row.round_title,
                draft_number: row.draft_number.max(1) as usize,
                body: row.body,
                quote_gone: row
                    .quote
                    .as_deref()
                    .is_some_and(|q| !current_text.contains(q)),
                quote: row.quote,
                outcome_label: row
                    .outcome
                    .map_or("Not answered yet", Outcome::label)
                    .to_owned(),
                reason: row.reason,
                still_matters_in: row.still_matters_in,
            })
            .collect(),
    )
}

/// Say an earlier comment still matters: a comment in the open round on the statement's
/// current draft of the same text, carrying the earlier comment's words, kind of
/// knowledge and consent, linked to it. Only its own author may, once per round, and
/// only while a round is open. A doubled submit makes one comment.
pub async fn say(
    cx: &Context,
    slug: &str,
    reference: &str,
    earlier_id: i64,
    submission_key: &str,
) -> Result<i64, AppError> {
    let viewer = cx.signed_in()?;
    let key = SubmissionKey::parse(submission_key)?;
    let mut tx = cx.write().await?;
    let framework = lookups::framework(&mut tx, slug).await?;
    let statement = lookups::statement(&mut tx, framework.id, reference).await?;
    // The same lock answering and publishing take, so two presses with different keys
    // cannot both make a link, and no version is written halfway through.
    store::frameworks::lock(&mut tx, framework.id).await?;
    if let Some(existing) = store::comments::find_by_key(&mut tx, key.as_str()).await? {
        if existing.author_id == Some(viewer.id) && existing.statement_id == statement.id {
            return Ok(existing.id); // The same button pressed twice: one comment.
        }
        return Err(submission_key::used_elsewhere().into());
    }
    let field = StillMattersInput::button(earlier_id);
    // Someone else's comment, a withdrawn one, or one on another statement: as if it
    // did not exist, so nobody learns what others said to policy teams only.
    let earlier = store::comments::find(&mut tx, earlier_id)
        .await?
        .filter(|c| {
            c.author_id == Some(viewer.id)
                && c.statement_id == statement.id
                && c.withdrawn_at.is_none()
        })
        .ok_or(AppError::NotFound)?;
    if statement.retired_at.is_some() {
        return Err(AppError::Field(
            field,
            "This statement has been retired, so it no longer takes comments.".into(),
        ));
    }
    let Some(round) = store::rounds::open_at(&mut tx, framework.id, now()).await? else {
        return Err(AppError::Field(
            field,
            "There is no consultation round open now, so nothing has been saved. You can say it still matters when the next round opens.".into(),
        ));
    };
    if earlier.round_id == round.id {
        return Err(AppError::Field(
            field,
            "This comment is already in the round that is open now.".into(),
        ));
    }
    if store::still_matters::live_link(&mut tx, earlier.id, round.id)
        .await?
        .is_some()
    {
        return Err(AppError::Field(
            field,
            "You have already said this still matters in this round.".into(),
        ));
    }
    // On the newest draft of the text the earlier comment was about.
    let (revision_id, text) = match earlier.text_kind {
        TextKind::Standard => (statement.revision_id, statement.body.clone()),
        TextKind::EasyRead => match store::easy_read::twin(&mut tx, statement.id).await? {
            Some(twin) => (twin.revision_id, twin.body),
            None => (statement.revision_id, statement.body.clone()),
        },
    };
    let earlier_text = store::statements::revision_body(&mut tx, statement.id, earlier.revision_id)
        .await?
        .unwrap_or_default();
    let passage = carried_passage(&earlier, &earlier_text, &text);
    // Speaking for an organisation only while they still represent it.
    let organisation = match earlier.organisation_id {
        Some(id) => store::organisations::memberships_of_user(&mut tx, viewer.id)
            .await?
            .iter()
            .any(|m| m.organisation_id == id)
            .then_some(id),
        None => None,
    };
    let new = store::comments::NewComment {
        statement_id: statement.id,
        revision_id,
        round_id: round.id,
        author: store::comments::Author::Person(viewer.id),
        organisation_id: organisation,
        // Their own earlier words, carried into this round as they wrote them.
        body: earlier
            .words
            .body(store::moderation::WordsFor::PolicyTeamOrAuthor),
        passage: passage
            .as_ref()
            .map(|p| (p.start as i64, p.end as i64, p.quote.as_str())),
        suggestion: earlier
            .words
            .suggestion(store::moderation::WordsFor::PolicyTeamOrAuthor),
        knowledge: earlier.knowledge,
        visibility: earlier.visibility,
        submission_key: key.as_str(),
        earlier_comment_id: Some(earlier.id),
    };
    let id = store::comments::insert(&mut tx, &new, now()).await?;
    tx.commit().await?;
    Ok(id)
}

/// The earlier comment's passage in today's text, if its words are still there; else
/// the new comment is about the whole statement (and the form said so).
fn carried_passage(
    earlier: &store::comments::CommentRow,
    earlier_text: &str,
    text: &str,
) -> Option<passage::Passage> {
    let (start, end, quote) = (
        earlier.passage_start?,
        earlier.passage_end?,
        earlier.quote.clone()?,
    );
    let old = passage::Passage {
        start: start as usize,
        end: end as usize,
        quote,
    };
    match passage::relocate(earlier_text, &old, text) {
        passage::Located::Unchanged(p) | passage::Located::Moved(p) => Some(p),
        passage::Located::Changed => None,
    }
}

/// How many people said an earlier comment still matters: in the round, and per
/// statement where someone did, by reference.
pub struct EditorCounts {
    pub people: usize,
    pub by_statement: Vec<StillMattersCount>,
}

/// The round's "still matters" people, counted by the database: the same few numbers
/// whatever page of the answer list is open.
pub async fn editor_counts(
    conn: &mut AnyConnection,
    round_id: i64,
) -> Result<EditorCounts, sqlx::Error> {
    let rows = store::still_matters::people_in_round(conn, round_id).await?;
    let people = |n: i64| usize::try_from(n).unwrap_or(0);
    let mut counts = EditorCounts {
        people: 0,
        by_statement: Vec::new(),
    };
    for row in rows {
        match row.reference {
            Some(reference) => counts.by_statement.push(StillMattersCount {
                reference,
                people: people(row.people),
            }),
            None => counts.people = people(row.people),
        }
    }
    counts
        .by_statement
        .sort_by(|a, b| a.reference.cmp(&b.reference));
    Ok(counts)
}

/// The notes for the comments of one page that say an earlier comment still matters,
/// by comment: what the earlier one was, the answer it got, and a link that opens the
/// earlier round's list at it.
pub async fn editor_notes(
    conn: &mut AnyConnection,
    framework_slug: &str,
    comment_ids: &[i64],
) -> Result<HashMap<i64, StillMattersNote>, sqlx::Error> {
    let links = store::still_matters::links_of(conn, comment_ids).await?;
    Ok(links
        .into_iter()
        .map(|link| {
            let earlier_answer = match (link.earlier_outcome, link.earlier_reason) {
                (Some(outcome), Some(reason)) => format!("{}: {reason}", outcome.label()),
                (Some(outcome), None) => outcome.label().to_owned(),
                (None, _) => "not answered".to_owned(),
            };
            let note = StillMattersNote {
                earlier_round_title: link.earlier_round_title,
                earlier_answer,
                earlier_href: answer_list_link(
                    framework_slug,
                    link.earlier_round_id,
                    &link.reference,
                    link.earlier_id,
                ),
            };
            (link.comment_id, note)
        })
        .collect())
}
