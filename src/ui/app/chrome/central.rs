//! The central area: the panes, or what shows instead (loading, welcome, an empty folder, the
//! path field).

use egui::{Align, Layout, RichText, Ui};

use crate::corpus::paths::{expand_home, folder_problem};
use crate::ui::app::App;
use crate::ui::commands::{AppCommand, Command};
use crate::ui::path_edit::{PathKind, candidate_links, path_edit};

pub(super) fn central(app: &mut App, ui: &mut Ui) {
    if !app.shows_folder() {
        loading_ui(app, ui);
        return;
    }
    if app.load.is_some() {
        reading_strip(app, ui);
    }
    match app.corpus.clone() {
        None => welcome_ui(app, ui),
        Some(c) if c.documents.is_empty() => empty_folder_ui(app, ui, &c),
        Some(_) if app.comparison_docks() => crate::ui::app::panes::panes_ui(app, ui),
        Some(_) => tabbed_ui(app, ui),
    }
}

/// A window too narrow for the comparison beside both panes: the panes and the dock are tabs.
fn tabbed_ui(app: &mut App, ui: &mut Ui) {
    ui.horizontal(|ui| {
        let front = app.comparison_tab;
        if ui
            .selectable_label(!front, RichText::new("Articles").strong())
            .on_hover_text("The two articles side by side")
            .clicked()
        {
            app.comparison_tab = false;
        }
        super::bars::dock_tabs(app, ui, front);
        ui.label(
            RichText::new("(the window is too narrow to show them side by side)")
                .weak()
                .small(),
        );
    });
    ui.separator();
    if app.comparison_tab {
        super::bars::dock_ui(app, ui, false);
    } else {
        crate::ui::app::panes::panes_ui(app, ui);
    }
}

pub(super) fn centered(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    let width = ui.available_width().min(560.0);
    ui.vertical_centered(|ui| {
        ui.add_space((ui.available_height() * 0.12).min(90.0));
        ui.set_max_width(width);
        add(ui);
    });
}

pub(super) fn loading_ui(app: &mut App, ui: &mut Ui) {
    let root = app
        .load
        .as_ref()
        .map(|l| l.root.display().to_string())
        .unwrap_or_default();
    let progress = app.progress.clone();
    centered(ui, |ui| {
        ui.heading("Reading the folder…");
        ui.label(RichText::new(root).weak());
        ui.add_space(12.0);
        match progress {
            Some(p) if p.total > 0 => {
                let f = p.done as f32 / p.total as f32;
                ui.add(egui::ProgressBar::new(f).text(format!("{} of {} files", p.done, p.total)));
            }
            _ => {
                crate::ui::busy::spinner(ui);
            }
        }
        ui.add_space(8.0);
        if ui.button("Cancel").clicked() {
            app.queue.push(Command::App(AppCommand::CancelLoad));
        }
    });
}

/// Above the panes while the folder shown is being read: how far it is, and Stop.
fn reading_strip(app: &mut App, ui: &mut Ui) {
    let Some(p) = app.progress.clone().filter(|p| p.total > 0) else {
        return;
    };
    ui.horizontal(|ui| {
        let what = if app.provisional {
            "Reading the folder: the articles appear as they are read; notes open when all are in"
        } else {
            "Reading the folder again: what is shown stays until the new reading is complete"
        };
        ui.label(RichText::new(what).weak());
        if ui
            .button("Stop")
            .on_hover_text(if app.provisional {
                "Keep the articles read so far and open the study on them"
            } else {
                "Keep the folder as it was read before"
            })
            .clicked()
        {
            app.queue.push(Command::App(AppCommand::CancelLoad));
        }
        let f = p.done as f32 / p.total as f32;
        ui.add(egui::ProgressBar::new(f).text(format!("{} of {} files", p.done, p.total)));
    });
    ui.separator();
}

pub(super) fn welcome_ui(app: &mut App, ui: &mut Ui) {
    centered(ui, |ui| {
        ui.heading(RichText::new("Parallax").size(30.0));
        ui.label("Read two articles side by side, see how each frames the question, and keep notes anchored to the words.");
        ui.add_space(16.0);
        if let Some(err) = &app.load_error {
            ui.label(RichText::new(err).color(ui.visuals().error_fg_color));
            ui.add_space(8.0);
        }
        if ui
            .button(RichText::new("Open folder…").size(16.0))
            .clicked()
        {
            app.queue.push(Command::App(AppCommand::OpenFolderDialog));
        }
        ui.add_space(6.0);
        if ui.button("Open the bundled example study").clicked() {
            app.queue.push(Command::App(AppCommand::OpenBundled));
        }
        ui.add_space(16.0);
        ui.label(RichText::new("Or type a folder's path:").weak());
        path_field(app, ui);
        if !app.settings.recent_folders.is_empty() {
            ui.add_space(16.0);
            ui.label(RichText::new("Recent folders").strong());
            for f in app.settings.recent_folders.clone() {
                if ui.link(f.display().to_string()).clicked() {
                    app.queue.push(Command::App(AppCommand::OpenFolder(f)));
                }
            }
        }
        ui.add_space(16.0);
        ui.label(
            RichText::new("You can also drop a folder or article files onto this window.").weak(),
        );
    });
}

pub(super) fn empty_folder_ui(app: &mut App, ui: &mut Ui, corpus: &crate::corpus::Corpus) {
    centered(ui, |ui| {
        ui.heading("No articles in this folder");
        ui.label(RichText::new(corpus.root.display().to_string()).weak());
        ui.add_space(10.0);
        ui.label(
            "Parallax reads articles saved as plain text (.txt), Markdown (.md) or web pages (.html), \
             in this folder and the folders inside it.",
        );
        if !corpus.skipped.is_empty() {
            ui.add_space(10.0);
            ui.label(
                RichText::new(format!(
                    "{} file(s) here could not be used:",
                    corpus.skipped.len()
                ))
                .strong(),
            );
            for s in corpus.skipped.iter().take(8) {
                ui.label(format!("{} — {}", s.rel_path, s.reason));
            }
            if corpus.skipped.len() > 8 && ui.link("Show all…").clicked() {
                app.queue.push(Command::App(AppCommand::ShowLoadReport));
            }
        }
        ui.add_space(14.0);
        ui.horizontal(|ui| {
            if ui.button("Open another folder…").clicked() {
                app.queue.push(Command::App(AppCommand::OpenFolderDialog));
            }
            if ui.button("Open the bundled example").clicked() {
                app.queue.push(Command::App(AppCommand::OpenBundled));
            }
        });
    });
}

/// A path field with validation and completion of existing folders.
pub fn path_field(app: &mut App, ui: &mut Ui) {
    let field = path_edit(
        ui,
        "Folder path",
        &mut app.path_input,
        "/home/me/articles",
        PathKind::Folder,
    );
    let problem = folder_problem(&app.path_input);
    ui.horizontal(|ui| {
        match &problem {
            None => {
                ui.label(
                    RichText::new("\u{2714} folder found")
                        .color(egui::Color32::from_rgb(0x3c, 0x9a, 0x5f)),
                );
            }
            Some(p) if !app.path_input.trim().is_empty() => {
                ui.label(RichText::new(p).color(ui.visuals().warn_fg_color));
            }
            _ => {}
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui
                .add_enabled(problem.is_none(), egui::Button::new("Open"))
                .clicked()
                || (field.submitted && problem.is_none())
            {
                app.queue
                    .push(Command::App(AppCommand::OpenFolder(expand_home(
                        &app.path_input,
                    ))));
            }
        });
    });
    if problem.is_some()
        && let Some(picked) = candidate_links(ui, &field.candidates)
    {
        app.path_input = picked;
    }
}
