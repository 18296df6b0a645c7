//! The delivery worker on a real SQLite store with the memory transport: batches,
//! unreadable payloads, and growing backoff (the
//! background loop is `jobs::spawn_delivery`, run by the instance tests).

#[path = "support/mail_fixtures.rs"]
mod fixtures;
#[path = "support/outbox_setup.rs"]
mod outbox_setup;

use chrono::Duration;
use epasapoarte::i18n::Lang;
use epasapoarte::mail::{DeliveryReport, Mailer, deliver_due};
use fixtures::*;
use outbox_setup::Outbox;

async fn round(
    outbox: &Outbox,
    mailer: &Mailer,
    now: chrono::DateTime<chrono::Utc>,
) -> DeliveryReport {
    deliver_due(
        outbox.store.as_ref(),
        &outbox.crypto,
        mailer,
        &outbox.settings,
        now,
    )
    .await
    .expect("a delivery round")
}

#[tokio::test]
async fn the_memory_transport_keeps_the_rendered_parts_and_the_stable_message_id() {
    let outbox = Outbox::new(BASE_URL).await;
    let mailer = Mailer::memory();
    let now = utc(2026, 11, 20, 7, 40);
    outbox
        .enqueue(&confirmed(Lang::Ro, appointment()), now)
        .await;

    assert_eq!(round(&outbox, &mailer, now).await.sent, 1);

    let sent = mailer.sent();
    let row = &outbox.rows().await[0];
    assert_eq!(sent[0].to, "ana.popescu@example.ro");
    assert_eq!(
        sent[0].subject,
        "Programarea pentru pașaport a fost confirmată"
    );
    assert_eq!(
        sent[0].message_id,
        format!("<outbox-{}.{}@epasapoarte.example>", row.id, row.created_at)
    );
    assert!(sent[0].text.contains(CANCEL_URL));
    assert!(
        sent[0]
            .ics
            .as_deref()
            .is_some_and(|ics| ics.contains("BEGIN:VEVENT"))
    );
}

#[tokio::test]
async fn an_unreadable_payload_is_kept_and_retried_at_the_cap_while_others_go_out() {
    let outbox = Outbox::new(BASE_URL).await;
    let mailer = Mailer::memory();
    let now = utc(2026, 11, 20, 8, 0);
    outbox.enqueue_garbage(now).await;
    outbox.enqueue(&cancelled(Lang::Ro, "citizen"), now).await;

    let report = round(&outbox, &mailer, now).await;

    assert_eq!((report.sent, report.failed), (1, 1));
    assert_eq!(mailer.sent().len(), 1);
    let rows = outbox.rows().await;
    assert_eq!(rows[0].last_error.as_deref(), Some("unreadable payload"));
    assert_eq!(rows[0].sent_at, None);
    let delay_ms = rows[0].next_attempt_at - now.timestamp_millis();
    assert!(
        (3_240_000..=3_960_000).contains(&delay_ms),
        "1 h ± 10 %, got {delay_ms} ms"
    );
}

#[tokio::test]
async fn a_full_batch_says_so_and_the_rest_follows_in_the_next_round() {
    let outbox = Outbox::new(BASE_URL).await;
    let mailer = Mailer::memory();
    let now = utc(2026, 11, 20, 8, 0);
    let batch = u64::from(epasapoarte::mail::outbox::BATCH_SIZE);
    for _ in 0..=batch {
        outbox.enqueue(&lookup(Lang::En, Vec::new()), now).await;
    }

    let first = round(&outbox, &mailer, now).await;
    let second = round(&outbox, &mailer, now).await;

    assert_eq!((first.sent, first.batch_was_full), (batch, true));
    assert_eq!((second.sent, second.batch_was_full), (1, false));
    let ids: std::collections::HashSet<String> =
        mailer.sent().iter().map(|m| m.message_id.clone()).collect();
    assert_eq!(ids.len() as u64, batch + 1, "every message has its own id");
}

#[tokio::test]
async fn the_wait_between_attempts_doubles() {
    let outbox = Outbox::new(BASE_URL).await;
    // A "directory" that is a file: every write fails.
    let blocker = tempfile::NamedTempFile::new().expect("a file");
    let mailer = Mailer::File {
        dir: blocker.path().join("mail"),
    };
    let start = utc(2026, 11, 20, 8, 0);
    outbox.enqueue(&lookup(Lang::Ro, Vec::new()), start).await;

    let mut now = start;
    let mut waits = Vec::new();
    for _ in 0..3 {
        assert_eq!(round(&outbox, &mailer, now).await.failed, 1);
        let row = &outbox.rows().await[0];
        waits.push((row.next_attempt_at - now.timestamp_millis()) as f64 / 1000.0);
        now = chrono::DateTime::from_timestamp_millis(row.next_attempt_at).unwrap_or(now)
            + Duration::seconds(1);
    }

    for (wait, base) in waits.iter().zip([30.0, 60.0, 120.0]) {
        assert!((wait - base).abs() <= base * 0.1 + 0.01, "{waits:?}");
    }
    let row = &outbox.rows().await[0];
    assert_eq!(row.attempts, 3);
    assert!(
        row.last_error
            .as_deref()
            .is_some_and(|e| e.starts_with("mail file: ")),
        "{row:?}"
    );
}
