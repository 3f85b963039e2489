//! Editors' work: frameworks, themes, statements, redrafts and consultation rounds.
//! Every function checks the editor role first, and every check that guards a write
//! (the framework and theme exist, the statement is not retired, the submission key is
//! new, rounds do not overlap) runs inside that write's transaction.

use super::{
    Context,
    clock::now,
    db::Tx,
    lookups::{framework, statement},
    responding::{self, AnswerForm},
    store,
};
use crate::{
    domain::{Invalid, SubmissionKey, drafting, merge, order, submission_key},
    error::AppError,
    model::{
        FrameworkInput, JargonInput, PlacementInput, RoundInput, StatementInput, ThemeFieldNames,
        ThemeInput,
    },
};
use sqlx::AnyConnection;

async fn theme_id(
    conn: &mut AnyConnection,
    framework_id: i64,
    code: &str,
) -> Result<i64, AppError> {
    store::frameworks::themes(conn, framework_id)
        .await?
        .into_iter()
        .find(|t| t.code == code)
        .map(|t| t.id)
        .ok_or(AppError::NotFound)
}

pub async fn create_framework(
    cx: &Context,
    title: &str,
    summary: &str,
) -> Result<String, AppError> {
    cx.editor()?;
    let title =
        drafting::title(title, "title").map_err(|e| AppError::field(FrameworkInput::TITLE, e))?;
    let summary =
        drafting::summary(summary).map_err(|e| AppError::field(FrameworkInput::SUMMARY, e))?;
    let base = drafting::slug_from_title(&title);
    let mut tx = cx.write().await?;
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
        FrameworkInput::TITLE,
        Invalid::new("Choose a different title: this one is taken"),
    ))
}

/// A framework's details and settings, from its edit page.
pub async fn update_framework(
    cx: &Context,
    slug: &str,
    form: &FrameworkInput,
) -> Result<(), AppError> {
    cx.editor()?;
    let title = drafting::title(&form.title, "title")
        .map_err(|e| AppError::field(FrameworkInput::TITLE, e))?;
    let summary = drafting::summary(&form.summary)
        .map_err(|e| AppError::field(FrameworkInput::SUMMARY, e))?;
    let target = crate::domain::balance::lived_experience_target(&form.lived_experience_target)
        .map_err(|e| AppError::field(FrameworkInput::LIVED_EXPERIENCE_TARGET, e))?;
    let requires_easy_read = form.requires_easy_read == "yes";
    let mut tx = cx.write().await?;
    let id = framework(&mut tx, slug).await?.id;
    store::statements::update_framework(&mut tx, id, &title, &summary).await?;
    store::frameworks::update_settings(&mut tx, id, target, requires_easy_read).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_theme(
    cx: &Context,
    slug: &str,
    code: &str,
    title: &str,
    description: &str,
) -> Result<(), AppError> {
    cx.editor()?;
    let code = drafting::theme_code(code).map_err(|e| AppError::field(ThemeInput::CODE, e))?;
    let title = drafting::title(title, "theme title")
        .map_err(|e| AppError::field(ThemeInput::THEME_TITLE, e))?;
    let description =
        drafting::summary(description).map_err(|e| AppError::field(ThemeInput::DESCRIPTION, e))?;
    let mut tx = cx.write().await?;
    let id = framework(&mut tx, slug).await?.id;
    if store::statements::insert_theme(&mut tx, id, &code, &title, &description)
        .await?
        .is_none()
    {
        return Err(AppError::Field(
            ThemeInput::CODE.into(),
            format!("There is already a theme with the code {code}"),
        ));
    }
    tx.commit().await?;
    Ok(())
}

pub async fn update_theme(
    cx: &Context,
    slug: &str,
    code: &str,
    title: &str,
    description: &str,
) -> Result<(), AppError> {
    cx.editor()?;
    let title = drafting::title(title, "theme title")
        .map_err(|e| AppError::field(&ThemeFieldNames::title(code), e))?;
    let description = drafting::summary(description)
        .map_err(|e| AppError::field(&ThemeFieldNames::description(code), e))?;
    let mut tx = cx.write().await?;
    let framework = framework(&mut tx, slug).await?.id;
    let theme = theme_id(&mut tx, framework, code).await?;
    store::statements::update_theme(&mut tx, theme, &title, &description).await?;
    tx.commit().await?;
    Ok(())
}

/// Swap a theme with its neighbour above (`up`) or below.
pub async fn move_theme(cx: &Context, slug: &str, code: &str, up: bool) -> Result<(), AppError> {
    cx.editor()?;
    let mut tx = cx.write().await?;
    let framework = framework(&mut tx, slug).await?.id;
    let themes = store::frameworks::themes(&mut tx, framework).await?;
    let index = themes
        .iter()
        .position(|t| t.code == code)
        .ok_or(AppError::NotFound)?;
    let ids: Vec<i64> = themes.iter().map(|item| item.id).collect();
    let Some(order) = order::moved_one_place(&ids, index, up) else {
        return Ok(()); // Already first (or last): nothing to move.
    };
    store::statements::order_themes(&mut tx, &order).await?;
    tx.commit().await?;
    Ok(())
}

/// A new statement at the end of a theme, carrying the values ticked (at least one once
/// the framework has values). Returns its reference.
pub async fn create_statement(
    cx: &Context,
    slug: &str,
    code: &str,
    text: &str,
    note: &str,
    submission_key: &str,
    values: &[String],
) -> Result<String, AppError> {
    let editor = cx.editor()?;
    let body =
        drafting::statement_text(text).map_err(|e| AppError::field(StatementInput::BODY, e))?;
    let note =
        drafting::revision_note(note).map_err(|e| AppError::field(StatementInput::NOTE, e))?;
    let key = SubmissionKey::parse(submission_key)?;
    let mut tx = cx.write().await?;
    let framework = framework(&mut tx, slug).await?.id;
    let theme = theme_id(&mut tx, framework, code).await?;
    if let Some(existing) = store::statements::revision_by_key(&mut tx, key.as_str()).await? {
        // The same form sent twice: the first one already made the statement. A key
        // someone else used, or used for another theme, is not this form's.
        if existing.author_id == Some(editor.id) && existing.theme_id == theme {
            return Ok(existing.reference);
        }
        return Err(submission_key::used_elsewhere().into());
    }
    let new = store::statements::NewStatement {
        framework_id: framework,
        theme_id: theme,
        body: &body,
        author_id: Some(editor.id),
        note: &note,
        submission_key: Some(key.as_str()),
    };
    let made = insert_statement_with_values(&mut tx, &new, values).await?;
    tx.commit().await?;
    Ok(made.reference)
}

/// A statement a caller's transaction made: its id, reference and first draft.
pub struct MadeStatement {
    pub id: i64,
    pub reference: String,
    pub first_revision_id: i64,
}

/// Make a checked statement with its values in the caller's transaction: the one way a
/// statement is made, whether an editor writes it or adopts someone's proposal, so
/// values (required once a framework has them) are checked alike.
pub(super) async fn insert_statement_with_values(
    tx: &mut AnyConnection,
    new: &store::statements::NewStatement<'_>,
    values: &[String],
) -> Result<MadeStatement, AppError> {
    let values = super::values::check_ticked(tx, new.framework_id, values).await?;
    let (id, reference) = store::statements::insert_statement(tx, new, now()).await?;
    store::values::set_for_statement(tx, id, &values).await?;
    let first_revision_id = store::statements::latest_revision_id(tx, id).await?;
    Ok(MadeStatement {
        id,
        reference,
        first_revision_id,
    })
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

/// A redraft as typed: the new text, why, the draft it started from, and any answers
/// to comments given beside it.
pub struct RedraftForm<'a> {
    pub base_revision_id: i64,
    pub text: &'a str,
    pub note: &'a str,
    pub submission_key: &'a str,
    pub answers: &'a [AnswerForm],
}

pub async fn redraft(
    cx: &Context,
    slug: &str,
    reference: &str,
    form: &RedraftForm<'_>,
) -> Result<(), RedraftRefused> {
    let editor = cx.editor()?;
    let body = drafting::statement_text(form.text)
        .map_err(|e| AppError::field(StatementInput::BODY, e))?;
    if merge::has_conflict_markers(&body) {
        return Err(AppError::Field(
            StatementInput::BODY.into(),
            "The text still has [[ ]] marks where your changes and theirs overlap. Choose the wording and remove the marks, then save.".into(),
        )
        .into());
    }
    let note =
        drafting::revision_note(form.note).map_err(|e| AppError::field(StatementInput::NOTE, e))?;
    let answers = responding::check(form.answers)?;
    let key = SubmissionKey::parse(form.submission_key).map_err(AppError::from)?;
    let mut tx = cx.write().await?;
    let framework = framework(&mut tx, slug).await?;
    let statement = statement(&mut tx, framework.id, reference).await?;
    if let Some(existing) = store::statements::revision_by_key(&mut tx, key.as_str()).await? {
        if existing.author_id == Some(editor.id) && existing.statement_id == statement.id {
            return Ok(()); // Sent twice; the first one saved it.
        }
        return Err(AppError::from(submission_key::used_elsewhere()).into());
    }
    let base = form.base_revision_id;
    let revision = store::statements::NewRevision {
        statement_id: statement.id,
        body: &body,
        author_id: Some(editor.id),
        note: &note,
        submission_key: Some(key.as_str()),
    };
    match add_draft(&mut tx, &statement, &revision, base).await? {
        Drafted::Saved(new_revision) => {
            // Answers given while redrafting point at the draft they shaped, written in
            // the same transaction as the draft itself.
            responding::store_answers(
                &mut tx,
                editor.id,
                framework.id,
                Some(statement.id),
                &answers,
                |_| Some(new_revision),
            )
            .await?;
            tx.commit().await?;
            Ok(())
        }
        Drafted::Stale { base_text } => {
            tx.rollback().await?;
            stale(cx, framework.id, reference, &base_text, &body).await
        }
    }
}

/// What [`add_draft`] did.
pub(super) enum Drafted {
    /// The new draft's id.
    Saved(i64),
    /// Someone saved a newer draft since `base`: nothing was written; the caller rolls
    /// back. `base_text` is the draft the editor started from.
    Stale { base_text: String },
}

/// Add a checked draft of a statement in the caller's transaction, if the statement
/// still shows `base`: the one redraft path, whether an editor redrafts or merges
/// someone's proposal in.
pub(super) async fn add_draft(
    tx: &mut AnyConnection,
    statement: &store::frameworks::StatementRow,
    revision: &store::statements::NewRevision<'_>,
    base: i64,
) -> Result<Drafted, AppError> {
    if statement.retired_at.is_some() {
        return Err(AppError::Invalid(
            "This statement has been retired, so it cannot be redrafted.".into(),
        ));
    }
    let Some(base_text) = store::statements::revision_body(tx, statement.id, base).await? else {
        return Err(AppError::Invalid(
            "We could not tell which draft you started from. Reload the page and try again.".into(),
        ));
    };
    if base == statement.revision_id && revision.body == base_text {
        return Err(AppError::Field(
            StatementInput::BODY.into(),
            "The new text is the same as the current text. Change it, or go back.".into(),
        ));
    }
    Ok(
        match store::statements::add_revision_if_current(tx, revision, base, now()).await? {
            Some(id) => Drafted::Saved(id),
            None => Drafted::Stale { base_text },
        },
    )
}

/// Someone saved first: merge this editor's change onto the newest draft, read now,
/// outside the failed transaction.
async fn stale(
    cx: &Context,
    framework_id: i64,
    reference: &str,
    base_text: &str,
    body: &str,
) -> Result<(), RedraftRefused> {
    let mut conn = cx.read().await?;
    let latest = statement(&mut conn, framework_id, reference).await?;
    let (proposal, conflicts) = match merge::three_way(base_text, body, &latest.body) {
        merge::Merged::Clean(text) => (text, 0),
        merge::Merged::Conflicted { text, conflicts } => (text, conflicts),
    };
    Err(RedraftRefused::Stale {
        latest_revision_id: latest.revision_id,
        proposal,
        conflicts,
    })
}

/// Move a statement to a theme and a place in it (1 = first).
pub async fn move_statement(
    cx: &Context,
    slug: &str,
    reference: &str,
    code: &str,
    place: &str,
) -> Result<(), AppError> {
    cx.editor()?;
    let place: i64 = place
        .trim()
        .parse()
        .ok()
        .filter(|p| *p >= 1)
        .ok_or_else(|| {
            AppError::Field(
                PlacementInput::PLACE.into(),
                "Enter the place as a number, like 1 for first".into(),
            )
        })?;
    let mut tx = cx.write().await?;
    let framework = framework(&mut tx, slug).await?.id;
    let statement = statement(&mut tx, framework, reference).await?;
    let theme = theme_id(&mut tx, framework, code).await.map_err(|_| {
        AppError::Field(
            PlacementInput::THEME.into(),
            "Choose a theme from the list".into(),
        )
    })?;
    store::statements::place(&mut tx, statement.id, theme, place - 1).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn retire_statement(cx: &Context, slug: &str, reference: &str) -> Result<(), AppError> {
    cx.editor()?;
    let mut tx = cx.write().await?;
    let framework = framework(&mut tx, slug).await?.id;
    let statement = statement(&mut tx, framework, reference).await?;
    store::statements::retire(&mut tx, statement.id, now()).await?;
    tx.commit().await?;
    Ok(())
}

const DAY: i64 = 24 * 60 * 60;

pub async fn create_round(cx: &Context, slug: &str, form: &RoundInput) -> Result<(), AppError> {
    let editor = cx.editor()?;
    let title = drafting::title(&form.title, "title for the round")
        .map_err(|e| AppError::field(RoundInput::TITLE, e))?;
    let introduction = drafting::summary(&form.introduction)
        .map_err(|e| AppError::field(RoundInput::INTRODUCTION, e))?;
    let opens_at = drafting::date_start(&form.opens, "opening date")
        .map_err(|e| AppError::field(RoundInput::OPENS, e))?;
    // A round closes at the end of its closing day.
    let closes_at = drafting::date_start(&form.closes, "closing date")
        .map_err(|e| AppError::field(RoundInput::CLOSES, e))?
        + DAY;
    if closes_at <= opens_at {
        return Err(AppError::Field(
            RoundInput::CLOSES.into(),
            "The closing date must be on or after the opening date".into(),
        ));
    }
    if closes_at <= now() {
        return Err(AppError::Field(
            RoundInput::CLOSES.into(),
            "The closing date must be today or later".into(),
        ));
    }
    let mut tx = cx.write().await?;
    let framework = framework(&mut tx, slug).await?.id;
    // Two editors adding overlapping rounds at once: the second waits here, then sees
    // the first's round.
    store::frameworks::lock(&mut tx, framework).await?;
    // A round closed early today ends part way through the day: a new round opening
    // today opens the moment it closed, rather than overlapping it from midnight.
    let opens_at = match store::rounds::last_closed_by(&mut tx, framework, now()).await? {
        Some(closed_at) => opens_at.max(closed_at),
        None => opens_at,
    };
    if store::rounds::overlapping(&mut tx, framework, opens_at, closes_at).await? > 0 {
        return Err(AppError::Field(
            RoundInput::OPENS.into(),
            "These dates overlap another round. Rounds of one framework cannot overlap.".into(),
        ));
    }
    let round = store::rounds::NewRound {
        framework_id: framework,
        title: &title,
        introduction: &introduction,
        opens_at,
        closes_at,
        created_by: editor.id,
    };
    store::rounds::insert(&mut tx, &round, now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Open again a round that has closed (early, or on its date), until the end of a new
/// closing day, if it still can: no version has answered it and no other round has
/// opened since. Checked under the framework's lock, in the transaction that reopens
/// it, so a publish or a new round at the same moment cannot slip in between.
pub async fn reopen_round(
    cx: &Context,
    slug: &str,
    round_id: i64,
    until: &str,
) -> Result<(), AppError> {
    cx.editor()?;
    let field = RoundInput::REOPEN_UNTIL;
    let closes_at = drafting::date_start(until, "new closing date")
        .map_err(|e| AppError::field(field, e))?
        + DAY;
    let at = now();
    if closes_at <= at {
        return Err(AppError::Field(
            field.into(),
            "The new closing date must be today or later".into(),
        ));
    }
    let mut tx = cx.write().await?;
    let framework = framework(&mut tx, slug).await?.id;
    store::frameworks::lock(&mut tx, framework).await?;
    let round = store::rounds::find(&mut tx, round_id)
        .await?
        .filter(|r| r.framework_id == framework)
        .ok_or(AppError::NotFound)?;
    let refuse = |message: String| Err(AppError::Field(field.into(), message));
    if round.closes_at > at {
        return refuse("This round has not closed, so there is nothing to open again.".into());
    }
    if round.publication_id.is_some()
        && let Some(version) =
            store::publications::version_answering_round(&mut tx, round.id).await?
    {
        return refuse(format!(
            "Version {version} has answered the comments in this round, so it cannot open again. Open a new round instead."
        ));
    }
    let rounds = store::rounds::for_framework(&mut tx, framework).await?;
    if super::frameworks::opened_since(&rounds, &round, at) {
        return refuse(
            "Another round has opened since this one, so it cannot open again. Open a new round instead."
                .into(),
        );
    }
    // From the moment it closed to its new closing day, it must not run into a round
    // that is planned to open later.
    if store::rounds::overlapping(&mut tx, framework, round.closes_at, closes_at).await? > 0 {
        return refuse(
            "This closing date runs into another round. Choose an earlier date: rounds of one framework cannot overlap."
                .into(),
        );
    }
    store::rounds::reopen(&mut tx, round.id, closes_at).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn close_round(cx: &Context, slug: &str, round_id: i64) -> Result<(), AppError> {
    cx.editor()?;
    let mut tx = cx.write().await?;
    let framework = framework(&mut tx, slug).await?.id;
    let round = store::rounds::find(&mut tx, round_id)
        .await?
        .filter(|r| r.framework_id == framework)
        .ok_or(AppError::NotFound)?;
    store::rounds::close_now(&mut tx, round.id, now()).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_jargon(cx: &Context, term: &str, plainer: &str) -> Result<(), AppError> {
    let editor = cx.editor()?;
    let term = drafting::title(term, "word or phrase")
        .map_err(|e| AppError::field(JargonInput::TERM, e))?
        .to_lowercase();
    let plainer = drafting::title(plainer, "plainer alternative")
        .map_err(|e| AppError::field(JargonInput::PLAINER, e))?;
    let mut tx = cx.write().await?;
    if !store::jargon::insert(&mut tx, &term, &plainer, Some(editor.id), now()).await? {
        return Err(AppError::Field(
            JargonInput::TERM.into(),
            format!("'{term}' is already on the list"),
        ));
    }
    tx.commit().await?;
    Ok(())
}

/// The checker's starting list, loaded once into an empty table.
pub async fn seed_jargon(db: &super::Db) -> Result<(), sqlx::Error> {
    let mut tx: Tx = db.begin_write().await?;
    if store::jargon::count(&mut tx).await? == 0 {
        for entry in crate::domain::plain_language::default_jargon() {
            store::jargon::insert(&mut tx, &entry.term, &entry.plainer, None, now()).await?;
        }
    }
    tx.commit().await
}
