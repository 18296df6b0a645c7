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
    modifiers(&BearerSecurity, &AltchaField, &BodyErrors)
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

/// The answers every operation with a JSON body may give before its handler runs (the
/// extractor's, issue 13): a body that is not JSON or not of the request's shape (400
/// `malformed_json`), over the size limit (413 `payload_too_large`), not declared as
/// JSON (415 `unsupported_media_type`), or with a field it does not take (422
/// `validation`). Added here once rather than on every handler; an operation that
/// documents one of these itself keeps its own description.
struct BodyErrors;

impl Modify for BodyErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let answers = [
            (
                "400",
                "The body is not JSON, or not of this request's shape: `malformed_json`.",
            ),
            (
                "413",
                "The body is over the size limit: `payload_too_large`.",
            ),
            (
                "415",
                "The body is not declared as `application/json`: `unsupported_media_type`.",
            ),
            (
                "422",
                "The body has a field this request does not take, or a value the rules \
                 refuse: `validation`, with the fields named.",
            ),
        ];
        for item in openapi.paths.paths.values_mut() {
            let operations = [item.post.as_mut(), item.put.as_mut(), item.patch.as_mut()];
            for operation in operations.into_iter().flatten() {
                if operation.request_body.is_none() {
                    continue;
                }
                for (status, description) in answers {
                    let error = ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build();
                    let response = ResponseBuilder::new()
                        .description(description)
                        .content("application/json", error)
                        .build();
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| response.into());
                }
            }
        }
    }
}

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
