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
    /// How the easy read twins stand, for editors only.
    pub twins: Option<super::TwinOverview>,
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
    /// For editors, when its easy read twin is missing or needs updating.
    pub twin: Option<crate::domain::easy_read::TwinState>,
}
