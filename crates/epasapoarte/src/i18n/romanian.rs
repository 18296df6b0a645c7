//! Test helper: checks that a Romanian text of the catalogue uses proper diacritics.
//!
//! Many official pages print ş and ţ with a cedilla (a legacy of old code pages) or
//! drop diacritics altogether ("pasaport", "parintilor"); ours must not.

/// The cedilla look-alikes of ș Ș ț Ț, and the ã that some pages print for ă.
const WRONG_CHARS: [char; 5] = ['ş', 'Ş', 'ţ', 'Ţ', 'ã'];

/// Words that only occur when diacritics were dropped.
const STRIPPED_WORDS: [&str; 16] = [
    "si",
    "in",
    "sa",
    "dupa",
    "pasaport",
    "pasaportul",
    "pasaportului",
    "pasapoartele",
    "parinte",
    "parintele",
    "parintilor",
    "parinti",
    "nastere",
    "casatorie",
    "ghiseu",
    "strainatate",
];

/// Panics with the offending text unless it is non-empty, trimmed Romanian with ș/ț
/// comma-below and no diacritic-stripped words.
pub(crate) fn assert_proper_romanian(text: &str) {
    assert!(!text.trim().is_empty(), "empty Romanian text");
    assert_eq!(text, text.trim(), "untrimmed Romanian text: {text:?}");
    for c in WRONG_CHARS {
        assert!(
            !text.contains(c),
            "{c:?} (not comma-below / wrong breve) in {text:?}"
        );
    }
    for word in text.split(|c: char| !c.is_alphabetic()) {
        let lower = word.to_lowercase();
        assert!(
            !STRIPPED_WORDS.contains(&lower.as_str()),
            "word {word:?} lacks its diacritics in {text:?}"
        );
    }
}

#[test]
fn the_checker_rejects_cedilla_forms_and_stripped_words() {
    for bad in [
        "Paşaport",
        "Ţară",
        "pasaportul anterior",
        "si altele",
        "  x",
    ] {
        assert!(
            std::panic::catch_unwind(|| assert_proper_romanian(bad)).is_err(),
            "{bad}"
        );
    }
    assert_proper_romanian("Pașaportul anterior și țara de domiciliu, în original.");
}
