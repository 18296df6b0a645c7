//! Registering applications at the counter through the pages: a booked person from the
//! prefilled form, a walk-in, the fee named when the receipt is wrong, the temporary
//! passport's pickup rule, a CNP under restriction refused and audited, and another
//! office's clerk finding nothing of office A.

use epasapoarte::service::applications::RestrictionRequest;

use super::counter_support::{
    adult, confirmed_booking, in_days, number_in, register_walk_in, walk_in,
};
use super::support::{Backoffice, Persona};
use crate::on_both_backends;

on_both_backends!(
    a_clerk_registers_a_booked_person_from_the_prefilled_form,
    a_clerk_registers_a_walk_in_and_sees_its_number,
    a_wrong_amount_is_refused_naming_the_fee_due,
    a_temporary_passport_cannot_be_collected_at_another_office,
    a_restricted_cnp_is_refused_with_its_legal_basis_and_audited,
    a_clerk_of_office_b_sees_nothing_of_office_a,
    a_cnp_typed_with_spaces_and_hyphens_fits_its_field_and_is_accepted,
);

/// Issue 12: the clerk's CNP field was 14 characters wide, so "1 850315 12 0001" lost
/// its last digit from view. The field is as wide as a spaced CNP, and the CNP rules
/// (spaces and hyphens ignored) apply to registering and to searching alike.
async fn a_cnp_typed_with_spaces_and_hyphens_fits_its_field_and_is_accepted(app: Backoffice) {
    let clerk = app.signed_in(Persona::ClerkA).await;
    let cnp = adult(250);
    let typed = format!("{} {}-{} {}", &cnp[..1], &cnp[1..7], &cnp[7..9], &cnp[9..]);

    let form = clerk
        .get(&format!("/admin/birouri/{}/cereri/noua", app.office_a))
        .await;
    let search_page = clerk
        .get(&format!("/admin/birouri/{}/cereri", app.office_a))
        .await;
    let number = register_walk_in(&clerk, app.office_a, &typed).await;
    let found = clerk
        .post(
            &format!("/admin/birouri/{}/cereri/cautare", app.office_a),
            &[("cnp", typed.as_str())],
        )
        .await;

    for page in [&form, &search_page] {
        let field = page
            .body
            .split("id=\"cnp\"")
            .next()
            .and_then(|before| before.rsplit("<input").next())
            .unwrap_or_default();
        assert!(field.contains("input--w20"), "{field}");
    }
    assert_eq!(found.status, 200);
    assert!(
        found.body.contains(&format!(">{number}</a>")),
        "{}",
        found.body
    );
}

async fn a_clerk_registers_a_booked_person_from_the_prefilled_form(app: Backoffice) {
    let booking = confirmed_booking(&app, app.office_a, 2, 100).await;
    let clerk = app.signed_in(Persona::ClerkA).await;
    let form_path = format!(
        "/admin/birouri/{}/cereri/noua?programare={booking}&persoana=2",
        app.office_a
    );

    let form = clerk.get(&form_path).await;
    let mut fields = vec![
        ("programare", booking.as_str()),
        ("persoana", "2"),
        ("passport_type", "passport_electronic"),
        ("receipt_number", "GH-7781"),
        ("receipt_amount", "258"),
    ];
    let companion = adult(101);
    fields.extend([
        ("last_name", "Popescu"),
        ("first_name", "Ioana"),
        ("cnp", companion.as_str()),
    ]);
    let posted = clerk
        .post(
            &format!("/admin/birouri/{}/cereri/noua", app.office_a),
            &fields,
        )
        .await;

    assert_eq!(form.status, 200);
    assert!(form.body.contains(&format!("value=\"{companion}\"")));
    assert!(form.body.contains("value=\"Ioana\""));
    // Showing the CNP on the prefilled form is a view of it: audited, by its tail only.
    let views = app.audit_of("booking.cnp_viewed").await;
    assert_eq!(views.len(), 1);
    let after = views[0].after.as_deref().unwrap_or("");
    assert!(
        after.contains(&companion[9..]) && !after.contains(&companion),
        "{after}"
    );
    assert_eq!(posted.status, 303, "{}", posted.body);
    let location = posted.location.unwrap_or_default();
    assert!(location.ends_with("&inregistrata=1"), "{location}");
    let page = clerk.get(&location).await;
    assert_eq!(page.status, 200);
    let number = number_in(&location);
    assert!(
        page.body
            .contains(&format!("id=\"registered-number\">{number}<"))
    );
    assert!(
        page.body
            .contains(&format!("Programarea {booking}, persoana 2"))
    );
    let registered = app.audit_of("application.registered").await;
    assert_eq!(registered[0].target.as_deref(), Some(number.as_str()));
    assert_eq!(app.audit_of("application.viewed").await.len(), 1);
    let twice = clerk
        .post(
            &format!("/admin/birouri/{}/cereri/noua", app.office_a),
            &fields,
        )
        .await;
    assert_eq!(twice.status, 422);
    assert!(twice.body.contains("există deja o cerere"));
}

async fn a_clerk_registers_a_walk_in_and_sees_its_number(app: Backoffice) {
    let clerk = app.signed_in(Persona::ClerkA).await;

    let form = clerk
        .get(&format!("/admin/birouri/{}/cereri/noua", app.office_a))
        .await;
    let number = register_walk_in(&clerk, app.office_a, &adult(200)).await;
    let page = clerk
        .get(&format!(
            "/admin/birouri/{}/cerere?numar={number}",
            app.office_a
        ))
        .await;

    assert_eq!(form.status, 200);
    assert!(form.body.contains("Persoană fără programare"));
    assert!(
        form.body
            .contains("pașaport electronic 258 lei (sub 12 ani: 234 lei)")
    );
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Fără programare"));
    assert!(
        page.body.contains(&adult(200)),
        "staff of the office see the CNP"
    );
    assert!(page.body.contains("Cerere depusă"));
}

async fn a_wrong_amount_is_refused_naming_the_fee_due(app: Backoffice) {
    let clerk = app.signed_in(Persona::ClerkA).await;
    let cnp = adult(300);

    let reply = clerk
        .post(
            &format!("/admin/birouri/{}/cereri/noua", app.office_a),
            &walk_in(&cnp, "100"),
        )
        .await;

    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("error-summary"));
    assert!(
        reply.body.contains("Taxa datorată este 258 lei."),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("href=\"#receipt_amount\""));
    assert!(app.audit_of("application.registered").await.is_empty());
}

async fn a_temporary_passport_cannot_be_collected_at_another_office(app: Backoffice) {
    let clerk = app.signed_in(Persona::ClerkA).await;
    let cnp = adult(400);
    let office_b = app.office_b.to_string();
    let mut fields = walk_in(&cnp, "96");
    fields[0] = ("passport_type", "passport_temporary");
    fields.push(("pickup_office", office_b.as_str()));

    let reply = clerk
        .post(
            &format!("/admin/birouri/{}/cereri/noua", app.office_a),
            &fields,
        )
        .await;

    assert_eq!(reply.status, 422);
    assert!(reply.body.contains(
        "Pașaportul simplu temporar se ridică doar de la serviciul unde a fost depusă cererea."
    ));
    assert!(reply.body.contains("href=\"#pickup_office_id\""));
}

async fn a_restricted_cnp_is_refused_with_its_legal_basis_and_audited(app: Backoffice) {
    let cnp = adult(500);
    app.state
        .service
        .add_restriction(
            &RestrictionRequest {
                cnp: cnp.clone(),
                legal_basis: "Legea nr. 248/2005, art. 38 lit. a".into(),
                starts_on: String::new(),
                ends_on: in_days(&app, 30),
            },
            &epasapoarte::staff::Actor::System,
        )
        .await
        .expect("a restriction");
    let clerk = app.signed_in(Persona::ClerkA).await;

    let reply = clerk
        .post(
            &format!("/admin/birouri/{}/cereri/noua", app.office_a),
            &walk_in(&cnp, "258"),
        )
        .await;

    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("id=\"refusal\""));
    assert!(reply.body.contains("Legea nr. 248/2005, art. 38 lit. a"));
    let refusals = app.audit_of("application.refused_restricted").await;
    assert_eq!(refusals.len(), 1);
    let after = refusals[0].after.clone().unwrap_or_default();
    assert!(after.contains(&format!("…{}", &cnp[9..])), "{after}");
    let everything = app.audit(Default::default()).await;
    assert!(
        everything
            .iter()
            .all(|line| !format!("{line:?}").contains(&cnp)),
        "no full CNP in the audit log"
    );
}

async fn a_clerk_of_office_b_sees_nothing_of_office_a(app: Backoffice) {
    let booking = confirmed_booking(&app, app.office_a, 1, 600).await;
    let clerk_a = app.signed_in(Persona::ClerkA).await;
    let number = register_walk_in(&clerk_a, app.office_a, &adult(610)).await;
    let clerk_b = app.signed_in(Persona::ClerkB).await;
    let (a, b) = (app.office_a, app.office_b);

    let replies = [
        clerk_b
            .get(&format!("/admin/birouri/{a}/cereri/noua"))
            .await,
        clerk_b
            .get(&format!("/admin/birouri/{a}/cerere?numar={number}"))
            .await,
        clerk_b
            .get(&format!("/admin/birouri/{b}/cerere?numar={number}"))
            .await,
        clerk_b
            .get(&format!(
                "/admin/birouri/{b}/cereri/noua?programare={booking}&persoana=1"
            ))
            .await,
        clerk_b
            .post(
                &format!("/admin/birouri/{b}/cerere/status"),
                &[("numar", number.as_str()), ("status", "in_production")],
            )
            .await,
    ];
    let by_number = clerk_b
        .get(&format!("/admin/birouri/{b}/cereri?numar={number}"))
        .await;
    let cnp = adult(610);
    let by_cnp = clerk_b
        .post(
            &format!("/admin/birouri/{b}/cereri/cautare"),
            &[("cnp", cnp.as_str())],
        )
        .await;

    let statuses: Vec<u16> = replies.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [404, 404, 404, 404, 404]);
    for found in [&by_number, &by_cnp] {
        assert_eq!(found.status, 200);
        assert!(found.body.contains("id=\"results-empty\""));
        assert!(!found.body.contains(&format!(">{number}</a>")));
    }
}
