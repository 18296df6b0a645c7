//! Which days step 5 shows: every day of the office's window with its free places, paged
//! so that each page holds about two weeks of days the family can choose ("Mai târziu"
//! moves on, "Mai devreme" back). Full days are shown, marked, between the choosable ones.

use chrono::{Datelike, NaiveDate};

use crate::service::DayAvailability;

/// Choosable days per page.
pub const PAGE_DAYS: usize = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySeats {
    pub date: NaiveDate,
    /// Free places that day, over all its times.
    pub free: u32,
    /// Some time that day has room for the whole family.
    pub selectable: bool,
}

/// One page of days, and where the pager links lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub days: Vec<DaySeats>,
    pub earlier: Option<NaiveDate>,
    pub later: Option<NaiveDate>,
}

/// Each day's free places and whether it can take the family (given every slot of the
/// day, full ones included, each knowing whether the family can be seated from it — in
/// one slot or over consecutive ones).
pub fn summarize(days: &[DayAvailability]) -> Vec<DaySeats> {
    days.iter()
        .map(|day| DaySeats {
            date: day.date,
            free: day.slots.iter().map(|slot| u32::from(slot.free)).sum(),
            selectable: day.slots.iter().any(|slot| slot.span > 0),
        })
        .collect()
}

/// Where the page starting at `start` ends (exclusive): after [`PAGE_DAYS`] choosable days,
/// stretched to the end of that day's week so a week is never cut in two.
fn page_end(choosable: &[NaiveDate], start: usize) -> usize {
    let mut end = (start + PAGE_DAYS).min(choosable.len());
    while end > 0
        && end < choosable.len()
        && choosable[end].iso_week() == choosable[end - 1].iso_week()
    {
        end += 1;
    }
    end
}

/// The starts of the pages, from the first choosable day on.
fn page_starts(choosable: &[NaiveDate]) -> Vec<usize> {
    let mut starts = vec![0];
    while let Some(&last) = starts.last() {
        let next = page_end(choosable, last);
        if next >= choosable.len() || next <= last {
            break;
        }
        starts.push(next);
    }
    starts
}

/// The page holding the first choosable day on or after `from`; without `from`, the page
/// holding the `chosen` day; otherwise the first page.
pub fn window(all: &[DaySeats], from: Option<NaiveDate>, chosen: Option<NaiveDate>) -> Window {
    let choosable: Vec<NaiveDate> = all
        .iter()
        .filter(|d| d.selectable)
        .map(|d| d.date)
        .collect();
    if choosable.is_empty() {
        return Window {
            days: Vec::new(),
            earlier: None,
            later: None,
        };
    }
    let target = match (from, chosen) {
        (Some(from), _) => choosable.iter().position(|date| *date >= from),
        (None, Some(chosen)) => choosable.iter().position(|date| *date == chosen),
        (None, None) => None,
    }
    .unwrap_or(if from.is_some() {
        choosable.len() - 1
    } else {
        0
    });
    let starts = page_starts(&choosable);
    let page = starts
        .iter()
        .rposition(|start| *start <= target)
        .unwrap_or(0);
    let start = starts[page];
    let lower = if page == 0 {
        NaiveDate::MIN
    } else {
        choosable[start]
    };
    let upper = starts.get(page + 1).map(|next| choosable[*next]);
    Window {
        days: all
            .iter()
            .filter(|day| day.date >= lower && upper.is_none_or(|upper| day.date < upper))
            .copied()
            .collect(),
        earlier: page
            .checked_sub(1)
            .map(|previous| choosable[starts[previous]]),
        later: upper,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Day `n` from Monday 30 November 2026.
    fn day(n: u32, selectable: bool) -> DaySeats {
        DaySeats {
            date: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default()
                + chrono::Duration::days(i64::from(n)),
            free: if selectable { 3 } else { 0 },
            selectable,
        }
    }

    /// 40 days from a Monday; every fifth is full.
    fn days() -> Vec<DaySeats> {
        (0..40).map(|n| day(n, n % 5 != 4)).collect()
    }

    #[test]
    fn a_page_holds_fourteen_choosable_days_and_ends_with_their_week() {
        let window = window(&days(), None, None);

        assert_eq!(
            window.days.len(),
            21,
            "three whole weeks, full days included"
        );
        assert!(window.days.iter().filter(|d| d.selectable).count() >= PAGE_DAYS);
        assert_eq!(window.days.last().map(|d| d.date), Some(day(20, true).date));
        assert_eq!(window.earlier, None);
        assert_eq!(window.later, Some(day(21, true).date));
    }

    #[test]
    fn the_next_page_links_back_to_the_first() {
        let second = window(&days(), Some(day(21, true).date), None);

        assert_eq!(
            second.days.first().map(|d| d.date),
            Some(day(21, true).date)
        );
        assert_eq!(
            second.days.last().map(|d| d.date),
            Some(day(39, false).date)
        );
        assert_eq!(second.earlier, Some(day(0, true).date));
        assert_eq!(second.later, None);
    }

    #[test]
    fn a_start_inside_a_page_shows_that_whole_page() {
        let window = window(&days(), Some(day(24, false).date), None);

        assert_eq!(
            window.days.first().map(|d| d.date),
            Some(day(21, true).date)
        );
    }

    #[test]
    fn without_a_start_the_page_of_the_chosen_day_is_shown() {
        let window = window(&days(), None, Some(day(30, true).date));

        assert!(window.days.iter().any(|d| d.date == day(30, true).date));
        assert!(window.earlier.is_some());
    }

    #[test]
    fn a_start_past_the_window_shows_the_last_page() {
        let far = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap_or_default();

        let window = window(&days(), Some(far), None);

        assert!(!window.days.is_empty());
        assert_eq!(window.later, None);
    }

    #[test]
    fn no_choosable_day_gives_an_empty_page() {
        let all: Vec<DaySeats> = (0..5).map(|n| day(n, false)).collect();

        assert!(window(&all, None, None).days.is_empty());
    }
}
