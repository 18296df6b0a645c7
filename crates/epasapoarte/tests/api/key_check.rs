//! Issue 13 item 2: one key per database. The first instance records the key check value;
//! an instance started with another key refuses to start with a clear error that shows no
//! key; a database that predates the check is tried with its own sealed data first.

use epasapoarte::app::{Application, Options};
use epasapoarte::clock::SystemClock;
use epasapoarte::config::{Config, SecretKey};
use epasapoarte::mail::Mailer;

use super::support::TestApp;
use crate::on_both_backends;

on_both_backends!(
    an_instance_with_another_key_refuses_to_start,
    a_database_from_before_the_check_is_tried_with_its_own_data,
    during_a_rotation_either_key_is_accepted_and_the_hash_key_stays,
    a_rotation_begun_on_a_database_from_before_the_check_records_the_old_key,
);

const OTHER: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

/// Builds (not serves) a second instance on the app's database with `key`.
async fn second_instance(app: &TestApp, key: &str) -> anyhow::Result<Application> {
    rotating_instance(app, key, None).await
}

/// Builds (not serves) an instance with `key` and the previous key `previous`.
async fn rotating_instance(
    app: &TestApp,
    key: &str,
    previous: Option<&str>,
) -> anyhow::Result<Application> {
    let config = Config {
        database_url: app.state.service.config.database_url.clone(),
        listen: "127.0.0.1:0".into(),
        secret_key: Some(SecretKey::parse(key).expect("a valid key")),
        previous_secret_key: previous.map(|key| SecretKey::parse(key).expect("a valid key")),
        ..Config::default()
    };
    Application::build(
        config,
        Options {
            clock: std::sync::Arc::new(SystemClock),
            mailer: Some(Mailer::memory()),
            background_jobs: false,
            demo: false,
        },
    )
    .await
}

fn assert_refused(result: anyhow::Result<Application>) {
    let error = format!("{:#}", result.err().expect("another key is refused"));
    assert!(
        error.contains("EPAS_SECRET_KEY") && error.contains("refusing to start"),
        "{error}"
    );
    assert!(!error.contains(OTHER), "the key never appears: {error}");
    let ours = epasapoarte::testing::test_secret_key().to_hex();
    assert!(!error.contains(&ours), "the key never appears: {error}");
}

async fn an_instance_with_another_key_refuses_to_start(app: TestApp) {
    // The same key again (a restart, a second instance) is welcome.
    let ours = epasapoarte::testing::test_secret_key().to_hex();
    assert!(second_instance(&app, &ours).await.is_ok());

    assert_refused(second_instance(&app, OTHER).await);
    // Prefixed base64 of another key is refused the same way.
    assert_refused(
        second_instance(&app, "base64:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=").await,
    );
}

async fn a_database_from_before_the_check_is_tried_with_its_own_data(app: TestApp) {
    // Arrange: a booking (sealed names, CNP, e-mail), then the check value removed, as in
    // a database written before this release.
    let body = app.booking_body(1, 4100).await;
    assert_eq!(app.book(&body).await.status(), 201);
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(app.state.service.config.database_url.expose())
        .await
        .unwrap();
    sqlx::query("DELETE FROM key_check")
        .execute(&pool)
        .await
        .unwrap();

    // Act + assert: another key cannot open the data, so it is refused and records
    // nothing; the right key then records its check value.
    assert_refused(second_instance(&app, OTHER).await);
    let recorded: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM key_check")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(recorded, 0);
    let ours = epasapoarte::testing::test_secret_key().to_hex();
    assert!(second_instance(&app, &ours).await.is_ok());
    assert_refused(second_instance(&app, OTHER).await);
}

async fn during_a_rotation_either_key_is_accepted_and_the_hash_key_stays(app: TestApp) {
    use epasapoarte::crypto::HashPurpose;
    let ours = epasapoarte::testing::test_secret_key().to_hex();
    let body = app.booking_body(1, 4200).await;
    assert_eq!(app.book(&body).await.status(), 201);
    let third = "33".repeat(32);

    // The new key with ours as the previous one: accepted (the check is still ours), and
    // it hashes as the database always has — the hash key is the database's.
    let rotating = rotating_instance(&app, OTHER, Some(&ours))
        .await
        .expect("the new key with the previous one is accepted");
    let crypto = &rotating.state.service.crypto;
    assert_eq!(
        crypto.keyed_hash(HashPurpose::Cnp, b"1800101221144"),
        app.state
            .service
            .crypto
            .keyed_hash(HashPurpose::Cnp, b"1800101221144"),
    );
    // Ours with another previous key is accepted too; ours alone still is (no rotation
    // has run); two keys that are not the database's are refused.
    assert!(rotating_instance(&app, &ours, Some(&third)).await.is_ok());
    assert!(second_instance(&app, &ours).await.is_ok());
    let error = format!(
        "{:#}",
        rotating_instance(&app, OTHER, Some(&third))
            .await
            .err()
            .expect("neither key is the database's")
    );
    assert!(error.contains("refusing to start"), "{error}");
    for key in [OTHER, &ours, &third] {
        assert!(!error.contains(key), "the key never appears: {error}");
    }
    // The new key alone, before rotate-key, is still another key.
    assert_refused(second_instance(&app, OTHER).await);
}

async fn a_rotation_begun_on_a_database_from_before_the_check_records_the_old_key(app: TestApp) {
    // Arrange: sealed data under our key, no check value and no key ring yet (a database
    // written before either existed).
    let body = app.booking_body(1, 4300).await;
    assert_eq!(app.book(&body).await.status(), 201);
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(app.state.service.config.database_url.expose())
        .await
        .unwrap();
    for table in ["key_check", "key_ring"] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&pool)
            .await
            .unwrap();
    }
    let ours = epasapoarte::testing::test_secret_key().to_hex();

    // Act: the first start is already one with the new key and ours as the previous.
    let rotating = rotating_instance(&app, OTHER, Some(&ours)).await;

    // Assert: accepted, and the database stays ours until rotate-key has run: ours alone
    // is still welcome, the new key alone is not, and the hashes are ours.
    let rotating = rotating.expect("the new key with the previous one is accepted");
    assert_eq!(
        rotating
            .state
            .service
            .crypto
            .keyed_hash(epasapoarte::crypto::HashPurpose::Email, b"a@example.ro"),
        app.state
            .service
            .crypto
            .keyed_hash(epasapoarte::crypto::HashPurpose::Email, b"a@example.ro"),
    );
    assert!(
        second_instance(&app, &ours).await.is_ok(),
        "ours alone opens the key ring the rotating instance wrote"
    );
    assert_refused(second_instance(&app, OTHER).await);
}
