//! The file transport: one `.eml` per message, `{created_at_millis}-{outbox_id}.eml`,
//! written atomically (a temporary name, then a rename) so a reader never sees half a
//! message. Re-sending the same outbox row overwrites its file: at-least-once delivery
//! shows up as one file.

use std::path::{Path, PathBuf};

use rand::Rng;

use super::{Envelope, SendError};

/// Writes one message. The directory, the temporary file and the rename happen in one
/// blocking task: three hops through the runtime's blocking pool per message made the
/// outbox the slowest part of a rush.
pub(super) async fn write(
    dir: &Path,
    envelope: &Envelope,
    bytes: Vec<u8>,
) -> Result<(), SendError> {
    let dir = dir.to_path_buf();
    let stem = format!(
        "{}-{}",
        envelope.created_at.timestamp_millis(),
        envelope.outbox_id
    );
    tokio::task::spawn_blocking(move || write_now(&dir, &stem, &bytes))
        .await
        .map_err(|_| SendError::File("the writing task failed".to_owned()))?
}

fn write_now(dir: &Path, stem: &str, bytes: &[u8]) -> Result<(), SendError> {
    let failed =
        |what: &str, error: std::io::Error| SendError::File(format!("{what}: {}", error.kind()));
    // Messages hold names and addresses: the owner's only (issue 13).
    crate::private_files::create_dir(dir).map_err(|e| failed("creating the directory", e))?;
    // A random suffix: two workers retrying the same row never share a temporary file.
    let temporary = dir.join(format!(
        ".{stem}.{:016x}.tmp",
        rand::thread_rng().r#gen::<u64>()
    ));
    let result = crate::private_files::write_new(&temporary, bytes)
        .map_err(|e| failed("writing", e))
        .and_then(|()| {
            std::fs::rename(&temporary, dir.join(format!("{stem}.eml")))
                .map_err(|e| failed("renaming", e))
        });
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// The `.eml` files of a mail directory, newest first (by the time in their name, then
/// the outbox id). A missing or unreadable directory lists as empty.
pub fn list_mail_dir(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<((i64, i64), PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
        .map(|path| (order_key(&path), path))
        .collect();
    files.sort_by(|a, b| b.cmp(a));
    files.into_iter().map(|(_, path)| path).collect()
}

/// `(millis, outbox id)` from `1764743400000-42.eml`; other names sort last.
fn order_key(path: &Path) -> (i64, i64) {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let mut parts = stem.splitn(2, '-');
    let millis = parts.next().and_then(|p| p.parse().ok());
    let id = parts.next().and_then(|p| p.parse().ok());
    match (millis, id) {
        (Some(millis), Some(id)) => (millis, id),
        _ => (i64::MIN, i64::MIN),
    }
}
