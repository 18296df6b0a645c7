//! The connection loop: accepts on the listener (at most `max_connections` open at once),
//! serves HTTP/1.1 with a header-read timeout, and on shutdown stops accepting, closes idle keep-alive connections, lets the
//! requests in flight finish — for at most [`DRAIN_DEADLINE`], then abandons what is left
//! (a half-sent request or a slow client can no longer keep the process alive).
//!
//! axum's own `serve` has neither the timeout nor the deadline; this is its documented
//! "serve with hyper" pattern, with `hyper_util`'s `GracefulShutdown` doing the watching.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// A client must send a request's headers within this time, or its connection is closed;
/// hyper counts an idle keep-alive connection's wait for its next request too, so this is
/// also the keep-alive idle timeout (clients must not reuse a connection idle this long).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long the requests in flight at shutdown may take to finish. A booking takes
/// milliseconds; whatever still runs after this is abandoned, and its transaction, never
/// committed, rolls back: nothing half-done is kept.
pub const DRAIN_DEADLINE: Duration = Duration::from_secs(3);

/// What happened at shutdown, for the log line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drained {
    /// Every connection closed by itself.
    All,
    /// The deadline passed with connections still open; they were abandoned.
    DeadlinePassed,
}

/// Serves `router` on `listener` until `stop` resolves, then drains (see the module doc).
/// With `max_connections` open, it accepts no more until one closes: the kernel's backlog
/// holds the next ones (a connection that sends nothing is closed after
/// [`HEADER_READ_TIMEOUT`], so a flood of them only delays, never locks, the door).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    max_connections: usize,
    stop: impl Future<Output = ()> + Send,
) -> Drained {
    let open = Arc::new(Semaphore::new(max_connections));
    let mut full = false;
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    let graceful = GracefulShutdown::new();
    tokio::pin!(stop);
    loop {
        if open.available_permits() == 0 && !full {
            tracing::warn!(max_connections, "connection cap reached: accepting paused");
        }
        full = open.available_permits() == 0;
        let permit = tokio::select! {
            permit = open.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut stop => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: pause, then accept again.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            router.clone().oneshot(request)
        });
        let connection = http.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that hangs up mid-request is its own business; nothing to log.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => Drained::All,
        () = tokio::time::sleep(DRAIN_DEADLINE) => Drained::DeadlinePassed,
    }
}
