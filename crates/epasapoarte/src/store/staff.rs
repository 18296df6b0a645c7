//! Storage of the back office's people: staff accounts, their sessions, login throttling,
//! and the append-only audit log (issue 5; SPEC §3).

use async_trait::async_trait;

/// Staff accounts, sessions and the audit log.
#[async_trait]
pub trait Staff: Send + Sync + 'static {}
