//! Personal emails to people a facilitator recorded at an event who asked to hear back by
//! email. They have no account, but are owed the same "what became of what you said" as
//! anyone signed in: the same template, the same durable outbox, queued in the publish
//! transaction. People who chose post or their facilitator get a printed letter instead
//! (built elsewhere), and group views have nobody to email.

use super::{
    credit::YourWords,
    db::Tx,
    outbox, publication_email,
    publishing::{EmailTexts, enqueue_publication_email},
    store,
    store::comments::CommentRow,
};
use crate::error::AppError;
use std::collections::HashMap;

/// The dedupe key of the one email a version owes one person recorded at an event:
/// `publication:7:participant:42`, never the same as a signed-in person's
/// (`publication:7:user:42`), so publishing again (or a retry) sends no second one.
pub fn participant_email_key(publication_id: i64, participant_id: i64) -> String {
    format!(
        "{}:participant:{participant_id}",
        outbox::publication_batch(publication_id)
    )
}

/// What a version's emails to people recorded at events need from the publish step.
pub struct Owed<'a> {
    pub framework_title: &'a str,
    pub version: i64,
    pub publication: i64,
    pub report_url: &'a str,
    pub batch: &'a str,
    /// The comments of the rounds the version answers.
    pub comments: &'a [CommentRow],
    pub texts: &'a EmailTexts,
    /// "Your words are in …" lines, by participant.
    pub your_words: &'a HashMap<i64, Vec<String>>,
}

/// Queue one email per person recorded at an event who chose email and whose comments
/// the version answers: one query to find them, then one insert each.
pub async fn queue(tx: &mut Tx, owed: &Owed<'_>) -> Result<(), AppError> {
    let people = store::events::by_email_for_publication(tx, owed.publication).await?;
    if people.is_empty() {
        return Ok(());
    }
    let mut by_participant: HashMap<i64, Vec<&CommentRow>> = HashMap::new();
    for c in owed.comments {
        if let Some(participant) = c.participant_id {
            by_participant.entry(participant).or_default().push(c);
        }
    }
    for person in people {
        let Some(email) = person.email.as_deref() else {
            continue;
        };
        let said = by_participant
            .get(&person.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let easy_read = person.easy_read != 0;
        let items: Vec<publication_email::EmailItem> =
            said.iter().map(|c| owed.texts.item(c, easy_read)).collect();
        let event = said
            .first()
            .and_then(|c| c.event_name.as_deref())
            .unwrap_or("an event");
        let message = publication_email::PublicationEmail {
            name: &person.name,
            framework_title: owed.framework_title,
            version: owed.version,
            report_url: owed.report_url,
            // They have no account, so no page of their own to point to.
            contributions_url: "",
            easy_read,
            items: &items,
            // Proposals are made by signed-in people only.
            proposals: &[],
            your_words: YourWords::lines(owed.your_words, person.id),
            recorded_at: Some(event),
        };
        let key = participant_email_key(owed.publication, person.id);
        enqueue_publication_email(tx, &key, email, &message, owed.batch).await?;
    }
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
