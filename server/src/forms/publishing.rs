//! Publishing, retrying failed emails, and the report's downloads.

use super::{Submitted, refused, see_other};
use app::{
    api::Viewer,
    error::AppError,
    server::{AppState, outbox, publishing, reports},
};
use axum::{
    extract::{Path, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

pub async fn publish(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    submitted: Submitted,
) -> Response {
    let outcome = match submitted.parts.extensions.get::<Viewer>() {
        Some(v) => publishing::publish(&state, v, &slug, submitted.field("summary")).await,
        None => Err(AppError::SignInRequired),
    };
    match outcome {
        Ok(version) => see_other(&format!(
            "/frameworks/{slug}/versions/{version}?published=1"
        )),
        Err(error) => {
            refused(
                &state,
                submitted,
                &format!("/frameworks/{slug}/publish"),
                "publish",
                "summary",
                error,
            )
            .await
        }
    }
}

pub async fn retry_failed(
    State(state): State<AppState>,
    Path((slug, version)): Path<(String, i64)>,
    submitted: Submitted,
) -> Response {
    let page = format!("/frameworks/{slug}/versions/{version}/outbox");
    let outcome = async {
        let viewer = submitted
            .parts
            .extensions
            .get::<Viewer>()
            .ok_or(AppError::SignInRequired)?;
        if !(viewer.is_editor || viewer.is_admin) {
            return Err(AppError::Forbidden);
        }
        let framework = app::server::store::frameworks::find_by_slug(&state.db.pool, &slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let publication = reports::publication(&state.db.pool, framework.id, version).await?;
        outbox::retry_failed(&state.db, &format!("publication:{}", publication.id)).await?;
        outbox::wake();
        Ok(())
    }
    .await;
    match outcome {
        Ok(()) => see_other(&format!("{page}?retried=1")),
        Err(error) => refused(&state, submitted, &page, "outbox", "retry", error).await,
    }
}

/// `report.csv` and `report.json`: the same report as the page, for spreadsheets and data.
pub async fn report_download(
    State(state): State<AppState>,
    Path((slug, version, file)): Path<(String, i64, String)>,
) -> Response {
    let Some(format) = file.strip_prefix("report.") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let report = match reports::report_with_state(&state, &slug, version).await {
        Ok(report) => report,
        Err(error) => {
            return (
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::NOT_FOUND),
                error.to_string(),
            )
                .into_response();
        }
    };
    let name = format!("our-words-{slug}-v{version}-report");
    match format {
        "csv" => match reports::to_csv(&report) {
            Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
            Ok(csv) => (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{name}.csv\""),
                    ),
                ],
                csv,
            )
                .into_response(),
        },
        "json" => (
            [
                (header::CONTENT_TYPE, "application/json".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}.json\""),
                ),
            ],
            serde_json::to_string_pretty(&report).unwrap_or_default(),
        )
            .into_response(),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}
