//! `/admin/audit`: the admin reads the trail newest first, filters it by actor, action,
//! office and dates, and pages through it 50 lines at a time; bad filters are reported
//! in the error summary, never a 5xx.

use chrono::Duration;
use epasapoarte::staff::{Actor, AuditEvent};

use super::support::{Backoffice, Persona, unresolved_keys};
use crate::on_both_backends;

on_both_backends!(
    the_trail_is_filtered_and_paged,
    bad_filters_are_reported_not_crashed
);

fn rows(html: &str) -> usize {
    html.split("id=\"audit-lines\"")
        .nth(1)
        .map_or(0, |table| table.matches("<tr><td>").count())
}

/// The href of the "older entries" link, unescaped.
fn older_link(html: &str) -> Option<String> {
    let head = html.split("id=\"audit-older\"").next()?;
    let href = head.rsplit("href=\"").next()?;
    Some(
        href.chars()
            .take_while(|c| *c != '"')
            .collect::<String>()
            .replace("&amp;", "&"),
    )
}

async fn the_trail_is_filtered_and_paged(app: Backoffice) {
    let staff = app.staff();
    for n in 0..55 {
        let event = AuditEvent::new(
            Actor::Token("centrul-de-productie".into()),
            "application.moved",
        )
        .office(Some(app.office_b))
        .target(format!("application:{n}"));
        staff.audit(event).await.expect("audit");
    }
    let admin = app.signed_in(Persona::Admin).await;

    let first = admin.get("/admin/audit").await;
    assert_eq!(first.status, 200);
    assert_eq!(rows(&first.body), 50);
    assert!(
        first.body.contains("login.succeeded"),
        "the admin's own login is there"
    );
    assert!(
        unresolved_keys(&first.body).is_empty(),
        "{:?}",
        unresolved_keys(&first.body)
    );
    let older = older_link(&first.body).expect("a link to older lines");
    let second = admin.get(&older).await;
    assert_eq!(second.status, 200);
    assert!(second.body.contains("id=\"audit-newest\""));
    assert!(rows(&second.body) > 0);

    let by_actor = admin
        .get("/admin/audit?actor=token%3Acentrul-de-productie")
        .await;
    assert_eq!(rows(&by_actor.body), 50);
    let by_action = admin.get("/admin/audit?action=login.succeeded").await;
    assert_eq!(rows(&by_action.body), 1);
    let by_office = admin
        .get(&format!(
            "/admin/audit?office={}&action=application.moved",
            app.office_a
        ))
        .await;
    assert!(by_office.body.contains("id=\"audit-empty\""));
    let today = app
        .staff()
        .now()
        .with_timezone(&chrono_tz::Europe::Bucharest)
        .date_naive();
    let tomorrow = today + Duration::days(1);
    let by_dates = admin
        .get(&format!("/admin/audit?from={tomorrow}&to={tomorrow}"))
        .await;
    assert!(by_dates.body.contains("id=\"audit-empty\""));
    let today_only = admin
        .get(&format!(
            "/admin/audit?from={today}&to={today}&action=login.succeeded"
        ))
        .await;
    assert_eq!(rows(&today_only.body), 1);
}

async fn bad_filters_are_reported_not_crashed(app: Backoffice) {
    let admin = app.signed_in(Persona::Admin).await;
    let hostile = [
        "/admin/audit?from=31.12.2026",
        "/admin/audit?office=abc",
        "/admin/audit?from=2026-12-02&to=2026-12-01",
        "/admin/audit?actor=%3Cscript%3Ealert(1)%3C%2Fscript%3E&inainte=-5",
        "/admin/audit?office=99999999999999999999999",
        "/admin/audit?%ff%fe=%00",
    ];
    for path in hostile {
        let reply = admin.get(path).await;
        assert!(
            matches!(reply.status, 200 | 422),
            "{path}: {}",
            reply.status
        );
        assert!(!reply.body.contains("<script>alert"), "{path} is escaped");
    }
    let bad_date = admin.get("/admin/audit?from=31.12.2026").await;
    assert_eq!(bad_date.status, 422);
    assert!(
        bad_date.body.contains("Există o problemă") && bad_date.body.contains("href=\"#from\"")
    );
}
