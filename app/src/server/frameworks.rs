//! Reading frameworks: the list, one framework with its themes and statements, and its
//! consultation rounds.

use super::{Context, clock::now, lookups, store, values};
use crate::{
    domain::{
        easy_read::{TextKind, TwinState},
        format_date, round_dates,
    },
    error::AppError,
    model::{
        FrameworkDetail, FrameworkSummary, RoundStatus, RoundView, RoundsView, StatementSummary,
        ThemeDetail,
    },
};
use std::collections::HashMap;

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

/// Whether another of `rounds` (a framework's) has opened since `round` did, by `at`.
pub fn opened_since(
    rounds: &[store::rounds::RoundRow],
    round: &store::rounds::RoundRow,
    at: i64,
) -> bool {
    // Rounds can open in the same second (one opens the moment another closed): then
    // the later-made one is the later round.
    rounds
        .iter()
        .any(|r| r.opens_at <= at && (r.opens_at, r.id) > (round.opens_at, round.id))
}

pub async fn list(cx: &Context) -> Result<Vec<FrameworkSummary>, AppError> {
    let mut conn = cx.read().await?;
    Ok(store::frameworks::list(&mut conn)
        .await?
        .into_iter()
        .map(|f| FrameworkSummary {
            slug: f.slug,
            title: f.title,
            summary: f.summary,
            statement_count: f.statement_count,
        })
        .collect())
}

/// A framework with its themes, values, current statements (in the reader's choice of
/// text, with the values each carries), rounds and settings: seven queries, whatever its
/// size (and one more for an easy read reader, two more for an editor: how the easy read
/// twins stand).
pub async fn detail(cx: &Context, slug: &str) -> Result<FrameworkDetail, AppError> {
    let mut conn = cx.read().await?;
    let framework = lookups::framework(&mut conn, slug).await?;
    let themes = store::frameworks::themes(&mut conn, framework.id).await?;
    let statements = store::frameworks::current_statements(&mut conn, framework.id).await?;
    let rounds = store::rounds::for_framework(&mut conn, framework.id).await?;
    let settings = super::balance::settings(&mut conn, framework.id).await?;
    let proposal_count = super::proposing::count_visible(cx, &mut conn, framework.id).await?;
    let values = store::values::for_framework(&mut conn, framework.id).await?;
    let carried = values::carried_by_statement(
        &values,
        store::values::carried_in_framework(&mut conn, framework.id).await?,
    );
    let twins = if cx.is_editor() {
        Some(super::twins::overview(&mut conn, framework.id, &framework.slug).await?)
    } else {
        None
    };
    let out_of_step: std::collections::HashMap<String, TwinState> = twins
        .iter()
        .flat_map(|t| t.needs_updating.iter().chain(&t.missing))
        .map(|item| (item.reference.clone(), item.state))
        .collect();
    let twin_of = |reference: &str| out_of_step.get(reference).copied();
    let easy_read_texts: HashMap<i64, store::easy_read::TwinRow> = match cx.reading {
        TextKind::Standard => HashMap::new(),
        TextKind::EasyRead => store::easy_read::twins_in_framework(&mut conn, framework.id)
            .await?
            .into_iter()
            .map(|t| (t.statement_id, t))
            .collect(),
    };
    let shown = |statement_id: i64, standard: &str| -> (String, Option<String>) {
        if cx.reading == TextKind::Standard {
            return (standard.to_owned(), None);
        }
        match easy_read_texts.get(&statement_id) {
            None => (
                standard.to_owned(),
                Some("No easy read version yet: this is the standard text.".to_owned()),
            ),
            Some(t) if t.state() == TwinState::NeedsUpdating => (
                t.body.clone(),
                Some("This easy read version was written for an earlier draft.".to_owned()),
            ),
            Some(t) => (t.body.clone(), None),
        }
    };
    Ok(FrameworkDetail {
        settings,
        proposal_count,
        reading: cx.reading,
        round: round_status(&rounds, now()),
        can_edit: cx.is_editor(),
        slug: framework.slug,
        title: framework.title,
        summary: framework.summary,
        themes: themes
            .into_iter()
            .map(|theme| ThemeDetail {
                statements: statements
                    .iter()
                    .filter(|s| s.theme_id == theme.id)
                    .map(|s| {
                        let (text, reading_note) = shown(s.id, &s.body);
                        StatementSummary {
                            reference: s.reference.clone(),
                            text,
                            reading_note,
                            values: carried.get(&s.id).cloned().unwrap_or_default(),
                            twin: twin_of(&s.reference),
                        }
                    })
                    .collect(),
                code: theme.code,
                title: theme.title,
                description: theme.description,
            })
            .collect(),
        values: values.into_iter().map(values::detail).collect(),
        twins,
    })
}

pub async fn rounds(cx: &Context, slug: &str) -> Result<RoundsView, AppError> {
    let mut conn = cx.read().await?;
    let framework = lookups::framework(&mut conn, slug).await?;
    let rows = store::rounds::for_framework(&mut conn, framework.id).await?;
    let at = now();
    let status = round_status(&rows, at);
    let can_edit = cx.is_editor();
    let rounds = rows
        .iter()
        .rev()
        .map(|r| {
            let can_reopen = can_edit
                && r.closes_at <= at
                && r.publication_id.is_none()
                && !opened_since(&rows, r, at);
            let (state, is_open) = if r.closes_at <= at {
                ("Closed", false)
            } else if r.opens_at <= at {
                ("Open now", true)
            } else {
                ("Coming up", false)
            };
            RoundView {
                id: r.id,
                dates: round_dates(r.opens_at, r.closes_at),
                title: r.title.clone(),
                introduction: r.introduction.clone(),
                state: state.to_owned(),
                is_open,
                can_reopen,
            }
        })
        .collect();
    Ok(RoundsView {
        framework_slug: framework.slug,
        framework_title: framework.title,
        rounds,
        status,
        can_edit,
    })
}
