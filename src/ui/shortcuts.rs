//! Every keyboard shortcut, in one place (shown in Help → Keyboard shortcuts).

use egui::{Key, KeyboardShortcut, ModifierNames, Modifiers};

use super::commands::{AppCommand, Command, StudyCommand, ViewCommand};

/// A key the app answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ToggleSidebar,
    Swap,
    SyncScroll,
    SelectAll,
    Copy,
    Help,
    AddNote,
    LinkSelections,
    /// Cite the selection in the worksheet question picked for citing.
    Cite,
    Undo,
    Redo,
    RedoY,
    ShowNotes,
    SaveStudy,
    /// 1–9: code the selection with frame 1–9 (in the note editor: toggle that code).
    Code(usize),
    /// Alt+1–9 in the note editor: toggle a code while the text field has the keyboard.
    EditorCode(usize),
    /// Close the note editor, else the find bar, else clear the selection.
    Escape,
    FindNext,
    FindNextF3,
    FindPrev,
    FindPrevF3,
    /// Ctrl+Enter in the note editor.
    SaveNote,
}

/// Where a key is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere in the window, even while a text field has the keyboard.
    Window,
    /// While no text field has the keyboard (letters and digits type text otherwise).
    Reading,
    /// While the find bar is open.
    Find,
    /// In the note editor.
    Editor,
}

/// Codes 1–9 have keys.
pub const CODE_KEYS: usize = 9;

const NUMBER_KEYS: [Key; CODE_KEYS] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// Mouse gestures, listed in the help window after the keys.
pub const GESTURES: &[(&str, &str)] = &[
    ("Double-click / triple-click", "Select a word / a paragraph"),
    ("Shift+click", "Extend the selection"),
    (
        "Right-click",
        "Note, code or link menu for the selection or the point clicked",
    ),
];

impl Shortcut {
    /// Every shortcut, each number key on its own.
    pub fn all() -> Vec<Shortcut> {
        let mut all = vec![
            Self::OpenFolder,
            Self::OpenPath,
            Self::Reload,
            Self::Quit,
            Self::Find,
            Self::TextBigger,
            Self::TextBiggerPlus,
            Self::TextSmaller,
            Self::TextReset,
            Self::ZoomIn,
            Self::ZoomOut,
            Self::ZoomReset,
            Self::ToggleSidebar,
            Self::Swap,
            Self::SyncScroll,
            Self::SelectAll,
            Self::Copy,
            Self::Help,
            Self::AddNote,
            Self::LinkSelections,
            Self::Cite,
            Self::Undo,
            Self::Redo,
            Self::RedoY,
            Self::ShowNotes,
            Self::SaveStudy,
        ];
        all.extend((0..CODE_KEYS).map(Self::Code));
        all.extend((0..CODE_KEYS).map(Self::EditorCode));
        all.extend([
            Self::Escape,
            Self::FindNext,
            Self::FindNextF3,
            Self::FindPrev,
            Self::FindPrevF3,
            Self::SaveNote,
        ]);
        all
    }

    /// Every shortcut, those with more modifiers first: egui ignores extra Shift and Alt when
    /// matching, so Ctrl+Shift+O must be tried before Ctrl+O.
    pub fn by_specificity() -> Vec<Shortcut> {
        let mut all = Self::all();
        all.sort_by_key(|s| {
            let m = s.keys().modifiers;
            std::cmp::Reverse(u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl))
        });
        all
    }

    pub fn keys(self) -> KeyboardShortcut {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let cmd_alt = Modifiers::COMMAND | Modifiers::ALT;
        let none = Modifiers::NONE;
        let number = |i: usize| NUMBER_KEYS[i.min(CODE_KEYS - 1)];
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
            Self::ZoomIn => (cmd_alt, Key::Equals),
            Self::ZoomOut => (cmd_alt, Key::Minus),
            Self::ZoomReset => (cmd_alt, Key::Num0),
            Self::ToggleSidebar => (cmd, Key::B),
            Self::Swap => (cmd_shift, Key::S),
            Self::SyncScroll => (cmd, Key::L),
            Self::SelectAll => (cmd, Key::A),
            Self::Copy => (cmd, Key::C),
            Self::Help => (none, Key::F1),
            Self::AddNote => (none, Key::N),
            Self::LinkSelections => (none, Key::K),
            Self::Cite => (none, Key::W),
            Self::Undo => (cmd, Key::Z),
            Self::Redo => (cmd_shift, Key::Z),
            Self::RedoY => (cmd, Key::Y),
            Self::ShowNotes => (cmd_shift, Key::N),
            Self::SaveStudy => (cmd, Key::S),
            Self::Code(i) => (none, number(i)),
            Self::EditorCode(i) => (Modifiers::ALT, number(i)),
            Self::Escape => (none, Key::Escape),
            Self::FindNext => (none, Key::Enter),
            Self::FindNextF3 => (none, Key::F3),
            Self::FindPrev => (Modifiers::SHIFT, Key::Enter),
            Self::FindPrevF3 => (Modifiers::SHIFT, Key::F3),
            Self::SaveNote => (cmd, Key::Enter),
        };
        KeyboardShortcut::new(m, k)
    }

    /// The keys as shown in menus, tooltips and messages ("Ctrl+Shift+S", "N", "F3").
    pub fn name(self) -> String {
        let keys = self.keys();
        let mods = ModifierNames::NAMES.format(&keys.modifiers, cfg!(target_os = "macos"));
        let key = keys.logical_key.symbol_or_name();
        if mods.is_empty() {
            key.to_owned()
        } else {
            format!("{mods}+{key}")
        }
    }

    /// The number keys of a family as one range ("1–9", "Alt+1–9").
    pub fn range_name(first: Shortcut) -> String {
        format!("{}–{CODE_KEYS}", first.name())
    }

    /// Where the key is answered.
    pub fn scope(self) -> Scope {
        match self {
            Self::SelectAll
            | Self::Copy
            | Self::AddNote
            | Self::LinkSelections
            | Self::Cite
            | Self::Undo
            | Self::Redo
            | Self::RedoY
            | Self::Code(_) => Scope::Reading,
            Self::EditorCode(_) | Self::SaveNote => Scope::Editor,
            Self::FindNext | Self::FindPrev | Self::FindNextF3 | Self::FindPrevF3 => Scope::Find,
            _ => Scope::Window,
        }
    }

    /// The command of a shortcut whose meaning does not depend on the moment; `None` for
    /// those the window works out when the key comes (Escape, number keys, Copy, the
    /// editor's own keys).
    pub fn command(self) -> Option<Command> {
        Some(match self {
            Self::OpenFolder => Command::App(AppCommand::OpenFolderDialog),
            Self::OpenPath => Command::App(AppCommand::ShowOpenPath),
            Self::Reload => Command::App(AppCommand::Reload),
            Self::Quit => Command::App(AppCommand::Quit),
            Self::Find => Command::View(ViewCommand::OpenFind),
            Self::TextBigger | Self::TextBiggerPlus => Command::View(ViewCommand::TextBigger),
            Self::TextSmaller => Command::View(ViewCommand::TextSmaller),
            Self::TextReset => Command::View(ViewCommand::TextReset),
            Self::ZoomIn => Command::View(ViewCommand::ZoomIn),
            Self::ZoomOut => Command::View(ViewCommand::ZoomOut),
            Self::ZoomReset => Command::View(ViewCommand::ZoomReset),
            Self::ToggleSidebar => Command::View(ViewCommand::ToggleSidebar),
            Self::Swap => Command::View(ViewCommand::Swap),
            Self::SyncScroll => Command::View(ViewCommand::ToggleSyncScroll),
            Self::SelectAll => Command::View(ViewCommand::SelectAll),
            Self::Help => Command::App(AppCommand::ShowShortcuts),
            Self::AddNote => Command::Study(StudyCommand::AddNote),
            Self::LinkSelections => Command::Study(StudyCommand::LinkSelections),
            Self::Cite => Command::Study(StudyCommand::CiteHere),
            Self::Undo => Command::Study(StudyCommand::Undo),
            Self::Redo | Self::RedoY => Command::Study(StudyCommand::Redo),
            Self::ShowNotes => Command::View(ViewCommand::ShowNotes),
            Self::SaveStudy => Command::Study(StudyCommand::SaveStudyNow),
            Self::FindNext | Self::FindNextF3 => Command::View(ViewCommand::FindNext),
            Self::FindPrev | Self::FindPrevF3 => Command::View(ViewCommand::FindPrev),
            Self::EditorCode(i) => Command::Study(StudyCommand::DraftToggleCode(i)),
            Self::SaveNote => Command::Study(StudyCommand::CommitDraft),
            Self::Copy | Self::Code(_) | Self::Escape => return None,
        })
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
            Self::ZoomIn => "Zoom the whole window in",
            Self::ZoomOut => "Zoom the whole window out",
            Self::ZoomReset => "Actual size (100 %)",
            Self::ToggleSidebar => "Show or hide the article list",
            Self::Swap => "Swap the left and right articles",
            Self::SyncScroll => "Scroll both articles together",
            Self::SelectAll => "Select the whole article in the focused pane",
            Self::Copy => "Copy the selected text",
            Self::Help => "Keyboard shortcuts",
            Self::AddNote => "Add a note on the selection (or an omission at the caret)",
            Self::LinkSelections => "Link the passages selected in the two panes",
            Self::Cite => "Cite the selection in the worksheet question picked for citing",
            Self::Undo => "Undo the last note or code action",
            Self::Redo => "Redo",
            Self::RedoY => "Redo",
            Self::ShowNotes => "Show the notes panel",
            Self::SaveStudy => "Save the study now (it also saves itself)",
            Self::Code(_) => {
                "Code the selection with frame 1–9 of the codebook (again: remove the code); in the note editor, toggle its codes"
            }
            Self::EditorCode(_) => "In the note editor: toggle its codes 1–9 while typing",
            Self::Escape => "Close the note editor or find; else clear the selection",
            Self::FindNext => "Next find hit",
            Self::FindNextF3 => "Next find hit",
            Self::FindPrev => "Previous find hit",
            Self::FindPrevF3 => "Previous find hit",
            Self::SaveNote => "In the note editor: save the note",
        }
    }

    /// The rows of the help window: one per shortcut, the number keys of a family as one row,
    /// a second binding of the same action after the first ("Ctrl+Shift+Z / Ctrl+Y").
    pub fn help_rows() -> Vec<(String, &'static str)> {
        let mut rows: Vec<(String, &'static str)> = Vec::new();
        for s in Self::all() {
            let name = match s {
                Self::Code(0) | Self::EditorCode(0) => Self::range_name(s),
                Self::Code(_) | Self::EditorCode(_) => continue,
                _ => s.name(),
            };
            let d = s.description();
            match rows.last_mut() {
                Some((keys, last)) if *last == d => {
                    keys.push_str(" / ");
                    keys.push_str(&name);
                }
                _ => rows.push((name, d)),
            }
        }
        rows
    }

    /// Shortcuts that only apply when no text field has the keyboard.
    pub fn needs_free_keyboard(self) -> bool {
        self.scope() == Scope::Reading
    }

    /// Shortcuts that would throw away the note being written (not taken while it is open).
    pub fn replaces_draft(self) -> bool {
        matches!(self, Self::AddNote | Self::LinkSelections)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_shortcuts_clash() {
        let all = Shortcut::all();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                let (ka, kb) = (a.keys(), b.keys());
                // The note editor, the find bar and the panes can all be active at once:
                // the same keys may not mean two things anywhere.
                assert!(ka != kb, "{a:?} and {b:?} are both {}", a.name());
            }
        }
    }

    #[test]
    fn a_more_specific_shortcut_is_tried_before_one_it_would_trigger() {
        // egui ignores extra Shift and Alt: pressing Ctrl+Shift+S also matches Ctrl+S, so
        // the longer one must come first.
        let order = Shortcut::by_specificity();
        for (i, a) in order.iter().enumerate() {
            for b in &order[..i] {
                let (ka, kb) = (a.keys(), b.keys());
                let shadowed = ka.logical_key == kb.logical_key
                    && ka != kb
                    && ka.modifiers.matches_logically(kb.modifiers);
                assert!(
                    !shadowed,
                    "{b:?} ({}) would take {a:?} ({})",
                    b.name(),
                    a.name()
                );
            }
        }
    }

    #[test]
    fn key_names_read_as_people_write_them() {
        if cfg!(target_os = "macos") {
            return;
        }
        assert_eq!(Shortcut::Swap.name(), "Ctrl+Shift+S");
        assert_eq!(Shortcut::AddNote.name(), "N");
        assert_eq!(Shortcut::TextBigger.name(), "Ctrl+=");
        assert_eq!(Shortcut::SaveNote.name(), "Ctrl+Enter");
        assert_eq!(Shortcut::EditorCode(2).name(), "Alt+3");
        let rows = Shortcut::help_rows();
        assert!(rows.iter().any(|(k, _)| k == "1–9"), "{rows:?}");
        assert!(rows.iter().any(|(k, _)| k == "Alt+1–9"));
        assert!(rows.iter().any(|(k, _)| k == "Ctrl+Shift+Z / Ctrl+Y"));
        assert!(rows.iter().any(|(k, _)| k == "Enter / F3"));
    }
}
