use crate::{error::AppError, model::*};
use leptos::prelude::*;

/// "Your events", one page (`?page=N`) at a time.
#[server]
pub async fn get_my_events(page: Option<String>) -> Result<EventsView, AppError> {
    use crate::server::{events, request};
    events::mine(&request::context()?, page.as_deref()).await
}

#[server]
pub async fn get_event(id: i64, statement: Option<String>) -> Result<EventView, AppError> {
    use crate::server::{events, request};
    events::page(&request::context()?, id, statement.as_deref()).await
}

#[server]
pub async fn get_correction(event: i64, comment: i64) -> Result<CorrectionView, AppError> {
    use crate::server::{events, request};
    events::correction(&request::context()?, event, comment).await
}

#[server]
pub async fn get_event_letters(id: i64) -> Result<LettersView, AppError> {
    use crate::server::{events, request};
    events::letters(&request::context()?, id).await
}
