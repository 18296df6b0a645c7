//! Issue 13 item 6: with PostgreSQL unreachable — a TCP proxy in front of it, cut — the
//! API answers 503 `unavailable` with Retry-After, never a 500; `/readyz` answers at
//! once; and when the proxy is back, bookings go through again with nothing lost.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use epasapoarte::testing::TestDatabase;
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use super::support::TestApp;

/// A TCP proxy to the database that can be cut (every connection dropped, new ones
/// accepted and closed at once, as a dead network path looks) and restored.
struct Proxy {
    addr: SocketAddr,
    cut: Arc<AtomicBool>,
    links: Arc<Mutex<Vec<JoinHandle<()>>>>,
    accept: JoinHandle<()>,
}

impl Proxy {
    async fn start(target: String) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let cut = Arc::new(AtomicBool::new(false));
        let links: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let accept = tokio::spawn({
            let (cut, links) = (cut.clone(), links.clone());
            async move {
                while let Ok((mut inbound, _)) = listener.accept().await {
                    if cut.load(Ordering::SeqCst) {
                        drop(inbound);
                        continue;
                    }
                    let target = target.clone();
                    let link = tokio::spawn(async move {
                        if let Ok(mut outbound) = TcpStream::connect(target).await {
                            let _ =
                                tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                        }
                    });
                    links.lock().unwrap().push(link);
                }
            }
        });
        Proxy {
            addr,
            cut,
            links,
            accept,
        }
    }

    fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        for link in self.links.lock().unwrap().drain(..) {
            link.abort();
        }
    }

    fn restore(&self) {
        self.cut.store(false, Ordering::SeqCst);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.accept.abort();
        self.cut();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_unreachable_database_gets_503_with_retry_after_and_the_service_recovers() {
    let Some(db) = TestDatabase::postgres_or_skip() else {
        return;
    };
    // postgres://user@host:port/name → the same through the proxy.
    let (user, rest) = db.url.split_once('@').expect("a user in the URL");
    let (host_port, name) = rest.split_once('/').expect("a database name");
    let proxy = Proxy::start(host_port.to_owned()).await;
    let proxied = format!("{user}@{}/{name}", proxy.addr);
    let app = TestApp::launch(db)
        .config(|config| config.database_url = proxied.into())
        .start()
        .await;
    assert_eq!(
        app.book(&app.booking_body(1, 8100).await).await.status(),
        201
    );
    let mut waiting = app.booking_body(1, 8200).await;
    if let Some(solution) = app.solution_for("/api/v1/bookings").await {
        waiting["altcha"] = json!(solution);
    }

    proxy.cut();
    let started = Instant::now();
    let ready = app.get("/readyz").await;
    let readyz_took = started.elapsed();
    assert_eq!(ready.status(), 503);
    let refused = app.post_as_is("/api/v1/bookings", &waiting).await;
    assert_eq!(refused.status(), 503);
    assert_eq!(refused.headers()["retry-after"], "5");
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unavailable");
    eprintln!("database cut: /readyz answered 503 in {readyz_took:?}");
    assert!(readyz_took < Duration::from_secs(2), "{readyz_took:?}");

    proxy.restore();
    let deadline = Instant::now() + Duration::from_secs(15);
    while app.get("/readyz").await.status() != 200 {
        assert!(Instant::now() < deadline, "ready again within 15 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        app.book(&app.booking_body(1, 8200).await).await.status(),
        201
    );
}
