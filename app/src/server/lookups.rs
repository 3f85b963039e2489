//! Finding what an address names (a framework by its slug, a statement by its reference,
//! a published version by its number), as "not found" when it does not exist. Services
//! call these with the connection or transaction they are working in.

use super::store;
use crate::error::AppError;
use sqlx::AnyConnection;

pub async fn framework(
    conn: &mut AnyConnection,
    slug: &str,
) -> Result<store::frameworks::FrameworkRow, AppError> {
    store::frameworks::find_by_slug(conn, slug)
        .await?
        .ok_or(AppError::NotFound)
}

/// A statement of a framework by its reference, in any letter case (`hl-1` is `HL-1`).
pub async fn statement(
    conn: &mut AnyConnection,
    framework_id: i64,
    reference: &str,
) -> Result<store::frameworks::StatementRow, AppError> {
    store::frameworks::statement(conn, framework_id, &reference.to_uppercase())
        .await?
        .ok_or(AppError::NotFound)
}

/// A round of a framework, by its id (another framework's round is "not found").
pub async fn round(
    conn: &mut AnyConnection,
    framework_id: i64,
    round_id: i64,
) -> Result<store::rounds::RoundRow, AppError> {
    store::rounds::find(conn, round_id)
        .await?
        .filter(|r| r.framework_id == framework_id)
        .ok_or(AppError::NotFound)
}

/// A framework's published version.
pub async fn publication(
    conn: &mut AnyConnection,
    slug: &str,
    version: i64,
) -> Result<
    (
        store::frameworks::FrameworkRow,
        store::publications::PublicationRow,
    ),
    AppError,
> {
    let framework = framework(conn, slug).await?;
    let publication = store::publications::find(conn, framework.id, version)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((framework, publication))
}

/// The organisations a person may speak for, as a form's choices.
pub async fn organisations_of(
    conn: &mut AnyConnection,
    user_id: i64,
) -> Result<Vec<crate::model::OrganisationRef>, sqlx::Error> {
    Ok(store::organisations::memberships_of_user(conn, user_id)
        .await?
        .into_iter()
        .map(|m| crate::model::OrganisationRef {
            id: m.organisation_id,
            name: m.organisation_name,
        })
        .collect())
}
