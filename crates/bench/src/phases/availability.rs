//! (a) Availability reads: the clients all ask for one office's next 7 days, the page a
//! citizen opens first (and refreshes) — the read path under load.

use std::sync::Arc;

use chrono::{Days, NaiveDate};
use reqwest::StatusCode;

use super::{Ctx, classify};
use crate::load::{PhaseStats, closed_loop};
use crate::report::Report;

pub async fn run(
    ctx: &Ctx,
    report: &mut Report,
    office_id: i64,
    from: NaiveDate,
) -> anyhow::Result<PhaseStats> {
    let to = from + Days::new(6);
    let url: Arc<str> = ctx
        .url(&format!(
            "/api/v1/offices/{office_id}/availability?service=passport_electronic&persons=1&from={}&to={}",
            from.format("%Y-%m-%d"),
            to.format("%Y-%m-%d")
        ))
        .into();
    let client = ctx.client.clone();
    let (clients, duration) = (ctx.clients, ctx.duration);
    ctx.measure(report, "availability reads", async move {
        Ok(closed_loop(clients, duration, move || {
            let (client, url) = (client.clone(), url.clone());
            async move { Some(classify(client.get(&*url).send().await, StatusCode::OK).await) }
        })
        .await)
    })
    .await
}
