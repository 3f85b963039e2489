//! Events a facilitator recorded, what was said there and what became of it, and the
//! letters that carry it back to people without email.

use super::OrganisationRef;

/// The form on "Your events" that adds one, and the form on an event's page that
/// records what was said (their names tell a refused post's feedback where to show).
pub const EVENT_FORM: &str = "event";
pub const RECORD_FORM: &str = "record";
/// The form that corrects something recorded (`/events/N/comments/M/edit`).
pub const CORRECT_FORM: &str = "correct";
use serde::{Deserialize, Serialize};

/// One event in a facilitator's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSummary {
    pub id: i64,
    pub name: String,
    pub date_label: String,
    pub place: String,
    pub framework_title: String,
    pub comment_count: i64,
}

/// A framework whose current round can take what was said at an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkChoice {
    pub slug: String,
    pub title: String,
    pub round_title: String,
}

/// "Your events": the list, and what the form to add one needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventsView {
    /// One page of the facilitator's events, newest first.
    pub events: super::Paged<EventSummary>,
    pub frameworks: Vec<FrameworkChoice>,
    pub organisations: Vec<OrganisationRef>,
    pub submission_key: String,
}

/// A statement that can be commented on at the event, for the form's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementChoice {
    pub reference: String,
    pub text: String,
}

/// A comment recorded at the event, with what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedCommentView {
    pub id: i64,
    pub reference: String,
    pub statement_path: String,
    /// Who said it: a name, "Someone at …" or "8 of the 12 people at …".
    pub who: String,
    pub body: String,
    pub suggestion: Option<String>,
    pub knowledge: String,
    /// How they want to hear back, for one person's comment.
    pub hear_back: Option<String>,
    /// "Not answered yet" until an editor answers.
    pub outcome: String,
    pub reason: Option<String>,
    /// The statement's text in the version that answered the round, once published.
    pub published_text: Option<String>,
    /// The words it is about, when not the whole statement.
    pub quote: Option<String>,
    /// The facilitator may still correct or withdraw it (its round is open).
    pub can_change: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub id: i64,
    pub name: String,
    pub date_label: String,
    pub place: String,
    pub ways: Vec<String>,
    pub people_count: Option<i64>,
    pub organisation: Option<String>,
    pub framework_slug: String,
    pub framework_title: String,
    pub round_title: String,
    /// The viewer is its facilitator and the round's version is not yet published.
    pub can_record: bool,
    pub statements: Vec<StatementChoice>,
    /// The words of the statement asked for (`?statement=HL-1`, or "Choose words"), to
    /// record a comment about some of them.
    pub words: Option<StatementWords>,
    pub comments: Vec<RecordedCommentView>,
    /// The version that answered the event's round, once published.
    pub published_version: Option<i64>,
    pub submission_key: String,
}

/// A statement's words, numbered, from the draft a passage would be counted in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementWords {
    pub reference: String,
    pub revision_id: i64,
    pub words: Vec<super::WordChoice>,
}

/// The page that corrects something a facilitator recorded: the form pre-filled with
/// what was recorded, or why it can no longer be corrected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionView {
    pub event_id: i64,
    pub event_name: String,
    pub comment_id: i64,
    pub reference: String,
    pub statement_path: String,
    /// Who said it, as it is shown everywhere.
    pub who: String,
    /// The words it is about, when not the whole statement.
    pub quote: Option<String>,
    /// A group view (agreed and present) rather than one person's comment.
    pub is_group: bool,
    pub people_count: Option<i64>,
    /// What was recorded, by the form's field names (`RecordInput`), to fill the form.
    pub recorded: std::collections::BTreeMap<String, String>,
    /// Why it can no longer be corrected (the round closed, or it was published).
    pub closed: Option<String>,
}

/// One printed letter: to one person, or to be read back to a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    pub comment_id: i64,
    /// "Dear Sam", "Dear friend" or "To the group at …".
    pub greeting: String,
    /// Only for a letter to be posted: placed for a window envelope.
    pub postal_address: Option<String>,
    pub is_group: bool,
    /// Through the facilitator: to give or read to them.
    pub through_facilitator: bool,
    pub reference: String,
    /// Who said it, as it is shown everywhere ("8 of the 12 people at …").
    pub who: String,
    pub said: String,
    pub decision: String,
    pub reason: String,
    /// What the statement now says (the easy read text for someone who asked for it,
    /// where there is one).
    pub statement_now: String,
    pub easy_read: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LettersView {
    pub event_id: i64,
    pub event_name: String,
    pub date_label: String,
    pub framework_title: String,
    /// The version the letters tell of; `None` until it is published.
    pub version: Option<i64>,
    pub letters: Vec<Letter>,
}
