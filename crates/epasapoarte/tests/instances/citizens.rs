//! Made-up citizens for the process tests: valid, distinct CNPs and names, phones and
//! e-mail addresses distinctive enough that finding one in a log line can only be a leak.

use serde_json::{Value, json};

/// Family names no log message would contain by chance.
pub const APPLICANT_LAST_NAME: &str = "Tudorache";
pub const COMPANION_LAST_NAME: &str = "Știrbei";
/// Given names start with these; a suffix makes each person's name unique.
pub const APPLICANT_FIRST_NAME: &str = "Mirela";
pub const COMPANION_FIRST_NAME: &str = "Sorinel";
/// Every test address is at this domain.
pub const MAIL_DOMAIN: &str = "exemplu-cetateni.ro";

/// One citizen's booking: the applicant and, for two persons, a companion.
#[derive(Debug, Clone)]
pub struct Family {
    pub persons: u16,
    pub email: String,
    pub phone: String,
    /// (last name, first name, CNP) per person.
    pub people: Vec<(String, String, String)>,
}

impl Family {
    /// The `number`-th family (1 or 2 persons); distinct numbers never share a CNP.
    pub fn new(number: u32, persons: u16) -> Family {
        let mut people = vec![(
            APPLICANT_LAST_NAME.to_owned(),
            format!("{APPLICANT_FIRST_NAME}{}", letters(number)),
            cnp(2 * number),
        )];
        if persons == 2 {
            people.push((
                COMPANION_LAST_NAME.to_owned(),
                format!("{COMPANION_FIRST_NAME}{}", letters(number)),
                cnp(2 * number + 1),
            ));
        }
        Family {
            persons,
            email: format!("cetatean.{number}@{MAIL_DOMAIN}"),
            phone: format!("0745 {:06}", 310_000 + number),
            people,
        }
    }

    /// The §6.2 booking body for this family at one slot.
    pub fn booking(&self, office_id: i64, date: &str, time: &str) -> Value {
        let (last, first, cnp) = &self.people[0];
        let companions: Vec<Value> = self.people[1..]
            .iter()
            .map(|(last, first, cnp)| json!({"last_name": last, "first_name": first, "cnp": cnp}))
            .collect();
        json!({
            "office_id": office_id,
            "service": "passport_electronic",
            "date": date,
            "time": time,
            "applicant": {"last_name": last, "first_name": first, "cnp": cnp,
                          "email": self.email, "phone": self.phone},
            "companions": companions,
            "consent": true
        })
    }

    /// Everything personal about this family, to look for in logs and files.
    pub fn personal_data(&self) -> Vec<String> {
        let mut data = vec![self.email.clone(), self.phone.clone()];
        for (last, first, cnp) in &self.people {
            data.extend([last.clone(), first.clone(), cnp.clone()]);
        }
        data
    }
}

/// Lower-case letters for `n` (0 → "a", 25 → "z", 26 → "ba"): names allow no digits.
fn letters(mut n: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'a' + u8::try_from(n % 26).unwrap_or(0)));
        n /= 26;
        if n == 0 {
            return out.into_iter().rev().collect();
        }
    }
}

/// The n-th valid CNP: a man or woman born in 1970 + n days, registered in Alba (01).
pub fn cnp(n: u32) -> String {
    let birth = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date")
        + chrono::Duration::days(i64::from(n % 10_000));
    let serial = 100 + n / 10_000 % 800;
    let body = format!("{}{}01{serial:03}", 1 + n % 2, birth.format("%y%m%d"));
    let digits: Vec<u8> = body.bytes().map(|b| b - b'0').collect();
    let first12: [u8; 12] = digits.try_into().expect("12 digits");
    format!("{body}{}", epasapoarte_domain::cnp::check_digit(&first12))
}

/// The token at the end of `…/programare/{kind}/{token}` in a text, if any.
pub fn token_after(text: &str, kind: &str) -> Option<String> {
    let marker = format!("/programare/{kind}/");
    let start = text.find(&marker)? + marker.len();
    let token: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!token.is_empty()).then_some(token)
}

#[test]
fn generated_cnps_are_valid_and_distinct() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("a date");
    let cnps: std::collections::HashSet<String> = (0..1000).map(cnp).collect();
    assert_eq!(cnps.len(), 1000);
    for cnp in &cnps {
        assert!(
            epasapoarte_domain::cnp::Cnp::parse(cnp, today).is_ok(),
            "{cnp}"
        );
    }
}
