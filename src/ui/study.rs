//! The study in the window: the open session, autosaving off the UI thread, conflicts and
//! other problems with the file, the note being written, and the marks notes add to the panes.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use egui::{Color32, Context};

use super::app::App;
use super::commands::{Command, Side, StudyCommand};
use super::doc_view::{Mark, MarkCache, MarkSet, MarkStyle, Ticks};
use super::lens::frame_solid;
use super::settings::Settings;
use super::shortcuts::Shortcut;
use crate::analysis::codebook::CompiledCodebook;
use crate::corpus::Corpus;
use crate::document::{ContentHash, Document, Span};
use crate::notes::anchor::{Resolved, anchor_for};
use crate::notes::desk::{self, StudyDesk};
use crate::notes::export::{Grouping, Titles, to_markdown};
use crate::notes::model::{Note, NoteKind, Target};
use crate::notes::session::{EditError, Problem, Session};
use crate::notes::store::{DEFAULT_NAME, Damaged};
use crate::notes::{Corrections, MetaView};

pub use crate::notes::desk::AUTOSAVE_DELAY;
/// How many recently used codes are remembered.
const MAX_RECENT_CODES: usize = 12;

/// Colour of notes in the panes.
pub fn note_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xc3, 0x9b, 0xd3)
    } else {
        Color32::from_rgb(0x8e, 0x44, 0xad)
    }
}

/// Colour of contrast links.
pub fn link_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x5f, 0xc4, 0xd6)
    } else {
        Color32::from_rgb(0x1f, 0x7a, 0x8c)
    }
}

/// The colour of a code (its frame's colour; grey when the codebook has no such frame).
pub fn code_color(book: &CompiledCodebook, code: &str) -> Color32 {
    book.frames()
        .iter()
        .find(|f| f.id == code)
        .map_or(Color32::GRAY, |f| frame_solid(f.rgb()))
}

/// The name of a code in the codebook in use (its id when the codebook has no such frame).
pub fn code_name(book: &CompiledCodebook, code: &str) -> String {
    book.frames()
        .iter()
        .find(|f| f.id == code)
        .map_or_else(|| code.to_owned(), |f| f.name.clone())
}

use crate::notes::draft::{CodeToggle, Committed, DraftError, snap_point};
pub use crate::notes::draft::{Draft, DraftTarget};
pub use crate::notes::query::{KindFilter, NoteLists as PanelLists, NoteQuery, NoteSort};

/// The notes panel's search and filters, and the note last clicked (highlighted).
#[derive(Debug, Clone, Default)]
pub struct PanelState {
    pub filter: NoteQuery,
    pub selected: Option<u64>,
}

/// What the panel lists depend on: the notes, their places, and the filters.
type ListKey = (u64, u64, NoteQuery);

/// For each pane, for each frame of the codebook: the (note id, span) of passages coded with it.
pub type CodedByFrame = [Vec<Vec<(u64, Span)>>; 2];
/// Note id → the note (shared copy) its hover text was made from, and the text.
type TipCache = HashMap<u64, (Arc<Note>, bool, Arc<str>)>;
type CodedKey = (u64, u64, [Option<usize>; 2], String);

/// Cached note marks of one pane: by document, notes, places, codebook and theme.
type PaneNoteMarks = MarkCache<(ContentHash, u64, u64, String, bool)>;

/// The study side of the app.
pub struct StudyUi {
    /// The open study, its autosave and its journal.
    pub desk: StudyDesk,
    /// A big study being read on a worker thread.
    pub opening: Option<desk::Opening>,
    /// The rescued copy shown beside the study (Compare…).
    pub compare_offer: Option<usize>,
    /// The session generation placements were last brought up to date for.
    placed_gen: Option<u64>,
    /// Bumped whenever placements change (marks depend on them).
    pub places_gen: u64,
    /// The codebook key last recorded in the study.
    book_key: Option<String>,
    marks: [PaneNoteMarks; 2],
    /// Hover text of each note's marks, kept while the note (same shared copy) and the
    /// codebook stay the same: after an edit only the edited note's is made again.
    tips: (String, TipCache),
    lists: Option<(ListKey, Arc<PanelLists>)>,
    /// Passages coded by hand per pane and frame, for the comparison view (drawn every
    /// frame; made again only when notes, places, articles or codebook change).
    coded: std::cell::RefCell<Option<(CodedKey, Arc<CodedByFrame>)>>,
    pub draft: Option<Draft>,
    pub panel: PanelState,
    /// The folder the study belongs to (None: the bundled example).
    pub folder: Option<PathBuf>,
    /// Show the study-file window (path field for Open study… and Save study as…).
    pub path_window: bool,
    pub path_input: String,
    /// Grouping for the export being chosen in the dialog.
    pub export_grouping: Grouping,
}

impl StudyUi {
    pub fn new(ctx: &Context) -> Self {
        let wake = ctx.clone();
        Self {
            desk: StudyDesk::new(move || wake.request_repaint()),
            opening: None,
            compare_offer: None,
            placed_gen: None,
            places_gen: 0,
            book_key: None,
            marks: Default::default(),
            tips: Default::default(),
            lists: None,
            coded: Default::default(),
            draft: None,
            panel: PanelState::default(),
            folder: None,
            path_window: false,
            path_input: String::new(),
            export_grouping: Grouping::ByCode,
        }
    }

    /// Whether every change is on disk (or there is nothing to save).
    pub fn is_saved(&self) -> bool {
        self.desk.is_saved()
    }

    /// A short word on the study's state for the status bar.
    pub fn state_text(&self) -> (String, bool) {
        let s = &self.desk.session;
        let name = s.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "not saved to a file".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        if let Some(o) = &self.opening {
            let (done, total) = o.progress;
            return (
                format!("Opening the study… {done} of {total} notes placed"),
                false,
            );
        }
        let n = s.study.notes.len() + s.study.links.len();
        let notes = format!("{n} note{}", if n == 1 { "" } else { "s" });
        if matches!(s.problem, Some(Problem::Corrupt(_))) && s.disk.is_none() {
            // Nothing of this (empty) study is on disk yet: "saved" would be untrue.
            return (
                format!("{name} was damaged and moved aside · {notes}, not saved yet"),
                true,
            );
        }
        if n == 0 && s.disk.is_none() && s.problem.is_none() && !s.read_only {
            return ("No notes yet".to_owned(), false);
        }
        if s.read_only {
            return (format!("{notes} · {name} (read-only)"), true);
        }
        if s.problem.as_ref().is_some_and(Problem::blocks_saving) || self.desk.save_error.is_some()
        {
            return (format!("{notes} · {name}: not saved"), true);
        }
        if s.path.is_none() && s.worth_saving() {
            return (
                format!("{notes} · kept in memory (Save study as… to keep them)"),
                true,
            );
        }
        let state = if self.is_saved() {
            "saved"
        } else {
            "saving…"
        };
        (format!("{notes} · {name} {state}"), false)
    }

    /// The order codes are offered in the note editor: recently used first, then the codebook's.
    pub fn code_order(book: &CompiledCodebook, recent: &[String]) -> Vec<String> {
        let mut order: Vec<String> = recent
            .iter()
            .filter(|c| book.frames().iter().any(|f| &f.id == *c))
            .cloned()
            .collect();
        for f in book.frames() {
            if !order.contains(&f.id) {
                order.push(f.id.clone());
            }
        }
        order
    }

    /// Save now and wait (quitting, switching studies). Returns a message if the study could
    /// not be saved.
    pub fn flush(&mut self) -> Option<String> {
        self.desk.flush().err().map(|e| e.to_string())
    }

    /// Last resort when the study cannot be saved (on quit): a rescued copy in Parallax's data
    /// folder (else next to the study, else in the temporary folder), offered the next time
    /// the study opens. Returns where the copy went.
    pub fn rescue(
        &self,
        data_dir: Option<&Path>,
    ) -> Result<PathBuf, crate::notes::session::FileError> {
        self.desk.rescue(data_dir)
    }

    /// Put a prepared study to work (after saving the one open).
    fn install(&mut self, prepared: desk::Prepared) {
        self.desk.install(prepared);
        self.opening = None;
        self.placed_gen = None;
        self.places_gen += 1;
        self.book_key = None;
        self.draft = None;
        self.panel.selected = None;
    }

    /// The panel's lists, computed again only when the notes, their places or the filters
    /// change (a study may hold thousands of notes; a frame must not walk them all).
    pub fn lists(&mut self) -> Arc<PanelLists> {
        let key: ListKey = (
            self.desk.session.generation,
            self.places_gen,
            self.panel.filter.clone(),
        );
        if let Some((k, lists)) = &self.lists
            && *k == key
        {
            return lists.clone();
        }
        let lists = Arc::new(PanelLists::of(&self.desk.session, &self.panel.filter));
        self.lists = Some((key, lists.clone()));
        lists
    }

    /// Note marks and overview ticks of one pane, cached until notes or placements change.
    pub fn marks(
        &mut self,
        pane: Side,
        doc_index: usize,
        doc: &Document,
        book: &CompiledCodebook,
        book_key: &str,
        dark: bool,
    ) -> (Arc<MarkSet>, Ticks) {
        let key = (
            doc.analysis_key(),
            self.desk.session.generation,
            self.places_gen,
            book_key.to_owned(),
            dark,
        );
        if let Some(hit) = self.marks[pane].get(&key) {
            return hit;
        }
        if self.tips.0 != book_key {
            self.tips = (book_key.to_owned(), HashMap::new());
        }
        let (marks, ticks) = build_marks(
            &self.desk.session,
            doc_index,
            doc,
            book,
            dark,
            &mut self.tips.1,
        );
        if self.tips.1.len() > self.desk.session.study.notes.len() + 64 {
            let study = &self.desk.session.study;
            self.tips.1.retain(|id, _| study.note(*id).is_some());
        }
        self.marks[pane].put(key, marks, ticks)
    }

    /// Passages coded by hand in the two panes' articles, by frame (in codebook order).
    pub fn coded_by_frame(
        &self,
        docs: [Option<usize>; 2],
        book: &CompiledCodebook,
        book_key: &str,
    ) -> Arc<CodedByFrame> {
        let key: CodedKey = (
            self.desk.session.generation,
            self.places_gen,
            docs,
            book_key.to_owned(),
        );
        if let Some((k, v)) = &*self.coded.borrow()
            && *k == key
        {
            return v.clone();
        }
        let by_frame = Arc::new(docs.map(|d| {
            let coded = d.map(|d| self.coded(d)).unwrap_or_default();
            book.frames()
                .iter()
                .map(|f| {
                    coded
                        .iter()
                        .filter(|(c, _, _)| *c == f.id)
                        .map(|(_, id, span)| (*id, span.clone()))
                        .collect()
                })
                .collect()
        }));
        *self.coded.borrow_mut() = Some((key, by_frame.clone()));
        by_frame
    }

    /// Passages of article `doc_index` coded by the reader: (code, note id, span).
    pub fn coded(&self, doc_index: usize) -> Vec<(&str, u64, Span)> {
        let mut out = Vec::new();
        for n in &self.desk.session.study.notes {
            let Some((d, span)) = self
                .desk
                .session
                .placements
                .get(&n.id)
                .and_then(|p| p.span())
            else {
                continue;
            };
            if d == doc_index {
                out.extend(n.codes.iter().map(|c| (c.as_str(), n.id, span.clone())));
            }
        }
        out.sort_by_key(|(_, _, s)| s.start);
        out
    }
}

pub use crate::document::text::{preview, preview_end};

fn note_tip(n: &Note, check: bool, book: &CompiledCodebook) -> String {
    let mut tip = if n.kind == NoteKind::Coding {
        "Your code".to_owned()
    } else {
        format!("Note ({})", n.kind.as_str())
    };
    if !n.codes.is_empty() {
        let names: Vec<String> = n.codes.iter().map(|c| code_name(book, c)).collect();
        tip.push_str(&format!(": {}", names.join(", ")));
    }
    if !n.text.trim().is_empty() {
        tip.push('\n');
        tip.push_str(&preview(&n.text, 300));
    }
    if check {
        tip.push_str("\nCheck it: placed by a guess after the article changed (see To check).");
    }
    tip
}

/// A span for a point anchor: the caret sits before `at`, and hovering the next character
/// shows the tip.
fn point_span(doc: &Document, at: usize) -> Span {
    let next = doc.text[at..].chars().next().map_or(0, char::len_utf8);
    at..at + next
}

fn build_marks(
    session: &Session,
    doc_index: usize,
    doc: &Document,
    book: &CompiledCodebook,
    dark: bool,
    tips: &mut TipCache,
) -> (MarkSet, Vec<(usize, Color32)>) {
    let mut marks = Vec::new();
    let mut ticks = Vec::new();
    let note_c = note_color(dark);
    let mut tick = |span: &Span, c: Color32| {
        if let Some(b) = doc.block_at(span.start) {
            ticks.push((b, c));
        }
    };
    for n in &session.study.notes {
        let Some(place) = session.placements.get(&n.id) else {
            continue;
        };
        let Some((d, span)) = place.span() else {
            continue;
        };
        if d != doc_index {
            continue;
        }
        let check = n.review.is_some() || matches!(place.resolved, Resolved::Fuzzy { .. });
        let tip = match tips.get(&n.id) {
            Some((note, c, tip)) if Arc::ptr_eq(note, n) && *c == check => tip.clone(),
            _ => {
                let tip: Arc<str> = Arc::from(note_tip(n, check, book));
                tips.insert(n.id, (n.clone(), check, tip.clone()));
                tip
            }
        };
        if span.is_empty() {
            marks.push(Mark::new(
                point_span(doc, span.start),
                MarkStyle::Point(note_c),
                tip.clone(),
            ));
            tick(&span, note_c);
        } else if n.kind != NoteKind::Coding {
            marks.push(Mark::new(
                span.clone(),
                MarkStyle::Note(note_c),
                tip.clone(),
            ));
            tick(&span, note_c);
        }
        for (level, code) in n.codes.iter().enumerate() {
            let c = code_color(book, code);
            let mut m = Mark::new(
                span.clone(),
                MarkStyle::Coded(c, level.min(255) as u8),
                tip.clone(),
            );
            m.focus = true;
            marks.push(m);
            tick(&span, c);
        }
    }
    let link_c = link_color(dark);
    for l in &session.study.links {
        let Some(places) = session.link_placements.get(&l.id) else {
            continue;
        };
        for (side, p) in places.iter().enumerate() {
            let Some((d, span)) = p.span() else { continue };
            if d != doc_index {
                continue;
            }
            let other = if side == 0 { &l.right } else { &l.left };
            let mut tip = format!(
                "Contrast link: {}\nOther passage: “{}”",
                l.relation.as_str(),
                preview(&other.exact, 120)
            );
            if !l.comment.trim().is_empty() {
                tip.push('\n');
                tip.push_str(&preview(&l.comment, 300));
            }
            marks.push(Mark::new(span.clone(), MarkStyle::Note(link_c), tip));
            tick(&span, link_c);
        }
    }
    ticks.sort_by_key(|t| t.0);
    ticks.dedup();
    (MarkSet::new(marks), ticks)
}

impl App {
    /// The user's corrections to an article's details.
    pub fn corrections(&self, rel: &str) -> Option<&Corrections> {
        self.study.desk.session.study.corrections(rel)
    }

    /// The article's details as shown (corrections applied).
    pub fn meta(&self, doc: &Document) -> MetaView {
        MetaView::of(doc, self.corrections(&doc.source.rel_path))
    }

    /// Where the study of a corpus lives: the file chosen for the folder, else
    /// `parallax-study.ron` in it; for the bundled example, the app's data folder (None in
    /// tests and screenshots: the example's notes then stay in memory).
    pub fn study_path_for(&self, corpus: &Corpus) -> Option<PathBuf> {
        if corpus.is_bundled() {
            return self
                .data_dir
                .as_ref()
                .map(|d| d.join("bundled-example-study.ron"));
        }
        if !corpus.root.is_dir() {
            return None;
        }
        let key = Settings::folder_key(&corpus.root);
        Some(
            self.settings
                .studies
                .get(&key)
                .cloned()
                .unwrap_or_else(|| corpus.root.join(DEFAULT_NAME)),
        )
    }

    /// Open the study that goes with a newly installed corpus (or, for the same folder read
    /// again, find the notes in the articles as they are now).
    pub fn attach_study(&mut self, corpus: &Arc<Corpus>, same_folder: bool) {
        let folder = (!corpus.is_bundled()).then(|| corpus.root.clone());
        if same_folder
            && self.study.folder == folder
            && self.study.opening.is_none()
            && self.study.desk.session.path.is_some() == self.study_path_for(corpus).is_some()
        {
            self.study.desk.session.reanchor(corpus);
            self.study.places_gen += 1;
            self.study.placed_gen = Some(self.study.desk.session.generation);
            return;
        }
        let path = self.study_path_for(corpus);
        self.open_study_at(path, corpus);
        self.study.folder = folder;
    }

    /// Read a study for `corpus` and put it to work: here and now when it is small, on a
    /// worker thread with progress when it is big (the window goes on painting; the study
    /// can be changed once it is in).
    fn open_study_at(&mut self, path: Option<PathBuf>, corpus: &Arc<Corpus>) {
        let big = path
            .as_ref()
            .and_then(|p| std::fs::metadata(p).ok())
            .is_some_and(|m| m.len() > desk::OPEN_IN_BACKGROUND);
        let data_dir = self.data_dir.clone();
        match path {
            Some(p) if big => {
                // Save and close the study open now; none is open while the big one loads.
                self.study.install(desk::placeholder(corpus));
                let wake = self.egui_ctx.clone();
                self.study.opening = Some(desk::prepare_in_background(
                    p,
                    corpus.clone(),
                    data_dir,
                    move || wake.request_repaint(),
                ));
            }
            path => {
                let prepared =
                    desk::prepare(path.as_deref(), corpus, data_dir.as_deref(), |_, _| {});
                self.install_prepared(prepared);
            }
        }
    }

    fn install_prepared(&mut self, prepared: desk::Prepared) {
        self.study.install(prepared);
        self.study.placed_gen = Some(self.study.desk.session.generation);
        self.apply_study_codebook();
        self.announce_study();
    }

    /// A study being read on a worker thread: show its progress, put it to work when ready.
    fn poll_opening(&mut self) {
        let Some(opening) = self.study.opening.as_mut() else {
            return;
        };
        match opening.poll() {
            None => {}
            Some(Ok(prepared)) => {
                self.study.opening = None;
                self.install_prepared(prepared);
            }
            Some(Err(e)) => {
                self.study.opening = None;
                self.set_status(e, true);
            }
        }
    }

    /// Say what is wrong with the study file, or how many notes it holds.
    fn announce_study(&mut self) {
        let s = &self.study.desk.session;
        let orphans = s.orphans().len();
        let review = s.to_check().len();
        if s.problem.is_some() {
            return; // the banner says it
        }
        let n = s.study.notes.len() + s.study.links.len();
        if n == 0 {
            return;
        }
        let mut text = format!("Study: {n} note{}", if n == 1 { "" } else { "s" });
        if review > 0 {
            text.push_str(&format!(
                ", {review} re-attached after an article changed (check them)"
            ));
        }
        if orphans > 0 {
            text.push_str(&format!(
                ", {orphans} whose passage was not found (see Orphans)"
            ));
        }
        text.push('.');
        self.set_status(text, false);
    }

    /// The study's codebook wins: it is what its codes refer to.
    fn apply_study_codebook(&mut self) {
        if let Some(book) = self.study.desk.session.study.codebook.clone() {
            // Never replaced by another: a codebook with a bad pattern works without that
            // pattern (and says so), and stays the study's.
            let was = self.lens.shelf.current;
            let problems = self.lens.shelf.use_study_book(book);
            if self.lens.shelf.current != was {
                self.lens.selected_frame = None;
            }
            if let Some(problems) = problems {
                self.set_status(problems, true);
            }
        }
        self.study.book_key = Some(self.lens.book().key.clone());
        let book = self.lens.book().book.book.clone();
        self.study.desk.session.set_codebook(&book);
    }

    /// Per frame: saving, placements, the codebook in use.
    pub fn study_tick(&mut self, ctx: &Context) {
        let now = ctx.input(|i| i.time);
        self.poll_opening();
        if self.study.opening.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        let key = &self.lens.book().key;
        if self.study.book_key.as_ref() != Some(key) {
            self.study.book_key = Some(key.clone());
            let book = self.lens.book().book.book.clone();
            self.study.desk.session.set_codebook(&book);
        }
        if self.study.placed_gen != Some(self.study.desk.session.generation) {
            // An undo or redo may have changed which pages are kept whole.
            self.sync_page_choices();
        }
        if self.study.placed_gen != Some(self.study.desk.session.generation)
            && let Some(corpus) = self.corpus.clone()
        {
            self.study.desk.session.refresh_placements(&corpus);
            self.study.placed_gen = Some(self.study.desk.session.generation);
            self.study.places_gen += 1;
        }
        if let Some(after) = self.study.desk.tick(now) {
            ctx.request_repaint_after(Duration::from_secs_f64(after.max(0.02)));
        }
        // Confirmations whose edits are now on disk.
        for said in self.study.desk.take_said() {
            self.set_status(said.text, said.error);
        }
    }

    /// Show each web page as the study chooses: whole, or without its page furniture.
    pub fn sync_page_choices(&mut self) {
        let (Some(read), Some(shown)) = (self.read_corpus.clone(), self.corpus.clone()) else {
            return;
        };
        let session = &self.study.desk.session;
        let changed: Vec<(usize, bool)> = read
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| d.extraction.is_some())
            .filter_map(|(i, d)| {
                let want = session.whole_page(&d.source.rel_path);
                let have = shown
                    .documents
                    .get(i)
                    .and_then(|s| s.extraction)
                    .is_some_and(|e| e.whole_page);
                (want != have).then_some((i, want))
            })
            .collect();
        if changed.is_empty() {
            return;
        }
        let mut view = (*shown).clone();
        for &(i, whole) in &changed {
            view.documents[i] = if whole {
                Arc::new(read.documents[i].keep_whole_page())
            } else {
                read.documents[i].clone()
            };
        }
        self.corpus = Some(Arc::new(view));
        for p in Side::BOTH {
            if let Some(doc) = self.panes[p].doc
                && changed.iter().any(|(i, _)| *i == doc)
            {
                let fraction = self.panes[p]
                    .view
                    .as_ref()
                    .map(super::doc_view::DocView::scroll_fraction);
                self.set_pane_doc(p, Some(doc));
                if let (Some(f), Some(v)) = (fraction, self.panes[p].view.as_mut()) {
                    v.set_scroll_fraction(f);
                }
            }
        }
    }

    /// Confirm a study edit once it is on disk (in the journal).
    pub fn confirm_edit(&mut self, text: impl Into<String>) {
        self.study.desk.say(text, false);
    }

    /// The study file changed on disk (the folder watcher saw it).
    pub fn on_study_file_changed(&mut self) {
        let corpus = self.corpus.clone();
        if self.study.desk.on_file_changed(corpus.as_deref()) != desk::DiskChange::Reloaded {
            return;
        }
        self.study.places_gen += 1;
        self.apply_study_codebook();
        self.set_status("The study file changed on disk and was read again.", false);
    }

    /// Open a study file for the folder in use (File → Open study…).
    pub fn open_study(&mut self, path: &Path) {
        let Some(corpus) = self.corpus.clone() else {
            return;
        };
        if self.study.desk.session.path.as_deref() == Some(path) {
            return;
        }
        if !corpus.is_bundled() {
            self.settings
                .studies
                .insert(Settings::folder_key(&corpus.root), path.to_owned());
        }
        self.open_study_at(Some(path.to_owned()), &corpus);
        if self.study.desk.session.problem.is_none() {
            self.set_status(format!("Opened the study {}.", path.display()), false);
        }
    }

    /// Save the study under a new name and keep using that file (File → Save study as…).
    pub fn save_study_as(&mut self, path: &Path) {
        let _ = self.study.flush();
        match self.study.desk.move_to(path) {
            Ok(()) => {
                if let Some(c) = self.corpus.as_ref().filter(|c| !c.is_bundled()) {
                    self.settings
                        .studies
                        .insert(Settings::folder_key(&c.root), path.to_owned());
                }
                // Existing file: keep both; the user chose this name, so save over it only
                // after keeping a backup (the store does) — expected is what is there now.
                self.study.desk.save_error = None;
                match self.study.flush() {
                    None => {
                        self.set_status(format!("Saved the study as {}.", path.display()), false)
                    }
                    Some(e) => self.set_status(
                        format!("Cannot save the study as {}: {e}", path.display()),
                        true,
                    ),
                }
            }
            Err(e) => self.set_status(
                format!(
                    "Cannot use {} for the study: {e}. Choose another place.",
                    path.display()
                ),
                true,
            ),
        }
    }

    /// Write the notes as Markdown.
    pub fn export_notes(&mut self, path: &Path, grouping: Grouping) {
        let titles: Titles = self
            .corpus
            .as_ref()
            .map(|c| {
                c.documents
                    .iter()
                    .map(|d| (d.source.rel_path.clone(), self.meta(d).title))
                    .collect()
            })
            .unwrap_or_default();
        let md = to_markdown(&self.study.desk.session.study, &titles, grouping);
        match crate::fsutil::atomic_write(path, md.as_bytes()) {
            Ok(()) => self.set_status(format!("Exported the notes to {}.", path.display()), false),
            Err(e) => self.set_status(
                format!(
                    "Cannot write {}: {e}. Choose another folder.",
                    path.display()
                ),
                true,
            ),
        }
    }

    /// Remember codes as recently used (the note editor offers them first).
    fn used_codes(&mut self, codes: &[String]) {
        for c in codes.iter().rev() {
            self.settings.recent_codes.retain(|r| r != c);
            self.settings.recent_codes.insert(0, c.clone());
        }
        self.settings.recent_codes.truncate(MAX_RECENT_CODES);
    }

    /// The focused pane's article and selection (or caret, as an empty span).
    fn focused_passage(&self) -> Option<(usize, Arc<Document>, Span)> {
        let pane = &self.panes[self.focus];
        let view = pane.view.as_ref()?;
        let span = view.selection().or_else(|| view.caret().map(|c| c..c))?;
        Some((pane.doc?, view.doc().clone(), span))
    }

    fn report(&mut self, result: Result<(), EditError>) {
        if let Err(e) = result {
            self.set_status(e.to_string(), true);
        }
    }

    /// Carry out a study command.
    pub fn apply_study(&mut self, ctx: &Context, cmd: StudyCommand) {
        let now = ctx.input(|i| i.time);
        match cmd {
            StudyCommand::AddNote
            | StudyCommand::AddArticleNote(_)
            | StudyCommand::AddStudyNote
            | StudyCommand::LinkSelections
            | StudyCommand::ApplyCode(_)
            | StudyCommand::Reattach(_)
                if self.study.desk.read_only() =>
            {
                self.set_status("This study is open read-only: notes cannot be added or changed here.", true);
            }
            StudyCommand::AddNote => match self.focused_passage() {
                Some((_, doc, span)) => self.study.draft = Some(Draft::for_passage(&doc, span)),
                None => self.set_status(
                    format!(
                        "Select a passage first (or click where something is left out), then press {}.",
                        Shortcut::AddNote.name()
                    ),
                    false,
                ),
            },
            StudyCommand::AddArticleNote(pane) => {
                if let Some(doc) = self.panes[pane].view.as_ref().map(|v| v.doc().clone()) {
                    self.study.draft = Some(Draft::new(
                        DraftTarget::Article(doc.source.rel_path.clone()),
                        NoteKind::Observation,
                    ));
                }
            }
            StudyCommand::AddStudyNote => {
                self.study.draft = Some(Draft::new(DraftTarget::Study, NoteKind::Observation));
            }
            StudyCommand::LinkSelections => {
                let sel = Side::BOTH.map(|p| {
                    let v = self.panes[p].view.as_ref()?;
                    let span = v.selection().or_else(|| v.caret().map(|c| c..c))?;
                    Some(anchor_for(v.doc(), snap_point(v.doc(), span)))
                });
                match sel {
                    [Some(left), Some(right)] if left.article != right.article => {
                        self.study.draft = Some(Draft::for_link(left, right));
                    }
                    [Some(_), Some(_)] => self.set_status("Show two different articles to link passages.", false),
                    _ => self.set_status(
                        format!(
                            "Select a passage in each pane (or click a point in one), then press {} to link them.",
                            Shortcut::LinkSelections.name()
                        ),
                        false,
                    ),
                }
            }
            StudyCommand::ApplyCode(i) => self.apply_code(i),
            StudyCommand::DraftToggleCode(i) => {
                let code = self.lens.book().book.frames().get(i).map(|f| f.id.clone());
                if let (Some(d), Some(code)) = (self.study.draft.as_mut(), code) {
                    d.toggle_code(&code);
                }
            }
            StudyCommand::CommitDraft => self.commit_draft(),
            StudyCommand::CancelDraft => self.study.draft = None,
            StudyCommand::EditNote(id) => self.edit_note(id),
            StudyCommand::DeleteNote(id) => {
                let r = self.study.desk.delete(id);
                if r.is_ok() {
                    self.confirm_edit(format!("Deleted the note ({} brings it back).", undo_key()));
                    if self.study.draft.as_ref().is_some_and(|d| d.editing == Some(id)) {
                        self.study.draft = None;
                    }
                }
                self.report(r);
            }
            StudyCommand::GoToNote(id) => self.go_to_note(id, now),
            StudyCommand::ConfirmNote(id) => {
                let r = match self.corpus.clone() {
                    Some(c) => self.study.desk.session.confirm(id, &c),
                    None => Ok(()),
                };
                if r.is_ok() {
                    self.study.places_gen += 1;
                    self.confirm_edit("The note stays at its new place.");
                }
                self.report(r);
            }
            StudyCommand::Reattach(id) => match self.focused_passage() {
                Some((doc_index, doc, span)) => {
                    let r = self.study.desk.session.reattach(id, &doc, doc_index, span);
                    if r.is_ok() {
                        self.study.places_gen += 1;
                        self.confirm_edit("Re-attached the note to the selected passage.");
                    }
                    self.report(r);
                }
                None => self.set_status(
                    "Select the passage to attach the note to in a pane first, then choose Re-attach.",
                    false,
                ),
            },
            StudyCommand::Undo => match self.study.desk.session.undo() {
                Some(what) => self.confirm_edit(format!("Undid: {what}.")),
                None => self.set_status("Nothing to undo.", false),
            },
            StudyCommand::Redo => match self.study.desk.session.redo() {
                Some(what) => self.confirm_edit(format!("Redid: {what}.")),
                None => self.set_status("Nothing to redo.", false),
            },
            StudyCommand::OpenStudyDialog => {
                self.spawn_dialog(ctx, super::dialogs::DialogKind::OpenStudy, None);
            }
            StudyCommand::ShowStudyPath => {
                if self.study.path_input.is_empty() {
                    self.study.path_input = self
                        .study
                        .desk
                        .session
                        .path
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                }
                self.study.path_window = true;
            }
            StudyCommand::OpenStudy(path) => {
                self.study.path_window = false;
                self.open_study(&path);
            }
            StudyCommand::SaveStudyAsDialog => {
                let name = self
                    .study
                    .desk
                    .session
                    .path
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map_or_else(|| DEFAULT_NAME.to_owned(), |n| n.to_string_lossy().into_owned());
                self.spawn_dialog(ctx, super::dialogs::DialogKind::SaveStudy, Some(name));
            }
            StudyCommand::SaveStudyAs(path) => {
                self.study.path_window = false;
                self.save_study_as(&path);
            }
            StudyCommand::SaveStudyNow => {
                let s = &self.study.desk.session;
                if s.path.is_none() {
                    self.queue.push(Command::Study(StudyCommand::SaveStudyAsDialog));
                } else if s.read_only {
                    self.set_status("This study is open read-only.", false);
                } else {
                    match self.study.flush() {
                        None => self.set_status("The study is saved.", false),
                        Some(e) => self.set_status(e, true),
                    }
                }
            }
            StudyCommand::ExportNotesDialog(grouping) => {
                self.study.export_grouping = grouping;
                self.spawn_dialog(ctx, super::dialogs::DialogKind::ExportNotes, Some("parallax-notes.md".into()));
            }
            StudyCommand::ExportNotes(path, grouping) => self.export_notes(&path, grouping),
            StudyCommand::ResolveConflict { keep_mine } => match self.study.desk.session.resolve_conflict(keep_mine) {
                Ok(copy) => {
                    if !keep_mine && let Some(c) = self.corpus.clone() {
                        self.study.desk.session.reanchor(&c);
                        self.study.places_gen += 1;
                        self.apply_study_codebook();
                    }
                    let what = if keep_mine {
                        "Kept your version; the one on disk was saved as"
                    } else {
                        "Read the version on disk; yours was saved as"
                    };
                    self.set_status(format!("{what} {}.", copy.display()), false);
                }
                Err(e) => self.set_status(format!("Cannot resolve the conflict: {e}"), true),
            },
            StudyCommand::RestoreBackup => {
                let backup = match &self.study.desk.session.problem {
                    Some(Problem::Corrupt(Damaged { backup: Some(b), .. })) => Some(b.clone()),
                    _ => None,
                };
                if let Some(b) = backup {
                    match self.study.desk.session.restore_backup(&b) {
                        Ok(()) => {
                            if let Some(c) = self.corpus.clone() {
                                self.study.desk.session.reanchor(&c);
                                self.study.places_gen += 1;
                            }
                            self.apply_study_codebook();
                            self.set_status(format!("Restored the study from the backup {}.", b.display()), false);
                        }
                        Err(e) => self.set_status(format!("Cannot restore the backup: {e}"), true),
                    }
                }
            }
            StudyCommand::ReopenStudy => {
                if let (Some(path), Some(corpus)) = (self.study.desk.session.path.clone(), self.corpus.clone()) {
                    // Drop this session (and its lock, if any) before trying again.
                    let empty = desk::prepare(None, &corpus, None, |_, _| {});
                    self.study.install(empty);
                    self.open_study_at(Some(path), &corpus);
                }
            }
            StudyCommand::DismissStudyProblem => {
                self.study.desk.dismiss_damaged();
            }
            StudyCommand::KeepWholePage(pane, whole) => {
                let Some(rel) = self.panes[pane].view.as_ref().map(|v| v.doc().source.rel_path.clone()) else {
                    return;
                };
                match self.study.desk.session.set_whole_page(&rel, whole) {
                    Ok(()) => {
                        self.sync_page_choices();
                        self.confirm_edit(if whole {
                            format!("The whole page is kept as the article ({} undoes).", undo_key())
                        } else {
                            format!("The page furniture is cut from the article again ({} undoes).", undo_key())
                        });
                    }
                    Err(e) => self.set_status(e.to_string(), true),
                }
            }
            StudyCommand::CorrectMetadata {
                article,
                corrections,
            } => {
                if let Err(e) = self.study.desk.correct_metadata(&article, corrections) {
                    self.set_status(e.to_string(), true);
                }
            }
            StudyCommand::DismissStudyNotice(i) => {
                if i < self.study.desk.session.notices.len() {
                    self.study.desk.session.notices.remove(i);
                }
            }
            StudyCommand::RestoreRescued(i) => match self.study.desk.restore_offer(i) {
                Ok(n) => {
                    self.study.compare_offer = None;
                    self.study.places_gen += 1;
                    self.confirm_edit(format!(
                        "Restored the rescued copy: {n} change{} ({} undoes it).",
                        if n == 1 { "" } else { "s" },
                        undo_key()
                    ));
                }
                Err(e) => self.set_status(format!("Cannot restore the copy: {e}"), true),
            },
            StudyCommand::CompareRescued(i) => self.study.compare_offer = i,
            StudyCommand::PutAwayRescued(i) => match self.study.desk.discard_offer(i) {
                Ok(to) => {
                    self.study.compare_offer = None;
                    self.set_status(format!("Put the copy away in {}.", to.display()), false);
                }
                Err(e) => self.set_status(format!("Cannot put the copy away: {e}"), true),
            },
        }
    }

    /// Apply code `i` (codebook order) to the focused selection; again on the same passage
    /// removes it.
    fn apply_code(&mut self, i: usize) {
        let Some(frame) = self.lens.book().book.frames().get(i) else {
            return;
        };
        let (code, name) = (frame.id.clone(), frame.name.clone());
        let Some((_, doc, span)) = self.focused_passage().filter(|(_, _, s)| !s.is_empty()) else {
            self.set_status(
                format!(
                    "Select a passage first, then press {} to code it as {name}.",
                    Shortcut::Code(i).name()
                ),
                false,
            );
            return;
        };
        let anchor = anchor_for(&doc, span);
        let quote = preview(&anchor.exact, 40);
        let result = self
            .study
            .desk
            .toggle_code(anchor, &code)
            .map(|done| match done {
                CodeToggle::Coded(_) => {
                    format!("Coded “{quote}” as {name} ({} undoes).", undo_key())
                }
                CodeToggle::Added => format!("Coded “{quote}” as {name}."),
                CodeToggle::Removed => format!("Removed the code {name} from “{quote}”."),
            });
        match result {
            Ok(msg) => {
                self.used_codes(&[code]);
                self.confirm_edit(msg);
            }
            Err(e) => self.set_status(e.to_string(), true),
        }
    }

    fn edit_note(&mut self, id: u64) {
        if let Some(d) = Draft::of(&self.study.desk.session.study, id) {
            self.study.draft = Some(d);
        }
    }

    fn commit_draft(&mut self) {
        let Some(d) = self.study.draft.clone() else {
            return;
        };
        match self.study.desk.commit_draft(&d) {
            Ok(done) => {
                self.used_codes(&d.codes);
                self.study.draft = None;
                // The passage now shows as a note, no longer hidden under the selection.
                if d.editing.is_none() {
                    for p in &mut self.panes {
                        if let Some(v) = p.view.as_mut() {
                            v.clear_selection();
                        }
                    }
                }
                self.confirm_edit(match done {
                    Committed::AddedLink(_) => "Linked the two passages.",
                    Committed::SavedLink => "Saved the link.",
                    Committed::AddedNote(_) => "Added the note.",
                    Committed::SavedNote => "Saved the note.",
                });
            }
            Err(e @ DraftError::Empty) => self.set_status(e.to_string(), false),
            Err(e) => self.set_status(e.to_string(), true),
        }
    }

    /// Scroll to a note's passage (both passages for a link), showing its article if needed.
    fn go_to_note(&mut self, id: u64, now: f64) {
        self.study.panel.selected = Some(id);
        let s = &self.study.desk.session;
        let mut targets: Vec<(Option<Side>, usize, usize)> = Vec::new(); // (preferred pane, doc, offset)
        if let Some(n) = s.study.note(id) {
            match &n.target {
                Target::Passage(_) => {
                    if let Some((doc, span)) = s.placements.get(&id).and_then(|p| p.span()) {
                        targets.push((None, doc, span.start));
                    }
                }
                Target::Article(rel) => {
                    if let Some(doc) = self.corpus.as_ref().and_then(|c| c.find(rel)) {
                        targets.push((None, doc, 0));
                    }
                }
                Target::Study => {}
            }
        } else if let Some(places) = s.link_placements.get(&id) {
            for (side, p) in places.iter().enumerate() {
                if let Some((doc, span)) = p.span() {
                    targets.push((
                        Some(if side == 0 { Side::Left } else { Side::Right }),
                        doc,
                        span.start,
                    ));
                }
            }
        }
        if targets.is_empty() {
            if s.placements.get(&id).is_some_and(|p| p.is_orphan()) {
                self.set_status(
                    "This note's passage was not found: re-attach it from the Orphans list.",
                    false,
                );
            }
            return;
        }
        let shown = |app: &App, doc: usize| {
            Side::BOTH
                .into_iter()
                .find(|&p| app.panes[p].doc == Some(doc))
        };
        let both_shown = targets
            .iter()
            .all(|(_, doc, _)| shown(self, *doc).is_some());
        for (preferred, doc, offset) in targets {
            let pane = match (shown(self, doc), preferred) {
                (Some(p), _) if both_shown || preferred.is_none() => p,
                (_, Some(p)) => p,
                (Some(p), None) => p,
                (None, None) => self.focus,
            };
            if self.panes[pane].doc != Some(doc) {
                self.set_pane_doc(pane, Some(doc));
            }
            if let Some(v) = self.panes[pane].view.as_mut() {
                v.scroll_to(offset, now);
            }
        }
    }
}

/// Article titles by path, with corrections, for lists.
pub fn titles(app: &App) -> BTreeMap<String, String> {
    app.corpus
        .as_ref()
        .map(|c| {
            c.documents
                .iter()
                .map(|d| (d.source.rel_path.clone(), app.meta(d).title))
                .collect()
        })
        .unwrap_or_default()
}

/// The undo key as messages name it.
fn undo_key() -> String {
    Shortcut::Undo.name()
}
