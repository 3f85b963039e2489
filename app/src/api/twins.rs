use crate::{error::AppError, model::*};
use leptos::prelude::*;

#[server]
pub async fn get_easy_read_page(
    slug: String,
    reference: String,
) -> Result<EasyReadPageView, AppError> {
    use crate::server::{request, twins};
    twins::easy_read_page(&request::context()?, &slug, &reference).await
}
