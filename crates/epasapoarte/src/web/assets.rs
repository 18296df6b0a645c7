//! Static assets, embedded in the binary (no CDN, no external fonts): the stylesheet, the
//! small script that only improves pages that work without it, and the vendored ALTCHA
//! widget (`static/altcha/README.md`) that solves the proof of work on the forms.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

const APP_CSS: &str = include_str!("../../static/app.css");
const APP_JS: &str = include_str!("../../static/app.js");
const ALTCHA_JS: &str = include_str!("../../static/altcha/altcha.js");
const ALTCHA_CSS: &str = include_str!("../../static/altcha/altcha.css");
const ALTCHA_WORKER: &str = include_str!("../../static/altcha/worker.js");

const CSS: &str = "text/css; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";

pub async fn css() -> Response {
    asset(CSS, APP_CSS)
}

pub async fn js() -> Response {
    asset(JS, APP_JS)
}

pub async fn altcha_js() -> Response {
    asset(JS, ALTCHA_JS)
}

pub async fn altcha_css() -> Response {
    asset(CSS, ALTCHA_CSS)
}

pub async fn altcha_worker() -> Response {
    asset(JS, ALTCHA_WORKER)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}
