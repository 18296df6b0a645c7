//! An appointment laid out for the confirm and cancel pages: the summary rows (what, where,
//! when — in the office's own time, saying so — and who), and per person what to bring and
//! what it costs. Names only: a page never shows a CNP.

use epasapoarte_domain::passport::Bani;

use crate::i18n::Lang;
use crate::i18n::format;
use crate::service::view::{BookingView, ViewPerson};

/// One line of a GOV.UK summary list.
#[derive(Debug, Clone)]
pub struct Row {
    pub key: String,
    pub value: String,
}

impl Row {
    pub fn new(key: &str, value: impl Into<String>) -> Row {
        Row {
            key: key.to_owned(),
            value: value.into(),
        }
    }
}

/// One person: the name, their category, fee and validity, and the documents to bring.
#[derive(Debug, Clone)]
pub struct PersonBlock {
    pub name: String,
    pub rows: Vec<Row>,
    pub documents: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct AppointmentView {
    pub reference: String,
    pub rows: Vec<Row>,
    pub persons: Vec<PersonBlock>,
    /// The sum of the fees, when more than one person pays.
    pub total: Option<String>,
}

impl AppointmentView {
    pub fn new(lang: Lang, view: &BookingView) -> AppointmentView {
        let tz = view.office.timezone;
        let names: Vec<String> = view
            .persons
            .iter()
            .map(|p| format::person_name(lang, &p.last_name, &p.first_name))
            .collect();
        let rows = vec![
            Row::new(lang.t("mail.field.reference"), view.id.reference()),
            Row::new(lang.t("mail.field.service"), lang.t(view.service.key())),
            Row::new(lang.t("mail.field.office"), &view.office.name),
            Row::new(lang.t("mail.field.address"), &view.office.address),
            Row::new(lang.t("mail.field.date"), format::date(lang, view.date)),
            Row::new(
                lang.t("mail.field.time"),
                format::time_in_zone(lang, view.time, tz),
            ),
            Row::new(lang.t("mail.field.persons"), names.join(", ")),
        ];
        let total = view
            .persons
            .iter()
            .try_fold(Bani(0), |sum, p| sum.checked_add(p.needs.fee));
        let total = match total {
            Some(total) if view.persons.len() > 1 => Some(format::money(lang, total)),
            _ => None,
        };
        AppointmentView {
            reference: view.id.reference(),
            rows,
            persons: view.persons.iter().map(|p| person(lang, p)).collect(),
            total,
        }
    }
}

fn person(lang: Lang, person: &ViewPerson) -> PersonBlock {
    let needs = &person.needs;
    let category = lang.t(needs.category.key());
    let validity = format::count(
        lang,
        needs.validity.key(),
        u64::from(needs.validity.count()),
    );
    PersonBlock {
        name: format::person_name(lang, &person.last_name, &person.first_name),
        rows: vec![
            Row::new(lang.t("mail.field.category"), category),
            Row::new(lang.t("mail.field.fee"), format::money(lang, needs.fee)),
            Row::new(lang.t("web.appointment.validity"), validity),
        ],
        documents: needs
            .documents
            .iter()
            .map(|document| lang.t(document.key()).to_owned())
            .collect(),
    }
}
