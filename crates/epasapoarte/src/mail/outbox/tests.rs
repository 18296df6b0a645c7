use chrono::TimeZone;

use super::retry::{MAX_DELAY_SECS, jittered};
use super::*;

#[test]
fn backoff_doubles_from_thirty_seconds_to_an_hour() {
    let secs: Vec<i64> = (1..=9).map(|a| base_delay(a).num_seconds()).collect();
    assert_eq!(secs, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    assert_eq!(base_delay(0).num_seconds(), 30);
    assert_eq!(base_delay(u32::MAX).num_seconds(), MAX_DELAY_SECS);
}

#[test]
fn jitter_stays_within_ten_percent() {
    assert_eq!(
        jittered(chrono::Duration::seconds(100), 0.5).num_seconds(),
        110
    );
    assert_eq!(
        jittered(chrono::Duration::seconds(100), -0.5).num_seconds(),
        90
    );
    for attempts in [1, 5, 40] {
        let base = base_delay(attempts).num_milliseconds() as f64;
        let delay = retry_delay(attempts).num_milliseconds() as f64;
        assert!(
            (delay - base).abs() <= base * 0.1 + 1.0,
            "{delay} vs {base}"
        );
    }
}

#[test]
fn message_id_is_stable_and_names_the_sender_domain() {
    let created = Utc
        .timestamp_millis_opt(1_764_743_400_123)
        .single()
        .unwrap_or_default();
    let id = message_id(42, created, "epasapoarte.ro");
    assert_eq!(id, "<outbox-42.1764743400123@epasapoarte.ro>");
    assert_eq!(id, message_id(42, created, "epasapoarte.ro"));
}

#[test]
fn sender_domain_comes_from_the_from_address() {
    let settings = |from: &str| MailSettings {
        from: from.into(),
        base_url: "http://x".into(),
        confirm_timeout: chrono::Duration::minutes(30),
    };
    assert_eq!(
        settings("programari@epasapoarte.ro").domain(),
        "epasapoarte.ro"
    );
    assert_eq!(settings("Programări <p@mai.gov.ro>").domain(), "mai.gov.ro");
    assert_eq!(settings("nobody").domain(), "localhost");
}
