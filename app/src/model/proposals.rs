//! What the proposal pages show: the list, one proposal with its backings, comments and
//! (for editors) the decision forms, and the form to propose a statement.

use super::{OrganisationRef, ValueDetail};
use crate::domain::{drafting::Knowledge, plain_language::JargonEntry, proposals::Status};
use serde::{Deserialize, Serialize};

/// The name the proposal form's feedback travels under (see [`crate::form`]).
pub const PROPOSE_FORM: &str = "proposal";
/// The same for every form on a proposal's page.
pub const PROPOSAL_PAGE_FORM: &str = "proposal-page";

/// The id of the "Decision" heading on a proposal's page: a refused withdrawal is shown
/// there, where the page says why (decided already, or its round has closed).
pub const PROPOSAL_DECISION: &str = "decision";

/// A theme to choose from, or a proposal's theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeChoice {
    pub code: String,
    pub title: String,
}

/// The statement a decided proposal became or went into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLink {
    pub reference: String,
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalSummary {
    pub id: i64,
    pub href: String,
    pub theme: ThemeChoice,
    pub body: String,
    pub status: Status,
    pub backings: i64,
    /// `None` when the proposer chose to be seen by the policy team only.
    pub proposer: Option<String>,
    /// The kind of knowledge the proposer said it draws on.
    pub knowledge: Knowledge,
    pub statement: Option<StatementLink>,
    /// The decision's reason, once decided.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalsView {
    pub framework_slug: String,
    pub framework_title: String,
    /// One page of the proposals the viewer may see, newest first.
    pub proposals: super::Paged<ProposalSummary>,
    /// Whether a round is open now, so new statements can be proposed.
    pub round_open: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalCommentView {
    pub id: i64,
    /// `None`: only the policy team sees who wrote it.
    pub author: Option<String>,
    pub body: String,
    pub date: String,
}

/// What an editor chooses from to decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionChoices {
    pub themes: Vec<ThemeChoice>,
    /// Statements it could be merged into, with their current text (the new wording
    /// starts from it).
    pub statements: Vec<(String, String)>,
    pub values: Vec<ValueDetail>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalView {
    pub framework_slug: String,
    pub framework_title: String,
    pub summary: ProposalSummary,
    pub why: String,
    pub date: String,
    pub signed_in: bool,
    /// The viewer made it (they cannot back their own).
    pub own: bool,
    pub backed: bool,
    pub comments: Vec<ProposalCommentView>,
    pub comment_key: String,
    /// Present for editors while it is open.
    pub decide: Option<DecisionChoices>,
    /// The proposer withdrew it: the page says so and shows nothing else of it.
    pub withdrawn: bool,
    /// The viewer proposed it, it waits for a decision and its round is open.
    pub can_withdraw: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposeFormView {
    pub framework_slug: String,
    pub framework_title: String,
    pub themes: Vec<ThemeChoice>,
    /// The theme asked for in the address (`?theme=HL`), if any.
    pub chosen_theme: String,
    pub organisations: Vec<OrganisationRef>,
    pub jargon: Vec<JargonEntry>,
    pub submission_key: String,
    /// The open round's title; `None` when no round is open.
    pub open_round: Option<String>,
}

/// The proposals a published version's rounds decided, for its report: those the
/// proposer let be shown, and how many were for the policy team only (counted, not shown).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportProposals {
    pub shown: Vec<ProposalSummary>,
    pub policy_team_only: usize,
}
