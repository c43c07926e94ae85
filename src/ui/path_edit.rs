//! A one-line path field: it takes the keyboard when it appears, Tab completes from the
//! disk (folders, and files of one kind when asked), and Enter submits.

use std::path::PathBuf;

use egui::{Response, RichText, Ui};

use crate::corpus::paths::{complete_path, tab_complete};

/// What a path field completes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    Folder,
    /// Folders and files with this extension.
    File(&'static str),
}

impl PathKind {
    fn ext(self) -> Option<&'static str> {
        match self {
            PathKind::Folder => None,
            PathKind::File(ext) => Some(ext),
        }
    }
}

pub struct PathEdit {
    pub response: Response,
    /// Enter was pressed in the field.
    pub submitted: bool,
    /// What is on disk under what was typed (at most 8).
    pub candidates: Vec<PathBuf>,
}

/// How many completions are listed.
const LISTED: usize = 8;

/// The field itself; `label` names it for screen readers and tests.
pub fn path_edit(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    hint: &str,
    kind: PathKind,
) -> PathEdit {
    let label = ui.label(RichText::new(label).small().weak());
    // Tab stays in the field (completion), instead of moving the keyboard on.
    let edit = egui::TextEdit::singleline(text)
        .hint_text(hint)
        .lock_focus(true)
        .desired_width(ui.available_width().min(520.0));
    let response = ui.add(edit).labelled_by(label.id);
    crate::ui::widgets::focus_when_shown(ui, &response);
    let candidates = if text.trim().is_empty() {
        Vec::new()
    } else {
        complete_path(text, LISTED, kind.ext())
    };
    if response.has_focus()
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Tab))
        && let Some(done) = tab_complete(text, &candidates)
    {
        *text = done;
        // The cursor goes to the end of what was completed.
        if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), response.id) {
            let end = egui::text::CCursor::new(text.chars().count());
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::one(end)));
            state.store(ui.ctx(), response.id);
        }
    }
    let submitted = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    PathEdit {
        response,
        submitted,
        candidates,
    }
}

/// The completions as links under the field; returns the one clicked, as field text.
pub fn candidate_links(ui: &mut Ui, candidates: &[PathBuf]) -> Option<String> {
    if candidates.is_empty() {
        return None;
    }
    ui.label(RichText::new("Here (Tab completes):").small().weak());
    let mut picked = None;
    for c in candidates {
        if ui.link(c.display().to_string()).clicked() {
            picked = Some(crate::corpus::paths::as_typed(c));
        }
    }
    picked
}
