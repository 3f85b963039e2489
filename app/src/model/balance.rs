//! The knowledge balance pages: whose knowledge a round has heard, by theme and by
//! statement, and a framework's settings for it. Counts only: never names.

use crate::domain::balance::Balance;
use serde::{Deserialize, Serialize};

/// A framework's settings that editors change on its edit page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkSettings {
    /// The share of comments drawing on lived experience, in percent, below which a
    /// round, theme or statement is shown as under-heard.
    pub lived_experience_target: u8,
    /// Publishing needs an easy read version of every statement.
    pub requires_easy_read: bool,
}

/// Where a round is in its life, with the date that matters then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundPhase {
    Upcoming { opens_label: String },
    Open { closes_label: String },
    Closed { closed_label: String },
}

/// One row of a balance table: a theme, or a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BalanceRow {
    /// A theme's title, or a statement's reference.
    pub label: String,
    /// A statement's text (empty for a theme).
    pub text: String,
    pub href: String,
    pub retired: bool,
    pub balance: Balance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundBalanceView {
    pub framework_slug: String,
    pub framework_title: String,
    pub round_id: i64,
    pub round_title: String,
    pub dates: String,
    pub phase: RoundPhase,
    /// The whole round.
    pub overall: Balance,
    pub themes: Vec<BalanceRow>,
    pub statements: Vec<BalanceRow>,
    pub can_edit: bool,
}

impl RoundBalanceView {
    pub fn path(&self) -> String {
        round_balance_path(&self.framework_slug, self.round_id)
    }
}

/// A round's knowledge balance page.
pub fn round_balance_path(framework_slug: &str, round_id: i64) -> String {
    format!("/frameworks/{framework_slug}/rounds/{round_id}")
}

/// One statement's balance in the open round, or else the latest one to have opened;
/// also the open round's balance on the framework page (with `reference` empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BalanceInRound {
    pub round_title: String,
    pub round_href: String,
    pub phase: RoundPhase,
    pub balance: Balance,
    pub can_edit: bool,
}
