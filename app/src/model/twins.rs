//! Easy read twins as editors see them: where a statement's twin stands, the page for
//! writing and redrafting it, and the framework's and publish page's lists of twins
//! that are missing or out of step.

use crate::domain::{diff::WordDiff, easy_read::TwinState, plain_language::JargonEntry};
use serde::{Deserialize, Serialize};

/// The easy read page's form, as its refusals name it.
pub const EASY_READ_FORM: &str = "easy-read";
/// "It still fits" buttons: the form their refusals name, and the button's id, which the
/// error summary links to.
pub const STILL_FITS_FORM: &str = "still-fits";
/// Set on a refused easy read save when someone else's draft came first: the draft the
/// editor started from, so the page can show what changed meanwhile.
pub const CONFLICT_FROM: &str = "conflict_from";

/// Where a statement's easy read twin stands, with what an editor can do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwinStatusView {
    pub state: TwinState,
    /// The statement's page, e.g. `/frameworks/ncs/statements/HL-1`.
    pub statement_path: String,
    /// The main draft and easy read draft an "It still fits" confirms together.
    pub main_revision_id: i64,
    pub easy_read_id: Option<i64>,
}

impl TwinStatusView {
    pub fn easy_read_path(&self) -> String {
        format!("{}/easy-read", self.statement_path)
    }

    pub fn still_fits_path(&self) -> String {
        format!("{}/easy-read/still-fits", self.statement_path)
    }
}

/// An easy read picture as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PictureView {
    pub id: i64,
    pub alt: String,
}

impl PictureView {
    /// The picture of an easy read draft, if it has one.
    pub fn of(id: Option<i64>, alt: &str) -> Option<Self> {
        id.map(|id| Self {
            id,
            alt: alt.to_owned(),
        })
    }

    /// Where it is served from.
    pub fn src(&self) -> String {
        format!("/pictures/{}", self.id)
    }
}

/// One easy read draft, with the word diff from the draft before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EasyReadDraftView {
    pub id: i64,
    pub number: usize,
    pub author: String,
    pub note: String,
    pub created_label: String,
    pub text: String,
    pub picture: Option<PictureView>,
    /// None for the first draft.
    pub change: Option<WordDiff>,
    /// In words, when the picture changed from the draft before.
    pub picture_change: Option<String>,
}

/// The page for writing or redrafting a statement's easy read text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EasyReadPageView {
    pub framework_slug: String,
    pub framework_title: String,
    pub theme_code: String,
    pub theme_title: String,
    pub reference: String,
    pub retired: bool,
    pub main_text: String,
    pub main_draft_number: usize,
    pub status: TwinStatusView,
    /// How the main text changed since the easy read text was last written or confirmed
    /// for it (only when the twin needs updating).
    pub main_change: Option<WordDiff>,
    /// Every easy read draft, newest first (the first is the current one).
    pub drafts: Vec<EasyReadDraftView>,
    pub jargon: Vec<JargonEntry>,
    pub submission_key: String,
}

impl EasyReadPageView {
    pub fn statement_path(&self) -> String {
        self.status.statement_path.clone()
    }

    pub fn current(&self) -> Option<&EasyReadDraftView> {
        self.drafts.first()
    }
}

/// A statement whose twin is missing or needs updating, for the lists that find them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwinListItem {
    pub reference: String,
    pub state: TwinState,
    /// The easy read page, where it is written or updated.
    pub easy_read_href: String,
}

/// How a framework's easy read twins stand, for editors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwinOverview {
    pub statements: usize,
    pub needs_updating: Vec<TwinListItem>,
    pub missing: Vec<TwinListItem>,
    /// Publishing is refused while any twin is missing or out of step.
    pub required: bool,
}

impl TwinOverview {
    pub fn out_of_step(&self) -> usize {
        self.needs_updating.len() + self.missing.len()
    }
}
