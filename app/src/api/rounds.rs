use super::RoundStatus;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundView {
    pub id: i64,
    pub title: String,
    pub introduction: String,
    pub dates: String,
    /// "Open now", "Coming up" or "Closed".
    pub state: String,
    pub is_open: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundsView {
    pub framework_slug: String,
    pub framework_title: String,
    pub rounds: Vec<RoundView>,
    pub status: RoundStatus,
    pub can_edit: bool,
}

#[server]
pub async fn get_rounds(slug: String) -> Result<RoundsView, AppError> {
    use crate::{
        domain::format_date,
        server::{clock::now, request, store, views},
    };
    let state = request::app_state()?;
    let framework = store::frameworks::find_by_slug(&state.db.pool, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = store::rounds::for_framework(&state.db.pool, framework.id).await?;
    let at = now();
    let status = views::round_status(&rows, at);
    let rounds = rows
        .into_iter()
        .rev()
        .map(|r| {
            let (state, is_open) = if r.closes_at <= at {
                ("Closed", false)
            } else if r.opens_at <= at {
                ("Open now", true)
            } else {
                ("Coming up", false)
            };
            RoundView {
                id: r.id,
                dates: format!(
                    "{} to {}",
                    format_date(r.opens_at),
                    format_date(r.closes_at - 1)
                ),
                title: r.title,
                introduction: r.introduction,
                state: state.to_owned(),
                is_open,
            }
        })
        .collect();
    Ok(RoundsView {
        framework_slug: framework.slug,
        framework_title: framework.title,
        rounds,
        status,
        can_edit: request::viewer().is_some_and(|v| v.is_editor),
    })
}
