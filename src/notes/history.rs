//! Undo and redo for every note, code and link action: each action is recorded as edits
//! that carry what is needed to reverse them.

use std::sync::Arc;

use super::model::{ContrastLink, Note, Study};

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
        }
    }

    /// Apply to a study (notes and links stay in id order).
    pub fn apply(&self, study: &mut Study) {
        match self {
            Edit::AddNote(n) => {
                let at = study.notes.partition_point(|x| x.id < n.id);
                study.notes.insert(at, Arc::new(n.clone()));
            }
            Edit::RemoveNote(n) => study.notes.retain(|x| x.id != n.id),
            Edit::UpdateNote { after, .. } => {
                if let Some(x) = study.notes.iter_mut().find(|x| x.id == after.id) {
                    *x = Arc::new((**after).clone());
                }
            }
            Edit::AddLink(l) => {
                let at = study.links.partition_point(|x| x.id < l.id);
                study.links.insert(at, Arc::new(l.clone()));
            }
            Edit::RemoveLink(l) => study.links.retain(|x| x.id != l.id),
            Edit::UpdateLink { after, .. } => {
                if let Some(x) = study.links.iter_mut().find(|x| x.id == after.id) {
                    *x = Arc::new((**after).clone());
                }
            }
        }
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
    pub fn perform(&mut self, study: &mut Study, edits: Vec<Edit>) {
        if edits.is_empty() {
            return;
        }
        for e in &edits {
            e.apply(study);
        }
        self.undo.push(edits);
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Undo the last action; returns what it was.
    pub fn undo(&mut self, study: &mut Study) -> Option<&'static str> {
        let edits = self.undo.pop()?;
        for e in edits.iter().rev() {
            e.inverse().apply(study);
        }
        let what = edits.first().map(Edit::describe);
        self.redo.push(edits);
        what
    }

    /// Redo the last undone action.
    pub fn redo(&mut self, study: &mut Study) -> Option<&'static str> {
        let edits = self.redo.pop()?;
        for e in &edits {
            e.apply(study);
        }
        let what = edits.first().map(Edit::describe);
        self.undo.push(edits);
        what
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
        Note {
            id,
            created: jiff::Timestamp::UNIX_EPOCH,
            updated: jiff::Timestamp::UNIX_EPOCH,
            kind: NoteKind::Observation,
            target: Target::Study,
            text: text.into(),
            codes: vec![],
            review: None,
        }
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
        assert_eq!(h.undo(&mut s), Some("delete note"));
        assert_eq!(h.undo(&mut s), Some("edit note"));
        assert_eq!(
            s.notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(h.redo(&mut s), Some("edit note"));
        assert_eq!(s.note(1).unwrap().text, "a2");
        // A new action clears what could be redone.
        h.perform(&mut s, vec![Edit::AddNote(note(3, "c"))]);
        assert!(!h.can_redo());
        while h.undo(&mut s).is_some() {}
        assert!(s.notes.is_empty());
    }
}
