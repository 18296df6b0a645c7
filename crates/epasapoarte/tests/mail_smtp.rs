//! End to end over a real SMTP conversation: outbox rows in a real SQLite store, the
//! delivery worker, lettre's SMTP client, and an in-test SMTP server on 127.0.0.1.

#[path = "support/mail_fixtures.rs"]
mod fixtures;
#[path = "support/outbox_setup.rs"]
mod outbox_setup;
use epasapoarte::testing::smtp_sink;

use chrono::Duration;
use epasapoarte::i18n::Lang;
use epasapoarte::mail::{DeliveryReport, Mailer, deliver_due};
use fixtures::*;
use mail_parser::{MessageParser, MimeHeaders};
use outbox_setup::Outbox;
use smtp_sink::SmtpSink;

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
async fn a_queued_confirm_request_reaches_the_smtp_server_once() {
    let (outbox, sink) = (Outbox::new(BASE_URL).await, SmtpSink::start().await);
    let mailer = Mailer::smtp(&sink.url()).expect("an SMTP mailer");
    let now = utc(2026, 11, 20, 7, 30);
    outbox
        .enqueue(&confirm_request(Lang::Ro, appointment()), now)
        .await;

    let report = round(&outbox, &mailer, now).await;

    assert_eq!((report.claimed, report.sent, report.failed), (1, 1, 0));
    let received = sink.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].rcpt_to, ["<ana.popescu@example.ro>"]);
    assert!(
        received[0]
            .mail_from
            .contains("programari@epasapoarte.example")
    );
    let row = &outbox.rows().await[0];
    let message = MessageParser::default()
        .parse(&received[0].data)
        .expect("a parseable message");
    assert_eq!(
        message.subject(),
        Some("Confirmați programarea pentru pașaport")
    );
    let expected_id = format!("outbox-{}.{}@epasapoarte.example", row.id, row.created_at);
    assert_eq!(message.message_id(), Some(expected_id.as_str()));
    let to = message
        .to()
        .and_then(|to| to.first())
        .and_then(|a| a.address());
    assert_eq!(to, Some("ana.popescu@example.ro"));
    let content_type = message.content_type().expect("a content type");
    assert_eq!(
        (content_type.ctype(), content_type.subtype()),
        ("multipart", Some("alternative"))
    );
    let text = message.body_text(0).expect("a text part");
    assert!(text.contains(CONFIRM_URL), "{text}");
    assert!(text.contains("Persoane programate: Popescu Ana, Popescu Ionuț"));
    let html = message.body_html(0).expect("an HTML part");
    assert!(html.contains(&format!("href=\"{CONFIRM_URL}\"")));
    assert_eq!(
        message.header_raw("Auto-Submitted").map(str::trim),
        Some("auto-generated")
    );

    assert!(row.sent_at.is_some(), "marked sent");
    let again = round(&outbox, &mailer, now + Duration::minutes(5)).await;
    assert_eq!(again, DeliveryReport::default(), "nothing left to send");
    assert_eq!(sink.received().len(), 1);
}

#[tokio::test]
async fn the_confirmation_travels_with_its_calendar_attachment() {
    let (outbox, sink) = (Outbox::new(BASE_URL).await, SmtpSink::start().await);
    let mailer = Mailer::smtp(&sink.url()).expect("an SMTP mailer");
    let now = utc(2026, 11, 20, 7, 40);
    outbox
        .enqueue(&confirmed(Lang::En, appointment()), now)
        .await;

    assert_eq!(round(&outbox, &mailer, now).await.sent, 1);

    let received = sink.received();
    let message = MessageParser::default()
        .parse(&received[0].data)
        .expect("parseable");
    let content_type = message.content_type().expect("a content type");
    assert_eq!(
        (content_type.ctype(), content_type.subtype()),
        ("multipart", Some("mixed"))
    );
    assert!(message.body_text(0).is_some_and(|t| t.contains(CANCEL_URL)));
    let attachment = message.attachments().next().expect("an attachment");
    assert_eq!(attachment.attachment_name(), Some("programare.ics"));
    let calendar_type = attachment.content_type().expect("its content type");
    assert_eq!(
        (calendar_type.ctype(), calendar_type.subtype()),
        ("text", Some("calendar"))
    );
    assert_eq!(calendar_type.attribute("method"), Some("PUBLISH"));
    let ics = String::from_utf8_lossy(attachment.contents());
    assert!(ics.contains("DTSTART:20261203T073000Z"));
    // The worker stamps the calendar with the time the message was queued.
    assert!(ics.contains("DTSTAMP:20261120T074000Z"));
}

#[tokio::test]
async fn a_refusing_server_gets_the_message_again_after_the_backoff() {
    let (outbox, sink) = (Outbox::new(BASE_URL).await, SmtpSink::start().await);
    let mailer = Mailer::smtp(&sink.url()).expect("an SMTP mailer");
    let now = utc(2026, 11, 20, 8, 0);
    outbox.enqueue(&cancelled(Lang::Ro, "citizen"), now).await;
    sink.refuse_messages(true);

    let report = round(&outbox, &mailer, now).await;

    assert_eq!((report.sent, report.failed), (0, 1));
    let row = &outbox.rows().await[0];
    assert_eq!(row.attempts, 1);
    assert_eq!(row.sent_at, None);
    assert_eq!(row.last_error.as_deref(), Some("smtp transient 451"));
    let delay_ms = row.next_attempt_at - now.timestamp_millis();
    assert!(
        (27_000..=33_000).contains(&delay_ms),
        "30 s ± 10 %, got {delay_ms} ms"
    );

    // Not due yet: nothing is claimed, nothing is sent.
    assert_eq!(
        round(&outbox, &mailer, now + Duration::seconds(20))
            .await
            .claimed,
        0
    );

    sink.refuse_messages(false);
    let later = round(&outbox, &mailer, now + Duration::seconds(40)).await;

    assert_eq!(later.sent, 1);
    let row = &outbox.rows().await[0];
    assert_eq!(row.attempts, 2);
    assert!(row.sent_at.is_some());
    let received = sink.received();
    assert_eq!(received.len(), 1);
    let message = MessageParser::default()
        .parse(&received[0].data)
        .expect("parseable");
    let expected_id = format!("outbox-{}.{}@epasapoarte.example", row.id, row.created_at);
    assert_eq!(
        message.message_id(),
        Some(expected_id.as_str()),
        "same id on the retry"
    );
}

#[tokio::test]
async fn a_server_that_is_down_is_recorded_without_personal_data() {
    let outbox = Outbox::new(BASE_URL).await;
    // A port that was free a moment ago: nothing listens there.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.local_addr().expect("its address").port()
    };
    let mailer = Mailer::smtp(&format!("smtp://127.0.0.1:{port}")).expect("an SMTP mailer");
    let now = utc(2026, 11, 20, 8, 0);
    outbox
        .enqueue(
            &lookup(Lang::Ro, vec![(appointment(), CANCEL_URL.into())]),
            now,
        )
        .await;

    let report = round(&outbox, &mailer, now).await;

    assert_eq!(report.failed, 1);
    let row = &outbox.rows().await[0];
    let error = row.last_error.clone().unwrap_or_default();
    assert!(error.starts_with("smtp "), "{error}");
    assert!(
        !error.contains('@') && !error.contains("Popescu"),
        "{error}"
    );
    assert!(row.next_attempt_at > now.timestamp_millis());
}

#[tokio::test]
async fn smtp_urls_other_than_smtp_and_smtps_are_refused() {
    assert!(Mailer::smtp("smtp://127.0.0.1:2525").is_ok());
    assert!(Mailer::smtp("smtps://user:p%40ss@mail.example.ro:465").is_ok());
    assert!(Mailer::smtp("http://mail.example.ro").is_err());
    assert!(Mailer::smtp("mail.example.ro:25").is_err());
}

// A Tokio test: the SMTP transport's connection pool starts its cleaner task when built.
#[tokio::test]
async fn a_mailer_never_prints_its_credentials() {
    let mailer = Mailer::smtp("smtps://user:secret-password@mail.example.ro:465").expect("valid");
    assert!(!format!("{mailer:?}").contains("secret-password"));
}

/// Issue 13 item 1: a relay that accepts the connection and never answers no longer holds
/// the mail (and shutdown) forever: past the deadline of the whole exchange the message is
/// recorded as failed ("timeout") and retried later.
#[tokio::test]
async fn a_relay_that_never_answers_fails_the_send_at_the_deadline() {
    let outbox = Outbox::new(BASE_URL).await;
    let hung = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let port = hung.local_addr().expect("its address").port();
    // Accepts, keeps the sockets open, never writes a byte (not even the greeting).
    let keeper = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = hung.accept().await {
            held.push(socket);
        }
    });
    let deadline = std::time::Duration::from_millis(800);
    let mailer =
        Mailer::smtp_within(&format!("smtp://127.0.0.1:{port}"), deadline).expect("an SMTP mailer");
    let now = utc(2026, 11, 20, 8, 0);
    outbox
        .enqueue(
            &lookup(Lang::Ro, vec![(appointment(), CANCEL_URL.into())]),
            now,
        )
        .await;

    let started = std::time::Instant::now();
    let report = round(&outbox, &mailer, now).await;
    let took = started.elapsed();

    assert_eq!(report.failed, 1);
    assert!(took < std::time::Duration::from_secs(10), "{took:?}");
    let row = &outbox.rows().await[0];
    assert_eq!(row.last_error.as_deref(), Some("smtp timeout"));
    assert!(row.next_attempt_at > now.timestamp_millis());
    keeper.abort();
}
