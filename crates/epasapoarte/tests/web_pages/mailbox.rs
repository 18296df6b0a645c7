//! The demo mailbox: impossible outside demo mode (404), and in demo mode a list of the
//! e-mails the file transport wrote, each readable with its links to the service clickable.

use epasapoarte::jobs;
use epasapoarte::testing::TestDatabase;

use super::support::{BASE_URL, Site, unresolved_keys};

#[tokio::test]
async fn the_mailbox_is_not_found_outside_demo_mode() {
    let site = Site::spawn(TestDatabase::sqlite()).await;

    for path in [
        "/demo/mailbox",
        "/demo/mailbox/1764743400000-1.eml",
        "/demo/mailbox/..%2Fsecret.key",
    ] {
        let (status, html) = site.page(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("Pagina nu a fost găsită"), "{path}");
    }
    let (_, home) = site.page("/").await;
    assert!(!home.contains("/demo/mailbox"), "no link to it either");
}

#[tokio::test]
async fn in_demo_mode_the_mailbox_lists_the_mails_and_shows_their_links() {
    let site = Site::spawn_demo().await;
    let (_, empty) = site.page("/demo/mailbox").await;
    assert!(empty.contains("Nu a fost scris încă niciun e-mail"));
    site.book_only(1, 600).await;
    jobs::deliver_once(&site.state.service, &site.mailer)
        .await
        .expect("delivering to files");

    let (status, list) = site.page("/demo/mailbox").await;

    assert_eq!(status, 200);
    assert!(list.contains("Confirmați programarea pentru pașaport"));
    assert!(list.contains("ana.popescu@example.ro"));
    let name: String = list
        .split("href=\"/demo/mailbox/")
        .nth(1)
        .expect("a link to the e-mail")
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    let (status, message) = site.page(&format!("/demo/mailbox/{name}")).await;
    assert_eq!(status, 200);
    assert!(message.contains(&format!(r#"<a href="{BASE_URL}/programare/confirma/"#)));
    assert!(message.contains("Bună ziua"), "the text part, decoded");
    assert_eq!(unresolved_keys(&list), Vec::<String>::new());
    assert_eq!(unresolved_keys(&message), Vec::<String>::new());
    let (missing, _) = site.page("/demo/mailbox/1-999999.eml").await;
    assert_eq!(missing, 404);
}
