//! The round's comments for editors to answer, and each person's own contributions.

use serde::{Deserialize, Serialize};

/// The answer list's filters, as in its address. They travel with every page link and
/// with every answer form, so the list comes back as it was.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentFilters {
    pub statement: String,
    /// A theme's code.
    pub theme: String,
    /// "", "unanswered", "answered", or an outcome.
    pub outcome: String,
    pub organisation: String,
    pub knowledge: String,
    /// Words to find in the comment or its suggested wording.
    pub q: String,
}

impl CommentFilters {
    /// Every filter's name in the address, in order.
    pub const NAMES: [&'static str; 6] = [
        "statement",
        "theme",
        "outcome",
        "organisation",
        "knowledge",
        "q",
    ];

    /// Read from the address's query, by name.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name: &str| get(name).unwrap_or_default();
        Self {
            statement: get("statement"),
            theme: get("theme"),
            outcome: get("outcome"),
            organisation: get("organisation"),
            knowledge: get("knowledge"),
            q: get("q"),
        }
    }

    /// The filters as a list address's query (search text percent-encoded).
    pub fn list_query(&self) -> super::ListQuery {
        super::ListQuery::new()
            .with("statement", self.statement.clone())
            .with("theme", self.theme.clone())
            .with("outcome", self.outcome.clone())
            .with("organisation", self.organisation.clone())
            .with("knowledge", self.knowledge.clone())
            .with("q", self.q.clone())
    }

    /// As a query string, to come back to the same filtered list after answering.
    pub fn query(&self) -> String {
        self.list_query().query()
    }

    /// Whether any filter is set.
    pub fn any(&self) -> bool {
        !self.query().is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundComment {
    pub id: i64,
    pub reference: String,
    pub statement_path: String,
    pub author: String,
    pub organisation: Option<String>,
    pub knowledge: String,
    pub visibility: String,
    pub body: String,
    pub quote: Option<String>,
    pub suggestion: Option<String>,
    pub outcome: String,
    pub reason: String,
    /// The text it was made on.
    pub text_kind: crate::domain::easy_read::TextKind,
    /// Set when it says an earlier comment still matters.
    pub still_matters: Option<super::StillMattersNote>,
    /// An editor's personal line to this person.
    pub personal_line: Option<String>,
    /// Its answer is in a published version and can no longer change.
    pub settled: bool,
    /// When a moderator changed what the public reads of it: "Hidden from public view
    /// by a moderator (abusive language)." The answer's reason is public: it should not
    /// repeat what was taken out.
    pub moderation_note: Option<String>,
}

/// A group of alike comments on the answer list: one text shown, answered once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlikeSummary {
    pub id: i64,
    /// Live members, and how many have no answer yet.
    pub members: u64,
    pub unanswered: u64,
    /// The organisations behind it, by name.
    pub organisations: Vec<String>,
    /// Its own page, listing every member.
    pub href: String,
}

impl AlikeSummary {
    /// "and 399 others said the same".
    pub fn others(&self) -> String {
        let others = self.members.saturating_sub(1);
        format!(
            "and {} {} said the same",
            super::thousands(others),
            if others == 1 { "other" } else { "others" }
        )
    }
}

/// One entry of the answer list: a comment on its own, or a group shown by one member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerEntry {
    pub comment: RoundComment,
    pub group: Option<AlikeSummary>,
    /// The member of this group that the address linked to (`?comment=`), when it is
    /// not the member the group is shown by: the entry says so, where the link lands.
    pub linked_member: Option<i64>,
}

/// The answer list's address parameter naming a comment to open the list at.
pub const LINKED_COMMENT_PARAM: &str = "comment";

/// The address that opens a round's answer list at one comment: only its statement's
/// comments (a short list), on the page that holds it (or its group), scrolled to it.
pub fn answer_list_link(slug: &str, round_id: i64, reference: &str, comment_id: i64) -> String {
    let path = format!("/frameworks/{slug}/rounds/{round_id}/comments");
    let query = super::ListQuery::new()
        .with("statement", reference)
        .with(LINKED_COMMENT_PARAM, comment_id.to_string());
    format!("{}#comment-{comment_id}", query.href(&path, 1))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundCommentsView {
    pub framework_slug: String,
    pub framework_title: String,
    pub round_id: i64,
    pub round_title: String,
    /// The version that published this round's answers; they can no longer change.
    pub published_version: Option<i64>,
    /// Live comments in the round, how many have an answer, and how many groups still
    /// have a member without one: exact, counted by the database.
    pub total: u64,
    pub answered: u64,
    pub groups_left: u64,
    /// One page of the filtered list.
    pub entries: super::Paged<AnswerEntry>,
    pub statements: Vec<String>,
    /// Theme codes and titles.
    pub themes: Vec<(String, String)>,
    pub organisations: Vec<String>,
    pub filters: CommentFilters,
    /// How many people said an earlier comment still matters: in the round, and per
    /// statement (only statements where someone did).
    pub still_matters_people: usize,
    pub still_matters_by_statement: Vec<super::StillMattersCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    pub reference: String,
    pub statement_path: String,
    pub body: String,
    pub quote: Option<String>,
    pub created_label: String,
    pub on_behalf_of: Option<String>,
    pub outcome: String,
    pub reason: Option<String>,
    /// An editor's personal line to this person, beside the answer.
    pub personal_line: Option<String>,
    /// Once the round is answered in a published version: where to read about it.
    pub published: Option<PublishedIn>,
    /// What a moderator changed of how others read it, and why.
    pub moderation: Option<super::ModerationNotice>,
}

/// The version that answered a comment, and where the comment landed in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedIn {
    pub version: i64,
    /// The comment in the version's report (the report itself for a private comment).
    pub report_href: String,
    /// The draft it was acted on in, and its place on the trace page.
    pub landed: Option<super::Landing>,
}

/// A group of alike comments on its own page: every member, a page at a time, each of
/// which can be split out or given a personal line, and the one answer for them all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlikeGroupView {
    pub framework_slug: String,
    pub framework_title: String,
    pub round_id: i64,
    pub round_title: String,
    pub group: AlikeSummary,
    pub reference: String,
    /// The first member: the text shown for the group.
    pub representative: RoundComment,
    pub members: super::Paged<RoundComment>,
    /// The version that published the round's answers: nothing can change any more.
    pub published_version: Option<i64>,
}

impl AlikeGroupView {
    pub fn path(&self) -> String {
        self.group.href.clone()
    }
}
