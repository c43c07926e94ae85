//! The application: state, the frame, and the one place commands are applied.

mod access;
mod apply;
mod chrome;
mod codebook;
pub mod folder_view;
mod panes;
mod settle;
pub use panes::{Pane, StripKey, StripTicks};
mod keys;
pub mod layout;
mod study;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{Context, Id, Ui};

use super::Launch;
use super::commands::{Command, Side, StudyCommand};
use super::compare::ComparisonPanel;
use super::dialogs::{DialogAnswer, DialogJob, DialogKind, Dialogs};
use super::doc_view::DocView;
use super::find::FindBar;
use super::lens::Lens;
use super::settings::{PaneChoice, Settings, ThemeChoice};
use crate::corpus::paths::expand_home;
use crate::corpus::watch::{Changes, FolderWatcher};
use crate::corpus::{Corpus, CorpusError, LoadEvent, LoadJob, LoadOptions, Progress};

/// A message in the status bar.
#[derive(Debug, Clone)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// What the right-hand dock shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dock {
    #[default]
    Comparison,
    Notes,
}

/// Which floating windows are open.
#[derive(Debug, Default, Clone)]
pub struct Windows {
    pub open_path: bool,
    pub load_report: bool,
    pub shortcuts: bool,
    pub about: bool,
    /// Edit → Your name as coder…: the name being typed, while the window is open.
    pub coder: Option<String>,
}

pub struct App {
    /// The window's context (to wake it from worker threads).
    pub(crate) egui_ctx: Context,
    pub(crate) settings: Settings,
    /// The preferences as stored (kept unchanged when they hold fields this version lacks).
    stored_settings: super::settings::Stored,
    pub(crate) dialogs: Arc<dyn Dialogs>,
    pub(crate) dialog: Option<DialogJob>,
    pub(crate) load: Option<LoadJob>,
    pub(crate) progress: Option<Progress>,
    pub(crate) load_error: Option<String>,
    /// The folder as shown: as read, with the study's choices applied (a web page kept
    /// whole).
    pub(crate) corpus: Option<Arc<Corpus>>,
    /// The folder as read from disk.
    pub(crate) read_corpus: Option<Arc<Corpus>>,
    pub(crate) watcher: Option<FolderWatcher>,
    pub(crate) changes: Changes,
    pub(crate) panes: [Pane; 2],
    /// The pane the user last worked in.
    pub(crate) focus: Side,
    pub(crate) find: FindBar,
    pub(crate) status: Option<Status>,
    pub(crate) windows: Windows,
    /// View → Folder view: the folder's table and heat map.
    pub(crate) folder_view: folder_view::FolderView,
    pub(crate) path_input: String,
    /// The study: notes, codes, links, corrections, and its file.
    pub(crate) study: super::study::StudyUi,
    /// Where app data lives (the bundled example's study); None in tests and screenshots.
    pub(crate) data_dir: Option<PathBuf>,
    /// What the right-hand dock shows.
    pub(crate) dock: Dock,
    /// Pane choices to apply when the folder being loaded arrives.
    pending_panes: Option<PaneChoice>,
    /// Article titles as last made, with what they were made from (see [`App::titles`]).
    #[allow(clippy::type_complexity)]
    titles_cache: std::cell::RefCell<
        Option<(
            Arc<Corpus>,
            (crate::notes::session::PlacesVersion, u64),
            Arc<crate::notes::export::Titles>,
        )>,
    >,
    /// The folder shown is the part read so far of the one being loaded (its study opens
    /// when the whole folder is in).
    pub(crate) provisional: bool,
    /// Screenshot mode and the start-up profile: watching for the window to settle.
    pub(crate) settle: Option<settle::Settle>,
    pub(crate) style_gen: u64,
    last_dark: Option<bool>,
    pub(crate) queue: Vec<Command>,
    /// Set when the seeds folder of a source checkout is the natural first folder.
    dev_seeds: Option<PathBuf>,
    pub(crate) welcome: bool,
    pub(crate) lens: Lens,
    /// The documents in the panes (by address), and the frame they first appeared in: a
    /// document is painted once before its analysis starts.
    docs_since: ([usize; 2], u64),
    /// This frame shows a document whose analysis waits for it to be painted.
    analysis_deferred: bool,
    pub(crate) comparison: ComparisonPanel,
    pub(crate) notes: super::notes_ui::NotesPanel,
    /// Width of the window last frame (panels give way in a narrow window).
    pub(crate) window_width: f32,
    /// Width the article list took when last shown.
    pub(crate) sidebar_width: f32,
    /// The article list's rows, laid out only where they show.
    pub(crate) article_list: chrome::ArticleList,
    /// In a narrow window the article list shows only when opened in this session.
    pub(crate) narrow_sidebar: bool,
    /// Where the comparison is a tab over the panes: that tab is in front.
    pub(crate) comparison_tab: bool,
    /// Where the dock's content was drawn this frame, if it showed.
    pub(crate) dock_rect: Option<egui::Rect>,
    /// The codebook editor is open.
    pub(crate) editor: Option<super::codebook_editor::EditorState>,
    /// The first frame has yet to wait for the folder opened at start-up.
    start_wait: bool,
    /// The folder named on the command line, whose reading began before the window.
    early: Option<EarlyRead>,
}

/// A folder read started before the window was created (which takes a while), taken up by
/// the app when it opens that folder.
pub struct EarlyRead {
    root: PathBuf,
    job: LoadJob,
    /// Where the reading's progress wakes the window, once there is one.
    wake_to: Arc<std::sync::OnceLock<Context>>,
}

impl EarlyRead {
    /// Start reading `folder` (as [`App`] would open it), reading `first` before the rest.
    pub fn start(folder: &Path, first: Vec<String>) -> Self {
        let root = folder_to_open(folder);
        let wake_to: Arc<std::sync::OnceLock<Context>> = Arc::default();
        let wake = {
            let to = wake_to.clone();
            move || {
                if let Some(ctx) = to.get() {
                    ctx.request_repaint();
                }
            }
        };
        let streaming = crate::corpus::Streaming::first(first);
        let job = LoadJob::streaming(root.clone(), LoadOptions::default(), streaming, wake);
        Self { root, job, wake_to }
    }
}

/// The folder a path typed, dropped or given names: `~` expanded, links resolved.
fn folder_to_open(folder: &Path) -> PathBuf {
    let folder = expand_home(&folder.to_string_lossy());
    std::fs::canonicalize(&folder).unwrap_or(folder)
}

/// How long the first frame waits for the folder opened at start-up.
const START_WAIT: std::time::Duration = std::time::Duration::from_millis(60);

impl App {
    /// Build the app; `storage` holds persisted settings (None in tests).
    pub fn new(
        ctx: &Context,
        storage: Option<&dyn eframe::Storage>,
        launch: Launch,
        dialogs: Arc<dyn Dialogs>,
    ) -> Self {
        Self::new_after(ctx, storage, launch, dialogs, None)
    }

    /// Build the app, taking up `early`, the reading of the launch folder begun before.
    pub fn new_after(
        ctx: &Context,
        storage: Option<&dyn eframe::Storage>,
        launch: Launch,
        dialogs: Arc<dyn Dialogs>,
        early: Option<EarlyRead>,
    ) -> Self {
        let stored =
            super::settings::Stored::read(storage.and_then(|s| s.get_string(super::settings::KEY)));
        let settings = stored.settings.clone();
        ctx.set_theme(settings.theme.preference());
        ctx.set_zoom_factor(settings.ui_zoom);
        ctx.all_styles_mut(super::style::interface_text);
        ctx.options_mut(|o| {
            o.zoom_with_keyboard = false;
            // Starting a selection in an article (a press and a drag, not a click) must take
            // the keyboard from the find field or a note, so N and the number keys act on it.
            o.input_options.surrender_focus_on = egui::SurrenderFocusOn::Presses;
        });
        let mut app = Self {
            egui_ctx: ctx.clone(),
            settings,
            stored_settings: stored,
            dialogs,
            dialog: None,
            load: None,
            progress: None,
            load_error: None,
            corpus: None,
            read_corpus: None,
            watcher: None,
            changes: Changes::default(),
            panes: [Pane::default(), Pane::default()],
            focus: Side::Left,
            find: FindBar::default(),
            status: None,
            windows: Windows::default(),
            folder_view: folder_view::FolderView::default(),
            path_input: String::new(),
            study: super::study::StudyUi::new(ctx),
            data_dir: storage.and_then(|_| eframe::storage_dir("Parallax")),
            dock: Dock::default(),
            pending_panes: None,
            provisional: false,
            titles_cache: Default::default(),
            settle: settle::Settle::new(launch.screenshot.clone()),
            style_gen: 1,
            last_dark: None,
            queue: Vec::new(),
            dev_seeds: dev_seeds_folder(),
            welcome: false,
            lens: Lens::default(),
            docs_since: ([0; 2], 0),
            analysis_deferred: false,
            comparison: ComparisonPanel::default(),
            notes: Default::default(),
            window_width: 1440.0,
            sidebar_width: 230.0,
            article_list: chrome::ArticleList::default(),
            narrow_sidebar: false,
            comparison_tab: false,
            dock_rect: None,
            editor: None,
            start_wait: false,
            early,
        };
        if !app.stored_settings.unknown.is_empty() {
            app.set_status(
                format!(
                    "Your preferences were written by another version of Parallax ({}): they are used, but changes to them are not remembered, so nothing in them is lost.",
                    crate::persist::describe_unknown(&app.stored_settings.unknown)
                ),
                true,
            );
        }
        app.start(ctx, launch);
        app
    }

    /// The folder opened at start-up is usually read in a few milliseconds: the first frame
    /// waits a moment for it, so it shows the articles rather than an empty window first.
    fn first_frame_wait(&mut self, ctx: &Context) {
        if !std::mem::take(&mut self.start_wait) {
            return;
        }
        let Some(job) = self.load.as_ref() else {
            return;
        };
        let (progress, event) = job.wait_for(START_WAIT);
        if progress.is_some() {
            self.progress = progress;
        }
        match event {
            Some(LoadEvent::Done(result)) => {
                self.load = None;
                self.progress = None;
                self.on_loaded(ctx, result);
            }
            Some(LoadEvent::Partial(corpus)) => self.on_partial(corpus),
            _ => {}
        }
    }

    /// Decide what to open at start-up.
    fn start(&mut self, ctx: &Context, launch: Launch) {
        let choice = PaneChoice {
            left: launch.left.clone(),
            right: launch.right.clone(),
        };
        let explicit = launch.left.is_some() || launch.right.is_some();
        if launch.welcome {
            self.welcome = true;
        } else if let Some(folder) = launch.folder {
            self.open_folder_showing(ctx, folder, explicit.then(|| choice.clone()));
        } else if launch.bundled || self.settings.last_was_bundled {
            self.open_bundled();
        } else if let Some(folder) = self.settings.last_folder.clone().filter(|f| f.is_dir()) {
            self.open_folder_showing(ctx, folder, explicit.then(|| choice.clone()));
        } else if let Some(seeds) = self.dev_seeds.clone() {
            self.open_folder_showing(ctx, seeds, explicit.then(|| choice.clone()));
        } else {
            self.welcome = true;
        }
        if explicit {
            self.pending_panes = Some(choice);
        }
        self.start_wait = self.load.is_some();
    }

    pub fn corpus_title(&self) -> String {
        match &self.corpus {
            Some(c) if c.is_bundled() => "Bundled example".to_owned(),
            Some(c) => c.root.display().to_string(),
            None => String::new(),
        }
    }

    pub fn set_status(&mut self, text: impl Into<String>, error: bool) {
        self.status = Some(Status {
            text: text.into(),
            error,
        });
    }

    /// Start loading a folder in the background.
    pub fn open_folder(&mut self, ctx: &Context, folder: PathBuf) {
        self.open_folder_showing(ctx, folder, None);
    }

    /// Start loading a folder in the background, to show `choice` in the panes (else what
    /// they showed when it was last open). A folder other than the one shown appears as it
    /// is read: the panes' articles first, then the rest as it comes in; the one shown,
    /// read again, stays as it is until the new reading is complete.
    fn open_folder_showing(&mut self, ctx: &Context, folder: PathBuf, choice: Option<PaneChoice>) {
        let folder = folder_to_open(&folder);
        self.remember_panes();
        let wake_ctx = ctx.clone();
        let wake = move || wake_ctx.request_repaint();
        self.progress = None;
        self.load_error = None;
        self.welcome = false;
        self.pending_panes = choice.or_else(|| {
            self.settings
                .panes
                .get(&Settings::folder_key(&folder))
                .cloned()
        });
        let reread = self.rereads(&folder);
        let opts = LoadOptions::default();
        let early = self.early.take().filter(|e| e.root == folder && !reread);
        self.load = Some(if let Some(early) = early {
            let _ = early.wake_to.set(ctx.clone());
            early.job
        } else if reread {
            LoadJob::spawn(folder.clone(), opts, wake)
        } else {
            let first = self
                .pending_panes
                .iter()
                .flat_map(|c| [c.left.clone(), c.right.clone()]);
            let streaming = crate::corpus::Streaming::first(first.flatten().collect());
            LoadJob::streaming(folder.clone(), opts, streaming, wake)
        });
        self.set_status(format!("Reading {}…", folder.display()), false);
    }

    /// Whether reading `root` reads again the folder shown whole (which then stays shown
    /// until the new reading is complete).
    fn rereads(&self, root: &Path) -> bool {
        !self.provisional && self.corpus.as_ref().is_some_and(|c| c.root == root)
    }

    /// Whether the window shows a folder rather than the loading screen: none is being
    /// read, or the one being read is the one shown (read again, or shown as it is read).
    pub(crate) fn shows_folder(&self) -> bool {
        match (&self.load, &self.corpus) {
            (None, _) => true,
            (Some(load), Some(c)) => c.root == load.root,
            (Some(_), None) => false,
        }
    }

    /// Part of the folder being loaded has been read: show it (replacing the folder shown
    /// before) unless the folder being read again is the one shown.
    fn on_partial(&mut self, corpus: Corpus) {
        if self.rereads(&corpus.root) {
            return;
        }
        self.provisional = true;
        self.install_corpus(corpus, None);
    }

    /// Stop reading the folder: what was read of a folder being shown as it is read stays
    /// open as the folder (the study opens on it), with a word on what was left unread.
    pub(crate) fn stop_loading(&mut self, ctx: &Context) {
        let total = self.progress.as_ref().map(|p| p.total);
        self.load = None;
        self.progress = None;
        match self.read_corpus.clone().filter(|_| self.provisional) {
            Some(part) => {
                let mut corpus = Corpus::clone(&part);
                corpus.notices.push(crate::corpus::Notice::Stopped {
                    read: corpus.documents.len(),
                    total: total.unwrap_or(corpus.documents.len()),
                });
                self.on_loaded(ctx, Ok(corpus));
            }
            None => {
                self.set_status("Loading cancelled.", false);
                if self.corpus.is_none() {
                    self.welcome = true;
                }
            }
        }
    }

    pub fn open_bundled(&mut self) {
        self.remember_panes();
        self.load = None;
        self.provisional = false;
        self.watcher = None;
        self.welcome = false;
        self.pending_panes = None;
        self.settings.last_was_bundled = true;
        self.install_corpus(Corpus::bundled(), None);
        self.set_status("Opened the bundled example study.", false);
    }

    /// Remember which articles the panes show, for the next time this folder opens.
    fn remember_panes(&mut self) {
        let Some(corpus) = &self.corpus else { return };
        if corpus.is_bundled() {
            return;
        }
        let name = |p: &Pane| {
            p.doc
                .and_then(|i| corpus.documents.get(i))
                .map(|d| d.source.rel_path.clone())
        };
        let choice = PaneChoice {
            left: name(&self.panes[Side::Left]),
            right: name(&self.panes[Side::Right]),
        };
        self.settings
            .panes
            .insert(Settings::folder_key(&corpus.root), choice);
    }

    /// Show a corpus loaded elsewhere (benchmarks, embedding), as if it had just been read.
    pub fn show_corpus(&mut self, ctx: &Context, corpus: Corpus) {
        self.load = None;
        self.welcome = false;
        self.on_loaded(ctx, Ok(corpus));
    }

    /// Make a loaded corpus the current one, keeping pane choices where the files remain.
    fn install_corpus(&mut self, corpus: Corpus, ctx: Option<&Context>) {
        let previous: [Option<String>; 2] = Side::BOTH.map(|p| {
            self.panes[p]
                .doc
                .and_then(|i| self.corpus.as_ref().and_then(|c| c.documents.get(i)))
                .map(|d| d.source.rel_path.clone())
        });
        let same_folder = self.corpus.as_ref().is_some_and(|c| c.root == corpus.root);
        let fractions: [Option<f32>; 2] =
            Side::BOTH.map(|p| self.panes[p].view.as_ref().map(DocView::scroll_fraction));
        let corpus = Arc::new(corpus);
        self.corpus = Some(corpus.clone());
        self.read_corpus = Some(corpus.clone());
        self.changes = Changes::default();
        // A folder shown as it is read keeps the wished-for panes until the whole is in.
        let pending = if self.provisional {
            self.pending_panes.clone()
        } else {
            self.pending_panes.take()
        };
        let wanted: [Option<String>; 2] = match pending {
            Some(choice) => [choice.left, choice.right],
            None if same_folder => previous,
            None => [None, None],
        };
        let n = corpus.documents.len();
        let mut chosen: [Option<usize>; 2] =
            Side::BOTH.map(|p| wanted[p].as_deref().and_then(|rel| corpus.find(rel)));
        // Fill empty panes with the first articles by file name.
        if chosen[Side::Left].is_none() && n > 0 {
            chosen[Side::Left] = (0..n).find(|&i| Some(i) != chosen[Side::Right]);
        }
        if chosen[Side::Right].is_none() && n > 1 {
            chosen[Side::Right] = (0..n).find(|&i| Some(i) != chosen[Side::Left]);
        }
        for p in Side::BOTH {
            self.set_pane_doc(p, chosen[p]);
            if same_folder
                && let (Some(f), Some(view)) = (fractions[p], self.panes[p].view.as_mut())
            {
                view.set_scroll_fraction(f);
            }
        }
        self.choose_codebook(&corpus, !self.provisional);
        if self.provisional {
            self.wait_for_folder(&corpus);
        } else {
            self.attach_study(&corpus, same_folder);
        }
        self.sync_page_choices();
        if let Some(ctx) = ctx
            && !corpus.is_bundled()
        {
            let wake = ctx.clone();
            self.watcher = FolderWatcher::for_corpus(&corpus, move || wake.request_repaint());
        }
        if !corpus.skipped.is_empty() || !corpus.notices.is_empty() {
            let n = corpus.skipped.len();
            let mut text = format!(
                "Read {} article{}; {n} file{} skipped",
                corpus.documents.len(),
                plural(corpus.documents.len()),
                plural(n)
            );
            // Limits reached are said here too, not only in the report: "0 skipped" while
            // thousands of files went unread would be a lie.
            for notice in &corpus.notices {
                text.push_str("; ");
                text.push_str(&notice.to_string());
            }
            text.push_str(" (see the load report).");
            // Stopping on request is news, not an error.
            let alarming = corpus
                .notices
                .iter()
                .any(|n| !matches!(n, crate::corpus::Notice::Stopped { .. }));
            self.set_status(text, alarming);
        }
    }

    /// The lens marks of a pane as drawn (frame highlights, quotes, stance, outlined word).
    pub fn pane_marks(&mut self, pane: Side, dark: bool) -> Option<Arc<super::doc_view::MarkSet>> {
        let doc = self.panes[pane].view.as_ref()?.doc().clone();
        Some(self.lens.marks_now(pane, &doc, &self.settings.lens, dark).0)
    }

    /// Open a system dialog on a worker thread (one at a time).
    pub fn spawn_dialog(&mut self, ctx: &Context, kind: DialogKind, default_name: Option<String>) {
        if self.dialog.is_some() {
            return;
        }
        let start = self
            .corpus
            .as_ref()
            .filter(|c| !c.is_bundled())
            .map(|c| c.root.clone());
        let wake = ctx.clone();
        self.dialog = Some(DialogJob::spawn(
            self.dialogs.clone(),
            kind,
            start,
            default_name,
            move || wake.request_repaint(),
        ));
    }

    pub fn set_pane_doc(&mut self, pane: Side, doc: Option<usize>) {
        let Some(corpus) = self.corpus.clone() else {
            return;
        };
        let doc = doc.filter(|&i| i < corpus.documents.len());
        let p = &mut self.panes[pane];
        let same = match (doc, p.view.as_ref()) {
            (Some(i), Some(v)) => Arc::ptr_eq(&corpus.documents[i], v.doc()),
            (None, None) => true,
            _ => false,
        };
        if same {
            p.doc = doc;
            return;
        }
        p.doc = doc;
        p.view =
            doc.map(|i| DocView::new(corpus.documents[i].clone(), Id::unique(("doc-view", pane))));
    }

    /// Background work: dialogs, loading, file watching, dropped files, shortcuts.
    fn poll(&mut self, ctx: &Context) {
        if let Some(job) = &self.dialog
            && let Some(answer) = job.poll()
        {
            let kind = job.kind;
            self.dialog = None;
            self.on_dialog(ctx, kind, answer);
        }
        if let Some(job) = &self.load {
            let (mut done, mut part) = (None, None);
            for event in job.poll() {
                match event {
                    LoadEvent::Progress(p) => self.progress = Some(p),
                    LoadEvent::Partial(c) => part = Some(c),
                    LoadEvent::Done(result) => done = Some(result),
                }
            }
            if let Some(result) = done {
                self.load = None;
                self.progress = None;
                self.on_loaded(ctx, result);
            } else if let Some(corpus) = part {
                self.on_partial(corpus);
            }
        }
        if let (Some(w), Some(c)) = (&self.watcher, &self.corpus) {
            let paths = w.poll();
            if !paths.is_empty() {
                let changes = c.changes(&paths);
                self.changes.merge(changes);
                let study = self.study.desk.session.path.clone();
                if study.is_some_and(|s| paths.contains(&s)) {
                    self.on_study_file_changed();
                }
            }
        }
        // Files or folders dropped on the window.
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.on_dropped(ctx, dropped);
        }
    }

    fn on_dialog(&mut self, ctx: &Context, kind: DialogKind, answer: DialogAnswer) {
        match (kind, answer) {
            (DialogKind::OpenFolder, DialogAnswer::Chosen(path)) => self.open_folder(ctx, path),
            (DialogKind::OpenFolder, DialogAnswer::Unavailable) => {
                self.windows.open_path = true;
                self.set_status(
                    "No system folder dialog is available here: type the folder's path instead.",
                    false,
                );
            }
            (DialogKind::OpenCodebook, DialogAnswer::Chosen(path)) => self.load_codebook(&path),
            (DialogKind::SaveCodebook, DialogAnswer::Chosen(path)) => self.save_codebook(&path),
            (DialogKind::OpenStudy, DialogAnswer::Chosen(path)) => self.open_study(&path),
            (DialogKind::SaveStudy, DialogAnswer::Chosen(path)) => self.save_study_as(&path),
            (DialogKind::ExportNotes, DialogAnswer::Chosen(path)) => {
                self.export_notes(&path, self.study.export_grouping);
            }
            (DialogKind::ExportProject, DialogAnswer::Chosen(path)) => self.export_project(&path),
            (DialogKind::Import(_), DialogAnswer::Chosen(path)) => self.import_file(&path),
            (DialogKind::Import(what), DialogAnswer::Unavailable) => {
                self.study.import_path = Some((what, String::new()));
                self.set_status(
                    "No system file dialog is available here: type the file's path instead.",
                    false,
                );
            }
            (DialogKind::ExportAnnotations, DialogAnswer::Chosen(path)) => {
                self.export_annotations(&path);
            }
            (DialogKind::ExportReport, DialogAnswer::Chosen(path)) => self.export_report(&path),
            (
                kind @ (DialogKind::ExportProject | DialogKind::ExportAnnotations | DialogKind::ExportReport),
                DialogAnswer::Unavailable,
            ) => {
                match self.corpus.as_ref().filter(|c| !c.is_bundled()) {
                    Some(c) => match kind {
                        DialogKind::ExportProject => self.export_project(&c.root.join("parallax-study.qdpx")),
                        DialogKind::ExportReport => self.export_report(&c.root.join("parallax-report.html")),
                        _ => self.export_annotations(&c.root.join("parallax-annotations.jsonld")),
                    },
                    None => self.set_status(
                        "No system file dialog is available here, and the bundled example has no folder to export to.",
                        true,
                    ),
                }
            }
            (DialogKind::OpenStudy | DialogKind::SaveStudy, DialogAnswer::Unavailable) => {
                self.queue.push(Command::Study(StudyCommand::ShowStudyPath));
                self.set_status(
                    "No system file dialog is available here: type the study file's path instead.",
                    false,
                );
            }
            (DialogKind::ExportNotes, DialogAnswer::Unavailable) => {
                let target = self
                    .corpus
                    .as_ref()
                    .filter(|c| !c.is_bundled())
                    .map(|c| c.root.join("parallax-notes.md"));
                match target {
                    Some(path) => self.export_notes(&path, self.study.export_grouping),
                    None => self.set_status(
                        "No system file dialog is available here, and the bundled example has no folder to export to.",
                        true,
                    ),
                }
            }
            (DialogKind::OpenCodebook | DialogKind::SaveCodebook, DialogAnswer::Unavailable) => {
                self.set_status("No system file dialog is available here: type the codebook file's path in the codebook editor.", true);
                self.editor.get_or_insert_with(Default::default);
            }
            (_, DialogAnswer::Cancelled) => self.status = None,
        }
    }

    fn on_loaded(&mut self, ctx: &Context, result: Result<Corpus, CorpusError>) {
        crate::timings::mark("folder loaded");
        let provisional = std::mem::take(&mut self.provisional);
        match result {
            Ok(corpus) => {
                self.settings.remember_folder(&corpus.root);
                let n = corpus.documents.len();
                let root = corpus.root.display().to_string();
                self.install_corpus(corpus, Some(ctx));
                if n == 0 {
                    self.set_status(format!("No articles in {root}."), false);
                } else if self
                    .status
                    .as_ref()
                    .is_some_and(|s| s.text.starts_with("Reading"))
                {
                    self.set_status(format!("Opened {root}: {n} article{}.", plural(n)), false);
                }
            }
            Err(CorpusError::Cancelled) => {}
            Err(err) => {
                let msg = err.to_string();
                self.load_error = Some(msg.clone());
                self.set_status(msg.clone(), true);
                if provisional {
                    // What was read stays shown, and its study opens, as after Stop.
                    if let Some(part) = self.read_corpus.clone() {
                        self.install_corpus(Corpus::clone(&part), Some(ctx));
                        self.set_status(msg, true);
                    }
                } else if self.corpus.is_none() {
                    self.welcome = true;
                }
            }
        }
    }

    /// A dropped folder opens; dropped files open their folder, the first one on the left
    /// and the second on the right.
    pub fn on_dropped(&mut self, ctx: &Context, paths: Vec<PathBuf>) {
        let Some(first) = paths.first() else { return };
        if first.is_dir() {
            self.open_folder(ctx, first.clone());
            return;
        }
        let Some(folder) = first.parent().map(Path::to_path_buf) else {
            return;
        };
        let folder = std::fs::canonicalize(&folder).unwrap_or(folder);
        let rel = |p: &PathBuf| {
            let p = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            p.strip_prefix(&folder)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"))
        };
        let choice = PaneChoice {
            left: rel(first),
            right: paths.get(1).and_then(rel),
        };
        self.open_folder_showing(ctx, folder, Some(choice));
    }

    /// Relayout when the theme flips (colours are baked into galleys).
    fn track_style(&mut self, ctx: &Context) {
        let dark = ctx.global_style().visuals.dark_mode;
        if self.last_dark != Some(dark) {
            self.last_dark = Some(dark);
            self.style_gen += 1;
        }
    }

    /// Screenshot mode and the start-up profile: note when both articles are on screen
    /// and when the window has settled (nothing loading or analysing, two frames alike).
    fn settle_step(&mut self, ctx: &Context) {
        let busy = self.load.is_some()
            || self.find.pending()
            || self.analysing()
            || self.study.opening.is_some();
        let both = self.panes.iter().all(|p| p.view.is_some());
        if both && !self.analysing() {
            crate::timings::mark("lens ready");
        }
        if let Some(s) = self.settle.as_mut() {
            s.step(ctx, busy, both);
        }
    }

    /// The comparison panel, given what it reads.
    pub(crate) fn comparison_ui(&mut self, ui: &mut Ui) {
        let reads = super::compare::Reads {
            lens: &self.lens,
            analysing: self.analysing(),
            study: &self.study,
            docs: Side::BOTH.map(|p| self.panes[p].doc),
            shown: Side::BOTH.map(|p| self.panes[p].view.as_ref().map(|v| v.doc().clone())),
            found: (self.find.open && !self.find.query.is_empty())
                .then(|| (self.find.query.as_str(), self.find.hits.clone())),
            corpus: self.corpus.as_ref(),
        };
        self.comparison.ui(ui, reads, &mut self.queue);
    }

    /// The notes panel, given what it reads.
    pub(crate) fn notes_ui(&mut self, ui: &mut Ui) {
        let titles = self.titles();
        let reads = super::notes_ui::NotesReads {
            desk: &self.study.desk,
            corpus: self.corpus.as_deref(),
            book: &self.lens.book().book,
            titles: &titles,
            shown: Side::BOTH.map(|p| self.panes[p].view.is_some()),
            has_selection: self.panes[self.focus]
                .view
                .as_ref()
                .is_some_and(|v| v.selection().is_some() || v.caret().is_some()),
        };
        self.notes.ui(ui, reads, &mut self.queue);
    }

    /// The whole frame.
    pub fn frame(&mut self, ui: &mut Ui) {
        // egui builds its fonts when the first pass begins.
        crate::timings::mark("first frame begins (fonts ready)");
        let began = std::time::Instant::now();
        self.first_frame_wait(&ui.ctx().clone());
        let ctx = ui.ctx().clone();
        self.window_width = ctx.content_rect().width();
        self.poll(&ctx);
        self.handle_keys(&ctx);
        self.apply_queued(&ctx);
        self.study_tick(&ctx);
        self.track_style(&ctx);
        let docs: [Option<Arc<crate::document::Document>>; 2] =
            Side::BOTH.map(|p| self.panes[p].view.as_ref().map(|v| v.doc().clone()));
        let now = ctx.input(|i| i.time);
        self.find
            .refresh([docs[0].as_deref(), docs[1].as_deref()], now);
        self.lens.poll();
        // A document new in a pane is laid out and painted before its analysis starts: on two
        // cores the analysis threads would otherwise take the CPU from the frame that first
        // shows it (a 10 MB article's first frame took 47 ms, against 21 ms after).
        let shown = docs
            .each_ref()
            .map(|d| d.as_ref().map_or(0, |d| Arc::as_ptr(d) as usize));
        // (By frame, not by pass: a pass egui discards is never painted.)
        let frame_nr = ctx.cumulative_frame_nr();
        if shown != self.docs_since.0 {
            self.docs_since = (shown, frame_nr);
        }
        let any = docs.iter().any(Option::is_some);
        self.analysis_deferred = any && self.docs_since.1 == frame_nr;
        if self.analysis_deferred {
            ctx.request_repaint();
        } else if any {
            self.lens.request(docs.clone(), &ctx);
        }
        if self.find.pending() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        self.dock_rect = None;
        chrome::frame_ui(self, ui);
        self.apply_queued(&ctx);
        self.study_tick(&ctx);
        self.settle_step(&ctx);
        crate::timings::mark("first frame built");
        crate::timings::frame_took(began.elapsed());
    }
}

impl App {
    pub fn sidebar_shown(&self) -> bool {
        if self.window_width < layout::NARROW_SIDEBAR {
            self.narrow_sidebar
        } else {
            self.settings.show_sidebar
        }
    }

    /// The comparison docks beside the panes (else it is a tab over them).
    pub fn comparison_docks(&self) -> bool {
        let sidebar = if self.sidebar_shown() {
            self.sidebar_width
        } else {
            0.0
        };
        layout::comparison_docks(self.window_width, sidebar)
    }

    /// The comparison is in view: docked and switched on, or its tab in front.
    pub fn comparison_shown(&self) -> bool {
        if self.comparison_docks() {
            self.settings.lens.comparison
        } else {
            self.comparison_tab
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `seeds/` of the source checkout this binary was built from, when the binary runs from
/// that checkout's `target/` (so `cargo run` opens the example folder on disk).
fn dev_seeds_folder() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let exe = std::env::current_exe().ok()?;
    let exe = std::fs::canonicalize(exe).ok()?;
    let target = std::fs::canonicalize(manifest.join("target")).ok()?;
    let seeds = manifest.join("seeds");
    (exe.starts_with(target) && seeds.is_dir()).then_some(seeds)
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember_panes();
        storage.set_string(
            super::settings::KEY,
            self.stored_settings.to_store(&self.settings),
        );
    }

    /// Quitting: everything written goes to disk before the window closes.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let Some(e) = self.study.flush() {
            eprintln!("parallax: {e}");
            match self.study.rescue(self.data_dir.as_deref()) {
                Ok(copy) => eprintln!("parallax: the notes were saved to {}", copy.display()),
                Err(e) => eprintln!("parallax: cannot save the notes anywhere: {e}"),
            }
        }
    }
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];
    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "Follow system",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }
}
