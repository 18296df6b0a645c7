//! PostgreSQL: passport applications, API tokens and restrictions.

use async_trait::async_trait;

use super::PgStore;
use crate::store::Applications;

#[async_trait]
impl Applications for PgStore {}
