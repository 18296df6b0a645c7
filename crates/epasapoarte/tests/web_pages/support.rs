//! `Site`: the shared [`TestApp`] browsed like a browser does — its client keeps cookies
//! (the language and the anti-forgery session) and follows redirects; forms are posted
//! with the page's `csrf` token. Bookings are made through the API, their e-mails
//! delivered by hand.

use serde_json::{Value, json};

pub use crate::support::app::{BASE_URL, TestApp, browser, cnp, csrf_in};

/// The first names of the extra persons of a booking, in order.
pub const COMPANIONS: [&str; 4] = ["Ioana", "Mihai", "Elena", "Radu"];

/// The citizen pages' name for the shared app.
pub type Site = TestApp;

/// Forms posted as a browser does, and bookings made through the API.
impl TestApp {
    /// The anti-forgery token of this browser's session (every page's forms carry it).
    pub async fn csrf(&self) -> String {
        let (_, html) = self.page("/verifica-programare").await;
        csrf_in(&html).expect("a csrf field on the form")
    }

    /// Posts a form as a browser with JavaScript does: with the session's token and, on a
    /// protected form, the solved challenge the widget would add; following the redirect.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let token = self.csrf().await;
        let solution = self.solution_for(path).await;
        let mut all = vec![("csrf", token.as_str())];
        if let Some(solution) = &solution {
            all.push(("altcha", solution.as_str()));
        }
        all.extend_from_slice(fields);
        self.post_raw_form(path, &all).await
    }

    /// Posts exactly these fields (no token added).
    pub async fn post_raw_form(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let request = self.client.post(self.url(path)).form(fields);
        let response = request.send().await.expect("POST");
        let status = response.status().as_u16();
        (status, response.text().await.expect("a body"))
    }

    /// Books `persons` persons at the first free slot of the first office in Cluj (through
    /// the API) and returns the token of the e-mailed confirmation link.
    pub async fn book(&self, persons: u16, first_cnp: u32) -> String {
        self.book_only(persons, first_cnp).await;
        self.token_from_last_mail("confirma").await
    }

    /// Books through the API; the confirmation e-mail waits in the outbox.
    pub async fn book_only(&self, persons: u16, first_cnp: u32) {
        let office_id = self.office_in("CJ").await["id"].as_i64().unwrap();
        let (date, time) = self.free_slot(office_id, persons).await;
        let companions: Vec<Value> = (1..u32::from(persons))
            .map(|i| json!({"last_name": "Popescu", "first_name": COMPANIONS[i as usize % COMPANIONS.len()], "cnp": cnp(first_cnp + i)}))
            .collect();
        let body = json!({
            "office_id": office_id,
            "service": "passport_electronic",
            "date": date,
            "time": time,
            "applicant": {"last_name": "Popescu", "first_name": "Ana", "cnp": cnp(first_cnp),
                          "email": "ana.popescu@example.ro"},
            "companions": companions,
            "consent": true
        });
        let response = self.post("/api/v1/bookings", &body).await;
        assert_eq!(response.status(), 201, "the booking is accepted");
    }
}

/// Catalogue keys that reached a page unresolved (a missing key shows itself as text).
pub fn unresolved_keys(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for prefix in ["web.", "mail.", "field.", "error."] {
        for (at, _) in html.match_indices(prefix) {
            let before = html[..at].chars().next_back();
            let after = html[at + prefix.len()..].chars().next();
            let starts_word =
                before.is_none_or(|c| !(c.is_alphanumeric() || matches!(c, '-' | '@' | '.' | '/')));
            if starts_word && after.is_some_and(|c| c.is_ascii_lowercase()) {
                let key: String = html[at..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_'))
                    .collect();
                found.push(key);
            }
        }
    }
    found
}
