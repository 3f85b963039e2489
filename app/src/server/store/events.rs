//! Events, the people recorded at them, and the comments a facilitator enters for them.

use crate::{
    domain::events::{HearBack, Way},
    model::PageRequest,
};
use sqlx::{AnyConnection, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct EventRow {
    pub id: i64,
    pub framework_id: i64,
    pub round_id: i64,
    pub facilitator_id: i64,
    pub organisation_id: Option<i64>,
    pub name: String,
    pub held_on: i64,
    pub place: String,
    pub people_count: Option<i64>,
    pub created_at: i64,
}

const EVENTS: &str = "SELECT id, framework_id, round_id, facilitator_id, organisation_id, name, \
    held_on, place, people_count, created_at FROM events";

pub struct NewEvent<'a> {
    pub framework_id: i64,
    pub round_id: i64,
    pub facilitator_id: i64,
    pub organisation_id: Option<i64>,
    pub name: &'a str,
    pub held_on: i64,
    pub place: &'a str,
    pub people_count: Option<i64>,
    pub ways: &'a [Way],
    pub submission_key: &'a str,
}

/// Record an event and how people took part in it.
pub async fn insert(
    conn: &mut AnyConnection,
    e: &NewEvent<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO events (framework_id, round_id, facilitator_id, organisation_id, name, \
           held_on, place, people_count, submission_key, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(e.framework_id)
    .bind(e.round_id)
    .bind(e.facilitator_id)
    .bind(e.organisation_id)
    .bind(e.name)
    .bind(e.held_on)
    .bind(e.place)
    .bind(e.people_count)
    .bind(e.submission_key)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    for way in e.ways {
        sqlx::query("INSERT INTO event_ways (event_id, way) VALUES ($1, $2)")
            .bind(id)
            .bind(*way)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

pub async fn find(conn: &mut AnyConnection, id: i64) -> Result<Option<EventRow>, sqlx::Error> {
    sqlx::query_as::<_, EventRow>(sqlx::AssertSqlSafe(format!("{EVENTS} WHERE id = $1")))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The event a form's submission key already made, so a form sent twice makes one event.
pub async fn find_by_key(
    conn: &mut AnyConnection,
    key: &str,
) -> Result<Option<EventRow>, sqlx::Error> {
    sqlx::query_as::<_, EventRow>(sqlx::AssertSqlSafe(format!(
        "{EVENTS} WHERE submission_key = $1"
    )))
    .bind(key)
    .fetch_optional(conn)
    .await
}

/// How people took part in an event, in the order of `Way::ALL`.
pub async fn ways(conn: &mut AnyConnection, event_id: i64) -> Result<Vec<Way>, sqlx::Error> {
    let stored: Vec<Way> = sqlx::query_scalar("SELECT way FROM event_ways WHERE event_id = $1")
        .bind(event_id)
        .fetch_all(conn)
        .await?;
    Ok(Way::ALL
        .into_iter()
        .filter(|w| stored.contains(w))
        .collect())
}

#[derive(Debug, Clone, FromRow)]
pub struct ParticipantRow {
    pub id: i64,
    pub event_id: i64,
    pub name: String,
    pub hear_back: HearBack,
    pub email: Option<String>,
    pub postal_address: Option<String>,
    pub easy_read: i64,
}

const PARTICIPANTS: &str = "SELECT id, event_id, name, hear_back, email, postal_address, \
    easy_read FROM event_participants";

pub struct NewParticipant<'a> {
    pub event_id: i64,
    pub name: &'a str,
    pub hear_back: HearBack,
    /// Only when they chose to hear back by email.
    pub email: Option<&'a str>,
    /// Only when they chose to hear back by post.
    pub postal_address: Option<&'a str>,
    pub easy_read: bool,
}

pub async fn insert_participant(
    conn: &mut AnyConnection,
    p: &NewParticipant<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO event_participants (event_id, name, hear_back, email, postal_address, \
           easy_read, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(p.event_id)
    .bind(p.name)
    .bind(p.hear_back)
    .bind(p.email)
    .bind(p.postal_address)
    .bind(i64::from(p.easy_read))
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Correct what was recorded about someone at an event (a person belongs to one event).
pub async fn update_participant(
    conn: &mut AnyConnection,
    id: i64,
    p: &NewParticipant<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE event_participants SET name = $1, hear_back = $2, email = $3, postal_address = $4, \
           easy_read = $5 WHERE id = $6 AND event_id = $7",
    )
    .bind(p.name)
    .bind(p.hear_back)
    .bind(p.email)
    .bind(p.postal_address)
    .bind(i64::from(p.easy_read))
    .bind(id)
    .bind(p.event_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn participant(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<ParticipantRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{PARTICIPANTS} WHERE id = $1")))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The people recorded at events with these ids (those that exist), in one query.
pub async fn participants(
    conn: &mut AnyConnection,
    ids: &[i64],
) -> Result<Vec<ParticipantRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = super::placeholders(1, ids.len());
    let mut query = sqlx::query_as::<_, ParticipantRow>(sqlx::AssertSqlSafe(format!(
        "{PARTICIPANTS} WHERE id IN ({list})"
    )));
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(conn).await
}

/// An event with what its pages show beside it: its framework, round, organisation and
/// the version that answered its round, in one query.
#[derive(Debug, Clone, FromRow)]
pub struct EventDetailRow {
    pub id: i64,
    pub framework_id: i64,
    pub round_id: i64,
    pub facilitator_id: i64,
    pub name: String,
    pub held_on: i64,
    pub place: String,
    pub people_count: Option<i64>,
    pub organisation_name: Option<String>,
    pub framework_slug: String,
    pub framework_title: String,
    pub round_title: String,
    pub opens_at: i64,
    pub closes_at: i64,
    pub publication_id: Option<i64>,
    pub version: Option<i64>,
}

pub async fn detail(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<EventDetailRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.id, e.framework_id, e.round_id, e.facilitator_id, e.name, e.held_on, e.place, \
           e.people_count, o.name AS organisation_name, f.slug AS framework_slug, \
           f.title AS framework_title, rd.title AS round_title, rd.opens_at, rd.closes_at, \
           rd.publication_id, p.version \
         FROM events e JOIN frameworks f ON f.id = e.framework_id \
         JOIN rounds rd ON rd.id = e.round_id \
         LEFT JOIN organisations o ON o.id = e.organisation_id \
         LEFT JOIN publications p ON p.id = rd.publication_id \
         WHERE e.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct EventListRow {
    pub id: i64,
    pub name: String,
    pub held_on: i64,
    pub place: String,
    pub framework_title: String,
    pub comment_count: i64,
}

/// One page of a facilitator's events, newest first (then by id, so pages are stable),
/// each with how many comments it recorded, over `events_by_facilitator`.
pub async fn for_facilitator(
    conn: &mut AnyConnection,
    facilitator_id: i64,
    page: PageRequest,
) -> Result<Vec<EventListRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.id, e.name, e.held_on, e.place, f.title AS framework_title, \
           (SELECT COUNT(*) FROM comments c WHERE c.event_id = e.id AND c.withdrawn_at IS NULL) AS comment_count \
         FROM events e JOIN frameworks f ON f.id = e.framework_id \
         WHERE e.facilitator_id = $1 ORDER BY e.held_on DESC, e.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(facilitator_id)
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(conn)
    .await
}

/// How many events a facilitator has recorded: what [`for_facilitator`] pages through.
pub async fn count_for_facilitator(
    conn: &mut AnyConnection,
    facilitator_id: i64,
) -> Result<u64, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM events e WHERE e.facilitator_id = $1")
        .bind(facilitator_id)
        .fetch_one(conn)
        .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// A framework's round that can take what was said at an event: the newest that has
/// opened and that no published version answers yet.
#[derive(Debug, Clone, FromRow)]
pub struct TakingRound {
    pub framework_id: i64,
    pub slug: String,
    pub title: String,
    pub round_id: i64,
    pub round_title: String,
}

const TAKING: &str = "SELECT f.id AS framework_id, f.slug, f.title, rd.id AS round_id, \
      rd.title AS round_title FROM frameworks f JOIN rounds rd ON rd.framework_id = f.id \
    WHERE rd.opens_at <= $1 AND rd.publication_id IS NULL \
      AND rd.id = (SELECT MAX(x.id) FROM rounds x WHERE x.framework_id = f.id \
                   AND x.opens_at <= $1 AND x.publication_id IS NULL)";

/// Every framework with such a round, for the new event form's list.
pub async fn rounds_taking_events(
    conn: &mut AnyConnection,
    now: i64,
) -> Result<Vec<TakingRound>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{TAKING} ORDER BY f.title")))
        .bind(now)
        .fetch_all(conn)
        .await
}

pub async fn round_taking_events(
    conn: &mut AnyConnection,
    slug: &str,
    now: i64,
) -> Result<Option<TakingRound>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{TAKING} AND f.slug = $2")))
        .bind(now)
        .bind(slug)
        .fetch_optional(conn)
        .await
}

/// Everyone recorded at an event, in the order they were recorded.
pub async fn participants_of(
    conn: &mut AnyConnection,
    event_id: i64,
) -> Result<Vec<ParticipantRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{PARTICIPANTS} WHERE event_id = $1 ORDER BY id"
    )))
    .bind(event_id)
    .fetch_all(conn)
    .await
}

/// The comment a recorded form's submission key already made, and at which event.
pub async fn recorded_by_key(
    conn: &mut AnyConnection,
    key: &str,
) -> Result<Option<(i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as("SELECT id, event_id FROM comments WHERE submission_key = $1")
        .bind(key)
        .fetch_optional(conn)
        .await
}
