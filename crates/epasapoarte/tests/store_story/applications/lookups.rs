//! Finding applications in the store: by CNP hash (the clerk's search, newest first) and
//! by the public last-9 hash (the newest match), with the pickup place as stored.

use std::collections::HashSet;

use chrono::Duration;
use epasapoarte::store::PickupPlace;
use epasapoarte::testing::TestDatabase;

use super::{county_of, day, register, walk_in};
use crate::on_both_backends;
use crate::story::{Story, random_bytes, t0};

on_both_backends!(backend_first: applications_are_found_by_cnp_hash_and_by_the_public_hash);

async fn applications_are_found_by_cnp_hash_and_by_the_public_hash(db: TestDatabase) {
    let story = Story::new(db).await;
    let county = county_of(&story, story.office).await;
    let older = walk_in(story.office, &county, day("2031-03-03"));
    let mut newer = walk_in(story.office, &county, day("2031-03-04"));
    newer.cnp_hash = older.cnp_hash.clone();
    newer.cnp_last9_hash = older.cnp_last9_hash.clone();
    newer.now = t0() + Duration::hours(1);
    newer.pickup = PickupPlace::Mission("Consulatul General al României la Milano".to_owned());
    let old = register(&story, &older).await;
    let new = register(&story, &newer).await;
    register(&story, &walk_in(story.office, &county, day("2031-03-04"))).await;

    let by_cnp = story
        .store
        .applications_by_cnp(&older.cnp_hash)
        .await
        .unwrap();
    let by_last9 = story
        .store
        .application_by_last9(&older.cnp_last9_hash)
        .await
        .unwrap();
    let nobody = story
        .store
        .application_by_last9(&random_bytes())
        .await
        .unwrap();

    let numbers: HashSet<_> = by_cnp.iter().map(|a| a.number).collect();
    assert_eq!(numbers, HashSet::from([old.number, new.number]));
    assert_eq!(by_cnp[0].number, new.number, "newest first");
    assert_eq!(by_last9.map(|a| a.pickup), Some(newer.pickup.clone()));
    assert!(nobody.is_none());
    assert!(new.concerns_office(story.office) && !new.concerns_office(story.offices[1]));
}
