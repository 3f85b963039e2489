//! The knowledge balance: the share of a round's comments drawing on each kind of
//! knowledge, for the round, each theme and each statement. Counts of kinds of knowledge
//! are public (they name nobody), so everyone sees them; editors also see what they can
//! do about a round where lived experience is under-heard. Every page here is a fixed
//! number of queries, and comments are counted by the database, never loaded.

use super::{Context, clock::now, lookups, store};
use crate::{
    domain::{
        balance::{Balance, KnowledgeCounts},
        format_date,
    },
    error::AppError,
    model::{
        BalanceInRound, BalanceRow, FrameworkSettings, RoundBalanceView, RoundPhase,
        round_balance_path,
    },
};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// A framework's settings, read through the caller's connection.
pub async fn settings(
    conn: &mut AnyConnection,
    framework_id: i64,
) -> Result<FrameworkSettings, AppError> {
    let row = store::frameworks::settings(conn, framework_id).await?;
    Ok(FrameworkSettings {
        // The database keeps it between 0 and 100 (a CHECK constraint).
        lived_experience_target: u8::try_from(row.lived_experience_target.clamp(0, 100))
            .unwrap_or(crate::domain::balance::DEFAULT_LIVED_EXPERIENCE_TARGET),
        requires_easy_read: row.requires_easy_read != 0,
    })
}

pub fn phase(round: &store::rounds::RoundRow, at: i64) -> RoundPhase {
    if round.opens_at > at {
        RoundPhase::Upcoming {
            opens_label: format_date(round.opens_at),
        }
    } else if at < round.closes_at {
        RoundPhase::Open {
            closes_label: format_date(round.closes_at - 1),
        }
    } else {
        RoundPhase::Closed {
            closed_label: format_date(round.closes_at - 1),
        }
    }
}

/// Counts per statement from the grouped rows.
fn by_statement(rows: Vec<store::balance::KnowledgeCountRow>) -> HashMap<i64, KnowledgeCounts> {
    let mut counts: HashMap<i64, KnowledgeCounts> = HashMap::new();
    for row in rows {
        counts
            .entry(row.statement_id)
            .or_default()
            .add(row.knowledge, u64::try_from(row.comments).unwrap_or(0));
    }
    counts
}

fn sum<'a>(counts: impl Iterator<Item = &'a KnowledgeCounts>) -> KnowledgeCounts {
    let mut total = KnowledgeCounts::default();
    for c in counts {
        for kind in crate::domain::drafting::Knowledge::ALL {
            total.add(kind, c.get(kind));
        }
    }
    total
}

/// A round's balance page: six queries (framework, settings, round, themes, statements,
/// counts), whatever the number of comments.
pub async fn round(cx: &Context, slug: &str, round_id: i64) -> Result<RoundBalanceView, AppError> {
    let mut conn = cx.read().await?;
    let framework = lookups::framework(&mut conn, slug).await?;
    let settings = settings(&mut conn, framework.id).await?;
    let round = lookups::round(&mut conn, framework.id, round_id).await?;
    let themes = store::frameworks::themes(&mut conn, framework.id).await?;
    let statements = store::balance::statements(&mut conn, framework.id).await?;
    let counts = by_statement(store::balance::round_counts(&mut conn, round.id).await?);
    drop(conn);

    let target = settings.lived_experience_target;
    let framework_path = format!("/frameworks/{}", framework.slug);
    let no_counts = KnowledgeCounts::default();
    let counts_of = |id: i64| counts.get(&id).copied().unwrap_or(no_counts);
    let theme_rows = themes
        .iter()
        .map(|theme| {
            let of_theme = statements
                .iter()
                .filter(|s| s.theme_id == theme.id)
                .map(|s| counts_of(s.id))
                .collect::<Vec<_>>();
            BalanceRow {
                label: theme.title.clone(),
                text: String::new(),
                href: format!("{framework_path}#theme-{}", theme.code),
                retired: false,
                balance: Balance::new(sum(of_theme.iter()), target),
            }
        })
        .collect();
    // Retired statements are listed only when this round heard something about them.
    let statement_rows = statements
        .iter()
        .filter(|s| s.retired_at.is_none() || counts.contains_key(&s.id))
        .map(|s| BalanceRow {
            label: s.reference.clone(),
            text: s.body.clone(),
            href: format!("{framework_path}/statements/{}", s.reference),
            retired: s.retired_at.is_some(),
            balance: Balance::new(counts_of(s.id), target),
        })
        .collect();
    Ok(RoundBalanceView {
        overall: Balance::new(sum(counts.values()), target),
        themes: theme_rows,
        statements: statement_rows,
        phase: phase(&round, now()),
        dates: format!(
            "{} to {}",
            format_date(round.opens_at),
            format_date(round.closes_at - 1)
        ),
        round_id: round.id,
        round_title: round.title,
        can_edit: cx.is_editor(),
        framework_slug: framework.slug,
        framework_title: framework.title,
    })
}

/// The round a statement's or framework's balance is shown for: the open one, or else
/// the latest to have opened. `None` before any round has opened.
fn current_or_latest(
    rounds: Vec<store::rounds::RoundRow>,
    at: i64,
) -> Option<store::rounds::RoundRow> {
    // `for_framework` lists rounds by opening date; rounds do not overlap.
    rounds.into_iter().rfind(|r| r.opens_at <= at)
}

/// One statement's balance in the open (or latest) round: five queries.
pub async fn statement(
    cx: &Context,
    slug: &str,
    reference: &str,
) -> Result<Option<BalanceInRound>, AppError> {
    let mut conn = cx.read().await?;
    let framework = lookups::framework(&mut conn, slug).await?;
    let statement = lookups::statement(&mut conn, framework.id, reference).await?;
    let at = now();
    let Some(round) = current_or_latest(
        store::rounds::for_framework(&mut conn, framework.id).await?,
        at,
    ) else {
        return Ok(None);
    };
    let settings = settings(&mut conn, framework.id).await?;
    let counts =
        by_statement(store::balance::statement_counts(&mut conn, round.id, statement.id).await?);
    Ok(Some(BalanceInRound {
        round_href: round_balance_path(&framework.slug, round.id),
        phase: phase(&round, at),
        round_title: round.title,
        balance: Balance::new(sum(counts.values()), settings.lived_experience_target),
        can_edit: cx.is_editor(),
    }))
}

/// The open round's balance, for the framework page: four queries, and none of the
/// counting when no round is open.
pub async fn open_round(cx: &Context, slug: &str) -> Result<Option<BalanceInRound>, AppError> {
    let mut conn = cx.read().await?;
    let framework = lookups::framework(&mut conn, slug).await?;
    let at = now();
    let Some(round) = store::rounds::open_at(&mut conn, framework.id, at).await? else {
        return Ok(None);
    };
    let settings = settings(&mut conn, framework.id).await?;
    let mut totals = KnowledgeCounts::default();
    for row in store::balance::round_totals(&mut conn, round.id).await? {
        totals.add(row.knowledge, u64::try_from(row.comments).unwrap_or(0));
    }
    Ok(Some(BalanceInRound {
        round_href: round_balance_path(&framework.slug, round.id),
        phase: phase(&round, at),
        round_title: round.title,
        balance: Balance::new(totals, settings.lived_experience_target),
        can_edit: cx.is_editor(),
    }))
}
