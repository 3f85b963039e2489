use crate::{error::AppError, model::*};
use leptos::prelude::*;

#[server]
pub async fn list_frameworks() -> Result<Vec<FrameworkSummary>, AppError> {
    use crate::server::{frameworks, request};
    frameworks::list(&request::context()?).await
}

#[server]
pub async fn get_framework(slug: String) -> Result<FrameworkDetail, AppError> {
    use crate::server::{frameworks, request};
    frameworks::detail(&request::context()?, &slug).await
}
