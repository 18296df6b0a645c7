use chrono::TimeZone;

use super::*;

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, h, m, 0)
        .single()
        .unwrap_or_default()
}

fn event<'a>(location: &'a str, description: &'a str) -> Event<'a> {
    Event {
        uid: "bk-1@epasapoarte.example",
        stamp: at(7, 0),
        start: at(7, 30),
        end: at(7, 45),
        summary: "Programare pașaport – Cluj-Napoca",
        location,
        description,
    }
}

#[test]
fn calendar_has_one_event_with_utc_times_and_crlf_lines() {
    let ics = calendar(&event("Cluj-Napoca", "Ref"));

    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    assert!(ics.contains("\r\nUID:bk-1@epasapoarte.example\r\n"));
    assert!(ics.contains("\r\nDTSTAMP:20261203T070000Z\r\n"));
    assert!(ics.contains("\r\nDTSTART:20261203T073000Z\r\n"));
    assert!(ics.contains("\r\nDTEND:20261203T074500Z\r\n"));
    assert!(ics.contains("\r\nMETHOD:PUBLISH\r\n"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
    assert!(
        !ics.replace("\r\n", "").contains('\n'),
        "bare LF in {ics:?}"
    );
}

#[test]
fn text_values_escape_commas_semicolons_backslashes_and_newlines() {
    assert_eq!(
        escape_text("Str. Avram Iancu, nr. 1; et. 2\\b\r\nCluj\nRO"),
        "Str. Avram Iancu\\, nr. 1\\; et. 2\\\\b\\nCluj\\nRO"
    );
}

#[test]
fn location_in_the_calendar_is_escaped() {
    let ics = calendar(&event("Biroul; Str. X, nr. 1", "Ref"));
    assert!(ics.contains("\r\nLOCATION:Biroul\\; Str. X\\, nr. 1\r\n"));
}

#[test]
fn long_lines_fold_at_75_octets_without_splitting_characters() {
    let long = format!("DESCRIPTION:{}", "ășț".repeat(40));

    let folded = fold(&long);

    for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(
            physical.len() <= 75,
            "{} octets: {physical}",
            physical.len()
        );
    }
    let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
    assert_eq!(unfolded, long);
}

#[test]
fn short_lines_are_not_folded() {
    assert_eq!(fold("SUMMARY:x"), "SUMMARY:x\r\n");
    let exact = "X".repeat(75);
    assert_eq!(fold(&exact), format!("{exact}\r\n"));
}

#[test]
fn control_characters_are_dropped_from_text() {
    assert_eq!(escape_text("a\u{7}b\tc"), "ab\tc");
}
