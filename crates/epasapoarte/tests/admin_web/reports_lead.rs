//! Reports' lead time: the hourly job samples every office, samples of one hour replace
//! each other, a day shows its worst sample, and the report's table and chart show it.

use chrono::Duration;
use epasapoarte::jobs;

use super::reports_setup::{day, table_rows};
use super::support::{Backoffice, Persona};
use crate::on_both_backends;

on_both_backends!(
    the_lead_time_job_samples_every_office_and_the_report_charts_it,
    lead_time_samples_keep_one_row_per_hour_and_the_days_worst,
);

async fn the_lead_time_job_samples_every_office_and_the_report_charts_it(app: Backoffice) {
    let now = app.clock_now();
    let store = &app.state.service.store;
    let office = app
        .state
        .service
        .directory
        .office(app.office_a)
        .await
        .unwrap()
        .unwrap();
    let today = now.with_timezone(&office.timezone).date_naive();
    // The app plans the offices' slots over their horizon at start: the first free one is
    // whatever the schedule gives; the store finds it independently of the job.
    let first = store
        .first_free_slots(&[app.office_a], 1, now, now + Duration::days(100))
        .await
        .unwrap();
    let expected = u32::try_from((first[0].date - today).num_days()).unwrap();

    let sampled = jobs::lead_time_once(&app.state.service).await.unwrap();
    // The same hour again is an upsert, not a second row.
    jobs::lead_time_once(&app.state.service).await.unwrap();

    let offices = app.state.service.directory.offices().await.unwrap();
    assert_eq!(sampled, offices.len(), "one sample per office");
    let lead = store
        .lead_time_days(app.office_a, today, today)
        .await
        .unwrap();
    assert_eq!(lead.len(), 1);
    assert_eq!(lead[0].worst_days, Some(expected));

    let manager = app.signed_in(Persona::ManagerA).await;
    let page = manager
        .get(&format!("/admin/birouri/{}/rapoarte", app.office_a))
        .await;
    assert_eq!(page.status, 200);
    let rows = table_rows(&page.body, "report-days", "tbody");
    assert_eq!(rows.len(), 30, "the default range: 30 days ending today");
    let last = rows.last().unwrap();
    assert_eq!(
        (last[0].clone(), last[8].clone()),
        (today.to_string(), expected.to_string())
    );
    assert!(page.body.contains("id=\"chart-lead\""));
    assert!(
        page.body
            .contains(&format!("<title>{today}: {expected}</title></circle>"))
    );
    assert!(
        page.body.contains(&format!("<strong>{expected}</strong>")),
        "the lead time now"
    );
}

/// Samples of one hour replace each other (latest wins); a day's value is its worst
/// sample, and a sample without any free seat makes the day "no free seat".
async fn lead_time_samples_keep_one_row_per_hour_and_the_days_worst(app: Backoffice) {
    use epasapoarte::store::LeadTimeSample;
    let store = &app.state.service.store;
    let d = day("2030-03-04");
    let hour = chrono::DateTime::parse_from_rfc3339("2030-03-04T08:00:00Z")
        .unwrap()
        .to_utc();
    let sample = |minutes: i64, days: Option<u32>| LeadTimeSample {
        office_id: app.office_b,
        at: hour + Duration::minutes(minutes),
        date: d,
        days,
    };
    store
        .record_lead_times(&[sample(10, Some(9))])
        .await
        .unwrap();
    store
        .record_lead_times(&[sample(20, Some(4))])
        .await
        .unwrap();
    store
        .record_lead_times(&[sample(5, Some(30))])
        .await
        .unwrap();
    let one_hour = store.lead_time_days(app.office_b, d, d).await.unwrap();
    assert_eq!(
        one_hour[0].worst_days,
        Some(4),
        "the hour's latest sample is kept"
    );

    store
        .record_lead_times(&[sample(70, Some(6))])
        .await
        .unwrap();
    assert_eq!(
        store.lead_time_days(app.office_b, d, d).await.unwrap()[0].worst_days,
        Some(6)
    );
    store.record_lead_times(&[sample(130, None)]).await.unwrap();
    assert_eq!(
        store.lead_time_days(app.office_b, d, d).await.unwrap()[0].worst_days,
        None
    );

    let manager = app.signed_in(Persona::ManagerB).await;
    let page = manager
        .get(&format!(
            "/admin/birouri/{}/rapoarte?de_la=2030-03-04&pana_la=2030-03-04",
            app.office_b
        ))
        .await;
    let rows = table_rows(&page.body, "report-days", "tbody");
    assert_eq!(rows[0][8], "niciun loc liber");
    let csv = manager
        .get(&format!(
            "/admin/birouri/{}/rapoarte.csv?de_la=2030-03-04&pana_la=2030-03-04",
            app.office_b
        ))
        .await;
    assert!(csv.body.ends_with(",none\r\n"), "{:?}", csv.body);
}
