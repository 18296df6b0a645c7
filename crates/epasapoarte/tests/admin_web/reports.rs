//! Reports: per office and day the numbers are exact for bookings in known states, the
//! CSV holds the same rows as the table, and only the office's manager (or an admin) sees
//! an office's report. The lead time is in `reports_lead.rs`.

use chrono::Duration;
use epasapoarte_domain::booking::BookingStatus::*;

use super::reports_setup::{day, table_rows};
use super::support::{Backoffice, Persona, unresolved_keys};
use crate::on_both_backends;

on_both_backends!(
    a_managers_report_counts_each_day_exactly_from_the_bookings_statuses,
    the_csv_holds_the_same_rows_as_the_table,
    an_admin_sees_every_office_and_others_see_only_their_own,
    bad_ranges_are_refused_with_422,
    the_report_pages_read_well_in_romanian_and_english,
);

const RANGE: &str = "de_la=2030-03-04&pana_la=2030-03-06";

/// Office A, 2030-03-04: 8 seats in two slots, six bookings in six statuses; 2030-03-05:
/// 3 seats, nothing booked; 2030-03-06: closed. Office B has one booking that day.
async fn known_days(app: &Backoffice) {
    let (a, b, d1) = (app.office_a, app.office_b, day("2030-03-04"));
    app.plan(a, d1, "09:00", 4).await;
    app.plan(a, d1, "09:15", 4).await;
    app.plan(a, day("2030-03-05"), "09:00", 3).await;
    app.plan(b, d1, "09:00", 5).await;
    app.book(a, d1, "09:00", 2, CheckedIn).await;
    app.book(a, d1, "09:00", 1, NoShow).await;
    app.book(a, d1, "09:00", 1, Completed).await;
    app.book(a, d1, "09:15", 1, Pending).await;
    app.book(a, d1, "09:15", 2, Cancelled).await;
    app.book(a, d1, "09:15", 1, Expired).await;
    app.book(b, d1, "09:00", 1, Confirmed).await;
}

/// The page with its `&` entities turned back into `&` (for comparing links).
fn unescaped(html: &str) -> String {
    html.replace("&#38;", "&").replace("&amp;", "&")
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|cell| (*cell).to_owned()).collect()
}

async fn a_managers_report_counts_each_day_exactly_from_the_bookings_statuses(app: Backoffice) {
    known_days(&app).await;
    let manager = app.signed_in(Persona::ManagerA).await;
    let path = format!("/admin/birouri/{}/rapoarte?{RANGE}", app.office_a);

    let page = manager.get(&path).await;

    assert_eq!(page.status, 200);
    let rows = table_rows(&page.body, "report-days", "tbody");
    // date, offered, booked, confirmed, checked in, no-shows, cancelled, utilisation, lead
    assert_eq!(
        rows,
        vec![
            strings(&["2030-03-04", "8", "5", "4", "3", "1", "2", "62,5 %", "—"]),
            strings(&["2030-03-05", "3", "0", "0", "0", "0", "0", "0,0 %", "—"]),
            strings(&["2030-03-06", "0", "0", "0", "0", "0", "0", "—", "—"]),
        ]
    );
    let totals = table_rows(&page.body, "report-days", "tfoot");
    assert_eq!(
        totals,
        vec![strings(&["Total", "11", "5", "4", "3", "1", "2", "45,5 %"])]
    );
    assert!(
        page.body
            .contains("<svg class=\"chart\" id=\"chart-seats\"")
    );
    assert!(
        page.body
            .contains("<title>2030-03-04: 8 oferite, 5 rezervate</title>")
    );
    assert!(
        page.body
            .contains("aria-labelledby=\"chart-seats-title chart-seats-desc\"")
    );

    // The retention purge deletes personal data but keeps the anonymous rows.
    let store = &app.state.service.store;
    let far = app.clock_now() + Duration::days(3650);
    assert_eq!(
        store
            .purge_personal_data(far, app.clock_now())
            .await
            .unwrap(),
        7
    );
    let again = manager.get(&path).await;
    assert_eq!(table_rows(&again.body, "report-days", "tbody"), rows);
}

async fn the_csv_holds_the_same_rows_as_the_table(app: Backoffice) {
    known_days(&app).await;
    let manager = app.signed_in(Persona::ManagerA).await;
    let page = manager
        .get(&format!("/admin/birouri/{}/rapoarte?{RANGE}", app.office_a))
        .await;
    let csv_href = format!("/admin/birouri/{}/rapoarte.csv?{RANGE}", app.office_a);
    assert!(unescaped(&page.body).contains(&format!("href=\"{csv_href}\"")));

    let response = manager
        .client
        .get(format!("{}{csv_href}", manager.address))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("content-type"), "text/csv; charset=utf-8");
    assert_eq!(
        header("content-disposition"),
        format!(
            "attachment; filename=\"raport-birou-{}-2030-03-04-2030-03-06.csv\"",
            app.office_a
        )
    );
    let body = response.text().await.unwrap();
    let lines: Vec<&str> = body.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "date,seats_offered,seats_booked,confirmed,checked_in,no_shows,cancelled,utilisation_percent,lead_time_days"
    );
    assert_eq!(lines[1], "2030-03-04,8,5,4,3,1,2,62.5,");
    assert_eq!(
        lines.len(),
        5,
        "header, three days, and the final CRLF: {body:?}"
    );
    let table = table_rows(&page.body, "report-days", "tbody");
    for (row, line) in table.iter().zip(&lines[1..4]) {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(&row[..7], &fields[..7], "counts of {}", row[0]);
        let percent = row[7].trim_end_matches(" %").replace(',', ".");
        assert_eq!(
            fields[7],
            if percent == "—" {
                ""
            } else {
                percent.as_str()
            }
        );
    }
}

async fn an_admin_sees_every_office_and_others_see_only_their_own(app: Backoffice) {
    known_days(&app).await;
    let admin = app.signed_in(Persona::Admin).await;

    let all = admin.get(&format!("/admin/rapoarte?{RANGE}")).await;

    assert_eq!(all.status, 200);
    let rows = table_rows(&all.body, "report-offices", "tbody");
    let offices = app.state.service.directory.offices().await.unwrap();
    assert_eq!(rows.len(), offices.len(), "every office has a row");
    let name_a = &offices.iter().find(|o| o.id == app.office_a).unwrap().name;
    let name_b = &offices.iter().find(|o| o.id == app.office_b).unwrap().name;
    let row_of = |name: &str| rows.iter().find(|row| row[0] == name).cloned().unwrap();
    assert_eq!(
        &row_of(name_a)[2..9],
        &strings(&["11", "5", "4", "3", "1", "2", "45,5 %"])[..]
    );
    assert_eq!(
        &row_of(name_b)[2..9],
        &strings(&["5", "1", "1", "0", "0", "0", "20,0 %"])[..]
    );
    assert!(unescaped(&all.body).contains(&format!(
        "href=\"/admin/birouri/{}/rapoarte?{RANGE}\"",
        app.office_a
    )));
    let office_page = admin.get(&format!("/admin/birouri/{}", app.office_a)).await;
    assert!(office_page.body.contains(&format!(
        "href=\"/admin/birouri/{}/rapoarte\"",
        app.office_a
    )));

    let a_report = format!("/admin/birouri/{}/rapoarte?{RANGE}", app.office_a);
    let a_csv = format!("/admin/birouri/{}/rapoarte.csv?{RANGE}", app.office_a);
    let manager_b = app.signed_in(Persona::ManagerB).await;
    let clerk_a = app.signed_in(Persona::ClerkA).await;
    assert_eq!(manager_b.get(&a_report).await.status, 404);
    assert_eq!(manager_b.get(&a_csv).await.status, 404);
    assert_eq!(clerk_a.get(&a_report).await.status, 403);
    assert_eq!(clerk_a.get(&a_csv).await.status, 403);
    assert_eq!(manager_b.get("/admin/rapoarte").await.status, 403);
    assert_eq!(admin.get(&a_csv).await.status, 200);
    assert_eq!(
        admin.get("/admin/birouri/999999/rapoarte.csv").await.status,
        404
    );
}

async fn bad_ranges_are_refused_with_422(app: Backoffice) {
    let manager = app.signed_in(Persona::ManagerA).await;
    let admin = app.signed_in(Persona::Admin).await;
    let office = format!("/admin/birouri/{}/rapoarte", app.office_a);

    for query in [
        "de_la=04.03.2030&pana_la=2030-03-06",
        "de_la=2030-03-06&pana_la=2030-03-04",
        "de_la=2029-01-01&pana_la=2030-03-06",
        "pana_la=2030-02-30",
    ] {
        let page = manager.get(&format!("{office}?{query}")).await;
        assert_eq!(page.status, 422, "{query}");
        assert!(page.body.contains("class=\"error-summary\""), "{query}");
        assert!(!page.body.contains("id=\"report-days\""), "{query}");
        let csv = manager.get(&format!("{office}.csv?{query}")).await;
        assert_eq!(csv.status, 422, "{query}");
        assert!(!csv.body.contains('<'), "plain text: {}", csv.body);
        let all = admin.get(&format!("/admin/rapoarte?{query}")).await;
        assert_eq!(all.status, 422, "{query}");
        assert!(all.body.contains("href=\"#pana_la\"") || all.body.contains("href=\"#de_la\""));
    }
    let long = manager
        .get(&format!("{office}?de_la=2029-01-01&pana_la=2030-03-06"))
        .await;
    assert!(long.body.contains("cel mult 366 de zile"), "{}", long.body);
    assert!(
        long.body.contains("value=\"2029-01-01\""),
        "what was typed is kept"
    );
}

async fn the_report_pages_read_well_in_romanian_and_english(app: Backoffice) {
    known_days(&app).await;
    let admin = app.signed_in(Persona::Admin).await;
    let office = format!("/admin/birouri/{}/rapoarte", app.office_a);
    for (lang, marker) in [("en", "Seats booked"), ("ro", "Locuri rezervate")] {
        for path in ["/admin/rapoarte", office.as_str()] {
            let reply = admin.get(&format!("{path}?{RANGE}&lang={lang}")).await;
            assert_eq!(reply.status, 200, "{path} in {lang}");
            assert!(reply.body.contains(marker), "{path} in {lang}");
            assert_eq!(reply.body.matches("<h1").count(), 1, "{path}: one h1");
            assert!(
                unresolved_keys(&reply.body).is_empty(),
                "{path} {lang}: {:?}",
                unresolved_keys(&reply.body)
            );
        }
    }
    let english = admin.get(&format!("{office}?{RANGE}&lang=en")).await;
    let rows = table_rows(&english.body, "report-days", "tbody");
    assert_eq!(rows[0][7], "62.5%");
}
