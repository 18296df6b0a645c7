//! The documents lists: ids, keys and composition per category and passport.

mod coverage;
mod names;
mod per_case;
mod temporary;
