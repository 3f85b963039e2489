//! Easy read twins, the editors' side: writing and redrafting a statement's easy read
//! text (with an optional picture), confirming that it still fits a changed main text,
//! and seeing which twins are missing or out of step. Every change checks the editor
//! role first, and every check that guards a write runs inside that write's transaction.

use super::{Context, auth, clock::now, lookups, store};
use crate::{
    domain::{
        Invalid, SubmissionKey, diff,
        drafting::revision_note,
        easy_read::{self, TwinState},
        format_date_time, merge, picture, plural, singular_or_plural, submission_key,
    },
    error::AppError,
    model::{
        EasyReadDraftView, EasyReadInput, EasyReadPageView, PictureChoice, PictureView,
        TwinListItem, TwinOverview, TwinStatusView,
    },
};
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

fn statement_path(slug: &str, reference: &str) -> String {
    format!("/frameworks/{slug}/statements/{reference}")
}

/// Where a statement's twin stands, for an editor (None for anyone else, who has
/// nothing to act on). One query.
pub async fn status_for_editor(
    cx: &Context,
    conn: &mut AnyConnection,
    slug: &str,
    statement: &store::frameworks::StatementRow,
) -> Result<Option<TwinStatusView>, AppError> {
    if !cx.is_editor() {
        return Ok(None);
    }
    let twin = store::easy_read::twin(conn, statement.id).await?;
    Ok(Some(TwinStatusView {
        state: twin
            .as_ref()
            .map_or(TwinState::Missing, store::easy_read::TwinRow::state),
        statement_path: statement_path(slug, &statement.reference),
        main_revision_id: statement.revision_id,
        easy_read_id: twin.map(|t| t.revision_id),
    }))
}

/// How every current statement's twin stands in a framework, in one query (and one for
/// whether the framework requires them).
pub async fn overview(
    conn: &mut AnyConnection,
    framework_id: i64,
    slug: &str,
) -> Result<TwinOverview, sqlx::Error> {
    let rows = store::easy_read::states(conn, framework_id).await?;
    let required = store::easy_read::required(conn, framework_id).await?;
    let item = |row: &store::easy_read::TwinStateRow| TwinListItem {
        reference: row.reference.clone(),
        state: row.state(),
        easy_read_href: format!("{}/easy-read", statement_path(slug, &row.reference)),
    };
    let with = |state: TwinState| -> Vec<TwinListItem> {
        rows.iter()
            .filter(|r| r.state() == state)
            .map(item)
            .collect()
    };
    Ok(TwinOverview {
        statements: rows.len(),
        needs_updating: with(TwinState::NeedsUpdating),
        missing: with(TwinState::Missing),
        required,
    })
}

/// Why publishing is refused while twins are out of step, in words.
pub fn refusal(out_of_step: usize) -> String {
    format!(
        "{} easy read {} missing or {} updating. This framework needs every statement's easy read version up to date before it is published.",
        plural(out_of_step, "statement's", "statements'"),
        singular_or_plural(out_of_step, "version is", "versions are"),
        singular_or_plural(out_of_step, "needs", "need"),
    )
}

fn author(name: &str) -> String {
    if name.is_empty() {
        "The policy team".to_owned()
    } else {
        name.to_owned()
    }
}

fn picture_of(row: &store::easy_read::EasyReadRevisionRow) -> Option<PictureView> {
    row.picture_id.map(|id| PictureView {
        id,
        alt: row.picture_alt.clone(),
    })
}

/// The easy read page: the main text, where the twin stands, how the main text changed
/// since the easy read text last matched it, and every easy read draft with its change.
/// A fixed number of queries however many drafts there are.
pub async fn easy_read_page(
    cx: &Context,
    slug: &str,
    reference: &str,
) -> Result<EasyReadPageView, AppError> {
    cx.editor()?;
    let mut conn = cx.read().await?;
    let framework = lookups::framework(&mut conn, slug).await?;
    let statement = lookups::statement(&mut conn, framework.id, reference).await?;
    let theme = store::frameworks::theme(&mut conn, statement.theme_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = status_for_editor(cx, &mut conn, &framework.slug, &statement)
        .await?
        .ok_or(AppError::Forbidden)?;
    let drafts = store::easy_read::revisions(&mut conn, statement.id).await?;
    let main_drafts = store::statements::revisions(&mut conn, statement.id).await?;
    let pairings = store::easy_read::pairings(&mut conn, statement.id).await?;
    let jargon = store::jargon::all(&mut conn).await?;
    drop(conn);

    // The newest main draft the current easy read text was written or confirmed for.
    let main_change = match (status.state, status.easy_read_id) {
        (TwinState::NeedsUpdating, Some(current)) => pairings
            .iter()
            .rev()
            .find(|p| p.easy_read_revision_id == Some(current))
            .and_then(|p| main_drafts.iter().find(|r| r.id == p.id))
            .map(|then| diff::word_diff(&then.body, &statement.body)),
        _ => None,
    };
    let mut views: Vec<EasyReadDraftView> = Vec::with_capacity(drafts.len());
    for (i, row) in drafts.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| &drafts[p]);
        let picture_change = previous.and_then(|before| {
            match (before.picture_id, row.picture_id) {
                (None, Some(_)) => Some("A picture was added."),
                (Some(_), None) => Some("The picture was removed."),
                (Some(a), Some(b)) if a != b => Some("The picture was changed."),
                (Some(_), Some(_)) if before.picture_alt != row.picture_alt => {
                    Some("The picture's description was changed.")
                }
                _ => None,
            }
            .map(str::to_owned)
        });
        views.push(EasyReadDraftView {
            id: row.id,
            number: i + 1,
            author: author(&row.author_name),
            note: row.note.clone(),
            created_label: format_date_time(row.created_at),
            text: row.body.clone(),
            picture: picture_of(row),
            change: previous.map(|before| diff::word_diff(&before.body, &row.body)),
            picture_change,
        });
    }
    views.reverse();
    Ok(EasyReadPageView {
        framework_slug: framework.slug,
        framework_title: framework.title,
        theme_code: theme.code,
        theme_title: theme.title,
        reference: statement.reference,
        retired: statement.retired_at.is_some(),
        main_text: statement.body,
        main_draft_number: main_drafts.len(),
        status,
        main_change,
        drafts: views,
        jargon,
        submission_key: auth::new_secret(),
    })
}

/// A picture as it came with the form.
pub enum Upload<'a> {
    /// No file was chosen.
    None,
    Picture(&'a [u8]),
    /// The upload was cut off for being over the limit.
    TooLarge,
}

/// An easy read draft as typed.
pub struct EasyReadForm<'a> {
    pub input: &'a EasyReadInput,
    pub upload: Upload<'a>,
}

/// Why an easy read draft was not saved.
#[derive(Debug)]
pub enum EasyReadRefused {
    Error(AppError),
    /// Someone saved a newer easy read draft, or a newer main draft, since the editor
    /// started. `proposal` is the editor's text, merged onto the newer easy read draft
    /// when there is one, with overlapping changes marked in words.
    Stale {
        latest_easy_read_id: Option<i64>,
        main_revision_id: i64,
        proposal: String,
        conflicts: usize,
        easy_read_moved: bool,
    },
}

impl From<AppError> for EasyReadRefused {
    fn from(error: AppError) -> Self {
        EasyReadRefused::Error(error)
    }
}

impl From<sqlx::Error> for EasyReadRefused {
    fn from(error: sqlx::Error) -> Self {
        EasyReadRefused::Error(error.into())
    }
}

fn field(name: &str, invalid: Invalid) -> EasyReadRefused {
    AppError::field(name, invalid).into()
}

/// Save a new easy read draft, paired with the main draft it was written for. Refused
/// (with nothing written) when the editor's starting easy read draft or main draft is
/// no longer the newest; the same form sent twice saves one draft.
pub async fn save(
    cx: &Context,
    slug: &str,
    reference: &str,
    form: &EasyReadForm<'_>,
) -> Result<(), EasyReadRefused> {
    let editor = cx.editor()?;
    let input = form.input;
    // The picture first: a request cut off for its size may have lost the other fields.
    let upload = match form.upload {
        Upload::None => None,
        Upload::TooLarge => return Err(field(EasyReadInput::PICTURE, picture::too_large())),
        Upload::Picture(bytes) => {
            let checked = picture::check(bytes).map_err(|e| field(EasyReadInput::PICTURE, e))?;
            Some((bytes, checked))
        }
    };
    let body = easy_read::easy_read_text(&input.body).map_err(|e| field(EasyReadInput::BODY, e))?;
    if merge::has_conflict_markers(&body) {
        return Err(AppError::Field(
            EasyReadInput::BODY.into(),
            "The text still has [[ ]] marks where your changes and theirs overlap. Choose the wording and remove the marks, then save.".into(),
        )
        .into());
    }
    let note = revision_note(&input.note).map_err(|e| field(EasyReadInput::NOTE, e))?;
    let key = SubmissionKey::parse(&input.submission_key).map_err(AppError::from)?;
    let removing = PictureChoice::parse(&input.picture_choice) == Some(PictureChoice::Remove);
    if removing && upload.is_some() {
        return Err(field(
            EasyReadInput::PICTURE,
            Invalid::new(
                "You chose a new picture and chose to remove the picture. Choose “Keep” to use the new picture, or do not choose a file",
            ),
        ));
    }
    let base: Option<i64> = match input.base_easy_read_id.trim() {
        "" => None,
        raw => Some(raw.parse().map_err(|_| unknown_start())?),
    };
    let main_revision_id: i64 = input
        .main_revision_id
        .trim()
        .parse()
        .map_err(|_| unknown_start())?;

    let mut tx = cx.write().await?;
    let framework = lookups::framework(&mut tx, slug).await?;
    let statement = lookups::statement(&mut tx, framework.id, reference).await?;
    if let Some(existing) = store::statements::revision_by_key(&mut tx, key.as_str()).await? {
        if existing.author_id == Some(editor.id) && existing.statement_id == statement.id {
            return Ok(()); // Sent twice; the first one saved it.
        }
        return Err(AppError::from(submission_key::used_elsewhere()).into());
    }
    if statement.retired_at.is_some() {
        return Err(AppError::Invalid(
            "This statement has been retired, so its easy read version cannot be changed.".into(),
        )
        .into());
    }
    let drafts = store::easy_read::revisions(&mut tx, statement.id).await?;
    let base_draft = match base {
        None => None,
        Some(id) => Some(
            drafts
                .iter()
                .find(|d| d.id == id)
                .ok_or_else(unknown_start)?,
        ),
    };
    // The picture: a new file replaces it; otherwise keep the one the editor saw, or
    // remove it.
    let kept = base_draft.and_then(|d| d.picture_id).filter(|_| !removing);
    let alt = if upload.is_some() || kept.is_some() {
        easy_read::picture_alt(&input.picture_alt)
            .map_err(|e| field(EasyReadInput::PICTURE_ALT, e))?
    } else {
        String::new()
    };
    let latest = drafts.last().map(|d| d.id);
    if let Some(current) = base_draft.filter(|d| Some(d.id) == latest)
        && upload.is_none()
        && current.body == body
        && current.picture_id == kept
        && current.picture_alt == alt
    {
        return Err(AppError::Field(
            EasyReadInput::BODY.into(),
            "The easy read text is the same as the current one. Change it, or if it still fits the main text, choose “It still fits”.".into(),
        )
        .into());
    }
    let picture_id = match upload {
        Some((bytes, checked)) => Some(store_picture(&mut tx, bytes, checked, editor.id).await?),
        None => kept,
    };
    let new = store::easy_read::NewEasyRead {
        statement_id: statement.id,
        body: &body,
        picture_id,
        picture_alt: &alt,
        author_id: Some(editor.id),
        note: &note,
        submission_key: Some(key.as_str()),
    };
    match store::easy_read::add_if_current(&mut tx, &new, base, main_revision_id, now()).await? {
        Some(_) => {
            tx.commit().await?;
            Ok(())
        }
        None => {
            tx.rollback().await?;
            let base_text = base_draft.map(|d| d.body.clone()).unwrap_or_default();
            stale(cx, framework.id, reference, base, &base_text, &body).await
        }
    }
}

fn unknown_start() -> AppError {
    AppError::Invalid(
        "We could not tell which drafts you started from. Reload the page and try again.".into(),
    )
}

/// Store a checked picture, or find the same picture stored before.
async fn store_picture(
    conn: &mut AnyConnection,
    bytes: &[u8],
    checked: picture::CheckedPicture,
    uploaded_by: i64,
) -> Result<i64, sqlx::Error> {
    let sha256 = hex::encode(Sha256::digest(bytes));
    if let Some(id) = store::easy_read::picture_by_hash(conn, &sha256).await? {
        return Ok(id);
    }
    let new = store::easy_read::NewPicture {
        content_type: checked.kind.content_type(),
        bytes,
        width: checked.width as i64,
        height: checked.height as i64,
        sha256: &sha256,
        uploaded_by: Some(uploaded_by),
    };
    store::easy_read::insert_picture(conn, &new, now()).await
}

/// Someone saved first: read what is newest now, outside the failed transaction, and
/// merge this editor's change onto the newer easy read text if there is one.
async fn stale(
    cx: &Context,
    framework_id: i64,
    reference: &str,
    base: Option<i64>,
    base_text: &str,
    body: &str,
) -> Result<(), EasyReadRefused> {
    let mut conn = cx.read().await?;
    let statement = lookups::statement(&mut conn, framework_id, reference).await?;
    let latest = store::easy_read::twin(&mut conn, statement.id).await?;
    let latest_id = latest.as_ref().map(|t| t.revision_id);
    let easy_read_moved = latest_id != base;
    let (proposal, conflicts) = match latest.filter(|_| easy_read_moved) {
        None => (body.to_owned(), 0),
        Some(theirs) => match merge::three_way(base_text, body, &theirs.body) {
            merge::Merged::Clean(text) => (text, 0),
            merge::Merged::Conflicted { text, conflicts } => (text, conflicts),
        },
    };
    Err(EasyReadRefused::Stale {
        latest_easy_read_id: latest_id,
        main_revision_id: statement.revision_id,
        proposal,
        conflicts,
        easy_read_moved,
    })
}

/// "It still fits": the current easy read text goes with the current main text. Refused
/// when either moved on since the editor looked.
pub async fn still_fits(
    cx: &Context,
    slug: &str,
    reference: &str,
    main_revision_id: &str,
    easy_read_id: &str,
) -> Result<(), AppError> {
    cx.editor()?;
    let (Ok(main_revision_id), Ok(easy_read_id)) = (
        main_revision_id.trim().parse::<i64>(),
        easy_read_id.trim().parse::<i64>(),
    ) else {
        return Err(unknown_start());
    };
    let mut tx = cx.write().await?;
    let framework = lookups::framework(&mut tx, slug).await?;
    let statement = lookups::statement(&mut tx, framework.id, reference).await?;
    if !store::easy_read::confirm_still_fits(&mut tx, statement.id, main_revision_id, easy_read_id)
        .await?
    {
        return Err(AppError::Conflict(
            "The main text or the easy read text changed after you opened this page, so nothing was marked. Read them again below, then choose again.".into(),
        ));
    }
    tx.commit().await?;
    Ok(())
}

/// A stored picture, for anyone: pictures are shown with statements, which are public.
pub async fn picture(cx: &Context, id: i64) -> Result<store::easy_read::PictureRow, AppError> {
    let mut conn = cx.read().await?;
    store::easy_read::picture(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)
}
