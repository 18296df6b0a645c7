//! The restrictions registry (in force from its start to its end date inclusive, then
//! over by itself; lifting ends it early; a restricted CNP cannot be registered) and the
//! API tokens (stored by hash, names unique, revocation once).

use chrono::Duration;
use epasapoarte::ids::TokenHash;
use epasapoarte::store::{NewRestriction, Registration};
use epasapoarte::testing::TestDatabase;

use super::{day, register, walk_in};
use crate::on_both_backends;
use crate::story::{Story, random_bytes, random_hash, t0};

on_both_backends!(
    backend_first:
    a_restriction_is_in_force_from_its_start_to_its_end_date_and_then_ends_by_itself,
    a_lifted_restriction_is_over_at_once,
    a_restricted_cnp_is_refused_and_nothing_is_written,
    tokens_are_found_by_hash_names_are_unique_and_revocation_happens_once,
);

fn restriction(cnp_hash: &[u8], starts_on: &str, ends_on: &str) -> NewRestriction {
    NewRestriction {
        cnp: random_bytes(),
        cnp_hash: cnp_hash.to_vec(),
        legal_basis: "Legea nr. 248/2005, art. 38".to_owned(),
        starts_on: day(starts_on),
        ends_on: day(ends_on),
        created_by: "admin".to_owned(),
        now: t0(),
    }
}

async fn a_restriction_is_in_force_from_its_start_to_its_end_date_and_then_ends_by_itself(
    db: TestDatabase,
) {
    let story = Story::new(db).await;
    let cnp = random_bytes();
    let id = story
        .store
        .add_restriction(&restriction(&cnp, "2031-03-01", "2031-03-10"), None)
        .await
        .unwrap();

    let mut in_force = Vec::new();
    for date in [
        "2031-02-28",
        "2031-03-01",
        "2031-03-05",
        "2031-03-10",
        "2031-03-11",
    ] {
        let found = story
            .store
            .active_restriction(&cnp, day(date))
            .await
            .unwrap();
        in_force.push(found.map(|r| r.id));
    }
    let other_cnp = story
        .store
        .active_restriction(&random_bytes(), day("2031-03-05"))
        .await
        .unwrap();

    assert_eq!(in_force, [None, Some(id), Some(id), Some(id), None]);
    assert!(other_cnp.is_none());
    let all = story.store.restrictions().await.unwrap();
    assert_eq!(all.len(), 1, "an ended restriction stays in the registry");
    assert_eq!(all[0].legal_basis, "Legea nr. 248/2005, art. 38");
    assert!(all[0].in_force_on(day("2031-03-10")) && !all[0].in_force_on(day("2031-03-11")));
}

async fn a_lifted_restriction_is_over_at_once(db: TestDatabase) {
    let story = Story::new(db).await;
    let cnp = random_bytes();
    let id = story
        .store
        .add_restriction(&restriction(&cnp, "2031-01-01", "2031-12-31"), None)
        .await
        .unwrap();

    let lifted = story
        .store
        .lift_restriction(id, "admin", t0(), None)
        .await
        .unwrap();
    let again = story
        .store
        .lift_restriction(id, "admin", t0(), None)
        .await
        .unwrap();
    let unknown = story
        .store
        .lift_restriction(id + 1000, "admin", t0(), None)
        .await
        .unwrap();

    assert!(lifted && !again && !unknown);
    assert!(
        story
            .store
            .active_restriction(&cnp, day("2031-06-01"))
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        story.store.restrictions().await.unwrap()[0].lifted_at,
        Some(t0())
    );
}

async fn a_restricted_cnp_is_refused_and_nothing_is_written(db: TestDatabase) {
    let story = Story::new(db).await;
    let county = story.store.offices().await.unwrap()[0].county_code.clone();
    let new = walk_in(story.office, &county, day("2031-03-05"));
    let id = story
        .store
        .add_restriction(
            &restriction(&new.cnp_hash, "2031-03-01", "2031-03-10"),
            None,
        )
        .await
        .unwrap();

    let refused = story.store.register_application(&new, None).await.unwrap();
    let mut after_the_end = new.clone();
    after_the_end.submitted_on = day("2031-03-11");
    let accepted = register(&story, &after_the_end).await;

    match refused {
        Registration::Restricted(found) => assert_eq!(found.id, id),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(
        story
            .store
            .applications_by_cnp(&new.cnp_hash)
            .await
            .unwrap()
            .len()
            == 1
    );
    assert_eq!(accepted.number.serial(), 1, "the refusal drew no number");
}

async fn tokens_are_found_by_hash_names_are_unique_and_revocation_happens_once(db: TestDatabase) {
    let story = Story::new(db).await;
    let (hash, other_hash) = (random_hash(), random_hash());

    let id = story
        .store
        .add_api_token("pcp", &hash, t0(), None)
        .await
        .unwrap();
    let taken = story
        .store
        .add_api_token("pcp", &other_hash, t0(), None)
        .await
        .unwrap();
    story
        .store
        .add_api_token(
            "curier",
            &TokenHash(other_hash.0.iter().rev().copied().collect()),
            t0(),
            None,
        )
        .await
        .unwrap();
    let found = story.store.api_token_by_hash(&hash).await.unwrap();
    let revoked = story
        .store
        .revoke_api_token("pcp", t0() + Duration::hours(1), None)
        .await
        .unwrap();
    let twice = story
        .store
        .revoke_api_token("pcp", t0() + Duration::hours(2), None)
        .await
        .unwrap();
    let unknown = story
        .store
        .revoke_api_token("nobody", t0(), None)
        .await
        .unwrap();

    assert!(id.is_some() && taken.is_none(), "names are unique");
    let found = found.expect("found by hash");
    assert_eq!(
        (found.name.as_str(), found.created_at, found.revoked_at),
        ("pcp", t0(), None)
    );
    assert!(revoked && !twice && !unknown);
    let after = story
        .store
        .api_token_by_hash(&hash)
        .await
        .unwrap()
        .expect("still there");
    assert_eq!(after.revoked_at, Some(t0() + Duration::hours(1)));
    assert!(
        story
            .store
            .api_token_by_hash(&other_hash)
            .await
            .unwrap()
            .is_none()
    );
    let names: Vec<_> = story
        .store
        .api_tokens()
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["curier", "pcp"]);
}
