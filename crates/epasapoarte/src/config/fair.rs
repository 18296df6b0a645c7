//! The fair-access settings of SPEC §8, parsed once at start: the draw, the holds, the
//! random delayed release, reconfirmation and the no-show cool-off. Every one has the
//! production default; tests and the simulation shorten them.

use anyhow::{Context, bail};
use chrono::NaiveTime;

/// The §8 policy knobs (`EPAS_DRAW`, `EPAS_DRAW_AT`, `EPAS_HOLD_SECS`,
/// `EPAS_RELEASE_DELAY`, `EPAS_RECONFIRM_BEFORE_SECS`, `EPAS_RECONFIRM_WINDOW_SECS`,
/// `EPAS_NO_SHOW_COOLOFF_DAYS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FairAccess {
    /// Off: the new day opens first come, first served at midnight, as before §8.
    pub draw: bool,
    /// Office-local time of the daily draw.
    pub draw_at: NaiveTime,
    /// Hold lengths in seconds: more than 3 days away / 1–3 days / within 24 hours.
    pub hold_secs: HoldSecs,
    /// Freed seats nobody waits for return after a delay drawn uniformly from this range
    /// (seconds; `0-0` = at once).
    pub release_delay: ReleaseDelaySecs,
    /// Ask for reconfirmation this long before the appointment; 0 = never.
    pub reconfirm_before_secs: u64,
    /// Time to answer a reconfirmation request.
    pub reconfirm_window_secs: u64,
    /// Days a no-show's CNP may not book or enter a draw (90 for a second within a year).
    pub no_show_cooloff_days: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoldSecs {
    pub far: u64,
    pub near: u64,
    pub imminent: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReleaseDelaySecs {
    pub min: u64,
    pub max: u64,
}

impl Default for FairAccess {
    fn default() -> Self {
        FairAccess {
            draw: true,
            draw_at: NaiveTime::from_hms_opt(0, 5, 0).expect("a valid time"),
            hold_secs: HoldSecs {
                far: 43_200,
                near: 10_800,
                imminent: 1_800,
            },
            release_delay: ReleaseDelaySecs {
                min: 900,
                max: 10_800,
            },
            reconfirm_before_secs: 604_800,
            reconfirm_window_secs: 172_800,
            no_show_cooloff_days: 30,
        }
    }
}

impl HoldSecs {
    /// `43200/10800/1800`: three whole numbers of seconds, each at least 1.
    pub fn parse(text: &str) -> anyhow::Result<HoldSecs> {
        let parts: Vec<&str> = text.trim().split('/').collect();
        let [far, near, imminent] = parts.as_slice() else {
            bail!("EPAS_HOLD_SECS must be three numbers of seconds like 43200/10800/1800");
        };
        let number = |part: &str| -> anyhow::Result<u64> {
            let secs: u64 = part
                .trim()
                .parse()
                .context("EPAS_HOLD_SECS must be three numbers of seconds like 43200/10800/1800")?;
            if secs == 0 {
                bail!("EPAS_HOLD_SECS: a hold must last at least one second");
            }
            Ok(secs)
        };
        Ok(HoldSecs {
            far: number(far)?,
            near: number(near)?,
            imminent: number(imminent)?,
        })
    }
}

impl ReleaseDelaySecs {
    /// `MIN-MAX` seconds, MIN ≤ MAX (`0-0` = at once).
    pub fn parse(text: &str) -> anyhow::Result<ReleaseDelaySecs> {
        let problem = "EPAS_RELEASE_DELAY must be MIN-MAX seconds like 900-10800 (0-0 = at once)";
        let (min, max) = text.trim().split_once('-').context(problem)?;
        let min: u64 = min.trim().parse().context(problem)?;
        let max: u64 = max.trim().parse().context(problem)?;
        if max < min {
            bail!("{problem}: MAX is below MIN");
        }
        Ok(ReleaseDelaySecs { min, max })
    }
}

/// `HH:MM`, office-local.
pub(super) fn parse_draw_at(text: &str) -> anyhow::Result<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .context("EPAS_DRAW_AT must be an office-local time HH:MM, like 00:05")
}
