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
    /// The reader's choice of text.
    pub reading: crate::domain::easy_read::TextKind,
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
    /// In the reader's choice of text where the statement has it.
    pub text: String,
    /// For easy read readers: why this is not (or not quite) the easy read text.
    pub reading_note: Option<String>,
}
