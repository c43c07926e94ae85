//! What the UI can ask the app to do. Widgets only push commands; [`super::app::App::apply`]
//! is the one place that carries them out, so every action has one implementation whether it
//! comes from a menu, a shortcut, a button or a test.

use std::path::PathBuf;

use super::settings::ThemeChoice;

/// The left (0) or right (1) pane.
pub type PaneId = usize;
pub const LEFT: PaneId = 0;
pub const RIGHT: PaneId = 1;

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Show the system folder dialog (off the UI thread).
    OpenFolderDialog,
    /// Show the "open by path" window.
    ShowOpenPath,
    OpenFolder(PathBuf),
    OpenBundled,
    Reload,
    CancelLoad,
    Quit,
    SetTheme(ThemeChoice),
    TextBigger,
    TextSmaller,
    TextReset,
    ToggleSidebar,
    ToggleSyncScroll,
    Swap,
    /// Show article `doc` (index into the corpus) in a pane.
    ShowDoc {
        pane: PaneId,
        doc: usize,
    },
    /// Scroll a pane to a canonical byte offset.
    ScrollTo {
        pane: PaneId,
        offset: usize,
    },
    OpenFind,
    CloseFind,
    FindNext,
    FindPrev,
    SelectAll,
    Copy,
    ShowShortcuts,
    ShowAbout,
    ShowLoadReport,
    DismissChanges,
    /// Use codebook `i` of the lens.
    SelectCodebook(usize),
    LoadCodebookDialog,
    SaveCodebookDialog,
    OpenCodebookEditor,
    /// Show or hide a lens layer.
    ToggleLayer(Layer),
    /// Show or hide one frame's highlights.
    ToggleFrame(usize),
    /// Show all frames (true) or none (false).
    AllFrames(bool),
    /// Outline a distinctive word in both panes (None clears it).
    HighlightTerm(Option<String>),
    /// Select a frame in the comparison view.
    SelectFrame(Option<usize>),
    /// Scroll the other pane to the counterpart of linked passage `link`.
    FollowLink {
        from: PaneId,
        link: usize,
    },
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
