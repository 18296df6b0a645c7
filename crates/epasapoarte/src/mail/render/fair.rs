//! The e-mails of SPEC §8 written here: a draw entry's confirm request, the draw's "not
//! drawn" answer (a winner gets the usual confirmation, [`super::kinds::confirmed`]) and
//! the no-show cool-off notice.

use chrono::{DateTime, NaiveDate, Utc};

use super::view::{Body, Link, Row};
use crate::i18n::Lang;
use crate::i18n::format::{self, ROMANIA};

/// "Date, HH:MM (zone)" of an instant, in Romania's time.
fn when(lang: Lang, at: DateTime<Utc>, tz: chrono_tz::Tz) -> (String, String) {
    let (day, time) = format::local(at, tz);
    (
        format::date(lang, day),
        format!("{} ({})", format::clock(time), format::zone_label(lang, tz)),
    )
}

/// Confirm the entry before the deadline, or it lapses.
pub(super) fn draw_confirm_request(
    lang: Lang,
    confirm_url: &str,
    expires_at: DateTime<Utc>,
    draw_date: NaiveDate,
    entry_id: &str,
    draw_at: DateTime<Utc>,
) -> Body {
    let mut body = Body::new(lang, lang.t("mail.draw_confirm.subject").to_owned());
    body.intro.push(lang.tf(
        "mail.draw_confirm.intro",
        &[("date", &format::date(lang, draw_date))],
    ));
    let (day, time) = when(lang, expires_at, ROMANIA);
    body.intro.push(lang.tf(
        "mail.draw_confirm.deadline",
        &[("date", &day), ("time", &time)],
    ));
    body.action = Some(Link::new(lang.t("mail.draw_confirm.action"), confirm_url));
    let mut block = Body::block(lang.t("mail.draw_confirm.heading").to_owned());
    let (draw_day, draw_time) = when(lang, draw_at, ROMANIA);
    block.rows = vec![
        Row::new(lang.t("mail.draw.entry"), entry_id),
        Row::new(lang.t("mail.draw.date"), format::date(lang, draw_date)),
        Row::new(
            lang.t("mail.draw.runs_at"),
            format!("{draw_day}, {draw_time}"),
        ),
    ];
    body.blocks.push(block);
    body.closing
        .push(lang.t("mail.draw_confirm.not_you").to_owned());
    body
}

/// The draw ran; this entry got no seat (and maybe a waitlist place).
pub(super) fn draw_lost(
    lang: Lang,
    draw_date: NaiveDate,
    entry_id: &str,
    waitlist: bool,
    base_url: &str,
) -> Body {
    let mut body = Body::new(lang, lang.t("mail.draw_lost.subject").to_owned());
    body.intro.push(lang.tf(
        "mail.draw_lost.intro",
        &[("date", &format::date(lang, draw_date))],
    ));
    body.intro.push(if waitlist {
        lang.t("mail.draw_lost.waitlist").to_owned()
    } else {
        lang.t("mail.draw_lost.no_waitlist").to_owned()
    });
    let mut block = Body::block(lang.t("mail.draw_lost.heading").to_owned());
    block.rows = vec![
        Row::new(lang.t("mail.draw.entry"), entry_id),
        Row::new(lang.t("mail.draw.date"), format::date(lang, draw_date)),
    ];
    block.links.push(Link::new(
        lang.t("mail.draw_lost.replay_action"),
        format!("{base_url}/api/v1/draw/{draw_date}"),
    ));
    body.blocks.push(block);
    body.action = Some(Link::new(
        lang.t("mail.draw_lost.book_action"),
        format!("{base_url}/programare"),
    ));
    body
}

/// A missed appointment blocks new bookings and draw entries until `until`.
pub(super) fn cool_off(lang: Lang, date: NaiveDate, until: DateTime<Utc>, timezone: &str) -> Body {
    let tz = timezone.parse().unwrap_or(ROMANIA);
    let mut body = Body::new(lang, lang.t("mail.cool_off.subject").to_owned());
    body.intro.push(lang.tf(
        "mail.cool_off.intro",
        &[("date", &format::date(lang, date))],
    ));
    let (day, time) = when(lang, until, tz);
    body.intro
        .push(lang.tf("mail.cool_off.until", &[("date", &day), ("time", &time)]));
    body.closing
        .push(lang.t("mail.cool_off.mistake").to_owned());
    body
}
