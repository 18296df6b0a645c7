//! J6 "Status pașaport": the public lookup. By application number, or by the last 9 CNP
//! digits with the submission date. The answer is the status and, when ready, where to
//! collect it — nothing else. Every miss (unknown number, mistyped check letter, wrong
//! digits, wrong date) is the same `None`, so the answer tells nothing about why.

use chrono::NaiveDate;
use epasapoarte_domain::application::{ApplicationNumber, ApplicationStatus};
use epasapoarte_domain::passport::DeclarationKind;

use super::register::last9_hash;
use crate::service::{BookingService, ServiceResult};

/// A well-formed public question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusQuestion {
    /// The number as typed (any case, separators); an unparseable one finds nothing.
    Number(String),
    /// Exactly 9 ASCII digits, and the office-local date the application was submitted.
    Last9 {
        digits: String,
        submitted_on: NaiveDate,
    },
}

/// What the public sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicStatus {
    pub status: ApplicationStatus,
    /// Where to collect the passport, only while it is ready there.
    pub pickup: Option<String>,
    /// The passport issued from this application was declared lost, stolen or destroyed
    /// (SPEC J8): what, and on which day. It is no longer valid.
    pub invalid: Option<(DeclarationKind, chrono::NaiveDate)>,
}

impl StatusQuestion {
    /// The cnp_last9 + date form, if `digits` are exactly 9 ASCII digits (spaces between
    /// groups ignored).
    #[must_use]
    pub fn last9(digits: &str, submitted_on: NaiveDate) -> Option<StatusQuestion> {
        let digits: String = digits.chars().filter(|c| *c != ' ').collect();
        (digits.len() == 9 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(
            StatusQuestion::Last9 {
                digits,
                submitted_on,
            },
        )
    }
}

impl BookingService {
    /// The public answer to `question`, or `None` for every kind of miss.
    pub async fn public_status(
        &self,
        question: &StatusQuestion,
    ) -> ServiceResult<Option<PublicStatus>> {
        let record = match question {
            StatusQuestion::Number(text) => match text.parse::<ApplicationNumber>() {
                Ok(number) => self.store.application_by_number(&number).await?,
                Err(_) => None,
            },
            StatusQuestion::Last9 {
                digits,
                submitted_on,
            } => {
                let hash = last9_hash(self, digits, *submitted_on);
                self.store.application_by_last9(&hash).await?
            }
        };
        let Some(record) = record else {
            return Ok(None);
        };
        let pickup = match record.status {
            ApplicationStatus::Ready => Some(self.pickup_text(&record.pickup).await?),
            _ => None,
        };
        // A declaration made once this passport was in the holder's hands (or on its way)
        // is about this passport: it is invalid from then on.
        let issued = matches!(
            record.status,
            ApplicationStatus::HandedOver | ApplicationStatus::Shipped
        );
        let invalid = match issued {
            true => self
                .store
                .latest_declaration_for(&record.cnp_hash)
                .await?
                .filter(|declaration| declaration.declared_at >= record.updated_at)
                .map(|declaration| {
                    let local = declaration
                        .declared_at
                        .with_timezone(&chrono_tz::Europe::Bucharest);
                    (declaration.kind, local.date_naive())
                }),
            false => None,
        };
        Ok(Some(PublicStatus {
            status: record.status,
            pickup,
            invalid,
        }))
    }
}
