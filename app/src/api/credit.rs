use crate::{error::AppError, model::*};
use leptos::prelude::*;

/// Where the signed-in person's words are in published versions.
#[server]
pub async fn get_my_words() -> Result<Vec<YourWordsIn>, AppError> {
    use crate::server::{credit, request};
    credit::my_words(&request::context()?).await
}
