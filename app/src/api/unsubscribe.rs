use crate::{error::AppError, model::*};
use leptos::prelude::*;

#[server]
pub async fn get_unsubscribe(token: String) -> Result<Unsubscribe, AppError> {
    use crate::server::{request, unsubscribe};
    unsubscribe::choice(&request::context()?, &token).await
}
