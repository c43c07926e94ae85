//! Preferences that persist between runs (eframe storage): theme, text size, recent folders,
//! the last pane choices per folder. Window geometry is persisted by eframe itself. Never
//! anything the user would mind losing: study notes live in their own file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::style::{DEFAULT_TEXT_SIZE, MAX_TEXT_SIZE, MIN_TEXT_SIZE};

/// The storage key of [`Settings`].
pub const KEY: &str = "parallax-settings";
/// How many recent folders are remembered.
pub const MAX_RECENT: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// Which articles were in the panes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PaneChoice {
    pub left: Option<String>,
    pub right: Option<String>,
}

/// Persisted preferences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: ThemeChoice,
    pub text_size: f32,
    pub recent_folders: Vec<PathBuf>,
    /// The folder open when the app last closed (None: the bundled example or nothing).
    pub last_folder: Option<PathBuf>,
    pub last_was_bundled: bool,
    /// Pane choices by folder path.
    pub panes: BTreeMap<String, PaneChoice>,
    pub show_sidebar: bool,
    pub sync_scroll: bool,
    /// Codebook file chosen per folder (absent: the built-in default for that folder).
    pub codebooks: BTreeMap<String, String>,
    /// Study file chosen per folder (absent: `parallax-study.ron` in the folder).
    pub studies: BTreeMap<String, PathBuf>,
    pub lens: super::lens::LensSettings,
    /// Codes (frame ids) most recently used first; the note editor offers them first.
    pub recent_codes: Vec<String>,
    /// The first-steps hint was dismissed (or a first note written).
    pub first_steps_done: bool,
    /// The whole interface's zoom (1.0: 100 %), on top of the monitor's own scale.
    pub ui_zoom: f32,
    /// The reader's name as a coder: new notes and links record it as their author.
    pub coder: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            text_size: DEFAULT_TEXT_SIZE,
            recent_folders: Vec::new(),
            last_folder: None,
            last_was_bundled: false,
            panes: BTreeMap::new(),
            show_sidebar: true,
            sync_scroll: false,
            codebooks: BTreeMap::new(),
            studies: BTreeMap::new(),
            lens: super::lens::LensSettings::default(),
            recent_codes: Vec::new(),
            first_steps_done: false,
            ui_zoom: 1.0,
            coder: String::new(),
        }
    }
}

/// Preferences as read from storage, with what is needed to keep the contract of every
/// file Parallax persists: stored preferences holding fields this version does not know
/// (written by a newer Parallax) are used for what is known, and written back unchanged.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stored {
    pub settings: Settings,
    /// The stored text, kept when it holds unknown fields (it is then never replaced).
    pub foreign: Option<String>,
    pub unknown: Vec<String>,
}

impl Stored {
    /// Read stored preferences (None: there are none yet). Text that does not parse gives
    /// the defaults and is kept as it is.
    pub fn read(text: Option<String>) -> Self {
        let Some(text) = text else {
            return Self::default();
        };
        match crate::persist::from_ron::<Settings>(&text) {
            Ok(r) if r.unknown.is_empty() => Self {
                settings: r.value,
                ..Self::default()
            },
            Ok(r) => Self {
                settings: r.value,
                foreign: Some(text),
                unknown: r.unknown,
            },
            Err(e) => Self {
                settings: Settings::default(),
                foreign: Some(text),
                unknown: vec![format!("(does not parse: {e})")],
            },
        }
    }

    /// The text to store for `settings` now.
    pub fn to_store(&self, settings: &Settings) -> String {
        match &self.foreign {
            Some(original) => original.clone(),
            None => ron::to_string(settings).unwrap_or_default(),
        }
    }
}

impl Settings {
    /// Put a folder at the front of the recent list.
    pub fn remember_folder(&mut self, folder: &Path) {
        self.recent_folders.retain(|f| f != folder);
        self.recent_folders.insert(0, folder.to_owned());
        self.recent_folders.truncate(MAX_RECENT);
        self.last_folder = Some(folder.to_owned());
        self.last_was_bundled = false;
    }

    pub fn set_text_size(&mut self, size: f32) {
        self.text_size = size.clamp(MIN_TEXT_SIZE, MAX_TEXT_SIZE);
    }

    /// Set the interface zoom, kept between 50 % and 250 % in steps of 10 %.
    pub fn set_ui_zoom(&mut self, zoom: f32) {
        let z = if zoom.is_finite() { zoom } else { 1.0 };
        self.ui_zoom = ((z * 10.0).round() / 10.0).clamp(0.5, 2.5);
    }

    pub fn folder_key(folder: &Path) -> String {
        folder.to_string_lossy().into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_folders_are_unique_and_bounded() {
        let mut s = Settings::default();
        for i in 0..15 {
            s.remember_folder(Path::new(&format!("/f{i}")));
        }
        s.remember_folder(Path::new("/f10"));
        assert_eq!(s.recent_folders.len(), MAX_RECENT);
        assert_eq!(s.recent_folders[0], Path::new("/f10"));
        assert_eq!(
            s.recent_folders
                .iter()
                .filter(|f| *f == Path::new("/f10"))
                .count(),
            1
        );
    }

    #[test]
    fn preferences_with_unknown_fields_are_used_but_never_replaced() {
        let newer = "(text_size: 19.0, theme: Dark, telemetry_opt_in: true)".to_owned();
        let stored = Stored::read(Some(newer.clone()));
        assert_eq!(stored.settings.text_size, 19.0);
        assert_eq!(stored.settings.theme, ThemeChoice::Dark);
        assert_eq!(stored.unknown, ["telemetry_opt_in"]);
        let mut changed = stored.settings.clone();
        changed.text_size = 12.0;
        assert_eq!(stored.to_store(&changed), newer, "the bytes survive");
        // Ours are written as usual.
        let plain = Stored::read(Some("(text_size: 18.0)".into()));
        assert!(plain.foreign.is_none());
        let text = plain.to_store(&changed);
        assert_eq!(Stored::read(Some(text)).settings.text_size, 12.0);
        // Text that does not parse is kept too.
        let broken = Stored::read(Some("(text_size: ".into()));
        assert_eq!(broken.to_store(&changed), "(text_size: ");
    }

    #[test]
    fn old_settings_files_still_load() {
        let s: Settings = ron::from_str("(text_size: 18.0)").unwrap();
        assert_eq!(s.text_size, 18.0);
        assert!(s.show_sidebar);
    }
}
