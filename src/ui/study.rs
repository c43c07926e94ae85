//! The study in the window: the open session, autosaving off the UI thread, conflicts and
//! other problems with the file, the note being written, and the marks notes add to the panes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{Color32, Context};

use super::commands::Side;
use super::doc_view::{Mark, MarkCache, MarkSet, MarkStyle, Ticks};
use super::lens::frame_solid;
use crate::analysis::codebook::CompiledCodebook;
use crate::document::{ContentHash, Document, Span};
use crate::notes::anchor::Resolved;
use crate::notes::desk::{self, StudyDesk};
use crate::notes::export::Grouping;
use crate::notes::model::{ContrastLink, Note, NoteKind};
use crate::notes::session::{PlacesVersion, Problem, Session};

pub use crate::notes::desk::AUTOSAVE_DELAY;
/// How many recently used codes are remembered.
pub(crate) const MAX_RECENT_CODES: usize = 12;

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
    crate::analysis::codebook::code_name(Some(&book.book), code)
}

pub use crate::notes::draft::{Draft, DraftTarget};
pub use crate::notes::query::{KindFilter, NoteLists as PanelLists, NoteQuery, NoteSort};

/// For each pane, for each frame of the codebook: the (note id, span) of passages coded with it.
pub type CodedByFrame = [Vec<Vec<(u64, Span)>>; 2];
/// Note id → the note (shared copy) its hover text was made from, and the text.
type TipCache = rustc_hash::FxHashMap<u64, (Arc<Note>, bool, Arc<str>)>;
type CodedKey = (u64, PlacesVersion, [Option<usize>; 2], String);

/// Cached note marks of one pane: by document, its notes' marks version, codebook and theme.
type PaneNoteMarks = MarkCache<(ContentHash, PlacesVersion, String, bool)>;

/// The study side of the app.
pub struct StudyUi {
    /// The open study, its autosave and its journal.
    pub desk: StudyDesk,
    /// A big study being read on a worker thread.
    pub opening: Option<desk::Opening>,
    /// The folder is still being read: its study opens when the whole folder is in (an
    /// empty read-only one stands in meanwhile).
    pub waiting: bool,
    /// The rescued copy shown beside the study (Compare…).
    pub compare_offer: Option<usize>,
    /// The codebook key last recorded in the study.
    pub(crate) book_key: Option<String>,
    pub(crate) marks: [PaneNoteMarks; 2],
    /// Hover text of each note's marks, kept while the note (same shared copy) and the
    /// codebook stay the same: after an edit only the edited note's is made again.
    pub(crate) tips: (String, TipCache),
    /// Passages coded by hand per pane and frame, for the comparison view (drawn every
    /// frame; made again only when notes, places, articles or codebook change).
    pub(crate) coded: std::cell::RefCell<Option<(CodedKey, Arc<CodedByFrame>)>>,
    pub draft: Option<Draft>,
    /// The folder the study belongs to (None: the bundled example).
    pub folder: Option<PathBuf>,
    /// Show the study-file window (path field for Open study… and Save study as…).
    pub path_window: bool,
    pub path_input: String,
    /// Grouping for the export being chosen in the dialog.
    pub export_grouping: Grouping,
    /// The study history window, when open.
    pub history: Option<crate::ui::notes_ui::HistoryView>,
    /// What the last import brought in and left out (its window, while open).
    pub import: Option<ImportView>,
    /// The import path field, while open (no file dialog here).
    pub import_path: Option<(crate::ui::dialogs::Incoming, String)>,
}

/// The report of an import, with the offer to add the sources the folder lacks.
#[derive(Debug, Clone)]
pub struct ImportView {
    pub path: PathBuf,
    pub notes: usize,
    pub links: usize,
    /// Names of the codes that became new frames.
    pub frames: Vec<String>,
    /// `(source, article, how it was matched)`.
    pub matched: Vec<(String, String, &'static str)>,
    pub report: Vec<String>,
    pub unmatched: Vec<crate::exchange::import::Unmatched>,
    /// Articles written into the folder, waiting for the folder to be read again before
    /// the project is imported once more (what came in already is not doubled).
    pub waiting: Option<Vec<String>>,
}

impl StudyUi {
    pub fn new(ctx: &Context) -> Self {
        let wake = ctx.clone();
        Self {
            desk: StudyDesk::new(move || wake.request_repaint()),
            opening: None,
            waiting: false,
            compare_offer: None,
            book_key: None,
            marks: Default::default(),
            tips: Default::default(),
            coded: Default::default(),
            draft: None,
            folder: None,
            path_window: false,
            path_input: String::new(),
            export_grouping: Grouping::ByCode,
            history: None,
            import: None,
            import_path: None,
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
        if self.waiting {
            return ("Notes open once the folder is read".to_owned(), false);
        }
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
    pub(crate) fn install(&mut self, prepared: desk::Prepared) {
        self.desk.install(prepared);
        self.opening = None;
        self.waiting = false;
        self.book_key = None;
        self.draft = None;
    }

    /// Note marks and overview ticks of one pane, cached until this article's notes,
    /// links or their places change; after a change to a few of them only theirs are made
    /// again.
    pub fn marks(
        &mut self,
        pane: Side,
        doc_index: usize,
        doc: &Document,
        book: &CompiledCodebook,
        book_key: &str,
        dark: bool,
    ) -> (Arc<MarkSet>, Ticks) {
        // Only a change to this article's notes (or to the codebook, theme or article)
        // makes them again: a note added on the other article leaves them be.
        let session = &self.desk.session;
        let key = (
            doc.analysis_key(),
            session.marks_version(doc_index),
            book_key.to_owned(),
            dark,
        );
        if let Some(hit) = self.marks[pane].get(&key) {
            return hit;
        }
        if self.tips.0 != book_key {
            self.tips = (book_key.to_owned(), TipCache::default());
        }
        let mut maker = MarkMaker {
            session,
            doc_index,
            doc,
            book,
            dark,
            tips: &mut self.tips.1,
            colors: Default::default(),
        };
        // A few notes changed since the marks in the cache were made: replace theirs.
        if let Some((after, changed)) = session.marks_changes(doc_index)
            && changed.len() <= MAX_PATCHED
        {
            let from = (doc.analysis_key(), after, book_key.to_owned(), dark);
            let patched = self.marks[pane].update(&from, key.clone(), |set| {
                set.retain(|m| m.owner.is_none_or(|o| !changed.contains(&o)));
                let mut fresh = Vec::new();
                for &id in changed {
                    if let Some(n) = session.study.note_shared(id) {
                        maker.note(n, &mut fresh);
                    } else if let Some(l) = session.study.link(id) {
                        maker.link(l, &mut fresh);
                    }
                }
                for m in fresh {
                    set.push(m);
                }
                maker.ticks(set)
            });
            if let Some(hit) = patched {
                return hit;
            }
        }
        let mut marks = Vec::new();
        for n in &session.study.notes {
            maker.note(n, &mut marks);
        }
        for l in &session.study.links {
            maker.link(l, &mut marks);
        }
        let marks = MarkSet::new(marks);
        let ticks = maker.ticks(&marks);
        if self.tips.1.len() > session.study.notes.len() + 64 {
            let study = &session.study;
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
            self.desk.session.places_version(),
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

/// Above this many changed notes, a pane's note marks are made anew rather than patched.
const MAX_PATCHED: usize = 64;

/// Makes the marks of notes and links on one article.
struct MarkMaker<'a> {
    session: &'a Session,
    doc_index: usize,
    doc: &'a Document,
    book: &'a CompiledCodebook,
    dark: bool,
    /// Hover texts kept from earlier (made again only for a changed note).
    tips: &'a mut TipCache,
    /// A code's colour, looked up once per code rather than once per note.
    colors: rustc_hash::FxHashMap<String, Color32>,
}

impl MarkMaker<'_> {
    /// The marks of note `n` on this article (none when it is placed elsewhere or nowhere).
    fn note(&mut self, n: &Arc<Note>, out: &mut Vec<Mark>) {
        let Some(place) = self.session.placements.get(&n.id) else {
            return;
        };
        let Some((d, span)) = place.span() else {
            return;
        };
        if d != self.doc_index {
            return;
        }
        let check = n.review.is_some() || matches!(place.resolved, Resolved::Fuzzy { .. });
        let tip = match self.tips.get(&n.id) {
            Some((note, c, tip)) if Arc::ptr_eq(note, n) && *c == check => tip.clone(),
            _ => {
                let tip: Arc<str> = Arc::from(note_tip(n, check, self.book));
                self.tips.insert(n.id, (n.clone(), check, tip.clone()));
                tip
            }
        };
        let owned = |mut m: Mark| {
            m.owner = Some(n.id);
            m
        };
        let note_c = note_color(self.dark);
        if span.is_empty() {
            out.push(owned(Mark::new(
                point_span(self.doc, span.start),
                MarkStyle::Point(note_c),
                tip.clone(),
            )));
        } else if n.kind != NoteKind::Coding {
            out.push(owned(Mark::new(
                span.clone(),
                MarkStyle::Note(note_c),
                tip.clone(),
            )));
        }
        for (level, code) in n.codes.iter().enumerate() {
            let c = match self.colors.get(code) {
                Some(c) => *c,
                None => *self
                    .colors
                    .entry(code.clone())
                    .or_insert_with(|| code_color(self.book, code)),
            };
            let mut m = owned(Mark::new(
                span.clone(),
                MarkStyle::Coded(c, level.min(255) as u8),
                tip.clone(),
            ));
            m.focus = true;
            out.push(m);
        }
    }

    /// The marks of link `l`'s sides on this article.
    fn link(&self, l: &ContrastLink, out: &mut Vec<Mark>) {
        let Some(places) = self.session.link_placements.get(&l.id) else {
            return;
        };
        for (side, p) in places.iter().enumerate() {
            let Some((d, span)) = p.span() else { continue };
            if d != self.doc_index {
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
            let mut m = Mark::new(span, MarkStyle::Note(link_color(self.dark)), tip);
            m.owner = Some(l.id);
            out.push(m);
        }
    }

    /// The overview ticks of these marks: (block, colour), each once.
    fn ticks(&self, marks: &MarkSet) -> Vec<(usize, Color32)> {
        let mut ticks: Vec<(usize, Color32)> = marks
            .iter()
            .filter_map(|m| {
                let c = match m.style {
                    MarkStyle::Point(c) | MarkStyle::Note(c) | MarkStyle::Coded(c, _) => c,
                    _ => return None,
                };
                self.doc.block_at(m.span.start).map(|b| (b, c))
            })
            .collect();
        ticks.sort_unstable_by_key(|t| (t.0, t.1.to_array()));
        ticks.dedup();
        ticks
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::codebook::Codebook;
    use crate::notes::anchor::anchor_for;
    use crate::notes::model::{Relation, Target};
    use crate::notes::session::NewNote;

    /// A mark set as a sorted list of what each mark is (order among equal spans aside).
    fn canon(set: &MarkSet) -> Vec<String> {
        let mut v: Vec<String> = set.iter().map(|m| format!("{m:?}")).collect();
        v.sort();
        v
    }

    #[test]
    fn note_marks_patched_after_a_change_are_the_marks_made_anew() {
        let (_dir, corpus) = crate::corpus::testing::folder(&[
            (
                "a.txt",
                "Title A\n\nKerry denied coordinating with Tehran on the talks.",
            ),
            ("b.txt", "Title B\n\nTehran said the talks went well."),
        ]);
        let (a, b) = (&corpus.documents[0], &corpus.documents[1]);
        let book = CompiledCodebook::new(Codebook::default());
        let code = "engagement".to_owned();
        let ctx = Context::default();
        let mut study = StudyUi::new(&ctx);
        study.desk.session.reanchor(&corpus);
        let at = |d: &Document, w: &str| {
            let i = d.text.find(w).unwrap();
            anchor_for(d, i..i + w.len())
        };
        let add = |study: &mut StudyUi, w: &str, codes: Vec<String>| {
            let id = study
                .desk
                .session
                .add_note(NewNote {
                    kind: NoteKind::Observation,
                    target: Target::Passage(at(a, w)),
                    text: format!("On {w}."),
                    codes,
                })
                .unwrap();
            study.desk.session.refresh_placements(&corpus);
            id
        };
        let marks = |study: &mut StudyUi, pane: Side, doc: usize| {
            study
                .marks(pane, doc, &corpus.documents[doc], &book, "k", false)
                .0
        };
        let fresh = |study: &StudyUi, doc: usize| {
            // Another window onto the same session: its caches are empty, so it makes all.
            let mut other = StudyUi::new(&ctx);
            other.desk.session.study = study.desk.session.study.clone();
            other.desk.session.reanchor(&corpus);
            canon(
                &other
                    .marks(Side::Left, doc, &corpus.documents[doc], &book, "k", false)
                    .0,
            )
        };
        let first = add(&mut study, "denied", vec![code.clone()]);
        let before_b = marks(&mut study, Side::Right, 1);
        let shown = marks(&mut study, Side::Left, 0);
        assert_eq!(shown.len(), 2, "the note's line and its code's");
        // Add, edit, link, delete: each time the left pane's marks are patched, and equal
        // to marks made from scratch; the right pane's are kept while its notes stay.
        let second = add(&mut study, "Tehran", vec![]);
        let patched = marks(&mut study, Side::Left, 0);
        assert_eq!(canon(&patched), fresh(&study, 0));
        assert_eq!(patched.len(), 3);
        assert!(Arc::ptr_eq(&before_b, &marks(&mut study, Side::Right, 1)));
        study
            .desk
            .session
            .update_note(first, |n| n.codes.clear())
            .unwrap();
        study.desk.session.refresh_placements(&corpus);
        assert_eq!(canon(&marks(&mut study, Side::Left, 0)), fresh(&study, 0));
        assert_eq!(
            marks(&mut study, Side::Left, 0).len(),
            2,
            "the code's line went"
        );
        study
            .desk
            .session
            .add_link(
                at(a, "talks"),
                at(b, "talks"),
                Relation::Contradicts,
                String::new(),
            )
            .unwrap();
        study.desk.session.refresh_placements(&corpus);
        assert_eq!(canon(&marks(&mut study, Side::Left, 0)), fresh(&study, 0));
        assert_eq!(canon(&marks(&mut study, Side::Right, 1)), fresh(&study, 1));
        assert_eq!(
            marks(&mut study, Side::Right, 1).len(),
            1,
            "the link's side"
        );
        study.desk.session.delete_note(second).unwrap();
        study.desk.session.refresh_placements(&corpus);
        let after = marks(&mut study, Side::Left, 0);
        assert_eq!(canon(&after), fresh(&study, 0));
        assert_eq!(after.len(), 2, "the first note's line and the link's side");
    }
}
