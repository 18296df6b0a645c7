//! The application lifecycle: every cell of the (from, to) table, names and labels.

mod moves;
mod names;
