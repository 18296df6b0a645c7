//! Where a passport may be collected and when it may go by courier.

use super::*;
use crate::passport::PassportType::{Electronic, Temporary};

#[test]
fn an_electronic_passport_may_be_collected_anywhere() {
    for pickup in [
        Pickup::SubmittingOffice,
        Pickup::OtherOffice,
        Pickup::ConsularMission,
    ] {
        assert_eq!(
            check_delivery(Electronic, pickup, false),
            Ok(()),
            "{pickup:?}"
        );
    }
}

#[test]
fn a_temporary_passport_is_collected_only_where_it_was_applied_for() {
    assert_eq!(
        check_delivery(Temporary, Pickup::SubmittingOffice, false),
        Ok(())
    );
    for pickup in [Pickup::OtherOffice, Pickup::ConsularMission] {
        assert_eq!(
            check_delivery(Temporary, pickup, false),
            Err(DeliveryError::TemporaryElsewhere)
        );
    }
}

#[test]
fn only_an_electronic_passport_goes_by_courier_and_never_to_a_mission() {
    assert_eq!(
        check_delivery(Electronic, Pickup::SubmittingOffice, true),
        Ok(())
    );
    assert_eq!(
        check_delivery(Electronic, Pickup::OtherOffice, true),
        Ok(())
    );
    assert_eq!(
        check_delivery(Electronic, Pickup::ConsularMission, true),
        Err(DeliveryError::CourierWithMission)
    );
    assert_eq!(
        check_delivery(Temporary, Pickup::SubmittingOffice, true),
        Err(DeliveryError::CourierNotElectronic)
    );
}
