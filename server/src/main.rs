//! `our-words`: serve the app, or manage it from the command line.

use app::server::{
    Config, Db, accounts,
    demo::national::{self, LoadError, Shape},
    outbox,
};
use clap::{Parser, Subcommand};
use std::net::SocketAddr;

#[derive(Parser)]
#[command(
    name = "our-words",
    about = "Care standards co-written with the people they are for"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the app (the default).
    Serve,
    /// Manage admins.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Load a data set into the database the app is configured with.
    Seed {
        #[command(subcommand)]
        command: SeedCommand,
    },
}

#[derive(Subcommand)]
enum SeedCommand {
    /// The national data set: 150 statements in 5 themes, 2,000 contributors (300 for 40
    /// organisations), version 1 published after an earlier round, and an open round of
    /// 10,000 comments (1,500 on one statement, 2,000 copies of 5 campaign texts).
    National {
        /// Divide every count by this: 1 loads the whole national round, 50 a small
        /// version of the same shape.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
        scale: u16,
        /// If the data set is loaded already, say so and succeed (for scripts).
        #[arg(long)]
        keep_existing: bool,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Make the person with this email address an admin (creating their account if
    /// needed). Use it to make the first admin.
    Add { email: String },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    let outcome = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve().await,
        Command::Admin {
            command: AdminCommand::Add { email },
        } => add_admin(&email).await,
        Command::Seed {
            command:
                SeedCommand::National {
                    scale,
                    keep_existing,
                },
        } => seed_national(usize::from(scale), keep_existing).await,
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("our-words: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn serve() -> Result<(), String> {
    let config = Config::from_env()?;
    let options = server::leptos_options(&config);
    let addr = config.listen_addr;
    let state = server::build_state(config, options).await?;
    // The email outbox worker runs beside the web server and stops after it: it finishes
    // the message in hand and hands back the rest of its claim.
    let (stop_worker, worker_stopping) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(outbox::run_worker(
        state.clone(),
        outbox::WorkerSettings::default(),
        worker_stopping,
    ));
    let app = server::router(state);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!("Our Words is running at http://{addr}");
    let served = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| format!("server error: {e}"));
    let _ = stop_worker.send(true);
    let _ = worker.await;
    served
}

async fn add_admin(email: &str) -> Result<(), String> {
    let config = Config::from_env()?;
    let db = Db::connect(&config.database_url)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    accounts::make_admin(&db, email)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "{} is now an admin. They sign in at {}",
        email.trim(),
        config.absolute_url("/sign-in")
    );
    Ok(())
}

async fn seed_national(scale: usize, keep_existing: bool) -> Result<(), String> {
    let config = Config::from_env()?;
    let options = server::leptos_options(&config);
    let state = server::build_state(config, options).await?;
    let shape = Shape::scaled(scale);
    println!(
        "Loading the national data set{}: {} statements, {} contributors, {} comments in the open round…",
        if scale == 1 {
            String::new()
        } else {
            format!(" at 1/{scale} scale")
        },
        shape.statements,
        shape.contributors,
        shape.comments,
    );
    let started = std::time::Instant::now();
    let loaded = match national::load(&state, &shape).await {
        Ok(loaded) => loaded,
        Err(LoadError::AlreadyLoaded(slug)) if keep_existing => {
            println!("The national data set ({slug}) is loaded already: kept as it is.");
            return Ok(());
        }
        Err(e) => return Err(e.to_string()),
    };
    let config = &state.config;
    println!(
        "Loaded in {:.1} s: {} statements, {} people in {} organisations, version {} after \
         {} comments, and an open round of {} comments.",
        started.elapsed().as_secs_f64(),
        loaded.statements,
        loaded.contributors,
        loaded.organisations,
        loaded.version,
        loaded.earlier_comments,
        loaded.open_comments,
    );
    println!(
        "Framework:          {}",
        config.absolute_url(&format!("/frameworks/{}", loaded.slug))
    );
    println!(
        "Busiest statement:  {}",
        config.absolute_url(&format!(
            "/frameworks/{}/statements/{}",
            loaded.slug, loaded.busiest_reference
        ))
    );
    println!(
        "Sign in as {} (editor), {} (admin) or {} (the keenest contributor).",
        loaded.editor_email, loaded.admin_email, loaded.keenest_email
    );
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
