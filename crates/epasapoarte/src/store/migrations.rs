//! The schema migrations each backend carries, embedded in the binary so it runs from any
//! directory. Applied in order at start and by `epasapoarte migrate`; each runs once.

/// A migration: its version, a name for the log, and the SQL.
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

pub const SQLITE: &[Migration] = &[
    Migration {
        version: 1,
        name: "booking",
        sql: include_str!("../../migrations/sqlite/0001_booking.sql"),
    },
    Migration {
        version: 2,
        name: "housekeeping",
        sql: include_str!("../../migrations/sqlite/0002_housekeeping.sql"),
    },
    Migration {
        version: 3,
        name: "staff",
        sql: include_str!("../../migrations/sqlite/0003_staff.sql"),
    },
    Migration {
        version: 4,
        name: "applications",
        sql: include_str!("../../migrations/sqlite/0004_applications.sql"),
    },
    Migration {
        version: 5,
        name: "reports",
        sql: include_str!("../../migrations/sqlite/0005_reports.sql"),
    },
    Migration {
        version: 6,
        name: "office_setup",
        sql: include_str!("../../migrations/sqlite/0006_office_setup.sql"),
    },
    Migration {
        version: 9,
        name: "outbox_claim",
        sql: include_str!("../../migrations/sqlite/0009_outbox_claim.sql"),
    },
];

pub const POSTGRES: &[Migration] = &[
    Migration {
        version: 1,
        name: "booking",
        sql: include_str!("../../migrations/postgres/0001_booking.sql"),
    },
    Migration {
        version: 2,
        name: "housekeeping",
        sql: include_str!("../../migrations/postgres/0002_housekeeping.sql"),
    },
    Migration {
        version: 3,
        name: "staff",
        sql: include_str!("../../migrations/postgres/0003_staff.sql"),
    },
    Migration {
        version: 4,
        name: "applications",
        sql: include_str!("../../migrations/postgres/0004_applications.sql"),
    },
    Migration {
        version: 5,
        name: "reports",
        sql: include_str!("../../migrations/postgres/0005_reports.sql"),
    },
    Migration {
        version: 6,
        name: "office_setup",
        sql: include_str!("../../migrations/postgres/0006_office_setup.sql"),
    },
    Migration {
        version: 9,
        name: "outbox_claim",
        sql: include_str!("../../migrations/postgres/0009_outbox_claim.sql"),
    },
    Migration {
        version: 10,
        name: "slot_fillfactor",
        sql: include_str!("../../migrations/postgres/0010_slot_fillfactor.sql"),
    },
];

/// Creates the bookkeeping table (same SQL on both backends).
pub const CREATE_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at BIGINT NOT NULL
)";
