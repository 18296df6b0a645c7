//! A real SQLite store in a temporary directory, with helpers to queue sealed e-mails
//! and to read an outbox row's delivery state straight from the database.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use epasapoarte::config::SecretKey;
use epasapoarte::crypto::Crypto;
use epasapoarte::mail::{Mail, MailSettings};
use epasapoarte::store::{self, DynStore, NewOutboxMessage};
use sqlx::Row;

pub struct Outbox {
    pub store: DynStore,
    pub crypto: Crypto,
    pub settings: MailSettings,
    db_url: String,
    // Dropped last: removes the database file.
    _dir: tempfile::TempDir,
}

/// One outbox row as stored.
#[derive(Debug)]
pub struct RowState {
    pub id: i64,
    pub created_at: i64,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub sent_at: Option<i64>,
    pub last_error: Option<String>,
}

impl Outbox {
    pub async fn new(base_url: &str) -> Outbox {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let db_url = format!("sqlite://{}", dir.path().join("t.db").display());
        let store = store::connect(&db_url)
            .await
            .expect("opening the test database");
        let key = SecretKey::from_bytes(vec![7; 32]).expect("a 32-byte key");
        Outbox {
            store,
            crypto: Crypto::new(&key),
            settings: MailSettings {
                from: "programari@epasapoarte.example".into(),
                base_url: base_url.into(),
                confirm_timeout: chrono::Duration::minutes(30),
            },
            db_url,
            _dir: dir,
        }
    }

    /// Queues `mail` the way the service does: sealed JSON in an outbox row.
    pub async fn enqueue(&self, mail: &Mail, now: DateTime<Utc>) {
        let json = serde_json::to_vec(mail).expect("a mail serialises");
        let message = NewOutboxMessage {
            kind: mail.kind(),
            payload: self.crypto.seal(&json),
        };
        self.store
            .add_tokens_with_message(&[], now, &message)
            .await
            .expect("queueing a message");
    }

    /// Queues a payload that cannot be opened (sealed under another key).
    pub async fn enqueue_garbage(&self, now: DateTime<Utc>) {
        let message = NewOutboxMessage {
            kind: "confirmed",
            payload: b"not sealed at all".to_vec(),
        };
        self.store
            .add_tokens_with_message(&[], now, &message)
            .await
            .expect("queueing a message");
    }

    pub async fn rows(&self) -> Vec<RowState> {
        let pool = sqlx::SqlitePool::connect(&self.db_url)
            .await
            .expect("a second connection");
        let rows = sqlx::query(
            "SELECT id, created_at, attempts, next_attempt_at, sent_at, last_error FROM outbox ORDER BY id",
        )
        .fetch_all(&pool)
        .await
        .expect("reading the outbox");
        pool.close().await;
        rows.iter()
            .map(|row| RowState {
                id: row.get("id"),
                created_at: row.get("created_at"),
                attempts: row.get("attempts"),
                next_attempt_at: row.get("next_attempt_at"),
                sent_at: row.get("sent_at"),
                last_error: row.get("last_error"),
            })
            .collect()
    }
}
