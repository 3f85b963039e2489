//! "This still matters to me": one button per earlier comment on the comment page.

use super::{Submitted, refused, see_other};
use app::{
    error::AppError,
    model::{Saved, StillMattersInput},
    server::{Context, still_matters},
};
use axum::{extract::Path, response::Response};

pub async fn say(
    cx: Context,
    Path((slug, reference)): Path<(String, String)>,
    submitted: Submitted,
) -> Response {
    let statement = format!("/frameworks/{slug}/statements/{reference}");
    let earlier = submitted
        .field(StillMattersInput::EARLIER_COMMENT_ID)
        .trim()
        .parse::<i64>();
    let outcome = match earlier {
        Ok(id) => {
            still_matters::say(
                &cx,
                &slug,
                &reference,
                id,
                submitted.field(StillMattersInput::SUBMISSION_KEY),
            )
            .await
        }
        Err(_) => Err(AppError::NotFound),
    };
    match outcome {
        Ok(_) => see_other(&Saved::Comment.redirect(&statement, "comments")),
        Err(error) => {
            let field = earlier.map_or_else(|_| String::new(), StillMattersInput::button);
            refused(
                &cx.state,
                submitted,
                &format!("{statement}/comment"),
                "comment",
                &field,
                error,
            )
            .await
        }
    }
}
