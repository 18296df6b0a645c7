//! The seventeen public holidays of the law, in the law's order.

/// Which public holiday a date is: a stable key for storage, JSON and translations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HolidayKind {
    NewYear,
    NewYearSecondDay,
    Epiphany,
    SaintJohnTheBaptist,
    UnionDay,
    GoodFriday,
    Easter,
    EasterMonday,
    LabourDay,
    ChildrensDay,
    Pentecost,
    PentecostMonday,
    Assumption,
    SaintAndrew,
    NationalDay,
    Christmas,
    ChristmasSecondDay,
}

impl HolidayKind {
    /// Every holiday, in the order the law lists them; holidays sharing a date keep this order.
    pub const ALL: [Self; 17] = [
        Self::NewYear,
        Self::NewYearSecondDay,
        Self::Epiphany,
        Self::SaintJohnTheBaptist,
        Self::UnionDay,
        Self::GoodFriday,
        Self::Easter,
        Self::EasterMonday,
        Self::LabourDay,
        Self::ChildrensDay,
        Self::Pentecost,
        Self::PentecostMonday,
        Self::Assumption,
        Self::SaintAndrew,
        Self::NationalDay,
        Self::Christmas,
        Self::ChristmasSecondDay,
    ];
}
