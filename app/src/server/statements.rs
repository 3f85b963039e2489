//! Reading statements: the statement page (with each commenter's choice of how their
//! comment may be shown applied), the redraft page, history and the comment form.

use super::{
    Context, auth, clock::now, frameworks::round_status, lookups, store,
    store::moderation::WordsFor,
};
use crate::{
    domain::{
        byline::{ANONYMOUS_REPRESENTATIVE, Byline},
        diff,
        drafting::Visibility,
        easy_read::{TextKind, TwinState},
        format_date, format_date_time,
        passage::{self, Located, Passage},
        plain_language::JargonEntry,
    },
    error::AppError,
    model::{
        AnswerView, CommentFormView, CommentView, EASY_READ_FOR_EARLIER_DRAFT, ExistingComment,
        HighlightSegment, HistoryView, NO_EASY_READ_YET, PageRequest, Paged, PassageNote,
        PictureView, RedraftView, RevisionView, RoundStatus, StatementView, WordChoice,
    },
};

/// What the policy team and the author are told of a moderated comment they read whole.
pub(super) fn moderation_note(words: &store::moderation::CommentWords) -> Option<String> {
    use crate::domain::moderation::Moderation;
    let reason = words.reason()?.words();
    Some(match words.moderation()? {
        Moderation::Hidden => format!("Hidden from public view by a moderator ({reason})."),
        Moderation::Redacted => {
            format!("Others read this with some words removed by a moderator ({reason}).")
        }
    })
}

pub fn answer_view(
    row: &store::comments::CommentRow,
    draft_number: &dyn Fn(i64) -> usize,
) -> Option<AnswerView> {
    let outcome = row.outcome?;
    Some(AnswerView {
        outcome: outcome.as_str().to_owned(),
        outcome_label: outcome.label().to_owned(),
        reason: row.reason.clone().unwrap_or_default(),
        acted_in_draft: row.acted_revision_id.map(draft_number).filter(|n| *n > 0),
        settled: row.published_in.is_some(),
    })
}

/// How many comments the statement page shows at a time.
pub const COMMENTS_PER_PAGE: u32 = 50;

/// Which of a statement's comments a page loads with it.
#[derive(Debug, Clone, Copy)]
pub enum CommentsShown {
    /// None (history, the comment form): those pages do not list comments.
    None,
    /// Every comment the viewer may see (the redraft page).
    All,
    /// One page of them (the statement page).
    Page(PageRequest),
}

pub struct LoadedStatement {
    pub view: StatementView,
    pub revisions: Vec<RevisionView>,
}

/// Everything the statement pages show, in the main text, in a fixed number of queries
/// (framework, statement, theme, revisions, comments, rounds, values) however many
/// comments there are.
pub async fn load_statement(
    cx: &Context,
    slug: &str,
    reference: &str,
) -> Result<LoadedStatement, AppError> {
    load_statement_in(cx, slug, reference, TextKind::Standard, CommentsShown::All).await
}

/// Everything the statement pages show, in the text `wanted` where the statement has it
/// (easy read) or else the standard text, in a fixed number of queries (framework,
/// statement, theme, both texts' drafts, the easy read twin, comments, rounds) however
/// many comments there are. Comments on either text are shown, each saying which text
/// it was made on; passages are highlighted only in the text they quote. `comments`
/// says which comments come with it: with a page of them, the passages highlighted are
/// those of the comments on that page, so the page stays the same size however many
/// comments the statement has.
pub async fn load_statement_in(
    cx: &Context,
    slug: &str,
    reference: &str,
    wanted: TextKind,
    comments: CommentsShown,
) -> Result<LoadedStatement, AppError> {
    let viewer = cx.viewer.clone();
    let mut conn = cx.read().await?;
    let framework = lookups::framework(&mut conn, slug).await?;
    let statement = lookups::statement(&mut conn, framework.id, reference).await?;
    let theme = store::frameworks::theme(&mut conn, statement.theme_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let standard = store::statements::revisions(&mut conn, statement.id).await?;
    let easy_read = store::easy_read::revisions(&mut conn, statement.id).await?;
    let twin = store::easy_read::twin(&mut conn, statement.id).await?;
    let is_editor = cx.is_editor();
    let reads_originals = cx.reads_originals();
    let reader = store::comments::Reader {
        viewer_id: viewer.as_ref().map(|v| v.id),
        policy_team: is_editor,
    };
    let (comments, comments_page, comments_total) = match comments {
        CommentsShown::None => (Vec::new(), PageRequest::first(COMMENTS_PER_PAGE), 0),
        CommentsShown::All => {
            let all = store::comments::for_statement(&mut conn, statement.id).await?;
            let total = all.len() as u64;
            (all, PageRequest::first(COMMENTS_PER_PAGE), total)
        }
        CommentsShown::Page(asked) => {
            let total =
                store::comments::count_for_statement(&mut conn, statement.id, reader).await?;
            let page = asked.within(total);
            let rows =
                store::comments::page_for_statement(&mut conn, statement.id, reader, page).await?;
            (rows, page, total)
        }
    };
    let rounds = store::rounds::for_framework(&mut conn, framework.id).await?;
    let values = super::values::of_statement(&mut conn, framework.id, statement.id).await?;
    let twin_status =
        super::twins::status_for_editor(cx, &mut conn, &framework.slug, &statement).await?;
    drop(conn);
    let at = now();
    let round = round_status(&rounds, at);

    let shown = match (&twin, wanted) {
        (Some(_), TextKind::EasyRead) => TextKind::EasyRead,
        _ => TextKind::Standard,
    };
    let reading_note = match (&twin, wanted) {
        (None, TextKind::EasyRead) => Some(NO_EASY_READ_YET.to_owned()),
        (Some(t), TextKind::EasyRead)
            if shown == TextKind::EasyRead && t.state() == TwinState::NeedsUpdating =>
        {
            Some(EASY_READ_FOR_EARLIER_DRAFT.to_owned())
        }
        _ => None,
    };
    // Both texts' drafts as one shape; each text numbers its own drafts from 1.
    let easy_read_drafts: Vec<store::statements::RevisionRow> = easy_read
        .iter()
        .map(|r| store::statements::RevisionRow {
            id: r.id,
            body: r.body.clone(),
            author_name: r.author_name.clone(),
            note: r.note.clone(),
            created_at: r.created_at,
        })
        .collect();
    let drafts_of = |kind: TextKind| match kind {
        TextKind::Standard => &standard,
        TextKind::EasyRead => &easy_read_drafts,
    };
    let kind_of = |revision_id: i64| {
        if easy_read_drafts.iter().any(|r| r.id == revision_id) {
            TextKind::EasyRead
        } else {
            TextKind::Standard
        }
    };
    let draft_number = |revision_id: i64| {
        drafts_of(kind_of(revision_id))
            .iter()
            .position(|r| r.id == revision_id)
            .map_or(0, |i| i + 1)
    };
    let text_of = |revision_id: i64| {
        drafts_of(kind_of(revision_id))
            .iter()
            .find(|r| r.id == revision_id)
            .map(|r| r.body.as_str())
    };
    let current_of = |kind: TextKind| match (kind, &twin) {
        (TextKind::EasyRead, Some(t)) => (t.revision_id, t.body.as_str()),
        _ => (statement.revision_id, statement.body.as_str()),
    };
    let (current_id, current_text) = current_of(shown);
    let current_text = current_text.to_owned();
    let open_round_ids: Vec<i64> = rounds
        .iter()
        .filter(|r| r.opens_at <= at && at < r.closes_at)
        .map(|r| r.id)
        .collect();

    let mut highlights: Vec<(usize, Passage)> = Vec::new();
    let mut views = Vec::new();
    for row in comments {
        let visibility = row.visibility;
        let mine = viewer.as_ref().is_some_and(|v| Some(v.id) == row.author_id);
        if visibility == Visibility::PolicyTeamOnly && !(is_editor || mine) {
            continue;
        }
        // Numbered across pages, so "comment 51" is the first on page 2.
        let number = comments_page.offset() as usize + views.len() + 1;
        let kind = kind_of(row.revision_id);
        let (own_current_id, own_current_text) = current_of(kind);
        let passage_note = match (row.passage_start, row.passage_end, row.quote.as_deref()) {
            (Some(start), Some(end), Some(quote)) => {
                let original = Passage {
                    start: start as usize,
                    end: end as usize,
                    quote: quote.to_owned(),
                };
                let old_text = text_of(row.revision_id).unwrap_or_default();
                // A comment on an older draft follows its words into the current one, or
                // says plainly that they changed; it is never attached to other words,
                // nor to the words of the other text.
                let located = if row.revision_id == own_current_id {
                    Some(original)
                } else {
                    match passage::relocate(old_text, &original, own_current_text) {
                        Located::Unchanged(p) | Located::Moved(p) => Some(p),
                        Located::Changed => None,
                    }
                };
                match located {
                    Some(p) if kind == shown => {
                        highlights.push((number, p));
                        PassageNote::Highlighted
                    }
                    Some(_) => PassageNote::Whole,
                    None => PassageNote::Changed,
                }
            }
            _ => PassageNote::Whole,
        };
        let words_for = WordsFor::reader(reads_originals, mine);
        let organisation = row.organisation_name.as_deref();
        let author = match (visibility, organisation) {
            (Visibility::Anonymous, Some(_)) => {
                Byline::for_organisation(ANONYMOUS_REPRESENTATIVE, organisation)
            }
            (Visibility::Anonymous, None) => Byline::person("Anonymous participant"),
            _ => Byline::for_organisation(row.author_label(), organisation),
        };
        views.push(CommentView {
            id: row.id,
            number,
            author,
            knowledge: row.knowledge.label().to_owned(),
            visibility_note: match visibility {
                Visibility::PolicyTeamOnly => Some(
                    "Only the policy team and the person who wrote it can see this comment."
                        .to_owned(),
                ),
                Visibility::Anonymous if mine => {
                    Some("You chose to show this without your name.".to_owned())
                }
                _ => None,
            },
            body: row.words.body(words_for).to_owned(),
            suggestion: row.words.suggestion(words_for).map(str::to_owned),
            moderation_note: match words_for {
                WordsFor::PolicyTeamOrAuthor => moderation_note(&row.words),
                WordsFor::Public => None,
            },
            can_report: viewer.is_some() && !mine,
            quote: row.quote.clone(),
            passage: passage_note,
            draft_number: draft_number(row.revision_id),
            on_current_draft: row.revision_id == own_current_id,
            created_label: format_date(row.created_at),
            mine,
            editable: mine && open_round_ids.contains(&row.round_id),
            answer: answer_view(&row, &draft_number),
            text_kind: kind,
            current_draft: draft_number(own_current_id),
        });
    }
    let segments = passage::highlight(&current_text, &highlights)
        .into_iter()
        .map(|s| HighlightSegment {
            text: s.text,
            comment_numbers: s.marks,
        })
        .collect();
    let retired = statement.retired_at.is_some();
    let revision_views = drafts_of(shown)
        .iter()
        .enumerate()
        .map(|(i, r)| RevisionView {
            id: r.id,
            number: i + 1,
            author: if r.author_name.is_empty() {
                "The policy team".to_owned()
            } else {
                r.author_name.clone()
            },
            note: r.note.clone(),
            created_label: format_date_time(r.created_at),
            text: r.body.clone(),
        })
        .collect();
    let (picture, revised_at) = match (&twin, shown) {
        (Some(t), TextKind::EasyRead) => {
            (PictureView::of(t.picture_id, &t.picture_alt), t.created_at)
        }
        _ => (None, statement.revised_at),
    };
    let view = StatementView {
        framework_slug: framework.slug,
        framework_title: framework.title,
        theme_code: theme.code,
        theme_title: theme.title,
        reference: statement.reference,
        text: current_text,
        revision_id: current_id,
        draft_number: draft_number(current_id),
        revised_at,
        retired,
        values,
        segments,
        comments: views,
        comments_total,
        comments_page,
        can_comment: viewer.is_some() && !retired && matches!(round, RoundStatus::Open { .. }),
        statement_id: statement.id,
        earlier_rounds: Vec::new(),
        can_edit: is_editor,
        round,
        viewer,
        twin: twin_status,
        reading: cx.reading,
        shown,
        picture,
        reading_note,
        has_easy_read: twin.is_some(),
    };
    Ok(LoadedStatement {
        view,
        revisions: revision_views,
    })
}

/// The statement page, with the page of its comments asked for (`?page=N`).
pub async fn statement_page(
    cx: &Context,
    slug: &str,
    reference: &str,
    page: Option<&str>,
) -> Result<StatementView, AppError> {
    let page = CommentsShown::Page(PageRequest::new(page, COMMENTS_PER_PAGE));
    let mut view = load_statement_in(cx, slug, reference, cx.reading, page)
        .await?
        .view;
    // Nobody repeats their story: someone who commented here in an earlier round is
    // invited to the comment page, where they can say it still matters in one step.
    if let (Some(viewer), RoundStatus::Open { id: round_id, .. }) = (&cx.viewer, &view.round)
        && view.can_comment
    {
        let mut conn = cx.read().await?;
        view.earlier_rounds = store::still_matters::rounds_awaiting_still_matters(
            &mut conn,
            viewer.id,
            view.statement_id,
            *round_id,
        )
        .await?;
    }
    Ok(view)
}

/// How many comments one page of the redraft page lists (each with its answer fields).
pub const REDRAFT_PAGE_SIZE: u32 = 50;

pub async fn redraft_page(
    cx: &Context,
    slug: &str,
    reference: &str,
    page: Option<String>,
) -> Result<RedraftView, AppError> {
    cx.editor()?;
    // One page of comments (with answer fields for each one not yet published), read a
    // page at a time as on the statement page, however many the statement has.
    let asked = PageRequest::new(page.as_deref(), REDRAFT_PAGE_SIZE);
    let mut loaded = load_statement_in(
        cx,
        slug,
        reference,
        TextKind::Standard,
        CommentsShown::Page(asked),
    )
    .await?;
    let items = std::mem::take(&mut loaded.view.comments);
    let (asked, total) = (loaded.view.comments_page, loaded.view.comments_total);
    let mut conn = cx.read().await?;
    Ok(RedraftView {
        revisions: loaded.revisions,
        statement: loaded.view,
        comments: Paged::new(items, asked, total),
        jargon: store::jargon::all(&mut conn).await?,
        submission_key: auth::new_secret(),
    })
}

pub async fn history(
    cx: &Context,
    slug: &str,
    reference: &str,
    from: Option<i64>,
    to: Option<i64>,
    text: Option<TextKind>,
) -> Result<HistoryView, AppError> {
    // `?text=easy-read` compares the easy read drafts; without it, the reader's choice.
    let wanted = text.unwrap_or(cx.reading);
    let loaded = load_statement_in(cx, slug, reference, wanted, CommentsShown::None).await?;
    let revisions = loaded.revisions;
    let last = revisions.last().map(|r| r.id).unwrap_or_default();
    let first = revisions.first().map(|r| r.id).unwrap_or_default();
    let to = to
        .filter(|id| revisions.iter().any(|r| r.id == *id))
        .unwrap_or(last);
    // By default compare with the draft before the newest, or the first.
    let default_from = revisions.iter().rev().nth(1).map(|r| r.id).unwrap_or(first);
    let from = from
        .filter(|id| revisions.iter().any(|r| r.id == *id))
        .unwrap_or(default_from);
    let text_of = |id: i64| {
        revisions
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.text.clone())
            .unwrap_or_default()
    };
    let word_diff = diff::word_diff(&text_of(from), &text_of(to));
    let text = loaded.view.shown;
    let changes = diff::list_changes(&word_diff)
        .iter()
        .map(|c| c.describe())
        .collect();
    Ok(HistoryView {
        statement: loaded.view,
        revisions,
        from,
        to,
        diff: word_diff,
        changes,
        text,
    })
}

/// The comment form: a new comment, or (`comment_id`) one of the viewer's own to change.
pub async fn comment_form(
    cx: &Context,
    slug: &str,
    reference: &str,
    comment_id: Option<i64>,
    text: Option<TextKind>,
) -> Result<CommentFormView, AppError> {
    let viewer = cx.signed_in()?;
    let mut conn = cx.read().await?;
    let own = match comment_id {
        None => None,
        Some(id) => Some(
            store::comments::find(&mut conn, id)
                .await?
                .filter(|c| c.author_id == Some(viewer.id) && c.withdrawn_at.is_none())
                .ok_or(AppError::NotFound)?,
        ),
    };
    drop(conn);
    // A comment is changed beside the text it was made on; a new one is made on the text
    // asked for (`?text=easy-read`), or else the reader's choice.
    let wanted = match &own {
        Some(row) => row.text_kind,
        None => text.unwrap_or(cx.reading),
    };
    let loaded = load_statement_in(cx, slug, reference, wanted, CommentsShown::None).await?;
    let mut conn = cx.read().await?;
    let existing = match own {
        None => None,
        Some(row) => Some(ExistingComment {
            id: row.id,
            // Their own comment, to change: as they wrote it.
            body: row.words.body(WordsFor::PolicyTeamOrAuthor).to_owned(),
            suggestion: row
                .words
                .suggestion(WordsFor::PolicyTeamOrAuthor)
                .unwrap_or_default()
                .to_owned(),
            knowledge: row.knowledge.as_str().to_owned(),
            visibility: row.visibility.as_str().to_owned(),
            on_behalf_of: row
                .organisation_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            quote: row.quote,
        }),
    };
    let words = passage::words(&loaded.view.text)
        .into_iter()
        .enumerate()
        .map(|(i, w)| WordChoice {
            number: i + 1,
            text: w.text,
        })
        .collect();
    let organisations = super::lookups::organisations_of(&mut conn, viewer.id).await?;
    // Before a new comment: what they said on this statement in earlier rounds.
    let earlier = if existing.is_none() && loaded.view.can_comment {
        let framework = lookups::framework(&mut conn, slug).await?;
        let statement = lookups::statement(&mut conn, framework.id, reference).await?;
        super::still_matters::earlier_for_form(
            &mut conn,
            viewer.id,
            framework.id,
            statement.id,
            &loaded.view.text,
        )
        .await?
    } else {
        Vec::new()
    };
    Ok(CommentFormView {
        statement: loaded.view,
        words,
        organisations,
        jargon: store::jargon::all(&mut conn).await?,
        submission_key: auth::new_secret(),
        existing,
        earlier,
    })
}

pub async fn jargon(cx: &Context) -> Result<Vec<JargonEntry>, AppError> {
    let mut conn = cx.read().await?;
    Ok(store::jargon::all(&mut conn).await?)
}
