//! The wizard's answer for one holder category and passport type, straight from the domain
//! rules (SPEC §5.3–5.4): the documents, and the fee, validity and fingerprints for each age
//! group the category spans. Where the groups agree (a temporary passport costs the same at
//! any age) one line stands for all; where they differ (a child under 14 pays 234 lei under
//! 12 and 258 lei from 12) each group gets its own line and the page explains why.

use epasapoarte_domain::passport::{
    COURIER_FEE, HolderCategory, PassportType, documents, fee, fingerprints_taken, issuance,
    validity,
};

use crate::i18n::Lang;
use crate::i18n::format;

/// One value, for one age group or (label `None`) for everyone in the category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub label: Option<String>,
    pub value: String,
}

#[derive(Debug, Clone)]
pub struct Answer {
    pub documents: Vec<String>,
    pub fees: Vec<Line>,
    pub validity: Vec<Line>,
    pub fingerprints: Vec<Line>,
    pub issuance: Vec<String>,
    /// The courier fee, for the passport that can be delivered (electronic).
    pub courier: Option<String>,
    /// Whether any value depends on the holder's age within the category.
    pub by_age: bool,
}

/// The age groups a category spans, each with an age inside it (whole years on the day the
/// application is submitted) and its label's key.
fn age_groups(category: HolderCategory) -> &'static [(&'static str, u32)] {
    match category {
        HolderCategory::Adult => &[("web.info.age.adult", 18)],
        HolderCategory::Minor14To17 => &[("web.info.age.from_14", 14)],
        HolderCategory::MinorUnder14 => &[
            ("web.info.age.under_12", 11),
            ("web.info.age.from_12_to_13", 12),
        ],
        HolderCategory::DomicileAbroad => &[
            ("web.info.age.adult", 18),
            ("web.info.age.from_12_to_17", 12),
            ("web.info.age.under_12", 11),
        ],
    }
}

pub fn answer(lang: Lang, category: HolderCategory, passport: PassportType) -> Answer {
    let groups = age_groups(category);
    let per_group = |value: &dyn Fn(u32) -> String| lines(lang, groups, value);
    let fees = per_group(&|age| format::money(lang, fee(passport, age)));
    let validity = per_group(&|age| {
        let validity = validity(passport, age);
        format::count(lang, validity.key(), u64::from(validity.count()))
    });
    let fingerprints = per_group(&|age| {
        let key = if fingerprints_taken(passport, age) {
            "web.info.fingerprints_yes"
        } else {
            "web.info.fingerprints_no"
        };
        lang.t(key).to_owned()
    });
    let by_age = [&fees, &validity, &fingerprints]
        .iter()
        .any(|lines| lines.len() > 1);
    Answer {
        documents: documents(category, passport)
            .iter()
            .map(|document| lang.t(document.key()).to_owned())
            .collect(),
        fees,
        validity,
        fingerprints,
        issuance: issuance_text(lang, passport),
        courier: (passport == PassportType::Electronic).then(|| {
            lang.tf(
                "web.info.courier",
                &[("fee", &format::money(lang, COURIER_FEE))],
            )
        }),
        by_age,
    }
}

/// One line per group, or a single unlabelled line when every group has the same value.
fn lines(lang: Lang, groups: &[(&str, u32)], value: &dyn Fn(u32) -> String) -> Vec<Line> {
    let values: Vec<String> = groups.iter().map(|(_, age)| value(*age)).collect();
    if values.windows(2).all(|pair| pair[0] == pair[1]) {
        return values
            .into_iter()
            .take(1)
            .map(|value| Line { label: None, value })
            .collect();
    }
    groups
        .iter()
        .zip(values)
        .map(|((key, _), value)| Line {
            label: Some(lang.t(key).to_owned()),
            value,
        })
        .collect()
}

fn issuance_text(lang: Lang, passport: PassportType) -> Vec<String> {
    let terms = issuance(passport);
    let days = |key: &str, days: u8| lang.tf(key, &[("days", &days.to_string())]);
    let mut text = vec![days("web.info.issuance_days", terms.working_days)];
    if let Some(busy) = terms.busy_period_working_days {
        text.push(days("web.info.issuance_busy", busy));
    }
    if let Some(urgent) = terms.urgent_working_days {
        text.push(days("web.info.issuance_urgent", urgent));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_under_14_sees_both_electronic_fees() {
        let answer = answer(
            Lang::Ro,
            HolderCategory::MinorUnder14,
            PassportType::Electronic,
        );
        let fees: Vec<&str> = answer.fees.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(fees, ["234 lei", "258 lei"]);
        assert!(answer.by_age);
        assert!(answer.fees.iter().all(|line| line.label.is_some()));
    }

    #[test]
    fn a_temporary_passport_has_one_fee_and_one_validity_for_all_ages() {
        let answer = answer(
            Lang::Ro,
            HolderCategory::DomicileAbroad,
            PassportType::Temporary,
        );
        assert_eq!(
            answer.fees,
            [Line {
                label: None,
                value: "96 lei".into()
            }]
        );
        assert_eq!(answer.validity.len(), 1);
        assert_eq!(answer.courier, None);
    }

    #[test]
    fn an_adult_electronic_passport_is_valid_ten_years() {
        let answer = answer(Lang::En, HolderCategory::Adult, PassportType::Electronic);
        assert_eq!(answer.validity[0].value, "10 years");
        assert_eq!(answer.fees[0].value, "258 lei");
        assert!(!answer.by_age);
    }
}
