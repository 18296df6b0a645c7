//! An e-mail laid out as plain data, and the two compiled templates that print it (text
//! and HTML). The builders in `kinds.rs` fill a [`Body`] with already-translated strings;
//! the templates only arrange them, and the HTML one escapes every value, so a name or
//! an address typed by anyone can never become markup.

use askama::Template;

use crate::i18n::Lang;

/// A label and a value on one line ("Data: joi, 3 decembrie 2026").
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub label: String,
    pub value: String,
}

impl Row {
    pub fn new(label: &str, value: impl Into<String>) -> Row {
        Row {
            label: label.to_owned(),
            value: value.into(),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Link {
    pub label: String,
    pub url: String,
}

impl Link {
    pub fn new(label: &str, url: impl Into<String>) -> Link {
        Link {
            label: label.to_owned(),
            url: url.into(),
        }
    }
}

/// One person of an appointment: the name, then what applies to them.
#[derive(Debug, Clone)]
pub(crate) struct PersonView {
    pub name: String,
    pub rows: Vec<Row>,
    pub documents_label: String,
    pub documents: Vec<String>,
}

/// One appointment: its summary, optionally its persons in detail, and its links.
#[derive(Debug, Clone, Default)]
pub(crate) struct Block {
    pub heading: String,
    /// The heading's underline in the text part.
    pub rule: String,
    pub rows: Vec<Row>,
    pub persons_heading: String,
    pub persons: Vec<PersonView>,
    pub links: Vec<Link>,
}

/// A titled part of the message: paragraphs, a bullet list, more paragraphs, a link.
#[derive(Debug, Clone, Default)]
pub(crate) struct Section {
    pub heading: String,
    pub rule: String,
    pub paragraphs: Vec<String>,
    pub items: Vec<String>,
    pub after: Vec<String>,
    pub link: Option<Link>,
}

/// The whole message body, in the order it is read.
#[derive(Debug, Clone)]
pub(crate) struct Body {
    pub lang: &'static str,
    pub title: String,
    pub greeting: &'static str,
    pub intro: Vec<String>,
    pub action: Option<Link>,
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
    pub closing: Vec<String>,
    pub sign_off: &'static str,
    pub sender: &'static str,
    pub automatic: &'static str,
}

impl Body {
    /// An empty body with the greeting and signature of `lang`.
    pub fn new(lang: Lang, title: String) -> Body {
        Body {
            lang: lang.as_str(),
            title,
            greeting: lang.t("mail.greeting"),
            intro: Vec::new(),
            action: None,
            blocks: Vec::new(),
            sections: Vec::new(),
            closing: Vec::new(),
            sign_off: lang.t("mail.sign_off"),
            sender: lang.t("mail.sender"),
            automatic: lang.t("mail.automatic"),
        }
    }

    pub fn block(heading: String) -> Block {
        Block {
            rule: rule(&heading),
            heading,
            ..Block::default()
        }
    }

    pub fn section(heading: &str) -> Section {
        Section {
            heading: heading.to_owned(),
            rule: rule(heading),
            ..Section::default()
        }
    }

    /// The plain-text part, with runs of blank lines tidied to one.
    pub fn text(&self) -> String {
        // Rendering only fails if a `Display` of a field fails; ours are all strings.
        let raw = TextTemplate { body: self }.render().unwrap_or_default();
        tidy(&raw)
    }

    pub fn html(&self) -> String {
        HtmlTemplate { body: self }.render().unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "mail/body.txt")]
struct TextTemplate<'a> {
    body: &'a Body,
}

#[derive(Template)]
#[template(path = "mail/body.html")]
struct HtmlTemplate<'a> {
    body: &'a Body,
}

fn rule(heading: &str) -> String {
    "-".repeat(heading.chars().count())
}

/// Trailing spaces off every line, at most one blank line in a row, one final newline.
fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank_run = 0;
    for line in raw.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_keeps_one_blank_line_between_paragraphs() {
        assert_eq!(tidy("a  \n\n\n\nb\n\n"), "a\n\nb\n");
    }

    #[test]
    fn html_escapes_every_value_and_text_keeps_it_verbatim() {
        let mut body = Body::new(Lang::Ro, "<b>t</b>".into());
        body.intro.push("O'Neil & <Popescu>".into());
        let html = body.html();
        assert!(
            html.contains("O&#39;Neil &#38; &#60;Popescu&#62;"),
            "{html}"
        );
        assert!(!html.contains("<Popescu>"));
        assert!(body.text().contains("O'Neil & <Popescu>"));
    }
}
