//! Tests of the county table against the published CNP county list, one file per
//! concern: the table's shape and order, the CNP codes, the lookups.

mod cnp_codes;
mod lookup;
mod table;
