//! What the UI can ask the app to do. Widgets only push commands; `App::apply`
//! is the one place that carries them out, so every action has one implementation whether it
//! comes from a menu, a shortcut, a button or a test.

use std::path::PathBuf;

use super::settings::ThemeChoice;
use crate::analysis::codebook::Codebook;
use crate::notes::Corrections;
use crate::notes::export::Grouping;

pub use crate::side::Side;

/// A passage being dragged out of a pane (the drag-and-drop payload): dropped on one of that
/// article's worksheet answers, it is cited there.
#[derive(Debug, Clone, PartialEq)]
pub struct DraggedPassage {
    pub pane: Side,
    pub quote: String,
}

/// What the UI can ask for, by family. Each family is carried out by one exhaustive match.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    App(AppCommand),
    View(ViewCommand),
    Lens(LensCommand),
    Study(StudyCommand),
}

/// Files, folders and the app's own windows.
#[derive(Debug, Clone, PartialEq)]
pub enum AppCommand {
    /// The first-steps hint is done with (it does not show again).
    DismissFirstSteps,
    /// Show the system folder dialog (off the UI thread).
    OpenFolderDialog,
    /// Show the "open by path" window.
    ShowOpenPath,
    /// Edit → Your name as coder…
    ShowCoderName,
    /// Sign new notes and links with this name (kept in the preferences).
    SetCoderName(String),
    OpenFolder(PathBuf),
    OpenBundled,
    Reload,
    CancelLoad,
    Quit,
    SetTheme(ThemeChoice),
    ShowShortcuts,
    ShowAbout,
    ShowLoadReport,
    /// View → Folder view.
    ShowFolderView,
    DismissChanges,
}

impl From<AppCommand> for Command {
    fn from(c: AppCommand) -> Self {
        Command::App(c)
    }
}

/// The reading panes: what they show, where, and how big.
#[derive(Debug, Clone, PartialEq)]
pub enum ViewCommand {
    TextBigger,
    TextSmaller,
    TextReset,
    /// The whole interface larger, smaller, or back to 100 % (egui's zoom; remembered).
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ToggleSidebar,
    ToggleSyncScroll,
    Swap,
    /// Show article `doc` (index into the corpus) in a pane.
    ShowDoc {
        pane: Side,
        doc: usize,
    },
    /// Show article `doc` where a pane shows it already (else in the focused pane),
    /// scrolled to `span` and with it selected.
    ShowPassage {
        doc: usize,
        span: crate::document::Span,
    },
    /// Scroll a pane to a canonical byte offset.
    ScrollTo {
        pane: Side,
        offset: usize,
    },
    OpenFind,
    CloseFind,
    /// Clear the selection in both panes.
    ClearSelection,
    FindNext,
    FindPrev,
    SelectAll,
    Copy,
    /// Scroll the other pane to the counterpart of linked passage `link`.
    FollowLink {
        from: Side,
        link: usize,
    },
    /// Show the notes panel.
    ShowNotes,
}

impl From<ViewCommand> for Command {
    fn from(c: ViewCommand) -> Self {
        Command::View(c)
    }
}

/// The framing lens: codebooks, layers, frames and the comparison's selection.
#[derive(Debug, Clone, PartialEq)]
pub enum LensCommand {
    /// Use codebook `i` of the lens.
    SelectCodebook(usize),
    LoadCodebookDialog,
    /// Load a codebook file and put it in use.
    LoadCodebook(std::path::PathBuf),
    /// Save the codebook in use as a file.
    SaveCodebook(std::path::PathBuf),
    /// Put the codebook editor's working copy in use (changes apply live).
    EditCodebook(Codebook),
    SaveCodebookDialog,
    OpenCodebookEditor,
    /// Show or hide a lens layer.
    ToggleLayer(Layer),
    /// Show or hide one frame's highlights.
    ToggleFrame(usize),
    /// Show all frames (true) or none (false).
    AllFrames(bool),
    /// Show only the frames of one group of the codebook.
    OnlyGroup(String),
    /// Outline a distinctive word in both panes (None clears it).
    HighlightTerm(Option<String>),
    /// List an actor's mentions (under any of its names) in both panes, as find hits.
    ShowActor(String),
    /// Select a frame in the comparison view.
    SelectFrame(Option<usize>),
}

impl From<LensCommand> for Command {
    fn from(c: LensCommand) -> Self {
        Command::Lens(c)
    }
}

/// Notes, codes, links and the study file (carried out by the study controller).
#[derive(Debug, Clone, PartialEq)]
pub enum StudyCommand {
    // Notes and the study file (carried out in `study.rs`).
    /// Write a note on the focused pane's selection, or an omission at its caret.
    AddNote,
    /// Write a note on the article of a pane.
    AddArticleNote(Side),
    /// Write a note on the whole study.
    AddStudyNote,
    /// Link the passages selected in the two panes.
    LinkSelections,
    /// Apply code `i` (codebook order) to the focused selection; again removes it.
    ApplyCode(usize),
    /// Toggle code `i` of the note editor's list.
    DraftToggleCode(usize),
    /// Save the note in the editor.
    CommitDraft,
    CancelDraft,
    /// Open a note (or contrast link) in the editor.
    EditNote(u64),
    DeleteNote(u64),
    /// Scroll to a note's passage(s).
    GoToNote(u64),
    /// Accept a note re-attached after its article changed.
    ConfirmNote(u64),
    /// Attach a note to the focused pane's selection.
    Reattach(u64),
    Undo,
    Redo,
    OpenStudyDialog,
    /// Show the study-file window (a path field).
    ShowStudyPath,
    OpenStudy(PathBuf),
    SaveStudyAsDialog,
    SaveStudyAs(PathBuf),
    /// Save now (the study also saves itself about a second after each change).
    SaveStudyNow,
    ExportNotesDialog(Grouping),
    ExportNotes(PathBuf, Grouping),
    /// File → Export → REFI-QDA project…: choose where.
    ExportProjectDialog,
    /// Write the study as a REFI-QDA project (`.qdpx`).
    ExportProject(PathBuf),
    /// File → Import REFI-QDA project…, Import annotations…, Merge study…: choose the file.
    ImportDialog(crate::ui::dialogs::Incoming),
    /// Merge a REFI-QDA project, annotations or another study into this study (one undoable
    /// step); what it is is read from the file.
    Import(PathBuf),
    /// Write the sources of the last import that the folder lacks into it as articles, then
    /// import their notes.
    AddImportedArticles,
    /// Close the import report.
    CloseImport,
    /// File → Export → W3C Web Annotations…: choose where.
    ExportAnnotationsDialog,
    /// Write the notes as a W3C Web Annotation collection (JSON-LD).
    ExportAnnotations(PathBuf),
    /// File → Export study report…: choose where.
    ExportReportDialog,
    /// Write the study report on the two open articles (one self-contained HTML file).
    ExportReport(PathBuf),
    /// The study file changed on disk under unsaved changes: keep mine or read theirs (the
    /// other version is saved as a copy either way).
    ResolveConflict {
        keep_mine: bool,
    },
    /// Replace a corrupt study with its newest good backup.
    RestoreBackup,
    /// Show the versions kept of the study (File → Study history…).
    ShowHistory,
    /// Put a kept version of the study back (one undoable step).
    RestoreVersion(PathBuf),
    /// Open the study file again (after another Parallax let go of it).
    ReopenStudy,
    DismissStudyProblem,
    /// Keep the whole of the web page in a pane as its article (true), or cut its page
    /// furniture again (false); remembered in the study.
    KeepWholePage(Side, bool),
    /// Record the reader's corrections to an article's title, author, outlet and date
    /// (undoable; keystrokes in one field are one step).
    CorrectMetadata {
        article: String,
        corrections: Corrections,
    },
    /// Close a notice about the study as read (ids made unique, edits replayed).
    /// Put an article's answer to a worksheet question (a blank answer clears it).
    SetAnswer {
        article: String,
        key: String,
        answer: crate::notes::worksheet::Answer,
    },
    /// Cite the passage selected in a pane in its article's answer to a question.
    Cite {
        pane: Side,
        key: String,
    },
    /// Cite the focused pane's selection in the worksheet question picked for citing (W).
    CiteHere,
    DismissStudyNotice(usize),
    /// Restore rescued copy `i` over the study (undoable).
    RestoreRescued(usize),
    /// Show how rescued copy `i` differs from the study (None closes the window).
    CompareRescued(Option<usize>),
    /// Put rescued copy `i` away (into the backup folder) without restoring it.
    PutAwayRescued(usize),
}

impl From<StudyCommand> for Command {
    fn from(c: StudyCommand) -> Self {
        Command::Study(c)
    }
}

/// Layers of the framing lens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    Frames,
    Quotes,
    Stance,
    Links,
    Focus,
    Comparison,
}
