//! Native file dialogs, behind a trait and off the UI thread.
//!
//! `rfd` answers "no path" both when the user cancels and when the desktop has no portal or
//! zenity, so every dialog here has another way in (a path field, recent folders, drag and
//! drop, the command line). Dialogs run on a worker thread so the window keeps painting while
//! one is open; tests substitute [`Dialogs`] with a fake.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// What a dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKind {
    /// Choose a folder of articles.
    OpenFolder,
    /// Choose a study file to open.
    OpenStudy,
    /// Choose where to save a study file.
    SaveStudy,
    /// Choose a codebook file to load.
    OpenCodebook,
    /// Choose where to save a codebook.
    SaveCodebook,
    /// Choose where to export notes as Markdown.
    ExportNotes,
    /// Choose where to export the study as a REFI-QDA project.
    ExportProject,
    /// Choose a file to bring into the study: a REFI-QDA project, annotations, or another
    /// coder's study.
    Import(Incoming),
    /// Choose where to export the notes as W3C Web Annotations.
    ExportAnnotations,
    /// Choose where to write the study report (HTML).
    ExportReport,
}

/// What a file brought into the study is (they are all read by what they hold; the kind
/// only chooses the dialog's title and filter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Incoming {
    Project,
    Annotations,
    Study,
}

impl Incoming {
    pub fn title(self) -> &'static str {
        match self {
            Incoming::Project => "Import a REFI-QDA project",
            Incoming::Annotations => "Import web annotations (W3C, Hypothesis)",
            Incoming::Study => "Merge another coder's study",
        }
    }

    pub fn filter_name(self) -> &'static str {
        match self {
            Incoming::Project => "REFI-QDA project",
            Incoming::Annotations => "Annotations (JSON, JSON-LD)",
            Incoming::Study => "Parallax study or REFI-QDA project",
        }
    }

    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Incoming::Project => &["qdpx", "qde"],
            Incoming::Annotations => &["json", "jsonld"],
            Incoming::Study => &["ron", "qdpx"],
        }
    }

    /// An example path for the path field.
    pub fn example(self) -> &'static str {
        match self {
            Incoming::Project => "/home/me/class-project.qdpx",
            Incoming::Annotations => "/home/me/hypothesis-export.json",
            Incoming::Study => "/home/me/ben/parallax-study.ron",
        }
    }
}

/// The file dialogs the app needs. Implementations block; the app calls them off the UI thread.
pub trait Dialogs: Send + Sync {
    fn run(
        &self,
        kind: DialogKind,
        start: Option<&Path>,
        default_name: Option<&str>,
    ) -> Option<PathBuf>;
}

/// The system's dialogs through `rfd` (desktop portal, then zenity).
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn run(
        &self,
        kind: DialogKind,
        start: Option<&Path>,
        default_name: Option<&str>,
    ) -> Option<PathBuf> {
        let mut d = rfd::FileDialog::new();
        if let Some(dir) = start {
            d = d.set_directory(dir);
        }
        if let Some(name) = default_name {
            d = d.set_file_name(name);
        }
        match kind {
            DialogKind::OpenFolder => d.set_title("Open a folder of articles").pick_folder(),
            DialogKind::OpenStudy => d
                .set_title("Open a study")
                .add_filter("Parallax study", &["ron"])
                .pick_file(),
            DialogKind::SaveStudy => d
                .set_title("Save the study as")
                .add_filter("Parallax study", &["ron"])
                .save_file(),
            DialogKind::OpenCodebook => d
                .set_title("Load a codebook")
                .add_filter("Parallax codebook", &["ron"])
                .pick_file(),
            DialogKind::SaveCodebook => d
                .set_title("Save the codebook as")
                .add_filter("Parallax codebook", &["ron"])
                .save_file(),
            DialogKind::ExportNotes => d
                .set_title("Export notes")
                .add_filter("Markdown", &["md"])
                .save_file(),
            DialogKind::ExportProject => d
                .set_title("Export a REFI-QDA project")
                .add_filter("REFI-QDA project", &["qdpx"])
                .save_file(),
            DialogKind::Import(what) => d
                .set_title(what.title())
                .add_filter(what.filter_name(), what.extensions())
                .pick_file(),
            DialogKind::ExportAnnotations => d
                .set_title("Export W3C Web Annotations")
                .add_filter("JSON-LD", &["jsonld", "json"])
                .save_file(),
            DialogKind::ExportReport => d
                .set_title("Export the study report")
                .add_filter("Web page", &["html", "htm"])
                .save_file(),
        }
    }
}

/// A dialog open on a worker thread.
pub struct DialogJob {
    pub kind: DialogKind,
    rx: mpsc::Receiver<(Option<PathBuf>, Duration)>,
}

/// What a finished dialog answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogAnswer {
    Chosen(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// "No path" came back so fast that no dialog can have been shown: the desktop has no
    /// dialog service. The app offers its own path field instead.
    Unavailable,
}

/// Answers faster than this cannot come from a person.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(250);

impl DialogJob {
    pub fn spawn(
        dialogs: Arc<dyn Dialogs>,
        kind: DialogKind,
        start: Option<PathBuf>,
        default_name: Option<String>,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("parallax-dialog".into())
            .spawn(move || {
                let started = Instant::now();
                let answer = dialogs.run(kind, start.as_deref(), default_name.as_deref());
                let _ = tx.send((answer, started.elapsed()));
                wake();
            });
        let rx = match spawned {
            Ok(_) => rx,
            Err(_) => {
                // No thread, no dialog: report it as unavailable.
                let (tx, rx) = mpsc::channel();
                let _ = tx.send((None, Duration::ZERO));
                rx
            }
        };
        Self { kind, rx }
    }

    /// The answer, once the dialog has closed.
    pub fn poll(&self) -> Option<DialogAnswer> {
        match self.rx.try_recv() {
            Ok((Some(path), _)) => Some(DialogAnswer::Chosen(path)),
            Ok((None, took)) if took < NO_DIALOG_WITHIN => Some(DialogAnswer::Unavailable),
            Ok((None, _)) => Some(DialogAnswer::Cancelled),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(DialogAnswer::Unavailable),
        }
    }
}
