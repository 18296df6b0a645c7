//! Synthetic citizens: a stream of distinct valid CNPs (one active booking per CNP is the
//! rule, so every booking needs fresh ones) and the JSON bodies the API takes, built by
//! hand because they are simple and it keeps the generator cheap.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{Days, NaiveDate, NaiveTime};
use epasapoarte_domain::cnp::check_digit;

/// Serials 001–999 per (birth date, county).
const SERIALS: u64 = 999;
/// County codes 01–40 (all real counties, assigned since 1981).
const COUNTIES: u64 = 40;
/// Birth dates from 1950-01-01 on, about 49 years' worth: everyone is an adult.
const BIRTH_DAYS: u64 = 18_000;

/// Hands out distinct CNPs, thread-safely: n ↦ (sex, birth date, county, serial).
#[derive(Debug, Default)]
pub struct CnpSource {
    next: AtomicU64,
}

impl CnpSource {
    pub fn next(&self) -> String {
        cnp(self.next.fetch_add(1, Ordering::Relaxed))
    }
}

/// The `n`-th CNP of the stream; distinct for every `n` below 1.4 billion.
#[must_use]
pub fn cnp(n: u64) -> String {
    let serial = 1 + n % SERIALS;
    let county = 1 + (n / SERIALS) % COUNTIES;
    let day = (n / (SERIALS * COUNTIES)) % BIRTH_DAYS;
    // Men and women born in the 1900s: sex digits 1 and 2.
    let sex = 1 + (n / (SERIALS * COUNTIES * BIRTH_DAYS)) % 2;
    let born = NaiveDate::from_ymd_opt(1950, 1, 1)
        .and_then(|start| start.checked_add_days(Days::new(day)))
        .unwrap_or_default();
    let first12 = format!("{sex}{}{county:02}{serial:03}", born.format("%y%m%d"));
    let mut digits = [0u8; 12];
    for (slot, byte) in digits.iter_mut().zip(first12.bytes()) {
        *slot = byte - b'0';
    }
    format!("{first12}{}", check_digit(&digits))
}

/// One bookable place: a seat in an office's slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seat {
    pub office_id: i64,
    pub date: NaiveDate,
    pub time: NaiveTime,
}

/// `POST /api/v1/bookings` for `persons` people (fresh CNPs) in `seat`'s slot.
#[must_use]
pub fn booking_body(seat: &Seat, persons: usize, cnps: &CnpSource) -> String {
    let applicant_cnp = cnps.next();
    let companions: Vec<String> = (1..persons).map(|_| cnps.next()).collect();
    booking_body_for(seat, &applicant_cnp, &companions)
}

/// `POST /api/v1/bookings` for the applicant `applicant_cnp` and `companions` (CNPs).
#[must_use]
pub fn booking_body_for(seat: &Seat, applicant_cnp: &str, companions: &[String]) -> String {
    // The address varies with the CNP so each booking has its own e-mail, as in life.
    let companions: Vec<String> = companions
        .iter()
        .enumerate()
        .map(|(i, cnp)| {
            format!(
                r#"{{"last_name":"Popescu","first_name":"Copil{}","cnp":"{cnp}"}}"#,
                letter(i + 1)
            )
        })
        .collect();
    format!(
        r#"{{"office_id":{},"service":"passport_electronic","date":"{}","time":"{}","applicant":{{"last_name":"Popescu","first_name":"Ion","cnp":"{applicant_cnp}","email":"bench.{applicant_cnp}@example.com"}},"companions":[{}],"consent":true,"lang":"ro"}}"#,
        seat.office_id,
        seat.date.format("%Y-%m-%d"),
        seat.time.format("%H:%M"),
        companions.join(",")
    )
}

/// Names accept letters only: companion 1 is "CopilA", 2 "CopilB", …
fn letter(i: usize) -> char {
    char::from(b'A' + u8::try_from(i % 26).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use epasapoarte_domain::cnp::Cnp;

    #[test]
    fn the_stream_gives_valid_distinct_cnps_across_every_field_rollover() {
        // Arrange: indices around each rollover (serial, county, birth date, sex).
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let edges = [
            0,
            SERIALS,
            SERIALS * COUNTIES,
            SERIALS * COUNTIES * BIRTH_DAYS,
        ];
        let indices: Vec<u64> = edges
            .iter()
            .flat_map(|&edge| edge.saturating_sub(3)..edge + 3)
            .chain(0..5_000)
            .collect();

        // Act
        let mut seen = std::collections::HashSet::new();
        for n in indices {
            let text = cnp(n);

            // Assert
            assert!(
                Cnp::parse(&text, today).is_ok(),
                "cnp({n}) = {text} is invalid"
            );
            seen.insert((n, text));
        }
        let distinct: std::collections::HashSet<_> = seen.iter().map(|(_, t)| t).collect();
        assert_eq!(distinct.len(), seen.len());
    }

    #[test]
    fn a_booking_body_for_three_names_two_companions() {
        // Arrange
        let seat = Seat {
            office_id: 7,
            date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            time: NaiveTime::from_hms_opt(8, 30, 0).unwrap(),
        };

        // Act
        let body = booking_body(&seat, 3, &CnpSource::default());

        // Assert
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["companions"].as_array().unwrap().len(), 2);
        assert_eq!(json["time"], "08:30");
        assert_eq!(json["office_id"], 7);
    }
}
