//! Charts as inline SVG, drawn on the server: no JavaScript, no chart service. Each chart
//! carries its own text alternative (`<title>` and `<desc>`, referenced by
//! `aria-labelledby`) and every bar or point a `<title>` with its exact value; the page's
//! table holds the same numbers. All text is escaped here, so the markup is safe to
//! insert as is.

use std::fmt::Write;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 8.0;
/// Room above the plot for the legend.
const TOP: f64 = 24.0;
const BOTTOM: f64 = 28.0;

/// What every chart needs: a unique id prefix, its title and description, and one
/// label per x position (a day).
pub struct Chart<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub labels: &'a [String],
}

/// The top of the y scale: the smallest 1, 2 or 5 × 10ⁿ at or above `max` (at least 1,
/// so an all-zero chart still has a scale and nothing divides by zero).
pub fn nice_max(max: u32) -> u32 {
    let mut step: u32 = 1;
    loop {
        for factor in [1, 2, 5] {
            let top = step.saturating_mul(factor);
            if top >= max || top == u32::MAX {
                return top;
            }
        }
        step = step.saturating_mul(10);
    }
}

impl Chart<'_> {
    /// Two overlaid bar series per day: `back` (wide, light) and `front` (narrow, dark),
    /// e.g. seats offered and seats booked. `tip(i)` is the day's tooltip text.
    pub fn bars(
        &self,
        back: (&str, &[u32]),
        front: (&str, &[u32]),
        tip: impl Fn(usize) -> String,
    ) -> String {
        let max = back.1.iter().chain(front.1).copied().max().unwrap_or(0);
        let top = nice_max(max);
        let mut svg = self.open(top);
        let slot = self.slot_width();
        for i in 0..self.labels.len() {
            let x = LEFT + slot * i as f64;
            let _ = write!(
                svg,
                "<g class=\"chart__day\"><title>{}</title>",
                escape(&tip(i))
            );
            for (class, values, inset) in
                [("chart__back", back.1, 0.1), ("chart__front", front.1, 0.3)]
            {
                let value = values.get(i).copied().unwrap_or(0);
                let h = bar_height(value, top);
                let _ = write!(
                    svg,
                    "<rect class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\"/>",
                    x + slot * inset,
                    TOP + plot_height() - h,
                    slot * (1.0 - 2.0 * inset),
                );
            }
            svg.push_str("</g>");
        }
        self.legend(
            &mut svg,
            &[("chart__back", back.0), ("chart__front", front.0)],
        );
        svg.push_str("</svg>");
        svg
    }

    /// One series of points joined by lines; `None` leaves a gap (no data that day).
    pub fn line(
        &self,
        name: &str,
        values: &[Option<u32>],
        tip: impl Fn(usize) -> String,
    ) -> String {
        let max = values.iter().flatten().copied().max().unwrap_or(0);
        let top = nice_max(max);
        let mut svg = self.open(top);
        let slot = self.slot_width();
        let point = |i: usize, value: u32| {
            (
                LEFT + slot * (i as f64 + 0.5),
                TOP + plot_height() - bar_height(value, top),
            )
        };
        let mut run: Vec<(f64, f64)> = Vec::new();
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        for i in 0..self.labels.len() {
            match values.get(i).copied().flatten() {
                Some(value) => run.push(point(i, value)),
                None => runs.push(std::mem::take(&mut run)),
            }
        }
        runs.push(run);
        for run in runs.iter().filter(|run| run.len() > 1) {
            let points: Vec<String> = run.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
            let _ = write!(
                svg,
                "<polyline class=\"chart__line\" points=\"{}\"/>",
                points.join(" ")
            );
        }
        for (i, value) in values.iter().enumerate().take(self.labels.len()) {
            if let Some(value) = value {
                let (x, y) = point(i, *value);
                let _ = write!(
                    svg,
                    "<circle class=\"chart__point\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\"><title>{}</title></circle>",
                    escape(&tip(i))
                );
            }
        }
        self.legend(&mut svg, &[("chart__point", name)]);
        svg.push_str("</svg>");
        svg
    }

    fn slot_width(&self) -> f64 {
        (WIDTH - LEFT - RIGHT) / self.labels.len().max(1) as f64
    }

    /// The `<svg>` element with its text alternative, the y grid (0, half, top) and the
    /// first and last day under the x axis.
    fn open(&self, top: u32) -> String {
        let id = escape(self.id);
        let mut svg = format!(
            "<svg class=\"chart\" id=\"{id}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" \
             aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
             <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
            escape(self.title),
            escape(self.desc),
        );
        for (value, label) in [
            (0, "0".to_owned()),
            (top / 2, (top / 2).to_string()),
            (top, top.to_string()),
        ] {
            if value == top / 2 && top < 2 {
                continue;
            }
            let y = TOP + plot_height() - bar_height(value, top);
            let _ = write!(
                svg,
                "<line class=\"chart__grid\" x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>\
                 <text class=\"chart__axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{label}</text>",
                WIDTH - RIGHT,
                LEFT - 6.0,
                y + 4.0,
            );
        }
        let base = HEIGHT - 8.0;
        if let Some(first) = self.labels.first() {
            let _ = write!(
                svg,
                "<text class=\"chart__axis\" x=\"{LEFT}\" y=\"{base}\">{}</text>",
                escape(first)
            );
        }
        if let Some(last) = self.labels.last().filter(|_| self.labels.len() > 1) {
            let _ = write!(
                svg,
                "<text class=\"chart__axis\" x=\"{:.1}\" y=\"{base}\" text-anchor=\"end\">{}</text>",
                WIDTH - RIGHT,
                escape(last)
            );
        }
        svg
    }

    /// A small legend at the top right: one swatch and name per series.
    fn legend(&self, svg: &mut String, entries: &[(&str, &str)]) {
        for (n, (class, name)) in entries.iter().enumerate() {
            let x = WIDTH - RIGHT - 160.0 * (entries.len() - n) as f64;
            let _ = write!(
                svg,
                "<rect class=\"{class}\" x=\"{x:.1}\" y=\"4\" width=\"10\" height=\"10\"/>\
                 <text class=\"chart__legend\" x=\"{:.1}\" y=\"13\">{}</text>",
                x + 14.0,
                escape(name)
            );
        }
    }
}

fn plot_height() -> f64 {
    HEIGHT - TOP - BOTTOM
}

/// The height of `value` on a scale whose top is `top` (> 0), clamped to the plot.
fn bar_height(value: u32, top: u32) -> f64 {
    let share = f64::from(value.min(top)) / f64::from(top.max(1));
    share * plot_height()
}

/// XML text and attribute escaping.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(labels: &[String]) -> Chart<'_> {
        Chart {
            id: "c",
            title: "Locuri <oferite>",
            desc: "A & B",
            labels,
        }
    }

    #[test]
    fn the_scale_tops_at_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_max(0), 1);
        assert_eq!(nice_max(1), 1);
        assert_eq!(nice_max(3), 5);
        assert_eq!(nice_max(7), 10);
        assert_eq!(nice_max(11), 20);
        assert_eq!(nice_max(200), 200);
        assert_eq!(nice_max(201), 500);
        assert_eq!(nice_max(u32::MAX), u32::MAX);
    }

    #[test]
    fn an_empty_chart_is_a_frame_with_its_text_alternative() {
        let svg = chart(&[]).bars(("a", &[]), ("b", &[]), |_| String::new());
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title id=\"c-title\">Locuri &lt;oferite&gt;</title>"));
        assert!(svg.contains("<desc id=\"c-desc\">A &amp; B</desc>"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        let line = chart(&[]).line("x", &[], |_| String::new());
        assert!(line.ends_with("</svg>") && !line.contains("NaN"));
    }

    #[test]
    fn one_day_fills_the_plot_width_and_scales_to_its_value() {
        let labels = vec!["2026-01-05".to_owned()];
        let svg = chart(&labels).bars(("offered", &[10]), ("booked", &[5]), |_| "5 / 10".into());
        // Offered 10 is the top of the scale: the full plot (664 wide from x = 48, 188
        // high from y = 24); booked 5 is half as high, and the narrower bar in front.
        assert!(
            svg.contains(
                "class=\"chart__back\" x=\"114.4\" y=\"24.0\" width=\"531.2\" height=\"188.0\""
            ),
            "{svg}"
        );
        assert!(
            svg.contains(
                "class=\"chart__front\" x=\"247.2\" y=\"118.0\" width=\"265.6\" height=\"94.0\""
            ),
            "{svg}"
        );
        assert!(svg.contains("<title>5 / 10</title>"));
        assert_eq!(
            svg.matches("2026-01-05").count(),
            1,
            "one label for one day"
        );
    }

    #[test]
    fn nothing_offered_draws_zero_height_bars_without_dividing_by_zero() {
        let labels = vec!["a".to_owned(), "b".to_owned()];
        let svg = chart(&labels).bars(("o", &[0, 0]), ("b", &[0, 0]), |_| String::new());
        assert_eq!(svg.matches("height=\"0.0\"").count(), 4);
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }

    #[test]
    fn a_line_breaks_where_a_day_has_no_value() {
        let labels: Vec<String> = (1..=5).map(|d| format!("d{d}")).collect();
        let svg = chart(&labels).line("zile", &[Some(4), Some(8), None, Some(2), Some(2)], |i| {
            format!("p{i}")
        });
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert_eq!(svg.matches("<circle").count(), 4);
        assert!(svg.contains("<title>p3</title>") && !svg.contains("<title>p2</title>"));
    }
}
