//! The pieces the step templates share: a radio group (legend, hint, choices, its error)
//! and a text field (its posted value and error). Built in Rust so the templates stay
//! plain loops, and so every id the error summary links to is decided in one place.

use crate::i18n::Lang;
use crate::service::FieldErrors;
use crate::web::{FieldMessage, message_for};

/// One radio button. The first of a group has the group's name as its id, so the error
/// summary's `#name` link lands on it (the GOV.UK convention).
#[derive(Debug, Clone)]
pub struct Choice {
    pub id: String,
    pub value: String,
    pub label: String,
    pub hints: Vec<String>,
    pub checked: bool,
}

/// A fieldset of radios answering one question.
#[derive(Debug, Clone)]
pub struct Radios {
    pub name: &'static str,
    pub legend: String,
    pub hint: Option<String>,
    pub error: Option<String>,
    pub choices: Vec<Choice>,
}

impl Radios {
    pub fn new(name: &'static str, legend: &str, errors: &[FieldMessage]) -> Radios {
        Radios {
            name,
            legend: legend.to_owned(),
            hint: None,
            error: message_for(errors, name).map(str::to_owned),
            choices: Vec::new(),
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Radios {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a choice; `selected` is the current answer (posted or saved).
    pub fn push(
        &mut self,
        value: &str,
        label: impl Into<String>,
        hints: Vec<String>,
        selected: &str,
    ) {
        let id = if self.choices.is_empty() {
            self.name.to_owned()
        } else {
            format!("{}-{}", self.name, value.replace(':', ""))
        };
        self.choices.push(Choice {
            id,
            value: value.to_owned(),
            label: label.into(),
            hints,
            checked: !selected.is_empty() && selected == value,
        });
    }

    /// The ids the hint and error paragraphs carry, for `aria-describedby`.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.name));
        }
        ids.join(" ")
    }
}

/// A text input with its current value and error, and how browsers should treat it.
#[derive(Debug, Clone)]
pub struct TextField {
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
    pub value: String,
    pub error: Option<String>,
    /// The input's `type` (`text`, `email`, `tel`).
    pub kind: &'static str,
    /// A width class (`input--w20`), or "" for the full column.
    pub width: &'static str,
    /// `autocomplete` ("" leaves the attribute out).
    pub autocomplete: &'static str,
    pub inputmode: &'static str,
}

impl TextField {
    pub fn new(id: &str, label: &str, value: &str, errors: &[FieldMessage]) -> TextField {
        TextField {
            id: id.to_owned(),
            label: label.to_owned(),
            hint: None,
            value: value.to_owned(),
            error: message_for(errors, id).map(str::to_owned),
            kind: "text",
            width: "",
            autocomplete: "",
            inputmode: "",
        }
    }

    pub fn hint(mut self, hint: &str) -> TextField {
        self.hint = Some(hint.to_owned());
        self
    }

    /// Sets `type`, the width class, `autocomplete` and `inputmode` at once.
    pub fn input(
        mut self,
        kind: &'static str,
        width: &'static str,
        autocomplete: &'static str,
        inputmode: &'static str,
    ) -> TextField {
        self.kind = kind;
        self.width = width;
        self.autocomplete = autocomplete;
        self.inputmode = inputmode;
        self
    }

    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        ids.join(" ")
    }
}

/// An error for the summary and the field, in the page's language.
pub fn field_error(id: &str, message: &str) -> FieldMessage {
    FieldMessage {
        id: id.to_owned(),
        message: message.to_owned(),
    }
}

/// 200 for a clean page, 422 for a form shown again with its errors.
pub fn status_for(errors: &[FieldMessage]) -> axum::http::StatusCode {
    if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// The page text of a service error code (`field.<code>`, the keys the API uses too).
pub fn field_message(lang: Lang, code: &str) -> String {
    lang.t(&format!("field.{code}")).to_owned()
}

/// The first error of a set, as page text.
pub fn first_message(lang: Lang, errors: &FieldErrors) -> String {
    errors.0.values().next().map_or_else(
        || field_message(lang, "required"),
        |e| field_message(lang, e.code),
    )
}
