use crate::{error::AppError, model::*};
use leptos::prelude::*;

#[server]
pub async fn get_round_balance(slug: String, round_id: i64) -> Result<RoundBalanceView, AppError> {
    use crate::server::{balance, request};
    balance::round(&request::context()?, &slug, round_id).await
}

#[server]
pub async fn get_statement_balance(
    slug: String,
    reference: String,
) -> Result<Option<BalanceInRound>, AppError> {
    use crate::server::{balance, request};
    balance::statement(&request::context()?, &slug, &reference).await
}

#[server]
pub async fn get_open_round_balance(slug: String) -> Result<Option<BalanceInRound>, AppError> {
    use crate::server::{balance, request};
    balance::open_round(&request::context()?, &slug).await
}
