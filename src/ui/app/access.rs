//! What the rest of the program (the binary, benchmarks, tests) may read of the window's
//! state. The fields themselves are the app module's own; changing them from outside is
//! for tests only (the `testing` feature, on in this package's own tests).

use std::sync::Arc;

use super::{App, Pane, Status, Windows};
use crate::corpus::{Corpus, LoadJob};
use crate::ui::commands::{Command, Side};
use crate::ui::compare::ComparisonPanel;
use crate::ui::dialogs::DialogJob;
use crate::ui::find::FindBar;
use crate::ui::lens::Lens;
use crate::ui::settings::Settings;
use crate::ui::study::StudyUi;

impl App {
    /// View → Folder view: its table once counted, and whether it is counting.
    pub fn folder_view(&self) -> &super::folder_view::FolderView {
        &self.folder_view
    }
    /// The study: notes, codes, links, corrections, and its file.
    pub fn study(&self) -> &StudyUi {
        &self.study
    }
    /// Where the comparison or notes dock drew its content this frame (none when hidden).
    pub fn dock_rect(&self) -> Option<egui::Rect> {
        self.dock_rect
    }
    /// Whether the comparison docks beside the panes (else it is a tab over them).
    pub fn comparison_docked(&self) -> bool {
        self.comparison_docks()
    }
    /// The two reading panes.
    pub fn panes(&self) -> &[Pane; 2] {
        &self.panes
    }
    /// The preferences in use.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    /// The framing lens: codebooks and analyses.
    pub fn lens(&self) -> &Lens {
        &self.lens
    }
    /// The panes' documents are being analysed, or are about to be once painted.
    pub fn analysing(&self) -> bool {
        self.lens.busy() || self.analysis_deferred
    }
    /// The find bar and its hits.
    pub fn find(&self) -> &FindBar {
        &self.find
    }
    /// The folder as shown (with the study's choices applied).
    pub fn corpus(&self) -> Option<&Arc<Corpus>> {
        self.corpus.as_ref()
    }
    /// Which floating windows are open.
    pub fn windows(&self) -> &Windows {
        &self.windows
    }
    /// The path typed in the open-folder window.
    pub fn path_input(&self) -> &str {
        &self.path_input
    }
    /// A folder being read, if any.
    pub fn load(&self) -> Option<&LoadJob> {
        self.load.as_ref()
    }
    /// The pane the reader last worked in.
    pub fn focus(&self) -> Side {
        self.focus
    }
    /// A system dialog that is open, if any.
    pub fn dialog(&self) -> Option<&DialogJob> {
        self.dialog.as_ref()
    }
    /// The status bar's message.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }
    /// The comparison panel.
    pub fn comparison(&self) -> &ComparisonPanel {
        &self.comparison
    }
    /// Queue a command, to be carried out at the end of this frame like one from a menu,
    /// a key or a button.
    pub fn push(&mut self, command: Command) {
        self.queue.push(command);
    }
}

/// Reaching into the window's state, for tests that set up what a click or a drag would.
#[cfg(feature = "testing")]
impl App {
    pub fn study_mut(&mut self) -> &mut StudyUi {
        &mut self.study
    }
    pub fn panes_mut(&mut self) -> &mut [Pane; 2] {
        &mut self.panes
    }
    pub fn path_input_mut(&mut self) -> &mut String {
        &mut self.path_input
    }
    pub fn dialogs_mut(&mut self) -> &mut Arc<dyn crate::ui::dialogs::Dialogs> {
        &mut self.dialogs
    }
    pub fn set_focus(&mut self, pane: Side) {
        self.focus = pane;
    }
    /// Where the app keeps its own files (rescue copies, cached folder counts).
    pub fn data_dir_mut(&mut self) -> &mut Option<std::path::PathBuf> {
        &mut self.data_dir
    }
}
