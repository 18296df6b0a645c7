//! PostgreSQL: staff accounts, sessions and the audit log.

use async_trait::async_trait;

use super::PgStore;
use crate::store::Staff;

#[async_trait]
impl Staff for PgStore {}
