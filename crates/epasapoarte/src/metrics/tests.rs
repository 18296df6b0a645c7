use super::Metrics;
use crate::store::OutboxDepth;

/// The value of the sample line that starts with `prefix` (name and labels).
fn sample(text: &str, prefix: &str) -> Option<f64> {
    text.lines()
        .find(|line| line.starts_with(prefix))
        .and_then(|line| line.rsplit_once(' '))
        .and_then(|(_, value)| value.parse().ok())
}

#[test]
fn requests_are_counted_by_status_and_timed_by_outcome_per_route() {
    let metrics = Metrics::default();
    metrics.request("/api/v1/bookings", "POST", 201, 0.003);
    metrics.request("/api/v1/bookings", "POST", 409, 0.002);
    metrics.request("/api/v1/bookings", "POST", 201, 0.020);
    let text = metrics.render(Some(OutboxDepth::default()), 0);
    assert_eq!(
        sample(
            &text,
            "epas_http_requests_total{route=\"/api/v1/bookings\",method=\"POST\",status=\"201\"}"
        ),
        Some(2.0)
    );
    let ok = "epas_http_request_duration_seconds_count{route=\"/api/v1/bookings\",method=\"POST\",outcome=\"2xx\"}";
    assert_eq!(sample(&text, ok), Some(2.0), "{text}");
    let sum = "epas_http_request_duration_seconds_sum{route=\"/api/v1/bookings\",method=\"POST\",outcome=\"2xx\"}";
    assert!((sample(&text, sum).unwrap() - 0.023).abs() < 1e-9);
    // 3 ms falls in the 4 ms bucket (0.5 ms doubling), 20 ms does not.
    let le4ms = "epas_http_request_duration_seconds_bucket{le=\"0.004\",route=\"/api/v1/bookings\",method=\"POST\",outcome=\"2xx\"}";
    assert_eq!(sample(&text, le4ms), Some(1.0), "{text}");
    let conflicts = "epas_http_request_duration_seconds_count{route=\"/api/v1/bookings\",method=\"POST\",outcome=\"4xx\"}";
    assert_eq!(sample(&text, conflicts), Some(1.0));
}

#[test]
fn booking_outcomes_expiry_lag_mail_and_the_outbox_are_exposed() {
    let metrics = Metrics::default();
    metrics.booking_outcome("created");
    metrics.booking_outcome("slot_full");
    metrics.booking_outcome("created");
    metrics.expiry_ran(3, 10_000);
    metrics.mail(5, 1);
    metrics.rate_limited();
    let queued = chrono::DateTime::from_timestamp_millis(2_000).unwrap();
    let outbox = OutboxDepth {
        waiting: 7,
        oldest_queued_at: Some(queued),
        failing: 3,
        undeliverable: 1,
    };
    let text = metrics.render(Some(outbox), 12_500);
    assert_eq!(
        sample(&text, "epas_bookings_total{outcome=\"created\"}"),
        Some(2.0)
    );
    assert_eq!(
        sample(&text, "epas_bookings_total{outcome=\"slot_full\"}"),
        Some(1.0)
    );
    assert_eq!(sample(&text, "epas_bookings_expired_total "), Some(3.0));
    assert_eq!(sample(&text, "epas_expiry_lag_milliseconds "), Some(2500.0));
    assert_eq!(sample(&text, "epas_mail_sent_total "), Some(5.0));
    assert_eq!(sample(&text, "epas_mail_failed_total "), Some(1.0));
    assert_eq!(sample(&text, "epas_rate_limited_total "), Some(1.0));
    assert_eq!(sample(&text, "epas_outbox_depth "), Some(7.0));
    assert_eq!(sample(&text, "epas_outbox_oldest_age_seconds "), Some(10.0));
    assert_eq!(sample(&text, "epas_outbox_failing "), Some(3.0));
    assert_eq!(sample(&text, "epas_outbox_undeliverable "), Some(1.0));
    assert_eq!(sample(&text, "epas_mail_relay_up "), Some(1.0));
    metrics.relay_up(false);
    let text = metrics.render(None, 12_500);
    assert_eq!(sample(&text, "epas_mail_relay_up "), Some(0.0));
    assert!(
        text.ends_with("# EOF\n"),
        "OpenMetrics text ends with # EOF"
    );
}

#[test]
fn an_unanswered_outbox_read_keeps_the_last_depth() {
    let metrics = Metrics::default();
    let four = OutboxDepth {
        waiting: 4,
        ..OutboxDepth::default()
    };
    metrics.render(Some(four), 0);
    let text = metrics.render(None, 0);
    assert_eq!(sample(&text, "epas_outbox_depth "), Some(4.0));
    assert_eq!(
        sample(&text, "epas_expiry_lag_milliseconds "),
        Some(0.0),
        "never ran: no lag"
    );
}
