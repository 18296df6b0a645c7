//! Over every list the functions produce: each document is asked for somewhere, and
//! never twice in one list.

use std::collections::HashSet;

use crate::passport::{Document, HolderCategory, PassportType, documents, documents_for};

/// Every list the functions can produce: the wizard's and each person's.
fn all_lists() -> Vec<Vec<Document>> {
    let mut lists = Vec::new();
    for p in PassportType::ALL {
        for c in HolderCategory::ALL {
            lists.push(documents(c, p));
        }
        for age in 0..=120 {
            for abroad in [false, true] {
                lists.push(documents_for(p, age, abroad));
            }
        }
    }
    lists
}

#[test]
fn every_document_appears_in_some_list() {
    let used: HashSet<_> = all_lists().into_iter().flatten().collect();
    for d in Document::ALL {
        assert!(used.contains(&d), "{d:?} is never asked for");
    }
}

#[test]
fn no_list_asks_for_the_same_document_twice() {
    for list in all_lists() {
        let unique: HashSet<_> = list.iter().collect();
        assert_eq!(unique.len(), list.len(), "{list:?}");
    }
}
