//! Editors' work: frameworks, themes, statements, redrafts and consultation rounds.
//! Every function checks the editor role itself and writes in one transaction.

use super::{AppState, clock::now, responding, store};
use crate::{
    api::Viewer,
    domain::{drafting, merge},
    error::AppError,
};

pub fn require_editor(viewer: &Viewer) -> Result<(), AppError> {
    if viewer.is_editor {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

async fn framework_id(state: &AppState, slug: &str) -> Result<i64, AppError> {
    Ok(store::frameworks::find_by_slug(&state.db.pool, slug)
        .await?
        .ok_or(AppError::NotFound)?
        .id)
}

async fn theme_id(state: &AppState, framework_id: i64, code: &str) -> Result<i64, AppError> {
    store::frameworks::themes(&state.db.pool, framework_id)
        .await?
        .into_iter()
        .find(|t| t.code == code)
        .map(|t| t.id)
        .ok_or(AppError::NotFound)
}

pub async fn create_framework(
    state: &AppState,
    viewer: &Viewer,
    title: &str,
    summary: &str,
) -> Result<String, AppError> {
    require_editor(viewer)?;
    let title = drafting::title(title, "title").map_err(|e| AppError::field("title", e))?;
    let summary = drafting::summary(summary).map_err(|e| AppError::field("summary", e))?;
    let base = drafting::slug_from_title(&title);
    let mut tx = state.db.begin_write().await?;
    for attempt in 1..=50 {
        let slug = if attempt == 1 {
            base.clone()
        } else {
            format!("{base}-{attempt}")
        };
        if store::statements::insert_framework(&mut tx, &slug, &title, &summary, now())
            .await?
            .is_some()
        {
            tx.commit().await?;
            return Ok(slug);
        }
    }
    Err(AppError::field(
        "title",
        crate::domain::Invalid::new("Choose a different title: this one is taken"),
    ))
}

pub async fn update_framework(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    title: &str,
    summary: &str,
) -> Result<(), AppError> {
    require_editor(viewer)?;
    let id = framework_id(state, slug).await?;
    let title = drafting::title(title, "title").map_err(|e| AppError::field("title", e))?;
    let summary = drafting::summary(summary).map_err(|e| AppError::field("summary", e))?;
    let mut tx = state.db.begin_write().await?;
    store::statements::update_framework(&mut tx, id, &title, &summary).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_theme(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    code: &str,
    title: &str,
    description: &str,
) -> Result<(), AppError> {
    require_editor(viewer)?;
    let id = framework_id(state, slug).await?;
    let code = drafting::theme_code(code).map_err(|e| AppError::field("code", e))?;
    let title =
        drafting::title(title, "theme title").map_err(|e| AppError::field("theme_title", e))?;
    let description =
        drafting::summary(description).map_err(|e| AppError::field("description", e))?;
    let mut tx = state.db.begin_write().await?;
    if store::statements::insert_theme(&mut tx, id, &code, &title, &description)
        .await?
        .is_none()
    {
        return Err(AppError::Field(
            "code".into(),
            format!("There is already a theme with the code {code}"),
        ));
    }
    tx.commit().await?;
    Ok(())
}

pub async fn update_theme(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    code: &str,
    title: &str,
    description: &str,
) -> Result<(), AppError> {
    require_editor(viewer)?;
    let framework = framework_id(state, slug).await?;
    let theme = theme_id(state, framework, code).await?;
    let title = drafting::title(title, "theme title")
        .map_err(|e| AppError::field(&format!("theme-title-{code}"), e))?;
    let description = drafting::summary(description)
        .map_err(|e| AppError::field(&format!("theme-description-{code}"), e))?;
    let mut tx = state.db.begin_write().await?;
    store::statements::update_theme(&mut tx, theme, &title, &description).await?;
    tx.commit().await?;
    Ok(())
}

/// Swap a theme with its neighbour above (`up`) or below.
pub async fn move_theme(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    code: &str,
    up: bool,
) -> Result<(), AppError> {
    require_editor(viewer)?;
    let framework = framework_id(state, slug).await?;
    let themes = store::frameworks::themes(&state.db.pool, framework).await?;
    let index = themes
        .iter()
        .position(|t| t.code == code)
        .ok_or(AppError::NotFound)?;
    let other = if up {
        index.checked_sub(1)
    } else {
        Some(index + 1).filter(|i| *i < themes.len())
    };
    let Some(other) = other else {
        return Ok(()); // Already first (or last): nothing to move.
    };
    let mut order: Vec<i64> = themes.iter().map(|t| t.id).collect();
    order.swap(index, other);
    let mut tx = state.db.begin_write().await?;
    for (position, id) in order.iter().enumerate() {
        sqlx::query("UPDATE themes SET position = $1 WHERE id = $2")
            .bind(position as i64)
            .bind(*id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A new statement at the end of a theme. Returns its reference.
pub async fn create_statement(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    code: &str,
    text: &str,
    note: &str,
    submission_key: &str,
) -> Result<String, AppError> {
    require_editor(viewer)?;
    let framework = framework_id(state, slug).await?;
    let theme = theme_id(state, framework, code).await?;
    let body = drafting::statement_text(text).map_err(|e| AppError::field("body", e))?;
    let note = drafting::revision_note(note).map_err(|e| AppError::field("note", e))?;
    let mut tx = state.db.begin_write().await?;
    if let Some(existing) = store::statements::revision_by_key(&mut tx, submission_key).await? {
        // The same form sent twice: the first one already made the statement.
        let reference: String = sqlx::query_scalar(
            "SELECT s.reference FROM statements s JOIN statement_revisions r ON r.statement_id = s.id WHERE r.id = $1",
        )
        .bind(existing)
        .fetch_one(&mut *tx)
        .await?;
        return Ok(reference);
    }
    let new = store::statements::NewStatement {
        framework_id: framework,
        theme_id: theme,
        body: &body,
        author_id: Some(viewer.id),
        note: &note,
        submission_key: Some(submission_key),
    };
    let (_, reference) = store::statements::insert_statement(&mut tx, &new, now()).await?;
    tx.commit().await?;
    Ok(reference)
}

/// Why a redraft was not saved.
#[derive(Debug)]
pub enum RedraftRefused {
    Error(AppError),
    /// Someone saved a newer draft since the editor started. `proposal` is the editor's
    /// change merged onto the newer draft, with overlapping changes marked in words.
    Stale {
        latest_revision_id: i64,
        proposal: String,
        conflicts: usize,
    },
}

impl From<AppError> for RedraftRefused {
    fn from(error: AppError) -> Self {
        RedraftRefused::Error(error)
    }
}

impl From<sqlx::Error> for RedraftRefused {
    fn from(error: sqlx::Error) -> Self {
        RedraftRefused::Error(error.into())
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn redraft(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    reference: &str,
    base_revision_id: i64,
    text: &str,
    note: &str,
    submission_key: &str,
    answers: &[responding::AnswerForm],
) -> Result<(), RedraftRefused> {
    require_editor(viewer)?;
    let framework = framework_id(state, slug).await?;
    let statement = store::frameworks::statement(&state.db.pool, framework, reference)
        .await?
        .ok_or(AppError::NotFound)?;
    if statement.retired_at.is_some() {
        return Err(AppError::Invalid(
            "This statement has been retired, so it cannot be redrafted.".into(),
        )
        .into());
    }
    let body = drafting::statement_text(text).map_err(|e| AppError::field("body", e))?;
    if merge::has_conflict_markers(&body) {
        return Err(AppError::Field(
            "body".into(),
            "The text still has [[ ]] marks where your changes and theirs overlap. Choose the wording and remove the marks, then save.".into(),
        )
        .into());
    }
    let note = drafting::revision_note(note).map_err(|e| AppError::field("note", e))?;
    let answers = responding::check(answers)?;
    let mut tx = state.db.begin_write().await?;
    if store::statements::revision_by_key(&mut tx, submission_key)
        .await?
        .is_some()
    {
        return Ok(()); // Sent twice; the first one saved it.
    }
    let Some(base_text) =
        store::statements::revision_body(&mut tx, statement.id, base_revision_id).await?
    else {
        return Err(AppError::Invalid(
            "We could not tell which draft you started from. Reload the page and try again.".into(),
        )
        .into());
    };
    if base_revision_id == statement.revision_id && body == base_text {
        return Err(AppError::Field(
            "body".into(),
            "The new text is the same as the current text. Change it, or go back.".into(),
        )
        .into());
    }
    let revision = store::statements::NewRevision {
        statement_id: statement.id,
        body: &body,
        author_id: Some(viewer.id),
        note: &note,
        submission_key: Some(submission_key),
    };
    match store::statements::add_revision_if_current(&mut tx, &revision, base_revision_id, now())
        .await?
    {
        Some(new_revision) => {
            // Answers given while redrafting point at the draft they shaped, written in
            // the same transaction as the draft itself.
            responding::store_answers(&mut tx, viewer, Some(statement.id), &answers, |_| {
                Some(new_revision)
            })
            .await?;
            tx.commit().await?;
            Ok(())
        }
        None => {
            tx.rollback().await?;
            // Re-read the newest draft now, outside the failed transaction.
            let latest = store::frameworks::statement(&state.db.pool, framework, reference)
                .await?
                .ok_or(AppError::NotFound)?;
            let (proposal, conflicts) = match merge::three_way(&base_text, &body, &latest.body) {
                merge::Merged::Clean(text) => (text, 0),
                merge::Merged::Conflicted { text, conflicts } => (text, conflicts),
            };
            Err(RedraftRefused::Stale {
                latest_revision_id: latest.revision_id,
                proposal,
                conflicts,
            })
        }
    }
}

/// Move a statement to a theme and a place in it (1 = first).
pub async fn move_statement(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    reference: &str,
    code: &str,
    place: &str,
) -> Result<(), AppError> {
    require_editor(viewer)?;
    let framework = framework_id(state, slug).await?;
    let statement = store::frameworks::statement(&state.db.pool, framework, reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let theme = theme_id(state, framework, code)
        .await
        .map_err(|_| AppError::Field("theme".into(), "Choose a theme from the list".into()))?;
    let place: i64 = place
        .trim()
        .parse()
        .ok()
        .filter(|p| *p >= 1)
        .ok_or_else(|| {
            AppError::Field(
                "place".into(),
                "Enter the place as a number, like 1 for first".into(),
            )
        })?;
    let mut tx = state.db.begin_write().await?;
    store::statements::place(&mut tx, statement.id, theme, place - 1).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn retire_statement(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    reference: &str,
) -> Result<(), AppError> {
    require_editor(viewer)?;
    let framework = framework_id(state, slug).await?;
    let statement = store::frameworks::statement(&state.db.pool, framework, reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin_write().await?;
    store::statements::retire(&mut tx, statement.id, now()).await?;
    tx.commit().await?;
    Ok(())
}

const DAY: i64 = 24 * 60 * 60;

pub async fn create_round(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    title: &str,
    introduction: &str,
    opens: &str,
    closes: &str,
) -> Result<(), AppError> {
    require_editor(viewer)?;
    let framework = framework_id(state, slug).await?;
    let title =
        drafting::title(title, "title for the round").map_err(|e| AppError::field("title", e))?;
    let introduction =
        drafting::summary(introduction).map_err(|e| AppError::field("introduction", e))?;
    let opens_at =
        drafting::date_start(opens, "opening date").map_err(|e| AppError::field("opens", e))?;
    // A round closes at the end of its closing day.
    let closes_at = drafting::date_start(closes, "closing date")
        .map_err(|e| AppError::field("closes", e))?
        + DAY;
    if closes_at <= opens_at {
        return Err(AppError::Field(
            "closes".into(),
            "The closing date must be on or after the opening date".into(),
        ));
    }
    if closes_at <= now() {
        return Err(AppError::Field(
            "closes".into(),
            "The closing date must be today or later".into(),
        ));
    }
    let mut tx = state.db.begin_write().await?;
    if store::rounds::overlapping(&mut tx, framework, opens_at, closes_at).await? > 0 {
        return Err(AppError::Field(
            "opens".into(),
            "These dates overlap another round. Rounds of one framework cannot overlap.".into(),
        ));
    }
    let round = store::rounds::NewRound {
        framework_id: framework,
        title: &title,
        introduction: &introduction,
        opens_at,
        closes_at,
        created_by: viewer.id,
    };
    store::rounds::insert(&mut tx, &round, now()).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn close_round(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    round_id: i64,
) -> Result<(), AppError> {
    require_editor(viewer)?;
    let framework = framework_id(state, slug).await?;
    let mut tx = state.db.begin_write().await?;
    let round = store::rounds::find(&mut tx, round_id)
        .await?
        .filter(|r| r.framework_id == framework)
        .ok_or(AppError::NotFound)?;
    store::rounds::close_now(&mut tx, round.id, now()).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_jargon(
    state: &AppState,
    viewer: &Viewer,
    term: &str,
    plainer: &str,
) -> Result<(), AppError> {
    require_editor(viewer)?;
    let term = drafting::title(term, "word or phrase")
        .map_err(|e| AppError::field("term", e))?
        .to_lowercase();
    let plainer = drafting::title(plainer, "plainer alternative")
        .map_err(|e| AppError::field("plainer", e))?;
    let mut tx = state.db.begin_write().await?;
    if !store::jargon::insert(&mut tx, &term, &plainer, Some(viewer.id), now()).await? {
        return Err(AppError::Field(
            "term".into(),
            format!("'{term}' is already on the list"),
        ));
    }
    tx.commit().await?;
    Ok(())
}

/// The checker's starting list, loaded once into an empty table.
pub async fn seed_jargon(db: &super::Db) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    if store::jargon::count(&mut tx).await? == 0 {
        for entry in crate::domain::plain_language::default_jargon() {
            store::jargon::insert(&mut tx, &entry.term, &entry.plainer, None, now()).await?;
        }
    }
    tx.commit().await
}
