//! Notes on screen: the editor, the notes panel, the study file's banners, the buttons by a
//! selection and the text's context menu.

use egui::{Color32, RichText, Sense, Ui};

use super::study::note_color;
use crate::notes::model::{Anchor, NoteKind, Relation};

mod banner;
mod editor;
mod history;
mod menus;
mod panel;

pub use banner::banner_ui;
pub use banner::compare_window;
pub use banner::needs_banner;
pub use editor::{EditorReads, editor_window};
pub use history::{HistoryView, history_window};
pub use menus::{import_path_window, path_window};

/// What the study can be exported as (File → Export, and the notes panel's Export menu).
pub fn export_menu(ui: &mut Ui, q: &mut Vec<crate::ui::commands::Command>) {
    use crate::notes::export::Grouping;
    use crate::ui::commands::{Command, StudyCommand};
    if ui.button("Notes as Markdown, grouped by code…").clicked() {
        q.push(Command::Study(StudyCommand::ExportNotesDialog(
            Grouping::ByCode,
        )));
    }
    if ui
        .button("Notes as Markdown, grouped by article…")
        .clicked()
    {
        q.push(Command::Study(StudyCommand::ExportNotesDialog(
            Grouping::ByArticle,
        )));
    }
    ui.separator();
    if ui
        .button("REFI-QDA project (.qdpx)…")
        .on_hover_text(
            "The articles, the codebook, every coded passage, note and contrast link, for \
             QualCoder, MAXQDA, ATLAS.ti or NVivo",
        )
        .clicked()
    {
        q.push(Command::Study(StudyCommand::ExportProjectDialog));
    }
    if ui
        .button("W3C Web Annotations (JSON-LD)…")
        .on_hover_text(
            "Every note with its quote and position, for annotation tools such as Hypothesis",
        )
        .clicked()
    {
        q.push(Command::Study(StudyCommand::ExportAnnotationsDialog));
    }
}
pub use menus::text_context_menu;
pub use menus::{TextReads, selection_adder};
pub use panel::{NotesPanel, Reads as NotesReads};

fn kind_label(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Observation => "Observation",
        NoteKind::Question => "Question",
        NoteKind::Contrast => "Contrast",
        NoteKind::Omission => "Omission",
        NoteKind::Coding => "Code only",
    }
}

fn relation_label(r: Relation) -> &'static str {
    match r {
        Relation::SameClaim => "Same claim",
        Relation::Contradicts => "Contradicts",
        Relation::Reframes => "Reframes",
        Relation::Softens => "Softens",
        Relation::Hardens => "Hardens",
        Relation::OmittedByOther => "Omitted by the other",
    }
}

/// A small coloured square.
pub(crate) fn swatch(ui: &mut Ui, color: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
}

/// A code as a toggle: a selectable label with its colour as a square on the left.
fn code_chip(ui: &mut Ui, on: bool, label: &str, color: Color32) -> egui::Response {
    // Room for the square, drawn over the button's padding.
    let resp = ui.add(egui::Button::selectable(on, format!("     {label}")));
    let r = resp.rect;
    let square = egui::Rect::from_center_size(
        egui::pos2(r.min.x + 11.0, r.center().y),
        egui::vec2(10.0, 10.0),
    );
    ui.painter().rect_filled(square, 2.0, color);
    resp
}

/// A quoted passage in a box.
fn quote_box(ui: &mut Ui, anchor: &Anchor, title: &str, max_height: f32) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        egui::ScrollArea::vertical()
            .max_height(max_height)
            .id_salt(("quote", anchor.article.as_str(), anchor.start))
            .show(ui, |ui| {
                if anchor.exact.is_empty() {
                    ui.horizontal_wrapped(|ui| {
                        ui.spacing_mut().item_spacing.x = 0.0;
                        ui.label(
                            RichText::new(format!("…{}", anchor.prefix.trim_start())).italics(),
                        );
                        ui.label(
                            RichText::new(" [here] ")
                                .strong()
                                .color(note_color(ui.visuals().dark_mode)),
                        );
                        ui.label(RichText::new(format!("{}…", anchor.suffix.trim_end())).italics());
                    });
                } else {
                    ui.label(RichText::new(format!("“{}”", anchor.exact.trim())).italics());
                }
            });
        ui.label(RichText::new(title).small().weak());
    });
}
