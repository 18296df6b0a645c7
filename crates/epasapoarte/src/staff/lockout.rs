//! When a staff login is not even tried (issue 12 item 13, issue 13 item 5). Pure: the
//! counts of recent failures in, the wait out.
//!
//! - **One account from one address**: [`PAIR_LIMIT`] failures in [`WINDOW`] stop that
//!   pair for [`LOCK_FOR`] after the last. The person typing wrong is stopped; a
//!   colleague at another address is not.
//! - **One account from anywhere**: beyond [`FREE_TRIES`] failures in the window each
//!   next try waits twice as long after the last failure, up to [`MAX_DELAY`]. A guesser
//!   spread over many addresses gets about one try a minute; the account's owner waits a
//!   minute at most — nobody can lock a colleague out from elsewhere.
//! - **One address, any account**: [`ADDRESS_LIMIT`] failures in the window (guessing
//!   across usernames) stop the address until the last is [`WINDOW`] old. Generous: a
//!   whole office may sit behind one address.
//!
//! Accounts are counted by a keyed hash of the username as typed, whether or not such a
//! user exists, so the waits tell nothing about which usernames are real. The check
//! comes before the password hash: a refused try costs no argon2 work.

use chrono::{DateTime, TimeDelta, Utc};

pub const WINDOW: TimeDelta = TimeDelta::minutes(15);
pub const PAIR_LIMIT: u32 = 5;
pub const LOCK_FOR: TimeDelta = TimeDelta::minutes(15);
pub const FREE_TRIES: u32 = 5;
pub const MAX_DELAY: TimeDelta = TimeDelta::seconds(60);
pub const ADDRESS_LIMIT: u32 = 100;

/// Failures within the window of one kind: how many, and the latest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub count: u32,
    pub last: Option<DateTime<Utc>>,
}

/// The recent failures that concern one login attempt.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoginFailures {
    /// This username from this address.
    pub pair: Tally,
    /// This username from any address.
    pub account: Tally,
    /// Any username from this address.
    pub address: Tally,
}

/// Which limit a wait comes from (for the audit trail).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Pair,
    Account,
    Address,
}

/// How long the attempt must wait, and why; `None` when it may be tried now.
#[must_use]
pub fn wait(failures: &LoginFailures, now: DateTime<Utc>) -> Option<(TimeDelta, Limit)> {
    let mut longest: Option<(DateTime<Utc>, Limit)> = None;
    let mut consider = |until: Option<DateTime<Utc>>, limit| {
        if let Some(until) = until.filter(|until| *until > now)
            && longest.is_none_or(|(known, _)| until > known)
        {
            longest = Some((until, limit));
        }
    };
    if failures.pair.count >= PAIR_LIMIT {
        consider(failures.pair.last.map(|last| last + LOCK_FOR), Limit::Pair);
    }
    if failures.account.count >= FREE_TRIES {
        consider(
            failures
                .account
                .last
                .map(|last| last + delay(failures.account.count)),
            Limit::Account,
        );
    }
    if failures.address.count >= ADDRESS_LIMIT {
        consider(
            failures.address.last.map(|last| last + WINDOW),
            Limit::Address,
        );
    }
    longest.map(|(until, limit)| (until - now, limit))
}

/// The account's wait after `count` failures: 1 s after the fifth, doubling, at most
/// [`MAX_DELAY`].
fn delay(count: u32) -> TimeDelta {
    let beyond = count.saturating_sub(FREE_TRIES).min(10);
    TimeDelta::seconds(1_i64 << beyond).min(MAX_DELAY)
}

/// Whole minutes to tell a person (at least 1): "try again in 3 minutes".
#[must_use]
pub fn minutes_to_say(wait: TimeDelta) -> i64 {
    ((wait.num_seconds() + 59) / 60).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
    }

    fn tally(count: u32, last: i64) -> Tally {
        Tally {
            count,
            last: Some(at(last)),
        }
    }

    #[test]
    fn a_few_failures_cost_nothing() {
        let failures = LoginFailures {
            pair: tally(4, 0),
            account: tally(5, 0),
            address: tally(99, 0),
        };
        assert_eq!(wait(&failures, at(1)), None);
        assert_eq!(wait(&LoginFailures::default(), at(0)), None);
    }

    #[test]
    fn five_from_one_address_stop_that_pair_for_fifteen_minutes() {
        let failures = LoginFailures {
            pair: tally(5, 0),
            account: tally(5, 0),
            address: tally(5, 0),
        };
        assert_eq!(
            wait(&failures, at(60)),
            Some((TimeDelta::minutes(14), Limit::Pair))
        );
        assert_eq!(wait(&failures, at(15 * 60)), None);
        assert_eq!(minutes_to_say(TimeDelta::minutes(14)), 14);
        assert_eq!(minutes_to_say(TimeDelta::seconds(61)), 2);
        assert_eq!(minutes_to_say(TimeDelta::seconds(3)), 1);
    }

    #[test]
    fn an_account_tried_from_everywhere_slows_down_but_never_locks() {
        let from_elsewhere = |count| LoginFailures {
            pair: Tally::default(),
            account: tally(count, 0),
            address: Tally::default(),
        };
        let waits: Vec<i64> = (6..=14)
            .map(|count| wait(&from_elsewhere(count), at(0)).map_or(0, |(w, _)| w.num_seconds()))
            .collect();
        assert_eq!(waits, [2, 4, 8, 16, 32, 60, 60, 60, 60]);
        assert_eq!(
            wait(&from_elsewhere(1_000), at(59)),
            Some((TimeDelta::seconds(1), Limit::Account))
        );
        // The owner, at their own address, waits a minute at most.
        assert_eq!(wait(&from_elsewhere(1_000), at(60)), None);
    }

    #[test]
    fn an_address_guessing_across_usernames_is_stopped_at_a_hundred() {
        let failures = LoginFailures {
            pair: tally(1, 0),
            account: tally(1, 0),
            address: tally(100, 0),
        };
        assert_eq!(
            wait(&failures, at(0)),
            Some((TimeDelta::minutes(15), Limit::Address))
        );
    }

    #[test]
    fn the_longest_wait_wins() {
        let failures = LoginFailures {
            pair: tally(5, 0),
            account: tally(20, 10),
            address: tally(100, 30),
        };
        assert_eq!(
            wait(&failures, at(40)),
            Some((TimeDelta::seconds(15 * 60 - 10), Limit::Address))
        );
    }
}
