//! Lost, stolen or destroyed passports (SPEC J8): the declarations clerks record, each
//! with its numbered adeverință. Personal data sealed; the CNP found by its keyed hash.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use epasapoarte_domain::passport::DeclarationKind;

use super::{NewAuditEntry, StoreResult};
use crate::ids::OfficeId;

/// A declaration to record, sealed.
#[derive(Debug, Clone)]
pub struct NewDeclaration {
    pub office_id: OfficeId,
    /// The office's county: it starts the number (`CJ-D-2026-000017`).
    pub county_code: String,
    pub kind: DeclarationKind,
    pub cnp: Vec<u8>,
    pub cnp_hash: Vec<u8>,
    pub last_name: Vec<u8>,
    pub first_name: Vec<u8>,
    pub passport_number: Option<Vec<u8>>,
    pub occurred_on: NaiveDate,
    pub place: Vec<u8>,
    pub police_certificate: Option<String>,
    pub declared_at: DateTime<Utc>,
    /// The clerk's username.
    pub declared_by: String,
}

/// A recorded declaration, personal data still sealed.
#[derive(Debug, Clone)]
pub struct DeclarationRecord {
    pub number: String,
    pub office_id: OfficeId,
    pub kind: DeclarationKind,
    pub cnp: Vec<u8>,
    pub last_name: Vec<u8>,
    pub first_name: Vec<u8>,
    pub passport_number: Option<Vec<u8>>,
    pub occurred_on: NaiveDate,
    pub place: Vec<u8>,
    pub police_certificate: Option<String>,
    pub declared_at: DateTime<Utc>,
    pub declared_by: String,
}

#[async_trait]
pub trait Declarations: Send + Sync + 'static {
    /// Records a declaration under the next number of its county and year, with its audit
    /// line, in one transaction; returns the number.
    async fn record_declaration(
        &self,
        new: &NewDeclaration,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<String>;
    async fn declaration(&self, number: &str) -> StoreResult<Option<DeclarationRecord>>;
    /// The office's latest declarations, newest first.
    async fn office_declarations(
        &self,
        office: OfficeId,
        limit: u32,
    ) -> StoreResult<Vec<DeclarationRecord>>;
    /// The latest declaration about the holder of `cnp_hash`, if any.
    async fn latest_declaration_for(
        &self,
        cnp_hash: &[u8],
    ) -> StoreResult<Option<DeclarationRecord>>;
}
