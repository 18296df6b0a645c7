//! J1 on the page: the offices by county with hours and the next free date, the county
//! filter, and the "earliest free appointment" search in the order of the first free slot.

use epasapoarte::testing::TestDatabase;
use epasapoarte_domain::county::COUNTIES;
use serde_json::Value;

use super::support::Site;

async fn offices(site: &Site, county: &str) -> Vec<Value> {
    site.get(&format!("/api/v1/offices?county={county}"))
        .await
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn every_county_is_listed_with_its_offices_hours_and_next_free_date() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    let cluj = offices(&site, "CJ").await;

    let (status, html) = site.page("/birouri").await;

    assert_eq!(status, 200);
    for county in COUNTIES {
        assert!(
            html.contains(&format!(">{}</h2>", county.name())),
            "{}",
            county.name()
        );
    }
    let name = cluj[0]["name"].as_str().unwrap();
    assert!(html.contains(name));
    assert!(html.contains("Primiri cereri pașapoarte") && html.contains("Primul loc liber"));
    assert!(
        html.contains("Eliberări pașapoarte, eliberări adeverințe")
            && html.contains("Relații cu publicul")
    );
    assert!(html.contains("ora României"));
    assert!(
        html.contains("Nu există încă un birou"),
        "counties without a test office say so"
    );
}

#[tokio::test]
async fn the_county_filter_shows_one_county_and_refuses_an_unknown_code() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    let cluj = offices(&site, "CJ").await[0]["name"]
        .as_str()
        .unwrap()
        .to_owned();
    let timis = offices(&site, "TM").await[0]["name"]
        .as_str()
        .unwrap()
        .to_owned();

    let (status, html) = site.page("/birouri?judet=CJ").await;
    let (bad, refused) = site.page("/birouri?judet=XX").await;

    assert_eq!((status, bad), (200, 422));
    assert!(html.contains(&cluj) && !html.contains(&timis));
    assert!(html.contains(r#"<option value="CJ" selected>"#));
    assert!(refused.contains("Există o problemă") && refused.contains(r##"href="#judet""##));
}

#[tokio::test]
async fn the_earliest_search_lists_offices_in_the_order_of_their_first_free_slot() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    let expected: Vec<Value> = site
        .get("/api/v1/earliest?service=passport_electronic&persons=2")
        .await
        .json()
        .await
        .unwrap();

    let (status, html) = site
        .page("/birouri/cel-mai-devreme?serviciu=passport_electronic&persoane=2&judet=")
        .await;

    assert_eq!(status, 200);
    let listed: Vec<i64> = html
        .split("href=\"/programare?birou=")
        .skip(1)
        .filter_map(|rest| rest.split(['"', '&']).next()?.parse().ok())
        .collect();
    let ordered: Vec<i64> = expected
        .iter()
        .map(|slot| slot["office_id"].as_i64().unwrap())
        .collect();
    assert!(!listed.is_empty());
    assert_eq!(listed, ordered, "the page keeps the service's order");
    assert!(html.contains("locuri libere") || html.contains("loc liber"));
    // Issue 12: each link carries the search's service and persons into the booking.
    assert!(html.contains("&amp;serviciu=passport_electronic&amp;persoane=2\""));
}

#[tokio::test]
async fn the_earliest_search_refuses_malformed_criteria() {
    let site = Site::spawn(TestDatabase::sqlite()).await;

    let (status, html) = site
        .page("/birouri/cel-mai-devreme?serviciu=x&persoane=0&judet=ZZ")
        .await;
    let (words, _) = site
        .page("/birouri/cel-mai-devreme?serviciu=passport_electronic&persoane=doi")
        .await;

    assert_eq!((status, words), (422, 422));
    for id in [
        "earliest-service-passport_electronic",
        "earliest-persons",
        "earliest-county",
    ] {
        assert!(html.contains(&format!(r##"href="#{id}""##)), "{id}");
    }
}

/// Issue 12: the search offers 1 to the largest family any office takes, never more, and
/// a larger number typed into the address is refused with the maximum's message.
#[tokio::test]
async fn the_earliest_search_offers_families_up_to_the_largest_an_office_takes() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    let largest = offices(&site, "")
        .await
        .iter()
        .map(|o| o["max_persons"].as_u64().unwrap())
        .max()
        .unwrap();

    let (_, form) = site.page("/birouri/cel-mai-devreme").await;
    let (status, too_many) = site
        .page(&format!(
            "/birouri/cel-mai-devreme?serviciu=passport_electronic&persoane={}&judet=",
            largest + 1
        ))
        .await;

    assert!(form.contains(&format!("<option value=\"{largest}\"")));
    assert!(!form.contains(&format!("<option value=\"{}\"", largest + 1)));
    assert_eq!(status, 422);
    assert!(too_many.contains("Numărul de persoane depășește maximul permis de birou."));
}
