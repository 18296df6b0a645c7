//! Known bookings for the report tests: slots planned straight into the store and
//! bookings moved through the store's own transitions, so every status is real.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Bucharest;
use epasapoarte::ids::{BookingId, OfficeId, TokenHash};
use epasapoarte::store::{BookingMove, NewBooking, NewOutboxMessage, PlannedSlot, SealedPerson};
use epasapoarte_domain::booking::BookingStatus;
use epasapoarte_domain::passport::PassportType;

use super::support::Backoffice;

pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn at(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    Bucharest
        .from_local_datetime(&date.and_time(time))
        .single()
        .expect("an unambiguous local time")
        .with_timezone(&Utc)
}

fn bytes() -> Vec<u8> {
    rand::random::<[u8; 32]>().to_vec()
}

fn message() -> NewOutboxMessage {
    NewOutboxMessage {
        kind: "confirm_request",
        payload: bytes(),
    }
}

impl Backoffice {
    /// Plans one slot of `office` on `date` at `hh:mm` with `capacity` seats.
    pub async fn plan(&self, office: OfficeId, date: NaiveDate, hh_mm: &str, capacity: u16) {
        let time = NaiveTime::parse_from_str(hh_mm, "%H:%M").expect("a time");
        let slot = PlannedSlot {
            date,
            time,
            starts_at: at(date, time),
            capacity,
        };
        self.state
            .service
            .store
            .plan_slots(office, &[slot])
            .await
            .expect("planning a slot");
    }

    /// A booking of `persons` at that slot, moved to `status` the way the lifecycle
    /// does (pending → confirmed → checked in → completed, or → no-show / cancelled;
    /// pending → expired). Returns its id.
    pub async fn book(
        &self,
        office: OfficeId,
        date: NaiveDate,
        hh_mm: &str,
        persons: usize,
        status: BookingStatus,
    ) -> String {
        let store = &self.state.service.store;
        let now = self.clock_now();
        let time = NaiveTime::parse_from_str(hh_mm, "%H:%M").expect("a time");
        let expired = status == BookingStatus::Expired;
        let expires_at = if expired {
            now - Duration::hours(1)
        } else {
            now + Duration::days(1)
        };
        let booking = new_booking(office, date, time, persons, now, expires_at);
        store.create_booking(&booking).await.expect("a booking");
        let id = booking.id;
        self.walk_to(&id, status, now).await;
        if expired {
            // Its confirmation request has gone out: the time to confirm runs from then.
            let claimed = store
                .claim_outbox(now, Duration::minutes(1), 1000)
                .await
                .expect("claiming the outbox");
            let ids: Vec<i64> = claimed.iter().map(|item| item.id).collect();
            store.mark_sent(&ids, now).await.expect("marking it sent");
            store.expire_due(now, 100).await.expect("expiring");
        }
        let stored = store.booking(&id).await.expect("reading").expect("stored");
        assert_eq!(stored.status, status, "the booking reached its status");
        id.to_string()
    }

    /// Moves a pending booking along the lifecycle's path to `status` (an expiry is left
    /// to the sweep).
    async fn walk_to(&self, id: &BookingId, status: BookingStatus, now: DateTime<Utc>) {
        let store = &self.state.service.store;
        use BookingStatus::*;
        let path: &[BookingStatus] = match status {
            Pending | Expired => &[],
            Confirmed => &[Confirmed],
            CheckedIn => &[Confirmed, CheckedIn],
            Completed => &[Confirmed, CheckedIn, Completed],
            NoShow => &[Confirmed, NoShow],
            Cancelled => &[Confirmed, Cancelled],
        };
        let mut from = Pending;
        for to in path {
            if *to == Confirmed {
                store
                    .confirm_booking(id, now, &TokenHash(bytes()), &message())
                    .await
                    .expect("confirming");
            } else if *to == Cancelled {
                store
                    .cancel_booking(id, now, "citizen", &message())
                    .await
                    .expect("cancelling");
            } else {
                let step = BookingMove {
                    booking_id: id.clone(),
                    from,
                    to: *to,
                    now,
                    reason: None,
                    outbox: None,
                };
                store.move_booking(&step, None).await.expect("moving");
            }
            from = *to;
        }
    }

    pub fn clock_now(&self) -> DateTime<Utc> {
        self.state.service.now()
    }
}

/// A pending booking of `persons` with random sealed fields, made two hours before `now`.
fn new_booking(
    office: OfficeId,
    date: NaiveDate,
    time: NaiveTime,
    persons: usize,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> NewBooking {
    NewBooking {
        id: BookingId(format!("bk_{}", hex(&bytes()[..10]))),
        office_id: office,
        service: PassportType::Electronic,
        date,
        time,
        persons: (0..persons)
            .map(|_| SealedPerson {
                last_name: bytes(),
                first_name: bytes(),
                cnp: bytes(),
                cnp_hash: bytes(),
            })
            .collect(),
        email_hash: bytes(),
        email: bytes(),
        phone: None,
        consent_policy: "2026-11".to_owned(),
        lang: "ro".to_owned(),
        created_at: now - Duration::hours(2),
        expires_at,
        confirm_token_hash: TokenHash(bytes()),
        outbox: message(),
        refuse_cooling_off: false,
        overflow: Vec::new(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The rows of an HTML table's `<tbody>` (or `<tfoot>`): each row's cell texts.
pub fn table_rows(html: &str, table_id: &str, section: &str) -> Vec<Vec<String>> {
    let start = html
        .find(&format!("id=\"{table_id}\""))
        .unwrap_or_else(|| panic!("table {table_id}"));
    let rest = &html[start..];
    let open = format!("<{section}>");
    let Some(body_start) = rest.find(&open) else {
        return Vec::new();
    };
    let body = &rest[body_start + open.len()..];
    let body = &body[..body.find(&format!("</{section}>")).expect("section end")];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split(['<'])
                .filter_map(|piece| piece.split_once('>').map(|(_, text)| text.trim()))
                .filter(|text| !text.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .collect()
}
