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

#[derive(Debug)]
pub struct Mailbox {
    dir: PathBuf,
    seen: Mutex<HashSet<PathBuf>>,
    inbox: Mutex<HashMap<String, Vec<(Link, String)>>>,
}

impl Mailbox {
    pub fn new(dir: PathBuf) -> Mailbox {
        Mailbox {
            dir,
            seen: Mutex::new(HashSet::new()),
            inbox: Mutex::new(HashMap::new()),
        }
    }

    /// Reads the files not read yet; returns how many.
    pub fn scan(&self) -> usize {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        let fresh: Vec<PathBuf> = {
            let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
                .filter(|path| seen.insert(path.clone()))
                .collect()
        };
        let parser = mail_parser::MessageParser::default();
        let mut read = Vec::new();
        for path in &fresh {
            let Ok(bytes) = std::fs::read(path) else {
                continue;
            };
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
            read.push((to, links(&text)));
        }
        let mut inbox = self.inbox.lock().unwrap_or_else(|p| p.into_inner());
        for (to, found) in read {
            inbox.entry(to).or_default().extend(found);
        }
        fresh.len()
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
