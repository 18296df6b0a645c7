//! Looking for personal data and secrets in log text: every value the story used, plus
//! the fixed name parts and mail domain (a leak of a name in another form still shows).

use std::collections::HashSet;

use super::citizens;

/// The strings no log line may contain.
pub fn needles(secrets: &[String]) -> Vec<String> {
    let mut needles = secrets.to_vec();
    needles.extend(
        [
            citizens::APPLICANT_LAST_NAME,
            citizens::COMPANION_LAST_NAME,
            // A JSON writer may escape the Ș: look for the rest of the name too.
            "tirbei",
            citizens::APPLICANT_FIRST_NAME,
            citizens::COMPANION_FIRST_NAME,
            citizens::MAIL_DOMAIN,
        ]
        .map(str::to_owned),
    );
    // A phone may be logged without its separators.
    let digits_only: Vec<String> = needles
        .iter()
        .filter(|n| n.contains(' ') && n.chars().all(|c| c.is_ascii_digit() || c == ' '))
        .map(|n| n.replace(' ', ""))
        .collect();
    needles.extend(digits_only);
    needles
}

/// `"<log>: <needle> in <line>"` for each needle found, with the first line holding it.
pub fn find(logs: &[(String, String)], needles: &[String]) -> Vec<String> {
    let mut leaks = Vec::new();
    for (name, log) in logs {
        let windows = Windows::of(log);
        for needle in needles
            .iter()
            .filter(|n| windows.may_hold(n) && log.contains(n.as_str()))
        {
            let line = log.lines().find(|l| l.contains(needle.as_str()));
            leaks.push(format!("{name}: {needle:?} in {}", line.unwrap_or("?")));
        }
    }
    leaks
}

/// Every 8-byte window of a text, to rule most needles out in one lookup: thousands of
/// needles each searched through megabytes of log (in an unoptimised test build) took
/// seconds.
struct Windows(HashSet<u64>);

impl Windows {
    fn of(text: &str) -> Windows {
        Windows(text.as_bytes().windows(8).map(word).collect())
    }

    /// False only when the needle cannot occur (its first 8 bytes never do).
    fn may_hold(&self, needle: &str) -> bool {
        needle.len() < 8 || self.0.contains(&word(&needle.as_bytes()[..8]))
    }
}

fn word(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(bytes);
    u64::from_le_bytes(word)
}

#[test]
fn a_planted_cnp_phone_or_escaped_name_is_found() {
    let family = citizens::Family::new(7, 2);
    let (cnp, phone) = (family.people[1].2.clone(), family.phone.replace(' ', ""));
    let logs = vec![(
        "a".to_owned(),
        format!(
            "{{\"msg\":\"ok\"}}\n{{\"cnp\":\"{cnp}\",\"tel\":\"{phone}\",\"n\":\"\\u0218tirbei\"}}\n"
        ),
    )];

    let leaks = find(&logs, &needles(&family.personal_data()));

    assert_eq!(leaks.len(), 3, "{leaks:?}");
    assert!(leaks.iter().all(|l| l.contains("\"cnp\"")), "{leaks:?}");
}
