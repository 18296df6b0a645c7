//! Who takes part, drawn from one seed: 10,000 people in families of 1–4 (mostly 1),
//! 20% without JavaScript, 30% behind carrier NAT (≈100 people per address), arriving at
//! human hours over the simulated days; and one reseller with 1,000 paying customers
//! (their real CNPs) and a stock of accomplice CNPs for placeholder bookings.

use chrono::{DateTime, TimeDelta, Timelike, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::world::Source;
use crate::people::cnp;

/// The shape of a population.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub people: usize,
    pub customers: usize,
    pub accomplices: usize,
    pub no_js: f64,
    pub nat: f64,
    pub per_nat_ip: usize,
    pub reseller_ips: usize,
    pub offices: usize,
    /// Arrivals happen between the start and this long after it.
    pub arrivals: TimeDelta,
}

impl Spec {
    /// The issue's population.
    pub fn issue(offices: usize, arrivals: TimeDelta) -> Spec {
        Spec {
            people: 10_000,
            customers: 1_000,
            accomplices: 300,
            no_js: 0.20,
            nat: 0.30,
            per_nat_ip: 100,
            reseller_ips: 1_000,
            offices,
            arrivals,
        }
    }
}

/// Family sizes 1–4 and their shares of families: mostly 1.
pub const FAMILY_SIZES: [(usize, f64); 4] = [(1, 0.60), (2, 0.20), (3, 0.12), (4, 0.08)];

#[derive(Debug, Clone)]
pub struct Family {
    pub cnps: Vec<String>,
    pub email: String,
    pub no_js: bool,
    pub source: Source,
    /// Index into the run's offices: the one near home.
    pub home: usize,
    /// When the family starts trying, after the start.
    pub arrives: TimeDelta,
    /// Knows a new day opens at midnight and stays up for it.
    pub night_owl: bool,
    /// Will cancel a confirmed booking some time later (plans change).
    pub cancels: bool,
}

impl Family {
    pub fn behind_nat(&self) -> bool {
        matches!(self.source, Source::Nat(_))
    }
}

#[derive(Debug, Clone)]
pub struct Customer {
    pub cnp: String,
    /// When the customer pays the reseller, after the start.
    pub arrives: TimeDelta,
}

#[derive(Debug, Clone)]
pub struct Population {
    pub families: Vec<Family>,
    pub customers: Vec<Customer>,
    pub accomplices: Vec<String>,
    pub reseller_ips: usize,
}

impl Population {
    pub fn people(&self) -> usize {
        self.families.iter().map(|f| f.cnps.len()).sum()
    }
}

/// A human arrival: any moment within `arrivals`, moved out of the night (00–07 local,
/// UTC+2 in winter) into the morning.
fn human_arrival(rng: &mut StdRng, start: DateTime<Utc>, arrivals: TimeDelta) -> TimeDelta {
    let secs = rng.gen_range(0..arrivals.num_seconds().max(1));
    let at = start + TimeDelta::seconds(secs);
    let local_hour = (at.hour() + 2) % 24;
    if local_hour < 7 {
        let to_seven = i64::from(7 - local_hour) * 3_600;
        TimeDelta::seconds(secs + to_seven + rng.gen_range(0..3 * 3_600))
    } else {
        TimeDelta::seconds(secs)
    }
}

fn family_size(rng: &mut StdRng) -> usize {
    let mut pick: f64 = rng.gen_range(0.0..1.0);
    for (size, share) in FAMILY_SIZES {
        if pick < share {
            return size;
        }
        pick -= share;
    }
    1
}

/// The population of `seed` (the same seed gives the same population).
pub fn generate(seed: u64, spec: &Spec, start: DateTime<Utc>) -> Population {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut next_cnp = 0u64;
    let mut fresh = || {
        next_cnp += 1;
        cnp(next_cnp)
    };
    let nat_ips = ((spec.people as f64 * spec.nat) / spec.per_nat_ip as f64)
        .round()
        .max(1.0) as usize;
    let mut families = Vec::new();
    let (mut people, mut own_ips) = (0, 0);
    while people < spec.people {
        let size = family_size(&mut rng).min(spec.people - people);
        let cnps: Vec<String> = (0..size).map(|_| fresh()).collect();
        let source = if rng.gen_bool(spec.nat) {
            Source::Nat(rng.gen_range(0..nat_ips))
        } else {
            own_ips += 1;
            Source::Own(own_ips - 1)
        };
        families.push(Family {
            email: format!("om.{}@example.com", cnps[0]),
            cnps,
            no_js: rng.gen_bool(spec.no_js),
            source,
            home: rng.gen_range(0..spec.offices.max(1)),
            arrives: human_arrival(&mut rng, start, spec.arrivals),
            night_owl: rng.gen_bool(0.25),
            cancels: rng.gen_bool(0.08),
        });
        people += size;
    }
    let customers = (0..spec.customers)
        .map(|_| {
            let cnp = fresh();
            Customer {
                cnp,
                // A customer is a person too, paying at a waking hour like the rest: the
                // reseller's night-time speed is its own, the customer's hour is not.
                arrives: human_arrival(&mut rng, start, spec.arrivals),
            }
        })
        .collect();
    let accomplices = (0..spec.accomplices).map(|_| fresh()).collect();
    Population {
        families,
        customers,
        accomplices,
        reseller_ips: spec.reseller_ips,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use epasapoarte_domain::cnp::Cnp;

    use super::*;

    fn start() -> DateTime<Utc> {
        "2027-02-07T10:00:00Z".parse().unwrap()
    }

    fn issue_population(seed: u64) -> Population {
        generate(seed, &Spec::issue(4, TimeDelta::days(4)), start())
    }

    #[test]
    fn the_issue_population_has_its_shape() {
        // Act
        let population = issue_population(1);

        // Assert: 10,000 people in families of 1–4, mostly 1.
        assert_eq!(population.people(), 10_000);
        let families = population.families.len() as f64;
        let singles = population
            .families
            .iter()
            .filter(|f| f.cnps.len() == 1)
            .count();
        assert!(
            population
                .families
                .iter()
                .all(|f| (1..=4).contains(&f.cnps.len()))
        );
        assert!(singles as f64 / families > 0.5, "{singles} of {families}");
        // 20% without JavaScript, 30% behind NAT at ≈100 people per address.
        let no_js = population.families.iter().filter(|f| f.no_js).count() as f64;
        assert!((no_js / families - 0.20).abs() < 0.03, "{no_js}");
        let mut per_ip: HashMap<Source, usize> = HashMap::new();
        for family in population.families.iter().filter(|f| f.behind_nat()) {
            *per_ip.entry(family.source).or_default() += family.cnps.len();
        }
        let nat_people: usize = per_ip.values().sum();
        assert!(
            (nat_people as f64 / 10_000.0 - 0.30).abs() < 0.03,
            "{nat_people}"
        );
        let mean = nat_people as f64 / per_ip.len() as f64;
        assert!(
            (80.0..=120.0).contains(&mean),
            "{mean} people per NAT address"
        );
        // The reseller.
        assert_eq!(population.customers.len(), 1_000);
        assert_eq!(population.reseller_ips, 1_000);
    }

    #[test]
    fn every_cnp_is_valid_and_used_once() {
        let population = issue_population(2);
        let today = chrono::NaiveDate::from_ymd_opt(2027, 2, 7).unwrap();
        let all: Vec<&String> = population
            .families
            .iter()
            .flat_map(|f| &f.cnps)
            .chain(population.customers.iter().map(|c| &c.cnp))
            .chain(&population.accomplices)
            .collect();
        let distinct: HashSet<&&String> = all.iter().collect();
        assert_eq!(distinct.len(), all.len());
        assert!(all.iter().all(|c| Cnp::parse(c, today).is_ok()));
    }

    #[test]
    fn people_and_customers_arrive_within_the_window_and_not_at_night() {
        let population = issue_population(3);
        let arrivals = population
            .families
            .iter()
            .map(|f| f.arrives)
            .chain(population.customers.iter().map(|c| c.arrives));
        for arrives in arrivals {
            let at = start() + arrives;
            let local_hour = (at.hour() + 2) % 24;
            assert!(local_hour >= 7, "arrives at {local_hour}:00");
            assert!(arrives < TimeDelta::days(4) + TimeDelta::hours(10));
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_population_and_another_seed_another() {
        let (a, b, c) = (
            issue_population(7),
            issue_population(7),
            issue_population(8),
        );
        let arrivals = |p: &Population| p.families.iter().map(|f| f.arrives).collect::<Vec<_>>();
        assert_eq!(arrivals(&a), arrivals(&b));
        assert_ne!(arrivals(&a), arrivals(&c));
    }
}
