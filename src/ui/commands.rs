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
}
