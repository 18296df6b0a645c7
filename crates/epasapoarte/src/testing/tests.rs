//! The throwaway databases: URLs built right, and each gone after its drop.

use super::*;

#[test]
fn the_test_database_url_swaps_only_the_database_name() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/postgres", "epas_test_1"),
        "postgres://postgres@127.0.0.1:5432/epas_test_1"
    );
    assert_eq!(
        with_database("postgres://u:p@db/admin?sslmode=disable", "x"),
        "postgres://u:p@db/x?sslmode=disable"
    );
    assert_eq!(
        with_database("postgres://db:5432", "x"),
        "postgres://db:5432/x"
    );
}

#[test]
fn error_messages_never_show_the_admin_password() {
    assert_eq!(
        redact("postgres://admin:s3cret@db:5432/postgres"),
        "postgres://admin:***@db:5432/postgres"
    );
    assert_eq!(redact(DEFAULT_POSTGRES_URL), DEFAULT_POSTGRES_URL);
}

#[test]
fn a_sqlite_test_database_disappears_when_dropped() {
    let db = TestDatabase::sqlite();
    let Cleanup::Directory(dir) = &db.cleanup else {
        panic!("a SQLite test database lives in a directory");
    };
    let dir = dir.clone();
    assert!(dir.is_dir());
    assert!(db.url.starts_with("sqlite://") && db.url.ends_with("/test.db"));

    drop(db);

    assert!(!dir.exists());
}

#[test]
fn the_test_key_is_long_enough_and_fixed() {
    assert_eq!(test_secret_key().expose().len(), 32);
    assert_eq!(test_secret_key(), test_secret_key());
}

#[test]
fn test_offices_are_a_handful_of_demo_offices() {
    let offices = test_offices();

    assert_eq!(offices.len(), 5);
    assert!(offices.iter().any(|office| office.county_code == "B"));
}
