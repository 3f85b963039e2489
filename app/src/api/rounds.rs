use crate::{error::AppError, model::*};
use leptos::prelude::*;

#[server]
pub async fn get_rounds(slug: String) -> Result<RoundsView, AppError> {
    use crate::server::{frameworks, request};
    frameworks::rounds(&request::context()?, &slug).await
}
