//! Confirming a draw entry from its e-mailed token, and the entry the link points to.

use crate::ids::LinkToken;
use crate::service::{BookingService, ServiceError, ServiceResult};
use crate::store::{DrawEntryRecord, EntryConfirm};

impl BookingService {
    /// The entry a confirm link points to (the page shows it before confirming).
    pub async fn draw_entry_for_token(&self, token: &LinkToken) -> ServiceResult<DrawEntryRecord> {
        let id = self
            .store
            .draw_entry_by_token(&token.hash())
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.store
            .draw_entry(&id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// Confirms an entry from its e-mailed token; returns its id and status. Twice is
    /// harmless; a lapsed entry says `Expired`.
    pub async fn confirm_draw_entry(&self, token: &LinkToken) -> ServiceResult<(String, String)> {
        let id = self
            .store
            .draw_entry_by_token(&token.hash())
            .await?
            .ok_or(ServiceError::NotFound)?;
        match self.store.confirm_draw_entry(&id, self.now()).await? {
            EntryConfirm::Confirmed(id) => {
                tracing::info!(entry = %id, "draw entry confirmed");
                Ok((id, "confirmed".to_owned()))
            }
            EntryConfirm::Lapsed(_) => Err(ServiceError::Expired),
            EntryConfirm::Unchanged(_, status) if status == "lapsed" => Err(ServiceError::Expired),
            EntryConfirm::Unchanged(id, status) => Ok((id, status)),
        }
    }
}
