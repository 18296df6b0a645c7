//! Offices (J1): the list by county, one office, its availability for a family of N, and
//! the earliest free appointment across a county or the country.

use axum::Json;
use axum::extract::{Path, State};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::http::error::{ApiError, ApiResult, ErrorBody};
use crate::http::extract::ApiQuery;
use crate::http::sized_json::SizedJson;
use crate::ids::OfficeId;
use crate::service::input::{parse_date, parse_service};
use crate::service::{BookingService, FieldErrors, ServiceError};
use crate::state::AppState;
use crate::store::OfficeRecord;

#[derive(Serialize, utoipa::ToSchema)]
pub struct OfficeDto {
    #[schema(value_type = i64)]
    pub id: OfficeId,
    pub name: String,
    /// County code.
    pub county: String,
    pub address: String,
    /// IANA time zone of the office; slot times are wall-clock times in it.
    pub timezone: String,
    /// Service ids, e.g. `passport_electronic`.
    pub services: Vec<String>,
    pub max_persons: u8,
}

impl From<&OfficeRecord> for OfficeDto {
    fn from(office: &OfficeRecord) -> Self {
        OfficeDto {
            id: office.id,
            name: office.name.clone(),
            county: office.county_code.clone(),
            address: office.address.clone(),
            timezone: office.timezone.name().to_owned(),
            services: office
                .services
                .iter()
                .map(|s| s.as_str().to_owned())
                .collect(),
            max_persons: office.max_persons,
        }
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct OfficesQuery {
    /// County code; all offices when absent.
    county: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/offices", tag = "offices", params(OfficesQuery),
    responses((status = 200, body = [OfficeDto]), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<OfficesQuery>,
) -> ApiResult<Json<Vec<OfficeDto>>> {
    let county = known_county(query.county.as_deref())?;
    let offices = state
        .service
        .directory
        .offices()
        .await
        .map_err(ServiceError::from)?;
    Ok(Json(
        offices
            .iter()
            .filter(|office| county.is_none_or(|code| office.county_code == code))
            .map(OfficeDto::from)
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/offices/{id}", tag = "offices",
    responses((status = 200, body = OfficeDto), (status = 404, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<OfficeDto>> {
    let office = state.service.office(office_id(&id)?).await?;
    Ok(Json(OfficeDto::from(&office)))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct AvailabilityQuery {
    /// `passport_electronic` (default) or `passport_temporary`.
    service: Option<String>,
    /// How many persons come together, 1 to the office's maximum (default 1).
    persons: Option<String>,
    /// First office-local date, `YYYY-MM-DD` (default today).
    from: Option<String>,
    /// Last office-local date, inclusive (default: the end of the booking window).
    to: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AvailabilityDto {
    pub days: Vec<DayDto>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DayDto {
    pub date: NaiveDate,
    pub slots: Vec<SlotDto>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SlotDto {
    /// Office-local `HH:MM`.
    pub time: String,
    /// Free seats for the family from this time: the slot's own, or those of the
    /// consecutive slots it is seated over (`slots` > 1); always at least `persons`.
    pub free: u16,
    /// How many consecutive slots of the same opening interval the family takes from
    /// this time (issue 12): 1 when this slot has room for all of it. The family comes
    /// together at `time`.
    #[schema(minimum = 1)]
    pub slots: u16,
}

#[utoipa::path(get, path = "/api/v1/offices/{id}/availability", tag = "offices", params(AvailabilityQuery),
    responses((status = 200, body = AvailabilityDto), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn availability(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<AvailabilityQuery>,
) -> ApiResult<SizedJson<AvailabilityDto>> {
    let office = state.service.office(office_id(&id)?).await?;
    let mut errors = FieldErrors::default();
    let service = optional(
        query.service.as_deref(),
        "passport_electronic",
        parse_service,
        "service",
        "unknown_service",
        &mut errors,
    );
    let persons = optional(
        query.persons.as_deref(),
        "1",
        |p| p.parse::<u16>().ok(),
        "persons",
        "invalid_number",
        &mut errors,
    );
    let from = optional(
        query.from.as_deref(),
        "0000-01-01",
        parse_date,
        "from",
        "invalid_date",
        &mut errors,
    );
    let to = optional(
        query.to.as_deref(),
        "9999-12-31",
        parse_date,
        "to",
        "invalid_date",
        &mut errors,
    );
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        errors.add("to", "invalid_range");
    }
    let (Some(service), Some(persons), Some(from), Some(to)) = (service, persons, from, to) else {
        return Err(ApiError::validation(errors));
    };
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    BookingService::check_office_accepts(&office, service, usize::from(persons))
        .map_err(ApiError::validation)?;
    let days = state
        .service
        .availability(&office, persons, from, to)
        .await?;
    // About 36 bytes per slot (`{"time":"09:00","free":6,"slots":1},`), 40 per day.
    let capacity = 64
        + days
            .iter()
            .map(|day| 40 + 36 * day.slots.len())
            .sum::<usize>();
    Ok(SizedJson {
        value: AvailabilityDto {
            days: days
                .into_iter()
                .map(|day| DayDto {
                    date: day.date,
                    slots: day
                        .slots
                        .into_iter()
                        .map(|s| SlotDto {
                            time: crate::i18n::format::clock(s.time),
                            free: s.span_free,
                            slots: s.span,
                        })
                        .collect(),
                })
                .collect(),
        },
        capacity,
    })
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct EarliestQuery {
    service: Option<String>,
    persons: Option<String>,
    /// County code; the whole country when absent.
    county: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EarliestDto {
    #[schema(value_type = i64)]
    pub office_id: OfficeId,
    pub office_name: String,
    pub county: String,
    pub date: NaiveDate,
    pub time: String,
    pub free: u16,
}

#[utoipa::path(get, path = "/api/v1/earliest", tag = "offices", params(EarliestQuery),
    responses((status = 200, body = [EarliestDto]), (status = 422, body = ErrorBody)))]
pub async fn earliest(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<EarliestQuery>,
) -> ApiResult<Json<Vec<EarliestDto>>> {
    let mut errors = FieldErrors::default();
    let service = optional(
        query.service.as_deref(),
        "passport_electronic",
        parse_service,
        "service",
        "unknown_service",
        &mut errors,
    );
    let largest = state.service.largest_family().await?;
    let persons = optional(
        query.persons.as_deref(),
        "1",
        |p| p.parse::<u16>().ok().filter(|n| *n >= 1),
        "persons",
        "invalid_number",
        &mut errors,
    )
    .filter(|n| {
        // More than any office takes: named, with the maximum's own message.
        let fits = *n <= largest;
        if !fits {
            errors.add("persons", "too_many_persons");
        }
        fits
    });
    let county = known_county(query.county.as_deref()).unwrap_or_else(|_| {
        errors.add("county", "unknown_county");
        None
    });
    let (Some(service), Some(persons), true) = (service, persons, errors.is_empty()) else {
        return Err(ApiError::validation(errors));
    };
    let found = state.service.earliest(service, persons, county).await?;
    Ok(Json(
        found
            .into_iter()
            .map(|slot| EarliestDto {
                office_id: slot.office_id,
                office_name: slot.office_name,
                county: slot.county,
                date: slot.date,
                time: crate::i18n::format::clock(slot.time),
                free: slot.free,
            })
            .collect(),
    ))
}

/// Parses an optional query value, with a default when absent or empty.
fn optional<T>(
    value: Option<&str>,
    default: &str,
    parse: impl Fn(&str) -> Option<T>,
    field: &str,
    code: &'static str,
    errors: &mut FieldErrors,
) -> Option<T> {
    let text = value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .unwrap_or(default);
    let parsed = parse(text);
    if parsed.is_none() {
        errors.add(field, code);
    }
    parsed
}

fn office_id(text: &str) -> Result<OfficeId, ApiError> {
    text.parse().map_err(|_| ApiError::not_found())
}

/// A county code from the query: absent is fine, unknown is a validation error.
fn known_county(code: Option<&str>) -> Result<Option<&'static str>, ApiError> {
    match code.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(code) => epasapoarte_domain::county::County::by_code(code)
            .map(|county| Some(county.code()))
            .ok_or_else(|| ApiError::validation(FieldErrors::single("county", "unknown_county"))),
    }
}
