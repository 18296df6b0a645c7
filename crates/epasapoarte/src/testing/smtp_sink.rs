//! A real SMTP server for the tests and the fault benchmark, on 127.0.0.1 and a free port: it speaks enough of
//! RFC 5321 for lettre (EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA with dot-stuffing, RSET,
//! NOOP, QUIT) and keeps every message it accepted and every login it was given. It can be told to refuse messages with
//! `451` after DATA, the way a busy or greylisting server does.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};

/// One message as the server received it.
#[derive(Debug, Clone, Default)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// The raw message (headers and body), CRLF line endings, dot-stuffing undone.
    pub data: Vec<u8>,
}

pub struct SmtpSink {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    refuse: Arc<AtomicBool>,
    logins: Arc<Mutex<Vec<String>>>,
    switches: Switches,
}

/// How the sink misbehaves, shared with its sessions.
#[derive(Clone, Default)]
struct Switches {
    /// Greet every connection with `421` and close it: a relay out of service.
    unavailable: Arc<AtomicBool>,
    /// Answer `550` to every recipient: an address refused for good.
    reject_recipients: Arc<AtomicBool>,
    /// Connections accepted so far.
    connections: Arc<AtomicUsize>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding the sink");
        let addr = listener.local_addr().expect("the sink's address");
        let received = Arc::new(Mutex::new(Vec::new()));
        let refuse = Arc::new(AtomicBool::new(false));
        let logins = Arc::new(Mutex::new(Vec::new()));
        let switches = Switches::default();
        let state = Session {
            store: received.clone(),
            refuse: refuse.clone(),
            logins: logins.clone(),
            switches: switches.clone(),
        };
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                state.switches.connections.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(session(stream, state.clone()));
            }
        });
        SmtpSink {
            addr,
            received,
            refuse,
            logins,
            switches,
        }
    }

    /// From now on, greet every connection with `421 Service not available` and close
    /// it (or serve again).
    pub fn unavailable(&self, down: bool) {
        self.switches.unavailable.store(down, Ordering::SeqCst);
    }

    /// From now on, refuse every recipient with `550` (or accept again).
    pub fn reject_recipients(&self, reject: bool) {
        self.switches
            .reject_recipients
            .store(reject, Ordering::SeqCst);
    }

    /// How many connections the sink has accepted so far.
    pub fn connections(&self) -> usize {
        self.switches.connections.load(Ordering::SeqCst)
    }

    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// From now on, answer `451` to every message (or accept again).
    pub fn refuse_messages(&self, refuse: bool) {
        self.refuse.store(refuse, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("sink lock").clone()
    }

    /// The `user:password` of every AUTH PLAIN the sink accepted, in order.
    pub fn logins(&self) -> Vec<String> {
        self.logins.lock().expect("sink lock").clone()
    }
}

#[derive(Clone)]
struct Session {
    store: Arc<Mutex<Vec<Received>>>,
    refuse: Arc<AtomicBool>,
    logins: Arc<Mutex<Vec<String>>>,
    switches: Switches,
}

/// `AUTH PLAIN <base64 of authzid NUL user NUL password>` → `user:password`.
fn plain_login(command: &str) -> Option<String> {
    use base64::Engine;
    let encoded = command.split_whitespace().nth(2)?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    let mut parts = decoded.split(|b| *b == 0).skip(1);
    let user = String::from_utf8(parts.next()?.to_vec()).ok()?;
    let password = String::from_utf8(parts.next()?.to_vec()).ok()?;
    Some(format!("{user}:{password}"))
}

async fn session(stream: TcpStream, state: Session) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    if state.switches.unavailable.load(Ordering::SeqCst) {
        let _ = write
            .write_all(b"421 4.3.2 Service not available, closing channel\r\n")
            .await;
        return;
    }
    if write
        .write_all(b"220 sink.test ESMTP ready\r\n")
        .await
        .is_err()
    {
        return;
    }
    let mut current = Received::default();
    let mut line = String::new();
    loop {
        line.clear();
        match lines.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let command = line.trim_end().to_owned();
        let verb = command
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let answer = match verb.as_str() {
            "DATA" => match receive_data(&state, &mut current, &mut lines, &mut write).await {
                Some(answer) => answer,
                None => return,
            },
            "QUIT" => {
                let _ = write.write_all(b"221 Bye\r\n").await;
                return;
            }
            _ => answer(&state, &mut current, &verb, &command),
        };
        if write.write_all(answer).await.is_err() {
            return;
        }
    }
}

/// The answer to a command that needs no more than its own line.
fn answer(state: &Session, current: &mut Received, verb: &str, command: &str) -> &'static [u8] {
    match verb {
        "EHLO" => b"250-sink.test\r\n250-8BITMIME\r\n250-AUTH PLAIN\r\n250 SMTPUTF8\r\n",
        "AUTH" => match plain_login(command) {
            Some(login) => {
                state.logins.lock().expect("sink lock").push(login);
                b"235 2.7.0 Authentication successful\r\n"
            }
            None => b"504 5.5.4 Only AUTH PLAIN with an initial response\r\n",
        },
        "HELO" | "NOOP" => b"250 OK\r\n",
        "RSET" => {
            *current = Received::default();
            b"250 OK\r\n"
        }
        "MAIL" => {
            // MAIL starts a new transaction (RFC 5321 §4.1.1.2).
            *current = Received::default();
            current.mail_from = command[4..].trim().to_owned();
            b"250 OK\r\n"
        }
        "RCPT" if state.switches.reject_recipients.load(Ordering::SeqCst) => {
            b"550 5.1.1 No such user here\r\n"
        }
        "RCPT" => {
            let to = command.split_once(':').map_or("", |(_, to)| to.trim());
            current.rcpt_to.push(to.to_owned());
            b"250 OK\r\n"
        }
        _ => b"502 Command not implemented\r\n",
    }
}

/// DATA: invites the message, reads it, then keeps it or refuses it with `451`. `None`
/// when the client went away meanwhile.
async fn receive_data(
    state: &Session,
    current: &mut Received,
    lines: &mut BufReader<OwnedReadHalf>,
    write: &mut OwnedWriteHalf,
) -> Option<&'static [u8]> {
    write
        .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
        .await
        .ok()?;
    current.data = read_data(lines).await?;
    // The end of DATA ends the transaction (RFC 5321 §4.1.1.4): the next message on this
    // connection starts afresh (lettre's pool sends many on one connection).
    let message = std::mem::take(current);
    if state.refuse.load(Ordering::SeqCst) {
        Some(b"451 4.3.0 Try again later\r\n")
    } else {
        state.store.lock().expect("sink lock").push(message);
        Some(b"250 OK queued\r\n")
    }
}

/// Reads the DATA section up to the lone dot, undoing dot-stuffing.
async fn read_data<R: AsyncBufReadExt + Unpin>(lines: &mut R) -> Option<Vec<u8>> {
    let mut data = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if lines.read_until(b'\n', &mut line).await.ok()? == 0 {
            return None;
        }
        if line == b".\r\n" || line == b".\n" {
            return Some(data);
        }
        let unstuffed = if line.starts_with(b"..") {
            &line[1..]
        } else {
            &line[..]
        };
        data.extend_from_slice(unstuffed);
    }
}
