//! Files that hold personal data or secrets — the SQLite database, the demo's `.eml`
//! files, the generated key — and their directories are readable by the service's user
//! only (issue 13): directories 0700, files 0600, on Unix. Elsewhere these are plain
//! file operations.

use std::io::Write;
use std::path::Path;

/// Creates `dir` and its missing parents, each new one readable by the owner only.
pub fn create_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes a new file (it must not exist) readable by the owner only.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(bytes)
}

/// Creates `path` empty and owner-only if it is missing; takes group and others' access
/// away from an existing one (a database file made by an older version, or by hand).
pub fn restrict(path: &Path) -> std::io::Result<()> {
    if !path.exists() {
        return write_new(path, &[]);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut permissions = std::fs::metadata(path)?.permissions();
        if permissions.mode() & 0o077 != 0 {
            permissions.set_mode(permissions.mode() & 0o700);
            std::fs::set_permissions(path, permissions)?;
        }
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn directories_and_files_are_the_owners_only() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a/b");
        create_dir(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&root.path().join("a")), 0o700);
        let file = dir.join("x.eml");
        write_new(&file, b"hello").unwrap();
        assert_eq!(mode(&file), 0o600);
        assert!(write_new(&file, b"again").is_err(), "never overwrites");

        let open = root.path().join("old.db");
        std::fs::write(&open, b"").unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o644)).unwrap();
        restrict(&open).unwrap();
        assert_eq!(mode(&open), 0o600);
        let missing = root.path().join("new.db");
        restrict(&missing).unwrap();
        assert_eq!(mode(&missing), 0o600);
    }
}
