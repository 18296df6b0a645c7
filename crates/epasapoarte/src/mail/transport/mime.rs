//! The MIME message every network or file transport sends: `multipart/alternative`
//! (text, then HTML: clients show the last part they understand), wrapped in
//! `multipart/mixed` with `programare.ics` (`text/calendar; method=PUBLISH`) when the
//! e-mail carries an appointment for the calendar.

use lettre::Message;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart};

use super::{Envelope, SendError};
use crate::mail::RenderedMail;

pub(super) fn build(envelope: &Envelope, rendered: &RenderedMail) -> Result<Message, SendError> {
    let from: Mailbox = envelope
        .from
        .parse()
        .map_err(|_| SendError::Address("sender"))?;
    let to: Mailbox = envelope
        .to
        .parse()
        .map_err(|_| SendError::Address("recipient"))?;
    let alternative =
        MultiPart::alternative_plain_html(rendered.text.clone(), rendered.html.clone());
    let body = match &rendered.ics {
        None => alternative,
        Some(ics) => {
            let calendar = ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                .map_err(|_| SendError::Build)?;
            MultiPart::mixed().multipart(alternative).singlepart(
                Attachment::new("programare.ics".to_owned()).body(ics.clone(), calendar),
            )
        }
    };
    Message::builder()
        .from(from)
        .to(to)
        .subject(rendered.subject.clone())
        .message_id(Some(envelope.message_id.clone()))
        // RFC 3834: tells auto-responders not to answer a machine.
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Auto-Submitted"),
            "auto-generated".to_owned(),
        ))
        .multipart(body)
        .map_err(|_| SendError::Build)
}
