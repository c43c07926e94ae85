//! The window around the panes: menus, status bar, article list, welcome and loading
//! screens, and the small windows (open by path, load report, shortcuts, about).

use egui::{Align, Layout, RichText, Ui};

use super::app::App;
use super::commands::{AppCommand, Command, LensCommand, Side, StudyCommand, ViewCommand};
use super::settings::ThemeChoice;
use super::shortcuts::{GESTURES, Shortcut};
use crate::corpus::human_size;
use crate::corpus::paths::{common_prefix, complete_folder, expand_home, folder_problem};

pub fn frame_ui(app: &mut App, ui: &mut Ui) {
    let ctx = ui.ctx().clone();
    egui::Panel::top("menu").show(ui, |ui| menu_bar(app, ui));
    egui::Panel::bottom("status").show(ui, |ui| status_bar(app, ui));
    if app.corpus.is_some() {
        let shown = app.sidebar_shown();
        let mut open = shown;
        egui::Panel::left("articles")
            .resizable(true)
            .default_size(230.0)
            .size_range(160.0..=420.0)
            .show_collapsible(ui, &mut open, |ui| sidebar(app, ui));
        if open != shown {
            app.queue.push(Command::View(ViewCommand::ToggleSidebar));
        }
    }
    if app.corpus.as_ref().is_some_and(|c| !c.documents.is_empty()) && app.load.is_none() {
        egui::Panel::top("lens").show(ui, |ui| lens_bar(app, ui));
        if app.comparison_shown() {
            egui::Panel::right("comparison")
                .resizable(true)
                .default_size(380.0)
                .size_range(280.0..=720.0)
                .show(ui, |ui| dock_ui(app, ui));
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
    if app.corpus.is_some() && super::notes_ui::needs_banner(app) {
        egui::Panel::top("study-banner").show(ui, |ui| super::notes_ui::banner_ui(app, ui));
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
    super::codebook_editor::editor_window(app, &ctx);
    super::notes_ui::editor_window(app, &ctx);
    super::notes_ui::path_window(app, &ctx);
    super::notes_ui::compare_window(app, &ctx);
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
                .add_enabled(has_corpus, egui::Button::new("Study file by path…"))
                .clicked()
            {
                q.push(Command::Study(StudyCommand::ShowStudyPath));
            }
            ui.menu_button("Export notes", |ui| {
                if ui.button("Markdown, grouped by code…").clicked() {
                    q.push(Command::Study(StudyCommand::ExportNotesDialog(
                        crate::notes::export::Grouping::ByCode,
                    )));
                }
                if ui.button("Markdown, grouped by article…").clicked() {
                    q.push(Command::Study(StudyCommand::ExportNotesDialog(
                        crate::notes::export::Grouping::ByArticle,
                    )));
                }
            });
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
                    egui::Button::new("Link the two selections…").shortcut_text("K"),
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
                    super::commands::Layer::Comparison,
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

/// The right-hand dock: the comparison of the two articles, or the notes.
fn dock_ui(app: &mut App, ui: &mut Ui) {
    use super::app::Dock;
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let n = app.study.desk.session.study.notes.len() + app.study.desk.session.study.links.len();
        for (dock, label) in [
            (Dock::Comparison, "Comparison".to_owned()),
            (Dock::Notes, format!("Notes ({n})")),
        ] {
            let text = RichText::new(label).strong().size(15.0);
            if ui.selectable_label(app.dock == dock, text).clicked() {
                app.dock = dock;
            }
        }
    });
    ui.separator();
    match app.dock {
        Dock::Comparison => super::compare::panel_ui(app, ui),
        Dock::Notes => super::notes_ui::panel_ui(app, ui),
    }
}

/// The lens toolbar: codebook, frames, layers.
fn lens_bar(app: &mut App, ui: &mut Ui) {
    use super::commands::Layer;
    let comparison = app.comparison_shown();
    let q = &mut app.queue;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Lens").strong());
        let label = ui.label("Codebook");
        let picker = egui::ComboBox::from_id_salt("codebook")
            .selected_text(app.lens.book().label())
            .width(220.0)
            .show_ui(ui, |ui| {
                for (i, b) in app.lens.shelf.books.iter().enumerate() {
                    if ui.selectable_label(i == app.lens.shelf.current, b.label()).clicked() {
                        q.push(Command::Lens(LensCommand::SelectCodebook(i)));
                    }
                }
                ui.separator();
                if ui.button("Load a codebook file…").clicked() {
                    q.push(Command::Lens(LensCommand::LoadCodebookDialog));
                }
            });
        picker.response.labelled_by(label.id);
        if ui.button("Edit…").on_hover_text("Add, rename, recolour or delete frames; edit their cues").clicked() {
            q.push(Command::Lens(LensCommand::OpenCodebookEditor));
        }
        ui.separator();
        let frames = app.lens.book().book.frames().to_vec();
        let hidden = app.settings.lens.hidden_frames.clone();
        ui.menu_button(format!("Frames ({}/{})", frames.iter().filter(|f| !hidden.contains(&f.id)).count(), frames.len()), |ui| {
            ui.horizontal(|ui| {
                if ui.small_button("All").clicked() {
                    q.push(Command::Lens(LensCommand::AllFrames(true)));
                }
                if ui.small_button("None").clicked() {
                    q.push(Command::Lens(LensCommand::AllFrames(false)));
                }
            });
            for (i, f) in frames.iter().enumerate() {
                let mut on = !hidden.contains(&f.id);
                ui.horizontal(|ui| {
                    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                    ui.painter().rect_filled(rect, 2.0, super::lens::frame_solid(f.rgb()));
                    if ui.checkbox(&mut on, &f.name).on_hover_text(&f.description).changed() {
                        q.push(Command::Lens(LensCommand::ToggleFrame(i)));
                    }
                });
            }
        });
        let l = &app.settings.lens;
        let layers = [
            (Layer::Frames, l.frames, "Highlights", "Frame cues in each frame's colour"),
            (Layer::Quotes, l.quotes, "Quotes", "Underline quotations and reported speech (colour: the verb's class); hover for speaker and verb"),
            (Layer::Stance, l.stance, "Hedges/boosters", "Dashed underlines: blue hedges, red boosters"),
            (Layer::Links, l.links, "Links", "Connect passages of the two articles that match"),
            (Layer::Focus, l.focus, "Focus", "Fade the text that no frame highlights"),
        ];
        for (layer, on, name, tip) in layers {
            if ui.selectable_label(on, name).on_hover_text(tip).clicked() {
                q.push(Command::Lens(LensCommand::ToggleLayer(layer)));
            }
        }
        ui.separator();
        if ui.selectable_label(comparison, "Comparison").on_hover_text("Show the comparison panel").clicked() {
            q.push(Command::Lens(LensCommand::ToggleLayer(Layer::Comparison)));
        }
        if app.lens.busy() {
            ui.spinner();
            ui.label(RichText::new("analysing…").weak());
        }
    });
}

fn status_bar(app: &mut App, ui: &mut Ui) {
    ui.horizontal(|ui| {
        if let Some(s) = &app.status {
            let color = if s.error {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().text_color()
            };
            ui.label(RichText::new(&s.text).color(color));
        } else {
            ui.label(RichText::new("Ready").weak());
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            ui.label(RichText::new(format!("Text {:.0} pt", app.settings.text_size)).weak());
            if app.corpus.is_some() {
                let (text, warn) = app.study.state_text();
                let color = if warn {
                    ui.visuals().warn_fg_color
                } else {
                    ui.visuals().weak_text_color()
                };
                let resp = ui.add(
                    egui::Label::new(RichText::new(text).color(color)).sense(egui::Sense::click()),
                );
                let tip = app.study.desk.session.path.as_ref().map_or_else(
                    || "Not saved to a file".to_owned(),
                    |p| p.display().to_string(),
                );
                if resp
                    .on_hover_text(format!("{tip}\nClick to show the notes"))
                    .clicked()
                {
                    app.queue.push(Command::View(ViewCommand::ShowNotes));
                }
                ui.separator();
            }
            if let Some(c) = &app.corpus {
                if !c.skipped.is_empty() {
                    let text = format!("{} skipped", c.skipped.len());
                    if ui
                        .link(text)
                        .on_hover_text("Show the load report")
                        .clicked()
                    {
                        app.queue.push(Command::App(AppCommand::ShowLoadReport));
                    }
                }
                ui.label(format!("{} articles", c.documents.len()));
                ui.label(RichText::new(app.corpus_title()).weak());
            }
        });
    });
}

fn sidebar(app: &mut App, ui: &mut Ui) {
    let Some(corpus) = app.corpus.clone() else {
        return;
    };
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.heading("Articles");
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui
                .small_button("Swap")
                .on_hover_text(format!("Swap left and right ({})", Shortcut::Swap.name()))
                .clicked()
            {
                app.queue.push(Command::View(ViewCommand::Swap));
            }
        });
    });
    ui.label(RichText::new(app.corpus_title()).small().weak());
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            for (i, d) in corpus.documents.iter().enumerate() {
                let in_left = app.panes[Side::Left].doc == Some(i);
                let in_right = app.panes[Side::Right].doc == Some(i);
                let meta = app.meta(d);
                egui::Frame::new()
                    .inner_margin(egui::Margin::symmetric(4, 4))
                    .fill(if in_left || in_right {
                        ui.visuals().faint_bg_color
                    } else {
                        egui::Color32::TRANSPARENT
                    })
                    .corner_radius(4.0)
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        let title = ui.add(
                            egui::Label::new(RichText::new(&meta.title).strong())
                                .wrap()
                                .sense(egui::Sense::click()),
                        );
                        if title
                            .on_hover_text(format!("Show in the {} pane", app.focus.name()))
                            .clicked()
                        {
                            app.queue.push(Command::View(ViewCommand::ShowDoc {
                                pane: app.focus,
                                doc: i,
                            }));
                        }
                        let comments = d.comments().len();
                        let mut info = format!(
                            "{} · {} words",
                            human_size(d.source.file_size),
                            d.words.article
                        );
                        if comments > 0 {
                            info.push_str(&format!(" · {comments} comments"));
                        }
                        ui.label(RichText::new(info).small().weak());
                        ui.horizontal(|ui| {
                            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                                if ui
                                    .selectable_label(in_right, "R")
                                    .on_hover_text("Show in the right pane")
                                    .clicked()
                                {
                                    app.queue.push(Command::View(ViewCommand::ShowDoc {
                                        pane: Side::Right,
                                        doc: i,
                                    }));
                                }
                                if ui
                                    .selectable_label(in_left, "L")
                                    .on_hover_text("Show in the left pane")
                                    .clicked()
                                {
                                    app.queue.push(Command::View(ViewCommand::ShowDoc {
                                        pane: Side::Left,
                                        doc: i,
                                    }));
                                }
                                ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
                                    ui.add(
                                        egui::Label::new(
                                            RichText::new(&d.source.rel_path)
                                                .small()
                                                .weak()
                                                .monospace(),
                                        )
                                        .truncate(),
                                    );
                                });
                            })
                        });
                    });
                ui.add_space(2.0);
            }
            if !corpus.skipped.is_empty() {
                ui.separator();
                ui.label(RichText::new("Not loaded").strong());
                for s in &corpus.skipped {
                    ui.label(RichText::new(&s.rel_path).small().monospace().weak())
                        .on_hover_text(s.reason.to_string());
                    ui.label(RichText::new(s.reason.to_string()).small().weak());
                }
            }
        });
}

fn central(app: &mut App, ui: &mut Ui) {
    if app.load.is_some() {
        loading_ui(app, ui);
        return;
    }
    match app.corpus.clone() {
        None => welcome_ui(app, ui),
        Some(c) if c.documents.is_empty() => empty_folder_ui(app, ui, &c),
        Some(_) => super::pane::panes_ui(app, ui),
    }
}

fn centered(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    let width = ui.available_width().min(560.0);
    ui.vertical_centered(|ui| {
        ui.add_space((ui.available_height() * 0.12).min(90.0));
        ui.set_max_width(width);
        add(ui);
    });
}

fn loading_ui(app: &mut App, ui: &mut Ui) {
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
                ui.spinner();
            }
        }
        ui.add_space(8.0);
        if ui.button("Cancel").clicked() {
            app.queue.push(Command::App(AppCommand::CancelLoad));
        }
    });
}

fn welcome_ui(app: &mut App, ui: &mut Ui) {
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

fn empty_folder_ui(app: &mut App, ui: &mut Ui, corpus: &crate::corpus::Corpus) {
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
    let label = ui.label(RichText::new("Folder path").small().weak());
    let edit = egui::TextEdit::singleline(&mut app.path_input)
        .hint_text("/home/me/articles")
        .desired_width(ui.available_width().min(480.0));
    let resp = ui.add(edit).labelled_by(label.id);
    let problem = folder_problem(&app.path_input);
    let candidates = if app.path_input.trim().is_empty() {
        Vec::new()
    } else {
        complete_folder(&app.path_input, 8)
    };
    if resp.has_focus() && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Tab)) {
        if let Some(prefix) = common_prefix(&candidates) {
            app.path_input = if candidates.len() == 1 {
                format!("{prefix}/")
            } else {
                prefix
            };
        }
        resp.request_focus();
    }
    let submit = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
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
                || (submit && problem.is_none())
            {
                app.queue
                    .push(Command::App(AppCommand::OpenFolder(expand_home(
                        &app.path_input,
                    ))));
            }
        });
    });
    if !candidates.is_empty() && problem.is_some() {
        ui.label(
            RichText::new("Folders here (Tab completes):")
                .small()
                .weak(),
        );
        for c in candidates {
            if ui.link(c.display().to_string()).clicked() {
                app.path_input = format!("{}/", c.display());
            }
        }
    }
}

fn windows(app: &mut App, ctx: &egui::Context) {
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

fn drop_overlay(ctx: &egui::Context) {
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
