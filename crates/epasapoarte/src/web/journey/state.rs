//! The journey's answers so far, kept in a sealed cookie (never in a URL: the CNP is
//! personal data). The cookie is encrypted and authenticated with the service key, so the
//! browser can neither read nor alter it; anything that does not open and parse is treated
//! as no journey at all, and the citizen starts over at step 1.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{NaiveDate, NaiveTime};
use epasapoarte_domain::passport::PassportType;
use serde::{Deserialize, Serialize};

use crate::crypto::Crypto;
use crate::ids::OfficeId;
use crate::service::input::parse_service;
use crate::state::AppState;
use crate::web::page::Page;
use axum_extra::extract::cookie::{Cookie, CookieJar};

pub const COOKIE: &str = "epas_journey";
/// Only the journey's own pages receive it.
pub const COOKIE_PATH: &str = "/programare";
/// An hour to finish; the answers are worth nothing after that (the slots move on).
pub const MAX_AGE_SECS: i64 = 3600;
/// A cookie longer than this is not ours (browsers cap a cookie at 4 KiB).
const MAX_COOKIE_CHARS: usize = 8192;

/// The main applicant's answers, as typed (trimmed; the CNP in its canonical 13 digits).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    pub last_name: String,
    pub first_name: String,
    pub cnp: String,
    pub email: String,
    pub phone: String,
}

/// One extra person ("Persoana 2" …).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Companion {
    pub last_name: String,
    pub first_name: String,
    pub cnp: String,
}

/// A message for the next page, shown once (a POST cannot render the step it sends to).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Notice {
    /// The time was taken by someone else between choosing and saving.
    SlotTaken,
}

/// Everything answered so far. Every field is optional: the flow decides what is missing.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Journey {
    pub county: Option<String>,
    pub office_id: Option<OfficeId>,
    pub service: Option<String>,
    pub persons: Option<u8>,
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub applicant: Option<Applicant>,
    pub companions: Vec<Companion>,
    /// The citizen has seen the check page: later changes lead back to it.
    pub checked: bool,
    pub notice: Option<Notice>,
}

// The answers are personal data: they never reach a log line through Debug.
impl std::fmt::Debug for Journey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Journey(<personal data>)")
    }
}

impl Journey {
    pub fn service(&self) -> Option<PassportType> {
        self.service.as_deref().and_then(parse_service)
    }

    pub fn persons(&self) -> usize {
        usize::from(self.persons.unwrap_or(1))
    }

    /// The sealed cookie value: base64url of the encrypted JSON.
    pub fn seal(&self, crypto: &Crypto) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        URL_SAFE_NO_PAD.encode(crypto.seal(&json))
    }

    /// Opens a cookie value; `None` when it was not sealed by us or does not parse.
    pub fn open(crypto: &Crypto, value: &str) -> Option<Journey> {
        if value.len() > MAX_COOKIE_CHARS {
            return None;
        }
        let sealed = URL_SAFE_NO_PAD.decode(value).ok()?;
        let json = crypto.open(&sealed).ok()?;
        serde_json::from_slice(&json).ok()
    }

    /// Writes the journey into the response's cookies.
    pub fn store(&self, page: &mut Page) {
        let value = self.seal(&page.state.service.crypto);
        if value.len() > 4000 {
            // Browsers drop such a cookie: the citizen would silently start over.
            tracing::warn!(chars = value.len(), "journey cookie near the browser limit");
        }
        page.set_cookie(COOKIE, &value, MAX_AGE_SECS, COOKIE_PATH);
    }

    /// Removes the journey (after the booking is saved: nothing personal stays behind).
    pub fn clear(page: &mut Page) {
        page.set_cookie(COOKIE, "", 0, COOKIE_PATH);
    }
}

/// Reads the journey from the request's cookie; a missing or unreadable cookie is an
/// empty journey.
impl<S> FromRequestParts<S> for Journey
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let jar = CookieJar::from_headers(&parts.headers);
        let Some(value) = jar.get(COOKIE).map(Cookie::value).filter(|v| !v.is_empty()) else {
            return Ok(Journey::default());
        };
        Ok(
            Journey::open(&state.service.crypto, value).unwrap_or_else(|| {
                tracing::info!("journey cookie unreadable: starting over");
                Journey::default()
            }),
        )
    }
}
