//! A proof-of-work solver for the tests and the benchmark, as the ALTCHA widget solves
//! (`pow/altcha.rs`): try every number up to `maxnumber`, send the base64 JSON.

use crate::pow::altcha::{self, Challenge};

/// The `altcha` field that solves `challenge` (the JSON of `GET /api/v1/challenge`).
///
/// # Panics
/// When the challenge has no solution within its `maxnumber` (not one of ours).
#[must_use]
pub fn solve(challenge: &serde_json::Value) -> String {
    let challenge: Challenge =
        serde_json::from_value(challenge.clone()).expect("a challenge in the ALTCHA format");
    let number = altcha::solve(&challenge).expect("a solution within maxnumber");
    altcha::payload_for(&challenge, number)
}

/// The `altcha` field with the right challenge and signature but a wrong number.
#[must_use]
pub fn wrong_number(challenge: &serde_json::Value) -> String {
    let challenge: Challenge =
        serde_json::from_value(challenge.clone()).expect("a challenge in the ALTCHA format");
    let number = altcha::solve(&challenge).expect("a solution within maxnumber");
    altcha::payload_for(&challenge, number + 1)
}

/// The form (`?form=` of `GET /api/v1/challenge`) a public write to `path` must solve a
/// challenge for, if any: the API's and the pages' protected POSTs.
#[must_use]
pub fn form_for_path(path: &str) -> Option<&'static str> {
    let path = path.split('?').next().unwrap_or(path);
    match path {
        "/api/v1/bookings" | "/programare/verificare" => Some("booking"),
        "/api/v1/lookup" | "/verifica-programare" => Some("lookup"),
        "/api/v1/draw/entries" | "/tragere" => Some("draw_entry"),
        "/api/v1/waitlist" | "/lista-asteptare" => Some("waitlist"),
        _ => None,
    }
}
