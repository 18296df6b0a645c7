//! The store's own checks on its pools and query plans (the behaviour is tested through
//! the service and the API, in `tests/`).

mod pool_tests {
    use crate::testing::TestDatabase;

    /// sqlx 0.8's pool reaper can spin a core forever (launchbadge/sqlx#3645; it hung
    /// CI here once). It runs only when a pool has an idle timeout or a lifetime, so no
    /// pool of the store may have either.
    #[tokio::test]
    async fn no_pool_has_a_reaper() {
        for db in TestDatabase::all() {
            let store = if db.url.starts_with("postgres") {
                crate::store::postgres::connect(&db.url).await.unwrap()
            } else {
                crate::store::sqlite::connect(&db.url).await.unwrap()
            };
            let options: Vec<_> = store
                .pools()
                .iter()
                .map(|pool| {
                    let options = pool.options();
                    (options.get_idle_timeout(), options.get_max_lifetime())
                })
                .collect();
            for (idle, lifetime) in options {
                assert_eq!((idle, lifetime), (None, None), "{}", db.url);
            }
        }
    }
}

mod plan_tests {
    use crate::testing::TestDatabase;

    /// SQLite uses a partial index only when the query repeats its condition term for
    /// term; the shared SQL writes booleans as `= true`. The per-CNP reads of the booking,
    /// draw and waitlist paths must search their unique index, not scan the table.
    #[tokio::test]
    async fn sqlite_per_cnp_reads_use_their_partial_indexes() {
        let db = TestDatabase::sqlite();
        let store = crate::store::sqlite::connect(&db.url).await.unwrap();
        crate::store::Database::migrate(&store).await.unwrap();
        let pool = store.pools()[0];
        for (query, index) in [
            (
                "SELECT count(*) FROM booking_persons WHERE holds = true AND cnp_hash IN ($1, $2)",
                "booking_persons_one_active_per_cnp",
            ),
            (
                "SELECT w.entry_id FROM booking_persons b JOIN waitlist_persons w
                 ON w.cnp_hash = b.cnp_hash AND w.active = true
                 WHERE b.booking_id = $1 AND b.cnp_hash <> $2",
                "waitlist_persons_one_per_cnp",
            ),
            (
                "SELECT count(*) FROM draw_entry_persons
                 WHERE active = true AND draw_date = $1 AND cnp_hash = $2",
                "draw_entry_persons_one_per_cnp",
            ),
            // Expiry asks, for each due booking, whether its request still waits.
            (
                concat!(
                    "SELECT id FROM bookings WHERE status = 'pending' AND expires_at <= $1 AND ",
                    crate::store::sql::confirm_request_out!("$1"),
                    " AND id <> $2"
                ),
                "outbox_unsent_by_booking",
            ),
        ] {
            let plan: Vec<(i64, i64, i64, String)> =
                sqlx::query_as(&format!("EXPLAIN QUERY PLAN {query}"))
                    .bind(vec![1u8])
                    .bind(vec![2u8])
                    .fetch_all(pool)
                    .await
                    .unwrap();
            let plan: Vec<&str> = plan.iter().map(|row| row.3.as_str()).collect();
            assert!(
                plan.iter().any(|step| step.contains(index)),
                "{query}: {plan:?}"
            );
        }
    }
}
