//! Shaping what the store returns into what pages show, applying each commenter's
//! choice of how their comment may be shown.

use super::{clock::now, request, store};
use crate::{
    api::{
        AnswerView, CommentView, HighlightSegment, PassageNote, RevisionView, RoundStatus,
        StatementView,
    },
    domain::{
        drafting::{Knowledge, Visibility},
        format_date, format_date_time,
        passage::{self, Located, Passage},
        response::Outcome,
    },
    error::AppError,
};

pub fn round_status(rounds: &[store::rounds::RoundRow], at: i64) -> RoundStatus {
    if let Some(open) = rounds.iter().find(|r| r.opens_at <= at && at < r.closes_at) {
        return RoundStatus::Open {
            id: open.id,
            title: open.title.clone(),
            introduction: open.introduction.clone(),
            closes_label: format_date(open.closes_at - 1),
        };
    }
    match rounds
        .iter()
        .filter(|r| r.opens_at > at)
        .min_by_key(|r| r.opens_at)
    {
        Some(next) => RoundStatus::Upcoming {
            title: next.title.clone(),
            opens_label: format_date(next.opens_at),
        },
        None => RoundStatus::NonePlanned,
    }
}

pub fn answer_view(
    row: &store::comments::CommentRow,
    draft_number: &dyn Fn(i64) -> usize,
) -> Option<AnswerView> {
    let outcome = Outcome::parse(row.outcome.as_deref()?).ok()?;
    Some(AnswerView {
        outcome: outcome.as_str().to_owned(),
        outcome_label: outcome.label().to_owned(),
        reason: row.reason.clone().unwrap_or_default(),
        acted_in_draft: row.acted_revision_id.map(draft_number).filter(|n| *n > 0),
        settled: row.published_in.is_some(),
    })
}

pub struct LoadedStatement {
    pub view: StatementView,
    pub revisions: Vec<RevisionView>,
}

/// Everything the statement pages show, in a fixed number of queries (framework,
/// statement, theme, revisions, comments, rounds) however many comments there are.
pub async fn load_statement(slug: &str, reference: &str) -> Result<LoadedStatement, AppError> {
    let state = request::app_state()?;
    let viewer = request::viewer();
    let pool = &state.db.pool;
    let framework = store::frameworks::find_by_slug(pool, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let statement = store::frameworks::statement(pool, framework.id, &reference.to_uppercase())
        .await?
        .ok_or(AppError::NotFound)?;
    let theme = store::frameworks::theme(pool, statement.theme_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let revisions = store::statements::revisions(pool, statement.id).await?;
    let comments = store::comments::for_statement(pool, statement.id).await?;
    let rounds = store::rounds::for_framework(pool, framework.id).await?;
    let at = now();
    let round = round_status(&rounds, at);

    let draft_number = |revision_id: i64| {
        revisions
            .iter()
            .position(|r| r.id == revision_id)
            .map_or(0, |i| i + 1)
    };
    let text_of = |revision_id: i64| {
        revisions
            .iter()
            .find(|r| r.id == revision_id)
            .map(|r| r.body.as_str())
    };
    let current_text = statement.body.clone();
    let is_editor = viewer.as_ref().is_some_and(|v| v.is_editor);
    let open_round_ids: Vec<i64> = rounds
        .iter()
        .filter(|r| r.opens_at <= at && at < r.closes_at)
        .map(|r| r.id)
        .collect();

    let mut highlights: Vec<(usize, Passage)> = Vec::new();
    let mut views = Vec::new();
    for row in comments {
        let visibility = Visibility::parse(&row.visibility).unwrap_or(Visibility::PolicyTeamOnly);
        let mine = viewer.as_ref().is_some_and(|v| v.id == row.author_id);
        if visibility == Visibility::PolicyTeamOnly && !(is_editor || mine) {
            continue;
        }
        let number = views.len() + 1;
        let passage_note = match (row.passage_start, row.passage_end, row.quote.as_deref()) {
            (Some(start), Some(end), Some(quote)) => {
                let original = Passage {
                    start: start as usize,
                    end: end as usize,
                    quote: quote.to_owned(),
                };
                let old_text = text_of(row.revision_id).unwrap_or_default();
                // A comment on an older draft follows its words into the current one, or
                // says plainly that they changed; it is never attached to other words.
                let located = if row.revision_id == statement.revision_id {
                    Some(original)
                } else {
                    match passage::relocate(old_text, &original, &current_text) {
                        Located::Unchanged(p) | Located::Moved(p) => Some(p),
                        Located::Changed => None,
                    }
                };
                match located {
                    Some(p) => {
                        highlights.push((number, p));
                        PassageNote::Highlighted
                    }
                    None => PassageNote::Changed,
                }
            }
            _ => PassageNote::Whole,
        };
        let name = row.author_label().to_owned();
        let author = match (visibility, row.organisation_name.as_deref()) {
            (Visibility::Anonymous, Some(org)) => format!("Someone from {org}"),
            (Visibility::Anonymous, None) => "Anonymous participant".to_owned(),
            (_, Some(org)) => format!("{name}, for {org}"),
            (_, None) => name,
        };
        views.push(CommentView {
            id: row.id,
            number,
            author,
            knowledge: Knowledge::parse(&row.knowledge)
                .map(|k| k.label())
                .unwrap_or("Not said")
                .to_owned(),
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
            body: row.body.clone(),
            suggestion: row.suggestion.clone(),
            quote: row.quote.clone(),
            passage: passage_note,
            draft_number: draft_number(row.revision_id),
            on_current_draft: row.revision_id == statement.revision_id,
            created_label: format_date(row.created_at),
            mine,
            editable: mine && open_round_ids.contains(&row.round_id),
            answer: answer_view(&row, &draft_number),
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
    let revision_views = revisions
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
    let view = StatementView {
        framework_slug: framework.slug,
        framework_title: framework.title,
        theme_code: theme.code,
        theme_title: theme.title,
        reference: statement.reference,
        text: current_text,
        revision_id: statement.revision_id,
        draft_number: draft_number(statement.revision_id),
        revised_at: statement.revised_at,
        retired,
        segments,
        comments: views,
        can_comment: viewer.is_some() && !retired && matches!(round, RoundStatus::Open { .. }),
        can_edit: is_editor,
        round,
        viewer,
    };
    Ok(LoadedStatement {
        view,
        revisions: revision_views,
    })
}
