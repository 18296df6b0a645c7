//! Office setup with safe re-planning: a manager's new weekly hours re-plan the future
//! slots at once; a booking the new hours strand is listed, never dropped, and the
//! manager keeps it (its seats exact, none offered beyond the schedule) or cancels it
//! with a reason (the citizen's e-mail is queued); bad hours are refused with the error
//! summary.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use epasapoarte::ids::{BookingId, OfficeId, TokenHash};
use epasapoarte::service::BookingRequest;
use epasapoarte::service::input::{ApplicantInput, CompanionInput};
use epasapoarte::store::{NewOutboxMessage, SlotSeats};
use epasapoarte_domain::booking::BookingStatus;

use super::support::{Backoffice, Browser, Persona};
use crate::on_both_backends;

on_both_backends!(
    a_manager_sets_weekly_hours_and_the_future_slots_follow,
    a_kept_booking_stays_with_exactly_its_seats,
    a_cancelled_booking_is_emailed_and_its_seats_are_not_offered_again,
    bad_hours_are_refused_with_the_error_summary,
);

/// The slots of office A over the next three weeks, planned as the job would.
pub async fn planned(app: &Backoffice) -> Vec<SlotSeats> {
    let store = app.state.service.store.as_ref();
    epasapoarte::seed::plan_all_slots(store, app.state.service.now())
        .await
        .expect("planning");
    slots(app).await
}

pub async fn slots(app: &Backoffice) -> Vec<SlotSeats> {
    let now = app.state.service.now();
    app.state
        .service
        .store
        .slots(app.office_a, now, now + Duration::days(21))
        .await
        .expect("slots")
}

pub async fn slot_of(app: &Backoffice, date: NaiveDate, time: NaiveTime) -> SlotSeats {
    slots(app)
        .await
        .into_iter()
        .find(|s| s.date == date && s.time == time)
        .expect("the slot is still there")
}

/// A confirmed booking of `persons` in the first open slot at least two days ahead.
pub async fn confirmed_booking(app: &Backoffice, persons: u16) -> (String, SlotSeats) {
    let now = app.state.service.now();
    let slot = planned(app)
        .await
        .into_iter()
        .find(|s| s.starts_at > now + Duration::days(2) && s.free() >= persons)
        .expect("an open slot");
    let request = BookingRequest {
        office_id: app.office_a,
        service: "passport_electronic".into(),
        date: slot.date.to_string(),
        time: slot.time.format("%H:%M").to_string(),
        applicant: ApplicantInput {
            last_name: "Popescu".into(),
            first_name: "Ana".into(),
            cnp: cnp(1),
            email: "ana.popescu@example.ro".into(),
            phone: None,
        },
        companions: (1..persons)
            .map(|i| CompanionInput {
                last_name: "Popescu".into(),
                first_name: "Ion".into(),
                cnp: cnp(1 + u32::from(i)),
            })
            .collect(),
        consent: true,
        lang: None,
    };
    let booking = request
        .parse(app.state.service.today_in_romania())
        .expect("a well-formed booking");
    let created = app
        .state
        .service
        .create_booking(&booking)
        .await
        .expect("a booking");
    let message = NewOutboxMessage {
        kind: "test",
        payload: Vec::new(),
    };
    app.state
        .service
        .store
        .confirm_booking(
            &created.id,
            now,
            &TokenHash(b"test cancel token".to_vec()),
            &message,
        )
        .await
        .expect("confirmed");
    (
        created.id.to_string(),
        slot_of(app, slot.date, slot.time).await,
    )
}

/// The n-th valid test CNP (born 1 Jan 1960 + n days, county 12).
fn cnp(n: u32) -> String {
    let birth = NaiveDate::from_ymd_opt(1960, 1, 1).unwrap() + Duration::days(i64::from(n));
    let body = format!("{}{}12{:03}", 1 + n % 2, birth.format("%y%m%d"), 1 + n);
    let digits: Vec<u8> = body.bytes().map(|b| b - b'0').collect();
    let first12: [u8; 12] = digits.try_into().unwrap();
    format!("{body}{}", epasapoarte_domain::cnp::check_digit(&first12))
}

/// (ISO weekday, start, end, slot minutes, counters), as typed.
type HoursRow<'a> = (u32, &'a str, &'a str, &'a str, &'a str);

/// Posts weekly hours rows.
async fn post_hours(
    browser: &Browser,
    office: OfficeId,
    rows: &[HoursRow<'_>],
) -> super::support::Reply {
    let mut fields: Vec<(String, String)> = Vec::new();
    for day in 1..=7u32 {
        let mine: Vec<_> = rows.iter().filter(|r| r.0 == day).collect();
        fields.push((format!("n-{day}"), mine.len().max(1).to_string()));
        for (i, (_, start, end, slot, counters)) in mine.iter().enumerate() {
            for (suffix, value) in [
                ("start", start),
                ("end", end),
                ("slot", slot),
                ("counters", counters),
            ] {
                fields.push((format!("h{day}-{i}-{suffix}"), (*value).to_string()));
            }
        }
    }
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    browser
        .post(&format!("/admin/birouri/{office}/program"), &pairs)
        .await
}

/// A weekday other than `day`, as its ISO number.
fn another_day(day: Weekday) -> u32 {
    day.succ().number_from_monday()
}

async fn a_manager_sets_weekly_hours_and_the_future_slots_follow(app: Backoffice) {
    let before = planned(&app).await;
    assert!(before.iter().any(|s| s.free() > 0));
    let manager = app.signed_in(Persona::ManagerA).await;

    let page = manager
        .get(&format!("/admin/birouri/{}/program", app.office_a))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Programul săptămânal"));

    let saved = post_hours(&manager, app.office_a, &[(3, "09:00", "10:00", "30", "4")]).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let back = format!("/admin/birouri/{}/program?salvat=1", app.office_a);
    assert_eq!(saved.location.as_deref(), Some(back.as_str()));

    let after = slots(&app).await;
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let half = NaiveTime::from_hms_opt(9, 30, 0).unwrap();
    for slot in &after {
        let open = slot.date.weekday() == Weekday::Wed && [nine, half].contains(&slot.time);
        if open && !epasapoarte_domain::calendar::is_public_holiday(slot.date) {
            assert_eq!((slot.capacity, slot.taken), (4, 0), "{slot:?}");
        } else {
            assert_eq!(slot.capacity, 0, "a slot the hours dropped: {slot:?}");
        }
    }
    assert!(after.iter().any(|s| s.capacity == 4));
    // Planning again (the 15-minute job) changes nothing.
    assert_eq!(planned(&app).await, after);
    let office = app
        .state
        .service
        .directory
        .office(app.office_a)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        office.schedule.weekly().count(),
        1,
        "the public side sees it"
    );
    let audit = app.audit_of("office.hours_saved").await;
    assert_eq!(audit.len(), 1);
    assert!(audit[0].after.as_deref().unwrap_or("").contains("09:00"));
}

async fn a_kept_booking_stays_with_exactly_its_seats(app: Backoffice) {
    let (id, slot) = confirmed_booking(&app, 2).await;
    let manager = app.signed_in(Persona::ManagerA).await;
    let day = another_day(slot.date.weekday());

    let saved = post_hours(
        &manager,
        app.office_a,
        &[(day, "08:00", "12:00", "30", "2")],
    )
    .await;
    let replan = format!("/admin/birouri/{}/replanificare", app.office_a);
    assert_eq!(saved.status, 303);
    assert_eq!(
        saved.location.as_deref(),
        Some(format!("{replan}?salvat=1").as_str())
    );
    let listed = manager.get(&replan).await;
    assert_eq!(listed.status, 200);
    assert!(listed.body.contains(&id), "the stranded booking is listed");
    let held = slot_of(&app, slot.date, slot.time).await;
    assert_eq!(
        (held.capacity, held.taken),
        (2, 2),
        "seats held, none offered"
    );

    let kept = manager
        .post(&replan, &[("booking", &id), ("decision", "keep")])
        .await;
    assert_eq!(kept.status, 303, "{}", kept.body);
    let listed = manager.get(&replan).await;
    assert!(
        !listed.body.contains(&id),
        "a decided booking leaves the list"
    );
    assert!(listed.body.contains("no-conflicts"));
    let booking = app
        .state
        .service
        .staff_booking(&BookingId(id.clone()))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(booking.status, BookingStatus::Confirmed);
    let held = slot_of(&app, slot.date, slot.time).await;
    assert_eq!((held.capacity, held.taken), (2, 2));
    // Saving the hours again does not list it again, nor open seats.
    post_hours(
        &manager,
        app.office_a,
        &[(day, "08:00", "12:00", "30", "2")],
    )
    .await;
    assert!(!manager.get(&replan).await.body.contains(&id));
    assert_eq!(slot_of(&app, slot.date, slot.time).await.free(), 0);
    assert_eq!(app.audit_of("replan.kept").await.len(), 1);
    // A second decision on it finds nothing to decide.
    let again = manager
        .post(&replan, &[("booking", &id), ("decision", "keep")])
        .await;
    assert_eq!(again.status, 404);
}

async fn a_cancelled_booking_is_emailed_and_its_seats_are_not_offered_again(app: Backoffice) {
    let (id, slot) = confirmed_booking(&app, 2).await;
    let manager = app.signed_in(Persona::ManagerA).await;
    let day = another_day(slot.date.weekday());
    post_hours(
        &manager,
        app.office_a,
        &[(day, "08:00", "12:00", "30", "2")],
    )
    .await;
    let depth = app
        .state
        .service
        .store
        .outbox_depth()
        .await
        .unwrap()
        .waiting;

    let replan = format!("/admin/birouri/{}/replanificare", app.office_a);
    let cancelled = manager
        .post(
            &replan,
            &[
                ("booking", &id),
                ("decision", "cancel"),
                ("reason", "schedule_change"),
            ],
        )
        .await;
    assert_eq!(cancelled.status, 303, "{}", cancelled.body);
    let booking = app
        .state
        .service
        .staff_booking(&BookingId(id.clone()))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(booking.status, BookingStatus::Cancelled);
    assert_eq!(
        app.state
            .service
            .store
            .outbox_depth()
            .await
            .unwrap()
            .waiting,
        depth + 1,
        "the citizen's notice is queued"
    );
    let freed = slot_of(&app, slot.date, slot.time).await;
    assert_eq!(
        (freed.capacity, freed.taken),
        (0, 0),
        "the seats of a dropped slot are not offered again"
    );
    let audit = app.audit_of("replan.cancelled").await;
    assert_eq!(audit.len(), 1);
    assert!(
        audit[0]
            .after
            .as_deref()
            .unwrap_or("")
            .contains("schedule_change")
    );
    assert!(!manager.get(&replan).await.body.contains(&id));
}

async fn bad_hours_are_refused_with_the_error_summary(app: Backoffice) {
    planned(&app).await;
    let manager = app.signed_in(Persona::ManagerA).await;
    let cases: [(&[HoursRow<'_>], &str); 6] = [
        (
            &[(1, "12:00", "09:00", "30", "2")],
            "Ora de sfârșit trebuie să fie după ora de început.",
        ),
        (
            &[
                (1, "09:00", "12:00", "30", "2"),
                (1, "11:00", "13:00", "30", "2"),
            ],
            "se suprapune",
        ),
        (&[(1, "09:00", "12:00", "30", "0")], "ghișee trebuie"),
        (&[(1, "09:00", "12:00", "0", "2")], "între 5 și 240"),
        (&[(1, "9.00", "12:00", "30", "2")], "HH:MM"),
        (
            &[(1, "09:00", "12:10", "30", "2")],
            "număr întreg de programări",
        ),
    ];
    for (rows, text) in cases {
        let reply = post_hours(&manager, app.office_a, rows).await;
        assert_eq!(reply.status, 422, "{rows:?}");
        assert!(reply.body.contains("error-summary"), "{rows:?}");
        assert!(reply.body.contains(text), "{rows:?}: {text}");
        assert!(reply.body.contains("Luni, intervalul"), "{rows:?}");
    }
    assert!(app.audit_of("office.hours_saved").await.is_empty());
    let office = app
        .state
        .service
        .directory
        .office(app.office_a)
        .await
        .unwrap()
        .unwrap();
    assert!(office.schedule.weekly().count() > 1, "nothing was saved");
}
