use super::*;
use crate::ids::OfficeId;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn request() -> BookingRequest {
    serde_json::from_value(serde_json::json!({
        "office_id": 1,
        "service": "passport_electronic",
        "date": "2026-12-01",
        "time": "08:30",
        "applicant": {"last_name": "Popescu", "first_name": "Ana-Maria", "cnp": "2850101221147", "email": "ana@example.ro"},
        "companions": [{"last_name": "Popescu", "first_name": "Ion", "cnp": "1800101221144"}],
        "consent": true
    }))
    .unwrap()
}

#[test]
fn a_well_formed_request_parses_into_two_persons() {
    let parsed = request().parse(today()).unwrap();
    assert_eq!(parsed.persons.len(), 2);
    assert_eq!(parsed.persons[0].first_name.as_str(), "Ana-Maria");
    assert_eq!(parsed.time, NaiveTime::from_hms_opt(8, 30, 0).unwrap());
}

#[test]
fn every_bad_field_is_reported_at_once() {
    let mut bad = request();
    bad.service = "visa".into();
    bad.date = "2026-13-01".into();
    bad.time = "8:30".into();
    bad.applicant.cnp = "1800101221145".into();
    bad.applicant.email = "not-an-address".into();
    bad.companions[0].last_name = "R2D2".into();
    let errors = bad.parse(today()).unwrap_err();
    let fields: Vec<&str> = errors.0.keys().map(String::as_str).collect();
    assert_eq!(
        fields,
        [
            "applicant.cnp",
            "applicant.email",
            "companions[0].last_name",
            "date",
            "service",
            "time"
        ]
    );
    assert_eq!(errors.0["applicant.cnp"].code, "cnp_check_digit");
}

#[test]
fn the_same_cnp_twice_in_one_booking_is_refused() {
    let mut bad = request();
    bad.companions[0].cnp = "2850101221147".into();
    let errors = bad.parse(today()).unwrap_err();
    assert_eq!(errors.0["companions[0].cnp"].code, "cnp_duplicate");
}

#[test]
fn more_than_ten_persons_is_refused() {
    let mut bad = request();
    bad.companions = vec![bad.companions[0].clone(); 10];
    let errors = bad.parse(today()).unwrap_err();
    assert_eq!(errors.0["companions"].code, "too_many_persons");
}

#[test]
fn names_accept_diacritics_and_refuse_digits_and_controls() {
    assert_eq!(
        PersonName::parse("  Ștefănescu   Țuțuianu ")
            .unwrap()
            .as_str(),
        "Ștefănescu Țuțuianu"
    );
    assert!(PersonName::parse("D'Angelo").is_ok());
    assert_eq!(PersonName::parse("").unwrap_err(), "required");
    assert_eq!(PersonName::parse("Ion3").unwrap_err(), "invalid_name");
    assert_eq!(PersonName::parse("Ion\u{0}").unwrap_err(), "invalid_name");
    assert_eq!(PersonName::parse("<script>").unwrap_err(), "invalid_name");
    assert_eq!(PersonName::parse(&"a".repeat(101)).unwrap_err(), "too_long");
}

#[test]
fn email_addresses_are_checked_for_shape() {
    assert!(Email::parse(" Ana.Pop+x@Example.ro ").is_ok());
    assert_eq!(
        Email::parse("Ana@Example.RO").unwrap().normalized(),
        "ana@example.ro"
    );
    for bad in [
        "", "a", "a@b", "a@.ro", "a b@c.ro", "a@c..ro", "<a>@c.ro", "a@c.ro\n",
    ] {
        assert!(Email::parse(bad).is_err() || bad.trim() != bad, "{bad:?}");
    }
}

#[test]
fn phone_numbers_need_six_to_fifteen_digits() {
    assert!(Phone::parse("+40 721 123 456").is_ok());
    assert!(Phone::parse("0721-123-456").is_ok());
    assert_eq!(Phone::parse("12345").unwrap_err(), "invalid_phone");
    assert_eq!(Phone::parse("0721abc456").unwrap_err(), "invalid_phone");
}

#[test]
fn personal_data_never_shows_in_debug() {
    let parsed = request();
    let printed = format!("{parsed:?}");
    assert!(
        !printed.contains("2850101221147")
            && !printed.contains("Popescu")
            && !printed.contains("ana@"),
        "{printed}"
    );
}

#[test]
fn the_journeys_typed_date_and_time_parse_like_the_apis_strings() {
    let api = request().parse(today()).unwrap();
    let fields = BookingFields {
        office_id: OfficeId(1),
        service: "passport_electronic",
        date: NaiveDate::from_ymd_opt(2026, 12, 1),
        time: NaiveTime::from_hms_opt(8, 30, 0),
        applicant: PersonText {
            last_name: "Popescu",
            first_name: "Ana-Maria",
            cnp: "2850101221147",
        },
        companions: vec![PersonText {
            last_name: "Popescu",
            first_name: "Ion",
            cnp: "1800101221144",
        }],
        email: " ana@example.ro ",
        phone: Some(""),
        consent: true,
        lang: Lang::En,
    };

    let journey = fields.parse(today()).unwrap();

    assert_eq!((journey.date, journey.time), (api.date, api.time));
    assert_eq!(journey.persons.len(), api.persons.len());
    assert_eq!(journey.email.as_str(), api.email.as_str());
    assert!(journey.phone.is_none(), "a blank phone is no phone");
    assert_eq!((api.lang, journey.lang), (Lang::Ro, Lang::En));
}

#[test]
fn a_missing_date_or_time_is_reported_under_the_apis_field_names() {
    let fields = BookingFields {
        office_id: OfficeId(1),
        service: "passport_electronic",
        date: None,
        time: None,
        applicant: PersonText {
            last_name: "Popescu",
            first_name: "Ana-Maria",
            cnp: "2850101221147",
        },
        companions: Vec::new(),
        email: "ana@example.ro",
        phone: None,
        consent: true,
        lang: Lang::Ro,
    };

    let errors = fields.parse(today()).unwrap_err();

    let codes: Vec<(&str, &str)> = errors
        .0
        .iter()
        .map(|(field, error)| (field.as_str(), error.code))
        .collect();
    assert_eq!(codes, [("date", "invalid_date"), ("time", "invalid_time")]);
}

#[test]
fn a_name_typed_with_combining_marks_is_composed_and_accepted() {
    // "Ștefănescu" as S + U+0326 (comma below) … a + U+0306 (breve): decomposed.
    let decomposed = "S\u{326}tefa\u{306}nescu";
    let name = PersonName::parse(decomposed).expect("accepted");
    assert_eq!(name.as_str(), "Ștefănescu");
    assert_eq!(name.as_str().chars().count(), 10);
}
