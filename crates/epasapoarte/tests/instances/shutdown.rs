//! SIGTERM ends the service promptly and cleanly (issue 10 item 2): idle, it exits within
//! 2 s; after a burst of reads with keep-alive connections still open and a client stuck
//! half-way through its request headers, within 5 s — every request that was answered
//! answered properly, and the exit status is 0. The figures are printed.

use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::process::{self, Server};

async fn demo_server(dir: &std::path::Path, name: &'static str) -> (Server, reqwest::Client) {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        // Keep-alive connections stay in the pool: the server must close them itself.
        .pool_idle_timeout(Duration::from_secs(120))
        .build()
        .expect("an HTTP client");
    let mut server = Server::start(
        name,
        dir,
        process::free_port(),
        &["--demo"],
        &[],
        dir.join(format!("{name}.log")),
    );
    server.wait_ready(&client, Duration::from_secs(40)).await;
    (server, client)
}

/// Sends SIGTERM and returns how long the process took to exit (failing past `limit`).
async fn stop(server: &mut Server, limit: Duration) -> Duration {
    let started = Instant::now();
    server.terminate();
    let status = server.wait_exit(limit + Duration::from_secs(10)).await;
    let took = started.elapsed();
    let status =
        status.unwrap_or_else(|| panic!("{} still running {took:?} after SIGTERM", server.name));
    assert!(status.success(), "{} exited with {status}", server.name);
    assert!(
        took < limit,
        "{} took {took:?} to stop (target < {limit:?})",
        server.name
    );
    took
}

pub async fn idle() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (mut server, _client) = demo_server(dir.path(), "idle").await;
    let took = stop(&mut server, Duration::from_secs(2)).await;
    eprintln!("idle service: SIGTERM → exit 0 in {took:?}");
}

pub async fn after_a_burst() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (mut server, client) = demo_server(dir.path(), "burst").await;
    let url = server.url("/api/v1/earliest?persons=1&county=CJ");
    // A burst of reads from 64 concurrent clients, whose connections stay open.
    let burst = (0..640).map(|_| {
        let (client, url) = (client.clone(), url.clone());
        tokio::spawn(async move { client.get(&url).send().await.map(|r| r.status()) })
    });
    for request in burst.collect::<Vec<_>>() {
        let status = request.await.expect("a task").expect("an answer");
        assert_eq!(status, 200);
    }
    // A client that sent half its headers and went quiet.
    let address = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or_default();
    let mut stuck = TcpStream::connect(address).expect("connecting");
    stuck
        .write_all(b"GET /api/v1/counties HTTP/1.1\r\nHost: x\r\n")
        .expect("half a request");
    // And requests still arriving while SIGTERM lands: each is answered 200 or refused
    // at connect, never cut off half-way nor answered 5xx.
    let late = (0..64).map(|_| {
        let (client, url) = (client.clone(), url.clone());
        tokio::spawn(async move { client.get(&url).send().await.map(|r| r.status()) })
    });
    let late: Vec<_> = late.collect();
    let took = stop(&mut server, Duration::from_secs(5)).await;
    let (mut answered, mut refused) = (0, 0);
    for request in late {
        match request.await.expect("a task") {
            Ok(status) => {
                assert_eq!(status, 200, "a request in flight at SIGTERM");
                answered += 1;
            }
            Err(error) => {
                assert!(
                    error.is_connect() || error.is_request(),
                    "a late request failed other than by a closed door: {error}"
                );
                refused += 1;
            }
        }
    }
    drop(stuck);
    eprintln!(
        "after a burst of 640 reads, 64 keep-alive connections held, 1 half-sent request: \
         SIGTERM → exit 0 in {took:?}; requests in flight: {answered} answered, {refused} refused"
    );
}
