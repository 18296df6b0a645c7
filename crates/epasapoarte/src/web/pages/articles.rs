//! The pages of plain text linked from the footer: the data-protection policy
//! (`/politica-de-confidentialitate`, linked from the booking's consent), the
//! accessibility statement (`/accesibilitate`), `/contact`, and what to do about a lost,
//! stolen or destroyed passport (`/informatii/pasaport-pierdut`, SPEC J8). Every word is in the
//! catalogues (`web.privacy.*`, `web.accessibility.*`, `web.contact.*`); this file only
//! says which sections each page has and what each section holds.

use askama::Template;
use axum::response::Response;

use crate::i18n::Lang;
use crate::web::page::{Chrome, Page};

/// What one section holds, as key suffixes under `{page}.{section}.`: a heading,
/// paragraphs, then a list, then an optional link (`link_href` is a path, not text).
struct Plan {
    section: &'static str,
    paragraphs: &'static [&'static str],
    items: &'static [&'static str],
    link: Option<&'static str>,
}

const fn plan(
    section: &'static str,
    paragraphs: &'static [&'static str],
    items: &'static [&'static str],
    link: Option<&'static str>,
) -> Plan {
    Plan {
        section,
        paragraphs,
        items,
        link,
    }
}

const PRIVACY: &[Plan] = &[
    plan("controller", &["p1"], &[], None),
    plan("data", &["p1"], &["i1", "i2", "i3", "i4", "i5"], None),
    plan("purposes", &[], &["i1", "i2", "i3", "i4"], None),
    plan("basis", &["p1", "p2"], &[], None),
    plan("retention", &["p1", "p2"], &[], None),
    plan("recipients", &["p1", "p2", "p3"], &[], None),
    plan(
        "rights",
        &["p1"],
        &["i1", "i2", "i3", "i4", "i5", "i6"],
        None,
    ),
    plan("contact", &["p1"], &[], Some("/contact")),
];

const ACCESSIBILITY: &[Plan] = &[
    plan("standard", &["p1"], &["i1", "i2", "i3", "i4", "i5"], None),
    plan("testing", &["p1", "p2"], &[], None),
    plan("issues", &["p1"], &[], None),
    plan("feedback", &["p1", "p2"], &[], None),
    plan("enforcement", &["p1"], &[], None),
];

const CONTACT: &[Plan] = &[
    plan("dgp", &[], &["i1", "i2", "i3", "i4"], None),
    plan("offices", &["p1"], &[], Some("/birouri")),
    plan("appointment", &["p1"], &[], Some("/verifica-programare")),
    plan(
        "privacy",
        &["p1"],
        &[],
        Some("/politica-de-confidentialitate"),
    ),
];

/// SPEC J8, from the MAI text in `shared/seeds/003` (its wording, correct diacritics).
const LOST: &[Plan] = &[
    plan("lost", &["p1", "p2"], &[], None),
    plan("stolen", &["p1", "p2"], &[], None),
    plan("destroyed", &["p1", "p2"], &[], None),
    plan("new", &["p1"], &[], Some("/programare")),
    plan("found", &["p1", "p2", "p3"], &[], None),
    plan("status", &["p1"], &[], Some("/status-pasaport")),
];

struct Section {
    heading: &'static str,
    paragraphs: Vec<&'static str>,
    items: Vec<&'static str>,
    link: Option<(&'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "web/pages/article.html")]
struct ArticlePage {
    chrome: Chrome,
    title: &'static str,
    lead: &'static str,
    sections: Vec<Section>,
    updated: &'static str,
}

pub async fn privacy(page: Page) -> Response {
    article(page, "web.privacy", PRIVACY)
}

pub async fn accessibility(page: Page) -> Response {
    article(page, "web.accessibility", ACCESSIBILITY)
}

pub async fn contact(page: Page) -> Response {
    article(page, "web.contact", CONTACT)
}

pub async fn lost(page: Page) -> Response {
    article(page, "web.lost", LOST)
}

fn article(page: Page, prefix: &str, plans: &[Plan]) -> Response {
    let chrome = page.chrome.clone();
    let lang = chrome.lang;
    let t = |key: String| lang.t(&key);
    let sections = plans
        .iter()
        .map(|plan| section(lang, prefix, plan))
        .collect();
    page.render(ArticlePage {
        title: t(format!("{prefix}.title")),
        lead: t(format!("{prefix}.lead")),
        updated: t(format!("{prefix}.updated")),
        sections,
        chrome,
    })
}

fn section(lang: Lang, prefix: &str, plan: &Plan) -> Section {
    let key = |suffix: &str| lang.t(&format!("{prefix}.{}.{suffix}", plan.section));
    Section {
        heading: key("heading"),
        paragraphs: plan.paragraphs.iter().map(|p| key(p)).collect(),
        items: plan.items.iter().map(|i| key(i)).collect(),
        link: plan.link.map(|href| (href, key("link"))),
    }
}
