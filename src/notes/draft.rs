//! A note being written (the editor's working copy) and what becomes of it: committed as a
//! new or changed note or link, or a code toggled on a passage — the study operations the
//! window offers, here without a window so they are tested as they are.

use super::anchor::anchor_for;
use super::desk::StudyDesk;
use super::model::{Anchor, Note, NoteKind, Relation, Study, Target};
use super::session::{EditError, NewNote};
use crate::document::{Document, Span};

/// What a note being written is about.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftTarget {
    Passage(Anchor),
    Article(String),
    Study,
    Link { left: Anchor, right: Anchor },
}

/// The note in the editor.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The note (or link) being edited; None for a new one.
    pub editing: Option<u64>,
    pub target: DraftTarget,
    pub kind: NoteKind,
    pub text: String,
    pub codes: Vec<String>,
    pub relation: Relation,
    /// Put the keyboard in the text field when the editor next shows.
    pub focus_text: bool,
}

impl Draft {
    pub fn new(target: DraftTarget, kind: NoteKind) -> Self {
        Self {
            editing: None,
            target,
            kind,
            text: String::new(),
            codes: Vec::new(),
            relation: Relation::Contradicts,
            focus_text: true,
        }
    }

    /// A new note on a selected passage; on a point (nothing selected) an omission, moved
    /// out of the word it fell in.
    pub fn for_passage(doc: &Document, span: Span) -> Self {
        let span = snap_point(doc, span);
        let kind = if span.is_empty() {
            NoteKind::Omission
        } else {
            NoteKind::Observation
        };
        Self::new(DraftTarget::Passage(anchor_for(doc, span)), kind)
    }

    /// A new contrast link between passages (or points) of two articles. A point on one side
    /// means that side leaves something out, so "omitted by the other" is proposed.
    pub fn for_link(left: Anchor, right: Anchor) -> Self {
        let mut d = Self::new(DraftTarget::Link { left, right }, NoteKind::Contrast);
        if d.target_has_point() {
            d.relation = Relation::OmittedByOther;
        }
        d
    }

    /// The working copy of a note or link already in the study.
    pub fn of(study: &Study, id: u64) -> Option<Self> {
        if let Some(n) = study.note(id) {
            let target = match &n.target {
                Target::Passage(a) => DraftTarget::Passage(a.clone()),
                Target::Article(p) => DraftTarget::Article(p.clone()),
                Target::Study => DraftTarget::Study,
            };
            return Some(Self {
                editing: Some(id),
                text: n.text.clone(),
                codes: n.codes.clone(),
                ..Self::new(target, n.kind)
            });
        }
        let l = study.link(id)?;
        Some(Self {
            editing: Some(id),
            text: l.comment.clone(),
            relation: l.relation,
            ..Self::new(
                DraftTarget::Link {
                    left: l.left.clone(),
                    right: l.right.clone(),
                },
                NoteKind::Contrast,
            )
        })
    }

    pub fn is_link(&self) -> bool {
        matches!(self.target, DraftTarget::Link { .. })
    }

    /// Whether there is anything to keep.
    pub fn can_save(&self) -> bool {
        self.is_link() || !self.text.trim().is_empty() || !self.codes.is_empty()
    }

    /// Whether one side of a link draft is a point (then "omitted by the other" fits).
    pub fn target_has_point(&self) -> bool {
        match &self.target {
            DraftTarget::Link { left, right } => left.exact.is_empty() || right.exact.is_empty(),
            _ => false,
        }
    }

    /// Give the note a code, or take it away if it has it.
    pub fn toggle_code(&mut self, code: &str) {
        if let Some(at) = self.codes.iter().position(|c| c == code) {
            self.codes.remove(at);
        } else {
            self.codes.push(code.to_owned());
        }
    }
}

/// A point inside a word moves to the nearer edge of the word (an omission sits between
/// words); spans are kept as selected.
pub fn snap_point(doc: &Document, span: Span) -> Span {
    if !span.is_empty() {
        return span;
    }
    let at = span.start;
    let word = crate::document::text::word_at(&doc.text, at);
    if word.start < at && at < word.end {
        let edge = if at - word.start <= word.end - at {
            word.start
        } else {
            word.end
        };
        return edge..edge;
    }
    span
}

/// What committing a draft did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Committed {
    AddedNote(u64),
    SavedNote,
    AddedLink(u64),
    SavedLink,
}

/// Why a draft was not committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    #[error("Write something or choose a code first.")]
    Empty,
    #[error(transparent)]
    Edit(#[from] EditError),
}

/// What toggling a code on a passage did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeToggle {
    /// A new coded passage (a coding note).
    Coded(u64),
    /// The code was added to the passage's coding note.
    Added,
    /// The code was taken off (the coding note went with its last code).
    Removed,
}

impl StudyDesk {
    /// Keep the draft: a new note or link, or the changes to the one it edits. A coding note
    /// given text becomes an observation.
    pub fn commit_draft(&mut self, d: &Draft) -> Result<Committed, DraftError> {
        if !d.can_save() {
            return Err(DraftError::Empty);
        }
        let kind = if d.kind == NoteKind::Coding && !d.text.trim().is_empty() {
            NoteKind::Observation
        } else {
            d.kind
        };
        let text = d.text.trim_end().to_owned();
        let s = &mut self.session;
        Ok(match (&d.target, d.editing) {
            (DraftTarget::Link { left, right }, None) => {
                Committed::AddedLink(s.add_link(left.clone(), right.clone(), d.relation, text)?)
            }
            (DraftTarget::Link { .. }, Some(id)) => {
                s.update_link(id, |l| {
                    l.relation = d.relation;
                    l.comment = text;
                })?;
                Committed::SavedLink
            }
            (target, None) => Committed::AddedNote(s.add_note(NewNote {
                kind,
                target: match target {
                    DraftTarget::Passage(a) => Target::Passage(a.clone()),
                    DraftTarget::Article(p) => Target::Article(p.clone()),
                    DraftTarget::Study | DraftTarget::Link { .. } => Target::Study,
                },
                text,
                codes: d.codes.clone(),
            })?),
            (_, Some(id)) => {
                s.update_note(id, |n| {
                    n.kind = kind;
                    n.text = text;
                    n.codes = d.codes.clone();
                })?;
                Committed::SavedNote
            }
        })
    }

    /// Code a passage with `code`; coding the same passage with it again takes it off.
    /// One coding note holds every code of a passage.
    pub fn toggle_code(&mut self, anchor: Anchor, code: &str) -> Result<CodeToggle, EditError> {
        let same_place = |n: &Note| {
            n.kind == NoteKind::Coding
                && n.anchor().is_some_and(|a| {
                    a.article == anchor.article && a.start == anchor.start && a.end == anchor.end
                })
        };
        let existing = self
            .session
            .study
            .notes
            .iter()
            .find(|n| same_place(n))
            .cloned();
        let s = &mut self.session;
        match existing {
            Some(n) if n.codes.iter().any(|c| c == code) && n.codes.len() == 1 => {
                s.delete_note(n.id)?;
                Ok(CodeToggle::Removed)
            }
            Some(n) if n.codes.iter().any(|c| c == code) => {
                s.update_note(n.id, |n| n.codes.retain(|c| c != code))?;
                Ok(CodeToggle::Removed)
            }
            Some(n) => {
                s.update_note(n.id, |n| n.codes.push(code.to_owned()))?;
                Ok(CodeToggle::Added)
            }
            None => Ok(CodeToggle::Coded(s.add_note(NewNote {
                kind: NoteKind::Coding,
                target: Target::Passage(anchor),
                text: String::new(),
                codes: vec![code.to_owned()],
            })?)),
        }
    }

    /// Delete a note or a link (undoable).
    pub fn delete(&mut self, id: u64) -> Result<(), EditError> {
        if self.session.study.note(id).is_some() {
            self.session.delete_note(id)
        } else {
            self.session.delete_link(id)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    fn corpus() -> (tempfile::TempDir, Corpus) {
        crate::corpus::testing::folder(&[
            (
                "a.txt",
                "Talks\n\nKerry denied coordinating with Tehran on Monday.",
            ),
            (
                "b.txt",
                "Plans\n\nOfficials said the two would work together.",
            ),
        ])
    }

    fn span_of(doc: &Document, s: &str) -> Span {
        let i = doc.text.find(s).unwrap();
        i..i + s.len()
    }

    #[test]
    fn a_point_inside_a_word_moves_to_its_nearer_edge_and_makes_an_omission() {
        let (_d, c) = corpus();
        let doc = &c.documents[0];
        let denied = span_of(doc, "denied");
        let d = Draft::for_passage(doc, denied.start + 1..denied.start + 1);
        assert_eq!(d.kind, NoteKind::Omission);
        let DraftTarget::Passage(a) = &d.target else {
            panic!("{d:?}")
        };
        assert_eq!((a.start, a.end), (denied.start, denied.start));
        let d = Draft::for_passage(doc, denied.clone());
        assert_eq!(d.kind, NoteKind::Observation);
        assert!(!d.can_save(), "nothing written yet");
    }

    #[test]
    fn a_code_toggles_on_a_passage_in_one_coding_note_and_undoes() {
        let (_d, c) = corpus();
        let doc = &c.documents[0];
        let mut desk = StudyDesk::new(|| {});
        desk.open(None, &c, None);
        let a = anchor_for(doc, span_of(doc, "coordinating with Tehran"));
        let CodeToggle::Coded(id) = desk.toggle_code(a.clone(), "engagement").unwrap() else {
            panic!("a new coded passage")
        };
        assert_eq!(
            desk.toggle_code(a.clone(), "threat").unwrap(),
            CodeToggle::Added
        );
        assert_eq!(desk.session.study.notes.len(), 1);
        assert_eq!(
            desk.session.study.note(id).unwrap().codes,
            ["engagement", "threat"]
        );
        assert_eq!(
            desk.toggle_code(a.clone(), "engagement").unwrap(),
            CodeToggle::Removed
        );
        assert_eq!(desk.session.study.note(id).unwrap().codes, ["threat"]);
        // Taking off the last code takes the coding note away; undo brings it back.
        assert_eq!(desk.toggle_code(a, "threat").unwrap(), CodeToggle::Removed);
        assert!(desk.session.study.notes.is_empty());
        desk.session.undo();
        assert_eq!(desk.session.study.note(id).unwrap().codes, ["threat"]);
    }

    #[test]
    fn drafts_commit_as_notes_and_links_and_edit_them_again() {
        let (_d, c) = corpus();
        let (a, b) = (&c.documents[0], &c.documents[1]);
        let mut desk = StudyDesk::new(|| {});
        desk.open(None, &c, None);
        assert_eq!(
            desk.commit_draft(&Draft::new(DraftTarget::Study, NoteKind::Question)),
            Err(DraftError::Empty)
        );

        // A coding note given text becomes an observation; trailing space is dropped.
        let mut d = Draft::for_passage(a, span_of(a, "denied"));
        d.kind = NoteKind::Coding;
        d.text = "A denial, not a refusal.  \n".into();
        d.toggle_code("engagement");
        let Committed::AddedNote(id) = desk.commit_draft(&d).unwrap() else {
            panic!()
        };
        let n = desk.session.study.note(id).unwrap();
        assert_eq!(n.kind, NoteKind::Observation);
        assert_eq!(n.text, "A denial, not a refusal.");

        // Edited again: the working copy holds what the note holds.
        let mut again = Draft::of(&desk.session.study, id).unwrap();
        assert_eq!(again.codes, ["engagement"]);
        again.toggle_code("engagement");
        again.text = "Changed.".into();
        assert_eq!(desk.commit_draft(&again).unwrap(), Committed::SavedNote);
        assert!(desk.session.study.note(id).unwrap().codes.is_empty());

        // A link with a point on one side proposes "omitted by the other".
        let left = anchor_for(a, span_of(a, "coordinating"));
        let right = anchor_for(b, 10..10);
        let link = Draft::for_link(left, right);
        assert_eq!(link.relation, Relation::OmittedByOther);
        let Committed::AddedLink(lid) = desk.commit_draft(&link).unwrap() else {
            panic!()
        };
        let mut edit = Draft::of(&desk.session.study, lid).unwrap();
        assert!(edit.is_link());
        edit.relation = Relation::SameClaim;
        edit.text = "Both say it.".into();
        assert_eq!(desk.commit_draft(&edit).unwrap(), Committed::SavedLink);
        assert_eq!(
            desk.session.study.link(lid).unwrap().comment,
            "Both say it."
        );

        // Delete works for both, and undoes.
        desk.delete(lid).unwrap();
        desk.delete(id).unwrap();
        assert!(desk.session.study.notes.is_empty() && desk.session.study.links.is_empty());
        desk.session.undo();
        desk.session.undo();
        assert_eq!(
            desk.session.study.notes.len() + desk.session.study.links.len(),
            2
        );
    }
}
