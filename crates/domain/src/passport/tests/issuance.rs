//! How many working days issuance takes, per passport type.

use crate::passport::{PassportType, issuance};

use PassportType::{Electronic, Temporary};

#[test]
fn electronic_issuance_takes_5_working_days_and_up_to_10_when_busy() {
    let i = issuance(Electronic);
    assert_eq!(
        (
            i.working_days,
            i.busy_period_working_days,
            i.urgent_working_days
        ),
        (5, Some(10), None)
    );
    assert_eq!(i.max_working_days(), 10);
}

#[test]
fn temporary_issuance_takes_10_working_days_or_3_when_urgent() {
    let i = issuance(Temporary);
    assert_eq!(
        (
            i.working_days,
            i.busy_period_working_days,
            i.urgent_working_days
        ),
        (10, None, Some(3))
    );
    assert_eq!(i.max_working_days(), 10);
}
