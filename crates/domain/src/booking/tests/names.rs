//! The statuses' and events' stable names and catalogue keys.

use crate::booking::{BookingEvent, BookingStatus};
use crate::catalogue_keys::assert_catalogue_keys;

#[test]
fn statuses_and_events_round_trip_through_their_names() {
    let names: Vec<_> = BookingStatus::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(
        names,
        [
            "pending",
            "confirmed",
            "checked_in",
            "completed",
            "no_show",
            "expired",
            "cancelled"
        ]
    );
    for s in BookingStatus::ALL {
        assert_eq!(s.as_str().parse::<BookingStatus>(), Ok(s));
    }
    assert_catalogue_keys("booking_status", BookingStatus::ALL.map(BookingStatus::key));
    let names: Vec<_> = BookingEvent::ALL.iter().map(|e| e.as_str()).collect();
    assert_eq!(
        names,
        [
            "confirm",
            "expire",
            "cancel",
            "check_in",
            "mark_no_show",
            "complete"
        ]
    );
    for e in BookingEvent::ALL {
        assert_eq!(e.as_str().parse::<BookingEvent>(), Ok(e));
    }
    assert!("Pending".parse::<BookingStatus>().is_err());
    assert!("checkin".parse::<BookingEvent>().is_err());
}
