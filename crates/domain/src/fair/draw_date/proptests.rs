//! Property tests: the draw date is the first open one, entries go to the earliest draw not
//! yet run, and due draws are exactly those whose instant has passed.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeDelta, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;

use crate::fair::draw_date::{draw_date, draw_instant, due_draw_dates, entries_open_for};

const ZONES: [Tz; 6] = [
    Tz::Europe__Bucharest,
    Tz::UTC,
    Tz::America__New_York,
    Tz::America__Santiago,
    Tz::Australia__Lord_Howe,
    Tz::Asia__Kolkata,
];

fn open_on(week: [bool; 7]) -> impl Fn(NaiveDate) -> bool {
    move |date| week[date.weekday().num_days_from_monday() as usize]
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    // 2020-01-01 to about 2036, minute resolution.
    (0_i64..8_500_000).prop_map(|minutes| {
        DateTime::<Utc>::UNIX_EPOCH + TimeDelta::days(18_262) + TimeDelta::minutes(minutes)
    })
}

fn draw_time() -> impl Strategy<Value = NaiveTime> {
    (0_u32..24, 0_u32..60).prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_draw_date_is_the_first_open_date_past_the_window(
        days in 0_i64..5_000, horizon in 0_u32..200, week in any::<[bool; 7]>(),
    ) {
        let today = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default() + TimeDelta::days(days);
        let first = today + Days::new(u64::from(horizon) + 1);
        match draw_date(today, horizon, open_on(week)) {
            Some(date) => {
                prop_assert!(date >= first && open_on(week)(date));
                let mut before = first.iter_days().take_while(|d| *d < date);
                prop_assert!(before.all(|d| !open_on(week)(d)));
            }
            None => prop_assert!(week.iter().all(|open| !open)),
        }
    }

    #[test]
    fn entries_go_to_the_earliest_draw_not_yet_run(
        now in instant(), zone in 0_usize..ZONES.len(), horizon in 0_u32..120,
        at in draw_time(), week in any::<[bool; 7]>(),
    ) {
        prop_assume!(week.iter().any(|open| *open));
        let (tz, is_open) = (ZONES[zone], open_on(week));
        let date = entries_open_for(now, tz, horizon, at, &is_open);
        let date = date.ok_or_else(|| TestCaseError::fail("no draw date"))?;
        prop_assert!(is_open(date));
        prop_assert!(draw_instant(date, horizon, at, tz).is_some_and(|i| i > now));
        for earlier in (1..40).filter_map(|back| date.checked_sub_days(Days::new(back))) {
            if is_open(earlier) {
                prop_assert!(draw_instant(earlier, horizon, at, tz).is_some_and(|i| i <= now));
            }
        }
    }

    #[test]
    fn due_draws_are_open_dates_whose_instant_has_passed(
        now in instant(), zone in 0_usize..ZONES.len(), horizon in 0_u32..120,
        at in draw_time(), week in any::<[bool; 7]>(), lookback in 0_u32..10,
    ) {
        let (tz, is_open) = (ZONES[zone], open_on(week));
        let due = due_draw_dates(now, tz, horizon, at, lookback, &is_open);
        prop_assert!(due.windows(2).all(|pair| pair[0] < pair[1]));
        for date in &due {
            prop_assert!(is_open(*date));
            prop_assert!(draw_instant(*date, horizon, at, tz).is_some_and(|i| i <= now));
        }
        // The draw taking entries now is never due.
        if let Some(open) = entries_open_for(now, tz, horizon, at, &is_open) {
            prop_assert!(!due.contains(&open));
        }
    }

    #[test]
    fn later_draw_dates_run_later(
        days in 0_i64..5_000, zone in 0_usize..ZONES.len(), horizon in 0_u32..120, at in draw_time(),
    ) {
        let date = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default() + TimeDelta::days(days);
        let tz = ZONES[zone];
        let this = draw_instant(date, horizon, at, tz);
        let next = draw_instant(date + TimeDelta::days(1), horizon, at, tz);
        prop_assert!(matches!((this, next), (Some(a), Some(b)) if a < b));
    }
}
