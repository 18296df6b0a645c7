//! SPEC §8 "Opening day by draw": the day that enters the booking window next is not
//! first come, first served. Families enter its draw (one entry per family, CNPs in one
//! entry each), confirm by e-mail, and at `EPAS_DRAW_AT` the draw seats them in the order
//! of the committed seed. This module holds the shell around the domain rules
//! (`epasapoarte_domain::fair`): which draw takes entries (`clock`), entering and
//! confirming (`enter`, `seal`, `confirm`), running a due draw (`run`, `day_slots`,
//! `outcome`), and which days the public may not see yet (`gate`).

use chrono::NaiveDate;

mod clock;
mod confirm;
mod day_slots;
mod enter;
mod gate;
pub mod input;
mod outcome;
mod run;
mod seal;

pub use input::{DrawEntryRequest, EntryFields, ParsedEntry};

/// A losing family that asked for it waits for seats this many days after the draw date.
pub const WAITLIST_DAYS: u64 = 30;

/// A new entry, as the API answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryCreated {
    pub id: String,
    pub draw_date: NaiveDate,
}
