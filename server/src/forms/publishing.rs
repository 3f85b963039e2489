//! Publishing, retrying failed emails, and the report's downloads.

use super::{Submitted, refused, see_other};
use app::{
    domain::easy_read::TextKind,
    model::PublishInput,
    server::{Context, publishing, reports},
};
use axum::{
    extract::Path,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

pub async fn publish(cx: Context, Path(slug): Path<String>, submitted: Submitted) -> Response {
    match publishing::publish(&cx, &slug, submitted.field(PublishInput::SUMMARY)).await {
        Ok(version) => see_other(&format!(
            "/frameworks/{slug}/versions/{version}?published=1"
        )),
        Err(error) => {
            let page = format!("/frameworks/{slug}/publish");
            refused(
                &cx.state,
                submitted,
                &page,
                "publish",
                PublishInput::SUMMARY,
                error,
            )
            .await
        }
    }
}

pub async fn retry_failed(
    cx: Context,
    Path((slug, version)): Path<(String, i64)>,
    submitted: Submitted,
) -> Response {
    let page = format!("/frameworks/{slug}/versions/{version}/outbox");
    match publishing::retry_failed(&cx, &slug, version).await {
        Ok(_) => see_other(&format!("{page}?retried=1")),
        Err(error) => refused(&cx.state, submitted, &page, "outbox", "retry", error).await,
    }
}

/// `report.csv`, `report.json` and `report-by-value.csv`: the same report as the page, for
/// spreadsheets and data.
pub async fn report_download(
    cx: Context,
    Path((slug, version, file)): Path<(String, i64, String)>,
) -> Response {
    let format = match file.as_str() {
        "report.csv" => "csv",
        "report.json" => "json",
        "report-by-value.csv" => "by-value.csv",
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    // The exports tell every statement's story in its standard text, whoever downloads
    // them, and carry the published easy read text beside it.
    let report = match reports::report_in(&cx, &slug, version, TextKind::Standard).await {
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
        "by-value.csv" => match reports::by_value_csv(&report) {
            Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
            Ok(None) => StatusCode::NOT_FOUND.into_response(),
            Ok(Some(csv)) => (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{name}-by-value.csv\""),
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
