//! The windows over the app: load report, shortcuts, about, and the drop overlay.

use egui::RichText;

use crate::corpus::human_size;
use crate::ui::app::App;
use crate::ui::commands::{AppCommand, Command};
use crate::ui::shortcuts::{GESTURES, Shortcut};

use super::*;

pub(super) fn windows(app: &mut App, ctx: &egui::Context) {
    import_window(app, ctx);
    crate::ui::app::folder_view::folder_window(app, ctx);
    coder_window(app, ctx);
    let mut open = app.windows.open_path;
    egui::Window::new("Open folder by path")
        .open(&mut open)
        .collapsible(false)
        .default_width(480.0)
        .show(ctx, |ui| {
            path_field(app, ui);
            if !app.settings.recent_folders.is_empty() {
                ui.separator();
                ui.label(RichText::new("Recent folders").strong());
                for f in app.settings.recent_folders.clone() {
                    if ui.link(f.display().to_string()).clicked() {
                        app.queue.push(Command::App(AppCommand::OpenFolder(f)));
                    }
                }
            }
        });
    app.windows.open_path = open && app.windows.open_path;

    let mut open = app.windows.load_report;
    egui::Window::new("Load report")
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| {
            let Some(c) = &app.corpus else { return };
            ui.label(format!(
                "{}: {} article(s) read.",
                app.corpus_title(),
                c.documents.len()
            ));
            for n in &c.notices {
                ui.label(RichText::new(n.to_string()).color(ui.visuals().warn_fg_color));
            }
            if c.skipped.is_empty() {
                ui.label("No file was skipped.");
            } else {
                ui.label(RichText::new(format!("{} file(s) skipped:", c.skipped.len())).strong());
                egui::ScrollArea::vertical()
                    .max_height(360.0)
                    .show(ui, |ui| {
                        egui::Grid::new("skipped")
                            .striped(true)
                            .num_columns(2)
                            .show(ui, |ui| {
                                for s in &c.skipped {
                                    ui.label(RichText::new(&s.rel_path).monospace());
                                    ui.label(s.reason.to_string());
                                    ui.end_row();
                                }
                            });
                    });
            }
            ui.separator();
            ui.label(RichText::new("Loaded articles").strong());
            egui::Grid::new("loaded")
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    for d in &c.documents {
                        ui.label(RichText::new(&d.source.rel_path).monospace());
                        if d.source.replaced > 0 {
                            let n = d.source.replaced;
                            ui.label(
                                RichText::new(format!(
                                    "{} · {n} invalid byte sequence{} replaced",
                                    d.source.encoding,
                                    if n == 1 { "" } else { "s" }
                                ))
                                .color(ui.visuals().warn_fg_color),
                            )
                            .on_hover_text("The file is UTF-8 but for these bytes, which show as \u{FFFD}. Notes on the rest of the text are unaffected.");
                        } else {
                            ui.label(d.source.encoding);
                        }
                        ui.label(human_size(d.source.file_size));
                        ui.end_row();
                    }
                });
        });
    app.windows.load_report = open;

    let mut open = app.windows.shortcuts;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("keys")
                .striped(true)
                .num_columns(2)
                .show(ui, |ui| {
                    for (keys, what) in Shortcut::help_rows() {
                        ui.label(RichText::new(keys).monospace());
                        ui.label(what);
                        ui.end_row();
                    }
                    for (gesture, what) in GESTURES {
                        ui.label(RichText::new(*gesture).monospace());
                        ui.label(*what);
                        ui.end_row();
                    }
                });
        });
    app.windows.shortcuts = open;

    let mut open = app.windows.about;
    egui::Window::new("About Parallax")
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.heading(format!("Parallax {}", env!("CARGO_PKG_VERSION")));
            ui.label(env!("CARGO_PKG_DESCRIPTION"));
            ui.label("Everything is computed on this computer; nothing is sent anywhere.");
        });
    app.windows.about = open;
}

pub(super) fn drop_overlay(ctx: &egui::Context) {
    let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
    if !hovering {
        return;
    }
    let screen = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop"),
    ));
    painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(140));
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        "Drop a folder, or one or two articles, to open them",
        egui::FontId::proportional(22.0),
        egui::Color32::WHITE,
    );
}

/// Edit → Your name as coder…: the name new notes and links are signed with.
fn coder_window(app: &mut App, ctx: &egui::Context) {
    let Some(name) = app.windows.coder.as_mut() else {
        return;
    };
    let mut open = true;
    let mut done = None;
    egui::Window::new("Your name as coder")
        .anchor(egui::Align2::CENTER_TOP, [0.0, 120.0])
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(380.0)
        .show(ctx, |ui| {
            ui.label(
                "New notes and links are signed with this name, so the work of two coders \
                 can be merged and their agreement measured (Comparison > Agreement).",
            );
            ui.add_space(4.0);
            let field = ui.add(
                egui::TextEdit::singleline(name)
                    .hint_text("e.g. Ana Lima")
                    .desired_width(f32::INFINITY),
            );
            crate::ui::widgets::focus_when_shown(ui, &field);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() || enter {
                    done = Some(name.clone());
                }
                ui.label(
                    RichText::new("Notes made before keep the name they had.")
                        .small()
                        .weak(),
                );
            });
        });
    if let Some(name) = done {
        app.queue.push(Command::App(AppCommand::SetCoderName(name)));
    } else if !open {
        app.windows.coder = None;
    }
}

/// What the last import brought in and what it could not, with the offer to add the
/// sources the folder lacks.
fn import_window(app: &mut App, ctx: &egui::Context) {
    use crate::ui::commands::StudyCommand;
    let Some(view) = &app.study.import else {
        return;
    };
    let mut open = true;
    let mut cmds = Vec::new();
    let name = view.path.file_name().map_or_else(
        || view.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    egui::Window::new("Import report")
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.label(RichText::new(format!("From {name}")).strong());
            ui.label(format!(
                "{} note{} and {} link{} added to the study{}.",
                view.notes,
                if view.notes == 1 { "" } else { "s" },
                view.links,
                if view.links == 1 { "" } else { "s" },
                if view.frames.is_empty() {
                    String::new()
                } else {
                    format!("; new codes in the codebook: {}", view.frames.join(", "))
                }
            ));
            if !view.matched.is_empty() {
                ui.add_space(4.0);
                ui.label(RichText::new("Sources found in the folder").strong());
                for (source, article, how) in &view.matched {
                    ui.label(format!("“{source}” is {article} ({how})"));
                }
            }
            if !view.report.is_empty() {
                ui.add_space(4.0);
                ui.label(RichText::new("Left out or changed").strong());
                egui::ScrollArea::vertical().max_height(200.0).show(ui, |ui| {
                    for line in &view.report {
                        ui.label(RichText::new(line).color(ui.visuals().warn_fg_color));
                    }
                });
            }
            if !view.unmatched.is_empty() {
                ui.add_space(4.0);
                if view.waiting.is_some() {
                    ui.horizontal(|ui| {
                        crate::ui::busy::spinner(ui);
                        ui.label("Reading the folder again to import the notes on the new articles…");
                    });
                } else {
                    let n = view.unmatched.len();
                    let label = format!(
                        "Add the {n} source{} as article{} of this folder and import {}",
                        if n == 1 { "" } else { "s" },
                        if n == 1 { "" } else { "s" },
                        if n == 1 { "its notes" } else { "their notes" },
                    );
                    if ui
                        .button(label)
                        .on_hover_text("Each is written as a plain-text file (NAME.txt) next to the other articles")
                        .clicked()
                    {
                        cmds.push(Command::Study(StudyCommand::AddImportedArticles));
                    }
                }
            }
        });
    if !open {
        cmds.push(Command::Study(StudyCommand::CloseImport));
    }
    app.queue.extend(cmds);
}
