//! The OpenAPI document at `/api/v1/openapi.json`, generated from the handlers'
//! annotations and the request/response types — never written by hand.

use axum::Json;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::{Modify, OpenApi};

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
    modifiers(&BearerSecurity, &AltchaField)
)]
pub struct ApiDoc;

/// The public writes whose body carries the proof of work (SPEC §8).
pub const WRITES_WITH_ALTCHA: [&str; 4] = [
    "BookingRequest",
    "DrawEntryRequest",
    "WaitlistRequest",
    "LookupDto",
];

/// Adds the `altcha` field to the public writes' bodies: the extractor (`WithChallenge`)
/// takes it off before the body is read into its type, so the types do not carry it.
struct AltchaField;

impl Modify for AltchaField {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let Some(components) = openapi.components.as_mut() else {
            return;
        };
        for name in WRITES_WITH_ALTCHA {
            if let Some(RefOr::T(Schema::Object(object))) = components.schemas.get_mut(name) {
                let field = ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some(
                        "The solved proof of work: base64 of the ALTCHA solution JSON for a \
                     challenge from `GET /api/v1/challenge?form=…`. Required unless the \
                     server runs with `EPAS_RATE_LIMITS=off`; missing or wrong → 403 \
                     `challenge_required`.",
                    ));
                object.properties.insert("altcha".to_owned(), field.into());
            }
        }
    }
}

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
