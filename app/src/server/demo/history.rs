//! The demo's history, so a newcomer sees the whole loop at once: an earlier round
//! (closed) whose comments were answered, one of them taken into a redraft, and version 1
//! published from it through the real services (so its report, its "Why does it say
//! this?" trace and everyone's personal email exist); then, in the open round, Sam says
//! an earlier comment still matters.
//!
//! Loaded only with the open demo round (`OUR_WORDS_DEMO_ROUND=1`, as `scripts/run` and
//! the browser tests set): the history leads into that round, and the integration tests
//! that load the demo without a round keep a framework with no version to number from.

use super::{
    DEMO_ADMIN, DEMO_EDITOR, DEMO_FRAMEWORK_SLUG, DEMO_PARTICIPANT, DEMO_REPRESENTATIVE, DemoRound,
};
use crate::{
    domain::drafting::{Knowledge, Visibility},
    error::AppError,
    model::Viewer,
    server::{
        AppState, Context,
        clock::now,
        drafting::{self, RedraftForm, RedraftRefused},
        publishing,
        responding::AnswerForm,
        store,
    },
};
use sqlx::AnyConnection;

use super::DAY;

/// A comment in the earlier round and the answer it got. An incorporated suggestion is
/// answered in the redraft that takes its wording, so the trace and diff show it.
struct Earlier {
    key: &'static str,
    reference: &'static str,
    author: &'static str,
    for_organisation: bool,
    knowledge: Knowledge,
    body: &'static str,
    suggestion: Option<&'static str>,
    outcome: &'static str,
    reason: &'static str,
}

const EARLIER: &[Earlier] = &[
    Earlier {
        key: "demo-history-wf-1",
        reference: "WF-1",
        author: DEMO_REPRESENTATIVE,
        for_organisation: true,
        knowledge: Knowledge::Organisation,
        body: "Our members said meaning and purpose happen out in the community too, not only \
               at home. Please say so.",
        suggestion: Some(
            "I have things to do that give my life meaning and purpose, at home and in my community.",
        ),
        outcome: "incorporated",
        reason: "We took your wording: the statement now says 'at home and in my community'.",
    },
    Earlier {
        key: "demo-history-hl-2",
        reference: "HL-2",
        author: DEMO_PARTICIPANT,
        for_organisation: false,
        knowledge: Knowledge::LivedExperience,
        body: "Staff rearranged my kitchen without asking. This statement would have stopped that.",
        suggestion: None,
        outcome: "not_incorporated",
        reason: "The statement already says you decide what happens in your home. We will use \
                 your example in the guidance for care providers instead.",
    },
    Earlier {
        key: "demo-history-ps-4",
        reference: "PS-4",
        author: DEMO_PARTICIPANT,
        for_organisation: false,
        knowledge: Knowledge::LivedExperience,
        body: "Last year I told my story to six different people. Nobody wrote it down, so I \
               had to start again each time.",
        suggestion: None,
        outcome: "noted",
        reason: "Thank you. We are asking care services how they share what people tell them, \
                 with their consent.",
    },
    Earlier {
        key: "demo-history-ps-2",
        reference: "PS-2",
        author: DEMO_ADMIN,
        for_organisation: false,
        knowledge: Knowledge::Research,
        body: "Studies of care coordination find people wait longest when nobody owns their \
               question. Name who gets back to them.",
        suggestion: Some(
            "I know who to contact about my support, and they get back to me quickly.",
        ),
        outcome: "not_incorporated",
        reason: "'Quickly' means different things to different people. We will set response \
                 times in the guidance, where they can be measured.",
    },
];

/// The open round's comments that say an earlier one still matters: (the open round's
/// demo comment key, the earlier comment's key). Sam's HL-2 comment is one of the open
/// round's eighteen, so the knowledge balance stays as it was.
const STILL_MATTERS: &[(&str, &str)] = &[("demo-round-comment-2", "demo-history-hl-2")];

fn demo_failed(error: impl std::fmt::Display) -> sqlx::Error {
    sqlx::Error::Protocol(format!("the demo history: {error}"))
}

/// Hold the earlier round, answer it, redraft and publish version 1. Called once, just
/// after the demo is loaded and before the open round is opened (publishing is refused
/// while a round is open).
pub async fn publish_earlier_version(state: &AppState) -> Result<(), sqlx::Error> {
    let at = now();
    let today = at - at.rem_euclid(DAY);
    let mut tx = state.db.begin_write().await?;
    let editor = store::users::find_or_create_by_email(&mut tx, DEMO_EDITOR, at).await?;
    let DemoRound {
        framework: _,
        round,
        statements,
        organisation,
    } = DemoRound::add(
        &mut tx,
        "Winter consultation (demo)",
        "Tell us whether these first drafts sound like your life.",
        (today - 70 * DAY, today - 40 * DAY),
        at,
    )
    .await?;
    let mut ids = Vec::new();
    for (n, c) in EARLIER.iter().enumerate() {
        let statement = statements
            .iter()
            .find(|s| s.reference == c.reference)
            .ok_or(sqlx::Error::RowNotFound)?;
        let author = store::users::find_or_create_by_email(&mut tx, c.author, at).await?;
        let comment = store::comments::NewComment {
            statement_id: statement.id,
            revision_id: statement.revision_id,
            round_id: round,
            author: store::comments::Author::Person(author.id),
            organisation_id: c.for_organisation.then_some(organisation.id),
            body: c.body,
            passage: None,
            suggestion: c.suggestion,
            knowledge: c.knowledge,
            visibility: Visibility::Named,
            submission_key: c.key,
            earlier_comment_id: None,
        };
        let made_at = today - (60 - n as i64) * DAY;
        ids.push((
            store::comments::insert(&mut tx, &comment, made_at).await?,
            statement.revision_id,
        ));
    }
    let editor_viewer = Viewer {
        id: editor.id,
        email: DEMO_EDITOR.to_owned(),
        display_name: "Priya (demo editor)".to_owned(),
        is_editor: true,
        is_admin: false,
        is_facilitator: false,
        is_moderator: false,
        easy_read: false,
    };
    tx.commit().await?;

    // The editor's part goes through the same services as on the site.
    let cx = Context::new(state.clone(), Some(editor_viewer));
    for (c, (id, revision)) in EARLIER.iter().zip(ids) {
        let answer = AnswerForm {
            comment_id: id,
            outcome: c.outcome.to_owned(),
            reason: c.reason.to_owned(),
        };
        match c.suggestion {
            // A suggestion taken: the redraft carries it, and the answer points there.
            Some(wording) if c.outcome == "incorporated" => {
                let form = RedraftForm {
                    base_revision_id: revision,
                    text: wording,
                    note: "Took Speaking Up Together's wording from the winter consultation.",
                    submission_key: "demo-history-redraft",
                    answers: std::slice::from_ref(&answer),
                };
                drafting::redraft(&cx, DEMO_FRAMEWORK_SLUG, c.reference, &form)
                    .await
                    .map_err(|refused| match refused {
                        RedraftRefused::Error(e) => demo_failed(e),
                        RedraftRefused::Stale { .. } => demo_failed("a newer draft appeared"),
                    })?;
            }
            _ => crate::server::responding::answer(&cx, DEMO_FRAMEWORK_SLUG, answer)
                .await
                .map_err(demo_failed)?,
        }
    }
    publishing::publish(
        &cx,
        DEMO_FRAMEWORK_SLUG,
        "First version after the winter consultation: meaning and purpose now reach into the community.",
    )
    .await
    .map_err(|e: AppError| demo_failed(e))?;
    Ok(())
}

/// The earlier comment an open-round demo comment says still matters, if the history
/// was loaded.
pub async fn still_matters_link(
    conn: &mut AnyConnection,
    open_round_key: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let Some((_, earlier_key)) = STILL_MATTERS.iter().find(|(k, _)| *k == open_round_key) else {
        return Ok(None);
    };
    Ok(store::comments::find_by_key(conn, earlier_key)
        .await?
        .map(|c| c.id))
}
