//! SQLite: staff accounts, sessions and the audit log.

use async_trait::async_trait;

use super::SqliteStore;
use crate::store::Staff;

#[async_trait]
impl Staff for SqliteStore {}
