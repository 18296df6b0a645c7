//! Reports (SPEC §3): per office and day — seats offered, booked, confirmed, checked in,
//! no-shows, cancelled, utilisation — and the lead time to the first free slot for one
//! person, now (live) and per day (from the hourly samples of [`crate::jobs`]).
//! Dates are office-local calendar days; a range includes both ends.

use chrono::{DateTime, NaiveDate, Utc};
use epasapoarte_domain::schedule::BookingWindow;

use super::{BookingService, ServiceResult};
use crate::ids::OfficeId;
use crate::store::{DayCounts, LeadTimeSample, OfficeRecord};

/// The longest range a report covers, in days (both ends included).
pub const MAX_RANGE_DAYS: i64 = 366;

/// One row of an office's report: one office-local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayReport {
    pub counts: DayCounts,
    /// The day's worst sampled lead time: `None` = not sampled that day,
    /// `Some(None)` = some sample found no free seat within the horizon.
    pub lead_days: Option<Option<u32>>,
}

/// Booked seats per thousand offered seats (`None` when nothing was offered). Booked
/// means still standing (see [`DayCounts::booked`]), so cancelled seats do not count.
pub fn utilisation_permille(booked: u32, offered: u32) -> Option<u32> {
    (offered > 0).then(|| {
        let permille = (u64::from(booked) * 1000 + u64::from(offered) / 2) / u64::from(offered);
        u32::try_from(permille).unwrap_or(u32::MAX)
    })
}

/// Adds up several days (an office's totals over a range).
pub fn total(office_id: OfficeId, days: &[DayCounts]) -> DayCounts {
    days.iter().fold(
        DayCounts {
            office_id,
            ..DayCounts::default()
        },
        |sum, day| DayCounts {
            offered: sum.offered + day.offered,
            booked: sum.booked + day.booked,
            confirmed: sum.confirmed + day.confirmed,
            checked_in: sum.checked_in + day.checked_in,
            no_shows: sum.no_shows + day.no_shows,
            cancelled: sum.cancelled + day.cancelled,
            ..sum
        },
    )
}

impl BookingService {
    /// Every day of `[from, to]` for the office — days without slots as zero rows, so a
    /// table and a chart show the gaps — with the day's sampled lead time.
    pub async fn office_report(
        &self,
        office: &OfficeRecord,
        from: NaiveDate,
        to: NaiveDate,
    ) -> ServiceResult<Vec<DayReport>> {
        let counts = self.store.day_counts(&[office.id], from, to).await?;
        let lead = self.store.lead_time_days(office.id, from, to).await?;
        Ok(from
            .iter_days()
            .take_while(|day| *day <= to)
            .map(|date| DayReport {
                counts: counts
                    .iter()
                    .find(|day| day.date == date)
                    .copied()
                    .unwrap_or(DayCounts {
                        office_id: office.id,
                        date,
                        ..DayCounts::default()
                    }),
                lead_days: lead
                    .iter()
                    .find(|day| day.date == date)
                    .map(|day| day.worst_days),
            })
            .collect())
    }

    /// Per office, its totals over `[from, to]`, in the order of `offices`.
    pub async fn offices_totals(
        &self,
        offices: &[OfficeRecord],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ServiceResult<Vec<DayCounts>> {
        let ids: Vec<OfficeId> = offices.iter().map(|office| office.id).collect();
        let days = self.store.day_counts(&ids, from, to).await?;
        Ok(offices
            .iter()
            .map(|office| {
                let own: Vec<DayCounts> = days
                    .iter()
                    .filter(|day| day.office_id == office.id)
                    .copied()
                    .collect();
                total(office.id, &own)
            })
            .collect())
    }

    /// The lead time of each office now: days from its local today to its first slot with
    /// a free seat for one person, `None` when there is none within its horizon. One
    /// store call for all offices.
    pub async fn lead_times_now(
        &self,
        offices: &[OfficeRecord],
    ) -> ServiceResult<Vec<LeadTimeSample>> {
        let now = self.now();
        let ids: Vec<OfficeId> = offices.iter().map(|office| office.id).collect();
        let horizon = offices.iter().map(|o| o.horizon_days).max().unwrap_or(0);
        let to = now + chrono::Duration::days(i64::from(horizon) + 2);
        let found = self.store.first_free_slots(&ids, 1, now, to).await?;
        Ok(offices
            .iter()
            .map(|office| {
                lead_time(
                    office,
                    now,
                    found
                        .iter()
                        .find(|s| s.office_id == office.id)
                        .map(|s| s.date),
                )
            })
            .collect())
    }

    /// Samples every office's lead time and stores it (the hourly job's step).
    pub async fn sample_lead_times(&self) -> ServiceResult<usize> {
        let offices = self.directory.offices().await?;
        let samples = self.lead_times_now(&offices).await?;
        self.store.record_lead_times(&samples).await?;
        Ok(samples.len())
    }
}

fn lead_time(
    office: &OfficeRecord,
    now: DateTime<Utc>,
    first_free: Option<NaiveDate>,
) -> LeadTimeSample {
    let window = BookingWindow {
        now,
        horizon_days: office.horizon_days,
    };
    let today = window.first_date(office.timezone);
    let days = first_free
        .filter(|date| *date <= window.last_date(office.timezone))
        .and_then(|date| u32::try_from((date - today).num_days()).ok());
    LeadTimeSample {
        office_id: office.id,
        at: now,
        date: today,
        days,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utilisation_rounds_to_the_nearest_permille_and_never_divides_by_zero() {
        assert_eq!(utilisation_permille(0, 0), None);
        assert_eq!(utilisation_permille(5, 0), None);
        assert_eq!(utilisation_permille(1, 3), Some(333));
        assert_eq!(utilisation_permille(2, 3), Some(667));
        assert_eq!(utilisation_permille(8, 8), Some(1000));
    }

    #[test]
    fn totals_add_every_column() {
        let day = DayCounts {
            office_id: OfficeId(7),
            date: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            offered: 10,
            booked: 6,
            confirmed: 5,
            checked_in: 3,
            no_shows: 1,
            cancelled: 2,
        };
        let sum = total(OfficeId(7), &[day, day]);
        assert_eq!(
            (
                sum.offered,
                sum.booked,
                sum.confirmed,
                sum.checked_in,
                sum.no_shows,
                sum.cancelled
            ),
            (20, 12, 10, 6, 2, 4)
        );
    }
}
