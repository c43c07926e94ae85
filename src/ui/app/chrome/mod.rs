//! The window around the panes: menus, status bar, article list, welcome and loading
//! screens, and the small windows (open by path, load report, shortcuts, about).

use egui::{RichText, Ui};

use super::App;
use crate::ui::commands::{AppCommand, Command, LensCommand, Side, StudyCommand, ViewCommand};
use crate::ui::settings::ThemeChoice;
use crate::ui::shortcuts::Shortcut;

mod bars;
mod central;
mod sidebar;
mod windows;
use bars::*;
pub use central::path_field;
use central::*;
pub(crate) use sidebar::ArticleList;
use sidebar::sidebar;
use windows::*;

pub fn frame_ui(app: &mut App, ui: &mut Ui) {
    let ctx = ui.ctx().clone();
    egui::Panel::top("menu").show(ui, |ui| menu_bar(app, ui));
    egui::Panel::bottom("status").show(ui, |ui| status_bar(app, ui));
    if app.corpus.is_some() {
        let shown = app.sidebar_shown();
        let mut open = shown;
        let panel = egui::Panel::left("articles")
            .resizable(true)
            .default_size(230.0)
            .size_range(160.0..=420.0)
            .show_collapsible(ui, &mut open, |ui| sidebar(app, ui));
        if shown && let Some(panel) = panel {
            app.sidebar_width = panel.response.rect.width();
        }
        if open != shown {
            app.queue.push(Command::View(ViewCommand::ToggleSidebar));
        }
    }
    if app.shows_folder() && app.corpus.as_ref().is_some_and(|c| !c.documents.is_empty()) {
        egui::Panel::top("lens").show(ui, |ui| lens_bar(app, ui));
        if app.comparison_docks() && app.settings.lens.comparison {
            let window = app.window_width;
            egui::Panel::right("comparison")
                .resizable(true)
                .default_size(super::layout::comparison_default(window))
                .size_range(super::layout::comparison_range(window))
                .show(ui, |ui| dock_ui(app, ui, true));
        }
    }
    if app.find.open && app.corpus.is_some() {
        egui::Panel::top("find").show(ui, |ui| {
            let titles = Side::BOTH.map(|p| {
                app.panes[p]
                    .view
                    .as_ref()
                    .map(|v| v.doc().title().to_owned())
            });
            let mut cmds = Vec::new();
            app.find
                .ui(ui, [titles[0].as_deref(), titles[1].as_deref()], &mut cmds);
            app.queue.extend(cmds);
        });
    }
    let articles = app.corpus.as_ref().map_or(0, |c| c.documents.len());
    if articles > 0 && !app.settings.first_steps_done {
        egui::Panel::top("first-steps").show(ui, |ui| first_steps(ui, &mut app.queue));
    }
    if app.corpus.is_some() && crate::ui::notes_ui::needs_banner(&app.study.desk) {
        egui::Panel::top("study-banner").show(ui, |ui| {
            crate::ui::notes_ui::banner_ui(ui, &app.study.desk, &mut app.queue)
        });
    }
    if !app.changes.is_empty() {
        egui::Panel::top("changes").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Files changed on disk").strong());
                ui.label(app.changes.summary());
                if ui.button("Reload").clicked() {
                    app.queue.push(Command::App(AppCommand::Reload));
                }
                if ui.button("Dismiss").clicked() {
                    app.queue.push(Command::App(AppCommand::DismissChanges));
                }
            });
        });
    }
    egui::CentralPanel::default().show(ui, |ui| central(app, ui));
    windows(app, &ctx);
    crate::ui::codebook_editor::editor_window(&ctx, &mut app.editor, &app.lens, &mut app.queue);
    if app.study.draft.is_some() {
        let titles = app.titles();
        let reads = crate::ui::notes_ui::EditorReads {
            titles: &titles,
            book: &app.lens.book().book,
            recent_codes: &app.settings.recent_codes,
            read_only: app.study.desk.session.read_only,
        };
        crate::ui::notes_ui::editor_window(&ctx, &mut app.study.draft, reads, &mut app.queue);
    }
    crate::ui::notes_ui::path_window(
        &ctx,
        &mut app.study.path_window,
        &mut app.study.path_input,
        app.study.desk.session.path.as_deref(),
        &mut app.queue,
    );
    crate::ui::notes_ui::import_path_window(&ctx, &mut app.study.import_path, &mut app.queue);
    crate::ui::notes_ui::history_window(
        &ctx,
        &mut app.study.history,
        &app.study.desk,
        &crate::ui::shortcuts::Shortcut::Undo.name(),
        &mut app.queue,
    );
    crate::ui::notes_ui::compare_window(
        &ctx,
        &mut app.study.compare_offer,
        &app.study.desk,
        &mut app.queue,
    );
    drop_overlay(&ctx);
}

fn menu_bar(app: &mut App, ui: &mut Ui) {
    let (sidebar_shown, comparison_shown) = (app.sidebar_shown(), app.comparison_shown());
    let q = &mut app.queue;
    let sc = |s: Shortcut, _: &Ui| s.name();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui
                .add(egui::Button::new("Open folder…").shortcut_text(sc(Shortcut::OpenFolder, ui)))
                .clicked()
            {
                q.push(Command::App(AppCommand::OpenFolderDialog));
            }
            if ui
                .add(
                    egui::Button::new("Open folder by path…")
                        .shortcut_text(sc(Shortcut::OpenPath, ui)),
                )
                .clicked()
            {
                q.push(Command::App(AppCommand::ShowOpenPath));
            }
            ui.menu_button("Open recent", |ui| {
                if app.settings.recent_folders.is_empty() {
                    ui.label(RichText::new("No recent folders").weak());
                }
                for f in app.settings.recent_folders.clone() {
                    if ui.button(f.display().to_string()).clicked() {
                        q.push(Command::App(AppCommand::OpenFolder(f)));
                    }
                }
            });
            if ui.button("Open the bundled example").clicked() {
                q.push(Command::App(AppCommand::OpenBundled));
            }
            ui.separator();
            let has_corpus = app.corpus.is_some();
            if ui
                .add_enabled(has_corpus, egui::Button::new("Open study…"))
                .on_hover_text("Open another study file for these articles")
                .clicked()
            {
                q.push(Command::Study(StudyCommand::OpenStudyDialog));
            }
            if ui
                .add_enabled(has_corpus, egui::Button::new("Save study as…"))
                .clicked()
            {
                q.push(Command::Study(StudyCommand::SaveStudyAsDialog));
            }
            if ui
                .add_enabled(has_corpus, egui::Button::new("Study history…"))
                .on_hover_text("Earlier versions of the study: compare one and restore it")
                .clicked()
            {
                q.push(Command::Study(StudyCommand::ShowHistory));
            }
            if ui
                .add_enabled(has_corpus, egui::Button::new("Study file by path…"))
                .clicked()
            {
                q.push(Command::Study(StudyCommand::ShowStudyPath));
            }
            use crate::ui::dialogs::Incoming;
            let imports = [
                (
                    Incoming::Project,
                    "Import REFI-QDA project…",
                    "Codes, coded passages, notes and links from QualCoder, MAXQDA, ATLAS.ti, \
                     NVivo or another Parallax, merged into this study",
                ),
                (
                    Incoming::Annotations,
                    "Import annotations (W3C, Hypothesis)…",
                    "Web annotations, anchored by their quotes: close matches wait in \
                     \"To check\", misses among the orphans",
                ),
                (
                    Incoming::Study,
                    "Merge study…",
                    "Another coder's study of these articles: their notes come in signed \
                     with their name, nothing is doubled, one undo takes it back",
                ),
            ];
            for (what, label, hint) in imports {
                if ui
                    .add_enabled(has_corpus, egui::Button::new(label))
                    .on_hover_text(hint)
                    .clicked()
                {
                    q.push(Command::Study(StudyCommand::ImportDialog(what)));
                }
            }
            ui.menu_button("Export", |ui| crate::ui::notes_ui::export_menu(ui, q));
            let pair = app.panes.iter().all(|p| p.doc.is_some());
            if ui
                .add_enabled(pair, egui::Button::new("Export study report…"))
                .on_hover_text(
                    "The two open articles' cards, both frame profiles, the worksheet, notes \
                     and links with their quotes, who speaks and the method, in one web page \
                     that prints to PDF",
                )
                .on_disabled_hover_text("Open an article in each pane first")
                .clicked()
            {
                q.push(Command::Study(StudyCommand::ExportReportDialog));
            }
            ui.separator();
            let can_reload = app.corpus.is_some();
            if ui
                .add_enabled(
                    can_reload,
                    egui::Button::new("Reload").shortcut_text(sc(Shortcut::Reload, ui)),
                )
                .clicked()
            {
                q.push(Command::App(AppCommand::Reload));
            }
            if ui
                .add_enabled(app.corpus.is_some(), egui::Button::new("Load report…"))
                .clicked()
            {
                q.push(Command::App(AppCommand::ShowLoadReport));
            }
            ui.separator();
            if ui
                .add(egui::Button::new("Quit").shortcut_text(sc(Shortcut::Quit, ui)))
                .clicked()
            {
                q.push(Command::App(AppCommand::Quit));
            }
        });
        ui.menu_button("Edit", |ui| {
            let h = &app.study.desk.session.history;
            let writable = !app.study.desk.session.read_only;
            let undo = h
                .undo_label()
                .map_or_else(|| "Undo".to_owned(), |w| format!("Undo {w}"));
            let redo = h
                .redo_label()
                .map_or_else(|| "Redo".to_owned(), |w| format!("Redo {w}"));
            if ui
                .add_enabled(
                    h.can_undo() && writable,
                    egui::Button::new(undo).shortcut_text(sc(Shortcut::Undo, ui)),
                )
                .clicked()
            {
                q.push(Command::Study(StudyCommand::Undo));
            }
            if ui
                .add_enabled(
                    h.can_redo() && writable,
                    egui::Button::new(redo).shortcut_text(sc(Shortcut::Redo, ui)),
                )
                .clicked()
            {
                q.push(Command::Study(StudyCommand::Redo));
            }
            ui.separator();
            let focus_view = app.panes[app.focus].view.as_ref();
            let has_point =
                focus_view.is_some_and(|v| v.selection().is_some() || v.caret().is_some());
            if ui
                .add_enabled(
                    has_point && writable,
                    egui::Button::new("Add note on the selection…")
                        .shortcut_text(Shortcut::AddNote.name()),
                )
                .clicked()
            {
                q.push(Command::Study(StudyCommand::AddNote));
            }
            let both = app.panes.iter().all(|p| {
                p.view
                    .as_ref()
                    .is_some_and(|v| v.selection().is_some() || v.caret().is_some())
            });
            if ui
                .add_enabled(
                    both && writable,
                    egui::Button::new("Link the two selections…")
                        .shortcut_text(Shortcut::LinkSelections.name()),
                )
                .clicked()
            {
                q.push(Command::Study(StudyCommand::LinkSelections));
            }
            if ui
                .add_enabled(
                    focus_view.is_some() && writable,
                    egui::Button::new("Note on the article…"),
                )
                .clicked()
            {
                q.push(Command::Study(StudyCommand::AddArticleNote(app.focus)));
            }
            if ui
                .add_enabled(
                    app.corpus.is_some() && writable,
                    egui::Button::new("Note on the study…"),
                )
                .clicked()
            {
                q.push(Command::Study(StudyCommand::AddStudyNote));
            }
            ui.separator();
            let coder = if app.settings.coder.is_empty() {
                "Your name as coder…".to_owned()
            } else {
                format!("Your name as coder ({})…", app.settings.coder)
            };
            if ui
                .button(coder)
                .on_hover_text("The name new notes and links are signed with")
                .clicked()
            {
                q.push(Command::App(AppCommand::ShowCoderName));
            }
            ui.separator();
            if ui
                .add(egui::Button::new("Find…").shortcut_text(sc(Shortcut::Find, ui)))
                .clicked()
            {
                q.push(Command::View(ViewCommand::OpenFind));
            }
            if ui
                .add(egui::Button::new("Select all").shortcut_text(sc(Shortcut::SelectAll, ui)))
                .clicked()
            {
                q.push(Command::View(ViewCommand::SelectAll));
            }
            let has_sel = app.panes[app.focus]
                .view
                .as_ref()
                .is_some_and(|v| v.selection().is_some());
            if ui
                .add_enabled(
                    has_sel,
                    egui::Button::new("Copy").shortcut_text(Shortcut::Copy.name()),
                )
                .clicked()
            {
                q.push(Command::View(ViewCommand::Copy));
            }
        });
        ui.menu_button("View", |ui| {
            ui.menu_button("Theme", |ui| {
                for t in ThemeChoice::ALL {
                    if ui.radio(app.settings.theme == t, t.label()).clicked() {
                        q.push(Command::App(AppCommand::SetTheme(t)));
                    }
                }
            });
            if ui
                .add(egui::Button::new("Larger text").shortcut_text(sc(Shortcut::TextBigger, ui)))
                .clicked()
            {
                q.push(Command::View(ViewCommand::TextBigger));
            }
            if ui
                .add(egui::Button::new("Smaller text").shortcut_text(sc(Shortcut::TextSmaller, ui)))
                .clicked()
            {
                q.push(Command::View(ViewCommand::TextSmaller));
            }
            if ui
                .add(
                    egui::Button::new("Default text size")
                        .shortcut_text(sc(Shortcut::TextReset, ui)),
                )
                .clicked()
            {
                q.push(Command::View(ViewCommand::TextReset));
            }
            ui.separator();
            for (shortcut, label, cmd) in [
                (Shortcut::ZoomIn, "Zoom in", ViewCommand::ZoomIn),
                (Shortcut::ZoomOut, "Zoom out", ViewCommand::ZoomOut),
                (Shortcut::ZoomReset, "Actual size", ViewCommand::ZoomReset),
            ] {
                if ui
                    .add(egui::Button::new(label).shortcut_text(sc(shortcut, ui)))
                    .on_hover_text("The whole window, not only the articles' text")
                    .clicked()
                {
                    q.push(Command::View(cmd));
                }
            }
            ui.separator();
            if ui
                .add_enabled(app.corpus.is_some(), egui::Button::new("Folder view"))
                .on_hover_text(
                    "Every article of the folder in one table, with a heat map of its frames",
                )
                .clicked()
            {
                q.push(Command::App(AppCommand::ShowFolderView));
            }
            let mut sidebar = sidebar_shown;
            if ui.checkbox(&mut sidebar, "Article list").clicked() {
                q.push(Command::View(ViewCommand::ToggleSidebar));
            }
            let mut comparison = comparison_shown;
            if ui
                .checkbox(&mut comparison, "Comparison and notes panel")
                .clicked()
            {
                q.push(Command::Lens(LensCommand::ToggleLayer(
                    crate::ui::commands::Layer::Comparison,
                )));
            }
            if ui
                .add(egui::Button::new("Notes").shortcut_text(sc(Shortcut::ShowNotes, ui)))
                .clicked()
            {
                q.push(Command::View(ViewCommand::ShowNotes));
            }
            let mut sync = app.settings.sync_scroll;
            if ui
                .checkbox(&mut sync, "Scroll both articles together")
                .clicked()
            {
                q.push(Command::View(ViewCommand::ToggleSyncScroll));
            }
            if ui
                .add(egui::Button::new("Swap left and right").shortcut_text(sc(Shortcut::Swap, ui)))
                .clicked()
            {
                q.push(Command::View(ViewCommand::Swap));
            }
        });
        ui.menu_button("Help", |ui| {
            if ui
                .add(egui::Button::new("Keyboard shortcuts").shortcut_text(sc(Shortcut::Help, ui)))
                .clicked()
            {
                q.push(Command::App(AppCommand::ShowShortcuts));
            }
            if ui.button("About Parallax").clicked() {
                q.push(Command::App(AppCommand::ShowAbout));
            }
        });
    });
}

/// What to try first, for a newcomer: three steps, each with its key or place.
fn first_steps(ui: &mut Ui, queue: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("First steps:").strong());
        ui.label(format!(
            "1. Select a passage and press {} to write a note on it.",
            Shortcut::AddNote.name()
        ));
        ui.label("2. Pick the frames to show in the Frames menu (the coloured highlights are their cues).");
        ui.label("3. Read the comparison panel on the right: click a bar, a word or a name to find its passages.");
        if ui.button("Got it").clicked() {
            queue.push(Command::App(AppCommand::DismissFirstSteps));
        }
    });
}
