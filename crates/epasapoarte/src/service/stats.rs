//! The public dashboard (SPEC §8): what anyone may see of how fair the service is — per
//! office the next free slot and the days to it, the seats offered, booked and freed in
//! the last 7 days, the no-show rate, the waitlist and its holds; the draws with their
//! seeds. Counts only: nothing here can name a person.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use epasapoarte_domain::schedule::BookingWindow;

use super::{BookingService, ServiceResult};
use crate::ids::OfficeId;
use crate::store::{DrawFigures, FairCounts, OfficeRecord};

/// The dashboard's period: the last 7 days.
pub const STATS_DAYS: i64 = 7;
/// How many past draws the dashboard lists.
pub const STATS_DRAWS: u32 = 14;

#[derive(Debug, Clone)]
pub struct PublicStats {
    pub generated_at: DateTime<Utc>,
    pub since: DateTime<Utc>,
    pub offices: Vec<OfficeStats>,
    pub draws: Vec<DrawFigures>,
    /// Proof-of-work challenges issued and writes refused for want of a good solution
    /// since the period's first day (all instances, as they last reported).
    pub challenges_issued: u64,
    pub challenges_rejected: u64,
}

#[derive(Debug, Clone)]
pub struct OfficeStats {
    pub id: OfficeId,
    pub name: String,
    pub county_code: String,
    /// The first slot with a free seat for one person within the booking window.
    pub next_free: Option<(NaiveDate, NaiveTime)>,
    /// Days from the office's today to `next_free`.
    pub days_to_next_free: Option<u32>,
    pub counts: FairCounts,
    /// No-shows per thousand persons expected at appointments of the period (none when
    /// nobody was expected).
    pub no_show_permille: Option<u32>,
}

impl BookingService {
    /// The dashboard's figures now.
    pub async fn public_stats(&self) -> ServiceResult<PublicStats> {
        let now = self.now();
        let since = now - Duration::days(STATS_DAYS);
        let offices = self.directory.offices().await?;
        let ids: Vec<OfficeId> = offices.iter().map(|office| office.id).collect();
        let horizon = offices.iter().map(|o| o.horizon_days).max().unwrap_or(0);
        let to = now + Duration::days(i64::from(horizon) + 2);
        let first_free = self.store.first_free_slots(&ids, 1, now, to).await?;
        let counts = self.store.fair_counts(since, now).await?;
        let (from_day, to_day) = (since.date_naive(), now.date_naive());
        let days = self.store.day_counts(&ids, from_day, to_day).await?;
        let draws = self.store.recent_draws(STATS_DRAWS).await?;
        let (challenges_issued, challenges_rejected) =
            self.store.challenge_counts(from_day).await?;
        let offices = offices
            .iter()
            .map(|office| {
                let free = first_free.iter().find(|s| s.office_id == office.id);
                let (expected, no_shows) = days
                    .iter()
                    .filter(|day| day.office_id == office.id && day.date < to_day)
                    .fold((0u32, 0u32), |(expected, missed), day| {
                        (
                            expected + day.checked_in + day.no_shows,
                            missed + day.no_shows,
                        )
                    });
                OfficeStats {
                    id: office.id,
                    name: office.name.clone(),
                    county_code: office.county_code.clone(),
                    next_free: free.map(|slot| (slot.date, slot.time)),
                    days_to_next_free: free.and_then(|slot| days_until(office, now, slot.date)),
                    counts: counts
                        .iter()
                        .find(|c| c.office_id == office.id)
                        .copied()
                        .unwrap_or(FairCounts {
                            office_id: office.id,
                            ..FairCounts::default()
                        }),
                    no_show_permille: (expected > 0).then(|| no_shows * 1000 / expected),
                }
            })
            .collect();
        Ok(PublicStats {
            generated_at: now,
            since,
            offices,
            draws,
            challenges_issued,
            challenges_rejected,
        })
    }
}

/// Whole days from the office's today to `date`, if `date` is within its window.
fn days_until(office: &OfficeRecord, now: DateTime<Utc>, date: NaiveDate) -> Option<u32> {
    let window = BookingWindow {
        now,
        horizon_days: office.horizon_days,
    };
    if date > window.last_date(office.timezone) {
        return None;
    }
    u32::try_from((date - window.first_date(office.timezone)).num_days()).ok()
}
