//! SQLite: passport applications, API tokens and restrictions.

use async_trait::async_trait;

use super::SqliteStore;
use crate::store::Applications;

#[async_trait]
impl Applications for SqliteStore {}
