//! An open study: the study itself, where it lives, whether it may be written, undo history,
//! and where each note's passage is in the current articles.
//!
//! Every change to the study goes through here and leaves [`Op`]s in an outbox, which the
//! [`super::desk::StudyDesk`] writes to the journal before the change is confirmed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;

use super::Corrections;
use super::anchor::{Resolved, anchor_for, resolve};
use super::history::{Edit, History};
use super::journal::Op;
use super::model::{Anchor, ArticleEntry, ContrastLink, Note, NoteKind, Relation, Study, Target};
use super::store::{self, Damaged, DiskState, LockError, Opened, Renumbered, StudyLock};
use crate::analysis::codebook::Codebook;
use crate::corpus::Corpus;
use crate::document::{Document, Span};
use crate::side::Side;

mod placement;
pub use placement::{Check, Placement};

/// Something the reader must know about the study file.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// Another Parallax has it open: read-only here.
    Locked,
    /// Written by a newer Parallax: read-only here.
    Newer { found: u32 },
    /// It did not parse and was moved aside.
    Corrupt(Damaged),
    /// It holds fields this Parallax does not know: read-only here, so they are kept.
    Foreign { unknown: Vec<String> },
    /// Changed on disk by something else since it was read.
    Conflict,
    /// Cannot be written where it is.
    Unwritable { message: String },
    /// Cannot be read.
    Unreadable { message: String },
}

impl Problem {
    /// Problems that stop saving until the reader acts.
    pub fn blocks_saving(&self) -> bool {
        !matches!(self, Problem::Corrupt(_))
    }
}

/// Something the reader should know about the study that does not stop work on it.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Notes or links that shared an id were given new ones (all are kept).
    Renumbered(Vec<Renumbered>),
    /// Edits from the journal that the study file did not hold yet were put back.
    Replayed { edits: usize },
}

/// Why a change was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("This study is open read-only; changes cannot be made here.")]
    ReadOnly,
}

/// Why an operation on the study's files did not happen.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("the study has no file yet")]
    NoFile,
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not a study Parallax can read: {source}", path.display())]
    Syntax {
        path: PathBuf,
        source: crate::persist::SyntaxError,
    },
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error("there is no such rescued copy")]
    NoSuchCopy,
    #[error("no folder would take a rescued copy ({0})")]
    NowhereToRescue(String),
}

impl FileError {
    fn read(path: &Path) -> impl FnOnce(std::io::Error) -> Self + '_ {
        move |source| Self::Read {
            path: path.to_owned(),
            source,
        }
    }

    fn write(path: &Path) -> impl FnOnce(std::io::Error) -> Self + '_ {
        move |source| Self::Write {
            path: path.to_owned(),
            source,
        }
    }
}

/// An open study.
#[derive(Debug, Default)]
pub struct Session {
    /// Where it is saved (None: nowhere yet; Save study as… chooses).
    pub path: Option<PathBuf>,
    pub study: Study,
    /// The file as last read or written.
    pub disk: Option<DiskState>,
    pub read_only: bool,
    pub problem: Option<Problem>,
    lock: Option<StudyLock>,
    pub history: History,
    /// Bumped by every change; saved when it differs from `saved_gen`.
    pub generation: u64,
    pub saved_gen: u64,
    /// Note id → where its passage is (notes on passages only).
    pub placements: rustc_hash::FxHashMap<u64, Placement>,
    /// Link id → where its two passages are.
    pub link_placements: rustc_hash::FxHashMap<u64, [Placement; 2]>,
    /// Changes whenever the placements do (a cache of what is drawn from them keys on it).
    places_version: PlacesVersion,
    /// The generation the placements were last brought up to date for.
    placed_for: Option<u64>,
    /// What is drawn of the notes and links on each article (their marks) can have changed
    /// when its version changes; articles without an entry go by `marks_epoch`, which
    /// changes whenever the placements are redone as a whole.
    marks_versions: rustc_hash::FxHashMap<usize, MarksStep>,
    marks_epoch: PlacesVersion,
    /// The study's notes (shared copies) as the placements were last brought up to date
    /// with: an unchanged note is the same copy, so one comparison of pointers passes it.
    /// After an edit nearly every note is at the same index as before.
    placed_order: Vec<Arc<Note>>,
    /// The same for links, by id.
    placed_links: rustc_hash::FxHashMap<u64, Arc<ContrastLink>>,
    /// Which notes and links the last changes touched, by generation.
    changes: ChangeLog,
    /// What the reader should know about the study as read.
    pub notices: Vec<Notice>,
    /// Changes not yet handed to the journal.
    outbox: Vec<Op>,
    /// Who is working: new notes and links record this name as their author.
    pub author: String,
}

/// A version of a session's placements, handed out by the session whenever they change.
/// Versions are unique in the process, so a study opened in place of another never
/// repeats one the caches saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PlacesVersion(u64);

impl Default for PlacesVersion {
    fn default() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

/// The notes and links each recent change touched, for those who patch what they drew.
#[derive(Debug, Default)]
struct ChangeLog {
    /// The generation the log starts at.
    start: u64,
    /// The generation the log is complete up to.
    upto: u64,
    /// (generation after the change, ids it touched).
    entries: std::collections::VecDeque<(u64, Vec<u64>)>,
}

impl ChangeLog {
    /// How many changes are kept.
    const KEPT: usize = 64;

    fn note(&mut self, before: u64, after: u64, ids: Option<Vec<u64>>) {
        let Some(ids) = ids else {
            // A change of everything: nothing before it can be patched.
            *self = Self {
                start: after,
                upto: after,
                ..Self::default()
            };
            return;
        };
        if self.upto != before {
            // Something changed that the log did not see: it starts again here.
            self.entries.clear();
            self.start = before;
        }
        self.entries.push_back((after, ids));
        if self.entries.len() > Self::KEPT
            && let Some((after, _)) = self.entries.pop_front()
        {
            self.start = after;
        }
        self.upto = after;
    }

    pub(super) fn since(&self, generation: u64, now: u64) -> Option<Vec<u64>> {
        if self.upto != now || generation < self.start || generation > now {
            return None;
        }
        let mut ids: Vec<u64> = self
            .entries
            .iter()
            .filter(|(after, _)| *after > generation)
            .flat_map(|(_, ids)| ids.iter().copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        Some(ids)
    }
}

/// An article's marks version and how it came from the one before.
#[derive(Debug)]
struct MarksStep {
    version: PlacesVersion,
    after: PlacesVersion,
    /// The notes and links whose marks on the article may differ between the two.
    changed: Vec<u64>,
}

/// What a new note is about and says.
#[derive(Debug, Clone, PartialEq)]
pub struct NewNote {
    pub kind: NoteKind,
    pub target: Target,
    pub text: String,
    pub codes: Vec<String>,
}

impl Session {
    /// A study kept in memory only (nothing to save it to yet).
    pub fn in_memory() -> Self {
        Self::default()
    }

    /// Open (or start) the study at `path`: lock it, read it, and report problems.
    pub fn open(path: &Path) -> Self {
        let mut s = Session {
            path: Some(path.to_owned()),
            ..Default::default()
        };
        match store::lock(path) {
            Ok(lock) => s.lock = Some(lock),
            Err(LockError::Held) => {
                s.read_only = true;
                s.problem = Some(Problem::Locked);
            }
            // A folder we cannot even create a lock file in cannot take the study either.
            Err(LockError::Io { source, .. }) => {
                s.problem = Some(Problem::Unwritable {
                    message: source.to_string(),
                });
            }
        }
        s.read();
        s
    }

    /// Whether this session holds the study's lock (and so may write it and its journal).
    pub fn has_lock(&self) -> bool {
        self.lock.is_some()
    }

    /// Read the study file into the session, reporting what is wrong with it.
    fn read(&mut self) {
        let Some(path) = self.path.clone() else {
            return;
        };
        let opened = if self.lock.is_some() {
            store::open(&path)
        } else {
            store::open_untouched(&path)
        };
        match opened {
            Ok(Opened::New(study)) => {
                self.study = study;
                self.disk = None;
            }
            Ok(Opened::Read {
                study,
                disk,
                renumbered,
            }) => {
                self.study = study;
                self.disk = Some(disk);
                if !renumbered.is_empty() {
                    // The file still has the doubled ids: save the study with its new ones.
                    self.notices.push(Notice::Renumbered(renumbered));
                    self.touch();
                    self.outbox.push(Op::Study(Box::new(self.study.clone())));
                }
            }
            Ok(Opened::Newer { study, disk, found }) => {
                self.study = study;
                self.disk = Some(disk);
                self.read_only = true;
                self.problem = Some(Problem::Newer { found });
            }
            Ok(Opened::Foreign {
                study,
                disk,
                unknown,
            }) => {
                self.study = study;
                self.disk = Some(disk);
                self.read_only = true;
                self.problem = Some(Problem::Foreign { unknown });
            }
            Ok(Opened::Corrupt(damaged)) => {
                self.study = Study::default();
                self.disk = None;
                self.problem = Some(Problem::Corrupt(damaged));
            }
            Err(e) => {
                self.read_only = true;
                self.problem = Some(Problem::Unreadable {
                    message: e.to_string(),
                });
            }
        }
        self.study.normalize();
    }

    /// Read the file again, dropping what is in memory (the reader chose the version on
    /// disk). Undo history goes: it described the other version.
    pub fn reload(&mut self) {
        if matches!(self.problem, Some(Problem::Conflict)) {
            self.problem = None;
        }
        self.notices.clear();
        self.read();
        self.history.clear();
        self.placements.clear();
        self.link_placements.clear();
        self.placed();
        self.placed_for = None;
        self.outbox.clear();
        self.touch();
        self.saved_gen = self.generation;
    }

    /// Whether the file on disk is no longer what this session last read or wrote.
    pub fn changed_on_disk(&self) -> bool {
        let Some(path) = &self.path else { return false };
        match DiskState::of(path) {
            Ok(now) => now != self.disk,
            Err(_) => false,
        }
    }

    /// After a conflict: keep both versions. `keep_mine` keeps the study in memory as the
    /// study (the version on disk is copied aside first); otherwise the version in memory is
    /// saved as a copy and the one on disk is read. Returns the copy's path.
    pub fn resolve_conflict(&mut self, keep_mine: bool) -> Result<PathBuf, FileError> {
        let path = self.path.clone().ok_or(FileError::NoFile)?;
        if keep_mine {
            let theirs = std::fs::read(&path).map_err(FileError::read(&path))?;
            let copy = store::copy_path(&path, "theirs");
            crate::fsutil::atomic_write(&copy, &theirs).map_err(FileError::write(&copy))?;
            self.disk = DiskState::of(&path).map_err(FileError::read(&path))?;
            self.problem = None;
            self.saved_gen = u64::MAX;
            Ok(copy)
        } else {
            let copy = store::save_copy(&path, &self.study, "mine")
                .map_err(FileError::write(&store::copy_path(&path, "mine")))?;
            self.reload();
            Ok(copy)
        }
    }

    /// Whether there is anything to write: notes, links, corrections, page choices, worksheets,
    /// or a file to keep current.
    pub fn worth_saving(&self) -> bool {
        self.disk.is_some()
            || !self.study.notes.is_empty()
            || !self.study.links.is_empty()
            || self
                .study
                .articles
                .values()
                .any(ArticleEntry::holds_readers_work)
    }

    /// Why saving is held back, if it is.
    pub fn save_blocked(&self) -> bool {
        self.path.is_none()
            || self.read_only
            || self.problem.as_ref().is_some_and(Problem::blocks_saving)
    }

    /// Replace the study with a backup (after a corrupt file): it will be saved as the study.
    pub fn restore_backup(&mut self, backup: &Path) -> Result<(), FileError> {
        let text = std::fs::read_to_string(backup).map_err(FileError::read(backup))?;
        let study = store::parse(&text).map_err(|source| FileError::Syntax {
            path: backup.to_owned(),
            source,
        })?;
        self.study = study;
        self.study.normalize();
        self.history.clear();
        self.problem = None;
        self.touch();
        self.outbox.push(Op::Study(Box::new(self.study.clone())));
        Ok(())
    }

    /// Add notes, links and codes made elsewhere (an import, a merge) as one undoable step:
    /// each note and link gets a new id, the `frames` join the study's codebook. Returns how
    /// many notes and links were added.
    pub fn add_all(
        &mut self,
        notes: Vec<Note>,
        links: Vec<ContrastLink>,
        frames: &[crate::analysis::codebook::Frame],
    ) -> Result<usize, EditError> {
        self.writable()?;
        let mut id = self.study.next_id();
        let mut edits = Vec::with_capacity(notes.len() + links.len() + 1);
        if !frames.is_empty() {
            let before = self.study.codebook.clone();
            let mut after = before.clone().unwrap_or_default();
            after.frames.extend(frames.iter().cloned());
            edits.push(Edit::SetCodebook {
                before: before.map(Box::new),
                after: Some(Box::new(after)),
            });
        }
        for mut n in notes {
            n.id = id;
            id += 1;
            edits.push(Edit::AddNote(n));
        }
        for mut l in links {
            l.id = id;
            id += 1;
            edits.push(Edit::AddLink(l));
        }
        let n = edits.len() - usize::from(!frames.is_empty());
        self.perform(edits)?;
        Ok(n)
    }

    /// Replace the study with another version of it (a backup, a rescued copy) as one
    /// undoable action: every note, link and article entry that differs is changed.
    pub fn restore_version(&mut self, other: &Study) -> Result<usize, EditError> {
        self.writable()?;
        // Which article versions the study last saw stays as it is: only the reader's own
        // work (notes, links, corrections) comes from the other version.
        let mut target = other.clone();
        let paths: std::collections::BTreeSet<String> = self
            .study
            .articles
            .keys()
            .chain(other.articles.keys())
            .cloned()
            .collect();
        target.articles = paths
            .into_iter()
            .filter_map(|p| {
                let hash = self.study.articles.get(&p).map(|e| e.content_hash.clone());
                let theirs = other.articles.get(&p);
                let entry = ArticleEntry {
                    content_hash: hash.unwrap_or_default(),
                    corrections: theirs.map(|e| e.corrections.clone()).unwrap_or_default(),
                    whole_page: theirs.is_some_and(|e| e.whole_page),
                    worksheet: theirs.map(|e| e.worksheet.clone()).unwrap_or_default(),
                };
                (entry != ArticleEntry::default()).then_some((p, entry))
            })
            .collect();
        let edits = differences(&self.study, &target);
        let n = edits.len();
        self.perform(edits)?;
        Ok(n)
    }

    /// Changes handed over since the last call (for the journal).
    pub fn take_ops(&mut self) -> Vec<Op> {
        std::mem::take(&mut self.outbox)
    }

    /// Whether changes wait to be handed to the journal.
    pub fn has_ops(&self) -> bool {
        !self.outbox.is_empty()
    }

    /// Apply edits the journal held that the file did not (on opening).
    pub fn replay(&mut self, ops: &[Op]) {
        for op in ops {
            op.apply(&mut self.study);
        }
        self.study.normalize();
        if !ops.is_empty() {
            let edits = ops.iter().filter(|o| o.is_readers_work()).count();
            if edits > 0 {
                self.notices.push(Notice::Replayed { edits });
            }
            self.touch();
        }
    }

    /// Whether there are changes not yet saved.
    pub fn dirty(&self) -> bool {
        self.generation != self.saved_gen
    }

    fn touch(&mut self) {
        self.generation += 1;
    }

    /// The placements' version: it changes whenever they do.
    pub fn places_version(&self) -> PlacesVersion {
        self.places_version
    }

    /// Whether the placements are up to date with the notes (no change since they were
    /// last worked out); [`Session::refresh_placements`] brings them up to date.
    pub fn placements_current(&self) -> bool {
        self.placed_for == Some(self.generation)
    }

    /// A version of what is drawn of the notes and links on article `doc` (their passages,
    /// texts, codes, checks): it changes whenever that can have changed, and only then, so
    /// the marks of an article no change touched are kept.
    pub fn marks_version(&self, doc: usize) -> PlacesVersion {
        self.marks_versions
            .get(&doc)
            .map_or(self.marks_epoch, |s| s.version)
    }

    /// How article `doc`'s marks version came about, when it came from another one by
    /// changes to a few notes and links: (the version before, their ids). Marks made for
    /// the version before need only those notes' and links' marks made again.
    pub fn marks_changes(&self, doc: usize) -> Option<(PlacesVersion, &[u64])> {
        self.marks_versions
            .get(&doc)
            .map(|s| (s.after, s.changed.as_slice()))
    }

    /// The placements were redone as a whole and now match the notes as they are: every
    /// article's marks are to be made again.
    fn placed(&mut self) {
        self.marks_epoch = PlacesVersion::default();
        self.marks_versions.clear();
        self.placed_order.clear();
        self.placed_links.clear();
        self.placed_in(std::iter::empty());
    }

    /// The placements were brought up to date after changes that touched the notes on the
    /// articles `touched` (the others' marks stay as they are).
    fn placed_in(&mut self, touched: impl IntoIterator<Item = (usize, Vec<u64>)>) {
        for (doc, changed) in touched {
            let after = self.marks_version(doc);
            self.marks_versions.insert(
                doc,
                MarksStep {
                    version: PlacesVersion::default(),
                    after,
                    changed,
                },
            );
        }
        self.places_version = PlacesVersion::default();
        self.placed_for = Some(self.generation);
    }

    fn writable(&self) -> Result<(), EditError> {
        if self.read_only {
            Err(EditError::ReadOnly)
        } else {
            Ok(())
        }
    }

    /// Apply an action (undoable).
    fn perform(&mut self, edits: Vec<Edit>) -> Result<(), EditError> {
        self.writable()?;
        let ops = self.history.perform(&mut self.study, edits);
        self.record(ops);
        Ok(())
    }

    /// A change was made: it is to be saved and journaled.
    fn record(&mut self, ops: Vec<Op>) {
        if ops.is_empty() {
            return;
        }
        let before = self.generation;
        // (None: the change is not one of single notes and links.)
        let ids: Option<Vec<u64>> = ops
            .iter()
            .filter_map(|op| match op {
                Op::Note { id, .. } | Op::Link { id, .. } => Some(Some(*id)),
                Op::Study(_) => Some(None),
                _ => None,
            })
            .collect();
        self.outbox.extend(ops);
        self.touch();
        self.changes.note(before, self.generation, ids);
    }

    /// The notes and links changed since `generation`, when every change since then was
    /// to single notes and links (and there were not many); None otherwise.
    pub fn changed_since(&self, generation: u64) -> Option<Vec<u64>> {
        self.changes.since(generation, self.generation)
    }

    /// A version that changes whenever the placements are redone as a whole (what is drawn
    /// from them must be made anew, not patched).
    pub fn placements_epoch(&self) -> PlacesVersion {
        self.marks_epoch
    }

    /// Add a note; returns its id.
    pub fn add_note(&mut self, new: NewNote) -> Result<u64, EditError> {
        let now = Timestamp::now();
        let id = self.study.next_id();
        let note = Note {
            id,
            created: now,
            updated: now,
            kind: new.kind,
            target: new.target,
            text: new.text,
            codes: new.codes,
            review: None,
            author: self.author.clone(),
        };
        self.perform(vec![Edit::AddNote(note)])?;
        Ok(id)
    }

    /// Change a note (text, codes, kind…).
    pub fn update_note(
        &mut self,
        id: u64,
        change: impl FnOnce(&mut Note),
    ) -> Result<(), EditError> {
        let current = self.study.note(id).cloned();
        self.update(
            current,
            change,
            |n| n.updated = Timestamp::now(),
            |before, after| Edit::UpdateNote { before, after },
        )
    }

    /// Apply `change` to a copy of `current` and record it as one undoable edit, unless
    /// there is nothing to change or it changed nothing; `stamp` marks the copy as updated.
    fn update<T: Clone + PartialEq>(
        &mut self,
        current: Option<T>,
        change: impl FnOnce(&mut T),
        stamp: impl FnOnce(&mut T),
        edit: impl FnOnce(Box<T>, Box<T>) -> Edit,
    ) -> Result<(), EditError> {
        let Some(before) = current else {
            return Ok(());
        };
        let mut after = before.clone();
        change(&mut after);
        if after == before {
            return Ok(());
        }
        stamp(&mut after);
        self.perform(vec![edit(Box::new(before), Box::new(after))])
    }

    pub fn delete_note(&mut self, id: u64) -> Result<(), EditError> {
        let Some(note) = self.study.note(id).cloned() else {
            return Ok(());
        };
        self.perform(vec![Edit::RemoveNote(note)])
    }

    /// Add a contrast link between a passage of each article; returns its id.
    pub fn add_link(
        &mut self,
        left: Anchor,
        right: Anchor,
        relation: Relation,
        comment: String,
    ) -> Result<u64, EditError> {
        let now = Timestamp::now();
        let id = self.study.next_id();
        self.perform(vec![Edit::AddLink(ContrastLink {
            id,
            created: now,
            updated: now,
            left,
            right,
            relation,
            comment,
            review: None,
            author: self.author.clone(),
        })])?;
        Ok(id)
    }

    pub fn update_link(
        &mut self,
        id: u64,
        change: impl FnOnce(&mut ContrastLink),
    ) -> Result<(), EditError> {
        let current = self.study.link(id).cloned();
        self.update(
            current,
            change,
            |l| l.updated = Timestamp::now(),
            |before, after| Edit::UpdateLink { before, after },
        )
    }

    pub fn delete_link(&mut self, id: u64) -> Result<(), EditError> {
        let Some(link) = self.study.link(id).cloned() else {
            return Ok(());
        };
        self.perform(vec![Edit::RemoveLink(link)])
    }

    pub fn undo(&mut self) -> Option<&'static str> {
        if self.read_only {
            return None;
        }
        let (what, ops) = self.history.undo(&mut self.study)?;
        self.record(ops);
        Some(what)
    }

    pub fn redo(&mut self) -> Option<&'static str> {
        if self.read_only {
            return None;
        }
        let (what, ops) = self.history.redo(&mut self.study)?;
        self.record(ops);
        Some(what)
    }

    /// Record the user's metadata corrections for an article (undoable; corrections made
    /// one after another to the same article undo together).
    pub fn set_corrections(
        &mut self,
        article: &str,
        corrections: Corrections,
    ) -> Result<(), EditError> {
        self.writable()?;
        let before = self.study.articles.get(article).cloned();
        let mut after = before.clone().unwrap_or_default();
        if after.corrections == corrections {
            return Ok(());
        }
        let fields = after.corrections.changed_fields(&corrections);
        after.corrections = corrections;
        let edit = Edit::SetArticle {
            path: article.to_owned(),
            before,
            after: Some(after),
        };
        // Keystrokes in one field make one undo step; another field, or an edit of
        // anything else about the article, starts a new one.
        let same_run = |last: &Edit| {
            let Edit::SetArticle {
                path,
                before,
                after,
            } = last
            else {
                return false;
            };
            let (b, a) = (
                before.clone().unwrap_or_default(),
                after.clone().unwrap_or_default(),
            );
            path == article
                && a.whole_page == b.whole_page
                && a.content_hash == b.content_hash
                && b.corrections.changed_fields(&a.corrections) == fields
        };
        let ops = self
            .history
            .perform_or_extend(&mut self.study, vec![edit], same_run);
        self.record(ops);
        Ok(())
    }

    /// Keep the whole of a web page as its article text, or cut its page furniture again
    /// (undoable; the study remembers the choice).
    pub fn set_whole_page(&mut self, article: &str, whole: bool) -> Result<(), EditError> {
        self.writable()?;
        let before = self.study.articles.get(article).cloned();
        let mut after = before.clone().unwrap_or_default();
        if after.whole_page == whole {
            return Ok(());
        }
        after.whole_page = whole;
        self.perform(vec![Edit::SetArticle {
            path: article.to_owned(),
            before,
            after: Some(after),
        }])
    }

    /// Answer a worksheet question for an article (undoable; a blank answer clears it).
    /// Keystrokes in one answer's text or comment make one undo step.
    pub fn set_answer(
        &mut self,
        article: &str,
        key: &str,
        answer: super::worksheet::Answer,
    ) -> Result<(), EditError> {
        self.writable()?;
        let before = self.study.articles.get(article).cloned();
        let mut after = before.clone().unwrap_or_default();
        let old = after.worksheet.get(key).cloned().unwrap_or_default();
        if old == answer {
            return Ok(());
        }
        let typed = |a: &super::worksheet::Answer, b: &super::worksheet::Answer| {
            let mut same = b.clone();
            same.text.clone_from(&a.text);
            same.comment.clone_from(&a.comment);
            (same == *a).then(|| (a.text != b.text, a.comment != b.comment))
        };
        let field = typed(&old, &answer);
        after.worksheet.set(key, answer);
        let edit = Edit::SetArticle {
            path: article.to_owned(),
            before,
            after: Some(after),
        };
        let same_run = |last: &Edit| {
            let Edit::SetArticle {
                path,
                before,
                after,
            } = last
            else {
                return false;
            };
            let answer = |e: &Option<ArticleEntry>| {
                e.as_ref()
                    .and_then(|e| e.worksheet.get(key).cloned())
                    .unwrap_or_default()
            };
            let (b, a) = (
                before.clone().unwrap_or_default(),
                after.clone().unwrap_or_default(),
            );
            let others_alike = {
                let (mut b, mut a) = (b.worksheet.clone(), a.worksheet.clone());
                b.answers.remove(key);
                a.answers.remove(key);
                a == b && {
                    let (mut x, mut y) = (
                        before.clone().unwrap_or_default(),
                        after.clone().unwrap_or_default(),
                    );
                    x.worksheet = Default::default();
                    y.worksheet = Default::default();
                    x == y
                }
            };
            path == article
                && others_alike
                && field.is_some_and(|f| f != (false, false))
                && typed(&answer(before), &answer(after)) == field
        };
        let ops = self
            .history
            .perform_or_extend(&mut self.study, vec![edit], same_run);
        self.record(ops);
        Ok(())
    }

    /// An article's worksheet (empty when it has none).
    pub fn worksheet(&self, article: &str) -> Option<&super::worksheet::Worksheet> {
        self.study
            .articles
            .get(article)
            .map(|a| &a.worksheet)
            .filter(|w| !w.is_empty())
    }

    /// Whether the study keeps the whole of this web page.
    pub fn whole_page(&self, article: &str) -> bool {
        self.study
            .articles
            .get(article)
            .is_some_and(|a| a.whole_page)
    }

    /// Record the codebook in use (the study is complete on its own).
    pub fn set_codebook(&mut self, book: &Codebook) {
        if self.read_only || self.study.codebook.as_ref() == Some(book) {
            return;
        }
        self.study.codebook = Some(book.clone());
        self.record(vec![Op::Codebook(Some(book.clone()))]);
    }

    /// Take a new path (Save study as…): the old lock is released, the new one taken.
    pub fn move_to(&mut self, path: &Path) -> Result<(), FileError> {
        let lock = store::lock(path)?;
        self.lock = Some(lock);
        self.path = Some(path.to_owned());
        self.disk = store::DiskState::of(path).ok().flatten();
        self.read_only = false;
        self.problem = None;
        self.saved_gen = u64::MAX; // different from any generation: save now
        Ok(())
    }

    /// The file was saved as `disk` at `generation`.
    pub fn saved(&mut self, generation: u64, disk: DiskState) {
        self.disk = Some(disk);
        self.saved_gen = generation;
        if matches!(
            self.problem,
            Some(Problem::Unwritable { .. } | Problem::Conflict)
        ) {
            self.problem = None;
        }
    }
}

/// The edits that turn study `a` into study `b` (notes, links, article entries).
pub fn differences(a: &Study, b: &Study) -> Vec<Edit> {
    let mut edits = Vec::new();
    let notes_a: HashMap<u64, &Arc<Note>> = a.notes.iter().map(|n| (n.id, n)).collect();
    let notes_b: HashMap<u64, &Arc<Note>> = b.notes.iter().map(|n| (n.id, n)).collect();
    for n in &a.notes {
        match notes_b.get(&n.id) {
            None => edits.push(Edit::RemoveNote((**n).clone())),
            Some(m) if ***m != **n => edits.push(Edit::UpdateNote {
                before: Box::new((**n).clone()),
                after: Box::new((***m).clone()),
            }),
            Some(_) => {}
        }
    }
    for n in &b.notes {
        if !notes_a.contains_key(&n.id) {
            edits.push(Edit::AddNote((**n).clone()));
        }
    }
    let links_a: HashMap<u64, &Arc<ContrastLink>> = a.links.iter().map(|l| (l.id, l)).collect();
    let links_b: HashMap<u64, &Arc<ContrastLink>> = b.links.iter().map(|l| (l.id, l)).collect();
    for l in &a.links {
        match links_b.get(&l.id) {
            None => edits.push(Edit::RemoveLink((**l).clone())),
            Some(m) if ***m != **l => edits.push(Edit::UpdateLink {
                before: Box::new((**l).clone()),
                after: Box::new((***m).clone()),
            }),
            Some(_) => {}
        }
    }
    for l in &b.links {
        if !links_a.contains_key(&l.id) {
            edits.push(Edit::AddLink((**l).clone()));
        }
    }
    let paths: std::collections::BTreeSet<&String> =
        a.articles.keys().chain(b.articles.keys()).collect();
    for path in paths {
        let (x, y): (Option<&ArticleEntry>, Option<&ArticleEntry>) =
            (a.articles.get(path), b.articles.get(path));
        if x != y {
            edits.push(Edit::SetArticle {
                path: path.clone(),
                before: x.cloned(),
                after: y.cloned(),
            });
        }
    }
    edits
}

#[cfg(test)]
mod tests;
