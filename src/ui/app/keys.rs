//! The keyboard: every key of the shortcut table turned into a command at the start of a
//! frame, where the moment decides what it means (the note editor open, find open, a text
//! field with the keyboard).

use super::App;
use crate::ui::commands::{Command, StudyCommand, ViewCommand};
use crate::ui::shortcuts::Shortcut;
use egui::Context;

impl App {
    pub(super) fn handle_keys(&mut self, ctx: &Context) {
        let text_focus = ctx.text_edit_focused();
        let drafting = self.study.draft.is_some();
        // An open menu or popup closes on Escape itself (egui reads the key later).
        let popup = egui::Popup::is_any_open(ctx);
        for sc in Shortcut::by_specificity() {
            let command = match sc {
                _ if text_focus && sc.needs_free_keyboard() => continue,
                _ if drafting && sc.replaces_draft() => continue,
                // Taken by the note editor itself, after its text field has read this
                // frame's typing (see `notes_ui::editor_window`).
                Shortcut::SaveNote => continue,
                // Copy comes as its own event (below), not as a key.
                Shortcut::Copy => continue,
                Shortcut::EditorCode(_) if !drafting => continue,
                // Enter in the find field is the field's own (see `find`).
                Shortcut::FindNext | Shortcut::FindPrev if !self.find.open || text_focus => {
                    continue;
                }
                Shortcut::FindNextF3 | Shortcut::FindPrevF3 if !self.find.open => continue,
                Shortcut::Code(i) => Command::Study(if drafting {
                    StudyCommand::DraftToggleCode(i)
                } else {
                    StudyCommand::ApplyCode(i)
                }),
                Shortcut::Escape if popup => continue,
                Shortcut::Escape if drafting => Command::Study(StudyCommand::CancelDraft),
                Shortcut::Escape if self.find.open => Command::View(ViewCommand::CloseFind),
                Shortcut::Escape => Command::View(ViewCommand::ClearSelection),
                _ => match sc.command() {
                    Some(c) => c,
                    None => continue,
                },
            };
            if ctx.input_mut(|i| i.consume_shortcut(&sc.keys())) {
                self.queue.push(command);
                if !sc.keys().modifiers.command {
                    strip_typed_text(ctx);
                }
            }
        }
        if !text_focus {
            let copy = ctx.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)));
            if copy {
                self.queue.push(Command::View(ViewCommand::Copy));
            }
        }
    }
}

/// A single-key shortcut was taken: its character must not also be typed into a text field
/// that gets the keyboard this frame (the note editor opening).
fn strip_typed_text(ctx: &Context) {
    ctx.input_mut(|i| {
        i.events
            .retain(|e| !matches!(e, egui::Event::Text(t) if t.chars().count() == 1))
    });
}
