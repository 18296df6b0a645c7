//! What to bring to the counter, per category and passport type (SPEC §5.4).
//!
//! Each [`Document`] is one bullet of the official lists, worded as in the official
//! texts (MAI press release 13/2021, the 2024 guide, the county pages), adapted only so
//! that each bullet stands alone — conditional ones say their condition first.
//! The texts live in the shell's catalogues, under [`Document::key`].
//!
//! This file composes a person's list from the per-case lists of `lists.rs`.

mod document;
mod lists;
mod names;

#[cfg(test)]
mod tests;

pub use document::Document;

use super::{HolderCategory, PassportType, category};
use Document as D;
use lists::{ABROAD, ADULT, FROM_14, MINOR_ABROAD, SINGLE_PARENT, UNDER_14, UNDER_14_STAND_INS};

/// The wizard's list for a category. [`HolderCategory::DomicileAbroad`] gives the list of
/// an adult domiciled abroad; a minor domiciled abroad needs [`documents_for`] with the age.
#[must_use]
pub fn documents(category: HolderCategory, passport: PassportType) -> Vec<Document> {
    let mut list = match category {
        HolderCategory::Adult => ADULT.to_vec(),
        HolderCategory::MinorUnder14 => {
            [&UNDER_14[..], &UNDER_14_STAND_INS, &SINGLE_PARENT].concat()
        }
        HolderCategory::Minor14To17 => [&FROM_14[..], &SINGLE_PARENT].concat(),
        HolderCategory::DomicileAbroad => ABROAD.to_vec(),
    };
    adapt_for(passport, &mut list);
    list
}

/// The list for one person, from the age (whole years) and the domicile. A minor
/// domiciled abroad gets the minor-abroad list (no Romanian identity card: it is issued
/// only to those domiciled in Romania) plus the parents' part of their age group.
#[must_use]
pub fn documents_for(passport: PassportType, age: u32, domicile_abroad: bool) -> Vec<Document> {
    let mut list = match (domicile_abroad, age) {
        (true, 0..14) => [
            &MINOR_ABROAD[..],
            &[D::ParentsIdentityDocuments, D::MinorPresent],
            &UNDER_14_STAND_INS,
            &SINGLE_PARENT,
        ]
        .concat(),
        (true, 14..18) => [
            &MINOR_ABROAD[..],
            &[
                D::ParentsConsentDeclarations,
                D::MinorMarriageCertificate,
                D::MinorInPerson,
            ],
            &SINGLE_PARENT,
        ]
        .concat(),
        _ => return documents(category(age, domicile_abroad), passport),
    };
    adapt_for(passport, &mut list);
    list
}

/// The temporary passport takes the same lists, except that a minor under 14 may be
/// represented by two photographs (Alba county office's page: no biometrics are taken
/// for it), and urgent 3-day issuance needs proof of the urgency.
fn adapt_for(passport: PassportType, list: &mut Vec<Document>) {
    if passport == PassportType::Temporary {
        for d in list.iter_mut() {
            if *d == D::MinorPresent {
                *d = D::MinorPresentOrPhotos;
            }
        }
        list.push(D::UrgencyProof);
    }
}
