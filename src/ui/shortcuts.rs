//! Every keyboard shortcut, in one place (shown in Help → Keyboard shortcuts).

use egui::{Key, KeyboardShortcut, Modifiers};

use super::commands::Command;

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
}

impl Shortcut {
    pub const ALL: [Shortcut; 14] = [
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
    ];

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
        };
        KeyboardShortcut::new(m, k)
    }

    pub fn command(self) -> Command {
        match self {
            Self::OpenFolder => Command::OpenFolderDialog,
            Self::OpenPath => Command::ShowOpenPath,
            Self::Reload => Command::Reload,
            Self::Quit => Command::Quit,
            Self::Find => Command::OpenFind,
            Self::TextBigger | Self::TextBiggerPlus => Command::TextBigger,
            Self::TextSmaller => Command::TextSmaller,
            Self::TextReset => Command::TextReset,
            Self::ToggleSidebar => Command::ToggleSidebar,
            Self::Swap => Command::Swap,
            Self::SyncScroll => Command::ToggleSyncScroll,
            Self::SelectAll => Command::SelectAll,
            Self::Help => Command::ShowShortcuts,
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
        }
    }

    /// Shortcuts that only apply when no text field has the keyboard.
    pub fn needs_free_keyboard(self) -> bool {
        matches!(self, Self::SelectAll)
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
];
