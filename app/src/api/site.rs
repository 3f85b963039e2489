use super::Viewer;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What every page's header needs: who is signed in and which local tools exist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteContext {
    pub viewer: Option<Viewer>,
    pub local_mailbox: bool,
}

#[server]
pub async fn get_site_context() -> Result<SiteContext, AppError> {
    use crate::server::request;
    let state = request::app_state()?;
    Ok(SiteContext {
        viewer: request::viewer(),
        local_mailbox: state.config.local_mailbox_enabled(),
    })
}

/// Someone's own account page: who they are and which organisations they speak for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub viewer: Viewer,
    pub organisations: Vec<String>,
    pub easy_read: bool,
    pub email_opt_out: bool,
}

#[server]
pub async fn get_account() -> Result<Account, AppError> {
    use crate::server::{request, store};
    let viewer = request::require_signed_in()?;
    let state = request::app_state()?;
    let organisations = store::organisations::memberships_of_user(&state.db.pool, viewer.id)
        .await?
        .into_iter()
        .map(|m| m.organisation_name)
        .collect();
    let (easy_read, email_opt_out) =
        store::users::email_preferences(&state.db.pool, viewer.id).await?;
    Ok(Account {
        viewer,
        organisations,
        easy_read,
        email_opt_out,
    })
}
