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
    the_fifth_failed_login_locks_the_account,
    address_failures_count_within_the_window_and_old_ones_are_pruned,
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

async fn the_fifth_failed_login_locks_the_account(db: TestDatabase) {
    let story = Story::new(db).await;
    let id = story
        .store
        .insert_staff_user(&user("ana", "admin", None), None)
        .await
        .unwrap()
        .unwrap();
    let until = t0() + Duration::minutes(15);

    for n in 1..=4 {
        assert!(
            !story.store.record_failed_login(id, 5, until).await.unwrap(),
            "failure {n}"
        );
    }
    let counted = story.store.staff_user(id).await.unwrap().unwrap();
    assert_eq!((counted.failed_logins, counted.locked_until), (4, None));

    assert!(
        story.store.record_failed_login(id, 5, until).await.unwrap(),
        "the fifth locks"
    );
    let locked = story.store.staff_user(id).await.unwrap().unwrap();
    assert_eq!(
        (locked.failed_logins, locked.locked_until),
        (0, Some(until))
    );

    story.store.clear_failed_logins(id).await.unwrap();
    let cleared = story.store.staff_user(id).await.unwrap().unwrap();
    assert_eq!((cleared.failed_logins, cleared.locked_until), (0, None));
}

async fn address_failures_count_within_the_window_and_old_ones_are_pruned(db: TestDatabase) {
    let story = Story::new(db).await;
    let (here, there) = (random_bytes(), random_bytes());
    let window = Duration::minutes(15);
    for minute in [0, 1, 2] {
        let at = t0() + Duration::minutes(minute);
        story
            .store
            .record_address_failure(&here, at, at - window)
            .await
            .unwrap();
    }
    story
        .store
        .record_address_failure(&there, t0(), t0() - window)
        .await
        .unwrap();

    assert_eq!(
        story
            .store
            .address_failures_since(&here, t0())
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        story
            .store
            .address_failures_since(&here, t0() + Duration::minutes(1))
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        story
            .store
            .address_failures_since(&there, t0())
            .await
            .unwrap(),
        1
    );

    // A failure 20 minutes later prunes everything older than its window.
    let later = t0() + Duration::minutes(20);
    story
        .store
        .record_address_failure(&there, later, later - window)
        .await
        .unwrap();
    assert_eq!(
        story
            .store
            .address_failures_since(&here, t0() - Duration::hours(1))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        story
            .store
            .address_failures_since(&there, t0() - Duration::hours(1))
            .await
            .unwrap(),
        1
    );
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
