//! Running a due draw: the confirmed entries ordered by the seed, seated by
//! `fair::assign`, and everything written in one transaction.

use anyhow::Context;
use chrono::NaiveDate;
use epasapoarte_domain::fair::{self, DrawEntry, DrawSeed, Outcome, PartOfDay, entry_order};

use crate::ids::OfficeId;
use crate::service::{BookingService, ServiceResult};
use crate::store::{DrawEntryRecord, DrawResult, DrawRow, DrawRun};

impl BookingService {
    /// Runs every draw whose time has come (idempotent; once per draw across instances).
    pub async fn run_due_draws(&self) -> ServiceResult<Vec<(NaiveDate, DrawRun)>> {
        let mut runs = Vec::new();
        for draw in self.store.due_draws(self.now()).await? {
            let run = self.run_draw(&draw).await?;
            runs.push((draw.draw_date, run));
        }
        Ok(runs)
    }

    /// Runs one draw now: plans its day's slots, orders the confirmed entries by the seed,
    /// seats them (`fair::assign`) and writes everything in one transaction.
    pub async fn run_draw(&self, draw: &DrawRow) -> ServiceResult<DrawRun> {
        if draw.ran_at.is_some() {
            return Ok(DrawRun::AlreadyRan);
        }
        let now = self.now();
        let date = draw.draw_date;
        let offices = self.directory.offices().await?;
        let slots = self.draw_day_slots(&offices, date, now).await?;
        let entries: Vec<DrawEntryRecord> = self
            .store
            .draw_entries(date)
            .await?
            .into_iter()
            .filter(|e| e.status == "confirmed")
            .collect();
        let hashes: Vec<Vec<u8>> = entries
            .iter()
            .flat_map(|e| e.persons.iter().map(|p| p.cnp_hash.clone()))
            .collect();
        let blocked = self.store.blocked_cnps(&hashes, now).await?;
        let seed_bytes: [u8; 32] = draw
            .seed
            .as_slice()
            .try_into()
            .context("a stored draw seed is not 32 bytes")?;
        let seed = DrawSeed(seed_bytes);
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        let ordered: Vec<&DrawEntryRecord> = entry_order(&seed, &ids)
            .into_iter()
            .filter_map(|id| entries.iter().find(|e| e.id == id))
            .collect();
        // An entry one of whose CNPs booked or is cooling off since it entered takes no part.
        let eligible =
            |e: &DrawEntryRecord| !e.persons.iter().any(|p| blocked.contains(&p.cnp_hash));
        let domain_entries: Vec<DrawEntry<OfficeId>> = ordered
            .iter()
            .map(|e| DrawEntry {
                persons: if eligible(e) {
                    u16::try_from(e.persons.len()).unwrap_or(0)
                } else {
                    0
                },
                offices: e.offices.clone(),
                part_of_day: e.part_of_day.parse().unwrap_or(PartOfDay::Any),
            })
            .collect();
        let outcomes = fair::assign(&domain_entries, &slots);
        let seats: u32 = slots.iter().map(|s| u32::from(s.free)).sum();
        let mut result = DrawResult {
            draw_date: date,
            ran_at: now,
            entries: u32::try_from(entries.len()).unwrap_or(u32::MAX),
            seats,
            winners: Vec::new(),
            losers: Vec::new(),
        };
        for (entry, outcome) in ordered.iter().zip(outcomes) {
            match outcome {
                Outcome::Won {
                    office,
                    time,
                    later,
                } => {
                    let winner = self.winner(entry, &offices, office, date, time, later)?;
                    result.winners.push(winner);
                }
                Outcome::Lost => {
                    let loser = self.loser(entry, date, eligible(entry))?;
                    result.losers.push(loser);
                }
            }
        }
        let run = self.store.run_draw(&result).await?;
        if run == DrawRun::Ran {
            self.directory.invalidate_all();
            tracing::info!(draw = %date, entries = result.entries, seats, winners = result.winners.len(), "draw ran");
        }
        Ok(run)
    }
}
