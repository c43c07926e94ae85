//! An open study: the study itself, where it lives, whether it may be written, undo history,
//! and where each note's passage is in the current articles.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;

use super::Corrections;
use super::anchor::{Resolved, anchor_for, resolve};
use super::history::{Edit, History};
use super::model::{Anchor, ContrastLink, Note, NoteKind, Relation, Review, Study, Target};
use super::store::{self, Damaged, DiskState, LockError, Opened, StudyLock};
use crate::analysis::codebook::Codebook;
use crate::corpus::Corpus;
use crate::document::{Document, Span};

/// Something the reader must know about the study file.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// Another Parallax has it open: read-only here.
    Locked,
    /// Written by a newer Parallax: read-only here.
    Newer { found: u32 },
    /// It did not parse and was moved aside.
    Corrupt(Damaged),
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
            Ok(Opened::Read { study, disk }) => {
                self.study = study;
                self.disk = Some(disk);
            }
            Ok(Opened::Newer { study, disk, found }) => {
                self.study = study;
                self.disk = Some(disk);
                self.read_only = true;
                self.problem = Some(Problem::Newer { found });
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
        self.read();
        self.history.clear();
        self.placements.clear();
        self.link_placements.clear();
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
    pub fn resolve_conflict(&mut self, keep_mine: bool) -> Result<PathBuf, String> {
        let path = self.path.clone().ok_or("the study has no file")?;
        if keep_mine {
            let theirs =
                std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let copy = store::copy_path(&path, "theirs");
            crate::fsutil::atomic_write(&copy, &theirs)
                .map_err(|e| format!("cannot write {}: {e}", copy.display()))?;
            self.disk = DiskState::of(&path).map_err(|e| e.to_string())?;
            self.problem = None;
            self.saved_gen = u64::MAX;
            Ok(copy)
        } else {
            let copy = store::save_copy(&path, &self.study, "mine")
                .map_err(|e| format!("cannot save a copy next to {}: {e}", path.display()))?;
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
                .any(|a| !a.corrections.is_empty())
    }

    /// Why saving is held back, if it is.
    pub fn save_blocked(&self) -> bool {
        self.path.is_none()
            || self.read_only
            || self.problem.as_ref().is_some_and(Problem::blocks_saving)
    }

    /// Replace the study with a backup (after a corrupt file): it will be saved as the study.
    pub fn restore_backup(&mut self, backup: &Path) -> Result<(), String> {
        let text = std::fs::read_to_string(backup)
            .map_err(|e| format!("cannot read {}: {e}", backup.display()))?;
        let study = store::parse(&text)
            .map_err(|(l, c, m)| format!("{}: line {l}, column {c}: {m}", backup.display()))?;
        self.study = study;
        self.study.normalize();
        self.history.clear();
        self.problem = None;
        self.touch();
        Ok(())
    }

    /// Whether there are changes not yet saved.
    pub fn dirty(&self) -> bool {
        self.generation != self.saved_gen
    }

    fn touch(&mut self) {
        self.generation += 1;
    }

    fn writable(&self) -> Result<(), &'static str> {
        if self.read_only {
            Err("This study is open read-only; changes cannot be made here.")
        } else {
            Ok(())
        }
    }

    /// Apply an action (undoable).
    fn perform(&mut self, edits: Vec<Edit>) -> Result<(), &'static str> {
        self.writable()?;
        self.history.perform(&mut self.study, edits);
        self.touch();
        Ok(())
    }

    /// Add a note; returns its id.
    pub fn add_note(&mut self, new: NewNote) -> Result<u64, &'static str> {
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
    ) -> Result<(), &'static str> {
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
    ) -> Result<(), &'static str> {
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

    pub fn delete_note(&mut self, id: u64) -> Result<(), &'static str> {
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
    ) -> Result<u64, &'static str> {
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
    ) -> Result<(), &'static str> {
        let current = self.study.link(id).cloned();
        self.update(
            current,
            change,
            |l| l.updated = Timestamp::now(),
            |before, after| Edit::UpdateLink { before, after },
        )
    }

    pub fn delete_link(&mut self, id: u64) -> Result<(), &'static str> {
        let Some(link) = self.study.link(id).cloned() else {
            return Ok(());
        };
        self.perform(vec![Edit::RemoveLink(link)])
    }

    pub fn undo(&mut self) -> Option<&'static str> {
        if self.read_only {
            return None;
        }
        let what = self.history.undo(&mut self.study)?;
        self.touch();
        Some(what)
    }

    pub fn redo(&mut self) -> Option<&'static str> {
        if self.read_only {
            return None;
        }
        let what = self.history.redo(&mut self.study)?;
        self.touch();
        Some(what)
    }

    /// Record the user's metadata corrections for an article.
    pub fn set_corrections(
        &mut self,
        article: &str,
        corrections: Corrections,
    ) -> Result<(), &'static str> {
        self.writable()?;
        let entry = self.study.articles.entry(article.to_owned()).or_default();
        if entry.corrections != corrections {
            entry.corrections = corrections;
            self.touch();
        }
        Ok(())
    }

    /// Record the codebook in use (the study is complete on its own).
    pub fn set_codebook(&mut self, book: &Codebook) {
        if self.read_only || self.study.codebook.as_ref() == Some(book) {
            return;
        }
        self.study.codebook = Some(book.clone());
        self.touch();
    }

    /// Find every note and link in the current articles. Anchors whose article changed are
    /// re-attached (exact quote: updated; fuzzy: updated and marked for review; not found:
    /// left as they were, listed as orphans). Articles' content hashes are recorded.
    pub fn reanchor(&mut self, corpus: &Corpus) {
        self.placements.clear();
        self.link_placements.clear();
        let writable = !self.read_only;
        let mut changed = false;
        let mut place = |anchor: &mut Anchor, review: &mut Option<Review>| -> Placement {
            let mut p = Placement::of(anchor, corpus);
            if writable && let Some(doc) = p.doc {
                changed |= update_anchor(anchor, review, &p.resolved, &corpus.documents[doc]);
                p.anchor = anchor.clone();
            }
            p
        };
        // Notes are shared with the last autosave snapshot: one is copied only when its
        // anchor really moves.
        for note in &mut self.study.notes {
            let Target::Passage(anchor) = &note.target else {
                continue;
            };
            let (mut anchor, mut review) = (anchor.clone(), note.review.clone());
            let p = place(&mut anchor, &mut review);
            if note.anchor() != Some(&anchor) || note.review != review {
                let n = Arc::make_mut(note);
                n.target = Target::Passage(anchor);
                n.review = review;
            }
            self.placements.insert(note.id, p);
        }
        for link in &mut self.study.links {
            let (mut left, mut right, mut review) =
                (link.left.clone(), link.right.clone(), link.review.clone());
            let lp = place(&mut left, &mut review);
            let rp = place(&mut right, &mut review);
            if link.left != left || link.right != right || link.review != review {
                let l = Arc::make_mut(link);
                (l.left, l.right, l.review) = (left, right, review);
            }
            self.link_placements.insert(link.id, [lp, rp]);
        }
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
                    changed = true;
                }
            }
        }
        if changed {
            self.touch();
        }
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
    ) -> Result<(), &'static str> {
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

    /// Accept a fuzzy re-anchor as right.
    pub fn confirm(&mut self, id: u64) -> Result<(), &'static str> {
        if self.study.note(id).is_some() {
            self.update_note(id, |n| n.review = None)
        } else {
            self.update_link(id, |l| l.review = None)
        }
    }

    /// Take a new path (Save study as…): the old lock is released, the new one taken.
    pub fn move_to(&mut self, path: &Path) -> Result<(), String> {
        let lock = store::lock(path).map_err(|e| e.to_string())?;
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

/// Apply a resolution to a stored anchor. Returns whether the anchor changed.
fn update_anchor(
    anchor: &mut Anchor,
    review: &mut Option<Review>,
    resolved: &Resolved,
    doc: &Document,
) -> bool {
    let before = anchor.clone();
    match resolved {
        Resolved::Exact(_) if anchor.content_hash == doc.hash.0 => return false,
        Resolved::Exact(span) | Resolved::Moved(span) => {
            *anchor = anchor_for(doc, span.clone());
        }
        Resolved::Fuzzy { span, score } => {
            let was = before.exact.clone();
            *anchor = anchor_for(doc, span.clone());
            *review = Some(Review { score: *score, was });
        }
        Resolved::Orphan => return false,
    }
    *anchor != before
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::store::DEFAULT_NAME;

    fn folder(text: &str) -> (tempfile::TempDir, Corpus) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), text).unwrap();
        let c = crate::corpus::load_folder(
            dir.path(),
            &Default::default(),
            |_| {},
            &Default::default(),
        )
        .unwrap();
        (dir, c)
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
        let corpus = crate::corpus::load_folder(
            dir.path(),
            &Default::default(),
            |_| {},
            &Default::default(),
        )
        .unwrap();
        s.reanchor(&corpus);
        assert!(matches!(s.placements[&moved].resolved, Resolved::Moved(_)));
        assert!(matches!(
            s.placements[&fuzzy].resolved,
            Resolved::Fuzzy { .. }
        ));
        assert!(
            s.study.note(fuzzy).unwrap().review.is_some(),
            "a fuzzy re-anchor is marked for review"
        );
        assert_eq!(s.orphans(), [gone]);
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
