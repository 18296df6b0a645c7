//! The order of the journey's steps: which step comes next, which one a "Back" link
//! returns to, and the first step still unanswered (a step reached too early sends the
//! citizen there). A step's answers are complete only while they still fit the office
//! (a county change can leave an office elsewhere; an office change, a service it lacks).

use axum::response::Response;
use epasapoarte_domain::county::County;

use super::state::Journey;
use crate::service::ServiceError;
use crate::store::OfficeRecord;
use crate::web::page::Page;
use crate::web::pages::problem::{self, Onward};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    County,
    Office,
    Service,
    Persons,
    Date,
    Time,
    Applicant,
    Companions,
    Check,
}

impl Step {
    pub fn path(self) -> &'static str {
        match self {
            Step::County => "/programare",
            Step::Office => "/programare/birou",
            Step::Service => "/programare/serviciu",
            Step::Persons => "/programare/persoane",
            Step::Date => "/programare/data",
            Step::Time => "/programare/ora",
            Step::Applicant => "/programare/solicitant",
            Step::Companions => "/programare/persoane-suplimentare",
            Step::Check => "/programare/verificare",
        }
    }

    /// The step after this one; a booking for one person has no extra persons' step.
    pub fn following(self, persons: usize) -> Step {
        match self {
            Step::County => Step::Office,
            Step::Office => Step::Service,
            Step::Service => Step::Persons,
            Step::Persons => Step::Date,
            Step::Date => Step::Time,
            Step::Time => Step::Applicant,
            Step::Applicant if persons > 1 => Step::Companions,
            Step::Applicant | Step::Companions | Step::Check => Step::Check,
        }
    }

    pub fn previous(self, persons: usize) -> Option<Step> {
        Some(match self {
            Step::County => return None,
            Step::Office => Step::County,
            Step::Service => Step::Office,
            Step::Persons => Step::Service,
            Step::Date => Step::Persons,
            Step::Time => Step::Date,
            Step::Applicant => Step::Time,
            Step::Companions => Step::Applicant,
            Step::Check if persons > 1 => Step::Companions,
            Step::Check => Step::Applicant,
        })
    }
}

/// The first step whose answer is missing or no longer fits; `Check` when all is answered.
pub fn first_incomplete(journey: &Journey, office: Option<&OfficeRecord>) -> Step {
    let Some(county) = journey.county.as_deref().and_then(County::by_code) else {
        return Step::County;
    };
    let Some(office) = office.filter(|o| o.county_code.eq_ignore_ascii_case(county.code())) else {
        return Step::Office;
    };
    if !journey
        .service()
        .is_some_and(|s| office.services.contains(&s))
    {
        return Step::Service;
    }
    if !journey
        .persons
        .is_some_and(|p| (1..=office.max_persons).contains(&p))
    {
        return Step::Persons;
    }
    if journey.date.is_none() {
        return Step::Date;
    }
    if journey.time.is_none() {
        return Step::Time;
    }
    if journey.applicant.is_none() {
        return Step::Applicant;
    }
    if journey.companions.len() + 1 != journey.persons() {
        return Step::Companions;
    }
    Step::Check
}

/// One request of the journey: the page, the answers, and the chosen office.
pub struct Ctx {
    pub page: Page,
    pub journey: Journey,
    pub office: Option<OfficeRecord>,
}

impl Ctx {
    /// Loads the chosen office; redirects (303) to the first unanswered step when `step`
    /// lies beyond it.
    pub async fn open(page: Page, journey: Journey, step: Step) -> Result<Ctx, Response> {
        let office = match journey.office_id {
            Some(id) => match page.state.service.directory.office(id).await {
                Ok(office) => office,
                Err(error) => {
                    return Err(problem::failed_then(page, error, Onward::RestartBooking));
                }
            },
            None => None,
        };
        let ctx = Ctx {
            page,
            journey,
            office,
        };
        let first = ctx.first_incomplete();
        if first < step {
            return Err(ctx.page.redirect(first.path()));
        }
        Ok(ctx)
    }

    /// Gives up on this request with the apology page (a failure of ours, logged), which
    /// offers to start the booking again.
    pub fn fail(self, error: impl Into<ServiceError>) -> Response {
        problem::failed_then(self.page, error, Onward::RestartBooking)
    }

    pub fn first_incomplete(&self) -> Step {
        first_incomplete(&self.journey, self.office.as_ref())
    }

    /// `open` for the steps after "Locație", with the office handed out on its own.
    pub async fn open_with_office(
        page: Page,
        journey: Journey,
        step: Step,
    ) -> Result<(Ctx, OfficeRecord), Response> {
        let ctx = Ctx::open(page, journey, step).await?;
        match ctx.office.clone() {
            Some(office) => Ok((ctx, office)),
            // `open` has already sent a journey without an office to step 2.
            None => Err(ctx.page.redirect(Step::Office.path())),
        }
    }

    /// Where "Înapoi" leads: the previous step, or the check page when the citizen came
    /// from there to change one answer.
    pub fn back(&self, step: Step) -> &'static str {
        if self.journey.checked && step != Step::Check && self.first_incomplete() == Step::Check {
            return Step::Check.path();
        }
        step.previous(self.journey.persons())
            .map_or("/", Step::path)
    }

    /// Saves the answers and moves on: to the next step, or — once the citizen has seen
    /// the check page — straight back to it (through any step a change left unanswered).
    pub fn advance(mut self, done: Step) -> Response {
        let first = self.first_incomplete();
        let to = if self.journey.checked {
            first
        } else {
            done.following(self.journey.persons()).min(first)
        };
        self.journey.store(&mut self.page);
        self.page.redirect(to.path())
    }
}
