//! What the report pages and the CSV show of the service's numbers: formatted rows, the
//! two charts and the CSV body. The HTML table and the CSV come from the same rows, so
//! they cannot disagree.

use super::chart::Chart;
use super::csv;
use crate::i18n::Lang;
use crate::service::reports::{DayReport, utilisation_permille};
use crate::store::DayCounts;

/// One table row, formatted for the page.
pub struct Row {
    pub label: String,
    pub offered: u32,
    pub booked: u32,
    pub confirmed: u32,
    pub checked_in: u32,
    pub no_shows: u32,
    pub cancelled: u32,
    pub utilisation: String,
    pub lead: String,
}

impl Row {
    pub fn of(lang: Lang, label: String, counts: &DayCounts, lead: String) -> Row {
        Row {
            label,
            offered: counts.offered,
            booked: counts.booked,
            confirmed: counts.confirmed,
            checked_in: counts.checked_in,
            no_shows: counts.no_shows,
            cancelled: counts.cancelled,
            utilisation: percent(lang, utilisation_permille(counts.booked, counts.offered)),
            lead,
        }
    }
}

/// "87,5 %" (Romanian) or "87.5%" (English); "—" when nothing was offered.
pub fn percent(lang: Lang, permille: Option<u32>) -> String {
    match (permille, lang) {
        (None, _) => "—".to_owned(),
        (Some(p), Lang::Ro) => format!("{},{} %", p / 10, p % 10),
        (Some(p), Lang::En) => format!("{}.{}%", p / 10, p % 10),
    }
}

/// A lead time in days (the unit is in the headings): "12", "niciun loc liber" (none within
/// the horizon), or "—" (not measured).
pub fn lead_text(lang: Lang, lead: Option<Option<u32>>) -> String {
    match lead {
        None => "—".to_owned(),
        Some(None) => lang.t("admin.reports.no_free_seat").to_owned(),
        Some(Some(days)) => days.to_string(),
    }
}

pub fn day_rows(lang: Lang, days: &[DayReport]) -> Vec<Row> {
    days.iter()
        .map(|day| {
            Row::of(
                lang,
                day.counts.date.format("%Y-%m-%d").to_string(),
                &day.counts,
                lead_text(lang, day.lead_days),
            )
        })
        .collect()
}

/// The office's two charts: seats offered vs booked per day, and lead time per day.
pub fn charts(lang: Lang, days: &[DayReport]) -> (String, String) {
    let labels: Vec<String> = days
        .iter()
        .map(|day| day.counts.date.format("%Y-%m-%d").to_string())
        .collect();
    let offered: Vec<u32> = days.iter().map(|day| day.counts.offered).collect();
    let booked: Vec<u32> = days.iter().map(|day| day.counts.booked).collect();
    let seats = Chart {
        id: "chart-seats",
        title: lang.t("admin.reports.chart_seats"),
        desc: &lang.tf(
            "admin.reports.chart_seats_desc",
            &[
                ("offered", &offered.iter().sum::<u32>().to_string()),
                ("booked", &booked.iter().sum::<u32>().to_string()),
            ],
        ),
        labels: &labels,
    }
    .bars(
        (lang.t("admin.reports.offered"), &offered),
        (lang.t("admin.reports.booked"), &booked),
        |i| {
            lang.tf(
                "admin.reports.chart_seats_tip",
                &[
                    ("date", &labels[i]),
                    ("offered", &offered[i].to_string()),
                    ("booked", &booked[i].to_string()),
                ],
            )
        },
    );
    // A day without any free seat is drawn at the top of the scale (never as a short
    // wait); its tooltip and the table say "no free seat".
    let worst = days
        .iter()
        .filter_map(|day| day.lead_days.flatten())
        .max()
        .unwrap_or(0);
    let ceiling = super::chart::nice_max(worst.max(1));
    let lead: Vec<Option<u32>> = days
        .iter()
        .map(|day| day.lead_days.map(|days| days.unwrap_or(ceiling)))
        .collect();
    let sampled = lead.iter().flatten().count();
    let lead_chart = Chart {
        id: "chart-lead",
        title: lang.t("admin.reports.chart_lead"),
        desc: &lang.tf(
            "admin.reports.chart_lead_desc",
            &[("n", &sampled.to_string())],
        ),
        labels: &labels,
    }
    .line(lang.t("admin.reports.lead"), &lead, |i| {
        format!("{}: {}", labels[i], lead_text(lang, days[i].lead_days))
    });
    (seats, lead_chart)
}

/// Stable English column names: the CSV is for spreadsheets and scripts, whatever the
/// page's language.
pub const CSV_HEADER: [&str; 9] = [
    "date",
    "seats_offered",
    "seats_booked",
    "confirmed",
    "checked_in",
    "no_shows",
    "cancelled",
    "utilisation_percent",
    "lead_time_days",
];

/// The office's rows as CSV: utilisation with a dot and one decimal (empty when nothing
/// was offered), lead time in days (empty when not measured, `none` when no free seat
/// was found within the horizon).
pub fn csv_body(days: &[DayReport]) -> String {
    let mut out = csv::line(&CSV_HEADER);
    for day in days {
        let c = &day.counts;
        let utilisation = utilisation_permille(c.booked, c.offered)
            .map(|p| format!("{}.{}", p / 10, p % 10))
            .unwrap_or_default();
        let lead = match day.lead_days {
            None => String::new(),
            Some(None) => "none".to_owned(),
            Some(Some(days)) => days.to_string(),
        };
        out.push_str(&csv::line(&[
            c.date.format("%Y-%m-%d").to_string(),
            c.offered.to_string(),
            c.booked.to_string(),
            c.confirmed.to_string(),
            c.checked_in.to_string(),
            c.no_shows.to_string(),
            c.cancelled.to_string(),
            utilisation,
            lead,
        ]));
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn report(day: u32, lead_days: Option<Option<u32>>) -> DayReport {
        DayReport {
            counts: DayCounts {
                date: NaiveDate::from_ymd_opt(2026, 1, day).unwrap(),
                ..DayCounts::default()
            },
            lead_days,
        }
    }

    #[test]
    fn a_day_without_a_free_seat_is_drawn_at_the_top_not_as_a_short_wait() {
        let days = [report(5, Some(None)), report(6, None)];
        let (_, lead) = charts(Lang::Ro, &days);
        // Scale top 1 (nothing numeric), so the point sits at the plot's top, y = 24.
        assert!(
            lead.contains("cy=\"24.0\" r=\"3\"><title>2026-01-05: niciun loc liber</title>"),
            "{lead}"
        );
        assert_eq!(
            lead.matches("<circle").count(),
            1,
            "an unmeasured day has no point"
        );
    }

    #[test]
    fn the_csv_marks_unmeasured_and_seatless_days_differently() {
        let body = csv_body(&[
            report(5, Some(None)),
            report(6, None),
            report(7, Some(Some(12))),
        ]);
        let lines: Vec<&str> = body.split("\r\n").collect();
        assert_eq!(lines[1], "2026-01-05,0,0,0,0,0,0,,none");
        assert_eq!(lines[2], "2026-01-06,0,0,0,0,0,0,,");
        assert_eq!(lines[3], "2026-01-07,0,0,0,0,0,0,,12");
    }

    #[test]
    fn percentages_follow_the_language() {
        assert_eq!(percent(Lang::Ro, Some(625)), "62,5 %");
        assert_eq!(percent(Lang::En, Some(625)), "62.5%");
        assert_eq!(percent(Lang::En, None), "—");
    }
}
