//! `epasapoarte token add|list|revoke` run as the real binary against a throwaway SQLite
//! database: the token is printed once and works, only its hash is stored, names are
//! unique, revocation is final, and each change is in the audit log.

use std::process::{Command, Output};

use epasapoarte::service::applications::tokens::{self, ApiAuthError};
use epasapoarte::store::{AuditFilter, connect};
use epasapoarte::testing::TestDatabase;

fn token_cmd(db: &TestDatabase, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_epasapoarte"))
        .arg("token")
        .args(args)
        .env("EPAS_DATABASE_URL", &db.url)
        .env("RUST_LOG", "off")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_is_printed_once_works_and_is_stored_only_as_a_hash() {
    let db = TestDatabase::sqlite();

    let added = token_cmd(&db, &["add", "--name", "centrul-personalizare"]);

    assert!(added.status.success(), "{}", stderr(&added));
    let printed = stdout(&added);
    let token = printed.trim();
    assert_eq!(printed.lines().count(), 1, "only the token: {printed:?}");
    assert!(token.starts_with("epas_") && token.len() == 37, "{token}");
    let store = connect(&db.url).await.unwrap();
    let record = tokens::authenticate(store.as_ref(), token)
        .await
        .expect("the token works");
    assert_eq!(record.name, "centrul-personalizare");
    let path = db.url.trim_start_matches("sqlite://");
    for file in [path.to_owned(), format!("{path}-wal")] {
        let bytes = std::fs::read(&file).unwrap_or_default();
        assert!(
            !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
            "in clear in {file}"
        );
    }
    let audit = store
        .audit_entries(&AuditFilter::default(), 10)
        .await
        .unwrap();
    assert_eq!(audit[0].action, "api_token.issued");
    assert_eq!(
        audit[0].target.as_deref(),
        Some("token:centrul-personalizare")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_are_listed_revoked_once_and_their_names_never_reused() {
    let db = TestDatabase::sqlite();
    let first = token_cmd(&db, &["add", "--name", "pcp"]);
    let token = stdout(&first).trim().to_owned();
    token_cmd(&db, &["add", "--name", "curier"]);

    let duplicate = token_cmd(&db, &["add", "--name", "pcp"]);
    let bad_name = token_cmd(&db, &["add", "--name", "pcp prod"]);
    let listed = token_cmd(&db, &["list"]);
    let revoked = token_cmd(&db, &["revoke", "--name", "pcp"]);
    let again = token_cmd(&db, &["revoke", "--name", "pcp"]);
    let unknown = token_cmd(&db, &["revoke", "--name", "nobody"]);
    let after = token_cmd(&db, &["list"]);

    assert!(!duplicate.status.success() && stderr(&duplicate).contains("exists already"));
    assert!(!bad_name.status.success() && stderr(&bad_name).contains("token name"));
    let lines: Vec<Vec<String>> = stdout(&listed)
        .lines()
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(
        (lines[0][0].as_str(), lines[0][2].as_str()),
        ("curier", "active")
    );
    assert_eq!(
        (lines[1][0].as_str(), lines[1][2].as_str()),
        ("pcp", "active")
    );
    assert!(revoked.status.success(), "{}", stderr(&revoked));
    assert_eq!(stdout(&revoked).trim(), "revoked pcp");
    assert!(!again.status.success() && stderr(&again).contains("already revoked"));
    assert!(!unknown.status.success() && stderr(&unknown).contains("no token named"));
    let pcp_line = stdout(&after)
        .lines()
        .find(|l| l.starts_with("pcp\t"))
        .unwrap()
        .to_owned();
    assert!(
        pcp_line.split('\t').nth(2).unwrap().starts_with("revoked "),
        "{pcp_line}"
    );
    let store = connect(&db.url).await.unwrap();
    assert!(matches!(
        tokens::authenticate(store.as_ref(), &token).await,
        Err(ApiAuthError::Revoked)
    ));
    let audit = store
        .audit_entries(&AuditFilter::default(), 10)
        .await
        .unwrap();
    let actions: Vec<_> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(
        actions,
        ["api_token.revoked", "api_token.issued", "api_token.issued"]
    );
}
