//! Easy read twins: the easy read form (multipart, because it may carry a picture),
//! "It still fits", and the pictures themselves.

use super::{Submitted, refused, see_other};
use crate::render::page_with_feedback;
use app::{
    domain::picture::MAX_PICTURE_BYTES,
    form::FormFeedback,
    model::{
        CONFLICT_FROM, EASY_READ_FORM, EasyReadAction, EasyReadInput, STILL_FITS_FORM, Saved,
        StillFitsFrom, StillFitsInput,
    },
    server::{
        Context,
        twins::{self, EasyReadForm, EasyReadRefused, Upload},
    },
};
use axum::{
    extract::{FromRequest, Multipart, Path, Request},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use std::collections::BTreeMap;

/// The largest request the easy read route starts to read (set on that route only;
/// every other form keeps axum's default). A larger one is refused before anything in it
/// is read. Below it, the text fields are read first (each up to [`MAX_TEXT_FIELD`]) and
/// the picture only until it passes [`MAX_PICTURE_BYTES`], so no more than that is ever
/// held, and a photo straight from a phone gets a plain "too large" beside the field
/// with everything typed kept.
pub const EASY_READ_BODY_LIMIT: usize = 20 * 1024 * 1024;
/// The most one text field of the easy read form may hold (the text itself is limited
/// to far less: this only bounds what is read).
const MAX_TEXT_FIELD: usize = 64 * 1024;

/// The picture part of a submitted easy read form.
pub enum Picture {
    None,
    Bytes(Vec<u8>),
    TooLarge,
}

/// An easy read form as sent: the text fields (read like any other form's) and the
/// picture, read only up to the limit. The page puts the file field last, so a picture
/// cut off for being too large still leaves everything typed to show again.
pub struct EasyReadSubmitted {
    pub submitted: Submitted,
    pub picture: Picture,
}

impl<S: Send + Sync> FromRequest<S> for EasyReadSubmitted {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let unreadable = || {
            (
                StatusCode::BAD_REQUEST,
                "We could not read that form. Go back, reload the page and try again.",
            )
                .into_response()
        };
        let (parts, body) = req.into_parts();
        let mut multipart =
            Multipart::from_request(Request::from_parts(parts.clone(), body), state)
                .await
                .map_err(|_| unreadable())?;
        let mut fields = BTreeMap::new();
        let mut picture = Picture::None;
        loop {
            let mut field = match multipart.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                // Cut off by the body limit: only a picture can be that large.
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    picture = Picture::TooLarge;
                    break;
                }
                Err(_) => return Err(unreadable()),
            };
            let name = field.name().unwrap_or_default().to_owned();
            let is_picture = name == EasyReadInput::PICTURE;
            let limit = if is_picture {
                MAX_PICTURE_BYTES
            } else {
                MAX_TEXT_FIELD
            };
            let mut bytes = Vec::new();
            let mut too_large = false;
            loop {
                match field.chunk().await {
                    Ok(Some(chunk)) => {
                        if bytes.len() + chunk.len() > limit {
                            too_large = true;
                            break;
                        }
                        bytes.extend_from_slice(&chunk);
                    }
                    Ok(None) => break,
                    Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                        too_large = true;
                        break;
                    }
                    Err(_) => return Err(unreadable()),
                }
            }
            if !is_picture {
                if too_large {
                    return Err(unreadable());
                }
                fields.insert(name, String::from_utf8(bytes).map_err(|_| unreadable())?);
                continue;
            }
            if too_large {
                // Stop reading: nothing after the picture is needed.
                picture = Picture::TooLarge;
                break;
            }
            // A file input with no file chosen still sends an empty part.
            let chosen = field.file_name().is_some_and(|n| !n.is_empty());
            if chosen || !bytes.is_empty() {
                picture = Picture::Bytes(bytes);
            }
        }
        Ok(Self {
            submitted: Submitted { parts, fields },
            picture,
        })
    }
}

pub async fn easy_read(
    cx: Context,
    Path((slug, reference)): Path<(String, String)>,
    form: EasyReadSubmitted,
) -> Response {
    let page = format!("/frameworks/{slug}/statements/{reference}/easy-read");
    let EasyReadSubmitted { submitted, picture } = form;
    if submitted.action(EasyReadAction::parse) == Some(EasyReadAction::Preview) {
        // "Preview changes" saves nothing; an editor who is not one is refused as the
        // page itself refuses them.
        let feedback = FormFeedback::new(EASY_READ_FORM, submitted.fields.clone());
        return page_with_feedback(
            &cx.state,
            submitted.parts,
            &page,
            Some(feedback),
            StatusCode::OK,
        )
        .await;
    }
    let input: EasyReadInput = submitted.input();
    let upload = match &picture {
        Picture::None => Upload::None,
        Picture::Bytes(bytes) => Upload::Picture(bytes),
        Picture::TooLarge => Upload::TooLarge,
    };
    let outcome = twins::save(
        &cx,
        &slug,
        &reference,
        &EasyReadForm {
            input: &input,
            upload,
        },
    )
    .await;
    let state = &cx.state;
    match outcome {
        Ok(()) => see_other(
            &Saved::EasyRead.redirect(&format!("/frameworks/{slug}/statements/{reference}"), ""),
        ),
        Err(EasyReadRefused::Error(error)) => {
            let status_for_size = matches!(picture, Picture::TooLarge);
            let mut response = refused(
                state,
                submitted,
                &page,
                EASY_READ_FORM,
                EasyReadInput::BODY,
                error,
            )
            .await;
            if status_for_size && response.status() == StatusCode::UNPROCESSABLE_ENTITY {
                *response.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
            }
            response
        }
        Err(EasyReadRefused::Stale {
            latest_easy_read_id,
            main_revision_id,
            proposal,
            conflicts,
            easy_read_moved,
        }) => {
            let mut values = submitted.fields.clone();
            values.insert(CONFLICT_FROM.into(), input.base_easy_read_id.clone());
            values.insert(
                EasyReadInput::BASE_EASY_READ_ID.into(),
                latest_easy_read_id
                    .map(|id| id.to_string())
                    .unwrap_or_default(),
            );
            values.insert(
                EasyReadInput::MAIN_REVISION_ID.into(),
                main_revision_id.to_string(),
            );
            values.insert(EasyReadInput::BODY.into(), proposal);
            let message = match (easy_read_moved, conflicts) {
                (false, _) => {
                    "The main text was changed while you were working. Nothing has been lost: your easy read text is below. Read the main text again, check your easy read text still fits it, then save again."
                }
                (true, 0) => {
                    "Someone else saved a new easy read draft while you were working. Nothing has been lost: your changes are combined with theirs below. Check the text, then save again."
                }
                (true, _) => {
                    "Someone else saved a new easy read draft while you were working, and some of your changes overlap with theirs. Nothing has been lost: the overlaps are marked with [[ ]] in the text below. Choose the wording, then save again."
                }
            };
            let feedback =
                FormFeedback::new(EASY_READ_FORM, values).with_error(EasyReadInput::BODY, message);
            page_with_feedback(
                state,
                submitted.parts,
                &page,
                Some(feedback),
                StatusCode::CONFLICT,
            )
            .await
        }
    }
}

pub async fn still_fits(
    cx: Context,
    Path((slug, reference)): Path<(String, String)>,
    submitted: Submitted,
) -> Response {
    let input: StillFitsInput = submitted.input();
    let statement = format!("/frameworks/{slug}/statements/{reference}");
    // Back to the page the button was on; anything else goes to the statement.
    let page = match StillFitsFrom::parse(&input.back) {
        Some(StillFitsFrom::Redraft) => format!("{statement}/redraft"),
        Some(StillFitsFrom::EasyRead) => format!("{statement}/easy-read"),
        Some(StillFitsFrom::Statement) | None => statement.clone(),
    };
    match twins::still_fits(
        &cx,
        &slug,
        &reference,
        &input.main_revision_id,
        &input.easy_read_id,
    )
    .await
    {
        Ok(()) => see_other(&Saved::StillFits.redirect(&statement, "")),
        Err(error) => {
            refused(
                &cx.state,
                submitted,
                &page,
                STILL_FITS_FORM,
                STILL_FITS_FORM,
                error,
            )
            .await
        }
    }
}

/// A stored picture, with its own content type and headers that stop a browser from
/// reading it as anything else or running anything in it. Pictures never change, so
/// they may be cached for a year.
pub async fn picture(cx: Context, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match twins::picture(&cx, id).await {
        Ok(picture) => {
            let content_type = HeaderValue::from_str(&picture.content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream"));
            (
                [
                    (header::CONTENT_TYPE, content_type),
                    (
                        header::X_CONTENT_TYPE_OPTIONS,
                        HeaderValue::from_static("nosniff"),
                    ),
                    (
                        header::CONTENT_SECURITY_POLICY,
                        HeaderValue::from_static("default-src 'none'; sandbox"),
                    ),
                    (
                        header::CACHE_CONTROL,
                        HeaderValue::from_static("public, max-age=31536000, immutable"),
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        HeaderValue::from_static("inline"),
                    ),
                ],
                picture.bytes,
            )
                .into_response()
        }
        Err(error) => (
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::NOT_FOUND),
            error.to_string(),
        )
            .into_response(),
    }
}
