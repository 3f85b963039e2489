//! Benchmark (not a test): how many requests a second the app serves, and how much CPU
//! each costs, at 64 keep-alive connections over real TCP on loopback, for the framework
//! page and the busiest statement page of a 40-statement, 300-comment framework (the
//! size of a peer platform's document page, which costs it about 190 ms of CPU a
//! request). The same bytes from a bare axum handler are the yardstick: the ratio
//! app/bare is what later work can push towards 1.
//!
//!     cargo bench -p server --bench throughput
//!
//! The servers run on their own two-thread runtime, the client on another; CPU per
//! request is the process's CPU time less the client's threads', so it includes the
//! database's threads on SQLite (not PostgreSQL's server processes: set
//! `BENCH_DATABASE_URL=postgres://…` to run it there). `BENCH_SECONDS` (default 5)
//! sets how long each measurement runs, after a one-second warm-up.

mod support;

use app::server::demo::national::{self, Shape};
use axum::{Router, http::header, response::IntoResponse};
use std::{
    collections::HashMap,
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};
use support::BenchDatabase;
use tokio::{
    io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
    runtime::Runtime,
};

const CONNECTIONS: usize = 64;
const SERVER_THREADS: &str = "bench-server";
const CLIENT_THREADS: &str = "bench-client";

// ---------------------------------------------------------------------------------------
// CPU time, from /proc
// ---------------------------------------------------------------------------------------

/// Clock ticks a second, as /proc counts CPU time.
fn ticks_per_second() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

/// User plus system CPU ticks from a `stat` file, and the thread's name.
fn stat_ticks(path: &std::path::Path) -> Option<(String, u64)> {
    let stat = std::fs::read_to_string(path).ok()?;
    let (head, rest) = stat.rsplit_once(')')?;
    let name = head.split_once('(')?.1.to_owned();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After the name: state is field 3, utime field 14, stime field 15.
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some((name, user + system))
}

/// CPU ticks the process has used (threads that ended included), less those of the
/// client's threads: what serving cost.
fn server_ticks() -> u64 {
    let (_, total) = stat_ticks(std::path::Path::new("/proc/self/stat")).unwrap_or_default();
    let client: u64 = std::fs::read_dir("/proc/self/task")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|task| stat_ticks(&task.path().join("stat")))
        .filter(|(name, _)| name.starts_with(CLIENT_THREADS))
        .map(|(_, ticks)| ticks)
        .sum();
    total.saturating_sub(client)
}

// ---------------------------------------------------------------------------------------
// A small HTTP/1.1 client with keep-alive
// ---------------------------------------------------------------------------------------

/// Send one GET on a kept-alive connection and read the whole response. Returns the
/// status and the body's length.
async fn get(
    connection: &mut BufReader<TcpStream>,
    request: &[u8],
) -> std::io::Result<(u16, usize)> {
    connection.get_mut().write_all(request).await?;
    let mut line = String::new();
    connection.read_line(&mut line).await?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("not an HTTP response: {line:?}")))?;
    let mut length = None;
    let mut chunked = false;
    loop {
        line.clear();
        connection.read_line(&mut line).await?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(value) = lower.strip_prefix("content-length:") {
            length = value.trim().parse::<usize>().ok();
        } else if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
            chunked = true;
        }
    }
    let mut body = 0;
    let mut buffer = Vec::new();
    if chunked {
        loop {
            line.clear();
            connection.read_line(&mut line).await?;
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|_| std::io::Error::other("bad chunk size"))?;
            if size == 0 {
                // Trailers, if any, end with an empty line.
                loop {
                    line.clear();
                    connection.read_line(&mut line).await?;
                    if line == "\r\n" || line.is_empty() {
                        break;
                    }
                }
                break;
            }
            buffer.resize(size + 2, 0);
            connection.read_exact(&mut buffer).await?;
            body += size;
        }
    } else if let Some(length) = length {
        buffer.resize(length, 0);
        connection.read_exact(&mut buffer).await?;
        body = length;
    }
    Ok((status, body))
}

fn request(path: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n\r\n").into_bytes()
}

struct Load {
    requests: u64,
    elapsed: Duration,
    server_ticks: u64,
}

/// `CONNECTIONS` connections asking for `path` one request after another, for `for_`.
async fn drive(addr: SocketAddr, path: &str, for_: Duration) -> Load {
    let done = Arc::new(AtomicU64::new(0));
    let request = Arc::new(request(path));
    let ticks_before = server_ticks();
    let started = Instant::now();
    let deadline = started + for_;
    let mut tasks = Vec::new();
    for _ in 0..CONNECTIONS {
        let done = done.clone();
        let request = request.clone();
        tasks.push(tokio::spawn(async move {
            let stream = TcpStream::connect(addr).await.unwrap();
            stream.set_nodelay(true).unwrap();
            let mut connection = BufReader::new(stream);
            while Instant::now() < deadline {
                let (status, _) = get(&mut connection, &request).await.unwrap();
                assert_eq!(status, 200);
                done.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let elapsed = started.elapsed();
    Load {
        requests: done.load(Ordering::Relaxed),
        elapsed,
        server_ticks: server_ticks().saturating_sub(ticks_before),
    }
}

/// Serve `router` on a loopback port, on the server runtime.
fn serve(server: &Runtime, router: Router) -> SocketAddr {
    let listener = server.block_on(TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    server.spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    addr
}

fn main() {
    let seconds: f64 = std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(5.0);
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name(SERVER_THREADS)
        .enable_all()
        .build()
        .unwrap();
    let client = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name(CLIENT_THREADS)
        .enable_all()
        .build()
        .unwrap();
    let database = server.block_on(BenchDatabase::new());
    let state = server.block_on(database.app(&[]));
    let shape = Shape::document();
    let loaded = server.block_on(national::load(&state, &shape)).unwrap();
    let pages = [
        ("Framework page", format!("/frameworks/{}", loaded.slug)),
        (
            "Statement page (busiest)",
            format!(
                "/frameworks/{}/statements/{}",
                loaded.slug, loaded.busiest_reference
            ),
        ),
    ];
    // Working out the routes renders the app, which needs a runtime.
    let router = {
        let _inside = server.enter();
        server::router(state.clone())
    };
    let app = serve(&server, router);

    // The bare handler answers each path with the bytes the app sent for it.
    let mut bodies = HashMap::new();
    for (_, path) in &pages {
        // Read whole, on a connection the server closes after it.
        let body = client.block_on(async {
            let close = format!(
                "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\nConnection: close\r\n\r\n"
            );
            let mut stream = TcpStream::connect(app).await.unwrap();
            stream.write_all(close.as_bytes()).await.unwrap();
            let mut raw = Vec::new();
            stream.read_to_end(&mut raw).await.unwrap();
            raw
        });
        bodies.insert(path.clone(), dechunk(&body));
    }
    let bodies = Arc::new(bodies);
    let bare = serve(
        &server,
        Router::new().fallback(move |uri: axum::http::Uri| {
            let bodies = bodies.clone();
            async move {
                let path = uri
                    .path_and_query()
                    .map_or(uri.path(), |p| p.as_str())
                    .to_owned();
                let body = bodies.get(&path).cloned().unwrap_or_default();
                ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
            }
        }),
    );

    let ticks = ticks_per_second();
    println!(
        "\nThroughput at {CONNECTIONS} keep-alive connections over loopback TCP ({}): a framework of \
         {} statements and {} comments; {seconds:.0} s each after a 1 s warm-up; servers on 2 threads",
        database.backend(),
        shape.statements,
        shape.comments,
    );
    println!(
        "{:<28} {:>8} {:>12} {:>14} | {:>12} {:>14} | {:>9} {:>9}",
        "page",
        "KB",
        "app req/s",
        "app CPU ms/req",
        "bare req/s",
        "bare CPU ms/req",
        "req/s x",
        "CPU x"
    );
    for (label, path) in &pages {
        let mut figures = vec![];
        for addr in [app, bare] {
            client.block_on(drive(addr, path, Duration::from_secs(1)));
            let load = client.block_on(drive(addr, path, Duration::from_secs_f64(seconds)));
            let per_second = load.requests as f64 / load.elapsed.as_secs_f64();
            let cpu_ms = load.server_ticks as f64 / ticks * 1e3 / load.requests.max(1) as f64;
            figures.push((per_second, cpu_ms));
        }
        let (app_rate, app_cpu) = figures[0];
        let (bare_rate, bare_cpu) = figures[1];
        let bytes = client.block_on(async {
            let stream = TcpStream::connect(app).await.unwrap();
            let mut connection = BufReader::new(stream);
            get(&mut connection, &request(path)).await.unwrap().1
        });
        println!(
            "{label:<28} {:>8.1} {app_rate:>12.0} {app_cpu:>14.2} | {bare_rate:>12.0} {bare_cpu:>14.3} | {:>9.3} {:>9.0}",
            bytes as f64 / 1024.0,
            app_rate / bare_rate,
            app_cpu / bare_cpu.max(1e-6),
        );
    }
    println!(
        "(req/s x: the app's share of the bare handler's rate; CPU x: how many times the bare \
         handler's CPU a request costs the app. A peer platform spends about 190 ms of CPU on \
         its document page.)"
    );
    server.block_on(async {
        state.db.pool.close().await;
        database.drop_database().await;
    });
}

/// The body of a raw HTTP/1.1 response read to its end, chunked or not.
fn dechunk(raw: &[u8]) -> Vec<u8> {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response has headers");
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let mut rest = &raw[split + 4..];
    if !head.contains("transfer-encoding: chunked") {
        return rest.to_vec();
    }
    let mut body = Vec::new();
    loop {
        let end = rest.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&rest[..end])
                .split(';')
                .next()
                .unwrap()
                .trim(),
            16,
        )
        .unwrap();
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&rest[end + 2..end + 2 + size]);
        rest = &rest[end + 2 + size + 2..];
    }
}
