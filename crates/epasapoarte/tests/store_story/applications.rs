//! Passport applications in the store: numbers unique and gapless under concurrency, one
//! application per booked person, compare-and-set status moves with their history and
//! e-mail. Lookups are in `applications/lookups.rs`, restrictions and API tokens in
//! `applications/registry.rs`.

use std::time::Instant;

use chrono::{Duration, NaiveDate};
use epasapoarte::ids::OfficeId;
use epasapoarte::store::{
    MoveOutcome, NewApplication, PickupPlace, Registration, StatusChange, StoreError,
};
use epasapoarte::testing::TestDatabase;
use epasapoarte_domain::application::{ApplicationNumber, ApplicationStatus as A};
use epasapoarte_domain::passport::{Bani, HolderCategory, PassportType};

use crate::on_both_backends;
use crate::story::{Story, booking, message, random_bytes, report, shared, t0, together};

#[path = "applications/lookups.rs"]
mod lookups;
#[path = "applications/registry.rs"]
mod registry;

on_both_backends!(
    backend_first:
    a_hundred_concurrent_registrations_get_a_hundred_consecutive_numbers,
    each_county_and_year_counts_from_one,
    a_booked_person_gets_one_application_until_it_is_rejected,
    status_moves_are_compare_and_set_with_history_and_mail,
    racing_moves_have_exactly_one_winner_and_one_mail,
);

pub fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

/// A walk-in electronic application at `office` (county `county`), on `on`.
pub fn walk_in(office: OfficeId, county: &str, on: NaiveDate) -> NewApplication {
    NewApplication {
        office_id: office,
        county_code: county.to_owned(),
        booking: None,
        passport_type: PassportType::Electronic,
        holder_category: HolderCategory::Adult,
        cnp: random_bytes(),
        cnp_hash: random_bytes(),
        cnp_last9_hash: random_bytes(),
        last_name: random_bytes(),
        first_name: random_bytes(),
        email: Some(random_bytes()),
        lang: "ro".to_owned(),
        fee_due: Bani::from_lei(258),
        receipt_number: "CEC-0001".to_owned(),
        receipt_amount: Bani::from_lei(258),
        pickup: PickupPlace::Office(office),
        courier: None,
        expiry_reminder: false,
        submitted_on: on,
        actor: "clerk.ana".to_owned(),
        now: t0(),
    }
}

pub async fn register(
    story: &Story,
    new: &NewApplication,
) -> epasapoarte::store::ApplicationRecord {
    match story
        .store
        .register_application(new, None)
        .await
        .expect("register")
    {
        Registration::Registered(record) => *record,
        other => panic!("expected a registration, got {other:?}"),
    }
}

pub async fn county_of(story: &Story, office: OfficeId) -> String {
    let offices = story.store.offices().await.expect("offices");
    offices
        .iter()
        .find(|o| o.id == office)
        .map(|o| o.county_code.clone())
        .expect("the office")
}

fn change(number: ApplicationNumber, from: A, to: A) -> StatusChange {
    StatusChange {
        number,
        from,
        to,
        reason: None,
        actor: "token:pcp".to_owned(),
        now: t0() + Duration::days(1),
        outbox: None,
        expiry_reminder: None,
    }
}

async fn a_hundred_concurrent_registrations_get_a_hundred_consecutive_numbers(db: TestDatabase) {
    let story = Story::new(db).await;
    let county = county_of(&story, story.office).await;
    let new = walk_in(story.office, &county, day("2031-03-03"));
    let started = Instant::now();

    let results = together(shared(&story), 100, |store, _| {
        let new = new.clone();
        async move { store.register_application(&new, None).await }
    })
    .await;

    report(&story, "100 concurrent registrations", started);
    let mut serials: Vec<u32> = results
        .into_iter()
        .map(|result| match result.expect("registered") {
            Registration::Registered(record) => record.number.serial(),
            other => panic!("{other:?}"),
        })
        .collect();
    serials.sort_unstable();
    assert_eq!(serials, (1..=100).collect::<Vec<_>>(), "unique and gapless");
}

async fn each_county_and_year_counts_from_one(db: TestDatabase) {
    let story = Story::new(db).await;
    let (first, second) = (story.offices[0], story.offices[1]);
    let (county_a, county_b) = (
        county_of(&story, first).await,
        county_of(&story, second).await,
    );
    assert_ne!(county_a, county_b, "two test offices in two counties");

    let a1 = register(&story, &walk_in(first, &county_a, day("2031-12-31"))).await;
    let a2 = register(&story, &walk_in(first, &county_a, day("2031-12-31"))).await;
    let b1 = register(&story, &walk_in(second, &county_b, day("2031-12-31"))).await;
    let a_next_year = register(&story, &walk_in(first, &county_a, day("2032-01-02"))).await;

    assert_eq!((a1.number.serial(), a2.number.serial()), (1, 2));
    assert_eq!(b1.number.serial(), 1);
    assert_eq!(
        (a_next_year.number.year(), a_next_year.number.serial()),
        (2032, 1)
    );
    assert_eq!(a1.number.county().code(), county_a);
    assert_eq!(a1.status, A::Submitted);
    assert_eq!(a1.submitted_on, day("2031-12-31"));
    let events = story.store.application_events(a1.id).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!((events[0].from, events[0].to), (None, A::Submitted));
    assert_eq!(events[0].actor, "clerk.ana");
}

async fn a_booked_person_gets_one_application_until_it_is_rejected(db: TestDatabase) {
    let story = Story::new(db).await;
    let county = county_of(&story, story.office).await;
    let slot = story.slot(0, 5).await;
    let bk = booking(&slot).persons(2).build();
    story.store.create_booking(&bk).await.unwrap();
    let person = story
        .store
        .booked_person(&bk.id, 2)
        .await
        .unwrap()
        .expect("person 2");
    assert_eq!(person.cnp_hash, bk.persons[1].cnp_hash);
    assert_eq!(person.office_id, story.office);
    assert!(
        story
            .store
            .booked_person(&bk.id, 3)
            .await
            .unwrap()
            .is_none()
    );
    let mut new = walk_in(story.office, &county, day("2031-03-03"));
    new.booking = Some((bk.id.to_string(), 2));

    let first = register(&story, &new).await;
    let again = story.store.register_application(&new, None).await.unwrap();
    let mut reject = change(first.number, A::Submitted, A::Rejected);
    reject.reason = Some("date greșite".to_owned());
    story.store.move_application(&reject, None).await.unwrap();
    let replacement = story.store.register_application(&new, None).await.unwrap();

    assert_eq!(first.booking, Some((bk.id.to_string(), 2)));
    assert!(
        matches!(again, Registration::AlreadyRegistered),
        "{again:?}"
    );
    assert!(
        matches!(replacement, Registration::Registered(_)),
        "{replacement:?}"
    );
    let rejected = story
        .store
        .application_by_number(&first.number)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rejected.rejection_reason.as_deref(), Some("date greșite"));
}

async fn status_moves_are_compare_and_set_with_history_and_mail(db: TestDatabase) {
    let story = Story::new(db).await;
    let county = county_of(&story, story.office).await;
    let app = register(&story, &walk_in(story.office, &county, day("2031-03-03"))).await;
    let depth = story.depth().await;

    let first = story
        .store
        .move_application(&change(app.number, A::Submitted, A::InProduction), None)
        .await
        .unwrap();
    let stale = story
        .store
        .move_application(&change(app.number, A::Submitted, A::InProduction), None)
        .await
        .unwrap();
    let mut ready = change(app.number, A::InProduction, A::Ready);
    ready.outbox = Some(message("application_ready"));
    let to_ready = story.store.move_application(&ready, None).await.unwrap();
    let unknown = ApplicationNumber::new(&county, 2031, 999).unwrap();
    let missing = story
        .store
        .move_application(&change(unknown, A::Submitted, A::InProduction), None)
        .await;

    assert_eq!(first, MoveOutcome::Moved);
    assert_eq!(stale, MoveOutcome::Unchanged(A::InProduction));
    assert_eq!(to_ready, MoveOutcome::Moved);
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    assert_eq!(
        story.depth().await,
        depth + 1,
        "the ready e-mail, queued with the move"
    );
    let stored = story
        .store
        .application_by_number(&app.number)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, A::Ready);
    assert_eq!(stored.updated_at, t0() + Duration::days(1));
    let history: Vec<_> = story
        .store
        .application_events(app.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.from, e.to, e.actor))
        .collect();
    assert_eq!(
        history,
        [
            (None, A::Submitted, "clerk.ana".to_owned()),
            (Some(A::Submitted), A::InProduction, "token:pcp".to_owned()),
            (Some(A::InProduction), A::Ready, "token:pcp".to_owned()),
        ]
    );
}

async fn racing_moves_have_exactly_one_winner_and_one_mail(db: TestDatabase) {
    let story = Story::new(db).await;
    let county = county_of(&story, story.office).await;
    let app = register(&story, &walk_in(story.office, &county, day("2031-03-03"))).await;
    story
        .store
        .move_application(&change(app.number, A::Submitted, A::InProduction), None)
        .await
        .unwrap();
    let depth = story.depth().await;

    let outcomes = together(shared(&story), 20, |store, i| {
        let mut to = change(
            app.number,
            A::InProduction,
            if i % 2 == 0 { A::Ready } else { A::Shipped },
        );
        to.outbox = Some(message("application_ready"));
        async move { store.move_application(&to, None).await.expect("move") }
    })
    .await;

    let winners = outcomes
        .iter()
        .filter(|o| **o == MoveOutcome::Moved)
        .count();
    assert_eq!(winners, 1, "{outcomes:?}");
    assert_eq!(story.depth().await, depth + 1);
    assert_eq!(
        story.store.application_events(app.id).await.unwrap().len(),
        3
    );
}
