//! The demo's facilitator and an event they held in a round: one person's comment (to
//! hear back by post, with an address) and a group view, so the events page, the
//! answer list and, once published, the letters have something to show.

use crate::{
    domain::{
        drafting::{Knowledge, Visibility},
        events::{HearBack, Way},
    },
    server::store::{
        self,
        comments::{Author, RecordedVoice},
    },
};
use sqlx::AnyConnection;

pub const DEMO_FACILITATOR: &str = "facilitator@example.org";

const DAY: i64 = 24 * 60 * 60;

/// Record the demo event in `round_id` of the framework, as the demo facilitator (made
/// one here, and a member of the demo organisation that held it). Keys are named by the
/// round, so it can be called for more than one round.
pub async fn record_event(
    conn: &mut AnyConnection,
    framework_id: i64,
    round_id: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    let facilitator = store::users::find_or_create_by_email(conn, DEMO_FACILITATOR, at).await?;
    store::users::set_display_name(conn, facilitator.id, "Kim (demo facilitator)").await?;
    store::users::set_facilitator(conn, facilitator.id, true).await?;
    let organisation = store::organisations::list(conn)
        .await?
        .into_iter()
        .find(|o| o.name == "Speaking Up Together (demo)")
        .map(|o| o.id);
    if let Some(id) = organisation {
        store::organisations::add_member(conn, facilitator.id, id, at).await?;
    }
    let statement = store::frameworks::statement(conn, framework_id, "CI-1")
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    let today = at - at.rem_euclid(DAY);
    let event = store::events::insert(
        conn,
        &store::events::NewEvent {
            framework_id,
            round_id,
            facilitator_id: facilitator.id,
            organisation_id: organisation,
            name: "the Dundee workshop",
            held_on: today - 3 * DAY,
            place: "Dundee Community Centre",
            people_count: Some(12),
            ways: &[Way::InPerson, Way::BslInterpreted],
            submission_key: &format!("demo-event-{round_id}"),
        },
        at,
    )
    .await?;
    let pat = store::events::insert_participant(
        conn,
        &store::events::NewParticipant {
            event_id: event,
            name: "Pat",
            hear_back: HearBack::Post,
            email: None,
            postal_address: Some("Pat Example\n1 High Street\nDundee\nDD1 1AA"),
            easy_read: true,
        },
        at,
    )
    .await?;
    let voices = [
        (
            RecordedVoice::Participant(pat),
            "I only see my friends when the bus runs. The statement should say I can get there.",
            "recorded-person",
        ),
        (
            RecordedVoice::Group {
                agreed: 8,
                present: 12,
            },
            "Friends matter as much as family, and we want to choose when we see them.",
            "recorded-group",
        ),
    ];
    for (voice, body, key) in voices {
        store::comments::insert(
            conn,
            &store::comments::NewComment {
                author: Author::Recorded {
                    event_id: event,
                    voice,
                    recorded_by: facilitator.id,
                },
                statement_id: statement.id,
                revision_id: statement.revision_id,
                round_id,
                organisation_id: None,
                body,
                passage: None,
                suggestion: None,
                knowledge: Knowledge::LivedExperience,
                visibility: Visibility::Named,
                submission_key: &format!("demo-{key}-{round_id}"),
                earlier_comment_id: None,
            },
            at - DAY,
        )
        .await?;
    }
    Ok(())
}
