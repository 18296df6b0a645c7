//! Translations. One catalogue per language (`locales/ro.toml`, `locales/en.toml`),
//! embedded in the binary. Keys are the contract between validation, pages, e-mails and
//! the API: the API returns the stable code and the English text, pages and e-mails show
//! the key in the reader's language. Romanian first; a key missing in Romanian falls back
//! to English, and a key missing in both shows itself (so a gap is visible, never a crash).

pub mod format;
#[cfg(test)]
mod romanian;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ro,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ro => "ro",
            Lang::En => "en",
        }
    }

    /// Accepts "ro"/"en" (any case, with a region such as "en-GB"); anything else is None.
    pub fn parse(text: &str) -> Option<Lang> {
        let primary = text
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "ro" => Some(Lang::Ro),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Looks a key up in this language.
    pub fn t(self, key: &str) -> &'static str {
        lookup(self, key)
    }

    /// Looks a key up and replaces `{name}` placeholders.
    pub fn tf(self, key: &str, args: &[(&str, &str)]) -> String {
        let mut text = lookup(self, key).to_owned();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

type Catalogue = HashMap<String, &'static str>;

static CATALOGUES: LazyLock<(Catalogue, Catalogue)> = LazyLock::new(|| {
    (
        load(include_str!("../locales/ro.toml")),
        load(include_str!("../locales/en.toml")),
    )
});

fn catalogue(lang: Lang) -> &'static Catalogue {
    let (ro, en) = &*CATALOGUES;
    match lang {
        Lang::Ro => ro,
        Lang::En => en,
    }
}

/// The text of a key in exactly this language, without any fallback: `None` is a gap.
pub fn get(lang: Lang, key: &str) -> Option<&'static str> {
    catalogue(lang).get(key).copied()
}

fn lookup(lang: Lang, key: &str) -> &'static str {
    if let Some(text) = get(lang, key).or_else(|| get(Lang::En, key)) {
        return text;
    }
    // Leaked once per missing key at most; keys are a fixed set in our code.
    Box::leak(key.to_owned().into_boxed_str())
}

/// Flattens `[section] key = "text"` into `section.key`.
fn load(source: &'static str) -> Catalogue {
    let table: toml::Table = toml::from_str(source)
        .unwrap_or_else(|error| panic!("locale catalogue is not valid TOML: {error}"));
    let mut out = HashMap::new();
    flatten("", &table, &mut out);
    out
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut Catalogue) {
    for (key, value) in table {
        let full = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::String(text) => {
                out.insert(full, Box::leak(text.clone().into_boxed_str()));
            }
            toml::Value::Table(inner) => flatten(&full, inner, out),
            _ => {}
        }
    }
}

/// Every key of a language's catalogue (for completeness tests).
pub fn keys(lang: Lang) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = catalogue(lang).keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}
