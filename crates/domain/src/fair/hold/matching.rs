//! Which waiting family suits freed seats, and which of them is next: the longest waiting
//! one not yet offered these seats.

use chrono::{DateTime, NaiveDate, Utc};

/// A confirmed waitlist entry. `O` identifies an office (the shell's id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingFamily<O> {
    /// The entry's id (compared with the ids already offered the seats).
    pub id: String,
    /// 1–3 acceptable offices.
    pub offices: Vec<O>,
    /// Acceptable office-local dates, inclusive.
    pub date_from: NaiveDate,
    pub date_to: NaiveDate,
    pub persons: u16,
    /// The service code it needs, e.g. `passport_electronic`.
    pub service: String,
    /// When it joined (confirmed): the queue's order.
    pub waiting_since: DateTime<Utc>,
}

/// Seats freed in one slot, not yet public.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreedSeat<O> {
    pub office: O,
    /// The slot's office-local date.
    pub date: NaiveDate,
    pub seats: u16,
    /// The service codes the office offers.
    pub services: Vec<String>,
}

/// Whether `seat` suits `waiting`: one of its offices, a date in its range, room for the
/// whole family, and its service offered there.
#[must_use]
pub fn matches<O: PartialEq>(waiting: &WaitingFamily<O>, seat: &FreedSeat<O>) -> bool {
    waiting.persons > 0
        && waiting.offices.contains(&seat.office)
        && (waiting.date_from..=waiting.date_to).contains(&seat.date)
        && waiting.persons <= seat.seats
        && seat.services.contains(&waiting.service)
}

/// The family to offer `seat` to next: among the `candidates` it suits and whose id is not
/// in `already_offered`, the longest waiting (earliest `waiting_since`, then smallest id).
#[must_use]
pub fn next_family<'a, O: PartialEq>(
    candidates: &'a [WaitingFamily<O>],
    seat: &FreedSeat<O>,
    already_offered: &[String],
) -> Option<&'a WaitingFamily<O>> {
    candidates
        .iter()
        .filter(|waiting| matches(waiting, seat) && !already_offered.contains(&waiting.id))
        .min_by(|a, b| (a.waiting_since, &a.id).cmp(&(b.waiting_since, &b.id)))
}

#[cfg(test)]
mod tests;
