//! Events a facilitator held, and what was said there: one person's comment (they need
//! no account) or a group view. Recorded comments join the same answer, publish and
//! report loop as any other; once the round's version is published, the facilitator
//! prints letters for the people who asked to hear back by post or through them, and
//! one for each group to read back at its next meeting.
//!
//! Who may do what is decided here: only facilitators add events; only an event's own
//! facilitator records at it; its facilitator, editors and admins see it and its letters
//! (which hold postal addresses).

use super::{Context, auth, clock::now, store};
use crate::{
    domain::{
        EmailAddress, SubmissionKey,
        drafting::{self as drafting_checks, Knowledge, Visibility, date_start},
        events::{
            HearBack, Way,
            checks::{self, GroupError},
        },
        format_date, submission_key,
    },
    error::AppError,
    model::{
        CorrectionView, EventInput, EventSummary, EventView, EventsView, FrameworkChoice, Letter,
        LettersView, PageRequest, Paged, RecordAction, RecordInput, RecordedCommentView,
        StatementChoice, StatementWords, Viewer, WordChoice,
    },
};
use sqlx::AnyConnection;
use std::collections::HashMap;
use store::{
    comments::{Author, CommentRow, RecordedVoice},
    events::EventDetailRow,
};

/// The event, if the viewer may see it: its facilitator, an editor or an admin. Anyone
/// else is told it does not exist, so event numbers reveal nothing.
async fn visible_event(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: i64,
) -> Result<EventDetailRow, AppError> {
    let event = store::events::detail(conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if event.facilitator_id == viewer.id || viewer.is_editor || viewer.is_admin {
        Ok(event)
    } else {
        Err(AppError::NotFound)
    }
}

/// What was said can still be recorded until a version answers the event's round.
fn takes_comments(event: &EventDetailRow, viewer: &Viewer) -> bool {
    event.facilitator_id == viewer.id && event.publication_id.is_none()
}

fn round_is_open(event: &EventDetailRow, at: i64) -> bool {
    event.opens_at <= at && at < event.closes_at
}

/// How many events "Your events" lists at a time.
pub const EVENTS_PER_PAGE: u32 = 50;

/// "Your events": one page (`page`) of the facilitator's events, newest first, and what
/// the form to add one offers.
pub async fn mine(cx: &Context, page: Option<&str>) -> Result<EventsView, AppError> {
    let viewer = cx.facilitator()?;
    let mut conn = cx.read().await?;
    let total = store::events::count_for_facilitator(&mut conn, viewer.id).await?;
    let page = PageRequest::new(page, EVENTS_PER_PAGE).within(total);
    let events = store::events::for_facilitator(&mut conn, viewer.id, page)
        .await?
        .into_iter()
        .map(|e| EventSummary {
            id: e.id,
            name: e.name,
            date_label: format_date(e.held_on),
            place: e.place,
            framework_title: e.framework_title,
            comment_count: e.comment_count,
        })
        .collect();
    let events = Paged::new(events, page, total);
    let frameworks = store::events::rounds_taking_events(&mut conn, now())
        .await?
        .into_iter()
        .map(|r| FrameworkChoice {
            slug: r.slug,
            title: r.title,
            round_title: r.round_title,
        })
        .collect();
    let organisations = super::lookups::organisations_of(&mut conn, viewer.id).await?;
    Ok(EventsView {
        events,
        frameworks,
        organisations,
        submission_key: auth::new_secret(),
    })
}

/// Record an event. Returns its id (the same id when the same form is sent twice).
pub async fn create(cx: &Context, form: &EventInput, ways: &[Way]) -> Result<i64, AppError> {
    let viewer = cx.facilitator()?;
    let key = SubmissionKey::parse(&form.submission_key)?;
    let name = checks::line(&form.name, Some("Enter the event's name"), 200)
        .map_err(|e| AppError::field(EventInput::NAME, e))?;
    let held_on = date_start(&form.held_on, "day the event was held")
        .map_err(|e| AppError::field(EventInput::HELD_ON, e))?;
    let place =
        checks::line(&form.place, None, 200).map_err(|e| AppError::field(EventInput::PLACE, e))?;
    let people_count = checks::count(&form.people_count, "how many people took part")
        .map_err(|e| AppError::field(EventInput::PEOPLE_COUNT, e))?;
    if ways.is_empty() {
        return Err(AppError::Field(
            EventInput::way_field(Way::ALL[0]),
            "Choose at least one way people took part".into(),
        ));
    }
    let mut tx = cx.write().await?;
    if let Some(existing) = store::events::find_by_key(&mut tx, key.as_str()).await? {
        if existing.facilitator_id == viewer.id {
            return Ok(existing.id); // The same form sent twice: one event.
        }
        return Err(submission_key::used_elsewhere().into());
    }
    if form.framework.trim().is_empty() {
        return Err(AppError::Field(
            EventInput::FRAMEWORK.into(),
            "Choose the standards the event was about".into(),
        ));
    }
    let Some(round) =
        store::events::round_taking_events(&mut tx, form.framework.trim(), now()).await?
    else {
        return Err(AppError::Field(
            EventInput::FRAMEWORK.into(),
            "Choose a framework that has a consultation round going on".into(),
        ));
    };
    let organisation_id = match form.organisation_id.trim() {
        "" => None,
        raw => {
            let id = raw.parse::<i64>().ok();
            let memberships = store::organisations::memberships_of_user(&mut tx, viewer.id).await?;
            // Checked on the server: an event is held by an organisation they belong to.
            match id.filter(|id| memberships.iter().any(|m| m.organisation_id == *id)) {
                Some(id) => Some(id),
                None => {
                    return Err(AppError::Field(
                        EventInput::ORGANISATION_ID.into(),
                        "Choose one of your organisations, or none".into(),
                    ));
                }
            }
        }
    };
    let new = store::events::NewEvent {
        framework_id: round.framework_id,
        round_id: round.round_id,
        facilitator_id: viewer.id,
        organisation_id,
        name: &name,
        held_on,
        place: &place,
        people_count,
        ways,
        submission_key: key.as_str(),
    };
    let id = store::events::insert(&mut tx, &new, now()).await?;
    tx.commit().await?;
    Ok(id)
}

/// An event's page: what it was, the form to record what was said, and everything
/// recorded there with what became of it.
///
/// `statement` (a reference, from `?statement=HL-1` or the "Choose words" button) asks
/// for that statement's words, to record a comment about some of them.
pub async fn page(cx: &Context, id: i64, statement: Option<&str>) -> Result<EventView, AppError> {
    let viewer = cx.signed_in()?;
    let mut conn = cx.read().await?;
    let event = visible_event(&mut conn, viewer, id).await?;
    let ways = store::events::ways(&mut conn, id).await?;
    let can_record = takes_comments(&event, viewer);
    let current = if can_record {
        store::frameworks::current_statements(&mut conn, event.framework_id).await?
    } else {
        Vec::new()
    };
    let words = statement
        .and_then(|wanted| current.iter().find(|s| s.reference == wanted.trim()))
        .map(|s| StatementWords {
            reference: s.reference.clone(),
            revision_id: s.revision_id,
            words: word_choices(&s.body),
        });
    let statements = current
        .into_iter()
        .map(|s| StatementChoice {
            reference: s.reference,
            text: s.body,
        })
        .collect();
    let participants: HashMap<i64, HearBack> = store::events::participants_of(&mut conn, id)
        .await?
        .into_iter()
        .map(|p| (p.id, p.hear_back))
        .collect();
    let published = published_texts(&mut conn, event.publication_id).await?;
    let open = round_is_open(&event, now()) && event.facilitator_id == viewer.id;
    let comments = store::comments::at_event(&mut conn, id)
        .await?
        .into_iter()
        .map(|c| RecordedCommentView {
            id: c.id,
            statement_path: format!(
                "/frameworks/{}/statements/{}",
                c.framework_slug, c.reference
            ),
            who: c.author_label(),
            knowledge: c.knowledge.label().to_owned(),
            hear_back: c
                .participant_id
                .and_then(|p| participants.get(&p))
                .map(|h| h.label().to_owned()),
            outcome: c
                .outcome
                .map_or("Not answered yet", |o| o.label())
                .to_owned(),
            reason: c.reason,
            published_text: published.get(&c.statement_id).map(|t| t.0.clone()),
            can_change: open,
            quote: c.quote,
            reference: c.reference,
            // The facilitator who recorded these words (or the policy team) reads them
            // as recorded.
            body: c
                .words
                .body(store::moderation::WordsFor::PolicyTeamOrAuthor)
                .to_owned(),
            suggestion: c
                .words
                .suggestion(store::moderation::WordsFor::PolicyTeamOrAuthor)
                .map(str::to_owned),
        })
        .collect();
    Ok(EventView {
        id,
        date_label: format_date(event.held_on),
        ways: ways.iter().map(|w| w.label().to_owned()).collect(),
        people_count: event.people_count,
        organisation: event.organisation_name,
        framework_slug: event.framework_slug,
        framework_title: event.framework_title,
        round_title: event.round_title,
        can_record,
        statements,
        words,
        comments,
        published_version: event.version,
        submission_key: auth::new_secret(),
        name: event.name,
        place: event.place,
    })
}

/// Each statement of the version that answered the round: (its text, its easy read
/// text if it had one).
async fn published_texts(
    conn: &mut AnyConnection,
    publication_id: Option<i64>,
) -> Result<HashMap<i64, (String, Option<String>)>, AppError> {
    let Some(publication_id) = publication_id else {
        return Ok(HashMap::new());
    };
    Ok(store::publications::statements(conn, publication_id)
        .await?
        .into_iter()
        .map(|s| (s.statement_id, (s.body, s.easy_read_body)))
        .collect())
}

/// The person a comment is from, checked: their name, how they want to hear back and
/// the address that needs, and whether they asked for easy read.
struct Person {
    name: String,
    hear_back: HearBack,
    email: Option<String>,
    postal_address: Option<String>,
    easy_read: bool,
}

impl Person {
    fn row(&self, event_id: i64) -> store::events::NewParticipant<'_> {
        store::events::NewParticipant {
            event_id,
            name: &self.name,
            hear_back: self.hear_back,
            email: self.email.as_deref(),
            postal_address: self.postal_address.as_deref(),
            easy_read: self.easy_read,
        }
    }
}

/// What was said, checked: the words, any suggested wording, and what it draws on.
struct Said {
    body: String,
    suggestion: Option<String>,
    knowledge: Knowledge,
}

fn check_said(form: &RecordInput) -> Result<Said, AppError> {
    Ok(Said {
        body: drafting_checks::comment_body(&form.body)
            .map_err(|e| AppError::field(RecordInput::BODY, e))?,
        suggestion: drafting_checks::suggestion(&form.suggestion)
            .map_err(|e| AppError::field(RecordInput::SUGGESTION, e))?,
        knowledge: Knowledge::parse(&form.knowledge)
            .map_err(|e| AppError::field(RecordInput::KNOWLEDGE, e))?,
    })
}

/// How one person agreed their words may be shown.
fn check_visibility(form: &RecordInput) -> Result<Visibility, AppError> {
    Visibility::parse(&form.visibility).map_err(|e| AppError::field(RecordInput::VISIBILITY, e))
}

fn check_person(form: &RecordInput) -> Result<Person, AppError> {
    let name = checks::line(&form.person_name, None, 100)
        .map_err(|e| AppError::field(RecordInput::PERSON_NAME, e))?;
    let hear_back = HearBack::parse(form.hear_back.trim()).ok_or_else(|| {
        AppError::Field(
            RecordInput::HEAR_BACK.into(),
            "Choose how they want to hear what became of what they said".into(),
        )
    })?;
    let email = match hear_back {
        HearBack::Email if form.email.trim().is_empty() => {
            return Err(AppError::Field(
                RecordInput::EMAIL.into(),
                "Enter their email address, or choose another way to hear back".into(),
            ));
        }
        HearBack::Email => Some(
            EmailAddress::parse(&form.email)
                .map_err(|e| AppError::field(RecordInput::EMAIL, e))?
                .as_str()
                .to_owned(),
        ),
        _ => None,
    };
    let postal_address = match hear_back {
        HearBack::Post => Some(
            checks::line(
                &form.postal_address,
                Some("Enter their postal address, or choose another way to hear back"),
                500,
            )
            .map_err(|e| AppError::field(RecordInput::POSTAL_ADDRESS, e))?,
        ),
        _ => None,
    };
    Ok(Person {
        name,
        hear_back,
        email,
        postal_address,
        easy_read: form.easy_read == "yes",
    })
}

fn check_group(form: &RecordInput, people_count: Option<i64>) -> Result<(i64, i64), AppError> {
    let agreed = checks::count(&form.agreed, "how many people agreed")
        .map_err(|e| AppError::field(RecordInput::AGREED, e))?;
    // Blank means everyone who took part in the event, when that is known.
    let present = checks::count(&form.present, "how many people were there")
        .map_err(|e| AppError::field(RecordInput::PRESENT, e))?
        .or(people_count);
    checks::group(agreed, present).map_err(|e| {
        let field = match e {
            GroupError::PresentMissing => RecordInput::PRESENT,
            GroupError::AgreedMissing | GroupError::MoreAgreedThanPresent => RecordInput::AGREED,
        };
        AppError::Field(field.into(), e.message().into())
    })
}

/// Record what was said at an event, for one person or as a group view, in one
/// transaction. Returns the comment's id (the same id when the form is sent twice).
pub async fn record(
    cx: &Context,
    event_id: i64,
    action: RecordAction,
    form: &RecordInput,
) -> Result<i64, AppError> {
    let viewer = cx.facilitator()?;
    let key = SubmissionKey::parse(&form.submission_key)?;
    let mut tx = cx.write().await?;
    let event = visible_event(&mut tx, viewer, event_id).await?;
    if event.facilitator_id != viewer.id {
        return Err(AppError::Forbidden);
    }
    if let Some((id, at_event)) = store::events::recorded_by_key(&mut tx, key.as_str()).await? {
        if at_event == Some(event_id) {
            return Ok(id); // The same form sent twice: one comment.
        }
        return Err(submission_key::used_elsewhere().into());
    }
    if !takes_comments(&event, viewer) {
        return Err(AppError::Invalid(
            "A version answering this round has been published, so nothing more can be recorded for it.".into(),
        ));
    }
    let statement =
        store::frameworks::statement(&mut tx, event.framework_id, form.statement.trim())
            .await?
            .filter(|s| s.retired_at.is_none())
            .ok_or_else(|| {
                AppError::Field(
                    RecordInput::STATEMENT.into(),
                    "Choose the statement it is about".into(),
                )
            })?;
    let said = check_said(form)?;
    let (revision_id, passage) = if form.passage == "part" {
        words_chosen(&mut tx, &statement, form).await?
    } else {
        (statement.revision_id, None)
    };
    let (voice, visibility) = match action {
        RecordAction::Group => {
            let (agreed, present) = check_group(form, event.people_count)?;
            // A group view names no one, so it is shown like a named comment.
            (RecordedVoice::Group { agreed, present }, Visibility::Named)
        }
        _ => {
            let visibility = check_visibility(form)?;
            let person = check_person(form)?;
            let id =
                store::events::insert_participant(&mut tx, &person.row(event_id), now()).await?;
            (RecordedVoice::Participant(id), visibility)
        }
    };
    let comment = store::comments::NewComment {
        author: Author::Recorded {
            event_id,
            voice,
            recorded_by: viewer.id,
        },
        statement_id: statement.id,
        revision_id,
        round_id: event.round_id,
        organisation_id: None,
        body: &said.body,
        passage: passage
            .as_ref()
            .map(|p| (p.start as i64, p.end as i64, p.quote.as_str())),
        suggestion: said.suggestion.as_deref(),
        knowledge: said.knowledge,
        visibility,
        submission_key: key.as_str(),
        earlier_comment_id: None,
    };
    let id = store::comments::insert(&mut tx, &comment, now()).await?;
    tx.commit().await?;
    Ok(id)
}

/// The words a recorded comment is about, from the lists the page offered: the draft
/// they were counted in and the passage. The lists belong to the statement the page
/// showed them for; if another statement was chosen since, the words are asked for again.
async fn words_chosen(
    conn: &mut AnyConnection,
    statement: &store::frameworks::StatementRow,
    form: &RecordInput,
) -> Result<(i64, Option<crate::domain::passage::Passage>), AppError> {
    let shown_for = form.words_of.trim();
    if shown_for != statement.reference {
        let message = if shown_for.is_empty() {
            format!(
                "Press “Choose words” to choose from the words of {}",
                statement.reference
            )
        } else {
            format!(
                "The words offered were from {shown_for}. Press “Choose words” to choose from the words of {}",
                statement.reference
            )
        };
        return Err(AppError::Field(RecordInput::STATEMENT.into(), message));
    }
    let reload = || AppError::Invalid("Reload the page and choose the words again.".into());
    let revision_id: i64 = form.revision_id.trim().parse().map_err(|_| reload())?;
    let text = store::statements::revision_body(conn, statement.id, revision_id)
        .await?
        .ok_or_else(reload)?;
    let passage = super::commenting::chosen_passage(
        &text,
        &form.passage,
        (&form.first_word, &form.last_word),
        (RecordInput::FIRST_WORD, RecordInput::LAST_WORD),
    )?;
    Ok((revision_id, passage))
}

/// A statement's words, numbered as people count them, for the passage picker.
fn word_choices(text: &str) -> Vec<WordChoice> {
    crate::domain::passage::words(text)
        .into_iter()
        .map(|w| WordChoice {
            number: w.index,
            text: w.text,
        })
        .collect()
}

/// Why something recorded can no longer be corrected, if it cannot: the version
/// answering it is published, or its round has closed.
fn why_closed(event: &EventDetailRow, comment: &CommentRow, at: i64) -> Option<&'static str> {
    if comment.published_in.is_some() {
        Some(
            "A version answering this has been published, so what was recorded can no longer be corrected.",
        )
    } else if !round_is_open(event, at) {
        Some(
            "The round this was recorded in has closed, so what was recorded can no longer be corrected.",
        )
    } else {
        None
    }
}

/// A live comment recorded at the event, and the event, for its own facilitator: others
/// who may see the event may not change what was recorded there.
async fn own_recorded(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    event_id: i64,
    comment_id: i64,
) -> Result<(EventDetailRow, CommentRow), AppError> {
    let event = visible_event(conn, viewer, event_id).await?;
    let comment = store::comments::find(conn, comment_id)
        .await?
        .filter(|c| c.event_id == Some(event_id) && c.withdrawn_at.is_none())
        .ok_or(AppError::NotFound)?;
    if event.facilitator_id != viewer.id {
        return Err(AppError::Forbidden);
    }
    Ok((event, comment))
}

/// The page that corrects something recorded: the form filled in with what was
/// recorded (and the person's details), or why it can no longer be corrected.
pub async fn correction(
    cx: &Context,
    event_id: i64,
    comment_id: i64,
) -> Result<CorrectionView, AppError> {
    let viewer = cx.facilitator()?;
    let mut conn = cx.read().await?;
    let (event, comment) = own_recorded(&mut conn, viewer, event_id, comment_id).await?;
    let person = match comment.participant_id {
        Some(id) => store::events::participant(&mut conn, id).await?,
        None => None,
    };
    let count = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let recorded = [
        (
            RecordInput::BODY,
            comment
                .words
                .body(store::moderation::WordsFor::PolicyTeamOrAuthor)
                .to_owned(),
        ),
        (
            RecordInput::SUGGESTION,
            comment
                .words
                .suggestion(store::moderation::WordsFor::PolicyTeamOrAuthor)
                .unwrap_or_default()
                .to_owned(),
        ),
        (
            RecordInput::KNOWLEDGE,
            comment.knowledge.as_str().to_owned(),
        ),
        (
            RecordInput::VISIBILITY,
            comment.visibility.as_str().to_owned(),
        ),
        (RecordInput::AGREED, count(comment.group_agreed)),
        (RecordInput::PRESENT, count(comment.group_present)),
    ]
    .into_iter()
    .chain(person.into_iter().flat_map(|p| {
        [
            (RecordInput::PERSON_NAME, p.name),
            (RecordInput::HEAR_BACK, p.hear_back.as_str().to_owned()),
            (RecordInput::EMAIL, p.email.unwrap_or_default()),
            (
                RecordInput::POSTAL_ADDRESS,
                p.postal_address.unwrap_or_default(),
            ),
            (
                RecordInput::EASY_READ,
                if p.easy_read != 0 { "yes" } else { "" }.to_owned(),
            ),
        ]
    }))
    .map(|(name, value)| (name.to_owned(), value))
    .collect();
    Ok(CorrectionView {
        event_id,
        event_name: event.name.clone(),
        comment_id,
        statement_path: format!(
            "/frameworks/{}/statements/{}",
            comment.framework_slug, comment.reference
        ),
        who: comment.author_label(),
        quote: comment.quote.clone(),
        is_group: comment.is_group(),
        people_count: event.people_count,
        closed: why_closed(&event, &comment, now()).map(str::to_owned),
        reference: comment.reference,
        recorded,
    })
}

/// The facilitator corrects what they recorded while its round is open, in one
/// transaction: the comment keeps its id, its answer and its links; the person's
/// details (or the group's numbers) are corrected with it.
pub async fn correct(
    cx: &Context,
    event_id: i64,
    comment_id: i64,
    form: &RecordInput,
) -> Result<(), AppError> {
    let viewer = cx.facilitator()?;
    let mut tx = cx.write().await?;
    let (event, comment) = own_recorded(&mut tx, viewer, event_id, comment_id).await?;
    if let Some(why) = why_closed(&event, &comment, now()) {
        return Err(AppError::Invalid(why.into()));
    }
    let said = check_said(form)?;
    let visibility = match comment.participant_id {
        Some(participant) => {
            let visibility = check_visibility(form)?;
            let person = check_person(form)?;
            store::events::update_participant(&mut tx, participant, &person.row(event_id)).await?;
            visibility
        }
        None => {
            let (agreed, present) = check_group(form, event.people_count)?;
            store::comments::set_group_view(&mut tx, comment.id, agreed, present).await?;
            comment.visibility
        }
    };
    let edit = store::comments::CommentEdit {
        organisation_id: comment.organisation_id,
        body: &said.body,
        suggestion: said.suggestion.as_deref(),
        knowledge: said.knowledge,
        visibility,
    };
    store::comments::update(&mut tx, comment.id, &edit, now()).await?;
    tx.commit().await?;
    Ok(())
}

/// The facilitator withdraws something they recorded, while the round is open.
pub async fn withdraw(cx: &Context, event_id: i64, comment_id: i64) -> Result<(), AppError> {
    let viewer = cx.facilitator()?;
    let mut tx = cx.write().await?;
    let (event, comment) = own_recorded(&mut tx, viewer, event_id, comment_id).await?;
    if !round_is_open(&event, now()) {
        return Err(AppError::Invalid(
            "The round this was recorded in has closed, so it can no longer be withdrawn.".into(),
        ));
    }
    store::comments::withdraw(&mut tx, comment.id, now()).await?;
    tx.commit().await?;
    Ok(())
}

/// The letters for an event: one for each person who asked to hear back by post or
/// through the facilitator, and one for each group view, once a version answering the
/// round is published (before that, none, and the page says when they will be ready).
pub async fn letters(cx: &Context, id: i64) -> Result<LettersView, AppError> {
    let viewer = cx.signed_in()?;
    let mut conn = cx.read().await?;
    let event = visible_event(&mut conn, viewer, id).await?;
    let mut view = LettersView {
        event_id: id,
        event_name: event.name.clone(),
        date_label: format_date(event.held_on),
        framework_title: event.framework_title.clone(),
        version: event.version,
        letters: Vec::new(),
    };
    if event.publication_id.is_none() {
        return Ok(view);
    }
    let people: HashMap<i64, store::events::ParticipantRow> =
        store::events::participants_of(&mut conn, id)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
    let published = published_texts(&mut conn, event.publication_id).await?;
    for c in store::comments::at_event(&mut conn, id).await? {
        let person = c.participant_id.and_then(|p| people.get(&p));
        if !c.is_group() && !person.is_some_and(|p| p.hear_back.wants_letter()) {
            continue;
        }
        let easy_read = person.is_some_and(|p| p.easy_read != 0);
        let statement_now = published
            .get(&c.statement_id)
            .map(|(text, easy)| match easy {
                Some(easy) if easy_read => easy.clone(),
                _ => text.clone(),
            })
            .unwrap_or_else(|| "This statement is not in the new version.".to_owned());
        let greeting = match person {
            Some(p) if !p.name.is_empty() => format!("Dear {}", p.name),
            Some(_) => "Dear friend".to_owned(),
            None => format!("To everyone who was at {}", c.event_label()),
        };
        view.letters.push(Letter {
            comment_id: c.id,
            greeting,
            postal_address: person
                .filter(|p| p.hear_back == HearBack::Post)
                .and_then(|p| p.postal_address.clone()),
            is_group: c.is_group(),
            through_facilitator: person
                .is_some_and(|p| p.hear_back == HearBack::ThroughFacilitator),
            reference: c.reference.clone(),
            who: c.author_label(),
            // A letter to the person whose words they are.
            said: c
                .words
                .body(store::moderation::WordsFor::PolicyTeamOrAuthor)
                .to_owned(),
            decision: c.outcome.map_or("Not answered", |o| o.label()).to_owned(),
            reason: c.reason.clone().unwrap_or_default(),
            statement_now,
            easy_read,
        });
    }
    Ok(view)
}
