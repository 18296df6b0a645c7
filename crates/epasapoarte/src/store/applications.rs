//! Storage of passport applications, the API tokens other systems use to move them, and
//! the restrictions registry (issue 5; SPEC §3).

use async_trait::async_trait;

/// Applications, API tokens and restrictions.
#[async_trait]
pub trait Applications: Send + Sync + 'static {}
