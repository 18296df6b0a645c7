//! `epasapoarte user add` run as the real binary against a real SQLite database: the
//! password comes from standard input only (a `--password` flag does not exist), short
//! passwords and impossible role/office pairs are refused, and the new id is printed.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use epasapoarte::ids::OfficeId;
use epasapoarte::staff::password;
use epasapoarte::store::DynStore;
use epasapoarte::testing::{TestDatabase, seeded_store};

const PASSWORD: &str = "o parolă lungă de test";

/// Runs `epasapoarte user add ARGS` on `db` with `stdin`.
fn user_add(db: &TestDatabase, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_epasapoarte"))
        .args(["user", "add"])
        .args(args)
        .env("EPAS_DATABASE_URL", &db.url)
        .env_remove("EPAS_SECRET_KEY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    // The binary may exit before reading (a usage error): a broken pipe is fine then.
    let _ = pipe.write_all(stdin.as_bytes());
    drop(pipe);
    child.wait_with_output().expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

async fn store_with_offices(db: &TestDatabase) -> (DynStore, OfficeId) {
    let store = seeded_store(db).await.expect("seeded store");
    let office = store.offices().await.expect("offices")[0].id;
    (store, office)
}

#[tokio::test]
async fn an_admin_is_created_with_the_password_from_stdin_and_its_id_printed() {
    let db = TestDatabase::sqlite();
    let (store, _) = store_with_offices(&db).await;

    let output = user_add(
        &db,
        &["--username", "Ana.Admin", "--role", "admin"],
        &format!("{PASSWORD}\n"),
    );

    assert!(output.status.success(), "{}", stderr(&output));
    let id: i64 = String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .expect("an id on stdout");
    let user = store
        .staff_user(id)
        .await
        .unwrap()
        .expect("the account exists");
    assert_eq!(
        (user.username.as_str(), user.role.as_str(), user.office_id),
        ("ana.admin", "admin", None)
    );
    assert!(user.password_hash.starts_with("$argon2id$"));
    assert!(password::verify(&user.password_hash, PASSWORD));
    let audit = store.audit_entries(&Default::default(), 10).await.unwrap();
    assert_eq!(
        (audit[0].actor.as_str(), audit[0].action.as_str()),
        ("system", "user.created")
    );
    assert!(
        !audit[0]
            .after
            .clone()
            .unwrap_or_default()
            .contains(PASSWORD)
    );
}

#[tokio::test]
async fn a_clerk_belongs_to_an_existing_office() {
    let db = TestDatabase::sqlite();
    let (store, office) = store_with_offices(&db).await;
    let office_text = office.to_string();

    let without = user_add(&db, &["--username", "ion", "--role", "clerk"], PASSWORD);
    let unknown = user_add(
        &db,
        &["--username", "ion", "--role", "clerk", "--office", "999999"],
        PASSWORD,
    );
    let created = user_add(
        &db,
        &[
            "--username",
            "ion",
            "--role",
            "clerk",
            "--office",
            &office_text,
        ],
        PASSWORD,
    );

    assert!(!without.status.success());
    assert!(
        stderr(&without).contains("--office"),
        "{}",
        stderr(&without)
    );
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("999999"), "{}", stderr(&unknown));
    assert!(created.status.success(), "{}", stderr(&created));
    let user = store.staff_user_by_username("ion").await.unwrap().unwrap();
    assert_eq!(user.office_id, Some(office));
}

#[tokio::test]
async fn a_password_on_the_command_line_is_impossible() {
    let db = TestDatabase::sqlite();
    let (store, _) = store_with_offices(&db).await;

    let output = user_add(
        &db,
        &[
            "--username",
            "ana",
            "--role",
            "admin",
            "--password",
            PASSWORD,
        ],
        PASSWORD,
    );

    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("--password"),
        "{}",
        stderr(&output)
    );
    assert!(store.staff_users().await.unwrap().is_empty());
}

#[tokio::test]
async fn short_or_missing_passwords_are_refused() {
    let db = TestDatabase::sqlite();
    let (store, _) = store_with_offices(&db).await;

    let short = user_add(
        &db,
        &["--username", "ana", "--role", "admin"],
        "elevenchars\n",
    );
    let empty = user_add(&db, &["--username", "ana", "--role", "admin"], "");

    for output in [&short, &empty] {
        assert!(!output.status.success());
        assert!(
            stderr(output).contains("at least 12 characters"),
            "{}",
            stderr(output)
        );
    }
    assert!(store.staff_users().await.unwrap().is_empty());
}

#[tokio::test]
async fn taken_usernames_bad_roles_and_an_admin_office_are_refused() {
    let db = TestDatabase::sqlite();
    let (_store, office) = store_with_offices(&db).await;
    let office_text = office.to_string();
    let first = user_add(&db, &["--username", "ana", "--role", "admin"], PASSWORD);
    assert!(first.status.success(), "{}", stderr(&first));

    let taken = user_add(&db, &["--username", "ANA", "--role", "admin"], PASSWORD);
    let bad_role = user_add(&db, &["--username", "dan", "--role", "root"], PASSWORD);
    let admin_office = user_add(
        &db,
        &[
            "--username",
            "dan",
            "--role",
            "admin",
            "--office",
            &office_text,
        ],
        PASSWORD,
    );
    let bad_name = user_add(
        &db,
        &["--username", "dan popescu", "--role", "admin"],
        PASSWORD,
    );

    assert!(
        stderr(&taken).contains("already taken"),
        "{}",
        stderr(&taken)
    );
    assert!(stderr(&bad_role).contains("root"), "{}", stderr(&bad_role));
    assert!(
        stderr(&admin_office).contains("no office"),
        "{}",
        stderr(&admin_office)
    );
    assert!(
        stderr(&bad_name).contains("username"),
        "{}",
        stderr(&bad_name)
    );
    for output in [&taken, &bad_role, &admin_office, &bad_name] {
        assert!(!output.status.success());
        assert!(output.stdout.is_empty());
    }
}
