//! Office setup, dates and settings: a closed date strands its bookings until the
//! exception goes; special hours open exactly their slots; services, limits and horizon
//! are saved; bad dates and settings are refused with the error summary.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use epasapoarte_domain::passport::PassportType;

use super::office_setup::{confirmed_booking, planned, slot_of, slots};
use super::support::{Backoffice, Browser, Persona, Reply};
use crate::on_both_backends;

on_both_backends!(
    a_closed_date_strands_its_booking_until_the_exception_is_removed,
    special_hours_on_a_date_open_exactly_their_slots,
    a_manager_saves_services_limits_and_horizon,
    bad_dates_and_settings_are_refused_with_the_error_summary,
    a_manager_sets_pickup_and_public_relations_hours_that_the_public_page_shows,
);

/// Issue 12 item 9: separate hours for handing out passports and certificates and for
/// public relations (seed 004's layout); until set, the application hours stand for them.
async fn a_manager_sets_pickup_and_public_relations_hours_that_the_public_page_shows(
    app: Backoffice,
) {
    let manager = app.signed_in(Persona::ManagerA).await;
    let path = format!("/admin/birouri/{}/program-activitati", app.office_a);
    let public = || async {
        reqwest::get(format!("{}/birouri", app.address))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };

    let before = public().await;
    let form = manager.get(&path).await;
    let bad = [
        manager.post(&path, &[("pickup-2-start", "9")]).await,
        manager.post(&path, &[("pickup-2-start", "09:00")]).await,
        manager
            .post(
                &path,
                &[("pickup-2-start", "12:00"), ("pickup-2-end", "09:00")],
            )
            .await,
    ];
    let saved = manager
        .post(
            &path,
            &[
                ("pickup-1-start", "09:00"),
                ("pickup-1-end", "12:00"),
                ("public_relations-3-start", "10:00"),
                ("public_relations-3-end", "14:00"),
            ],
        )
        .await;
    let after = public().await;
    let again = manager.get(&path).await;

    assert!(before.contains("Relații cu publicul"));
    assert!(!before.contains("Luni: 09:00–12:00"));
    assert_eq!(form.status, 200);
    assert_eq!(bad.each_ref().map(|r| r.status), [422, 422, 422]);
    assert!(bad[0].body.contains("href=\"#pickup-2-start\""));
    assert!(bad[1].body.contains("Completați ambele ore"));
    assert!(bad[2].body.contains("după ora de început"));
    assert_eq!(saved.status, 303);
    assert!(after.contains("Luni: 09:00–12:00"), "pickup on Monday");
    assert!(after.contains("Marți–Duminică: închis"));
    assert!(
        after.contains("Miercuri: 10:00–14:00"),
        "public relations on Wednesday"
    );
    assert!(
        again.body.contains("value=\"09:00\""),
        "the form shows what was saved"
    );
    assert_eq!(app.audit_of("office.activity_hours_saved").await.len(), 1);
}

async fn a_closed_date_strands_its_booking_until_the_exception_is_removed(app: Backoffice) {
    let (id, slot) = confirmed_booking(&app, 1).await;
    let capacity = slot.capacity;
    let manager = app.signed_in(Persona::ManagerA).await;
    let base = format!("/admin/birouri/{}", app.office_a);
    let date = slot.date.to_string();

    let added = manager
        .post(
            &format!("{base}/exceptii"),
            &[("date", &date), ("kind", "closed")],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let replan = format!("{base}/replanificare?salvat=1");
    assert_eq!(added.location.as_deref(), Some(replan.as_str()));
    assert!(
        manager
            .get(&format!("{base}/replanificare"))
            .await
            .body
            .contains(&id)
    );
    for other in slots(&app).await.iter().filter(|s| s.date == slot.date) {
        assert_eq!(other.capacity, other.taken, "closed: {other:?}");
    }
    let page = manager.get(&format!("{base}/exceptii")).await;
    assert!(page.body.contains(&format!("data-date=\"{date}\"")));
    assert!(page.body.contains("Închis"));

    let removed = manager
        .post(&format!("{base}/exceptii/stergere"), &[("date", &date)])
        .await;
    assert_eq!(removed.status, 303, "{}", removed.body);
    let back = format!("{base}/exceptii?salvat=1");
    assert_eq!(removed.location.as_deref(), Some(back.as_str()));
    let reopened = slot_of(&app, slot.date, slot.time).await;
    assert_eq!((reopened.capacity, reopened.taken), (capacity, 1));
    assert!(
        !manager
            .get(&format!("{base}/replanificare"))
            .await
            .body
            .contains(&id)
    );
    assert_eq!(app.audit_of("office.exception_added").await.len(), 1);
    assert_eq!(app.audit_of("office.exception_removed").await.len(), 1);
    let gone = manager
        .post(&format!("{base}/exceptii/stergere"), &[("date", &date)])
        .await;
    assert_eq!(gone.status, 404, "no exception left on that date");
}

async fn special_hours_on_a_date_open_exactly_their_slots(app: Backoffice) {
    let now = app.state.service.now();
    let day = planned(&app)
        .await
        .into_iter()
        .find(|s| s.starts_at > now + Duration::days(2))
        .expect("an open day")
        .date;
    let manager = app.signed_in(Persona::ManagerA).await;
    let reply = manager
        .post(
            &format!("/admin/birouri/{}/exceptii", app.office_a),
            &[
                ("date", &day.to_string()),
                ("kind", "special"),
                ("x-0-start", "08:30"),
                ("x-0-end", "10:30"),
                ("x-0-slot", "60"),
                ("x-0-counters", "1"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let open: Vec<(NaiveTime, u16)> = slots(&app)
        .await
        .iter()
        .filter(|s| s.date == day && s.capacity > 0)
        .map(|s| (s.time, s.capacity))
        .collect();
    let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    assert_eq!(open, vec![(at(8, 30), 1), (at(9, 30), 1)]);
}

async fn a_manager_saves_services_limits_and_horizon(app: Backoffice) {
    planned(&app).await;
    let admin = app.signed_in(Persona::Admin).await;
    let path = format!("/admin/birouri/{}/setari", app.office_a);
    assert_eq!(admin.get(&path).await.status, 200);
    let reply = admin
        .post(
            &path,
            &[
                ("service", "passport_electronic"),
                ("max_persons", "3"),
                ("horizon_days", "30"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let office = app
        .state
        .service
        .directory
        .office(app.office_a)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(office.services, vec![PassportType::Electronic]);
    assert_eq!((office.max_persons, office.horizon_days), (3, 30));
    let audit = app.audit_of("office.settings_saved").await;
    assert_eq!(audit.len(), 1);
    assert!(
        audit[0]
            .before
            .as_deref()
            .unwrap_or("")
            .contains("passport_temporary")
    );
    let page = admin.get(&format!("{path}?salvat=1")).await;
    assert!(page.body.contains("value=\"30\""));
}

async fn bad_dates_and_settings_are_refused_with_the_error_summary(app: Backoffice) {
    planned(&app).await;
    let manager = app.signed_in(Persona::ManagerA).await;
    let base = format!("/admin/birouri/{}", app.office_a);
    let today = app.state.service.today_in_romania();
    bad_exceptions_are_refused(&manager, &base, today).await;
    bad_settings_are_refused(&manager, &base).await;
    assert!(app.audit_of("office.settings_saved").await.is_empty());
}

/// A malformed or past date, a missing kind, special hours without a valid interval, and
/// a second exception on one date: each 422 with its message.
async fn bad_exceptions_are_refused(manager: &Browser, base: &str, today: NaiveDate) {
    let mut monday = today + Duration::days(7);
    while monday.weekday() != Weekday::Mon {
        monday += Duration::days(1);
    }
    let (yesterday, later) = ((today - Duration::days(1)).to_string(), monday.to_string());
    // The next public holiday: the public pages say it is closed (issue 12).
    let holiday = [today.year(), today.year() + 1]
        .into_iter()
        .flat_map(epasapoarte_domain::calendar::public_holidays)
        .find(|h| h.date > today)
        .expect("a holiday ahead")
        .date
        .to_string();
    let exceptions: [(&[(&str, &str)], &str); 6] = [
        (
            &[
                ("date", &holiday),
                ("kind", "special"),
                ("x-0-start", "09:00"),
                ("x-0-end", "12:00"),
                ("x-0-slot", "30"),
                ("x-0-counters", "1"),
            ],
            "este sărbătoare legală",
        ),
        (&[("date", "24.12.2025"), ("kind", "closed")], "AAAA-LL-ZZ"),
        (
            &[("date", &yesterday), ("kind", "closed")],
            "astăzi sau mai târziu",
        ),
        (&[("date", &later)], "Alegeți dacă biroul"),
        (
            &[("date", &later), ("kind", "special")],
            "cel puțin un interval",
        ),
        (
            &[
                ("date", &later),
                ("kind", "special"),
                ("x-0-start", "10:00"),
                ("x-0-end", "09:00"),
                ("x-0-slot", "30"),
                ("x-0-counters", "1"),
            ],
            "după ora de început",
        ),
    ];
    for (fields, text) in exceptions {
        let reply = manager.post(&format!("{base}/exceptii"), fields).await;
        assert_refused(&reply, fields, text);
    }
    let closed = [("date", later.as_str()), ("kind", "closed")];
    assert_eq!(
        manager
            .post(&format!("{base}/exceptii"), &closed)
            .await
            .status,
        303
    );
    let twice = manager.post(&format!("{base}/exceptii"), &closed).await;
    assert_eq!(twice.status, 422);
    assert!(twice.body.contains("există deja o excepție"));
}

/// Too many persons, an unknown or missing service, a horizon of 0 days: each 422.
async fn bad_settings_are_refused(manager: &Browser, base: &str) {
    let settings: [(&[(&str, &str)], &str); 4] = [
        (
            &[
                ("service", "passport_electronic"),
                ("max_persons", "11"),
                ("horizon_days", "90"),
            ],
            "între 1 și 10",
        ),
        (
            &[
                ("service", "passport_diplomatic"),
                ("max_persons", "5"),
                ("horizon_days", "90"),
            ],
            "doar dintre serviciile",
        ),
        (
            &[("max_persons", "5"), ("horizon_days", "90")],
            "cel puțin un serviciu",
        ),
        (
            &[
                ("service", "passport_electronic"),
                ("max_persons", "5"),
                ("horizon_days", "0"),
            ],
            "între 1 și 90",
        ),
    ];
    for (fields, text) in settings {
        let reply = manager.post(&format!("{base}/setari"), fields).await;
        assert_refused(&reply, fields, text);
    }
}

/// 422 with the error summary and `text` in it.
fn assert_refused(reply: &Reply, fields: &[(&str, &str)], text: &str) {
    assert_eq!(reply.status, 422, "{fields:?}");
    assert!(reply.body.contains("error-summary"), "{fields:?}");
    assert!(reply.body.contains(text), "{fields:?}: {text}");
}
