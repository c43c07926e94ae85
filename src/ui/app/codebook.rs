//! The app's codebook in use: chosen per folder, loaded from and saved to files.

use std::path::Path;

use super::App;
use crate::corpus::Corpus;
use crate::ui::settings::Settings;

impl App {
    /// Choose the folder's codebook: the one chosen for it before, else the built-in one
    /// that suits its articles best (remembered for the folder when `remember`; not while
    /// only part of it is read).
    pub(super) fn choose_codebook(&mut self, corpus: &Corpus, remember: bool) {
        let key = Settings::folder_key(&corpus.root);
        let remembered = self.settings.codebooks.get(&key).cloned();
        if let Some(choice) = remembered {
            if let Some(i) = self.lens.shelf.find_setting(&choice) {
                self.lens.select_book(i);
                return;
            }
            if !choice.starts_with("builtin:") {
                match self.load_codebook_file(Path::new(&choice)) {
                    Ok(i) => {
                        self.lens.select_book(i);
                        return;
                    }
                    Err(e) => self.set_status(e, true),
                }
            }
        }
        let docs: Vec<&crate::document::Document> =
            corpus.documents.iter().map(|d| d.as_ref()).collect();
        if let Some(i) = self.lens.shelf.best_built_in(&docs) {
            self.lens.select_book(i);
            if !remember {
                return;
            }
            self.settings
                .codebooks
                .insert(key, self.lens.book().source.setting());
        }
    }

    /// Load a codebook file into the list (or refresh it there); returns its index.
    pub fn load_codebook_file(&mut self, path: &Path) -> Result<usize, String> {
        let loaded = self.lens.shelf.load_file(path).map_err(|e| e.to_string())?;
        if !loaded.notes.is_empty() {
            self.set_status(loaded.notes.join(" "), true);
        }
        Ok(loaded.index)
    }

    /// Load a codebook file and put it in use; a problem shows in the status line and in
    /// the codebook editor, if open.
    pub(crate) fn load_codebook(&mut self, path: &Path) {
        match self.load_codebook_file(path) {
            Ok(i) => {
                self.lens.select_book(i);
                self.remember_codebook();
                if let Some(ed) = self.editor.as_mut() {
                    ed.reset();
                }
                self.set_status(format!("Loaded the codebook {}.", path.display()), false);
            }
            Err(e) => {
                if let Some(ed) = self.editor.as_mut() {
                    ed.error = Some(e.clone());
                }
                self.set_status(e, true);
            }
        }
    }

    /// Remember the current codebook for the open folder.
    pub(super) fn remember_codebook(&mut self) {
        if let Some(c) = &self.corpus {
            let key = Settings::folder_key(&c.root);
            self.settings
                .codebooks
                .insert(key, self.lens.book().source.setting());
        }
    }

    /// Save the current codebook (RON, atomic write) and keep using it from that file.
    pub fn save_codebook(&mut self, path: &Path) {
        match self.lens.shelf.save_current(path) {
            Ok(()) => {
                self.remember_codebook();
                self.set_status(format!("Saved the codebook as {}.", path.display()), false);
            }
            Err(e) => self.set_status(e.to_string(), true),
        }
    }
}
