//! The bars around the panes: the dock, the lens bar and the status bar.

use egui::{Align, Layout, RichText, Ui};

use crate::ui::app::App;
use crate::ui::commands::{AppCommand, Command, LensCommand, ViewCommand};

/// The right-hand dock: the comparison of the two articles, or the notes. `header` draws
/// its own tab strip (a docked panel); as a tab over the panes the strip is the window's.
pub(super) fn dock_ui(app: &mut App, ui: &mut Ui, header: bool) {
    use crate::ui::app::Dock;
    if header {
        ui.add_space(4.0);
        ui.horizontal(|ui| dock_tabs(app, ui, true));
        ui.separator();
    }
    // The content wraps or scrolls inside the width it is given: a wide table never widens
    // the panel (which would reflow both articles).
    let rect = ui.available_rect_before_wrap();
    app.dock_rect = Some(rect);
    let mut inner = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(*ui.layout()));
    inner.shrink_clip_rect(rect);
    match app.dock {
        Dock::Comparison => app.comparison_ui(&mut inner),
        Dock::Notes => app.notes_ui(&mut inner),
    }
    ui.advance_cursor_after_rect(rect);
}

/// The dock's tabs, Comparison and Notes; `front` says whether the dock is in view.
pub(super) fn dock_tabs(app: &mut App, ui: &mut Ui, front: bool) {
    use crate::ui::app::Dock;
    let n = app.study.desk.session.study.notes.len() + app.study.desk.session.study.links.len();
    for (dock, label) in [
        (Dock::Comparison, "Comparison".to_owned()),
        (Dock::Notes, format!("Notes ({n})")),
    ] {
        let text = RichText::new(label).strong();
        if ui
            .selectable_label(front && app.dock == dock, text)
            .clicked()
        {
            app.dock = dock;
            app.comparison_tab = true;
        }
    }
}

/// The lens toolbar: codebook, frames, layers.
pub(super) fn lens_bar(app: &mut App, ui: &mut Ui) {
    use crate::ui::commands::Layer;
    let comparison = app.comparison_shown();
    let analysing = app.analysing();
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
            // One group at a time, when the codebook has groups.
            let groups = app.lens.book().book.book.groups();
            if groups.len() > 1 {
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new("Only:").weak());
                    for g in groups {
                        if ui.small_button(g).on_hover_text(format!("Show only the frames of “{g}”")).clicked() {
                            q.push(Command::Lens(LensCommand::OnlyGroup(g.to_owned())));
                        }
                    }
                });
            }
            for (i, f) in frames.iter().enumerate() {
                let mut on = !hidden.contains(&f.id);
                ui.horizontal(|ui| {
                    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                    ui.painter().rect_filled(rect, 2.0, crate::ui::lens::frame_solid(f.rgb()));
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
        if analysing {
            crate::ui::busy::spinner(ui);
            ui.label(RichText::new("analysing…").weak());
        }
    });
}

pub(super) fn status_bar(app: &mut App, ui: &mut Ui) {
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
                let n = c.documents.len();
                match app.progress.as_ref().filter(|_| app.provisional) {
                    Some(p) => ui.label(format!(
                        "{n} articles so far ({} of {} files read)",
                        p.done, p.total
                    )),
                    None => ui.label(format!("{n} article{}", if n == 1 { "" } else { "s" })),
                };
                ui.label(RichText::new(app.corpus_title()).weak());
            }
        });
    });
}
