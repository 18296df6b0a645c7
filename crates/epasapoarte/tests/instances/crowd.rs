//! A flash crowd: many citizens at once, alternating between the instances, fighting for
//! the slots of one office-day. A citizen who gets `409 slot_full` asks its instance for
//! the day's availability again and tries another slot it has not tried yet, until one
//! takes it or none is left.

use std::collections::HashSet;
use std::sync::Arc;

use serde_json::Value;
use tokio::sync::Barrier;

use super::citizens::Family;

/// Where the crowd books.
#[derive(Debug, Clone)]
pub struct Target {
    pub office_id: i64,
    pub date: String,
    /// The day's slot times, as the availability listed them before the crowd.
    pub times: Vec<String>,
}

/// A citizen's successful booking (a 201).
#[derive(Debug, Clone)]
pub struct Booked {
    pub family: Family,
    pub booking_id: String,
    pub time: String,
    pub instance: usize,
}

/// What the crowd saw.
#[derive(Debug, Default)]
pub struct Outcome {
    pub booked: Vec<Booked>,
    /// 409 `slot_full` answers.
    pub conflicts: usize,
    /// Citizens who found no slot left.
    pub turned_away: usize,
    /// Anything else: a status or error that must not happen (5xx, 422, transport errors).
    pub unexpected: Vec<String>,
}

/// Runs `families.len()` citizens concurrently; citizen i talks to `bases[i % bases.len()]`.
pub async fn run(
    client: &reqwest::Client,
    bases: &[String],
    target: &Target,
    families: Vec<Family>,
) -> Outcome {
    let barrier = Arc::new(Barrier::new(families.len()));
    let mut tasks = Vec::new();
    for (i, family) in families.into_iter().enumerate() {
        let instance = i % bases.len();
        let (client, base, target, barrier) = (
            client.clone(),
            bases[instance].clone(),
            target.clone(),
            barrier.clone(),
        );
        tasks.push(tokio::spawn(async move {
            // Everyone starts at the same moment: that is what makes it a crowd.
            barrier.wait().await;
            citizen(&client, &base, &target, family, i).await
        }));
    }
    let mut outcome = Outcome::default();
    for (task, instance) in tasks.into_iter().zip((0..bases.len()).cycle()) {
        match task.await {
            Ok(Ok((booked, conflicts))) => {
                outcome.conflicts += conflicts;
                match booked {
                    Some((family, booking_id, time)) => outcome.booked.push(Booked {
                        family,
                        booking_id,
                        time,
                        instance,
                    }),
                    None => outcome.turned_away += 1,
                }
            }
            Ok(Err(error)) => outcome.unexpected.push(error),
            Err(join) => outcome.unexpected.push(format!("citizen task: {join}")),
        }
    }
    outcome
}

type CitizenResult = Result<(Option<(Family, String, String)>, usize), String>;

async fn citizen(
    client: &reqwest::Client,
    base: &str,
    target: &Target,
    family: Family,
    index: usize,
) -> CitizenResult {
    let mut tried = HashSet::new();
    let mut conflicts = 0;
    let mut time = target.times[index % target.times.len()].clone();
    // Each attempt rules out one slot, so the loop ends after the day's slots at most.
    for _ in 0..=target.times.len() {
        let body = family.booking(target.office_id, &target.date, &time);
        let response = client
            .post(format!("{base}/api/v1/bookings"))
            .json(&body)
            .send()
            .await
            .map_err(|e| format!("POST booking: {e}"))?;
        let status = response.status().as_u16();
        let answer: Value = response.json().await.unwrap_or(Value::Null);
        match status {
            201 => {
                let id = answer["id"].as_str().unwrap_or_default().to_owned();
                return Ok((Some((family, id, time)), conflicts));
            }
            409 if answer["error"]["code"] == "slot_full" => conflicts += 1,
            _ => return Err(format!("booking answered {status}: {answer}")),
        }
        tried.insert(time.clone());
        let left = free_times(client, base, target, family.persons).await?;
        let left: Vec<&String> = left.iter().filter(|t| !tried.contains(*t)).collect();
        let Some(next) = left.get(index % left.len().max(1)) else {
            return Ok((None, conflicts));
        };
        time = (*next).clone();
    }
    Ok((None, conflicts))
}

/// The day's times with room for `persons`, as the instance sees them now.
async fn free_times(
    client: &reqwest::Client,
    base: &str,
    target: &Target,
    persons: u16,
) -> Result<Vec<String>, String> {
    let url = format!(
        "{base}/api/v1/offices/{}/availability?service=passport_electronic&persons={persons}&from={d}&to={d}",
        target.office_id,
        d = target.date
    );
    let response = client
        .get(url)
        .send()
        .await
        .map_err(|e| format!("GET availability: {e}"))?;
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    if status != 200 {
        return Err(format!("availability answered {status}: {body}"));
    }
    Ok(slot_times(&body, &target.date))
}

/// The slot times listed for `date` in an availability answer.
pub fn slot_times(availability: &Value, date: &str) -> Vec<String> {
    availability["days"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|day| day["date"] == date)
        .flat_map(|day| day["slots"].as_array().into_iter().flatten())
        .filter_map(|slot| slot["time"].as_str().map(str::to_owned))
        .collect()
}
