//! One test body, run on SQLite and on PostgreSQL, each run on its own throwaway database.
//! What a test is given (the bare database, a running app, a back office…) follows from
//! the type of its parameter: anything that is a [`Fixture`]. PostgreSQL is skipped loudly
//! when it cannot be reached, unless `EPAS_REQUIRE_POSTGRES=1` makes that a failure (see
//! `TestDatabase::postgres_or_skip`).
#![allow(dead_code)]

use std::future::Future;

use epasapoarte::testing::{Backend, TestDatabase};

/// What a test starts from, built on a fresh database.
pub trait Fixture: Sized {
    fn start(db: TestDatabase) -> impl Future<Output = Self>;
}

/// The database itself, for tests of the store.
impl Fixture for TestDatabase {
    async fn start(db: TestDatabase) -> TestDatabase {
        db
    }
}

/// A fresh database of `backend`, or `None` when PostgreSQL is skipped.
pub fn database(backend: Backend) -> Option<TestDatabase> {
    match backend {
        Backend::Sqlite => Some(TestDatabase::sqlite()),
        Backend::Postgres => TestDatabase::postgres_or_skip(),
    }
}

/// Runs `test` on a fixture started on a fresh database of `backend`.
pub async fn run<F, Fut>(backend: Backend, test: impl FnOnce(F) -> Fut)
where
    F: Fixture,
    Fut: Future<Output = ()>,
{
    if let Some(db) = database(backend) {
        test(F::start(db).await).await;
    }
}

/// Runs each named `async fn(impl Fixture)` of the calling module on both backends, so a
/// failure names its backend:
///
/// - `on_both_backends!(a, b)` makes the tests `a::sqlite`, `a::postgres`, `b::sqlite`…;
/// - `on_both_backends!(backend_first: a, b)` makes `sqlite::a`, `sqlite::b`,
///   `postgres::a`… (the store story reads best grouped by backend).
#[macro_export]
macro_rules! on_both_backends {
    (backend_first: $($test:ident),+ $(,)?) => {
        mod sqlite {
            $($crate::on_both_backends!(@test $test, Sqlite, super::$test);)+
        }
        mod postgres {
            $($crate::on_both_backends!(@test $test, Postgres, super::$test);)+
        }
    };
    (@test $name:ident, $backend:ident, $body:path) => {
        // Four workers: the store's races need real parallelism, the apps a server task.
        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn $name() {
            $crate::support::backends::run(epasapoarte::testing::Backend::$backend, $body).await;
        }
    };
    ($($test:ident),+ $(,)?) => {$(
        mod $test {
            $crate::on_both_backends!(@test sqlite, Sqlite, super::$test);
            $crate::on_both_backends!(@test postgres, Postgres, super::$test);
        }
    )+};
}
