//! The framing lens in the reading view: which codebook is in use, which layers show, the
//! analyses of the two panes (computed off the UI thread), and the marks they become.

use std::collections::BTreeSet;
use std::sync::Arc;

use egui::Color32;

use crate::side::Side;
use serde::{Deserialize, Serialize};

use super::doc_view::{Mark, MarkCache, MarkSet, MarkStyle, Ticks};
use crate::analysis::cache::{AnalysisCache, AnalysisJob, JobState, PaneAnalyses};
use crate::analysis::lexicon::{Stance, VerbClass};
use crate::analysis::quotes::QuoteKind;
pub use crate::analysis::shelf::{BookEntry, BookSource, Shelf};
use crate::analysis::{DocAnalysis, Scope};
use crate::document::{ContentHash, Document, Span};

/// Which layers of the lens are drawn. Persisted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LensSettings {
    pub frames: bool,
    pub quotes: bool,
    pub stance: bool,
    pub links: bool,
    pub focus: bool,
    /// Frame ids switched off.
    pub hidden_frames: BTreeSet<String>,
    /// Show the comparison panel.
    pub comparison: bool,
}

impl Default for LensSettings {
    fn default() -> Self {
        Self {
            frames: true,
            quotes: true,
            stance: false,
            links: true,
            focus: false,
            hidden_frames: BTreeSet::new(),
            comparison: true,
        }
    }
}

/// What a pane's lens marks are built from: the document, the codebook, the layers and
/// frames shown, the outlined term and the theme.
#[derive(Debug, Clone, PartialEq, Eq)]
struct MarksKey {
    doc: ContentHash,
    book: String,
    layers: [bool; 3],
    hidden: BTreeSet<String>,
    term: Option<String>,
    dark: bool,
}

type PaneMarks = MarkCache<MarksKey>;

/// The lens marks of an article this long (bytes) or longer are built on a worker thread:
/// a 10 MB article's take about 30 ms, too long for a frame. Shorter ones are built in the
/// frame that wants them (about 3 ms a megabyte).
const BUILD_IN_BACKGROUND: usize = 1 << 20;

type Built = (MarkSet, Vec<(usize, Color32)>);

/// Lens marks being built on a worker thread.
struct MarksJob {
    key: MarksKey,
    rx: std::sync::mpsc::Receiver<Built>,
}

/// The lens state.
pub struct Lens {
    /// The codebooks to pick from and the one in use.
    pub shelf: Shelf,
    pub cache: Arc<AnalysisCache>,
    pub job: Option<AnalysisJob>,
    pub results: PaneAnalyses,
    /// A distinctive term highlighted in both panes.
    pub term: Option<String>,
    /// The frame selected in the comparison view (bar or matrix).
    pub selected_frame: Option<usize>,
    /// The documents and codebook whose analysis ended without results (not retried).
    failed_for: Option<([Option<ContentHash>; 2], String)>,
    marks: [PaneMarks; 2],
    marks_jobs: [Option<MarksJob>; 2],
    /// Wakes the window when marks built on a worker thread are ready.
    wake: Option<egui::Context>,
}

impl Default for Lens {
    fn default() -> Self {
        Self {
            shelf: Shelf::default(),
            cache: Arc::new(AnalysisCache::default()),
            job: None,
            results: PaneAnalyses::default(),
            term: None,
            selected_frame: None,
            failed_for: None,
            marks: Default::default(),
            marks_jobs: Default::default(),
            wake: None,
        }
    }
}

/// Colour of a verb class (underlines and the voices table).
pub fn verb_class_color(class: VerbClass, dark: bool) -> Color32 {
    let (light, darkc) = match class {
        VerbClass::Neutral => ([0x6b, 0x77, 0x85], [0x9a, 0xa5, 0xb1]),
        VerbClass::Distancing => ([0xd9, 0x7b, 0x00], [0xf0, 0xa0, 0x40]),
        VerbClass::Rejecting => ([0xc0, 0x39, 0x2b], [0xf0, 0x6a, 0x5a]),
        VerbClass::Conceding => ([0x7d, 0x3c, 0x98], [0xb7, 0x8b, 0xd1]),
        VerbClass::Endorsing => ([0x1e, 0x84, 0x49], [0x4c, 0xc0, 0x7a]),
    };
    let [r, g, b] = if dark { darkc } else { light };
    Color32::from_rgb(r, g, b)
}

/// The colour of a frame as a translucent highlight.
pub fn frame_fill(rgb: [u8; 3], dark: bool) -> Color32 {
    Color32::from_rgba_unmultiplied(rgb[0], rgb[1], rgb[2], if dark { 95 } else { 80 })
}

pub fn frame_solid(rgb: [u8; 3]) -> Color32 {
    Color32::from_rgb(rgb[0], rgb[1], rgb[2])
}

impl Lens {
    pub fn book(&self) -> &BookEntry {
        self.shelf.book()
    }

    pub fn frame_visible(&self, settings: &LensSettings, frame: usize) -> bool {
        self.book()
            .book
            .frames()
            .get(frame)
            .is_some_and(|f| !settings.hidden_frames.contains(&f.id))
    }

    /// Use codebook `i`; analyses are redone under it.
    pub fn select_book(&mut self, i: usize) {
        if self.shelf.select(i) {
            self.selected_frame = None;
        }
    }

    /// Start analysing the panes' documents unless that is done or under way.
    pub fn request(&mut self, docs: [Option<Arc<Document>>; 2], ctx: &egui::Context) {
        if self.wake.is_none() {
            self.wake = Some(ctx.clone());
        }
        let hashes = docs.clone().map(|d| d.map(|d| d.analysis_key()));
        let key = self.book().key.clone();
        if self.results.is_for(&hashes, &key)
            || self
                .failed_for
                .as_ref()
                .is_some_and(|(h, k)| *h == hashes && *k == key)
        {
            return;
        }
        if self
            .job
            .as_ref()
            .is_some_and(|j| j.hashes == hashes && j.codebook_key == key)
        {
            return;
        }
        let wake = ctx.clone();
        self.job = Some(AnalysisJob::spawn(
            docs,
            self.book().book.clone(),
            key,
            self.cache.clone(),
            move || wake.request_repaint(),
        ));
    }

    /// Take finished analyses. Returns true when new results arrived.
    pub fn poll(&mut self) -> bool {
        self.collect_marks();
        let Some(job) = &self.job else { return false };
        match job.poll() {
            JobState::Running => false,
            JobState::Done(results) => {
                self.job = None;
                self.results = results;
                true
            }
            JobState::Failed => {
                // Keep reading without the lens rather than waiting for ever.
                self.failed_for = Some((job.hashes.clone(), job.codebook_key.clone()));
                self.job = None;
                false
            }
        }
    }

    /// Whether analyses are being computed (or marks built from them).
    pub fn busy(&self) -> bool {
        self.job.is_some() || self.marks_jobs.iter().any(Option::is_some)
    }

    /// Put marks built on worker threads in place. A builder that died leaves no marks
    /// for its key (not built again and again).
    fn collect_marks(&mut self) {
        for pane in Side::BOTH {
            let Some(job) = &self.marks_jobs[pane] else {
                continue;
            };
            let built = match job.rx.try_recv() {
                Ok(built) => built,
                Err(std::sync::mpsc::TryRecvError::Empty) => continue,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    (MarkSet::default(), Vec::new())
                }
            };
            if let Some(job) = self.marks_jobs[pane].take() {
                self.marks[pane].put(job.key, built.0, built.1);
            }
        }
    }

    /// The analysis of what `pane` shows, when it is current.
    pub fn analysis(&self, pane: Side, doc: &Document) -> Option<&Arc<DocAnalysis>> {
        let current = self.results.hashes[pane].as_ref() == Some(&doc.analysis_key())
            && self.results.codebook_key == self.book().key;
        current.then(|| self.results.docs[pane].as_ref()).flatten()
    }

    /// The comparison of the two panes, when current.
    pub fn comparison(
        &self,
        docs: [Option<&Document>; 2],
    ) -> Option<&Arc<crate::analysis::Comparison>> {
        let hashes = docs.map(|d| d.map(|d| d.analysis_key()));
        self.results
            .is_for(&hashes, &self.book().key)
            .then_some(self.results.comparison.as_ref())
            .flatten()
    }

    /// The lens marks of a pane (cached until the document, codebook or layers change). A
    /// long article's are built on a worker thread: until they are in, the article's
    /// previous marks stay up (or none show).
    pub fn marks(
        &mut self,
        pane: Side,
        doc: &Arc<Document>,
        settings: &LensSettings,
        dark: bool,
    ) -> (Arc<MarkSet>, Ticks) {
        self.marks_in(
            pane,
            doc,
            settings,
            dark,
            doc.text.len() >= BUILD_IN_BACKGROUND,
        )
    }

    /// [`Lens::marks`], built here and now whatever the article's length.
    pub fn marks_now(
        &mut self,
        pane: Side,
        doc: &Arc<Document>,
        settings: &LensSettings,
        dark: bool,
    ) -> (Arc<MarkSet>, Ticks) {
        self.marks_in(pane, doc, settings, dark, false)
    }

    fn marks_in(
        &mut self,
        pane: Side,
        doc: &Arc<Document>,
        settings: &LensSettings,
        dark: bool,
        background: bool,
    ) -> (Arc<MarkSet>, Ticks) {
        let key = MarksKey {
            doc: doc.analysis_key(),
            book: self.book().key.clone(),
            layers: [settings.frames, settings.quotes, settings.stance],
            hidden: settings.hidden_frames.clone(),
            term: self.term.clone(),
            dark,
        };
        if let Some(hit) = self.marks[pane].get(&key) {
            return hit;
        }
        // Marks being built for other layers, term or theme are no longer wanted.
        if self.marks_jobs[pane].as_ref().is_some_and(|j| j.key != key) {
            self.marks_jobs[pane] = None;
        }
        let Some(analysis) = self.analysis(pane, doc).cloned() else {
            // While the document is re-analysed (the codebook or a layer changed), its
            // previous marks stay up rather than the text going bare.
            return self.stand_in(pane, &key, dark, self.busy());
        };
        if self.marks_jobs[pane].is_some() {
            return self.stand_in(pane, &key, dark, true);
        }
        let book = self.book().book.clone();
        let term = self.term.clone();
        if background {
            let (tx, rx) = std::sync::mpsc::channel();
            let job = (doc.clone(), analysis.clone(), settings.clone());
            let (book, term, wake) = (book.clone(), term.clone(), self.wake.clone());
            let spawned = crate::background::spawn("parallax-marks", move || {
                let (doc, analysis, settings) = job;
                let built = build_marks(&book, term.as_deref(), &doc, &analysis, &settings, dark);
                if tx.send(built).is_ok()
                    && let Some(w) = wake
                {
                    w.request_repaint();
                }
            });
            if spawned.is_ok() {
                self.marks_jobs[pane] = Some(MarksJob {
                    key: key.clone(),
                    rx,
                });
                return self.stand_in(pane, &key, dark, true);
            }
            // No thread: built here after all.
        }
        let (marks, ticks) = build_marks(&book, term.as_deref(), doc, &analysis, settings, dark);
        self.marks[pane].put(key, marks, ticks)
    }

    /// What shows while a pane's marks are not ready: the article's previous marks (when
    /// `keep`), else none.
    fn stand_in(
        &self,
        pane: Side,
        key: &MarksKey,
        dark: bool,
        keep: bool,
    ) -> (Arc<MarkSet>, Ticks) {
        keep.then(|| self.marks[pane].last_if(|k| k.doc == key.doc && k.dark == dark))
            .flatten()
            .unwrap_or_else(|| (Arc::new(MarkSet::default()), Arc::new(Vec::new())))
    }
}

/// The lens marks of an article and its overview ticks: frame cues, quotes, stance and the
/// outlined distinctive term, as `settings` and the theme draw them.
fn build_marks(
    book: &crate::analysis::codebook::CompiledCodebook,
    term: Option<&str>,
    doc: &Document,
    a: &DocAnalysis,
    settings: &LensSettings,
    dark: bool,
) -> Built {
    let frames = book.frames();
    let mut marks = Vec::new();
    let mut ticks: Vec<(usize, Color32)> = Vec::new();
    let mut seen_ticks: rustc_hash::FxHashSet<(usize, [u8; 3])> = Default::default();
    if settings.frames {
        // Per frame once: visible?, fill and tick colours. Per (frame, cue) once: the tip.
        let per_frame: Vec<(bool, Color32, Color32, [u8; 3])> = frames
            .iter()
            .map(|f| {
                let rgb = f.rgb();
                (
                    !settings.hidden_frames.contains(&f.id),
                    frame_fill(rgb, dark),
                    frame_solid(rgb),
                    rgb,
                )
            })
            .collect();
        // Fast hashing: a 10 MB article has hundreds of thousands of cue hits.
        let mut tips: rustc_hash::FxHashMap<(usize, &str), Arc<str>> = Default::default();
        for h in &a.frames.hits {
            let (visible, fill, solid, rgb) = per_frame[h.frame];
            if !visible {
                continue;
            }
            let tip = tips
                .entry((h.frame, &h.cue[..]))
                .or_insert_with(|| {
                    Arc::from(format!(
                        "Frame: {}\nCue: “{}” (cue-based)",
                        frames[h.frame].name, h.cue
                    ))
                })
                .clone();
            marks.push(Mark {
                span: h.span.clone(),
                style: MarkStyle::Fill(fill),
                tip: Some(tip),
                focus: true,
                group: None,
                owner: None,
            });
            if seen_ticks.insert((h.block, rgb)) {
                ticks.push((h.block, solid));
            }
        }
    }
    if settings.quotes {
        for q in a
            .quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Comment && q.scope == Scope::Article)
        {
            let color = q
                .verb_class
                .map_or(Color32::GRAY, |c| verb_class_color(c, dark));
            let who = q.speaker.clone().unwrap_or_else(|| "unattributed".into());
            let anon = if q.anonymous { " (anonymous)" } else { "" };
            let verb = match (&q.verb, q.verb_class) {
                (Some(v), Some(c)) => format!("“{v}” — {}", c.as_str()),
                _ => "no reporting verb".into(),
            };
            let kind = q.kind.label();
            let how = q
                .resolution
                .filter(|_| q.speaker_mention.is_some())
                .map(|r| {
                    let mention = q
                        .speaker_mention
                        .as_ref()
                        .map(|m| doc.text[m.clone()].to_owned())
                        .unwrap_or_default();
                    format!("\nNamed here as “{mention}” ({})", r.explain())
                })
                .unwrap_or_default();
            let tip: Arc<str> =
                Arc::from(format!("Speaker: {who}{anon}\nVerb: {verb}\n({kind}){how}"));
            // Content, cue and the speaker's mention light up together on hover.
            let parts: Arc<[Span]> = std::iter::once(q.span.clone())
                .chain(q.cue.clone())
                .chain(q.speaker_mention.clone())
                .collect();
            let mut m = Mark::new(q.span.clone(), MarkStyle::Underline(color), tip.clone());
            m.group = Some(parts.clone());
            marks.push(m);
            for part in q.cue.iter().chain(q.speaker_mention.iter()) {
                let mut m = Mark::new(part.clone(), MarkStyle::Dashed(color), tip.clone());
                m.group = Some(parts.clone());
                marks.push(m);
            }
        }
    }
    if settings.stance {
        for m in a.stance.marks.iter().filter(|m| m.scope == Scope::Article) {
            let (color, what) = match m.stance {
                Stance::Hedge => (Color32::from_rgb(0x2f, 0x8f, 0xd8), "Hedge"),
                Stance::Booster => (Color32::from_rgb(0xe0, 0x4b, 0x3a), "Booster"),
            };
            marks.push(Mark::new(
                m.span.clone(),
                MarkStyle::Dashed(color),
                format!("{what}: “{}”", m.marker),
            ));
        }
    }
    if let Some(term) = term {
        let accent = if dark {
            Color32::from_rgb(0xff, 0xd1, 0x4d)
        } else {
            Color32::from_rgb(0xb3, 0x6b, 0x00)
        };
        for span in crate::document::search::find_all(
            doc,
            term,
            crate::document::search::FindOptions {
                case_sensitive: false,
                whole_word: true,
            },
        ) {
            marks.push(Mark::new(
                span,
                MarkStyle::Outline(accent),
                format!("Distinctive word: “{term}”"),
            ));
        }
    }
    ticks.sort_by_key(|t| t.0);
    (MarkSet::new(marks), ticks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn settle(lens: &mut Lens) {
        for _ in 0..2000 {
            if lens.poll() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        panic!("the analysis did not finish");
    }

    #[test]
    fn marks_stay_up_while_the_text_is_analysed_under_another_codebook() {
        let ctx = egui::Context::default();
        let doc = Arc::new(Document::from_text(
            "a.txt",
            Format::Text,
            "Title\n\nThe two governments are on the same side against a common enemy.\n",
        ));
        let settings = LensSettings::default();
        let mut lens = Lens::default();
        lens.request([Some(doc.clone()), None], &ctx);
        settle(&mut lens);
        let (before, _) = lens.marks(Side::Left, &doc, &settings, true);
        assert!(!before.is_empty());
        lens.select_book(1);
        lens.request([Some(doc.clone()), None], &ctx);
        assert!(lens.busy());
        let (during, _) = lens.marks(Side::Left, &doc, &settings, true);
        assert!(Arc::ptr_eq(&before, &during), "the previous marks stay up");
        settle(&mut lens);
        let (after, _) = lens.marks(Side::Left, &doc, &settings, true);
        assert!(
            !Arc::ptr_eq(&before, &after),
            "the new codebook's marks replace them"
        );
        // Another document never borrows this one's marks.
        let other = Arc::new(Document::from_text(
            "b.txt",
            Format::Text,
            "Other\n\nText.\n",
        ));
        lens.request([Some(other.clone()), None], &ctx);
        let (foreign, _) = lens.marks(Side::Left, &other, &settings, true);
        assert!(foreign.is_empty());
    }
}
