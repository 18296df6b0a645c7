//! Secrets given in URLs never come back out (issue 10 item 4): a service that cannot
//! reach its database or parse its relay URL says so without the password, and so does a
//! config file with a syntax error on the line that holds one.

use std::process::{Command, Stdio};

const BINARY: &str = env!("CARGO_BIN_EXE_epasapoarte");
const KEY: &str = "6e0f0a55c1d2b3a4968778695a4b3c2d1e0f1a2b3c4d5e6f708192a3b4c5d6e7";

/// Runs the binary with only the given `EPAS_*` variables; returns (success, stdout+stderr).
fn run(args: &[&str], env: &[(&str, &str)], dir: &std::path::Path) -> (bool, String) {
    let mut command = Command::new(BINARY);
    command.args(args).current_dir(dir).stdin(Stdio::null());
    for (name, _) in std::env::vars() {
        if name.starts_with("EPAS_") {
            command.env_remove(name);
        }
    }
    command.envs(env.iter().copied());
    let output = command.output().expect("running epasapoarte");
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

#[test]
fn an_unreachable_database_is_reported_without_its_password() {
    let dir = tempfile::tempdir().unwrap();
    // Port 1 on the loopback: refused at once.
    let (ok, text) = run(
        &["migrate"],
        &[
            (
                "EPAS_DATABASE_URL",
                "postgres://app:db-Secret-4242@127.0.0.1:1/epas",
            ),
            ("EPAS_SECRET_KEY", KEY),
        ],
        dir.path(),
    );
    assert!(!ok, "migrate cannot succeed: {text}");
    assert!(
        text.contains("PostgreSQL"),
        "the error says what failed: {text}"
    );
    assert!(!text.contains("db-Secret-4242"), "{text}");
}

#[test]
fn a_bad_relay_url_is_reported_without_its_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, text) = run(
        &["serve"],
        &[
            ("EPAS_DATABASE_URL", "sqlite://data/epas.db"),
            ("EPAS_LISTEN", "127.0.0.1:0"),
            (
                "EPAS_SMTP_URL",
                "smtp://relay:smtp-Secret-4242@exa mple:99999",
            ),
        ],
        dir.path(),
    );
    assert!(!ok, "serve cannot start: {text}");
    assert!(
        text.contains("EPAS_SMTP_URL"),
        "the error names the setting: {text}"
    );
    assert!(!text.contains("smtp-Secret-4242"), "{text}");
}

#[test]
fn a_config_file_with_a_syntax_error_is_reported_by_line_without_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("epas.toml");
    std::fs::write(
        &file,
        "listen = \"127.0.0.1:0\"\ndatabase_url = \"postgres://app:toml-Secret-4242@db/epas\n",
    )
    .unwrap();
    let (ok, text) = run(
        &["serve", "--config", file.to_str().unwrap()],
        &[],
        dir.path(),
    );
    assert!(!ok, "serve cannot start: {text}");
    assert!(text.contains("line 2"), "the error names the line: {text}");
    assert!(!text.contains("toml-Secret-4242"), "{text}");
}
