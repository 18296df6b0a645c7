//! Migrations and the demo data on a real database: repeatable, complete, and slots only
//! where the calendar allows.

use chrono::{Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use epasapoarte::seed;
use epasapoarte::store;
use epasapoarte::testing::TestDatabase;
use epasapoarte_domain::calendar::{add_working_days, is_public_holiday};

use crate::on_both_backends;

on_both_backends!(
    backend_first:
    migrations_apply_twice_without_error,
    seeding_twice_creates_everything_once,
    seeded_slots_open_on_working_days_only_with_the_demo_hours,
);

async fn migrations_apply_twice_without_error(db: TestDatabase) {
    let first = store::connect(&db.url).await.unwrap();

    first.migrate().await.unwrap();
    let second = store::connect(&db.url).await.unwrap();

    second.ping().await.unwrap();
    assert_eq!(second.backend(), db.backend.as_str());
    assert!(second.counties().await.unwrap().is_empty());
}

async fn seeding_twice_creates_everything_once(db: TestDatabase) {
    let store = store::connect(&db.url).await.unwrap();
    let now = Utc.with_ymd_and_hms(2030, 4, 10, 9, 0, 0).unwrap();

    let first = seed::seed(&*store, now).await.unwrap();
    let second = seed::seed(&*store, now).await.unwrap();

    assert_eq!(first.counties, 42);
    assert!(first.offices_created >= 42, "{first:?}");
    assert!(first.slots_created > 0);
    assert_eq!(second.counties, 42);
    assert_eq!((second.offices_created, second.slots_created), (0, 0));
    let counties = store.counties().await.unwrap();
    let offices = store.offices().await.unwrap();
    assert_eq!(counties.len(), 42);
    assert_eq!(offices.len(), first.offices_created);
    for (code, name) in &counties {
        assert!(
            offices.iter().any(|o| &o.county_code == code),
            "no office in {name}"
        );
    }
    // A day later the window has moved: only the new day's slots are created.
    let tomorrow = seed::plan_all_slots(&*store, now + Duration::days(1))
        .await
        .unwrap();
    assert!(tomorrow < first.slots_created / 10);
}

async fn seeded_slots_open_on_working_days_only_with_the_demo_hours(db: TestDatabase) {
    let store = store::connect(&db.url).await.unwrap();
    // Early October 2025: the window reaches Christmas Eve, a Wednesday, and crosses
    // 30 November, 1 December and a few weekends.
    let now = Utc.with_ymd_and_hms(2025, 10, 1, 5, 0, 0).unwrap();
    seed::seed(&*store, now).await.unwrap();
    let office = store.offices().await.unwrap().remove(0);

    let slots = store
        .slots(office.id, now, now + Duration::days(100))
        .await
        .unwrap();

    let today = now.with_timezone(&office.timezone).date_naive();
    let next_working_day = add_working_days(today, 1).unwrap();
    assert!(slots.iter().any(|slot| slot.date == next_working_day));
    assert!(
        slots.iter().any(|slot| slot.date == today),
        "later today counts"
    );
    for slot in &slots {
        assert!(
            !matches!(slot.date.weekday(), Weekday::Sat | Weekday::Sun),
            "{slot:?}"
        );
        assert!(!is_public_holiday(slot.date), "{slot:?}");
        assert!(slot.starts_at > now);
        assert_eq!(slot.taken, 0);
    }
    let last_of = |day: u32| {
        slots
            .iter()
            .filter(|slot| slot.date.month() == 12 && slot.date.day() == day)
            .map(|slot| slot.time)
            .max()
    };
    let time = |h, m| NaiveTime::from_hms_opt(h, m, 0);
    // Wednesday 2025-12-17 runs late; Wednesday 2025-12-24 closes at 16:30.
    assert_eq!(last_of(17), time(18, 15));
    assert_eq!(last_of(24), time(16, 15));
    assert_eq!(last_of(25), None, "Christmas");
    assert!(
        !slots
            .iter()
            .any(|slot| slot.date.month() == 12 && slot.date.day() == 1)
    );
}
