//! Bookable slots stay inside the window, ordered, unique and real; without DST every
//! wall-clock slot exists.

use chrono::{Days, TimeDelta};
use chrono_tz::Tz;
use proptest::prelude::*;

use super::strategies::{ZONES, base, now, schedule};
use crate::schedule::{BookingWindow, TimeInterval, bookable_slots, slot_at, slots_between};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn bookable_slots_are_inside_the_window_ordered_unique_and_real(
        schedule in schedule(),
        zone in 0_usize..ZONES.len(),
        now in now(),
        horizon_days in 0_u32..=100,
        from_offset in -5_i64..=100,
        length in 0_u64..=100,
    ) {
        let tz = ZONES[zone];
        let window = BookingWindow { now, horizon_days };
        let today = window.first_date(tz);
        let from = today + TimeDelta::days(from_offset);
        let to = from + Days::new(length);

        let slots = bookable_slots(&schedule, tz, &window, from, to);

        prop_assert!(slots.windows(2).all(|pair| pair[0].starts_at < pair[1].starts_at));
        for slot in &slots {
            prop_assert!(window.allows(tz, slot));
            prop_assert!(slot.starts_at > now);
            prop_assert!(slot.date >= today && slot.date <= window.last_date(tz));
            prop_assert!(slot.date >= from && slot.date <= to);
            prop_assert_eq!(slot_at(&schedule, tz, slot.date, slot.time), Some(*slot));
            let hours = schedule.hours_on(slot.date).intervals();
            let interval = hours.iter().find(|i| i.has_slot_at(slot.time));
            prop_assert_eq!(interval.map(|i| i.counters), Some(slot.capacity));
        }
    }

    #[test]
    fn without_dst_every_wall_clock_slot_exists(schedule in schedule(), days in 0_u64..=14) {
        let from = base();
        let to = from + Days::new(days);
        let expected: u32 = from
            .iter_days()
            .take_while(|d| *d <= to)
            .flat_map(|d| schedule.hours_on(d).intervals().iter().map(TimeInterval::slot_count))
            .sum();
        let slots = slots_between(&schedule, Tz::Asia__Tokyo, from, to);
        prop_assert_eq!(slots.len(), expected as usize);
    }
}
