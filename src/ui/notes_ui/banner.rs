//! The study banner: problems with the study file, notices, rescued copies to compare.

use egui::{Context, RichText, Ui};

use crate::notes::desk::StudyDesk;
use crate::notes::model::STUDY_VERSION;
use crate::notes::rescue;
use crate::notes::session::{Notice, Problem};
use crate::notes::store::Damaged;
use crate::ui::commands::{Command, StudyCommand};
use crate::ui::shortcuts::Shortcut;

/// Banners for a study file that needs the reader's attention.
pub fn banner_ui(ui: &mut Ui, desk: &StudyDesk, queue: &mut Vec<Command>) {
    let s = &desk.session;
    let path = s
        .path
        .as_ref()
        .map_or_else(|| "the study".to_owned(), |p| p.display().to_string());
    let warn = ui.visuals().warn_fg_color;
    let err = ui.visuals().error_fg_color;
    let mut cmds = Vec::new();
    ui.horizontal_wrapped(|ui| match &s.problem {
        Some(Problem::Locked) => {
            ui.label(RichText::new("Read-only").strong().color(warn));
            ui.label(format!(
                "The study {path} is open in another Parallax window, so it is read-only here. Close it there, then open it again."
            ));
            if ui.button("Open it again").clicked() {
                cmds.push(Command::Study(StudyCommand::ReopenStudy));
            }
        }
        Some(Problem::Foreign { unknown }) => {
            ui.label(RichText::new("Read-only").strong().color(warn));
            ui.label(format!(
                "The study {path} holds {} that this Parallax does not know ({}): it was written by another program or version, or edited by hand. It is open read-only so nothing in it is lost. If a name is misspelled, correct it in the file, then open it again.",
                if unknown.len() == 1 { "a field" } else { "fields" },
                crate::persist::describe_unknown(unknown)
            ));
            if ui.button("Open it again").clicked() {
                cmds.push(Command::Study(StudyCommand::ReopenStudy));
            }
        }
        Some(Problem::Newer { found }) => {
            ui.label(RichText::new("Read-only").strong().color(warn));
            ui.label(format!(
                "The study {path} was written by a newer Parallax (format {found}; this one reads up to {STUDY_VERSION}). It is open read-only so nothing in it is lost; update Parallax to change it."
            ));
        }
        Some(Problem::Corrupt(Damaged { moved_to, line, col, message, backup })) => {
            ui.label(RichText::new("Damaged study file").strong().color(err));
            let moved = if moved_to.as_os_str() == path.as_str() {
                "It was left where it is.".to_owned()
            } else {
                format!("It was moved aside to {}; nothing was overwritten.", moved_to.display())
            };
            ui.label(format!("{path} could not be read: line {line}, column {col}: {message}. {moved}"));
            if let Some(b) = backup {
                let name = b.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                if ui
                    .button("Restore the newest backup")
                    .on_hover_text(format!("{name}, the newest backup that reads correctly"))
                    .clicked()
                {
                    cmds.push(Command::Study(StudyCommand::RestoreBackup));
                }
            } else {
                ui.label(RichText::new("There is no backup that reads correctly.").weak());
            }
            if ui.button("Start an empty study").clicked() {
                cmds.push(Command::Study(StudyCommand::DismissStudyProblem));
            }
        }
        Some(Problem::Conflict) => {
            ui.label(RichText::new("Changed on disk").strong().color(warn));
            ui.label(format!(
                "{path} was changed by another program (a sync tool, git) while you had unsaved changes. Nothing was overwritten. Which version goes on?"
            ));
            if ui
                .button("Keep mine")
                .on_hover_text("The version on disk is saved as a copy next to it")
                .clicked()
            {
                cmds.push(Command::Study(StudyCommand::ResolveConflict { keep_mine: true }));
            }
            if ui
                .button("Read the one on disk")
                .on_hover_text("Your version is saved as a copy next to it")
                .clicked()
            {
                cmds.push(Command::Study(StudyCommand::ResolveConflict { keep_mine: false }));
            }
        }
        Some(Problem::Unwritable { message }) => {
            ui.label(RichText::new("Cannot save").strong().color(err));
            ui.label(format!(
                "Notes cannot be saved to {path}: {message}. They are kept in memory meanwhile; choose a folder you can write to."
            ));
            if ui.button("Save study as…").clicked() {
                cmds.push(Command::Study(StudyCommand::SaveStudyAsDialog));
            }
        }
        Some(Problem::Unreadable { message }) => {
            ui.label(RichText::new("Cannot read the study").strong().color(err));
            ui.label(format!("{message}. It is open read-only; nothing was changed."));
            if ui.button("Try again").clicked() {
                cmds.push(Command::Study(StudyCommand::ReopenStudy));
            }
        }
        None => {
            if let Some(e) = &desk.save_error {
                ui.label(RichText::new("Not saved yet").strong().color(warn));
                ui.label(format!("{e}. Parallax tries again in a few seconds; your notes are kept in memory."));
            } else if s.path.is_none() && s.worth_saving() {
                ui.label(RichText::new("In memory").strong().color(warn));
                ui.label("These notes are not saved to a file yet.");
                if ui.button("Save study as…").clicked() {
                    cmds.push(Command::Study(StudyCommand::SaveStudyAsDialog));
                }
            }
        }
    });
    notices_ui(desk, ui, &mut cmds);
    queue.extend(cmds);
}

/// What the reader should know about the study as read, and rescued copies to deal with.
pub(super) fn notices_ui(desk: &StudyDesk, ui: &mut Ui, cmds: &mut Vec<Command>) {
    let warn = ui.visuals().warn_fg_color;
    for (i, notice) in desk.session.notices.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            match notice {
                Notice::Renumbered(r) => {
                    ui.label(RichText::new("Notes kept").strong().color(warn));
                    let ids: Vec<String> = r.iter().take(5).map(|r| format!("{} became {}", r.was, r.now)).collect();
                    ui.label(format!(
                        "{} note{} shared an id with another (a merge of two study files does that). Every note is kept: the later ones got new ids ({}{}).",
                        r.len(),
                        if r.len() == 1 { "" } else { "s" },
                        ids.join(", "),
                        if r.len() > 5 { ", …" } else { "" }
                    ));
                }
                Notice::Replayed { edits } => {
                    ui.label(RichText::new("Recovered").strong().color(warn));
                    ui.label(format!(
                        "{edits} edit{} from the last session had not reached the study file (Parallax was stopped before it saved); they were put back from the journal.",
                        if *edits == 1 { "" } else { "s" }
                    ));
                }
            }
            if ui.button("OK").clicked() {
                cmds.push(Command::Study(StudyCommand::DismissStudyNotice(i)));
            }
        });
    }
    for (i, offer) in desk.offers.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Rescued notes").strong().color(warn));
            let when = offer
                .written
                .map(|t| crate::notes::model::local_time(jiff::Timestamp::try_from(t).unwrap_or_default()))
                .unwrap_or_else(|| "earlier".to_owned());
            let differences = rescue::compare(&desk.session.study, &offer.study).len();
            ui.label(format!(
                "A copy of this study was kept on {when} when it could not be saved: {} note{}, {differences} difference{} from the study. ({})",
                offer.count(),
                if offer.count() == 1 { "" } else { "s" },
                if differences == 1 { "" } else { "s" },
                offer.path.display()
            ));
            ui.add_enabled_ui(!desk.session.read_only, |ui| {
                if ui
                    .button("Restore")
                    .on_hover_text(format!("Make the study what the copy holds ({} undoes it)", Shortcut::Undo.name()))
                    .clicked()
                {
                    cmds.push(Command::Study(StudyCommand::RestoreRescued(i)));
                }
            });
            if ui.button("Compare…").clicked() {
                cmds.push(Command::Study(StudyCommand::CompareRescued(Some(i))));
            }
            if ui
                .button("Put away")
                .on_hover_text("Keep the copy in the backup folder and stop offering it")
                .clicked()
            {
                cmds.push(Command::Study(StudyCommand::PutAwayRescued(i)));
            }
        });
    }
    if let Some(e) = &desk.journal_error {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("No journal").strong().color(warn));
            ui.label(format!(
                "{e}. Notes are still saved about a second after each change, but a crash in that second could lose the last one."
            ));
        });
    }
}

/// How a rescued copy differs from the study (Compare…).
/// `shown` is the copy shown (an index into the desk's offers); closing the window is
/// pushed as a command.
pub fn compare_window(
    ctx: &Context,
    shown: &mut Option<usize>,
    desk: &StudyDesk,
    queue: &mut Vec<Command>,
) {
    let Some(i) = *shown else {
        return;
    };
    let Some(offer) = desk.offers.get(i) else {
        *shown = None;
        return;
    };
    let diffs = rescue::compare(&desk.session.study, &offer.study);
    let mut open = true;
    let mut cmds = Vec::new();
    egui::Window::new("Rescued copy and study")
        .open(&mut open)
        .default_width(560.0)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(egui::pos2(
            ctx.content_rect().center().x,
            ctx.content_rect().min.y + 120.0,
        ))
        .show(ctx, |ui| {
            ui.label(format!("{}", offer.path.display()));
            if diffs.is_empty() {
                ui.label("The copy holds nothing the study does not: it can be put away.");
            }
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| {
                    differences_list(ui, &diffs, "the copy");
                });
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Restore the copy").clicked() {
                    cmds.push(Command::Study(StudyCommand::RestoreRescued(i)));
                }
                if ui.button("Put it away").clicked() {
                    cmds.push(Command::Study(StudyCommand::PutAwayRescued(i)));
                }
            });
        });
    if !open {
        cmds.push(Command::Study(StudyCommand::CompareRescued(None)));
    }
    queue.extend(cmds);
}

/// Whether the study needs a banner.
pub fn needs_banner(d: &StudyDesk) -> bool {
    let s = &d.session;
    s.problem.is_some()
        || d.save_error.is_some()
        || (s.path.is_none() && s.worth_saving())
        || !s.notices.is_empty()
        || !d.offers.is_empty()
        || d.journal_error.is_some()
}

/// What restoring another version would change, one line per note, link or article
/// entry; `other` names that version ("the copy", "this version").
pub(super) fn differences_list(ui: &mut Ui, diffs: &[rescue::Difference], other: &str) {
    for d in diffs {
        match d {
            rescue::Difference::OnlyInCopy(t) => {
                ui.label(RichText::new(format!("+ only in {other}: {t}")));
            }
            rescue::Difference::OnlyInStudy(t) => {
                ui.label(RichText::new(format!("− only in the study: {t}")).weak());
            }
            rescue::Difference::Changed { study, copy } => {
                ui.label(format!("~ changed: {study}"));
                ui.label(RichText::new(format!("   in {other}: {copy}")).italics());
            }
        }
    }
}
