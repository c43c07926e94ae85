//! The codebooks a study can use: the built-in ones, those loaded from files and the one kept
//! in the study, which of them is in use, and the one way a codebook file is read, saved and
//! the best built-in one picked for a folder (the window and `parallax report` both go
//! through here).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use thiserror::Error;

use super::codebook::{Codebook, CodebookError, CompiledCodebook, best_fit, built_in};
use crate::document::Document;

/// Where a codebook came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookSource {
    /// Built in (file name in `assets/codebooks`).
    BuiltIn(String),
    /// Loaded from, or saved to, a file.
    File(PathBuf),
    /// Kept in the open study (the codebook its codes refer to).
    Study,
}

impl BookSource {
    /// How the choice is remembered per folder in the settings.
    pub fn setting(&self) -> String {
        match self {
            Self::BuiltIn(name) => format!("builtin:{name}"),
            Self::File(p) => p.display().to_string(),
            Self::Study => "study".to_owned(),
        }
    }
}

/// A codebook the user can pick.
#[derive(Debug, Clone)]
pub struct BookEntry {
    pub source: BookSource,
    pub book: Arc<CompiledCodebook>,
    /// A digest of the codebook's content: analyses and marks are keyed by it.
    pub key: String,
    /// Edited in the app since it was loaded or saved.
    pub modified: bool,
    /// Fields of its file this Parallax does not know: that file is never saved over.
    pub unknown: Vec<String>,
}

impl BookEntry {
    pub fn new(source: BookSource, book: Codebook) -> Self {
        let key = book.key();
        Self {
            source,
            book: Arc::new(CompiledCodebook::new(book)),
            key,
            modified: false,
            unknown: Vec::new(),
        }
    }

    /// What is wrong inside the codebook, in a sentence (None when nothing is).
    pub fn problems_text(&self) -> Option<String> {
        let problems = self.book.problems();
        if problems.is_empty() {
            return None;
        }
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        Some(format!(
            "The codebook “{}” has {} problem{} (the rest of it works): {}.",
            self.book.book.name,
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            list.join("; ")
        ))
    }

    /// The name shown in pickers: the codebook's name, its file, and a dot when edited.
    pub fn label(&self) -> String {
        let star = if self.modified { " •" } else { "" };
        match &self.source {
            BookSource::BuiltIn(_) => format!("{}{star}", self.book.book.name),
            BookSource::File(p) => format!(
                "{} ({}){star}",
                self.book.book.name,
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
            BookSource::Study => format!("{} (from the study){star}", self.book.book.name),
        }
    }
}

/// Why a codebook file could not be read or written.
#[derive(Debug, Error)]
pub enum ShelfError {
    #[error("Cannot read the codebook {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("The codebook {} is not valid: {source}. Fix the file and load it again.", path.display())]
    Invalid {
        path: PathBuf,
        source: CodebookError,
    },
    #[error(
        "Not saved: {} holds fields this Parallax does not know ({fields}), which saving would lose. Save the codebook under another name.",
        path.display()
    )]
    Foreign { path: PathBuf, fields: String },
    #[error("Cannot save the codebook to {}: {source}. Choose another folder.", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A codebook file as read: the codebook and the fields this version does not know.
#[derive(Debug, Clone)]
pub struct ReadBook {
    pub book: Codebook,
    pub unknown: Vec<String>,
}

impl ReadBook {
    /// A sentence about the unknown fields, if any.
    pub fn unknown_text(&self, path: &Path) -> Option<String> {
        (!self.unknown.is_empty()).then(|| {
            format!(
                "{} holds fields this Parallax does not know ({}); it will not be saved over (save under another name).",
                path.display(),
                crate::persist::describe_unknown(&self.unknown)
            )
        })
    }
}

/// Read a codebook file (the one place that does).
pub fn read_file(path: &Path) -> Result<ReadBook, ShelfError> {
    let text = std::fs::read_to_string(path).map_err(|source| ShelfError::Read {
        path: path.to_owned(),
        source,
    })?;
    let read = Codebook::read(&text).map_err(|source| ShelfError::Invalid {
        path: path.to_owned(),
        source,
    })?;
    Ok(ReadBook {
        book: read.value,
        unknown: read.unknown,
    })
}

/// A codebook file loaded onto the shelf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// Its place on the shelf.
    pub index: usize,
    /// What the reader should know about it (problems inside, unknown fields).
    pub notes: Vec<String>,
}

/// The codebooks to pick from and the one in use.
#[derive(Debug, Clone)]
pub struct Shelf {
    pub books: Vec<BookEntry>,
    pub current: usize,
}

impl Default for Shelf {
    /// The built-in codebooks, the first in use.
    fn default() -> Self {
        Self {
            books: built_in()
                .into_iter()
                .map(|(name, book)| BookEntry::new(BookSource::BuiltIn(name), book))
                .collect(),
            current: 0,
        }
    }
}

impl Shelf {
    /// The codebook in use.
    ///
    /// # Panics
    /// Never on a shelf made by `default`: the built-in codebooks are tested to parse.
    pub fn book(&self) -> &BookEntry {
        &self.books[self.current_index()]
    }

    /// The place of the codebook in use (the last one if `current` ran past the end).
    fn current_index(&self) -> usize {
        self.current.min(self.books.len().saturating_sub(1))
    }

    /// Use codebook `i`; false when it is already in use or there is none such.
    pub fn select(&mut self, i: usize) -> bool {
        let change = i < self.books.len() && i != self.current;
        if change {
            self.current = i;
        }
        change
    }

    /// The codebook remembered by `setting` (see [`BookSource::setting`]), if on the shelf.
    pub fn find_setting(&self, setting: &str) -> Option<usize> {
        self.books
            .iter()
            .position(|b| b.source.setting() == setting)
    }

    /// The built-in codebook whose cues fit these documents best.
    pub fn best_built_in(&self, docs: &[&Document]) -> Option<usize> {
        let built_in: Vec<usize> = (0..self.books.len())
            .filter(|&i| matches!(self.books[i].source, BookSource::BuiltIn(_)))
            .collect();
        let books: Vec<&CompiledCodebook> =
            built_in.iter().map(|&i| &*self.books[i].book).collect();
        built_in.get(best_fit(&books, docs)).copied()
    }

    /// Replace the codebook in use with an edited version. Returns what is wrong inside it
    /// (a bad pattern is left out; the rest applies).
    pub fn edit_current(&mut self, book: Codebook) -> Option<String> {
        let i = self.current_index();
        let entry = self.books.get_mut(i)?;
        entry.key = book.key();
        entry.book = Arc::new(CompiledCodebook::new(book));
        entry.modified = true;
        entry.problems_text()
    }

    /// Put the study's own codebook on the shelf (unless one with its content is there) and
    /// use it. Returns what is wrong inside it.
    pub fn use_study_book(&mut self, book: Codebook) -> Option<String> {
        let key = book.key();
        let i = match self.books.iter().position(|b| b.key == key) {
            Some(i) => i,
            None => {
                self.books.retain(|b| b.source != BookSource::Study);
                self.books.push(BookEntry::new(BookSource::Study, book));
                self.books.len() - 1
            }
        };
        self.select(i);
        self.books[i].problems_text()
    }

    /// Load a codebook file onto the shelf, or refresh it there (not put in use).
    pub fn load_file(&mut self, path: &Path) -> Result<Loaded, ShelfError> {
        let read = read_file(path)?;
        let unknown = read.unknown_text(path);
        let mut entry = BookEntry::new(BookSource::File(path.to_owned()), read.book);
        entry.unknown = read.unknown;
        let notes = entry.problems_text().into_iter().chain(unknown).collect();
        let index = match self.books.iter().position(|b| b.source == entry.source) {
            Some(i) => {
                self.books[i] = entry;
                i
            }
            None => {
                self.books.push(entry);
                self.books.len() - 1
            }
        };
        Ok(Loaded { index, notes })
    }

    /// Save the codebook in use to `path`, which becomes its file. A file with fields this
    /// version does not know is never saved over.
    pub fn save_current(&mut self, path: &Path) -> Result<(), ShelfError> {
        let source = BookSource::File(path.to_owned());
        if let Some(b) = self
            .books
            .iter()
            .find(|b| !b.unknown.is_empty() && b.source == source)
        {
            return Err(ShelfError::Foreign {
                path: path.to_owned(),
                fields: crate::persist::describe_unknown(&b.unknown),
            });
        }
        let i = self.current_index();
        let Some(entry) = self.books.get_mut(i) else {
            return Ok(());
        };
        crate::fsutil::atomic_write(path, entry.book.book.to_ron().as_bytes()).map_err(
            |source| ShelfError::Write {
                path: path.to_owned(),
                source,
            },
        )?;
        entry.source = source;
        entry.modified = false;
        Ok(())
    }
}

/// The codebook `parallax report` uses: the file given, or the built-in one that fits the
/// documents best. Returns the codebook and notes for the reader.
pub fn for_report(
    file: Option<&Path>,
    docs: &[&Document],
) -> Result<(Arc<CompiledCodebook>, Vec<String>), ShelfError> {
    let (shelf, i, notes) = match file {
        // Only the file's codebook: the built-in ones are not compiled for nothing.
        Some(path) => {
            let mut shelf = Shelf {
                books: Vec::new(),
                current: 0,
            };
            let loaded = shelf.load_file(path)?;
            (shelf, loaded.index, loaded.notes)
        }
        None => {
            let shelf = Shelf::default();
            let i = shelf.best_built_in(docs).unwrap_or(0);
            (shelf, i, Vec::new())
        }
    };
    Ok((shelf.books[i].book.clone(), notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str =
        r#"(version: 1, name: "Mine", frames: [(id: "a", name: "A", cues: ["alpha"])])"#;

    #[test]
    fn a_file_is_loaded_refreshed_in_place_saved_and_not_saved_over_when_foreign() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.ron");
        std::fs::write(&path, BOOK).unwrap();
        let mut shelf = Shelf::default();
        let n = shelf.books.len();
        let loaded = shelf.load_file(&path).unwrap();
        assert_eq!(loaded.index, n);
        assert!(loaded.notes.is_empty());
        // Loading again refreshes the same entry.
        assert_eq!(shelf.load_file(&path).unwrap().index, n);
        assert_eq!(shelf.books.len(), n + 1);
        assert!(shelf.select(n));
        assert!(!shelf.select(n), "already in use");
        assert_eq!(shelf.find_setting(&path.display().to_string()), Some(n));

        // An edit marks it modified and changes its key; saving clears the mark.
        let before = shelf.book().key.clone();
        let mut edited = shelf.book().book.book.clone();
        edited.name = "Mine, edited".into();
        assert_eq!(shelf.edit_current(edited), None);
        assert!(shelf.book().modified);
        assert_ne!(shelf.book().key, before);
        let out = dir.path().join("out.ron");
        shelf.save_current(&out).unwrap();
        assert!(!shelf.book().modified);
        assert_eq!(shelf.book().source, BookSource::File(out.clone()));
        assert!(
            std::fs::read_to_string(&out)
                .unwrap()
                .contains("Mine, edited")
        );

        // A file with fields this version does not know is loaded but never saved over.
        let foreign = dir.path().join("foreign.ron");
        std::fs::write(
            &foreign,
            r#"(version: 1, name: "F", frames: [(id: "a", name: "A", weight: 2)])"#,
        )
        .unwrap();
        let loaded = shelf.load_file(&foreign).unwrap();
        assert_eq!(loaded.notes.len(), 1, "{:?}", loaded.notes);
        shelf.select(loaded.index);
        let err = shelf.save_current(&foreign).unwrap_err();
        assert!(matches!(err, ShelfError::Foreign { .. }), "{err}");
        assert!(
            std::fs::read_to_string(&foreign)
                .unwrap()
                .contains("weight")
        );
    }

    #[test]
    fn bad_files_say_which_file_and_what_is_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.ron");
        let err = Shelf::default().load_file(&missing).unwrap_err();
        assert!(err.to_string().contains("missing.ron"), "{err}");
        let bad = dir.path().join("bad.ron");
        std::fs::write(&bad, "(version: 1, frames: [").unwrap();
        let err = Shelf::default().load_file(&bad).unwrap_err();
        assert!(matches!(err, ShelfError::Invalid { .. }));
        assert!(err.to_string().contains("bad.ron") && err.to_string().contains("Fix the file"));
    }

    #[test]
    fn the_study_book_is_put_on_the_shelf_once_and_used() {
        let mut shelf = Shelf::default();
        let n = shelf.books.len();
        let book = Codebook::from_ron(BOOK).unwrap();
        assert_eq!(shelf.use_study_book(book.clone()), None);
        assert_eq!(shelf.books.len(), n + 1);
        assert_eq!(shelf.book().source, BookSource::Study);
        shelf.select(0);
        shelf.use_study_book(book);
        assert_eq!(shelf.books.len(), n + 1, "not doubled");
        assert_eq!(shelf.current, n);
        // A built-in codebook kept in the study is the built-in entry, not a copy.
        let builtin = shelf.books[0].book.book.clone();
        shelf.use_study_book(builtin);
        assert_eq!(shelf.current, 0);
    }
}
