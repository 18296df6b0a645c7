//! (b) Bookings spread over many slots: one person each, fresh CNPs, seats taken from the
//! shuffled list of every office's free seats; then the confirmations, with the tokens
//! read where a citizen finds them — in the e-mails the outbox worker wrote.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use reqwest::StatusCode;
use reqwest::header::CONTENT_TYPE;

use super::{Ctx, classify};
use crate::load::{PhaseStats, closed_loop};
use crate::people::{Seat, booking_body};
use crate::report::Report;

/// The link a confirmation request carries: `{base}/programare/confirma/{token}`.
const CONFIRM_PATH: &str = "/programare/confirma/";
const TOKEN_LEN: usize = 32;

/// Creates bookings on `seats` (in order) until the time is up or the seats run out.
pub async fn create(
    ctx: &Ctx,
    report: &mut Report,
    seats: Vec<Seat>,
) -> anyhow::Result<PhaseStats> {
    let seats = Arc::new(seats);
    let next = Arc::new(AtomicUsize::new(0));
    let url: Arc<str> = ctx.url("/api/v1/bookings").into();
    let (client, cnps) = (ctx.client.clone(), ctx.cnps.clone());
    let (clients, duration) = (ctx.clients, ctx.duration);
    let stats = ctx
        .measure(report, "bookings created", async move {
            Ok(closed_loop(clients, duration, move || {
                let (client, url, cnps) = (client.clone(), url.clone(), cnps.clone());
                let seat = seats.get(next.fetch_add(1, Ordering::Relaxed)).copied();
                async move {
                    let body = booking_body(&seat?, 1, &cnps);
                    let sent = client
                        .post(&*url)
                        .header(CONTENT_TYPE, "application/json")
                        .body(body)
                        .send()
                        .await;
                    Some(classify(sent, StatusCode::CREATED).await)
                }
            })
            .await)
        })
        .await?;
    // Background work the raw baseline does not have: say how much of it there was.
    report.note(
        ctx.backend.as_str(),
        format!(
            "while the bookings were created, the server's outbox worker also wrote {} of \
             their e-mails (claim and mark-sent transactions, one file each); the raw baseline \
             runs without it",
            count_mail(&ctx.mail_dir)
        ),
    );
    Ok(stats)
}

/// Waits until the outbox worker has written `expected` e-mails (or `ctx.mail_wait`
/// passes) and returns the confirm tokens found in them. `first_booking` is when the
/// create phase began: the delivery rate is counted from there.
pub async fn tokens_from_mail(
    ctx: &Ctx,
    report: &mut Report,
    expected: u64,
    first_booking: Instant,
) -> anyhow::Result<Vec<String>> {
    let started = Instant::now();
    let mut on_disk = count_mail(&ctx.mail_dir);
    while (on_disk as u64) < expected && started.elapsed() < ctx.mail_wait {
        tokio::time::sleep(Duration::from_millis(500)).await;
        on_disk = count_mail(&ctx.mail_dir);
    }
    let since_first = first_booking.elapsed().as_secs_f64();
    report.note(
        ctx.backend.as_str(),
        format!(
            "outbox (file transport): {on_disk} of {expected} confirmation e-mails on disk \
             {:.1} s after the create phase ended (wait limit {} s) — {:.0} e-mails/s from the \
             first booking on",
            started.elapsed().as_secs_f64(),
            ctx.mail_wait.as_secs(),
            on_disk as f64 / since_first.max(1e-9)
        ),
    );
    let dir = ctx.mail_dir.clone();
    tokio::task::spawn_blocking(move || read_tokens(&dir))
        .await
        .context("reading the mail files")?
}

/// Confirms with every token (once each) until the time is up.
pub async fn confirm(
    ctx: &Ctx,
    report: &mut Report,
    tokens: Vec<String>,
) -> anyhow::Result<PhaseStats> {
    let bodies: Arc<Vec<String>> = Arc::new(
        tokens
            .iter()
            .map(|token| format!(r#"{{"token":"{token}"}}"#))
            .collect(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let url: Arc<str> = ctx.url("/api/v1/bookings/confirm").into();
    let client = ctx.client.clone();
    let (clients, duration) = (ctx.clients, ctx.duration);
    ctx.measure(report, "bookings confirmed", async move {
        Ok(closed_loop(clients, duration, move || {
            let (client, url) = (client.clone(), url.clone());
            let body = bodies.get(next.fetch_add(1, Ordering::Relaxed)).cloned();
            async move {
                let sent = client
                    .post(&*url)
                    .header(CONTENT_TYPE, "application/json")
                    .body(body?)
                    .send()
                    .await;
                Some(classify(sent, StatusCode::OK).await)
            }
        })
        .await)
    })
    .await
}

fn mail_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
                .collect()
        })
        .unwrap_or_default()
}

fn count_mail(dir: &Path) -> usize {
    mail_files(dir).len()
}

/// The confirm token of every confirmation request in `dir`, decoded as a mail client
/// would (the bodies are quoted-printable or base64).
fn read_tokens(dir: &Path) -> anyhow::Result<Vec<String>> {
    let parser = mail_parser::MessageParser::default();
    let mut tokens = Vec::new();
    for path in mail_files(dir) {
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let Some(message) = parser.parse(&bytes) else {
            continue;
        };
        let Some(text) = message.body_text(0) else {
            continue;
        };
        if let Some(token) = confirm_token(&text) {
            tokens.push(token.to_owned());
        }
    }
    Ok(tokens)
}

fn confirm_token(text: &str) -> Option<&str> {
    let start = text.find(CONFIRM_PATH)? + CONFIRM_PATH.len();
    let token = text.get(start..start + TOKEN_LEN)?;
    token
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        .then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_confirm_token_is_the_32_characters_after_the_link_path() {
        let text = "Confirmați: http://127.0.0.1:9/programare/confirma/AbCdEfGhIjKlMnOpQrStUvWxYz012_-9\nMulțumim";
        assert_eq!(
            confirm_token(text),
            Some("AbCdEfGhIjKlMnOpQrStUvWxYz012_-9")
        );
    }

    #[test]
    fn a_mail_without_a_confirm_link_has_no_token() {
        assert_eq!(confirm_token("Programarea a fost confirmată."), None);
    }
}
