//! The outbox's delivery side: a message is leased to one worker at a time, a failure
//! waits for its retry time, a sent message is gone for good.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::Duration;
use epasapoarte::store::{Failure, OutboxItem};
use epasapoarte::testing::TestDatabase;
use tokio::sync::Barrier;
use tokio::task::JoinSet;

use crate::on_both_backends;
use crate::story::{Story, booking, shared, t0};

on_both_backends!(
    backend_first:
    a_claimed_message_is_leased_until_its_lease_ends,
    concurrent_claims_never_return_the_same_message,
    a_failed_message_is_not_claimable_before_its_retry_time,
    a_sent_message_leaves_the_claims_and_the_depth,
    mail_with_a_deadline_is_claimed_before_news_queued_earlier,
);

/// Writes `n` outbox messages the way the service does: one per booking.
async fn messages(story: &Story, n: u32) {
    let slot = story.slot(0, 500).await;
    for _ in 0..n {
        story
            .store
            .create_booking(&booking(&slot).build())
            .await
            .unwrap();
    }
}

fn lease() -> Duration {
    Duration::minutes(5)
}

async fn a_claimed_message_is_leased_until_its_lease_ends(db: TestDatabase) {
    let story = Story::new(db).await;
    messages(&story, 1).await;
    let now = t0();

    let first = story.store.claim_outbox(now, lease(), 10).await.unwrap();
    let during_lease = story
        .store
        .claim_outbox(now + Duration::minutes(4), lease(), 10)
        .await
        .unwrap();
    // A worker that died mid-send: once the lease is over another one picks it up.
    let after_lease = story
        .store
        .claim_outbox(now + lease(), lease(), 10)
        .await
        .unwrap();

    assert_eq!(first.len(), 1);
    assert_eq!(first[0].kind, "confirm_request");
    assert_eq!(first[0].attempts, 1);
    assert!(during_lease.is_empty());
    assert_eq!(after_lease.len(), 1);
    assert_eq!(after_lease[0].id, first[0].id);
    assert_eq!(after_lease[0].attempts, 2);
    assert_eq!(story.depth().await, 1, "claimed is not sent");
}

async fn concurrent_claims_never_return_the_same_message(db: TestDatabase) {
    const MESSAGES: u32 = 120;
    const WORKERS: usize = 8;
    let story = Story::new(db).await;
    messages(&story, MESSAGES).await;
    let barrier = Arc::new(Barrier::new(WORKERS));
    let mut set = JoinSet::new();

    for _ in 0..WORKERS {
        let (store, barrier) = (shared(&story), Arc::clone(&barrier));
        set.spawn(async move {
            barrier.wait().await;
            let mut mine: Vec<OutboxItem> = Vec::new();
            // Small batches, many rounds: the workers keep colliding until none is left.
            loop {
                let batch = store.claim_outbox(t0(), lease(), 3).await.unwrap();
                if batch.is_empty() {
                    return mine;
                }
                mine.extend(batch);
            }
        });
    }
    let claimed: Vec<Vec<OutboxItem>> = set.join_all().await;

    let all: Vec<i64> = claimed.iter().flatten().map(|item| item.id).collect();
    let distinct: HashSet<i64> = all.iter().copied().collect();
    assert_eq!(all.len(), distinct.len(), "a message was leased twice");
    assert_eq!(
        distinct.len(),
        MESSAGES as usize,
        "every message was claimed"
    );
    assert!(claimed.iter().flatten().all(|item| item.attempts == 1));
}

async fn a_failed_message_is_not_claimable_before_its_retry_time(db: TestDatabase) {
    let story = Story::new(db).await;
    messages(&story, 1).await;
    let now = t0();
    let claimed = story.store.claim_outbox(now, lease(), 10).await.unwrap();
    let retry_at = now + Duration::minutes(10);

    story
        .store
        .mark_failed(
            claimed[0].id,
            Failure {
                error: "smtp connection",
                undeliverable: false,
            },
            retry_at,
        )
        .await
        .unwrap();

    let too_early = story
        .store
        .claim_outbox(retry_at - Duration::seconds(1), lease(), 10)
        .await
        .unwrap();
    let on_time = story
        .store
        .claim_outbox(retry_at, lease(), 10)
        .await
        .unwrap();
    assert!(too_early.is_empty());
    assert_eq!(on_time.len(), 1);
    assert_eq!(on_time[0].id, claimed[0].id);
    assert_eq!(on_time[0].attempts, 2);
    assert_eq!(story.depth().await, 1);
}

async fn a_sent_message_leaves_the_claims_and_the_depth(db: TestDatabase) {
    let story = Story::new(db).await;
    messages(&story, 3).await;
    let now = t0();
    let claimed = story.store.claim_outbox(now, lease(), 2).await.unwrap();
    assert_eq!(claimed.len(), 2);
    assert!(claimed[0].id < claimed[1].id, "oldest first");

    let ids: Vec<i64> = claimed.iter().map(|item| item.id).collect();
    story.store.mark_sent(&ids, now).await.unwrap();

    assert_eq!(story.depth().await, 1);
    let later = story
        .store
        .claim_outbox(now + Duration::days(1), lease(), 10)
        .await
        .unwrap();
    assert_eq!(later.len(), 1, "only the unsent message comes back");
    assert!(claimed.iter().all(|item| item.id != later[0].id));
}

/// Every kind the service queues that has no deadline for its reader.
const NEWS_KINDS: [&str; 8] = [
    "confirmed",
    "cancelled",
    "application_ready",
    "application_shipped",
    "draw_lost",
    "cool_off",
    "waitlist_waiting",
    "hold_lapsed",
];

async fn mail_with_a_deadline_is_claimed_before_news_queued_earlier(db: TestDatabase) {
    // Arrange: a draw's worth of news first, then one message of each urgent kind.
    let story = Story::new(db).await;
    let slot = story.slot(0, 500).await;
    for kind in NEWS_KINDS.iter().chain(NEWS_KINDS.iter()) {
        let news = booking(&slot).mail_kind(kind).build();
        story.store.create_booking(&news).await.unwrap();
    }
    for kind in epasapoarte::mail::URGENT_KINDS {
        let urgent = booking(&slot).mail_kind(kind).build();
        story.store.create_booking(&urgent).await.unwrap();
    }

    // Act
    let first = story.store.claim_outbox(t0(), lease(), 6).await.unwrap();
    let rest = story.store.claim_outbox(t0(), lease(), 100).await.unwrap();

    // Assert: the urgent ones first (the SQL list agrees with `URGENT_KINDS`), then the
    // news in the order it was queued.
    let kinds = |items: &[OutboxItem]| items.iter().map(|i| i.kind.clone()).collect::<Vec<_>>();
    let mut urgent = kinds(&first);
    urgent.sort();
    let mut expected: Vec<String> = epasapoarte::mail::URGENT_KINDS
        .iter()
        .map(|k| (*k).to_owned())
        .collect();
    expected.sort();
    assert_eq!(urgent, expected);
    let news = kinds(&rest);
    assert_eq!(news.len(), 16);
    assert!(
        news.iter().all(|k| NEWS_KINDS.contains(&k.as_str())),
        "{news:?}"
    );
    assert!(rest.windows(2).all(|w| w[0].id < w[1].id));
}
