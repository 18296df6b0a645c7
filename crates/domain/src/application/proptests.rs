//! Random walks over requested statuses follow only the allowed graph and never leave
//! a final status.

use proptest::prelude::*;

use super::*;

use ApplicationStatus as A;

/// The graph as a successor list, independent of `transition`'s match.
fn successors(s: ApplicationStatus) -> &'static [ApplicationStatus] {
    match s {
        A::Submitted => &[A::InProduction, A::Rejected],
        A::InProduction => &[A::Ready, A::Shipped, A::Rejected],
        A::Ready => &[A::HandedOver, A::Shipped],
        A::HandedOver | A::Shipped | A::Rejected => &[],
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_walks_follow_the_graph_and_stop_at_final_statuses(
        requests in prop::collection::vec(prop::sample::select(ApplicationStatus::ALL.to_vec()), 1..40),
    ) {
        let mut status = ApplicationStatus::INITIAL;
        let mut moves = 0;
        for to in requests {
            let allowed = successors(status).contains(&to);
            match transition(status, to) {
                Ok(next) => {
                    prop_assert!(allowed, "{} -> {} accepted", status, to);
                    prop_assert!(!status.is_final());
                    prop_assert_eq!(next, to);
                    status = next;
                    moves += 1;
                }
                Err(e) => {
                    prop_assert!(!allowed, "{} -> {} refused", status, to);
                    prop_assert_eq!(e, IllegalApplicationTransition { from: status, to });
                }
            }
        }
        // The longest path is submitted → in_production → ready → handed_over/shipped.
        prop_assert!(moves <= 3);
        prop_assert_eq!(status.is_final(), successors(status).is_empty());
    }
}
