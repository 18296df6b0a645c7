//! The e-mails of SPEC §2 (J2 confirm request, J3 confirmation, J4 cancellation, J5 lookup
//! answer) and §3 (application ready, application shipped), each built as a [`Body`] of
//! translated strings.

use chrono::{DateTime, NaiveDate, Utc};
use epasapoarte_domain::booking::CancelReason;
use epasapoarte_domain::passport::{Bani, Document, HolderCategory};

use super::summary;
use super::view::{Body, Link, PersonView, Row};
use crate::i18n::Lang;
use crate::i18n::format;
use crate::mail::{Appointment, ExpiryNotice, LookupItem, PersonLine};

/// J2: confirm within the deadline, or the booking expires.
pub(super) fn confirm_request(
    lang: Lang,
    confirm_url: &str,
    expires_at: DateTime<Utc>,
    appointment: &Appointment,
) -> Body {
    let tz = summary::zone(appointment);
    let (day, time) = format::local(expires_at, tz);
    let mut body = Body::new(lang, lang.t("mail.confirm_request.subject").to_owned());
    body.intro.push(lang.tf(
        "mail.confirm_request.intro",
        &[("office", &appointment.office_name)],
    ));
    body.intro.push(lang.tf(
        "mail.confirm_request.deadline",
        &[
            ("date", &format::date(lang, day)),
            ("time", &format::clock(time)),
            ("zone", &format::zone_label(lang, tz)),
        ],
    ));
    body.action = Some(Link::new(
        lang.t("mail.confirm_request.action"),
        confirm_url,
    ));
    let mut block = Body::block(lang.t("mail.confirm_request.heading").to_owned());
    block.rows = summary::rows(lang, appointment, true);
    body.blocks.push(block);
    body.closing
        .push(lang.t("mail.confirm_request.not_you").to_owned());
    body
}

/// SPEC §8: reconfirm the far-ahead appointment by the deadline, or it is cancelled.
pub(super) fn reconfirm_request(
    lang: Lang,
    reconfirm_url: &str,
    reconfirm_by: DateTime<Utc>,
    appointment: &Appointment,
) -> Body {
    let tz = summary::zone(appointment);
    let (day, time) = format::local(reconfirm_by, tz);
    let mut body = Body::new(lang, lang.t("mail.reconfirm_request.subject").to_owned());
    body.intro
        .push(lang.t("mail.reconfirm_request.intro").to_owned());
    body.intro.push(lang.tf(
        "mail.reconfirm_request.deadline",
        &[
            ("date", &format::date(lang, day)),
            ("time", &format::clock(time)),
            ("zone", &format::zone_label(lang, tz)),
        ],
    ));
    body.action = Some(Link::new(
        lang.t("mail.reconfirm_request.action"),
        reconfirm_url,
    ));
    let mut block = Body::block(lang.t("mail.reconfirm_request.heading").to_owned());
    block.rows = summary::rows(lang, appointment, false);
    body.blocks.push(block);
    body.closing
        .push(lang.t("mail.reconfirm_request.cannot_come").to_owned());
    body
}

/// J3: the appointment, what each person brings and pays, how to pay, how to cancel.
/// Issue 12: two days before — the confirmation's content under a reminder's subject.
pub(super) fn reminder(lang: Lang, cancel_url: &str, appointment: &Appointment) -> Body {
    let mut body = confirmed(lang, cancel_url, appointment);
    let date = format::date(lang, appointment.date);
    body.title = lang.tf("mail.reminder.subject", &[("date", &date)]);
    body.intro = vec![lang.tf(
        "mail.reminder.intro",
        &[
            ("date", &date),
            ("time", &format::clock(appointment.time)),
            ("office", &appointment.office_name),
        ],
    )];
    body
}

pub(super) fn confirmed(lang: Lang, cancel_url: &str, appointment: &Appointment) -> Body {
    let mut body = Body::new(lang, lang.t("mail.confirmed.subject").to_owned());
    body.intro.push(lang.t("mail.confirmed.intro").to_owned());
    let mut block = Body::block(lang.t("mail.confirmed.heading").to_owned());
    block.rows = summary::rows(lang, appointment, false);
    let total = appointment
        .persons
        .iter()
        .try_fold(Bani(0), |sum, p| sum.checked_add(Bani(p.fee_bani)));
    if let (Some(total), true) = (total, appointment.persons.len() > 1) {
        block.rows.push(Row::new(
            lang.t("mail.field.total_fee"),
            format::money(lang, total),
        ));
    }
    block.persons_heading = lang.t("mail.confirmed.persons_heading").to_owned();
    block.persons = appointment
        .persons
        .iter()
        .map(|person| person_details(lang, person))
        .collect();
    body.blocks.push(block);
    body.intro
        .push(lang.t("mail.confirmed.calendar").to_owned());

    let mut payment = Body::section(lang.t("mail.confirmed.payment_heading"));
    payment
        .paragraphs
        .push(lang.t("mail.confirmed.payment_intro").to_owned());
    payment.items = ["payment_cec", "payment_online", "payment_treasury"]
        .iter()
        .map(|key| lang.t(&format!("mail.confirmed.{key}")).to_owned())
        .collect();
    payment
        .after
        .push(lang.t("mail.confirmed.payment_receipt").to_owned());
    body.sections.push(payment);

    let mut cancel = Body::section(lang.t("mail.confirmed.cancel_heading"));
    cancel.paragraphs = vec![
        lang.t("mail.confirmed.cancel_intro").to_owned(),
        lang.t("mail.confirmed.cancel_rules").to_owned(),
    ];
    cancel.link = Some(Link::new(
        lang.t("mail.confirmed.cancel_action"),
        cancel_url,
    ));
    body.sections.push(cancel);
    body
}

fn person_details(lang: Lang, person: &PersonLine) -> PersonView {
    let mut rows = Vec::new();
    if let Ok(category) = person.category.parse::<HolderCategory>() {
        rows.push(Row::new(
            lang.t("mail.field.category"),
            lang.t(category.key()),
        ));
    }
    rows.push(Row::new(
        lang.t("mail.field.fee"),
        format::money(lang, Bani(person.fee_bani)),
    ));
    // A key this binary does not know (a newer writer) is skipped rather than shown raw.
    let documents = person
        .documents
        .iter()
        .filter_map(|id| Document::ALL.iter().find(|d| d.as_str() == id))
        .map(|document| lang.t(document.key()).to_owned())
        .collect();
    PersonView {
        name: summary::person_name(lang, person),
        rows,
        documents_label: lang.t("mail.field.documents").to_owned(),
        documents,
    }
}

/// J4: which appointment, why, and where to book again.
pub(super) fn cancelled(
    lang: Lang,
    reason: &str,
    note: Option<&str>,
    appointment: &Appointment,
    base_url: &str,
) -> Body {
    let reason_text = match reason.parse::<CancelReason>() {
        Ok(CancelReason::Citizen) => lang.t("mail.cancelled.reason_citizen").to_owned(),
        Ok(reason) => lang.t(reason.key()).to_owned(),
        Err(_) => lang.t("mail.cancelled.reason_unknown").to_owned(),
    };
    let mut body = Body::new(lang, lang.t("mail.cancelled.subject").to_owned());
    body.intro = vec![
        lang.t("mail.cancelled.intro").to_owned(),
        lang.tf("mail.cancelled.reason", &[("reason", &reason_text)]),
    ];
    if let Some(note) = note {
        body.intro
            .push(lang.tf("mail.cancelled.note", &[("note", note)]));
    }
    let mut block = Body::block(lang.t("mail.cancelled.heading").to_owned());
    block.rows = summary::rows(lang, appointment, true);
    body.blocks.push(block);
    // An untitled section: the offer to book again follows the summary directly.
    let mut again = Body::section("");
    again
        .paragraphs
        .push(lang.t("mail.cancelled.book_again").to_owned());
    again.link = Some(Link::new(
        lang.t("mail.cancelled.book_action"),
        format!("{base_url}/programare"),
    ));
    body.sections.push(again);
    body
}

/// J5: every active appointment of the address, each with its own cancel link.
pub(super) fn lookup(lang: Lang, appointments: &[LookupItem], base_url: &str) -> Body {
    let mut body = Body::new(lang, lang.t("mail.lookup.subject").to_owned());
    if appointments.is_empty() {
        body.intro.push(lang.t("mail.lookup.empty").to_owned());
        body.action = Some(Link::new(
            lang.t("mail.lookup.book_action"),
            format!("{base_url}/programare"),
        ));
    } else {
        body.intro.push(lang.t("mail.lookup.intro").to_owned());
    }
    for item in appointments {
        let appointment = &item.appointment;
        let heading = lang.tf(
            "mail.lookup.item",
            &[("date", &format::date(lang, appointment.date))],
        );
        let mut block = Body::block(heading);
        // Its true status first: a booking not confirmed yet is not an appointment yet.
        let status = match &item.confirm {
            Some(pending) => {
                let tz = summary::zone(appointment);
                let (day, time) = format::local(pending.expires_at, tz);
                lang.tf(
                    "mail.lookup.status_pending",
                    &[
                        ("date", &format::date(lang, day)),
                        ("time", &format::clock(time)),
                        ("zone", &format::zone_label(lang, tz)),
                    ],
                )
            }
            None => lang.t("mail.lookup.status_confirmed").to_owned(),
        };
        block
            .rows
            .push(Row::new(lang.t("mail.lookup.status"), status));
        block.rows.extend(summary::rows(lang, appointment, true));
        if let Some(pending) = &item.confirm {
            block.links.push(Link::new(
                lang.t("mail.lookup.confirm_action"),
                &pending.url,
            ));
        }
        block.links.push(Link::new(
            lang.t("mail.lookup.cancel_action"),
            &item.cancel_url,
        ));
        body.blocks.push(block);
    }
    if !appointments.is_empty() {
        body.closing
            .push(lang.t("mail.lookup.cancel_note").to_owned());
    }
    body.closing.push(lang.t("mail.lookup.not_you").to_owned());
    body
}

/// SPEC §3: the passport is ready at the pickup place; what to bring to collect it.
pub(super) fn application_ready(lang: Lang, number: &str, pickup: &str, base_url: &str) -> Body {
    let mut body = Body::new(lang, lang.t("mail.application_ready.subject").to_owned());
    body.intro
        .push(lang.tf("mail.application_ready.intro", &[("number", number)]));
    let mut block = Body::block(lang.t("mail.application_ready.heading").to_owned());
    block.rows = vec![
        Row::new(lang.t("mail.application.number"), number),
        Row::new(lang.t("mail.application.pickup"), pickup),
    ];
    body.blocks.push(block);
    let mut collect = Body::section(lang.t("mail.application_ready.collect_heading"));
    collect.items = ["collect_id", "collect_minor", "collect_hours"]
        .iter()
        .map(|key| lang.t(&format!("mail.application_ready.{key}")).to_owned())
        .collect();
    collect.link = Some(Link::new(
        lang.t("mail.application.status_action"),
        format!("{base_url}/status-pasaport"),
    ));
    body.sections.push(collect);
    body.closing
        .push(lang.t("mail.application.not_you").to_owned());
    body
}

/// Issue 12: the expiry reminder the holder asked for at registration, now that the
/// passport is issued — when it will come, and the link to cancel it.
pub(super) fn announce_reminder(body: &mut Body, lang: Lang, notice: Option<&ExpiryNotice>) {
    let Some(notice) = notice else {
        return;
    };
    let mut section = Body::section(lang.t("mail.expiry_reminder.heading"));
    section.paragraphs.push(lang.tf(
        "mail.expiry_reminder.scheduled",
        &[
            ("expires", &format::date(lang, notice.expires_on)),
            ("remind", &format::date(lang, notice.remind_on)),
        ],
    ));
    section.link = Some(Link::new(
        lang.t("mail.expiry_reminder.unsubscribe"),
        notice.unsubscribe_url.clone(),
    ));
    body.sections.push(section);
}

/// Issue 12: the passport expires in 6 months; how to apply for the next one.
pub(super) fn passport_expiring(
    lang: Lang,
    expires_on: NaiveDate,
    unsubscribe_url: &str,
    base_url: &str,
) -> Body {
    let date = format::date(lang, expires_on);
    let mut body = Body::new(
        lang,
        lang.tf("mail.passport_expiring.subject", &[("date", &date)]),
    );
    body.intro
        .push(lang.tf("mail.passport_expiring.intro", &[("date", &date)]));
    body.intro
        .push(lang.t("mail.passport_expiring.advice").to_owned());
    body.action = Some(Link::new(
        lang.t("mail.passport_expiring.book"),
        format!("{base_url}/programare"),
    ));
    let mut section = Body::section(lang.t("mail.passport_expiring.why_heading"));
    section
        .paragraphs
        .push(lang.t("mail.passport_expiring.why").to_owned());
    section.link = Some(Link::new(
        lang.t("mail.expiry_reminder.unsubscribe"),
        unsubscribe_url.to_owned(),
    ));
    body.sections.push(section);
    body
}

/// SPEC §3: the passport was handed to the courier.
pub(super) fn application_shipped(lang: Lang, number: &str, base_url: &str) -> Body {
    let mut body = Body::new(lang, lang.t("mail.application_shipped.subject").to_owned());
    body.intro
        .push(lang.tf("mail.application_shipped.intro", &[("number", number)]));
    body.intro
        .push(lang.t("mail.application_shipped.delivery").to_owned());
    let mut block = Body::block(lang.t("mail.application_shipped.heading").to_owned());
    block.rows = vec![Row::new(lang.t("mail.application.number"), number)];
    block.links.push(Link::new(
        lang.t("mail.application.status_action"),
        format!("{base_url}/status-pasaport"),
    ));
    body.blocks.push(block);
    body.closing
        .push(lang.t("mail.application.not_you").to_owned());
    body
}
