use crate::{error::AppError, model::*};
use leptos::prelude::*;

#[server]
pub async fn get_my_events() -> Result<EventsView, AppError> {
    use crate::server::{events, request};
    events::mine(&request::context()?).await
}

#[server]
pub async fn get_event(id: i64) -> Result<EventView, AppError> {
    use crate::server::{events, request};
    events::page(&request::context()?, id).await
}

#[server]
pub async fn get_event_letters(id: i64) -> Result<LettersView, AppError> {
    use crate::server::{events, request};
    events::letters(&request::context()?, id).await
}
