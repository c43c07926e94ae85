//! The study file on disk: never lose a note.
//!
//! - Saving replaces the file atomically (temporary file in the same folder, fsync, rename,
//!   fsync the folder) and checks its size, after copying the previous version to
//!   `.parallax-backups/`. A backup is itself written atomically and checked, so a failed
//!   copy (a full disk) leaves no empty file and deletes nothing; backups are thinned by age
//!   ([`retain`]) and the newest good one is never deleted.
//! - Before saving, the file on disk is compared with what was last read or written: if
//!   something else changed it (a sync tool, git), the save is refused as a [`SaveError::Conflict`]
//!   and the reader chooses; it is never silently overwritten.
//! - A study that does not parse is moved aside to `NAME.corrupt-TIME`, never overwritten; the
//!   newest backup that parses is offered. A study with fields this version does not know
//!   ([`crate::persist`]) opens read-only, so they are never saved away.
//! - Notes that share an id (what a merge of two study files makes) are all kept: the later
//!   ones get new ids, and the reader is told.
//! - A second Parallax on the same study finds it locked and opens it read-only.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::model::{STUDY_VERSION, Study};
use crate::fsutil::atomic_write;
use crate::persist::{self, SyntaxError};

/// The study file's default name, in the article folder.
pub const DEFAULT_NAME: &str = "parallax-study.ron";
/// The newest backups kept whatever their age.
pub const KEEP_NEWEST: usize = 3;
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

    pub fn from_bytes(path: &Path, bytes: &[u8]) -> DiskState {
        Self::hashed(path, bytes.len(), content_hash(bytes))
    }

    /// The state of the file at `path` holding `len` bytes whose content hash is `hash`.
    fn hashed(path: &Path, len: usize, hash: String) -> DiskState {
        let meta = fs::metadata(path).ok();
        DiskState {
            len: len as u64,
            modified: meta.and_then(|m| m.modified().ok()),
            hash,
        }
    }
}

/// The content hash a study file is known by (in its disk state and the journal).
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
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
    Read {
        study: Study,
        disk: DiskState,
        /// Notes and links that shared an id with another and were given new ones.
        renumbered: Vec<Renumbered>,
    },
    /// Written by a newer Parallax: shown read-only so nothing it holds is lost.
    Newer {
        study: Study,
        disk: DiskState,
        found: u32,
    },
    /// It holds fields this Parallax does not know (written by something else, or edited by
    /// hand): shown read-only so they are never saved away.
    Foreign {
        study: Study,
        disk: DiskState,
        unknown: Vec<String>,
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

/// A note or link whose id another already had: it keeps everything but its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Renumbered {
    pub was: u64,
    pub now: u64,
}

/// A study as read from text, with what the reader must be told.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadStudy {
    pub study: Study,
    /// Fields this version does not know (the file is then not ours to overwrite).
    pub unknown: Vec<String>,
    pub renumbered: Vec<Renumbered>,
}

/// Read study RON text: unknown fields are collected, notes are put in id order, and ids
/// used twice are made unique (every note is kept).
pub fn read(text: &str) -> Result<ReadStudy, SyntaxError> {
    let strict = persist::from_ron::<Study>(text)?;
    let mut study = strict.value;
    let renumbered = unique_ids(&mut study);
    study.normalize();
    Ok(ReadStudy {
        study,
        unknown: strict.unknown,
        renumbered,
    })
}

/// Parse study RON text (unknown fields ignored; see [`read`] for the whole story).
pub fn parse(text: &str) -> Result<Study, SyntaxError> {
    read(text).map(|r| r.study)
}

/// Give every note and link its own id. Notes and links share one sequence; the first
/// holder of an id (notes before links, in file order) keeps it, the others get fresh ids
/// after the highest in use.
fn unique_ids(study: &mut Study) -> Vec<Renumbered> {
    let mut seen = std::collections::HashSet::new();
    let mut next = study.next_id();
    let mut renumbered = Vec::new();
    let mut fresh = |id: u64| {
        if seen.insert(id) {
            return None;
        }
        let now = next;
        next += 1;
        seen.insert(now);
        renumbered.push(Renumbered { was: id, now });
        Some(now)
    };
    for n in &mut study.notes {
        if let Some(now) = fresh(n.id) {
            Arc::make_mut(n).id = now;
        }
    }
    for l in &mut study.links {
        if let Some(now) = fresh(l.id) {
            Arc::make_mut(l).id = now;
        }
    }
    renumbered
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
    match read(&text) {
        Ok(r) if r.study.version > STUDY_VERSION => Ok(Opened::Newer {
            found: r.study.version,
            study: r.study,
            disk,
        }),
        Ok(r) if !r.unknown.is_empty() => Ok(Opened::Foreign {
            study: r.study,
            disk,
            unknown: r.unknown,
        }),
        Ok(r) => Ok(Opened::Read {
            study: r.study,
            disk,
            renumbered: r.renumbered,
        }),
        Err(e) if !move_aside => Ok(Opened::Corrupt(Damaged {
            moved_to: path.to_owned(),
            line: e.line,
            col: e.col,
            message: e.message,
            backup: newest_good_backup(path),
        })),
        Err(e) => {
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
                line: e.line,
                col: e.col,
                message: e.message,
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
    save_text(path, &study.to_ron(), expected, &|_| {})
}

/// Save study text over `path` (see [`save`]). `announce` is told the content hash of the
/// new file just before it replaces the old one (the journal marks it, so that a crash right
/// after the rename still finds which edits the file holds).
pub fn save_text(
    path: &Path,
    text: &str,
    expected: Option<&DiskState>,
    announce: &dyn Fn(&str),
) -> Result<DiskState, SaveError> {
    let write_err = |source| SaveError::Write {
        path: path.to_owned(),
        source,
    };
    let current = match fs::read(path) {
        Ok(bytes) => Some((DiskState::from_bytes(path, &bytes), bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(write_err(e)),
    };
    if current.as_ref().map(|(d, _)| d) != expected {
        return Err(SaveError::Conflict {
            current: current.map(|(d, _)| d),
        });
    }
    if let Some((disk, bytes)) = &current {
        backup(path, bytes, &disk.hash).map_err(write_err)?;
    }
    let hash = content_hash(text.as_bytes());
    announce(&hash);
    write_verified(path, text.as_bytes()).map_err(write_err)?;
    Ok(DiskState::hashed(path, text.len(), hash))
}

/// Write `bytes` atomically (synced to disk) and check the file holds that many bytes: a
/// save or a backup counts as done only then.
fn write_verified(path: &Path, bytes: &[u8]) -> io::Result<()> {
    atomic_write(path, bytes)?;
    let len = fs::metadata(path)?.len();
    if len != bytes.len() as u64 {
        return Err(io::Error::other(format!(
            "{} holds {len} bytes after writing {}",
            path.display(),
            bytes.len()
        )));
    }
    Ok(())
}

/// Save a copy next to `path` as `NAME.SUFFIX-TIME.ron` (conflicts: keep both versions).
pub fn save_copy(path: &Path, study: &Study, suffix: &str) -> io::Result<PathBuf> {
    let copy = copy_path(path, suffix);
    write_verified(&copy, study.to_ron().as_bytes())?;
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

pub fn backup_dir(path: &Path) -> PathBuf {
    path.parent().unwrap_or(Path::new(".")).join(BACKUP_DIR)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Keep `bytes` (the version on disk before a save, whose hash is `hash`) in the backup
/// folder, unless the newest backup already holds exactly it; then thin the backups.
fn backup(path: &Path, bytes: &[u8], hash: &str) -> io::Result<()> {
    let dir = backup_dir(path);
    fs::create_dir_all(&dir)?;
    let existing = backups(path);
    let same = existing
        .first()
        .is_some_and(|b| fs::read(b).is_ok_and(|old| blake3::hash(&old).to_hex().as_str() == hash));
    if !same {
        // Nanoseconds keep two saves in one second apart.
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let target = dir.join(format!("{}.{}-{nanos:09}", file_name(path), stamp()));
        // Atomic and synced: a copy that fails (a full disk) leaves nothing behind, and
        // nothing is deleted until a good copy is in place.
        write_verified(&target, bytes)?;
    }
    thin_backups(path);
    Ok(())
}

/// Delete what [`retain`] does not keep, and empty files (never a good backup).
fn thin_backups(path: &Path) {
    let now = SystemTime::now();
    let listed: Vec<(PathBuf, SystemTime, u64)> = backups(path)
        .into_iter()
        .filter_map(|b| {
            let m = fs::metadata(&b).ok()?;
            Some((b, m.modified().unwrap_or(now), m.len()))
        })
        .collect();
    let (empty, good): (Vec<_>, Vec<_>) = listed.into_iter().partition(|(_, _, len)| *len == 0);
    for (b, _, _) in empty {
        let _ = fs::remove_file(b);
    }
    let ages: Vec<Duration> = good
        .iter()
        .map(|(_, t, _)| now.duration_since(*t).unwrap_or_default())
        .collect();
    let keep = retain(&ages);
    for ((b, _, _), k) in good.iter().zip(keep) {
        if !k {
            let _ = fs::remove_file(b);
        }
    }
}

/// Which backups to keep, given their ages newest first: the newest [`KEEP_NEWEST`]; then
/// one per 10 minutes for the last hour, one per hour for two days, one per day for a
/// month, one per 30 days beyond. Within each period the newest is kept.
pub fn retain(ages: &[Duration]) -> Vec<bool> {
    const MIN: u64 = 60;
    const HOUR: u64 = 60 * MIN;
    const DAY: u64 = 24 * HOUR;
    let bucket = |age: Duration| -> (u8, u64) {
        let s = age.as_secs();
        if s < HOUR {
            (0, s / (10 * MIN))
        } else if s < 2 * DAY {
            (1, s / HOUR)
        } else if s < 30 * DAY {
            (2, s / DAY)
        } else {
            (3, s / (30 * DAY))
        }
    };
    let mut seen = std::collections::HashSet::new();
    ages.iter()
        .enumerate()
        .map(|(i, age)| {
            let first_in_bucket = seen.insert(bucket(*age));
            i < KEEP_NEWEST || first_in_bucket
        })
        .collect()
}

/// Backups of `path`, newest first.
pub fn backups(path: &Path) -> Vec<PathBuf> {
    let prefix = format!("{}.", file_name(path));
    let mut found: Vec<PathBuf> = fs::read_dir(backup_dir(path))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    // Temporary files of a copy under way start with a dot.
                    name.starts_with(&prefix) && !name.contains(".tmp-")
                })
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

/// A hidden file beside a study: `.NAME.EXT` in the same folder (hidden, so the folder
/// reader never takes it for an article).
pub fn sidecar(study: &Path, ext: &str) -> PathBuf {
    study.with_file_name(format!(".{}.{ext}", file_name(study)))
}

/// The sidecar lock file of a study: `.NAME.lock` in the same folder.
pub fn lock_path(study: &Path) -> PathBuf {
    sidecar(study, "lock")
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
                    author: String::new(),
                }
                .into(),
            );
        }
        s
    }

    #[test]
    fn save_then_open_round_trips_and_keeps_backups() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DEFAULT_NAME);
        assert!(matches!(open(&path).unwrap(), Opened::New(_)));
        let mut disk = None;
        for n in 1..=8 {
            disk = Some(save(&path, &study_with(n), disk.as_ref()).unwrap());
        }
        match open(&path).unwrap() {
            Opened::Read { study, disk: d, .. } => {
                assert_eq!(study.notes.len(), 8);
                assert_eq!(Some(d), disk);
            }
            other => panic!("{other:?}"),
        }
        let b = backups(&path);
        // Eight quick saves: the newest few, and (all in one ten-minute period) no more.
        assert_eq!(b.len(), KEEP_NEWEST);
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
