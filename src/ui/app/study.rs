//! The study wired into the window: opening and attaching a study to a folder, the per-frame
//! tick (saving, placements, the codebook in use), and the study commands, whose results the
//! window turns into words.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use egui::Context;

use super::App;
use crate::corpus::Corpus;
use crate::document::{Document, Span};
use crate::notes::anchor::anchor_for;
use crate::notes::desk::{self};
use crate::notes::draft::{CodeToggle, Committed, DraftError, snap_point};
use crate::notes::export::{Grouping, Titles, to_markdown};
use crate::notes::model::{NoteKind, Target};
use crate::notes::session::{EditError, Problem};
use crate::notes::store::{DEFAULT_NAME, Damaged};
use crate::notes::{Corrections, MetaView};
use crate::ui::commands::{Command, LensCommand, Side, StudyCommand};
use crate::ui::settings::Settings;
use crate::ui::shortcuts::Shortcut;
use crate::ui::study::{Draft, DraftTarget, MAX_RECENT_CODES, preview};

impl App {
    /// The user's corrections to an article's details.
    pub fn corrections(&self, rel: &str) -> Option<&Corrections> {
        self.study.desk.session.study.corrections(rel)
    }

    /// Article titles by path, with corrections, for lists: made again only when the folder
    /// or the study changes (a folder of 20,000 articles must not pay for them per frame).
    pub fn titles(&self) -> Arc<Titles> {
        let Some(corpus) = &self.corpus else {
            return Arc::default();
        };
        let session = &self.study.desk.session;
        let key = (session.placements_epoch(), session.generation);
        let mut cache = self.titles_cache.borrow_mut();
        if let Some((c, k, titles)) = cache.as_ref()
            && Arc::ptr_eq(c, corpus)
            && *k == key
        {
            return titles.clone();
        }
        let titles: Arc<Titles> = Arc::new(
            corpus
                .documents
                .iter()
                .map(|d| (d.source.rel_path.clone(), self.meta(d).title))
                .collect(),
        );
        *cache = Some((corpus.clone(), key, titles.clone()));
        titles
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
            return;
        }
        let path = self.study_path_for(corpus);
        self.open_study_at(path, corpus);
        self.study.folder = folder;
    }

    /// The folder is shown as it is read: the study open now is saved and closed, and the
    /// folder's own opens when the whole folder is in (its notes placed on every article).
    pub(super) fn wait_for_folder(&mut self, corpus: &Arc<Corpus>) {
        if self.study.waiting {
            return;
        }
        self.install_study(desk::placeholder(corpus));
        self.study.folder = None;
        self.study.waiting = true;
    }

    /// Read a study for `corpus` and put it to work: here and now when it is small, on a
    /// worker thread with progress when it is big (the window goes on painting; the study
    /// can be changed once it is in).
    fn open_study_at(&mut self, path: Option<PathBuf>, corpus: &Arc<Corpus>) {
        let big = path
            .as_ref()
            .and_then(|p| std::fs::metadata(p).ok())
            .is_some_and(|m| m.len() > desk::OPEN_IN_BACKGROUND)
            || corpus.documents.len() > desk::OPEN_IN_BACKGROUND_ARTICLES;
        let data_dir = self.data_dir.clone();
        match path {
            Some(p) if big => {
                // Save and close the study open now; none is open while the big one loads.
                self.install_study(desk::placeholder(corpus));
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

    /// Put a prepared study to work (after saving the one open); no note is selected.
    fn install_study(&mut self, prepared: desk::Prepared) {
        self.study.install(prepared);
        self.notes.select(None);
    }

    fn install_prepared(&mut self, prepared: desk::Prepared) {
        self.install_study(prepared);
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
        self.finish_import();
        // New notes and links are signed with the name in the preferences.
        if self.study.desk.session.author != self.settings.coder {
            self.study.desk.session.author = self.settings.coder.clone();
        }
        if self.study.opening.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        let key = &self.lens.book().key;
        if self.study.book_key.as_ref() != Some(key) {
            self.study.book_key = Some(key.clone());
            let book = self.lens.book().book.book.clone();
            self.study.desk.session.set_codebook(&book);
        }
        if !self.study.desk.session.placements_current() {
            // An undo or redo may have changed which pages are kept whole.
            self.sync_page_choices();
            if let Some(corpus) = self.corpus.clone() {
                self.study.desk.session.refresh_placements(&corpus);
            }
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
                    .map(crate::ui::doc_view::DocView::scroll_fraction);
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
        let titles = self.titles();
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

    /// Write the study as a REFI-QDA project, saying what went in and what could not.
    pub fn export_project(&mut self, path: &Path) {
        use crate::exchange::qdpx;
        let Some(corpus) = self.corpus.clone() else {
            self.set_status(
                "Open a folder of articles before exporting its study.",
                true,
            );
            return;
        };
        let study = &self.study.desk.session.study;
        let name = crate::exchange::project_name(study, &corpus);
        let user = self.settings.coder.clone();
        let written = qdpx::project(study, &corpus, &self.titles(), &user, &name)
            .and_then(|p| Ok((qdpx::to_qdpx(&p)?, p)))
            .map_err(anyhow::Error::from)
            .and_then(|(bytes, p)| {
                crate::fsutil::atomic_write(path, &bytes)?;
                Ok(p)
            });
        match written {
            Ok(p) => {
                let c = p.counts;
                let mut msg = format!(
                    "Exported a REFI-QDA project to {}: {} article{}, {} code{}, {} passage{}, {} note{}, {} link{}.",
                    path.display(),
                    c.sources,
                    super::plural(c.sources),
                    c.codes,
                    super::plural(c.codes),
                    c.selections,
                    super::plural(c.selections),
                    c.notes,
                    super::plural(c.notes),
                    c.links,
                    super::plural(c.links),
                );
                let error = !p.left_out.is_empty();
                if let Some(first) = p.left_out.first() {
                    msg.push_str(&format!(
                        " Not exported ({}): {first}{}",
                        p.left_out.len(),
                        if p.left_out.len() > 1 { "; …" } else { "." }
                    ));
                }
                self.set_status(msg, error);
            }
            Err(e) => self.set_status(
                format!(
                    "Cannot export to {}: {e:#}. Choose another place.",
                    path.display()
                ),
                true,
            ),
        }
    }

    /// Merge a REFI-QDA project, an annotation file or another coder's study into the study
    /// as one undoable step (what it is is read from the file), and show what came in and
    /// what did not.
    pub fn import_file(&mut self, path: &Path) {
        use crate::exchange::Incoming;
        let Some(corpus) = self.corpus.clone() else {
            self.set_status(
                "Open the folder of the articles before importing notes on them.",
                true,
            );
            return;
        };
        let incoming = match std::fs::read(path) {
            Ok(bytes) => Incoming::read(&bytes),
            Err(e) => {
                self.set_status(format!("Cannot read {}: {e}.", path.display()), true);
                return;
            }
        };
        let incoming = match incoming {
            Ok(p) => p,
            Err(e) => {
                self.set_status(
                    format!(
                        "Cannot import {}: {e}. Choose a .qdpx project (QualCoder, MAXQDA, ATLAS.ti, NVivo, Parallax), a W3C or Hypothesis annotation file, or a Parallax study.",
                        path.display()
                    ),
                    true,
                );
                return;
            }
        };
        let got = incoming.into_study(
            &self.study.desk.session.study,
            &corpus,
            jiff::Timestamp::now(),
            &crate::exchange::merge::signed_name(path),
        );
        let (notes, links) = (got.notes.len(), got.links.len());
        if let Err(e) = self
            .study
            .desk
            .session
            .add_all(got.notes, got.links, &got.frames)
        {
            self.set_status(format!("Cannot import into this study: {e}"), true);
            return;
        }
        self.codebook_from_study();
        let mut msg = format!(
            "Imported {notes} note{} and {links} link{} from {}",
            super::plural(notes),
            super::plural(links),
            path.display()
        );
        if notes + links > 0 {
            msg.push_str(&format!(" ({} undoes it)", Shortcut::Undo.name()));
        }
        msg.push('.');
        if !got.report.is_empty() {
            msg.push_str(" See the import report for what was not brought in.");
        }
        self.set_status(msg, false);
        self.study.import = Some(crate::ui::study::ImportView {
            path: path.to_owned(),
            notes,
            links,
            frames: got.frames.iter().map(|f| f.name.clone()).collect(),
            matched: got.matched,
            report: got.report,
            unmatched: got.unmatched,
            waiting: None,
        });
    }

    /// Put the study's codebook in use where an action of the study changed it (an import's
    /// codes, and their undo).
    fn codebook_from_study(&mut self) {
        if let Some(book) = &self.study.desk.session.study.codebook
            && *book != self.lens.book().book.book
        {
            self.queue
                .push(Command::Lens(LensCommand::EditCodebook(book.clone())));
        }
    }

    /// Write the last import's missing sources into the folder, read the folder again, and
    /// import once more when it is read (see [`App::study_tick`]).
    fn add_imported_articles(&mut self) {
        let (Some(corpus), Some(view)) = (self.corpus.clone(), self.study.import.as_mut()) else {
            return;
        };
        if corpus.is_bundled() {
            self.set_status(
                "The bundled example has no folder to add articles to: open a folder first.",
                true,
            );
            return;
        }
        match crate::exchange::import::write_articles(&corpus.root, &view.unmatched) {
            Ok(written) => {
                let n = written.len();
                view.waiting = Some(written);
                self.queue
                    .push(Command::App(crate::ui::commands::AppCommand::Reload));
                self.set_status(
                    format!(
                        "Wrote {n} article{} into the folder; importing their notes…",
                        super::plural(n)
                    ),
                    false,
                );
            }
            Err(e) => self.set_status(
                format!("Cannot write into {}: {e}.", corpus.root.display()),
                true,
            ),
        }
    }

    /// Import again once the articles written for an import are read.
    fn finish_import(&mut self) {
        let Some(view) = &self.study.import else {
            return;
        };
        let Some(waiting) = &view.waiting else { return };
        if self.load.is_some() || self.study.opening.is_some() {
            return;
        }
        let Some(corpus) = &self.corpus else { return };
        if waiting.iter().all(|w| corpus.find(w).is_some()) {
            let path = view.path.clone();
            self.import_file(&path);
        }
    }

    /// Write the notes as a W3C Web Annotation collection.
    pub fn export_annotations(&mut self, path: &Path) {
        let Some(corpus) = self.corpus.clone() else {
            self.set_status(
                "Open a folder of articles before exporting its notes.",
                true,
            );
            return;
        };
        let c = crate::exchange::w3c::collection(
            &self.study.desk.session.study,
            &corpus,
            &self.titles(),
            &self.settings.coder,
        );
        let written = serde_json::to_vec_pretty(&c.json)
            .map_err(anyhow::Error::from)
            .and_then(|bytes| Ok(crate::fsutil::atomic_write(path, &bytes)?));
        match written {
            Ok(()) => {
                let n = c.json["total"].as_u64().unwrap_or(0) as usize;
                let mut msg = format!(
                    "Exported {n} annotation{} to {}.",
                    super::plural(n),
                    path.display()
                );
                if let Some(first) = c.left_out.first() {
                    msg.push_str(&format!(" Not exported ({}): {first}", c.left_out.len()));
                }
                self.set_status(msg, !c.left_out.is_empty());
            }
            Err(e) => self.set_status(
                format!(
                    "Cannot export to {}: {e:#}. Choose another place.",
                    path.display()
                ),
                true,
            ),
        }
    }

    /// Write the study report on the two open articles: one self-contained HTML file.
    pub fn export_report(&mut self, path: &Path) {
        let Some(corpus) = self.corpus.clone() else {
            self.set_status(
                "Open a folder of articles before exporting its report.",
                true,
            );
            return;
        };
        let (Some(l), Some(r)) = (self.panes[Side::Left].doc, self.panes[Side::Right].doc) else {
            self.set_status(
                "Open an article in each pane: the report compares the two.",
                true,
            );
            return;
        };
        let study = &self.study.desk.session.study;
        let corpus = crate::exchange::as_read(study, &corpus);
        let html = crate::study_report::to_html(&crate::study_report::Input {
            study,
            corpus: &corpus,
            book: &self.lens.book().book,
            pair: (l, r),
        });
        match crate::fsutil::atomic_write(path, html.as_bytes()) {
            Ok(()) => self.set_status(
                format!(
                    "Wrote the study report to {}: open it in a browser, and print it to PDF from there.",
                    path.display()
                ),
                false,
            ),
            Err(e) => self.set_status(
                format!("Cannot write the report to {}: {e}. Choose another place.", path.display()),
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

    /// Cite the passage selected in `pane` in its article's answer to worksheet question
    /// `key` (a passage cited already is not cited twice).
    fn cite(&mut self, pane: Side, key: &str) {
        if self.study.desk.read_only() {
            self.set_status(
                "This study is open read-only: the worksheet cannot be changed here.",
                true,
            );
            return;
        }
        let Some(view) = self.panes[pane].view.as_ref() else {
            self.set_status(
                format!("Open an article in the {} pane first.", pane.name()),
                false,
            );
            return;
        };
        let Some(span) = view.selection().filter(|s| !s.is_empty()) else {
            self.set_status(
                format!(
                    "Select the passage to cite in the {} pane first.",
                    pane.name()
                ),
                false,
            );
            return;
        };
        let doc = view.doc().clone();
        let article = doc.source.rel_path.clone();
        let book = self.lens.book().book.book.clone();
        let question = crate::notes::worksheet::questions(&book)
            .into_iter()
            .find(|q| q.key == key);
        let mut answer = self
            .study
            .desk
            .session
            .worksheet(&article)
            .and_then(|w| w.get(key).cloned())
            .unwrap_or_default();
        if let Some(q) = &question {
            answer.question.clone_from(&q.text);
        }
        let cite = anchor_for(&doc, span);
        if answer
            .citations
            .iter()
            .any(|c| c.start == cite.start && c.end == cite.end && c.exact == cite.exact)
        {
            self.set_status("That passage is cited in this answer already.", false);
            return;
        }
        answer.citations.push(cite);
        answer.author.clone_from(&self.study.desk.session.author);
        match self.study.desk.session.set_answer(&article, key, answer) {
            Ok(()) => {
                self.comparison.worksheet_picked(key);
                let what = question.map_or_else(|| key.to_owned(), |q| q.heading);
                self.confirm_edit(format!(
                    "Cited in the worksheet of {} ({what}; {} undoes).",
                    doc.title(),
                    undo_key()
                ));
            }
            Err(e) => self.set_status(e.to_string(), true),
        }
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
                // The stand-in for a folder still being read is read-only too.
                if self.study.waiting {
                    self.set_status("Notes can be added once the folder is read: its study opens then.", false);
                } else {
                    self.set_status("This study is open read-only: notes cannot be added or changed here.", true);
                }
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
                    self.confirm_edit("The note stays at its new place.");
                }
                self.report(r);
            }
            StudyCommand::Reattach(id) => match self.focused_passage() {
                Some((doc_index, doc, span)) => {
                    let r = self.study.desk.session.reattach(id, &doc, doc_index, span);
                    if r.is_ok() {
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
                Some(what) => {
                    self.codebook_from_study();
                    self.confirm_edit(format!("Undid: {what}."));
                }
                None => self.set_status("Nothing to undo.", false),
            },
            StudyCommand::Redo => match self.study.desk.session.redo() {
                Some(what) => {
                    self.codebook_from_study();
                    self.confirm_edit(format!("Redid: {what}."));
                }
                None => self.set_status("Nothing to redo.", false),
            },
            StudyCommand::OpenStudyDialog => {
                self.spawn_dialog(ctx, crate::ui::dialogs::DialogKind::OpenStudy, None);
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
                self.spawn_dialog(ctx, crate::ui::dialogs::DialogKind::SaveStudy, Some(name));
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
                self.spawn_dialog(ctx, crate::ui::dialogs::DialogKind::ExportNotes, Some("parallax-notes.md".into()));
            }
            StudyCommand::ExportNotes(path, grouping) => self.export_notes(&path, grouping),
            StudyCommand::ExportProjectDialog => {
                self.spawn_dialog(ctx, crate::ui::dialogs::DialogKind::ExportProject, Some("parallax-study.qdpx".into()));
            }
            StudyCommand::ExportProject(path) => self.export_project(&path),
            StudyCommand::ImportDialog(what) => {
                self.spawn_dialog(ctx, crate::ui::dialogs::DialogKind::Import(what), None);
            }
            StudyCommand::Import(path) => self.import_file(&path),
            StudyCommand::AddImportedArticles => self.add_imported_articles(),
            StudyCommand::CloseImport => self.study.import = None,
            StudyCommand::ExportAnnotationsDialog => {
                self.spawn_dialog(ctx, crate::ui::dialogs::DialogKind::ExportAnnotations, Some("parallax-annotations.jsonld".into()));
            }
            StudyCommand::ExportAnnotations(path) => self.export_annotations(&path),
            StudyCommand::ExportReportDialog => {
                self.spawn_dialog(ctx, crate::ui::dialogs::DialogKind::ExportReport, Some("parallax-report.html".into()));
            }
            StudyCommand::ExportReport(path) => self.export_report(&path),
            StudyCommand::ResolveConflict { keep_mine } => match self.study.desk.session.resolve_conflict(keep_mine) {
                Ok(copy) => {
                    if !keep_mine && let Some(c) = self.corpus.clone() {
                        self.study.desk.session.reanchor(&c);
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
                    self.install_study(empty);
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
            StudyCommand::SetAnswer {
                article,
                key,
                mut answer,
            } => {
                answer.author.clone_from(&self.study.desk.session.author);
                let result = self.study.desk.session.set_answer(&article, &key, answer);
                self.comparison.worksheet_picked(&key);
                self.report(result);
            }
            StudyCommand::Cite { pane, key } => self.cite(pane, &key),
            StudyCommand::CiteHere => match self.comparison.worksheet_current() {
                Some(key) => self.cite(self.focus, &key),
                None => self.set_status(
                    format!(
                        "Pick a question to cite into first: Comparison > Worksheet, then its {} button.",
                        Shortcut::Cite.name()
                    ),
                    false,
                ),
            },
            StudyCommand::DismissStudyNotice(i) => {
                if i < self.study.desk.session.notices.len() {
                    self.study.desk.session.notices.remove(i);
                }
            }
            StudyCommand::RestoreRescued(i) => match self.study.desk.restore_offer(i) {
                Ok(n) => {
                    self.study.compare_offer = None;
                    self.confirm_edit(format!(
                        "Restored the rescued copy: {n} change{} ({} undoes it).",
                        if n == 1 { "" } else { "s" },
                        undo_key()
                    ));
                }
                Err(e) => self.set_status(format!("Cannot restore the copy: {e}"), true),
            },
            StudyCommand::CompareRescued(i) => self.study.compare_offer = i,
            StudyCommand::ShowHistory => {
                if self.study.desk.path().is_none() {
                    self.set_status("The study has no file yet, so no earlier versions are kept.", false);
                } else {
                    self.study.history = Some(crate::ui::notes_ui::HistoryView::new(&self.study.desk));
                }
            }
            StudyCommand::RestoreVersion(path) => match self.study.desk.restore_version(&path) {
                Ok(n) => {
                    if let Some(h) = &mut self.study.history {
                        h.selected = None;
                    }
                    self.confirm_edit(format!(
                        "Restored the earlier version: {n} change{} ({} undoes it).",
                        if n == 1 { "" } else { "s" },
                        undo_key()
                    ));
                }
                Err(e) => self.set_status(format!("Cannot restore that version: {e}"), true),
            },
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
                // The first note written: the first-steps hint has done its work.
                self.settings.first_steps_done = true;
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
        self.notes.select(Some(id));
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
        self.show_places(targets, now);
    }

    /// Show each `(preferred pane, article, offset)`: in the pane that shows the article
    /// already, else the preferred pane, else the focused one; scrolled to the offset.
    pub fn show_places(&mut self, targets: Vec<(Option<Side>, usize, usize)>, now: f64) {
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

/// The undo key as messages name it.
fn undo_key() -> String {
    Shortcut::Undo.name()
}
