//! Publishing, retrying failed emails, and the report's downloads.

use super::{Submitted, refused, see_other};
use app::{
    domain::easy_read::TextKind,
    model::PublishInput,
    server::{
        Context, publishing,
        report_exports::{self, ExportFormat},
        reports,
    },
};
use axum::{
    body::Body,
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
/// spreadsheets and data. The first two list every comment, so they are streamed from
/// the database as they are written: memory stays flat however large the version.
pub async fn report_download(
    cx: Context,
    Path((slug, version, file)): Path<(String, i64, String)>,
) -> Response {
    let name = format!("our-words-{slug}-v{version}-report");
    let refused = |error: app::error::AppError| {
        (
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::NOT_FOUND),
            error.to_string(),
        )
            .into_response()
    };
    let (format, content_type, file_name) = match file.as_str() {
        "report.csv" => (
            ExportFormat::Csv,
            "text/csv; charset=utf-8",
            format!("{name}.csv"),
        ),
        "report.json" => (
            ExportFormat::Json,
            "application/json",
            format!("{name}.json"),
        ),
        "report-by-value.csv" => {
            // The exports count in the standard text, whoever downloads them. The totals
            // need no statement's story.
            let report = match reports::totals_in(&cx, &slug, version, TextKind::Standard).await {
                Ok(report) => report,
                Err(error) => return refused(error),
            };
            return match reports::by_value_csv(&report) {
                Err(error) => {
                    (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response()
                }
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
            };
        }
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    match report_exports::export(&cx, &slug, version, format).await {
        Err(error) => refused(error),
        Ok(chunks) => (
            [
                (header::CONTENT_TYPE, content_type.to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file_name}\""),
                ),
            ],
            Body::from_stream(chunks),
        )
            .into_response(),
    }
}
