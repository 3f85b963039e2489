//! Form routes for values: a framework's values page, and the values a statement carries.

use super::{Submitted, refused, see_other};
use app::{
    model::{Saved, ValueAction, ValueFieldNames, ValueInput},
    server::{Context, values},
};
use axum::{extract::Path, response::Response};

/// The forms on a page must agree with the route on these names.
pub const VALUE_FORM: &str = "value";
pub const VALUE_UPDATE_FORM: &str = "value-update";
pub const STATEMENT_VALUES_FORM: &str = "statement-values";

pub async fn framework_values(
    cx: Context,
    Path(slug): Path<String>,
    submitted: Submitted,
) -> Response {
    let page = format!("/frameworks/{slug}/values");
    let action = submitted
        .action(ValueAction::parse)
        .unwrap_or(ValueAction::Add);
    let input: ValueInput = submitted.input();
    let code = input.value_code.clone();
    let outcome = match action {
        ValueAction::Add => values::add_value(&cx, &slug, &input).await,
        ValueAction::Change => {
            values::update_value(
                &cx,
                &slug,
                &code,
                submitted.field(&ValueFieldNames::title(&code)),
                submitted.field(&ValueFieldNames::description(&code)),
            )
            .await
        }
        ValueAction::Up | ValueAction::Down => {
            values::move_value(&cx, &slug, &code, action == ValueAction::Up).await
        }
    };
    match outcome {
        Ok(()) => {
            let saved = match action {
                ValueAction::Add => Saved::ValueAdded,
                ValueAction::Change => Saved::ValueChanged,
                ValueAction::Up | ValueAction::Down => Saved::ValueMoved,
            };
            see_other(&saved.redirect(&page, ""))
        }
        Err(error) => {
            let (form, field) = match action {
                ValueAction::Change => (VALUE_UPDATE_FORM, ValueFieldNames::title(&code)),
                _ => (VALUE_FORM, ValueInput::VALUE_CODE.to_owned()),
            };
            refused(&cx.state, submitted, &page, form, &field, error).await
        }
    }
}

pub async fn statement_values(
    cx: Context,
    Path((slug, reference)): Path<(String, String)>,
    submitted: Submitted,
) -> Response {
    let ticked = ValueFieldNames::ticked(&submitted.fields);
    match values::set_statement_values(&cx, &slug, &reference, &ticked).await {
        Ok(()) => see_other(
            &Saved::StatementValues
                .redirect(&format!("/frameworks/{slug}/statements/{reference}"), ""),
        ),
        Err(error) => {
            let page = format!("/frameworks/{slug}/statements/{reference}/manage");
            refused(
                &cx.state,
                submitted,
                &page,
                STATEMENT_VALUES_FORM,
                ValueFieldNames::CHOSEN,
                error,
            )
            .await
        }
    }
}
