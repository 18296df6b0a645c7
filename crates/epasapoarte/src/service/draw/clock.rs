//! Which draw takes entries: Romania's clock over the longest horizon, and the draw
//! opened (with a fresh secret seed) the first time it is asked for.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use epasapoarte_domain::fair::{DrawSeed, draw_instant, entries_open_for};
use rand::RngCore;

use crate::i18n::format::ROMANIA;
use crate::service::{BookingService, ServiceResult};
use crate::store::{DrawRow, OfficeRecord};

/// The draws are for the whole country: Romania's clock, the longest horizon.
pub(super) struct DrawClock {
    tz: Tz,
    horizon: u32,
    draw_at: NaiveTime,
    offices: std::sync::Arc<Vec<OfficeRecord>>,
}

impl DrawClock {
    fn is_open(&self, date: NaiveDate) -> bool {
        self.offices
            .iter()
            .any(|office| !office.schedule.hours_on(date).intervals().is_empty())
    }

    /// The date taking entries at `now`, and when its draw runs.
    pub(super) fn open_for(&self, now: DateTime<Utc>) -> Option<(NaiveDate, DateTime<Utc>)> {
        let date = entries_open_for(now, self.tz, self.horizon, self.draw_at, |d| {
            self.is_open(d)
        })?;
        let at = draw_instant(date, self.horizon, self.draw_at, self.tz)?;
        Some((date, at))
    }
}

impl BookingService {
    pub(super) async fn draw_clock(&self) -> ServiceResult<DrawClock> {
        let offices = self.directory.offices().await?;
        let horizon = offices.iter().map(|o| o.horizon_days).max().unwrap_or(0);
        Ok(DrawClock {
            tz: ROMANIA,
            horizon,
            draw_at: self.config.fair.draw_at,
            offices,
        })
    }

    /// The draw taking entries now, created (with a fresh secret seed) the first time it
    /// is asked for; `None` when draws are off or no office opens in the coming month.
    pub async fn open_draw(&self) -> ServiceResult<Option<DrawRow>> {
        if !self.config.fair.draw {
            return Ok(None);
        }
        let now = self.now();
        let clock = self.draw_clock().await?;
        let Some((date, closes_at)) = clock.open_for(now) else {
            return Ok(None);
        };
        if let Some(row) = self.store.draw(date).await? {
            return Ok(Some(row));
        }
        let mut bytes = [0_u8; 32];
        rand::thread_rng().fill_bytes(&mut bytes);
        let seed = DrawSeed(bytes);
        let row = self
            .store
            .open_draw(date, &seed.0, &seed.sha256_hex(), now, closes_at)
            .await?;
        Ok(Some(row))
    }
}
