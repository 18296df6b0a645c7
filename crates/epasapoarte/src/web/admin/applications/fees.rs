//! The fee hints of the registration form (SPEC §5.3), from the domain's fee table: for
//! a CNP that parses, the fee due for that holder's age today; otherwise the table.

use chrono::NaiveDate;
use epasapoarte_domain::cnp::Cnp;
use epasapoarte_domain::passport::{COURIER_FEE, PassportType, fee};

use crate::i18n::Lang;
use crate::i18n::format::money;

/// Any age from 12 pays the full electronic fee; below, the reduced one.
const ADULT: u32 = 30;
const CHILD: u32 = 5;

/// The hint under the amount field.
pub fn hint(lang: Lang, cnp: &str, today: NaiveDate) -> String {
    match Cnp::parse(cnp, today) {
        Ok(cnp) => {
            let age = cnp.age_on(today);
            lang.tf(
                "admin.application.fee_for_holder",
                &[
                    ("age", &age.to_string()),
                    (
                        "electronic",
                        &money(lang, fee(PassportType::Electronic, age)),
                    ),
                    ("temporary", &money(lang, fee(PassportType::Temporary, age))),
                    ("courier", &money(lang, COURIER_FEE)),
                ],
            )
        }
        Err(_) => lang.tf(
            "admin.application.fee_table",
            &[
                (
                    "electronic",
                    &money(lang, fee(PassportType::Electronic, ADULT)),
                ),
                ("child", &money(lang, fee(PassportType::Electronic, CHILD))),
                (
                    "temporary",
                    &money(lang, fee(PassportType::Temporary, ADULT)),
                ),
                ("courier", &money(lang, COURIER_FEE)),
            ],
        ),
    }
}

/// The message of a receipt that does not match, naming the fee due when the passport
/// type and the CNP are known.
pub fn mismatch(lang: Lang, passport: &str, cnp: &str, courier: bool, today: NaiveDate) -> String {
    let passport = crate::service::input::parse_service(passport);
    let (Some(passport), Ok(cnp)) = (passport, Cnp::parse(cnp, today)) else {
        return lang.t("field.application.fee_mismatch").to_owned();
    };
    let due = fee(passport, cnp.age_on(today));
    let key = if courier {
        "admin.application.fee_due_courier"
    } else {
        "admin.application.fee_due"
    };
    let total = due.checked_add(COURIER_FEE).unwrap_or(due);
    lang.tf(
        key,
        &[("due", &money(lang, due)), ("total", &money(lang, total))],
    )
}
