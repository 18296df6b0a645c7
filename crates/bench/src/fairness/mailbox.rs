//! The simulated inboxes: the server writes every e-mail as an `.eml` file (atomically);
//! one task reads the new files, keeps each message's recipient and the tokens of the
//! links it carries, and the agents take them by address and kind of link — as a citizen
//! finds the link in their mail.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

/// The kinds of link the simulation acts on, by the path the e-mail links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Link {
    /// J2: confirm a new booking.
    ConfirmBooking,
    /// J3: the confirmation e-mail (a confirmed booking) carries the cancel link.
    Cancel,
    /// §8: confirm a draw entry.
    ConfirmEntry,
    /// §8: confirm a waitlist entry.
    ConfirmWaitlist,
    /// §8: take a hold.
    TakeHold,
    /// §8: reconfirm a booking.
    Reconfirm,
}

impl Link {
    pub const ALL: [Link; 6] = [
        Link::ConfirmBooking,
        Link::Cancel,
        Link::ConfirmEntry,
        Link::ConfirmWaitlist,
        Link::TakeHold,
        Link::Reconfirm,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Link::ConfirmBooking => "/programare/confirma/",
            Link::Cancel => "/programare/anuleaza/",
            Link::ConfirmEntry => "/tragere/confirma/",
            Link::ConfirmWaitlist => "/lista-asteptare/confirma/",
            Link::TakeHold => "/lista-asteptare/preia/",
            Link::Reconfirm => "/programare/reconfirma/",
        }
    }
}

pub struct Mailbox {
    dir: PathBuf,
    seen: Mutex<HashSet<PathBuf>>,
    inbox: Mutex<HashMap<String, Vec<(Link, String)>>>,
    #[allow(clippy::type_complexity)]
    clock: Mutex<Option<Box<dyn Fn() -> chrono::DateTime<chrono::Utc> + Send + Sync>>>,
}

impl std::fmt::Debug for Mailbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailbox").field("dir", &self.dir).finish()
    }
}

impl Mailbox {
    pub fn new(dir: PathBuf) -> Mailbox {
        Mailbox {
            dir,
            seen: Mutex::new(HashSet::new()),
            inbox: Mutex::new(HashMap::new()),
            clock: Mutex::new(None),
        }
    }

    /// Reads the files not read yet and moves them into `read/` (so each scan lists only
    /// new files, however many came before); returns them as (created at, in the
    /// file's name: the server's simulated milliseconds, recipient, links).
    pub fn scan(&self) -> usize {
        self.scan_until(None)
    }

    /// [`Mailbox::scan`], leaving unread the messages created after `until` (by the time
    /// in their name).
    pub fn scan_until(&self, until: Option<chrono::DateTime<chrono::Utc>>) -> usize {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        let fresh: Vec<PathBuf> = {
            let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
                .filter(|path| {
                    until.is_none_or(|until| created_at(path).is_some_and(|at| at <= until))
                })
                .filter(|path| seen.insert(path.clone()))
                .collect()
        };
        let read_dir = self.dir.join("read");
        let _ = std::fs::create_dir_all(&read_dir);
        let parser = mail_parser::MessageParser::default();
        let mut read = Vec::new();
        for path in &fresh {
            let Ok(bytes) = std::fs::read(path) else {
                continue;
            };
            if let Some(name) = path.file_name() {
                // Read: out of the way (a re-sent message comes back under its name).
                if std::fs::rename(path, read_dir.join(name)).is_ok() {
                    self.seen
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .remove(path);
                }
            }
            let Some(message) = parser.parse(&bytes) else {
                continue;
            };
            let Some(to) = message
                .to()
                .and_then(|to| to.first())
                .and_then(|address| address.address())
                .map(str::to_ascii_lowercase)
            else {
                continue;
            };
            let text = message
                .body_text(0)
                .map(|t| t.into_owned())
                .unwrap_or_default();
            self.note_lag(path);
            read.push((to, links(&text)));
        }
        let mut inbox = self.inbox.lock().unwrap_or_else(|p| p.into_inner());
        for (to, found) in read {
            inbox.entry(to).or_default().extend(found);
        }
        fresh.len()
    }

    /// Counts how long (simulated) a message took from the outbox to the inbox, by its
    /// name (`{created_at_millis}-{outbox_id}.eml`) and the reader's clock.
    fn note_lag(&self, path: &std::path::Path) {
        let Some(now) = self
            .clock
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map(|c| c())
        else {
            return;
        };
        let Some(created) = created_at(path) else {
            return;
        };
        let lag = (now - created).num_minutes();
        // How much of it the reader added: the real time the file waited to be read.
        let waited = std::fs::metadata(
            path.parent()
                .unwrap_or(path)
                .join("read")
                .join(path.file_name().unwrap_or_default()),
        )
        .and_then(|m| m.modified())
        .ok()
        .and_then(|at| at.elapsed().ok())
        .unwrap_or_default();
        crate::fairness::paths::count(match waited.as_millis() {
            ..20 => "mail: file waited < 20 ms",
            20..100 => "mail: file waited 20-100 ms",
            100..1000 => "mail: file waited 0.1-1 s",
            _ => "mail: file waited > 1 s",
        });
        crate::fairness::paths::count(match lag {
            ..5 => "mail: read within 5 min",
            5..30 => "mail: read within 30 min",
            30..120 => "mail: read within 2 h",
            _ => "mail: read after 2 h or more",
        });
    }

    /// The simulated clock the lag is measured against.
    pub fn set_clock(&self, clock: Box<dyn Fn() -> chrono::DateTime<chrono::Utc> + Send + Sync>) {
        *self.clock.lock().unwrap_or_else(|p| p.into_inner()) = Some(clock);
    }

    /// Takes the oldest unread link of `kind` sent to `address`.
    pub fn take(&self, address: &str, kind: Link) -> Option<String> {
        let mut inbox = self.inbox.lock().unwrap_or_else(|p| p.into_inner());
        let links = inbox.get_mut(address)?;
        let at = links.iter().position(|(k, _)| *k == kind)?;
        Some(links.remove(at).1)
    }

    /// Reads the directory every `every` until `stop` says so.
    pub async fn run(&self, every: Duration, stop: impl Fn() -> bool) {
        while !stop() {
            self.scan();
            tokio::time::sleep(every).await;
        }
        self.scan();
    }
}

/// When the server queued a message, from its file name (`{created_at_millis}-{id}.eml`).
fn created_at(path: &std::path::Path) -> Option<chrono::DateTime<chrono::Utc>> {
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .and_then(|stem| stem.split('-').next())
        .and_then(|millis| millis.parse::<i64>().ok())
        .and_then(chrono::DateTime::from_timestamp_millis)
}

/// Every link of a known kind in `text`, with its token.
pub fn links(text: &str) -> Vec<(Link, String)> {
    let mut found = Vec::new();
    for kind in Link::ALL {
        let mut rest = text;
        while let Some(at) = rest.find(kind.path()) {
            let after = &rest[at + kind.path().len()..];
            let token: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if token.len() >= 16 && !found.iter().any(|(_, t)| *t == token) {
                found.push((kind, token));
            }
            rest = after;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_found_by_their_paths() {
        let text = "Confirmați: http://127.0.0.1:9/programare/confirma/AbCdEfGhIjKlMnOpQrStUvWxYz012_-9\n\
                    Preluați: http://x/lista-asteptare/preia/0123456789abcdefXYZ.\n\
                    http://x/programare/anuleaza/short";
        let found = links(text);
        assert_eq!(
            found,
            vec![
                (
                    Link::ConfirmBooking,
                    "AbCdEfGhIjKlMnOpQrStUvWxYz012_-9".to_owned()
                ),
                (Link::TakeHold, "0123456789abcdefXYZ".to_owned()),
            ]
        );
    }
}
