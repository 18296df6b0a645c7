//! Counties, offices and slots as the availability pages read them.

use chrono::{Duration, NaiveTime};
use epasapoarte::testing::TestDatabase;
use epasapoarte_domain::passport::PassportType;

use crate::on_both_backends;
use crate::story::{Story, booking, nth_slot, t0};

on_both_backends!(
    backend_first:
    offices_come_back_with_their_schedule_services_and_limits,
    planning_a_slot_twice_creates_it_once,
    slots_returns_the_half_open_range_in_time_order,
    first_free_slots_gives_each_office_its_first_slot_with_room,
);

async fn offices_come_back_with_their_schedule_services_and_limits(db: TestDatabase) {
    let story = Story::new(db).await;
    let expected = epasapoarte::testing::test_offices();

    let offices = story.store.offices().await.unwrap();

    assert_eq!(offices.len(), expected.len());
    for (got, want) in offices.iter().zip(&expected) {
        assert_eq!(got.name, want.name);
        assert_eq!(got.county_code, want.county_code);
        assert_eq!(got.address, want.address);
        assert_eq!(got.timezone, want.timezone);
        assert_eq!((got.max_persons, got.horizon_days), (5, 90));
        let mut services = got.services.clone();
        services.sort_by_key(|s| s.as_str());
        assert_eq!(
            services,
            vec![PassportType::Electronic, PassportType::Temporary]
        );
        assert_eq!(got.schedule, want.schedule, "{}", got.name);
    }
    // Inserting again finds the same office.
    let again = story.store.insert_office(&expected[0]).await.unwrap();
    assert_eq!(again, offices[0].id);
    assert_eq!(story.store.offices().await.unwrap().len(), expected.len());
}

async fn planning_a_slot_twice_creates_it_once(db: TestDatabase) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 3).await;
    story
        .store
        .create_booking(&booking(&slot).build())
        .await
        .unwrap();
    let same = epasapoarte::store::PlannedSlot {
        date: slot.date,
        time: slot.time,
        starts_at: slot.starts_at,
        capacity: 5,
    };

    let created = story.store.plan_slots(story.office, &[same]).await.unwrap();

    assert_eq!(created, 0);
    let stored = story.seats(&slot).await;
    assert_eq!(
        (stored.capacity, stored.taken),
        (3, 1),
        "planning never resets seats"
    );
}

async fn slots_returns_the_half_open_range_in_time_order(db: TestDatabase) {
    let story = Story::new(db).await;
    let mut planned = Vec::new();
    // Planned out of order on purpose.
    for n in [3, 0, 2, 1, 4] {
        planned.push(story.slot(n, 2).await);
    }
    planned.sort_by_key(|slot| slot.starts_at);
    let (from, to) = (planned[1].starts_at, planned[4].starts_at);

    let found = story.store.slots(story.office, from, to).await.unwrap();

    let times: Vec<NaiveTime> = found.iter().map(|slot| slot.time).collect();
    let expected: Vec<NaiveTime> = planned[1..4].iter().map(|slot| slot.time).collect();
    assert_eq!(times, expected, "from is included, to is not");
    assert!(found.iter().all(|slot| slot.office_id == story.office));
    let other_office = story.store.slots(story.offices[1], from, to).await.unwrap();
    assert!(other_office.is_empty());
}

async fn first_free_slots_gives_each_office_its_first_slot_with_room(db: TestDatabase) {
    let story = Story::new(db).await;
    let [a, b, c] = [story.offices[0], story.offices[1], story.offices[2]];
    // Office a: 08:30 full, 08:45 one seat, 09:00 three seats.
    let (date, _) = nth_slot(0);
    let a_full = story.slot_at(a, date, nth_slot(0).1, 2).await;
    let a_one = story.slot_at(a, date, nth_slot(1).1, 2).await;
    let a_three = story.slot_at(a, date, nth_slot(2).1, 3).await;
    story
        .store
        .create_booking(&booking(&a_full).persons(2).build())
        .await
        .unwrap();
    story
        .store
        .create_booking(&booking(&a_one).build())
        .await
        .unwrap();
    // Office b: its first slot (08:45) already has room for two.
    let b_first = story.slot_at(b, date, nth_slot(1).1, 4).await;
    // Office c: only a slot beyond the range.
    let c_late = story.slot_at(c, date, nth_slot(20).1, 4).await;
    let from = a_full.starts_at - Duration::hours(1);
    let to = c_late.starts_at;

    let for_one = story
        .store
        .first_free_slots(&[a, b, c], 1, from, to)
        .await
        .unwrap();
    let for_two = story
        .store
        .first_free_slots(&[a, b, c], 2, from, to)
        .await
        .unwrap();
    let after_first = story
        .store
        .first_free_slots(&[a], 2, a_three.starts_at + Duration::minutes(1), to)
        .await
        .unwrap();

    let summary = |found: &[epasapoarte::store::SlotSeats]| {
        found
            .iter()
            .map(|s| (s.office_id, s.time))
            .collect::<Vec<_>>()
    };
    assert_eq!(summary(&for_one), [(a, a_one.time), (b, b_first.time)]);
    // Ordered by time: b's 08:45 comes before a's 09:00.
    assert_eq!(summary(&for_two), [(b, b_first.time), (a, a_three.time)]);
    assert!(after_first.is_empty());
    assert!(
        for_one
            .iter()
            .all(|slot| slot.free() >= 1 && slot.starts_at >= t0())
    );
}
