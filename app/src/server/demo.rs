//! Demo data so a newcomer can click through: a framework with four themes of
//! I statements, and people to sign in as. Loaded only into a database with no frameworks.

mod events;
pub mod history;
pub mod national;

use super::{Db, clock::now, store};
use crate::domain::drafting::{Knowledge, Visibility};
use sqlx::AnyConnection;

mod moderation;
mod proposals;

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

/// The four values of seed 004, as (code, title, what it means).
const VALUES: &[(&str, &str, &str)] = &[
    (
        "CC",
        "Choice and control",
        "I decide about my own life and support.",
    ),
    (
        "BR",
        "Belonging and relationships",
        "The people who matter to me, and being part of things.",
    ),
    (
        "IP",
        "Inclusive places",
        "Homes and communities that welcome me and that I can get around.",
    ),
    (
        "MP",
        "Meaning and purpose",
        "Things to do that matter to me, and a life that feels worth living.",
    ),
];

/// The values each demo statement carries, by reference: every one carries at least one.
const STATEMENT_VALUES: &[(&str, &[&str])] = &[
    ("HL-1", &["CC", "BR"]),
    ("HL-2", &["CC"]),
    ("HL-3", &["IP", "BR"]),
    ("HL-4", &["IP", "CC"]),
    ("PS-1", &["CC", "MP"]),
    ("PS-2", &["CC"]),
    ("PS-3", &["CC"]),
    ("PS-4", &["CC"]),
    ("CI-1", &["BR"]),
    ("CI-2", &["IP", "CC"]),
    ("CI-3", &["BR", "IP", "MP"]),
    ("WF-1", &["MP"]),
    ("WF-2", &["CC"]),
    ("WF-3", &["CC", "IP"]),
];

/// Give the demo framework its values, and each statement its values.
async fn load_values(
    conn: &mut AnyConnection,
    framework: i64,
    references: &[(String, i64)],
) -> Result<(), sqlx::Error> {
    let mut ids = Vec::new();
    for (code, title, description) in VALUES {
        let id = store::values::insert(conn, framework, code, title, description)
            .await?
            .ok_or(sqlx::Error::RowNotFound)?;
        ids.push((*code, id));
    }
    for (reference, statement) in references {
        let codes = STATEMENT_VALUES
            .iter()
            .find(|(r, _)| r == reference)
            .map_or(&[][..], |(_, codes)| *codes);
        let chosen: Vec<i64> = ids
            .iter()
            .filter(|(code, _)| codes.contains(code))
            .map(|(_, id)| *id)
            .collect();
        store::values::set_for_statement(conn, *statement, &chosen).await?;
    }
    Ok(())
}

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
    let references: Vec<(String, i64)> = inserted
        .iter()
        .map(|(id, reference)| (reference.clone(), *id))
        .collect();
    load_values(&mut tx, framework, &references).await?;
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

/// The demo round's comments: (statement, author, speaks for the demo organisation,
/// kind of knowledge, comment). Two of the eighteen draw on lived experience, well below
/// the framework's target of one half (so it stays under-heard while people try the demo
/// and the browser tests add their own comments): as a whole, and in the home,
/// personalised support and wellbeing themes.
const ROUND_COMMENTS: &[(&str, &str, bool, Knowledge, &str)] = &[
    (
        "CI-1",
        DEMO_PARTICIPANT,
        false,
        Knowledge::LivedExperience,
        "My friends matter as much as my family. I want the statement to say so.",
    ),
    (
        "CI-1",
        DEMO_REPRESENTATIVE,
        true,
        Knowledge::Organisation,
        "Our members agreed that 'people important to me' must include friends, neighbours \
         and pets, not only family.",
    ),
    (
        "HL-2",
        DEMO_PARTICIPANT,
        false,
        Knowledge::LivedExperience,
        "Staff rearranged my kitchen without asking. This statement would have stopped that.",
    ),
    (
        "HL-4",
        DEMO_REPRESENTATIVE,
        false,
        Knowledge::Practice,
        "In my work, people wait months for an assessment before any adaptation is made. \
         Say how long is too long.",
    ),
    (
        "PS-1",
        DEMO_REPRESENTATIVE,
        true,
        Knowledge::Organisation,
        "We ask that support plans are written in the person's own words.",
    ),
    (
        "PS-2",
        DEMO_REPRESENTATIVE,
        false,
        Knowledge::Practice,
        "As a support worker I see calls go unanswered for weeks. 'Get back to me' needs a \
         time limit.",
    ),
    (
        "PS-4",
        DEMO_ADMIN,
        false,
        Knowledge::Research,
        "Studies of social care assessment find people repeat their story to many \
         professionals. Shared records with consent would help.",
    ),
    (
        "WF-2",
        DEMO_ADMIN,
        false,
        Knowledge::Research,
        "Evidence on self-directed support shows health improves when people choose how \
         they are supported.",
    ),
    (
        "HL-1",
        DEMO_REPRESENTATIVE,
        true,
        Knowledge::Organisation,
        "Our members want 'home' to include shared and supported living, not only a house of your own.",
    ),
    (
        "HL-3",
        DEMO_REPRESENTATIVE,
        false,
        Knowledge::Practice,
        moderation::REDACTED_DEMO_COMMENT,
    ),
    (
        "HL-3",
        DEMO_ADMIN,
        false,
        Knowledge::Research,
        "Research on ageing in place shows small adaptations keep people at home for years.",
    ),
    (
        "PS-1",
        DEMO_ADMIN,
        false,
        Knowledge::Research,
        "Studies of person-centred planning find plans work best when reviewed with the person each year.",
    ),
    (
        "PS-3",
        DEMO_REPRESENTATIVE,
        false,
        Knowledge::Practice,
        "Reviews often come too late. In my work a change of support can take three months.",
    ),
    (
        "PS-3",
        DEMO_REPRESENTATIVE,
        true,
        Knowledge::Organisation,
        "We ask for a named person who can change a support plan without a new assessment.",
    ),
    (
        "WF-1",
        DEMO_REPRESENTATIVE,
        false,
        Knowledge::Practice,
        "Day services that close leave people with nothing to do. The statement should say so.",
    ),
    (
        "WF-3",
        DEMO_ADMIN,
        false,
        Knowledge::Research,
        "Evidence on positive risk-taking shows people are safer when they help decide the risks.",
    ),
    (
        "WF-3",
        DEMO_REPRESENTATIVE,
        true,
        Knowledge::Organisation,
        "Our members say 'safe' must never be a reason to stop someone living their life.",
    ),
    (
        "HL-2",
        DEMO_REPRESENTATIVE,
        false,
        Knowledge::Practice,
        "Staff need time in the rota to ask people before they change anything at home.",
    ),
];

/// A small campaign in the demo round: four support workers send the same text on PS-1,
/// each with their own name and town, so a newcomer sees a group of alike comments on
/// the answer list, answered once. Practice knowledge, so lived experience stays
/// under-heard as the balance demo expects.
const CAMPAIGN: &[(&str, &str, &str)] = &[
    (
        "campaign1@example.org",
        "Aisha (demo support worker)",
        "Dundee",
    ),
    (
        "campaign2@example.org",
        "Ben (demo support worker)",
        "Perth",
    ),
    (
        "campaign3@example.org",
        "Carla (demo support worker)",
        "Stirling",
    ),
    (
        "campaign4@example.org",
        "Dev (demo support worker)",
        "Inverness",
    ),
];

fn campaign_text(name: &str, town: &str) -> String {
    format!(
        "As support workers in the Care Workers Voice network we ask that this statement says \
         plans are reviewed when the person asks, not only once a year. I am {name} and I \
         support people at home in {town}. Too often a plan stays the same for months after \
         someone's life has changed, and nobody can change it without a new assessment."
    )
}

const DAY: i64 = 24 * 60 * 60;

/// A round on the demo framework, opened by the demo editor, with what the demo's
/// comments are made against: the current statements and the demo organisation.
pub(super) struct DemoRound {
    pub framework: store::frameworks::FrameworkRow,
    pub round: i64,
    pub statements: Vec<store::frameworks::StatementRow>,
    pub organisation: store::organisations::OrganisationRow,
}

impl DemoRound {
    pub(super) async fn add(
        conn: &mut AnyConnection,
        title: &str,
        introduction: &str,
        (opens_at, closes_at): (i64, i64),
        at: i64,
    ) -> Result<Self, sqlx::Error> {
        let framework = store::frameworks::find_by_slug(conn, DEMO_FRAMEWORK_SLUG)
            .await?
            .ok_or(sqlx::Error::RowNotFound)?;
        let editor = store::users::find_or_create_by_email(conn, DEMO_EDITOR, at).await?;
        let round = store::rounds::insert(
            conn,
            &store::rounds::NewRound {
                framework_id: framework.id,
                title,
                introduction,
                opens_at,
                closes_at,
                created_by: editor.id,
            },
            at,
        )
        .await?;
        let statements = store::frameworks::current_statements(conn, framework.id).await?;
        let organisation = store::organisations::list(conn)
            .await?
            .into_iter()
            .find(|o| o.name == "Speaking Up Together (demo)")
            .ok_or(sqlx::Error::RowNotFound)?;
        Ok(Self {
            framework,
            round,
            statements,
            organisation,
        })
    }
}

/// Open a consultation round on the demo framework (it opened a week ago and closes in
/// four weeks), with comments from the demo people in which lived experience is
/// under-heard. Called once, just after the demo is loaded.
pub async fn open_round(db: &Db) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let at = now();
    let today = at - at.rem_euclid(DAY);
    let DemoRound {
        framework,
        round,
        statements,
        organisation,
    } = DemoRound::add(
        &mut tx,
        "Spring consultation (demo)",
        "Tell us whether these I statements sound like your life, and what is missing.",
        (today - 7 * DAY, today + 29 * DAY),
        at,
    )
    .await?;
    for (n, (reference, email, for_organisation, knowledge, body)) in
        ROUND_COMMENTS.iter().enumerate()
    {
        let statement = statements
            .iter()
            .find(|s| s.reference == *reference)
            .ok_or(sqlx::Error::RowNotFound)?;
        let author = store::users::find_or_create_by_email(&mut tx, email, at).await?;
        let key = format!("demo-round-comment-{n}");
        let comment = store::comments::NewComment {
            statement_id: statement.id,
            revision_id: statement.revision_id,
            round_id: round,
            author: store::comments::Author::Person(author.id),
            organisation_id: for_organisation.then_some(organisation.id),
            body,
            passage: None,
            suggestion: None,
            knowledge: *knowledge,
            visibility: Visibility::Named,
            submission_key: &key,
            earlier_comment_id: history::still_matters_link(&mut tx, &key).await?,
        };
        store::comments::insert(&mut tx, &comment, at - DAY).await?;
    }
    let ps1 = statements
        .iter()
        .find(|s| s.reference == "PS-1")
        .ok_or(sqlx::Error::RowNotFound)?;
    for (n, (email, name, town)) in CAMPAIGN.iter().enumerate() {
        let author = store::users::find_or_create_by_email(&mut tx, email, at).await?;
        store::users::set_display_name(&mut tx, author.id, name).await?;
        let key = format!("demo-round-campaign-{n}");
        let body = campaign_text(name, town);
        let comment = store::comments::NewComment {
            statement_id: ps1.id,
            revision_id: ps1.revision_id,
            round_id: round,
            author: store::comments::Author::Person(author.id),
            organisation_id: None,
            body: &body,
            passage: None,
            suggestion: None,
            knowledge: Knowledge::Practice,
            visibility: Visibility::Named,
            submission_key: &key,
            earlier_comment_id: None,
        };
        // Grouped as it is saved, like any comment.
        store::comments::insert(&mut tx, &comment, at - DAY + n as i64).await?;
    }
    proposals::add(&mut tx, framework.id, round, at - DAY).await?;
    events::record_event(&mut tx, framework.id, round, at).await?;
    moderation::add(&mut tx, round, at).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_statement_carries_a_known_value() {
        let references: Vec<String> = THEMES
            .iter()
            .flat_map(|(code, _, _, statements)| {
                (1..=statements.len()).map(move |n| format!("{code}-{n}"))
            })
            .collect();
        for reference in &references {
            let (_, codes) = STATEMENT_VALUES
                .iter()
                .find(|(r, _)| r == reference)
                .unwrap_or_else(|| panic!("{reference} has no values"));
            assert!(!codes.is_empty(), "{reference} has no values");
            for code in *codes {
                assert!(
                    VALUES.iter().any(|(c, _, _)| c == code),
                    "{reference}: {code}"
                );
            }
        }
        assert_eq!(STATEMENT_VALUES.len(), references.len());
        let mut used: Vec<&str> = STATEMENT_VALUES
            .iter()
            .flat_map(|(_, c)| c.iter().copied())
            .collect();
        used.sort_unstable();
        used.dedup();
        assert_eq!(
            used.len(),
            VALUES.len(),
            "every value is used by some statement"
        );
    }
}
