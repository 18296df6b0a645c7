//! J5 on the page: "Verifică programare" answers the same whether or not the address is
//! known, e-mails the known one, and refuses a malformed address with the error summary.

use epasapoarte::testing::TestDatabase;

use super::support::Site;

#[tokio::test]
async fn the_answer_is_the_same_for_known_and_unknown_addresses() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    site.book(1, 500).await;
    let before = site.deliver().await.len();

    let (known_status, known) = site
        .post_form(
            "/verifica-programare",
            &[("email", "ANA.popescu@example.ro")],
        )
        .await;
    let (unknown_status, unknown) = site
        .post_form("/verifica-programare", &[("email", "nimeni@example.ro")])
        .await;

    assert_eq!((known_status, unknown_status), (200, 200));
    assert_eq!(known, unknown, "identical answers");
    assert!(
        known.contains("Dacă avem programări pentru această adresă, vi le-am trimis pe e-mail.")
    );
    // The lookup runs in the background: wait for its e-mail.
    let mut mails = Vec::new();
    for _ in 0..100 {
        mails = site.deliver().await;
        if mails.len() > before {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(
        mails.len(),
        before + 1,
        "only the known address gets an e-mail"
    );
    assert_eq!(mails[before].to, "ANA.popescu@example.ro");
}

#[tokio::test]
async fn a_malformed_address_gets_the_error_summary_and_keeps_what_was_typed() {
    let site = Site::spawn(TestDatabase::sqlite()).await;

    let (status, html) = site
        .post_form("/verifica-programare", &[("email", "ana@")])
        .await;

    assert_eq!(status, 422);
    assert!(html.contains("Există o problemă"));
    assert!(html.contains(r##"<a href="#email">"##));
    assert!(html.contains(r#"id="email-error""#));
    assert!(html.contains(r#"value="ana@""#));
}
