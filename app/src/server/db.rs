//! One code base on SQLite and PostgreSQL through sqlx's `Any` driver. Queries use
//! `$1`-style parameters, which both accept, and only types both store the same way.

use sqlx::{
    AnyPool, Executor, Transaction,
    any::{Any, AnyPoolOptions},
    migrate::Migrator,
};
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

pub type Tx = Transaction<'static, Any>;

impl Db {
    /// Connect (creating the SQLite file and its folder if needed) and migrate.
    pub async fn connect(url: &str) -> Result<Self, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        let url = match backend {
            Backend::Sqlite => sqlite_url_creating_file(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let options = AnyPoolOptions::new()
            .max_connections(match backend {
                // SQLite has one writer at a time; a few readers are plenty.
                Backend::Sqlite => 8,
                Backend::Postgres => 10,
            })
            .acquire_timeout(Duration::from_secs(15))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // sqlx leaves these to us: WAL lets readers work during a write,
                        // and the busy timeout waits for the writer instead of failing.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                    }
                    Ok(())
                })
            });
        let pool = options.connect(&url).await?;
        let db = Self { pool, backend };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<(), sqlx::Error> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await.map_err(sqlx::Error::from)
    }

    /// Begin a transaction that will write. On SQLite it takes the write lock up front
    /// (`BEGIN IMMEDIATE`) so a read-then-write never fails half-way with SQLITE_BUSY.
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }
}

fn sqlite_url_creating_file(url: &str) -> Result<String, sqlx::Error> {
    let path = url
        .trim_start_matches("sqlite:")
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(url.to_owned());
    }
    if let Some(parent) = std::path::Path::new(path).parent() {
        std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
    }
    Ok(if url.contains('?') {
        url.to_owned()
    } else {
        format!("{url}?mode=rwc")
    })
}
