//! The OpenAPI document at `/api/v1/openapi.json`, generated from the handlers'
//! annotations and the request/response types — never written by hand.

use axum::Json;
use utoipa::OpenApi;

use super::api;
use super::api::applications::BearerSecurity;
use super::error::{ErrorBody, ErrorDetail};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "ePașapoarte API",
        description = "Programări online pașapoarte — the citizen API (SPEC §6.2)."
    ),
    paths(
        api::counties::list,
        api::offices::list,
        api::offices::show,
        api::offices::availability,
        api::offices::earliest,
        api::bookings::create,
        api::bookings::confirm,
        api::bookings::cancel,
        api::bookings::reconfirm,
        api::lookup::lookup,
        api::applications::status,
        api::applications::update::move_status,
        api::stats::show,
        api::draw::enter,
        api::draw::confirm,
        api::draw::overview,
        api::draw::show,
        api::waitlist::create,
        api::waitlist::confirm,
        api::waitlist::take,
        api::challenge::issue,
    ),
    components(schemas(ErrorBody, ErrorDetail)),
    modifiers(&BearerSecurity)
)]
pub struct ApiDoc;

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
