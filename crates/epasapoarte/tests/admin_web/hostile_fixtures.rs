//! The material of the hostile-input sweep (`hostile_forms.rs`): the ids a hostile form
//! borrows (office A's and office B's), the hostile values, a plausible form per POST
//! route, the query parameters of the GET pages, and how an answer is judged.

use epasapoarte_domain::application::ApplicationNumber;

use super::counter_support::{adult, confirmed_booking, in_days, register_walk_in};
use super::support::{Backoffice, Browser, Persona};

/// The ids a hostile form borrows: office A's own and office B's.
pub(super) struct Ids {
    pub(super) own_booking: String,
    /// A booking the sweep's new weekly hours (Sundays only) leave without a seat.
    pub(super) replan_booking: String,
    pub(super) other_booking: String,
    pub(super) own_number: String,
    pub(super) other_number: String,
    pub(super) missing_number: String,
    pub(super) soon: String,
}

impl Ids {
    pub(super) async fn of(app: &Backoffice) -> Ids {
        let own_booking = confirmed_booking(app, app.office_a, 2, 700).await;
        let replan_booking = confirmed_booking(app, app.office_a, 1, 705).await;
        let other_booking = confirmed_booking(app, app.office_b, 1, 710).await;
        let manager_a = app.signed_in(Persona::ManagerA).await;
        let manager_b = app.signed_in(Persona::ManagerB).await;
        let own_number = register_walk_in(&manager_a, app.office_a, &adult(720)).await;
        let other_number = register_walk_in(&manager_b, app.office_b, &adult(730)).await;
        let missing_number = ApplicationNumber::new("CJ", 2026, 987_654)
            .expect("a well-formed number")
            .to_string();
        Ids {
            own_booking,
            replan_booking,
            other_booking,
            own_number,
            other_number,
            missing_number,
            soon: in_days(app, 10),
        }
    }

    /// (label, value already form-encoded): the label names a failure without the value.
    pub(super) fn hostile(&self) -> Vec<(&'static str, String)> {
        let plain = [
            ("empty", String::new()),
            ("blank", "   ".to_owned()),
            ("10 kB", "a".repeat(10_000)),
            // 9 kB once encoded, as a browser sends it (%C8%99 each).
            ("1500 ș", "ș".repeat(1_500)),
            (
                "control",
                "\u{0}\u{1}\u{8}\u{1b}[31m\r\n\u{7f}\u{202e}\u{feff}x".to_owned(),
            ),
            ("script", "<script>hostile()</script>".to_owned()),
            ("attribute", "\"><img src=x onerror=hostile()>".to_owned()),
            ("sql", "' OR 1=1 --".to_owned()),
            ("sql drop", "'; DROP TABLE bookings; --".to_owned()),
            ("-1", "-1".to_owned()),
            ("0", "0".to_owned()),
            ("huge", "99999999999999999999".to_owned()),
            ("float", "1e309".to_owned()),
            ("2026-02-30", "2026-02-30".to_owned()),
            ("0000-00-00", "0000-00-00".to_owned()),
            ("9999-99-99", "9999-99-99".to_owned()),
            ("9999-12-31", "9999-12-31".to_owned()),
            ("+262143-12-31", "+262143-12-31".to_owned()),
            ("-0001-01-01", "-0001-01-01".to_owned()),
            ("25:61", "25:61".to_owned()),
            ("24:00", "24:00".to_owned()),
            ("own booking", self.own_booking.clone()),
            ("other office's booking", self.other_booking.clone()),
            ("other office's application", self.other_number.clone()),
            ("missing application", self.missing_number.clone()),
            ("valid CNP", adult(740)),
            ("invalid CNP", "1850315120001".to_owned()),
        ];
        let mut values: Vec<(&'static str, String)> = plain
            .into_iter()
            .map(|(label, text)| (label, encode(&text)))
            .collect();
        // Bytes no UTF-8 decoder accepts, a NUL and an overlong encoding among them.
        values.push(("not UTF-8", "%FF%FE%00%C0%80%ED%A0%80".to_owned()));
        values
    }

    /// The registration form of the booking's first person.
    pub(super) fn booked_form(&self) -> Vec<(&'static str, String)> {
        let mut form = self.form("/admin/birouri/{office}/cereri/noua");
        for (field, value) in &mut form {
            match *field {
                "programare" => *value = self.own_booking.clone(),
                "persoana" => *value = "1".to_owned(),
                "last_name" | "first_name" | "cnp" => value.clear(),
                _ => {}
            }
        }
        form
    }

    /// The fields a POST route reads, with plausible values (the form hostility replaces).
    pub(super) fn form(&self, path: &str) -> Vec<(&'static str, String)> {
        let owned = |pairs: &[(&'static str, &str)]| -> Vec<(&'static str, String)> {
            pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
        };
        let tail = path
            .strip_prefix("/admin/birouri/{office}/")
            .or_else(|| path.strip_prefix("/admin/"))
            .unwrap_or(path);
        let today = self.soon.as_str();
        match tail {
            "agenda/cauta" => owned(&[
                ("data", today),
                ("cauta", &adult(721)),
                ("stare", "asteptate"),
                ("de_la", "09:00"),
                ("pana_la", "17:00"),
            ]),
            "agenda/prezenta"
            | "agenda/absent"
            | "agenda/absent-anulare"
            | "agenda/finalizare"
            | "agenda/anulare"
            | "agenda/cnp" => owned(&[
                ("programare", &self.own_booking),
                ("data", today),
                ("motiv", "other"),
                ("explicatie", "Ghișeul este închis azi."),
                ("confirmare", "da"),
            ]),
            "cereri/cautare" => owned(&[("cnp", &adult(720))]),
            "cereri/noua" => owned(&new_application(&adult(750))),
            "cerere/status" => owned(&[
                ("numar", &self.own_number),
                ("status", "in_production"),
                ("reason", ""),
            ]),
            "restrictii" => owned(&[
                ("cnp", &adult(740)),
                ("legal_basis", "Legea 248/2005, art. 38"),
                ("starts_on", ""),
                ("ends_on", today),
            ]),
            "restrictii/ridicare" => owned(&[("id", "1")]),
            "personal" => owned(&[("username", "ghiseu.ostil"), ("role", "clerk")]),
            "program-activitati" => owned(&[
                ("pickup-1-start", "08:30"),
                ("pickup-1-end", "16:30"),
                ("public_relations-3-start", "10:00"),
                ("public_relations-3-end", "14:00"),
            ]),
            "declaratii" => owned(&[
                ("kind", "stolen"),
                ("last_name", "Ionescu"),
                ("first_name", "Maria"),
                ("cnp", &adult(760)),
                ("passport_number", "051234567"),
                ("occurred_on", today),
                ("place", "În tren, pe ruta Cluj – București."),
                ("police_certificate", "1234/2026"),
            ]),
            "personal/stare" | "utilizatori/stare" => {
                owned(&[("utilizator", "999999"), ("actiune", "dezactiveaza")])
            }
            "personal/parola" | "utilizatori/parola" => owned(&[("utilizator", "999999")]),
            "program" => owned(&[
                ("n-1", "12"),
                ("n-7", "2"),
                ("h7-0-start", "08:30"),
                ("h7-0-end", "12:30"),
                ("h7-0-slot", "30"),
                ("h7-0-counters", "2"),
                ("h7-1-start", ""),
                ("h1-11-counters", ""),
            ]),
            "replanificare" => owned(&[
                ("booking", &self.replan_booking),
                ("decision", "keep"),
                ("reason", "schedule_change"),
            ]),
            "exceptii" => owned(&[
                ("date", today),
                ("kind", "special"),
                ("x-0-start", "09:00"),
                ("x-0-end", "12:00"),
                ("x-0-slot", "30"),
                ("x-0-counters", "2"),
                ("x-2-counters", ""),
            ]),
            "exceptii/stergere" => owned(&[("date", today)]),
            "setari" => owned(&[
                ("service", "passport_electronic"),
                ("max_persons", "3"),
                ("horizon_days", "60"),
            ]),
            "parola" => owned(&[
                ("current_password", "not the password"),
                ("new_password", "o parolă nouă destul de lungă"),
                ("new_password_again", "o parolă nouă destul de lungă"),
            ]),
            "login" => owned(&[("username", "admin"), ("password", "not the password")]),
            other => panic!("a POST route this sweep does not know: {other}"),
        }
    }
}

/// A walk-in application's fields, all plausible.
fn new_application(cnp: &str) -> [(&'static str, &str); 17] {
    [
        ("programare", ""),
        ("persoana", ""),
        ("passport_type", "passport_electronic"),
        ("last_name", "Ionescu"),
        ("first_name", "Maria"),
        ("cnp", cnp),
        ("email", "maria.ionescu@example.ro"),
        ("domicile_abroad", ""),
        ("receipt_number", "CEC 0042"),
        ("receipt_amount", "258"),
        ("pickup_office", ""),
        ("pickup_mission", ""),
        ("courier", ""),
        ("courier_street", "Str. Lungă 1"),
        ("courier_locality", "Cluj-Napoca"),
        ("courier_county", "CJ"),
        ("courier_postal_code", "400001"),
    ]
}

pub(super) fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Every hostile form of one route, each with what it holds: the plausible form as it is
/// (so the route's success is swept too), each field alone over the
/// plausible form (unless `all_only`), then all fields at once, repeated either side of the
/// plausible value, with an unknown field.
pub(super) fn forms(
    base: &[(&'static str, String)],
    hostile: &[(&'static str, String)],
    all_only: bool,
) -> Vec<(String, String)> {
    let body = |pairs: Vec<(&str, String)>| {
        pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    };
    let plain: Vec<(&str, String)> = base.iter().map(|(k, v)| (*k, encode(v))).collect();
    let mut forms = vec![("the plausible form".to_owned(), body(plain.clone()))];
    for (label, value) in hostile {
        for (field, _) in base.iter().filter(|_| !all_only) {
            let mut pairs = plain.clone();
            pairs.retain(|(k, _)| k != field);
            pairs.push((field, value.clone()));
            forms.push((format!("{label} in {field}"), body(pairs)));
        }
        let mut all: Vec<(&str, String)> = vec![("necunoscut", value.clone())];
        let mut first = all.clone();
        let mut second = all.clone();
        for (field, good) in &plain {
            all.push((field, value.clone()));
            first.extend([(*field, value.clone()), (*field, good.clone())]);
            second.extend([(*field, good.clone()), (*field, value.clone())]);
        }
        forms.extend([
            (format!("{label} in every field"), body(all)),
            (format!("{label} first of repeated fields"), body(first)),
            (format!("{label} second of repeated fields"), body(second)),
        ]);
    }
    forms
}

pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) html: bool,
    pub(super) body: String,
}

pub(super) async fn send(browser: &Browser, path: &str, body: Option<String>) -> Answer {
    let url = format!("{}{path}", browser.address);
    let request = match body {
        Some(body) => browser
            .client
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body),
        None => browser.client.get(url),
    };
    let response = request.send().await.expect("an answer");
    let status = response.status().as_u16();
    let html = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let body = response.text().await.unwrap_or_default();
    Answer { status, html, body }
}

/// What is wrong with an answer, if anything.
pub(super) fn fault(answer: &Answer, allowed: &[u16]) -> Option<String> {
    if answer.status >= 500 || !allowed.contains(&answer.status) {
        return Some(format!("status {}", answer.status));
    }
    if answer.status == 422 && answer.html && !answer.body.contains("error-summary") {
        return Some("a 422 without the error summary".to_owned());
    }
    if answer.body.contains("<script>hostile") || answer.body.contains("<img src=x") {
        return Some("markup reflected unescaped".to_owned());
    }
    None
}

/// The query parameters the GET pages read, with plausible values.
pub(super) fn params(ids: &Ids) -> Vec<(&'static str, String)> {
    let soon = ids.soon.as_str();
    [
        ("data", soon),
        ("numar", &ids.own_number),
        ("de_la", soon),
        ("pana_la", soon),
        ("programare", &ids.own_booking),
        ("persoana", "1"),
        ("rezultat", "prezenta"),
        ("inregistrata", "1"),
        ("from", soon),
        ("to", soon),
        ("actor", "admin"),
        ("action", "booking.cancelled"),
        ("office", "1"),
        ("inainte", "1000"),
    ]
    .into_iter()
    .map(|(name, value)| (name, encode(value)))
    .collect()
}
