//! Staff: accounts with unique lower-case usernames and an office that matches the role,
//! sessions (create, touch, expire), failed-login counting and lockout, and the
//! per-address failure window. The audit log has its own file (`audit_log.rs`).

use chrono::Duration;
use epasapoarte::ids::OfficeId;
use epasapoarte::store::{NewStaffSession, NewStaffUser};
use epasapoarte::testing::TestDatabase;

use crate::on_both_backends;
use crate::story::{Story, random_bytes, t0};

on_both_backends!(
    backend_first:
    usernames_are_unique,
    the_database_ties_the_office_to_the_role,
    a_session_is_read_with_its_account_touched_and_deleted,
    stale_sessions_are_swept_by_idle_time_and_absolute_end,
    login_failures_are_tallied_per_pair_account_and_address_and_pruned,
    a_new_password_ends_every_other_session,
);

const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";

fn user(name: &str, role: &str, office: Option<OfficeId>) -> NewStaffUser {
    NewStaffUser {
        username: name.to_owned(),
        password_hash: HASH.to_owned(),
        role: role.to_owned(),
        office_id: office,
        created_at: t0(),
    }
}

fn session(user_id: i64) -> NewStaffSession {
    NewStaffSession {
        id: random_bytes(),
        user_id,
        created_at: t0(),
        expires_at: t0() + Duration::hours(12),
    }
}

async fn usernames_are_unique(db: TestDatabase) {
    let story = Story::new(db).await;
    let first = story
        .store
        .insert_staff_user(&user("ana", "clerk", Some(story.office)), None)
        .await
        .unwrap();
    let again = story
        .store
        .insert_staff_user(&user("ana", "admin", None), None)
        .await
        .unwrap();

    assert!(first.is_some());
    assert_eq!(again, None, "a taken username is reported, not an error");
    let found = story
        .store
        .staff_user_by_username("ana")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (found.role.as_str(), found.office_id),
        ("clerk", Some(story.office))
    );
    assert_eq!(found.failed_logins, 0);
    assert_eq!(story.store.staff_users().await.unwrap().len(), 1);
}

async fn the_database_ties_the_office_to_the_role(db: TestDatabase) {
    let story = Story::new(db).await;
    let refused = [
        user("admin.with.office", "admin", Some(story.office)),
        user("clerk.without", "clerk", None),
        user("manager.without", "manager", None),
        user("Upper.Case", "admin", None),
        user("root", "root", None),
    ];
    for row in refused {
        assert!(
            story.store.insert_staff_user(&row, None).await.is_err(),
            "{}",
            row.username
        );
    }
    let mut plain_text = user("plain", "admin", None);
    plain_text.password_hash = "hunter2".to_owned();
    assert!(
        story
            .store
            .insert_staff_user(&plain_text, None)
            .await
            .is_err(),
        "only argon2id hashes"
    );
}

async fn a_session_is_read_with_its_account_touched_and_deleted(db: TestDatabase) {
    let story = Story::new(db).await;
    let id = story
        .store
        .insert_staff_user(&user("ana", "admin", None), None)
        .await
        .unwrap()
        .unwrap();
    let opened = session(id);
    story
        .store
        .create_staff_session(&opened, None)
        .await
        .unwrap();

    let (found, account) = story
        .store
        .staff_session(&opened.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((found.user_id, found.last_seen_at), (id, t0()));
    assert_eq!(account.username, "ana");

    story
        .store
        .touch_staff_session(&opened.id, t0() + Duration::minutes(5))
        .await
        .unwrap();
    let (touched, _) = story
        .store
        .staff_session(&opened.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(touched.last_seen_at, t0() + Duration::minutes(5));

    story
        .store
        .delete_staff_session(&opened.id, None)
        .await
        .unwrap();
    assert!(
        story
            .store
            .staff_session(&opened.id)
            .await
            .unwrap()
            .is_none()
    );
}

async fn stale_sessions_are_swept_by_idle_time_and_absolute_end(db: TestDatabase) {
    let story = Story::new(db).await;
    let id = story
        .store
        .insert_staff_user(&user("ana", "admin", None), None)
        .await
        .unwrap()
        .unwrap();
    let (idle, active, ended) = (session(id), session(id), session(id));
    for s in [&idle, &active, &ended] {
        story.store.create_staff_session(s, None).await.unwrap();
    }
    let now = t0() + Duration::hours(1);
    story
        .store
        .touch_staff_session(&active.id, now)
        .await
        .unwrap();
    story
        .store
        .touch_staff_session(&ended.id, now)
        .await
        .unwrap();
    let mut short = session(id);
    short.expires_at = now;
    story
        .store
        .create_staff_session(&short, None)
        .await
        .unwrap();
    story
        .store
        .touch_staff_session(&short.id, now)
        .await
        .unwrap();

    let swept = story
        .store
        .delete_stale_staff_sessions(now, now - Duration::minutes(30))
        .await
        .unwrap();

    assert_eq!(swept, 2, "the idle one and the one past its absolute end");
    assert!(story.store.staff_session(&idle.id).await.unwrap().is_none());
    assert!(
        story
            .store
            .staff_session(&short.id)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        story
            .store
            .staff_session(&active.id)
            .await
            .unwrap()
            .is_some()
    );
}

async fn login_failures_are_tallied_per_pair_account_and_address_and_pruned(db: TestDatabase) {
    let story = Story::new(db).await;
    let (ana, ion) = (random_bytes(), random_bytes());
    let (here, there) = (random_bytes(), random_bytes());
    let window = Duration::minutes(15);
    let note = |subject: &Vec<u8>, ip: &Vec<u8>, minute: i64| {
        let at = t0() + Duration::minutes(minute);
        let store = story.store.clone();
        let (subject, ip) = (subject.clone(), ip.clone());
        async move {
            store
                .record_login_failure(&subject, &ip, at, at - window)
                .await
                .unwrap();
        }
    };
    note(&ana, &here, 0).await;
    note(&ana, &here, 1).await;
    note(&ana, &there, 2).await;
    note(&ion, &here, 3).await;

    let tallies = story.store.login_failures(&ana, &here, t0()).await.unwrap();
    assert_eq!(
        (
            tallies.pair.count,
            tallies.account.count,
            tallies.address.count
        ),
        (2, 3, 3)
    );
    assert_eq!(tallies.pair.last, Some(t0() + Duration::minutes(1)));
    assert_eq!(tallies.account.last, Some(t0() + Duration::minutes(2)));
    assert_eq!(tallies.address.last, Some(t0() + Duration::minutes(3)));
    let since_one = story
        .store
        .login_failures(&ana, &here, t0() + Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(since_one.pair.count, 1, "only failures within the window");
    let nobody = story
        .store
        .login_failures(&random_bytes(), &random_bytes(), t0())
        .await
        .unwrap();
    assert_eq!(nobody, epasapoarte::staff::LoginFailures::default());

    // A success forgets the account's failures from every address, not the others'.
    story.store.clear_login_failures(&ana).await.unwrap();
    let cleared = story.store.login_failures(&ana, &here, t0()).await.unwrap();
    assert_eq!(
        (
            cleared.pair.count,
            cleared.account.count,
            cleared.address.count
        ),
        (0, 0, 1)
    );

    // A failure 20 minutes later prunes everything older than its window.
    note(&ion, &there, 20).await;
    let pruned = story
        .store
        .login_failures(&ion, &here, t0() - Duration::hours(1))
        .await
        .unwrap();
    assert_eq!((pruned.pair.count, pruned.account.count), (0, 1));
}

async fn a_new_password_ends_every_other_session(db: TestDatabase) {
    let story = Story::new(db).await;
    let id = story
        .store
        .insert_staff_user(&user("ana", "admin", None), None)
        .await
        .unwrap()
        .unwrap();
    let (this, other) = (session(id), session(id));
    story.store.create_staff_session(&this, None).await.unwrap();
    story
        .store
        .create_staff_session(&other, None)
        .await
        .unwrap();
    let new_hash = HASH.replace("c2FsdHNhbHQ", "b3RoZXJzYWx0");

    story
        .store
        .set_password_hash(id, &new_hash, t0() + Duration::hours(1), &this.id, None)
        .await
        .unwrap();

    let account = story.store.staff_user(id).await.unwrap().unwrap();
    assert_eq!(account.password_hash, new_hash);
    assert_eq!(account.password_changed_at, t0() + Duration::hours(1));
    assert!(story.store.staff_session(&this.id).await.unwrap().is_some());
    assert!(
        story
            .store
            .staff_session(&other.id)
            .await
            .unwrap()
            .is_none()
    );
}
