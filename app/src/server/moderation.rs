//! Reporting and moderating comments. Anyone signed in reports a comment they can read;
//! a moderator (or an editor) hides it or takes out chosen words with a reason, or
//! leaves it as written. What the public reads is worked out here once, when the
//! moderator acts, and stored beside the original (see `store::moderation`), so no page
//! does per-comment work to show it. The author is told by email and on their
//! contributions page, and still reads their own original.

use super::{
    Context, audit, auth,
    clock::now,
    commenting::chosen_passage,
    outbox, store,
    store::moderation::{
        CommentWords, KeyedTable, NewAction, NewReport, QueuedReport, Shown, WordsFor,
    },
};
use crate::{
    domain::{
        SubmissionKey,
        audit::AuditAction,
        format_date,
        moderation::{self, Moderation, ModerationAction, ModerationReason, ReportKind},
        passage, plural, singular_or_plural, submission_key,
    },
    error::AppError,
    model::{
        Missing, ModerateInput, ModerateView, ModerationActionView, ModerationNotice,
        ModerationQueueView, PageRequest, Paged, QueuedReportView, ReportFormView, ReportInput,
        Viewer, WordChoice,
    },
};

/// How many reports the queue shows at a time.
pub const REPORTS_PER_PAGE: u32 = 50;

impl Context {
    /// Someone who handles reported comments: a moderator, or an editor.
    pub fn moderator(&self) -> Result<&Viewer, AppError> {
        self.signed_in().and_then(|v| {
            if v.moderates() {
                Ok(v)
            } else {
                Err(AppError::Forbidden)
            }
        })
    }

    /// Whether this reader is on the policy team for a comment's words: editors and
    /// moderators read a moderated comment's original.
    pub fn reads_originals(&self) -> bool {
        self.moderator().is_ok()
    }
}

/// A live comment this viewer may read, or "not found".
async fn readable_comment(
    conn: &mut sqlx::AnyConnection,
    cx: &Context,
    id: i64,
) -> Result<store::comments::CommentRow, AppError> {
    let comment = store::comments::find(conn, id)
        .await?
        .filter(|c| c.withdrawn_at.is_none())
        .ok_or(AppError::NotFound)?;
    let mine = cx
        .viewer
        .as_ref()
        .is_some_and(|v| Some(v.id) == comment.author_id);
    if comment.visibility == crate::domain::drafting::Visibility::PolicyTeamOnly
        && !(mine || cx.is_editor())
    {
        return Err(AppError::NotFound);
    }
    Ok(comment)
}

fn statement_path(c: &store::comments::CommentRow) -> String {
    format!(
        "/frameworks/{}/statements/{}",
        c.framework_slug, c.reference
    )
}

/// Who wrote a comment, as a public page names them.
fn shown_author(c: &store::comments::CommentRow) -> String {
    super::reports::public_author(c).to_string()
}

pub async fn report_form(cx: &Context, comment_id: i64) -> Result<ReportFormView, AppError> {
    let viewer = cx.signed_in()?;
    let mut conn = cx.read().await?;
    let comment = readable_comment(&mut conn, cx, comment_id).await?;
    let framework = store::frameworks::find_by_slug(&mut conn, &comment.framework_slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let reader = WordsFor::reader(cx.reads_originals(), comment.author_id == Some(viewer.id));
    Ok(ReportFormView {
        comment_id,
        statement_path: statement_path(&comment),
        framework_slug: framework.slug,
        framework_title: framework.title,
        reference: comment.reference.clone(),
        author: shown_author(&comment),
        body: comment.words.body(reader).to_owned(),
        submission_key: auth::new_secret(),
    })
}

/// Report a comment. The same form sent twice makes one report; a second report by the
/// same person while their first is open is taken as the same report.
pub async fn report(cx: &Context, comment_id: i64, form: &ReportInput) -> Result<(), AppError> {
    let viewer = cx.signed_in()?;
    let kind = ReportKind::parse(&form.kind).map_err(|e| AppError::field(ReportInput::KIND, e))?;
    let note = moderation::note(&form.note, kind == ReportKind::Other)
        .map_err(|e| AppError::field(ReportInput::NOTE, e))?;
    let key = SubmissionKey::parse(&form.submission_key)?;
    let mut tx = cx.write().await?;
    if let Some((_, by, on)) =
        store::moderation::find_by_key(&mut tx, KeyedTable::Reports, key.as_str()).await?
    {
        if by == viewer.id && on == comment_id {
            return Ok(());
        }
        return Err(submission_key::used_elsewhere().into());
    }
    let comment = readable_comment(&mut tx, cx, comment_id).await?;
    if comment.author_id == Some(viewer.id) {
        return Err(AppError::Invalid(
            "This is your own comment: change or withdraw it from the statement page instead."
                .into(),
        ));
    }
    if store::moderation::has_open_report_by(&mut tx, comment_id, viewer.id).await? {
        return Ok(());
    }
    let report_id = store::moderation::report(
        &mut tx,
        &NewReport {
            submission_key: key.as_str(),
            comment_id,
            reporter_id: viewer.id,
            kind,
            note: &note,
        },
        now(),
    )
    .await?;
    audit::record(
        &mut tx,
        Some(viewer.id),
        AuditAction::CommentReported,
        comment.author_id,
        &format!(
            "Report {report_id} on comment {comment_id} ({}): {}",
            comment.reference,
            kind.short()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The statement page a comment is on, to go back to after reporting it.
pub async fn statement_of(cx: &Context, comment_id: i64) -> Result<String, AppError> {
    let mut conn = cx.read().await?;
    let comment = store::comments::find(&mut conn, comment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(statement_path(&comment))
}

fn queued_view(r: QueuedReport) -> QueuedReportView {
    QueuedReportView {
        id: r.id,
        comment_id: r.comment_id,
        kind: r.kind.short().to_owned(),
        note: r.note,
        reporter: if r.reporter_name.is_empty() {
            "A participant".to_owned()
        } else {
            r.reporter_name
        },
        reported_label: format_date(r.created_at),
        handled: r.handled_at.map(|at| match r.handled_by_name.as_deref() {
            Some(name) if !name.is_empty() => format!("Handled by {name} on {}", format_date(at)),
            _ => format!("Handled on {}", format_date(at)),
        }),
        reference: r.reference,
        excerpt: r.words.shown_body().chars().take(160).collect(),
        moderate_href: moderate_path(r.comment_id),
    }
}

pub fn moderate_path(comment_id: i64) -> String {
    format!("/moderation/comments/{comment_id}")
}

/// One page of the queue: open reports first, newest first.
pub async fn queue(cx: &Context, page: Option<&str>) -> Result<ModerationQueueView, AppError> {
    cx.moderator()?;
    let mut conn = cx.read().await?;
    let (total, open) = store::moderation::queue_counts(&mut conn).await?;
    let total = u64::try_from(total).unwrap_or(0);
    let page = PageRequest::new(page, REPORTS_PER_PAGE).within(total);
    let reports = store::moderation::queue_page(&mut conn, page)
        .await?
        .into_iter()
        .map(queued_view)
        .collect();
    Ok(ModerationQueueView {
        open,
        reports: Paged::new(reports, page, total),
    })
}

/// What the public reads of a comment now, for the moderation page's `shown_version`:
/// a form made from another state is refused, so words are never taken out twice.
fn shown_version(words: &CommentWords) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(words.redactable().as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn state_label(words: &CommentWords) -> Option<String> {
    let reason = words.reason().map_or("", |r| r.words());
    match words.moderation()? {
        Moderation::Hidden => Some(format!("Hidden from public view: {reason}")),
        Moderation::Redacted => Some(format!("Some words removed from public view: {reason}")),
    }
}

pub async fn moderate_page(cx: &Context, comment_id: i64) -> Result<ModerateView, AppError> {
    cx.moderator()?;
    let mut conn = cx.read().await?;
    let comment = store::comments::find(&mut conn, comment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let reports = store::moderation::for_comment(&mut conn, comment_id)
        .await?
        .into_iter()
        .map(queued_view)
        .collect();
    let history = store::moderation::actions_for_comment(&mut conn, comment_id)
        .await?
        .into_iter()
        .map(|a| ModerationActionView {
            what: a.action.label().to_owned(),
            reason: a.reason.map(|r| r.words().to_owned()),
            note: a.note,
            removed_words: a.removed_words,
            by: a.moderator_name,
            when: format_date(a.created_at),
        })
        .collect();
    let words = &comment.words;
    Ok(ModerateView {
        comment_id,
        statement_path: statement_path(&comment),
        framework_slug: comment.framework_slug.clone(),
        reference: comment.reference.clone(),
        author: comment.author_label(),
        original_body: words.body(WordsFor::PolicyTeamOrAuthor).to_owned(),
        original_suggestion: words
            .suggestion(WordsFor::PolicyTeamOrAuthor)
            .map(str::to_owned),
        shown_body: words.shown_body().to_owned(),
        shown_suggestion: words.shown_suggestion().map(str::to_owned),
        state: state_label(words),
        words: passage::words(words.redactable())
            .into_iter()
            .map(|w| WordChoice {
                number: w.index,
                text: w.text,
            })
            .collect(),
        reports,
        history,
        shown_version: shown_version(words),
        submission_key: auth::new_secret(),
        dismiss_key: auth::new_secret(),
    })
}

fn capitalised(words: &str) -> String {
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// What a moderator decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Hide the whole comment, or take out the chosen words (from the form).
    Remove,
    /// Nothing needs taking out: close the reports, and show the comment as written.
    Dismiss,
}

/// Act on a comment: every open report on it is handled, the record says who did what,
/// when and why, and the author is emailed (not for a dismissal: nothing of theirs
/// changed, unless a hidden comment is shown again).
pub async fn moderate(
    cx: &Context,
    comment_id: i64,
    decision: Decision,
    form: &ModerateInput,
) -> Result<(), AppError> {
    let moderator = cx.moderator()?;
    let key = SubmissionKey::parse(&form.submission_key)?;
    let mut tx = cx.write().await?;
    if let Some((_, by, on)) =
        store::moderation::find_by_key(&mut tx, KeyedTable::Actions, key.as_str()).await?
    {
        if by == moderator.id && on == comment_id {
            return Ok(()); // The same form sent twice: the words come out once.
        }
        return Err(submission_key::used_elsewhere().into());
    }
    let comment = store::comments::find(&mut tx, comment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let words = &comment.words;
    if form.shown_version.trim() != shown_version(words) {
        return Err(AppError::Invalid(
            "Someone else changed this comment while you had it open, so nothing has been saved. Read it again below, then choose again."
                .into(),
        ));
    }
    let at = now();
    let (action, reason, removed, shown) = match decision {
        Decision::Dismiss => {
            let note = moderation::note(&form.note, false)
                .map_err(|e| AppError::field(ModerateInput::NOTE, e))?;
            (ModerationAction::Dismissed, None, None, (None, note))
        }
        Decision::Remove => {
            let reason = ModerationReason::parse(&form.reason)
                .map_err(|e| AppError::field(ModerateInput::REASON, e))?;
            let note = moderation::note(&form.note, false)
                .map_err(|e| AppError::field(ModerateInput::NOTE, e))?;
            let text = words.redactable();
            match chosen_passage(
                text,
                &form.passage,
                (&form.first_word, &form.last_word),
                (ModerateInput::FIRST_WORD, ModerateInput::LAST_WORD),
            )? {
                // The whole comment: its words and its suggested wording.
                None => (
                    ModerationAction::Hidden,
                    Some(reason),
                    None,
                    (Some((Moderation::Hidden, reason.placeholder(), None)), note),
                ),
                Some(chosen) => {
                    let body = moderation::redact(text, &chosen, reason);
                    // The suggestion keeps what the public read of it before.
                    let suggestion = match words.moderation() {
                        Some(Moderation::Redacted) => words.shown_suggestion(),
                        _ => words.suggestion(WordsFor::PolicyTeamOrAuthor),
                    }
                    .map(str::to_owned);
                    (
                        ModerationAction::Redacted,
                        Some(reason),
                        Some(chosen.quote),
                        (Some((Moderation::Redacted, body, suggestion)), note),
                    )
                }
            }
        }
    };
    let (shown, note) = shown;
    let was_moderated = words.moderation().is_some();
    store::moderation::set_shown(
        &mut tx,
        comment_id,
        shown
            .as_ref()
            .map(|(moderation, body, suggestion)| Shown {
                moderation: *moderation,
                reason: reason.unwrap_or(ModerationReason::PersonalInformation),
                body,
                suggestion: suggestion.as_deref(),
            })
            .as_ref(),
        at,
    )
    .await?;
    let action_id = store::moderation::record(
        &mut tx,
        &NewAction {
            submission_key: key.as_str(),
            comment_id,
            moderator_id: moderator.id,
            action,
            reason,
            note: &note,
            removed_words: removed.as_deref(),
        },
        at,
    )
    .await?;
    store::moderation::handle_reports(&mut tx, comment_id, moderator.id, at).await?;
    // The log says what was done and why; the words taken out stay in the moderation
    // record, which only the policy team reads, not in the admins' log.
    let audited = match action {
        ModerationAction::Hidden => AuditAction::CommentHidden,
        ModerationAction::Redacted => AuditAction::CommentRedacted,
        ModerationAction::Dismissed => AuditAction::ReportDismissed,
    };
    audit::record(
        &mut tx,
        Some(moderator.id),
        audited,
        comment.author_id,
        &format!(
            "Comment {comment_id} ({}){}",
            comment.reference,
            reason.map_or(String::new(), |r| format!(": {}", r.words()))
        ),
    )
    .await?;
    // The author hears of every change to what the public reads of their words.
    let author_told = action != ModerationAction::Dismissed || was_moderated;
    if author_told {
        store::moderation::queue_author_email(&mut tx, action_id, at).await?;
    }
    tx.commit().await?;
    if author_told {
        outbox::wake();
    }
    Ok(())
}

/// After the author changed a moderated comment: the words a moderator took out may be
/// back, and the positions of a redaction no longer fit the new words. So the whole
/// comment is hidden, with the same reason, and its latest report opened again, until a
/// moderator reads the new words (publishing waits for that). The author still reads
/// their own words throughout, and nothing they wrote is lost.
pub async fn after_author_edit(
    conn: &mut sqlx::AnyConnection,
    before: &CommentWords,
    comment_id: i64,
) -> Result<(), sqlx::Error> {
    let (Some(_), Some(reason)) = (before.moderation(), before.reason()) else {
        return Ok(());
    };
    let placeholder = reason.placeholder();
    store::moderation::set_shown(
        conn,
        comment_id,
        Some(&Shown {
            moderation: Moderation::Hidden,
            reason,
            body: &placeholder,
            suggestion: None,
        }),
        now(),
    )
    .await?;
    store::moderation::reopen_latest(conn, comment_id).await
}

/// On the author's own list: what a moderator changed and why, when anything was.
pub fn notice(words: &CommentWords) -> Option<ModerationNotice> {
    let reason = words.reason()?;
    let what = match words.moderation()? {
        Moderation::Hidden => "A moderator hid your comment from public view.",
        Moderation::Redacted => "A moderator removed some words of your comment from public view.",
    };
    Some(ModerationNotice {
        what: what.to_owned(),
        reason: capitalised(reason.words()),
        shown: words.shown_body().to_owned(),
    })
}

/// Why publishing is refused while reports are open.
pub fn refusal(unhandled: i64) -> String {
    let unhandled = usize::try_from(unhandled).unwrap_or(usize::MAX);
    format!(
        "{} still {} a moderator. Every report is looked at before publishing, so nothing that should be removed goes out in the version.",
        plural(unhandled, "reported comment", "reported comments"),
        singular_or_plural(unhandled, "needs", "need"),
    )
}

/// How many reported comments the publish page lists (the refusal counts them all).
const MISSING_LISTED: i64 = 100;

/// The reported comments awaiting a moderator, as the publish page lists what is
/// missing, each linked to its moderation page.
pub async fn missing_handling(
    conn: &mut sqlx::AnyConnection,
    framework_id: i64,
    at: i64,
) -> Result<Vec<Missing>, sqlx::Error> {
    Ok(
        store::moderation::unhandled_awaiting_publication(conn, framework_id, at, MISSING_LISTED)
            .await?
            .into_iter()
            .map(|u| Missing {
                reference: u.reference,
                author: plural(u.reports, "report", "reports"),
                excerpt: u.words.shown_body().chars().take(120).collect(),
                answer_href: moderate_path(u.comment_id),
            })
            .collect(),
    )
}
