//! The calls the agents make, over HTTP as a browser or a script would: availability,
//! bookings, the e-mailed links' API twins, and (fair mode) draw entries, the waitlist
//! and proof of work. A failed call is an outcome for the agent, never an error of the
//! run: every call answers a status and the error `code`.

use base64::Engine;
use chrono::{NaiveDate, TimeDelta};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::world::World;

/// A free place in an office's slot, as the availability endpoint shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Free {
    pub office_id: i64,
    pub date: NaiveDate,
    pub time: String,
    pub free: u16,
}

/// Every write's answer, counted by path and status, for the run's log line.
static ANSWERS: std::sync::Mutex<std::collections::BTreeMap<(String, u16), u64>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

/// The counts so far, as `path status ×count` (and resets them).
pub fn answers() -> String {
    let mut answers = ANSWERS.lock().unwrap_or_else(|p| p.into_inner());
    let text = answers
        .iter()
        .map(|((path, status), count)| format!("{path} {status} ×{count}"))
        .collect::<Vec<_>>()
        .join(", ");
    answers.clear();
    text
}

fn count(path: &str, status: StatusCode) {
    let mut answers = ANSWERS.lock().unwrap_or_else(|p| p.into_inner());
    *answers
        .entry((path.to_owned(), status.as_u16()))
        .or_default() += 1;
}

/// What a write answered.
#[derive(Debug, Clone, Copy)]
pub struct Answer {
    pub status: StatusCode,
}

impl Answer {
    pub fn ok(&self) -> bool {
        self.status.is_success()
    }

    fn failed() -> Answer {
        Answer {
            status: StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// The free places of `office_id` from `from` on for `persons` together.
pub async fn availability(
    world: &World,
    client: &reqwest::Client,
    office_id: i64,
    persons: usize,
    from: NaiveDate,
) -> Vec<Free> {
    let url = world.url(&format!(
        "/api/v1/offices/{office_id}/availability?persons={persons}&from={}",
        from.format("%Y-%m-%d")
    ));
    let Ok(response) = client.get(url).send().await else {
        return Vec::new();
    };
    let Ok(body) = response.json::<Value>().await else {
        return Vec::new();
    };
    let mut free = Vec::new();
    for day in body["days"].as_array().into_iter().flatten() {
        let Some(date) = day["date"].as_str().and_then(|d| d.parse().ok()) else {
            continue;
        };
        for slot in day["slots"].as_array().into_iter().flatten() {
            let seats = slot["free"].as_u64().unwrap_or(0);
            if seats >= persons as u64
                && let Some(time) = slot["time"].as_str()
            {
                free.push(Free {
                    office_id,
                    date,
                    time: time.to_owned(),
                    free: u16::try_from(seats).unwrap_or(u16::MAX),
                });
            }
        }
    }
    free
}

/// The person fields of a booking, draw entry or waitlist entry.
pub fn persons(cnps: &[String], email: &str) -> Value {
    let companions: Vec<Value> = cnps
        .iter()
        .skip(1)
        .enumerate()
        .map(|(i, cnp)| {
            json!({"last_name": "Popescu", "first_name": format!("Copil{}", char::from(b'A' + (i % 26) as u8)), "cnp": cnp})
        })
        .collect();
    json!({
        "service": "passport_electronic",
        "applicant": {"last_name": "Popescu", "first_name": "Ion", "cnp": cnps[0], "email": email},
        "companions": companions,
        "consent": true,
        "lang": "ro",
    })
}

/// Proof of work as a client solves it, and how long a device of `speed` (1 = a
/// mid-range phone, which the server's bound puts at about a second for the hardest
/// challenge) would have needed: the agent waits that long in simulated time.
pub struct Solved {
    pub altcha: String,
    pub device_time: TimeDelta,
}

/// Fetches a challenge for `form` (a solution is good for its own form only) and solves
/// it (ALTCHA: the n ≤ maxnumber whose hex(SHA-256(salt ‖ n)) is the challenge). `None`
/// when the server has none to give.
pub async fn solve(
    client: &reqwest::Client,
    world: &World,
    speed: f64,
    form: &str,
) -> Option<Solved> {
    let response = client
        .get(world.url(&format!("/api/v1/challenge?form={form}")))
        .send()
        .await
        .ok()?;
    if !response.status().is_success() {
        return None;
    }
    let challenge: Value = response.json().await.ok()?;
    let salt = challenge["salt"].as_str()?.to_owned();
    let target = challenge["challenge"].as_str()?.to_ascii_lowercase();
    let max = challenge["maxnumber"]
        .as_u64()
        .or_else(|| challenge["maxNumber"].as_u64())
        .unwrap_or(1_000_000);
    let (salt2, target2) = (salt.clone(), target.clone());
    let number = tokio::task::spawn_blocking(move || search(&salt2, &target2, max))
        .await
        .ok()??;
    let payload = json!({
        "algorithm": challenge["algorithm"].as_str().unwrap_or("SHA-256"),
        "challenge": target,
        "number": number,
        "salt": salt,
        "signature": challenge["signature"],
    });
    let altcha = base64::engine::general_purpose::STANDARD.encode(payload.to_string());
    // A phone does the whole range in about a second.
    let fraction = number as f64 / max.max(1) as f64;
    let device_time = TimeDelta::milliseconds((1_000.0 * fraction / speed.max(1e-3)) as i64);
    Some(Solved {
        altcha,
        device_time,
    })
}

/// The ALTCHA search itself: the salt hashed once, each candidate's digits appended to
/// a copy of that state, the digest compared as bytes (formatting 50,000 digests as hex
/// cost the simulation more CPU than the server it measures).
pub fn search(salt: &str, target: &str, max: u64) -> Option<u64> {
    let target = hex_bytes(target)?;
    let salted = Sha256::new().chain_update(salt.as_bytes());
    let mut buffer = [0u8; 20];
    (0..=max).find(|n| {
        let digest = salted
            .clone()
            .chain_update(decimal(*n, &mut buffer))
            .finalize();
        digest.as_slice() == target.as_slice()
    })
}

/// `n` in decimal digits, written at the end of `buffer`.
fn decimal(mut n: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buffer[at..];
        }
    }
}

/// `target` (64 hex digits) as its 32 bytes.
fn hex_bytes(target: &str) -> Option<[u8; 32]> {
    let mut bytes = [0u8; 32];
    if target.len() != 64 {
        return None;
    }
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(target.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(bytes)
}

/// POSTs `body` to `path`; with `altcha` set (fair mode, proof of work on) the solved
/// challenge travels as the field `altcha`.
pub async fn post(
    world: &World,
    client: &reqwest::Client,
    path: &str,
    mut body: Value,
    altcha: Option<String>,
) -> Answer {
    if let (Some(altcha), Some(map)) = (altcha, body.as_object_mut()) {
        map.insert("altcha".to_owned(), Value::String(altcha));
    }
    let Ok(response) = client.post(world.url(path)).json(&body).send().await else {
        count(path, StatusCode::SERVICE_UNAVAILABLE);
        return Answer::failed();
    };
    let status = response.status();
    count(path, status);
    // Read the body so the connection can be reused.
    let _ = response.bytes().await;
    Answer { status }
}

/// POSTs `{"token"}` to one of the link endpoints.
pub async fn token(world: &World, client: &reqwest::Client, path: &str, token: &str) -> Answer {
    post(world, client, path, json!({"token": token}), None).await
}

/// `GET /api/v1/draw`: the date of the next draw (fair mode).
pub async fn next_draw(world: &World, client: &reqwest::Client) -> Option<NaiveDate> {
    let response = client.get(world.url("/api/v1/draw")).send().await.ok()?;
    let body: Value = response.json().await.ok()?;
    body["draw_date"].as_str()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_finds_the_number_behind_an_altcha_challenge() {
        // Arrange: the challenge for n = 1234.
        let digest = Sha256::digest(b"s4lt1234");
        let target: String = digest.iter().map(|b| format!("{b:02x}")).collect();

        // Act + Assert
        assert_eq!(search("s4lt", &target, 5_000), Some(1234));
        assert_eq!(search("s4lt", &target, 1_000), None);
        let zero: String = Sha256::digest(b"s4lt0")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(search("s4lt", &zero, 10), Some(0));
        assert_eq!(search("s4lt", "not hex", 10), None);
    }

    #[test]
    fn person_fields_name_the_family() {
        let body = persons(&["1".into(), "2".into(), "3".into()], "a@example.com");
        assert_eq!(body["applicant"]["cnp"], "1");
        assert_eq!(body["companions"].as_array().unwrap().len(), 2);
        assert_eq!(body["companions"][1]["first_name"], "CopilB");
    }
}
