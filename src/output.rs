//! Write stage: every file of a unit is first written to a temporary file in its target's
//! directory, then all of them are renamed into place together, so a failed or interrupted run
//! never leaves a half-written report, and the formats of one unit never disagree (when a
//! rename fails part-way, the error says exactly which files were updated).
//!
//! Temporary files are created by the `tempfile` crate: exclusive creation (`O_EXCL`, so a
//! planted symlink is never followed) under an unpredictable name that is short and begins with
//! [`TEMP_PREFIX`] and the process id; a later run removes the ones a killed run left behind
//! (only those whose process is gone). A rename replaces a symlink at the report's name rather
//! than writing through it, directories on the way that are symlinks are refused, and an
//! existing report keeps its permission bits. (The rename is atomic against a crash of juesuan;
//! files are not fsynced, which would make a provincial batch several times slower for
//! protection only against power loss, and the reports can always be regenerated.)

use crate::error::{WriteError, WriteReason};
use std::io::Write;
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Every temporary file juesuan creates begins with this, then the process id and `-`.
pub const TEMP_PREFIX: &str = ".juesuan-";

/// A new temporary file in `dir` whose name ends in `suffix` (e.g. `.html`): exclusive creation,
/// unpredictable name, permissions 0666 less the umask (like any new file).
pub fn temp_in(dir: &Path, suffix: &str) -> std::io::Result<NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(suffix)
        .rand_bytes(10)
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(dir)
}

/// Creates `dir` (and its parents) below `root`, refusing to go through a symbolic link below
/// `root` (the output directory itself is the user's choice).
pub fn create_dir_below(root: &Path, dir: &Path) -> Result<(), WriteError> {
    let fail = |reason: std::io::Error| WriteError::CreateDir {
        dir: dir.to_path_buf(),
        reason: WriteReason::from(reason),
    };
    std::fs::create_dir_all(root).map_err(fail)?;
    let Ok(rel) = dir.strip_prefix(root) else {
        return std::fs::create_dir_all(dir).map_err(fail);
    };
    let mut at = root.to_path_buf();
    for part in rel.components() {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return Err(WriteError::SymlinkDir(at)),
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(WriteError::CreateDir {
                    dir: at,
                    reason: WriteReason::FileInTheWay,
                });
            }
            Err(_) => match std::fs::create_dir(&at) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && at.is_dir() => {}
                Err(e) => return Err(fail(e)),
            },
        }
    }
    Ok(())
}

/// Files of one unit written to temporaries and waiting to be renamed into place together.
#[derive(Debug, Default)]
pub struct Staged {
    files: Vec<(NamedTempFile, PathBuf)>,
}

impl Staged {
    /// Nothing staged yet.
    pub fn new() -> Staged {
        Staged::default()
    }

    /// Writes `bytes` to a temporary file beside `target`.
    pub fn add(&mut self, target: &Path, bytes: &[u8]) -> Result<(), WriteError> {
        let fail = |e: std::io::Error| WriteError::Write {
            path: target.to_path_buf(),
            reason: WriteReason::from(e),
        };
        let mut tmp = temp_in(parent_of(target), &suffix_of(target)).map_err(fail)?;
        tmp.write_all(bytes).map_err(fail)?;
        self.files.push((tmp, target.to_path_buf()));
        Ok(())
    }

    /// The temporary file staged for `target`, while it is staged.
    pub fn temp_path(&self, target: &Path) -> Option<&Path> {
        self.files
            .iter()
            .find(|(_, t)| t == target)
            .map(|(f, _)| f.path())
    }

    /// Stages a temporary file that something else filled (a printed PDF) for `target`.
    pub fn add_file(&mut self, tmp: NamedTempFile, target: &Path) {
        self.files.push((tmp, target.to_path_buf()));
    }

    /// Renames every staged file into place, keeping the permission bits of a report that is
    /// replaced. Returns the targets written.
    pub fn commit(self) -> Result<Vec<PathBuf>, WriteError> {
        let targets: Vec<PathBuf> = self.files.iter().map(|(_, t)| t.clone()).collect();
        // A directory in a report's place would fail its rename: refuse before renaming any.
        for target in &targets {
            if std::fs::symlink_metadata(target).is_ok_and(|m| m.is_dir()) {
                return Err(WriteError::Write {
                    path: target.clone(),
                    reason: WriteReason::IsADirectory,
                });
            }
        }
        for (tmp, target) in &self.files {
            if let Ok(old) = std::fs::symlink_metadata(target)
                && old.is_file()
            {
                // Best effort: a report the user made private stays private.
                let _ = std::fs::set_permissions(tmp.path(), old.permissions());
            }
        }
        let mut updated = Vec::new();
        for (tmp, target) in self.files {
            if let Err(e) = tmp.persist(&target) {
                let reason = WriteReason::from(e.error);
                if updated.is_empty() {
                    return Err(WriteError::Write { path: target, reason });
                }
                let kept = targets
                    .iter()
                    .filter(|t| !updated.contains(*t))
                    .cloned()
                    .collect();
                return Err(WriteError::Partly {
                    failed: target,
                    reason,
                    updated,
                    kept,
                });
            }
            updated.push(target);
        }
        Ok(updated)
    }
}

/// Writes `bytes` to `path` atomically (temporary file in the same directory, then rename),
/// keeping the permission bits of a file it replaces.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = temp_in(parent_of(path), &suffix_of(path))?;
    tmp.write_all(bytes)?;
    if let Ok(old) = std::fs::symlink_metadata(path)
        && old.is_file()
    {
        let _ = std::fs::set_permissions(tmp.path(), old.permissions());
    }
    tmp.persist(path).map(|_| ()).map_err(|e| e.error)
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

fn suffix_of(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .filter(|e| e.len() <= 8)
        .map(|e| format!(".{e}"))
        .unwrap_or_else(|| ".tmp".to_string())
}

/// Removes, from `dir`, the temporary files a killed juesuan left behind: regular files named
/// [`TEMP_PREFIX`]`<pid>-…` whose process no longer exists. Files of a juesuan still running,
/// and anything else, are left alone. Returns how many were removed.
pub fn clean_leftovers(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(TEMP_PREFIX))
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && !process_alive(pid) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 sends nothing; it only asks whether the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("juesuan-out-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn names(d: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_whole_file_and_leaves_no_temporaries() {
        let d = dir("replace");
        let p = d.join("a.md");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(names(&d), ["a.md"]);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_symlink_at_the_report_name_is_replaced_not_followed() {
        let d = dir("symlink");
        let victim = d.join("victim.txt");
        std::fs::write(&victim, "keep").unwrap();
        std::os::unix::fs::symlink(&victim, d.join("a.md")).unwrap();
        write_atomic(&d.join("a.md"), b"report").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        let meta = std::fs::symlink_metadata(d.join("a.md")).unwrap();
        assert!(meta.is_file(), "the report is a regular file, not a link");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn keeps_permission_bits_of_an_existing_report() {
        use std::os::unix::fs::PermissionsExt;
        let d = dir("perm");
        let p = d.join("a.md");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn cleans_only_leftovers_of_dead_processes() {
        let d = dir("clean");
        // pid 0x7ffffffe is never a live process on Linux (pid_max is at most 2^22).
        let dead = d.join(format!("{TEMP_PREFIX}2147483646-abc.md"));
        let alive = d.join(format!("{TEMP_PREFIX}{}-abc.md", std::process::id()));
        let other = d.join(".juesuan-notes.md");
        for f in [&dead, &alive, &other] {
            std::fs::write(f, "x").unwrap();
        }
        assert_eq!(clean_leftovers(&d), 1);
        assert!(!dead.exists() && alive.exists() && other.exists());
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_unit_is_replaced_whole_or_not_at_all() {
        let d = dir("partly");
        std::fs::write(d.join("a.md"), "old md").unwrap();
        // A directory where the .html should go: the .md must not be replaced alone.
        std::fs::create_dir_all(d.join("a.html/x")).unwrap();
        let mut staged = Staged::new();
        staged.add(&d.join("a.md"), b"new md").unwrap();
        staged.add(&d.join("a.html"), b"new html").unwrap();
        let e = staged.commit().unwrap_err();
        assert!(e.to_string().contains("同名的目录已存在"), "{e}");
        assert_eq!(std::fs::read_to_string(d.join("a.md")).unwrap(), "old md");
        assert_eq!(names(&d), ["a.html", "a.md"], "no temporaries left");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_symlinked_subdirectory_is_refused() {
        let d = dir("symdir");
        let elsewhere = dir("symdir-target");
        std::os::unix::fs::symlink(&elsewhere, d.join("sub")).unwrap();
        let e = create_dir_below(&d, &d.join("sub/deeper")).unwrap_err();
        assert!(matches!(e, WriteError::SymlinkDir(_)), "{e}");
        std::fs::remove_dir_all(&d).unwrap();
        std::fs::remove_dir_all(&elsewhere).unwrap();
    }
}
