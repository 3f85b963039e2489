//! Admin reads. The admin role is checked by the services they call.

use crate::{error::AppError, model::*};
use leptos::prelude::*;

/// One page (`?page=N`) of the people whose name or address contains `q`.
#[server]
pub async fn admin_list_people(
    q: Option<String>,
    page: Option<String>,
) -> Result<Paged<PersonSummary>, AppError> {
    use crate::server::{accounts, request};
    accounts::people(
        &request::context()?,
        q.as_deref().unwrap_or_default(),
        page.as_deref(),
    )
    .await
}

#[server]
pub async fn admin_get_person(id: i64) -> Result<PersonDetail, AppError> {
    use crate::server::{accounts, request};
    accounts::person(&request::context()?, id).await
}

#[server]
pub async fn admin_list_organisations() -> Result<Vec<OrganisationSummary>, AppError> {
    use crate::server::{accounts, request};
    accounts::organisations(&request::context()?).await
}

#[server]
pub async fn admin_get_organisation(id: i64) -> Result<OrganisationDetail, AppError> {
    use crate::server::{accounts, request};
    accounts::organisation(&request::context()?, id).await
}

/// One page (`?page=N`) of the audit log, newest first, of one kind of action (`action`)
/// or all.
#[server]
pub async fn admin_audit_log(
    action: Option<String>,
    page: Option<String>,
) -> Result<AuditLog, AppError> {
    use crate::server::{audit, request};
    audit::log(&request::context()?, action.as_deref(), page.as_deref()).await
}
