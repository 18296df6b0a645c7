//! Registration at the counter through the service: the number, the fee for the holder's
//! age, the pickup and courier rules. Who may be registered is in `people.rs`.

use epasapoarte::service::ServiceError;
use epasapoarte::service::applications::CourierAddress;
use epasapoarte_domain::application::ApplicationStatus;
use epasapoarte_domain::passport::Bani;

use super::helpers::{adult, child, office, staff, walk_in};
use crate::api::support::TestApp;
use crate::on_both_backends;

on_both_backends!(
    a_walk_in_gets_a_number_of_its_office_county_and_year,
    the_receipt_must_show_the_fee_for_the_holders_age,
    a_temporary_passport_stays_at_the_submitting_office_and_never_goes_by_courier,
    an_electronic_passport_may_go_to_another_office_a_mission_or_by_courier,
);

pub fn field_codes(error: ServiceError) -> Vec<(String, &'static str)> {
    match error {
        ServiceError::Validation(errors) => {
            errors.0.into_iter().map(|(f, e)| (f, e.code)).collect()
        }
        other => panic!("expected field errors, got {other:?}"),
    }
}

async fn a_walk_in_gets_a_number_of_its_office_county_and_year(app: TestApp) {
    let cluj = office(&app, "CJ").await;
    let service = &app.state.service;

    let first = service
        .register_application(&walk_in(cluj, &adult(1), "258,00"), &staff("clerk.ana"))
        .await
        .unwrap();
    let second = service
        .register_application(&walk_in(cluj, &adult(2), "258"), &staff("clerk.ana"))
        .await
        .unwrap();

    let year = service.today_in_romania().format("%Y").to_string();
    assert!(
        first
            .number
            .to_string()
            .starts_with(&format!("CJ-{year}-000001-")),
        "{}",
        first.number
    );
    assert_eq!(second.number.serial(), 2);
    assert_eq!(first.fee_due, Bani::from_lei(258));
    let view = service
        .application(&first.number)
        .await
        .unwrap()
        .expect("found");
    assert_eq!(
        (view.last_name.as_str(), view.cnp.as_str()),
        ("Ionescu", adult(1).as_str())
    );
    assert_eq!(view.status, ApplicationStatus::Submitted);
    assert_eq!(view.history.len(), 1);
    assert_eq!(view.history[0].actor, "clerk.ana");
}

async fn the_receipt_must_show_the_fee_for_the_holders_age(app: TestApp) {
    let cluj = office(&app, "CJ").await;
    let service = &app.state.service;
    let kid = child(&app, 10);

    let adult_fee = service
        .register_application(&walk_in(cluj, &kid, "258"), &staff("clerk"))
        .await;
    let mut courier_both = walk_in(cluj, &kid, "245,30");
    courier_both.courier = true;
    courier_both.courier_address = Some(address());
    let garbage = service
        .register_application(&walk_in(cluj, &kid, "2x"), &staff("clerk"))
        .await;

    assert_eq!(
        field_codes(adult_fee.unwrap_err()),
        [("receipt_amount".into(), "application.fee_mismatch")]
    );
    assert_eq!(
        field_codes(garbage.unwrap_err()),
        [("receipt_amount".into(), "application.amount_invalid")]
    );
    let paid_both = service
        .register_application(&courier_both, &staff("clerk"))
        .await
        .unwrap();
    assert_eq!(paid_both.fee_due, Bani::from_lei(234), "under 12: 234 lei");
    let child_fee = service
        .register_application(&walk_in(cluj, &child(&app, 11), "234"), &staff("clerk"))
        .await;
    assert!(child_fee.is_ok(), "{child_fee:?}");
}

fn address() -> CourierAddress {
    CourierAddress {
        street: "Str. Memorandumului nr. 21, ap. 3".into(),
        locality: "Cluj-Napoca".into(),
        county: "CJ".into(),
        postal_code: "400114".into(),
    }
}

async fn a_temporary_passport_stays_at_the_submitting_office_and_never_goes_by_courier(
    app: TestApp,
) {
    let (cluj, timis) = (office(&app, "CJ").await, office(&app, "TM").await);
    let service = &app.state.service;
    let temporary = |cnp: &str| {
        let mut request = walk_in(cluj, cnp, "96");
        request.passport_type = "passport_temporary".into();
        request
    };
    let mut elsewhere = temporary(&adult(20));
    elsewhere.pickup_office_id = Some(timis);
    let mut abroad = temporary(&adult(21));
    abroad.pickup_mission = Some("Consulatul General al României la Milano".into());
    let mut by_courier = temporary(&adult(22));
    by_courier.courier = true;
    by_courier.courier_address = Some(address());

    let refusals = [
        service
            .register_application(&elsewhere, &staff("clerk"))
            .await,
        service.register_application(&abroad, &staff("clerk")).await,
        service
            .register_application(&by_courier, &staff("clerk"))
            .await,
    ];
    let at_home = service
        .register_application(&temporary(&adult(23)), &staff("clerk"))
        .await;

    let codes: Vec<_> = refusals
        .into_iter()
        .map(|r| field_codes(r.unwrap_err()))
        .collect();
    assert_eq!(
        codes,
        [
            vec![("pickup_office_id".into(), "application.temporary_elsewhere")],
            vec![("pickup_mission".into(), "application.temporary_elsewhere")],
            vec![("courier".into(), "application.courier_not_electronic")],
        ]
    );
    assert_eq!(at_home.unwrap().fee_due, Bani::from_lei(96));
}

async fn an_electronic_passport_may_go_to_another_office_a_mission_or_by_courier(app: TestApp) {
    let (cluj, timis) = (office(&app, "CJ").await, office(&app, "TM").await);
    let service = &app.state.service;
    let mut other_office = walk_in(cluj, &adult(30), "258");
    other_office.pickup_office_id = Some(timis);
    let mut mission = walk_in(cluj, &adult(31), "258");
    mission.pickup_mission = Some("Consulatul General al României la Milano".into());
    let mut courier = walk_in(cluj, &adult(32), "258");
    courier.courier = true;
    courier.courier_address = Some(address());
    let mut courier_abroad = mission.clone();
    courier_abroad.cnp = adult(33);
    courier_abroad.courier = true;
    courier_abroad.courier_address = Some(address());

    for request in [&other_office, &mission, &courier] {
        let registered = service.register_application(request, &staff("clerk")).await;
        assert!(registered.is_ok(), "{registered:?}");
    }
    let refused = service
        .register_application(&courier_abroad, &staff("clerk"))
        .await;

    assert_eq!(
        field_codes(refused.unwrap_err()),
        [("courier".into(), "application.courier_with_mission")]
    );
    let found = service.search_applications(&adult(32)).await.unwrap();
    let (shipped_to, fee) = found[0].courier.clone().expect("a courier delivery");
    assert_eq!(
        (shipped_to.postal_code.as_str(), fee),
        ("400114", Bani(1_130))
    );
    let at_timis = service.search_applications(&adult(30)).await.unwrap();
    assert!(at_timis[0].concerns_office(timis) && at_timis[0].concerns_office(cluj));
}
