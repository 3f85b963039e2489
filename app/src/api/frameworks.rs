use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub statement_count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkDetail {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub themes: Vec<ThemeDetail>,
    pub round: super::RoundStatus,
    pub can_edit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeDetail {
    pub code: String,
    pub title: String,
    pub description: String,
    pub statements: Vec<StatementSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementSummary {
    pub reference: String,
    pub text: String,
}

#[server]
pub async fn list_frameworks() -> Result<Vec<FrameworkSummary>, AppError> {
    use crate::server::{request, store};
    let state = request::app_state()?;
    Ok(store::frameworks::list(&state.db.pool)
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

/// A framework with its themes, current statements and rounds: four queries, whatever its size.
#[server]
pub async fn get_framework(slug: String) -> Result<FrameworkDetail, AppError> {
    use crate::server::{request, store::frameworks};
    let state = request::app_state()?;
    let pool = &state.db.pool;
    let framework = frameworks::find_by_slug(pool, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let themes = frameworks::themes(pool, framework.id).await?;
    let statements = frameworks::current_statements(pool, framework.id).await?;
    let rounds = crate::server::store::rounds::for_framework(pool, framework.id).await?;
    Ok(FrameworkDetail {
        round: crate::server::views::round_status(&rounds, crate::server::clock::now()),
        can_edit: request::viewer().is_some_and(|v| v.is_editor),
        slug: framework.slug,
        title: framework.title,
        summary: framework.summary,
        themes: themes
            .into_iter()
            .map(|theme| ThemeDetail {
                statements: statements
                    .iter()
                    .filter(|s| s.theme_id == theme.id)
                    .map(|s| StatementSummary {
                        reference: s.reference.clone(),
                        text: s.body.clone(),
                    })
                    .collect(),
                code: theme.code,
                title: theme.title,
                description: theme.description,
            })
            .collect(),
    })
}
