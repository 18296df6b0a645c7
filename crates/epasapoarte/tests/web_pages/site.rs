//! Site-wide promises: every page answers 200 in Romanian and English with no catalogue
//! key left unresolved; forms without the anti-forgery token are refused; unknown paths
//! get an HTML 404 page while the API keeps its JSON error; hostile input is never a 5xx.

use epasapoarte::testing::TestDatabase;
use serde_json::Value;

use super::support::{Site, browser, unresolved_keys};

const PAGES: [&str; 15] = [
    "/",
    "/verifica-programare",
    "/verifica-programare/trimis",
    "/status-pasaport",
    "/informatii",
    "/informatii/pasaport-pierdut",
    "/informatii?pentru=minor_14_17",
    "/informatii?pentru=domicile_abroad&tip=passport_temporary",
    "/birouri",
    "/birouri?judet=B",
    "/birouri/cel-mai-devreme",
    "/birouri/cel-mai-devreme?serviciu=passport_temporary&persoane=3&judet=TM",
    "/politica-de-confidentialitate",
    "/accesibilitate",
    "/contact",
];

#[tokio::test]
async fn every_page_answers_in_romanian_and_in_english() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    for lang in ["ro", "en"] {
        for path in PAGES {
            let separator = if path.contains('?') { '&' } else { '?' };
            let (status, html) = site.page(&format!("{path}{separator}lang={lang}")).await;
            assert_eq!(status, 200, "{path} in {lang}");
            assert!(
                html.contains(&format!("<html lang=\"{lang}\">")),
                "{path} in {lang}"
            );
            assert_eq!(
                unresolved_keys(&html),
                Vec::<String>::new(),
                "{path} in {lang}"
            );
            assert_eq!(html.matches("<h1").count(), 1, "one h1 on {path}");
        }
    }
}

#[tokio::test]
async fn the_policy_names_what_is_stored_and_for_how_long() {
    let site = Site::spawn(TestDatabase::sqlite()).await;

    let (_, html) = site.page("/politica-de-confidentialitate").await;

    for text in [
        "Direcția Generală de Pașapoarte",
        "criptat",
        "30 de zile",
        "Drepturile dumneavoastră",
        "Regulamentul (UE) 2016/679",
    ] {
        assert!(html.contains(text), "{text}");
    }
}

#[tokio::test]
async fn a_form_without_its_anti_forgery_token_is_refused() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    site.page("/verifica-programare").await;

    let (missing, _) = site
        .post_raw_form("/verifica-programare", &[("email", "a@example.ro")])
        .await;
    let (wrong, _) = site
        .post_raw_form(
            "/status-pasaport",
            &[("csrf", "00ff"), ("method", "number"), ("number", "1")],
        )
        .await;
    let token = "A".repeat(32);
    let (confirm, html) = site
        .post_raw_form(&format!("/programare/confirma/{token}"), &[])
        .await;
    // Another browser's token does not fit this browser's session.
    let stranger = browser()
        .post(format!("{}/verifica-programare", site.address))
        .form(&[
            ("csrf", site.csrf().await.as_str()),
            ("email", "a@example.ro"),
        ])
        .send()
        .await
        .unwrap()
        .status();

    assert_eq!(
        (missing, wrong, confirm, stranger.as_u16()),
        (403, 403, 403, 403)
    );
    assert!(html.contains("Formularul a expirat"));
}

#[tokio::test]
async fn unknown_paths_get_a_page_and_the_api_keeps_its_json() {
    let site = Site::spawn(TestDatabase::sqlite()).await;

    let page = site.get("/nu-exista").await;
    let status = page.status();
    let content_type = page.headers()["content-type"].to_str().unwrap().to_owned();
    let html = page.text().await.unwrap();
    let (_, english) = site.page("/nu-exista?lang=en").await;
    let api = site.get("/api/unknown").await;

    assert_eq!(status, 404);
    assert!(content_type.starts_with("text/html"));
    assert!(html.contains("Pagina nu a fost găsită") && html.contains("<html lang=\"ro\">"));
    assert!(english.contains("Page not found"));
    assert_eq!(api.status(), 404);
    let body: Value = api.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
}

#[tokio::test]
async fn hostile_input_never_gets_a_server_error() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    let long = "9".repeat(5000);
    let hostile: [&str; 6] = [
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "\u{0}",
        "٣٣٣",
        &long,
        "%FF%FE",
    ];
    for text in hostile {
        for (path, field) in [
            ("/verifica-programare", "email"),
            ("/status-pasaport", "number"),
            ("/status-pasaport", "cnp_last9"),
        ] {
            let (status, html) = site
                .post_form(path, &[("method", "number"), (field, text)])
                .await;
            assert!(status < 500, "{path} {field}: {status}");
            assert!(
                !html.contains("<script>alert"),
                "{path} escapes what it echoes"
            );
        }
    }
    for path in [
        "/birouri?judet=%00",
        "/birouri/cel-mai-devreme?persoane=99999999999999999999",
        "/informatii?pentru=%C3%28",
        "/demo/mailbox/%2e%2e%2fsecret.key",
        "/programare/confirma/%FF",
    ] {
        assert!(site.get(path).await.status().as_u16() < 500, "{path}");
    }
}

/// axe's `scrollable-region-focusable` (issue 12): a table wider than a phone scrolls
/// inside its wrapper, so every wrapper must be reachable by keyboard and named (by the
/// table's caption). Checked on the templates, so a new table cannot forget it.
#[test]
fn every_scrolling_table_is_a_named_keyboard_focusable_region() {
    fn templates(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("the templates directory") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                templates(&path, found);
            } else if path.extension().is_some_and(|e| e == "html") {
                found.push(path);
            }
        }
    }
    let mut files = Vec::new();
    templates(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/web"),
        &mut files,
    );
    let mut wrappers = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a template");
        for (at, _) in text.match_indices("class=\"table-wrap\"") {
            wrappers += 1;
            let tag_end = at + text[at..].find('>').expect("the tag ends");
            let tag = &text[at..tag_end];
            let name = file.display();
            assert!(tag.contains("tabindex=\"0\""), "{name}: {tag}");
            assert!(tag.contains("role=\"region\""), "{name}: {tag}");
            let label = tag
                .split("aria-labelledby=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_else(|| panic!("{name}: {tag} has no aria-labelledby"));
            assert!(
                text.contains(&format!("id=\"{label}\"")),
                "{name}: {label} names nothing"
            );
        }
    }
    assert!(wrappers >= 15, "only {wrappers} wrappers found");
}

/// Issue 12: the start page says what to have ready before starting.
#[tokio::test]
async fn the_start_page_says_what_you_need_before_you_start() {
    let site = Site::spawn(TestDatabase::sqlite()).await;

    let (_, ro) = site.page("/").await;
    let (_, en) = site.page("/?lang=en").await;

    assert!(ro.contains("Înainte de a începe, pregătiți"));
    assert!(ro.contains("numele și CNP-ul fiecărei persoane"));
    assert!(ro.contains("în 30 de minute"));
    assert!(en.contains("Before you start, have ready"));
}

/// Issue 13: security headers on pages and API answers alike; HSTS only when the service
/// is served over https (an http base URL must not pin browsers to https).
#[tokio::test]
async fn security_headers_are_on_every_answer_and_hsts_only_under_https() {
    let plain = Site::spawn(TestDatabase::sqlite()).await;
    for path in ["/", "/api/v1/counties"] {
        let response = plain.get(path).await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert!(headers.contains_key("content-security-policy"), "{path}");
        assert!(
            !headers.contains_key("strict-transport-security"),
            "{path}: no HSTS over http"
        );
    }
    let secure = Site::launch(TestDatabase::sqlite())
        .config(|config| config.base_url = "https://pasapoarte.example.ro".into())
        .start()
        .await;
    for path in ["/", "/api/v1/counties", "/nu-exista"] {
        let response = secure.get(path).await;
        assert_eq!(
            response.headers()["strict-transport-security"],
            "max-age=31536000; includeSubDomains",
            "{path}"
        );
    }
}
