//! Hostile input, everywhere: every POST route of the route table, posted by an admin and by
//! office A's manager with every field its page reads set to hostile values (empty, 10 kB,
//! control characters and bytes that are not UTF-8, markup, SQL quotes, numbers and dates
//! out of range, other offices' ids, unknown application numbers, valid and invalid CNPs),
//! one field at a time over a plausible form and all at once (repeated, with an unknown
//! field); every GET route with hostile query strings. Never a 5xx, only the statuses a
//! refusal may have, a 422 always with its error summary, and no markup reflected as is.

use epasapoarte::http::MAX_BODY_BYTES;
use epasapoarte::web::admin::routes::{ROUTES, Verb};

use super::counter_support::walk_in;
use super::hostile_fixtures::{Ids, encode, fault, forms, params, send};
use super::support::{Backoffice, Browser, Persona};
use crate::on_both_backends;

on_both_backends!(
    hostile_forms_posted_by_an_admin_never_meet_a_server_error,
    hostile_forms_posted_by_a_manager_never_meet_a_server_error,
    hostile_query_strings_never_break_a_page,
    a_booking_id_or_audit_filter_holding_a_nul_is_simply_not_found,
);

/// PostgreSQL refuses a text holding a NUL with an error (not "no row"): such an id is
/// unknown before any query, and the audit filters drop control characters.
async fn a_booking_id_or_audit_filter_holding_a_nul_is_simply_not_found(app: Backoffice) {
    let clerk = app.signed_in(Persona::ClerkA).await;
    let admin = app.signed_in(Persona::Admin).await;
    let office = app.office_a;
    let id = "0123456789abcdef\u{0}123456789abcde";
    let mut walk_in = walk_in("1850315120001", "258");
    walk_in.extend([("programare", id), ("persoana", "1")]);

    let moved = clerk
        .post(
            &format!("/admin/birouri/{office}/agenda/prezenta"),
            &[("programare", id)],
        )
        .await;
    let prefilled = clerk
        .get(&format!(
            "/admin/birouri/{office}/cereri/noua?programare=%00&persoana=1"
        ))
        .await;
    let registered = clerk
        .post(&format!("/admin/birouri/{office}/cereri/noua"), &walk_in)
        .await;
    let audit = admin.get("/admin/audit?actor=adm%00in&action=%00").await;

    assert_eq!(moved.status, 404);
    assert_eq!(prefilled.status, 404);
    assert_eq!(registered.status, 422);
    assert!(registered.body.contains("error-summary"));
    assert_eq!(audit.status, 200);
}

async fn hostile_forms_posted_by_an_admin_never_meet_a_server_error(app: Backoffice) {
    post_sweep(&app, Persona::Admin).await;
}

async fn hostile_forms_posted_by_a_manager_never_meet_a_server_error(app: Backoffice) {
    post_sweep(&app, Persona::ManagerA).await;
}

async fn post_sweep(app: &Backoffice, persona: Persona) {
    let ids = Ids::of(app).await;
    let hostile = ids.hostile();
    let browser = app.signed_in(persona).await;
    let csrf = format!("csrf={}&", encode(&browser.csrf().await));
    // The password form and the login last: wrong passwords may lock the account.
    let last = ["/admin/parola", "/admin/login"];
    let mut routes: Vec<&str> = ROUTES
        .iter()
        .filter(|r| r.verb == Verb::Post && !last.contains(&r.path) && r.path != "/admin/iesire")
        .map(|r| r.path)
        .collect();
    routes.extend(last);
    let anonymous = app.browser();
    let anonymous_csrf = format!("csrf={}&", encode(&anonymous.csrf().await));
    let mut faults = Vec::new();
    let mut sent = 0;
    for template in routes {
        let path = template.replace("{office}", &app.office_a.to_string());
        let mut allowed = vec![303, 403, 404, 409, 422];
        if template.ends_with("/agenda/cnp")
            || template.ends_with("/agenda/cauta")
            || template.ends_with("/cereri/cautare")
            || template.ends_with("/personal")
            || template.ends_with("/parola") && template != "/admin/parola"
        {
            allowed.push(200);
        }
        let (who, token) = if template == "/admin/login" {
            allowed.push(429);
            (&anonymous, &anonymous_csrf)
        } else {
            (&browser, &csrf)
        };
        // Each password check is slow on purpose: the fields all at once only.
        let all_only = last.contains(&template);
        let mut all = forms(&ids.form(template), &hostile, all_only);
        if template.ends_with("/cereri/noua") {
            // The booked person's form too: the walk-in's leaves the booking fields empty.
            all.extend(forms(&ids.booked_form(), &hostile, false));
        }
        // A body over the limit is refused (413) before any handler reads it.
        let fit = all
            .into_iter()
            .filter(|(_, body)| body.len() < MAX_BODY_BYTES - 200);
        for (what, body) in fit {
            let answer = send(who, &path, Some(format!("{token}{body}"))).await;
            sent += 1;
            if let Some(fault) = fault(&answer, &allowed) {
                faults.push(format!("POST {template} with {what}: {fault}"));
            }
        }
    }
    // Nothing a hostile form saved may break a page afterwards.
    faults.extend(get_sweep(app, &browser, &params(&ids), &[]).await);
    assert!(
        faults.is_empty(),
        "{persona:?}, {sent} forms: {} faults:\n{}",
        faults.len(),
        faults.join("\n")
    );
}

/// Every GET route (office A's) plain, then with each hostile value in each parameter
/// over the plausible query and in all of them at once; the faults found.
async fn get_sweep(
    app: &Backoffice,
    browser: &Browser,
    params: &[(&'static str, String)],
    hostile: &[(&'static str, String)],
) -> Vec<String> {
    let query = |pairs: Vec<(&str, &str)>| {
        let pairs: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        pairs.join("&")
    };
    let mut queries = vec![("nothing".to_owned(), String::new())];
    for (label, value) in hostile {
        for (name, _) in params {
            let pairs = params
                .iter()
                .map(|(k, v)| (*k, if k == name { value } else { v }.as_str()))
                .collect();
            queries.push((format!("{label} in {name}"), query(pairs)));
        }
        let every = params.iter().map(|(k, _)| (*k, value.as_str())).collect();
        queries.push((format!("{label} in every parameter"), query(every)));
    }
    let mut faults = Vec::new();
    for route in ROUTES.iter().filter(|r| r.verb == Verb::Get) {
        let path = route.path_for(Some(app.office_a));
        // An address longer than 64 kB cannot even be sent (nor would a proxy pass it).
        for (what, query) in queries.iter().filter(|(_, q)| q.len() < 60_000) {
            let target = format!("{path}?{query}");
            let answer = send(browser, target.trim_end_matches('?'), None).await;
            if let Some(fault) = fault(&answer, &[200, 303, 403, 404, 422]) {
                faults.push(format!("GET {} with {what}: {fault}", route.path));
            }
        }
    }
    faults
}

async fn hostile_query_strings_never_break_a_page(app: Backoffice) {
    let ids = Ids::of(&app).await;
    let hostile = ids.hostile();
    let mut faults = Vec::new();
    for persona in [Persona::Admin, Persona::ManagerA] {
        let browser = app.signed_in(persona).await;
        for fault in get_sweep(&app, &browser, &params(&ids), &hostile).await {
            faults.push(format!("{persona:?}: {fault}"));
        }
    }
    assert!(
        faults.is_empty(),
        "{} faults:\n{}",
        faults.len(),
        faults.join("\n")
    );
}
