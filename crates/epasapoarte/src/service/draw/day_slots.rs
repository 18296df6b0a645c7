//! The draw day's slots at every office whose window reaches it, with their free seats.

use chrono::{DateTime, Days, NaiveDate, Utc};
use epasapoarte_domain::fair::{self, DaySlot};
use epasapoarte_domain::schedule::slots_between;

use crate::ids::OfficeId;
use crate::service::{BookingService, ServiceResult};
use crate::store::{OfficeRecord, PlannedSlot};

impl BookingService {
    /// The draw day's slots at every office whose window reaches it, planned now if they
    /// are not yet, with their free seats.
    pub(super) async fn draw_day_slots(
        &self,
        offices: &[OfficeRecord],
        date: NaiveDate,
        now: DateTime<Utc>,
    ) -> ServiceResult<Vec<DaySlot<OfficeId>>> {
        let mut day = Vec::new();
        for office in offices {
            let today = fair::wall::local_date(now, office.timezone);
            let last = today.checked_add_days(Days::new(u64::from(office.horizon_days)));
            if last.is_none_or(|last| date > last) {
                continue;
            }
            let planned: Vec<PlannedSlot> =
                slots_between(&office.schedule, office.timezone, date, date)
                    .into_iter()
                    .filter(|slot| slot.starts_at > now)
                    .map(|slot| PlannedSlot {
                        date: slot.date,
                        time: slot.time,
                        starts_at: slot.starts_at,
                        capacity: slot.capacity,
                    })
                    .collect();
            let (Some(first), Some(last)) = (planned.first(), planned.last()) else {
                continue;
            };
            let (from, to) = (
                first.starts_at,
                last.starts_at + chrono::Duration::seconds(1),
            );
            self.store.plan_slots(office.id, &planned).await?;
            // Which opening interval each slot is in: a family may be seated over the
            // consecutive slots of one (issue 12).
            let intervals = office.schedule.hours_on(date).intervals();
            for slot in self.store.slots(office.id, from, to).await? {
                let interval = intervals
                    .iter()
                    .position(|interval| interval.has_slot_at(slot.time));
                if let (true, Some(interval)) = (slot.date == date, interval) {
                    day.push(DaySlot {
                        office: office.id,
                        time: slot.time,
                        free: slot.free(),
                        interval: u16::try_from(interval).unwrap_or(u16::MAX),
                    });
                }
            }
        }
        Ok(day)
    }
}
