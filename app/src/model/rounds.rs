use super::RoundStatus;
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
