//! Who must reconfirm, when the request goes out, its deadline, and lapsing.

use chrono::{DateTime, TimeDelta, Utc};

use crate::fair::reconfirm::{ReconfirmPolicy, ReconfirmPolicyError, has_lapsed};
use crate::fair::testing::utc;

fn starts_at() -> DateTime<Utc> {
    utc(2027, 3, 10, 8, 0)
}

#[test]
fn the_defaults_are_seven_days_and_a_forty_eight_hour_window() {
    assert_eq!(
        ReconfirmPolicy::from_secs(604_800, 172_800),
        Ok(ReconfirmPolicy::default())
    );
}

#[test]
fn only_bookings_confirmed_more_than_seven_days_ahead_are_asked() {
    let policy = ReconfirmPolicy::default();
    let week = TimeDelta::days(7);
    assert!(policy.needs_reconfirmation(starts_at() - week - TimeDelta::seconds(1), starts_at()));
    assert!(!policy.needs_reconfirmation(starts_at() - week, starts_at()));
    assert!(!policy.needs_reconfirmation(starts_at() - TimeDelta::days(1), starts_at()));
}

#[test]
fn a_zero_before_turns_reconfirmation_off() {
    let off = ReconfirmPolicy::from_secs(0, 0).unwrap_or_default();
    assert!(!off.is_on());
    assert!(!off.needs_reconfirmation(starts_at() - TimeDelta::days(80), starts_at()));
    assert!(!off.request_due(starts_at(), starts_at()));
}

#[test]
fn a_zero_window_is_refused_while_reconfirmation_is_on() {
    assert_eq!(
        ReconfirmPolicy::from_secs(604_800, 0),
        Err(ReconfirmPolicyError)
    );
}

#[test]
fn the_request_goes_out_seven_days_before_and_is_answered_within_48_hours() {
    let policy = ReconfirmPolicy::default();
    let sent = policy.request_at(starts_at());
    assert_eq!(sent, utc(2027, 3, 3, 8, 0));
    assert!(!policy.request_due(starts_at(), sent - TimeDelta::seconds(1)));
    assert!(policy.request_due(starts_at(), sent));
    assert_eq!(policy.deadline(sent, starts_at()), utc(2027, 3, 5, 8, 0));
}

#[test]
fn the_deadline_never_falls_after_the_appointment() {
    let policy = ReconfirmPolicy::default();
    let late_send = starts_at() - TimeDelta::hours(10);
    assert_eq!(policy.deadline(late_send, starts_at()), starts_at());
}

#[test]
fn a_request_lapses_at_its_deadline_unless_reconfirmed() {
    let by = utc(2027, 3, 5, 8, 0);
    assert!(!has_lapsed(by, None, by - TimeDelta::seconds(1)));
    assert!(has_lapsed(by, None, by));
    assert!(!has_lapsed(
        by,
        Some(by - TimeDelta::hours(1)),
        by + TimeDelta::days(1)
    ));
}
