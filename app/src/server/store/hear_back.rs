//! People recorded at events who asked to hear back by email: whom a version owes a
//! personal email without an account.

use super::events::ParticipantRow;
use sqlx::AnyConnection;

/// Everyone recorded at an event who chose to hear back by email and gave an address,
/// and who has a live comment in one of the rounds a version answers: one query.
pub async fn by_email_for_publication(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<Vec<ParticipantRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, event_id, name, hear_back, email, postal_address, easy_read \
         FROM event_participants \
         WHERE hear_back = 'email' AND email IS NOT NULL AND email <> '' AND id IN \
           (SELECT participant_id FROM comments WHERE withdrawn_at IS NULL \
              AND round_id IN (SELECT id FROM rounds WHERE publication_id = $1)) \
         ORDER BY id",
    )
    .bind(publication_id)
    .fetch_all(conn)
    .await
}
