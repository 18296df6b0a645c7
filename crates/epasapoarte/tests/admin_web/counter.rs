//! Bookings for the counter's tests, made and confirmed through the booking service (the
//! citizen's path), and the small readers the agenda tests share.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use epasapoarte::ids::{BookingId, OfficeId};
use epasapoarte::seed::planned_slots;
use epasapoarte::service::BookingRequest;
use epasapoarte::service::input::{ApplicantInput, CompanionInput};
use epasapoarte_domain::booking::{BookingEvent, BookingStatus};

use super::support::Backoffice;

pub const EMAIL: &str = "ana.popescu@example.ro";

/// A confirmed (or pending) booking as the tests need it.
#[derive(Debug, Clone)]
pub struct Booked {
    pub id: String,
    pub office: OfficeId,
    pub date: NaiveDate,
    pub starts_at: DateTime<Utc>,
    pub cnps: Vec<String>,
}

impl Booked {
    pub fn agenda(&self) -> String {
        format!("/admin/birouri/{}/agenda?data={}", self.office, self.date)
    }

    pub fn action(&self, name: &str) -> String {
        format!("/admin/birouri/{}/agenda/{name}", self.office)
    }
}

/// Books `persons` persons (CNPs from `first_cnp` on) in the office's first slot with
/// room, and confirms the booking unless `confirm` is false.
pub async fn book(
    app: &Backoffice,
    office: OfficeId,
    persons: u16,
    first_cnp: u32,
    confirm: bool,
) -> Booked {
    book_as(app, office, persons, first_cnp, confirm, ("Popescu", 0)).await
}

/// [`book`] for an applicant named `last_name`, at the `slot`-th time of the first day
/// after today with room (`("Popescu", 0)` is what `book` does).
pub async fn book_as(
    app: &Backoffice,
    office: OfficeId,
    persons: u16,
    first_cnp: u32,
    confirm: bool,
    (last_name, slot): (&str, usize),
) -> Booked {
    let service = &app.state.service;
    let record = service.office(office).await.expect("the office");
    let now = service.now();
    service
        .store
        .plan_slots(office, &planned_slots(&record, now))
        .await
        .expect("planning slots");
    service.directory.invalidate_seats(office);
    let today = now.date_naive();
    let days = service
        .availability(&record, persons, today, today + Duration::days(100))
        .await
        .expect("availability");
    // A day after today in Romania, whatever the hour: the tests first look at the
    // appointment before its day (no check-in yet), then move the clock to it.
    let today_in_romania = service.today_in_romania();
    let day = days
        .iter()
        .find(|d| d.date > today_in_romania && !d.slots.is_empty())
        .expect("a day with room");
    let cnps: Vec<String> = (0..u32::from(persons))
        .map(|i| cnp(first_cnp + i))
        .collect();
    let request = BookingRequest {
        office_id: office,
        service: "passport_electronic".to_owned(),
        date: day.date.to_string(),
        time: day.slots[slot].time.format("%H:%M").to_string(),
        applicant: ApplicantInput {
            last_name: last_name.to_owned(),
            first_name: "Ana".to_owned(),
            cnp: cnps[0].clone(),
            email: EMAIL.to_owned(),
            phone: None,
        },
        companions: cnps[1..]
            .iter()
            .enumerate()
            .map(|(i, cnp)| CompanionInput {
                last_name: "Popescu".to_owned(),
                first_name: ["Ion", "Maria", "Radu"][i % 3].to_owned(),
                cnp: cnp.clone(),
            })
            .collect(),
        consent: true,
        lang: None,
    };
    let booking = request
        .parse(service.today_in_romania())
        .expect("a well-formed booking");
    let created = service.create_booking(&booking).await.expect("booking");
    if confirm {
        service
            .move_booking_by_staff(
                &created.id,
                BookingEvent::Confirm,
                None,
                epasapoarte::staff::AuditEvent::new(
                    epasapoarte::staff::Actor::System,
                    "booking.confirmed",
                ),
            )
            .await
            .expect("confirming");
    }
    let stored = service
        .staff_booking(&created.id)
        .await
        .expect("reading")
        .expect("the booking");
    Booked {
        id: created.id.to_string(),
        office,
        date: stored.date,
        starts_at: stored.starts_at,
        cnps,
    }
}

pub async fn status(app: &Backoffice, booking: &Booked) -> BookingStatus {
    app.state
        .service
        .staff_booking(&BookingId(booking.id.clone()))
        .await
        .expect("reading")
        .expect("the booking")
        .status
}

/// Free seats of the booking's slot, read from the store.
pub async fn free_seats(app: &Backoffice, booking: &Booked) -> u16 {
    let slots = app
        .state
        .service
        .store
        .slots(
            booking.office,
            booking.starts_at - Duration::minutes(1),
            booking.starts_at + Duration::minutes(1),
        )
        .await
        .expect("slots");
    slots
        .iter()
        .find(|slot| slot.starts_at == booking.starts_at)
        .expect("the slot")
        .free()
}

/// Moves the clock to a minute after the booking's start.
/// The clock at the appointment, past the 15 minutes after which a no-show may be marked.
pub fn at_the_appointment(app: &Backoffice, booking: &Booked) {
    app.clock.set(booking.starts_at + Duration::minutes(16));
}

/// The n-th valid test CNP: born 1 Jan 1960 + n days, county 12 (Cluj), serial from n.
pub fn cnp(n: u32) -> String {
    let birth = NaiveDate::from_ymd_opt(1960, 1, 1).expect("a date")
        + Duration::days(i64::from(n % 15_000));
    let serial = 1 + n / 15_000 % 999;
    let sex = 1 + n % 2;
    let body = format!("{sex}{}12{serial:03}", birth.format("%y%m%d"));
    let digits: Vec<u8> = body.bytes().map(|b| b - b'0').collect();
    let first12: [u8; 12] = digits.try_into().expect("12 digits");
    format!("{body}{}", epasapoarte_domain::cnp::check_digit(&first12))
}
