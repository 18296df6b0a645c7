//! J6 on the page: a POST form (CNP digits never in a URL); every well-formed question is
//! "not found" until the back office exists; malformed input gets the error summary.

use epasapoarte::testing::TestDatabase;

use super::support::Site;

#[tokio::test]
async fn the_form_posts_so_cnp_digits_never_reach_a_url() {
    let site = Site::spawn(TestDatabase::sqlite()).await;

    let (status, html) = site.page("/status-pasaport").await;

    assert_eq!(status, 200);
    assert!(html.contains(r#"<form method="post" action="/status-pasaport""#));
    for label in [
        "Numărul cererii",
        "Ultimele 9 cifre ale CNP-ului",
        "Data depunerii cererii",
        "Ziua",
        "Luna",
        "Anul",
    ] {
        assert!(html.contains(label), "{label}");
    }
}

#[tokio::test]
async fn every_well_formed_question_is_answered_not_found() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    let by_number = [("method", "number"), ("number", "CJ-2026/000123")];
    let by_cnp = [
        ("method", "cnp"),
        ("cnp_last9", "850101123"),
        ("submitted_day", "3"),
        ("submitted_month", "11"),
        ("submitted_year", "2025"),
    ];

    let (first, number_answer) = site.post_form("/status-pasaport", &by_number).await;
    let (second, cnp_answer) = site.post_form("/status-pasaport", &by_cnp).await;

    assert_eq!((first, second), (200, 200));
    assert_eq!(
        number_answer, cnp_answer,
        "the same answer whatever was asked"
    );
    assert!(number_answer.contains("Nu am găsit cererea"));
    assert!(
        !cnp_answer.contains("850101123"),
        "the digits are not repeated back"
    );
}

#[tokio::test]
async fn malformed_input_gets_the_error_summary_linking_to_each_field() {
    let site = Site::spawn(TestDatabase::sqlite()).await;

    let (none, no_choice) = site.post_form("/status-pasaport", &[]).await;
    let (bad, malformed) = site
        .post_form(
            "/status-pasaport",
            &[
                ("method", "cnp"),
                ("cnp_last9", "12345"),
                ("submitted_day", "31"),
                ("submitted_month", "02"),
                ("submitted_year", "2025"),
            ],
        )
        .await;

    assert_eq!((none, bad), (422, 422));
    // Nothing typed and no way chosen: the first way is taken and its field named
    // (issue 12: no radio to pick first), with that way checked.
    assert!(no_choice.contains("Există o problemă") && no_choice.contains(r##"href="#number""##));
    assert!(no_choice.contains(r#"id="method-number" name="method" value="number" checked"#));
    assert!(
        malformed.contains(r##"href="#cnp_last9""##)
            && malformed.contains(r##"href="#submitted_day""##)
    );
    assert!(
        malformed.contains(r#"value="12345""#),
        "what was typed is kept"
    );
    assert!(malformed.contains(r#"value="cnp" checked"#));
}
