//! The counter's field parsers: receipts, amounts, missions, reasons, addresses.

use super::*;

#[test]
fn receipt_numbers_keep_what_receipts_print_and_refuse_the_rest() {
    assert_eq!(
        receipt_number("  CEC 0012/345-A "),
        Ok("CEC 0012/345-A".to_owned())
    );
    assert_eq!(receipt_number(""), Err("required"));
    assert_eq!(receipt_number(&"1".repeat(41)), Err("too_long"));
    assert_eq!(
        receipt_number("12<script>"),
        Err("application.receipt_number_invalid")
    );
}

#[test]
fn amounts_are_read_as_lei_with_a_comma_or_a_dot() {
    assert_eq!(receipt_amount("258"), Ok(Bani(25_800)));
    assert_eq!(receipt_amount("269,30"), Ok(Bani(26_930)));
    assert_eq!(receipt_amount(" "), Err("required"));
    assert_eq!(receipt_amount("25 8"), Err("application.amount_invalid"));
    assert_eq!(receipt_amount("258,001"), Err("application.amount_invalid"));
}

#[test]
fn missions_are_named_in_letters() {
    assert_eq!(
        mission("Consulatul General al României la Milano"),
        Ok("Consulatul General al României la Milano".to_owned())
    );
    assert_eq!(mission("<b>"), Err("application.mission_invalid"));
}

#[test]
fn reasons_refuse_control_characters_and_length() {
    assert_eq!(reason(" Date greșite ", 500), Ok("Date greșite".to_owned()));
    assert_eq!(reason("a\u{0}b", 500), Err("application.reason_invalid"));
    assert_eq!(reason(&"x".repeat(501), 500), Err("too_long"));
}

#[test]
fn a_courier_address_needs_every_part_and_a_romanian_county_and_postal_code() {
    let mut errors = FieldErrors::default();
    let good = CourierAddress {
        street: " Str.  Memorandumului nr. 21 ".into(),
        locality: "Cluj-Napoca".into(),
        county: "cj".into(),
        postal_code: "400114".into(),
    }
    .parse("courier_address", &mut errors);
    assert!(errors.is_empty());
    assert_eq!(
        good.map(|a| (a.street, a.county)),
        Some(("Str. Memorandumului nr. 21".into(), "CJ".into()))
    );

    let bad = CourierAddress {
        street: String::new(),
        locality: "Cluj-Napoca".into(),
        county: "XX".into(),
        postal_code: "4001".into(),
    }
    .parse("courier_address", &mut errors);
    assert!(bad.is_none());
    let fields: Vec<_> = errors.0.iter().map(|(f, e)| (f.as_str(), e.code)).collect();
    assert_eq!(
        fields,
        [
            ("courier_address.county", "unknown_county"),
            (
                "courier_address.postal_code",
                "application.postal_code_invalid"
            ),
            ("courier_address.street", "required"),
        ]
    );
}
