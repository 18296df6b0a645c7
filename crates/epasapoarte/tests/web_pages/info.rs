//! J7 on the page: the two questions, then the documents, fee, validity and issuance time
//! that the domain rules give for the choice.

use epasapoarte::testing::TestDatabase;

use super::support::Site;

#[tokio::test]
async fn the_wizard_asks_who_then_which_passport() {
    let site = Site::spawn(TestDatabase::sqlite()).await;

    let (first, who) = site.page("/informatii").await;
    let (second, which) = site.page("/informatii?pentru=minor_under_14").await;

    assert_eq!((first, second), (200, 200));
    assert!(who.contains("Pentru cine este pașaportul?") && who.contains(r#"name="pentru""#));
    assert!(which.contains("Ce tip de pașaport?") && which.contains(r#"name="tip""#));
    assert!(which.contains(r#"<input type="hidden" name="pentru" value="minor_under_14">"#));
}

#[tokio::test]
async fn each_choice_shows_its_own_fee_validity_and_issuance_time() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    let cases: [(&str, &str, &[&str], &[&str]); 5] = [
        (
            "adult",
            "passport_electronic",
            &["258 lei", "10 ani", "5 zile lucrătoare", "11,30 lei"],
            &["234 lei"],
        ),
        (
            "minor_under_14",
            "passport_electronic",
            &[
                "234 lei",
                "258 lei",
                "3 ani",
                "5 ani",
                "Sub 12 ani",
                "12–13 ani",
            ],
            &["10 ani"],
        ),
        (
            "minor_14_17",
            "passport_electronic",
            &["258 lei", "5 ani"],
            &["234 lei", "10 ani"],
        ),
        (
            "adult",
            "passport_temporary",
            &[
                "96 lei",
                "12 luni",
                "3 zile lucrătoare",
                "Nu se preiau amprente",
            ],
            &["258 lei"],
        ),
        (
            "domicile_abroad",
            "passport_electronic",
            &["258 lei", "234 lei", "10 ani", "3 ani"],
            &[],
        ),
    ];
    for (who, which, present, absent) in cases {
        let (status, html) = site
            .page(&format!("/informatii?pentru={who}&tip={which}"))
            .await;
        assert_eq!(status, 200, "{who} {which}");
        for text in present {
            assert!(html.contains(text), "{who} {which}: {text}");
        }
        for text in absent {
            assert!(!html.contains(text), "{who} {which}: not {text}");
        }
        assert!(html.contains(r#"href="/programare""#), "offers to book");
    }
    let (_, english) = site
        .page("/informatii?pentru=adult&tip=passport_electronic&lang=en")
        .await;
    assert!(english.contains("10 years") && english.contains("Documents required"));
}

#[tokio::test]
async fn an_empty_or_unknown_answer_asks_again_with_the_summary() {
    let site = Site::spawn(TestDatabase::sqlite()).await;

    let (empty, first) = site.page("/informatii?pentru=").await;
    let (unknown, second) = site
        .page("/informatii?pentru=adult&tip=%FF%3Cscript%3E")
        .await;

    assert_eq!((empty, unknown), (422, 422));
    assert!(
        first.contains("Alegeți pentru cine este pașaportul.")
            && first.contains(r##"href="#pentru-adult""##)
    );
    assert!(second.contains("Alegeți tipul de pașaport.") && !second.contains("<script>"));
}
