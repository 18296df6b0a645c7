//! Fair access (SPEC §8): the pure rules behind the opening-day draw, the waitlist holds,
//! the random delayed release, reconfirmation, the no-show cool-off and proof of work.
//!
//! The shell supplies everything that changes: the clock (`now`, `today`), randomness (as
//! plain numbers and bytes) and the rows it read. Each seam is one small file:
//!
//! | module | rule |
//! |---|---|
//! | [`draw_date`] | which date a draw is for, when entries close, which draws are due |
//! | [`seed`] | the committed seed, its published hash, the replayable entry order |
//! | [`part_of_day`] | `any`, `morning`, `afternoon` and the slot times each admits |
//! | [`assign`] | seats for the draw's entries, in draw order, families never split |
//! | [`hold`] | a waiting family's hold: its length, its end, which family is next |
//! | [`release`] | when unwanted freed seats turn public again |
//! | [`reconfirm`] | when a far-ahead booking is asked to reconfirm, and its deadline |
//! | [`cooloff`] | how long a no-show blocks a CNP; when staff may undo the mark |
//! | [`wall`] | office-local wall time and UTC, through DST |
//! | [`pow`] | proof-of-work difficulty and the no-JavaScript ticket's minimum fill time |

pub mod assign;
pub mod cooloff;
pub mod draw_date;
pub mod hold;
pub mod part_of_day;
pub mod pow;
pub mod reconfirm;
pub mod release;
pub mod seed;
pub mod wall;

#[cfg(test)]
mod testing;

pub use assign::{DaySlot, DrawEntry, Outcome, assign};
pub use cooloff::{CoolOffPolicy, blocked_until, can_undo};
pub use draw_date::{
    DEFAULT_DRAW_AT, draw_date, draw_instant, due_draw_dates, entries_open_for, parse_draw_at,
};
pub use hold::{FreedSeat, HoldPolicy, WaitingFamily, matches, next_family};
pub use part_of_day::PartOfDay;
pub use pow::{max_number, min_fill_time};
pub use reconfirm::{ReconfirmPolicy, has_lapsed};
pub use release::{ReleaseDelay, release_at};
pub use seed::{DrawSeed, entry_order};
