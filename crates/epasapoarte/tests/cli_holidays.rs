//! `epasapoarte holidays YEAR`, run as the real binary.

use std::process::{Command, Output};

fn holidays(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_epasapoarte"))
        .arg("holidays")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> &str {
    std::str::from_utf8(&output.stdout).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn holidays_2026_print_the_official_list_with_1_june_on_one_line() {
    let output = holidays(&["2026"]);
    let expected = "\
2026-01-01\tAnul Nou
2026-01-02\tA doua zi de Anul Nou
2026-01-06\tBobotează
2026-01-07\tSfântul Ioan Botezătorul
2026-01-24\tZiua Unirii Principatelor Române
2026-04-10\tVinerea Mare
2026-04-12\tPaștele
2026-04-13\tA doua zi de Paște
2026-05-01\tZiua Muncii
2026-05-31\tRusaliile
2026-06-01\tZiua Copilului / A doua zi de Rusalii
2026-08-15\tAdormirea Maicii Domnului
2026-11-30\tSfântul Apostol Andrei
2026-12-01\tZiua Națională a României
2026-12-25\tCrăciunul
2026-12-26\tA doua zi de Crăciun
";
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    assert_eq!(stdout(&output), expected);
    assert!(output.stderr.is_empty());
}

#[test]
fn holidays_2100_put_easter_on_2_may_after_the_calendars_drift_apart() {
    let output = holidays(&["2100"]);
    let text = stdout(&output);
    assert!(output.status.success());
    assert!(text.contains("2100-04-30\tVinerea Mare\n"));
    assert!(text.contains("2100-05-02\tPaștele\n"));
    assert!(text.contains("2100-05-03\tA doua zi de Paște\n"));
    assert!(text.contains("2100-06-20\tRusaliile\n"));
    assert_eq!(text.lines().count(), 17);
}

#[test]
fn holidays_2043_merge_good_friday_and_labour_day() {
    let output = holidays(&["2043"]);
    assert!(stdout(&output).contains("2043-05-01\tVinerea Mare / Ziua Muncii\n"));
}

#[test]
fn years_outside_2024_to_2100_are_usage_errors_naming_the_range() {
    for year in ["2023", "2101", "0", "99999999999"] {
        let output = holidays(&[year]);
        assert!(!output.status.success(), "{year}");
        assert!(output.stdout.is_empty(), "{year}");
        assert!(
            stderr(&output).contains("2024..=2100"),
            "{year}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn a_year_that_is_not_a_number_is_a_usage_error() {
    let output = holidays(&["abc"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("invalid value 'abc'"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_missing_year_is_a_usage_error() {
    let output = holidays(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("<YEAR>"), "{}", stderr(&output));
}
