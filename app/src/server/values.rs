//! Values, the second axis beside themes: editors add, rename and order a framework's
//! values, and choose the values each statement carries. Every change checks the editor
//! role first and checks what it guards inside its own transaction.

use super::{
    Context,
    lookups::{framework, statement},
    store,
};
use crate::{
    domain::{Invalid, drafting, order, response::Outcome, values},
    error::AppError,
    model::{ValueDetail, ValueFieldNames, ValueInput, ValueTotals},
};
use sqlx::AnyConnection;
use std::collections::HashMap;

pub fn detail(row: store::values::ValueRow) -> ValueDetail {
    ValueDetail {
        code: row.code,
        title: row.title,
        description: row.description,
    }
}

/// The codes each statement carries, by statement id, in the framework's order of values.
pub fn carried_by_statement(
    values: &[store::values::ValueRow],
    links: Vec<(i64, i64)>,
) -> HashMap<i64, Vec<String>> {
    let position = |value_id: i64| values.iter().position(|v| v.id == value_id);
    let mut by_statement: HashMap<i64, Vec<usize>> = HashMap::new();
    for (statement, value) in links {
        if let Some(at) = position(value) {
            by_statement.entry(statement).or_default().push(at);
        }
    }
    by_statement
        .into_iter()
        .map(|(statement, mut at)| {
            at.sort_unstable();
            (
                statement,
                at.into_iter().map(|i| values[i].code.clone()).collect(),
            )
        })
        .collect()
}

/// The values ticked on a statement form, checked against the framework's values (read
/// through the caller's transaction): their ids, or the message for the checkboxes.
pub async fn check_ticked(
    conn: &mut AnyConnection,
    framework_id: i64,
    ticked: &[String],
) -> Result<Vec<i64>, AppError> {
    let known = store::values::for_framework(conn, framework_id).await?;
    let codes: Vec<&str> = known.iter().map(|v| v.code.as_str()).collect();
    let ticked: Vec<&str> = ticked.iter().map(String::as_str).collect();
    let chosen = values::chosen_values(&codes, &ticked)
        .map_err(|e| AppError::field(ValueFieldNames::CHOSEN, e))?;
    Ok(known
        .iter()
        .filter(|v| chosen.contains(&v.code))
        .map(|v| v.id)
        .collect())
}

/// The values a statement carries now, in the framework's order.
pub async fn of_statement(
    conn: &mut AnyConnection,
    framework_id: i64,
    statement_id: i64,
) -> Result<Vec<ValueDetail>, sqlx::Error> {
    let values = store::values::for_framework(conn, framework_id).await?;
    let carried = store::values::carried_by_statement(conn, statement_id).await?;
    Ok(values
        .into_iter()
        .filter(|v| carried.contains(&v.id))
        .map(detail)
        .collect())
}

pub async fn add_value(cx: &Context, slug: &str, input: &ValueInput) -> Result<(), AppError> {
    cx.editor()?;
    let code = values::value_code(&input.value_code)
        .map_err(|e| AppError::field(ValueInput::VALUE_CODE, e))?;
    let title = drafting::title(&input.value_title, "title for the value")
        .map_err(|e| AppError::field(ValueInput::VALUE_TITLE, e))?;
    let description = drafting::summary(&input.value_description)
        .map_err(|e| AppError::field(ValueInput::VALUE_DESCRIPTION, e))?;
    let mut tx = cx.write().await?;
    let id = framework(&mut tx, slug).await?.id;
    if store::values::insert(&mut tx, id, &code, &title, &description)
        .await?
        .is_none()
    {
        return Err(AppError::field(
            ValueInput::VALUE_CODE,
            Invalid::new(format!("There is already a value with the code {code}")),
        ));
    }
    tx.commit().await?;
    Ok(())
}

async fn value_id(
    conn: &mut AnyConnection,
    framework_id: i64,
    code: &str,
) -> Result<i64, AppError> {
    store::values::for_framework(conn, framework_id)
        .await?
        .into_iter()
        .find(|v| v.code == code)
        .map(|v| v.id)
        .ok_or(AppError::NotFound)
}

pub async fn update_value(
    cx: &Context,
    slug: &str,
    code: &str,
    title: &str,
    description: &str,
) -> Result<(), AppError> {
    cx.editor()?;
    let title = drafting::title(title, "title for the value")
        .map_err(|e| AppError::field(&ValueFieldNames::title(code), e))?;
    let description = drafting::summary(description)
        .map_err(|e| AppError::field(&ValueFieldNames::description(code), e))?;
    let mut tx = cx.write().await?;
    let framework = framework(&mut tx, slug).await?.id;
    let value = value_id(&mut tx, framework, code).await?;
    store::values::update(&mut tx, value, &title, &description).await?;
    tx.commit().await?;
    Ok(())
}

/// Swap a value with its neighbour above (`up`) or below.
pub async fn move_value(cx: &Context, slug: &str, code: &str, up: bool) -> Result<(), AppError> {
    cx.editor()?;
    let mut tx = cx.write().await?;
    let framework = framework(&mut tx, slug).await?.id;
    let values = store::values::for_framework(&mut tx, framework).await?;
    let index = values
        .iter()
        .position(|v| v.code == code)
        .ok_or(AppError::NotFound)?;
    let ids: Vec<i64> = values.iter().map(|item| item.id).collect();
    let Some(order) = order::moved_one_place(&ids, index, up) else {
        return Ok(()); // Already first (or last): nothing to move.
    };
    store::values::order(&mut tx, &order).await?;
    tx.commit().await?;
    Ok(())
}

/// Make a statement carry the values ticked (at least one once the framework has values).
pub async fn set_statement_values(
    cx: &Context,
    slug: &str,
    reference: &str,
    ticked: &[String],
) -> Result<(), AppError> {
    cx.editor()?;
    let mut tx = cx.write().await?;
    let framework = framework(&mut tx, slug).await?.id;
    let statement = statement(&mut tx, framework, reference).await?;
    let chosen = check_ticked(&mut tx, framework, ticked).await?;
    store::values::set_for_statement(&mut tx, statement.id, &chosen).await?;
    tx.commit().await?;
    Ok(())
}

/// The version before `version` and its statements' texts by statement id, or `None`
/// for a first version: what a report's "changed" by value is measured against.
pub async fn previous_version_texts(
    conn: &mut AnyConnection,
    framework_id: i64,
    version: i64,
) -> Result<Option<(i64, HashMap<i64, String>)>, sqlx::Error> {
    let Some(previous) = store::publications::find(conn, framework_id, version - 1).await? else {
        return Ok(None);
    };
    let texts = store::publications::statements(conn, previous.id)
        .await?
        .into_iter()
        .map(|s| (s.statement_id, s.body))
        .collect();
    Ok(Some((previous.version, texts)))
}

/// A version's totals by value, from the values it kept. A statement changed when its
/// text differs from the version before (a statement new since then changed too), or,
/// in a first version, from the text first consulted on (`changed_from_first`, one a
/// statement, in order). `answered` counts the comments
/// by statement and outcome. `None` when the version's statements carry no values.
pub fn totals(
    published_values: &[store::values::PublishedValue],
    statements: &[store::publications::PublishedStatement],
    changed_from_first: &[bool],
    previous: Option<&(i64, HashMap<i64, String>)>,
    answered: &[(i64, Option<Outcome>, usize)],
) -> Option<ValueTotals> {
    if published_values.is_empty() {
        return None;
    }
    // The values in the order they had when the version was published, each once.
    let mut order: Vec<(&str, &str)> = Vec::new();
    for v in published_values {
        if !order.iter().any(|(code, _)| *code == v.value_code) {
            order.push((&v.value_code, &v.value_title));
        }
    }
    let codes: Vec<Vec<&str>> = statements
        .iter()
        .map(|s| {
            published_values
                .iter()
                .filter(|v| v.statement_id == s.statement_id)
                .map(|v| v.value_code.as_str())
                .collect()
        })
        .collect();
    let tallied: Vec<values::TalliedStatement<'_>> = statements
        .iter()
        .zip(changed_from_first)
        .zip(&codes)
        .map(
            |((s, changed_from_first), codes)| values::TalliedStatement {
                statement_id: s.statement_id,
                values: codes,
                changed: match previous {
                    Some((_, texts)) => texts.get(&s.statement_id) != Some(&s.body),
                    None => *changed_from_first,
                },
            },
        )
        .collect();
    let (lines, all) = values::tally(&order, &tallied, answered);
    Some(ValueTotals {
        changed_since: match previous {
            Some((version, _)) => format!("version {version}"),
            None => "the text first consulted on".to_owned(),
        },
        values: lines,
        all,
    })
}
