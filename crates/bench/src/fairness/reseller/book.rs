//! The reseller's book: customers waiting, in flight and served, its accomplices and the
//! placeholder seats it holds under their CNPs.

use std::collections::{HashMap, VecDeque};

use chrono::NaiveDate;

use crate::fairness::api::Free;
use crate::fairness::population::Customer;

#[derive(Debug, Clone)]
pub(super) struct Placeholder {
    pub(super) cnp: String,
    /// Unknown for a seat won in a draw (the reseller does not read the .ics).
    pub(super) seat: Option<Free>,
    pub(super) cancel_token: Option<String>,
}

#[derive(Default)]
pub(super) struct Book {
    pub(super) waiting: VecDeque<Customer>,
    /// Customers with a request in flight, by CNP.
    pub(super) busy: HashMap<String, Customer>,
    pub(super) served: Vec<Customer>,
    pub(super) free_accomplices: Vec<String>,
    pub(super) placeholders: Vec<Placeholder>,
    /// Customers still to come (placeholders are only worth that many).
    pub(super) to_come: usize,
    /// The draw the spare accomplices were entered in.
    pub(super) entered: Option<NaiveDate>,
    /// The draw each customer (or accomplice) was last entered in.
    pub(super) drawn: HashMap<String, NaiveDate>,
    pub(super) waitlisted: Vec<String>,
}
