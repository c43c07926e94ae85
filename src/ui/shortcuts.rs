//! Every keyboard shortcut, in one place (shown in Help → Keyboard shortcuts).

use egui::{Key, KeyboardShortcut, Modifiers};

use super::commands::{AppCommand, Command, StudyCommand, ViewCommand};

/// A shortcut the app answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    OpenFolder,
    OpenPath,
    Reload,
    Quit,
    Find,
    TextBigger,
    TextBiggerPlus,
    TextSmaller,
    TextReset,
    ToggleSidebar,
    Swap,
    SyncScroll,
    SelectAll,
    Help,
    AddNote,
    LinkSelections,
    Undo,
    Redo,
    RedoY,
    ShowNotes,
    SaveStudy,
}

impl Shortcut {
    pub const ALL: [Shortcut; 21] = [
        Self::OpenFolder,
        Self::OpenPath,
        Self::Reload,
        Self::Quit,
        Self::Find,
        Self::TextBigger,
        Self::TextBiggerPlus,
        Self::TextSmaller,
        Self::TextReset,
        Self::ToggleSidebar,
        Self::Swap,
        Self::SyncScroll,
        Self::SelectAll,
        Self::Help,
        Self::AddNote,
        Self::LinkSelections,
        Self::Undo,
        Self::Redo,
        Self::RedoY,
        Self::ShowNotes,
        Self::SaveStudy,
    ];

    /// Every shortcut, those with more modifiers first: egui ignores extra Shift and Alt when
    /// matching, so Ctrl+Shift+O must be tried before Ctrl+O.
    pub fn by_specificity() -> Vec<Shortcut> {
        let mut all = Self::ALL.to_vec();
        all.sort_by_key(|s| {
            let m = s.keys().modifiers;
            std::cmp::Reverse(u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl))
        });
        all
    }

    pub fn keys(self) -> KeyboardShortcut {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let (m, k) = match self {
            Self::OpenFolder => (cmd, Key::O),
            Self::OpenPath => (cmd_shift, Key::O),
            Self::Reload => (cmd, Key::R),
            Self::Quit => (cmd, Key::Q),
            Self::Find => (cmd, Key::F),
            Self::TextBigger => (cmd, Key::Equals),
            Self::TextBiggerPlus => (cmd, Key::Plus),
            Self::TextSmaller => (cmd, Key::Minus),
            Self::TextReset => (cmd, Key::Num0),
            Self::ToggleSidebar => (cmd, Key::B),
            Self::Swap => (cmd_shift, Key::S),
            Self::SyncScroll => (cmd, Key::L),
            Self::SelectAll => (cmd, Key::A),
            Self::Help => (Modifiers::NONE, Key::F1),
            Self::AddNote => (Modifiers::NONE, Key::N),
            Self::LinkSelections => (Modifiers::NONE, Key::K),
            Self::Undo => (cmd, Key::Z),
            Self::Redo => (cmd_shift, Key::Z),
            Self::RedoY => (cmd, Key::Y),
            Self::ShowNotes => (cmd_shift, Key::N),
            Self::SaveStudy => (cmd, Key::S),
        };
        KeyboardShortcut::new(m, k)
    }

    pub fn command(self) -> Command {
        match self {
            Self::OpenFolder => Command::App(AppCommand::OpenFolderDialog),
            Self::OpenPath => Command::App(AppCommand::ShowOpenPath),
            Self::Reload => Command::App(AppCommand::Reload),
            Self::Quit => Command::App(AppCommand::Quit),
            Self::Find => Command::View(ViewCommand::OpenFind),
            Self::TextBigger | Self::TextBiggerPlus => Command::View(ViewCommand::TextBigger),
            Self::TextSmaller => Command::View(ViewCommand::TextSmaller),
            Self::TextReset => Command::View(ViewCommand::TextReset),
            Self::ToggleSidebar => Command::View(ViewCommand::ToggleSidebar),
            Self::Swap => Command::View(ViewCommand::Swap),
            Self::SyncScroll => Command::View(ViewCommand::ToggleSyncScroll),
            Self::SelectAll => Command::View(ViewCommand::SelectAll),
            Self::Help => Command::App(AppCommand::ShowShortcuts),
            Self::AddNote => Command::Study(StudyCommand::AddNote),
            Self::LinkSelections => Command::Study(StudyCommand::LinkSelections),
            Self::Undo => Command::Study(StudyCommand::Undo),
            Self::Redo | Self::RedoY => Command::Study(StudyCommand::Redo),
            Self::ShowNotes => Command::View(ViewCommand::ShowNotes),
            Self::SaveStudy => Command::Study(StudyCommand::SaveStudyNow),
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Self::OpenFolder => "Open a folder of articles (system dialog)",
            Self::OpenPath => "Open a folder by typing its path",
            Self::Reload => "Reload the folder from disk",
            Self::Quit => "Quit",
            Self::Find => "Find in both articles",
            Self::TextBigger => "Larger text",
            Self::TextBiggerPlus => "Larger text",
            Self::TextSmaller => "Smaller text",
            Self::TextReset => "Default text size",
            Self::ToggleSidebar => "Show or hide the article list",
            Self::Swap => "Swap the left and right articles",
            Self::SyncScroll => "Scroll both articles together",
            Self::SelectAll => "Select the whole article in the focused pane",
            Self::Help => "Keyboard shortcuts",
            Self::AddNote => "Add a note on the selection (or an omission at the caret)",
            Self::LinkSelections => "Link the passages selected in the two panes",
            Self::Undo => "Undo the last note or code action",
            Self::Redo => "Redo",
            Self::RedoY => "Redo",
            Self::ShowNotes => "Show the notes panel",
            Self::SaveStudy => "Save the study now (it also saves itself)",
        }
    }

    /// Shortcuts that only apply when no text field has the keyboard.
    pub fn needs_free_keyboard(self) -> bool {
        matches!(
            self,
            Self::SelectAll
                | Self::AddNote
                | Self::LinkSelections
                | Self::Undo
                | Self::Redo
                | Self::RedoY
        )
    }

    /// Shortcuts that would throw away the note being written (not taken while it is open).
    pub fn replaces_draft(self) -> bool {
        matches!(self, Self::AddNote | Self::LinkSelections)
    }
}

/// Keys handled outside this table (listed in the help window).
pub const OTHER_KEYS: &[(&str, &str)] = &[
    ("Enter / F3", "Next find hit"),
    ("Shift+Enter / Shift+F3", "Previous find hit"),
    ("Escape", "Close find, clear the selection"),
    ("Ctrl+C", "Copy the selected text"),
    ("Double-click / triple-click", "Select a word / a paragraph"),
    ("Shift+click", "Extend the selection"),
    (
        "1 … 9",
        "Code the selection with frame 1–9 of the codebook (again: remove the code)",
    ),
    (
        "Right-click",
        "Note, code or link menu for the selection or the point clicked",
    ),
    ("In the note editor: Ctrl+Enter", "Save the note"),
    (
        "In the note editor: Alt+1 … 9",
        "Toggle the editor's codes 1–9",
    ),
    ("In the note editor: Escape", "Close without saving"),
];
