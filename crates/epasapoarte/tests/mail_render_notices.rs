//! The cancellation notice and the lookup answer, escaping of hostile names, and the
//! rule that no e-mail ever carries a CNP.

#[path = "support/mail_fixtures.rs"]
mod fixtures;

use epasapoarte::i18n::Lang;
use epasapoarte::mail::{Mail, RenderedMail, render};
use epasapoarte_domain::booking::CancelReason;
use fixtures::*;

#[test]
fn a_citizen_cancellation_says_it_was_at_their_request() {
    let ro = render(&cancelled(Lang::Ro, "citizen"), BASE_URL);
    let en = render(&cancelled(Lang::En, "citizen"), BASE_URL);

    assert_eq!(ro.subject, "Programarea pentru pașaport a fost anulată");
    assert!(ro.text.contains("Motivul: la cererea dumneavoastră.\n"));
    assert!(
        ro.text
            .contains("Data: joi, 3 decembrie 2026\nOra: 09:30 (ora României)\n")
    );
    assert!(en.text.contains("Reason: at your request.\n"));
}

#[test]
fn a_staff_cancellation_gives_the_official_reason() {
    let mail = render(&cancelled(Lang::Ro, "no_proof_of_payment"), BASE_URL);
    assert!(
        mail.text
            .contains("Motivul: Lipsa dovezii achitării taxei de pașaport.\n")
    );
    let reason = Lang::Ro.t(CancelReason::NoProofOfPayment.key());
    assert!(mail.text.contains(&format!("Motivul: {reason}.\n")));

    let mail = render(&cancelled(Lang::En, "missing_documents"), BASE_URL);
    let reason = Lang::En.t(CancelReason::MissingDocuments.key());
    assert!(mail.text.contains(&format!("Reason: {reason}.\n")));
}

#[test]
fn a_staff_explanation_follows_the_reason_in_both_parts() {
    let mut mail = cancelled(Lang::Ro, "other");
    if let Mail::Cancelled { note, .. } = &mut mail {
        *note = Some("Biroul este închis din cauza unei avarii.".into());
    }
    let rendered = render(&mail, BASE_URL);
    for part in [&rendered.text, &rendered.html] {
        assert!(part.contains("Motivul: Alt motiv."), "{part}");
        assert!(
            part.contains("Explicația biroului: Biroul este închis din cauza unei avarii."),
            "{part}"
        );
    }
    let without = render(&cancelled(Lang::Ro, "other"), BASE_URL);
    assert!(!without.text.contains("Explicația biroului"));
}

#[test]
fn an_unknown_reason_key_reads_as_another_reason() {
    let mail = render(&cancelled(Lang::Ro, "something_new"), BASE_URL);
    assert!(mail.text.contains("Motivul: alt motiv.\n"));
    assert!(!mail.text.contains("something_new"));
}

#[test]
fn the_cancellation_offers_to_book_again() {
    let mail = render(&cancelled(Lang::Ro, "citizen"), BASE_URL);

    assert!(mail.text.contains(&format!(
        "Faceți o programare nouă:\n{BASE_URL}/programare\n"
    )));
    assert!(mail.html.contains(&format!(
        "<a href=\"{BASE_URL}/programare\">Faceți o programare nouă</a>"
    )));
    assert!(mail.ics.is_none());
}

#[test]
fn the_lookup_answer_lists_each_appointment_with_its_own_cancel_link() {
    let first = format!("{BASE_URL}/programare/anuleaza/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    let second = format!("{BASE_URL}/programare/anuleaza/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
    let mail = render(
        &lookup(
            Lang::Ro,
            vec![
                (appointment(), first.clone()),
                (appointment_abroad(), second.clone()),
            ],
        ),
        BASE_URL,
    );

    assert_eq!(mail.subject, "Programările dumneavoastră pentru pașaport");
    assert!(
        mail.text
            .contains("Programarea din joi, 3 decembrie 2026\n")
    );
    assert!(mail.text.contains("Programarea din marți, 9 iunie 2026\n"));
    assert!(
        mail.text
            .contains(&format!("Anulează această programare:\n{first}\n"))
    );
    assert!(
        mail.text
            .contains(&format!("Anulează această programare:\n{second}\n"))
    );
    let first_at = mail.text.find(&first).unwrap_or(usize::MAX);
    let london_at = mail.text.find("Europe/London").unwrap_or(0);
    assert!(
        first_at < london_at,
        "each link follows its own appointment"
    );
    assert_eq!(
        mail.html.matches("Anulează această programare</a>").count(),
        2
    );
}

#[test]
fn an_empty_lookup_answer_says_so_and_offers_to_book() {
    let ro = render(&lookup(Lang::Ro, Vec::new()), BASE_URL);
    let en = render(&lookup(Lang::En, Vec::new()), BASE_URL);

    assert!(
        ro.text
            .contains("Nu am găsit nicio programare activă făcută cu această adresă de e-mail.\n")
    );
    assert!(ro.text.contains(&format!("{BASE_URL}/programare\n")));
    assert!(!ro.text.contains("Anulează"));
    assert!(
        en.text
            .contains("We found no active appointment made with this e-mail address.\n")
    );
}

#[test]
fn names_and_addresses_are_escaped_in_html_and_kept_in_text() {
    let mut hostile = appointment();
    hostile.office_address = "Str. <script>alert(1)</script> & \"Co\"".into();
    hostile.persons[0].last_name = "<img src=x onerror=alert(1)>".into();
    let mails = [
        confirm_request(Lang::Ro, hostile.clone()),
        confirmed(Lang::En, hostile.clone()),
        Mail::Cancelled {
            to: "a@example.ro".into(),
            lang: Lang::Ro,
            reason: "other".into(),
            note: Some("<script>alert(1)</script> la ghișeu".into()),
            appointment: hostile.clone(),
        },
        lookup(Lang::Ro, vec![(hostile.clone(), CANCEL_URL.into())]),
    ];
    for mail in &mails {
        let rendered = render(mail, BASE_URL);
        assert!(!rendered.html.contains("<script>"), "{}", mail.kind());
        assert!(!rendered.html.contains("<img"), "{}", mail.kind());
        assert!(
            rendered.html.contains("&#60;script&#62;") || rendered.html.contains("&lt;script&gt;")
        );
        assert!(
            rendered.text.contains("<script>alert(1)</script>"),
            "text is not HTML"
        );
    }
}

/// A run of 13 or more digits anywhere: the shape of a CNP.
fn has_cnp_like_run(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        if run >= 13 {
            return true;
        }
    }
    false
}

#[test]
fn no_rendered_email_contains_a_cnp_like_number() {
    assert!(has_cnp_like_run("x2850203123456y"), "the detector works");
    for mail in every_mail() {
        let RenderedMail {
            subject,
            text,
            html,
            ics,
        } = render(&mail, BASE_URL);
        for part in [subject, text, html, ics.unwrap_or_default()] {
            assert!(!has_cnp_like_run(&part), "{}: {part}", mail.kind());
        }
    }
}

#[test]
fn every_email_in_every_language_has_both_parts_and_no_missing_key() {
    for mail in every_mail() {
        let rendered = render(&mail, BASE_URL);
        assert!(!rendered.subject.is_empty());
        assert!(rendered.html.contains("</html>"));
        // A missing catalogue key shows itself as "mail.something" ("e-mail." is prose).
        for part in [&rendered.subject, &rendered.text, &rendered.html] {
            let shown_key = part
                .match_indices("mail.")
                .any(|(at, _)| !part[..at].ends_with("e-"));
            assert!(!shown_key, "{}: missing key in {part}", mail.kind());
        }
    }
}

/// Issue 12: a booking still waiting for its confirmation is listed as such, with its
/// deadline and a confirm link before the cancel link; a confirmed one says "Confirmată".
#[test]
fn the_lookup_answer_gives_each_appointment_its_true_status_and_links() {
    let confirm_url = format!("{BASE_URL}/programare/confirma/CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC");
    let mut mail = lookup(
        Lang::Ro,
        vec![
            (appointment(), CANCEL_URL.into()),
            (appointment_abroad(), CANCEL_URL.into()),
        ],
    );
    if let Mail::Lookup { appointments, .. } = &mut mail {
        appointments[0].confirm = Some(epasapoarte::mail::PendingConfirm {
            url: confirm_url.clone(),
            expires_at: "2026-11-20T10:30:00Z".parse().unwrap(),
        });
    }

    let ro = render(&mail, BASE_URL);

    assert!(
        ro.text.contains(
            "Stare: Neconfirmată încă: confirmați-o până vineri, 20 noiembrie 2026, la ora 12:30"
        ),
        "{}",
        ro.text
    );
    assert!(ro.text.contains("Stare: Confirmată\n"), "{}", ro.text);
    let confirm_at = ro.text.find(&confirm_url).expect("the confirm link");
    let cancel_at = ro.text.find(CANCEL_URL).expect("a cancel link");
    assert!(confirm_at < cancel_at);
    assert_eq!(ro.text.matches("/programare/confirma/").count(), 1);
    assert_eq!(
        ro.html.matches("Confirmă această programare</a>").count(),
        1
    );
}

/// A lookup answer queued before issue 12 (`[appointment, cancel_url]` pairs) still
/// reads back from the outbox and renders.
#[test]
fn a_lookup_answer_queued_in_the_old_shape_still_renders() {
    let mut json =
        serde_json::to_value(lookup(Lang::Ro, vec![(appointment(), CANCEL_URL.into())])).unwrap();
    let item = json["appointments"][0].clone();
    json["appointments"][0] = serde_json::json!([item["appointment"], item["cancel_url"]]);

    let old: Mail = serde_json::from_value(json).expect("the old shape reads");

    let rendered = render(&old, BASE_URL);
    assert!(rendered.text.contains(CANCEL_URL));
}
