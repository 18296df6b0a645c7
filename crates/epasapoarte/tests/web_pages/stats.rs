//! `/statistici`: the public dashboard as a page, in both languages, linked from every
//! page's footer, its bars in SVG with their figures in words.

use epasapoarte::testing::TestDatabase;

use super::support::Site;

#[tokio::test]
async fn the_dashboard_lists_every_office_with_its_wait_in_words_and_as_a_bar() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    let (status, html) = site.page("/statistici").await;
    assert_eq!(status, 200);
    assert!(html.contains("<h1>Statistici: acces echitabil la programări</h1>"));
    let offices: Vec<serde_json::Value> = site.get("/api/v1/offices").await.json().await.unwrap();
    for office in &offices {
        let name = office["name"].as_str().unwrap();
        assert!(html.contains(name), "{name} is on the dashboard");
    }
    assert!(
        html.contains("(peste 1 zi)") || html.contains(" zile)"),
        "the wait in words, with Romanian's plural"
    );
    assert!(
        html.contains(r#"role="img" aria-label="Așteptare: "#),
        "each bar says its figure to a screen reader"
    );
    assert!(html.contains("Nu a avut loc încă nicio tragere la sorți."));
    assert!(!html.contains("<script>"), "readable without JavaScript");
}

#[tokio::test]
async fn the_dashboard_speaks_english_and_every_page_links_to_it() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    let (status, html) = site.page("/statistici?lang=en").await;
    assert_eq!(status, 200);
    assert!(html.contains("<h1>Statistics: fair access to appointments</h1>"));
    let (_, home) = site.page("/").await;
    assert!(home.contains(r#"<a href="/statistici">"#));
}
