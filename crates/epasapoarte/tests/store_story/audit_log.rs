//! The audit log: appended lines come back newest first, filtered by actor, action,
//! office and time and paged by id; and the database itself refuses to update or delete
//! them (triggers), whoever asks.

use chrono::Duration;
use epasapoarte::ids::OfficeId;
use epasapoarte::store::{AuditFilter, NewAuditEntry};
use epasapoarte::testing::{Backend, TestDatabase};

use crate::on_both_backends;
use crate::story::{Story, t0};

on_both_backends!(
    backend_first:
    the_audit_log_filters_and_pages_newest_first,
    the_audit_log_refuses_update_and_delete_in_the_database,
);

fn entry(minute: i64, actor: &str, action: &str, office: Option<OfficeId>) -> NewAuditEntry {
    NewAuditEntry {
        at: t0() + Duration::minutes(minute),
        actor: actor.to_owned(),
        actor_user_id: None,
        action: action.to_owned(),
        office_id: office,
        target: Some("user:1".to_owned()),
        before: Some(r#"{"role":"clerk"}"#.to_owned()),
        after: None,
    }
}

async fn the_audit_log_filters_and_pages_newest_first(db: TestDatabase) {
    let story = Story::new(db).await;
    let office = Some(story.office);
    let ids = append_seven_lines(&story).await;

    let all = story
        .store
        .audit_entries(&AuditFilter::default(), 100)
        .await
        .unwrap();
    assert_eq!(all.len(), 7);
    assert!(all.windows(2).all(|w| w[0].id > w[1].id), "newest first");
    assert_eq!(
        all[6].before.as_deref().map(|t| t.replace(' ', "")),
        Some(r#"{"role":"clerk"}"#.to_owned())
    );

    let by_actor = AuditFilter {
        actor: Some("ana".into()),
        ..AuditFilter::default()
    };
    assert_eq!(matching(&story, &by_actor, 100).await.len(), 4);
    let by_action_and_office = AuditFilter {
        action: Some("user.created".into()),
        office_id: office,
        ..AuditFilter::default()
    };
    assert_eq!(matching(&story, &by_action_and_office, 100).await.len(), 3);
    let by_time = AuditFilter {
        from: Some(t0() + Duration::minutes(2)),
        to: Some(t0() + Duration::minutes(4)),
        ..AuditFilter::default()
    };
    assert_eq!(matching(&story, &by_time, 100).await, vec![ids[3], ids[2]]);

    let first_page = matching(&story, &AuditFilter::default(), 3).await;
    let next = AuditFilter {
        before_id: first_page.last().copied(),
        ..AuditFilter::default()
    };
    let second_page = matching(&story, &next, 3).await;
    assert_eq!(second_page.first(), Some(&ids[3]));
}

/// Six lines at the office, a minute apart (ana and the system in turn; three failed
/// logins, then three new users), and a seventh without an office. Returns the six ids.
async fn append_seven_lines(story: &Story) -> Vec<i64> {
    let office = Some(story.office);
    let mut ids = Vec::new();
    for minute in 0..6 {
        let actor = if minute % 2 == 0 { "ana" } else { "system" };
        let action = if minute < 3 {
            "login.failed"
        } else {
            "user.created"
        };
        ids.push(
            story
                .store
                .append_audit(&entry(minute, actor, action, office))
                .await
                .unwrap(),
        );
    }
    story
        .store
        .append_audit(&entry(6, "ana", "logout", None))
        .await
        .unwrap();
    ids
}

/// The ids of the lines `filter` finds, newest first, at most `limit`.
async fn matching(story: &Story, filter: &AuditFilter, limit: u32) -> Vec<i64> {
    let found = story.store.audit_entries(filter, limit).await.unwrap();
    found.iter().map(|e| e.id).collect()
}

async fn the_audit_log_refuses_update_and_delete_in_the_database(db: TestDatabase) {
    let story = Story::new(db).await;
    story
        .store
        .append_audit(&entry(0, "ana", "login.failed", None))
        .await
        .unwrap();
    let statements = [
        "UPDATE audit_log SET actor = 'mallory'",
        "DELETE FROM audit_log",
    ];

    for sql in statements {
        let error = raw_execute(&story.db, sql).await.expect_err(sql);
        assert!(error.contains("append-only"), "{sql}: {error}");
    }
    if story.db.backend == Backend::Postgres {
        let error = raw_execute(&story.db, "TRUNCATE audit_log")
            .await
            .expect_err("truncate");
        assert!(error.contains("append-only"), "TRUNCATE: {error}");
    }

    let kept = story
        .store
        .audit_entries(&AuditFilter::default(), 10)
        .await
        .unwrap();
    assert_eq!((kept.len(), kept[0].actor.as_str()), (1, "ana"));
}

/// Runs SQL on a connection of its own, as a console user would: outside the store.
async fn raw_execute(db: &TestDatabase, sql: &str) -> Result<u64, String> {
    let result = match db.backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(&db.url)
                .await
                .map_err(|e| e.to_string())?;
            let result = sqlx::query(sql)
                .execute(&pool)
                .await
                .map(|r| r.rows_affected());
            pool.close().await;
            result
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&db.url)
                .await
                .map_err(|e| e.to_string())?;
            let result = sqlx::query(sql)
                .execute(&pool)
                .await
                .map(|r| r.rows_affected());
            pool.close().await;
            result
        }
    };
    result.map_err(|error| error.to_string())
}
