//! What the CNP county code (`JJ`, digits 8–9) says about where the CNP was assigned.

use crate::county::County;

/// The CNP county codes the population-records directorate reports in real CNPs
/// without saying what they stand for (SPEC §5.1): accepted, because a citizen must
/// never be turned away by a county table.
const UNKNOWN_CODES: [u8; 12] = [50, 54, 56, 60, 64, 78, 84, 87, 88, 90, 98, 99];

/// Where a CNP was assigned, as its `JJ` code tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CountyOfBirth {
    /// 01–40, 51, 52: a county, or Bucharest as a whole (40, before it had sectors).
    County(&'static County),
    /// 41–47: a sector of Bucharest, 1–7 (7 was abolished, its CNPs remain).
    BucharestSector(u8),
    /// 70: any county; every CNP generated since 8 May 2024 carries it.
    AnyCounty,
    /// 80–83: registered at a Romanian diplomatic mission or consulate abroad.
    DiplomaticMission,
    /// 50, 54, 56, 60, 64, 78, 84, 87, 88, 90, 98, 99: found in real CNPs, meaning unknown.
    Unknown,
}

impl CountyOfBirth {
    /// Interprets a `JJ` code; `None` when no CNP carries it.
    #[must_use]
    pub fn from_cnp_code(jj: u8) -> Option<Self> {
        match jj {
            41..=47 => Some(Self::BucharestSector(jj - 40)),
            70 => Some(Self::AnyCounty),
            80..=83 => Some(Self::DiplomaticMission),
            _ if UNKNOWN_CODES.contains(&jj) => Some(Self::Unknown),
            _ => County::by_cnp_code(jj).map(Self::County),
        }
    }

    /// The county (or Bucharest, for a sector), when the code names one.
    #[must_use]
    pub fn county(&self) -> Option<&'static County> {
        match self {
            Self::County(county) => Some(county),
            Self::BucharestSector(_) => County::by_code("B"),
            Self::AnyCounty | Self::DiplomaticMission | Self::Unknown => None,
        }
    }
}
