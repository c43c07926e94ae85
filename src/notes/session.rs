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

/// A note (or one side of a link) placed by a guess after its article changed: shown where
/// it probably is, its stored anchor unchanged until the reader confirms the new place.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// How well the new place matches the stored quote, 0–1.
    pub score: f64,
    /// The quote as stored.
    pub was: String,
    /// The text at the new place.
    pub now: String,
    /// For a link: which side moved.
    pub side: Option<Side>,
}

/// Where a note's passage is now.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// The article (index into the corpus); None when the article is not in the folder.
    pub doc: Option<usize>,
    pub resolved: Resolved,
    /// The anchor this was resolved from (a placement is redone when the anchor changes).
    pub anchor: Anchor,
}

impl Placement {
    fn of(anchor: &Anchor, corpus: &Corpus) -> Self {
        let doc = corpus.find(&anchor.article);
        let resolved = doc.map_or(Resolved::Orphan, |i| resolve(anchor, &corpus.documents[i]));
        Self {
            doc,
            resolved,
            anchor: anchor.clone(),
        }
    }

    /// The article and span, when the passage was found.
    pub fn span(&self) -> Option<(usize, Span)> {
        Some((self.doc?, self.resolved.span()?))
    }

    pub fn is_orphan(&self) -> bool {
        self.span().is_none()
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
    pub placements: HashMap<u64, Placement>,
    /// Link id → where its two passages are.
    pub link_placements: HashMap<u64, [Placement; 2]>,
    /// What the reader should know about the study as read.
    pub notices: Vec<Notice>,
    /// Changes not yet handed to the journal.
    outbox: Vec<Op>,
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

    /// Whether there is anything to write: notes, links, corrections, or a file to keep current.
    pub fn worth_saving(&self) -> bool {
        self.disk.is_some()
            || !self.study.notes.is_empty()
            || !self.study.links.is_empty()
            || self
                .study
                .articles
                .values()
                .any(|a| !a.corrections.is_empty() || a.whole_page)
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
        self.outbox.extend(ops);
        self.touch();
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

    /// Find every note and link in the current articles. Where an article changed, a
    /// passage found again with its context (same words, same surroundings) keeps its quote
    /// and has only its position brought up to date; one placed by a guess (a similar
    /// passage, or the same words in other surroundings) is shown there but its stored
    /// anchor stays as it was until the reader confirms the move ([`Session::confirm`]); one
    /// not found is an orphan. Articles' content hashes are recorded.
    pub fn reanchor(&mut self, corpus: &Corpus) {
        self.reanchor_with_progress(corpus, |_, _| {});
    }

    /// [`Session::reanchor`], calling `progress(done, total)` as it goes (a big study on a
    /// worker thread shows how far it is).
    pub fn reanchor_with_progress(
        &mut self,
        corpus: &Corpus,
        mut progress: impl FnMut(usize, usize),
    ) {
        self.placements.clear();
        self.link_placements.clear();
        let writable = !self.read_only;
        let mut ops = Vec::new();
        let total = self.study.notes.len() + self.study.links.len();
        let mut done = 0;
        let place = |anchor: &mut Anchor| -> Placement {
            let mut p = Placement::of(anchor, corpus);
            if writable && let Some(doc) = p.doc {
                follow(anchor, &p.resolved, &corpus.documents[doc]);
                p.anchor = anchor.clone();
            }
            p
        };
        // Notes are shared with the last autosave snapshot: one is copied only when its
        // anchor really changes.
        for note in &mut self.study.notes {
            done += 1;
            if done % 1024 == 0 {
                progress(done, total);
            }
            let Target::Passage(anchor) = &note.target else {
                continue;
            };
            let mut anchor = anchor.clone();
            let p = place(&mut anchor);
            if note.anchor() != Some(&anchor) {
                let n = Arc::make_mut(note);
                n.target = Target::Passage(anchor);
                ops.push(Op::Note {
                    id: n.id,
                    note: Some(n.clone()),
                });
            }
            self.placements.insert(note.id, p);
        }
        for link in &mut self.study.links {
            done += 1;
            if done % 1024 == 0 {
                progress(done, total);
            }
            let (mut left, mut right) = (link.left.clone(), link.right.clone());
            let lp = place(&mut left);
            let rp = place(&mut right);
            if link.left != left || link.right != right {
                let l = Arc::make_mut(link);
                (l.left, l.right) = (left, right);
                ops.push(Op::Link {
                    id: l.id,
                    link: Some(l.clone()),
                });
            }
            self.link_placements.insert(link.id, [lp, rp]);
        }
        progress(total, total);
        if writable {
            // The study records each article's current version.
            for d in &corpus.documents {
                let entry = self
                    .study
                    .articles
                    .entry(d.source.rel_path.clone())
                    .or_default();
                if entry.content_hash != d.hash.0 {
                    entry.content_hash = d.hash.0.clone();
                    ops.push(Op::Article {
                        path: d.source.rel_path.clone(),
                        entry: Some(entry.clone()),
                    });
                }
            }
        }
        self.record(ops);
    }

    /// What to check about a note or link placed by a guess (None when it needs no look).
    pub fn check(&self, id: u64, corpus: &Corpus) -> Option<Check> {
        let text_at = |p: &Placement| {
            p.span()
                .map(|(d, s)| corpus.documents[d].text[s].to_owned())
                .unwrap_or_default()
        };
        if let Some(n) = self.study.note(id) {
            let p = self.placements.get(&id)?;
            return match (&p.resolved, &n.review) {
                (Resolved::Fuzzy { score, .. }, _) => Some(Check {
                    score: *score,
                    was: p.anchor.exact.clone(),
                    now: text_at(p),
                    side: None,
                }),
                // Re-attached by an earlier version, which rewrote the anchor and kept
                // the old quote in `review`.
                (_, Some(r)) => Some(Check {
                    score: r.score,
                    was: r.was.clone(),
                    now: text_at(p),
                    side: None,
                }),
                _ => None,
            };
        }
        let l = self.study.link(id)?;
        let places = self.link_placements.get(&id)?;
        for side in Side::BOTH {
            let p = &places[side.index()];
            if let Resolved::Fuzzy { score, .. } = p.resolved {
                return Some(Check {
                    score,
                    was: p.anchor.exact.clone(),
                    now: text_at(p),
                    side: Some(side),
                });
            }
        }
        let side = l.moved_side()?;
        l.review.as_ref().map(|r| Check {
            score: r.score,
            was: r.was.clone(),
            now: text_at(&places[side.index()]),
            side: Some(side),
        })
    }

    /// Notes and links placed by a guess, for the reader to check.
    pub fn to_check(&self) -> Vec<u64> {
        let fuzzy = |p: &Placement| matches!(p.resolved, Resolved::Fuzzy { .. });
        let notes = self
            .study
            .notes
            .iter()
            .filter(|n| n.review.is_some() || self.placements.get(&n.id).is_some_and(fuzzy));
        let links = self.study.links.iter().filter(|l| {
            l.review.is_some()
                || self
                    .link_placements
                    .get(&l.id)
                    .is_some_and(|p| p.iter().any(fuzzy))
        });
        notes.map(|n| n.id).chain(links.map(|l| l.id)).collect()
    }

    /// Bring placements up to date after notes changed (added, edited, undone): only anchors
    /// that are new or different are resolved; nothing is re-attached or rewritten.
    pub fn refresh_placements(&mut self, corpus: &Corpus) {
        // In place: after one edit, one entry changes; the rest are only looked at.
        let mut passages = 0;
        for note in &self.study.notes {
            let Target::Passage(anchor) = &note.target else {
                continue;
            };
            passages += 1;
            match self.placements.get_mut(&note.id) {
                Some(p) if p.anchor == *anchor => {}
                Some(p) => *p = Placement::of(anchor, corpus),
                None => {
                    self.placements
                        .insert(note.id, Placement::of(anchor, corpus));
                }
            }
        }
        if self.placements.len() != passages {
            let study = &self.study;
            self.placements
                .retain(|id, _| study.note(*id).is_some_and(|n| n.anchor().is_some()));
        }
        for link in &self.study.links {
            match self.link_placements.get_mut(&link.id) {
                Some([l, r]) if l.anchor == link.left && r.anchor == link.right => {}
                Some(p) => {
                    *p = [
                        Placement::of(&link.left, corpus),
                        Placement::of(&link.right, corpus),
                    ]
                }
                None => {
                    self.link_placements.insert(
                        link.id,
                        [
                            Placement::of(&link.left, corpus),
                            Placement::of(&link.right, corpus),
                        ],
                    );
                }
            }
        }
        if self.link_placements.len() != self.study.links.len() {
            let study = &self.study;
            self.link_placements
                .retain(|id, _| study.link(*id).is_some());
        }
    }

    /// Notes (and links) whose passage was not found.
    pub fn orphans(&self) -> Vec<u64> {
        let notes = self
            .study
            .notes
            .iter()
            .filter(|n| self.placements.get(&n.id).is_some_and(Placement::is_orphan))
            .map(|n| n.id);
        let links = self
            .study
            .links
            .iter()
            .filter(|l| {
                self.link_placements
                    .get(&l.id)
                    .is_some_and(|p| p.iter().any(Placement::is_orphan))
            })
            .map(|l| l.id);
        notes.chain(links).collect()
    }

    /// Re-attach an orphan (or a note to review) to a new passage of article `doc_index`.
    pub fn reattach(
        &mut self,
        id: u64,
        doc: &Document,
        doc_index: usize,
        span: Span,
    ) -> Result<(), EditError> {
        let anchor = anchor_for(doc, span.clone());
        let placed = |anchor: &Anchor| Placement {
            doc: Some(doc_index),
            resolved: Resolved::Exact(span.clone()),
            anchor: anchor.clone(),
        };
        if self.study.note(id).is_some() {
            let p = placed(&anchor);
            self.update_note(id, |n| {
                n.target = Target::Passage(anchor);
                n.review = None;
            })?;
            self.placements.insert(id, p);
            return Ok(());
        }
        let Some(link) = self.study.link(id).cloned() else {
            return Ok(());
        };
        // Re-attach the side that is lost; if both are (or neither), the side in this article.
        let lost = self
            .link_placements
            .get(&id)
            .map(|p| [p[0].is_orphan(), p[1].is_orphan()]);
        let left = match lost {
            Some([true, false]) => true,
            Some([false, true]) => false,
            _ => {
                link.left.article == doc.source.rel_path
                    || link.right.article != doc.source.rel_path
            }
        };
        let p = placed(&anchor);
        self.update_link(id, |l| {
            if left {
                l.left = anchor;
            } else {
                l.right = anchor;
            }
            l.review = None;
        })?;
        if let Some(both) = self.link_placements.get_mut(&id) {
            both[usize::from(!left)] = p;
        }
        Ok(())
    }

    /// Accept a guessed place as right: the stored anchor moves there (undoable).
    pub fn confirm(&mut self, id: u64, corpus: &Corpus) -> Result<(), EditError> {
        let anchored = |p: &Placement| -> Option<Anchor> {
            let (d, span) = p.span()?;
            Some(anchor_for(&corpus.documents[d], span))
        };
        if self.study.note(id).is_some() {
            let moved = self.placements.get(&id).and_then(anchored);
            self.update_note(id, |n| {
                if let Some(a) = moved {
                    n.target = Target::Passage(a);
                }
                n.review = None;
            })?;
        } else {
            let moved = self
                .link_placements
                .get(&id)
                .map(|[l, r]| [anchored(l), anchored(r)]);
            self.update_link(id, |l| {
                if let Some([left, right]) = moved {
                    if let Some(a) = left {
                        l.left = a;
                    }
                    if let Some(a) = right {
                        l.right = a;
                    }
                }
                l.review = None;
            })?;
        }
        self.refresh_placements(corpus);
        Ok(())
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

/// Follow a passage found again with its context: only its position and the article
/// version change; its quote and context stay as the reader anchored them. A guess changes
/// nothing (the reader confirms it), nor does an orphan.
fn follow(anchor: &mut Anchor, resolved: &Resolved, doc: &Document) {
    match resolved {
        Resolved::Exact(span) | Resolved::Moved(span) => {
            if anchor.content_hash == doc.hash.0 && resolved == &Resolved::Exact(span.clone()) {
                return;
            }
            anchor.start = doc.char_offset(span.start);
            anchor.end = doc.char_offset(span.end);
            anchor.content_hash = doc.hash.0.clone();
        }
        Resolved::Fuzzy { .. } | Resolved::Orphan => {}
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
mod tests {
    use super::*;
    use crate::notes::store::DEFAULT_NAME;

    fn folder(text: &str) -> (tempfile::TempDir, Corpus) {
        crate::corpus::testing::folder(&[("a.txt", text)])
    }

    #[test]
    fn notes_are_added_saved_reopened_and_found() {
        let (dir, corpus) = folder("Title\n\nKerry denied coordinating with Tehran.");
        let path = dir.path().join(DEFAULT_NAME);
        let mut s = Session::open(&path);
        assert!(s.problem.is_none() && !s.read_only);
        let doc = &corpus.documents[0];
        let span = doc.text.find("coordinating").unwrap()..doc.text.find(" with").unwrap();
        let id = s
            .add_note(NewNote {
                kind: NoteKind::Observation,
                target: Target::Passage(anchor_for(doc, span.clone())),
                text: "The verb matters.".into(),
                codes: vec!["engagement".into()],
            })
            .unwrap();
        assert!(s.dirty());
        let disk = store::save(&path, &s.study, s.disk.as_ref()).unwrap();
        s.saved(s.generation, disk);
        assert!(!s.dirty());
        drop(s);
        let mut again = Session::open(&path);
        again.reanchor(&corpus);
        assert_eq!(again.placements[&id].resolved, Resolved::Exact(span));
        assert_eq!(again.study.note(id).unwrap().codes, ["engagement"]);
    }

    #[test]
    fn metadata_corrections_undo_and_redo_as_one_edit_per_field_run() {
        let mut s = Session::in_memory();
        let typed = |title: &str| Corrections {
            title: Some(title.into()),
            ..Default::default()
        };
        // Typing a title keystroke by keystroke is one edit, not one per key.
        for t in ["K", "Ke", "Kerry"] {
            s.set_corrections("a.txt", typed(t)).unwrap();
        }
        assert_eq!(s.study.articles["a.txt"].corrections, typed("Kerry"));
        assert!(s.undo().is_some());
        assert!(
            s.study
                .articles
                .get("a.txt")
                .is_none_or(|a| a.corrections.is_empty()),
            "undo takes the whole correction back"
        );
        assert!(s.redo().is_some());
        assert_eq!(s.study.articles["a.txt"].corrections, typed("Kerry"));
        // An edit of another kind in between starts a new undo step.
        s.set_whole_page("a.txt", true).unwrap();
        s.set_corrections("a.txt", typed("Kerry denies")).unwrap();
        s.undo();
        assert_eq!(s.study.articles["a.txt"].corrections, typed("Kerry"));
        assert!(s.study.articles["a.txt"].whole_page);
        // Another field is another step: undoing the author keeps the title.
        let both = Corrections {
            author: Some("Ann".into()),
            ..typed("Kerry")
        };
        s.set_corrections("a.txt", both).unwrap();
        s.undo();
        assert_eq!(s.study.articles["a.txt"].corrections, typed("Kerry"));
    }

    #[test]
    fn a_link_to_check_names_the_side_that_moved() {
        let (_dir, c) = crate::corpus::testing::folder(&[
            ("a.txt", "Talks\n\nKerry denied it."),
            ("b.txt", "Plans\n\nThey will work together."),
        ]);
        let (a, b) = (&c.documents[0], &c.documents[1]);
        let span = |d: &Document, t: &str| {
            let i = d.text.find(t).unwrap();
            i..i + t.len()
        };
        let mut s = Session::in_memory();
        let id = s
            .add_link(
                anchor_for(a, span(a, "denied")),
                anchor_for(b, span(b, "work together")),
                Relation::Contradicts,
                String::new(),
            )
            .unwrap();
        let review = |side| super::super::model::Review {
            score: 0.8,
            was: "work jointly".into(),
            side,
        };
        let set = |s: &mut Session, r| {
            let mut l = (*s.study.links[0]).clone();
            l.review = Some(r);
            s.study.links[0] = Arc::new(l);
            s.reanchor(&c);
        };
        // Recorded: the side it names.
        set(&mut s, review(Some(Side::Left)));
        assert_eq!(s.check(id, &c).unwrap().side, Some(Side::Left));
        // Written before the side was recorded: the side whose quote is the closer to the
        // old one ("work jointly" became "work together").
        set(&mut s, review(None));
        let check = s.check(id, &c).unwrap();
        assert_eq!(check.side, Some(Side::Right));
        assert_eq!(check.now, "work together");
        let mut r = review(None);
        r.was = "denies".into();
        set(&mut s, r);
        assert_eq!(s.check(id, &c).unwrap().side, Some(Side::Left));
    }

    #[test]
    fn a_second_session_is_read_only() {
        let (dir, _) = folder("Title\n\nText.");
        let path = dir.path().join(DEFAULT_NAME);
        let first = Session::open(&path);
        let mut second = Session::open(&path);
        assert_eq!(second.problem, Some(Problem::Locked));
        assert!(second.read_only);
        assert!(
            second
                .add_note(NewNote {
                    kind: NoteKind::Question,
                    target: Target::Study,
                    text: "x".into(),
                    codes: vec![]
                })
                .is_err()
        );
        drop(first);
    }

    #[test]
    fn changed_articles_reanchor_mark_review_and_list_orphans() {
        let (dir, corpus) = folder(
            "Title\n\nKerry denied coordinating with Tehran. He insisted that Washington was only communicating. The talks go on.",
        );
        let path = dir.path().join(DEFAULT_NAME);
        let mut s = Session::open(&path);
        let doc = &corpus.documents[0];
        let mut add = |quote: &str| {
            let i = doc.text.find(quote).unwrap();
            s.add_note(NewNote {
                kind: NoteKind::Observation,
                target: Target::Passage(anchor_for(doc, i..i + quote.len())),
                text: quote.into(),
                codes: vec![],
            })
            .unwrap()
        };
        let moved = add("The talks go on.");
        let fuzzy = add("He insisted that Washington was only communicating.");
        let gone = add("Kerry denied coordinating with Tehran.");
        // The article changes: a sentence deleted, one edited, text added before the rest.
        std::fs::write(dir.path().join("a.txt"), "Title\n\nA new opening sentence here. He insisted that Washington is only communicating. The talks go on.").unwrap();
        let corpus = crate::corpus::testing::load(dir.path());
        s.reanchor(&corpus);
        assert!(matches!(s.placements[&moved].resolved, Resolved::Moved(_)));
        assert!(matches!(
            s.placements[&fuzzy].resolved,
            Resolved::Fuzzy { .. }
        ));
        // A guess: listed to check, its stored anchor untouched until confirmed.
        assert_eq!(s.to_check(), [fuzzy]);
        let stored = s.study.note(fuzzy).unwrap().anchor().unwrap().clone();
        assert_eq!(
            stored.exact,
            "He insisted that Washington was only communicating."
        );
        let check = s.check(fuzzy, &corpus).unwrap();
        assert_eq!(check.was, stored.exact);
        assert!(check.now.contains("is only communicating"), "{check:?}");
        // A confident move keeps its quote and context; only the position follows.
        let m = s.study.note(moved).unwrap().anchor().unwrap().clone();
        assert_eq!(m.exact, "The talks go on.");
        assert_eq!(m.content_hash, corpus.documents[0].hash.0);
        assert_eq!(s.orphans(), [gone]);
        // Confirming moves the anchor (undoably) and takes it off the list.
        s.confirm(fuzzy, &corpus).unwrap();
        assert!(s.to_check().is_empty());
        assert!(
            s.study
                .note(fuzzy)
                .unwrap()
                .anchor()
                .unwrap()
                .exact
                .contains("is only communicating")
        );
        assert_eq!(s.undo(), Some("edit note"));
        assert_eq!(s.study.note(fuzzy).unwrap().anchor(), Some(&stored));
        // The orphan keeps its stored quote and can be re-attached to a new selection.
        assert_eq!(
            s.study.note(gone).unwrap().anchor().unwrap().exact,
            "Kerry denied coordinating with Tehran."
        );
        let doc = &corpus.documents[0];
        let i = doc.text.find("A new opening").unwrap();
        s.reattach(gone, doc, 0, i..i + 5).unwrap();
        assert!(s.orphans().is_empty());
        assert!(s.undo().is_some(), "re-attaching can be undone");
    }

    #[test]
    fn undo_redo_and_read_only_undo() {
        let mut s = Session::in_memory();
        let id = s
            .add_note(NewNote {
                kind: NoteKind::Question,
                target: Target::Study,
                text: "Why?".into(),
                codes: vec![],
            })
            .unwrap();
        s.update_note(id, |n| n.text = "Why not?".into()).unwrap();
        assert_eq!(s.undo(), Some("edit note"));
        assert_eq!(s.study.note(id).unwrap().text, "Why?");
        assert_eq!(s.redo(), Some("edit note"));
        assert_eq!(s.study.note(id).unwrap().text, "Why not?");
        s.read_only = true;
        assert_eq!(s.undo(), None);
    }
}
