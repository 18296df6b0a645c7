//! Property tests of the CNP: every generated valid code parses to its fields, however it
//! is typed; a single corrupted field is reported as that field; no input panics.
//! One file per property; `valid` holds the generator of valid codes they share.

mod corruption;
mod robustness;
mod typing;
mod valid;
