//! Which date a draw is for, when its entries close (the draw instant), and which draws
//! are due: every open date gets one draw, run on `date − horizon` at `EPAS_DRAW_AT`.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::wall::{local_date, pin};

/// `EPAS_DRAW_AT` by default: five past midnight, office-local.
pub const DEFAULT_DRAW_AT: NaiveTime = match NaiveTime::from_hms_opt(0, 5, 0) {
    Some(time) => time,
    None => panic!("00:05 is a time"),
};

/// How far past the window's edge a draw date is searched for an open office: a month
/// with every office closed means a misconfiguration, not a draw.
pub const DRAW_SEARCH_DAYS: u64 = 31;

/// `EPAS_DRAW_AT` was not an `HH:MM` time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("EPAS_DRAW_AT must be an office-local time HH:MM, e.g. 00:05; got {0:?}")]
pub struct DrawAtError(pub String);

/// Parses `EPAS_DRAW_AT`: exactly `HH:MM`, 24-hour.
pub fn parse_draw_at(text: &str) -> Result<NaiveTime, DrawAtError> {
    let well_formed = text.len() == 5 && text.as_bytes()[2] == b':';
    well_formed
        .then(|| NaiveTime::parse_from_str(text, "%H:%M").ok())
        .flatten()
        .ok_or_else(|| DrawAtError(text.to_owned()))
}

/// The date the draw taking entries on office-local `today` is for: the first date on or
/// after `today + horizon_days + 1` on which some office is open (`is_open`), searching
/// [`DRAW_SEARCH_DAYS`] days; `None` when none is open.
pub fn draw_date(
    today: NaiveDate,
    horizon_days: u32,
    is_open: impl Fn(NaiveDate) -> bool,
) -> Option<NaiveDate> {
    let first = today.checked_add_days(Days::new(u64::from(horizon_days) + 1))?;
    (0..DRAW_SEARCH_DAYS)
        .map_while(|n| first.checked_add_days(Days::new(n)))
        .find(|date| is_open(*date))
}

/// When the draw for `draw_date` runs and its entries close: office-local
/// `draw_date − horizon_days` at `draw_at`. A wall time that occurs twice (DST ends) is
/// its first occurrence; one that does not exist (DST starts) is the end of the gap.
#[must_use]
pub fn draw_instant(
    draw_date: NaiveDate,
    horizon_days: u32,
    draw_at: NaiveTime,
    tz: Tz,
) -> Option<DateTime<Utc>> {
    let day = draw_date.checked_sub_days(Days::new(u64::from(horizon_days)))?;
    pin(tz, day.and_time(draw_at))
}

/// The draw date taking entries at `now`: the earliest one whose draw has not yet run.
/// Between midnight and `draw_at` that is still yesterday's.
pub fn entries_open_for(
    now: DateTime<Utc>,
    tz: Tz,
    horizon_days: u32,
    draw_at: NaiveTime,
    is_open: impl Fn(NaiveDate) -> bool,
) -> Option<NaiveDate> {
    let today = local_date(now, tz);
    let yesterdays = today
        .pred_opt()
        .and_then(|yesterday| draw_date(yesterday, horizon_days, &is_open))
        .filter(|date| draw_instant(*date, horizon_days, draw_at, tz).is_some_and(|at| at > now));
    yesterdays.or_else(|| draw_date(today, horizon_days, &is_open))
}

/// The open dates whose draw is due at `now` (its instant has passed), looking back
/// `lookback_days` from the window's last date, ascending. The caller drops those
/// already drawn (a draw happens once).
pub fn due_draw_dates(
    now: DateTime<Utc>,
    tz: Tz,
    horizon_days: u32,
    draw_at: NaiveTime,
    lookback_days: u32,
    is_open: impl Fn(NaiveDate) -> bool,
) -> Vec<NaiveDate> {
    let today = local_date(now, tz);
    let Some(last) = today.checked_add_days(Days::new(u64::from(horizon_days))) else {
        return Vec::new();
    };
    (0..=u64::from(lookback_days))
        .rev()
        .filter_map(|back| last.checked_sub_days(Days::new(back)))
        .filter(|date| is_open(*date))
        .filter(|date| draw_instant(*date, horizon_days, draw_at, tz).is_some_and(|at| at <= now))
        .collect()
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
