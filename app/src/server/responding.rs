//! Editors answer every comment: what happened to it and why, linked to the draft in
//! which it was acted on; and the round's list of comments they answer from.

use super::{Context, clock::now, lookups, store, store::moderation::WordsFor};
use crate::{
    domain::{
        drafting::Knowledge,
        easy_read::TextKind,
        response::{self, Outcome},
    },
    error::AppError,
    model::{
        AlikeSummary, AnswerEntry, AnswerFieldNames, CommentFilters, PageRequest, Paged,
        RoundComment, RoundCommentsView,
    },
};
use sqlx::AnyConnection;

/// One answer as typed on a form.
pub struct AnswerForm {
    pub comment_id: i64,
    pub outcome: String,
    pub reason: String,
}

/// A checked answer, ready to store.
pub struct CheckedAnswer {
    pub comment_id: i64,
    pub outcome: Outcome,
    pub reason: String,
}

/// Check answers before anything is written, naming the field at fault.
pub fn check(answers: &[AnswerForm]) -> Result<Vec<CheckedAnswer>, AppError> {
    answers
        .iter()
        .map(|a| {
            let outcome = Outcome::parse(&a.outcome)
                .map_err(|e| AppError::field(&AnswerFieldNames::outcome(a.comment_id), e))?;
            let reason = response::reason(&a.reason)
                .map_err(|e| AppError::field(&AnswerFieldNames::reason(a.comment_id), e))?;
            Ok(CheckedAnswer {
                comment_id: a.comment_id,
                outcome,
                reason,
            })
        })
        .collect()
}

/// Store answers inside the caller's transaction. A comment that changed the text is
/// linked to `acted_in` (the new draft when answering while redrafting).
///
/// Takes the framework's lock first, the same lock publishing takes, so an answer and a
/// publish never interleave: either the answer lands before the version is written (and
/// is in it), or it waits, then finds the comment published and is refused.
pub async fn store_answers(
    conn: &mut AnyConnection,
    editor_id: i64,
    framework_id: i64,
    statement_id: Option<i64>,
    answers: &[CheckedAnswer],
    acted_in: impl Fn(i64) -> Option<i64>,
) -> Result<(), AppError> {
    if answers.is_empty() {
        return Ok(());
    }
    store::frameworks::lock(conn, framework_id).await?;
    let at = now();
    for answer in answers {
        let comment = store::comments::find(conn, answer.comment_id)
            .await?
            .filter(|c| {
                c.withdrawn_at.is_none()
                    && c.framework_id == framework_id
                    && statement_id.is_none_or(|s| s == c.statement_id)
            })
            .ok_or(AppError::NotFound)?;
        if comment.published_in.is_some() {
            // What a published version says people were told must never change under it.
            return Err(AppError::Field(
                AnswerFieldNames::outcome(comment.id),
                "This comment's answer has been published in a version, so it can no longer change."
                    .into(),
            ));
        }
        let revision = if answer.outcome.changed_the_text() {
            acted_in(comment.statement_id)
        } else {
            None
        };
        store::comments::answer(
            conn,
            comment.id,
            editor_id,
            answer.outcome,
            &answer.reason,
            revision,
            at,
        )
        .await?;
    }
    Ok(())
}

/// Answer one comment from the round's list. A comment that changed the text is linked
/// to the current draft of the text it was made on (standard or easy read).
pub async fn answer(cx: &Context, slug: &str, form: AnswerForm) -> Result<(), AppError> {
    let editor = cx.editor()?;
    let answers = check(&[form])?;
    let mut tx = cx.write().await?;
    let framework = lookups::framework(&mut tx, slug).await?.id;
    let comment = store::comments::find(&mut tx, answers[0].comment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // An answer links to the newest draft of the text the comment was about.
    let latest = latest_draft(&mut tx, &comment).await?;
    store_answers(&mut tx, editor.id, framework, None, &answers, |_| {
        Some(latest)
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Answer every member of a group of alike comments at once, with one outcome and
/// reason, under the framework lock as any answer: each member gets the answer on its
/// own comment, so each person is told in their own email. Members whose answer is
/// published are never changed; a group whose round is published refuses the answer.
pub async fn answer_group(
    cx: &Context,
    slug: &str,
    round_id: i64,
    group_id: i64,
    form: AnswerForm,
) -> Result<usize, AppError> {
    let editor = cx.editor()?;
    let checked = check(std::slice::from_ref(&form))?;
    let mut tx = cx.write().await?;
    let framework = lookups::framework(&mut tx, slug).await?.id;
    let round = lookups::round(&mut tx, framework, round_id).await?;
    let group = store::alike::group(&mut tx, group_id)
        .await?
        .filter(|g| g.round_id == round.id)
        .ok_or(AppError::NotFound)?;
    // Taken before reading who is unpublished, so a publish cannot slip in between.
    store::frameworks::lock(&mut tx, framework).await?;
    let members = store::alike::unpublished_members(&mut tx, group.id).await?;
    if members.is_empty() {
        return Err(AppError::Field(
            AnswerFieldNames::outcome(form.comment_id),
            "This group's answers have been published in a version, so they can no longer change."
                .into(),
        ));
    }
    let first = store::comments::find(&mut tx, members[0])
        .await?
        .ok_or(AppError::NotFound)?;
    let latest = latest_draft(&mut tx, &first).await?;
    let answers: Vec<CheckedAnswer> = members
        .iter()
        .map(|&comment_id| CheckedAnswer {
            comment_id,
            outcome: checked[0].outcome,
            reason: checked[0].reason.clone(),
        })
        .collect();
    store_answers(
        &mut tx,
        editor.id,
        framework,
        Some(group.statement_id),
        &answers,
        |_| Some(latest),
    )
    .await?;
    tx.commit().await?;
    Ok(answers.len())
}

/// The newest draft of the text a comment was about: what an answer that changed the
/// text is linked to.
async fn latest_draft(
    conn: &mut AnyConnection,
    comment: &store::comments::CommentRow,
) -> Result<i64, AppError> {
    Ok(match comment.text_kind {
        TextKind::Standard => {
            store::statements::latest_revision_id(conn, comment.statement_id).await?
        }
        TextKind::EasyRead => store::easy_read::twin(conn, comment.statement_id)
            .await?
            .map_or(comment.revision_id, |t| t.revision_id),
    })
}

/// A comment as the answer list and a group's page show it.
pub(super) fn round_comment(
    r: &store::comments::CommentRow,
    still_matters: Option<crate::model::StillMattersNote>,
) -> RoundComment {
    RoundComment {
        id: r.id,
        reference: r.reference.clone(),
        statement_path: format!(
            "/frameworks/{}/statements/{}",
            r.framework_slug, r.reference
        ),
        author: r.author_label(),
        organisation: r.organisation_name.clone(),
        knowledge: r.knowledge.label().to_owned(),
        visibility: r.visibility.label().to_owned(),
        // The answer list is the policy team's: it reads the original.
        body: r.words.body(WordsFor::PolicyTeamOrAuthor).to_owned(),
        quote: r.quote.clone(),
        suggestion: r
            .words
            .suggestion(WordsFor::PolicyTeamOrAuthor)
            .map(str::to_owned),
        outcome: r.outcome.map(|o| o.as_str().to_owned()).unwrap_or_default(),
        reason: r.reason.clone().unwrap_or_default(),
        text_kind: r.text_kind,
        still_matters,
        personal_line: r.personal_line.clone(),
        settled: r.published_in.is_some(),
        moderation_note: super::statements::moderation_note(&r.words),
    }
}

/// How many entries (comments, or groups) one page of the answer list holds.
pub const ANSWER_PAGE_SIZE: u32 = 50;

/// The list's filters as the store reads them; an unknown value filters nothing.
fn list_filter(filters: &CommentFilters) -> store::answer_list::ListFilter {
    use store::answer_list::AnswerFilter;
    let text = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_owned());
    store::answer_list::ListFilter {
        statement: text(&filters.statement),
        theme: text(&filters.theme),
        answer: match filters.outcome.as_str() {
            "unanswered" => AnswerFilter::Unanswered,
            "answered" => AnswerFilter::Answered,
            other => Outcome::parse(other).map_or(AnswerFilter::Any, AnswerFilter::Outcome),
        },
        organisation: text(&filters.organisation),
        knowledge: Knowledge::parse(&filters.knowledge).ok(),
        search: text(&filters.q),
    }
}

/// Summaries of the groups among some comments, in two queries.
pub(super) async fn summaries(
    conn: &mut AnyConnection,
    slug: &str,
    rows: &[store::comments::CommentRow],
) -> Result<std::collections::HashMap<i64, AlikeSummary>, AppError> {
    let mut ids: Vec<i64> = rows.iter().filter_map(|r| r.alike_group_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let groups = store::alike::groups(conn, &ids).await?;
    let organisations = store::alike::organisations(conn, &ids).await?;
    Ok(groups
        .into_iter()
        .filter(|g| g.members > 1)
        .map(|g| {
            let summary = AlikeSummary {
                id: g.id,
                members: g.members.max(0) as u64,
                unanswered: g.unanswered.max(0) as u64,
                organisations: organisations
                    .iter()
                    .filter(|(id, _)| *id == g.id)
                    .map(|(_, name)| name.clone())
                    .collect(),
                href: format!("/frameworks/{slug}/rounds/{}/groups/{}", g.round_id, g.id),
            };
            (g.id, summary)
        })
        .collect())
}

/// A page of a round's comments for editors to answer, filtered, each group of alike
/// comments once, with exact counts: a fixed number of queries whatever the round's size.
/// `linked` names a comment to open the list at: with no page asked for, the page that
/// holds its entry (itself, or its group); page 1 when the filters leave it out.
pub async fn round_comments(
    cx: &Context,
    slug: &str,
    round_id: i64,
    filters: CommentFilters,
    page: Option<String>,
    linked: Option<i64>,
) -> Result<RoundCommentsView, AppError> {
    cx.editor()?;
    let mut conn = cx.read().await?;
    let framework = lookups::framework(&mut conn, slug).await?;
    let round = lookups::round(&mut conn, framework.id, round_id).await?;
    let published_version =
        store::publications::version_answering_round(&mut conn, round.id).await?;
    let still_matters = super::still_matters::editor_counts(&mut conn, round.id).await?;
    let progress = store::answer_list::progress(&mut conn, round.id).await?;
    let statements = store::answer_list::statement_references(&mut conn, framework.id).await?;
    let themes = store::frameworks::themes(&mut conn, framework.id)
        .await?
        .into_iter()
        .map(|t| (t.code, t.title))
        .collect();
    let organisations = store::answer_list::organisations_in_round(&mut conn, round.id).await?;
    let filter = list_filter(&filters);
    let backend = cx.db().backend;
    let entries_total = store::answer_list::count(&mut conn, backend, round.id, &filter).await?;
    let place = match linked {
        Some(comment) => {
            store::answer_list::place_of(&mut conn, backend, round.id, &filter, comment).await?
        }
        None => None,
    };
    let asked = match (page.as_deref(), place) {
        (None, Some(place)) => PageRequest::holding(place.before, ANSWER_PAGE_SIZE),
        (page, _) => PageRequest::new(page, ANSWER_PAGE_SIZE),
    }
    .within(entries_total);
    let rows = store::answer_list::page(
        &mut conn,
        backend,
        round.id,
        &filter,
        asked.offset(),
        asked.limit(),
    )
    .await?;
    let mut groups = summaries(&mut conn, &framework.slug, &rows).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut notes = super::still_matters::editor_notes(&mut conn, &framework.slug, &ids).await?;
    // The linked comment, when the page shows it through its group by another member.
    let linked_member = |r: &store::comments::CommentRow| {
        let group = place?.group?;
        (r.alike_group_id == Some(group))
            .then_some(linked?)
            .filter(|&id| id != r.id)
    };
    let items = rows
        .iter()
        .map(|r| AnswerEntry {
            comment: round_comment(r, notes.remove(&r.id)),
            group: r.alike_group_id.and_then(|g| groups.remove(&g)),
            linked_member: linked_member(r),
        })
        .collect();
    Ok(RoundCommentsView {
        framework_slug: framework.slug,
        framework_title: framework.title,
        round_id: round.id,
        round_title: round.title,
        published_version,
        total: progress.total,
        answered: progress.answered,
        groups_left: progress.groups_left,
        entries: Paged::new(items, asked, entries_total),
        statements,
        themes,
        organisations,
        filters,
        still_matters_people: still_matters.people,
        still_matters_by_statement: still_matters.by_statement,
    })
}
