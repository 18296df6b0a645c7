//! The file transport (the embedded default and the demo mailbox) and the choice of
//! transport from the configuration.

#[path = "support/mail_fixtures.rs"]
mod fixtures;

use epasapoarte::config::Config;
use epasapoarte::i18n::Lang;
use epasapoarte::mail::{Envelope, Mailer, SendError, list_mail_dir, render};
use fixtures::*;
use mail_parser::{MessageParser, MimeHeaders};

fn envelope(outbox_id: i64, minute: u32) -> Envelope {
    let created_at = utc(2026, 11, 20, 8, minute);
    Envelope {
        from: "programari@epasapoarte.example".into(),
        to: "ana.popescu@example.ro".into(),
        message_id: format!(
            "<outbox-{outbox_id}.{}@epasapoarte.example>",
            created_at.timestamp_millis()
        ),
        outbox_id,
        created_at,
    }
}

#[tokio::test]
async fn the_file_transport_writes_a_parseable_eml_with_both_parts_and_the_calendar() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mail_dir = dir.path().join("data").join("mail");
    let mailer = Mailer::File {
        dir: mail_dir.clone(),
    };
    let rendered = render(&confirmed(Lang::Ro, appointment()), BASE_URL);
    let envelope = envelope(42, 0);

    mailer.send(&envelope, &rendered).await.expect("written");

    let name = format!("{}-42.eml", envelope.created_at.timestamp_millis());
    let bytes = std::fs::read(mail_dir.join(&name)).expect("the .eml file exists");
    // Names and addresses inside: the owner's only (issue 13).
    {
        use std::os::unix::fs::PermissionsExt;
        let mode =
            |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&mail_dir.join(&name)), 0o600);
        assert_eq!(mode(&mail_dir), 0o700);
    }
    let message = MessageParser::default()
        .parse(&bytes)
        .expect("a parseable message");
    assert_eq!(message.subject(), Some(rendered.subject.as_str()));
    assert_eq!(
        message.message_id(),
        Some(envelope.message_id.trim_matches(['<', '>']))
    );
    // MIME text travels with CRLF line endings.
    let unix = |text: &str| text.replace("\r\n", "\n");
    assert_eq!(
        message.body_text(0).map(|t| unix(&t)),
        Some(rendered.text.clone())
    );
    assert_eq!(
        message.body_html(0).map(|h| unix(&h)),
        Some(rendered.html.clone())
    );
    let attachment = message
        .attachments()
        .next()
        .expect("the calendar attachment");
    assert_eq!(attachment.attachment_name(), Some("programare.ics"));
    assert_eq!(
        attachment
            .content_type()
            .and_then(|c| c.attribute("method")),
        Some("PUBLISH")
    );
    assert_eq!(
        Some(String::from_utf8_lossy(attachment.contents()).as_ref()),
        rendered.ics.as_deref()
    );
}

#[tokio::test]
async fn sending_the_same_message_again_overwrites_its_file_and_leaves_no_temporaries() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mailer = Mailer::File {
        dir: dir.path().to_path_buf(),
    };
    let rendered = render(&cancelled(Lang::En, "citizen"), BASE_URL);

    mailer
        .send(&envelope(7, 0), &rendered)
        .await
        .expect("written");
    mailer
        .send(&envelope(7, 0), &rendered)
        .await
        .expect("written again");

    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("listable")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].ends_with("-7.eml"));
}

#[tokio::test]
async fn the_mail_directory_lists_newest_first() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mailer = Mailer::File {
        dir: dir.path().to_path_buf(),
    };
    let rendered = render(&lookup(Lang::Ro, Vec::new()), BASE_URL);
    for (id, minute) in [(1, 5), (3, 9), (2, 9), (10, 1)] {
        mailer
            .send(&envelope(id, minute), &rendered)
            .await
            .expect("written");
    }
    std::fs::write(dir.path().join("notes.txt"), "not a message").expect("a stray file");

    let listed: Vec<String> = list_mail_dir(dir.path())
        .iter()
        .filter_map(|path| path.file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .collect();

    let millis = |minute| utc(2026, 11, 20, 8, minute).timestamp_millis();
    let expected =
        [(9, 3), (9, 2), (5, 1), (1, 10)].map(|(m, id)| format!("{}-{id}.eml", millis(m)));
    assert_eq!(listed, expected);
    assert!(list_mail_dir(&dir.path().join("missing")).is_empty());
}

#[tokio::test]
async fn a_malformed_recipient_is_refused_without_echoing_it() {
    let mailer = Mailer::memory();
    let file = Mailer::File {
        dir: std::env::temp_dir(),
    };
    let mut bad = envelope(1, 0);
    bad.to = "not an address <<".into();
    let rendered = render(&lookup(Lang::Ro, Vec::new()), BASE_URL);

    let error = file.send(&bad, &rendered).await.expect_err("refused");

    assert_eq!(error, SendError::Address("recipient"));
    assert!(!error.to_string().contains("not an address"));
    // The memory transport keeps whatever it is given: it is for tests only.
    assert!(mailer.send(&bad, &rendered).await.is_ok());
}

// A Tokio test: the SMTP transport's connection pool starts its cleaner task when built.
#[tokio::test]
async fn the_configuration_picks_files_by_default_and_smtp_when_a_url_is_set() {
    let mut config = Config::default();
    let mailer = Mailer::from_config(&config).expect("a file mailer");
    assert_eq!(mailer.name(), "file");
    assert_eq!(mailer.mail_dir(), Some(config.mail_dir.as_path()));

    config.smtp_url = Some("smtp://127.0.0.1:2525".into());
    let mailer = Mailer::from_config(&config).expect("an SMTP mailer");
    assert_eq!((mailer.name(), mailer.mail_dir()), ("smtp", None));

    config.smtp_url = Some("ftp://127.0.0.1".into());
    assert!(Mailer::from_config(&config).is_err());
}
