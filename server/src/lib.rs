//! The axum server: state, router, middleware and the routes plain HTML forms post to.

pub mod forms;
pub mod middleware;
mod render;

use app::server::{AppState, Config, Db, demo, mail::Mailer};
use axum::{Router, extract::State, http::StatusCode, response::IntoResponse, routing::get};
use leptos::{config::LeptosOptions, prelude::*};
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns_with_context};
use std::sync::Arc;

/// Connect to the database (creating and migrating it), load demo data if asked, and
/// set up mail.
pub async fn build_state(
    config: Config,
    leptos_options: LeptosOptions,
) -> Result<AppState, String> {
    let db = Db::connect(&config.database_url)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    app::server::drafting::seed_jargon(&db)
        .await
        .map_err(|e| format!("loading the plain-language word list failed: {e}"))?;
    // Before any email is written: a version's emails carry links signed with this key.
    app::server::unsubscribe::prepare(&db)
        .await
        .map_err(|e| format!("making the key for unsubscribe links failed: {e}"))?;
    let mailer = Mailer::from_config(&config)?;
    if config.local_mailbox_enabled() {
        tracing::info!(
            "no OUR_WORDS_SMTP_URL: emails are written to {} and shown at {}",
            config.mail_dir().display(),
            config.absolute_url("/dev/mailbox")
        );
    }
    let state = AppState {
        db,
        config: Arc::new(config),
        mailer: Arc::new(mailer),
        leptos_options,
    };
    // The demo is loaded through the state, so its history is published by the real
    // publishing service, which queues its personal emails in the outbox.
    let config = &state.config;
    if config.demo_data
        && demo::load_if_empty(&state.db)
            .await
            .map_err(|e| format!("loading demo data failed: {e}"))?
    {
        tracing::info!("loaded the demo framework and demo people");
        if config.demo_round {
            demo::history::publish_earlier_version(&state)
                .await
                .map_err(|e| format!("publishing the demo's earlier version failed: {e}"))?;
            demo::open_round(&state.db)
                .await
                .map_err(|e| format!("opening the demo round failed: {e}"))?;
            tracing::info!("opened the demo consultation round, with comments");
        }
    }
    // Comments saved before grouping existed (or seeded in bulk) are grouped now.
    let grouped = app::server::alike::group_waiting(&state.db)
        .await
        .map_err(|e| format!("grouping alike comments failed: {e}"))?;
    if grouped > 0 {
        tracing::info!("grouped {grouped} comments saved before grouping");
    }
    Ok(state)
}

/// Leptos options from cargo-leptos's build settings, with our listen address.
pub fn leptos_options(config: &Config) -> LeptosOptions {
    let mut options = get_configuration(None)
        .map(|conf| conf.leptos_options)
        .unwrap_or_else(|_| LeptosOptions::builder().output_name("our-words").build());
    if options.output_name.is_empty() {
        // Built by plain cargo (tests), not cargo-leptos.
        options.output_name = "our-words".into();
    }
    options.site_addr = config.listen_addr;
    options
}

/// The app's routes, worked out once per process. Working them out renders the app with
/// resource loading suspended for the whole process (leptos#4773), so doing it again
/// while another router is rendering pages, as parallel integration tests did, can
/// leave a page render waiting forever.
fn routes() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

/// The whole application: pages, server functions, form posts, health and static files.
pub fn router(state: AppState) -> Router {
    let routes = routes();
    let page_context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            leptos::nonce::provide_nonce();
        }
    };
    let shell = {
        let options = state.leptos_options.clone();
        move || app::shell(options.clone())
    };
    // The wasm, JS and CSS, compressed for the phones that download them. Only these
    // static files: pages carry per-person secrets (sign-in tokens, form keys) and
    // compressing them next to reflected input would invite BREACH-style guessing.
    // Quality 5, not Brotli's default 11: measured on the release wasm, 5 brings wasm and
    // JS to 144 KB (under the 150 KB budget) in milliseconds, where 11 saves 14 KB more
    // for a second of CPU on every download.
    let assets = {
        let options = &state.leptos_options;
        let dir =
            std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
        tower::ServiceBuilder::new()
            .layer(
                tower_http::compression::CompressionLayer::new()
                    .quality(tower_http::CompressionLevel::Precise(5)),
            )
            .service(tower_http::services::ServeDir::new(dir))
    };
    Router::new()
        .route("/healthz", get(healthz))
        .nest_service(&format!("/{}", state.leptos_options.site_pkg_dir), assets)
        .route("/api/{*fn_name}", get(server_fn).post(server_fn))
        .leptos_routes_with_context(&state, routes, page_context.clone(), shell)
        .merge(forms::routes())
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(page_context, app::shell))
        // Inside the session layer: a form kept while its sender signed in again is given
        // back only to them.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::held::give_back_held,
        ))
        // Inside the session layer: the reading choice of a signed-in person is theirs.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::reading::reading_choice,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::session::load_viewer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::cross_site::refuse_cross_site_posts,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::headers::security_headers,
        ))
        .with_state(state)
}

async fn server_fn(
    State(state): State<AppState>,
    req: axum::extract::Request,
) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), req).await
}

async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    if app::server::store::answers(&state.db.pool).await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}
