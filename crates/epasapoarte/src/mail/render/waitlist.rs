//! The waitlist's e-mails (SPEC §8): confirm the place, the place confirmed, seats held
//! with the one-click link and its deadline, the hold lapsed.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::view::{Body, Link, Row};
use crate::i18n::Lang;
use crate::i18n::format;
use crate::mail::{HeldSlot, WaitlistWish};

fn wish_rows(lang: Lang, wish: &WaitlistWish) -> Vec<Row> {
    vec![
        Row::new(lang.t("mail.waitlist.offices"), wish.offices.join("; ")),
        Row::new(
            lang.t("mail.waitlist.dates"),
            lang.tf(
                "mail.waitlist.date_range",
                &[
                    ("from", &format::date(lang, wish.date_from)),
                    ("to", &format::date(lang, wish.date_to)),
                ],
            ),
        ),
        Row::new(lang.t("mail.waitlist.persons"), wish.persons.to_string()),
    ]
}

fn zone(timezone: &str) -> Tz {
    timezone.parse().unwrap_or(chrono_tz::Europe::Bucharest)
}

fn slot_rows(lang: Lang, seats: &HeldSlot) -> Vec<Row> {
    let tz = zone(&seats.timezone);
    vec![
        Row::new(
            lang.t("mail.waitlist.office"),
            format!("{}, {}", seats.office_name, seats.office_address),
        ),
        Row::new(lang.t("mail.waitlist.date"), format::date(lang, seats.date)),
        Row::new(
            lang.t("mail.waitlist.time"),
            format::time_in_zone(lang, seats.time, tz),
        ),
        Row::new(lang.t("mail.waitlist.persons"), seats.persons.to_string()),
    ]
}

fn deadline(lang: Lang, key: &str, at: DateTime<Utc>, tz: Tz) -> String {
    let (day, time) = format::local(at, tz);
    lang.tf(
        key,
        &[
            ("date", &format::date(lang, day)),
            ("time", &format::clock(time)),
            ("zone", &format::zone_label(lang, tz)),
        ],
    )
}

pub(super) fn confirm_request(
    lang: Lang,
    confirm_url: &str,
    expires_at: DateTime<Utc>,
    wish: &WaitlistWish,
) -> Body {
    let mut body = Body::new(lang, lang.t("mail.waitlist_confirm.subject").to_owned());
    body.intro
        .push(lang.t("mail.waitlist_confirm.intro").to_owned());
    body.intro.push(deadline(
        lang,
        "mail.waitlist_confirm.deadline",
        expires_at,
        chrono_tz::Europe::Bucharest,
    ));
    body.action = Some(Link::new(
        lang.t("mail.waitlist_confirm.action"),
        confirm_url,
    ));
    let mut block = Body::block(lang.t("mail.waitlist.heading").to_owned());
    block.rows = wish_rows(lang, wish);
    body.blocks.push(block);
    body.closing
        .push(lang.t("mail.waitlist_confirm.not_you").to_owned());
    body
}

pub(super) fn waiting(lang: Lang, wish: &WaitlistWish) -> Body {
    let mut body = Body::new(lang, lang.t("mail.waitlist_waiting.subject").to_owned());
    body.intro
        .push(lang.t("mail.waitlist_waiting.intro").to_owned());
    body.intro
        .push(lang.t("mail.waitlist_waiting.how").to_owned());
    let mut block = Body::block(lang.t("mail.waitlist.heading").to_owned());
    block.rows = wish_rows(lang, wish);
    body.blocks.push(block);
    body
}

pub(super) fn hold_offered(
    lang: Lang,
    take_url: &str,
    hold_until: DateTime<Utc>,
    seats: &HeldSlot,
) -> Body {
    let tz = zone(&seats.timezone);
    let mut body = Body::new(lang, lang.t("mail.hold_offered.subject").to_owned());
    body.intro
        .push(lang.t("mail.hold_offered.intro").to_owned());
    body.intro
        .push(deadline(lang, "mail.hold_offered.deadline", hold_until, tz));
    body.action = Some(Link::new(lang.t("mail.hold_offered.action"), take_url));
    let mut block = Body::block(lang.t("mail.hold_offered.heading").to_owned());
    block.rows = slot_rows(lang, seats);
    body.blocks.push(block);
    body.closing
        .push(lang.t("mail.hold_offered.after").to_owned());
    body
}

pub(super) fn hold_lapsed(lang: Lang, seats: &HeldSlot) -> Body {
    let mut body = Body::new(lang, lang.t("mail.hold_lapsed.subject").to_owned());
    body.intro.push(lang.t("mail.hold_lapsed.intro").to_owned());
    let mut block = Body::block(lang.t("mail.hold_offered.heading").to_owned());
    block.rows = slot_rows(lang, seats);
    body.blocks.push(block);
    body.closing
        .push(lang.t("mail.hold_lapsed.still_waiting").to_owned());
    body
}
