//! The fair-access settings of SPEC §8, parsed once at start into the domain's policies
//! (`epasapoarte_domain::fair`): the draw, the holds, the random delayed release,
//! reconfirmation and the no-show cool-off. Every one defaults to the production policy;
//! tests and the simulation shorten them.

use anyhow::{Context, bail};
use chrono::{NaiveTime, TimeDelta};
use epasapoarte_domain::fair::{
    CoolOffPolicy, DEFAULT_DRAW_AT, HoldPolicy, ReconfirmPolicy, ReleaseDelay,
};

/// The §8 policy knobs (`EPAS_DRAW`, `EPAS_DRAW_AT`, `EPAS_HOLD_SECS`,
/// `EPAS_RELEASE_DELAY`, `EPAS_RECONFIRM_BEFORE_SECS`, `EPAS_RECONFIRM_WINDOW_SECS`,
/// `EPAS_NO_SHOW_COOLOFF_DAYS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FairAccess {
    /// Off: the new day opens first come, first served at midnight, as before §8.
    pub draw: bool,
    /// Office-local time of the daily draw.
    pub draw_at: NaiveTime,
    /// How long a waiting family's hold lasts, by distance to the appointment.
    pub hold: HoldPolicy,
    /// When freed seats nobody waits for turn public again (`0-0` = at once).
    pub release_delay: ReleaseDelay,
    /// When far-ahead bookings are asked to reconfirm, and for how long (before 0 = off).
    pub reconfirm: ReconfirmPolicy,
    /// How long a no-show blocks a CNP (0 days = off).
    pub cooloff: CoolOffPolicy,
}

impl Default for FairAccess {
    fn default() -> Self {
        FairAccess {
            draw: true,
            draw_at: DEFAULT_DRAW_AT,
            hold: HoldPolicy::default(),
            release_delay: ReleaseDelay::default(),
            reconfirm: ReconfirmPolicy::default(),
            cooloff: CoolOffPolicy::default(),
        }
    }
}

pub(super) fn parse_draw_at(text: &str) -> anyhow::Result<NaiveTime> {
    epasapoarte_domain::fair::parse_draw_at(text.trim())
        .ok()
        .context("EPAS_DRAW_AT must be an office-local time HH:MM, like 00:05")
}

pub(super) fn parse_hold(text: &str) -> anyhow::Result<HoldPolicy> {
    text.trim()
        .parse()
        .ok()
        .context("EPAS_HOLD_SECS must be three numbers of seconds like 43200/10800/1800")
}

pub(super) fn parse_release_delay(text: &str) -> anyhow::Result<ReleaseDelay> {
    text.trim()
        .parse()
        .ok()
        .context("EPAS_RELEASE_DELAY must be MIN-MAX seconds like 900-10800 (0-0 = at once)")
}

pub(super) fn seconds(secs: u64, name: &str) -> anyhow::Result<TimeDelta> {
    i64::try_from(secs)
        .ok()
        .and_then(TimeDelta::try_seconds)
        .with_context(|| format!("{name} is too large"))
}

impl FairAccess {
    pub(super) fn validate(&self) -> anyhow::Result<()> {
        if self.reconfirm.is_on() && self.reconfirm.window <= TimeDelta::zero() {
            bail!("EPAS_RECONFIRM_WINDOW_SECS must be at least 1 while reconfirmation is on");
        }
        if self.cooloff.days > 3_650 {
            bail!("EPAS_NO_SHOW_COOLOFF_DAYS must be at most 3650");
        }
        Ok(())
    }
}
