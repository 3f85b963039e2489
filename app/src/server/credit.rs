//! Credit for whose words they are: worked out and stored when a version is published
//! (so it never changes afterwards, whatever later drafts do), and read back as the
//! public credit line of each statement and as "Your words are in …" for each person.

use super::{
    Context,
    store::{self, credits::CreditedRow},
};
use crate::{
    domain::credit::{self, Contribution, Credited, Person, Source},
    error::AppError,
    model::YourWordsIn,
};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// Work out a version's credit from the word-level trace of its statements' standard
/// drafts and store it with the version: five queries (four reads and the writes), however
/// many statements and comments. Call it inside the publish transaction, after the
/// version's statements are written.
pub async fn record(conn: &mut AnyConnection, publication_id: i64) -> Result<(), sqlx::Error> {
    let published: HashMap<i64, i64> = store::publications::statements(conn, publication_id)
        .await?
        .into_iter()
        .map(|s| (s.statement_id, s.revision_id))
        .collect();
    let history = store::statements::history_of_publication(conn, publication_id).await?;
    // Only drafts up to the published one: the version's text is what is credited.
    let drafts: Vec<(i64, i64, &str)> = history
        .iter()
        .filter(|h| published.get(&h.statement_id).is_some_and(|p| h.id <= *p))
        .map(|h| (h.statement_id, h.id, h.body.as_str()))
        .collect();
    let mut contributions: HashMap<i64, Contribution> = HashMap::new();
    for (comment, statement_id, revision, outcome) in
        store::credits::comment_sources(conn, publication_id).await?
    {
        if credit::counts_for_credit(outcome) {
            contributions
                .entry(comment)
                .or_insert_with(|| Contribution {
                    source: Source::Comment(comment),
                    statement_id,
                    drafts: Vec::new(),
                })
                .drafts
                .push(revision);
        }
    }
    let mut contributions: Vec<Contribution> = contributions.into_values().collect();
    contributions.extend(store::credits::proposal_sources(conn, publication_id).await?);
    let credits = credit::credit_version(&drafts, &contributions);
    store::credits::insert(conn, publication_id, &credits).await
}

/// Who a credited row is and how they may be shown.
fn credited(row: &CreditedRow) -> Credited {
    let person = match (row.author_id, row.participant_id, row.comment_id) {
        (Some(user), _, _) => Person::User(user),
        (None, Some(participant), _) => Person::Participant(participant),
        // A group view: the group is its comment.
        (None, None, comment) => Person::Group(comment.unwrap_or_default()),
    };
    Credited {
        person,
        visibility: row.visibility,
        name: row.name.clone(),
        organisation: row.organisation_name.clone(),
        knowledge: row.knowledge,
        group_agreed: row.group_agreed,
        event: row.event_name.clone(),
    }
}

/// Each credited statement's public credit line ("Sam, someone with lived experience
/// and 2 others"), by statement id.
pub fn lines(rows: &[CreditedRow]) -> HashMap<i64, String> {
    let mut by_statement: HashMap<i64, Vec<Credited>> = HashMap::new();
    for row in rows {
        by_statement
            .entry(row.statement_id)
            .or_default()
            .push(credited(row));
    }
    by_statement
        .into_iter()
        .filter_map(|(statement, people)| Some((statement, credit::credit_line(&people)?)))
        .collect()
}

/// The public credit line of every statement of a version, in one query.
pub async fn lines_for_publication(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<HashMap<i64, String>, sqlx::Error> {
    Ok(lines(
        &store::credits::for_publication(conn, publication_id).await?,
    ))
}

/// The public credit line of one statement of a version.
pub async fn line_for_statement(
    conn: &mut AnyConnection,
    publication_id: i64,
    statement_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    Ok(lines_for_statements(conn, publication_id, &[statement_id])
        .await?
        .remove(&statement_id))
}

/// The public credit lines of these statements of a version, in one query.
pub async fn lines_for_statements(
    conn: &mut AnyConnection,
    publication_id: i64,
    statement_ids: &[i64],
) -> Result<HashMap<i64, String>, sqlx::Error> {
    Ok(lines(
        &store::credits::for_published_statements(conn, publication_id, statement_ids).await?,
    ))
}

/// "Your words are in HL-3 (version 2)", one line per statement, for each signed-in
/// person and each person recorded at an event whose words are in a version.
#[derive(Debug, Default)]
pub struct YourWords {
    pub users: HashMap<i64, Vec<String>>,
    pub participants: HashMap<i64, Vec<String>>,
}

impl YourWords {
    /// One person's lines (none when their words are in no statement).
    pub fn lines(by_person: &HashMap<i64, Vec<String>>, id: i64) -> &[String] {
        by_person.get(&id).map(Vec::as_slice).unwrap_or_default()
    }

    pub fn of(rows: &[CreditedRow], version: i64) -> Self {
        let mut yours = Self::default();
        for row in rows {
            let list = match (row.author_id, row.participant_id) {
                (Some(user), _) => yours.users.entry(user).or_default(),
                (None, Some(participant)) => yours.participants.entry(participant).or_default(),
                (None, None) => continue,
            };
            let line = credit::your_words_are_in(&row.reference, version);
            if !list.contains(&line) {
                list.push(line);
            }
        }
        yours
    }
}

/// Where the signed-in person's words are, across every published version, newest
/// version first: one query.
pub async fn my_words(cx: &Context) -> Result<Vec<YourWordsIn>, AppError> {
    let viewer = cx.signed_in()?;
    let mut conn = cx.read().await?;
    Ok(store::credits::words_of_person(&mut conn, viewer.id)
        .await?
        .into_iter()
        .map(|w| YourWordsIn {
            line: credit::your_words_are_in(&w.reference, w.version),
            version_href: format!("/frameworks/{}/versions/{}", w.framework_slug, w.version),
        })
        .collect())
}
