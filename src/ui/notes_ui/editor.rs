//! The note editor: a note or link being written, its kind, text and codes.

use egui::{Align, Context, Id, Layout, RichText};

use crate::analysis::codebook::CompiledCodebook;
use crate::notes::export::Titles;
use crate::notes::model::{NoteKind, Relation};
use crate::ui::commands::{Command, StudyCommand};
use crate::ui::shortcuts::Shortcut;
use crate::ui::study::{Draft, DraftTarget, StudyUi, code_color, code_name};

use super::*;

/// The note editor: quote, text, codes and kind (or, for a link, the relation and a comment).
/// `draft` is edited in place; saving, cancelling and the rest are pushed to `queue`.
pub fn editor_window(
    ctx: &Context,
    draft: &mut Option<Draft>,
    r: EditorReads<'_>,
    queue: &mut Vec<Command>,
) {
    let Some(d) = draft.as_mut() else {
        return;
    };
    let titles = r.titles;
    let title_of = |rel: &str| titles.get(rel).cloned().unwrap_or_else(|| rel.to_owned());
    let book = r.book;
    let order = StudyUi::code_order(book, r.recent_codes);
    let read_only = r.read_only;
    let heading = match (d.editing.is_some(), d.is_link()) {
        (false, false) => "New note",
        (true, false) => "Edit note",
        (false, true) => "Link passages",
        (true, true) => "Edit link",
    };
    let mut open = true;
    let mut cmds = Vec::new();
    let screen = ctx.content_rect();
    egui::Window::new(heading)
        // One window per shape: a link editor is wider, and a window keeps its size.
        .id(Id::unique(("note-editor", d.is_link())))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_pos(egui::pos2(screen.center().x - 260.0, screen.min.y + 120.0))
        .show(ctx, |ui| {
            ui.set_width(if d.is_link() { 620.0 } else { 500.0 });
            match &d.target {
                DraftTarget::Passage(a) => {
                    let what = if a.exact.is_empty() {
                        "A point in"
                    } else {
                        "From"
                    };
                    quote_box(ui, a, &format!("{what} {}", title_of(&a.article)), 140.0);
                }
                DraftTarget::Article(rel) => {
                    ui.label(format!("On the whole article: {}", title_of(rel)));
                }
                DraftTarget::Study => {
                    ui.label("On the whole study");
                }
                DraftTarget::Link { left, right } => {
                    ui.columns(2, |cols| {
                        quote_box(&mut cols[0], left, &title_of(&left.article), 120.0);
                        quote_box(&mut cols[1], right, &title_of(&right.article), 120.0);
                    });
                }
            }
            ui.add_space(6.0);
            if d.is_link() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new("The right passage").weak());
                    for r in Relation::ALL {
                        if ui
                            .selectable_label(d.relation == r, relation_label(r))
                            .clicked()
                        {
                            d.relation = r;
                        }
                    }
                });
            } else {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new("Kind").weak());
                    let mut kinds = NoteKind::WRITTEN.to_vec();
                    if d.kind == NoteKind::Coding {
                        kinds.push(NoteKind::Coding);
                    }
                    for k in kinds {
                        if ui.selectable_label(d.kind == k, kind_label(k)).clicked() {
                            d.kind = k;
                        }
                    }
                });
            }
            ui.add_space(4.0);
            let hint = if d.is_link() {
                format!(
                    "How do the two passages differ? ({} saves)",
                    Shortcut::SaveNote.name()
                )
            } else {
                format!("Your note… ({} saves)", Shortcut::SaveNote.name())
            };
            let edit = egui::TextEdit::multiline(&mut d.text)
                .hint_text(hint)
                .desired_rows(5)
                .desired_width(f32::INFINITY);
            let resp = ui.add(edit);
            resp.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, "Note text")
            });
            if d.focus_text {
                resp.request_focus();
                d.focus_text = false;
            }
            // The one place a note is committed from the keyboard: here, after the text field
            // has taken this frame's typing, so characters typed in the same frame as
            // Ctrl+Enter are in the note.
            if ui.input_mut(|i| i.consume_shortcut(&Shortcut::SaveNote.keys())) {
                cmds.push(Command::Study(StudyCommand::CommitDraft));
            }
            if !d.is_link() {
                ui.add_space(4.0);
                ui.label(
                    RichText::new(format!(
                        "Codes, recently used first ({} toggles one)",
                        Shortcut::range_name(Shortcut::EditorCode(0))
                    ))
                    .small()
                    .weak(),
                );
                ui.horizontal_wrapped(|ui| {
                    // Shown recently used first, each with its fixed number (codebook order),
                    // so a number means the same code here as in the panes.
                    for code in &order {
                        let Some(i) = book.frames().iter().position(|f| &f.id == code) else {
                            continue;
                        };
                        let on = d.codes.contains(code);
                        let label = if i < 9 {
                            format!("{} {}", i + 1, code_name(book, code))
                        } else {
                            code_name(book, code)
                        };
                        if code_chip(ui, on, &label, code_color(book, code)).clicked() {
                            cmds.push(Command::Study(StudyCommand::DraftToggleCode(i)));
                        }
                    }
                    // Codes the codebook in use does not have (kept, shown by id).
                    for code in d.codes.iter().filter(|c| !order.contains(c)) {
                        ui.label(RichText::new(format!("{code} (not in this codebook)")).weak());
                    }
                });
            }
            ui.add_space(8.0);
            if read_only {
                ui.label(
                    RichText::new("The study is open read-only: this note cannot be saved.")
                        .color(ui.visuals().warn_fg_color),
                );
            }
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(d.can_save() && !read_only, egui::Button::new("Save"))
                    .on_hover_text(Shortcut::SaveNote.name())
                    .clicked()
                {
                    cmds.push(Command::Study(StudyCommand::CommitDraft));
                }
                if ui
                    .button("Cancel")
                    .on_hover_text(Shortcut::Escape.name())
                    .clicked()
                {
                    cmds.push(Command::Study(StudyCommand::CancelDraft));
                }
                if let Some(id) = d.editing {
                    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                        if ui
                            .add_enabled(!read_only, egui::Button::new("Delete"))
                            .clicked()
                        {
                            cmds.push(Command::Study(StudyCommand::DeleteNote(id)));
                        }
                    });
                }
            });
        });
    if !open {
        cmds.push(Command::Study(StudyCommand::CancelDraft));
    }
    queue.extend(cmds);
}

/// What the note editor reads.
pub struct EditorReads<'a> {
    /// Article titles by path.
    pub titles: &'a Titles,
    pub book: &'a CompiledCodebook,
    /// The codes used most recently, first.
    pub recent_codes: &'a [String],
    pub read_only: bool,
}
