//! Changes to people and organisations: one's own name, and the admin's tools.
//! Callers have already checked who may do these; each runs in one transaction.

use super::{AppState, Db, clock::now, store};
use crate::{
    api::Viewer,
    domain::{DisplayName, EmailAddress, OrganisationName},
    error::AppError,
};

pub async fn set_display_name(
    state: &AppState,
    viewer: &Viewer,
    raw: &str,
) -> Result<(), AppError> {
    let name = DisplayName::parse(raw)?;
    store::users::set_display_name(&state.db.pool, viewer.id, name.as_str()).await?;
    Ok(())
}

pub async fn set_email_preferences(
    state: &AppState,
    viewer: &Viewer,
    easy_read: bool,
    opt_out: bool,
) -> Result<(), AppError> {
    store::users::set_email_preferences(&state.db.pool, viewer.id, easy_read, opt_out).await?;
    Ok(())
}

/// Add someone by address before they first sign in (e.g. to give them a role).
pub async fn add_person(db: &Db, raw_email: &str) -> Result<i64, AppError> {
    let email = EmailAddress::parse(raw_email)?;
    let mut tx = db.begin_write().await?;
    let user = store::users::find_or_create_by_email(&mut tx, email.as_str(), now()).await?;
    tx.commit().await?;
    Ok(user.id)
}

/// Make an address an admin, creating the account if needed. Used by the CLI to make the
/// first admin, so it needs no signed-in admin.
pub async fn make_admin(db: &Db, raw_email: &str) -> Result<i64, AppError> {
    let email = EmailAddress::parse(raw_email)?;
    let mut tx = db.begin_write().await?;
    let user = store::users::find_or_create_by_email(&mut tx, email.as_str(), now()).await?;
    store::users::set_roles(&mut tx, user.id, user.is_editor != 0, true).await?;
    tx.commit().await?;
    Ok(user.id)
}

pub async fn set_roles(
    state: &AppState,
    person_id: i64,
    is_editor: bool,
    is_admin: bool,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    let before = store::users::find_by_id(&state.db.pool, person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if before.is_admin != 0 && !is_admin && store::users::count_admins(&mut tx).await? <= 1 {
        return Err(AppError::Invalid(
            "This is the only admin. Make someone else an admin first, so that someone can still manage people.".into(),
        ));
    }
    store::users::set_roles(&mut tx, person_id, is_editor, is_admin).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn create_organisation(state: &AppState, raw_name: &str) -> Result<i64, AppError> {
    let name = OrganisationName::parse(raw_name)?;
    let mut tx = state.db.begin_write().await?;
    let id = store::organisations::create(&mut tx, name.as_str(), now())
        .await?
        .ok_or_else(|| {
            AppError::Invalid(format!(
                "There is already an organisation called {}",
                name.as_str()
            ))
        })?;
    tx.commit().await?;
    Ok(id)
}

pub async fn add_membership(
    state: &AppState,
    person_id: i64,
    organisation_id: i64,
) -> Result<(), AppError> {
    let pool = &state.db.pool;
    if store::users::find_by_id(pool, person_id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    if store::organisations::find(pool, organisation_id)
        .await?
        .is_none()
    {
        return Err(AppError::Invalid(
            "Choose an organisation from the list".into(),
        ));
    }
    let mut tx = state.db.begin_write().await?;
    store::organisations::add_member(&mut tx, person_id, organisation_id, now()).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn remove_membership(
    state: &AppState,
    person_id: i64,
    organisation_id: i64,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    store::organisations::remove_member(&mut tx, person_id, organisation_id).await?;
    tx.commit().await?;
    Ok(())
}
