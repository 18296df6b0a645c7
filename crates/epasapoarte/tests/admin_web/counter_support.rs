//! The counter tests' vocabulary: CNPs, a confirmed booking at an office (booked and
//! confirmed through the service, the confirmation link read from the e-mail), a walk-in
//! registered through the pages, and the outbox delivered into a memory mailbox.

use chrono::{Datelike, Days, NaiveDate};
use epasapoarte::ids::{LinkToken, OfficeId};
use epasapoarte::mail::{Mailer, SentMail};
use epasapoarte::service::input::BookingRequest;
use epasapoarte_domain::cnp::check_digit;
use serde_json::json;

use super::support::{Backoffice, Browser};

/// A valid CNP of someone born on `born` (Cluj, serial `serial`).
pub fn cnp_born(born: NaiveDate, serial: u16) -> String {
    let sex = if born.year() >= 2000 { 5 } else { 1 };
    let body = format!("{sex}{}12{serial:03}", born.format("%y%m%d"));
    let digits: Vec<u8> = body.bytes().map(|b| b - b'0').collect();
    let first12: [u8; 12] = digits.try_into().expect("12 digits");
    format!("{body}{}", check_digit(&first12))
}

/// An adult's CNP (born 1985); `serial` keeps people apart.
pub fn adult(serial: u16) -> String {
    cnp_born(NaiveDate::from_ymd_opt(1985, 3, 15).unwrap(), serial)
}

/// Delivers the outbox once into a fresh memory mailbox and returns what was sent.
pub async fn deliver(app: &Backoffice) -> Vec<SentMail> {
    let mailer = Mailer::memory();
    epasapoarte::jobs::deliver_once(&app.state.service, &mailer)
        .await
        .expect("delivering the outbox");
    mailer.sent()
}

/// A confirmed booking of `persons` at `office` (CNPs `adult(serial)`, `adult(serial+1)`…);
/// returns its id.
pub async fn confirmed_booking(
    app: &Backoffice,
    office: OfficeId,
    persons: u16,
    serial: u16,
) -> String {
    let service = &app.state.service;
    let record = service.office(office).await.expect("the office");
    let today = service.today_in_romania();
    let days = service
        .availability(&record, persons, today, today + Days::new(60))
        .await
        .expect("availability");
    let (date, time) = (days[0].date, days[0].slots[0].time);
    let companions: Vec<_> = (1..persons)
        .map(|i| json!({"last_name": "Popescu", "first_name": "Ioana", "cnp": adult(serial + i)}))
        .collect();
    let request: BookingRequest = serde_json::from_value(json!({
        "office_id": office,
        "service": record.services[0].as_str(),
        "date": date.format("%Y-%m-%d").to_string(),
        "time": time.format("%H:%M").to_string(),
        "applicant": {"last_name": "Popescu", "first_name": "Ana", "cnp": adult(serial),
                      "email": "ana.popescu@example.ro"},
        "companions": companions,
        "consent": true
    }))
    .expect("a booking request");
    let booking = request
        .parse(service.today_in_romania())
        .expect("a well-formed booking");
    let created = service.create_booking(&booking).await.expect("booked");
    let mails = deliver(app).await;
    let marker = "/programare/confirma/";
    let token: String = mails
        .iter()
        .find_map(|mail| {
            let start = mail.text.find(marker)? + marker.len();
            Some(
                mail.text[start..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
                    .collect(),
            )
        })
        .expect("a confirmation e-mail");
    let token = LinkToken::parse(&token).expect("a link token");
    service.confirm_booking(&token).await.expect("confirmed");
    created.id.to_string()
}

/// The walk-in form's fields for an adult electronic passport paid with `amount`.
pub fn walk_in<'a>(cnp: &'a str, amount: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("passport_type", "passport_electronic"),
        ("last_name", "Ionescu"),
        ("first_name", "Maria"),
        ("cnp", cnp),
        ("email", "maria.ionescu@example.ro"),
        ("receipt_number", "CEC 0042"),
        ("receipt_amount", amount),
    ]
}

/// Registers a walk-in at `office` through the page; returns the application number.
pub async fn register_walk_in(browser: &Browser, office: OfficeId, cnp: &str) -> String {
    let reply = browser
        .post(
            &format!("/admin/birouri/{office}/cereri/noua"),
            &walk_in(cnp, "258"),
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    number_in(reply.location.as_deref().unwrap_or_default())
}

/// The application number of a detail page's address.
pub fn number_in(location: &str) -> String {
    let start = location.find("numar=").expect("a number in the address") + "numar=".len();
    location[start..]
        .chars()
        .take_while(|c| *c != '&')
        .collect()
}

/// A date `days` from today, as typed in forms.
pub fn in_days(app: &Backoffice, days: u64) -> String {
    (app.state.service.today_in_romania() + Days::new(days)).to_string()
}
