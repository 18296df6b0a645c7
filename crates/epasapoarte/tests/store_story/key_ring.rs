//! The key ring as the store keeps it (issue 13 item 2): one sealed hash key, the first
//! recorded wins; the sealed columns read a page at a time in key order (composite keys
//! too); a value replaced only if it still holds what was read.

use epasapoarte::store::key_ring::{RowId, SEALED_TABLES, SealedChange, SealedTable};
use epasapoarte::testing::TestDatabase;

use crate::on_both_backends;
use crate::story::{Story, booking, random_bytes, t0};

on_both_backends!(
    backend_first:
    the_first_hash_key_recorded_is_kept,
    sealed_rows_are_read_a_page_at_a_time_in_key_order,
    a_value_changed_since_it_was_read_is_not_replaced,
);

fn table(name: &str) -> &'static SealedTable {
    SEALED_TABLES.iter().find(|t| t.table == name).unwrap()
}

async fn the_first_hash_key_recorded_is_kept(db: TestDatabase) {
    let story = Story::new(db).await;
    assert_eq!(story.store.sealed_hash_key().await.unwrap(), None);
    let (first, second) = (random_bytes(), random_bytes());

    let recorded = story.store.record_hash_key(&first, t0()).await.unwrap();
    let again = story.store.record_hash_key(&second, t0()).await.unwrap();

    assert_eq!(recorded, first);
    assert_eq!(again, first, "a second instance reads the first one's");
    assert_eq!(story.store.sealed_hash_key().await.unwrap(), Some(first));
}

async fn sealed_rows_are_read_a_page_at_a_time_in_key_order(db: TestDatabase) {
    // Arrange: three bookings of two persons each.
    let story = Story::new(db).await;
    let slot = story.slot(0, 50).await;
    for _ in 0..3 {
        let new = booking(&slot).persons(2).build();
        story.store.create_booking(&new).await.unwrap();
    }
    let persons = table("booking_persons");

    // Act: pages of 4 rows, then of 1.
    let mut pages = Vec::new();
    for size in [4, 1] {
        let mut ids = Vec::new();
        let mut after: Option<RowId> = None;
        loop {
            let rows = story
                .store
                .sealed_rows(persons, after.as_ref(), size)
                .await
                .unwrap();
            assert!(rows.len() <= size as usize);
            for row in &rows {
                assert_eq!(row.values.len(), persons.columns.len());
                assert!(row.values.iter().all(Option::is_some));
            }
            ids.extend(rows.iter().map(|r| r.id.clone()));
            match rows.last() {
                Some(last) if rows.len() == size as usize => after = Some(last.id.clone()),
                _ => break,
            }
        }
        pages.push(ids);
    }

    // Assert: every person once, in (booking, position) order, whatever the page size.
    let mut sorted = pages[0].clone();
    sorted.sort();
    assert_eq!(pages[0].len(), 6);
    assert_eq!(pages[0], sorted);
    assert_eq!(pages[0], pages[1]);
    assert_eq!(
        pages[0].iter().map(|id| id.number).collect::<Vec<_>>(),
        [1, 2, 1, 2, 1, 2]
    );
}

async fn a_value_changed_since_it_was_read_is_not_replaced(db: TestDatabase) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 50).await;
    let new = booking(&slot).build();
    story.store.create_booking(&new).await.unwrap();
    let bookings = table("bookings");
    let row = story
        .store
        .sealed_rows(bookings, None, 10)
        .await
        .unwrap()
        .remove(0);
    let email = row.values[0].clone().unwrap();
    let (moved, stale) = (random_bytes(), random_bytes());

    let made = story
        .store
        .replace_sealed(
            bookings,
            &[
                SealedChange {
                    id: row.id.clone(),
                    column: 0,
                    old: email.clone(),
                    new: moved.clone(),
                },
                // Read before someone changed it: left alone.
                SealedChange {
                    id: row.id.clone(),
                    column: 0,
                    old: email,
                    new: stale,
                },
            ],
        )
        .await
        .unwrap();

    assert_eq!(made, [true, false]);
    let now = story
        .store
        .sealed_rows(bookings, None, 10)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(now.values[0], Some(moved));
}
