//! The rendered e-mails (SPEC §2 J2–J5): what each one says, in Romanian and English,
//! with fixed dates. Key lines are asserted; the Romanian confirm request is pinned whole.

#[path = "support/mail_fixtures.rs"]
mod fixtures;

use epasapoarte::i18n::Lang;
use epasapoarte::mail::render;
use epasapoarte_domain::passport::Document;
use fixtures::*;

#[test]
fn romanian_confirm_request_reads_exactly_as_written() {
    let mail = render(&confirm_request(Lang::Ro, appointment()), BASE_URL);

    assert_eq!(mail.subject, "Confirmați programarea pentru pașaport");
    let expected = format!(
        "Bună ziua,

Am primit cererea dumneavoastră de programare la Serviciul Public Comunitar de Pașapoarte Cluj. Programarea nu este încă valabilă: trebuie să o confirmați folosind linkul de mai jos.

Linkul de confirmare este valabil până vineri, 20 noiembrie 2026, la ora 10:00 (ora României). Neconfirmarea programării în acest termen duce la anularea acesteia, iar locurile se eliberează.

Confirmă programarea:
{CONFIRM_URL}

Detaliile programării
---------------------
Număr de referință: bk_7Hq2xW
Serviciu: Pașaport simplu electronic
Locație: Serviciul Public Comunitar de Pașapoarte Cluj
Adresa: Str. Avram Iancu nr. 1, Cluj-Napoca
Data: joi, 3 decembrie 2026
Ora: 09:30 (ora României)
Persoane programate: Popescu Ana, Popescu Ionuț

Dacă nu ați făcut dumneavoastră această cerere, ignorați acest mesaj: programarea se anulează automat.

Cu stimă,
Serviciul de programări pentru pașapoarte

--
Acest mesaj a fost trimis automat; vă rugăm să nu răspundeți la el.
"
    );
    assert_eq!(mail.text, expected);
    assert!(mail.ics.is_none());
}

#[test]
fn confirm_request_html_carries_the_link_as_a_button_and_the_summary() {
    let mail = render(&confirm_request(Lang::Ro, appointment()), BASE_URL);

    assert!(mail.html.starts_with("<!DOCTYPE html>\n<html lang=\"ro\">"));
    assert!(mail.html.contains(&format!("<a href=\"{CONFIRM_URL}\"")));
    assert!(mail.html.contains(">Confirmă programarea</a>"));
    assert!(
        mail.html
            .contains("<td style=\"padding:4px 0;\">09:30 (ora României)</td>")
    );
    // Names only at this step: no fees, no documents yet.
    assert!(!mail.text.contains("lei") && !mail.html.contains("lei"));
}

#[test]
fn english_confirm_request_uses_the_english_catalogue() {
    let mail = render(&confirm_request(Lang::En, appointment()), BASE_URL);

    assert_eq!(mail.subject, "Confirm your passport appointment");
    assert!(mail.text.starts_with("Hello,\n"));
    assert!(mail.text.contains(
        "The confirmation link is valid until 10:00 (Romanian time) on Friday 20 November 2026."
    ));
    assert!(
        mail.text
            .contains("Date: Thursday 3 December 2026\nTime: 09:30 (Romanian time)\n")
    );
    assert!(
        mail.text
            .contains("Persons booked: Ana Popescu, Ionuț Popescu\n")
    );
    assert!(mail.html.contains("<html lang=\"en\">"));
}

#[test]
fn an_office_abroad_shows_times_in_its_own_zone() {
    let mail = render(&confirm_request(Lang::Ro, appointment_abroad()), BASE_URL);

    // Expiry 08:00 UTC on 20 November is 08:00 in London (GMT).
    assert!(
        mail.text
            .contains("la ora 08:00 (ora locală, Europe/London)"),
        "{}",
        mail.text
    );
    assert!(
        mail.text
            .contains("Ora: 10:00 (ora locală, Europe/London)\n")
    );
    assert!(mail.text.contains("Serviciu: Pașaport simplu temporar\n"));
}

#[test]
fn romanian_confirmation_lists_fees_documents_payment_and_the_cancel_link() {
    let mail = render(&confirmed(Lang::Ro, appointment()), BASE_URL);

    assert_eq!(
        mail.subject,
        "Programarea pentru pașaport a fost confirmată"
    );
    let text = &mail.text;
    assert!(text.contains("Locație: Serviciul Public Comunitar de Pașapoarte Cluj\n"));
    assert!(text.contains("Adresa: Str. Avram Iancu nr. 1, Cluj-Napoca\n"));
    assert!(text.contains("Data: joi, 3 decembrie 2026\nOra: 09:30 (ora României)\n"));
    assert!(text.contains("Total de plată: 492 lei\n"));
    assert!(text.contains(
        "* Popescu Ana\n  Categoria: Persoană majoră (18 ani sau mai mult)\n  Taxa de plată: 258 lei\n  Acte necesare:\n"
    ));
    assert!(text.contains(
        "* Popescu Ionuț\n  Categoria: Minor care nu a împlinit 14 ani\n  Taxa de plată: 234 lei\n"
    ));
    for document in [
        Document::IdentityCard,
        Document::MinorBirthCertificate,
        Document::FeeReceipt,
    ] {
        assert!(
            text.contains(&format!("  - {}\n", Lang::Ro.t(document.key()))),
            "{document:?}"
        );
    }
    assert!(text.contains("- la casieriile unităților CEC Bank, precum și la stațiile de plată Selfpay ale CEC Bank;\n"));
    assert!(text.contains("- online, prin platforma de plăți virtuale Ghiseul.ro;\n"));
    assert!(text.contains("contul de trezorerie"));
    assert!(text.contains("pe numele și CNP-ul titularului"));
    assert!(text.contains(&format!("Anulează programarea:\n{CANCEL_URL}\n")));
    assert!(mail.html.contains(&format!(
        "<a href=\"{CANCEL_URL}\">Anulează programarea</a>"
    )));
    assert!(mail.html.contains(&format!(
        "<li>{}</li>",
        Lang::Ro.t(Document::MinorBirthCertificate.key())
    )));
}

#[test]
fn english_confirmation_uses_the_english_document_wording() {
    let mail = render(&confirmed(Lang::En, appointment()), BASE_URL);

    assert_eq!(mail.subject, "Your passport appointment is confirmed");
    assert!(
        mail.text.contains(
            "* Ana Popescu\n  Category: Adult (aged 18 or over)\n  Fee to pay: 258 lei\n"
        )
    );
    assert!(mail.text.contains(&format!(
        "  - {}\n",
        Lang::En.t(Document::IdentityCard.key())
    )));
    assert!(
        mail.text
            .contains("- online, through the Ghiseul.ro payment platform;\n")
    );
    assert!(
        mail.text
            .contains(&format!("Cancel the appointment:\n{CANCEL_URL}\n"))
    );
}

#[test]
fn a_single_person_confirmation_shows_no_total() {
    let mail = render(&confirmed(Lang::Ro, appointment_abroad()), BASE_URL);

    assert!(mail.text.contains("Taxa de plată: 96 lei\n"));
    assert!(!mail.text.contains("Total de plată"));
}

#[test]
fn unknown_document_keys_are_left_out_rather_than_shown_raw() {
    let mut appointment = appointment();
    appointment.persons[0].documents = vec!["no_such_document".into(), "identity_card".into()];

    let mail = render(&confirmed(Lang::Ro, appointment), BASE_URL);

    assert!(!mail.text.contains("no_such_document"));
    assert!(mail.text.contains(Lang::Ro.t(Document::IdentityCard.key())));
}

#[test]
fn the_confirmation_carries_a_calendar_event_in_utc() {
    let mail = render(&confirmed(Lang::Ro, appointment()), BASE_URL);

    let ics = mail
        .ics
        .expect("the confirmation has a calendar attachment");
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains("\r\nUID:bk_7Hq2xW@epasapoarte.example\r\n"));
    assert!(unfolded.contains("\r\nDTSTART:20261203T073000Z\r\nDTEND:20261203T074500Z\r\n"));
    assert!(unfolded.contains(
        "\r\nSUMMARY:Programare pașaport – Serviciul Public Comunitar de Pașapoarte Cluj\r\n"
    ));
    assert!(unfolded.contains(
        "\r\nLOCATION:Serviciul Public Comunitar de Pașapoarte Cluj\\, Str. Avram Iancu nr. 1\\, Cluj-Napoca\r\n"
    ));
    assert!(unfolded.contains(&format!("Anulare: {CANCEL_URL}")));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line}");
    }
}

#[test]
fn rendering_is_pure_and_repeatable() {
    let mail = confirmed(Lang::En, appointment());
    assert_eq!(
        render(&mail, BASE_URL),
        render(&mail, &format!("{BASE_URL}/"))
    );
}
