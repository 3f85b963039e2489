use crate::{error::AppError, model::*};
use leptos::prelude::*;

#[server]
pub async fn get_site_context() -> Result<SiteContext, AppError> {
    use crate::server::{accounts, request};
    Ok(accounts::site_context(&request::context()?))
}

#[server]
pub async fn get_account() -> Result<Account, AppError> {
    use crate::server::{accounts, request};
    accounts::account(&request::context()?).await
}
