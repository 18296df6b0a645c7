//! The real binary as separate processes (SPEC §7, issue 3 items 7–9): two `serve`
//! instances on one PostgreSQL database behaving as one service, their debug logs free of
//! personal data, and `serve --demo` working from an empty directory on the defaults.

mod instances {
    pub mod checks;
    pub mod citizens;
    pub mod connections;
    pub mod crowd;
    pub mod leaks;
    pub mod ledger;
    pub mod mailbox;
    pub mod process;
    pub mod scenario;
    pub mod settle;
    pub mod shutdown;
    pub mod sqlite_demo;
    pub mod web;

    pub use epasapoarte::testing::smtp_sink;
}

use instances::scenario;

#[test]
fn two_instances_on_one_postgres_database_behave_as_one_service() {
    let Some(evidence) = scenario::evidence() else {
        return;
    };
    for (phase, took) in &evidence.timings {
        eprintln!("{phase}: {took:.2?}");
    }
    if let Some(failure) = &evidence.failure {
        for (name, log) in &evidence.logs {
            let tail: Vec<&str> = log.lines().rev().take(20).collect();
            eprintln!("--- last lines of {name}.log ---");
            for line in tail.iter().rev() {
                eprintln!("{line}");
            }
        }
        panic!("{failure}");
    }
    for (name, log) in &evidence.logs {
        for line in log.lines() {
            assert!(
                !line.contains("\"level\":\"ERROR\""),
                "{name} logged an error: {line}"
            );
            assert!(!line.contains("background job failed"), "{name}: {line}");
        }
    }
}

#[test]
fn logs_carry_no_personal_data() {
    let Some(evidence) = scenario::evidence() else {
        return;
    };
    let (a, b) = (&evidence.logs[1].1, &evidence.logs[2].1);
    assert!(
        a.contains("\"level\":\"DEBUG\"") && b.contains("\"level\":\"DEBUG\""),
        "both instances logged at debug level"
    );
    // The logs cover the paths that handle personal data and tokens.
    for route in ["/api/v1/bookings", "/api/v1/bookings/confirm"] {
        assert!(
            a.contains(&format!("\"route\":\"{route}\"")),
            "{route} logged"
        );
    }
    // Every family's data and every e-mailed token is looked for.
    let crowd = usize::try_from(scenario::CROWD).unwrap_or(usize::MAX);
    assert!(
        evidence.secrets.len() > 5 * crowd,
        "{}",
        evidence.secrets.len()
    );
    let leaks = instances::leaks::find(
        &evidence.logs,
        &instances::leaks::needles(&evidence.secrets),
    );
    assert!(
        leaks.is_empty(),
        "{} secrets found in the logs, e.g.:\n{}",
        leaks.len(),
        leaks
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_on_sqlite_with_the_defaults_runs_from_an_empty_directory() {
    instances::sqlite_demo::run().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_service_exits_within_two_seconds_of_sigterm() {
    instances::shutdown::idle().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_burst_with_connections_held_sigterm_ends_the_service_within_five_seconds() {
    instances::shutdown::after_a_burst().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_connection_cap_the_next_client_waits_until_one_closes() {
    instances::connections::a_full_house_waits_at_the_door().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_half_sent_requests_are_closed_by_the_header_timeout() {
    instances::connections::half_sent_requests_are_closed_after_the_header_timeout().await;
}
