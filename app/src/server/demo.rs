//! Demo data so a newcomer can click through: a framework with four themes of
//! I statements, and people to sign in as. Loaded only into a database with no frameworks.

use super::{Db, clock::now, store};
use sqlx::AnyConnection;

pub const DEMO_FRAMEWORK_SLUG: &str = "national-care-service-demo";
pub const DEMO_EDITOR: &str = "editor@example.org";
pub const DEMO_PARTICIPANT: &str = "participant@example.org";
pub const DEMO_REPRESENTATIVE: &str = "rep@example.org";
pub const DEMO_ADMIN: &str = "admin@example.org";

const THEMES: &[(&str, &str, &str, &[&str])] = &[
    (
        "HL",
        "Home and living arrangements",
        "Where and how I live, and who I live with.",
        &[
            "I live in a place I call home, with people I choose to live with.",
            "I decide how my home looks and what happens in it.",
            "I can stay in my home and my community as my needs change.",
            "I'm able to get the equipment and adaptations I need without a long wait.",
        ],
    ),
    (
        "PS",
        "Personalised support",
        "Support that fits my life, planned with me.",
        &[
            "I have support that is planned with me, around what matters to me.",
            "I know who to contact about my support, and they get back to me.",
            "I can change my support when my life changes, without having to start again.",
            "I only have to tell my story once.",
        ],
    ),
    (
        "CI",
        "Community inclusion",
        "Taking part in the life of my community.",
        &[
            "I'm able to spend time with people important to me.",
            "I can get out and about when I want to, with support if I need it.",
            "I can take part in my community in ways that matter to me.",
        ],
    ),
    (
        "WF",
        "Wellbeing and fulfilment",
        "A good life: meaning, purpose and feeling well.",
        &[
            "I have things to do that give my life meaning and purpose.",
            "I'm supported to look after my physical and mental health in the way I choose.",
            "I feel safe, and I can take the risks I choose.",
        ],
    ),
];

/// Load the demo if there are no frameworks yet; safe to call on every start.
pub async fn load_if_empty(db: &Db) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    if store::frameworks::count(&mut tx).await? > 0 {
        return Ok(false);
    }
    let at = now();
    let editor = demo_person(&mut tx, DEMO_EDITOR, "Priya (demo editor)", true, false, at).await?;
    demo_person(
        &mut tx,
        DEMO_PARTICIPANT,
        "Sam (demo participant)",
        false,
        false,
        at,
    )
    .await?;
    let rep = demo_person(
        &mut tx,
        DEMO_REPRESENTATIVE,
        "Jo (demo representative)",
        false,
        false,
        at,
    )
    .await?;
    demo_person(&mut tx, DEMO_ADMIN, "Alex (demo admin)", false, true, at).await?;
    let organisation = store::organisations::create(&mut tx, "Speaking Up Together (demo)", at)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    store::organisations::add_member(&mut tx, rep, organisation, at).await?;

    let framework = store::statements::insert_framework(
        &mut tx,
        DEMO_FRAMEWORK_SLUG,
        "National Care Service standards (demo)",
        "Draft standards for a National Care Service, written as I statements by people who \
         use social care, their carers and the people who support them.",
        at,
    )
    .await?
    .ok_or(sqlx::Error::RowNotFound)?;
    // Themes take the next place in order, so they keep the order they are listed in.
    let mut inserted: Vec<(i64, String)> = Vec::new();
    for (code, title, description, statements) in THEMES.iter() {
        let theme = store::statements::insert_theme(&mut tx, framework, code, title, description)
            .await?
            .ok_or(sqlx::Error::RowNotFound)?;
        for text in statements.iter() {
            let statement = store::statements::NewStatement {
                framework_id: framework,
                theme_id: theme,
                body: text,
                author_id: Some(editor),
                note: "First draft, from the co-production workshops.",
                submission_key: None,
            };
            inserted.push(store::statements::insert_statement(&mut tx, &statement, at).await?);
        }
    }
    add_easy_read_twins(&mut tx, &inserted, editor, at).await?;
    tx.commit().await?;
    Ok(true)
}

/// Each demo statement's easy read version, in the order the statements are listed:
/// short sentences, one to a line.
const EASY_READ: &[&str] = &[
    "I live in a place I call home.\nI choose who I live with.",
    "I decide how my home looks.\nI decide what happens in my home.",
    "I can stay in my home when my needs change.\nI can stay in my community.",
    "I get the things I need to help me at home.\nI get changes to my home if I need them.\nI do not wait a long time.",
    "I plan my support with the people who help me.\nMy support is about what matters to me.",
    "I know who to call about my support.\nThey call me back.",
    "I can change my support when my life changes.\nI do not have to start again.",
    "I tell my story once.\nI do not have to tell it again.",
    "I spend time with people who matter to me.",
    "I can go out when I want to.\nI get support to go out if I need it.",
    "I take part in my community.\nI do things that matter to me.",
    "I have things to do.\nThey give my life meaning.",
    "I look after my body and my mind.\nI get support in the way I choose.",
    "I feel safe.\nI can take the risks I choose.",
];

/// The first statement's easy read picture: a small drawing of a house.
const HOME_PICTURE: &[u8] = include_bytes!("demo/home.png");
const HOME_PICTURE_ALT: &str = "A drawing of a small blue house with a red roof.";

/// The statement whose main text is redrafted after its easy read version was written,
/// so the demo shows a twin that needs updating.
const OUT_OF_STEP: &str = "PS-4";
const OUT_OF_STEP_REDRAFT: &str =
    "I only have to tell my story once, and the people who support me remember it.";

/// Every demo statement gets an easy read version (the first with a picture); then one
/// statement's main text gets a later draft, which puts its easy read version out of step.
async fn add_easy_read_twins(
    conn: &mut AnyConnection,
    statements: &[(i64, String)],
    editor: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    use crate::domain::picture;
    use sha2::{Digest, Sha256};
    let checked = picture::check(HOME_PICTURE).map_err(|e| sqlx::Error::Protocol(e.0))?;
    let picture_id = store::easy_read::insert_picture(
        conn,
        &store::easy_read::NewPicture {
            content_type: checked.kind.content_type(),
            bytes: HOME_PICTURE,
            width: checked.width as i64,
            height: checked.height as i64,
            sha256: &hex::encode(Sha256::digest(HOME_PICTURE)),
            uploaded_by: Some(editor),
        },
        at,
    )
    .await?;
    for (i, ((statement_id, _), text)) in statements.iter().zip(EASY_READ).enumerate() {
        let main = store::statements::latest_revision_id(conn, *statement_id).await?;
        let first = i == 0;
        let new = store::easy_read::NewEasyRead {
            statement_id: *statement_id,
            body: text,
            picture_id: first.then_some(picture_id),
            picture_alt: if first { HOME_PICTURE_ALT } else { "" },
            author_id: Some(editor),
            note: "Easy read version, checked with the easy read group.",
            submission_key: None,
        };
        store::easy_read::add_if_current(conn, &new, None, main, at)
            .await?
            .ok_or(sqlx::Error::RowNotFound)?;
    }
    if let Some((statement_id, _)) = statements.iter().find(|(_, r)| r == OUT_OF_STEP) {
        let base = store::statements::latest_revision_id(conn, *statement_id).await?;
        let redraft = store::statements::NewRevision {
            statement_id: *statement_id,
            body: OUT_OF_STEP_REDRAFT,
            author_id: Some(editor),
            note: "Added that people remember my story, after the first workshop.",
            submission_key: None,
        };
        store::statements::add_revision_if_current(conn, &redraft, base, at)
            .await?
            .ok_or(sqlx::Error::RowNotFound)?;
    }
    Ok(())
}

async fn demo_person(
    conn: &mut AnyConnection,
    email: &str,
    name: &str,
    is_editor: bool,
    is_admin: bool,
    at: i64,
) -> Result<i64, sqlx::Error> {
    let user = store::users::find_or_create_by_email(conn, email, at).await?;
    store::users::set_roles(conn, user.id, is_editor, is_admin).await?;
    store::users::set_display_name(conn, user.id, name).await?;
    Ok(user.id)
}
