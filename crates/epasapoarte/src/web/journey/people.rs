//! The persons' fields, shared by steps 7 and 8: "Nume", "Prenume", "Cod numeric personal",
//! checked with the service's own parsers (the API's rules, the API's error keys); a CNP
//! error names the rule it broke ("Cifra de control a CNP-ului nu se potrivește…").

use chrono::NaiveDate;
use epasapoarte_domain::cnp::Cnp;

use super::state::Companion;
use super::view::{TextField, field_error, field_message};
use crate::i18n::Lang;
use crate::service::input::{PersonName, cnp_error_code};
use crate::web::FieldMessage;

/// The page text of an error on a labelled field: an empty field is named ("Completați
/// câmpul „Nume”."), so the error summary says which one; an extra person's errors say
/// whose they are ("Persoana 2: …").
pub fn labelled_message(lang: Lang, code: &str, label: &str, who: Option<&str>) -> String {
    let message = if code == "required" {
        lang.tf("web.journey.required", &[("label", label)])
    } else {
        field_message(lang, code)
    };
    match who {
        Some(who) => lang.tf(
            "web.journey.check.row_error",
            &[("row", who), ("message", &message)],
        ),
        None => message,
    }
}

/// Parses one person's three fields (ids `{prefix}last_name`, …); each failure becomes an
/// error for its field. The result keeps the canonical forms (collapsed names, 13 digits).
/// `who` names an extra person ("Persoana 2") in the messages.
pub fn parse_person(
    lang: Lang,
    today: NaiveDate,
    prefix: &str,
    who: Option<&str>,
    input: &Companion,
    errors: &mut Vec<FieldMessage>,
) -> Option<Companion> {
    let mut fail = |field: &str, code: &str| {
        let label = lang.t(&format!("web.journey.person.{field}"));
        let message = labelled_message(lang, code, label, who);
        errors.push(field_error(&format!("{prefix}{field}"), &message));
    };
    let last_name = PersonName::parse(&input.last_name).map_err(|code| fail("last_name", code));
    let first_name = PersonName::parse(&input.first_name).map_err(|code| fail("first_name", code));
    let cnp = Cnp::parse(&input.cnp, today).map_err(|error| fail("cnp", cnp_error_code(&error)));
    Some(Companion {
        last_name: last_name.ok()?.as_str().to_owned(),
        first_name: first_name.ok()?.as_str().to_owned(),
        cnp: cnp.ok()?.as_str().to_owned(),
    })
}

/// The three inputs of one person, with their values and errors.
pub fn person_fields(
    lang: Lang,
    prefix: &str,
    values: &Companion,
    errors: &[FieldMessage],
    autocomplete: bool,
) -> Vec<TextField> {
    let id = |field: &str| format!("{prefix}{field}");
    let (family, given) = if autocomplete {
        ("family-name", "given-name")
    } else {
        ("off", "off")
    };
    vec![
        TextField::new(
            &id("last_name"),
            lang.t("web.journey.person.last_name"),
            &values.last_name,
            errors,
        )
        .input("text", "", family, ""),
        TextField::new(
            &id("first_name"),
            lang.t("web.journey.person.first_name"),
            &values.first_name,
            errors,
        )
        .input("text", "", given, ""),
        TextField::new(
            &id("cnp"),
            lang.t("web.journey.person.cnp"),
            &values.cnp,
            errors,
        )
        .hint(lang.t("web.journey.person.cnp_hint"))
        .input("text", "input--w20", "off", "numeric"),
    ]
}

/// A person's fields as posted.
pub fn posted_person(form: &crate::web::form::Form, prefix: &str) -> Companion {
    Companion {
        last_name: form.get(&format!("{prefix}last_name")).to_owned(),
        first_name: form.get(&format!("{prefix}first_name")).to_owned(),
        cnp: form.get(&format!("{prefix}cnp")).to_owned(),
    }
}
