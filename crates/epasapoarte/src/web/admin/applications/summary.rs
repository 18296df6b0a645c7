//! An application's facts as rows of the detail page, and its history as table lines.

use crate::i18n::Lang;
use crate::i18n::format::money;
use crate::service::applications::ApplicationView;
use crate::web::pages::appointment::Row;

pub fn rows(lang: Lang, view: &ApplicationView) -> Vec<Row> {
    let t = |key: &str| lang.t(&format!("admin.application.{key}"));
    let category = lang.t(view.holder_category.key());
    // After retention the personal data is gone: each of its rows says so.
    let personal = |value: &str| {
        if view.purged {
            t("purged").to_owned()
        } else {
            value.to_owned()
        }
    };
    let mut rows = vec![
        Row::new(t("status"), lang.t(view.status.key())),
        Row::new(t("last_name"), personal(&view.last_name)),
        Row::new(t("first_name"), personal(&view.first_name)),
        Row::new(t("cnp"), personal(&view.cnp)),
        Row::new(
            t("email"),
            match &view.email {
                Some(email) => email.clone(),
                None if view.purged => t("purged").to_owned(),
                None => t("none").to_owned(),
            },
        ),
        Row::new(t("passport_type"), lang.t(view.passport_type.key())),
        Row::new(t("category"), category),
        Row::new(t("fee_due_row"), money(lang, view.fee_due)),
        Row::new(
            t("receipt"),
            format!(
                "{} · {}",
                view.receipt_number,
                money(lang, view.receipt_amount)
            ),
        ),
        Row::new(t("pickup"), view.pickup.text()),
    ];
    if let Some((_, fee)) = view.courier.as_ref().filter(|_| view.purged) {
        let text = format!("{} ({})", t("purged"), money(lang, *fee));
        rows.push(Row::new(t("courier_row"), text));
    } else if let Some((address, fee)) = &view.courier {
        let text = format!(
            "{}, {}, {}, {} ({})",
            address.street,
            address.locality,
            address.county,
            address.postal_code,
            money(lang, *fee)
        );
        rows.push(Row::new(t("courier_row"), text));
    }
    let booking = match &view.booking {
        Some((id, person)) => lang.tf(
            "admin.application.booking_person",
            &[("id", id), ("person", &person.to_string())],
        ),
        None => t("walk_in_row").to_owned(),
    };
    rows.push(Row::new(t("booking_row"), booking));
    rows.push(Row::new(
        t("submitted_on"),
        view.submitted_on.format("%d.%m.%Y").to_string(),
    ));
    if let Some(reason) = &view.rejection_reason {
        rows.push(Row::new(t("rejection_reason"), reason.clone()));
    }
    rows
}

/// (when, from, to, who, reason), oldest first, times in Romania's time.
pub fn history(
    lang: Lang,
    view: &ApplicationView,
) -> Vec<(String, String, &'static str, String, String)> {
    view.history
        .iter()
        .map(|event| {
            let at = event.at.with_timezone(&chrono_tz::Europe::Bucharest);
            (
                at.format("%d.%m.%Y %H:%M").to_string(),
                event
                    .from
                    .map(|from| lang.t(from.key()).to_owned())
                    .unwrap_or_default(),
                lang.t(event.to.key()),
                event.actor.clone(),
                event.reason.clone().unwrap_or_default(),
            )
        })
        .collect()
}
