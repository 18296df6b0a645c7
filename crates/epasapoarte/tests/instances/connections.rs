//! Connections cannot be held (issue 13 item 3): a client that sends half its headers is
//! closed after the header-read timeout, however many do it at once, and past
//! `EPAS_MAX_CONNECTIONS` the service stops accepting (the kernel queues the rest) rather
//! than running out of file descriptors — it serves the next one as soon as one closes.
//! The figures are printed.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::process::{self, Server};

const HALF: &[u8] = b"GET /api/v1/counties HTTP/1.1\r\nHost: x\r\n";

async fn server(dir: &std::path::Path, name: &'static str, env: &[(&str, String)]) -> Server {
    // No idle connection kept: each request of the test opens its own.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("an HTTP client");
    let mut server = Server::start(
        name,
        dir,
        process::free_port(),
        &["--demo"],
        env,
        dir.join(format!("{name}.log")),
    );
    server.wait_ready(&client, Duration::from_secs(40)).await;
    server
}

fn address(server: &Server) -> String {
    server.url("").trim_start_matches("http://").to_owned()
}

async fn half_sent(address: &str) -> TcpStream {
    let mut stream = TcpStream::connect(address).await.expect("connecting");
    stream.write_all(HALF).await.expect("half a request");
    stream
}

/// Waits until the server closes `stream` (end of file or reset); `None` past `limit`.
async fn closed_within(mut stream: TcpStream, limit: Duration) -> Option<Instant> {
    let mut buffer = [0u8; 512];
    tokio::time::timeout(limit, async {
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return Instant::now(),
                Ok(_) => {}
            }
        }
    })
    .await
    .ok()
}

pub async fn a_full_house_waits_at_the_door() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut server = server(
        dir.path(),
        "capped",
        &[("EPAS_MAX_CONNECTIONS", "2".to_owned())],
    )
    .await;
    let address = address(&server);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .timeout(Duration::from_millis(1500))
        .build()
        .expect("an HTTP client");
    let url = server.url("/api/v1/counties");
    // Let the readiness poll's connection close before filling the house.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let first = half_sent(&address).await;
    let _second = half_sent(&address).await;
    tokio::time::sleep(Duration::from_millis(200)).await;

    let waiting = client.get(&url).send().await;
    let error = waiting.expect_err("no third connection is served while two are open");
    assert!(error.is_timeout(), "{error}");

    drop(first);
    let started = Instant::now();
    let served = client
        .get(&url)
        .send()
        .await
        .expect("served once one closed");
    assert_eq!(served.status(), 200);
    let log = std::fs::read_to_string(dir.path().join("capped.log")).unwrap_or_default();
    assert!(log.contains("connection cap reached"), "the cap is logged");
    eprintln!(
        "EPAS_MAX_CONNECTIONS=2 with 2 half-sent requests open: a third waits; served {:?} after one closed",
        started.elapsed()
    );
    server.terminate();
    server.wait_exit(Duration::from_secs(10)).await;
}

pub async fn half_sent_requests_are_closed_after_the_header_timeout() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut server = server(dir.path(), "slowloris", &[]).await;
    let address = address(&server);
    let started = Instant::now();
    let mut held = Vec::new();
    for _ in 0..1100 {
        held.push(half_sent(&address).await);
    }
    let opened = started.elapsed();
    // Meanwhile the service answers everyone else.
    let client = reqwest::Client::new();
    let answer = client
        .get(server.url("/api/v1/counties"))
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .expect("served while 1,100 connections are held");
    assert_eq!(answer.status(), 200);
    let closes: Vec<_> = held
        .into_iter()
        .map(|stream| tokio::spawn(closed_within(stream, Duration::from_secs(30))))
        .collect();
    let mut last = started;
    let mut still_open = 0;
    for close in closes {
        match close.await.expect("a task") {
            Some(at) => last = last.max(at),
            None => still_open += 1,
        }
    }
    assert_eq!(still_open, 0, "half-sent requests still open after 30 s");
    let all_closed = last - started;
    assert!(
        all_closed < Duration::from_secs(15),
        "the header-read timeout is 10 s; the last closed after {all_closed:?}"
    );
    let stopping = Instant::now();
    server.terminate();
    let status = server.wait_exit(Duration::from_secs(10)).await;
    assert!(status.is_some_and(|s| s.success()));
    eprintln!(
        "1,100 half-sent requests (opened in {opened:?}): all closed by the server {all_closed:?} \
         after the first; SIGTERM → exit 0 in {:?}",
        stopping.elapsed()
    );
}
