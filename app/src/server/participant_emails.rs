//! Personal emails to people a facilitator recorded at an event who asked to hear back by
//! email. They have no account, but are owed the same "what became of what you said" as
//! anyone signed in: the same template, the same durable outbox, queued in the publish
//! transaction and written when sent (`publication_mail`). People who chose post or their facilitator get a printed letter instead
//! (built elsewhere), and group views have nobody to email.

use super::{clock, db::Tx, outbox, store};
use crate::error::AppError;

/// The dedupe key of the one email a version owes one person recorded at an event:
/// `publication:7:participant:42`, never the same as a signed-in person's
/// (`publication:7:user:42`), so publishing again (or a retry) sends no second one.
pub fn participant_email_key(publication_id: i64, participant_id: i64) -> String {
    format!(
        "{}{participant_id}",
        participant_email_key_prefix(publication_id)
    )
}

/// [`participant_email_key`] without the person's id (`publication:7:participant:`).
fn participant_email_key_prefix(publication_id: i64) -> String {
    format!("{}:participant:", outbox::publication_batch(publication_id))
}

/// Queue one email per person recorded at an event who chose email and whose comments
/// the version answers, in one statement however many there are (it runs under the
/// publish write lock). The worker writes each email when it sends it
/// ([`super::publication_mail`]).
pub async fn queue(tx: &mut Tx, publication: i64, batch: &str) -> Result<(), AppError> {
    let owed = store::publications::Owed {
        publication_id: publication,
        key_prefix: &participant_email_key_prefix(publication),
        batch,
        now: clock::now(),
    };
    store::publications::queue_participant_emails(tx, &owed).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_participant_email_key_differs_from_a_signed_in_persons() {
        assert_eq!(participant_email_key(7, 42), "publication:7:participant:42");
        assert_ne!(
            participant_email_key(7, 42),
            outbox::publication_email_key(7, 42)
        );
    }
}
