//! Menus on the text: the button by a selection, the right-click menu, the code menu, and
//! the path field when no dialog can open.

use egui::{Context, Id, RichText, Ui};

use crate::analysis::codebook::CompiledCodebook;
use crate::ui::commands::{Command, Side, StudyCommand, ViewCommand};
use crate::ui::doc_view::DocView;
use crate::ui::shortcuts::Shortcut;

use super::*;

/// What the menus on a pane's text read.
pub struct TextReads<'a> {
    pub pane: Side,
    pub view: &'a DocView,
    /// The other pane has a selection.
    pub other_selection: bool,
    /// The other pane has a selection or a caret (a link can end at a point).
    pub other_caret: bool,
    pub book: &'a CompiledCodebook,
    pub read_only: bool,
    /// A note is being written (the editor is open).
    pub drafting: bool,
    /// This pane is the one the user works in.
    pub focused: bool,
}

/// Small buttons next to the end of a selection: note, code, link.
pub fn selection_adder(ui: &mut Ui, r: &TextReads<'_>, clip: egui::Rect, queue: &mut Vec<Command>) {
    if r.drafting || r.read_only || r.view.dragging() || !r.focused {
        return;
    }
    let pane = r.pane;
    let Some(sel) = r.view.selection() else {
        return;
    };
    let Some(end) = r.view.span_end_screen_rect(&sel) else {
        return;
    };
    let other_sel = r.other_selection;
    let size = egui::vec2(if other_sel { 158.0 } else { 112.0 }, 24.0);
    let mut pos = egui::pos2(end.max.x + 6.0, end.max.y + 2.0);
    pos.x = pos.x.min(clip.max.x - size.x - 4.0).max(clip.min.x);
    if pos.y + size.y > clip.max.y {
        pos.y = end.min.y - size.y - 2.0;
    }
    let book = r.book;
    let mut cmds = Vec::new();
    egui::Area::new(Id::unique(("adder", pane)))
        .order(egui::Order::Foreground)
        .fixed_pos(pos)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .inner_margin(egui::Margin::same(2))
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.spacing_mut().item_spacing.x = 2.0;
                        if ui
                            .button("Note")
                            .on_hover_text(format!(
                                "Add a note on the selection ({})",
                                Shortcut::AddNote.name()
                            ))
                            .clicked()
                        {
                            cmds.push(Command::Study(StudyCommand::AddNote));
                        }
                        ui.menu_button("Code", |ui| {
                            code_menu(ui, book, &mut cmds);
                        })
                        .response
                        .on_hover_text(format!(
                            "Code the selection (keys {})",
                            Shortcut::range_name(Shortcut::Code(0))
                        ));
                        if other_sel
                            && ui
                                .button("Link")
                                .on_hover_text(format!(
                                    "Link with the passage selected in the other pane ({})",
                                    Shortcut::LinkSelections.name()
                                ))
                                .clicked()
                        {
                            cmds.push(Command::Study(StudyCommand::LinkSelections));
                        }
                    });
                });
        });
    queue.extend(cmds);
}

pub(super) fn code_menu(
    ui: &mut Ui,
    book: &crate::analysis::codebook::CompiledCodebook,
    cmds: &mut Vec<Command>,
) {
    for (i, f) in book.frames().iter().enumerate() {
        let label = if i < 9 {
            format!("{}  {}", i + 1, f.name)
        } else {
            f.name.clone()
        };
        ui.horizontal(|ui| {
            swatch(ui, crate::ui::lens::frame_solid(f.rgb()));
            if ui.button(label).clicked() {
                cmds.push(Command::Study(StudyCommand::ApplyCode(i)));
                ui.close();
            }
        });
    }
}

/// The worksheet's questions by heading, each citing the selection in its answer.
fn cite_menu(
    ui: &mut Ui,
    pane: Side,
    book: &crate::analysis::codebook::Codebook,
    cmds: &mut Vec<Command>,
) {
    let questions = crate::notes::worksheet::questions(book);
    let mut headings: Vec<&str> = Vec::new();
    for q in &questions {
        if !headings.contains(&q.heading.as_str()) {
            headings.push(&q.heading);
        }
    }
    for h in headings {
        ui.menu_button(h, |ui| {
            for q in questions.iter().filter(|q| q.heading == h) {
                if ui.button(&q.text).clicked() {
                    cmds.push(Command::Study(StudyCommand::Cite {
                        pane,
                        key: q.key.clone(),
                    }));
                    ui.close();
                }
            }
        });
    }
}

/// The text's context menu: note, code, link, omission, article note, copy.
pub fn text_context_menu(response: &egui::Response, r: &TextReads<'_>, queue: &mut Vec<Command>) {
    let pane = r.pane;
    let has_sel = r.view.selection().is_some();
    let other_sel = r.other_caret;
    let read_only = r.read_only;
    let book = r.book;
    let mut cmds = Vec::new();
    response.context_menu(|ui| {
        ui.add_enabled_ui(!read_only, |ui| {
            if has_sel {
                if ui
                    .add(egui::Button::new("Add note…").shortcut_text(Shortcut::AddNote.name()))
                    .clicked()
                {
                    cmds.push(Command::Study(StudyCommand::AddNote));
                    ui.close();
                }
                ui.menu_button("Code as", |ui| code_menu(ui, book, &mut cmds));
                ui.menu_button("Cite in worksheet", |ui| {
                    cite_menu(ui, pane, &book.book, &mut cmds);
                });
            } else if ui
                .add(
                    egui::Button::new("Omission note here…")
                        .shortcut_text(Shortcut::AddNote.name()),
                )
                .on_hover_text("Note what this article leaves out, anchored at this point")
                .clicked()
            {
                cmds.push(Command::Study(StudyCommand::AddNote));
                ui.close();
            }
            if ui
                .add_enabled(
                    other_sel,
                    egui::Button::new("Link with the other pane…")
                        .shortcut_text(Shortcut::LinkSelections.name()),
                )
                .on_disabled_hover_text("Select a passage in the other pane too")
                .clicked()
            {
                cmds.push(Command::Study(StudyCommand::LinkSelections));
                ui.close();
            }
            ui.separator();
            if ui.button("Note on this article…").clicked() {
                cmds.push(Command::Study(StudyCommand::AddArticleNote(pane)));
                ui.close();
            }
        });
        if has_sel
            && ui
                .add(egui::Button::new("Copy").shortcut_text(Shortcut::Copy.name()))
                .clicked()
        {
            cmds.push(Command::View(ViewCommand::Copy));
            ui.close();
        }
    });
    queue.extend(cmds);
}

/// The study-file window: a path field for opening a study or saving it elsewhere.
/// `shown` says whether the window is open; `input` is the path typed.
pub fn path_window(
    ctx: &Context,
    shown: &mut bool,
    input: &mut String,
    current: Option<&std::path::Path>,
    queue: &mut Vec<Command>,
) {
    let mut open = *shown;
    let mut cmds = Vec::new();
    egui::Window::new("Study file")
        .open(&mut open)
        .collapsible(false)
        .default_width(520.0)
        .show(ctx, |ui| {
            let current = current.map_or_else(|| "not saved to a file".to_owned(), |p| p.display().to_string());
            ui.label(RichText::new(format!("In use: {current}")).weak());
            let field = crate::ui::path_edit::path_edit(
                ui,
                "Study file path",
                input,
                "/home/me/articles/parallax-study.ron",
                crate::ui::path_edit::PathKind::File("ron"),
            );
            let path = crate::corpus::paths::expand_home(input.trim());
            let exists = path.is_file();
            let folder_ok = path.parent().is_some_and(|p| p.as_os_str().is_empty() || p.is_dir());
            let named = path.extension().is_some_and(|e| e == "ron");
            let problem = if input.trim().is_empty() {
                Some("Type the path of a study file (.ron).")
            } else if !named {
                Some("A study file's name ends in .ron.")
            } else if !folder_ok {
                Some("That folder does not exist.")
            } else {
                None
            };
            if let Some(p) = problem {
                ui.label(RichText::new(p).color(ui.visuals().warn_fg_color));
            } else if exists {
                ui.label(RichText::new("A study file is there: Open reads it; Save as would replace it (a backup is kept).").weak());
            } else {
                ui.label(RichText::new("No file there yet: Save as creates it.").weak());
            }
            ui.horizontal(|ui| {
                if ui.add_enabled(problem.is_none() && exists, egui::Button::new("Open")).clicked()
                    || (field.submitted && problem.is_none() && exists)
                {
                    cmds.push(Command::Study(StudyCommand::OpenStudy(path.clone())));
                }
                if ui.add_enabled(problem.is_none(), egui::Button::new("Save as")).clicked() {
                    cmds.push(Command::Study(StudyCommand::SaveStudyAs(path.clone())));
                }
            });
            if !exists
                && let Some(picked) = crate::ui::path_edit::candidate_links(ui, &field.candidates)
            {
                *input = picked;
            }
        });
    *shown = open && *shown;
    queue.extend(cmds);
}

/// The path field for File → Import…/Merge study… where no file dialog is available.
/// `input` is `Some` while the window is open.
pub fn import_path_window(
    ctx: &Context,
    input: &mut Option<(crate::ui::dialogs::Incoming, String)>,
    queue: &mut Vec<Command>,
) {
    let Some((what, text)) = input.as_mut() else {
        return;
    };
    let what = *what;
    let mut open = true;
    let mut chosen = None;
    egui::Window::new(what.title())
        .open(&mut open)
        .collapsible(false)
        .default_width(520.0)
        .show(ctx, |ui| {
            let field = crate::ui::path_edit::path_edit(
                ui,
                "File path",
                text,
                what.example(),
                crate::ui::path_edit::PathKind::File(what.extensions()[0]),
            );
            let path = crate::corpus::paths::expand_home(text.trim());
            let ok = path.is_file();
            if !ok {
                ui.label(
                    RichText::new(format!(
                        "Type the path of a .{} file (Tab completes).",
                        what.extensions().join(" or .")
                    ))
                    .color(ui.visuals().warn_fg_color),
                );
            }
            if ui.add_enabled(ok, egui::Button::new("Import")).clicked() || (field.submitted && ok)
            {
                chosen = Some(path.clone());
            }
            if !ok
                && let Some(picked) = crate::ui::path_edit::candidate_links(ui, &field.candidates)
            {
                *text = picked;
            }
        });
    if let Some(path) = chosen {
        queue.push(Command::Study(StudyCommand::Import(path)));
        *input = None;
    } else if !open {
        *input = None;
    }
}
