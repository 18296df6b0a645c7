//! Pickup, courier and fee rules at the counter, cell by cell.

mod delivery;
mod fee;

use super::*;
