//! The people's counters, by the groups the ratios compare.

use crate::fairness::metrics::Tally;
use crate::fairness::population::Family;

/// The people's counters, by the groups the ratios compare.
#[derive(Debug, Default)]
pub struct PeopleTallies {
    pub all: Tally,
    pub no_js: Tally,
    pub shared_ip: Tally,
    pub families: Tally,
}

impl PeopleTallies {
    pub(super) fn count(&self, family: &Family, succeeded: bool) {
        self.all.count(succeeded);
        if family.no_js {
            self.no_js.count(succeeded);
        }
        if family.behind_nat() {
            self.shared_ip.count(succeeded);
        }
        if family.cnps.len() > 1 {
            self.families.count(succeeded);
        }
    }
}
