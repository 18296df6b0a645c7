//! An office's hours for pickup and public relations (issue 12 item 9).

use std::collections::HashSet;

use async_trait::async_trait;
use epasapoarte_domain::schedule::ActivityDay;

use super::{NewAuditEntry, StoreResult};
use crate::ids::OfficeId;

/// Every office's activity hours (a small table: read whole).
#[derive(Debug, Clone, Default)]
pub struct ActivityHours {
    /// The offices whose manager has set them.
    pub set: HashSet<OfficeId>,
    pub days: Vec<(OfficeId, ActivityDay)>,
}

impl ActivityHours {
    /// The office's days of `activity`; `None` when never set (then its application
    /// hours stand for it).
    #[must_use]
    pub fn of(
        &self,
        office: OfficeId,
        activity: epasapoarte_domain::schedule::OfficeActivity,
    ) -> Option<Vec<ActivityDay>> {
        self.set.contains(&office).then(|| {
            self.days
                .iter()
                .filter(|(id, day)| *id == office && day.activity == activity)
                .map(|(_, day)| *day)
                .collect()
        })
    }
}

#[async_trait]
pub trait Activities: Send + Sync + 'static {
    async fn activity_hours(&self) -> StoreResult<ActivityHours>;
    /// Replaces the office's activity hours (marking them set), with its audit line, in
    /// one transaction.
    async fn save_activity_hours(
        &self,
        office: OfficeId,
        days: &[ActivityDay],
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<()>;
}
