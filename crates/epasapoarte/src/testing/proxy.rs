//! A TCP proxy on 127.0.0.1 that a test or a fault scenario can break on cue: the way to stand a database
//! or a mail relay behind a cut cable, a refusing port or a peer that accepts and never
//! answers, without touching the real server behind it.
//!
//! - [`Mode::Forward`]: bytes both ways, as a load balancer would.
//! - [`Mode::Refuse`]: the port is closed (connect gets ECONNREFUSED) and every open
//!   connection is cut at once.
//! - [`Mode::Hang`]: connections are accepted and then never answered (open ones are cut
//!   first); what a relay stuck in a bad state does.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinHandle;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Forward,
    Refuse,
    Hang,
}

/// The proxy; dropping it closes the port and every connection.
pub struct Proxy {
    pub addr: SocketAddr,
    target: SocketAddr,
    mode: watch::Sender<Mode>,
    accept: Mutex<Option<JoinHandle<()>>>,
    /// Every connection ever opened (finished ones are cheap to keep for a run).
    connections: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Proxy {
    /// A forwarding proxy to `target` on a free local port.
    pub async fn start(target: SocketAddr) -> anyhow::Result<Proxy> {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .context("binding the proxy")?;
        let addr = listener.local_addr()?;
        let (mode, _) = watch::channel(Mode::Forward);
        let proxy = Proxy {
            addr,
            target,
            mode,
            accept: Mutex::new(None),
            connections: Arc::new(Mutex::new(Vec::new())),
        };
        proxy.serve(listener);
        Ok(proxy)
    }

    fn serve(&self, listener: TcpListener) {
        let target = self.target;
        let mode = self.mode.subscribe();
        let connections = self.connections.clone();
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let _ = client.set_nodelay(true);
                let mode = mode.clone();
                let handle = tokio::spawn(connection(client, target, mode));
                if let Ok(mut all) = connections.lock() {
                    all.push(handle);
                }
            }
        });
        if let Ok(mut accept) = self.accept.lock() {
            *accept = Some(task);
        }
    }

    /// Switches to `mode`: open connections are cut unless the new mode is `Forward`;
    /// `Refuse` closes the port, and leaving it opens the same port again.
    pub async fn set(&self, mode: Mode) -> anyhow::Result<()> {
        let was = *self.mode.borrow();
        self.mode.send_replace(mode);
        if mode != Mode::Forward {
            self.cut_all();
        }
        if mode == Mode::Refuse {
            let task = self.accept.lock().ok().and_then(|mut accept| accept.take());
            if let Some(task) = task {
                task.abort();
                // Once the aborted task is dropped, so is the listener: the port is closed
                // when this returns (not merely soon after).
                let _ = task.await;
            }
        } else if was == Mode::Refuse {
            // The port was closed: take the same one again (a peer keeps its address).
            let listener = bind_again(self.addr).await?;
            self.serve(listener);
        }
        Ok(())
    }

    fn cut_all(&self) {
        if let Ok(mut all) = self.connections.lock() {
            for handle in all.drain(..) {
                handle.abort();
            }
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        if let Ok(mut accept) = self.accept.lock()
            && let Some(task) = accept.take()
        {
            task.abort();
        }
        self.cut_all();
    }
}

/// Binds `addr` again after the proxy closed it; retried briefly, as the kernel may hold
/// the port for a moment.
async fn bind_again(addr: SocketAddr) -> anyhow::Result<TcpListener> {
    let mut last = None;
    for _ in 0..50 {
        match TcpListener::bind(addr).await {
            Ok(listener) => return Ok(listener),
            Err(error) => last = Some(error),
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(last.map_or_else(|| anyhow::anyhow!("no attempt"), anyhow::Error::from))
        .with_context(|| format!("binding the proxy's port {} again", addr.port()))
}

/// One client connection, in the mode of the moment it arrived.
async fn connection(mut client: TcpStream, target: SocketAddr, mode: watch::Receiver<Mode>) {
    let current = *mode.borrow();
    match current {
        Mode::Forward => {
            let Ok(mut server) = TcpStream::connect(target).await else {
                return;
            };
            let _ = server.set_nodelay(true);
            let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
        }
        // Holds the socket open, reading nothing, until the mode changes (then cut).
        Mode::Hang => std::future::pending::<()>().await,
        Mode::Refuse => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// An echo server: what the proxy forwards to.
    async fn echo() -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                tokio::spawn(async move {
                    let mut buf = [0u8; 64];
                    while let Ok(n) = stream.read(&mut buf).await {
                        if n == 0 || stream.write_all(&buf[..n]).await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
        addr
    }

    async fn round_trip(addr: SocketAddr) -> std::io::Result<Vec<u8>> {
        let mut stream = TcpStream::connect(addr).await?;
        stream.write_all(b"ping").await?;
        let mut buf = [0u8; 4];
        tokio::time::timeout(
            std::time::Duration::from_millis(500),
            stream.read_exact(&mut buf),
        )
        .await
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::TimedOut))??;
        Ok(buf.to_vec())
    }

    #[tokio::test]
    async fn forwards_refuses_hangs_and_forwards_again_on_the_same_port() {
        // Arrange
        let proxy = Proxy::start(echo().await).await.unwrap();
        let mut open = TcpStream::connect(proxy.addr).await.unwrap();
        open.write_all(b"x").await.unwrap();
        let mut one = [0u8; 1];
        open.read_exact(&mut one).await.unwrap();

        // Act + Assert: forwarding
        assert_eq!(round_trip(proxy.addr).await.unwrap(), b"ping");

        // Refused: a closed port, and the open connection cut.
        proxy.set(Mode::Refuse).await.unwrap();
        let refused = TcpStream::connect(proxy.addr).await.unwrap_err();
        assert_eq!(refused.kind(), std::io::ErrorKind::ConnectionRefused);
        let cut = open.read(&mut one).await;
        assert!(matches!(cut, Ok(0) | Err(_)), "{cut:?}");

        // Hung: accepted, never answered.
        proxy.set(Mode::Hang).await.unwrap();
        let hung = round_trip(proxy.addr).await.unwrap_err();
        assert_eq!(hung.kind(), std::io::ErrorKind::TimedOut);

        // Back: the same port forwards again.
        proxy.set(Mode::Forward).await.unwrap();
        assert_eq!(round_trip(proxy.addr).await.unwrap(), b"ping");
    }
}
