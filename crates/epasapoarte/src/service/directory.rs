//! The office directory and a short-lived cache of each office's seats.
//!
//! Offices change rarely (a manager edits hours), so they are reloaded every few seconds.
//! Seats change constantly, but reading one office's 90 days costs milliseconds (SPEC §7)
//! and availability is the hottest read of the midnight rush: each office's seats are
//! cached for about a second, and this instance's own writes invalidate them at once.
//! A stale read can only show a seat that is gone; the booking itself is decided by the
//! database, so the cache can never cause an overbooking.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::ids::OfficeId;
use crate::store::{DynStore, OfficeRecord, SlotSeats, StoreResult};

const OFFICES_TTL: Duration = Duration::from_secs(5);
const SEATS_TTL: Duration = Duration::from_millis(1000);

/// A value and when it was read.
type Cached<T> = (Instant, Arc<T>);

#[derive(Clone)]
pub struct Directory {
    store: DynStore,
    offices: Arc<RwLock<Option<Cached<Vec<OfficeRecord>>>>>,
    seats: Arc<RwLock<HashMap<OfficeId, Cached<Vec<SlotSeats>>>>>,
    /// One refresh at a time per office: a burst of readers waits for one query.
    refreshing: Arc<tokio::sync::Mutex<()>>,
}

impl Directory {
    pub fn new(store: DynStore) -> Directory {
        Directory {
            store,
            offices: Arc::default(),
            seats: Arc::default(),
            refreshing: Arc::default(),
        }
    }

    pub async fn offices(&self) -> StoreResult<Arc<Vec<OfficeRecord>>> {
        if let Some((at, offices)) = &*read(&self.offices)
            && at.elapsed() < OFFICES_TTL
        {
            return Ok(offices.clone());
        }
        let offices = Arc::new(self.store.offices().await?);
        *write(&self.offices) = Some((Instant::now(), offices.clone()));
        Ok(offices)
    }

    pub async fn office(&self, id: OfficeId) -> StoreResult<Option<OfficeRecord>> {
        Ok(self
            .offices()
            .await?
            .iter()
            .find(|office| office.id == id)
            .cloned())
    }

    /// The office's slots from `now` to the end of its horizon, at most ~1 s old.
    pub async fn seats(
        &self,
        office: &OfficeRecord,
        now: DateTime<Utc>,
    ) -> StoreResult<Arc<Vec<SlotSeats>>> {
        if let Some(fresh) = self.fresh_seats(office.id) {
            return Ok(fresh);
        }
        let _one_at_a_time = self.refreshing.lock().await;
        if let Some(fresh) = self.fresh_seats(office.id) {
            return Ok(fresh);
        }
        // From the start of today (UTC) so today's later slots are included, to a day past
        // the horizon; callers filter by the booking window.
        let from = now - chrono::Duration::days(1);
        let to = now + chrono::Duration::days(i64::from(office.horizon_days) + 2);
        let seats = Arc::new(self.store.slots(office.id, from, to).await?);
        write(&self.seats).insert(office.id, (Instant::now(), seats.clone()));
        Ok(seats)
    }

    /// Forgets an office's cached seats (after this instance changed them).
    pub fn invalidate_seats(&self, office_id: OfficeId) {
        write(&self.seats).remove(&office_id);
    }

    /// Forgets everything (after offices were added or edited).
    pub fn invalidate_all(&self) {
        *write(&self.offices) = None;
        write(&self.seats).clear();
    }

    fn fresh_seats(&self, office_id: OfficeId) -> Option<Arc<Vec<SlotSeats>>> {
        read(&self.seats)
            .get(&office_id)
            .filter(|(at, _)| at.elapsed() < SEATS_TTL)
            .map(|(_, seats)| seats.clone())
    }
}

// A poisoned lock only means a reader panicked mid-clone; the data is still whole.
fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
