//! What one seed's run counted, and the summary of all seeds as the one JSON object the
//! issue asks for: success rates, the reseller's advantage with its 95% interval over
//! the seeds (Student's t), transfers, the ratios of the groups the mechanisms could
//! hurt, overbooked seats and the fair share.

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{Value, json};

/// A group's counters, shared by its agents.
#[derive(Debug, Default)]
pub struct Tally {
    pub entities: AtomicU64,
    pub succeeded: AtomicU64,
}

impl Tally {
    pub fn count(&self, succeeded: bool) {
        self.entities.fetch_add(1, Ordering::Relaxed);
        if succeeded {
            self.succeeded.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub fn get(&self) -> Group {
        Group {
            entities: self.entities.load(Ordering::Relaxed),
            succeeded: self.succeeded.load(Ordering::Relaxed),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Group {
    pub entities: u64,
    pub succeeded: u64,
}

impl Group {
    pub fn rate(&self) -> f64 {
        if self.entities == 0 {
            0.0
        } else {
            self.succeeded as f64 / self.entities as f64
        }
    }

    fn add(self, other: Group) -> Group {
        Group {
            entities: self.entities + other.entities,
            succeeded: self.succeeded + other.succeeded,
        }
    }
}

/// One seed's result.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub seed: u64,
    /// Families (booking units) of ordinary people.
    pub people: Group,
    pub no_js: Group,
    pub shared_ip: Group,
    /// Families of 2 or more.
    pub families: Group,
    /// The reseller's paying customers.
    pub reseller: Group,
    pub transfers_attempted: u64,
    pub transfers_succeeded: u64,
    pub overbooked: i64,
    /// Seats offered over the run (capacity of every slot).
    pub seats: i64,
    /// Seats held at the end (pending and confirmed bookings).
    pub taken: i64,
    /// Persons who wanted one (people and customers).
    pub demand: u64,
    /// The bookings at the end by origin and status (`draw/confirmed ×812, …`): where
    /// the seats went, for the log line.
    pub origins: String,
}

impl Outcome {
    /// Reseller customers' success rate ÷ people's (capped at 1,000 when people got none).
    pub fn advantage(&self) -> f64 {
        let people = self.people.rate();
        if people <= 0.0 {
            if self.reseller.rate() > 0.0 {
                1_000.0
            } else {
                1.0
            }
        } else {
            (self.reseller.rate() / people).min(1_000.0)
        }
    }
}

/// The two-sided 97.5% quantile of Student's t with `df` degrees of freedom.
fn t975(df: usize) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    TABLE.get(df.wrapping_sub(1)).copied().unwrap_or(1.96)
}

/// The mean of `values` and its 95% confidence interval (a single value: a point).
pub fn mean_ci95(values: &[f64]) -> (f64, [f64; 2]) {
    let n = values.len();
    if n == 0 {
        return (f64::NAN, [f64::NAN, f64::NAN]);
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    if n == 1 {
        return (mean, [mean, mean]);
    }
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    let half = t975(n - 1) * (variance / n as f64).sqrt();
    (mean, [mean - half, mean + half])
}

fn round(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

fn ratio(group: Group, people: Group) -> f64 {
    if people.rate() <= 0.0 {
        0.0
    } else {
        round(group.rate() / people.rate())
    }
}

/// The issue's JSON object for `outcomes` (one per seed).
pub fn summary(mode: &str, outcomes: &[Outcome]) -> Value {
    let total =
        |pick: fn(&Outcome) -> Group| outcomes.iter().map(pick).fold(Group::default(), Group::add);
    let people = total(|o| o.people);
    let reseller = total(|o| o.reseller);
    let advantages: Vec<f64> = outcomes.iter().map(Outcome::advantage).collect();
    let (advantage, ci) = mean_ci95(&advantages);
    let seats: i64 = outcomes.iter().map(|o| o.seats).sum();
    let demand: u64 = outcomes.iter().map(|o| o.demand).sum();
    json!({
        "mode": mode,
        "seeds": outcomes.iter().map(|o| o.seed).collect::<Vec<_>>(),
        "people": {"entities": people.entities, "succeeded": people.succeeded, "rate": round(people.rate())},
        "reseller": {"customers": reseller.entities, "succeeded": reseller.succeeded, "rate": round(reseller.rate())},
        "advantage": round(advantage),
        "advantage_ci95": [round(ci[0]), round(ci[1])],
        "transfers": {
            "attempted": outcomes.iter().map(|o| o.transfers_attempted).sum::<u64>(),
            "succeeded": outcomes.iter().map(|o| o.transfers_succeeded).sum::<u64>(),
        },
        "ratios": {
            "no_js": ratio(total(|o| o.no_js), people),
            "shared_ip": ratio(total(|o| o.shared_ip), people),
            "families": ratio(total(|o| o.families), people),
        },
        "overbooked": outcomes.iter().map(|o| o.overbooked).sum::<i64>(),
        "fair_share": round(if demand == 0 { 0.0 } else { (seats as f64 / demand as f64).min(1.0) }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_interval_of_five_values_uses_students_t() {
        // Mean 3, sample sd √2.5, t(4) = 2.776: half-width 2.776 × √(2.5/5) = 1.963.
        let (mean, [lo, hi]) = mean_ci95(&[1.0, 2.0, 3.0, 4.0, 5.0]);
        assert!((mean - 3.0).abs() < 1e-12);
        assert!((hi - 3.0 - 1.9629).abs() < 1e-3, "{hi}");
        assert!((3.0 - lo - 1.9629).abs() < 1e-3, "{lo}");
    }

    #[test]
    fn one_value_is_a_point_and_identical_values_have_no_width() {
        assert_eq!(mean_ci95(&[2.5]), (2.5, [2.5, 2.5]));
        assert_eq!(mean_ci95(&[4.0, 4.0, 4.0]).1, [4.0, 4.0]);
    }

    fn outcome(seed: u64, people: (u64, u64), reseller: (u64, u64)) -> Outcome {
        let group = |(entities, succeeded)| Group {
            entities,
            succeeded,
        };
        Outcome {
            seed,
            people: group(people),
            no_js: group((people.0 / 5, people.1 / 5)),
            shared_ip: group((people.0 / 3, people.1 / 3)),
            families: group((people.0 / 4, people.1 / 4)),
            reseller: group(reseller),
            transfers_attempted: 10,
            transfers_succeeded: 9,
            overbooked: 0,
            seats: 2_000,
            taken: 1_900,
            demand: 11_000,
            origins: String::new(),
        }
    }

    #[test]
    fn the_summary_has_exactly_the_issues_shape() {
        // Act
        let json = summary(
            "fcfs",
            &[
                outcome(1, (6_000, 600), (1_000, 900)),
                outcome(2, (6_000, 660), (1_000, 950)),
            ],
        );

        // Assert
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = vec![
            "mode",
            "seeds",
            "people",
            "reseller",
            "advantage",
            "advantage_ci95",
            "transfers",
            "ratios",
            "overbooked",
            "fair_share",
        ];
        expected.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(json["mode"], "fcfs");
        assert_eq!(json["seeds"], json!([1, 2]));
        assert_eq!(json["people"]["entities"], 12_000);
        assert_eq!(json["people"]["succeeded"], 1_260);
        assert_eq!(json["people"]["rate"], 0.105);
        assert_eq!(json["reseller"]["customers"], 2_000);
        assert_eq!(json["reseller"]["rate"], 0.925);
        assert!(json["advantage"].as_f64().unwrap() > 8.0);
        let ci = json["advantage_ci95"].as_array().unwrap();
        assert!(ci[0].as_f64().unwrap() <= json["advantage"].as_f64().unwrap());
        assert_eq!(json["transfers"], json!({"attempted": 20, "succeeded": 18}));
        for key in ["no_js", "shared_ip", "families"] {
            assert!(json["ratios"][key].is_number(), "{key}");
        }
        assert_eq!(json["overbooked"], 0);
        assert_eq!(json["fair_share"], 0.1818);
    }

    #[test]
    fn advantage_is_the_ratio_of_rates() {
        let o = outcome(1, (1_000, 100), (1_000, 500));
        assert!((o.advantage() - 5.0).abs() < 1e-12);
    }
}
