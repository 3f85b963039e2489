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
    let mut references = Vec::new();
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
            let (id, reference) =
                store::statements::insert_statement(&mut tx, &statement, at).await?;
            references.push((reference, id));
        }
    }
    load_values(&mut tx, framework, &references).await?;
    tx.commit().await?;
    Ok(true)
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
