//! Which days the public may not see yet while draws are on, and planning the rest.

use chrono::NaiveDate;

use crate::service::{BookingService, ServiceResult};
use crate::store::PlannedSlot;

impl BookingService {
    /// The first date the public may not see yet while draws are on: the date taking
    /// entries, or an earlier one whose draw has not run. `None`: everything is public.
    pub async fn public_gate(&self) -> ServiceResult<Option<NaiveDate>> {
        if !self.config.fair.draw {
            return Ok(None);
        }
        let clock = self.draw_clock().await?;
        let open = clock.open_for(self.now()).map(|(date, _)| date);
        let undrawn = self.store.earliest_undrawn().await?;
        Ok(match (open, undrawn) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        })
    }

    /// Plans every office's slots over its window, except the days still to be drawn.
    pub async fn plan_public_slots(&self) -> anyhow::Result<u64> {
        let gate = self.public_gate().await?;
        let now = self.now();
        let mut created = 0;
        for office in self.store.offices().await? {
            let slots: Vec<PlannedSlot> = crate::seed::planned_slots(&office, now)
                .into_iter()
                .filter(|slot| gate.is_none_or(|gate| slot.date < gate))
                .collect();
            if !slots.is_empty() {
                created += self.store.plan_slots(office.id, &slots).await?;
            }
        }
        Ok(created)
    }
}
