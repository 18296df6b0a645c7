//! `/statistici`: the public dashboard (SPEC §8) — how long one waits for a seat at each
//! office, what was offered, booked and freed in the last 7 days, no-shows, the waitlist
//! and its holds, and every draw with its seed so anyone can replay it. The bars are SVG
//! drawn on the server: readable without JavaScript, each with its figure in words.

use askama::Template;
use axum::response::Response;

use super::problem;
use crate::i18n::format;
use crate::service::stats::{OfficeStats, PublicStats};
use crate::store::DrawFigures;
use crate::web::page::{Chrome, Page};

/// The widest bar, in SVG user units.
const BAR_WIDTH: u32 = 120;

#[derive(Template)]
#[template(path = "web/pages/stats.html")]
struct StatsPage {
    chrome: Chrome,
    /// "Counts since …".
    period: String,
    /// "Computed at …".
    generated: String,
    offices: Vec<OfficeRow>,
    draws: Vec<DrawRow>,
    /// "Challenges issued: …, refused: …".
    challenges: String,
}

struct OfficeRow {
    name: String,
    county: String,
    next_free: String,
    /// The wait in days as a bar (`None`: no free seat in the window).
    wait_bar: Option<Bar>,
    offered: u32,
    booked: u32,
    booked_bar: Bar,
    freed: u32,
    no_shows: String,
    waitlist: u32,
    holds: String,
}

struct Bar {
    width: u32,
    label: String,
}

struct DrawRow {
    date: String,
    state: String,
    entries: String,
    seats: String,
    winners: String,
    seed: String,
    seed_sha256: String,
}

pub async fn show(page: Page) -> Response {
    crate::http::api::stats::flush_challenge_counts(&page.state).await;
    let stats = match page.state.service.public_stats().await {
        Ok(stats) => stats,
        Err(error) => return problem::failed(page, error),
    };
    let template = stats_page(page.chrome.clone(), stats);
    page.render(template)
}

fn stats_page(chrome: Chrome, stats: PublicStats) -> StatsPage {
    let longest = stats
        .offices
        .iter()
        .filter_map(|office| office.days_to_next_free)
        .max()
        .unwrap_or(0)
        .max(1);
    StatsPage {
        period: chrome.tf(
            "web.stats.period",
            &[(
                "since",
                &format::date(chrome.lang, stats.since.date_naive()),
            )],
        ),
        generated: chrome.tf(
            "web.stats.generated",
            &[(
                "at",
                &stats.generated_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            )],
        ),
        offices: stats
            .offices
            .iter()
            .map(|office| office_row(&chrome, office, longest))
            .collect(),
        draws: stats.draws.iter().map(|d| draw_row(&chrome, d)).collect(),
        challenges: chrome.tf(
            "web.stats.challenges",
            &[
                ("issued", &stats.challenges_issued.to_string()),
                ("rejected", &stats.challenges_rejected.to_string()),
            ],
        ),
        chrome,
    }
}

fn office_row(chrome: &Chrome, office: &OfficeStats, longest: u32) -> OfficeRow {
    let counts = &office.counts;
    let days = office.days_to_next_free;
    let next_free = match (office.next_free, days) {
        (Some((date, time)), Some(days)) => chrome.tf(
            "web.stats.next_free_in",
            &[
                ("date", &format::date(chrome.lang, date)),
                ("time", &crate::i18n::format::clock(time)),
                (
                    "days",
                    &format::count(chrome.lang, "web.stats.days", days.into()),
                ),
            ],
        ),
        _ => chrome.t("web.stats.no_free_seat").to_owned(),
    };
    let share = |part: u32, whole: u32| part.min(whole) * BAR_WIDTH / whole.max(1);
    OfficeRow {
        name: office.name.clone(),
        county: office.county_code.clone(),
        wait_bar: days.map(|days| Bar {
            width: share(days, longest).max(1),
            label: chrome.tf(
                "web.stats.wait_label",
                &[(
                    "days",
                    &format::count(chrome.lang, "web.stats.days", days.into()),
                )],
            ),
        }),
        next_free,
        offered: counts.seats_offered,
        booked: counts.seats_booked,
        booked_bar: Bar {
            width: share(
                counts.seats_booked,
                counts.seats_offered.max(counts.seats_booked),
            ),
            label: chrome.tf(
                "web.stats.booked_label",
                &[
                    ("booked", &counts.seats_booked.to_string()),
                    ("offered", &counts.seats_offered.to_string()),
                ],
            ),
        },
        freed: counts.seats_freed,
        no_shows: office.no_show_permille.map_or_else(
            || "–".to_owned(),
            |permille| format!("{}.{}%", permille / 10, permille % 10),
        ),
        waitlist: counts.waitlist,
        holds: format!("{} / {}", counts.holds_taken, counts.holds_lapsed),
    }
}

fn draw_row(chrome: &Chrome, draw: &DrawFigures) -> DrawRow {
    let figure = |value: Option<u32>| value.map_or_else(|| "–".to_owned(), |v| v.to_string());
    DrawRow {
        date: format::date(chrome.lang, draw.draw_date),
        state: if draw.ran_at.is_some() {
            chrome.t("web.stats.draw_done").to_owned()
        } else {
            chrome.tf(
                "web.stats.draw_open",
                &[(
                    "at",
                    &draw.closes_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                )],
            )
        },
        entries: figure(draw.entries),
        seats: figure(draw.seats),
        winners: figure(draw.winners),
        seed: draw.seed.as_ref().map_or_else(
            || chrome.t("web.stats.seed_after_draw").to_owned(),
            |seed| seed.iter().map(|b| format!("{b:02x}")).collect(),
        ),
        seed_sha256: draw.seed_sha256.clone(),
    }
}
