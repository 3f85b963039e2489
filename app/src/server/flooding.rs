//! One account cannot flood a round: a limit on what one person sends in an hour, and,
//! for editors, who wrote a burst of comments in a round and what they wrote.
//!
//! What the limit counts: comments on statements, proposals of new statements and
//! comments on proposals, all in one count per person, because each is something a
//! policy team must read and answer, and a flood of any of them is the same flood.
//! Backing a proposal or saying an earlier comment "still matters" is not counted: the
//! first writes no words and is one per person per proposal, the second is one per
//! earlier comment per round, so neither can grow without bound.
//!
//! What a facilitator records at an event is not counted against them: they type in
//! many people's words after a workshop or from a pile of paper forms, and the role is
//! given by an admin to people who are trusted with it. Comments they make in their own
//! name go through the same form as anyone's and are counted like anyone's.

use super::{Context, clock::now, db::Tx, lookups, store};
use crate::{
    domain::{format_date_time, format_span, plural},
    error::AppError,
    model::{
        BurstView, PageRequest, Paged, PersonComment, PersonComments, RoundBurstsView,
        answer_list_link,
    },
};

const HOUR: i64 = 60 * 60;

/// How many of one person's comments the bursts page lists at a time.
pub const PERSON_COMMENTS_PER_PAGE: u32 = 50;

/// Count one more thing `author_id` sends, or refuse it with a message beside `field`
/// (the text they typed) saying when they can send it. Call it in the write transaction
/// that saves it, after every other check: the count is kept in `rate_limit_hits`, so it
/// is undone if the save is, and on PostgreSQL a lock per person makes two tabs sending
/// at once wait for each other rather than both slip under the limit (SQLite's
/// `BEGIN IMMEDIATE` already does).
pub(super) async fn count_one(
    cx: &Context,
    tx: &mut Tx,
    author_id: i64,
    field: &str,
) -> Result<(), AppError> {
    let max = cx.state.config.comments_per_hour;
    let Some(until) = store::rate_limits::try_hit_or_wait(
        tx,
        cx.db().backend,
        &format!("writing:{author_id}"),
        now(),
        HOUR,
        max,
    )
    .await?
    else {
        return Ok(());
    };
    // Times are shown to the minute, so round up: never a minute that is still too soon.
    let until = (until + 59) / 60 * 60;
    Err(AppError::Field(
        field.to_owned(),
        format!(
            "You have sent {} in the last hour, which is as many as anyone can send in one hour. \
             You can send this from {}. Nothing has been saved yet, and everything you typed is still here.",
            plural(max, "comment or proposal", "comments and proposals"),
            format_date_time(until)
        ),
    ))
}

/// How a person is named to editors: their chosen name, or their account number.
fn person_label(id: i64, name: &str) -> String {
    if name.is_empty() {
        format!("A participant without a chosen name (account {id})")
    } else {
        name.to_owned()
    }
}

/// The round's bursts (people who wrote more than `burst_above` comments within one
/// hour), busiest first, and, when `person` is given, a page of that person's comments
/// in the round with a link to answer each. Three queries, five with a person.
pub async fn round_bursts(
    cx: &Context,
    slug: &str,
    round_id: i64,
    person: Option<i64>,
    page: Option<String>,
) -> Result<RoundBurstsView, AppError> {
    cx.editor()?;
    let mut conn = cx.read().await?;
    let framework = lookups::framework(&mut conn, slug).await?;
    let round = lookups::round(&mut conn, framework.id, round_id).await?;
    let above = cx.state.config.burst_above;
    let path = format!("/frameworks/{}/rounds/{}/bursts", framework.slug, round.id);
    let bursts = store::comments::bursts_in_round(&mut conn, round.id, above, HOUR)
        .await?
        .into_iter()
        .map(|b| BurstView {
            person_id: b.author_id,
            name: person_label(b.author_id, &b.display_name),
            count: b.count.max(0) as usize,
            when: format_span(b.from, b.to),
            href: format!("{path}?person={}#their-comments", b.author_id),
        })
        .collect();
    let person = match person {
        None => None,
        Some(id) => {
            let total = store::comments::count_by_author_in_round(&mut conn, round.id, id).await?;
            let shown = PageRequest::new(page.as_deref(), PERSON_COMMENTS_PER_PAGE).within(total);
            let comments = store::comments::by_author_in_round(
                &mut conn,
                round.id,
                id,
                shown.offset(),
                shown.limit(),
            )
            .await?;
            let name = comments.first().map(|c| person_label(id, &c.author_name));
            name.map(|name| PersonComments {
                person_id: id,
                name,
                comments: Paged::new(
                    comments
                        .into_iter()
                        .map(|c| PersonComment {
                            answer_href: answer_list_link(
                                &framework.slug,
                                round.id,
                                &c.reference,
                                c.id,
                            ),
                            id: c.id,
                            reference: c.reference,
                            body: c
                                .words
                                .body(store::moderation::WordsFor::PolicyTeamOrAuthor)
                                .to_owned(),
                            written: format_date_time(c.created_at),
                            outcome: c
                                .outcome
                                .map_or("Not answered yet", |o| o.label())
                                .to_owned(),
                        })
                        .collect(),
                    shown,
                    total,
                ),
            })
        }
    };
    Ok(RoundBurstsView {
        framework_slug: framework.slug,
        framework_title: framework.title,
        round_id: round.id,
        round_title: round.title,
        above,
        bursts,
        person,
    })
}
