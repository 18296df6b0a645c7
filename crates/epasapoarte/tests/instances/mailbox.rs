//! What the SMTP sink received, parsed and sorted by kind: a confirmation request carries a
//! `confirma` link, a confirmation a `anuleaza` link and a calendar attachment.

use mail_parser::MessageParser;

use super::citizens::token_after;
use super::smtp_sink::Received;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    ConfirmRequest,
    Confirmation,
    Other,
}

/// One received message, reduced to what the tests compare.
#[derive(Debug, Clone)]
pub struct Mail {
    pub kind: Kind,
    pub message_id: String,
    pub rcpt_to: Vec<String>,
    /// The token of the message's link (`confirma` or `anuleaza`).
    pub token: Option<String>,
}

pub fn parse(received: &Received) -> Mail {
    let message = MessageParser::default()
        .parse(&received.data)
        .expect("the sink holds a parseable message");
    let text = message
        .body_text(0)
        .map(|t| t.into_owned())
        .unwrap_or_default();
    let confirm = token_after(&text, "confirma");
    let cancel = token_after(&text, "anuleaza");
    let (kind, token) = match (confirm, cancel) {
        (Some(token), None) => (Kind::ConfirmRequest, Some(token)),
        (None, Some(token)) if message.attachments().next().is_some() => {
            (Kind::Confirmation, Some(token))
        }
        (_, other) => (Kind::Other, other),
    };
    Mail {
        kind,
        message_id: message.message_id().unwrap_or_default().to_owned(),
        rcpt_to: received.rcpt_to.clone(),
        token,
    }
}

/// Every message the sink holds, parsed, in arrival order.
pub fn all(sink: &super::smtp_sink::SmtpSink) -> Vec<Mail> {
    sink.received().iter().map(parse).collect()
}

pub fn of_kind(mails: &[Mail], kind: Kind) -> Vec<&Mail> {
    mails.iter().filter(|m| m.kind == kind).collect()
}
