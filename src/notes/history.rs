//! Undo and redo for every note, code and link action: each action is recorded as edits
//! that carry what is needed to reverse them.

use super::journal::Op;
use super::model::{ArticleEntry, ContrastLink, Note, Study};
use crate::analysis::codebook::Codebook;

/// One reversible change to a study.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    AddNote(Note),
    RemoveNote(Note),
    /// Boxed: a pair of notes would make every edit twice a note's size.
    UpdateNote {
        before: Box<Note>,
        after: Box<Note>,
    },
    AddLink(ContrastLink),
    RemoveLink(ContrastLink),
    UpdateLink {
        before: Box<ContrastLink>,
        after: Box<ContrastLink>,
    },
    /// What the study records about an article (the reader's metadata corrections).
    SetArticle {
        path: String,
        before: Option<ArticleEntry>,
        after: Option<ArticleEntry>,
    },
    /// The codebook the study keeps, changed as part of an action (the codes an import or
    /// a merge brings, undone with it).
    SetCodebook {
        before: Option<Box<Codebook>>,
        after: Option<Box<Codebook>>,
    },
}

impl Edit {
    fn inverse(&self) -> Edit {
        match self {
            Edit::AddNote(n) => Edit::RemoveNote(n.clone()),
            Edit::RemoveNote(n) => Edit::AddNote(n.clone()),
            Edit::UpdateNote { before, after } => Edit::UpdateNote {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::AddLink(l) => Edit::RemoveLink(l.clone()),
            Edit::RemoveLink(l) => Edit::AddLink(l.clone()),
            Edit::UpdateLink { before, after } => Edit::UpdateLink {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::SetArticle {
                path,
                before,
                after,
            } => Edit::SetArticle {
                path: path.clone(),
                before: after.clone(),
                after: before.clone(),
            },
            Edit::SetCodebook { before, after } => Edit::SetCodebook {
                before: after.clone(),
                after: before.clone(),
            },
        }
    }

    /// What this edit leaves in the study, as a journal operation (state, not change, so
    /// replaying it twice is harmless).
    pub fn op(&self) -> Op {
        match self {
            Edit::AddNote(n) => Op::Note {
                id: n.id,
                note: Some(n.clone()),
            },
            Edit::RemoveNote(n) => Op::Note {
                id: n.id,
                note: None,
            },
            Edit::UpdateNote { after, .. } => Op::Note {
                id: after.id,
                note: Some((**after).clone()),
            },
            Edit::AddLink(l) => Op::Link {
                id: l.id,
                link: Some(l.clone()),
            },
            Edit::RemoveLink(l) => Op::Link {
                id: l.id,
                link: None,
            },
            Edit::UpdateLink { after, .. } => Op::Link {
                id: after.id,
                link: Some((**after).clone()),
            },
            Edit::SetArticle { path, after, .. } => Op::Article {
                path: path.clone(),
                entry: after.clone(),
            },
            Edit::SetCodebook { after, .. } => Op::Codebook(after.as_deref().cloned()),
        }
    }

    /// Apply to a study (notes and links stay in id order).
    pub fn apply(&self, study: &mut Study) {
        self.op().apply(study);
    }

    /// A short description for the status bar ("Undid: add note").
    pub fn describe(&self) -> &'static str {
        match self {
            Edit::AddNote(n) if n.text.is_empty() => "apply code",
            Edit::AddNote(_) => "add note",
            Edit::RemoveNote(_) => "delete note",
            Edit::UpdateNote { .. } => "edit note",
            Edit::AddLink(_) => "add contrast link",
            Edit::RemoveLink(_) => "delete contrast link",
            Edit::UpdateLink { .. } => "edit contrast link",
            Edit::SetArticle { before, after, .. } => {
                let whole = |e: &Option<ArticleEntry>| e.as_ref().is_some_and(|e| e.whole_page);
                let sheet = |e: &Option<ArticleEntry>| e.as_ref().map(|e| &e.worksheet).cloned();
                match (whole(before), whole(after)) {
                    (false, true) => "keep the whole page",
                    (true, false) => "cut the page furniture",
                    _ if sheet(before) != sheet(after) => "answer a worksheet question",
                    _ => "correct article details",
                }
            }
            Edit::SetCodebook { .. } => "import notes and codes",
        }
    }
}

/// Undo and redo stacks of edit groups (one group per user action).
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Vec<Edit>>,
    redo: Vec<Vec<Edit>>,
}

/// How many actions can be undone.
const DEPTH: usize = 500;

impl History {
    /// Apply an action's edits and remember them; a new action clears the redo stack.
    /// Returns what the study now holds where it changed (for the journal).
    pub fn perform(&mut self, study: &mut Study, edits: Vec<Edit>) -> Vec<Op> {
        if edits.is_empty() {
            return Vec::new();
        }
        let ops: Vec<Op> = edits.iter().map(Edit::op).collect();
        for op in &ops {
            op.apply(study);
        }
        self.undo.push(edits);
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
        ops
    }

    /// Apply `edits` as part of the last action when `same` says it continues it (typing
    /// into one field is one action to undo, not one per keystroke); otherwise as a new one.
    pub fn perform_or_extend(
        &mut self,
        study: &mut Study,
        edits: Vec<Edit>,
        same: impl Fn(&Edit) -> bool,
    ) -> Vec<Op> {
        let continues = self.redo.is_empty()
            && self
                .undo
                .last()
                .is_some_and(|last| last.len() == 1 && same(&last[0]));
        if !continues || edits.len() != 1 {
            return self.perform(study, edits);
        }
        let ops: Vec<Op> = edits.iter().map(Edit::op).collect();
        for op in &ops {
            op.apply(study);
        }
        if let (Some(last), Some(new)) = (self.undo.last_mut(), edits.into_iter().next()) {
            last[0] = match (last[0].clone(), new) {
                (Edit::SetArticle { path, before, .. }, Edit::SetArticle { after, .. }) => {
                    Edit::SetArticle {
                        path,
                        before,
                        after,
                    }
                }
                (Edit::UpdateNote { before, .. }, Edit::UpdateNote { after, .. }) => {
                    Edit::UpdateNote { before, after }
                }
                (_, new) => new,
            };
        }
        ops
    }

    /// Undo the last action; returns what it was and what the study now holds.
    pub fn undo(&mut self, study: &mut Study) -> Option<(&'static str, Vec<Op>)> {
        let edits = self.undo.pop()?;
        let ops: Vec<Op> = edits.iter().rev().map(|e| e.inverse().op()).collect();
        for op in &ops {
            op.apply(study);
        }
        let what = edits.first().map_or("change", Edit::describe);
        self.redo.push(edits);
        Some((what, ops))
    }

    /// Redo the last undone action.
    pub fn redo(&mut self, study: &mut Study) -> Option<(&'static str, Vec<Op>)> {
        let edits = self.redo.pop()?;
        let ops: Vec<Op> = edits.iter().map(Edit::op).collect();
        for op in &ops {
            op.apply(study);
        }
        let what = edits.first().map_or("change", Edit::describe);
        self.undo.push(edits);
        Some((what, ops))
    }

    /// What Undo would undo ("add note").
    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().and_then(|e| e.first()).map(Edit::describe)
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().and_then(|e| e.first()).map(Edit::describe)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::model::{NoteKind, Target};

    fn note(id: u64, text: &str) -> Note {
        Note::new(
            id,
            NoteKind::Observation,
            Target::Study,
            text,
            jiff::Timestamp::UNIX_EPOCH,
        )
    }

    #[test]
    fn undo_and_redo_every_kind_of_edit() {
        let mut s = Study::default();
        let mut h = History::default();
        h.perform(&mut s, vec![Edit::AddNote(note(1, "a"))]);
        h.perform(&mut s, vec![Edit::AddNote(note(2, "b"))]);
        h.perform(
            &mut s,
            vec![Edit::UpdateNote {
                before: Box::new(note(1, "a")),
                after: Box::new(note(1, "a2")),
            }],
        );
        h.perform(&mut s, vec![Edit::RemoveNote(note(2, "b"))]);
        assert_eq!(
            s.notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(),
            ["a2"]
        );
        assert_eq!(h.undo(&mut s).unwrap().0, "delete note");
        assert_eq!(h.undo(&mut s).unwrap().0, "edit note");
        assert_eq!(
            s.notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(h.redo(&mut s).unwrap().0, "edit note");
        assert_eq!(s.note(1).unwrap().text, "a2");
        // A new action clears what could be redone.
        h.perform(&mut s, vec![Edit::AddNote(note(3, "c"))]);
        assert!(!h.can_redo());
        while h.undo(&mut s).is_some() {}
        assert!(s.notes.is_empty());
    }
}
