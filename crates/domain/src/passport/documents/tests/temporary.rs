//! The temporary passport's changes: proof of urgency, photographs instead of presence.

use crate::passport::{Document, HolderCategory, PassportType, documents, documents_for};

use Document as D;
use PassportType::{Electronic, Temporary};

#[test]
fn a_temporary_passport_adds_proof_of_urgency_to_the_electronic_list() {
    for c in HolderCategory::ALL {
        let mut expected = documents(c, Electronic);
        for d in &mut expected {
            if *d == D::MinorPresent {
                *d = D::MinorPresentOrPhotos;
            }
        }
        expected.push(D::UrgencyProof);
        assert_eq!(documents(c, Temporary), expected, "{c:?}");
    }
}

#[test]
fn only_temporary_lists_ask_for_proof_of_urgency_or_allow_photographs() {
    for p in PassportType::ALL {
        for age in 0..=120 {
            for abroad in [false, true] {
                let list = documents_for(p, age, abroad);
                let temporary = p == Temporary;
                assert_eq!(list.contains(&D::UrgencyProof), temporary);
                assert!(!list.contains(&D::MinorPresentOrPhotos) || temporary);
                assert!(!list.contains(&D::MinorPresent) || !temporary);
            }
        }
    }
}
