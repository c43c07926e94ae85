//! The study file on disk: never lose a note.
//!
//! - Saving replaces the file atomically (temporary file in the same folder, fsync, rename,
//!   fsync the folder), after copying the previous version to `.parallax-backups/` (the
//!   last [`BACKUPS`] are kept).
//! - Before saving, the file on disk is compared with what was last read or written: if
//!   something else changed it (a sync tool, git), the save is refused as a [`SaveError::Conflict`]
//!   and the reader chooses; it is never silently overwritten.
//! - A study that does not parse is moved aside to `NAME.corrupt-TIME`, never overwritten; the
//!   newest backup that parses is offered.
//! - A second Parallax on the same study finds it locked and opens it read-only.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::model::{STUDY_VERSION, Study};
use crate::fsutil::atomic_write;

/// The study file's default name, in the article folder.
pub const DEFAULT_NAME: &str = "parallax-study.ron";
/// How many previous versions are kept.
pub const BACKUPS: usize = 5;
/// Where backups go, next to the study.
pub const BACKUP_DIR: &str = ".parallax-backups";

/// What a file on disk looked like when we last read or wrote it. Two states are equal when
/// the bytes are (a touch that changes only the modification time is no conflict).
#[derive(Debug, Clone, Eq)]
pub struct DiskState {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: String,
}

impl PartialEq for DiskState {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.hash == other.hash
    }
}

impl DiskState {
    /// The state of `path` now (None when there is no file).
    pub fn of(path: &Path) -> io::Result<Option<DiskState>> {
        match fs::read(path) {
            Ok(bytes) => Ok(Some(Self::from_bytes(path, &bytes))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn from_bytes(path: &Path, bytes: &[u8]) -> DiskState {
        let meta = fs::metadata(path).ok();
        DiskState {
            len: bytes.len() as u64,
            modified: meta.and_then(|m| m.modified().ok()),
            hash: blake3::hash(bytes).to_hex().to_string(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StudyError {
    #[error("cannot read the study {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// The result of opening a study file.
#[derive(Debug)]
pub enum Opened {
    /// There is no study file yet: a new, empty study (created on the first save).
    New(Study),
    /// Read and parsed.
    Read { study: Study, disk: DiskState },
    /// Written by a newer Parallax: shown read-only so nothing it holds is lost.
    Newer {
        study: Study,
        disk: DiskState,
        found: u32,
    },
    /// It does not parse.
    Corrupt(Damaged),
}

/// A study file that does not parse: where the error is, where the file went (nothing was
/// overwritten), and the newest backup that parses.
#[derive(Debug, Clone, PartialEq)]
pub struct Damaged {
    /// Where the file is now: moved aside to `….corrupt-<time>`, or left in place when it was
    /// opened read-only.
    pub moved_to: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub backup: Option<PathBuf>,
}

/// Parse study RON text; errors carry line and column.
pub fn parse(text: &str) -> Result<Study, (usize, usize, String)> {
    let mut study = ron::from_str::<Study>(text)
        .map_err(|e| (e.span.start.line, e.span.start.col, e.code.to_string()))?;
    // A hand-edited file may list notes out of order; the study keeps them by id.
    study.normalize();
    Ok(study)
}

/// A timestamp for file names: `20261123-101500`.
fn stamp() -> String {
    let now = jiff::Zoned::now();
    now.strftime("%Y%m%d-%H%M%S").to_string()
}

/// Open a study file (a corrupt one is moved aside).
pub fn open(path: &Path) -> Result<Opened, StudyError> {
    open_inner(path, true)
}

/// Open a study file without changing anything on disk (another Parallax owns it): a corrupt
/// file is reported where it is.
pub fn open_untouched(path: &Path) -> Result<Opened, StudyError> {
    open_inner(path, false)
}

fn open_inner(path: &Path, move_aside: bool) -> Result<Opened, StudyError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        // No file yet (or no folder to hold one): a new study. Whether it can be saved is
        // found out by the lock and the first save, which say so plainly.
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(Opened::New(Study::default()));
        }
        Err(source) => {
            return Err(StudyError::Read {
                path: path.to_owned(),
                source,
            });
        }
    };
    let disk = DiskState::from_bytes(path, &bytes);
    let text = String::from_utf8_lossy(&bytes);
    match parse(&text) {
        Ok(study) if study.version > STUDY_VERSION => Ok(Opened::Newer {
            found: study.version,
            study,
            disk,
        }),
        Ok(study) => Ok(Opened::Read { study, disk }),
        Err((line, col, message)) if !move_aside => Ok(Opened::Corrupt(Damaged {
            moved_to: path.to_owned(),
            line,
            col,
            message,
            backup: newest_good_backup(path),
        })),
        Err((line, col, message)) => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let moved_to = path.with_file_name(format!("{name}.corrupt-{}", stamp()));
            fs::rename(path, &moved_to).map_err(|source| StudyError::Read {
                path: path.to_owned(),
                source,
            })?;
            Ok(Opened::Corrupt(Damaged {
                moved_to,
                line,
                col,
                message,
                backup: newest_good_backup(path),
            }))
        }
    }
}

/// Why a save did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("the study file changed on disk since it was read")]
    Conflict { current: Option<DiskState> },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl SaveError {
    /// The folder cannot be written (permissions, read-only disk).
    pub fn is_unwritable(&self) -> bool {
        matches!(self, Self::Write { source, .. } if matches!(source.kind(), io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::NotFound | io::ErrorKind::NotADirectory))
    }
}

/// Save a study over `path`, unless the file changed since `expected` (None: we expect no
/// file). Returns the new disk state.
pub fn save(
    path: &Path,
    study: &Study,
    expected: Option<&DiskState>,
) -> Result<DiskState, SaveError> {
    let write_err = |source| SaveError::Write {
        path: path.to_owned(),
        source,
    };
    let current = DiskState::of(path).map_err(write_err)?;
    if current.as_ref() != expected {
        return Err(SaveError::Conflict { current });
    }
    if current.is_some() {
        backup(path).map_err(write_err)?;
    }
    let text = study.to_ron();
    atomic_write(path, text.as_bytes()).map_err(write_err)?;
    Ok(DiskState::from_bytes(path, text.as_bytes()))
}

/// Save a copy next to `path` as `NAME.SUFFIX-TIME.ron` (conflicts: keep both versions).
pub fn save_copy(path: &Path, study: &Study, suffix: &str) -> io::Result<PathBuf> {
    let copy = copy_path(path, suffix);
    atomic_write(&copy, study.to_ron().as_bytes())?;
    Ok(copy)
}

/// Where a copy of `path` goes: `NAME.SUFFIX-TIME.ron` next to it.
pub fn copy_path(path: &Path, suffix: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "study".into());
    path.with_file_name(format!("{stem}.{suffix}-{}.ron", stamp()))
}

fn backup_dir(path: &Path) -> PathBuf {
    path.parent().unwrap_or(Path::new(".")).join(BACKUP_DIR)
}

/// Copy the current file into the backup folder and keep the newest [`BACKUPS`].
fn backup(path: &Path) -> io::Result<()> {
    let dir = backup_dir(path);
    fs::create_dir_all(&dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Nanoseconds keep two saves in one second apart.
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let target = dir.join(format!("{name}.{}-{nanos:09}", stamp()));
    // A plain in-kernel copy, not synced: a backup cut short by a crash does not parse and
    // is passed over by `newest_good_backup`; the study itself is always written atomically.
    fs::copy(path, &target)?;
    let mut all = backups(path);
    for old in all.drain(BACKUPS.min(all.len())..) {
        let _ = fs::remove_file(old);
    }
    Ok(())
}

/// Backups of `path`, newest first.
pub fn backups(path: &Path) -> Vec<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!("{name}.");
    let mut found: Vec<PathBuf> = fs::read_dir(backup_dir(path))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found.reverse();
    found
}

/// The newest backup that parses as a study.
pub fn newest_good_backup(path: &Path) -> Option<PathBuf> {
    backups(path).into_iter().find(|b| {
        fs::read_to_string(b)
            .ok()
            .is_some_and(|t| parse(&t).is_ok())
    })
}

/// An exclusive lock on a study, held while the study is open for writing.
#[derive(Debug)]
pub struct StudyLock {
    _file: File,
    pub path: PathBuf,
}

/// Why the lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("another Parallax has this study open")]
    Held,
    #[error("cannot create the lock file {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// The sidecar lock file of a study: `.NAME.lock` in the same folder.
pub fn lock_path(study: &Path) -> PathBuf {
    let name = study
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    study.with_file_name(format!(".{name}.lock"))
}

/// Lock a study for writing; released when the lock is dropped (or the process dies).
pub fn lock(study: &Path) -> Result<StudyLock, LockError> {
    let path = lock_path(study);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|source| LockError::Io {
            path: path.clone(),
            source,
        })?;
    match file.try_lock() {
        Ok(()) => Ok(StudyLock { _file: file, path }),
        Err(fs::TryLockError::WouldBlock) => Err(LockError::Held),
        Err(fs::TryLockError::Error(source)) => Err(LockError::Io { path, source }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::model::{Note, NoteKind, Target};

    fn study_with(n: u64) -> Study {
        let mut s = Study::default();
        for id in 1..=n {
            s.notes.push(
                Note {
                    id,
                    created: jiff::Timestamp::UNIX_EPOCH,
                    updated: jiff::Timestamp::UNIX_EPOCH,
                    kind: NoteKind::Observation,
                    target: Target::Study,
                    text: format!("note {id}"),
                    codes: vec![],
                    review: None,
                }
                .into(),
            );
        }
        s
    }

    #[test]
    fn save_then_open_round_trips_and_keeps_five_backups() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DEFAULT_NAME);
        assert!(matches!(open(&path).unwrap(), Opened::New(_)));
        let mut disk = None;
        for n in 1..=8 {
            disk = Some(save(&path, &study_with(n), disk.as_ref()).unwrap());
        }
        match open(&path).unwrap() {
            Opened::Read { study, disk: d } => {
                assert_eq!(study.notes.len(), 8);
                assert_eq!(Some(d), disk);
            }
            other => panic!("{other:?}"),
        }
        let b = backups(&path);
        assert_eq!(b.len(), BACKUPS);
        // The newest backup is the version before the last save.
        let newest = parse(&fs::read_to_string(&b[0]).unwrap()).unwrap();
        assert_eq!(newest.notes.len(), 7);
    }

    #[test]
    fn a_file_changed_by_someone_else_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DEFAULT_NAME);
        let disk = save(&path, &study_with(1), None).unwrap();
        // A sync tool writes another version.
        fs::write(&path, study_with(3).to_ron()).unwrap();
        let err = save(&path, &study_with(2), Some(&disk)).unwrap_err();
        assert!(matches!(err, SaveError::Conflict { current: Some(_) }));
        assert_eq!(
            parse(&fs::read_to_string(&path).unwrap())
                .unwrap()
                .notes
                .len(),
            3
        );
        // A new study must not replace a file that appeared meanwhile.
        assert!(matches!(
            save(&path, &study_with(1), None),
            Err(SaveError::Conflict { .. })
        ));
        // Keep both: mine as a copy.
        let copy = save_copy(&path, &study_with(2), "mine").unwrap();
        assert!(
            copy.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("parallax-study.mine-")
        );
        assert_eq!(
            parse(&fs::read_to_string(copy).unwrap())
                .unwrap()
                .notes
                .len(),
            2
        );
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_and_a_good_backup_offered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DEFAULT_NAME);
        let d1 = save(&path, &study_with(1), None).unwrap();
        save(&path, &study_with(2), Some(&d1)).unwrap();
        fs::write(&path, "(version: 1, notes: [ (id: 1, created: ").unwrap();
        match open(&path).unwrap() {
            Opened::Corrupt(Damaged {
                moved_to,
                line,
                col,
                backup,
                ..
            }) => {
                assert_eq!(line, 1);
                assert!(col > 1);
                assert!(moved_to.to_string_lossy().contains(".corrupt-"));
                assert_eq!(
                    fs::read_to_string(&moved_to).unwrap(),
                    "(version: 1, notes: [ (id: 1, created: "
                );
                assert!(
                    !path.exists(),
                    "moved, not copied: nothing will overwrite it"
                );
                let b = backup.expect("a good backup");
                assert_eq!(
                    parse(&fs::read_to_string(b).unwrap()).unwrap().notes.len(),
                    1
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_newer_format_opens_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DEFAULT_NAME);
        fs::write(
            &path,
            "(version: 7, title: \"From the future\", future_field: 3)",
        )
        .unwrap();
        match open(&path).unwrap() {
            Opened::Newer { found, study, .. } => {
                assert_eq!(found, 7);
                assert_eq!(study.title, "From the future");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_lock_is_exclusive() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DEFAULT_NAME);
        let first = lock(&path).unwrap();
        assert!(matches!(lock(&path), Err(LockError::Held)));
        drop(first);
        assert!(lock(&path).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn an_unwritable_folder_is_reported_as_such() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let ro = dir.path().join("ro");
        fs::create_dir(&ro).unwrap();
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
        let path = ro.join(DEFAULT_NAME);
        let result = save(&path, &study_with(1), None);
        if fs::write(ro.join("probe"), b"x").is_ok() {
            // Running as root: permissions do not stop writing.
            assert!(result.is_ok());
        } else {
            assert!(result.unwrap_err().is_unwritable());
        }
        // A missing folder is unwritable too.
        let err = save(&dir.path().join("gone/x.ron"), &study_with(1), None).unwrap_err();
        assert!(err.is_unwritable(), "{err}");
    }
}
