//! A version's personal emails, written when they are sent rather than when the version
//! is published. Publishing queues one outbox row per person saying what to send (the
//! version, and whom it is for) in the publish transaction, so the write lock is held
//! for a few quick inserts however long the emails grow; the outbox worker writes each
//! email here just before sending it, from what the version recorded. The words are the
//! same as writing them at publish time: a published version's answers, texts, proposals
//! and credits are settled and cannot change once it is out.

use super::{
    AppState,
    credit::YourWords,
    mail::SendFailure,
    outbox::Claimed,
    publication_email::{self, EmailItem, ProposalEmailItem, Rendered},
    publishing::EmailTexts,
    store::{self, comments::CommentRow},
    unsubscribe::{self, LinkKey, Recipient},
};
use sqlx::AnyConnection;
use std::{collections::HashMap, sync::Arc};

/// What a version's emails say that is the same for everyone, read once (a fixed number
/// of queries) and kept while its emails go out.
pub struct VersionMail {
    framework_title: String,
    version: i64,
    report_url: String,
    contributions_url: String,
    texts: EmailTexts,
    /// Each person's comments, found once rather than by a scan per person.
    by_author: HashMap<i64, Vec<CommentRow>>,
    by_participant: HashMap<i64, Vec<CommentRow>>,
    proposals_of: HashMap<i64, Vec<ProposalEmailItem>>,
    your_words: YourWords,
}

impl VersionMail {
    async fn read(
        conn: &mut AnyConnection,
        state: &AppState,
        publication: i64,
    ) -> Result<Option<Self>, sqlx::Error> {
        let Some(name) = store::publications::name(conn, publication).await? else {
            return Ok(None);
        };
        let texts = EmailTexts::read(conn, publication).await?;
        let proposed = store::proposals::in_publication(conn, publication).await?;
        let proposals_of = super::proposing::email_items(&proposed, texts.published());
        let your_words = YourWords::of(
            &store::credits::for_publication(conn, publication).await?,
            name.version,
        );
        let mut by_author: HashMap<i64, Vec<CommentRow>> = HashMap::new();
        let mut by_participant: HashMap<i64, Vec<CommentRow>> = HashMap::new();
        for c in store::comments::for_publication(conn, publication).await? {
            match (c.author_id, c.participant_id) {
                (Some(author), _) => by_author.entry(author).or_default().push(c),
                (None, Some(participant)) => by_participant.entry(participant).or_default().push(c),
                (None, None) => {}
            }
        }
        Ok(Some(Self {
            report_url: state.config.absolute_url(&format!(
                "/frameworks/{}/versions/{}/report",
                name.framework_slug, name.version
            )),
            contributions_url: state.config.absolute_url("/account/contributions"),
            framework_title: name.framework_title,
            version: name.version,
            texts,
            by_author,
            by_participant,
            proposals_of,
            your_words,
        }))
    }

    /// The email a signed-in person is owed.
    fn to_user(&self, user: &store::users::UserRow, unsubscribe_url: &str) -> Rendered {
        let easy_read = user.easy_read != 0;
        let items = self.items(self.by_author.get(&user.id), easy_read);
        publication_email::render(&publication_email::PublicationEmail {
            name: &user.display_name,
            framework_title: &self.framework_title,
            version: self.version,
            report_url: &self.report_url,
            contributions_url: &self.contributions_url,
            easy_read,
            items: &items,
            proposals: self
                .proposals_of
                .get(&user.id)
                .map(Vec::as_slice)
                .unwrap_or_default(),
            your_words: YourWords::lines(&self.your_words.users, user.id),
            recorded_at: None,
            unsubscribe_url,
        })
    }

    /// The email someone recorded at an event is owed.
    fn to_participant(
        &self,
        person: &store::events::ParticipantRow,
        unsubscribe_url: &str,
    ) -> Rendered {
        let easy_read = person.easy_read != 0;
        let said = self.by_participant.get(&person.id);
        let items = self.items(said, easy_read);
        let event = said
            .and_then(|said| said.first())
            .and_then(|c| c.event_name.as_deref())
            .unwrap_or("an event");
        publication_email::render(&publication_email::PublicationEmail {
            name: &person.name,
            framework_title: &self.framework_title,
            version: self.version,
            report_url: &self.report_url,
            // They have no account, so no page of their own to point to.
            contributions_url: "",
            easy_read,
            items: &items,
            // Proposals are made by signed-in people only.
            proposals: &[],
            your_words: YourWords::lines(&self.your_words.participants, person.id),
            recorded_at: Some(event),
            unsubscribe_url,
        })
    }

    fn items(&self, said: Option<&Vec<CommentRow>>, easy_read: bool) -> Vec<EmailItem> {
        said.map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|c| self.texts.item(c, easy_read))
            .collect()
    }
}

/// How many versions a worker keeps read at once: emails are claimed oldest first, so
/// one version's emails mostly go out together.
const VERSIONS_KEPT: usize = 4;

/// Writes a worker's publication emails, keeping what the last few versions' emails
/// need so that a group of emails costs one query for the people it is to.
#[derive(Default)]
pub struct Writer {
    versions: Vec<(i64, Arc<VersionMail>)>,
    /// What unsubscribe links are signed with: read once, it never changes.
    link_key: Option<LinkKey>,
}

/// What a group of claimed messages is written from: their versions (`None`: no longer
/// there) and the people they are for, each read once for the group.
struct Group {
    link_key: LinkKey,
    versions: HashMap<i64, Option<Arc<VersionMail>>>,
    users: HashMap<i64, store::users::UserRow>,
    participants: HashMap<i64, store::events::ParticipantRow>,
}

/// An email written at send time for one person: a version's, with the link that stops
/// these emails; or a moderator's note to an author, which is about their own comment
/// and has none.
pub struct Addressed {
    pub email: Rendered,
    pub unsubscribe_url: Option<String>,
}

/// How a written message turned out: `None` when it goes as stored.
pub type Written = Result<Option<Addressed>, SendFailure>;

impl Writer {
    /// The email to send for a claimed message: `None` when it was queued written out
    /// (a sign-in link), so it goes as stored. A failure is an attempt that failed, with
    /// a plain reason: trouble reading the database is tried again later; an email
    /// about a version or to a person that no longer exists is given up.
    pub async fn write(&mut self, state: &AppState, message: &Claimed) -> Written {
        let mut written = self.write_all(state, std::slice::from_ref(message)).await;
        written.pop().unwrap_or(Ok(None))
    }

    /// [`Writer::write`] for each of a group of messages, reading the people they are
    /// for in one query rather than one each (the worker writes a group, then sends it).
    pub async fn write_all(&mut self, state: &AppState, messages: &[Claimed]) -> Vec<Written> {
        let mut written = self.write_publications(state, messages).await;
        // A moderator's email to an author: rare, so written one by one.
        for (message, slot) in messages.iter().zip(written.iter_mut()) {
            if let Some(action) = message.moderation_action_id {
                *slot = super::moderation_mail::write(state, action)
                    .await
                    .map(|email| {
                        Some(Addressed {
                            email,
                            unsubscribe_url: None,
                        })
                    });
            }
        }
        written
    }

    async fn write_publications(&mut self, state: &AppState, messages: &[Claimed]) -> Vec<Written> {
        if messages.iter().all(|m| m.publication_id.is_none()) {
            return messages.iter().map(|_| Ok(None)).collect();
        }
        match self.read_group(state, messages).await {
            Ok(group) => messages
                .iter()
                .map(|m| group.write(&state.config, m))
                .collect(),
            Err(error) => {
                let failure = SendFailure::Transient(format!(
                    "the email could not be written: reading the version from the database failed ({error})"
                ));
                messages
                    .iter()
                    .map(|m| match m.publication_id {
                        Some(_) => Err(failure.clone()),
                        None => Ok(None),
                    })
                    .collect()
            }
        }
    }

    async fn read_group(
        &mut self,
        state: &AppState,
        messages: &[Claimed],
    ) -> Result<Group, sqlx::Error> {
        let mut conn = state.db.pool.acquire().await?;
        let link_key = match &self.link_key {
            Some(key) => key.clone(),
            None => self
                .link_key
                .insert(unsubscribe::key(&mut conn).await?)
                .clone(),
        };
        let mut group = Group {
            link_key,
            versions: HashMap::new(),
            users: HashMap::new(),
            participants: HashMap::new(),
        };
        let mut users = Vec::new();
        let mut participants = Vec::new();
        for message in messages {
            let Some(publication) = message.publication_id else {
                continue;
            };
            if let std::collections::hash_map::Entry::Vacant(slot) =
                group.versions.entry(publication)
            {
                slot.insert(self.version(&mut conn, state, publication).await?);
            }
            users.extend(message.user_id);
            participants.extend(message.participant_id);
        }
        group.users = store::users::find_by_ids(&mut conn, &users)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
        group.participants = store::events::participants(&mut conn, &participants)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        Ok(group)
    }

    async fn version(
        &mut self,
        conn: &mut AnyConnection,
        state: &AppState,
        publication: i64,
    ) -> Result<Option<Arc<VersionMail>>, sqlx::Error> {
        if let Some((_, kept)) = self.versions.iter().find(|(id, _)| *id == publication) {
            return Ok(Some(kept.clone()));
        }
        let Some(read) = VersionMail::read(conn, state, publication).await? else {
            return Ok(None);
        };
        let read = Arc::new(read);
        if self.versions.len() >= VERSIONS_KEPT {
            self.versions.remove(0);
        }
        self.versions.push((publication, read.clone()));
        Ok(Some(read))
    }
}

impl Group {
    fn write(&self, config: &super::Config, message: &Claimed) -> Written {
        let Some(publication) = message.publication_id else {
            return Ok(None);
        };
        let Some(Some(version)) = self.versions.get(&publication) else {
            return Err(SendFailure::Permanent(
                "the email could not be written: the version it is about is no longer there".into(),
            ));
        };
        let gone = || {
            SendFailure::Permanent(
                "the email could not be written: the person it is for is no longer there".into(),
            )
        };
        match (message.user_id, message.participant_id) {
            (Some(user), _) => {
                let user = self.users.get(&user).ok_or_else(gone)?;
                let unsubscribe_url = self.link_key.url(config, Recipient::Person(user.id));
                Ok(Some(Addressed {
                    email: version.to_user(user, &unsubscribe_url),
                    unsubscribe_url: Some(unsubscribe_url),
                }))
            }
            (None, Some(participant)) => {
                let person = self.participants.get(&participant).ok_or_else(gone)?;
                let unsubscribe_url = self.link_key.url(config, Recipient::Participant(person.id));
                Ok(Some(Addressed {
                    email: version.to_participant(person, &unsubscribe_url),
                    unsubscribe_url: Some(unsubscribe_url),
                }))
            }
            (None, None) => Err(SendFailure::Permanent(
                "the email could not be written: it names nobody to write to".into(),
            )),
        }
    }
}
