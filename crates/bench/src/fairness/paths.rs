//! How each side got (or lost) its seats, counted by path for the run's log line: a
//! draw won, a hold taken, a seat booked from the public list, a transfer. The JSON
//! keeps the shape; these counts explain it.

use std::collections::BTreeMap;
use std::sync::Mutex;

static PATHS: Mutex<BTreeMap<&'static str, u64>> = Mutex::new(BTreeMap::new());

/// Counts one event of `path` (`"people: hold taken"`).
pub fn count(path: &'static str) {
    let mut paths = PATHS.lock().unwrap_or_else(|p| p.into_inner());
    *paths.entry(path).or_default() += 1;
}

/// The counts so far as `path ×count` (and resets them).
pub fn take() -> String {
    let mut paths = PATHS.lock().unwrap_or_else(|p| p.into_inner());
    let text = paths
        .iter()
        .map(|(path, n)| format!("{path} ×{n}"))
        .collect::<Vec<_>>()
        .join(", ");
    paths.clear();
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_listed_by_path_and_reset() {
        count("test: b");
        count("test: a");
        count("test: a");
        let text = take();
        assert!(text.contains("test: a ×2"), "{text}");
        assert!(text.contains("test: b ×1"), "{text}");
        assert!(!take().contains("test:"));
    }
}
