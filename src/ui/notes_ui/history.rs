//! File → Study history…: the versions kept of the study, with their time and contents;
//! choosing one shows what restoring it would change, and restoring is one undoable step.

use egui::{Context, RichText};

use crate::notes::desk::StudyDesk;
use crate::notes::model::local_time;
use crate::notes::rescue::Difference;
use crate::notes::versions::Version;
use crate::ui::commands::{Command, StudyCommand};

use super::banner::differences_list;

/// The open history window.
pub struct HistoryView {
    pub versions: Vec<Version>,
    /// The version being looked at, and what restoring it would change.
    pub selected: Option<(usize, Vec<Difference>)>,
}

impl HistoryView {
    pub fn new(desk: &StudyDesk) -> Self {
        Self {
            versions: desk.versions(),
            selected: None,
        }
    }
}

pub fn history_window(
    ctx: &Context,
    view: &mut Option<HistoryView>,
    desk: &StudyDesk,
    undo_key: &str,
    queue: &mut Vec<Command>,
) {
    let Some(h) = view else { return };
    let mut open = true;
    let mut pick = None;
    egui::Window::new("Study history")
        .open(&mut open)
        .default_width(620.0)
        .show(ctx, |ui| {
            let now = desk.session.study.notes.len();
            ui.label(
                RichText::new(format!(
                    "The study now: {now} note{}. Each save keeps the version before it: the last three, then one per \
                     10 minutes for an hour, one per hour for two days, one per day for a month.",
                    if now == 1 { "" } else { "s" }
                ))
                .weak(),
            );
            if h.versions.is_empty() {
                ui.label("No earlier version yet: one is kept each time the study is saved again.");
                return;
            }
            ui.separator();
            ui.columns(2, |cols| {
                egui::ScrollArea::vertical()
                    .id_salt("versions")
                    .max_height(380.0)
                    .show(&mut cols[0], |ui| {
                        for (i, v) in h.versions.iter().enumerate() {
                            let when = v.saved.map_or_else(|| "unknown time".to_owned(), local_time);
                            let chosen = h.selected.as_ref().is_some_and(|(s, _)| *s == i);
                            let label = format!("{when} — {}", v.summary());
                            if ui
                                .add_enabled(v.study.is_some(), egui::Button::selectable(chosen, label))
                                .clicked()
                            {
                                pick = Some(i);
                            }
                        }
                    });
                let ui = &mut cols[1];
                match &h.selected {
                    None => {
                        ui.label(RichText::new("Choose a version to see what restoring it would change.").weak());
                    }
                    Some((i, diffs)) => {
                        if diffs.is_empty() {
                            ui.label("This version holds the same notes and links as the study.");
                        } else {
                            egui::ScrollArea::vertical()
                                .id_salt("version-diff")
                                .max_height(330.0)
                                .show(ui, |ui| differences_list(ui, diffs, "this version"));
                        }
                        ui.separator();
                        if ui
                            .add_enabled(!diffs.is_empty() && !desk.read_only(), egui::Button::new("Restore this version"))
                            .on_hover_text(format!("Replaces the study's notes and links with this version's; {undo_key} takes it back"))
                            .clicked()
                            && let Some(v) = h.versions.get(*i)
                        {
                            queue.push(Command::Study(StudyCommand::RestoreVersion(v.path.clone())));
                        }
                    }
                }
            });
        });
    if let Some(i) = pick
        && let Some(v) = h.versions.get(i)
    {
        h.selected = Some((i, v.differences(&desk.session.study)));
    }
    if !open {
        *view = None;
    }
}
