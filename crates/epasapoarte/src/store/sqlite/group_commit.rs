//! SQLite: group commit for the one-trip writes (creating and confirming a booking).
//!
//! Why: SQLite has one writer, and a commit costs far more than the few rows a booking
//! writes — every page the transaction touched (the slot, the booking, its indexes, the
//! outbox and its indexes) goes to the WAL again at each commit. Under a rush, the
//! bookings waiting for the writer can share one commit: each runs inside its own
//! `SAVEPOINT`, so each succeeds or fails on its own exactly as before, and the pages they
//! share are written once. With one booking waiting, a group is that one booking: nothing
//! changes when the service is quiet. (Measured: BENCHMARKS.md, "group commit".)
//!
//! How it stays correct:
//! - A caller queues its job and spawns a drainer; every drainer waits for the single
//!   writer connection and then runs whatever is queued (up to [`MAX_GROUP`]) in one
//!   `BEGIN IMMEDIATE … COMMIT`. There are at least as many drainers as jobs, so every job
//!   is run; a drainer that finds the queue empty gives the connection straight back.
//! - A job that fails (a seat CHECK, the one-active-booking index, …) is rolled back to its
//!   savepoint: a failing statement undoes only itself in SQLite, and `ROLLBACK TO` undoes
//!   the job's earlier statements. The others in the group are untouched.
//! - An answer is sent only after the COMMIT: no caller hears "done" for a write that
//!   could still be rolled back. If the COMMIT fails, every job of the group gets the
//!   error; if an error ends the whole transaction (SQLite does that on I/O errors, a full
//!   disk, out of memory), the jobs already run get an I/O error and the rest run in a new
//!   group.
//! - The drainer is a spawned task: a caller that goes away (a client hanging up) cannot
//!   leave the writer inside an open transaction, and its job still runs, as before.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use sqlx::AnyPool;
use sqlx::any::AnyArguments;
use sqlx::pool::PoolConnection;
use tokio::sync::oneshot;

use super::classify;
use crate::store::{StoreError, StoreResult};

/// The most jobs one commit carries: enough to share a commit among a rush's writers,
/// few enough that the first of them does not wait long for the last.
pub const MAX_GROUP: usize = 64;

/// One queued write: the statements (without BEGIN/COMMIT), their arguments, and where
/// the number of rows its `RETURNING` clauses gave goes.
struct Job {
    sql: String,
    args: AnyArguments<'static>,
    answer: oneshot::Sender<StoreResult<usize>>,
}

/// The queue of one-trip writes waiting for SQLite's writer connection.
#[derive(Clone)]
pub struct GroupCommit {
    writer: AnyPool,
    queue: Arc<Mutex<VecDeque<Job>>>,
}

impl GroupCommit {
    pub fn new(writer: AnyPool) -> Self {
        GroupCommit {
            writer,
            queue: Arc::new(Mutex::new(VecDeque::new())),
        }
    }

    /// Runs `sql` (statements ending in `;`, no BEGIN or COMMIT) as one job of the next
    /// group; returns how many rows its `RETURNING` clauses gave once the group committed.
    pub async fn run(&self, sql: String, args: AnyArguments<'static>) -> StoreResult<usize> {
        let (answer, answered) = oneshot::channel();
        self.lock().push_back(Job {
            sql: format!("SAVEPOINT job; {sql} RELEASE job;"),
            args,
            answer,
        });
        let drainer = self.clone();
        tokio::spawn(async move { drainer.drain().await });
        answered
            .await
            .map_err(|_| StoreError::Corrupt("the writer task failed".to_owned()))?
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Job>> {
        // A panic while holding the lock cannot leave the queue half-changed (push and
        // drain are single calls), so a poisoned lock is still a good queue.
        self.queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Waits for the writer, then commits what is queued by then (if anything).
    async fn drain(&self) {
        let mut conn = match self.writer.acquire().await {
            Ok(conn) => conn,
            Err(error) => {
                // No connection: the first waiting job learns why; its own drainer (or a
                // later one) runs the others when the pool serves again.
                if let Some(job) = self.lock().pop_front() {
                    let _ = job.answer.send(Err(classify(error)));
                }
                return;
            }
        };
        let mut group: VecDeque<Job> = {
            let mut queue = self.lock();
            let take = queue.len().min(MAX_GROUP);
            queue.drain(..take).collect()
        };
        while !group.is_empty() {
            commit_group(&mut conn, &mut group).await;
        }
    }
}

/// Runs jobs from the front of `group` in one transaction and answers them. Returns with
/// `group` empty, or holding the jobs not yet run when an error ended the transaction.
async fn commit_group(conn: &mut PoolConnection<sqlx::Any>, group: &mut VecDeque<Job>) {
    if let Err(error) = sqlx::query("BEGIN IMMEDIATE").execute(&mut **conn).await {
        let error = classify(error);
        let message = error.to_string();
        answer_all(group.drain(..), &message, Some(error));
        return;
    }
    // Jobs run in this transaction, with their outcome, answered after the COMMIT.
    let mut done: Vec<(Job, StoreResult<usize>)> = Vec::with_capacity(group.len());
    while let Some(mut job) = group.pop_front() {
        let args = std::mem::take(&mut job.args);
        match sqlx::query_with(&job.sql, args)
            .fetch_all(&mut **conn)
            .await
        {
            Ok(rows) => done.push((job, Ok(rows.len()))),
            Err(error) => {
                let error = classify(error);
                if rolled_back_to_savepoint(conn).await {
                    done.push((job, Err(error)));
                    continue;
                }
                // The transaction itself is gone: the jobs run so far in it are undone.
                // This job has its error; the ones after it run in a new transaction.
                let message = error.to_string();
                let _ = job.answer.send(Err(error));
                rollback(conn).await;
                answer_all(done.into_iter().map(|(job, _)| job), &message, None);
                return;
            }
        }
    }
    match sqlx::query("COMMIT").execute(&mut **conn).await {
        Ok(_) => {
            for (job, outcome) in done {
                let _ = job.answer.send(outcome);
            }
        }
        Err(error) => {
            let error = classify(error);
            let message = error.to_string();
            rollback(conn).await;
            answer_all(done.into_iter().map(|(job, _)| job), &message, Some(error));
        }
    }
}

/// `ROLLBACK TO` the job's savepoint (and leave it); false when there is no transaction
/// any more to roll back into.
async fn rolled_back_to_savepoint(conn: &mut PoolConnection<sqlx::Any>) -> bool {
    sqlx::query("ROLLBACK TO job; RELEASE job;")
        .execute(&mut **conn)
        .await
        .is_ok()
}

/// Ends whatever transaction is open; a connection in an unknown state is never handed to
/// the next writer.
async fn rollback(conn: &mut PoolConnection<sqlx::Any>) {
    if sqlx::query("ROLLBACK").execute(&mut **conn).await.is_err() {
        // Also when SQLite already rolled back itself ("no transaction is active"): the
        // connection then closes and the pool opens a fresh one, a small price in a case
        // that means trouble anyway.
        conn.close_on_drop();
    }
}

/// Tells every job of a failed group why: the first gets `first` (the error itself) when
/// given, the others an I/O error with the same message (errors cannot be cloned).
fn answer_all(jobs: impl Iterator<Item = Job>, message: &str, mut first: Option<StoreError>) {
    for job in jobs {
        let error = first.take().unwrap_or_else(|| {
            StoreError::Database(sqlx::Error::Io(std::io::Error::other(format!(
                "the group's transaction was rolled back: {message}"
            ))))
        });
        let _ = job.answer.send(Err(error));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sql::SqlStore;
    use crate::testing::TestDatabase;

    async fn store_with_table(db: &TestDatabase) -> SqlStore {
        let store = crate::store::sqlite::connect(&db.url).await.unwrap();
        sqlx::query("CREATE TABLE t (k INTEGER PRIMARY KEY, v INTEGER NOT NULL CHECK (v >= 0))")
            .execute(&store.writer)
            .await
            .unwrap();
        store
    }

    /// Queues `jobs` while the test holds the writer, so that they all wait for it; when
    /// it lets go, the first drainer takes them as one group.
    async fn one_group(store: &SqlStore, jobs: &[&str]) -> Vec<StoreResult<usize>> {
        let held = store.writer.acquire().await.unwrap();
        let mut runs = Vec::new();
        for sql in jobs {
            let (group, sql) = (store.group_commit.clone(), (*sql).to_owned());
            runs.push(tokio::spawn(async move {
                group.run(sql, AnyArguments::default()).await
            }));
        }
        while store.group_commit.lock().len() < jobs.len() {
            tokio::task::yield_now().await;
        }
        drop(held);
        let mut answers = Vec::new();
        for run in runs {
            answers.push(run.await.unwrap());
        }
        answers
    }

    async fn keys(store: &SqlStore) -> Vec<i64> {
        sqlx::query_scalar("SELECT k FROM t ORDER BY k")
            .fetch_all(&store.writer)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_failing_job_undoes_only_itself_in_a_shared_commit() {
        let db = TestDatabase::sqlite();
        let store = store_with_table(&db).await;
        let answers = one_group(
            &store,
            &[
                "INSERT INTO t VALUES (1, 1);",
                // Its first row is written, then the CHECK refuses its second.
                "INSERT INTO t VALUES (2, 2); INSERT INTO t VALUES (3, -1);",
                "INSERT INTO t VALUES (4, 4) RETURNING k;",
                // The primary key refuses a row another job of the group wrote.
                "INSERT INTO t VALUES (1, 5);",
            ],
        )
        .await;
        assert_eq!(answers[0].as_ref().ok(), Some(&0));
        assert!(
            matches!(&answers[1], Err(StoreError::Database(error)) if error.to_string().contains("CHECK")),
            "{:?}",
            answers[1]
        );
        assert_eq!(
            answers[2].as_ref().ok(),
            Some(&1),
            "RETURNING rows are counted"
        );
        assert!(answers[3].is_err());
        assert_eq!(keys(&store).await, vec![1, 4]);
    }

    #[tokio::test]
    async fn a_job_that_ends_the_transaction_fails_the_jobs_before_it_and_not_those_after() {
        let db = TestDatabase::sqlite();
        let store = store_with_table(&db).await;
        let answers = one_group(
            &store,
            &[
                "INSERT INTO t VALUES (1, 1);",
                // As SQLite does itself on an I/O error or a full disk.
                "ROLLBACK;",
                "INSERT INTO t VALUES (3, 3);",
            ],
        )
        .await;
        // The first job's row went with the transaction: it must not be told "done".
        assert!(
            matches!(&answers[0], Err(error) if error.is_unavailable()),
            "{:?}",
            answers[0]
        );
        assert!(answers[1].is_err());
        assert_eq!(answers[2].as_ref().ok(), Some(&0));
        assert_eq!(keys(&store).await, vec![3]);
        // The writer is still good for the next group.
        let answers = one_group(&store, &["INSERT INTO t VALUES (5, 5);"]).await;
        assert_eq!(answers[0].as_ref().ok(), Some(&0));
        assert_eq!(keys(&store).await, vec![3, 5]);
    }

    #[tokio::test]
    async fn many_writers_at_once_each_get_their_own_answer() {
        let db = TestDatabase::sqlite();
        let store = store_with_table(&db).await;
        let runs: Vec<_> = (0..300_i64)
            .map(|k| {
                let group = store.group_commit.clone();
                // Every third writer asks for a refused value.
                let v = if k % 3 == 0 { -1 } else { k };
                tokio::spawn(async move {
                    let sql = format!("INSERT INTO t VALUES ({k}, {v}) RETURNING k;");
                    (k, group.run(sql, AnyArguments::default()).await)
                })
            })
            .collect();
        let mut written = Vec::new();
        for run in runs {
            let (k, answer) = run.await.unwrap();
            match answer {
                Ok(rows) => {
                    assert_eq!(rows, 1);
                    assert_ne!(k % 3, 0);
                    written.push(k);
                }
                Err(_) => assert_eq!(k % 3, 0, "writer {k} was refused"),
            }
        }
        assert_eq!(keys(&store).await, written);
        assert!(store.group_commit.lock().is_empty());
    }
}
