//! From a [`Mail`] value to the subject, the text and HTML parts and the calendar
//! attachment. Pure: no clock, no database, no I/O — the outbox worker can render the
//! same message again on every retry and get the same bytes.
//!
//! Romanian first (formal "dumneavoastră"), English when the citizen chose it; every
//! word comes from the locale catalogues, the documents' wording too (`document.*`).

use chrono::{DateTime, Utc};

use crate::mail::{Appointment, Mail, ics};

mod fair;
mod kinds;
mod summary;
pub(crate) mod view;
mod waitlist;

/// A rendered e-mail, ready for a transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMail {
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The body of the `programare.ics` attachment, for the confirmation only.
    pub ics: Option<String>,
}

/// Renders `mail` with links under `base_url` (e.g. `https://epasapoarte.ro`). The
/// calendar's DTSTAMP is the appointment's start; the worker uses [`render_at`] to stamp
/// it with the time the message was queued.
#[must_use]
pub fn render(mail: &Mail, base_url: &str) -> RenderedMail {
    render_at(mail, base_url, None)
}

/// [`render`], with `queued_at` (the outbox row's creation time) as the calendar's DTSTAMP.
#[must_use]
pub fn render_at(mail: &Mail, base_url: &str, queued_at: Option<DateTime<Utc>>) -> RenderedMail {
    let base_url = base_url.trim_end_matches('/');
    let body = match mail {
        Mail::ConfirmRequest {
            lang,
            confirm_url,
            expires_at,
            appointment,
            ..
        } => kinds::confirm_request(*lang, confirm_url, *expires_at, appointment),
        Mail::Confirmed {
            lang,
            cancel_url,
            appointment,
            ..
        } => kinds::confirmed(*lang, cancel_url, appointment),
        Mail::Cancelled {
            lang,
            reason,
            note,
            appointment,
            ..
        } => kinds::cancelled(*lang, reason, note.as_deref(), appointment, base_url),
        Mail::ReconfirmRequest {
            lang,
            reconfirm_url,
            reconfirm_by,
            appointment,
            ..
        } => kinds::reconfirm_request(*lang, reconfirm_url, *reconfirm_by, appointment),
        Mail::Lookup {
            lang, appointments, ..
        } => kinds::lookup(*lang, appointments, base_url),
        Mail::Reminder {
            lang,
            cancel_url,
            appointment,
            ..
        } => kinds::reminder(*lang, cancel_url, appointment),
        Mail::ApplicationReady {
            lang,
            number,
            pickup,
            reminder,
            ..
        } => {
            let mut body = kinds::application_ready(*lang, number, pickup, base_url);
            kinds::announce_reminder(&mut body, *lang, reminder.as_ref());
            body
        }
        Mail::ApplicationShipped {
            lang,
            number,
            reminder,
            ..
        } => {
            let mut body = kinds::application_shipped(*lang, number, base_url);
            kinds::announce_reminder(&mut body, *lang, reminder.as_ref());
            body
        }
        Mail::PassportExpiring {
            lang,
            expires_on,
            unsubscribe_url,
            ..
        } => kinds::passport_expiring(*lang, *expires_on, unsubscribe_url, base_url),
        Mail::DrawConfirmRequest {
            lang,
            confirm_url,
            expires_at,
            draw_date,
            entry_id,
            draw_at,
            ..
        } => fair::draw_confirm_request(
            *lang,
            confirm_url,
            *expires_at,
            *draw_date,
            entry_id,
            *draw_at,
        ),
        Mail::DrawLost {
            lang,
            draw_date,
            entry_id,
            waitlist,
            ..
        } => fair::draw_lost(*lang, *draw_date, entry_id, *waitlist, base_url),
        Mail::CoolOff {
            lang,
            date,
            until,
            timezone,
            ..
        } => fair::cool_off(*lang, *date, *until, timezone),
        Mail::WaitlistConfirmRequest {
            lang,
            confirm_url,
            expires_at,
            wish,
            ..
        } => waitlist::confirm_request(*lang, confirm_url, *expires_at, wish),
        Mail::WaitlistWaiting { lang, wish, .. } => waitlist::waiting(*lang, wish),
        Mail::HoldOffered {
            lang,
            take_url,
            hold_until,
            seats,
            ..
        } => waitlist::hold_offered(*lang, take_url, *hold_until, seats),
        Mail::HoldLapsed { lang, seats, .. } => waitlist::hold_lapsed(*lang, seats),
    };
    let ics = match mail {
        Mail::Confirmed {
            lang,
            cancel_url,
            appointment,
            ..
        } => Some(calendar(
            *lang,
            appointment,
            cancel_url,
            base_url,
            queued_at.unwrap_or(appointment.starts_at),
        )),
        _ => None,
    };
    RenderedMail {
        subject: body.title.clone(),
        text: body.text(),
        html: body.html(),
        ics,
    }
}

fn calendar(
    lang: crate::i18n::Lang,
    appointment: &Appointment,
    cancel_url: &str,
    base_url: &str,
    stamp: DateTime<Utc>,
) -> String {
    let uid = format!("{}@{}", appointment.booking_id, host(base_url));
    let summary = lang.tf(
        "mail.confirmed.ics_summary",
        &[("office", &appointment.office_name)],
    );
    let location = format!(
        "{}, {}",
        appointment.office_name, appointment.office_address
    );
    let description = lang.tf(
        "mail.confirmed.ics_description",
        &[
            (
                "reference",
                &crate::ids::reference_of(&appointment.booking_id),
            ),
            ("cancel_url", cancel_url),
        ],
    );
    ics::calendar(&ics::Event {
        uid: &uid,
        stamp,
        start: appointment.starts_at,
        end: appointment.ends_at,
        summary: &summary,
        location: &location,
        description: &description,
    })
}

/// The host of a URL, without scheme, credentials, port or path ("epasapoarte.ro").
pub(crate) fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if authority.starts_with('[') {
        // An IPv6 literal keeps its brackets; only a port after them is dropped.
        return authority
            .split_once(']')
            .map_or(authority, |(h, _)| &h[1..]);
    }
    authority.split(':').next().unwrap_or(authority)
}

#[cfg(test)]
mod tests {
    use super::host;

    #[test]
    fn host_drops_scheme_port_and_path() {
        assert_eq!(host("http://127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(host("https://epasapoarte.ro/x"), "epasapoarte.ro");
        assert_eq!(host("https://u:p@[::1]:8443/"), "::1");
        assert_eq!(host("plain"), "plain");
    }
}
