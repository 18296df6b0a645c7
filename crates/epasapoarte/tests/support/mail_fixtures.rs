//! Fixed appointments and e-mails for the mail tests (fixed dates: the output never
//! depends on the day the tests run).
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use epasapoarte::i18n::Lang;
use epasapoarte::mail::{Appointment, LookupItem, Mail, PersonLine};

pub const BASE_URL: &str = "https://epasapoarte.example";
pub const CONFIRM_URL: &str =
    "https://epasapoarte.example/programare/confirma/Zm9vYmFyYmF6cXV4cXV1eHF1dXpxdXV6";
pub const CANCEL_URL: &str =
    "https://epasapoarte.example/programare/anuleaza/Y2FuY2VsY2FuY2VsY2FuY2VsY2FuY2Vs";

pub fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("a fixed, valid instant")
}

fn person(
    first: &str,
    last: &str,
    category: &str,
    fee_bani: u32,
    documents: &[&str],
) -> PersonLine {
    PersonLine {
        first_name: first.into(),
        last_name: last.into(),
        category: category.into(),
        fee_bani,
        documents: documents.iter().map(|d| (*d).to_owned()).collect(),
    }
}

/// Thursday 3 December 2026, 09:30 in Cluj (07:30 UTC), a mother and her son.
pub fn appointment() -> Appointment {
    Appointment {
        booking_id: "bk_7Hq2xW".into(),
        office_name: "Serviciul Public Comunitar de Pașapoarte Cluj".into(),
        office_address: "Str. Avram Iancu nr. 1, Cluj-Napoca".into(),
        timezone: "Europe/Bucharest".into(),
        date: NaiveDate::from_ymd_opt(2026, 12, 3).expect("valid date"),
        time: NaiveTime::from_hms_opt(9, 30, 0).expect("valid time"),
        starts_at: utc(2026, 12, 3, 7, 30),
        ends_at: utc(2026, 12, 3, 7, 45),
        service: "passport_electronic".into(),
        persons: vec![
            person(
                "Ana",
                "Popescu",
                "adult",
                25_800,
                &["identity_card", "fee_receipt", "applicant_in_person"],
            ),
            person(
                "Ionuț",
                "Popescu",
                "minor_under_14",
                23_400,
                &["minor_birth_certificate", "fee_receipt"],
            ),
        ],
    }
}

/// An office abroad: London, 10:00 local on Tuesday 9 June 2026 (BST, 09:00 UTC).
pub fn appointment_abroad() -> Appointment {
    Appointment {
        booking_id: "bk_Lon001".into(),
        office_name: "Consulatul General al României la Londra".into(),
        office_address: "344 Kensington High Street, London".into(),
        timezone: "Europe/London".into(),
        date: NaiveDate::from_ymd_opt(2026, 6, 9).expect("valid date"),
        time: NaiveTime::from_hms_opt(10, 0, 0).expect("valid time"),
        starts_at: utc(2026, 6, 9, 9, 0),
        ends_at: utc(2026, 6, 9, 9, 15),
        service: "passport_temporary".into(),
        persons: vec![person(
            "Mihai",
            "Ionescu",
            "domicile_abroad",
            9_600,
            &["previous_passport"],
        )],
    }
}

pub fn confirm_request(lang: Lang, appointment: Appointment) -> Mail {
    Mail::ConfirmRequest {
        to: "ana.popescu@example.ro".into(),
        lang,
        confirm_url: CONFIRM_URL.into(),
        // Created 20 November 2026 at 09:30 Bucharest time; 30 minutes to confirm.
        expires_at: utc(2026, 11, 20, 8, 0),
        appointment,
    }
}

pub fn confirmed(lang: Lang, appointment: Appointment) -> Mail {
    Mail::Confirmed {
        to: "ana.popescu@example.ro".into(),
        lang,
        cancel_url: CANCEL_URL.into(),
        appointment,
    }
}

pub fn cancelled(lang: Lang, reason: &str) -> Mail {
    Mail::Cancelled {
        to: "ana.popescu@example.ro".into(),
        lang,
        reason: reason.into(),
        note: None,
        appointment: appointment(),
    }
}

pub fn reconfirm_request(lang: Lang) -> Mail {
    Mail::ReconfirmRequest {
        to: "ana.popescu@example.ro".into(),
        lang,
        reconfirm_url: "https://epasapoarte.ro/programare/reconfirma/abc".into(),
        reconfirm_by: utc(2026, 11, 22, 8, 0),
        appointment: appointment(),
    }
}

/// A lookup answer listing confirmed appointments, each with its cancel link.
pub fn lookup(lang: Lang, appointments: Vec<(Appointment, String)>) -> Mail {
    Mail::Lookup {
        to: "ana.popescu@example.ro".into(),
        lang,
        appointments: appointments
            .into_iter()
            .map(|(appointment, cancel_url)| LookupItem {
                appointment,
                cancel_url,
                confirm: None,
            })
            .collect(),
    }
}

/// Every kind of e-mail in both languages.
pub fn every_mail() -> Vec<Mail> {
    let mut all = Vec::new();
    for lang in [Lang::Ro, Lang::En] {
        all.push(confirm_request(lang, appointment()));
        all.push(confirm_request(lang, appointment_abroad()));
        all.push(confirmed(lang, appointment()));
        all.push(confirmed(lang, appointment_abroad()));
        all.push(cancelled(lang, "citizen"));
        all.push(cancelled(lang, "name_mismatch"));
        all.push(cancelled(lang, "not_reconfirmed"));
        all.push(reconfirm_request(lang));
        all.push(Mail::Reminder {
            to: "ana.popescu@example.ro".into(),
            lang,
            cancel_url: CANCEL_URL.into(),
            appointment: appointment(),
        });
        all.push(lookup(
            lang,
            vec![
                (appointment(), CANCEL_URL.into()),
                (appointment_abroad(), CANCEL_URL.into()),
            ],
        ));
        all.push(lookup(lang, Vec::new()));
    }
    all
}
