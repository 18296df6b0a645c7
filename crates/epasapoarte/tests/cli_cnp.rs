//! `epasapoarte cnp` run as the real binary: argument and stdin modes, the exact
//! tab-separated verdict format, and exit status 0 for invalid CNPs.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::thread;

/// Runs `epasapoarte cnp` with `args` and `stdin` and returns what it did.
fn cnp(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_epasapoarte"))
        .arg("cnp")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.to_vec();
    // Written from a thread so a big input cannot deadlock against a full stdout pipe.
    let writer = thread::spawn(move || pipe.write_all(&input));
    let output = child.wait_with_output().expect("the binary runs");
    writer
        .join()
        .expect("writer thread")
        .expect("stdin written");
    output
}

fn stdout_lines(output: &Output) -> Vec<String> {
    String::from_utf8(output.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn arguments_get_one_verdict_line_each_in_order() {
    let output = cnp(
        &["1800101221144", " 2 700116-065277 ", "1800101221145"],
        b"",
    );

    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout_lines(&output),
        [
            "1800101221144\tvalid\t1980-01-01\tM\t22",
            "2700116065277\tvalid\t1970-01-16\tF\t06",
            "1800101221145\tinvalid\twrong check digit: expected 4, found 5",
        ]
    );
    assert!(output.stderr.is_empty());
}

#[test]
fn arguments_that_look_like_options_are_still_checked() {
    let output = cnp(&["-1800101221144"], b"");

    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout_lines(&output),
        // A leading hyphen is a separator like any other: the canonical CNP is printed.
        ["1800101221144\tvalid\t1980-01-01\tM\t22"]
    );
}

#[test]
fn stdin_lines_get_one_verdict_each_including_empty_and_non_utf8_lines() {
    let input = b"1800101221144\r\n\n4910527475018\n\xff\xfe1800\n0800101221142\n7041218318525";

    let output = cnp(&[], input);

    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout_lines(&output),
        [
            "1800101221144\tvalid\t1980-01-01\tM\t22",
            "\tinvalid\tempty input",
            "4910527475018\tvalid\t1891-05-27\tF\t47",
            "\u{fffd}\u{fffd}1800\tinvalid\tinvalid character U+FFFD at position 1",
            "0800101221142\tinvalid\tinvalid first digit: must be 1 to 8",
            "7041218318525\tvalid\t2004-12-18\tM\t31",
        ]
    );
}

#[test]
fn each_verdict_names_the_rule_that_failed() {
    let input = "1801301221144\n5991231221144\n1800101481144\n1800101220000\n18001012211\n";

    let output = cnp(&[], input.as_bytes());

    assert_eq!(
        stdout_lines(&output),
        [
            "1801301221144\tinvalid\tbirth date is not a real calendar date",
            "5991231221144\tinvalid\tbirth date is in the future",
            "1800101481144\tinvalid\tinvalid county code 48",
            "1800101220000\tinvalid\tserial number 000 is not allowed",
            "18001012211\tinvalid\twrong length: 11 digits instead of 13",
        ]
    );
}

#[test]
fn control_characters_in_an_input_are_escaped_so_lines_stay_whole() {
    let output = cnp(&["1800\t101\r221144", "12\u{85}3"], b"");

    assert_eq!(
        stdout_lines(&output),
        [
            "1800\\t101\\r221144\tinvalid\tinvalid character U+0009 at position 5",
            "12\\u{85}3\tinvalid\tinvalid character U+0085 at position 3",
        ]
    );
}

#[test]
fn invalid_characters_are_named_but_never_their_neighbours() {
    let output = cnp(&["1800101\u{a0}221144", "18001O1221144"], b"");

    assert_eq!(
        stdout_lines(&output),
        [
            "1800101\u{a0}221144\tinvalid\tinvalid character U+00A0 at position 8",
            "18001O1221144\tinvalid\tinvalid character 'O' (U+004F) at position 6",
        ]
    );
}

#[test]
fn an_empty_stdin_prints_nothing_and_succeeds() {
    let output = cnp(&[], b"");

    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
}

#[test]
fn a_million_lines_stream_through_with_one_verdict_each() {
    let lines = 1_000_000;
    let input = "1800101221144\n1800101221145\n".repeat(lines / 2);

    let output = cnp(&[], input.as_bytes());

    assert_eq!(output.status.code(), Some(0));
    let verdicts = stdout_lines(&output);
    assert_eq!(verdicts.len(), lines);
    assert_eq!(
        verdicts[lines - 2],
        "1800101221144\tvalid\t1980-01-01\tM\t22"
    );
    assert!(verdicts[lines - 1].starts_with("1800101221145\tinvalid\t"));
}
