//! The catalogues are complete: the same keys in both languages, and every key the code
//! names (the domain's `key()` of every value, the literal keys in the source) present in
//! both.

use std::collections::BTreeSet;
use std::path::Path;

use epasapoarte_domain::application::ApplicationStatus;
use epasapoarte_domain::booking::{BookingStatus, CancelReason};
use epasapoarte_domain::calendar::HolidayKind;
use epasapoarte_domain::passport::{Document, HolderCategory, PassportType, validity};

use super::romanian::assert_proper_romanian;
use super::*;

const BOTH: [Lang; 2] = [Lang::Ro, Lang::En];

/// The keys of `lang`'s catalogue that the other lacks.
fn only_in(lang: Lang, other: Lang) -> Vec<&'static str> {
    let theirs: BTreeSet<_> = keys(other).into_iter().collect();
    keys(lang)
        .into_iter()
        .filter(|key| !theirs.contains(key))
        .collect()
}

fn assert_in_both(key: &str) {
    for lang in BOTH {
        assert!(
            get(lang, key).is_some_and(|text| !text.trim().is_empty()),
            "{key} is missing in {}",
            lang.as_str()
        );
    }
}

#[test]
fn both_catalogues_have_the_same_keys() {
    assert_eq!(
        only_in(Lang::Ro, Lang::En),
        Vec::<&str>::new(),
        "missing in en"
    );
    assert_eq!(
        only_in(Lang::En, Lang::Ro),
        Vec::<&str>::new(),
        "missing in ro"
    );
    assert!(keys(Lang::Ro).len() > 500);
}

#[test]
fn every_domain_key_resolves_in_both_languages() {
    let keys = PassportType::ALL
        .map(PassportType::key)
        .into_iter()
        .chain(HolderCategory::ALL.map(HolderCategory::key))
        .chain(BookingStatus::ALL.map(BookingStatus::key))
        .chain(CancelReason::ALL.map(CancelReason::key))
        .chain(ApplicationStatus::ALL.map(ApplicationStatus::key))
        .chain(Document::ALL.map(Document::key))
        .chain(HolidayKind::ALL.map(HolidayKind::key));
    for key in keys {
        assert_in_both(key);
    }
    for passport in PassportType::ALL {
        for age in 0..=130 {
            let key = validity(passport, age).key();
            for form in ["one", "few", "many"] {
                assert_in_both(&format!("{key}_{form}"));
            }
        }
    }
}

#[test]
fn domain_values_read_in_the_official_romanian_wording() {
    assert_eq!(
        Lang::Ro.t(PassportType::Electronic.key()),
        "Pașaport simplu electronic"
    );
    assert_eq!(
        Lang::Ro.t(PassportType::Temporary.key()),
        "Pașaport simplu temporar"
    );
    assert_eq!(
        Lang::Ro.t(CancelReason::MissingDocuments.key()),
        "Lipsa actelor necesare"
    );
    assert_eq!(
        Lang::Ro.t(ApplicationStatus::InProduction.key()),
        "În producție"
    );
    assert_eq!(Lang::En.t(BookingStatus::NoShow.key()), "No-show");
    assert_eq!(
        Lang::Ro.t(Document::PreviousPassport.key()),
        "Pașaportul anterior, dacă acesta există."
    );
    assert_eq!(
        Lang::Ro.t(HolidayKind::NationalDay.key()),
        "Ziua Națională a României"
    );
    assert_eq!(Lang::Ro.t(HolidayKind::Easter.key()), "Paștele");
}

/// The Romanian names of the domain's values, as shown on pages and in e-mails.
fn domain_texts_ro() -> Vec<&'static str> {
    let keys = PassportType::ALL
        .map(PassportType::key)
        .into_iter()
        .chain(HolderCategory::ALL.map(HolderCategory::key))
        .chain(BookingStatus::ALL.map(BookingStatus::key))
        .chain(CancelReason::ALL.map(CancelReason::key))
        .chain(ApplicationStatus::ALL.map(ApplicationStatus::key))
        .chain(Document::ALL.map(Document::key))
        .chain(HolidayKind::ALL.map(HolidayKind::key));
    keys.map(|key| Lang::Ro.t(key)).collect()
}

#[test]
fn domain_texts_are_proper_romanian() {
    for text in domain_texts_ro() {
        assert_proper_romanian(text);
    }
}

#[test]
fn validity_reads_naturally_in_both_languages() {
    use epasapoarte_domain::passport::Validity;
    let read = |lang, v: Validity| format::count(lang, v.key(), u64::from(v.count()));
    assert_eq!(read(Lang::Ro, Validity::Years(10)), "10 ani");
    assert_eq!(read(Lang::Ro, Validity::Months(12)), "12 luni");
    assert_eq!(read(Lang::Ro, Validity::Years(1)), "1 an");
    assert_eq!(read(Lang::Ro, Validity::Months(1)), "1 lună");
    assert_eq!(read(Lang::Ro, Validity::Years(20)), "20 de ani");
    assert_eq!(read(Lang::Ro, Validity::Years(101)), "101 ani");
    assert_eq!(read(Lang::En, Validity::Years(10)), "10 years");
    assert_eq!(read(Lang::En, Validity::Years(1)), "1 year");
    assert_eq!(read(Lang::En, Validity::Months(12)), "12 months");
}

#[test]
fn every_document_reads_as_a_sentence_in_both_languages() {
    for d in Document::ALL {
        for lang in BOTH {
            let text = lang.t(d.key());
            assert!(text.ends_with('.'), "{d:?}");
            assert!(text.starts_with(char::is_uppercase), "{d:?}");
        }
    }
}

#[test]
fn document_texts_are_distinct() {
    for lang in BOTH {
        let texts: BTreeSet<_> = Document::ALL.iter().map(|d| lang.t(d.key())).collect();
        assert_eq!(texts.len(), Document::ALL.len());
    }
}

/// Every string literal in `src/` that looks like a catalogue key (`web.…`, `mail.…`,
/// `admin.…`, …) names a key, a counted key (`<key>_one` …) or a section that code
/// completes with `format!`. Keys built wholly at run time are covered by the tests of
/// their builders.
#[test]
fn every_literal_key_in_the_source_resolves_in_both_languages() {
    let sections: BTreeSet<&str> = keys(Lang::Ro)
        .into_iter()
        .filter_map(|key| key.split('.').next())
        .collect();
    let all = keys(Lang::Ro);
    let mut literals = BTreeSet::new();
    collect_literals(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut literals,
    );
    let mut checked = 0;
    for literal in literals {
        // "format." in `text.contains("format.")` names the section.
        let literal = literal.trim_end_matches('.').to_owned();
        let Some((section, _)) = literal.split_once('.') else {
            continue;
        };
        if !sections.contains(section) || !literal.bytes().all(is_key_byte) {
            continue;
        }
        checked += 1;
        let is_key = all.contains(&literal.as_str());
        let is_counted = all.contains(&format!("{literal}_one").as_str());
        let is_section = all
            .iter()
            .any(|key| key.starts_with(&format!("{literal}.")));
        assert!(
            is_key || is_counted || is_section,
            "the code names {literal:?}, which no catalogue holds"
        );
        if is_key {
            assert_in_both(&literal);
        }
    }
    assert!(checked > 300, "only {checked} literal keys found");
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.'
}

fn collect_literals(dir: &Path, out: &mut BTreeSet<String>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_literals(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let source = std::fs::read_to_string(&path).unwrap_or_default();
            // The text between pairs of double quotes; good enough for key-shaped literals.
            out.extend(source.split('"').skip(1).step_by(2).map(str::to_owned));
        }
    }
}

#[test]
fn romanian_texts_use_comma_below_letters() {
    for key in keys(Lang::Ro) {
        let text = Lang::Ro.t(key);
        assert!(
            !text.contains(['ş', 'ţ', 'Ş', 'Ţ']),
            "{key} uses a cedilla letter: {text}"
        );
    }
}

#[test]
fn languages_parse_from_tags() {
    assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
    assert_eq!(Lang::parse("RO"), Some(Lang::Ro));
    assert_eq!(Lang::parse("fr"), None);
}

#[test]
fn placeholders_are_filled_and_missing_keys_show_themselves() {
    assert_eq!(Lang::Ro.t("no.such.key"), "no.such.key");
    assert_eq!(get(Lang::Ro, "no.such.key"), None);
    assert_eq!(
        Lang::Ro.tf(
            "format.person_name",
            &[("last", "Popescu"), ("first", "Ana")]
        ),
        "Popescu Ana"
    );
}
