//! The booking lifecycle: every cell of the transition table, names and labels, one file
//! per concern.

mod cancel;
mod illegal;
mod names;
mod seats;
mod table;
